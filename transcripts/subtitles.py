"""Stage 3-4 for subtitle files: WebVTT and SRT cues -> Paragraphs.

Cues are fragments of sentences timed to the picture. They are merged into
passages: a passage ends at a speaker change (a `<v Name>` voice tag, a
`Name:` / `[Name]` prefix that is a speaker's label, or a `- ` that marks a
new speaker in SRT), and at a sentence end once it is long enough
(`layout.passage_length`, in Han characters plus Latin words). Each passage
keeps the start time of its first cue.

Cue numbers, timing lines and styling tags (`<c>`, `<i>`, `<00:00:01.000>`)
are structure, not text. Two language tracks are kept together as one quote:
a cue whose lines are in the two declared languages, or two cues with the
same times, one per language. YouTube's rolling captions repeat the last
line of a cue at the start of the next: the repeat is removed, and reported
as removed by `rolling-caption-repeat`.

Bad timing (a cue ending before it starts, cues overlapping) and SRT cues
without their number stop the build with the file and line.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .errors import BuildError
from .languages import language_of, length_units
from .model import Paragraph, Removal, SourceLine
from .paragraphs import join_wrapped
from .labels import label_key
from .readers import label_pattern, texts_in

TIMING = re.compile(r"^\s*(?P<start>(?:\d{1,2}:)?\d{1,3}:\d{2}[.,]\d{1,3})\s*-->\s*"
                    r"(?P<end>(?:\d{1,2}:)?\d{1,3}:\d{2}[.,]\d{1,3})(?P<settings>\s.*)?$")
VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+(?P<name>[^>]+)>")
TAG = re.compile(r"</?[a-z][^>]*>|<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{1,3}>", re.IGNORECASE)
TURN_DASH = re.compile(r"^\s*[-–—]\s+")
BRACKET_LABEL = re.compile(r"^\s*[\[(（](?P<label>[^\])）]{1,30})[\])）]\s*")
SENTENCE_END = re.compile(r"[.?!。？！…][\"'”’」』)）\]]*\s*$")
DEFAULT_PASSAGE_LENGTH = 80
RULE_REPEAT = "rolling-caption-repeat"
RULE_HEADER = "subtitle-header"
RULE_NOTE = "subtitle-note"


@dataclass
class Cue:
    line: int  # first line of its text in the file
    start: float
    end: float
    start_text: str
    lines: list[tuple[int, str]]  # (line number, text) of its payload


@dataclass
class Fragment:
    """One cue's text after tags are gone: per language, with the speaker it names."""
    line: int
    start_text: str
    texts: dict[str, str]
    label: str | None = None
    new_turn: bool = False  # a `- ` at its start: someone else speaks


@dataclass
class Subtitles:
    paragraphs: list[Paragraph]
    removed: list[Removal] = field(default_factory=list)


def _seconds(text: str) -> float:
    *rest, secs = text.replace(",", ".").split(":")
    hours, minutes = (int(rest[0]), int(rest[1])) if len(rest) == 2 else (0, int(rest[0]))
    return hours * 3600 + minutes * 60 + float(secs)


def parse_cues(lines: list[SourceLine], fmt: str, path) -> tuple[list[Cue], list[Removal]]:
    """Cues of a WebVTT or SRT file (its cleaned lines), checked for order."""
    removed: list[Removal] = []
    timings = [i for i, line in enumerate(lines) if TIMING.match(line.text)]
    if not timings:
        raise BuildError(path, f"no cue timing line (00:00:01.000 --> 00:00:04.000) found in this .{fmt} file",
                         line=lines[0].number if lines else 1)
    if fmt == "vtt":
        first = next((line for line in lines if line.text.strip()), None)
        if first is None or not first.text.lstrip("\ufeff").startswith("WEBVTT"):
            raise BuildError(path, "a WebVTT file starts with the line WEBVTT", line=first.number if first else 1)
        removed += _header(lines[:timings[0]])
    cues = []
    for k, at in enumerate(timings):
        if fmt == "srt" and (at == 0 or not lines[at - 1].text.strip().isdigit()):
            raise BuildError(path, "SRT cue without its number: each cue starts with its number on the line "
                                   "before the times", line=lines[at].number)
        stop = timings[k + 1] if k + 1 < len(timings) else len(lines)
        payload = lines[at + 1:stop]
        if k + 1 < len(timings) and _is_identifier(payload, fmt):
            payload = payload[:-1]
        text, notes = _payload(payload)
        removed += notes
        timing = TIMING.match(lines[at].text)
        start, end = _seconds(timing["start"]), _seconds(timing["end"])
        if end < start:
            raise BuildError(path, f"cue ends ({timing['end']}) before it starts ({timing['start']})",
                             line=lines[at].number)
        cues.append(Cue(text[0][0] if text else lines[at].number, start, end, timing["start"], text))
    _check_order(cues, [lines[at] for at in timings], path)
    return cues, removed


