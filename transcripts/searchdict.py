"""The names a traditional query must find whole, generated from the data.

The search index does not need words (it stores character pairs), but the
table that converts a traditional query does: it maps each word's
traditional spellings back to it (hanzi.query_table), so 通用人工智慧 becomes
通用人工智能. Every Chinese concept name and alias (simplified and OpenCC
traditional) and every speaker's Chinese name (and its parts around ·) is a word.
"""
from __future__ import annotations

import re

from .hanzi import HAN_RUN


def words(concepts, interviews) -> list[str]:
    found = set()
    for concept in concepts:
        found.update(w for w in [concept.zh, *concept.aliases_zh, *concept.hant])
    for interview in interviews:
        for speaker in interview.meta["speakers"]:
            name = speaker["name_zh"] or ""
            found.update([name, *name.split("·")])
    return sorted(w for w in found if HAN_RUN.search(w) and not re.search(r"\s", w))
