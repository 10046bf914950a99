"""Stage 6: permanent anchors for passages, turns and sections.

Every passage id, once issued, is kept in a registry committed beside its
source (`sources/<slug>.anchors.yml`, see registry.py). On each build,
passages are matched to registered ids: same normalised text first, then
fuzzy (a typo fixed, a turn split or merged). Matched passages keep their id;
new passages get a new id, never one issued before; a registered id whose
passage is gone is retired and points to the nearest surviving passage.

New ids are `q-` and six hex digits of a hash of the passage's own text, so
they do not depend on position or build order either.
"""
from __future__ import annotations

import hashlib
import unicodedata
from difflib import SequenceMatcher

from .model import Interview
from .registry import CONTEXT, Anchor

# Fuzzy matching: accept an edited passage when it is this similar overall,
# or when one text lies (almost) wholly inside the other (a split or merge).
MIN_RATIO = 0.75
MIN_COVERAGE = 0.9
MIN_SHARED_CHARS = 12


def normalise_for_id(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if c.isalnum())


def passage_key(passage) -> str:
    """The normalised source text (before corrections) of all its languages."""
    return "\n".join(normalise_for_id(passage.source_text(lang)) for lang in sorted(passage.texts))


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def new_id(prefix: str, key: str, taken: set[str]) -> str:
    digest = _digest(key)
    for length in range(6, len(digest) + 1):
        candidate = f"{prefix}-{digest[:length]}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    n = 2  # the same text twice on a page
    while f"{prefix}-{digest[:6]}-{n}" in taken:
        n += 1
    taken.add(f"{prefix}-{digest[:6]}-{n}")
    return f"{prefix}-{digest[:6]}-{n}"


def _contexts(keys: list[str]):
    prefixes = [""] + [k[-CONTEXT:] for k in keys[:-1]]
    suffixes = [k[:CONTEXT] for k in keys[1:]] + [""]
    return prefixes, suffixes


def _similarity(a: str, b: str):
    """(score, shared characters) of two normalised texts."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3 and min(len(a), len(b)) / max(len(a), len(b), 1) > 0.5:
        return 0.0, 0
    shared = sum(block.size for block in matcher.get_matching_blocks())
    ratio = 2 * shared / (len(a) + len(b)) if a or b else 1.0
    coverage = shared / min(len(a), len(b)) if min(len(a), len(b)) else 0.0
    if ratio >= MIN_RATIO or (coverage >= MIN_COVERAGE and shared >= MIN_SHARED_CHARS):
        return max(ratio, coverage), shared
    return 0.0, 0


def match_passages(keys: list[str], registry: list[Anchor]) -> list[str | None]:
    """Registered id for each passage key (None: a new passage)."""
    prefixes, suffixes = _contexts(keys)
    ids: list[str | None] = [None] * len(keys)
    active = [a for a in registry if not a.retired_to]
    used: set[str] = set()
    # 1. exact text; among equal texts ("是的。") prefer the same neighbours
    by_text: dict[str, list[Anchor]] = {}
    for anchor in active:
        by_text.setdefault(anchor.text, []).append(anchor)
    for i, key in enumerate(keys):
        candidates = [a for a in by_text.get(key, []) if a.id not in used]
        if candidates:
            best = max(candidates, key=lambda a: (a.prefix == prefixes[i]) + (a.suffix == suffixes[i]))
            ids[i] = best.id
            used.add(best.id)
    # 2. fuzzy, best pairs first (a split keeps the id on its larger part)
    pairs = []
    for i, key in enumerate(keys):
        if ids[i] is None:
            for anchor in active:
                if anchor.id not in used:
                    score, shared = _similarity(key, anchor.text)
                    if score:
                        pairs.append((-score, -shared, i, anchor.id))
    for _, _, i, anchor_id in sorted(pairs):
        if ids[i] is None and anchor_id not in used:
            ids[i] = anchor_id
            used.add(anchor_id)
    return ids


def _successors(registry: list[Anchor], alive: set[str]) -> dict[str, str]:
    """Where each registered id that is no longer alive should lead: its
    recorded successor, or the nearest surviving passage after it in the old
    page order (else before it); chains are followed to a live passage."""
    order = [a.id for a in registry if not a.retired_to]
    step = {a.id: a.retired_to for a in registry if a.retired_to}
    for position, anchor_id in enumerate(order):
        if anchor_id not in alive:
            later = [i for i in order[position + 1:] if i in alive]
            earlier = [i for i in reversed(order[:position]) if i in alive]
            step[anchor_id] = (later or earlier or [None])[0]
    out = {}
    for anchor_id in step:
        target, seen = anchor_id, set()
        while target is not None and target not in alive and target not in seen:
            seen.add(target)
            target = step.get(target)
        if target in alive:
            out[anchor_id] = target
    return out


def assign_ids(interview: Interview, registry: list[Anchor] | None = None) -> None:
    """Give every passage, turn and section its id; set the updated registry
    (interview.registry) and where retired ids lead (interview.retired)."""
    registry = list(registry or [])
    passages = list(interview.passages())
    keys = [passage_key(p) for p in passages]
    ids = match_passages(keys, registry)
    taken = {a.id for a in registry} | {"intro", "meta"}
    for passage, key, found in zip(passages, keys, ids):
        passage.id = found or new_id("q", key, taken)
    for section in interview.sections:
        if section.title:
            section.id = new_id("s", normalise_for_id(section.title), taken)
        for turn in section.turns:
            turn.id = "t" + turn.passages[0].id[1:]

    prefixes, suffixes = _contexts(keys)
    current = [Anchor(p.id, k, pre, suf) for p, k, pre, suf in zip(passages, keys, prefixes, suffixes)]
    alive = {a.id for a in current}
    successors = _successors(registry, alive)
    retired = []
    for anchor in registry:
        if anchor.id in alive:
            continue
        retired.append(Anchor(anchor.id, anchor.text, anchor.prefix, anchor.suffix,
                              retired_to=successors.get(anchor.id)))
    interview.retired = {a.id: a.retired_to for a in retired if a.retired_to}
    interview.registry = current + retired
