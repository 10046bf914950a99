"""The content-hash cache: only what changed is processed again, and a build
from the cache writes exactly what a build from scratch writes."""
import os
import shutil
import subprocess
import sys

import pytest

from support import ALL, HASSABIS, ROOT, SCHULMAN, copy_project, load
from transcripts.build import build
from transcripts.errors import BuildError


EDIT = ("四处为自家的产品站台", "四处为自家产品站台")  # a line of 002's introduction


def generated(project) -> dict[str, bytes]:
    return {p.relative_to(project.docs).as_posix(): p.read_bytes()
            for p in sorted(project.docs.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path)
    first = build(project)
    assert sorted(first.processed) == sorted(ALL)
    return project


def test_nothing_changed_nothing_is_processed_or_rendered(project):
    before = generated(project)
    again = build(project)
    assert again.processed == [] and again.changed == [] and again.site is None
    assert again.interviews == len(ALL)
    assert again.nav == build(project, need_site=True).nav  # the hook gets the same navigation
    assert generated(project) == before


def test_a_build_with_nothing_changed_loads_no_sorting_tables(project):
    """pypinyin's tables cost an unchanged rebuild at 500 interviews 0.15 s
    (more from a cold disk) and 55 MB, and only sorting what is rendered
    needs them."""
    code = ("import sys, build_site; build_site.main(['--sources', sys.argv[1], '--docs', sys.argv[2]]);"
            " print('pypinyin loaded' if 'pypinyin' in sys.modules else 'pypinyin not loaded')")
    done = subprocess.run([sys.executable, "-c", code, str(project.sources), str(project.docs)],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [f"{len(ALL)} interviews, nothing changed", "pypinyin not loaded"]


def test_touching_a_file_is_not_a_change(project):
    path = project.sources / f"{HASSABIS}.txt"
    os.utime(path, (1, 1))
    assert build(project).processed == []


def test_editing_one_source_processes_only_that_source(project):
    path = project.sources / f"{HASSABIS}.txt"
    text = path.read_text(encoding="utf-8")
    assert text.count(EDIT[0]) == 1
    path.write_text(text.replace(*EDIT), encoding="utf-8")
    result = build(project)
    assert result.processed == [HASSABIS]
    page = (project.docs / "interviews" / f"{HASSABIS}.md").read_text(encoding="utf-8")
    assert EDIT[1] in page
    # the index's shards and the concepts' quote lists hold every interview's words
    changed = list(result.changed)
    others = [name for name in changed if HASSABIS not in name and "/" in name
              and not name.startswith(("concepts/", "speakers/", "data/concepts/", "search/terms/", "search/records/"))]
    assert changed and others == []
    records = [name for name in changed if name.startswith("search/records/")]
    assert 0 < len(records) <= sum(1 for _ in load(HASSABIS).turns()), "only the edited interview's turns"


def test_editing_metadata_or_corrections_counts_as_a_change(project):
    meta = project.sources / f"{SCHULMAN}.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert build(project).processed == [SCHULMAN]
    fixes = project.sources / f"{SCHULMAN}.corrections.yml"
    fixes.write_text(fixes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build(project).processed == [SCHULMAN]


def test_a_build_from_the_cache_writes_what_a_build_from_scratch_writes(project, tmp_path):
    path = project.sources / f"{HASSABIS}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    assert build(project).processed == [HASSABIS]
    from_cache = generated(project)
    shutil.rmtree(project.build_dir)
    shutil.rmtree(project.docs / "interviews")
    assert sorted(build(project).processed) == sorted(ALL)
    assert generated(project) == from_cache


def test_a_deleted_page_is_written_again(project):
    page = project.docs / "interviews" / f"{SCHULMAN}.md"
    page.unlink()
    result = build(project)
    assert result.processed == [] and f"interviews/{SCHULMAN}.md" in result.changed
    assert page.exists()


def test_a_damaged_cache_entry_is_processed_again(project):
    entry, = (project.build_dir / "cache").glob(f"{SCHULMAN}.*.pickle")
    entry.write_bytes(b"not a pickle")
    (project.docs / "index.md").write_text("edited by hand", encoding="utf-8")
    assert build(project).processed == [SCHULMAN]


def test_bad_input_is_never_hidden_by_the_cache(project):
    meta = project.sources / f"{HASSABIS}.yml"
    good = meta.read_text(encoding="utf-8")
    meta.write_text(good.replace("languages: [zh-Hans]", "languages: [zh-Hans, xx]"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(BuildError, match=HASSABIS):
            build(project)
    meta.write_text(good, encoding="utf-8")
    restored = build(project)  # the interview is the cached one again; the pages are rendered anew
    assert restored.processed == [] and restored.site is not None


def test_an_edit_saved_during_a_build_is_built_by_the_next_one(project, monkeypatch):
    """`mkdocs serve` rebuilds while the editor may save again: what the build
    read is what it records, so the second save is not taken as built."""
    import transcripts.build as pipeline
    path = project.sources / f"{HASSABIS}.txt"
    render_pages = pipeline.generated_files

    def save_during_build(site, *args):
        path.write_text(path.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
        return render_pages(site, *args)

    monkeypatch.setattr(pipeline, "generated_files", save_during_build)
    other = project.sources / f"{SCHULMAN}.yml"
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build(project).processed == [SCHULMAN]
    monkeypatch.undo()
    again = build(project)
    assert again.processed == [HASSABIS]
    assert EDIT[1] in (project.docs / "interviews" / f"{HASSABIS}.md").read_text(encoding="utf-8")
