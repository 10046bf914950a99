"""Stage 6: permanent, readable anchors for passages, turns and sections.

An id depends only on the passage's own text (normalised: width, case,
whitespace and punctuation folded), never on its position or build order, so
inserting or moving other passages does not change it. Ids are short: `q-`
and six hex digits of a hash; a collision on one page lengthens the hash
deterministically.
"""
from __future__ import annotations

import hashlib
import unicodedata

from .model import Interview


def normalise_for_id(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if c.isalnum())


def _digest(text: str) -> str:
    return hashlib.sha1(normalise_for_id(text).encode("utf-8")).hexdigest()


def _unique(prefix: str, text: str, taken: set[str]) -> str:
    digest = _digest(text)
    for length in range(6, len(digest) + 1):
        candidate = f"{prefix}-{digest[:length]}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    # identical text twice on a page: number the repeats in order
    n = 2
    while f"{prefix}-{digest[:6]}-{n}" in taken:
        n += 1
    taken.add(f"{prefix}-{digest[:6]}-{n}")
    return f"{prefix}-{digest[:6]}-{n}"


def assign_ids(interview: Interview) -> None:
    taken: set[str] = {"intro", "meta"}
    for section in interview.sections:
        if section.title:
            section.id = _unique("s", section.title, taken)
        for turn in section.turns:
            for passage in turn.passages:
                passage.id = _unique("q", "\n".join(passage.texts[k] for k in sorted(passage.texts)), taken)
            turn.id = "t" + turn.passages[0].id[1:]
            taken.add(turn.id)
