"""The built site in a real browser (Playwright, Debian's /usr/bin/chromium).

What a reader does, end to end, on a site built once per session with
`mkdocs build --strict` into a temporary folder and served over HTTP:

* Search: type a query into Material's search box, click the first result,
  and land on the section that contains the query, scrolled into view and not
  hidden under the sticky header (`无限数据`, `AlphaFold`).
* Quote links: opening `page/#q-xxxxxx` for a passage far down the page shows
  that passage below the sticky header, with the text the JSON data gives.
* Untrusted text: a transcript full of HTML, Jinja and Markdown syntax is
  built from a temporary copy of the project; the page shows all of it as
  literal text, runs none of it (no dialog), and search results show it
  literally too.

Shared fixtures (built site, server, browser, `tab`) are in conftest.py; the
helpers for building, serving and driving Material's search in browser_support.py.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from browser_support import (ROOT, assert_in_view_below_header, mkdocs_build, open_first_result, run, search,
                             serve, settled_geometry as geometry, squash)

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

START_PAGE = "/interviews/2024-hassabis-xinzhiyuan-qa/"  # contains neither search term
VINYALS = "2024-12-vinyals-google-deepmind-podcast"
HOSTILE = "2024-01-test-hostile"

HOSTILE_METADATA = """\
# Test source: every line is text a transcript might contain, none of it markup.
title:
  zh-Hans: 不可信文本测试
  en:
programme:
episode:
interview_date:
media_url:
writeup:
  publisher: 测试
  author:
  date:
  url:
  note:
languages: [zh-Hans]
same_interview_as: []
speakers:
  - id: unnamed-interviewer
    name: Interviewer (unnamed)
    name_zh: 提问者（未具名）
    role: interviewer
    labels: [问]
  - id: demis-hassabis
    name: Demis Hassabis
    name_zh: 德米斯·哈萨比斯
    role: guest
    labels: [Hassabis]
layout:
  reader: labelled
  paragraphs: lines
  headings: none
  answerer: demis-hassabis
