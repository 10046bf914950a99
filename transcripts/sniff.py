"""Guess a new transcript's layout, for `build_site.py new`: what a person
would otherwise read the file for before writing its metadata.

Pure: takes the file's text and name, returns a Guess. Every guess is only a
draft; `newsource.py` writes it with comments saying what to check.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .clean import apply_rules
from .frontmatter import in_declared_languages, speaker_id, split_front_matter
from .labels import Candidate, label_candidates, label_key, label_prefix
from .languages import HAN_CHAR, LATIN_WORD, is_han_text, language_of
from .paragraphs import CLOSING, CONTINUATION_STARTS
from .read import split_lines
from .readers import MARKDOWN_HEADING, TIMESTAMP
from .subtitles import TIMING, VOICE

# Labels that name the one asking the questions.
QUESTIONER_LABELS = {"主持人": "host", "host": "host", "问": "interviewer", "q": "interviewer", "提问": "interviewer",
                     "记者": "interviewer", "記者": "interviewer", "采访者": "interviewer", "採訪者": "interviewer",
                     "interviewer": "interviewer", "主持": "host"}
RECURRING = 2
# `> （缺口與啟示）`: a section title set apart as a quoted line in brackets
QUOTED_TITLE = re.compile(r"^>\s*[（(](?P<title>[^()（）]{1,40})[)）]\s*$")
URL = re.compile(r"https?://(?:www\.|m\.)?(?:youtube\.com/watch\?v=[\w-]+|youtu\.be/[\w-]+|bilibili\.com/video/\w+)\S*")


@dataclass
class SpeakerGuess:
    id: str
    name: str
    role: str
    labels: list[str]
    count: int  # paragraphs or cues it starts
    why: str


@dataclass
class Guess:
    format: str  # text, vtt, srt
    languages: list[str]
    language_counts: dict
    reader: str
    paragraphs: str | None
    rejoin_wrapped_lines: bool
    rejoin_split_paragraphs: bool
    headings: str | None
    speakers: list[SpeakerGuess]
    label_style: str | None
    timestamps: int
    cues: int
    title: dict = field(default_factory=dict)
    media_url: str | None = None
    front_matter: dict = field(default_factory=dict)  # key -> metadata key it fills
    heading_pattern: str | None = None  # section titles in a style of their own
    answerer: str | None = None  # who answers unlabelled after a question
    notes: list[str] = field(default_factory=list)  # what the person must check


def _format(text: str, suffix: str) -> str:
    if suffix in (".vtt", ".srt"):
        return suffix[1:]
    lines = text.lstrip("\ufeff").split("\n")
    if lines and lines[0].startswith("WEBVTT"):
        return "vtt"
    if len(lines) > 2 and lines[0].strip().isdigit() and TIMING.match(lines[1]):
        return "srt"
    return "text"


def _traditional_share(han_text: str) -> float:
    from .hanzi import to_simplified
    chars = HAN_CHAR.findall(han_text)
    if not chars:
        return 0.0
    simplified = to_simplified("".join(chars))
    return sum(a != b for a, b in zip(chars, simplified)) / len(chars)


def _languages(texts: list[str]) -> tuple[list[str], dict]:
    """Declared languages: the script of each line; two when both are common
    (interleaved), the first line's language first."""
    han_lines = [t for t in texts if is_han_text(t)]
    latin_lines = [t for t in texts if not is_han_text(t) and LATIN_WORD.search(t)]
    han_tag = "zh-Hant" if _traditional_share("".join(han_lines)) > 0.02 else "zh-Hans"
    counts = {han_tag: len(han_lines), "en": len(latin_lines)}
    total = len(han_lines) + len(latin_lines) or 1
    if min(len(han_lines), len(latin_lines)) / total >= 0.25:
        first = next(t for t in texts if t in han_lines or t in latin_lines)
        return ([han_tag, "en"] if is_han_text(first) else ["en", han_tag]), counts
    return [han_tag if len(han_lines) >= len(latin_lines) else "en"], counts


def _cue_texts(lines: list[str]) -> tuple[list[str], Counter]:
    texts, voices = [], Counter()
    for line in lines:
        if not line.strip() or TIMING.match(line) or line.strip().isdigit() or line.startswith(("WEBVTT", "NOTE")):
            continue
        voice = VOICE.search(line)
        if voice:
            voices[voice.group("name").strip()] += 1
        texts.append(re.sub(r"<[^>]+>", "", line).strip())
    return [t for t in texts if t], voices


