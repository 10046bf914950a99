"""Accessibility in a real browser: axe-core on one page of each type, and the keyboard.

axe-core (4.12.1, bundled by axe-playwright-python) runs on each page type in
the light and the dark scheme, in the state a reader puts it in (a bilingual
page in each language mode, a corrected page with 显示原文 on, the search
open with results); any serious or critical violation fails, with the rule,
the page and the first elements it names. All violations, by rule and page
type, are printed for the record.

Keyboard: from any passage, its ¶ and ❝ are at most two Tab stops away (the
quote tools come first in each passage), and every Tab stop shows where the
focus is.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from browser_support import search

pytest.importorskip("playwright.sync_api")
pytest.importorskip("axe_playwright_python")

pytestmark = pytest.mark.browser

VINYALS = "2024-12-vinyals-google-deepmind-podcast"
VINYALS_SHORT = "2024-12-vinyals-google-deepmind-podcast-short"
SUTSKEVER = "2023-03-sutskever-eye-on-ai-118"  # English/Chinese pairs, corrections
SCHULMAN = "2024-schulman-dwarkesh-podcast"  # 1,700 corrections
FAILING = ("serious", "critical")


def first_concept(site) -> str:
    return json.loads((site / "data" / "concepts.json").read_text(encoding="utf-8"))[0]["id"]


def set_lang_mode(mode):
    def act(page):
        page.locator(f".lang-switch [data-lang-mode='{mode}']").click()
    return act


def show_original(page):
    page.locator(".show-original-toggle").click()
    page.evaluate("() => document.querySelectorAll('article details').forEach(d => d.open = true)")


def search_with_results(page):
    search(page, "预训练")
    assert page.locator(".md-search-result__item").count() > 0


def page_types(site):
    """(name, path, what the reader does there first)."""
    return [
        ("home", "/", None),
        ("people list", "/speakers/", None),
        ("interview", f"/interviews/{VINYALS}/", None),
        ("bilingual, 双语", f"/interviews/{SUTSKEVER}/", set_lang_mode("both")),
        ("bilingual, 中文", f"/interviews/{SUTSKEVER}/", set_lang_mode("zh")),
        ("bilingual, English", f"/interviews/{SUTSKEVER}/", set_lang_mode("en")),
        ("corrected, 显示原文 on", f"/interviews/{SCHULMAN}/", show_original),
        ("two versions: 另一译本 links", f"/interviews/{VINYALS_SHORT}/", None),
        ("two versions side by side", f"/compare/{VINYALS}--{VINYALS_SHORT}/", None),
        ("concept index and matrix", "/concepts/", None),
        ("concept page", f"/concepts/{first_concept(site)}/", None),
        ("person page", "/speakers/oriol-vinyals/", None),
        ("search open with results", "/", search_with_results),
        ("404", "/404.html", None),
    ]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations_on_any_page_type(new_tab, site_url, built_site, axe, scheme, capsys):
    page = new_tab(color_scheme=scheme).page
    found, by_rule = [], Counter()
    for name, path, act in page_types(built_site):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        if act:
            page.wait_for_function("() => document.body.className.includes('lang-mode-')")
            act(page)
        page.wait_for_timeout(200)
        actual = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        assert actual == ("slate" if scheme == "dark" else "default"), f"{name}: scheme {actual}"
        for violation in axe.run(page).response["violations"]:
            by_rule[(violation["impact"], violation["id"])] += 1
            if violation["impact"] in FAILING:
                targets = [node["target"] for node in violation["nodes"][:3]]
                found.append(f"{name} ({path}): {violation['impact']} {violation['id']} "
                             f"on {len(violation['nodes'])} elements, e.g. {targets}")
    with capsys.disabled():
        print(f"\naxe-core, {scheme} scheme, {len(page_types(built_site))} page types: "
              + (", ".join(f"{impact} {rule} on {n}" for (impact, rule), n in sorted(by_rule.items())) or "none"))
    assert not found, "\n".join(found)


# --- keyboard ------------------------------------------------------------------------

# The Tab stops inside and between passages: for each passage, how many
# presses of Tab from the element focused just before it (the last stop of
# the passage or heading before) reach its ¶ and its ❝.
TAB_WALK_JS = """
() => document.activeElement ? {
  id: document.activeElement.closest('.passage') ? document.activeElement.closest('.passage').id : null,
  cls: document.activeElement.className || document.activeElement.tagName,
} : null
"""


def test_quote_tools_are_at_most_two_tab_stops_from_any_passage(tab, site_url, built_site):
    """On the page with the most marked corrections, Tab from the top through
    the whole article: after the last stop before a passage, ¶ is the next
    stop and ❝ the one after (corrections and times come after them)."""
    page = tab.page
    page.goto(f"{site_url}/interviews/{SCHULMAN}/")
    page.wait_for_function("() => document.body.className.includes('lang-mode-')")
    data = json.loads((built_site / "data" / f"{SCHULMAN}.json").read_text(encoding="utf-8"))
    passages = [p["id"] for p in data["passages"]]
    page.locator("article h1").click()  # start in the article, after the header and navigation
    stops, seen = [], 0
    for _ in range(3000):
        page.keyboard.press("Tab")
        now = page.evaluate(TAB_WALK_JS)
        if not now or not page.evaluate("() => !!document.activeElement.closest('article')"):
            break
        stops.append(now)
        seen += 1
    entered = {}
    for i, stop in enumerate(stops):
        if stop["id"] and stop["id"] not in entered:
            entered[stop["id"]] = stops[i:i + 2]
    missing = [p for p in passages if p not in entered]
    assert not missing, f"{len(missing)} passages were never reached with Tab, e.g. {missing[:3]}"
    wrong = {p: [s["cls"] for s in first] for p, first in entered.items()
             if [s["cls"].split()[0] for s in first] != ["quote-link", "quote-cite"]}
    assert not wrong, (f"{len(wrong)} of {len(passages)} passages do not start with ¶ then ❝ in Tab order, e.g. "
                       f"{list(wrong.items())[:3]}")
    marked = sum(1 for s in stops if "correction" in s["cls"])
    assert marked == sum(1 for p in data["passages"] for c in p["corrections"] if c["weight"] == "fact")


FOCUS_STYLE_JS = """
() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  // a visually hidden control (Material's palette switch) shows its focus on the label after it
  const label = el.nextElementSibling;
  if (el.getBoundingClientRect().width === 0 && label && label.tagName === 'LABEL') el = label;
  // a text box shows its focus by its caret
  const caret = el.matches('input[type=text], input:not([type]), textarea');
  const style = getComputedStyle(el), r = el.getBoundingClientRect();
  let opacity = 1;
  for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== 'none';
  return {what: el.tagName + '.' + el.className, ring: ring || caret, opacity, width: r.width, height: r.height,
          inView: r.bottom > 0 && r.top < innerHeight};
}
"""


@pytest.mark.parametrize("path", ["/", f"/interviews/{SUTSKEVER}/", f"/interviews/{SCHULMAN}/", "/concepts/",
                                  f"/interviews/{VINYALS_SHORT}/", f"/compare/{VINYALS}--{VINYALS_SHORT}/"])
def test_focus_is_always_visible(tab, site_url, path):
    """The first 120 Tab stops of a page: each is visible (not transparent, not
    zero-sized, scrolled into view) and shows a focus ring."""
    page = tab.page
    page.goto(site_url + path)
    page.wait_for_function("() => document.body.className.includes('lang-mode-')")
    # measure each focus as it ends up, not halfway through Material's fade-ins
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.mouse.move(0, 0)
    bad = []
    for n in range(120):
        page.keyboard.press("Tab")
        page.wait_for_timeout(50)  # Material shows the tab bar again on the scroll event
        focus = page.evaluate(FOCUS_STYLE_JS)
        if focus is None:
            continue
        if not (focus["ring"] and focus["opacity"] > 0.5 and focus["width"] > 0 and focus["height"] > 0
                and focus["inView"]):
            bad.append((n + 1, focus))
    assert not bad, f"{len(bad)} Tab stops on {path} without a visible focus, e.g. {bad[:4]}"
