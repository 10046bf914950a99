#!/usr/bin/env python3
"""Make a self-contained copy of the project with N interviews, for the scale benchmark.

    python bench/make_corpus.py 50 /tmp/bench-50 [--check]

N = 5 is the five real sources, unchanged. For N > 5 the copy holds the five
real sources plus N - 5 synthetic interviews. Each synthetic interview takes
one real interview as its seed (in turn) and rewrites it as a new raw source:
a new slug, title and date, a host and a guest from a pool of 40 fictitious
people, and the seed's question/answer pairs in a shuffled order (a random
60-100 % of them), so no two pages are the same but every passage is real,
already-corrected text that the concept index and search see as they would
see a real transcript.

Synthetic sources are written in the simplest layouts the readers accept:

- Chinese-only seeds: `labelled`, one paragraph per line, `Name：text` at
  the start of each turn, the seed's section titles as `## headings`.
- The bilingual seed (003): `bilingual-lines` (an English line, then its
  Chinese line), so pairs stay pairs; as in the real 003, who speaks is given
  by a generated `<slug>.annotations.yml` (one entry per turn, with snippets
  long enough to be found exactly once).

No corrections file is written: the text comes from the processed model, so
it is already corrected. `--check` reads the synthetic sources back through
the pipeline and compares every passage's speaker and text with what was
written.

The project is copied from the working tree, or with `--ref` from a commit
(`git archive`), and the pipeline that reads the real sources is imported from
that copy, so a half-finished edit in the working tree cannot leak in.
"""
from __future__ import annotations

import argparse
import datetime
import io
import json
import random
import re
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

# What `python build_site.py` and `mkdocs build` read. docs/images is left
# out: no page links to it (only the README does).
PROJECT_FILES = ("mkdocs.yml", "build_site.py", "transcripts", "hooks", "templates", "overrides",
                 "docs/stylesheets", "docs/javascripts", "sources")
REAL_INTERVIEWS = 5

# 8 given names x 5 family names = 40 people, English and Chinese names.
GIVEN_NAMES = (("Ada", "艾达"), ("Bruno", "布鲁诺"), ("Clara", "克拉拉"), ("Dmitri", "德米特里"),
               ("Elena", "埃莱娜"), ("Felix", "费利克斯"), ("Grace", "格蕾丝"), ("Hugo", "雨果"))
FAMILY_NAMES = (("Lindqvist", "林德奎斯特"), ("Okafor", "奥卡福"), ("Moreau", "莫罗"),
                ("Castellanos", "卡斯特利亚诺斯"), ("Varga", "瓦尔加"))
HOST_EVERY = 5  # every 5th person of the pool hosts (8 hosts, 8 programmes), the other 32 are guests
PROGRAMMES = ("Frontier Notes", "Gradient Hour", "Model Behaviour", "The Long Context",
              "Open Weights", "Loss Curves", "Inference Time", "Sample Efficiency")
FIRST_DATE = datetime.date(2030, 1, 1)  # after every real interview: synthetic ones sort first
DAYS_BETWEEN = 3
KEEP_SHARE = (0.6, 1.0)  # share of the seed's question/answer pairs kept
MIN_SNIPPET = 20  # characters an annotation snippet starts from


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    name_zh: str


def people_pool() -> list[Person]:
    return [Person(f"{given.lower()}-{family.lower()}", f"{given} {family}", f"{given_zh}·{family_zh}")
            for family, family_zh in FAMILY_NAMES for given, given_zh in GIVEN_NAMES]


@dataclass
class Turn:
    """Who speaks ("host", "guest" or "introduction") and the texts of the passages."""
    side: str
    passages: list[dict]


@dataclass
class Seed:
    """A real interview cut into what a synthetic one is assembled from."""
    slug: str
    bilingual: bool
    introduction: list[dict]
    units: list[list[Turn]]  # a question and its answer(s), or answers before any question
    titles: list[str]


@dataclass
class Synthetic:
    slug: str
    meta: dict
    introduction: list[dict]
    sections: list[tuple[str | None, list[Turn]]]
    host: Person
    guest: Person
    seed: str
    expected: list = field(default_factory=list)  # (speaker id or role, texts) per passage
    left_out: int = 0  # turns that could not be written faithfully (see bilingual_source)


# --- the seeds -------------------------------------------------------------

