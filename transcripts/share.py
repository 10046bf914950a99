"""Share pages: one tiny static page per quote, at `q/<slug>/<id>/`.

A link pasted into a chat is unfurled from the `<head>` of the page it
names, and the fragment of `interviews/<slug>/#q-…` never reaches the
server: every quote needs an address of its own whose head says who said
what. The page carries Open Graph and Twitter tags (speaker — interview, the
quote trimmed to what unfurlers show, in its language, both languages of a
pair) and sends a browser on to the quote at once, with a meta refresh that
needs no JavaScript. Quote ids are unique within an interview only, so the
address carries the interview's slug. A retired id's page sends to its
successor.

Pages are plain HTML files in docs/ (MkDocs copies them as they are): no
theme, ~1.5 kB each.
"""
from __future__ import annotations

from . import languages
from .metadata import display_title
from .render import ROLE_NAMES, template

SHARE_DIR = "q"
# What unfurlers show of a description: about 200 characters of Latin text
# (Slack and X cut there), which is about 120 Han characters of the same
# width; the two languages of a pair share it.
DESCRIPTION_LIMIT = {True: 120, False: 200}  # is Han text -> characters
SITE_IMAGE = "images/og-card.png"  # one picture for every preview (1200 x 630)


def share_path(slug: str, passage_id: str) -> str:
    """The share page's file, relative to docs/."""
    return f"{SHARE_DIR}/{slug}/{passage_id}/index.html"


def person_label(name: str, name_zh: str | None) -> str:
    """A person as previews and share pages name them: Demis Hassabis（德米斯·哈萨比斯）."""
    return name + (f"（{name_zh}）" if name_zh else "")


def interview_url(site_url: str, slug: str) -> str:
    return f"{site_url}interviews/{slug}/"


def share_url(site_url: str, slug: str, passage_id: str) -> str:
    return f"{site_url}{SHARE_DIR}/{slug}/{passage_id}/"


def trimmed(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word boundary in Latin text, with … when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not languages.is_han_text(cut) and " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,，、;；:：") + "…"


def description(passage) -> str:
    """The quote for a preview: its languages in reading order, each trimmed to its share."""
    langs = sorted(passage.texts, key=languages.preference)
    return " / ".join(trimmed(passage.texts[lang], DESCRIPTION_LIMIT[languages.get(lang).han] // len(langs))
                      for lang in langs)


def speaker_name(interview, passage) -> str:
    for speaker in interview.meta["speakers"]:
        if speaker["id"] == passage.speaker:
            return person_label(speaker["name"], speaker["name_zh"])
    return ROLE_NAMES.get(passage.role, "发言人未标注")


def share_page(interview, passage, site_url: str, site_name: str, page_id: str | None = None) -> str:
    """The page for `page_id` (a passage's own id, or a retired id now leading to `passage`)."""
    page_id = page_id or passage.id
    langs = sorted(passage.texts, key=languages.preference)
    target = f"../../../interviews/{interview.slug}/#{passage.id}"
    return template("share.html.j2").render(
        lang=langs[0], title=f"{speaker_name(interview, passage)} — {display_title(interview.meta)}",
        description=description(passage), quotes=[(lang, passage.texts[lang]) for lang in langs],
        share_url=share_url(site_url, interview.slug, page_id), target=target,
        canonical=f"{interview_url(site_url, interview.slug)}#{passage.id}", site_name=site_name,
        image=site_url + SITE_IMAGE, interview_title=display_title(interview.meta))


def share_pages(interview, site_url: str, site_name: str) -> dict[str, str]:
    """Every passage's share page, and one for each retired id (to its successor)."""
    passages = {p.id: p for p in interview.passages()}
    pages = {share_path(interview.slug, p.id): share_page(interview, p, site_url, site_name) for p in passages.values()}
    for old, successor in interview.retired.items():
        if successor in passages:
            pages[share_path(interview.slug, old)] = share_page(interview, passages[successor], site_url, site_name,
                                                                page_id=old)
    return pages
