"""Attribution annotations (`sources/<slug>.annotations.yml`), written by reading the text.

Each entry marks where a new turn starts and who speaks it (or its role). `at`
is a verbatim snippet: at the start of a paragraph it starts a turn there; in
the middle of a paragraph it splits the paragraph (for a bilingual pair, `at`
gives the split point in each language). An entry whose snippet is not found
exactly once is stale: the build stops and names the file and line.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from . import languages
from .errors import BuildError
from .metadata import SLUG
from .model import ROLES, Paragraph
from .schema import ListOf, Mapping, SchemaError, Text, entry_lines, load_yaml
from .textmatch import FoldedText

ENTRY_KEYS = ("at", "speaker", "role")


@dataclass
class Annotation:
    at: dict[str, str]  # language (or "*" for any) -> snippet
    speaker: str | None
    role: str | None
    line: int  # line in the annotation file, for error messages
    path: str = ""


def _at(value, key):
    if isinstance(value, str) and value.strip():
        return {"*": value}
    if isinstance(value, dict) and value and all(k in languages.LANGUAGES for k in value) \
            and all(isinstance(v, str) and v.strip() for v in value.values()):
        return dict(value)
    raise SchemaError(key, f"expected a text snippet, or a mapping of language tags ({', '.join(languages.TAGS)}) "
                           "to snippets")


ENTRY = Mapping({
    "at": _at,
    "speaker": Text(required=False, pattern=SLUG),
    "role": Text(required=False, choices=ROLES),
})
FILE = Mapping({"turns": ListOf(ENTRY, required=True)})


def load_annotations(path: Path, speaker_ids) -> list[Annotation]:
    data = load_yaml(path, FILE)
    lines = entry_lines(path, "turns")
    out = []
    for i, entry in enumerate(data["turns"]):
        line = lines[i] if i < len(lines) else None
        if bool(entry["speaker"]) == bool(entry["role"]):
            raise BuildError(path, f"turns[{i}]: expected exactly one of speaker, role", line=line)
        if entry["speaker"] and entry["speaker"] not in speaker_ids:
            raise BuildError(path, f"turns[{i}].speaker: expected one of {', '.join(speaker_ids)}, "
                                   f"got {entry['speaker']!r}", line=line)
        out.append(Annotation(entry["at"], entry["speaker"], entry["role"], line, str(path)))
    return out


def _locate(annotation: Annotation, paragraphs: list[Paragraph], folded: dict):
    """Return (paragraph index, {lang: offset}) or raise a stale-annotation error."""
    hits = []
    for p, paragraph in enumerate(paragraphs):
        if paragraph.is_heading:
            continue
        offsets = {}
        for lang, snippet in annotation.at.items():
            langs = paragraph.texts if lang == "*" else [lang] if lang in paragraph.texts else []
            for text_lang in langs:
                key = (id(paragraph), text_lang)
                if key not in folded or folded[key][0] is not paragraph:  # ids are reused after splits
                    folded[key] = (paragraph, FoldedText(paragraph.texts[text_lang], casefold=True))
                for offset, _ in folded[key][1].spans(snippet):
                    offsets.setdefault(text_lang, []).append(offset)
        if annotation.at.keys() == {"*"}:
            for lang, found in offsets.items():
                hits.extend((p, {lang: o}) for o in found)
        elif all(len(offsets.get(lang, [])) == 1 for lang in annotation.at):
            hits.append((p, {lang: offsets[lang][0] for lang in annotation.at}))
        elif any(offsets.values()):
            hits.append((p, None))
    shown = " / ".join(annotation.at.values())
    if len(hits) != 1 or hits[0][1] is None:
        problem = "not found" if not hits else "found more than once" if len(hits) > 1 else \
            "not found in both languages of one pair"
        raise BuildError(annotation.path, f"stale annotation: {shown!r} {problem} in the transcript",
                         line=annotation.line)
    return hits[0]


def apply_annotations(paragraphs: list[Paragraph], annotations: list[Annotation]):
    """Return the paragraphs, split where an annotation points inside one, and a
    parallel list of (speaker, role) for paragraphs that start an annotated turn."""
    paragraphs = list(paragraphs)
    starts: dict[int, Annotation] = {}  # id(paragraph) -> annotation
    folded: dict = {}  # (id(paragraph), lang) -> (paragraph, FoldedText), reused across annotations
    for annotation in annotations:
        p, offsets = _locate(annotation, paragraphs, folded)
        paragraph = paragraphs[p]
        if all(offset == 0 for offset in offsets.values()):
            starts[id(paragraph)] = annotation
            continue
        head = {lang: text[:offsets[lang]].rstrip() if lang in offsets else text
                for lang, text in paragraph.texts.items()}
        tail = {lang: text[offsets[lang]:].lstrip() for lang, text in paragraph.texts.items() if lang in offsets}
        first = replace(paragraph, texts=head)
        second = replace(paragraph, texts=tail, label=None)
        if id(paragraph) in starts:
            starts[id(first)] = starts.pop(id(paragraph))
        starts[id(second)] = annotation
        paragraphs[p:p + 1] = [first, second]
    return paragraphs, [starts.get(id(paragraph)) for paragraph in paragraphs]
