"""Stage 4: paragraphs -> Paragraph objects, one reader per transcript layout.

Readers only recognise layout: headings, speaker labels, language of each
line. Which person a label means is decided later (speakers.py), from the
interview's metadata. Adding an interview in a known layout needs no code.
"""
from __future__ import annotations

import re

from .model import Paragraph, SourceLine
from .paragraphs import CLOSING
from .punctuation import normalise_chinese_punctuation

MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
# `[00:12:34]`, `\[00:06:04.13\]`, `(12:34)` at the start of a paragraph or after a label.
TIMESTAMP = re.compile(r"^\s*\\?[\[(（](?P<time>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\\?[\])）]\s*")
SHORT_HEADING_MAX = 30


def language_of(text: str) -> str:
    """Chinese when Han characters are at least as many as Latin words
    (a Chinese note glossing `Gradient Boosted Tree` is still Chinese)."""
    han = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    return "zh-Hans" if han and han >= latin_words else "en"


def _zh(text: str) -> dict[str, str]:
    return {"zh-Hans": normalise_chinese_punctuation(text)}


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


def _heading(text: str, style: str):
    """Return (level, title) when the paragraph is a section heading."""
    if style == "markdown":
        match = MARKDOWN_HEADING.match(text)
        if match:
            return len(match.group(1)), match.group(2).strip()
    if style == "short-lines":
        if len(text) <= SHORT_HEADING_MAX and text[-1:] not in CLOSING and "，" not in text and "," not in text:
            return 2, text
    return None


def read_labelled(paragraphs: list[SourceLine], layout: dict, labels) -> list[Paragraph]:
    labels = list(labels)
    aliases: dict[str, str] = {}  # initials -> the label they abbreviate
    pattern = label_pattern(labels)
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
            out.append(Paragraph(source.number, _zh(rest) if rest else {}, label=label,
                                 timestamp=timestamp or later))
            continue
        heading = _heading(text, layout["headings"])
        if heading:
            level, title = heading
            out.append(Paragraph(source.number, _zh(title), is_heading=True, heading_level=level))
            continue
        out.append(Paragraph(source.number, _zh(text), timestamp=timestamp))
    return out


def read_bilingual_lines(paragraphs: list[SourceLine], layout: dict, labels) -> list[Paragraph]:
    """Interleaved lines: an English line followed by its Chinese translation
    form one passage; a line without a partner stands alone."""
    out: list[Paragraph] = []
    pending_en: SourceLine | None = None
    for source in paragraphs:
        lang = language_of(source.text)
        if lang == "en":
            if pending_en:
                out.append(Paragraph(pending_en.number, {"en": pending_en.text}))
            pending_en = source
        elif pending_en:
            out.append(Paragraph(pending_en.number, {"en": pending_en.text, **_zh(source.text)}))
            pending_en = None
        else:
            out.append(Paragraph(source.number, _zh(source.text)))
    if pending_en:
        out.append(Paragraph(pending_en.number, {"en": pending_en.text}))
    return out


READERS = {
    "labelled": read_labelled,
    "paragraphs": read_labelled,  # same reader, no labels configured
    "bilingual-lines": read_bilingual_lines,
}
