"""Wires the stages together and is the only module that writes files (its
cache, .build/cache/, through cache.py).

Everything is computed in memory first; only when every source has passed
every stage are pages written, so bad input never leaves a half-built site.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import align, anchors, cite, crossref, feeds, labels, previews, render, searchindex, share, timestamps
from .annotations import load_annotations
from .cache import CODE, Cache, combine, content_hash, digest, file_hash, write_atomically
from .clean import apply_rules
from .concepts import index_passages, load_concepts
from .corrections import apply_corrections, load_corrections
from .errors import BuildError
from .metadata import display_title, interview_date, load_metadata, load_rules
from .frontmatter import split_front_matter
from .model import Interview, Transcript
from .paragraphs import split_paragraphs
from .progress import Progress
from .read import read_source
from .registry import dump_registry, load_registry
from .readers import READERS
from .schema import key_line, read_text
from .sources import TRANSCRIPT_FORMATS, check_inside, companion_files, find_transcripts, transcript_format
from .speakers import attribute
from .subtitles import read_subtitles

ROOT = Path(__file__).resolve().parent.parent


# Where the site is published when SITE_URL does not say (mkdocs.yml has the same default).
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
SITE_NAME = "AI 研究者访谈"


def site_url_from_environment() -> str:
    """SITE_URL, the public address of the site, ending in `/`."""
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


@dataclass
class Project:
    sources: Path = ROOT / "sources"
    docs: Path = ROOT / "docs"
    # the public address: in share pages, feeds and citations (canonical
    # links and the sitemap are MkDocs' own, from site_url in mkdocs.yml)
    site_url: str = field(default_factory=site_url_from_environment)

    @property
    def rules(self) -> Path:
        return self.sources / "rules" / "clean.yml"

    @property
    def concepts(self) -> Path:
        return self.sources / "concepts.yml"

    @property
    def root(self) -> Path:
        """The repository: every file the build reads must lie inside it."""
        return self.sources.parent

    @property
    def build_dir(self) -> Path:
        """Generated inputs of the MkDocs build that are not pages (.gitignored)."""
        return self.docs.parent / ".build"


def source_slugs(sources: Path) -> list[str]:
    return list(find_transcripts(sources))


def read_transcript(path: Path) -> Transcript:
    """Stage 1: the file's lines, and its front matter taken out of them."""
    lines = read_source(path)
    front, lines = split_front_matter(lines, path)
    return Transcript(path, transcript_format(path), lines, front)


def read_blocks(transcript: Transcript, lines, meta: dict):
    """Stages 3-4: cleaned lines -> paragraphs (or subtitle cues) -> Paragraphs,
    and the lines removed on the way (repeats of rolling captions)."""
    layout = meta["layout"]
    labels = [label for s in meta["speakers"] for label in s["labels"]]
    subtitles = transcript.format in ("vtt", "srt")
    if subtitles != (layout["reader"] == "subtitles"):
        raise BuildError(transcript.path, f"a {transcript.path.suffix} file is read with layout.reader "
                                          f"{'subtitles' if subtitles else 'labelled, paragraphs or bilingual-lines'}, "
                                          f"not {layout['reader']}")
    if subtitles:
        found = read_subtitles(lines, transcript.format, layout, labels, meta["languages"], transcript.path)
        return found.paragraphs, found.removed
    paragraphs = split_paragraphs(lines, layout["paragraphs"], layout["rejoin_wrapped_lines"],
                                  layout["rejoin_split_paragraphs"])
    return READERS[layout["reader"]](paragraphs, layout, labels, meta["languages"]), []


def process(transcript: Transcript, meta: dict, generic_rules: list[dict], annotations=(), corrections=(),
            registry=()) -> Interview:
    """One transcript through every stage, in memory."""
    path = transcript.path
    kept, removed, extracted = apply_rules(transcript.lines, meta["clean"] + generic_rules)
    blocks, structure = read_blocks(transcript, kept, meta)
    for block in blocks:
        if block.timestamp:
            try:
                timestamps.seconds(block.timestamp)
            except timestamps.TimeError as err:
                raise BuildError(path, str(err), line=block.line) from None
    if not any(not b.is_heading and b.texts for b in blocks):
        raise BuildError(path, "no text left after cleaning")
    interview = Interview(slug=path.stem, meta=meta, sections=attribute(blocks, meta, annotations),
                          removed=transcript.front_matter.removed + removed + structure, extracted=extracted,
                          front_matter=transcript.front_matter)
    check_labels(transcript, blocks, interview)
    anchors.assign_ids(interview, list(registry))  # from the source text: a new correction keeps ids
    if corrections:
        interview.correction_counts = apply_corrections(interview, list(corrections))
    return interview


