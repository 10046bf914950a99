"""Corrections (`sources/<slug>.corrections.yml`): restore what the speaker said, in the open.

Each entry replaces `find` by `replace` in every passage, or only inside the
longer `within` strings where the word is ambiguous. Matching ignores width
and whitespace (not case), so entries copied from the raw source match the cleaned text.
The passage keeps the original next to each correction, so pages can mark it
and show the source words; an entry that matches nothing is stale and stops
the build.

Each correction has a weight, which decides how a page shows it (render.py):
`fact` (it changes what the text says: a reversed meaning, a name, a number,
a technical term) is marked where it happens, with its note; `style` (it
restores wording a synonym-spinning tool or a typist changed) is counted once
in the page's editor's note. The weight follows the kind (WEIGHT_OF_KIND); an
entry's own `weight:` overrides it where the kind alone is wrong, such as a
spun technical term (标志 for token) filed as `wording`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError
from .punctuation import normalise_chinese_punctuation
from .schema import ListOf, Mapping, Text, entry_lines, load_yaml
from .textmatch import FoldedText, fold

KINDS = ("meaning", "wording", "transcription", "typo")
WEIGHTS = ("fact", "style")
# meaning: the source says something else (痴呆 for 聪明); transcription: a
# misheard name, title or term (Suitskiver); wording: a synonym a tool swapped
# in (咱们 for 我们); typo: a wrong or doubled character (叶 for 也, 它它)
WEIGHT_OF_KIND = {"meaning": "fact", "transcription": "fact", "wording": "style", "typo": "style"}
ENTRY = Mapping({
    "find": Text(),
    "replace": Text(required=False),
    "kind": Text(choices=KINDS),
    "weight": Text(required=False, choices=WEIGHTS),
    "why": Text(),
    "within": ListOf(Text()),
})
FILE = Mapping({"corrections": ListOf(ENTRY, required=True)})


@dataclass
class Correction:
    find: str
    replace: str
    kind: str
    why: str
    within: list[str]
    line: int | None
    path: str
    weight: str = ""  # WEIGHTS; empty: the weight of its kind

    def __post_init__(self):
        self.weight = self.weight or WEIGHT_OF_KIND[self.kind]


@dataclass
class Applied:
    """One correction inside one passage text: text[start:end] of the corrected text."""
    lang: str
    start: int
    end: int
    original: str
    kind: str
    why: str
    weight: str = "fact"
    replacement: str = ""  # the corrected words, text[start:end]


def load_corrections(path: Path) -> list[Correction]:
    data = load_yaml(path, FILE)
    lines = entry_lines(path, "corrections")
    out = []
    for i, entry in enumerate(data["corrections"]):
        line = lines[i] if i < len(lines) else None
        for context in entry["within"]:
            if fold(entry["find"]) not in fold(context):
                raise BuildError(path, f"corrections[{i}].within: {context!r} does not contain {entry['find']!r}", line=line)
        replacement = normalise_chinese_punctuation(entry["replace"] or "")  # as the cleaned text
        out.append(Correction(entry["find"], replacement, entry["kind"], entry["why"],
                              entry["within"], line, str(path), entry["weight"] or ""))
    return out


def _claims(text: str, corrections: list[Correction], counts: list[int]):
    """Non-overlapping (start, end, correction) in the original text; earlier entries win."""
    claimed: list[tuple[int, int, Correction]] = []
    folded = FoldedText(text)  # case matters: `GBT` and `gbt` may need different corrections
    for n, correction in enumerate(corrections):
        found = folded.spans(correction.find)
        if correction.within:
            allowed = [span for context in correction.within for span in folded.spans(context)]
            found = [(s, e) for s, e in found if any(a <= s and e <= b for a, b in allowed)]
        for start, end in found:
            if all(end <= s or start >= e for s, e, _ in claimed):
                claimed.append((start, end, correction))
                counts[n] += 1
    return sorted(claimed, key=lambda c: c[0])


def correct_text(text: str, lang: str, corrections: list[Correction], counts: list[int]):
    """Return (corrected text, [Applied])."""
    out, applied, position = [], [], 0
    for start, end, correction in _claims(text, corrections, counts):
        out.append(text[position:start])
        begin = sum(len(piece) for piece in out)
        out.append(correction.replace)
        applied.append(Applied(lang, begin, begin + len(correction.replace), text[start:end],
                               correction.kind, correction.why, correction.weight, correction.replace))
        position = end
    out.append(text[position:])
    return "".join(out), applied


def apply_corrections(interview, corrections: list[Correction]) -> list[int]:
    """Correct every passage in place; return how often each entry applied."""
    counts = [0] * len(corrections)
    for section in interview.sections:
        if section.title:
            corrected, applied = correct_text(section.title, section.lang, corrections, counts)
            if applied:
                section.original_title, section.title = section.title, corrected
                section.corrections = applied
    for passage in interview.passages():
        for lang, text in list(passage.texts.items()):
            corrected, applied = correct_text(text, lang, corrections, counts)
            if applied:
                passage.original_texts.setdefault(lang, text)
                passage.texts[lang] = corrected
                passage.corrections.extend(applied)
    for correction, count in zip(corrections, counts):
        if not count:
            raise BuildError(correction.path, f"stale correction: {correction.find!r} → {correction.replace!r} "
                                              f"matches nothing", line=correction.line)
    return counts
