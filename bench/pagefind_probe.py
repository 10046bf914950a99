#!/usr/bin/env python3
"""Proposal probe: how would Pagefind do on the benchmark sites?

    /work/main/.venv/bin/python bench/pagefind_probe.py \
        --site 5=/tmp/bench-5-site --site 50=/tmp/bench-50/site \
        --site 500=/tmp/bench-500/site \
        [--pagefind "/tmp/pfvenv/bin/python -m pagefind"] [--repeat 5]

Needs Pagefind's extended build (Chinese segmentation), installed apart from
the project, e.g. `python3 -m venv /tmp/pfvenv && /tmp/pfvenv/bin/pip install
'pagefind[extended]'`, and Python packages playwright, lxml, pyyaml with
Debian's Chromium (never `playwright install`).

This touches neither the project nor the given sites: each site is copied to a
temporary folder, indexed there, and served from there on 127.0.0.1.

For each site:

- index: `pagefind --site COPY --root-selector article.md-content__inner
  --exclude-selectors [data-search-exclude] ...` (Material's article only, no
  navigation, none of what the site marks data-search-exclude); wall time,
  peak RSS, bundle size, number of files, largest fragment / index chunk;
- browser (headless Chromium, Pagefind's JS API on an interview page, with
  Material's own search_index.json blocked so that it does not compete):
  * cold, per query: a fresh browser context (empty HTTP cache), page load,
    `import("/pagefind/pagefind.js")` + `pagefind.init()` (init_ms; init
    resolves before its worker and wasm are loaded), then at once the query:
    `pagefind.search(q)` and `data()` of the first 10 results (total_ms,
    which so includes what init left to load); the bytes Pagefind fetched
    for init + this query, split into runtime (js, worker, wasm, meta),
    index chunks and fragments (HTTP bodies: the local server does not gzip;
    Pagefind's index, fragments and wasm are gzipped already, its .js files
    are not: `runtime_js_gzip_bytes` says what gzip would make of them);
  * session: one page, init, a pause for init's background loading, every
    query in turn (a new query in a warm session, `first_ms`), then --repeat
    more runs of each (`repeat_ms`, chunks and fragments cached); after the
    timings, untimed: how Chromium's Intl.Segmenter splits each query, and
    each query as a quoted phrase (`quoted_page_rank`);
  * quality, page level: `page_hit@10`: one of the first 10 pages has a
    fragment whose text contains an `expect` string (normalised as the
    probe does: NFKC, casefold, no whitespace / zero-width characters);
    `anchor_hit@10`: one of those pages' sub_results links to a section
    (the heading with that id up to the next heading with an id, as
    Pagefind splits pages, read from the built HTML) that contains the text.

Prints a Markdown table and writes bench/pagefind_results.json.
"""
from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import platform
import re
import resource
import shlex
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.yml"
OUT = HERE / "pagefind_results.json"
CHROMIUM = "/usr/bin/chromium"
DEFAULT_PAGEFIND = "/tmp/pfvenv/bin/python -m pagefind"
ROOT_SELECTOR = "article.md-content__inner"
# What the site itself keeps out of search, plus Markdown's ¶ permalinks.
EXCLUDE_SELECTORS = ["[data-search-exclude]", ".headerlink"]


def xpath(selector: str) -> str:
    """XPath of a simple CSS selector (`tag`, `.class`, `tag.class`, `[attr]`),
    enough for these selectors, so that lxml alone reads the built HTML."""
    m = re.fullmatch(r"([a-z0-9]*)((?:\.[\w-]+)*)((?:\[[\w-]+\])*)", selector.strip())
    if not m:
        raise SystemExit(f"selector not supported here: {selector}")
    tag, classes, attrs = m.groups()
    conds = [f"contains(concat(' ', normalize-space(@class), ' '), ' {c} ')"
             for c in classes.split(".") if c]
    conds += [f"@{a}" for a in re.findall(r"\[([\w-]+)\]", attrs)]
    return f"//{tag or '*'}" + "".join(f"[{c}]" for c in conds)


ROOT_XPATH = xpath(ROOT_SELECTOR)
TOP = 10
SETTLE_MS = 300  # pause (outside any timing) before counting a phase's requests
MB = 1_000_000

