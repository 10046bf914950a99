"""Stage 6: permanent anchors for passages, turns and sections.

Every id, once issued, is kept in a registry committed beside its source
(`sources/<slug>.anchors.yml`, see registry.py). On each build, passages are
matched to registered ids: same normalised text first, then fuzzy (a typo
fixed, a turn split or merged). Turns and sections are then matched the same
way, exact then fuzzy, by the passages they hold (and a section by its title
too), so a turn that gains a paragraph keeps its id. Matched anchors keep their
id; new ones get a new id, never one issued before; a registered id whose
passage, turn or section is gone is retired and points to its successor.

New passage ids are `q-` and six hex digits of a hash of the passage's own
text, so they do not depend on position or build order either; a new turn is
`t-` and its first passage's digits, a new section `s-` and a hash of its title.
"""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
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
    _take_best(pairs, ids, used)
    return ids


def _successors(registry: list[Anchor], alive: set[str], preferred=lambda anchor: []) -> dict[str, str]:
    """Where each registered id that is no longer alive should lead: its
    recorded successor, else the first of `preferred(anchor)`, else the
    nearest surviving anchor after it in the old page order (else before
    it); chains are followed to a live id."""
    active = [a for a in registry if not a.retired_to]
    order = [a.id for a in active]
    step = {a.id: a.retired_to for a in registry if a.retired_to}
    for position, anchor in enumerate(active):
        if anchor.id not in alive:
            later = [i for i in order[position + 1:] if i in alive]
            earlier = [i for i in reversed(order[:position]) if i in alive]
            step[anchor.id] = (preferred(anchor) + later + earlier + [None])[0]
    return _follow(step, alive)


def _take_best(pairs: list[tuple], ids: list[str | None], used: set[str]) -> None:
    """Give each unmatched item the registered id of its best pair (pairs
    sort best first and end with the item's number and the id), each id once."""
    for *_, i, anchor_id in sorted(pairs):
        if ids[i] is None and anchor_id not in used:
            ids[i] = anchor_id
            used.add(anchor_id)


def _follow(step: dict[str, str | None], alive: set[str]) -> dict[str, str]:
    """Each id of `step` followed along `step` to a live id (those that reach none are left out)."""
    out = {}
    for anchor_id in step:
        target, seen = anchor_id, set()
        while target is not None and target not in alive and target not in seen:
            seen.add(target)
            target = step.get(target)
        if target in alive:
            out[anchor_id] = target
    return out


# --- turns and sections: anchors that hold passages -----------------------------------------


@dataclass
class Group:
    """A turn or a titled section as the registry sees it: its normalised
    title (empty for a turn) and the ids of the passages it holds."""
    text: str
    passages: list[str]


def match_groups(groups: list[Group], registry: list[Anchor]) -> list[str | None]:
    """Registered id for each turn or section (None: a new one).

    Like passages: exact first (the same title and the same passages), then
    fuzzy, best pairs first: the share of a registered group's passages that
    the group holds now, plus how alike the titles are. A turn that gained or
    lost a paragraph, a section moved or retitled keep their ids; a turn split
    in two keeps its id on the part that holds more of its passages.
    """
    ids: list[str | None] = [None] * len(groups)
    active = [a for a in registry if not a.retired_to]
    used: set[str] = set()
    for i, group in enumerate(groups):
        for anchor in active:
            if anchor.id not in used and anchor.text == group.text and anchor.passages == group.passages:
                ids[i] = anchor.id
                used.add(anchor.id)
                break
    pairs = []
    for i, group in enumerate(groups):
        if ids[i] is None:
            held = set(group.passages)
            for anchor in active:
                if anchor.id in used:
                    continue
                shared = sum(1 for p in anchor.passages if p in held) / max(len(anchor.passages), 1)
                title = 1.0 if group.text and group.text == anchor.text else (
                    _similarity(group.text, anchor.text)[0] if group.text and anchor.text else 0.0)
                if shared or title:
                    pairs.append((-(shared + title), i, anchor.id))
    _take_best(pairs, ids, used)
    return ids


def assign_ids(interview: Interview, registry: list[Anchor] | None = None) -> None:
    """Give every passage, turn and section its id; set the updated registry
    (interview.registry) and where retired ids lead (interview.retired)."""
    registry = list(registry or [])
    of_kind = {kind: [a for a in registry if a.id.startswith(kind + "-")] for kind in "qts"}
    taken = {a.id for a in registry} | {"intro", "meta"}
    passages = list(interview.passages())
    keys = [passage_key(p) for p in passages]
    for passage, key, found in zip(passages, keys, match_passages(keys, of_kind["q"])):
        passage.id = found or new_id("q", key, taken)
    turns = _assign_turns(list(interview.turns()), of_kind["t"], taken)
    sections = _assign_sections([s for s in interview.sections if s.title], of_kind["s"], taken)

    prefixes, suffixes = _contexts(keys)
    current = [Anchor(p.id, k, pre, suf) for p, k, pre, suf in zip(passages, keys, prefixes, suffixes)]
    current += [Anchor(group_id, g.text, passages=g.passages) for group_id, g in turns + sections]
    alive = {a.id for a in current}
    moves = _successors(of_kind["q"], alive)
    # a retired turn or section leads to the group that now holds the first of
    # its passages still on the page (directly, or through that passage's successor)
    for kind, groups in (("t", turns), ("s", sections)):
        holder = {p: group_id for group_id, g in groups for p in g.passages}
        moves.update(_successors(of_kind[kind], alive, lambda anchor, holder=holder: [
            h for p in anchor.passages if (h := holder.get(moves.get(p, p)))]))
    retired = [Anchor(a.id, a.text, a.prefix, a.suffix, retired_to=moves.get(a.id), passages=a.passages)
               for a in registry if a.id not in alive]
    interview.retired = {a.id: a.retired_to for a in retired if a.retired_to}
    interview.registry = current + retired


def _assign_turns(turns, registry: list[Anchor], taken: set[str]) -> list[tuple[str, Group]]:
    """Each turn's registered id, or a new one named after its first passage, as turns always were."""
    groups = [Group("", [p.id for p in turn.passages]) for turn in turns]
    for turn, found in zip(turns, match_groups(groups, registry)):
        first = "t" + turn.passages[0].id[1:]
        turn.id = found or (first if first not in taken else new_id("t", passage_key(turn.passages[0]), taken))
        taken.add(turn.id)
    return [(turn.id, group) for turn, group in zip(turns, groups)]


def _assign_sections(sections, registry: list[Anchor], taken: set[str]) -> list[tuple[str, Group]]:
    """Each titled section's registered id, or a new one from its title as
    the source has it (like passage keys: a new correction keeps ids)."""
    groups = [Group(normalise_for_id(s.original_title or s.title), [p.id for t in s.turns for p in t.passages])
              for s in sections]
    for section, group, found in zip(sections, groups, match_groups(groups, registry)):
        section.id = found or new_id("s", group.text, taken)
    return [(section.id, group) for section, group in zip(sections, groups)]
