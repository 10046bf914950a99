"""The anchor registry (`sources/<slug>.anchors.yml`): every id ever issued for a source.

Like Hypothesis' annotation selectors, each entry keeps the passage's
normalised text and a little context (the end of the passage before, the
start of the one after), so a later build can find the passage again after
edits. The build maintains the file; it is committed with the source.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildError
from .schema import SAFE_DUMPER, ListOf, Mapping, Text, load_yaml

CONTEXT = 12  # characters of context kept on each side

ENTRY = Mapping({
    "id": Text(pattern=r"q-[0-9a-f]{6,40}(-\d+)?"),
    "text": Text(),
    "prefix": Text(required=False),
    "suffix": Text(required=False),
    "retired_to": Text(required=False, pattern=r"q-[0-9a-f]{6,40}(-\d+)?"),
})
FILE = Mapping({"anchors": ListOf(ENTRY)})


@dataclass
class Anchor:
    id: str
    text: str  # normalised source text of the passage
    prefix: str = ""
    suffix: str = ""
    retired_to: str | None = None  # the successor, once the passage is gone


def load_registry(path: Path) -> list[Anchor]:
    if not path.exists():
        return []
    entries = load_yaml(path, FILE)["anchors"]
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        raise BuildError(path, "an id is registered twice")
    return [Anchor(e["id"], e["text"], e["prefix"] or "", e["suffix"] or "", e["retired_to"]) for e in entries]


def dump_registry(anchors: list[Anchor], slug: str) -> str:
    header = (f"# Permanent quote anchors of {slug}: every id ever issued, written by build_site.py.\n"
              "# Commit this file with the source. `text` is the passage's normalised text;\n"
              "# `retired_to` sends a link to a removed passage to the nearest one that remains.\n")
    entries = []
    for a in anchors:
        entry = {"id": a.id, "text": a.text, "prefix": a.prefix, "suffix": a.suffix}
        if a.retired_to:
            entry["retired_to"] = a.retired_to
        entries.append(entry)
    body = yaml.dump({"anchors": entries}, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=100000)
    return header + body
