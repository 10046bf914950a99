"""Stage 2: remove boilerplate lines by named rules, keep metadata lines as metadata.

Rules are data (sources/rules/clean.yml for all sources, `clean:` in each
source's metadata for one source). Every removed line is recorded with the
rule that removed it, so `build_site.py --report` can show it and nothing is
dropped silently. A rule marked `at_start` applies only before the first
line of text is kept (a header block, never a later line that looks the same).
"""
from __future__ import annotations

import re

from .model import Removal, SourceLine


def _compile(rule):
    return {k: re.compile(v) if v and k in ("pattern", "strip", "start", "end") else v
            for k, v in rule.items()}


def _keep(rule, match, extracted):
    if rule["keep_as"]:
        groups = match.groupdict()
        value = groups["value"] if "value" in groups else match.group(0)
        if value:
            extracted.setdefault(rule["keep_as"], value.strip())


def apply_rules(lines: list[SourceLine], rules: list[dict]):
    """Return (kept lines, removals, extracted metadata)."""
    compiled = [_compile(rule) for rule in rules]
    removed: list[Removal] = []
    extracted: dict[str, str] = {}
    kept: list[SourceLine] = []
    block = None  # the block rule whose end we are looking for
    started = False  # a line of text was kept: `at_start` rules no longer apply
    for line in lines:
        if block is not None:
            removed.append(Removal(block["name"], line.number, line.text))
            if block["end"] and block["end"].search(line.text):
                block = None
            continue
        text = line.text
        for rule in compiled:
            if rule["at_start"] and started:
                continue
            if rule["start"] and rule["start"].search(text):
                removed.append(Removal(rule["name"], line.number, text))
                block = rule
                break
            if rule["pattern"]:
                match = rule["pattern"].search(text)
                if match:
                    removed.append(Removal(rule["name"], line.number, text))
                    _keep(rule, match, extracted)
                    break
            if rule["strip"]:
                # every match: wrappers like `<span class=…>` come in pairs, several to a line
                for match in rule["strip"].finditer(text):
                    removed.append(Removal(rule["name"], line.number, match.group(0)))
                text = rule["strip"].sub("", text)
        else:
            kept.append(SourceLine(line.number, text))
            started = started or bool(text.strip())
    return kept, removed, extracted