def check_labels(transcript: Transcript, blocks, interview: Interview) -> None:
    """Stop where a speaker's words could be given to someone else (labels.py)."""
    meta, path = interview.meta, transcript.path
    meta_path = path.with_name(f"{path.stem}.yml")

    def meta_line(key):
        return key_line(read_text(meta_path), key) if meta_path.exists() else None

    unclaimed = labels.unclaimed_label(blocks, meta)
    if unclaimed:
        raise BuildError(path, f"{unclaimed.label!r} starts {unclaimed.count} paragraphs like a speaker label, but no "
                               f"speaker in {meta_path.name} has that label: add it to the speaker's labels, or to "
                               "layout.not_labels if it is text", line=unclaimed.line)
    for i, j in labels.unused_labels(blocks, meta):
        label = meta["speakers"][i]["labels"][j]
        raise BuildError(meta_path, f"speakers[{i}].labels[{j}]: {label!r} labels no paragraph of {path.name}",
                         line=meta_line(f"speakers[{i}].labels[{j}]"))
    for i in labels.silent_speakers(interview.turns(), meta):
        speaker = meta["speakers"][i]["id"]
        raise BuildError(meta_path, f"speakers[{i}]: {speaker} has no turn in {path.name}; check the labels and "
                                    "annotations, or set `has_turns: false` if they never speak",
                         line=meta_line(f"speakers[{i}]"))


def source_files(project: Project, slug: str, transcript: Path) -> list[Path]:
    """Everything one interview is made from, besides the shared rules and concepts."""
    return [transcript, *companion_files(project.sources, slug)]


@dataclass
class Inputs:
    """Content hashes of everything a build reads, taken once at its start."""
    shared: str  # cleaning rules, concepts.yml, pipeline code
    files: dict[str, dict[str, str]]  # slug -> file name -> content hash
    templates: str
    docs: str
    site_url: str  # share pages, feeds and citations carry it

    @classmethod
    def read(cls, project: Project) -> "Inputs":
        shared = combine({"rules": file_hash(project.rules), "concepts": file_hash(project.concepts), "code": CODE})
        files = {slug: {path.name: file_hash(path) for path in source_files(project, slug, transcript)}
                 for slug, transcript in find_transcripts(project.sources).items()}
        return cls(shared, files, digest(sorted(render.TEMPLATES.glob("*.j2"))), str(project.docs.resolve()),
                   project.site_url)

    def interview_key(self, slug: str) -> str:
        return combine({"shared": self.shared, "files": self.files[slug]})

    def keys(self) -> dict:
        return {"interviews": {slug: self.interview_key(slug) for slug in self.files},
                "templates": self.templates, "docs": self.docs, "site_url": self.site_url}

    def with_registry(self, slug: str, text: str) -> None:
        """The build wrote this registry: its new content is an input of the next build."""
        self.files[slug][f"{slug}.anchors.yml"] = content_hash(text.encode("utf-8"))


def load_interview(project: Project, transcript_path: Path, slugs: list[str], generic_rules, concepts) -> Interview:
    slug = transcript_path.stem
    for path in source_files(project, slug, transcript_path):
        check_inside(path, project.root)
    meta_path = project.sources / f"{slug}.yml"
    if not meta_path.exists():
        raise BuildError(transcript_path, f"metadata file {meta_path.name} is missing")
    transcript = read_transcript(transcript_path)
    meta = load_metadata(meta_path, known_slugs=slugs, found_in_text=transcript.front_matter.values)
    notes_path = project.sources / f"{slug}.annotations.yml"
    ids = [s["id"] for s in meta["speakers"]]
    notes = load_annotations(notes_path, ids) if notes_path.exists() else []
    fixes_path = project.sources / f"{slug}.corrections.yml"
    fixes = load_corrections(fixes_path) if fixes_path.exists() else []
    registry = load_registry(project.sources / f"{slug}.anchors.yml")
    interview = process(transcript, meta, generic_rules, notes, fixes, registry)
    index_passages([interview], concepts)
    interview.search_records = searchindex.records([interview], concepts)
    interview.search_words = searchindex.vocabulary([interview], concepts)
    return interview


