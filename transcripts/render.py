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


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Python-Markdown's backslash-escapable characters.
_MD_ESCAPABLE = set("\\`*_{}[]()>#+-.!|")
ROLE_NAMES = {"introduction": "导语", "note": "注", "narration": "旁白"}
SPEAKER_ROLE_NAMES = {"host": "主持人", "interviewer": "采访者", "guest": "嘉宾"}
LANG_NAMES = {"zh-Hans": "中文", "en": "English"}


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
    """Passage text, escaped, with each correction marked and its original kept
    beside it (shown on hover/focus, or everywhere with 显示原文)."""
    text, out, position = passage.texts[lang], [], 0
    for fix in sorted((a for a in passage.corrections if a.lang == lang), key=lambda a: a.start):
        out.append(html.escape(text[position:fix.start], quote=False))
        note = f"原文：{fix.original}（{fix.why}）"
        # the note shows on hover and keyboard focus (CSS, from data-note) and is
        # read by screen readers (aria-description); no title: no double tooltip
        out.append(f'<span class="correction correction-{fix.kind}" tabindex="0" data-note="{html.escape(note)}" '
                   f'aria-description="{html.escape(note)}">'
                   f'<span class="corrected">{html.escape(text[fix.start:fix.end], quote=False)}</span>'
                   f'<span class="original">{html.escape(fix.original, quote=False)}</span></span>')
        position = fix.end
    out.append(html.escape(text[position:], quote=False))
    return Markup("".join(out))


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
    return interview.meta["short_title"] or interview.meta["title"]["zh"]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["md"] = md_inline
    env.globals.update(passage_html=passage_html, url=url, short_title=short_title)
    env.globals.update(ROLE_NAMES=ROLE_NAMES, SPEAKER_ROLE_NAMES=SPEAKER_ROLE_NAMES, LANG_NAMES=LANG_NAMES)
    return env


def length_in_characters(interview) -> int:
    """Length of the interview text: Han characters plus Latin words."""
    total = 0
    for passage in interview.passages():
        text = passage.texts.get("zh-Hans") or passage.texts.get("en", "")
        total += sum(1 for c in text if "\u4e00" <= c <= "\u9fff") + len([w for w in text.split() if w.isascii()])
    return total


def interview_context(interview):
    speakers = {s["id"]: s for s in interview.meta["speakers"]}
    retired_before: dict[str, list[str]] = {}
    for old, successor in sorted(interview.retired.items()):
        retired_before.setdefault(successor, []).append(old)
    return {"i": interview, "meta": interview.meta, "speakers": speakers, "retired_before": retired_before,
            "length": length_in_characters(interview),
            "corrections": sum(len(p.corrections) for p in interview.passages())}


def render_interview(interview, people=frozenset(), concepts=()) -> str:
    """people: ids that have a person page; concepts: Concept objects of the index."""
    counts = Counter(c for p in interview.passages() for c in p.concepts)
    names = {c.id: c for c in concepts}
    listed = [(names[c], n) for c, n in counts.most_common() if c in names]
    return _environment().get_template("interview.md.j2").render(
        page=f"interviews/{interview.slug}.md", people=people, interview_concepts=listed,
        **interview_context(interview))


def render_concept(view) -> str:
    max_count = max(view.counts.values(), default=0)
    return _environment().get_template("concept.md.j2").render(
        c=view.concept, view=view, max_count=max_count,
        page=f"concepts/{view.concept.id}.md")


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


def render_person(person) -> str:
    return _environment().get_template("person.md.j2").render(p=person, page=f"speakers/{person.id}.md")


def render_people(people) -> str:
    return _environment().get_template("people.md.j2").render(people=people, page="speakers/index.md")


def render_home(interviews) -> str:
    rows = [interview_context(i) for i in interviews]
    return _environment().get_template("home.md.j2").render(rows=rows)


def interview_data(interview) -> dict:
    """The interview as data: metadata plus every passage in reading order."""
    meta = interview.meta
    passages = []
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
                    "text": passage.texts,
                    "source_text": passage.original_texts or None,
                    "corrections": [{"lang": a.lang, "start": a.start, "end": a.end, "original": a.original,
                                     "kind": a.kind, "why": a.why} for a in passage.corrections],
                })
    return {
        "schema": 1,
        "slug": interview.slug,
        "title": meta["title"],
        "programme": meta["programme"],
        "episode": meta["episode"],
        "interview_date": meta["interview_date"],
        "media_url": meta["media_url"],
        "writeup": meta["writeup"],
        "languages": meta["languages"],
        "same_interview_as": meta["same_interview_as"],
        "speakers": [{k: s[k] for k in ("id", "name", "name_zh", "role")} for s in meta["speakers"]],
        "source_metadata": interview.extracted,
        "sections": [{"id": s.id or None, "title": s.title, "line": s.line} for s in interview.sections],
        "passages": passages,
        "retired": [{"id": old, "successor": new} for old, new in sorted(interview.retired.items())],
    }


def render_data(interview) -> str:
    return json.dumps(interview_data(interview), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
