"""Follow the archive: an Atom feed and a JSON Feed of interviews, newest
addition first, at the site's public address (SITE_URL).

Each entry: title, speakers, programme, the day it was added, and the
interview's description. Dates come from the metadata (`added`), so a
rebuild of the same sources writes the same bytes.
"""
from __future__ import annotations

import json

from .metadata import display_title, interview_date
from .previews import interview_description
from .render import template
from .share import interview_url

ATOM = "feed.xml"
JSON_FEED = "feed.json"
FEED_TITLE = "AI 研究者访谈：新收录的访谈"


def added(interview) -> str:
    return interview.meta["added"] or interview_date(interview.meta) or "1970-01-01"


def _timestamp(date: str) -> str:
    """An RFC 3339 time for a YYYY[-MM[-DD]] date: its first day, midnight UTC."""
    parts = (date.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def entries(interviews, site_url: str) -> list[dict]:
    ordered = sorted(interviews, key=lambda i: (added(i), i.slug), reverse=True)
    return [{
        "id": interview_url(site_url, i.slug),
        "url": interview_url(site_url, i.slug),
        "title": display_title(i.meta),
        "authors": [s["name"] for s in i.meta["speakers"]],
        "programme": i.meta["programme"],
        "added": _timestamp(added(i)),
        "summary": interview_description(i),
        "language": i.meta["languages"][0],
    } for i in ordered]


def atom_feed(items: list[dict], site_url: str, site_name: str) -> str:
    """The Atom feed of `entries`."""
    return template("feed.xml.j2").render(entries=items, site_url=site_url, title=FEED_TITLE, site_name=site_name,
                                          updated=items[0]["added"] if items else _timestamp("1970"),
                                          self_url=site_url + ATOM)


def json_feed(items: list[dict], site_url: str, site_name: str) -> str:
    """The JSON Feed of `entries`."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED_TITLE,
        "home_page_url": site_url,
        "feed_url": site_url + JSON_FEED,
        "language": "zh-Hans",
        "items": [{
            "id": e["id"], "url": e["url"], "title": e["title"], "summary": e["summary"],
            "content_text": e["summary"] + (f"（{e['programme']}）" if e["programme"] else ""),
            "date_published": e["added"], "language": e["language"],
            "authors": [{"name": name} for name in e["authors"]],
        } for e in items],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"