def load_interviews(project: Project, concepts=(), cache: Cache | None = None, keys=None,
                    show_progress: bool = False) -> tuple[list[Interview], list[str]]:
    """Every interview, newest first, and the slugs that were processed (the
    others came from the cache: nothing they are made from changed)."""
    transcripts = find_transcripts(project.sources)
    slugs = list(transcripts)
    if not slugs:
        raise BuildError(project.sources, f"no transcripts ({', '.join('*' + e for e in TRANSCRIPT_FORMATS)}) found")
    keys = keys or {}
    found = {slug: cache.interview(slug, keys[slug]) if cache and slug in keys else None for slug in slugs}
    for slug, interview in found.items():
        if interview and not set(interview.meta["same_interview_as"]) <= set(slugs):
            found[slug] = None  # let validation name the missing source
    processed = [slug for slug, interview in found.items() if interview is None]
    if processed:
        check_inside(project.rules, project.root)
        generic_rules = load_rules(project.rules)
        progress = Progress(len(processed), "processing sources", enabled=show_progress)
        for slug in processed:
            progress.step(slug)
            found[slug] = load_interview(project, transcripts[slug], slugs, generic_rules, concepts)
        progress.finish()
    interviews = sorted(found.values(), key=lambda i: (interview_date(i.meta), i.slug), reverse=True)
    return interviews, processed


@dataclass
class Site:
    """Everything the pages are made from."""
    interviews: list[Interview]
    concepts: list = field(default_factory=list)
    concept_views: list = field(default_factory=list)
    people: list = field(default_factory=list)
    alignments: list = field(default_factory=list)  # align.Alignment: versions of one interview
    processed: list[str] = field(default_factory=list)  # slugs not taken from the cache

    def versions(self, interview: Interview) -> list[dict]:
        """The other versions of an interview: each with its counterpart of
        every aligned passage and the page that shows both side by side."""
        by_slug = {i.slug: i for i in self.interviews}
        out = []
        for alignment in self.alignments:
            if interview.slug in (alignment.first, alignment.second):
                other = alignment.second if interview.slug == alignment.first else alignment.first
                out.append({"interview": by_slug[other], "counterpart": alignment.counterpart,
                            "compare": compare_page(alignment)})
        return out


def compare_page(alignment) -> str:
    return f"compare/{'--'.join(sorted((alignment.first, alignment.second)))}.md"


def load_site(project: Project, cache: Cache | None = None, keys=None, show_progress: bool = False) -> Site:
    check_inside(project.concepts, project.root)
    concepts = load_concepts(project.concepts) if project.concepts.exists() else []
    interviews, processed = load_interviews(project, concepts, cache, keys, show_progress)
    site = Site(interviews, concepts, processed=processed)
    if concepts:
        site.concept_views = crossref.concept_views(concepts, interviews)
    site.people = crossref.person_views(interviews, site.concept_views)
    site.alignments = align.align_versions(interviews, load_alignment_overrides(project))
    return site


def load_alignment_overrides(project: Project) -> list:
    """Every `<slug>.alignment.yml` beside a transcript (align.py)."""
    overrides = []
    for slug in find_transcripts(project.sources):
        path = project.sources / f"{slug}.alignment.yml"
        if path.exists():
            check_inside(path, project.root)
            overrides.append(align.load_overrides(path))
    return overrides


def generated_files(site: Site, site_url: str = DEFAULT_SITE_URL, progress: Progress | None = None) -> dict[str, str]:
    interviews = site.interviews
    people = {p.id for p in site.people}
    step = (progress or Progress(0, "rendering pages", enabled=False)).step
    feed_entries = feeds.entries(interviews, site_url)
    files = {"index.md": render.render_home(interviews),
             feeds.ATOM: feeds.atom_feed(feed_entries, site_url, SITE_NAME),
             feeds.JSON_FEED: feeds.json_feed(feed_entries, site_url, SITE_NAME)}
    for interview in interviews:
        step(interview.slug)
        versions = site.versions(interview)
        preview = {"description": previews.interview_description(interview),
                   "csl": cite.interview_csl(interview, site_url),
                   "citation": cite.plain_citation(interview, site_url), "site_url": site_url}
        files[f"interviews/{interview.slug}.md"] = render.render_interview(interview, people, site.concepts, versions,
                                                                          preview)
        files[f"data/{interview.slug}.json"] = render.render_data(interview, versions)
        files.update(share.share_pages(interview, site_url, SITE_NAME))
    by_slug = {i.slug: i for i in interviews}
    for alignment in site.alignments:
        first, second = by_slug[alignment.first], by_slug[alignment.second]
        files[compare_page(alignment)] = render.render_comparison(alignment, first, second, compare_page(alignment))
    if site.concept_views:
        ordered = crossref.chronological(interviews)
        files["concepts/index.md"] = render.render_concept_index(site.concept_views, ordered)
        files["data/concepts.json"] = render.render_concept_names(site.concepts)
        for view in site.concept_views:
            step(view.concept.id)
            files[f"concepts/{view.concept.id}.md"] = render.render_concept(
                view, {"description": previews.concept_description(view.concept)})
            files[f"data/concepts/{view.concept.id}.json"] = render.render_concept_quotes(view)
    if site.people:
        files["speakers/index.md"] = render.render_people(site.people)
        for person in site.people:
            files[f"speakers/{person.id}.md"] = render.render_person(
                person, {"description": previews.person_description(person)})
    records = [record for i in interviews for record in i.search_records]
    words = set().union(*(i.search_words for i in interviews))
    for path, content in searchindex.index_files(records, words).items():
        files[f"search/{path}"] = content
    return files


