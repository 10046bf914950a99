"""`build_site.py new` (transcripts/newsource.py, sniff.py): copy a transcript
in, draft its metadata from what the file shows, build it and report."""
import pytest
import yaml

import build_site
from support import FIXTURES, HASSABIS, SCHULMAN, SOURCES, SUTSKEVER, VINYALS, VINYALS_SHORT, small_project
from transcripts.errors import BuildError
from transcripts.newsource import add_source


def new(tmp_path, source, capsys, slug=None):
    """Run `build_site.py new` in an empty project; return (exit code, output, draft, project)."""
    project = small_project(tmp_path, {})
    argv = ["new", str(source), "--sources", str(project.sources), "--docs", str(project.docs)]
    code = build_site.main(argv + (["--slug", slug] if slug else []))
    out = capsys.readouterr()
    drafts = [p for p in project.sources.glob("*.yml") if p.name != "concepts.yml" and ".anchors." not in p.name]
    draft = yaml.safe_load(drafts[0].read_text(encoding="utf-8")) if drafts else None
    return code, out.out + out.err, draft, project


def test_an_english_transcript_with_bold_labels_builds_from_its_draft(tmp_path, capsys):
    code, out, draft, project = new(tmp_path, SOURCES / "2018-zaremba-practical-ai-14.md", capsys, slug="zaremba")
    assert code == 0, out
    assert draft["languages"] == ["en"] and draft["layout"]["reader"] == "labelled"
    assert [(s["id"], s["role"], s["labels"]) for s in draft["speakers"]] == [
        ("daniel-whitenack", "host", ["Daniel Whitenack"]), ("wojciech-zaremba", "guest", ["Wojciech Zaremba"])]
    assert draft["layout"]["paragraphs"] == "blank-lines" and draft["layout"]["headings"] == "none"
    assert "label 'Daniel Whitenack' x27" in out and "timestamps: 5" in out
    assert "turns: daniel-whitenack 27, wojciech-zaremba 27" in out
    assert "passages without a speaker or role: 0" in out
    assert (project.docs / "interviews" / "zaremba.md").exists()
    assert (project.sources / "zaremba.md").read_bytes() == (SOURCES / "2018-zaremba-practical-ai-14.md").read_bytes()


def test_a_traditional_chinese_talk_with_heading_labels(tmp_path, capsys):
    code, out, draft, _ = new(tmp_path, FIXTURES / "audrey-tang-2025-11-10-berlin-freedom-conference-ai.zh-Hant.md",
                              capsys)
    assert code == 0, out
    assert draft["languages"] == ["zh-Hant"] and draft["title"]["zh-Hant"] == "2025-11-10 柏林自由會議：AI 的角色"
    assert [(s["id"], s["labels"]) for s in draft["speakers"]] == [("tang-feng", ["唐鳳"])]
    assert draft["layout"]["heading_pattern"]  # `> （缺口與啟示）` lines are section titles
    assert [r["name"] for r in draft["clean"]] == ["title-line"] and draft["clean"][0]["at_start"]
    assert "turns: tang-feng 9" in out


def test_a_vtt_with_voice_tags(tmp_path, capsys):
    code, out, draft, project = new(tmp_path, FIXTURES / "whats-your-problem-chelsea-finn.omny.en.vtt", capsys)
    assert code == 0, out
    assert draft["layout"]["reader"] == "subtitles" and draft["speakers"][0]["labels"] == ["Speaker 1"]
    assert "timestamps: 19" in out and next(project.sources.glob("*.vtt"))


def test_a_bilingual_srt_without_labels_asks_for_the_speakers(tmp_path, capsys):
    code, out, draft, project = new(tmp_path, FIXTURES / "3b1b-neural-networks.bilingual.en-zh-Hans.srt", capsys)
    assert draft["languages"] == ["en", "zh-Hans"] and draft["layout"]["reader"] == "subtitles"
    assert code == 1 and "no speaker labels found" in out
    assert "speakers[0]: speaker has no turn" in out and "nothing was published" in out
    assert not (project.docs / "interviews").exists()


def test_front_matter_is_listed_in_the_draft_and_fills_it_at_build_time(tmp_path, capsys):
    source = FIXTURES / "bitcointranscripts-chatgpt-terrifies-google.frontmatter.excerpt.md"
    _, out, draft, project = new(tmp_path, source, capsys)
    text = next(p for p in project.sources.glob("*.yml") if p.name not in ("concepts.yml",)
                and ".anchors." not in p.name).read_text(encoding="utf-8")
    for key in ("title -> title", "transcript_by -> writeup.author", "media -> media_url", "tags -> tags",
                "speakers -> speakers", "date -> interview_date"):
        assert f"#   {key}" in text
    assert draft["title"] == {"en": None} and draft["media_url"] is None  # left empty: the front matter fills them
    assert "front matter: title -> title" in out