def _guess_speakers(found, strong: set[str]) -> tuple[list[SpeakerGuess], str | None, list[str]]:
    """Speakers from label candidates (labels.Candidate, any count): the
    recurring ones and those alone on a heading or bold line (`strong`); a
    one-off label that extends a recurring one (主持人Hannah Fry) is another
    label of it; in a question/answer text whose answers carry no label, the
    one-off name that labels the first answer (Hassabis：) is the answerer.
    Returns (speakers in order of appearance, the answerer's id, notes)."""
    chosen = [c for c in found if c.count >= RECURRING or label_key(c.label) in strong]
    labels = {label_key(c.label): [c.label] for c in chosen}
    first = {label_key(c.label): c.line for c in chosen}  # where the speaker is first named
    rest = [c for c in found if c not in chosen]
    for c in rest:
        base = next((b for b in chosen if label_key(c.label).startswith(label_key(b.label))), None)
        if base:
            labels[label_key(base.label)].append(c.label)
            first[label_key(base.label)] = min(first[label_key(base.label)], c.line)
    asking = [c for c in chosen if _questioner(c.label)]
    notes = []
    if asking and len(chosen) == len(asking):
        named = [c for c in rest if not any(label_key(c.label).startswith(label_key(b.label)) for b in chosen)]
        chosen += named[:1]
        labels.update({label_key(c.label): [c.label] for c in named[:1]})
        first.update({label_key(c.label): c.line for c in named[:1]})
    chosen.sort(key=lambda c: first[label_key(c.label)])
    speakers = []
    for order, c in enumerate(chosen):
        role = _questioner(c.label)
        if role:
            why, ident = f"the label {c.label!r} names who asks", role
        elif len(chosen) == 1:
            role, why, ident = "guest", "the only speaker", speaker_id(c.label)
        elif asking or order > 0:
            role, why, ident = "guest", "answers: probably a guest", speaker_id(c.label)
        else:
            role, why, ident = "host", "speaks first: probably the host", speaker_id(c.label)
        speakers.append(SpeakerGuess(ident, c.label, role, labels[label_key(c.label)], c.count, why))
    answerer = None
    answering = [s for s in speakers if s.role == "guest"]
    if asking and len(answering) == 1 and answering[0].count < asking[0].count:
        answerer = answering[0].id
        notes.append(f"answers carry no label: each unlabelled paragraph after a question is {answerer}'s "
                     "(layout.answerer)")
    elif asking and not answering:
        speakers.append(SpeakerGuess("guest", "Guest", "guest", [], 0, "answers carry no label: name the guest"))
        answerer = "guest"
        notes.append("answers carry no label and no name: the draft calls the one answering `guest`; name them")
    return speakers, answerer, notes


def _questioner(label: str) -> str | None:
    return QUESTIONER_LABELS.get(label_key(label).rstrip("：:"))


