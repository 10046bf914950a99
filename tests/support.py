"""Shared helpers for the tests: paths, processing one real source, folding text."""
from __future__ import annotations

import functools
import json
import shutil
import unicodedata
from pathlib import Path

from transcripts.annotations import load_annotations
from transcripts.build import Project, process, read_transcript
from transcripts.corrections import load_corrections
from transcripts.metadata import load_metadata, load_rules
from transcripts.registry import load_registry
from transcripts.searchindex import shard_of, term_key

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"

VINYALS_SHORT = "2024-12-vinyals-google-deepmind-podcast-short"  # 000
VINYALS = "2024-12-vinyals-google-deepmind-podcast"  # 001
HASSABIS = "2024-hassabis-xinzhiyuan-qa"  # 002
SUTSKEVER = "2023-03-sutskever-eye-on-ai-118"  # 003
SCHULMAN = "2024-schulman-dwarkesh-podcast"  # 004
ZAREMBA = "2018-zaremba-practical-ai-14"  # English, CC BY-SA 4.0, taken in with `build_site.py new`
FIVE = (VINYALS_SHORT, VINYALS, HASSABIS, SUTSKEVER, SCHULMAN)  # the first five, in Chinese
ALL = (*FIVE, ZAREMBA)


def transcript_path(slug: str, sources: Path = SOURCES) -> Path:
    from transcripts.sources import find_transcripts
    return find_transcripts(sources)[slug]


@functools.lru_cache(maxsize=None)
def load(slug: str, sources: Path = SOURCES):
    """One source through every stage (cached: tests only read the result)."""
    transcript = read_transcript(transcript_path(slug, sources))
    meta = load_metadata(sources / f"{slug}.yml", found_in_text=transcript.front_matter.values)
    notes_path = sources / f"{slug}.annotations.yml"
    notes = load_annotations(notes_path, [s["id"] for s in meta["speakers"]]) if notes_path.exists() else []
    fixes_path = sources / f"{slug}.corrections.yml"
    fixes = load_corrections(fixes_path) if fixes_path.exists() else []
    registry = load_registry(sources / f"{slug}.anchors.yml")
    return process(transcript, meta, load_rules(Project(sources=sources).rules), notes, fixes, registry)


def fold(text: str) -> str:
    """Compare texts ignoring width, case and whitespace."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if not c.isspace())


def copy_project(tmp_path: Path) -> Project:
    """A copy of sources/ and the hand-written docs/ assets to build into."""
    shutil.copytree(SOURCES, tmp_path / "sources")
    (tmp_path / "docs").mkdir()
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(ROOT / "docs" / folder, tmp_path / "docs" / folder)
    return Project(sources=tmp_path / "sources", docs=tmp_path / "docs")


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "transcripts"


def small_project(tmp_path: Path, files: dict) -> Project:
    """A project holding only `files` (name -> text) in sources/, with the
    real cleaning rules and concepts, and the hand-written docs/ assets."""
    sources = tmp_path / "sources"
    (sources / "rules").mkdir(parents=True)
    shutil.copyfile(SOURCES / "rules" / "clean.yml", sources / "rules" / "clean.yml")
    shutil.copyfile(SOURCES / "concepts.yml", sources / "concepts.yml")
    for name, content in files.items():
        path = sources / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(ROOT / "docs" / folder, tmp_path / "docs" / folder)
    return Project(sources=sources, docs=tmp_path / "docs")


def metadata(languages=("zh-Hans",), speakers=None, layout=None, **fields) -> str:
    """A small metadata file: two labelled speakers (主持人 / 嘉宾) unless told otherwise."""
    import yaml
    data = {
        "title": {languages[0]: "测试访谈" if languages[0] != "en" else "A test interview"},
        "languages": list(languages),
        "speakers": speakers if speakers is not None else [
            {"id": "host", "name": "Host", "role": "host", "labels": ["主持人"]},
            {"id": "guest", "name": "Guest", "role": "guest", "labels": ["嘉宾"]}],
        "layout": {"reader": "labelled", "paragraphs": "lines", "headings": "none", **(layout or {})},
        **fields,
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def build_small(tmp_path: Path, files: dict):
    """Build a small project; return (project, site)."""
    from transcripts.build import build
    project = small_project(tmp_path, files)
    return project, build(project, need_site=True).site


# --- the built search index (transcripts/searchindex.py) ------------------------

def index_records(site_dir: Path) -> list:
    """Every record of the built search index, in number order."""
    meta = json.loads((site_dir / "search" / "meta.json").read_text(encoding="utf-8"))
    records = []
    for n in range(-(-meta["records"] // meta["per_file"])):
        records += json.loads((site_dir / "search" / "records" / f"{n}.json").read_text(encoding="utf-8"))
    return records


def postings_of(site_dir: Path, term: str):
    """[number of turns, encoded postings] of a term, or None."""
    meta = json.loads((site_dir / "search" / "meta.json").read_text(encoding="utf-8"))
    shard = site_dir / "search" / "terms" / f"{shard_of(term_key(term), meta['shards'])}.json"
    return json.loads(shard.read_text(encoding="utf-8")).get(term)