clean: []
"""

HOSTILE_TEXT = """\
问:<script>alert(1)</script> 你好吗?
Hassabis:<img src=x onerror=alert(2)> {{ 7*7 }} {% if true %}yes{% endif %} **bold** [link](http://example.com) | a | b |
# not a heading
> not a quote
1. not a list
问:<svg onload=alert(3)></svg> 还有 </div><script>alert(4)</script> 吗?
Hassabis:没有了。
"""

# Literal strings the hostile page must show as text.
HOSTILE_LITERALS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "{{ 7*7 }}",
    "{% if true %}yes{% endif %}",
    "**bold**",
    "[link](http://example.com)",
    "| a | b |",
    "# not a heading",
    "> not a quote",
    "1. not a list",
    "<svg onload=alert(3)></svg>",
]

# The search section an element starts: the heading and its following
# siblings up to the next h1/h2/h3 (what Material indexes as one section).
SECTION_TEXT_JS = """
(id) => {
  const el = document.getElementById(id);
  if (!el) return null;
  let text = el.textContent;
  for (let n = el.nextElementSibling; n && !/^H[123]$/.test(n.tagName); n = n.nextElementSibling)
    text += n.textContent;
  return text;
}
"""


# --- the hostile project -----------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """A copy of the project with one hostile transcript added, built."""
    tmp = tmp_path_factory.mktemp("hostile")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "sources", tmp / "sources", ignore=ignore)
    (tmp / "sources" / f"{HOSTILE}.yml").write_text(HOSTILE_METADATA, encoding="utf-8")
    (tmp / "sources" / f"{HOSTILE}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (tmp / "docs").mkdir()
    for folder in ("stylesheets", "javascripts"):
        shutil.copytree(ROOT / "docs" / folder, tmp / "docs" / folder, ignore=ignore)
    for folder in ("hooks", "overrides", "templates", "transcripts"):
        shutil.copytree(ROOT / folder, tmp / folder, ignore=ignore)
    shutil.copy2(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    run([sys.executable, str(ROOT / "build_site.py"), "--sources", str(tmp / "sources"),
         "--docs", str(tmp / "docs")], cwd=ROOT)
    assert (tmp / "docs" / "interviews" / f"{HOSTILE}.md").exists()
    mkdocs_build(tmp, tmp / "site")
    return tmp / "site"


@pytest.fixture(scope="module")
def hostile_url(hostile_site):
    with serve(hostile_site) as url:
        yield url


# --- tests ------------------------------------------------------------------


@pytest.mark.parametrize("query, words", [("无限数据", ["无限", "数据"]), ("AlphaFold", ["AlphaFold"])])
def test_search_result_opens_the_section_that_contains_the_query(tab, site_url, query, words):
    page = tab.page
    page.goto(site_url + START_PAGE)
    target = open_first_result(page, query)
    geo = geometry(page, target)
    assert_in_view_below_header(geo, f"#{target} ({geo['tag']}) after clicking the result for {query!r}")

    # Chinese queries are searched word by word (every word required), so the
    # turn must contain each word of the query, not necessarily the phrase.
    section = page.evaluate(SECTION_TEXT_JS, target)
    missing = [word for word in words if squash(word) not in squash(section)]
    assert not missing, (
        f"the section #{target} opened by the first result for {query!r} lacks {missing}: "
        f"{squash(section)[:200]!r}")


def test_quote_link_shows_the_passage_below_the_header(tab, site_url, built_site):
    data = json.loads((built_site / "data" / f"{VINYALS}.json").read_text(encoding="utf-8"))
    passages = data["passages"]
    assert len(passages) >= 60, "the test needs a passage far down the page"
    passage = passages[59]
    page = tab.page
    page.goto(f"{site_url}/interviews/{VINYALS}/#{passage['id']}")
    geo = geometry(page, passage["id"])
    assert geo["scrollY"] > 0, "the page did not scroll to the passage"
    assert_in_view_below_header(geo, f"passage #{passage['id']}")

    element = page.locator(f"[id='{passage['id']}']")
    for lang, text in passage["text"].items():
        shown = element.locator(f"p[lang='{lang}']")
        assert shown.count() == 1, f"passage #{passage['id']} has no <p lang={lang}>"
        assert squash(shown.inner_text()) == squash(text), (
            f"passage #{passage['id']} ({lang}) shows {shown.inner_text()!r}, the data says {text!r}")


def test_untrusted_text_is_shown_not_run(tab, hostile_url, hostile_site):
    page = tab.page
    page.goto(f"{hostile_url}/interviews/{HOSTILE}/", wait_until="load")
    page.wait_for_timeout(500)  # give injected handlers (img onerror, svg onload) a chance to run
    article = page.locator("article.md-content__inner")
    text = article.text_content()

    for literal in HOSTILE_LITERALS:
        assert literal in text, f"{literal!r} is not shown literally on the page"
    passages = page.locator(".passage").all_text_contents()
    assert len(passages) >= 5, passages
    assert not [p for p in passages if "49" in p], "{{ 7*7 }} was evaluated as a template"
    assert not [p for p in passages if p.strip().startswith("yes") or " yes " in p], \
        "{% if %} was evaluated as a template"

    for selector in ("img[onerror]", "[onerror]", "[onload]", "script", "svg", "strong", "blockquote",
                     "ol", "table", "a[href='http://example.com']"):
        assert article.locator(selector).count() == 0, f"the page has a <{selector}> made from transcript text"
    assert article.locator("h1").count() == 1, "a transcript line became a heading"
    assert page.locator("script:has-text('alert(')").count() == 0, "a transcript <script> is in the DOM"
    assert tab.dialogs == [], f"transcript text ran: {tab.dialogs}"

    # `alert` finds the 问 turns (`&gt;` ends at `;`, a separator); `=` is not a
    # separator, so the <img> turn is indexed under `onerror=alert` and found by `onerror`.
    for query, literals in (("alert", ("<script>alert(1)</script>", "<svg onload=alert(3)></svg>")),
                            ("onerror", ("<img src=x onerror=alert(2)>",))):
        page.goto(f"{hostile_url}/interviews/{HOSTILE}/", wait_until="load")
        results = search(page, query)
        page.wait_for_timeout(500)
        shown = squash(results.text_content())
        for literal in literals:
            assert squash(literal) in shown, (
                f"search results for {query!r} do not show {literal!r} literally: {shown[:300]!r}")
        for selector in ("img", "script", "svg", "[onerror]", "[onload]"):
            assert results.locator(selector).count() == 0, f"search results for {query!r} contain a <{selector}>"
        assert tab.dialogs == [], f"transcript text ran from the search results for {query!r}: {tab.dialogs}"
