"""Helpers for the browser tests (the fixtures that use them are in conftest.py).

Building the site, serving a folder on 127.0.0.1, a fresh Playwright page per
test, and driving Material's search.

Notes on driving Material's search:

* Material reads the query on `keyup` (and on focus), not on `input`, so the
  query is inserted as an input method commits text and followed by a key
  press; `fill()` alone is only picked up by a race with the focus handler.
* Under each page, Material lists the page itself first. When only sections of
  that page matched, this page link is a placeholder with score 0 that Material
  adds so every group has a title; it is not a result. "The first result" is
  the first visible link whose article has a non-zero score.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
from urllib.parse import unquote, urlsplit
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}


def squash(text: str) -> str:
    """Text without whitespace or the zero-width spaces search inserts."""
    return "".join(c for c in text if not c.isspace() and c != "\u200b")


# --- serving and building ---------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        pass


@contextlib.contextmanager
def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run(args, cwd: Path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(args, cwd=str(cwd), env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}"
    return result


# `mkdocs build` has no option for site_url; load_config takes overrides.
_BUILD_FOR_URL = ("import sys; from mkdocs.config import load_config; from mkdocs.commands.build import build; "
                  "build(load_config('mkdocs.yml', strict=True, site_dir=sys.argv[1], site_url=sys.argv[2]))")


def mkdocs_build(project: Path, out: Path, site_url: str | None = None):
    """`mkdocs build --strict` into `out`, for `site_url` if given (else mkdocs.yml's).

    Material's instant navigation only takes over links listed in sitemap.xml,
    whose URLs it keeps on site_url's port; a site served on another port
    (any free port, in the tests) reloads on every click. `mkdocs serve` sets
    site_url to its own address for the same reason.
    """
    if site_url is None:
        run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=project)
    else:
        run([sys.executable, "-c", _BUILD_FOR_URL, str(out), site_url], cwd=project)


def project_copy(target: Path, sources: dict | None = None) -> Path:
    """A project to build elsewhere: the configuration, hooks, overrides and
    hand-written docs/ assets copied, the code linked (the code under test,
    not a copy), and the real sources, or only `sources` (name -> text) with
    the real cleaning rules and concepts."""
    import shutil
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, target / folder)
    for folder in ("transcripts", "templates"):
        os.symlink(ROOT / folder, target / folder)
    for folder in ("stylesheets", "javascripts", "images"):
        shutil.copytree(ROOT / "docs" / folder, target / "docs" / folder)
    if sources is None:
        shutil.copytree(ROOT / "sources", target / "sources")
    else:
        (target / "sources" / "rules").mkdir(parents=True)
        for name in ("rules/clean.yml", "concepts.yml"):
            shutil.copyfile(ROOT / "sources" / name, target / "sources" / name)
        for name, text in sources.items():
            (target / "sources" / name).write_text(text, encoding="utf-8")
    return target


# --- browser ----------------------------------------------------------------


class Tab:
    """A fresh page in its own context (empty localStorage), recording every
    dialog (and dismissing it). `options` go to `browser.new_context`."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**{"viewport": VIEWPORT, "locale": "zh-CN", **options})
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def close(self):
        self.context.close()


def search(page, query: str):
    """Type `query` into Material's search box and wait for results."""
    box = page.locator("input.md-search__input")
    box.click()
    placeholder = page.locator(".md-search-result__meta").text_content()
    page.keyboard.insert_text(query)  # as an input method commits text
    page.keyboard.press("End")  # Material reads the query on keyup
    # results (or "no results") replace the "type to start searching" line
    page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent !== text",
                           arg=placeholder)
    page.wait_for_timeout(300)  # Material renders result items in batches
    return page.locator(".md-search-result")


def open_first_result(page, query: str) -> str:
    """Search, click the first result and return the id of the section it opened
    (failing when the result leads to a page top rather than a section)."""
    results = search(page, query)
    link = first_result(page)
    assert link.count() == 1, f"no result for {query!r}: {results.inner_text()[:300]}"
    href = link.get_attribute("href")
    label = squash(link.inner_text())[:80]
    link.click()
    page.wait_for_url(href)
    fragment = urlsplit(page.url).fragment
    assert fragment, (f"first result for {query!r} ({label!r}) opened {page.url}, "
                      "a page without a fragment, not the section that matched")
    target = unquote(fragment)
    # instant navigation changes the address before it swaps the content in
    page.wait_for_function("id => document.getElementById(id) !== null", arg=target)
    return target


