"""Citation data for an interview, as CSL-JSON (what Zotero and citeproc read).

The page embeds it; interviews.js formats it as BibTeX or CSL-JSON for the
interview ("cite this interview") and, with the speaker, the quote and its
share URL added, for one quote, with the reader's access date.
"""
from __future__ import annotations

from .metadata import display_title, interview_date, titles
from .share import interview_url


def date_parts(date: str | None) -> dict | None:
    """`2024-12` -> {"date-parts": [[2024, 12]]}."""
    return {"date-parts": [[int(part) for part in date.split("-")]]} if date else None


def _names(meta, roles) -> list[dict]:
    return [{"literal": s["name"]} for s in meta["speakers"] if s["role"] in roles]


def interview_csl(interview, site_url: str) -> dict:
    meta, writeup = interview.meta, interview.meta["writeup"]
    notes = [f"{label}: {value}" for label, value in (
        ("Write-up", writeup["url"]), ("Recording", meta["media_url"]), ("Licence", writeup["licence"]))
        if value]
    item = {
        "id": interview.slug,
        "type": "interview",
        "title": display_title(meta),
        "author": _names(meta, ("guest",)),
        "interviewer": _names(meta, ("host", "interviewer")),
        "container-title": meta["programme"],
        "number": meta["episode"],
        "issued": date_parts(interview_date(meta)),
        "publisher": writeup["publisher"],
        "translator": [{"literal": writeup["translator"]}] if writeup["translator"] else None,
        "language": meta["languages"][0],
        "URL": interview_url(site_url, interview.slug),
        "note": "; ".join(notes) or None,
    }
    others = [title for _, title in titles(meta)[1:]]
    if others:
        item["original-title"] = others[0]  # the title in the interview's other language
    return {key: value for key, value in item.items() if value}


def plain_citation(interview, site_url: str) -> str:
    """The interview cited in a line of Chinese, for pages read without JavaScript."""
    meta, writeup = interview.meta, interview.meta["writeup"]
    guests = "、".join(n["literal"] for n in _names(meta, ("guest",)))
    hosts = "、".join(n["literal"] for n in _names(meta, ("host", "interviewer")))
    parts = [f"《{display_title(meta)}》", " ".join(filter(None, (meta["programme"], meta["episode"]))),
             interview_date(meta), f"嘉宾 {guests}" if guests else "",
             f"采访 {hosts}" if hosts else "", f"整理 {writeup['publisher']}" if writeup["publisher"] else ""]
    return "，".join(p for p in parts if p) + "。" + interview_url(site_url, interview.slug)
