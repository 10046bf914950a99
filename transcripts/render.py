"""Stage 7: the model -> Markdown pages and JSON data, through Jinja templates.

Text from sources is untrusted. Passage text goes into raw HTML blocks,
HTML-escaped, so Markdown never parses it; heading text is Markdown-escaped.
Templates are rendered with autoescape; `{{ }}` inside a transcript is a value,
never template code.
"""
from __future__ import annotations

import html
import json
import posixpath
from collections import Counter
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import languages, timestamps
from .metadata import display_title, titles

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Python-Markdown's backslash-escapable characters.
_MD_ESCAPABLE = set("\\`*_{}[]()>#+-.!|")
ROLE_NAMES = {"introduction": "导语", "note": "注", "narration": "旁白"}
# correction kinds (corrections.KINDS) as the editor's note names them
KIND_NAMES = {"meaning": "意思改变", "transcription": "转写错误", "wording": "同义词替换", "typo": "错别字"}
SPEAKER_ROLE_NAMES = {"host": "主持人", "interviewer": "采访者", "guest": "嘉宾"}


def md_inline(text: str) -> Markup:
    """Escape text for a Markdown inline context (headings, table cells)."""
    out = []
    for char in text:
        if char in _MD_ESCAPABLE:
            out.append("\\" + char)
        else:
            out.append(html.escape(char, quote=False))
    return Markup("".join(out))


def passage_html(passage, lang: str) -> Markup:
    """Passage text, escaped, with the source words kept beside each
    correction (shown in place with 显示原文, so the page can always show
    the text as the source has it)."""
    text, out, position = passage.texts[lang], [], 0
    for fix in sorted((a for a in passage.corrections if a.lang == lang), key=lambda a: a.start):
        out.append(html.escape(text[position:fix.start], quote=False))
        out.append(correction_html(fix, text[fix.start:fix.end]))
        position = fix.end
    out.append(html.escape(text[position:], quote=False))
    return Markup("".join(out))


def correction_html(fix, corrected: str) -> str:
    """A correction of weight `fact` is marked where it happens: visible,
    focusable, its note once (aria-description, which the CSS tooltip shows
    on hover and keyboard focus: no title, no double tooltip). A `style` one
    (a restored synonym) is neither marked nor a tab stop; the editor's note
    at the top of the page counts it (restored_wording)."""
    words = (f'<span class="corrected">{html.escape(corrected, quote=False)}</span>'
             f'<span class="original">{html.escape(fix.original, quote=False)}</span>')
    if fix.weight != "fact":
        return words
    note = f"原文：{fix.original}（{fix.why}）"
    return f'<span class="correction correction-{fix.kind}" tabindex="0" aria-description="{html.escape(note)}">{words}</span>'


def timestamp_html(passage, media_url) -> Markup:
    """The passage's time in the recording: a link that plays it from there
    where we know how (timestamps.time_link), else the time as text."""
    if not passage.timestamp:
        return Markup("")
    at = timestamps.seconds(passage.timestamp)
    label = timestamps.shown(at)
    link = timestamps.time_link(media_url, at)
    if link:
        return Markup(f'<a class="timestamp" href="{html.escape(link)}" rel="noopener" data-search-exclude '
                      f'title="从 {label} 开始播放录音" aria-label="从 {label} 开始播放录音">{label}</a>')
    return Markup(f'<span class="timestamp" data-search-exclude title="录音中的位置">{label}</span>')


def url(from_doc: str, to_doc: str, anchor: str = "") -> str:
    """Relative URL between two docs (MkDocs' directory URLs: a/b.md -> a/b/)."""
    return _relative_directory(from_doc, to_doc) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)  # concept pages link the same few hundred pages thousands of times
def _relative_directory(from_doc: str, to_doc: str) -> str:
    def directory(doc):
        doc = doc[:-3]
        return "" if doc == "index" else (doc[:-len("index")] if doc.endswith("/index") else doc + "/")
    target = posixpath.relpath(directory(to_doc) or ".", directory(from_doc) or ".")
    return "./" if target == "." else target + "/"


def short_title(interview) -> str:
    return interview.meta["short_title"] or display_title(interview.meta)


def lang_attribute(tag: str | None) -> Markup:
    """` lang="…"` for text whose language is not the page's own (`<html lang="zh">`)."""
    return Markup(f' lang="{html.escape(tag)}"') if tag and tag != languages.SITE_LANGUAGE else Markup("")


