"""Words jieba must keep whole, generated from the data.

The search index does not need words (it stores character pairs), but the
table that converts a traditional query does: it maps each word's
traditional spellings back to it (hanzi.query_table), and jieba's own
dictionary splits 预训练 into 预 / 训练 and 伊利亚 into single characters.
Every Chinese concept name and alias (simplified and OpenCC traditional) and
every speaker's Chinese name (and its parts around ·) is added as a word.
"""
from __future__ import annotations

import re

from .hanzi import HAN_RUN

# High enough that jieba keeps the word whole rather than splitting it.
FREQUENCY = 50000


def words(concepts, interviews) -> list[str]:
    found = set()
    for concept in concepts:
        found.update(w for w in [concept.zh, *concept.aliases_zh, *concept.hant])
    for interview in interviews:
        for speaker in interview.meta["speakers"]:
            name = speaker["name_zh"] or ""
            found.update([name, *name.split("·")])
    return sorted(w for w in found if HAN_RUN.search(w) and not re.search(r"\s", w))
