"""Reading an interview in a real browser: corrections, 显示原文, the language switch.

On the site built once per session (conftest.py), each test in a fresh
browser context (empty localStorage):

* 显示原文 is a round trip: with it on, every passage shows exactly the text
  before corrections (`source_text` in the JSON data); off again, exactly the
  corrected `text`.
* The choice is remembered across Material's instant navigation and reloads.
* The switch works from the keyboard, and a correction's tooltip (the original
  word) shows on keyboard focus, not only on hover.
* Corrections by weight: each one that changes meaning or a fact (聪明 → 痴呆)
  is marked and a tab stop; a restored synonym is plain text, its source word
  still on the page for 显示原文.
* The language switch of a bilingual page hides one language of every pair,
  is remembered, and without JavaScript both languages show and the switch
  does not.
* Search finds a bilingual pair from either of its languages.
"""
from __future__ import annotations

import json
import re

import pytest

from browser_support import open_first_result, squash

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

SCHULMAN = "2024-schulman-dwarkesh-podcast"  # 004: Chinese only, many corrections
SUTSKEVER = "2023-03-sutskever-eye-on-ai-118"  # 003: English/Chinese pairs
START_PAGE = "/interviews/2024-hassabis-xinzhiyuan-qa/"  # no `compression`, no `压缩`
ZH, EN = "zh-Hans", "en"

# What each passage shows: {passage id: {lang: innerText of its <p lang>}}.
PASSAGE_TEXTS_JS = """
() => {
  const out = {};
  for (const div of document.querySelectorAll('article div.passage')) {
    const texts = {};
    for (const p of div.querySelectorAll(':scope > p[lang]')) texts[p.lang] = p.innerText;
    out[div.id] = texts;
  }
  return out;
}
"""

# Whether each language of each bilingual pair is rendered (not display:none).
PAIR_VISIBILITY_JS = """
() => Array.from(document.querySelectorAll('article div.passage.bilingual')).map(div => {
  const shown = lang => Array.from(div.querySelectorAll(`:scope > p[lang="${lang}"]`))
    .map(p => p.checkVisibility() && p.getClientRects().length > 0);
  return {id: div.id, en: shown('en'), zh: shown('zh-Hans')};
})
"""

# The search section an element starts: it and its following siblings up to
# the next h1/h2/h3 (what Material indexes as one section).
SECTION_JS = """
(id) => {
  const el = document.getElementById(id);
  if (!el) return null;
  const nodes = [el];
  for (let n = el.nextElementSibling; n && !/^H[123]$/.test(n.tagName); n = n.nextElementSibling) nodes.push(n);
  return {text: nodes.map(n => n.textContent).join(''),
          bilingual: nodes.filter(n => n.matches('div.passage.bilingual')).map(n => n.id)};
}
"""


def load_data(built_site, slug: str) -> dict:
    return json.loads((built_site / "data" / f"{slug}.json").read_text(encoding="utf-8"))


def source_text(passage: dict, lang: str) -> str:
    """The passage's text before corrections (its text when nothing was corrected)."""
    return (passage["source_text"] or {}).get(lang, passage["text"][lang])


def open_page(page, url: str):
    page.goto(url)
    # interviews.js has run when body has a lang-mode-* class (set on every page view)
    page.wait_for_function("() => /\\blang-mode-/.test(document.body.className)")


def toggle(page):
    buttons = page.locator(".show-original-toggle")
    assert buttons.count() == 1, f"{page.url} has {buttons.count()} 显示原文 buttons"
    return buttons


def body_has(page, cls: str) -> bool:
    return page.evaluate("cls => document.body.classList.contains(cls)", cls)


def assert_passages_show(page, data: dict, which: str):
    """Every passage of `data` shows its corrected `text` or its `source` text, whitespace aside."""
    shown = page.evaluate(PASSAGE_TEXTS_JS)
    wrong = []
    for passage in data["passages"]:
        assert passage["id"] in shown, f"passage #{passage['id']} is not on {page.url}"
        for lang, text in passage["text"].items():
            expected = source_text(passage, lang) if which == "source" else text
            actual = shown[passage["id"]].get(lang)
            assert actual is not None, f"passage #{passage['id']} has no <p lang={lang}>"
            if squash(actual) != squash(expected):
                wrong.append(f"#{passage['id']} ({lang}) shows {squash(actual)[:120]!r}, "
                             f"expected {squash(expected)[:120]!r}")
    assert not wrong, (f"{len(wrong)} of {len(data['passages'])} passages do not show the {which} text:\n"
                       + "\n".join(wrong[:5]))


def assert_pressed(button, pressed: bool, what: str):
    assert button.get_attribute("aria-pressed") == ("true" if pressed else "false"), (
        f"{what}: aria-pressed is {button.get_attribute('aria-pressed')!r}, expected {pressed}")


