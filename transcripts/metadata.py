"""Interview metadata (`sources/<slug>.yml`) and cleaning rules, validated on load."""
from __future__ import annotations

from pathlib import Path

from .errors import BuildError
from .schema import Bool, Date, ListOf, Mapping, Regex, SchemaError, Text, Url, load_yaml

SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
LANGS = ("zh-Hans", "en")

RULE = Mapping({
    "name": Text(pattern=SLUG),
    "why": Text(required=False),
    # Remove every line matching `pattern` ...
    "pattern": Regex(required=False),
    # ... or only the matched part of the line (e.g. site tags glued to text).
    "strip": Regex(required=False),
    # ... or a block: from a line matching `start` to one matching `end`
    # (inclusive), or to the end of the file when `end` is absent.
    "start": Regex(required=False),
    "end": Regex(required=False),
    # Keep the value of a metadata line (named group `value`) under this key.
    "keep_as": Text(required=False, pattern=r"[a-z_]+"),
})

RULES_FILE = Mapping({"rules": ListOf(RULE, required=True)})

SPEAKER = Mapping({
    "id": Text(pattern=SLUG),
    "name": Text(),
    "name_zh": Text(required=False),
    "role": Text(choices=("host", "interviewer", "guest")),
    "labels": ListOf(Text()),
})

LAYOUT = Mapping({
    "reader": Text(choices=("labelled", "bilingual-lines", "paragraphs")),
    "paragraphs": Text(choices=("lines", "blank-lines")),
    "rejoin_wrapped_lines": Bool(),
    "rejoin_split_paragraphs": Bool(),
    "headings": Text(choices=("markdown", "short-lines", "none")),
    "answerer": Text(required=False, pattern=SLUG),
})

METADATA = Mapping({
    "title": Mapping({"zh": Text(), "en": Text(required=False)}),
    # a few words naming the interview in lists and tables (concept pages)
    "short_title": Text(required=False),
    "programme": Text(required=False),
    "episode": Text(required=False),
    "interview_date": Date(),
    "media_url": Url(),
    "writeup": Mapping({
        "publisher": Text(required=False),
        "author": Text(required=False),
        "date": Date(),
        "url": Url(),
        "note": Text(required=False),
    }),
    "languages": ListOf(Text(choices=LANGS), required=True, min_items=1),
    "same_interview_as": ListOf(Text(pattern=SLUG)),
    "speakers": ListOf(SPEAKER, required=True, min_items=1),
    "layout": LAYOUT,
    "clean": ListOf(RULE),
})


def _check_rule(rule, key):
    kinds = [k for k in ("pattern", "strip", "start") if rule[k]]
    if len(kinds) != 1:
        raise SchemaError(key, "expected exactly one of pattern, strip, start")
    if rule["end"] and not rule["start"]:
        raise SchemaError(f"{key}.end", "only allowed together with start")


def load_rules(path: Path) -> list[dict]:
    rules = load_yaml(path, RULES_FILE)["rules"]
    for i, rule in enumerate(rules):
        try:
            _check_rule(rule, f"rules[{i}]")
        except SchemaError as err:
            raise BuildError(path, str(err)) from None
    return rules


def load_metadata(path: Path, known_slugs=()) -> dict:
    meta = load_yaml(path, METADATA)
    try:
        for i, rule in enumerate(meta["clean"]):
            _check_rule(rule, f"clean[{i}]")
        ids = [s["id"] for s in meta["speakers"]]
        for i, speaker_id in enumerate(ids):
            if ids.index(speaker_id) != i:
                raise SchemaError(f"speakers[{i}].id", f"duplicate speaker id {speaker_id!r}")
        answerer = meta["layout"]["answerer"]
        if answerer and answerer not in ids:
            raise SchemaError("layout.answerer", f"expected one of the speaker ids {', '.join(ids)}, got {answerer!r}")
        for i, other in enumerate(meta["same_interview_as"]):
            if known_slugs and other not in known_slugs:
                raise SchemaError(f"same_interview_as[{i}]", f"expected the slug of another source, got {other!r}")
    except SchemaError as err:
        raise BuildError(path, str(err)) from None
    return meta
