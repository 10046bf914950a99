"""Speaker labels the metadata does not account for: never a silent misattribution.

A label mistyped in the metadata matches nothing, so its speaker's words
would be read as the previous speaker's (the host's questions inside the
guest's turns). Three checks stop the build instead, run on what the reader
found (model.Paragraph) and what attribution made of it:

- a label-like prefix at the start of paragraphs (`Name:`, `**Name：**`,
  `### Name:`) that recurs and that no speaker claims (allowed explicitly
  with `layout.not_labels` where it is text, `注意：`);
- a label in the metadata that matches no paragraph;
- a speaker in the metadata with no turn (allowed with `has_turns: false`).

`build_site.py new` uses the same detector to propose labels.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .languages import HAN_CHAR

# `Name:` / `Name：`, `**Name:**` / `**Name**:`, `### Name:`, after an optional timestamp
LABEL_LIKE = re.compile(
    r"^\s*(?:\\?[\[(]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\\?[\])]\s*)?(?:#{1,6}\s*)?(?:\*\*)?\s*"
    r"(?P<label>[^\s:：*#\d\[(（\\`<][^:：*\n\\`<>]{0,29}?)\s*(?:\*\*)?\s*[:：]")
NOT_IN_A_NAME = re.compile(r"[，。,!?？！；;、“”\"「」《》…]")
MAX_HAN = 10  # 主持人Hannah Fry, 德米斯·哈萨比斯
MAX_LATIN_WORDS = 4  # Speaker 1, Dr. Jane Smith
RECURS = 2  # a prefix seen this often at the start of paragraphs counts as a label


def label_key(label: str) -> str:
    return "".join(label.split()).casefold()


def looks_like_name(label: str) -> bool:
    """A short name, not the start of a sentence: at most a few Han
    characters, or a few capitalised Latin words (`Speaker 1`, `Hannah Fry`)."""
    if NOT_IN_A_NAME.search(label):
        return False
    han = len(HAN_CHAR.findall(label))
    words = re.findall(r"[A-Za-z0-9][\w.'’-]*", label)
    if han:
        return han <= MAX_HAN and len(words) <= 2
    return 0 < len(words) <= MAX_LATIN_WORDS and all(w[0].isupper() or w[0].isdigit() for w in words)


def label_prefix(text: str) -> str | None:
    """The label-like prefix a paragraph starts with, or None."""
    match = LABEL_LIKE.match(text)
    if match and looks_like_name(match.group("label").strip()):
        return match.group("label").strip()
    return None


@dataclass
class Candidate:
    label: str  # as first written
    count: int
    line: int  # first source line


def label_candidates(lines) -> list[Candidate]:
    """Label-like prefixes of (line number, text) pairs, most frequent first."""
    counts: Counter = Counter()
    first: dict[str, tuple[str, int]] = {}
    for number, text in lines:
        label = label_prefix(text)
        if label:
            key = label_key(label)
            counts[key] += 1
            first.setdefault(key, (label, number))
    return [Candidate(first[key][0], n, first[key][1]) for key, n in counts.most_common()]


def _paragraph_text(paragraph) -> str:
    return next(iter(paragraph.texts.values()), "")


def unclaimed_label(paragraphs, meta) -> Candidate | None:
    """The most frequent recurring label-like prefix that is neither a
    speaker's label nor listed in `layout.not_labels`."""
    known = {label_key(label) for s in meta["speakers"] for label in s["labels"]}
    allowed = {label_key(label) for label in meta["layout"]["not_labels"]}
    lines = [(p.line, _paragraph_text(p)) for p in paragraphs if p.texts and p.label is None]
    for candidate in label_candidates(lines):
        key = label_key(candidate.label)
        if candidate.count >= RECURS and key not in known and key not in allowed:
            return candidate
    return None


def unused_labels(paragraphs, meta) -> list[tuple[int, int]]:
    """(speaker index, label index) of every metadata label no paragraph carries."""
    seen = {label_key(p.label) for p in paragraphs if p.label}
    return [(i, j) for i, s in enumerate(meta["speakers"]) for j, label in enumerate(s["labels"])
            if label_key(label) not in seen]


def silent_speakers(turns, meta) -> list[int]:
    """Indexes of speakers with no turn who are not declared `has_turns: false`."""
    speaking = {t.speaker for t in turns}
    return [i for i, s in enumerate(meta["speakers"]) if s["has_turns"] and s["id"] not in speaking]