# --- 显示原文 -----------------------------------------------------------------


def test_show_original_is_a_round_trip_to_the_source_text(tab, site_url, built_site):
    data = load_data(built_site, SCHULMAN)
    assert sum(1 for p in data["passages"] if p["source_text"]) > 100, "the test needs corrected passages"
    page = tab.page
    open_page(page, f"{site_url}/interviews/{SCHULMAN}/")
    button = toggle(page)
    assert_pressed(button, False, "显示原文 on a fresh visit")
    assert_passages_show(page, data, "corrected")

    button.click()
    assert_pressed(button, True, "显示原文 after one click")
    assert body_has(page, "show-original")
    assert_passages_show(page, data, "source")

    button.click()
    assert_pressed(button, False, "显示原文 after a second click")
    assert not body_has(page, "show-original")
    assert_passages_show(page, data, "corrected")


def test_show_original_is_remembered_across_pages_and_reloads(tab, site_url):
    page = tab.page
    open_page(page, f"{site_url}/interviews/{SCHULMAN}/")
    toggle(page).click()
    assert_pressed(toggle(page), True, "显示原文 after a click")

    # Instant navigation: Material swaps the content in place, no page load.
    page.evaluate("() => { window.__samePageLoad = true; }")
    h1 = page.locator("article h1").inner_text()
    page.locator(f".md-nav--primary a.md-nav__link[href$='/{SUTSKEVER}/']").first.click()
    page.wait_for_url(f"**/interviews/{SUTSKEVER}/")
    page.wait_for_function("h1 => { const e = document.querySelector('article h1');"
                           " return e && e.innerText !== h1 && document.querySelector('.show-original-toggle'); }",
                           arg=h1)
    assert page.evaluate("() => window.__samePageLoad === true"), \
        "clicking the navigation reloaded the page: instant navigation is not what was tested"

    def assert_original_shown(when: str):
        page.wait_for_function("() => document.querySelector('.show-original-toggle')"
                               ".getAttribute('aria-pressed') === 'true'", timeout=5_000)
        assert body_has(page, "show-original"), f"{when}: body has no show-original"
        assert_pressed(toggle(page), True, f"显示原文 {when}")
        first = page.locator("article .correction").first
        assert first.locator(".original").is_visible() and not first.locator(".corrected").is_visible(), \
            f"{when}: a correction shows its corrected word, not the original"

    try:
        assert_original_shown(f"after instant navigation to {SUTSKEVER}")
    except Exception as error:  # the wait times out: say what the page shows
        if "Timeout" not in type(error).__name__:
            raise
        pytest.fail(f"after instant navigation to {SUTSKEVER}: 显示原文 is aria-pressed="
                    f"{toggle(page).get_attribute('aria-pressed')!r}, "
                    f"body class {page.evaluate('() => document.body.className')!r}")

    page.reload()
    open_page(page, page.url)
    assert_original_shown("after a reload")

    # the switch on the new page still toggles once per click
    toggle(page).click()
    assert_pressed(toggle(page), False, "显示原文 after clicking it on the reloaded page")
    assert not body_has(page, "show-original")


def test_show_original_and_correction_tooltips_work_from_the_keyboard(tab, site_url):
    page = tab.page
    open_page(page, f"{site_url}/interviews/{SCHULMAN}/")

    def tab_to(selector: str, limit: int = 400) -> int:
        for presses in range(1, limit + 1):
            page.keyboard.press("Tab")
            if page.evaluate("sel => !!document.activeElement && document.activeElement.matches(sel)", selector):
                return presses
        pytest.fail(f"{limit} presses of Tab never focused {selector}")

    tab_to(".show-original-toggle")
    button = toggle(page)
    page.keyboard.press("Space")
    assert_pressed(button, True, "显示原文 after Space")
    assert body_has(page, "show-original")
    page.keyboard.press("Enter")
    assert_pressed(button, False, "显示原文 after Enter")
    assert not body_has(page, "show-original")

    page.mouse.move(0, 0)  # nothing is hovered
    first = page.locator("article .correction").first
    before = first.evaluate("el => getComputedStyle(el, '::after').content")
    assert before in ("none", "normal", ""), f"a correction shows a tooltip before it is focused: {before!r}"

    tab_to(".correction")
    # The tooltip must stay while the word has focus, not only in the first
    # moments (Material's own tooltips act on focus after a short delay).
    focused = page.evaluate("""async () => {
      const el = document.activeElement;
      const after = [];
      for (let i = 0; i < 15; i++) {
        after.push(getComputedStyle(el, '::after').content);
        await new Promise(r => setTimeout(r, 100));
      }
      const tip = el.getAttribute('aria-describedby');
      return {original: el.querySelector('.original').textContent, title: el.getAttribute('title'),
              after, still: document.activeElement === el, describedby: tip,
              other: tip && document.getElementById(tip) ? document.getElementById(tip).innerText : null};
    }""")
    assert focused["original"] and focused["still"], focused
    missing = [i * 100 for i, content in enumerate(focused["after"]) if focused["original"] not in content]
    assert not missing, (
        f"a correction focused from the keyboard does not show its original word {focused['original']!r} "
        f"in its tooltip {missing[0]} ms after focus: its ::after content is "
        f"{focused['after'][missing[0] // 100]!r} (first {focused['after'][0]!r}); "
        f"title attribute now {focused['title']!r}, aria-describedby {focused['describedby']!r} "
        f"-> {focused['other']!r}")