def md_lang(tag: str | None, before: str = "") -> Markup:
    """The same as a Markdown attribute list (`{ lang="en" }`), for headings and links."""
    return Markup(f'{before}{{ lang="{html.escape(tag)}" }}') if tag and tag != languages.SITE_LANGUAGE else Markup("")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["md"] = md_inline
    env.globals.update(passage_html=passage_html, timestamp_html=timestamp_html, url=url, short_title=short_title, titles=titles,
                       display_title=display_title, lang_attribute=lang_attribute, md_lang=md_lang)
    env.globals.update(ROLE_NAMES=ROLE_NAMES, SPEAKER_ROLE_NAMES=SPEAKER_ROLE_NAMES, KIND_NAMES=KIND_NAMES,
                       LANGUAGES=languages.LANGUAGES)
    return env


# What a page says of itself (build.py fills it: previews.py, cite.py); empty
# for a page rendered on its own.
NO_PREVIEW = {"description": None, "csl": None, "citation": None, "site_url": None}


def template(name: str):
    """A template of templates/, rendered with autoescape: source text is always escaped."""
    return _environment().get_template(name)


def length_in_characters(interview) -> int:
    """Length of the interview text in the language a reader sees first (a
    bilingual pair counts once): Han characters plus Latin words."""
    return sum(languages.length_units(passage.texts[languages.preferred(passage.texts)])
               for passage in interview.passages())


def interview_context(interview):
    speakers = {s["id"]: s for s in interview.meta["speakers"]}
    retired_before: dict[str, list[str]] = {}
    for old, successor in sorted(interview.retired.items()):
        retired_before.setdefault(successor, []).append(old)
    return {"i": interview, "meta": interview.meta, "speakers": speakers, "retired_before": retired_before,
            "page_languages": [languages.get(t) for t in sorted(interview.meta["languages"], key=languages.preference)],
            "length": length_in_characters(interview),
            "length_unit": languages.get(languages.preferred(interview.meta["languages"])).length_unit,
            "corrections": correction_summary(interview)}


def correction_summary(interview) -> dict:
    """What the editor's note at the top of a corrected page says: how many
    corrections are marked in the text (weight `fact`), how many restored
    words it only counts (weight `style`), and those as replacement pairs."""
    applied = [fix for section in interview.sections for fix in section.corrections]
    applied += [fix for passage in interview.passages() for fix in passage.corrections]
    return {"total": len(applied), "marked": sum(1 for fix in applied if fix.weight == "fact"),
            "restored": restored_wording(applied)}


def restored_wording(applied) -> list[dict]:
    """Each (source word, restored word) pair of weight `style`, with its kind
    and how often it occurs: most frequent first, then in order of first use."""
    pairs: dict[tuple, dict] = {}
    for fix in applied:
        if fix.weight == "style":
            corrected = fix.replacement
            pair = pairs.setdefault((fix.original, corrected, fix.kind),
                                    {"original": fix.original, "corrected": corrected, "kind": fix.kind, "count": 0})
            pair["count"] += 1
    return sorted(pairs.values(), key=lambda p: -p["count"])


def render_interview(interview, people=frozenset(), concepts=(), versions=(), preview=None) -> str:
    """people: ids that have a person page; concepts: Concept objects of the index;
    versions: the other versions of the interview (build.Site.versions);
    preview: what the page says of itself (description, citation data: build.py)."""
    counts = Counter(c for p in interview.passages() for c in p.concepts)
    names = {c.id: c for c in concepts}
    listed = [(names[c], n) for c, n in counts.most_common() if c in names]
    return _environment().get_template("interview.md.j2").render(
        page=f"interviews/{interview.slug}.md", people=people, interview_concepts=listed, versions=versions,
        preview={**NO_PREVIEW, **(preview or {})}, **interview_context(interview))


def comparison_title(first, second) -> str:
    return f"{short_title(first)} ⇄ {short_title(second)}"


def render_comparison(alignment, first, second, page: str) -> str:
    """Two versions of one interview side by side, turn by turn (align.rows)."""
    from .align import rows
    sides = [{"interview": i, "speakers": {s["id"]: s for s in i.meta["speakers"]}, "spoken": alignment.spoken[i.slug],
              "aligned": len({pair[n] for pair in alignment.pairs})} for n, i in enumerate((first, second))]
    return _environment().get_template("compare.md.j2").render(
        title=comparison_title(first, second), sides=sides, rows=rows(alignment, first, second),
        counterpart=alignment.counterpart, page=page)


