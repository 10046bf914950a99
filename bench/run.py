#!/usr/bin/env python3
"""Scale benchmark: the old search (Material's Lunr) and the new (the site's
sharded index) side by side, on corpora of 5, 50 and 500 interviews.

    NO_MKDOCS_2_WARNING=1 .venv/bin/python bench/run.py [--sizes 5 50 500] [--engines lunr sharded] [--keep]

For each size and engine, bench/make_corpus.py creates a self-contained
project copy in /tmp/bench-N-ENGINE (replaced): the new engine from the working
tree (or --ref), the old one from OLD_REF, the last commit with Material's
Lunr search. Same corpus for both. In that copy this script measures:

- source MB: every file in sources/ as created;
- prepare cold / nothing changed / one source edited: `python build_site.py`;
- mkdocs build: `mkdocs build --strict` (its hook runs the pipeline again, warm);
- site MB, and the search index on disk: search/search_index.json for Lunr,
  every file under search/ for the sharded index (bytes and files);
- in headless Chromium (bench/search_timing.py, bench/queries.yml): a cold
  first query (fresh context, box opened on load: ms to results and bytes
  fetched for search, raw and gzip) and a second query in the same page;
- through the team's probe (a pinned copy in bench/probe/): passage_hit@10
  with bench/queries.yml at every size and, at 5 (the real sources), the
  probe's own queries-dev.yml by kind, with MRR.

Prints the side-by-side table and a projection to 10,000 interviews (linear
in the number of interviews from the 50 and 500 figures, the numbers it rests
on beside it); writes bench/results.json and bench/plot.svg.
"""
from __future__ import annotations

import argparse
import datetime
import gzip
import importlib.metadata
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
MAKE_CORPUS = HERE / "make_corpus.py"

from plot import write_plot
from search_timing import load_queries, measure as search_timing

PROBE = HERE / "probe" / "probe.py"  # the team's search probe, pinned (probe/SOURCE.md)
DEV_QUERIES = PROBE.parent / "queries-dev.yml"
CHROMIUM = "/usr/bin/chromium"
QUERIES = HERE / "queries.yml"
# The last commit whose search is Material's Lunr (hooks/search_fix.py): the old engine.
OLD_REF = "3a93893"
ENGINES = ("lunr", "sharded")
PROJECTION = 10_000
PROBE_TIMEOUT = 300  # seconds the probe waits for one step (page load, index ready, results)
MB = 1_000_000


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- running and measuring commands ----------------------------------------

