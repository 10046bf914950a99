"""The hosted site in a browser, served from a sub-path as GitHub Pages
project sites are (`https://<owner>.github.io/<repository>/`): every link and
fragment resolves, a share page unfurls as its quote and lands on it, ¶ and ❝
copy the public address, BibTeX and CSL-JSON read back."""
import json
import re
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import bibtexparser
import jsonschema
import pytest
from lxml import html as lxml_html

from browser_support import (CLIPBOARD_CONTEXT, first_result, mkdocs_build, project_copy, read_clipboard, search,
                             serve, set_clipboard)
from test_public import CSL_DATA

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PREFIX = "/some/prefix/"
HASSABIS = "2024-hassabis-xinzhiyuan-qa"
REMOVED = "这意味着,我们同时在构建主要的模型轨道"  # 002 loses this line: its id retires


@pytest.fixture(scope="module")
def prefixed(tmp_path_factory):
    """The real sources, one line of 002 deleted (so an id is retired),
    built for and served from http://127.0.0.1:<port>/some/prefix/."""
    project = project_copy(tmp_path_factory.mktemp("project") / "p")
    source = project / "sources" / f"{HASSABIS}.txt"
    lines = source.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not line.startswith(REMOVED)]
    assert len(kept) == len(lines) - 1, "the test needs that line of 002"
    source.write_text("\n".join(kept), encoding="utf-8")
    root = tmp_path_factory.mktemp("www")
    with serve(root) as url:
        mkdocs_build(project, root / PREFIX.strip("/"), site_url=url + PREFIX)
        yield url + PREFIX, root / PREFIX.strip("/")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("link", "script", "img") and (attrs.get("href") or attrs.get("src")):
            self.links.append(attrs.get("href") or attrs.get("src"))
        if tag == "meta" and attrs.get("http-equiv") == "refresh":
            self.links.append(attrs["content"].split("url=", 1)[1])


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def test_every_link_and_fragment_resolves_under_the_sub_path(prefixed):
    """Every page, share page and asset of the site, fetched over HTTP from
    /some/prefix/: each internal link (a, link, script, img, meta refresh)
    answers 200 and each #fragment is an id of the page it names."""
    base, site = prefixed
    pages = [base + p.relative_to(site).as_posix().replace("index.html", "")
             for p in sorted(site.rglob("*.html")) if p.name != "404.html"]
    parsed: dict[str, Links] = {}

    def parse(url):
        if url not in parsed:
            status, body = fetch(url)
            assert status == 200, f"{url}: {status}"
            parsed[url] = Links()
            if url.endswith("/") or url.endswith(".html"):
                parsed[url].feed(body.decode("utf-8"))
        return parsed[url]

    broken, checked, fragments = [], 0, 0
    for page in pages:
        for link in parse(page).links:
            target, fragment = urldefrag(urljoin(page, link))
            if urlsplit(target).netloc != urlsplit(base).netloc:
                continue
            checked += 1
            if not target.startswith(base):
                broken.append((page, link, "outside the sub-path"))
                continue
            try:
                links = parse(target)
            except AssertionError as err:
                broken.append((page, link, str(err)))
                continue
            if fragment and not fragment.startswith(":~:"):
                fragments += 1
                if fragment not in links.ids:
                    broken.append((page, link, "no such id"))
    print(f"sub-path crawl: {len(pages)} pages, {len(parsed)} URLs fetched, {checked} internal links, "
          f"{fragments} fragments, {len(broken)} broken")
    assert broken == [], broken[:10]
    assert len(pages) > 700 and checked > 20000 and fragments > 5000, (len(pages), checked, fragments)


def test_a_share_page_unfurls_as_its_quote_without_javascript(prefixed):
    """As a link unfurler sees it: plain HTTP, no JavaScript, the <head> only."""
    base, site = prefixed
    data = json.loads((site / "data" / f"{HASSABIS}.json").read_text(encoding="utf-8"))
    quote = next(p for p in data["passages"] if p["speaker"] == "demis-hassabis")
    request = urllib.request.Request(f"{base}q/{HASSABIS}/{quote['id']}/", headers={"User-Agent": "Slackbot-LinkExpanding 1.0"})
    with urllib.request.urlopen(request, timeout=10) as response:
        tree = lxml_html.fromstring(response.read())
    meta = {m.get("property") or m.get("name"): m.get("content") for m in tree.xpath("//head/meta")}
    assert meta["og:title"] == f"Demis Hassabis（德米斯·哈萨比斯） — {data['title']['zh-Hans']}"
    assert meta["og:description"].rstrip("…") in quote["text"]["zh-Hans"] and len(meta["og:description"]) > 10
    assert meta["og:url"] == f"{base}q/{HASSABIS}/{quote['id']}/"


