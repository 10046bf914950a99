"""The scale benchmark runs (at 5 interviews: the larger corpora are for
bench/RESULTS.md) and its figures say what the issue asks of the search."""
import json
import os
import subprocess
import sys

import pytest

from browser_support import ROOT

pytestmark = pytest.mark.browser
sys.path.insert(0, str(ROOT / "bench"))

from run import OLD_REF  # noqa: E402


def old_search_available() -> bool:
    """The old engine is built from git history, which a shallow clone lacks."""
    return subprocess.run(["git", "cat-file", "-e", f"{OLD_REF}^{{commit}}"], cwd=ROOT,
                          capture_output=True).returncode == 0


def test_the_benchmark_compares_old_and_new_search_at_5_interviews(tmp_path):
    engines = ["lunr", "sharded"] if old_search_available() else ["sharded"]
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "5", "--engines", *engines,
                           "--root", str(tmp_path), "--out", str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True, timeout=1800,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| 5 | sharded |" in done.stdout
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    new = next(r for r in results["runs"] if r["engine"] == "sharded")
    assert new["quality"]["passage_hit_at_10"] == 1.0
    assert new["quality"]["mrr"] >= 0.69  # the Lunr search's, when this engine replaced it
    assert new["timing"]["first_bytes_max"] <= 300_000
    assert new["index_files"] > 10  # shards, not one file
    if "lunr" in engines:
        old = next(r for r in results["runs"] if r["engine"] == "lunr")
        for kind, figures in old["quality"]["by_kind"].items():
            assert new["quality"]["by_kind"][kind]["passage_hit"] >= figures["passage_hit"], kind
    assert (tmp_path / "out" / "plot.svg").read_text(encoding="utf-8").startswith("<svg")


@pytest.mark.parametrize("ref", [None, OLD_REF])
def test_synthetic_interviews_build_in_either_engine_s_copy(tmp_path, ref):
    """The corpora above 5 add synthetic interviews, written in the metadata
    schema of the copy they go into (the old engine's commit keys titles zh / en)."""
    if ref and not old_search_available():
        pytest.skip("no git history in this clone: the old engine cannot be copied")
    project = tmp_path / "project"
    subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), "6", str(project)]
                   + (["--ref", ref] if ref else []), cwd=ROOT, check=True, capture_output=True, timeout=300)
    done = subprocess.run([sys.executable, "build_site.py"], cwd=project, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "built 6 interviews" in done.stdout + done.stderr


def test_the_worker_s_computing_is_timed_on_an_archive_n_times_the_site(built_site):
    """bench/scoring_scale.js (node, which scripts/test.sh installs): every
    query is timed and answered; one that finds nothing is an error, not a
    figure for an empty list."""
    interviews = len(json.loads((built_site / "search" / "meta.json").read_text(encoding="utf-8"))["interview_starts"])
    script = str(ROOT / "bench" / "scoring_scale.js")
    done = subprocess.run(["node", script, str(built_site), "3", "世界模型", "human feedback"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    header, *lines = done.stdout.splitlines()
    assert header.endswith(f"at 3 × {interviews} interviews")
    assert [line.split(":")[0].strip() for line in lines] == ["世界模型", "human feedback"]
    assert all(" ms median (" in line for line in lines)
    nothing = subprocess.run(["node", script, str(built_site), "3", "xyzzyqq"],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert nothing.returncode == 1 and "xyzzyqq: no result" in nothing.stderr
