"""Align two versions of one interview (`same_interview_as`), passage by passage.

Two write-ups of the same recording translate the same talk in their own
words and cut it into paragraphs of their own: a short translation may give
a question and its answer in four paragraphs that a full one gives in one,
fold a host's aside into the guest's answer, or leave a remark out. What
they share is the talk's order, its speakers, and much of its vocabulary,
its names and its numbers. So:

1. each passage becomes a bag of tokens: Han character pairs (the shared
   vocabulary of two Chinese translations), Latin words (AlphaGo, Gemini)
   and numbers, each weighted by how rare it is in the two texts, names and
   numbers twice;
2. how much of one passage the other holds is the weight of their shared
   tokens over the passage's own (damped, so "是的。" proves nothing);
3. every passage of the finer version (more passages) is given at most one
   passage of the other, in order (a monotone path, several passages of the
   finer version may share one), maximising the summed similarity above a
   threshold, a little more for the same speaker;
4. a passage left out between two aligned ones is given a passage between
   theirs at a lower threshold, preferring the same speaker (turn position);
5. an annotation file (`sources/<slug>.alignment.yml`) overrides the matcher
   where it is wrong: this passage goes with that one, or with none.

Only passages somebody speaks are aligned: introductions and notes are each
write-up's own. Pure functions; the page and data writers use `Alignment`.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .hanzi import HAN_RUN
from .metadata import SLUG
from .schema import ListOf, Mapping, Text, entry_lines, load_yaml
from .textmatch import FoldedText, fold

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)*")
NUMBER = re.compile(r"\d+(?:\.\d+)?")

THRESHOLD = 0.25  # the similarity a passage pair must exceed to align on its own
GAP_THRESHOLD = 0.08  # ... to fill a gap between two aligned passages
SAME_SPEAKER = 0.05  # added for the same speaker (a host's aside may be folded into an answer)
GAP_SAME_SPEAKER = 0.1  # ... when filling a gap, where position already says much
DAMPING = 30.0  # token weight added to every passage's own: short passages prove little
NAME_WEIGHT = 2.0  # names and numbers count twice a word


def tokens(text: str) -> set[str]:
    """The vocabulary of a passage: Han character pairs, Latin words, numbers."""
    out = set()
    for run in HAN_RUN.findall(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    out.update("w:" + word.casefold() for word in LATIN_WORD.findall(text))
    out.update("n:" + number for number in NUMBER.findall(text))
    return out


def token_weights(bags: list[set[str]]) -> dict[str, float]:
    """Inverse document frequency over all passages of both versions; names and numbers count more."""
    frequency = Counter(token for bag in bags for token in bag)
    return {token: math.log(len(bags) / n) * (NAME_WEIGHT if token[:2] in ("w:", "n:") else 1.0)
            for token, n in frequency.items()}


def similarity(bag: set[str], other: set[str], weights: dict[str, float]) -> float:
    """How much of `bag` (a passage) `other` holds, 0..1."""
    own = sum(weights[t] for t in bag)
    return sum(weights[t] for t in bag & other) / (own + DAMPING)


def monotone_path(gain) -> dict[int, int]:
    """The best order-keeping assignment of rows to columns of `gain`
    (rows may share a column, or get none): {row: column} maximising the
    summed positive gains. `gain` is a list of rows of numbers (-inf: never)."""
    n, m = len(gain), len(gain[0]) if gain else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step = [[""] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            options = [(best[i][j - 1], "column"), (best[i - 1][j], "row")]
            if gain[i - 1][j - 1] > 0:
                options.append((best[i - 1][j] + gain[i - 1][j - 1], "pair"))
            best[i][j], step[i][j] = max(options, key=lambda option: option[0])
    path, i, j = {}, n, m
    while i > 0 and j > 0:
        if step[i][j] == "column":
            j -= 1
        else:
            if step[i][j] == "pair":
                path[i - 1] = j - 1
            i -= 1
    return path


@dataclass
class Override:
    """One entry of an alignment file: passage (by snippet) -> counterpart (or None)."""
    passage: str | None  # snippet in the source the file belongs to
    counterpart: str | None  # snippet in the other version
    line: int | None


@dataclass
class Overrides:
    slug: str  # the source the file belongs to
    other: str  # `with:`, the other version
    pairs: list[Override]
    path: str


ENTRY = Mapping({"passage": Text(required=False), "counterpart": Text(required=False)})
FILE = Mapping({"with": Text(pattern=SLUG), "pairs": ListOf(ENTRY)})


def load_overrides(path: Path) -> Overrides:
    data = load_yaml(path, FILE)
    lines = entry_lines(path, "pairs")
    pairs = []
    for i, entry in enumerate(data["pairs"]):
        line = lines[i] if i < len(lines) else None
        if not entry["passage"] and not entry["counterpart"]:
            raise BuildError(path, f"pairs[{i}]: expected a passage, a counterpart, or both", line=line)
        pairs.append(Override(entry["passage"], entry["counterpart"], line))
    return Overrides(Path(path).name.removesuffix(".alignment.yml"), data["with"], pairs, str(path))


@dataclass
class Alignment:
    """Two versions aligned. `pairs` are (passage id in `first`, passage id in
    `second`) in reading order; a passage of `second` may pair with several of
    `first` (the finer version). `counterpart` maps each aligned passage id,
    of either version, to the one a reader should compare it with."""
    first: str  # slug of the version with more passages
    second: str
    pairs: list[tuple[str, str]]
    spoken: dict[str, int] = field(default_factory=dict)  # slug -> passages somebody speaks

    @property
    def counterpart(self) -> dict[str, str]:
        out = {a: b for a, b in self.pairs}
        for a, b in self.pairs:
            out.setdefault(b, a)  # the first of the finer version's passages that went into it
        return out


def _spoken(interview):
    return [p for p in interview.passages() if p.speaker]


def _text(passage) -> str:
    return "\n".join(passage.texts.values())


def _find(snippet: str, passages, slug: str, overrides: Overrides, key: str, line) -> int:
    """The one spoken passage that contains the snippet (or, of several, is exactly it: `是的。`)."""
    found = [i for i, p in enumerate(passages) if any(FoldedText(t).spans(snippet) for t in p.texts.values())]
    if len(found) > 1:
        found = [i for i in found if any(fold(t) == fold(snippet) for t in passages[i].texts.values())] or found
    if len(found) != 1:
        where = "no passage" if not found else f"{len(found)} passages"
        raise BuildError(overrides.path, f"{key}: {snippet!r} is in {where} somebody speaks in {slug}", line=line)
    return found[0]


def align(first, second, overrides: Overrides | None = None) -> Alignment:
    """Align two interviews (model.Interview) of the same talk."""
    if len(_spoken(first)) < len(_spoken(second)):
        first, second = second, first
    a, b = _spoken(first), _spoken(second)
    bags_a, bags_b = [tokens(_text(p)) for p in a], [tokens(_text(p)) for p in b]
    weights = token_weights(bags_a + bags_b)
    score = [[similarity(x, y, weights) for y in bags_b] for x in bags_a]

    forced: dict[int, int | None] = {}  # passage of `first` -> passage of `second`, or None
    unpaired_b: set[int] = set()  # passages of `second` that have no counterpart
    if overrides:
        this_is_first = overrides.slug == first.slug
        for n, entry in enumerate(overrides.pairs):
            mine = _find(entry.passage, a if this_is_first else b, overrides.slug, overrides,
                         f"pairs[{n}].passage", entry.line) if entry.passage else None
            theirs = _find(entry.counterpart, b if this_is_first else a, overrides.other, overrides,
                           f"pairs[{n}].counterpart", entry.line) if entry.counterpart else None
            i, j = (mine, theirs) if this_is_first else (theirs, mine)
            if i is not None:
                forced[i] = j
            else:
                unpaired_b.add(j)

    def gain(i, j, threshold=THRESHOLD, same_speaker=SAME_SPEAKER):
        if i in forced:
            return 1.0 if forced[i] == j else -math.inf
        if j in unpaired_b:
            return -math.inf
        return score[i][j] - threshold + (same_speaker if a[i].speaker == b[j].speaker else 0.0)

    path = monotone_path([[gain(i, j) for j in range(len(b))] for i in range(len(a))])
    path.update(_fill_gaps(path, len(a), len(b), lambda i, j: gain(i, j, GAP_THRESHOLD, GAP_SAME_SPEAKER)))
    path = {i: j for i, j in path.items() if forced.get(i, j) is not None}
    return Alignment(first.slug, second.slug, [(a[i].id, b[j].id) for i, j in sorted(path.items())],
                     {first.slug: len(a), second.slug: len(b)})


def _fill_gaps(path: dict[int, int], rows: int, columns: int, gain) -> dict[int, int]:
    """Passages left out between two aligned ones, aligned within the span
    between their partners with `gain` (the lower threshold)."""
    out = {}
    anchors = [(-1, 0)] + sorted(path.items()) + [(rows, columns - 1)]
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        if i1 - i0 > 1 and j1 >= j0:
            gap_rows = range(i0 + 1, i1)
            gap_columns = range(j0, j1 + 1)
            sub = monotone_path([[gain(i, j) for j in gap_columns] for i in gap_rows])
            out.update({gap_rows[r]: gap_columns[c] for r, c in sub.items()})
    return out


# --- what the pages show -------------------------------------------------------------


@dataclass
class Row:
    """One row of the comparison page: turns of each version that hold
    passages aligned with each other (either side may be empty)."""
    first: list  # model.Turn
    second: list


def rows(alignment: Alignment, first, second) -> list[Row]:
    """Turns side by side: a row joins every turn of one version to every turn
    of the other that shares an aligned passage with it (connected turns, in
    order). Turns with no aligned passage between two rows make a row of
    their own: the part of the talk only one version has (or each its own,
    such as two introductions), side by side."""
    if first.slug != alignment.first:
        first, second = second, first
    turns_a, turns_b = list(first.turns()), list(second.turns())
    turn_a = {p.id: n for n, t in enumerate(turns_a) for p in t.passages}
    turn_b = {p.id: n for n, t in enumerate(turns_b) for p in t.passages}
    links = sorted({(turn_a[x], turn_b[y]) for x, y in alignment.pairs})
    out, i, j = [], 0, 0
    for ta, tb in links:
        if ta < i or tb < j:  # shares a turn with the row before: joins it
            out[-1].first.extend(turns_a[i:ta + 1])
            out[-1].second.extend(turns_b[j:tb + 1])
            i, j = max(i, ta + 1), max(j, tb + 1)
            continue
        if ta > i or tb > j:
            out.append(Row(turns_a[i:ta], turns_b[j:tb]))
        out.append(Row([turns_a[ta]], [turns_b[tb]]))
        i, j = ta + 1, tb + 1
    if i < len(turns_a) or j < len(turns_b):
        out.append(Row(turns_a[i:], turns_b[j:]))
    return out


def version_pairs(interviews) -> list[tuple]:
    """Each pair of interviews that declare each other (or are declared) the same interview, once."""
    by_slug = {i.slug: i for i in interviews}
    pairs = set()
    for interview in interviews:
        for other in interview.meta["same_interview_as"]:
            if other in by_slug:
                pairs.add(tuple(sorted((interview.slug, other))))
    return [(by_slug[x], by_slug[y]) for x, y in sorted(pairs)]


def align_versions(interviews, overrides: list[Overrides]) -> list[Alignment]:
    """Every pair of versions aligned, with the override file that names the pair (if any)."""
    files = {}
    for o in overrides:
        pair = tuple(sorted((o.slug, o.other)))
        if pair in files:
            raise BuildError(o.path, f"a second alignment file for {o.slug} and {o.other} (the first: {files[pair].path})")
        files[pair] = o
    pairs = version_pairs(interviews)
    known = {tuple(sorted((x.slug, y.slug))) for x, y in pairs}
    for pair, o in files.items():
        if pair not in known:
            raise BuildError(o.path, f"with: {o.other!r} is not a version of {o.slug} (same_interview_as)")
    return [align(x, y, files.get((x.slug, y.slug))) for x, y in pairs]
