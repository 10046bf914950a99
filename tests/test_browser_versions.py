"""Two versions of one interview in a real browser: from a passage to its counterpart, and the comparison page.

* 另一译本 on a passage of the short translation opens the full one at the
  passage it corresponds to (the alignment in the data), marked and in view.
* The comparison page shows the two versions in two columns side by side on
  a desktop, one above the other on a phone.
"""
from __future__ import annotations

import json

import pytest

from browser_support import assert_in_view_below_header, settled_geometry

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

VINYALS = "2024-12-vinyals-google-deepmind-podcast"
VINYALS_SHORT = "2024-12-vinyals-google-deepmind-podcast-short"
COMPARE = f"/compare/{VINYALS}--{VINYALS_SHORT}/"


def test_another_version_link_opens_the_counterpart(tab, site_url, built_site):
    data = json.loads((built_site / "data" / f"{VINYALS_SHORT}.json").read_text(encoding="utf-8"))
    passage = next(p for p in data["passages"] if p["text"]["zh-Hans"].startswith("它不是那样运作的"))
    (counterpart,) = passage["counterparts"]
    assert counterpart["slug"] == VINYALS
    page = tab.page
    page.goto(f"{site_url}/interviews/{VINYALS_SHORT}/#{passage['id']}")
    page.wait_for_function("() => document.body.className.includes('lang-mode-')")
    top = page.locator(".other-versions")
    assert top.is_visible() and "同一场访谈的另一版本" in top.inner_text()
    link = page.locator(f"[id='{passage['id']}'] a.counterpart-link")
    assert link.is_visible() and link.inner_text() == "另一译本"
    link.click()
    page.wait_for_url(f"**/interviews/{VINYALS}/#{counterpart['id']}")
    page.wait_for_function("id => { const el = document.getElementById(id); "
                           "return el && el.classList.contains('is-target'); }", arg=counterpart["id"])
    text = page.locator(f"[id='{counterpart['id']}'] > p[lang='zh-Hans']").inner_text()
    assert text.startswith("它是不是无法以这种方式工作"), text
    assert_in_view_below_header(settled_geometry(page, counterpart["id"]), f"the counterpart #{counterpart['id']}")


SIDES_JS = """
() => Array.from(document.querySelectorAll('.compare-row:not(.compare-head)')).slice(0, 12).map(row => {
  const [a, b] = Array.from(row.querySelectorAll(':scope > .compare-side')).map(s => s.getBoundingClientRect());
  return {aLeft: a.left, bLeft: b.left, aTop: a.top, bTop: b.top, aBottom: a.bottom, width: a.width,
          bVisible: b.height > 0};
})
"""


def test_comparison_page_has_two_columns_on_a_desktop_and_stacks_on_a_phone(new_tab, site_url):
    desktop = new_tab().page
    desktop.goto(site_url + COMPARE)
    rows = desktop.evaluate(SIDES_JS)
    assert len(rows) == 12
    assert all(r["bLeft"] > r["aLeft"] + r["width"] * 0.9 and abs(r["aTop"] - r["bTop"]) < 2 for r in rows), rows[:3]
    phone = new_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).page
    phone.goto(site_url + COMPARE)
    rows = phone.evaluate(SIDES_JS)
    both = [r for r in rows if r["bVisible"] and r["aBottom"] > r["aTop"]]
    assert both, "no row shows both versions on a phone"
    assert all(abs(r["aLeft"] - r["bLeft"]) < 2 and r["bTop"] >= r["aBottom"] - 1 for r in both), both[:3]
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), \
        "the comparison page scrolls sideways on a phone"