@pytest.mark.parametrize("slug, expected", [
    (VINYALS_SHORT, {"languages": ["zh-Hans"], "reader": "labelled", "paragraphs": "lines",
                     "labels": [["主持人"], ["Oriol Vinyals"]]}),
    (VINYALS, {"languages": ["zh-Hans"], "reader": "labelled", "paragraphs": "blank-lines", "rejoin": True,
               "headings": "markdown", "labels": [["主持人", "主持人Hannah Fry"], ["Oriol Vinyals"]]}),
    (HASSABIS, {"languages": ["zh-Hans"], "reader": "labelled", "paragraphs": "lines",
                "labels": [["问"], ["Hassabis"]]}),
    (SUTSKEVER, {"languages": ["en", "zh-Hans"], "reader": "bilingual-lines", "paragraphs": "lines"}),
    (SCHULMAN, {"languages": ["zh-Hans"], "reader": "paragraphs", "paragraphs": "blank-lines", "split": True}),
])
def test_the_five_sources_layouts_are_read_off_the_files(tmp_path, slug, expected):
    new_source = add_source(small_project(tmp_path, {}).sources, SOURCES / f"{slug}.txt")
    draft = yaml.safe_load(new_source.metadata.read_text(encoding="utf-8"))
    layout = draft["layout"]
    assert draft["languages"] == expected["languages"]
    assert layout["reader"] == expected["reader"] and layout["paragraphs"] == expected["paragraphs"]
    assert layout["rejoin_wrapped_lines"] == expected.get("rejoin", False)
    assert layout.get("rejoin_split_paragraphs", False) == expected.get("split", False)
    assert layout["headings"] == expected.get("headings", "none")
    if "labels" in expected:
        assert [s["labels"] for s in draft["speakers"]] == expected["labels"]


def test_question_and_answer_roles_are_read_off_the_labels(tmp_path):
    """002 labels every question 问: and only the first answer Hassabis：, so
    the unlabelled answers after a question are Hassabis' (layout.answerer),
    never the interviewer's; 000's 主持人 is the host."""
    guess = add_source(small_project(tmp_path / "a", {}).sources, SOURCES / f"{HASSABIS}.txt").guess
    assert [(s.id, s.role, s.count) for s in guess.speakers] == [("interviewer", "interviewer", 11),
                                                                   ("hassabis", "guest", 1)]
    assert guess.answerer == "hassabis"
    guess = add_source(small_project(tmp_path / "b", {}).sources, SOURCES / f"{VINYALS_SHORT}.txt").guess
    assert [(s.id, s.role) for s in guess.speakers] == [("host", "host"), ("oriol-vinyals", "guest")]


def test_the_draft_of_a_question_and_answer_text_attributes_the_answers(tmp_path, capsys):
    code, out, draft, _ = new(tmp_path, SOURCES / f"{HASSABIS}.txt", capsys)
    assert code == 0, out
    assert draft["layout"]["answerer"] == "hassabis"
    assert "turns: hassabis 11, interviewer 11" in out


def test_an_existing_slug_is_refused_and_nothing_is_written(tmp_path):
    project = small_project(tmp_path, {"taken.yml": "x: 1\n"})
    before = sorted(p.name for p in project.sources.iterdir())
    with pytest.raises(BuildError, match="the slug 'taken' is taken; nothing was written"):
        add_source(project.sources, SOURCES / f"{HASSABIS}.txt", slug="taken")
    (project.sources / "taken.txt").write_text("x", encoding="utf-8")
    (project.sources / "taken.yml").unlink()
    with pytest.raises(BuildError, match="is taken"):
        add_source(project.sources, SOURCES / f"{HASSABIS}.txt", slug="taken")
    assert sorted(p.name for p in project.sources.iterdir()) == sorted(set(before) - {"taken.yml"} | {"taken.txt"})


def test_a_legacy_encoding_is_named_and_the_file_copied_as_received(tmp_path, capsys):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("主持人：你好。\n嘉宾：你好，谢谢邀请。\n主持人：再见。\n嘉宾：再见。\n".encode("gb18030"))
    code, out, draft, project = new(tmp_path / "p", legacy, capsys)
    assert code == 0, out
    assert "(gb18030, text)" in out
    assert (project.sources / "legacy.txt").read_bytes() == legacy.read_bytes()


def test_a_front_matter_title_is_filed_under_the_declared_language(tmp_path, capsys):
    """A traditional-Chinese talk whose front matter gives the title: the draft
    keeps its title under zh-Hant only (the script alone would say zh-Hans)."""
    talk = (FIXTURES / "audrey-tang-2025-11-10-berlin-freedom-conference-ai.zh-Hant.md").read_text(encoding="utf-8")
    source = tmp_path / "talk.md"
    source.write_text("---\ntitle: 柏林自由會議：AI 的角色\n---\n" + talk, encoding="utf-8")
    _, out, draft, _ = new(tmp_path / "project", source, capsys)
    assert draft["languages"] == ["zh-Hant"], out
    assert draft["title"] == {"zh-Hant": None}  # left empty: the front matter fills it, under zh-Hant