GENERATED_DIRS = ("interviews", "data", "concepts", "speakers", "compare", "search", share.SHARE_DIR)


def write_files(root: Path, files: dict[str, str], folders=GENERATED_DIRS) -> list[str]:
    """Write what changed (so `mkdocs serve` is not woken for nothing) and
    delete generated files in `folders` that no source produces any more."""
    changed = []
    for rel, content in sorted(files.items()):
        target = root / rel
        if target.exists() and target.read_text(encoding="utf-8") == content:
            continue
        write_atomically(target, content.encode("utf-8"))
        changed.append(rel)
    for folder in folders:
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if path.is_file() and rel not in files:
                path.unlink()
                changed.append(rel)
        for path in sorted((root / folder).rglob("*"), reverse=True):  # deepest first
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()  # the share pages of a quote that is gone
    return changed


def registry_files(interviews: list[Interview]) -> dict[str, str]:
    return {f"{i.slug}.anchors.yml": dump_registry(i.registry, i.slug) for i in interviews}


@dataclass
class Build:
    """What a build did: the navigation for mkdocs.yml, files written,
    interviews processed; `site` is None when nothing had changed."""
    nav: list
    interviews: int
    changed: list[str]
    processed: list[str]
    site: Site | None = None


def build(project: Project | None = None, need_site: bool = False, show_progress: bool = False) -> Build:
    project = project or Project()
    cache = Cache(project.build_dir)
    inputs = Inputs.read(project)
    keys = inputs.keys()
    manifest = None if need_site else cache.unchanged_build(keys)
    if manifest:
        return Build(manifest["nav"], manifest["interviews"], changed=[], processed=[])
    cache.forget_build()  # until this build has written everything
    site = load_site(project, cache, keys["interviews"], show_progress)
    rendering = Progress(len(site.interviews) + len(site.concept_views), "rendering pages", enabled=show_progress)
    files = generated_files(site, project.site_url, rendering)
    rendering.finish()
    # issued ids are recorded beside the sources; a cached interview's registry is unchanged on disk
    processed = [i for i in site.interviews if i.slug in site.processed]
    registries = registry_files(processed)
    changed = write_files(project.sources, registries, folders=()) + write_files(project.docs, files)
    # Keys from the hashes taken at the start, not from the files now: an edit
    # saved during the build must not be recorded as built.
    for interview in processed:
        inputs.with_registry(interview.slug, registries[f"{interview.slug}.anchors.yml"])
        cache.store_interview(interview.slug, inputs.interview_key(interview.slug), interview)
    keys = inputs.keys()
    cache.keep_only(keys["interviews"])
    written = ([project.sources / f"{i.slug}.anchors.yml" for i in site.interviews]
               + [project.docs / name for name in files])
    navigation = nav(site)
    cache.store_build(keys, navigation, len(site.interviews), written)
    return Build(navigation, len(site.interviews), changed, site.processed, site)


# Above this many interviews the 访谈 tab groups them by year: with
# navigation.prune every page then carries one year's list, not the whole
# catalogue (at 500 interviews the full list was over half of every page).
NAV_GROUP_BY_YEAR_ABOVE = 30


def nav(site: Site) -> list:
    """访谈 / 概念 / 人物 tabs."""
    entries = [(interview_date(i.meta)[:4] or "日期不详", {display_title(i.meta): f"interviews/{i.slug}.md"})
               for i in site.interviews]  # newest first
    if len(entries) > NAV_GROUP_BY_YEAR_ABOVE:
        years = {}
        for year, entry in entries:
            years.setdefault(year, []).append(entry)
        interviews = [{f"{year} 年" if year.isdigit() else year: items} for year, items in years.items()]
    else:
        interviews = [entry for _, entry in entries]
    if site.alignments:  # two versions of one interview, side by side
        by_slug = {i.slug: i for i in site.interviews}
        interviews.append({"版本对照": [{render.comparison_title(by_slug[a.first], by_slug[a.second]): compare_page(a)}
                                       for a in site.alignments]})
    out = [{"首页": "index.md"}, {"访谈": interviews}]
    if site.concept_views:
        out.append({"概念": ["concepts/index.md"] + [{v.concept.zh: f"concepts/{v.concept.id}.md"}
                                                     for v in site.concept_views]})
    if site.people:
        out.append({"人物": ["speakers/index.md"] + [{p.name: f"speakers/{p.id}.md"} for p in site.people]})
    return out
