"""Timestamps (transcripts/timestamps.py): read from labels and cues, checked,
and linked to that second of the recording."""
import pytest

from support import build_small, metadata, small_project
from transcripts.build import build
from transcripts.errors import BuildError
from transcripts.timestamps import TimeError, seconds, shown, time_link


@pytest.mark.parametrize("text, value", [
    ("00:12:34", 754), ("12:34", 754), ("00:06:04.13", 364.13), ("1:02:03", 3723), ("00:00:03,120", 3.12),
    ("0:00:15.356", 15.356), ("75:30", 4530),  # a long recording counted in minutes
])
def test_times_in_the_forms_transcripts_use(text, value):
    assert seconds(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["00:75:00", "12:61", "1:2:3", "noon", "12.34"])
def test_malformed_times_are_refused(text):
    with pytest.raises(TimeError, match="malformed time"):
        seconds(text)


def test_times_are_shown_as_players_show_them():
    assert [shown(754.9), shown(3723), shown(5)] == ["12:34", "1:02:03", "0:05"]


@pytest.mark.parametrize("media, link", [
    ("https://www.youtube.com/watch?v=78mEYaztGaw", "https://www.youtube.com/watch?v=78mEYaztGaw&t=754s"),
    ("https://youtu.be/78mEYaztGaw?t=5", "https://youtu.be/78mEYaztGaw?t=754s"),
    ("https://www.bilibili.com/video/BV1xx411c7mD/", "https://www.bilibili.com/video/BV1xx411c7mD/?t=754"),
    ("https://www.bilibili.com/video/BV1xx411c7mD?p=2", "https://www.bilibili.com/video/BV1xx411c7mD?p=2&t=754"),
    ("https://cdn.example.org/episodes/14.mp3", "https://cdn.example.org/episodes/14.mp3#t=754"),
    ("https://cdn.example.org/talk.MP4#t=3", "https://cdn.example.org/talk.MP4#t=754"),
    ("https://changelog.com/practicalai/14", None),  # an episode page: we do not know how its player seeks
    (None, None),
])
def test_a_time_links_to_that_second_of_the_recording(media, link):
    assert time_link(media, 754.4) == link


TIMED = """[00:00:05] 主持人：你好。
嘉宾：[00:12:34] 你好，谢谢邀请。
\\[00:20:00.50\\] 主持人：再见。
"""


def test_timestamps_of_each_form_become_play_links_on_the_page(tmp_path):
    meta = metadata(media_url="https://www.youtube.com/watch?v=78mEYaztGaw")
    project, site = build_small(tmp_path, {"t.txt": TIMED, "t.yml": meta})
    assert [p.timestamp for p in site.interviews[0].passages()] == ["00:00:05", "00:12:34", "00:20:00.50"]
    page = (project.docs / "interviews" / "t.md").read_text(encoding="utf-8")
    assert '<a class="timestamp" href="https://www.youtube.com/watch?v=78mEYaztGaw&amp;t=754s"' in page
    assert ">12:34</a>" in page and ">20:00</a>" in page and ">0:05</a>" in page
    data = (project.docs / "data" / "t.json").read_text(encoding="utf-8")
    assert '"timestamp": "00:12:34",\n   "seconds": 754.0' in data


def test_without_a_playable_recording_the_time_is_shown_as_text(tmp_path):
    project, _ = build_small(tmp_path, {"t.txt": TIMED, "t.yml": metadata(media_url="https://example.org/ep/14")})
    page = (project.docs / "interviews" / "t.md").read_text(encoding="utf-8")
    assert '<span class="timestamp" data-search-exclude title="录音中的位置">12:34</span>' in page
    assert 'class="timestamp" href' not in page


def test_a_malformed_time_is_one_line_naming_the_line(tmp_path):
    project = small_project(tmp_path, {"t.txt": "主持人：你好。\n[00:75:00] 嘉宾：你好。\n", "t.yml": metadata()})
    with pytest.raises(BuildError) as err:
        build(project)
    assert str(err.value) == f"{project.sources / 't.txt'}:2: malformed time '00:75:00': minutes and seconds run from 00 to 59"
    assert not (project.docs / "interviews").exists()
