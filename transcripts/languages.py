"""The languages a transcript can be written in: one table, looked up by BCP 47 tag.

Every stage that treats languages differently asks this table instead of
naming `zh-Hans` or `en`: readers (which declared language a line is in,
whether Chinese punctuation applies), render (the `lang` attribute, names in
the page, the language switch), citations (Chinese or English style), search
(how the text is indexed) and sorting. Adding a language, or a new pairing,
touches this table and its tests.

A source declares one language, or two that are interleaved (a line or cue
and its translation); the two must be told apart by their script.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
UNIFIED_HAN = re.compile(r"[\u4e00-\u9fff]")  # what a length in 字 counts
LATIN_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47, as in `languages:` of the metadata and the `lang` attribute
    name: str  # in the page facts, in Chinese (the site's interface language)
    switch_label: str  # its button in the language switch of a bilingual page, in its own language
    family: str  # primary subtag: the switch and the citation style are per family (zh-Hans and zh-Hant read alike)
    han: bool  # written in Han characters: full-width punctuation, length in characters
    length_unit: str  # what a length in it counts: 字 (Han characters) or 词 (words)
    # OpenCC configuration that turns its text into the simplified Chinese the
    # search index is written in (None: indexed as written)
    search_conversion: str | None = None


# In order of preference for what a page shows first (its title, its
# keyword-in-context line): the site's interface is simplified Chinese.
LANGUAGES = {language.tag: language for language in (
    Language("zh-Hans", "简体中文", "中文", "zh", han=True, length_unit="字"),
    Language("zh-Hant", "繁体中文", "中文", "zh", han=True, length_unit="字", search_conversion="tw2sp"),
    Language("en", "English", "English", "en", han=False, length_unit="词"),
)}
TAGS = tuple(LANGUAGES)
# The language the site's own `<html lang="zh">` stands for: text in it needs
# no `lang` attribute of its own in headings and titles.
SITE_LANGUAGE = "zh-Hans"


def get(tag: str) -> Language:
    return LANGUAGES[tag]


def preference(tag: str) -> int:
    return TAGS.index(tag) if tag in LANGUAGES else len(TAGS)


def preferred(tags) -> str:
    """The tag of `tags` a reader of this site sees first."""
    return min(tags, key=preference)


def is_han_text(text: str) -> bool:
    """Chinese when Han characters are at least as many as Latin words (a
    Chinese note glossing `Gradient Boosted Tree` is still Chinese)."""
    han = len(HAN_CHAR.findall(text))
    return bool(han) and han >= len(LATIN_WORD.findall(text))


def language_of(text: str, declared) -> str:
    """Which of the declared languages a line is in, told by its script; a
    line in neither script belongs to the first declared language."""
    declared = list(declared)
    want_han = is_han_text(text)
    for tag in declared:
        if get(tag).han == want_han:
            return tag
    return declared[0]


def check_declared(tags) -> str | None:
    """Why a `languages:` list cannot be read, or None."""
    unknown = [t for t in tags if t not in LANGUAGES]
    if unknown:
        return f"expected one of {', '.join(TAGS)}, got {unknown[0]!r}"
    if len(set(tags)) != len(tags):
        return f"{tags[0]!r} is listed twice"
    if len(tags) > 2:
        return "expected one language, or two interleaved ones"
    if len(tags) == 2 and get(tags[0]).han == get(tags[1]).han:
        return (f"{tags[0]} and {tags[1]} are written in the same script, so their lines cannot be told "
                "apart: expected two languages of different scripts")
    return None


def length_units(text: str) -> int:
    """Length as readers of each language count it: Han characters plus Latin words."""
    return len(UNIFIED_HAN.findall(text)) + len([w for w in text.split() if w.isascii()])


# Python-Markdown's backslash escapes, as transcripts exported from Markdown
# editors carry them (`\[laughs\]`, `\*`, `\_`): shown as the characters.
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def unescape_markdown(text: str) -> str:
    return MARKDOWN_ESCAPE.sub(r"\1", text)
