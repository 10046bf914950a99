"""The concept index: concepts.yml, validated, matched against every passage.

Aliases are matched on the corrected text (so 004's 安保 counts as 安全 once
corrected): Latin aliases case-insensitively and on word boundaries (`RL`
never matches inside `URL` or `RLHF`), Chinese aliases as substrings, the
longest alias winning where two overlap. Traditional-Chinese forms of names
and aliases come from OpenCC (for search), never typed by hand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import BuildError
from .metadata import SLUG
from .schema import ListOf, Mapping, Text, key_line, parse_yaml, read_text, validate

ENTRY = Mapping({
    "id": Text(pattern=SLUG),
    "zh": Text(),
    "en": Text(),
    "aliases": Mapping({"zh": ListOf(Text()), "en": ListOf(Text())}),
    "definition": Mapping({"zh": Text(), "en": Text()}),
    "related": ListOf(Text(pattern=SLUG)),
    # longer phrases in which an alias does not name the concept (细微调整 is not 微调)
    "not_in": ListOf(Text()),
    # the reading, where pypinyin guesses a character wrong (长上下文 is chang, not zhang)
    "pinyin": Text(required=False, pattern=r"[a-z]+( [a-z]+)*"),
})
FILE = Mapping({"concepts": ListOf(ENTRY, required=True, min_items=1)})


@dataclass
class Concept:
    id: str
    zh: str
    en: str
    aliases_zh: list[str]
    aliases_en: list[str]
    definition_zh: str
    definition_en: str
    related: list[str]
    hant: list[str] = field(default_factory=list)  # traditional forms, from OpenCC
    not_in: list[str] = field(default_factory=list)
    pinyin: str | None = None

    @property
    def aliases(self) -> list[str]:
        return list(dict.fromkeys([self.zh, *self.aliases_zh, self.en, *self.aliases_en]))


@dataclass
class Mention:
    concept: str
    lang: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _to_traditional():
    import opencc  # imported lazily: only the concept stage needs it
    return opencc.OpenCC("s2twp")


def traditional_forms(texts) -> list[str]:
    convert = _to_traditional().convert
    return sorted({convert(t) for t in texts if any("\u4e00" <= c <= "\u9fff" for c in t)} - set(texts))


def load_concepts(path: Path) -> list[Concept]:
    text = read_text(path)
    entries = validate(parse_yaml(text, path), FILE, path, text)["concepts"]

    def error(key, message):
        return BuildError(path, f"{key}: {message}", line=key_line(text, key))

    concepts = [Concept(e["id"], e["zh"], e["en"], e["aliases"]["zh"], e["aliases"]["en"],
                        e["definition"]["zh"], e["definition"]["en"], e["related"], not_in=e["not_in"], pinyin=e["pinyin"])
                for e in entries]
    ids = [c.id for c in concepts]
    owner: dict[str, str] = {}
    for i, concept in enumerate(concepts):
        if ids.index(concept.id) != i:
            raise error(f"concepts[{i}].id", f"{concept.id!r} is used twice")
        for alias in concept.aliases:
            key = alias.casefold()
            if owner.get(key, concept.id) != concept.id:
                raise error(f"concepts[{i}].aliases", f"{alias!r} is claimed by both {owner[key]!r} and {concept.id!r}")
            owner[key] = concept.id
        for related in concept.related:
            if related not in ids:
                raise error(f"concepts[{i}].related", f"unknown concept id {related!r}")
        concept.hant = traditional_forms([concept.zh, *concept.aliases_zh])
    return concepts


def _is_latin(alias: str) -> bool:
    return all(ord(c) < 0x3000 for c in alias)


def alias_pattern(alias: str) -> str:
    """A regular expression for `alias` in text: a Latin alias as a whole word
    (RL is not in URL or "earlier"), a Chinese one anywhere."""
    escaped = re.escape(alias)
    return rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])" if _is_latin(alias) else escaped


class ConceptMatcher:
    """One regular expression for every alias; the longest alias wins."""

    def __init__(self, concepts: list[Concept]):
        # traditional forms too: a page written in traditional characters names 預訓練
        self.owner = {alias.casefold(): c.id for c in concepts for alias in [*c.hant, *c.aliases]}
        self.not_in = {c.id: c.not_in + traditional_forms(c.not_in) for c in concepts if c.not_in}
        parts = [alias_pattern(alias) for alias in sorted(self.owner, key=len, reverse=True)]
        self.pattern = re.compile("|".join(parts) or "(?!)", re.IGNORECASE)  # no concepts: match nothing

    def mentions(self, text: str, lang: str) -> list[Mention]:
        found = [Mention(self.owner[m.group(0).casefold()], lang, m.start(), m.end())
                 for m in self.pattern.finditer(text)]
        return [m for m in found if not self._excluded(m, text)]

    def _excluded(self, mention: Mention, text: str) -> bool:
        for phrase in self.not_in.get(mention.concept, ()):
            start = text.find(phrase)
            while start != -1:
                if start <= mention.start and mention.end <= start + len(phrase):
                    return True
                start = text.find(phrase, start + 1)
        return False


def index_passages(interviews, concepts: list[Concept]) -> None:
    """Fill passage.concepts (ids, in order of first mention) and passage.mentions."""
    matcher = ConceptMatcher(concepts)
    for interview in interviews:
        for passage in interview.passages():
            passage.mentions = [m for lang, text in passage.texts.items() for m in matcher.mentions(text, lang)]
            passage.concepts = list(dict.fromkeys(m.concept for m in passage.mentions))


def unused(concepts: list[Concept], interviews) -> list[str]:
    used = {c for i in interviews for p in i.passages() for c in p.concepts}
    return [c.id for c in concepts if c.id not in used]
