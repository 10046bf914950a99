"""Search in Chromium: queries of each kind land on a passage that contains them,
and a query without results suggests close concept pages."""
import pytest

from browser_support import open_first_result, search, squash

pytestmark = pytest.mark.browser

START = "/interviews/2024-hassabis-xinzhiyuan-qa/"


@pytest.mark.parametrize("query, expected", [
    ("奖励模型", ["奖励模型"]),  # simplified concept, kept whole by the user dictionary
    ("預訓練", ["预训练"]),  # traditional: through the concept's OpenCC forms
    ("pretraining", ["预训练", "pretrain", "pre-train"]),  # English query, Chinese passages
    ("Rich Sutton", ["Rich Sutton"]),  # a name
])
def test_first_result_opens_a_turn_about_the_query(tab, site_url, query, expected):
    page = tab.page
    page.goto(site_url + START)
    target = open_first_result(page, query)
    assert target.startswith("t-"), f"the first result for {query!r} is not a turn: #{target}"
    text = page.evaluate("""id => { const h = document.getElementById(id); let out = '', n = h.nextElementSibling;
        while (n && !/^H[1-3]$/.test(n.tagName)) { out += n.textContent; n = n.nextElementSibling; } return out; }""", target)
    assert any(squash(word).casefold() in squash(text).casefold() for word in expected), (query, text[:120])


def test_a_query_without_results_suggests_close_concepts(tab, site_url):
    page = tab.page
    page.goto(site_url + START)
    search(page, "alignmint")
    page.wait_for_selector(".search-suggestions a", timeout=5000)
    box = page.locator(".search-suggestions")
    assert "没有找到「alignmint」" in box.inner_text()
    first = box.locator("a").first
    assert first.inner_text() == "对齐 Alignment"
    first.click()
    page.wait_for_url("**/concepts/alignment/")