def _header(lines: list[SourceLine]) -> list[Removal]:
    """What stands before the first cue: the header (to the first blank line),
    comment blocks, and the first cue's identifier, which is structure."""
    end = next((i for i, line in enumerate(lines) if not line.text.strip()), len(lines))
    header = [Removal(RULE_HEADER, line.number, line.text) for line in lines[:end] if line.text.strip()]
    rest = lines[end:]
    if _is_identifier(rest, "vtt"):
        rest = rest[:-1]
    text, notes = _payload(rest)
    return header + notes + [Removal(RULE_HEADER, number, line) for number, line in text]


def _is_identifier(payload: list[SourceLine], fmt: str) -> bool:
    """The last line before the next timing line is that cue's number (SRT) or
    identifier (WebVTT: a line of its own after a blank line)."""
    if not payload or not payload[-1].text.strip():
        return False
    if fmt == "srt":
        return payload[-1].text.strip().isdigit()
    return len(payload) >= 2 and not payload[-2].text.strip()


def _payload(payload: list[SourceLine]) -> tuple[list[tuple[int, str]], list[Removal]]:
    """A cue's text lines, without WebVTT comment blocks (NOTE … up to a blank line)."""
    text, notes, in_note = [], [], False
    for line in payload:
        if not line.text.strip():
            in_note = False
        elif in_note or line.text.startswith("NOTE"):
            in_note = True
            notes.append(Removal(RULE_NOTE, line.number, line.text))
        else:
            text.append((line.number, line.text))
    return text, notes


def _check_order(cues: list[Cue], timing_lines: list[SourceLine], path) -> None:
    """Cues follow each other; two cues with the same times are two language tracks."""
    previous = None
    for cue, line in zip(cues, timing_lines):
        if previous and (cue.start, cue.end) != (previous.start, previous.end):
            if cue.start < previous.start:
                raise BuildError(path, f"cue starts ({cue.start_text}) before the cue above it "
                                       f"({previous.start_text}): cues must be in time order", line=line.number)
            if cue.start < previous.end - 0.0005:
                raise BuildError(path, f"cue starting {cue.start_text} overlaps the cue above it, which "
                                       f"runs to {previous.end:.3f} s", line=line.number)
        previous = cue


def _clean_line(text: str) -> tuple[str, str | None]:
    """A payload line without tags or entities, and the voice it names."""
    voice = VOICE.search(text)
    text = TAG.sub("", VOICE.sub("", text))
    return html.unescape(text).replace("\u200e", "").replace("\u200f", "").strip(), \
        voice.group("name").strip() if voice else None


def _speaker_prefix(text: str, pattern, known) -> tuple[str, str | None, bool]:
    """(text, label it starts with, whether a `- ` marks a new speaker)."""
    dash = bool(TURN_DASH.match(text))
    text = TURN_DASH.sub("", text)
    bracket = BRACKET_LABEL.match(text)
    if bracket and label_key(bracket["label"]) in known:
        return text[bracket.end():], bracket["label"], dash
    match = pattern.match(text) if pattern else None
    if match:
        return match["rest"], match["label"], dash
    return text, None, dash