# Extra queries named in the brief, not in queries.yml; each expected text was
# copied from a real source, so it is in every corpus.
EXTRA_QUERIES = [
    {"id": "x-zh01", "q": "无限数据", "lang": "zh", "kind": "exact",
     "expect": ["没有所谓的无限数据状态"]},
    {"id": "x-zh02", "q": "预训练", "lang": "zh", "kind": "concept",
     "expect": ["即预训练或模仿学习"]},
    {"id": "x-na01", "q": "Hinton", "lang": "en", "kind": "name",
     "expect": ["Jeff Hinton was a professor"]},
]

ZW = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = ZW.sub("", text)
    for a, b in (("，", ","), ("。", "."), ("“", '"'), ("”", '"'), ("「", '"'),
                 ("」", '"'), ("—", "-"), ("…", "...")):
        text = text.replace(a, b)
    return text


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def load_queries() -> list[dict]:
    data = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    qs = [dict(q, source="queries.yml") for q in data["queries"]]
    qs += [dict(q, source="pagefind_probe.py") for q in EXTRA_QUERIES]
    return qs


# ---------------------------------------------------------------- indexing

def index_site(pagefind: list[str], site: Path, excludes: list[str]) -> dict:
    cmd = pagefind + ["--site", str(site), "--root-selector", ROOT_SELECTOR]
    for sel in excludes:
        cmd += ["--exclude-selectors", sel]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode:
        log(proc.stdout, proc.stderr)
        raise SystemExit(f"pagefind failed: {proc.returncode}")
    out = proc.stdout
    m = re.search(r"Finished in ([\d.]+) seconds", out)
    counts = {k: int(v) for v, k in re.findall(r"Indexed (\d+) (pages|words|languages?)", out)}
    langs = re.search(r"Discovered \d+ languages?: (.*)", out)
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    sizes = {str(p.relative_to(bundle)): p.stat().st_size for p in files}
    frag = {k: v for k, v in sizes.items() if k.startswith("fragment/")}
    idx = {k: v for k, v in sizes.items() if k.startswith("index/")}
    ui = {k: v for k, v in sizes.items()
          if "/" not in k and ("-ui" in k or "highlight" in k)}
    big_frag = max(frag.items(), key=lambda kv: kv[1])
    big_idx = max(idx.items(), key=lambda kv: kv[1])
    return {
        "command": shlex.join(cmd),
        "wall_s": round(wall, 3),
        "pagefind_reported_s": float(m.group(1)) if m else None,
        # ru_maxrss of all children so far: only a bound when it did not grow
        "peak_rss_mb": round(after / 1024, 1) if after > before else None,
        "pages": counts.get("pages"),
        "words": counts.get("words"),
        "languages": langs.group(1).strip() if langs else None,
        "notes": sorted(set(re.findall(r"Note: (.*)", out))),
        "bundle_bytes": sum(sizes.values()),
        "bundle_bytes_without_ui": sum(sizes.values()) - sum(ui.values()),
        "files": len(files),
        "fragments": len(frag),
        "fragment_bytes": sum(frag.values()),
        "fragment_median_bytes": int(statistics.median(frag.values())),
        "largest_fragment": {"file": big_frag[0], "bytes": big_frag[1]},
        "index_chunks": len(idx),
        "index_bytes": sum(idx.values()),
        "largest_index_chunk": {"file": big_idx[0], "bytes": big_idx[1]},
        "top_level_files": {k: v for k, v in sorted(sizes.items()) if "/" not in k},
        # what a server's gzip would make of the runtime (.pf_* and the
        # wasm are gzipped by Pagefind already)
        "runtime_js_gzip_bytes": {
            k: len(gzip.compress((bundle / k).read_bytes(), 6))
            for k in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
            if (bundle / k).exists()},
    }


# ---------------------------------------------------------------- serving

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(root: Path):
    handler = functools.partial(QuietHandler, directory=str(root))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


# ---------------------------------------------------------------- sections

