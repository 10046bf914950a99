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


def first_result(page):
    """The first visible result link that matched (score > 0)."""
    return (page.locator(".md-search-result__link:visible")
            .filter(has=page.locator("article:not([data-md-score='0.00'])"))
            .first)
