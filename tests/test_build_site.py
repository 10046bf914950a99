"""build_site.py end to end: bad input gives one line and leaves docs/ untouched; good input builds."""
import codecs
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

from support import HASSABIS, ROOT, SCHULMAN, copy_project
from transcripts.build import NAV_GROUP_BY_YEAR_ABOVE, Site, nav

NEW = "2024-01-test-interview"
QA = "问:上下文窗口是什么?\nHassabis:长上下文可以被视为模型的工作记忆。\n它一次可以记住多少数据。\n"


def run(project, *args):
    return subprocess.run([sys.executable, str(ROOT / "build_site.py"), "--sources", str(project.sources),
                           "--docs", str(project.docs), *args], capture_output=True, text=True)


@pytest.fixture
def project(tmp_path):
    project = copy_project(tmp_path)
    shutil.copy(project.sources / f"{HASSABIS}.yml", project.sources / f"{NEW}.yml")
    return project


def add_source(project, data: bytes):
    (project.sources / f"{NEW}.txt").write_bytes(data)


@pytest.mark.parametrize("data, message", [
    (b"", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
])
def test_bad_source_is_one_line_and_no_partial_site(project, data, message):
    add_source(project, data)
    result = run(project)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {project.sources / NEW}.txt")
    assert message in result.stderr
    assert not (project.docs / "interviews").exists() and not (project.docs / "index.md").exists()


def test_missing_metadata_is_named(project):
    (project.sources / f"{NEW}.yml").unlink()
    add_source(project, QA.encode())
    result = run(project)
    assert result.returncode == 1
    assert f"{NEW}.txt: metadata file {NEW}.yml is missing" in result.stderr


@pytest.mark.parametrize("data", [
    QA.encode("gbk"),
    codecs.BOM_UTF8 + QA.replace("\n", "\r\n").encode("utf-8"),
], ids=["gbk", "bom-crlf"])
def test_other_encodings_build(project, data):
    add_source(project, data)
    result = run(project)
    assert result.returncode == 0, result.stderr
    page = (project.docs / "interviews" / f"{NEW}.md").read_text(encoding="utf-8")
    assert "长上下文可以被视为模型的工作记忆。" in page and "\r" not in page and "\ufeff" not in page


def test_untrusted_text_is_escaped_in_the_generated_markdown(project):
    add_source(project, "问:<script>alert(1)</script> {{ 7*7 }}?\nHassabis:{% if x %}**粗体** [链接](http://example.com)\n# 不是标题\n> 不是引用\n1. 不是列表\n| a | b |\n".encode())
    assert run(project).returncode == 0
    page = (project.docs / "interviews" / f"{NEW}.md").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page and "{% if x %}" in page
    # every line of source text sits inside a raw HTML block that Markdown leaves alone
    for line in ("# 不是标题", "&gt; 不是引用", "1. 不是列表", "| a | b |"):
        assert f'<p lang="zh-Hans">{line}</p>' in page


def test_report_lists_removals_and_turns(project):
    result = run(project, "--report")
    assert result.returncode == 0
    assert "removed by site-tag-cloud: 3 line(s)" in result.stdout
    assert f"== {SCHULMAN}" in result.stdout
    assert "turns: demis-hassabis 11, introduction 1, unnamed-interviewer 11" in result.stdout
    schulman = result.stdout.split(f"== {SCHULMAN}")[1].split("==")[0]
    assert re.search(r"corrections applied: [1-9]\d* \([1-9]\d* entries\)", schulman)
    assert "passages without a speaker or role: 0" in schulman


def test_unchanged_build_writes_nothing(project):
    assert run(project).returncode == 0
    result = run(project)
    assert result.stdout.strip() == "6 interviews, nothing changed"
    pages = project.docs / "interviews"
    next(pages.glob("*.md")).unlink()  # a generated page deleted by hand is written again
    assert run(project).stdout.strip().endswith("(0 processed, 6 from the cache), 1 file(s) changed")


def fake_interview(n: int, date: str | None):
    meta = {"title": {"zh-Hans": f"访谈 {n}"}, "interview_date": date, "writeup": {"date": None}}
    return SimpleNamespace(slug=f"i-{n:03d}", meta=meta)


def test_a_long_list_of_interviews_is_grouped_by_year_in_the_navigation():
    dated = [fake_interview(n, f"{2030 - n // 12}-01-01") for n in range(NAV_GROUP_BY_YEAR_ABOVE)]
    few = nav(Site(dated))[1]["访谈"]
    assert len(few) == NAV_GROUP_BY_YEAR_ABOVE and few[0] == {"访谈 0": "interviews/i-000.md"}
    many = nav(Site(dated + [fake_interview(99, None)]))[1]["访谈"]
    assert [next(iter(group)) for group in many] == ["2030 年", "2029 年", "2028 年", "日期不详"]
    assert sum(len(next(iter(group.values()))) for group in many) == NAV_GROUP_BY_YEAR_ABOVE + 1


def test_long_runs_show_a_progress_bar_on_a_terminal_only():
    from io import StringIO

    from transcripts.progress import Progress

    class Terminal(StringIO):
        def isatty(self):
            return True

    shown, log = Terminal(), StringIO()
    for stream in (shown, log):
        bar = Progress(20, "processing sources", stream=stream)
        for n in range(20):
            bar.step(f"source-{n}")
        bar.finish()
    assert "20/20 source-19" in shown.getvalue() and "processing sources: 20 in" in shown.getvalue()
    assert log.getvalue() == ""  # CI logs and pipes stay clean
    short = Terminal()
    Progress(3, "processing sources", stream=short).step("only")
    assert short.getvalue() == ""  # a few sources are done before a bar would help
