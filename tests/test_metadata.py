"""Metadata is validated on load: one line naming the file, the key and what was expected."""
import re

import pytest
import yaml

from support import SOURCES, VINYALS, copy_project
from transcripts.build import build
from transcripts.errors import BuildError
from transcripts.metadata import load_metadata


def test_real_metadata_loads():
    meta = load_metadata(SOURCES / f"{VINYALS}.yml")
    assert meta["writeup"]["date"] == "2024-12-23"
    assert [s["id"] for s in meta["speakers"]] == ["hannah-fry", "oriol-vinyals"]


def _broken(tmp_path, change):
    data = yaml.safe_load((SOURCES / f"{VINYALS}.yml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / f"{VINYALS}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("change, message", [
    (lambda d: d["title"].pop("zh-Hans"), "title: missing, expected a title in at least one of zh-Hans, zh-Hant, en"),
    (lambda d: d.update(languages=["zh-Hans", "fr"]), "languages[1]: expected one of zh-Hans, zh-Hant, en, got 'fr'"),
    (lambda d: d.update(languages=["zh-Hans", "zh-Hant"]), "languages: zh-Hans and zh-Hant are written in the same script"),
    (lambda d: d["speakers"][1].update(name=["Oriol"]), "speakers[1].name: expected text, got list"),
    (lambda d: d["speakers"][0].update(role="moderator"), "speakers[0].role: expected one of host, interviewer, guest"),
    (lambda d: d.update(interview_date="December 2024"), "interview_date: expected a date"),
    (lambda d: d.update(media_url="youtube 78mEYaztGaw"), "media_url: expected text matching"),
    (lambda d: d.update(titel="x"), "titel: unknown key"),
    (lambda d: d["layout"].update(reader="pdf"), "layout.reader: expected one of labelled"),
    (lambda d: d["clean"][0].update(pattern="(unclosed"), "clean[0].pattern: expected a regular expression"),
    (lambda d: d["layout"].update(answerer="nobody"), "layout.answerer: expected one of the speaker ids"),
])
def test_wrong_or_missing_key_is_one_clear_line_naming_its_line(tmp_path, change, message):
    path = _broken(tmp_path, change)
    with pytest.raises(BuildError) as err:
        load_metadata(path)
    found = re.match(rf"{re.escape(str(path))}:(\d+): (.*)", str(err.value))
    assert found and found.group(2).startswith(message), str(err.value)
    assert "\n" not in str(err.value)
    # the line named is the key's (`name:` of speakers[1].name) or the list item's (`- fr`)
    key = message.split(":")[0]
    line = path.read_text(encoding="utf-8").split("\n")[int(found.group(1)) - 1].strip()
    expected = "- fr" if key == "languages[1]" else re.findall(r"[a-z_]+", key)[-1] + ":"
    assert line.lstrip("- ").startswith(expected.lstrip("- ")) and line.startswith("-") == expected.startswith("-"), line


def test_bad_metadata_stops_the_build_before_writing_anything(tmp_path):
    project = copy_project(tmp_path)
    path = project.sources / f"{VINYALS}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  zh-Hans: 与谷歌", "  zh-Hans: [与谷歌", 1), encoding="utf-8")
    with pytest.raises(BuildError, match=r"invalid YAML"):
        build(project)
    assert not (project.docs / "interviews").exists()
    assert not (project.docs / "index.md").exists()
