#!/usr/bin/env python3
"""Search in Chromium as a first-time visitor meets it: milliseconds and bytes.

    python bench/search_timing.py SITE_DIR [--queries bench/queries.yml] [--repeat N] [--out result.json]

For each query of the file (--repeat times over): a fresh browser context
(empty cache), the home page loaded, the search box opened at once (the `/`
shortcut), the query typed; then the next query of the file typed into the same box. Measured:

- first query: ms from the box opening to the result list drawn. Material's
  Lunr search builds its index after the page loads, so a reader who opens
  the box early waits for that too; the sharded index fetches what the query
  needs after it is typed. Either way this is what the reader waits.
- second query: ms from the end of typing (the last key's keyup, when
  Material asks its worker) to the result list drawn; and ms from the text
  changing (the input event, when the site's worker is told) to the list
  drawn. Here the two events are a browser round trip apart; for a person
  typing, a key press apart (~0.1 s).
- bytes transferred for search up to the first result, and for the second
  query: every request for the index (search/), the worker and its scripts
  (javascripts/search/, Material's workers/ and lunr/), as this server sent
  them (uncompressed) and as gzip -6 would (what a host that compresses sends).

Works with either engine: both talk to Material's search box through its
worker messages (RESULT = 3), which this script watches without changing.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SEARCH_FILES = re.compile(r"/(search/|javascripts/search/|assets/javascripts/workers/|assets/javascripts/lunr/)")
TIMEOUT_MS = 120_000
QUIET_MS = 100

WATCH = r"""
(() => {
  const w = window.__search = { results: 0, lastResultAt: null, openedAt: null, typedAt: null, changedAt: null, mutations: [] };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", ev => {
        if (ev.data && ev.data.type === 3) { w.results++; w.lastResultAt = performance.now(); }
      });
    }
  };
  document.addEventListener("focusin", ev => {
    if (ev.target.matches && ev.target.matches("input.md-search__input") && w.openedAt === null) w.openedAt = performance.now();
  });
  window.addEventListener("keyup", ev => {
    if (ev.target.matches && ev.target.matches("input.md-search__input")) w.typedAt = performance.now();
  }, true);
  window.addEventListener("input", ev => {
    if (ev.target.matches && ev.target.matches("input.md-search__input")) w.changedAt = performance.now();
  }, true);
  document.addEventListener("DOMContentLoaded", () => {
    new MutationObserver(() => w.mutations.push(performance.now()))
      .observe(document.querySelector(".md-search-result"), { childList: true, subtree: true, characterData: true });
  });
})();
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    # keep-alive, as every web host does: Python's default (HTTP/1.0) opens a
    # connection per file. Without TCP_NODELAY a kept-alive connection waits
    # 40 ms (delayed ACK) on every response: web servers set it, so does this.
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass


def serve_forever(site: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


class Server:
    """The site served by a process of its own, as by any web host. HTTP/1.1
    by default (Python's server; a browser opens six connections to it);
    with http2, bench/h2_static.js (node) over TLS with a throw-away
    certificate: one connection carries every request at once, as GitHub
    Pages and CDNs serve."""

    def __init__(self, site: Path, http2: bool = False):
        if http2:
            self.keys = tempfile.TemporaryDirectory()
            key, cert = Path(self.keys.name) / "key.pem", Path(self.keys.name) / "cert.pem"
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                            "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
            command = ["node", str(Path(__file__).with_name("h2_static.js")), str(site), str(key), str(cert)]
        else:
            self.keys = None
            command = [sys.executable, __file__, "--serve", str(site)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        self.base = f"{'https' if http2 else 'http'}://127.0.0.1:{int(self.process.stdout.readline())}"

    def close(self):
        self.process.terminate()
        self.process.wait()
        if self.keys:
            self.keys.cleanup()


@functools.lru_cache(maxsize=None)
def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


class Visit:
    """One fresh context on the home page, counting search bytes."""

    def __init__(self, browser, base: str, site: Path):
        self.site, self.requests = site, []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block",
                                           ignore_https_errors=True)  # the --http2 server's own certificate
        self.context.add_init_script(WATCH)
        self.context.on("requestfinished", self._finished)
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.goto(base + "/", wait_until="load")

    def _finished(self, request):
        # sizes are asked for after the timing: each ask is a round trip to the
        # browser, and during a query they cost it ~8 ms of a 2-core machine
        if SEARCH_FILES.search(request.url):
            self.requests.append(request)

    def bytes_since(self, mark: int) -> tuple[int, int]:
        sent = gzipped = 0
        for request in self.requests[mark:]:
            sizes = request.sizes()
            sent += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            gzipped += gzip_size(self.site / unquote(urlsplit(request.url).path).lstrip("/"))
        return sent, gzipped

    def query(self, text: str) -> tuple[float, float]:
        """Type `text` (the box open); ms from the box opening (first query) or
        the end of typing (later ones) to the result list drawn, and ms from
        the text's last change to it."""
        page = self.page
        box = page.locator("input.md-search__input")
        if not page.evaluate("() => document.activeElement && document.activeElement.matches('input.md-search__input')"):
            page.keyboard.press("/")
            if not page.evaluate("() => document.activeElement.matches('input.md-search__input')"):
                box.click()
        before = page.evaluate("() => window.__search.results")
        for attempt in range(3):  # rarely, Material misses the key press: type the query again
            page.keyboard.press("Control+A")
            if attempt:
                page.keyboard.press("Backspace")
            page.evaluate("() => { window.__search.mutations = []; window.__search.typedAt = null;"
                          " window.__search.changedAt = null; }")
            page.keyboard.insert_text(text)  # replaces the selected query, as typing would
            page.keyboard.press("End")
            try:
                page.wait_for_function("n => { const w = window.__search; return w.results > n && w.typedAt !== null"
                                       " && w.lastResultAt >= w.typedAt; }", arg=before,
                                       timeout=TIMEOUT_MS if attempt == 2 else TIMEOUT_MS // 4)
                break
            except Exception:
                if attempt == 2:
                    raise
                print(f"  {text}: no result, typing it again", file=sys.stderr)
        page.wait_for_function("q => { const m = window.__search.mutations;"
                               " return performance.now() - (m.length ? m[m.length - 1] : 0) >= q; }", arg=QUIET_MS)
        return tuple(page.evaluate("""first => { const w = window.__search;
            const drawn = w.mutations.find(t => t >= w.lastResultAt), end = drawn === undefined ? w.lastResultAt : drawn;
            return [end - (first ? w.openedAt : w.typedAt), end - w.changedAt]; }""", before == 0))

    def close(self):
        self.context.close()


def measure(site: Path, queries: list[str], chromium: str = CHROMIUM, http2: bool = False, repeat: int = 1) -> dict:
    """Each query first, then the next one second, `repeat` times over: on a
    shared 2-core machine one pass of 9 varies by ±10 ms at the median."""
    from playwright.sync_api import sync_playwright
    server = Server(site, http2)
    base = server.base
    runs = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            for n, first in [(n, q) for _ in range(repeat) for n, q in enumerate(queries)]:
                second = queries[(n + 1) % len(queries)]
                visit = Visit(browser, base, site)
                first_ms = visit.query(first)[0]
                first_bytes = visit.bytes_since(0)
                mark = len(visit.requests)
                second_ms, second_from_input_ms = visit.query(second)
                second_bytes = visit.bytes_since(mark)
                visit.close()
                runs.append({"first": first, "first_ms": round(first_ms, 1), "first_bytes": first_bytes[0],
                             "first_gzip_bytes": first_bytes[1], "second": second, "second_ms": round(second_ms, 1),
                             "second_from_input_ms": round(second_from_input_ms, 1),
                             "second_bytes": second_bytes[0], "second_gzip_bytes": second_bytes[1]})
                print(f"  {first} {first_ms:.0f} ms {first_bytes[0] / 1000:.0f} kB; "
                      f"then {second} {second_ms:.0f} ms {second_bytes[0] / 1000:.0f} kB", file=sys.stderr)
            version = browser.version
            browser.close()
    finally:
        server.close()

    def median(key):
        return round(statistics.median(r[key] for r in runs), 1)

    return {"chromium": version, "queries": len(queries), "repeat": repeat, "runs": runs,
            **{f"{key}_median": median(key) for key in ("first_ms", "first_bytes", "first_gzip_bytes",
                                                        "second_ms", "second_from_input_ms", "second_bytes",
                                                        "second_gzip_bytes")},
            "first_ms_max": max(r["first_ms"] for r in runs), "first_bytes_max": max(r["first_bytes"] for r in runs),
            "first_gzip_bytes_max": max(r["first_gzip_bytes"] for r in runs)}


def load_queries(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [str(q["q"]) for q in (data["queries"] if isinstance(data, dict) else data)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--queries", type=Path, default=Path(__file__).with_name("queries.yml"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--http2", action="store_true", help="serve over HTTP/2 and TLS (needs node and openssl)")
    parser.add_argument("--repeat", type=int, default=1, help="measure every pair of queries this many times")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the server process
    args = parser.parse_args(argv)
    if args.serve:
        serve_forever(args.site)
        return 0
    result = measure(args.site, load_queries(args.queries), http2=args.http2, repeat=args.repeat)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