def _is_rolling(cleaned) -> bool:
    """YouTube's rolling captions: most cues start with the last line of the
    cue before. Elsewhere a cue repeating the one before ("Yes." / "Yes.") is speech."""
    texts = [[text for _, _, text, _ in lines if text] for lines in cleaned]
    repeats = sum(1 for before, cue in zip(texts, texts[1:]) if before and cue and cue[0] == before[-1])
    return repeats >= max(3, len(texts) // 3)


def fragments(cues: list[Cue], labels, declared) -> tuple[list[Fragment], list[Removal]]:
    """Each cue's text by language and who speaks it, split where a line of
    the cue names another speaker; repeats of rolling captions removed."""
    pattern = label_pattern(labels)
    known = {label_key(label) for label in labels}
    out: list[Fragment] = []
    removed: list[Removal] = []
    cleaned = [[(number, raw, *_clean_line(raw)) for number, raw in cue.lines] for cue in cues]
    rolling = _is_rolling(cleaned)
    last_line = ""  # the last text line of the cue before: rolling captions repeat it
    for cue, lines in zip(cues, cleaned):
        current: Fragment | None = None
        for position, (number, raw, text, voice) in enumerate(lines):
            if not text:
                continue
            if rolling and position == 0 and text == last_line:
                removed.append(Removal(RULE_REPEAT, number, raw))
                continue
            text, label, dash = _speaker_prefix(text, pattern, known)
            label = voice or label
            if current is None or dash or (label is not None and label != current.label):
                current = Fragment(number, cue.start_text, {}, label, dash)
                out.append(current)
            lang = language_of(text, declared)
            current.texts[lang] = join_wrapped(current.texts[lang], text) if lang in current.texts else text
        texts = [text for _, _, text, _ in lines if text]
        last_line = texts[-1] if texts else last_line
    return [f for f in out if any(f.texts.values())], removed


def pair_tracks(frags: list[Fragment]) -> list[Fragment]:
    """Two cues with the same times, one per language, are one fragment."""
    out: list[Fragment] = []
    for fragment in frags:
        previous = out[-1] if out else None
        if (previous and previous.start_text == fragment.start_text
                and not set(previous.texts) & set(fragment.texts)):
            previous.texts.update(fragment.texts)
            previous.label = previous.label or fragment.label
        else:
            out.append(fragment)
    return out


def merge(frags: list[Fragment], declared, passage_length: int) -> list[Paragraph]:
    """Fragments -> passages: a new passage at a speaker change, and at a
    sentence end once the passage is `passage_length` long."""
    out: list[Paragraph] = []
    current: Paragraph | None = None
    speaking = None  # the last speaker named: a cue naming them again continues the passage
    primary = declared[0]
    for fragment in frags:
        change = current is None or fragment.new_turn or (fragment.label is not None and fragment.label != speaking)
        if not change:
            text = current.texts.get(primary) or next(iter(current.texts.values()))
            change = bool(SENTENCE_END.search(text)) and length_units(text) >= passage_length
        if change:
            current = Paragraph(fragment.line, {}, label=fragment.label, timestamp=fragment.start_text,
                                speaker_change=fragment.new_turn and fragment.label is None)
            out.append(current)
        if fragment.new_turn or fragment.label is not None:
            speaking = fragment.label
        for lang, text in fragment.texts.items():
            current.texts[lang] = join_wrapped(current.texts[lang], text) if lang in current.texts else text
    for paragraph in out:
        paragraph.texts = {lang: texts_in(paragraph.texts[lang], lang)[lang]
                           for lang in declared if lang in paragraph.texts}
    return out


def read_subtitles(lines: list[SourceLine], fmt: str, layout: dict, labels, declared, path) -> Subtitles:
    cues, removed = parse_cues(lines, fmt, path)
    frags, repeats = fragments(cues, labels, declared)
    frags = pair_tracks(frags)
    paragraphs = merge(frags, list(declared), layout.get("passage_length") or DEFAULT_PASSAGE_LENGTH)
    return Subtitles(paragraphs, removed + repeats)