class Sections:
    """Text of a Pagefind sub_result: the heading with the id, then its
    following siblings up to the next heading that has an id (any level:
    Pagefind splits a page at every heading with an id, so the h1's
    sub_result is the page's opening, not the whole page)."""

    def __init__(self, site: Path, excludes: list[str]):
        self.site = site
        self.exclude_xpath = " | ".join(xpath(sel) for sel in excludes)
        self.cache: dict[str, object] = {}

    def _doc(self, path: str):
        from lxml import html as lhtml
        if path not in self.cache:
            f = self.site / path.lstrip("/")
            if f.is_dir() or path.endswith("/"):
                f = f / "index.html"
            doc = lhtml.parse(str(f)).getroot() if f.exists() else None
            if doc is not None:
                # judge the text Pagefind was told to index
                for el in doc.xpath(self.exclude_xpath):
                    el.drop_tree()
            self.cache[path] = doc
        return self.cache[path]

    def text(self, url: str) -> str | None:
        path, _, frag = url.partition("#")
        doc = self._doc(path)
        if doc is None:
            return None
        if not frag:
            art = doc.xpath(ROOT_XPATH)
            return (art[0] if art else doc).text_content()
        els = doc.xpath(f'//*[@id="{frag}"]')
        if not els:
            return None
        el = els[0]
        parts = [el.text_content()]
        if re.fullmatch(r"h[1-6]", el.tag):
            for sib in el.itersiblings():
                if re.fullmatch(r"h[1-6]", str(sib.tag)) and sib.get("id"):
                    break
                parts.append(sib.text_content())
        return "".join(parts)


# ---------------------------------------------------------------- browser

JS_INIT = """async () => {
  const t0 = performance.now();
  window.pagefind = await import("/pagefind/pagefind.js");
  const t1 = performance.now();
  await window.pagefind.init();
  const t2 = performance.now();
  return {import_ms: t1 - t0, init_ms: t2 - t1, total_ms: t2 - t0};
}"""

JS_QUERY = """async ([q, top]) => {
  const t0 = performance.now();
  const search = await window.pagefind.search(q);
  const t1 = performance.now();
  const data = await Promise.all(search.results.slice(0, top).map(r => r.data()));
  const t2 = performance.now();
  return {
    search_ms: t1 - t0, fragments_ms: t2 - t1, total_ms: t2 - t0,
    count: search.results.length,
    unfiltered: search.unfilteredResultCount,
    results: data.map((d, i) => ({
      url: d.url, title: (d.meta || {}).title, score: search.results[i].score,
      content: d.content, word_count: d.word_count,
      excerpt: d.excerpt,
      sub_results: (d.sub_results || []).map(s => ({title: s.title, url: s.url,
        anchor: s.anchor ? {element: s.anchor.element, id: s.anchor.id} : null,
        excerpt: s.excerpt})),
    })),
  };
}"""


JS_SEGMENTS = """(q) => [...new Intl.Segmenter("zh", {granularity: "word"}).segment(q)]
  .map(s => s.segment).filter(s => s.trim())"""


class Net:
    """Bytes the browser fetched, per phase, from the served files' sizes
    (http.server sends files as they are) and Playwright's body sizes."""

    def __init__(self, root: Path, base: str):
        self.root, self.base = root, base
        self.reqs: list[str] = []

    def on_request(self, req):
        self.reqs.append(req.url)

    def take(self) -> dict:
        reqs, self.reqs = self.reqs, []
        files, total = [], 0
        kinds = {"runtime": 0, "index": 0, "fragment": 0}
        for url in reqs:
            if not url.startswith(self.base):
                continue
            path = url[len(self.base):].split("?")[0].split("#")[0]
            f = self.root / path.lstrip("/")
            if f.is_dir():
                f = f / "index.html"
            size = f.stat().st_size if f.exists() else 0
            if "/pagefind/" in path:
                files.append({"path": path, "bytes": size})
                total += size
                kind = ("fragment" if "/fragment/" in path else
                        "index" if "/index/" in path else "runtime")
                kinds[kind] += size
        return {"requests": len(files), "bytes": total, "by_kind": kinds, "files": files}


def open_page(browser, base: str, net: Net, start_path: str):
    ctx = browser.new_context()
    ctx.on("request", net.on_request)
    # Material would fetch its own 10-59 MB search_index.json at page load.
    ctx.route("**/search/search_index.json", lambda route: route.abort())
    page = ctx.new_page()
    page.goto(base + start_path, wait_until="load")
    page.wait_for_timeout(SETTLE_MS)
    net.take()
    return ctx, page


