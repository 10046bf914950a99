#!/usr/bin/env python3
"""What the share pages cost (one small HTML page per quote, transcripts/share.py).

    NO_MKDOCS_2_WARNING=1 .venv/bin/python bench/share_pages.py [--sizes 5 500]

For each size, bench/make_corpus.py makes a project of that many interviews
in /tmp/share-N; `build_site.py` prepares it once (so the interviews are in
the cache), then, in this process, the share pages of every interview are
rendered again and timed (median of 3), a rebuild with nothing changed is
timed (it checks every file written, share pages too), and the files the
build wrote under docs/q/ are counted: files, bytes, bytes on disk (4 kB blocks), and their
share of everything the build wrote. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def measure(n: int) -> dict:
    project = Path(f"/tmp/share-{n}")
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(n), str(project)], check=True,
                   capture_output=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(project / "build_site.py")], cwd=project, check=True, capture_output=True)
    prepare = time.perf_counter() - started
    started = time.perf_counter()  # nothing changed: the build checks every file it wrote, share pages too
    subprocess.run([sys.executable, str(project / "build_site.py")], cwd=project, check=True, capture_output=True)
    unchanged = time.perf_counter() - started
    sys.path.insert(0, str(project))
    from transcripts import build as pipeline, share  # the copy's own code
    site = pipeline.load_site(pipeline.Project(sources=project / "sources", docs=project / "docs"),
                              pipeline.Cache(project / ".build"), pipeline.Inputs.read(
                                  pipeline.Project(sources=project / "sources", docs=project / "docs")).keys()["interviews"])
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        pages = {}
        for interview in site.interviews:
            pages.update(share.share_pages(interview, pipeline.DEFAULT_SITE_URL, pipeline.SITE_NAME))
        timings.append(time.perf_counter() - started)
    written = Path(f"/tmp/share-{n}-written")
    shutil.rmtree(written, ignore_errors=True)
    started = time.perf_counter()  # the build writes them as it writes every page (atomically, one by one)
    pipeline.write_files(written, pages, folders=())
    write_s = time.perf_counter() - started
    shutil.rmtree(written, ignore_errors=True)
    sys.path.remove(str(project))
    for name in [m for m in sys.modules if m == "transcripts" or m.startswith("transcripts.")]:
        del sys.modules[name]
    files = [p for p in (project / "docs" / share.SHARE_DIR).rglob("*") if p.is_file()]
    everything = [p for p in (project / "docs").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    return {"interviews": len(site.interviews), "passages": sum(len(list(i.passages())) for i in site.interviews),
            "files": len(files), "bytes": size, "median_file": statistics.median(p.stat().st_size for p in files),
            "disk": sum(-(-p.stat().st_size // 4096) * 4096 for p in files),
            "share_of_docs": size / sum(p.stat().st_size for p in everything),
            "render_s": statistics.median(timings), "write_s": write_s, "prepare_s": prepare, "unchanged_s": unchanged}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 500])
    args = parser.parse_args()
    print("| interviews | passages | share pages | MB | median page bytes | MB on disk (4 kB blocks) "
          "| share of docs/ bytes | rendering s | writing s | prepare cold s (all pages) | prepare, nothing changed s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        r = measure(n)
        print(f"| {r['interviews']} | {r['passages']} | {r['files']} | {r['bytes'] / 1e6:.2f} | {r['median_file']:.0f} "
              f"| {r['disk'] / 1e6:.1f} | {100 * r['share_of_docs']:.0f} % | {r['render_s']:.2f} | {r['write_s']:.2f} | {r['prepare_s']:.1f} "
              f"| {r['unchanged_s']:.2f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