def test_a_share_page_lands_on_its_quote_with_the_highlight(new_tab, prefixed):
    base, site = prefixed
    data = json.loads((site / "data" / f"{HASSABIS}.json").read_text(encoding="utf-8"))
    quote = data["passages"][-3]
    for javascript in (True, False):
        page = new_tab(java_script_enabled=javascript).page
        page.goto(f"{base}q/{HASSABIS}/{quote['id']}/")
        page.wait_for_url(f"**/some/prefix/interviews/{HASSABIS}/#{quote['id']}")
        if javascript:  # interviews.js marks the quote; without it :target does
            page.wait_for_selector(f"div.passage.is-target[id='{quote['id']}']")
        assert page.evaluate(f"document.getElementById('{quote['id']}').matches(':target')")


def test_a_retired_id_s_share_page_lands_on_its_successor(new_tab, prefixed):
    base, site = prefixed
    data = json.loads((site / "data" / f"{HASSABIS}.json").read_text(encoding="utf-8"))
    assert data["retired"], "deleting a line retires its id"
    retired = data["retired"][0]
    page = new_tab().page
    page.goto(f"{base}q/{HASSABIS}/{retired['id']}/")
    page.wait_for_url(f"**/interviews/{HASSABIS}/#{retired['successor']}")
    page.wait_for_selector(f"div.passage.is-target[id='{retired['successor']}']")


def test_the_quote_link_and_citations_carry_the_public_address(new_tab, prefixed):
    base, site = prefixed
    data = json.loads((site / "data" / f"{HASSABIS}.json").read_text(encoding="utf-8"))
    quote = next(p for p in data["passages"] if p["speaker"] == "demis-hassabis")
    page = new_tab(**CLIPBOARD_CONTEXT).page
    page.goto(f"{base}interviews/{HASSABIS}/")
    page.wait_for_function("() => /\\blang-mode-/.test(document.body.className)")
    element = page.locator(f"div.passage[id='{quote['id']}']")
    element.scroll_into_view_if_needed()
    element.hover()
    element.locator(".quote-link").click()
    share = f"{base}q/{HASSABIS}/{quote['id']}/"
    page.wait_for_function("url => navigator.clipboard.readText().then(t => t === url)", arg=share)
    assert page.url.endswith(f"/interviews/{HASSABIS}/#{quote['id']}")  # the address bar: the anchor

    set_clipboard(page, "-")
    element.hover()
    element.locator(".quote-cite").click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t !== '-')")
    assert read_clipboard(page).endswith("。" + share)
    menu = page.locator(".cite-menu")
    assert menu.is_visible() and menu.locator("button").all_inner_texts() == ["复制 BibTeX", "复制 CSL-JSON（Zotero）"]

    menu.locator("button").nth(0).click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.startsWith('@misc'))")
    library = bibtexparser.parse_string(read_clipboard(page))
    assert not library.failed_blocks and len(library.entries) == 1
    entry = library.entries[0]
    fields = {f.key: f.value for f in entry.fields}
    assert entry.entry_type == "misc" and entry.key == f"{HASSABIS}-{quote['id']}"
    assert fields["author"] == "Demis Hassabis" and fields["url"] == share
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["urldate"]) and quote["text"]["zh-Hans"][:20] in fields["note"]
    assert not page.locator(".cite-menu").count()  # closed after the choice

    element.hover()
    element.locator(".quote-cite").click()
    page.locator(".cite-menu button").nth(1).click()
    page.wait_for_function("() => navigator.clipboard.readText().then(t => t.startsWith('['))")
    items = json.loads(read_clipboard(page))
    jsonschema.validate(items, CSL_DATA)
    assert items[0]["URL"] == share and items[0]["author"] == [{"literal": "Demis Hassabis"}]
    assert items[0]["type"] == "interview" and len(items[0]["accessed"]["date-parts"][0]) == 3


def test_cite_this_interview(new_tab, prefixed):
    base, _ = prefixed
    page = new_tab().page
    page.goto(f"{base}interviews/{HASSABIS}/")
    block = page.locator("details.cite-interview")
    block.locator("summary").click()
    bibtex = block.locator("pre.cite-bibtex").inner_text()
    entry = bibtexparser.parse_string(bibtex).entries[0]
    fields = {f.key: f.value for f in entry.fields}
    assert fields["url"] == f"{base}interviews/{HASSABIS}/" and "Demis Hassabis" in fields["author"]
    jsonschema.validate(json.loads(block.locator("pre.cite-csl-json").inner_text()), CSL_DATA)
    assert block.locator(".cite-plain").inner_text().endswith(f"。{base}interviews/{HASSABIS}/")


def test_a_search_result_opens_under_the_sub_path(tab, prefixed):
    base, _ = prefixed
    page = tab.page
    page.goto(base)
    search(page, "AlphaGo")
    link = first_result(page)
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url("**/some/prefix/interviews/**")
    assert urldefrag(page.url)[1] and page.url.startswith(base), (href, page.url)