def _side(turn, questioners: set[str]) -> str | None:
    if turn.role == "introduction":
        return "introduction"
    if turn.role:
        return None  # a translator's note belongs to its place in the real text only
    return "host" if turn.speaker in questioners else "guest"


def make_seed(interview) -> Seed:
    questioners = {s["id"] for s in interview.meta["speakers"] if s["role"] in ("host", "interviewer")}
    introduction, units = [], []
    for turn in interview.turns():
        side = _side(turn, questioners)
        texts = [dict(p.texts) for p in turn.passages]
        if side == "introduction":
            introduction.extend(texts)
        elif side == "host" or (side == "guest" and not units):
            units.append([Turn(side, texts)])
        elif side == "guest":
            units[-1].append(Turn(side, texts))
    titles = [s.title for s in interview.sections if s.title]
    bilingual = interview.meta["layout"]["reader"] == "bilingual-lines"
    return Seed(interview.slug, bilingual, introduction, units, titles)


def keep_chinese_sources(sources: Path) -> None:
    """The corpora are built on the five real Chinese interviews (the
    synthetic ones are written in Chinese layouts); a real source in another
    language is left out of the copy, so 5 stays the five real ones."""
    import yaml
    for meta_path in sorted(sources.glob("*.yml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
        if isinstance(meta, dict) and "languages" in meta and "zh-Hans" not in meta["languages"]:
            for path in sources.glob(f"{meta_path.stem}.*"):
                path.unlink()


def load_seeds(sources: Path) -> list[Seed]:
    from transcripts.build import Project, load_interviews
    interviews = sorted(load_interviews(Project(sources=sources, docs=sources.parent / "docs"))[0],
                        key=lambda i: i.slug)
    return [make_seed(i) for i in interviews]


# --- one synthetic interview -----------------------------------------------

def _chunks(items: list, parts: int) -> list[list]:
    return [items[j * len(items) // parts:(j + 1) * len(items) // parts] for j in range(parts)]


def _metadata(number: int, date: datetime.date, programme: str, host: Person, guest: Person,
              seed: Seed) -> dict:
    return {
        "title": {"zh-Hans": f"{guest.name_zh}：{programme} 第 {number} 期", "en": f"{guest.name} on {programme} #{number}"},
        "short_title": f"{guest.name.split()[-1]} · {programme} #{number}",
        "programme": programme,
        "episode": f"#{number}",
        "interview_date": date.isoformat(),
        "media_url": None,
        "writeup": {"publisher": None, "author": None, "date": None, "url": None,
                    "note": f"基准测试用的合成访谈：文本取自 {seed.slug}，问答顺序已打乱。"},
        "languages": ["en", "zh-Hans"] if seed.bilingual else ["zh-Hans"],
        "same_interview_as": [],
        "speakers": [
            {"id": host.id, "name": host.name, "name_zh": host.name_zh, "role": "host",
             "labels": [] if seed.bilingual else [host.name]},
            {"id": guest.id, "name": guest.name, "name_zh": guest.name_zh, "role": "guest",
             "labels": [] if seed.bilingual else [guest.name]},
        ],
        "layout": {"reader": "bilingual-lines" if seed.bilingual else "labelled", "paragraphs": "lines",
                   "rejoin_wrapped_lines": False, "rejoin_split_paragraphs": False,
                   "headings": "markdown" if seed.titles and not seed.bilingual else "none"},
        "clean": [],
    }


def synthesise(number: int, seed: Seed, pool: list[Person]) -> Synthetic:
    """Synthetic interview `number` (5, 6, ...): deterministic for a given number."""
    rng = random.Random(number)
    hosts = pool[::HOST_EVERY]
    host, guest = rng.choice(hosts), rng.choice([p for p in pool if p not in hosts])
    date = FIRST_DATE + datetime.timedelta(days=DAYS_BETWEEN * number)
    units = list(seed.units)
    rng.shuffle(units)
    units = units[:max(1, round(len(units) * rng.uniform(*KEEP_SHARE)))]
    if seed.titles and not seed.bilingual:
        sections = [(title, [t for unit in chunk for t in unit])
                    for title, chunk in zip(seed.titles, _chunks(units, len(seed.titles))) if chunk]
    else:
        sections = [(None, [t for unit in units for t in unit])]
    slug = f"{date:%Y-%m}-bench-{number:04d}"
    programme = PROGRAMMES[hosts.index(host)]  # each host has a programme
    return Synthetic(slug, _metadata(number, date, programme, host, guest, seed), list(seed.introduction),
                     sections, host, guest, seed.slug)


# --- writing it as a raw source ----------------------------------------------

def _misread(text: str, labels: re.Pattern | None) -> bool:
    """Would the labelled reader take this unlabelled line for a label, heading or timestamp?"""
    from transcripts.readers import MARKDOWN_HEADING, TIMESTAMP
    return bool(MARKDOWN_HEADING.match(text) or TIMESTAMP.match(text) or (labels and labels.match(text)))


def labelled_source(item: Synthetic) -> str:
    """`Name：text` at each turn; a later paragraph of the turn is labelled too
    only when it would otherwise be misread (the label continues the turn)."""
    from transcripts.readers import label_pattern
    names = {"host": item.host, "guest": item.guest}
    labels = label_pattern([item.host.name, item.guest.name])
    lines = []
    for texts in item.introduction:
        if not _misread(texts["zh-Hans"], labels):  # it would start a turn or section
            lines.append(texts["zh-Hans"])
            item.expected.append(("introduction", texts))
    for title, turns in item.sections:
        if title:
            lines.append(f"## {title}")
        for turn in turns:
            person = names[turn.side]
            for n, texts in enumerate(turn.passages):
                text = texts["zh-Hans"]
                lines.append(f"{person.name}：{text}" if n == 0 or _misread(text, labels) else text)
                item.expected.append((person.id, texts))
    return "\n".join(lines) + "\n"


def _paragraph_lines(texts: dict) -> list[str]:
    return [texts[lang] for lang in ("en", "zh-Hans") if lang in texts]


def _snippet(text: str, others: list[str]) -> str | None:
    """The shortest prefix of `text` (from MIN_SNIPPET characters) that occurs
    exactly once in `others` (all texts of that language, folded)."""
    from transcripts.textmatch import fold
    for length in range(MIN_SNIPPET, len(text) + 4, 4):
        needle = fold(text[:length], casefold=True)
        if needle and sum(o.count(needle) for o in others) == 1:
            return text[:length]
    return None


def _turn_annotation(turn: Turn, person_id: str | None, folded: dict) -> dict | None:
    first = turn.passages[0]
    at = {}
    for lang, text in first.items():
        snippet = _snippet(text, folded[lang])
        if snippet is None:
            return None
        at[lang] = snippet
    entry = {"at": at}
    entry.update({"speaker": person_id} if person_id else {"role": "introduction"})
    return entry


def _bilingual_turns(item: Synthetic) -> list[tuple[str | None, Turn]]:
    names = {"host": item.host.id, "guest": item.guest.id}
    turns = [(None, Turn("introduction", item.introduction))] if item.introduction else []
    return turns + [(names[t.side], t) for _, section in item.sections for t in section]


def bilingual_source(item: Synthetic) -> tuple[str, str]:
    """Interleaved English/Chinese lines and the annotations naming each turn's
    speaker. A turn whose first passage cannot be pointed to by a unique
    snippet (the same short reply twice) is left out."""
    from transcripts.textmatch import fold
    turns = _bilingual_turns(item)
    while True:
        folded = {lang: [fold(t[lang], casefold=True) for _, turn in turns for t in turn.passages if lang in t]
                  for lang in ("en", "zh-Hans")}
        entries = [_turn_annotation(turn, person, folded) for person, turn in turns]
        if all(entries):
            break
        item.left_out += entries.count(None)
        turns = [pair for pair, entry in zip(turns, entries) if entry]
    lines = []
    for person, turn in turns:
        for texts in turn.passages:
            lines.extend(_paragraph_lines(texts))
            item.expected.append((person or "introduction", texts))
    notes = yaml.safe_dump({"turns": entries}, allow_unicode=True, sort_keys=False, width=100000)
    header = f"# Speaker turns of the synthetic interview {item.slug} (bench/make_corpus.py).\n"
    return "\n".join(lines) + "\n", header + notes


def write_synthetic(item: Synthetic, sources: Path) -> None:
    header = f"# Synthetic benchmark interview {item.slug}, made by bench/make_corpus.py from {item.seed}.\n"
    meta = yaml.safe_dump(item.meta, allow_unicode=True, sort_keys=False, width=100000)
    (sources / f"{item.slug}.yml").write_text(header + meta, encoding="utf-8")
    if item.meta["layout"]["reader"] == "bilingual-lines":
        text, notes = bilingual_source(item)
        (sources / f"{item.slug}.annotations.yml").write_text(notes, encoding="utf-8")
    else:
        text = labelled_source(item)
    (sources / f"{item.slug}.txt").write_text(text, encoding="utf-8")


# --- the project copy ----------------------------------------------------------

def copy_project(repo: Path, dest: Path, ref: str | None = None) -> None:
    """Everything the build reads, without caches or anything it generates:
    from the working tree, or from commit `ref`."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    if ref:
        archive = subprocess.run(["git", "archive", "--format=tar", ref, *PROJECT_FILES], cwd=repo,
                                 capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
        return
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.tmp")
    for rel in PROJECT_FILES:
        source, target = repo / rel, dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=ignore)
        else:
            shutil.copy2(source, target)


def use_pipeline_of(project: Path) -> None:
    """Import `transcripts` from the project copy (functions here import it lazily)."""
    loaded = sys.modules.get("transcripts")
    if loaded is None:
        sys.path.insert(0, str(project))
    elif not Path(loaded.__file__).resolve().is_relative_to(project.resolve()):
        raise RuntimeError(f"transcripts already imported from {loaded.__file__}, not from {project}")


def make_corpus(n: int, dest: Path, repo: Path = REPO, ref: str | None = None) -> list[Synthetic]:
    """Create the project at `dest` (replacing it) with n interviews; return the synthetic ones.
    Call once per process: the pipeline is imported from the first copy."""
    if n < REAL_INTERVIEWS:
        raise ValueError(f"n must be at least {REAL_INTERVIEWS} (the real interviews)")
    copy_project(repo, dest, ref)
    use_pipeline_of(dest)
    sources = dest / "sources"
    keep_chinese_sources(sources)
    seeds = load_seeds(sources)
    pool = people_pool()
    # a copy from before languages were data (the old engine's commit) keys titles zh / en
    old_titles = not (dest / "transcripts" / "languages.py").exists()
    made = []
    for number in range(REAL_INTERVIEWS, n):
        item = synthesise(number, seeds[number % len(seeds)], pool)
        if old_titles:
            item.meta["title"] = {"zh": item.meta["title"]["zh-Hans"], "en": item.meta["title"]["en"]}
        write_synthetic(item, sources)
        made.append(item)
    return made


# --- checking it -------------------------------------------------------------------

def check_corpus(dest: Path, made: list[Synthetic]) -> list[str]:
    """Problems found reading the synthetic sources back: a passage whose
    speaker or text differs from what was written."""
    from transcripts.build import Project, load_interviews
    sources = dest / "sources"
    interviews = {i.slug: i for i in load_interviews(Project(sources=sources, docs=dest / "docs"))[0]}
    problems = []
    for item in made:
        got = [(p.speaker or p.role, p.texts) for p in interviews[item.slug].passages()]
        if len(got) != len(item.expected):
            problems.append(f"{item.slug}: {len(got)} passages read back, {len(item.expected)} written")
        for n, (want, have) in enumerate(zip(item.expected, got)):
            if want != have:
                problems.append(f"{item.slug}: passage {n}: wrote {want!r:.120}, read {have!r:.120}")
                break
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help=f"number of interviews (at least {REAL_INTERVIEWS})")
    parser.add_argument("dest", type=Path, help="project folder to create (replaced if it exists)")
    parser.add_argument("--ref", help="copy the project from this commit (git archive) instead of the working tree")
    parser.add_argument("--check", action="store_true", help="read the sources back and compare")
    parser.add_argument("--json", action="store_true", help="print a summary as JSON on stdout")
    args = parser.parse_args(argv)
    made = make_corpus(args.n, args.dest, ref=args.ref)
    left_out = sum(item.left_out for item in made)
    print(f"{args.dest}: {REAL_INTERVIEWS} real + {len(made)} synthetic interviews, "
          f"{left_out} turn(s) left out", file=sys.stderr)
    problems = check_corpus(args.dest, made) if args.check else []
    for problem in problems:
        print(problem, file=sys.stderr)
    if args.check:
        print(f"check: {len(problems)} problem(s)", file=sys.stderr)
    if args.json:
        print(json.dumps({"synthetic": len(made), "turns_left_out": left_out, "checked": args.check,
                          "problems": problems}))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
