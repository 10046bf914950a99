"""Interview metadata (`sources/<slug>.yml`) and cleaning rules, validated on load."""
from __future__ import annotations

import re
from pathlib import Path

from . import languages
from .errors import BuildError
from .frontmatter import in_declared_languages
from .schema import (Bool, Date, Int, ListOf, Mapping, Regex, SchemaError, Text, Url, key_line, parse_yaml, read_text,
                     validate)

SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"

RULE = Mapping({
    "name": Text(pattern=SLUG),
    "why": Text(required=False),
    # Remove every line matching `pattern` ...
    "pattern": Regex(required=False),
    # ... or only the matched parts of the line (every match: site tags glued to text, markup wrappers).
    "strip": Regex(required=False),
    # ... or a block: from a line matching `start` to one matching `end`
    # (inclusive), or to the end of the file when `end` is absent.
    "start": Regex(required=False),
    "end": Regex(required=False),
    # Keep the value of a metadata line (named group `value`) under this key.
    "keep_as": Text(required=False, pattern=r"[a-z_]+"),
    # Only before the first line of text: a block at the top of the file (a
    # header), never a later line that looks the same.
    "at_start": Bool(),
})

RULES_FILE = Mapping({"rules": ListOf(RULE, required=True)})

SPEAKER = Mapping({
    "id": Text(pattern=SLUG),
    "name": Text(),
    "name_zh": Text(required=False),
    "role": Text(choices=("host", "interviewer", "guest")),
    "labels": ListOf(Text()),
    # false: named in the metadata (a producer, a moderator of the
    # introduction) but never speaks in this text; else a speaker without a
    # turn stops the build, as a label that was mistyped would leave one.
    "has_turns": Bool(default=True),
})

LAYOUT = Mapping({
    "reader": Text(choices=("labelled", "bilingual-lines", "paragraphs", "subtitles")),
    "paragraphs": Text(required=False, choices=("lines", "blank-lines")),
    "rejoin_wrapped_lines": Bool(),
    "rejoin_split_paragraphs": Bool(),
    "headings": Text(required=False, choices=("markdown", "short-lines", "none")),
    # A line this regular expression matches whole is a section heading
    # too; its group `title` is the heading (`^> （(?P<title>.+)）$`).
    "heading_pattern": Regex(required=False),
    "answerer": Text(required=False, pattern=SLUG),
    # Prefixes that look like speaker labels (`注意：`, `**Update:**`) but are
    # text: a recurring label-like prefix that no speaker claims otherwise
    # stops the build, since it may be a speaker whose words would be given
    # to someone else.
    "not_labels": ListOf(Text()),
    # subtitles: a passage ends at a sentence end once it is this long (Han
    # characters plus Latin words; default subtitles.DEFAULT_PASSAGE_LENGTH)
    "passage_length": Int(),
})

# The title in each language it has (at least one): language tags as keys.
TITLE = Mapping({tag: Text(required=False) for tag in languages.TAGS})

METADATA = Mapping({
    "title": TITLE,
    # a few words naming the interview in lists and tables (concept pages)
    "short_title": Text(required=False),
    "programme": Text(required=False),
    "episode": Text(required=False),
    "interview_date": Date(),
    # the day the interview was added to the archive (the feeds list newest first)
    "added": Date(),
    "media_url": Url(),
    "writeup": Mapping({
        "publisher": Text(required=False),
        "author": Text(required=False),
        "date": Date(),
        "url": Url(),
        "translator": Text(required=False),
        # the licence of the transcript text, where it allows republication (CC BY 4.0)
        "licence": Text(required=False),
        "note": Text(required=False),
    }, required=False),
    "tags": ListOf(Text()),
    "languages": ListOf(Text(), required=True, min_items=1),
    "same_interview_as": ListOf(Text(pattern=SLUG)),
    "speakers": ListOf(SPEAKER, required=True, min_items=1),
    "layout": LAYOUT,
    "clean": ListOf(RULE),
})


def titles(meta) -> list[tuple[str, str]]:
    """(language tag, title) in the order a reader of this site sees them."""
    return [(tag, meta["title"][tag]) for tag in languages.TAGS if meta["title"].get(tag)]


