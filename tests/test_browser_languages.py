"""Any transcript in, in a browser: traditional-Chinese and English pages
carry their language, timestamps play the recording at that second, a
simplified query finds a traditional passage, citations carry the time.

A small site of its own: the real traditional-Chinese talk (CC0, tests/
fixtures), and hand-made interviews whose recordings are on YouTube,
Bilibili and a plain audio file (a transcript, a WebVTT and an SRT)."""
import pytest

from browser_support import CLIPBOARD_CONTEXT, first_result, mkdocs_build, project_copy, read_clipboard, search, serve
from support import FIXTURES, metadata

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

AUDREY = "audrey-tang-2025-11-10-berlin-freedom-conference-ai.zh-Hant.md"
YOUTUBE = "https://www.youtube.com/watch?v=78mEYaztGaw"
BILIBILI = "https://www.bilibili.com/video/BV1xx411c7mD/"
AUDIO = "https://cdn.example.org/episodes/14.mp3"

ENGLISH = """**Host:** [00:00:05] Welcome to the show.
**Guest:** \\[00:12:34.50\\] Thanks. Pretraining is imitation of the internet.
"""
VTT = """WEBVTT

00:01:05.000 --> 00:01:08.000
<v Host>What comes after pretraining?

00:01:08.000 --> 00:01:12.000
<v Guest>Post-training, with reinforcement learning.
"""
SRT = """1
01:02:03,000 --> 01:02:05,000
Host: 最后一个问题。

2
01:02:05,000 --> 01:02:09,000
Guest: 谢谢。
"""
ENGLISH_SPEAKERS = [{"id": "host", "name": "Host", "role": "host", "labels": ["Host"]},
                    {"id": "guest", "name": "Guest", "role": "guest", "labels": ["Guest"]}]
SUBTITLES = {"reader": "subtitles", "paragraphs": None, "headings": None}


def sources() -> dict:
    audrey = metadata(languages=("zh-Hant",), speakers=[
        {"id": "audrey-tang", "name": "Audrey Tang", "name_zh": "唐鳳", "role": "guest", "labels": ["唐鳳"]}],
        layout={"paragraphs": "blank-lines", "headings": "markdown",
                "heading_pattern": r"^>\s*[（(](?P<title>[^()（）]{1,40})[)）]\s*$"},
        clean=[{"name": "title-line", "pattern": r"^#\s+(?P<value>.+)$", "keep_as": "title", "at_start": True}],
        media_url=None)
    return {
        "audrey.md": (FIXTURES / AUDREY).read_text(encoding="utf-8"), "audrey.yml": audrey,
        "youtube.txt": ENGLISH, "youtube.yml": metadata(languages=("en",), speakers=ENGLISH_SPEAKERS,
                                                        media_url=YOUTUBE, programme="Test"),
        "bilibili.vtt": VTT, "bilibili.yml": metadata(languages=("en",), speakers=ENGLISH_SPEAKERS,
                                                      layout=SUBTITLES, media_url=BILIBILI),
        "audio.srt": SRT, "audio.yml": metadata(languages=("zh-Hans",), speakers=ENGLISH_SPEAKERS,
                                                layout=SUBTITLES, media_url=AUDIO),
    }


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """The project's own configuration, hooks and code with these sources only."""
    project = project_copy(tmp_path_factory.mktemp("project") / "p", sources())
    out = tmp_path_factory.mktemp("small-site") / "site"
    with serve(out) as url:
        mkdocs_build(project, out, site_url=url + "/")
        yield url


def open_interview(page, url, slug):
    page.goto(f"{url}/interviews/{slug}/")
    page.wait_for_function("() => /\\blang-mode-/.test(document.body.className)")


def test_a_traditional_page_is_zh_hant_with_traditional_glyphs(tab, small_site):
    page = tab.page
    open_interview(page, small_site, "audrey")
    langs = page.eval_on_selector_all("div.passage p", "ps => [...new Set(ps.map(p => p.lang))]")
    assert langs == ["zh-Hant"]
    assert page.locator("h1").get_attribute("lang") == "zh-Hant"
    font = page.eval_on_selector("div.passage p", "p => getComputedStyle(p).fontFamily")
    assert "TC" in font and font.index("TC") < font.index("sans-serif"), font
    assert "SC" not in font


def test_an_english_page_is_en(tab, small_site):
    page = tab.page
    open_interview(page, small_site, "youtube")
    assert page.eval_on_selector_all("div.passage p", "ps => [...new Set(ps.map(p => p.lang))]") == ["en"]
    assert page.locator("div.passage p").nth(1).inner_text() == "Thanks. Pretraining is imitation of the internet."


@pytest.mark.parametrize("slug, link, label", [
    ("youtube", YOUTUBE + "&t=754s", "12:34"),
    ("bilibili", BILIBILI + "?t=65", "1:05"),
    ("audio", AUDIO + "#t=3723", "1:02:03"),
])
def test_a_timestamp_opens_the_recording_at_that_second(tab, small_site, slug, link, label):
    page = tab.page
    open_interview(page, small_site, slug)
    stamp = page.locator(f"a.timestamp:text-is('{label}')")
    assert stamp.count() == 1, page.locator(".timestamp").all_inner_texts()
    assert stamp.get_attribute("href") == link
    assert stamp.is_visible() and "播放" in stamp.get_attribute("aria-label")


def test_the_citation_carries_the_time_and_the_link_that_plays_it(new_tab, small_site):
    page = new_tab(**CLIPBOARD_CONTEXT).page
    open_interview(page, small_site, "youtube")
    quote = page.locator("div.passage").nth(1)
    quote.hover()
    quote.locator(".quote-cite").click()
    page.wait_for_selector(".quote-toast:not([hidden])")
    cited = read_clipboard(page)
    assert cited.startswith("\u201cThanks. Pretraining is imitation of the internet.\u201d \u2014 Guest, ")
    assert ", at 12:34. " in cited and cited.endswith(f"(listen from here: {YOUTUBE}&t=754s)")


def test_a_simplified_query_finds_the_traditional_passage(tab, small_site):
    page = tab.page
    open_interview(page, small_site, "youtube")
    search(page, "超级智慧")  # the talk writes 超級智慧
    link = first_result(page)
    href = link.get_attribute("href")
    assert "/interviews/audrey/" in href and "#" in href, href
    link.click()
    page.wait_for_url("**/interviews/audrey/**")
    target = page.url.split("#", 1)[1].split("?")[0]
    page.wait_for_function("id => document.getElementById(id) !== null", arg=target)
    text = page.evaluate("""id => { const h = document.getElementById(id); let out = h.textContent, n = h.nextElementSibling;
        while (n && !/^H[1-3]$/.test(n.tagName)) { out += n.textContent; n = n.nextElementSibling; } return out; }""", target)
    assert "超級智慧" in text
