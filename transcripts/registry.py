"""The anchor registry (`sources/<slug>.anchors.yml`): every id ever issued for a source.

Like Hypothesis' annotation selectors, each passage entry (`q-`) keeps the
passage's normalised text and a little context (the end of the passage
before, the start of the one after), so a later build can find the passage
again after edits. A turn (`t-`) keeps the ids of the passages it holds, a
section (`s-`) its normalised title and its passages. The build maintains
the file; it is committed with the source.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import BuildError
from .schema import SAFE_DUMPER, ListOf, Mapping, Text, load_yaml

CONTEXT = 12  # characters of context kept on each side

ANCHOR_ID = r"[qts]-[0-9a-f]{6,40}(-\d+)?"  # a passage (quote), a turn, a section
ENTRY = Mapping({
    "id": Text(pattern=ANCHOR_ID),
    "text": Text(required=False),
    "prefix": Text(required=False),
    "suffix": Text(required=False),
    "passages": ListOf(Text(pattern=ANCHOR_ID)),
    "retired_to": Text(required=False, pattern=ANCHOR_ID),
})
FILE = Mapping({"anchors": ListOf(ENTRY)})


@dataclass
class Anchor:
    id: str
    text: str  # normalised source text of the passage
    prefix: str = ""
    suffix: str = ""
    retired_to: str | None = None  # the successor, once the passage is gone
    passages: list[str] = field(default_factory=list)  # a turn's or section's passages


def load_registry(path: Path) -> list[Anchor]:
    if not path.exists():
        return []
    entries = load_yaml(path, FILE)["anchors"]
    ids = [e["id"] for e in entries]
    if len(ids) != len(set(ids)):
        raise BuildError(path, "an id is registered twice")
    for i, e in enumerate(entries):
        if e["id"].startswith("q-") and not e["text"]:
            raise BuildError(path, f"anchors[{i}].text: missing, expected the passage's normalised text")
    return [Anchor(e["id"], e["text"] or "", e["prefix"] or "", e["suffix"] or "", e["retired_to"], e["passages"])
            for e in entries]


def dump_registry(anchors: list[Anchor], slug: str) -> str:
    header = (f"# Permanent anchors of {slug}: every id ever issued, written by build_site.py.\n"
              "# Commit this file with the source. A quote (q-) keeps the passage's normalised text,\n"
              "# a turn (t-) the quotes it holds, a section (s-) its normalised title and quotes;\n"
              "# `retired_to` sends a link to a removed one to its successor.\n")
    entries = []
    for a in anchors:
        if a.id.startswith("q-"):
            entry = {"id": a.id, "text": a.text, "prefix": a.prefix, "suffix": a.suffix}
        else:
            entry = {"id": a.id, **({"text": a.text} if a.text else {}), "passages": a.passages}
        if a.retired_to:
            entry["retired_to"] = a.retired_to
        entries.append(entry)
    body = yaml.dump({"anchors": entries}, Dumper=SAFE_DUMPER, allow_unicode=True, sort_keys=False, width=100000)
    return header + body