def interview_date(meta) -> str:
    """When the interview took place, or failing that when it was written up ("" if unknown)."""
    return meta["interview_date"] or meta["writeup"]["date"] or ""


def display_title(meta) -> str:
    """The title pages and lists show: the first language the interview has a title in."""
    return titles(meta)[0][1]


def _check_rule(rule, key):
    kinds = [k for k in ("pattern", "strip", "start") if rule[k]]
    if len(kinds) != 1:
        raise SchemaError(key, "expected exactly one of pattern, strip, start")
    if rule["end"] and not rule["start"]:
        raise SchemaError(f"{key}.end", "only allowed together with start")


def load_rules(path: Path) -> list[dict]:
    text = read_text(path)
    rules = validate(parse_yaml(text, path), RULES_FILE, path, text)["rules"]
    for i, rule in enumerate(rules):
        try:
            _check_rule(rule, f"rules[{i}]")
        except SchemaError as err:
            raise BuildError(path, str(err), line=key_line(text, err.key)) from None
    return rules


def prefill(data: dict, values: dict, prefix: str = "") -> list[str]:
    """Fill the keys `data` leaves empty from `values` (metadata found in the
    transcript itself, e.g. its front matter); return the keys filled."""
    filled = []
    for key, value in values.items():
        current = data.get(key)
        if isinstance(value, dict):
            if current is None:
                current = data[key] = {}
            if isinstance(current, dict):
                filled += prefill(current, value, f"{prefix}{key}.")
        elif current is None or current == "" or current == []:
            data[key] = value
            filled.append(prefix + key)
    return filled


def load_metadata(path: Path, known_slugs=(), found_in_text: dict | None = None) -> dict:
    """The validated metadata; `found_in_text` (metadata-shaped, from the
    transcript's front matter) fills what the file leaves empty, and
    meta["prefilled"] lists the keys it filled."""
    text = read_text(path)
    data = parse_yaml(text, path)
    filled = []
    if isinstance(data, dict) and found_in_text:
        filled = prefill(data, in_declared_languages(found_in_text, data.get("languages")))
    meta = validate(data, METADATA, path, text)
    try:
        _check_metadata(meta, known_slugs)
    except SchemaError as err:
        raise BuildError(path, str(err), line=key_line(text, err.key)) from None
    meta["prefilled"] = filled
    return meta


def _check_metadata(meta: dict, known_slugs) -> None:
    for i, rule in enumerate(meta["clean"]):
        _check_rule(rule, f"clean[{i}]")
    if not any(meta["title"].values()):
        raise SchemaError("title", f"missing, expected a title in at least one of {', '.join(languages.TAGS)}")
    problem = languages.check_declared(meta["languages"])
    if problem:
        unknown = [i for i, tag in enumerate(meta["languages"]) if tag not in languages.LANGUAGES]
        raise SchemaError(f"languages[{unknown[0]}]" if unknown else "languages", problem)
    ids = [s["id"] for s in meta["speakers"]]
    for i, speaker_id in enumerate(ids):
        if ids.index(speaker_id) != i:
            raise SchemaError(f"speakers[{i}].id", f"duplicate speaker id {speaker_id!r}")
    layout = meta["layout"]
    if layout["heading_pattern"] and "title" not in re.compile(layout["heading_pattern"]).groupindex:
        raise SchemaError("layout.heading_pattern", "expected a regular expression with a group (?P<title>…)")
    if layout["reader"] != "subtitles":
        for key in ("paragraphs", "headings"):
            if not layout[key]:
                raise SchemaError(f"layout.{key}", f"missing, expected one of {', '.join(LAYOUT.fields[key].choices)}")
    answerer = layout["answerer"]
    if answerer and answerer not in ids:
        raise SchemaError("layout.answerer", f"expected one of the speaker ids {', '.join(ids)}, got {answerer!r}")
    for i, other in enumerate(meta["same_interview_as"]):
        if known_slugs and other not in known_slugs:
            raise SchemaError(f"same_interview_as[{i}]", f"expected the slug of another source, got {other!r}")
