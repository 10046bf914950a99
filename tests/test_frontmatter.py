"""Front matter (transcripts/frontmatter.py): a leading YAML or TOML block is
metadata, never text; it fills what the metadata file leaves empty."""
import pytest

from support import FIXTURES, build_small, metadata, small_project
from transcripts.build import build
from transcripts.errors import BuildError
from transcripts.report import report

BITCOIN = (FIXTURES / "bitcointranscripts-chatgpt-terrifies-google.frontmatter.excerpt.md").read_text(encoding="utf-8")
ENGLISH_SPEAKERS = [{"id": "james-chiang", "name": "James Chiang", "role": "host", "labels": []}]


def bitcoin_meta(**fields):
    meta = metadata(languages=("en",), speakers=ENGLISH_SPEAKERS, layout={"paragraphs": "blank-lines",
                                                                           "headings": "markdown"}, **fields)
    return meta.replace("title:\n  en: A test interview\n", "title: {}\n")


NOTES = "turns:\n  - at: \"Yeah! Ha ha ha!\"\n    speaker: james-chiang\n"


def test_yaml_front_matter_fills_the_metadata_and_is_never_text(tmp_path):
    """A real front matter block (bitcointranscripts): title, date, media,
    tags, transcript author become metadata; its lines are reported removed."""
    project, site = build_small(tmp_path, {"btc.md": BITCOIN, "btc.yml": bitcoin_meta(), "btc.annotations.yml": NOTES})
    interview = site.interviews[0]
    meta = interview.meta
    assert meta["title"]["en"] == "ChatGPT TERRIFIES Google"
    assert meta["interview_date"] == "2023-01-31"
    assert meta["media_url"] == "https://www.youtube.com/watch?v=VY4wCssNmmA"
    assert meta["writeup"]["author"] == "Extheoisah via review.btctranscripts.com"
    assert meta["tags"] == ["tag2", "Academia", "Meeting"]  # tags, then categories
    text = "\n".join(p.plain_text() for p in interview.passages())
    assert "transcript_by" not in text and "VY4wCssNmmA" not in text and "---" not in text
    assert [r.line for r in interview.removed if r.rule == "front-matter"] == list(range(1, 10))
    lines = report(site)
    assert "front matter title -> title: used" in lines
    assert "front matter date -> interview_date: used" in lines
    assert "removed by front-matter: 9 line(s)" in lines
    page = (project.docs / "interviews" / "btc.md").read_text(encoding="utf-8")
    assert "# ChatGPT TERRIFIES Google" in page and "<dt>标签</dt><dd>tag2、Academia、Meeting</dd>" in page


def test_the_metadata_file_wins_over_the_front_matter(tmp_path):
    meta = bitcoin_meta(interview_date="2023-02", media_url="https://www.bilibili.com/video/BV1xx411c7mD")
    _, site = build_small(tmp_path, {"btc.md": BITCOIN, "btc.yml": meta, "btc.annotations.yml": NOTES})
    interview = site.interviews[0]
    assert interview.meta["interview_date"] == "2023-02"
    assert interview.meta["media_url"] == "https://www.bilibili.com/video/BV1xx411c7mD"
    assert "front matter media -> media_url: not used, the metadata file sets it" in report(site)


TOML = '''+++
title = "預訓練的未來"
date = 2024-05-01T10:00:00Z
speakers = ["主持人", "黃仁勳"]
translator = ["甲", "乙"]
+++
主持人：你好。
黃仁勳：你好。
'''


def test_toml_front_matter_and_speakers_from_it(tmp_path):
    meta = metadata(languages=("zh-Hant",), speakers=[]).replace("title:\n  zh-Hant: 测试访谈\n", "title: {}\n")
    project, site = build_small(tmp_path, {"toml.txt": TOML, "toml.yml": meta})
    interview = site.interviews[0]
    assert interview.meta["title"] == {"zh-Hans": None, "zh-Hant": "預訓練的未來", "en": None}
    assert interview.meta["interview_date"] == "2024-05-01"
    assert interview.meta["writeup"]["translator"] == "甲, 乙"
    assert [(s["id"], s["labels"]) for s in interview.meta["speakers"]] == [
        ("zhu-chi-ren", ["主持人"]), ("huang-ren-xun", ["黃仁勳"])]
    assert [(t.speaker, t.passages[0].texts) for t in interview.turns()] == [
        ("zhu-chi-ren", {"zh-Hant": "你好。"}), ("huang-ren-xun", {"zh-Hant": "你好。"})]


@pytest.mark.parametrize("text, line, message", [
    ("---\ntitle: [unclosed\n---\n主持人：你好。\n", 2, "invalid YAML"),
    ("---\ntitle: a\n  bad: indentation\n---\n主持人：你好。\n", 3, "invalid YAML"),
    ("+++\ntitle = \"a\"\ndate = \n+++\n主持人：你好。\n", 3, "invalid TOML front matter"),
    ("---\ntitle: a\n主持人：你好。\n", 1, "front matter opened with '---' is not closed"),
    ("---\n- a list\n---\n主持人：你好。\n", 2, "front matter: expected a mapping of keys"),
    ("---\ntitle: a\ndate: next week\n---\n主持人：你好。\n", 3, "front matter: date: expected a date"),
    ("---\ntitle: {nested: map}\n---\n主持人：你好。\n", 2, "front matter: title: expected text"),
])
def test_bad_front_matter_is_one_line_naming_the_line_and_nothing_is_written(tmp_path, text, line, message):
    project = small_project(tmp_path, {"bad.txt": text, "bad.yml": metadata()})
    with pytest.raises(BuildError) as err:
        build(project)
    assert str(err.value).startswith(f"{project.sources / 'bad.txt'}:{line}: {message}"), str(err.value)
    assert "\n" not in str(err.value)
    assert not (project.docs / "interviews").exists()


HEADER_AND_RULES = """===
Source: an export
===
主持人：第一个问题。
===
嘉宾：回答，分隔线之后还有内容。
"""


def test_a_block_rule_can_be_limited_to_the_start_of_the_file(tmp_path):
    """The trap of the issue: a block rule from `===` to `===` without
    `at_start` would also swallow the text between two later rules."""
    rule = {"name": "export-header", "start": "^===$", "end": "^===$", "at_start": True}
    rule2 = {"name": "rule-line", "pattern": "^===$"}
    _, site = build_small(tmp_path, {"h.txt": HEADER_AND_RULES, "h.yml": metadata(clean=[rule, rule2])})
    interview = site.interviews[0]
    assert [(r.rule, r.line) for r in interview.removed] == [
        ("export-header", 1), ("export-header", 2), ("export-header", 3), ("rule-line", 5)]
    assert [p.texts["zh-Hans"] for p in interview.passages()] == ["第一个问题。", "回答，分隔线之后还有内容。"]