def test_facts_are_marked_restored_words_are_not_and_a_reversal_shows_both_ways(tab, site_url, built_site):
    data = load_data(built_site, SCHULMAN)
    fixes = [c for p in data["passages"] for c in p["corrections"]]
    facts = [c for c in fixes if c["weight"] == "fact"]
    assert 100 < len(facts) < len(fixes) / 3, "the test needs both weights"
    page = tab.page
    open_page(page, f"{site_url}/interviews/{SCHULMAN}/")
    # a correction that changes meaning or a fact: marked and a tab stop, its note once
    marked = page.locator("article .passage .correction")
    assert marked.count() == len(facts), f"the page marks {marked.count()} corrections, the data has {len(facts)} facts"
    focusable = page.locator("article .passage p [tabindex]").count()
    assert focusable == len(facts), f"{focusable} words in the text are tab stops, expected the {len(facts)} facts"
    # every source word is in the page, beside its correction, hidden until 显示原文
    originals = page.locator("article .passage .original")
    assert originals.count() == len(fixes), f"{originals.count()} source words on the page, {len(fixes)} in the data"
    assert not originals.first.is_visible()
    # a restored synonym reads as plain text: no mark, no note
    restored = page.evaluate("""() => {
      const words = Array.from(document.querySelectorAll('article .passage .corrected'))
        .filter(el => !el.closest('.correction'));
      const el = words[0], style = getComputedStyle(el), parent = getComputedStyle(el.parentElement);
      return {count: words.length, text: el.textContent, border: style.borderBottomStyle,
              decoration: style.textDecorationLine, parentBorder: parent.borderBottomStyle,
              focusable: el.closest('[tabindex]') !== null, note: el.closest('[aria-description]') !== null};
    }""")
    assert restored["count"] == len(fixes) - len(facts)
    assert restored["border"] == "none" and restored["decoration"] == "none" and restored["parentBorder"] == "none" \
        and not restored["focusable"] and not restored["note"], f"a restored word is marked: {restored}"

    reversed_ = [p for p in data["passages"] if "相当痴呆" in (p["source_text"] or {}).get(ZH, "")]
    assert len(reversed_) == 1, f"expected one passage whose source says 相当痴呆, found {len(reversed_)}"
    passage = reversed_[0]
    shown = page.locator(f"[id='{passage['id']}'] > p[lang='{ZH}']")
    default = shown.inner_text()
    assert "相当聪明" in default and "痴呆" not in default, (
        f"#{passage['id']} should read 相当聪明 by default: {default!r}")
    meaning = shown.locator(".correction", has=page.locator(".original", has_text="痴呆"))
    assert meaning.count() >= 1 and "correction-meaning" in meaning.first.get_attribute("class"), \
        "the 聪明/痴呆 correction is not marked as a change of meaning"

    toggle(page).click()
    source = shown.inner_text()
    assert "相当痴呆" in source and "聪明" not in source, (
        f"#{passage['id']} should read 相当痴呆 with 显示原文: {source!r}")
    assert originals.first.is_visible()


# --- the language switch -------------------------------------------------------


def pair_visibility(page) -> list[dict]:
    pairs = page.evaluate(PAIR_VISIBILITY_JS)
    assert len(pairs) > 20, f"{page.url} has only {len(pairs)} bilingual passages"
    return pairs


def assert_pairs_show(page, en: bool, zh: bool, when: str):
    pairs = pair_visibility(page)
    wrong = [p for p in pairs if p["en"] != [en] or p["zh"] != [zh]]
    assert not wrong, (f"{when}: {len(wrong)} of {len(pairs)} pairs do not show "
                       f"en={en} zh={zh}, e.g. {wrong[:3]}")


def assert_mode(page, mode: str, when: str):
    for m in ("both", "zh", "en"):
        assert_pressed(page.locator(f".lang-switch [data-lang-mode='{m}']"), m == mode, f"{when}: button {m}")
    assert body_has(page, f"lang-mode-{mode}"), f"{when}: body has no lang-mode-{mode}"