def timed(command: list[str], cwd: Path, log_path: Path) -> dict:
    """Run a command to completion; wall seconds and peak RSS (MB) of it and its children.
    Its output goes to log_path; a failure stops the benchmark with the log's tail."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log_path, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # rusage of this command alone
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = "".join(log_path.read_text(encoding="utf-8", errors="replace").splitlines(True)[-20:])
        raise SystemExit(f"{' '.join(command)} failed in {cwd} (exit {process.returncode}):\n{tail}")
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(usage.ru_maxrss * 1024 / MB, 1)}


# --- sizes on disk -------------------------------------------------------------

def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def site_breakdown(site: Path) -> dict[str, float]:
    """MB per top-level entry of the site (folders and the files at the top together)."""
    parts: dict[str, int] = {}
    for path in site.iterdir():
        name = path.name if path.is_dir() else "(top-level files)"
        parts[name] = parts.get(name, 0) + (folder_bytes(path) if path.is_dir() else path.stat().st_size)
    return {name: round(size / MB, 2) for name, size in sorted(parts.items(), key=lambda kv: -kv[1])}


def html_breakdown(site: Path) -> dict[str, dict]:
    """Pages and MB of HTML per top-level folder: which page types make the site big."""
    out: dict[str, dict] = {}
    for page in site.rglob("*.html"):
        rel = page.relative_to(site).parts
        kind = rel[0] if len(rel) > 2 else "(top level)"
        entry = out.setdefault(kind, {"pages": 0, "mb": 0.0})
        entry["pages"] += 1
        entry["mb"] += page.stat().st_size / MB
    return {k: {"pages": v["pages"], "mb": round(v["mb"], 2)}
            for k, v in sorted(out.items(), key=lambda kv: -kv[1]["mb"])}


def search_index_sizes(site: Path) -> dict:
    """What the engine's index takes on disk: Lunr's one file, or the shards,
    records and tables (Material's stub index left out)."""
    files = [p for p in (site / "search").rglob("*") if p.is_file()]
    if len(files) > 1:
        files = [p for p in files if p.name != "search_index.json"]
    raw = sum(p.stat().st_size for p in files)
    gz = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    return {"index_mb": round(raw / MB, 3), "index_gzip_mb": round(gz / MB, 3), "index_files": len(files)}


# --- the browser probe ------------------------------------------------------------

def probe(project: Path, queries: Path = QUERIES) -> dict:
    out = project / "bench-logs" / f"probe-{queries.stem}.json"
    # a 500-interview index takes Lunr seconds to build: the probe's 30 s step timeout is too short
    timed([sys.executable, str(PROBE), "site", "--queries", str(queries), "--out", str(out),
           "--chromium", CHROMIUM, "--timeout", str(PROBE_TIMEOUT), "--quiet"],
          project, project / "bench-logs" / f"probe-{queries.stem}.log")
    result = json.loads(out.read_text(encoding="utf-8"))
    index, summary = result["index"], result["summary"]
    return {
        "mrr": summary["mrr"],
        "by_kind": {kind: {"n": g["queries"], "passage_hit": g["passage_hit"], "mrr": g["mrr"]}
                    for kind, g in result["by_kind"].items()},
        "index_fetch_ms": index["index_fetch_ms"],
        "index_build_ms": index["index_build_ms"],
        "index_ready_ms": index["index_ready_ms"],
        "first_query_ms": index["first_query_latency_ms"],
        "query_median_ms": summary["latency_ms_median"],
        "query_p90_ms": summary["latency_ms_p90"],
        "passage_hit_at_10": summary["passage_hit"],
        "page_hit_at_10": summary["page_hit"],
        "probe_errors": summary["errors"],
        "chromium": result["browser"]["version"],
        "probe_seconds": result["run_seconds"],
    }


# --- one corpus size ----------------------------------------------------------------

def edit_one_source(project: Path) -> None:
    """Insert one character into a transcript, as a typo fix would: the last one
    without annotations (their snippets must keep matching), after a comma."""
    path = [p for p in sorted((project / "sources").glob("*.txt"))
            if not p.with_suffix(".annotations.yml").exists()][-1]
    text = path.read_text(encoding="utf-8")
    comma = re.compile("[，,]").search(text, len(text) // 2)  # raw sources use either width
    if comma is None:
        raise SystemExit(f"no comma in the second half of {path}: cannot make the one-character edit")
    at = comma.start()
    path.write_text(text[:at] + text[at] + text[at:], encoding="utf-8")


def create_project(n: int, project: Path, ref: str | None, check: bool) -> dict:
    """bench/make_corpus.py in its own process: it imports the pipeline from the copy it makes."""
    command = [sys.executable, str(MAKE_CORPUS), str(n), str(project), "--json"]
    command += (["--ref", ref] if ref else []) + (["--check"] if check else [])
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"make_corpus failed for N={n}:\n{done.stderr[-3000:]}")
    summary = json.loads(done.stdout)
    return {"synthetic": summary["synthetic"], "turns_left_out": summary["turns_left_out"],
            "checked": summary["checked"], "make_corpus_seconds": round(time.perf_counter() - started, 2)}


def measure(n: int, engine: str, root: Path, ref: str | None = None, check: bool = False, repeat: int = 1) -> dict:
    project = root / f"bench-{n}-{engine}"
    log(f"N={n} {engine}: creating {project}" + (" and checking its synthetic sources" if check else ""))
    row = {"interviews": n, "engine": engine, "ref": ref, **create_project(n, project, ref, check),
           # the machine is shared: a busy one makes every figure slower
           "load_average_before": [round(x, 2) for x in os.getloadavg()],
           "source_mb": round(folder_bytes(project / "sources") / MB, 3)}
    logs = project / "bench-logs"
    logs.mkdir()
    python, mkdocs = sys.executable, str(Path(sys.executable).with_name("mkdocs"))

    log(f"N={n}: python build_site.py (cold)")
    row["prepare_cold"] = timed([python, "build_site.py"], project, logs / "prepare-cold.log")
    log(f"N={n}: python build_site.py (warm)")
    row["prepare_warm"] = timed([python, "build_site.py"], project, logs / "prepare-warm.log")
    row["prepare_warm_output"] = (logs / "prepare-warm.log").read_text(encoding="utf-8").strip().splitlines()[-1:]
    edit_one_source(project)
    log(f"N={n}: python build_site.py (one source edited)")
    row["prepare_one_edited"] = timed([python, "build_site.py"], project, logs / "prepare-one-edited.log")
    row["prepare_one_edited_output"] = (logs / "prepare-one-edited.log").read_text(
        encoding="utf-8").strip().splitlines()[-1:]
    log(f"N={n}: mkdocs build --strict")
    row["mkdocs_build"] = timed([mkdocs, "build", "--strict"], project, logs / "mkdocs-build.log")
    row["source_mb_after_build"] = round(folder_bytes(project / "sources") / MB, 3)

    site = project / "site"
    row["site_mb"] = round(folder_bytes(site) / MB, 2)
    row["html_pages"] = sum(1 for _ in site.rglob("*.html"))
    row["site_breakdown_mb"] = site_breakdown(site)
    row["html_by_folder"] = html_breakdown(site)
    row["largest_concept_page_kb"] = largest_page_kb(site / "concepts")
    row.update(search_index_sizes(site))
    log(f"N={n} {engine}: first and second queries (Chromium)")
    row["timing"] = search_timing(site, load_queries(QUERIES), repeat=repeat)
    log(f"N={n} {engine}: probe (Chromium)")
    row["browser"] = probe(project)
    if n == 5:
        row["quality"] = probe(project, DEV_QUERIES)
    log(f"N={n} {engine}: done, prepare {row['prepare_cold']['seconds']} s, mkdocs {row['mkdocs_build']['seconds']} s, "
        f"index {row['index_mb']} MB, first query {row['timing']['first_ms_median']} ms")
    return row


def largest_page_kb(folder: Path) -> float:
    return round(max((p.stat().st_size for p in folder.rglob("*.html")), default=0) / 1000, 1)


# --- reporting ------------------------------------------------------------------------

COLUMNS = (
    ("interviews", lambda r: r["interviews"]),
    ("engine", lambda r: r["engine"]),
    ("prepare cold s", lambda r: f"{r['prepare_cold']['seconds']:.1f}"),
    ("prepare, nothing changed s", lambda r: f"{r['prepare_warm']['seconds']:.2f}"),
    ("prepare, 1 edited s", lambda r: f"{r['prepare_one_edited']['seconds']:.1f}"),
    ("mkdocs build s", lambda r: f"{r['mkdocs_build']['seconds']:.1f}"),
    ("build s (cold + mkdocs)", lambda r: f"{build_seconds(r):.1f}"),
    ("index MB on disk (files)", lambda r: f"{r['index_mb']:.2f} ({r['index_files']})"),
    ("1st query kB (gzip)", lambda r: f"{r['timing']['first_bytes_median'] / 1000:.0f} ({r['timing']['first_gzip_bytes_median'] / 1000:.0f})"),
    ("1st query kB max", lambda r: f"{r['timing']['first_bytes_max'] / 1000:.0f}"),
    ("1st query ms", lambda r: _ms(r["timing"]["first_ms_median"])),
    ("2nd query kB", lambda r: f"{r['timing']['second_bytes_median'] / 1000:.0f}"),
    ("2nd query ms", lambda r: _ms(r["timing"]["second_ms_median"])),
    ("2nd query ms from input", lambda r: _ms(r["timing"].get("second_from_input_ms_median"))),
    ("largest concept page kB", lambda r: f"{r['largest_concept_page_kb']:.0f}"),
    ("passage_hit@10", lambda r: f"{r['browser']['passage_hit_at_10']:.2f}"),
)


def build_seconds(row: dict) -> float:
    return row["prepare_cold"]["seconds"] + row["mkdocs_build"]["seconds"]


def _ms(value) -> str:
    return "-" if value is None else f"{value:.0f}"


def markdown_table(rows: list[dict], columns=COLUMNS) -> str:
    head = "| " + " | ".join(name for name, _ in columns) + " |"
    rule = "|" + "|".join("---:" for _ in columns) + "|"
    body = ["| " + " | ".join(str(cell(r)) for _, cell in columns) + " |" for r in rows]
    return "\n".join([head, rule, *body])


def quality_table(rows: list[dict]) -> str:
    """The probe's queries-dev.yml at 5 interviews, by kind: passage_hit@10 / MRR per engine."""
    at5 = [r for r in rows if "quality" in r]
    if not at5:
        return ""
    kinds = sorted({k for r in at5 for k in r["quality"]["by_kind"]})
    head = "| kind | n | " + " | ".join(f"{r['engine']} passage_hit@10 | {r['engine']} MRR" for r in at5) + " |"
    rule = "|---|---:|" + "---:|---:|" * len(at5)
    body = []
    for kind in kinds + ["ALL"]:
        cells = []
        for r in at5:
            q = r["quality"]
            g = {"n": None, "passage_hit": q["passage_hit_at_10"], "mrr": q["mrr"]} if kind == "ALL" \
                else q["by_kind"].get(kind, {"n": 0, "passage_hit": 0, "mrr": 0})
            cells += [f"{g['passage_hit']:.2f}", f"{g['mrr']:.2f}"]
        n = sum(g["n"] for g in at5[0]["quality"]["by_kind"].values()) if kind == "ALL" \
            else at5[0]["quality"]["by_kind"].get(kind, {}).get("n", 0)
        body.append(f"| {kind} | {n} | " + " | ".join(cells) + " |")
    return "\n".join([head, rule, *body])


PROJECTED = (
    ("build s (cold + mkdocs)", build_seconds),
    ("index MB on disk", lambda r: r["index_mb"]),
    ("index files", lambda r: r["index_files"]),
    ("1st query kB", lambda r: r["timing"]["first_bytes_median"] / 1000),
    ("1st query kB max", lambda r: r["timing"]["first_bytes_max"] / 1000),
    ("1st query ms", lambda r: r["timing"]["first_ms_median"]),
    ("2nd query ms", lambda r: r["timing"]["second_ms_median"]),
)


def projection(rows: list[dict], target: int = PROJECTION) -> list[dict]:
    """Per engine and figure: the value at 50 and 500 and the straight line
    through them taken to `target` interviews."""
    out = []
    for engine in ENGINES:
        by_size = {r["interviews"]: r for r in rows if r["engine"] == engine}
        if 50 not in by_size or 500 not in by_size:
            continue
        for name, figure in PROJECTED:
            low, high = figure(by_size[50]), figure(by_size[500])
            slope = (high - low) / (500 - 50)
            out.append({"engine": engine, "figure": name, "at_50": round(low, 2), "at_500": round(high, 2),
                        "per_interview": round(slope, 4), f"at_{target}": round(high + slope * (target - 500), 1)})
    return out


def projection_table(projected: list[dict], target: int = PROJECTION) -> str:
    if not projected:
        return ""
    head = f"| engine | figure | at 50 | at 500 | growth per interview | at {target:,} (linear) |"
    body = [f"| {p['engine']} | {p['figure']} | {p['at_50']:g} | {p['at_500']:g} | {p['per_interview']:g} | "
            f"{p[f'at_{target}']:g} |" for p in projected]
    return "\n".join([head, "|---|---|---:|---:|---:|---:|", *body])


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _ram_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def machine_info() -> dict:
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "jieba": _version("jieba"),
        "playwright": _version("playwright"),
    }