def judge(result: dict, q: dict, sections: Sections) -> dict:
    expect = [norm(e) for e in q.get("expect") or []]
    page_rank = anchor_rank = anchor_url = None
    n_sub = n_t_anchor = 0
    for rank, r in enumerate(result["results"], 1):
        content = norm(r["content"] or "")
        if page_rank is None and any(e in content for e in expect):
            page_rank = rank
        for s in r["sub_results"]:
            n_sub += 1
            if s["anchor"] and str(s["anchor"]["id"]).startswith("t-"):
                n_t_anchor += 1
            if anchor_rank is None and s["anchor"]:
                txt = sections.text(s["url"])
                if txt and any(e in norm(txt) for e in expect):
                    anchor_rank, anchor_url = rank, s["url"]
    return {"page_rank": page_rank, "anchor_rank": anchor_rank, "anchor_url": anchor_url,
            "sub_results": n_sub, "sub_results_t_anchor": n_t_anchor}


def summary_results(result: dict, n: int = 3) -> list[dict]:
    out = []
    for r in result["results"][:n]:
        subs = r["sub_results"][:2]
        out.append({"url": r["url"], "title": r["title"],
                    "excerpt": r["excerpt"],
                    "sub_results": [{"url": s["url"], "title": s["title"],
                                     "excerpt": s["excerpt"]} for s in subs]})
    return out