def test_language_switch_hides_one_language_and_is_remembered(tab, site_url, built_site):
    data = load_data(built_site, SUTSKEVER)
    page = tab.page
    open_page(page, f"{site_url}/interviews/{SUTSKEVER}/")

    # each pair is one anchor: one element with the passage's id holding both languages
    pairs = [p["id"] for p in data["passages"] if len(p["text"]) > 1]
    assert len(pairs) > 20, "the test needs English/Chinese pairs"
    anchors = page.evaluate("""ids => ids.map(id => {
      const els = document.querySelectorAll(`[id="${id}"]`);
      const el = els[0];
      return {id, count: els.length, pair: !!el && el.matches('div.passage.bilingual'),
              en: el ? el.querySelectorAll(':scope > p[lang="en"]').length : 0,
              zh: el ? el.querySelectorAll(':scope > p[lang="zh-Hans"]').length : 0};
    })""", pairs)
    wrong = [a for a in anchors if (a["count"], a["pair"], a["en"], a["zh"]) != (1, True, 1, 1)]
    assert not wrong, f"pairs whose anchor is not one element with both languages: {wrong[:3]}"

    switch = page.locator(".lang-switch")
    assert switch.is_visible(), "the language switch is not shown once JavaScript has run"
    assert_pairs_show(page, en=True, zh=True, when="on a fresh visit")
    assert_mode(page, "both", "on a fresh visit")

    switch.get_by_role("button", name="中文").click()
    assert_pairs_show(page, en=False, zh=True, when="after choosing 中文")
    assert_mode(page, "zh", "after choosing 中文")

    switch.get_by_role("button", name="English").click()
    assert_pairs_show(page, en=True, zh=False, when="after choosing English")
    assert_mode(page, "en", "after choosing English")

    page.reload()
    open_page(page, page.url)
    assert_pairs_show(page, en=True, zh=False, when="after a reload")
    assert_mode(page, "en", "after a reload")

    switch.get_by_role("button", name="双语").click()
    assert_pairs_show(page, en=True, zh=True, when="after choosing 双语")
    assert_mode(page, "both", "after choosing 双语")


def test_without_javascript_both_languages_show_and_the_switch_does_not(new_tab, site_url):
    page = new_tab(java_script_enabled=False).page
    page.goto(f"{site_url}/interviews/{SUTSKEVER}/")
    assert page.evaluate("() => document.body.className.includes('lang-mode-')") is False, \
        "JavaScript ran although it is disabled"
    assert_pairs_show(page, en=True, zh=True, when="without JavaScript")
    switch = page.locator(".lang-switch")
    assert switch.count() == 1, "the page has no language switch at all"
    display = switch.evaluate("el => getComputedStyle(el).display")
    assert display == "none" and not switch.is_visible(), (
        f"without JavaScript the language switch is displayed (display: {display}) but does nothing")


# --- search --------------------------------------------------------------------


@pytest.mark.parametrize("query", ["compression", "压缩"])
def test_search_finds_a_bilingual_pair_from_either_language(tab, site_url, query):
    page = tab.page
    page.goto(site_url + START_PAGE)
    target = open_first_result(page, query)
    section = page.evaluate(SECTION_JS, target)
    assert section["bilingual"], (
        f"the first result for {query!r} opened #{target} on {page.url}, "
        f"a section without an English/Chinese pair: {squash(section['text'])[:200]!r}")
    assert squash(query).casefold() in squash(section["text"]).casefold(), (
        f"the section #{target} opened for {query!r} does not contain it: {squash(section['text'])[:200]!r}")


# --- concept pages: the full list on demand ------------------------------------


def test_a_concept_page_loads_all_quotes_of_an_interview_on_demand(tab, site_url, built_site):
    """The page shows the strongest quotes of each interview; the button loads
    the rest (data/concepts/<id>.json), each a link to its passage."""
    page = tab.page
    page.goto(site_url + "/concepts/pretraining/")
    button = page.locator(".kwic-more button[data-interview]").first
    slug = button.get_attribute("data-interview")
    total = int(re.search(r"\d+", button.inner_text()).group(0))
    section = page.locator(f"h2[id='{slug}'] + ul.kwic li")
    assert 0 < section.count() < total
    button.click()
    page.wait_for_function("([slug, n]) => document.querySelectorAll(`h2[id='${slug}'] + ul.kwic li`).length === n",
                           arg=[slug, total])
    assert page.locator(".kwic-more button[data-interview='%s']" % slug).count() == 0
    links = page.locator(f"h2[id='{slug}'] + ul.kwic li a.kwic-line")
    marks = links.locator("mark").all_inner_texts()
    assert len(marks) == total and all(marks)
    href = links.nth(total - 1).get_attribute("href")
    assert re.search(rf"/interviews/{slug}/#q-[0-9a-z]+$", href), href
