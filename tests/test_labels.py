"""Never a silent misattribution (transcripts/labels.py): a speaker label the
metadata does not account for stops the build with the file and line."""
import os

import pytest

from support import VINYALS_SHORT, copy_project, metadata, small_project
from transcripts.build import build
from transcripts.errors import BuildError
from transcripts.labels import label_candidates, label_prefix


def _fails(project, match):
    with pytest.raises(BuildError) as err:
        build(project)
    assert "\n" not in str(err.value)
    assert match(str(err.value)), str(err.value)
    return str(err.value)


def test_the_issue_case_a_host_label_that_occurs_nowhere_stops_the_build(tmp_path):
    """Vinyals digest (000) with the host's label changed to one that occurs
    nowhere: the host's questions would have become the guest's words."""
    project = copy_project(tmp_path)
    meta = project.sources / f"{VINYALS_SHORT}.yml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("labels: [主持人]", "labels: [主持人甲]"), encoding="utf-8")
    message = _fails(project, lambda m: m.startswith(f"{project.sources / VINYALS_SHORT}.txt:18: '主持人' starts 25"))
    assert "no speaker in" in message and "layout.not_labels" in message
    assert not (project.docs / "interviews").exists()


def test_a_label_in_the_metadata_that_labels_nothing_names_its_line(tmp_path):
    text = "主持人：你好。\n嘉宾：你好。\n"
    speakers = [{"id": "host", "name": "Host", "role": "host", "labels": ["主持人"]},
                {"id": "guest", "name": "Guest", "role": "guest", "labels": ["嘉宾", "来宾"]}]
    project = small_project(tmp_path, {"a.txt": text, "a.yml": metadata(speakers=speakers)})
    line = next(n for n, t in enumerate((project.sources / "a.yml").read_text().split("\n"), 1) if "来宾" in t)
    _fails(project, lambda m: m == f"{project.sources / 'a.yml'}:{line}: speakers[1].labels[1]: '来宾' labels no "
                                    "paragraph of a.txt")


def test_a_speaker_without_a_turn_stops_the_build_unless_declared_silent(tmp_path):
    text = "主持人：你好。\n主持人：有人吗？\n"
    speakers = [{"id": "host", "name": "Host", "role": "host", "labels": ["主持人"]},
                {"id": "producer", "name": "Producer", "role": "guest", "labels": []}]
    project = small_project(tmp_path, {"a.txt": text, "a.yml": metadata(speakers=speakers)})
    _fails(project, lambda m: m.startswith(f"{project.sources / 'a.yml'}:") and
           "speakers[1]: producer has no turn in a.txt" in m and "has_turns: false" in m)
    speakers[1]["has_turns"] = False
    (project.sources / "a.yml").write_text(metadata(speakers=speakers), encoding="utf-8")
    assert build(project).interviews == 1


def test_a_prefix_that_is_text_can_be_allowed(tmp_path):
    text = "主持人：你好。\n注意：这是编者的话。\n嘉宾：你好。\n注意：又是编者的话。\n"
    project = small_project(tmp_path, {"a.txt": text, "a.yml": metadata()})
    _fails(project, lambda m: m.startswith(f"{project.sources / 'a.txt'}:2: '注意' starts 2 paragraphs"))
    (project.sources / "a.yml").write_text(metadata(layout={"not_labels": ["注意"]}), encoding="utf-8")
    assert build(project).interviews == 1


@pytest.mark.parametrize("text, label", [
    ("主持人：你好", "主持人"), ("**Hannah Fry:** Welcome", "Hannah Fry"), ("### 唐鳳：", "唐鳳"),
    ("**Oriol Vinyals**: yes", "Oriol Vinyals"), ("[00:12:34] Speaker 1: ok", "Speaker 1"),
    ("So here is the thing: we", None),  # a sentence, not a name
    ("这就是说：我们", "这就是说"),  # short enough to look like one: recurring ones are checked
    ("那么，问题来了：", None), ("12:34 was the time", None), ("\\[unintelligible 00:05:30.20\\]", None),
])
def test_what_counts_as_a_label_like_prefix(text, label):
    assert label_prefix(text) == label


def test_the_five_sources_have_no_unclaimed_recurring_label():
    """Every recurring label-like prefix of the real sources is a declared label
    or removed by cleaning (项目地址： of the 002 ads)."""
    from support import ALL, load
    for slug in ALL:
        interview = load(slug)
        declared = {label for s in interview.meta["speakers"] for label in s["labels"]}
        kept = [(p.line, text) for p in interview.passages() for text in p.texts.values()]
        recurring = [c.label for c in label_candidates(kept) if c.count >= 2]
        assert set(recurring) <= declared, (slug, recurring)


def test_a_source_leading_outside_the_repository_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("主持人：这是仓库外的文件。\n", encoding="utf-8")
    project = small_project(tmp_path / "repo", {"x.yml": metadata()})
    os.symlink(outside, project.sources / "x.txt")
    _fails(project, lambda m: m.startswith(f"{project.sources / 'x.txt'}: leads outside the repository"))
    assert not (project.docs / "interviews").exists()


@pytest.mark.parametrize("companion", ["x.yml", "x.annotations.yml", "x.corrections.yml"])
def test_metadata_and_annotations_leading_outside_are_refused(tmp_path, companion):
    project = small_project(tmp_path / "repo", {"x.txt": "主持人：你好。\n嘉宾：你好。\n", "x.yml": metadata()})
    outside = tmp_path / "outside.yml"
    outside.write_bytes((project.sources / companion).read_bytes() if companion == "x.yml" else b"turns: []\n")
    (project.sources / companion).unlink(missing_ok=True)
    os.symlink(outside, project.sources / companion)
    _fails(project, lambda m: m.startswith(f"{project.sources / companion}: leads outside the repository"))


def test_a_symlink_inside_the_repository_is_fine(tmp_path):
    project = small_project(tmp_path, {"x.yml": metadata()})
    raw = project.sources.parent / "raw"
    raw.mkdir()
    (raw / "x.txt").write_text("主持人：你好。\n嘉宾：你好。\n", encoding="utf-8")
    os.symlink(raw / "x.txt", project.sources / "x.txt")
    assert build(project).interviews == 1


def test_two_transcripts_for_one_interview_are_an_error(tmp_path):
    project = small_project(tmp_path, {"x.txt": "主持人：你好。\n", "x.md": "主持人：你好。\n", "x.yml": metadata()})
    _fails(project, lambda m: "two transcripts for one interview: x.md and x.txt" in m)
