"""Wires the stages together and is the only module that writes files.

Everything is computed in memory first; only when every source has passed
every stage are pages written, so bad input never leaves a half-built site.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import anchors, crossref, render, searchdict
from .annotations import load_annotations
from .clean import apply_rules
from .concepts import index_passages, load_concepts
from .corrections import apply_corrections, load_corrections
from .errors import BuildError
from .metadata import load_metadata, load_rules
from .model import Interview
from .paragraphs import split_paragraphs
from .read import read_source
from .registry import dump_registry, load_registry
from .readers import READERS
from .speakers import attribute

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Project:
    sources: Path = ROOT / "sources"
    docs: Path = ROOT / "docs"

    @property
    def rules(self) -> Path:
        return self.sources / "rules" / "clean.yml"

    @property
    def concepts(self) -> Path:
        return self.sources / "concepts.yml"

    @property
    def build_dir(self) -> Path:
        """Generated inputs of the MkDocs build that are not pages (.gitignored)."""
        return self.docs.parent / ".build"


def source_slugs(sources: Path) -> list[str]:
    return sorted(p.stem for p in sources.glob("*.txt"))


def process(path: Path, meta: dict, generic_rules: list[dict], annotations=(), corrections=(),
            registry=()) -> Interview:
    """One source file through every stage, in memory."""
    lines = read_source(path)
    kept, removed, extracted = apply_rules(lines, meta["clean"] + generic_rules)
    layout = meta["layout"]
    paragraphs = split_paragraphs(kept, layout["paragraphs"], layout["rejoin_wrapped_lines"],
                                  layout["rejoin_split_paragraphs"])
    labels = [label for s in meta["speakers"] for label in s["labels"]]
    blocks = READERS[layout["reader"]](paragraphs, layout, labels)
    if not any(not b.is_heading and b.texts for b in blocks):
        raise BuildError(path, "no text left after cleaning")
    interview = Interview(slug=path.stem, meta=meta, sections=attribute(blocks, meta, annotations),
                          removed=removed, extracted=extracted)
    anchors.assign_ids(interview, list(registry))  # from the source text: a new correction keeps ids
    if corrections:
        interview.correction_counts = apply_corrections(interview, list(corrections))
    return interview


def load_interviews(project: Project) -> list[Interview]:
    slugs = source_slugs(project.sources)
    if not slugs:
        raise BuildError(project.sources, "no transcripts (*.txt) found")
    generic_rules = load_rules(project.rules)
    interviews = []
    for slug in slugs:
        meta_path = project.sources / f"{slug}.yml"
        if not meta_path.exists():
            raise BuildError(project.sources / f"{slug}.txt", f"metadata file {meta_path.name} is missing")
        meta = load_metadata(meta_path, known_slugs=slugs)
        notes_path = project.sources / f"{slug}.annotations.yml"
        ids = [s["id"] for s in meta["speakers"]]
        notes = load_annotations(notes_path, ids) if notes_path.exists() else []
        fixes_path = project.sources / f"{slug}.corrections.yml"
        fixes = load_corrections(fixes_path) if fixes_path.exists() else []
        registry = load_registry(project.sources / f"{slug}.anchors.yml")
        interviews.append(process(project.sources / f"{slug}.txt", meta, generic_rules, notes, fixes, registry))
    return sorted(interviews, key=lambda i: (i.meta["interview_date"] or i.meta["writeup"]["date"] or "", i.slug),
                  reverse=True)


@dataclass
class Site:
    """Everything the pages are made from."""
    interviews: list[Interview]
    concepts: list = field(default_factory=list)
    concept_views: list = field(default_factory=list)
    people: list = field(default_factory=list)


def load_site(project: Project) -> Site:
    interviews = load_interviews(project)
    site = Site(interviews)
    if project.concepts.exists():
        site.concepts = load_concepts(project.concepts)
        index_passages(interviews, site.concepts)
        site.concept_views = crossref.concept_views(site.concepts, interviews)
    site.people = crossref.person_views(interviews, site.concept_views)
    return site


def generated_files(site: Site) -> dict[str, str]:
    interviews = site.interviews
    people = {p.id for p in site.people}
    files = {"index.md": render.render_home(interviews)}
    for interview in interviews:
        files[f"interviews/{interview.slug}.md"] = render.render_interview(interview, people, site.concepts)
        files[f"data/{interview.slug}.json"] = render.render_data(interview)
    if site.concept_views:
        ordered = crossref.chronological(interviews)
        files["concepts/index.md"] = render.render_concept_index(site.concept_views, ordered)
        files["data/concepts.json"] = render.render_concept_names(site.concepts)
        for view in site.concept_views:
            files[f"concepts/{view.concept.id}.md"] = render.render_concept(view, ordered)
    if site.people:
        files["speakers/index.md"] = render.render_people(site.people)
        for person in site.people:
            files[f"speakers/{person.id}.md"] = render.render_person(person)
    return files


GENERATED_DIRS = ("interviews", "data", "concepts", "speakers")


def write_files(root: Path, files: dict[str, str], folders=GENERATED_DIRS) -> list[str]:
    """Write what changed (so `mkdocs serve` is not woken for nothing) and
    delete generated files in `folders` that no source produces any more."""
    changed = []
    for rel, content in sorted(files.items()):
        target = root / rel
        if target.exists() and target.read_text(encoding="utf-8") == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + ".tmp")
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, target)
        changed.append(rel)
    for folder in folders:
        for path in sorted((root / folder).glob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
                changed.append(rel)
    return changed


def registry_files(interviews: list[Interview]) -> dict[str, str]:
    return {f"{i.slug}.anchors.yml": dump_registry(i.registry, i.slug) for i in interviews}


def build(project: Project | None = None) -> tuple[Site, list[str]]:
    project = project or Project()
    site = load_site(project)
    files = generated_files(site)
    registries = registry_files(site.interviews)  # issued ids are recorded beside the sources
    search_dict = {"jieba_user_dict.txt": searchdict.user_dictionary(site.concepts, site.interviews)}
    return site, (write_files(project.sources, registries, folders=()) + write_files(project.docs, files)
                  + write_files(project.build_dir, search_dict, folders=()))


def nav(site: Site) -> list:
    """访谈 / 概念 / 人物 tabs."""
    out = [{"首页": "index.md"},
           {"访谈": [{i.meta["title"]["zh"]: f"interviews/{i.slug}.md"} for i in site.interviews]}]
    if site.concept_views:
        out.append({"概念": ["concepts/index.md"] + [{v.concept.zh: f"concepts/{v.concept.id}.md"}
                                                     for v in site.concept_views]})
    if site.people:
        out.append({"人物": ["speakers/index.md"] + [{p.name: f"speakers/{p.id}.md"} for p in site.people]})
    return out