def code_info(ref: str | None) -> dict:
    """Which code was measured: a commit, or the working tree with its uncommitted changes."""
    if ref:
        return {"ref": ref, "commit": _git("rev-parse", ref), "working_tree": False}
    return {"ref": None, "commit": _git("rev-parse", "HEAD"), "working_tree": True,
            "uncommitted": _git("status", "--porcelain").splitlines()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 50, 500], help="corpus sizes (default 5 50 500)")
    parser.add_argument("--root", type=Path, default=Path("/tmp"), help="where the bench-N projects go")
    parser.add_argument("--keep", action="store_true", help="leave the bench-N projects in place")
    parser.add_argument("--check", action="store_true",
                        help="before measuring, read the synthetic sources back and compare (make_corpus --check)")
    parser.add_argument("--ref", help="benchmark this commit (git archive) instead of the working tree")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES),
                        help=f"which search to measure (default both; lunr is commit {OLD_REF})")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for results.json and plot.svg")
    parser.add_argument("--repeat", type=int, default=1,
                        help="time every pair of queries this many times (medians over all; RESULTS.md used 3)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    machine, code = machine_info(), code_info(args.ref)
    commit = code["commit"] if args.ref else None  # every size from the same commit, even if HEAD moves
    rows = []
    for n in sorted(args.sizes):
        for engine in args.engines:
            rows.append(measure(n, engine, args.root, OLD_REF if engine == "lunr" else commit, args.check, args.repeat))
            if not args.keep:
                shutil.rmtree(args.root / f"bench-{n}-{engine}")
    if rows:
        machine["chromium"] = rows[0]["browser"]["chromium"]
    projected = projection(rows)
    results = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "total_seconds": round(time.perf_counter() - started, 1),
        "code": code,
        "machine": machine,
        "runs": rows,
        "projection": projected,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_plot(rows, args.out / "plot.svg", projected)
    print(markdown_table(rows))
    print()
    print(quality_table(rows))
    print()
    print(projection_table(projected))
    log(f"total {results['total_seconds']} s; wrote {args.out / 'results.json'} and {args.out / 'plot.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