def sniff(text: str, suffix: str, rules=()) -> Guess:
    """`rules`: the cleaning rules for all sources, applied first (a WeChat
    ad's `项目地址：` lines are no speaker)."""
    fmt = _format(text, suffix)
    all_lines = split_lines(text)
    front, lines = split_front_matter(all_lines, "(new transcript)") if fmt == "text" else (None, all_lines)
    lines = apply_rules(lines, list(rules))[0]
    raw = [line.text for line in lines]
    if fmt in ("vtt", "srt"):
        texts, voices = _cue_texts(raw)
        style = "<v Name> voice tags" if voices else None
        found = [Candidate(name, n, 0) for name, n in voices.most_common()]
        if not found:
            found = label_candidates([(i, t) for i, t in enumerate(texts, 1)])
            style = "Name: at the start of cues" if any(c.count >= RECURRING for c in found) else None
        strong = set()
        cues = sum(1 for line in raw if TIMING.match(line))
    else:
        texts = [t.strip() for t in raw if t.strip()]
        found = label_candidates([(line.number, line.text) for line in lines])
        # a label alone on its line as a heading or in bold (`### 唐鳳：`) may be
        # the only one of a talk; a plain `以下为要点：` line is no speaker
        strong = {label_key(label_prefix(t)) for t in texts
                  if label_prefix(t) and _after_label(t) == "" and t.lstrip().startswith(("#", "**"))}
        cues = 0
    languages, counts = _languages(texts)
    speakers, answerer, notes = _guess_speakers(found, strong)
    candidates = [(s.labels[0], s.count) for s in speakers if s.labels]
    if fmt == "text":
        style = _label_style([line.text for line in lines], candidates)
    if front and front.values.get("speakers") and not speakers:
        for s in front.values["speakers"]:
            speakers.append(SpeakerGuess(s["id"], s["name"], s["role"], [], 0,
                                         "named in the front matter; no label for them found in the text"))
    heading_pattern = None
    if fmt in ("vtt", "srt"):
        reader, paragraphs, rejoin, rejoin_split, headings = "subtitles", None, False, False, None
    else:
        paragraphs, rejoin, rejoin_split = _paragraph_mode(raw)
        headings = "markdown" if any(MARKDOWN_HEADING.match(t) and not label_prefix(t) for t in texts) else "none"
        if sum(1 for t in texts if QUOTED_TITLE.match(t)) >= RECURRING:
            heading_pattern = QUOTED_TITLE.pattern
        reader = "labelled" if speakers and candidates else "bilingual-lines" if len(languages) == 2 else "paragraphs"
    if not candidates:
        notes.append("no speaker labels found: speakers are unknown; write an annotations file "
                     "(sources/<slug>.annotations.yml) saying where each turn starts")
    title = dict(in_declared_languages(front.values, languages).get("title", {})) if front else {}
    if not title:
        heading = next((MARKDOWN_HEADING.match(t).group(2) for t in texts[:5] if MARKDOWN_HEADING.match(t)
                        and MARKDOWN_HEADING.match(t).group(1) == "#"), None)
        if heading:
            title = {language_of(heading, languages): heading}
    media = (front.values.get("media_url") if front else None) or next(
        (m.group(0) for m in map(URL.search, raw) if m), None)
    stamps = sum(1 for t in texts if TIMESTAMP.match(t) or TIMESTAMP.match(_after_label(t)))
    return Guess(format=fmt, languages=languages, language_counts=counts, reader=reader, paragraphs=paragraphs,
                 rejoin_wrapped_lines=rejoin, rejoin_split_paragraphs=rejoin_split, headings=headings, speakers=speakers, label_style=style,
                 timestamps=stamps if fmt == "text" else cues, cues=cues, title=title, media_url=media,
                 front_matter=dict(front.used) if front else {}, notes=notes, heading_pattern=heading_pattern,
                 answerer=answerer)


def _after_label(text: str) -> str:
    match = re.match(r"^(?:#{1,6}\s*)?(?:\*\*)?[^:：*]{1,30}(?:\*\*)?\s*[:：](?:\*\*)?\s*", text)
    return text[match.end():] if match else text


def _label_style(lines: list[str], candidates) -> str | None:
    if not candidates:
        return None
    label = candidates[0][0]
    sample = next((t for t in lines if label_prefix(t) == label), "")
    if sample.lstrip().startswith("#"):
        return "### Name: headings"
    if "**" in sample.split(label)[0] or sample.split(label)[-1].lstrip().startswith("**"):
        return "**Name:** bold labels"
    return "Name: at the start of lines"


def _paragraph_mode(lines: list[str]) -> tuple[str, bool, bool]:
    """`blank-lines` when blank lines separate paragraphs; hard wraps to rejoin
    when lines of a paragraph often stop without closing punctuation; split
    paragraphs to rejoin when several start mid-sentence (`的论文。`)."""
    text = [t for t in lines if t.strip()]
    blank = sum(1 for t in lines if not t.strip())
    if blank < len(text) * 0.3:
        return "lines", False, False
    blocks, current = [], []
    for t in lines:
        if t.strip():
            current.append(t.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    inner = [line for block in blocks for line in block[:-1]]
    wrapped = sum(1 for line in inner if line[-1:] not in CLOSING)
    split = sum(1 for before, block in zip(blocks, blocks[1:])
                if before[-1][-1:] not in CLOSING and block[0][:1] in CONTINUATION_STARTS)
    return "blank-lines", len(inner) >= 3 and wrapped >= len(inner) * 0.5, split >= 2