def browse(root: Path, queries: list[dict], repeat: int, start_path: str,
           excludes: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    httpd, base = serve(root)
    net = Net(root, base)
    sections = Sections(root, excludes)
    out = {"start_page": start_path, "cold": [], "session": []}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            # cold: one fresh context per query
            for q in queries:
                ctx, page = open_page(browser, base, net, start_path)
                # init() resolves before its worker and WebAssembly are
                # loaded: the query follows at once, so that the first
                # query's time includes what init left to load.
                init = page.evaluate(JS_INIT)
                res = page.evaluate(JS_QUERY, [q["q"], TOP])
                page.wait_for_timeout(SETTLE_MS)  # let request events arrive
                qnet = net.take()
                verdict = judge(res, q, sections)
                out["cold"].append({
                    "id": q["id"], "q": q["q"], "kind": q.get("kind"),
                    "init": {k: round(v, 1) for k, v in init.items()},
                    "search_ms": round(res["search_ms"], 1),
                    "fragments_ms": round(res["fragments_ms"], 1),
                    "total_ms": round(res["total_ms"], 1),
                    "init_to_results_ms": round(init["total_ms"] + res["total_ms"], 1),
                    "results": res["count"],
                    # everything Pagefind fetched for init + this first query
                    "bytes": qnet["bytes"], "bytes_by_kind": qnet["by_kind"],
                    "requests": qnet["requests"], "files": qnet["files"],
                    **verdict,
                    "top": summary_results(res),
                })
                ctx.close()
                c = out["cold"][-1]
                log(f"  cold {q['id']:7} {q['q']:16} init {c['init']['total_ms']:7.1f} ms "
                    f"query {c['total_ms']:7.1f} ms  {c['bytes']/1000:7.1f} kB "
                    f"{c['results']:4} results page@{c['page_rank']} anchor@{c['anchor_rank']}")
            # session: one page, every query in turn, then repeats
            ctx, page = open_page(browser, base, net, start_path)
            init = page.evaluate(JS_INIT)
            page.wait_for_timeout(SETTLE_MS)  # init's worker and wasm finish loading
            net.take()
            out["session_init"] = {k: round(v, 1) for k, v in init.items()}
            for q in queries:
                res = page.evaluate(JS_QUERY, [q["q"], TOP])
                page.wait_for_timeout(SETTLE_MS)
                qnet = net.take()
                reps = [page.evaluate(JS_QUERY, [q["q"], TOP])["total_ms"] for _ in range(repeat)]
                net.take()
                out["session"].append({
                    "id": q["id"], "q": q["q"],
                    "first_ms": round(res["total_ms"], 1),
                    "first_search_ms": round(res["search_ms"], 1),
                    "first_bytes": qnet["bytes"],
                    "repeat_ms": [round(x, 1) for x in reps],
                    "repeat_median_ms": round(statistics.median(reps), 1),
                })
            # after the timings, not timed: how the browser splits each
            # query (Pagefind splits zh queries with Intl.Segmenter, the
            # index with its own segmenter), and the query as a quoted phrase
            out["query_checks"] = []
            for q in queries:
                quoted = page.evaluate(JS_QUERY, ['"' + q["q"] + '"', TOP])
                v = judge(quoted, q, sections)
                out["query_checks"].append({
                    "id": q["id"], "q": q["q"],
                    "browser_segments": page.evaluate(JS_SEGMENTS, q["q"]),
                    "quoted_results": quoted["count"],
                    "quoted_page_rank": v["page_rank"],
                    "quoted_anchor_rank": v["anchor_rank"],
                })
            net.take()
            ctx.close()
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return out


# ---------------------------------------------------------------- main

def pick_start_page(root: Path) -> str:
    interviews = sorted(p for p in (root / "interviews").iterdir() if (p / "index.html").exists())
    return f"/interviews/{interviews[0].name}/"


def run_site(label: str, src: Path, pagefind: list[str], queries: list[dict],
             repeat: int, keep: bool, excludes: list[str]) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"pagefind-{label}-"))
    copy = tmp / "site"
    t0 = time.perf_counter()
    shutil.copytree(src, copy)
    shutil.rmtree(copy / "pagefind", ignore_errors=True)
    copy_s = time.perf_counter() - t0
    log(f"[{label}] copied {src} to {copy} in {copy_s:.1f} s; indexing")
    load_before = os.getloadavg()
    idx = index_site(pagefind, copy, excludes)
    log(f"[{label}] indexed {idx['pages']} pages in {idx['wall_s']} s: "
        f"{idx['bundle_bytes']/MB:.2f} MB in {idx['files']} files")
    start = pick_start_page(copy)
    t0 = time.perf_counter()
    br = browse(copy, queries, repeat, start, excludes)
    browse_s = time.perf_counter() - t0
    interviews = sum(1 for p in (copy / "interviews").iterdir() if (p / "index.html").exists())
    html_pages = sum(1 for _ in copy.rglob("*.html"))
    if not keep:
        shutil.rmtree(tmp)

    cold, sess = br["cold"], br["session"]
    judged = [c for c in cold if c["id"]]
    first = cold[0]
    summary = {
        "interviews": interviews,
        "html_pages": html_pages,
        "index_mb": round(idx["bundle_bytes"] / MB, 2),
        "index_mb_without_ui": round(idx["bundle_bytes_without_ui"] / MB, 2),
        "files": idx["files"],
        "index_s": idx["wall_s"],
        "largest_fragment_kb": round(idx["largest_fragment"]["bytes"] / 1000, 1),
        "largest_index_chunk_kb": round(idx["largest_index_chunk"]["bytes"] / 1000, 1),
        "init_ms_median": round(statistics.median(c["init"]["total_ms"] for c in cold), 1),
        "first_query_id": first["id"],
        "first_query_ms": first["total_ms"],
        "first_query_kb": round(first["bytes"] / 1000, 1),
        "cold_query_ms_median": round(statistics.median(c["total_ms"] for c in cold), 1),
        "cold_init_to_results_ms_median": round(statistics.median(c["init_to_results_ms"] for c in cold), 1),
        "cold_kb_median": round(statistics.median(c["bytes"] for c in cold) / 1000, 1),
        "cold_kb_max": round(max(c["bytes"] for c in cold) / 1000, 1),
        "cold_kb_by_kind_median": {k: round(statistics.median(c["bytes_by_kind"][k] for c in cold) / 1000, 1)
                                   for k in ("runtime", "index", "fragment")},
        "session_query_ms_median": round(statistics.median(s["first_ms"] for s in sess), 1),
        "repeat_query_ms_median": round(statistics.median(s["repeat_median_ms"] for s in sess), 1),
        "page_hit@10": f"{sum(c['page_rank'] is not None for c in judged)}/{len(judged)}",
        "anchor_hit@10": f"{sum(c['anchor_rank'] is not None for c in judged)}/{len(judged)}",
        "quoted_page_hit@10": (
            f"{sum(c['quoted_page_rank'] is not None for c in br['query_checks'])}"
            f"/{len(br['query_checks'])}"),
        "page_hit@10_queries_yml": (
            f"{sum(c['page_rank'] is not None for c, q in zip(cold, queries) if q['source'] == 'queries.yml')}"
            f"/{sum(q['source'] == 'queries.yml' for q in queries)}"),
    }
    return {
        "label": label, "source_site": str(src), "copy_s": round(copy_s, 1),
        "browser_s": round(browse_s, 1),
        "loadavg_before_index": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "summary": summary, "index": idx, "browser": br,
    }


