"""Fixtures shared by the browser tests (test_browser*.py).

The site is built once per session with `mkdocs build --strict` into a
temporary folder and served on 127.0.0.1; each test gets a fresh browser
context (`tab`), so cookies and localStorage never leak between tests.
Playwright is imported only when a browser test asks for `browser`, so the
other tests run without it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, ROOT, Tab, mkdocs_build, serve


@pytest.fixture(scope="session")
def served_site(tmp_path_factory) -> tuple[Path, str]:
    """The site, built for the address it is served at (so instant navigation works)."""
    out = tmp_path_factory.mktemp("site") / "site"
    with serve(out) as url:  # the server only reads the folder per request
        mkdocs_build(ROOT, out, site_url=url + "/")
        yield out, url


@pytest.fixture(scope="session")
def built_site(served_site) -> Path:
    return served_site[0]


@pytest.fixture(scope="session")
def site_url(served_site) -> str:
    return served_site[1]


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def tab(browser):
    """A fresh page in a fresh context (empty localStorage)."""
    t = Tab(browser)
    yield t
    t.close()


@pytest.fixture
def new_tab(browser):
    """Make more fresh pages, each in its own context: `new_tab(java_script_enabled=False)`."""
    tabs = []

    def make(**options):
        tabs.append(Tab(browser, **options))
        return tabs[-1]

    yield make
    for t in tabs:
        t.close()
