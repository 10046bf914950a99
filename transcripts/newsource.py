"""`build_site.py new PATH`: take in a transcript and draft its metadata.

Copies the file into sources/ as received, reads off what it can (encoding,
front matter, format, languages, labels with their counts, paragraph mode,
headings, timestamps: sniff.py) and writes `sources/<slug>.yml` with
comments marking every guess. Never overwrites: an existing slug is refused.
"""
from __future__ import annotations

import datetime
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .errors import BuildError
from .frontmatter import speaker_id
from .metadata import SLUG, load_rules
from .read import decode_with_encoding, normalise_newlines
from .readers import MARKDOWN_HEADING
from .subtitles import DEFAULT_PASSAGE_LENGTH
from .render import TEMPLATES
from .sniff import Guess, sniff
from .sources import TRANSCRIPT_FORMATS, find_transcripts


@dataclass
class NewSource:
    slug: str
    transcript: Path
    metadata: Path
    encoding: str
    guess: Guess


def slug_for(path: Path) -> str:
    return speaker_id(re.sub(r"\.(zh-Han[st]|en|excerpt)$", "", path.stem, flags=re.I))


def _draft_rules(text: str) -> list[dict]:
    """A Markdown title line at the top is the title, not a section of the interview."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    heading = MARKDOWN_HEADING.match(first)
    if heading and heading.group(1) == "#":
        return [{"name": "title-line", "why": "the title at the top of the file; kept as metadata",
                 "pattern": r"^#\s+(?P<value>.+)$", "keep_as": "title"}]
    return []


def draft_metadata(slug: str, original: str, guess: Guess, text: str) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["yaml"] = lambda value: json.dumps(value, ensure_ascii=False)
    from_front = {target.split(".")[0]: True for target in guess.front_matter.values()}
    tags = list(dict.fromkeys([*guess.languages, *guess.title]))
    return env.get_template("source.yml.j2").render(
        slug=slug, original=original, g=guess, tags=tags, front_matter=guess.front_matter,
        passage_length=DEFAULT_PASSAGE_LENGTH,
        today=datetime.date.today().isoformat(),
        from_front={"title": from_front.get("title", False), "media_url": from_front.get("media_url", False)},
        clean=_draft_rules(text) if guess.format == "text" else [])


def add_source(sources: Path, path: Path, slug: str | None = None) -> NewSource:
    """Copy `path` into `sources` and write its draft metadata."""
    path = Path(path)
    if not path.is_file():
        raise BuildError(path, "no such file")
    data = path.read_bytes()
    text, encoding = decode_with_encoding(data, path)
    text = normalise_newlines(text)
    slug = slug or slug_for(path)
    if not re.fullmatch(SLUG, slug):
        raise BuildError(path, f"cannot make a slug of the file name; give one with --slug (matching {SLUG})")
    rules_path = sources / "rules" / "clean.yml"
    guess = sniff(text, path.suffix.lower(), load_rules(rules_path) if rules_path.exists() else ())
    if not guess.title and not guess.front_matter.get("title"):
        guess.title = {guess.languages[0]: path.stem.replace("-", " ").replace("_", " ")}
    suffix = f".{guess.format}" if guess.format != "text" else (
        path.suffix.lower() if path.suffix.lower() in TRANSCRIPT_FORMATS else ".txt")
    transcript, metadata = sources / f"{slug}{suffix}", sources / f"{slug}.yml"
    taken = [p for p in (metadata, find_transcripts(sources).get(slug)) if p and (p.exists() or p.is_symlink())]
    if taken:
        raise BuildError(taken[0], f"the slug {slug!r} is taken; nothing was written (choose another with --slug)")
    draft = draft_metadata(slug, path.name, guess, text)
    sources.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, transcript)
    metadata.write_text(draft, encoding="utf-8")
    return NewSource(slug, transcript, metadata, encoding, guess)


def summary(new: NewSource) -> str:
    g = new.guess
    out = [f"copied to {new.transcript} ({new.encoding}, {g.format})",
           f"wrote draft metadata {new.metadata}",
           f"  languages: {', '.join(g.languages)} ({', '.join(f'{t} {n} lines' for t, n in g.language_counts.items() if n)})",
           f"  reader: {g.reader}" + (f" ({g.label_style})" if g.label_style else "")]
    if g.front_matter:
        out.append("  front matter: " + ", ".join(f"{k} -> {v}" for k, v in g.front_matter.items()))
    for s in g.speakers:
        out.append(f"  speaker {s.id}: label {s.labels[0]!r} x{s.count}, role {s.role} ({s.why})" if s.labels
                   else f"  speaker {s.id}: {s.why}")
    if g.format == "text":
        out.append(f"  paragraphs: {g.paragraphs}, rejoin wrapped lines: {g.rejoin_wrapped_lines}, headings: {g.headings}")
    out.append(f"  timestamps: {g.timestamps}" + (f", recording: {g.media_url}" if g.media_url else ""))
    out += [f"  check: {note}" for note in g.notes]
    return "\n".join(out)