def table(runs: list[dict]) -> str:
    head = ["interviews", "pagefind index MB (total)", "files", "index time s",
            "init ms", "first query ms (cold)", "median query ms (cold / warm session / repeat)",
            "KB transferred for first query", "page_hit@10", "anchor_hit@10"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in runs:
        s = r["summary"]
        lines.append("| " + " | ".join(str(x) for x in [
            s["interviews"],
            f"{s['index_mb']} ({s['index_mb_without_ui']} w/o UI files)",
            s["files"], s["index_s"], s["init_ms_median"],
            f"{s['first_query_ms']} ({s['first_query_id']})",
            f"{s['cold_query_ms_median']} / {s['session_query_ms_median']} / {s['repeat_query_ms_median']}",
            f"{s['cold_kb_median']} (max {s['cold_kb_max']})",
            f"{s['page_hit@10']} (queries.yml {s['page_hit@10_queries_yml']}; "
            f"quoted {s['quoted_page_hit@10']})",
            s["anchor_hit@10"],
        ]) + " |")
    head2 = ["interviews", "html pages", "fragments", "largest fragment KB",
             "index chunks", "largest index chunk KB", "pf_meta KB",
             "first-query KB: runtime + index + fragments (median)"]
    lines += ["", "| " + " | ".join(head2) + " |", "|" + "---|" * len(head2)]
    for r in runs:
        s, i = r["summary"], r["index"]
        meta = sum(v for k, v in i["top_level_files"].items() if k.endswith(".pf_meta"))
        k = s["cold_kb_by_kind_median"]
        lines.append("| " + " | ".join(str(x) for x in [
            s["interviews"], s["html_pages"], i["fragments"], s["largest_fragment_kb"],
            i["index_chunks"], s["largest_index_chunk_kb"], round(meta / 1000, 1),
            f"{k['runtime']} + {k['index']} + {k['fragment']}",
        ]) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", action="append", required=True, metavar="LABEL=DIR",
                    help="a built site, e.g. 500=/tmp/bench-500/site (repeatable)")
    ap.add_argument("--pagefind", default=DEFAULT_PAGEFIND,
                    help=f"command that runs Pagefind extended (default: {DEFAULT_PAGEFIND})")
    ap.add_argument("--repeat", type=int, default=5, help="repeats per query in the session")
    ap.add_argument("--keep", action="store_true", help="keep the temporary copies")
    ap.add_argument("--also-exclude", action="append", default=[], metavar="SELECTOR",
                    help="one more selector for --exclude-selectors (repeatable; simple "
                         "selectors only), e.g. .search-terms to drop the hidden synonyms")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    pagefind = shlex.split(args.pagefind)
    excludes = EXCLUDE_SELECTORS + args.also_exclude
    version = subprocess.run(pagefind + ["--version"], capture_output=True, text=True).stdout.strip()
    queries = load_queries()
    runs = []
    for spec in args.site:
        label, _, d = spec.partition("=")
        runs.append(run_site(label, Path(d), pagefind, queries, args.repeat, args.keep, excludes))

    print(table(runs))
    args.out.write_text(json.dumps({
        "created": datetime.datetime.now().isoformat(timespec="seconds"),
        "pagefind": version,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "root_selector": ROOT_SELECTOR, "exclude_selectors": excludes,
        "top": TOP, "repeat": args.repeat,
        "queries": queries,
        "runs": runs,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
