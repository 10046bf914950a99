"""Anchors in a real browser: where search results land, and a retired turn id without JavaScript.

* Every search result opens an id the registry keeps for that interview (a
  quote, turn or section on the page, not a retired one), so a reader who
  copies the address bar after a search has a lasting link.
* A turn deleted from a small project (built twice, the registry carried
  over as build_site.py does) leaves its id on the page at its successor: with
  JavaScript off, opening page#old-turn-id scrolls to the successor turn.
"""
from __future__ import annotations

import json
import shutil
import sys
from urllib.parse import unquote, urlsplit

import pytest

from browser_support import ROOT, mkdocs_build, run, search, serve
from support import metadata

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

QUERIES = ["预训练", "compression", "Transformer", "强化学习", "奖励模型", "AlphaGo"]


def live_ids(site, slug: str) -> set[str]:
    data = json.loads((site / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    ids = {p["id"] for p in data["passages"]} | {p["turn"] for p in data["passages"]}
    return ids | {s["id"] for s in data["sections"] if s["id"]}


def test_search_results_land_on_registered_ids(tab, site_url, built_site):
    page = tab.page
    page.goto(site_url + "/")
    checked = []
    for query in QUERIES:
        page.locator("input.md-search__input").fill("")
        results = search(page, query)
        hrefs = results.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
        assert hrefs, f"no results for {query!r}"
        for href in hrefs:
            url = urlsplit(href)
            if not url.fragment or "/interviews/" not in url.path:
                continue  # a page (concept, person) or an interview's top
            slug = url.path.rstrip("/").split("/")[-1]
            fragment = unquote(url.fragment)
            assert fragment in live_ids(built_site, slug), (
                f"the result {href} for {query!r} opens #{fragment}, which is not an id the registry keeps "
                f"for {slug}")
            checked.append(fragment)
        page.keyboard.press("Escape")
    assert len(checked) >= 20, f"only {len(checked)} results opened a place inside an interview"
    assert any(f.startswith(("t-", "q-")) for f in checked)


# --- a retired turn id, without JavaScript -----------------------------------------

FILLER = "这一段话讲的是训练模型时遇到的各种问题，以及研究者如何一步一步地解决它们。" * 6


def small_transcript(skip: int | None = None) -> str:
    lines = []
    for n in range(1, 13):
        if n != skip:
            lines += [f"主持人：第{n}个问题，关于第{n}件事？", f"嘉宾：第{n}个回答。{FILLER}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def retired_turn_site(tmp_path_factory):
    """A one-interview project, built, then built again without its sixth
    exchange: (site URL, a retired turn id, the turn it leads to)."""
    tmp = tmp_path_factory.mktemp("retired-turn")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("hooks", "templates", "transcripts", "overrides"):
        shutil.copytree(ROOT / folder, tmp / folder, ignore=ignore)
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(ROOT / "docs" / folder, tmp / "docs" / folder, ignore=ignore)
    for name in ("mkdocs.yml", "build_site.py"):
        shutil.copy2(ROOT / name, tmp / name)
    (tmp / "sources" / "rules").mkdir(parents=True)
    shutil.copy2(ROOT / "sources" / "rules" / "clean.yml", tmp / "sources" / "rules" / "clean.yml")
    shutil.copy2(ROOT / "sources" / "concepts.yml", tmp / "sources" / "concepts.yml")
    (tmp / "sources" / "2024-test.yml").write_text(metadata(), encoding="utf-8")
    transcript = tmp / "sources" / "2024-test.txt"
    transcript.write_text(small_transcript(), encoding="utf-8")
    run([sys.executable, "build_site.py"], cwd=tmp)
    before = json.loads((tmp / "docs" / "data" / "2024-test.json").read_text(encoding="utf-8"))
    turns_before = list(dict.fromkeys(p["turn"] for p in before["passages"]))

    transcript.write_text(small_transcript(skip=6), encoding="utf-8")
    run([sys.executable, "build_site.py"], cwd=tmp)
    after = json.loads((tmp / "docs" / "data" / "2024-test.json").read_text(encoding="utf-8"))
    retired = {r["id"]: r["successor"] for r in after["retired"]}
    gone = [t for t in turns_before if t not in {p["turn"] for p in after["passages"]}]
    assert len(gone) == 2, f"expected the sixth question and answer to retire two turns, got {gone}"
    assert gone[0] in retired, f"the retired turn {gone[0]} has no successor: {after['retired']}"
    with serve(tmp / "site") as url:
        mkdocs_build(tmp, tmp / "site", site_url=url + "/")
        yield url, gone[0], retired[gone[0]]


def test_a_retired_turn_id_opens_its_successor_without_javascript(new_tab, retired_turn_site):
    url, old, successor = retired_turn_site
    assert successor.startswith("t-")
    page = new_tab(java_script_enabled=False).page
    page.goto(f"{url}/interviews/2024-test/#{old}")
    geo = page.evaluate("""([old, successor]) => {
      const anchor = document.getElementById(old), heading = document.getElementById(successor);
      if (!anchor || !heading) return null;
      return {scrollY: window.scrollY, top: heading.getBoundingClientRect().top, height: window.innerHeight,
              adjacent: anchor.nextElementSibling === heading || anchor.parentElement.nextElementSibling === heading,
              js: document.body.className.includes('lang-mode-')};
    }""", [old, successor])
    assert geo is not None, f"#{old} or its successor #{successor} is not on the page"
    assert not geo["js"], "JavaScript ran although it is disabled"
    assert geo["adjacent"], f"#{old} is not placed at its successor #{successor}"
    assert geo["scrollY"] > 500 and 0 <= geo["top"] < geo["height"] / 2, (
        f"opening #{old} did not scroll to its successor #{successor}: {geo}")