def render_concept(view, preview=None) -> str:
    max_count = max(view.counts.values(), default=0)
    return _environment().get_template("concept.md.j2").render(
        c=view.concept, view=view, max_count=max_count,
        page=f"concepts/{view.concept.id}.md", preview={**NO_PREVIEW, **(preview or {})})


# The concept × interview matrix has a column for each of the most recent
# interviews only: at 500 interviews the full matrix was a 5 MB page.
MATRIX_COLUMNS = 24


def render_concept_index(views, interviews) -> str:
    """interviews: oldest first."""
    from .crossref import letter
    total_interviews, interviews = len(interviews), interviews[-MATRIX_COLUMNS:]
    groups = [(k, list(g)) for k, g in groupby(views, key=lambda v: letter(v.concept.zh, v.concept.pinyin))]
    max_cell = max((n for v in views for n in v.counts.values()), default=0)
    return _environment().get_template("concepts.md.j2").render(
        views=views, groups=groups, interviews=interviews, total_interviews=total_interviews, max_cell=max_cell,
        total_quotes=sum(v.total for v in views), page="concepts/index.md")


def render_concept_quotes(view) -> str:
    """Every quote of a concept, by interview in date order: what a concept
    page loads when a reader asks for more than it shows."""
    data = [{"slug": i.slug, "title": short_title(i),
             "quotes": [[q.passage.id, q.speaker, q.left, q.term, q.right] for q in quotes]}
            for i, quotes in view.by_interview]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_concept_names(concepts) -> str:
    """The concept names the search box suggests when a query finds nothing."""
    data = [{"id": c.id, "zh": c.zh, "en": c.en, "names": list(dict.fromkeys([*c.aliases, *c.hant]))}
            for c in concepts]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_person(person, preview=None) -> str:
    return _environment().get_template("person.md.j2").render(p=person, page=f"speakers/{person.id}.md",
                                                              preview={**NO_PREVIEW, **(preview or {})})


def render_people(people) -> str:
    return _environment().get_template("people.md.j2").render(people=people, page="speakers/index.md")


def render_home(interviews) -> str:
    rows = [interview_context(i) for i in interviews]
    return _environment().get_template("home.md.j2").render(rows=rows)


def interview_data(interview, versions=()) -> dict:
    """The interview as data: metadata plus every passage in reading order."""
    meta = interview.meta
    passages = []

    def counterparts(passage):
        return [{"slug": v["interview"].slug, "id": v["counterpart"][passage.id]}
                for v in versions if passage.id in v["counterpart"]]

    for section in interview.sections:
        for turn in section.turns:
            for passage in turn.passages:
                passages.append({
                    "id": passage.id,
                    "turn": turn.id,
                    "section": section.id or None,
                    "speaker": passage.speaker,
                    "role": passage.role,
                    "line": passage.line,
                    "timestamp": passage.timestamp,
                    "seconds": timestamps.seconds(passage.timestamp) if passage.timestamp else None,
                    "text": passage.texts,
                    "source_text": passage.original_texts or None,
                    "corrections": [{"lang": a.lang, "start": a.start, "end": a.end, "original": a.original,
                                     "kind": a.kind, "weight": a.weight, "why": a.why} for a in passage.corrections],
                    "counterparts": counterparts(passage),
                })
    return {
        "schema": 2,
        "slug": interview.slug,
        "title": meta["title"],
        "programme": meta["programme"],
        "episode": meta["episode"],
        "interview_date": meta["interview_date"],
        "media_url": meta["media_url"],
        "writeup": meta["writeup"],
        "tags": meta["tags"],
        "languages": meta["languages"],
        "same_interview_as": meta["same_interview_as"],
        "speakers": [{k: s[k] for k in ("id", "name", "name_zh", "role")} for s in meta["speakers"]],
        "source_metadata": interview.extracted,
        "front_matter": interview.front_matter.fields or None,
        "sections": [{"id": s.id or None, "title": s.title, "line": s.line} for s in interview.sections],
        "passages": passages,
        "retired": [{"id": old, "successor": new} for old, new in sorted(interview.retired.items())],
    }


def render_data(interview, versions=()) -> str:
    # default=str: front matter dates (YAML and TOML read them as dates) as written
    return json.dumps(interview_data(interview, versions), ensure_ascii=False, indent=1, sort_keys=False,
                      default=str) + "\n"