def first_result(page):
    """The first visible result that links to a section (a turn or heading)
    rather than to a page top: a page whose title contains the query is listed
    as its group's header, and the tests are about landing on the quote."""
    return (page.locator(".md-search-result__link:visible[href*='#']")
            .filter(has=page.locator("article:not([data-md-score='0.00'])"))
            .first)


# --- geometry, clipboard, pixels (quote links) ---------------------------------

# Where the element with `id` is once the page has stopped scrolling, the
# sticky header's box, and who is on top at the element's first line.
SETTLED_GEOMETRY_JS = """
async (id) => {
  const el = document.getElementById(id);
  if (!el) return null;
  let last = null, same = 0;
  for (let i = 0; i < 60 && same < 3; i++) {
    await new Promise(r => setTimeout(r, 100));
    const top = el.getBoundingClientRect().top;
    same = top === last ? same + 1 : 0;
    last = top;
  }
  const r = el.getBoundingClientRect();
  const header = document.querySelector('.md-header');
  const h = header ? header.getBoundingClientRect() : {height: 0, bottom: 0};
  const hit = document.elementFromPoint(r.left + 4, Math.max(r.top, 0) + 4);
  return {top: r.top, bottom: r.bottom, innerHeight: window.innerHeight,
          headerHeight: h.height, headerBottom: h.bottom, scrollY: window.scrollY,
          tag: el.tagName, onTop: !!hit && (el === hit || el.contains(hit)),
          hit: hit ? hit.tagName + '.' + hit.className : null};
}
"""


def settled_geometry(page, element_id: str) -> dict:
    """The box of #element_id once scrolling has stopped, and the header's height."""
    geo = page.evaluate(SETTLED_GEOMETRY_JS, element_id)
    assert geo is not None, f"no element with id {element_id!r} on {page.url}"
    return geo


def assert_in_view_below_header(geo: dict, what: str):
    assert 0 <= geo["top"] < geo["innerHeight"], (
        f"{what} is not in the viewport: top {geo['top']:.0f}px, window height {geo['innerHeight']}px, "
        f"scrollY {geo['scrollY']:.0f}")
    assert geo["top"] >= geo["headerHeight"] - 2, (
        f"{what} is under the sticky header: top {geo['top']:.0f}px, header height {geo['headerHeight']:.0f}px")
    assert geo["onTop"], f"{what} is covered at its first line by {geo['hit']}"


CLIPBOARD_CONTEXT = {"permissions": ["clipboard-read", "clipboard-write"]}


def set_clipboard(page, text: str):
    page.evaluate("text => navigator.clipboard.writeText(text)", text)


def read_clipboard(page) -> str:
    return page.evaluate("() => navigator.clipboard.readText()")


# Count the pixels of one colour in a PNG, decoded by the page itself (no
# imaging library needed): `rgb` within `tolerance` on each channel.
_COUNT_PIXELS_JS = """
async ([b64, rgb, tolerance]) => {
  const img = new Image();
  img.src = 'data:image/png;base64,' + b64;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4)
    if (Math.abs(data[i] - rgb[0]) <= tolerance && Math.abs(data[i + 1] - rgb[1]) <= tolerance
        && Math.abs(data[i + 2] - rgb[2]) <= tolerance) n++;
  return n;
}
"""

TARGET_TEXT_RGB = (255, 0, 255)


def target_text_pixels(page, screenshot_path=None) -> int:
    """How many pixels the browser paints as a matched text fragment.

    Chromium exposes no DOM API for which words a `:~:text=` directive
    matched; it paints them with `::target-text`. Give that pseudo-element a
    colour nothing else on the site uses, take a screenshot (saved to
    `screenshot_path` if given) and count that colour."""
    import base64

    page.add_style_tag(content="::target-text { background-color: rgb(%d, %d, %d) !important; "
                               "color: rgb(0, 0, 0) !important; }" % TARGET_TEXT_RGB)
    page.wait_for_timeout(100)
    png = page.screenshot(path=str(screenshot_path) if screenshot_path else None)
    return page.evaluate(_COUNT_PIXELS_JS, [base64.b64encode(png).decode("ascii"), list(TARGET_TEXT_RGB), 8])
