"""Stage 4: paragraphs -> Paragraph objects, one reader per transcript layout.

Readers only recognise layout: headings, speaker labels, language of each
line. Which person a label means is decided later (speakers.py), from the
interview's metadata. Adding an interview in a known layout needs no code.
"""
from __future__ import annotations

import re

from . import languages
from .languages import language_of, unescape_markdown
from .model import Paragraph, SourceLine
from .paragraphs import CLOSING
from .punctuation import normalise_chinese_punctuation

MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
# `[00:12:34]`, `\[00:06:04.13\]`, `(12:34)` at the start of a paragraph or after a label.
TIMESTAMP = re.compile(r"^\s*\\?[\[(（](?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\\?[\])）]\s*")
SHORT_HEADING_MAX = 30


def texts_in(text: str, lang: str) -> dict[str, str]:
    """A paragraph's text under its language tag, with Markdown escapes shown
    as the characters and, in Chinese, ASCII punctuation made full-width."""
    text = unescape_markdown(text)
    return {lang: normalise_chinese_punctuation(text) if languages.get(lang).han else text}


def label_pattern(labels) -> re.Pattern | None:
    """Match a known label at the start of a paragraph, in the common styles:
    `Name:` / `Name：`, `**Name:**` / `**Name**:`, `### Name:`, with stray
    extra colons (`**主持人：** ：…`)."""
    if not labels:
        return None
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    # `Jeremy Rubin（JR）：` introduces initials used as the label afterwards
    alias = r"(?:\s*[（(](?P<alias>[^()（）:：]{1,12})[)）])?"
    return re.compile(
        rf"^(?:#{{1,6}}\s*)?(?:\*\*)?\s*(?P<label>{names}){alias}\s*(?:\*\*)?\s*[:：]+\s*(?:\*\*)?[\s:：]*(?P<rest>.*)$",
        re.IGNORECASE)


def strip_timestamp(text: str):
    """Return (text without a leading timestamp, the timestamp or None)."""
    match = TIMESTAMP.match(text)
    if not match:
        return text, None
    return text[match.end():], match.group("time")


def _heading(text: str, style: str, pattern: str | None = None):
    """Return (level, title) when the paragraph is a section heading."""
    match = re.fullmatch(pattern, text) if pattern else None
    if match:
        return 2, match.group("title").strip()
    if style == "markdown":
        match = MARKDOWN_HEADING.match(text)
        if match:
            return len(match.group(1)), match.group(2).strip()
    if style == "short-lines":
        if len(text) <= SHORT_HEADING_MAX and text[-1:] not in CLOSING and "，" not in text and "," not in text:
            return 2, text
    return None


def read_labelled(paragraphs: list[SourceLine], layout: dict, labels, declared=("zh-Hans",)) -> list[Paragraph]:
    """Labels, headings and timestamps; with two declared languages, a
    paragraph followed by its translation (an unlabelled paragraph in the
    other language) forms one passage."""
    labels = list(labels)
    aliases: dict[str, str] = {}  # initials -> the label they abbreviate
    pattern = label_pattern(labels)

    def lang(text):
        return language_of(text, declared)

    out = []
    for source in paragraphs:
        text, timestamp = strip_timestamp(source.text)
        match = pattern.match(text) if pattern else None
        if match:
            label = aliases.get(match.group("label").casefold(), match.group("label"))
            if match.group("alias") and match.group("alias").casefold() not in aliases:
                aliases[match.group("alias").casefold()] = label
                labels.append(match.group("alias"))
                pattern = label_pattern(labels)
            rest, later = strip_timestamp(match.group("rest").strip())
            out.append(Paragraph(source.number, texts_in(rest, lang(rest)) if rest else {}, label=label,
                                 timestamp=timestamp or later))
            continue
        heading = _heading(text, layout["headings"], layout.get("heading_pattern"))
        if heading:
            level, title = heading
            out.append(Paragraph(source.number, texts_in(title, lang(title)), is_heading=True, heading_level=level))
            continue
        out.append(Paragraph(source.number, texts_in(text, lang(text)), timestamp=timestamp))
    return pair_translations(out, declared) if len(declared) > 1 else out


def pair_translations(paragraphs: list[Paragraph], declared) -> list[Paragraph]:
    """Interleaved lines: a paragraph in the first declared language followed
    by an unlabelled one in the second (its translation) form one passage; a
    paragraph without a partner stands alone."""
    original, translation = declared
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        previous = out[-1] if out else None
        if (previous and list(previous.texts) == [original] and list(paragraph.texts) == [translation]
                and not previous.is_heading and not paragraph.is_heading and paragraph.label is None):
            previous.texts = {**previous.texts, **paragraph.texts}
            previous.timestamp = previous.timestamp or paragraph.timestamp
        else:
            out.append(paragraph)
    return out


READERS = {
    "labelled": read_labelled,
    "paragraphs": read_labelled,  # same reader, no labels configured
    "bilingual-lines": read_labelled,  # same reader, two languages declared
}
