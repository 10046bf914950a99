"""Stage 1, read: encodings, line endings, and clear errors for files that are not text."""
import codecs

import pytest

from support import HASSABIS, SOURCES, SUTSKEVER
from transcripts.errors import BuildError
from transcripts.read import read_source

SAMPLE = "问:上下文窗口是什么?\nHassabis:长上下文可以被视为模型的工作记忆。\n"


def test_real_sources_are_utf8_and_numbered_from_one():
    lines = read_source(SOURCES / f"{SUTSKEVER}.txt")
    assert len(lines) == 120  # the last line has no newline but is a line
    assert lines[0].number == 1 and lines[0].text.startswith("The Mastermind Behind GPT-4")
    assert lines[105].text.startswith("(注:GBT和RL")


@pytest.mark.parametrize("encoded", [
    SAMPLE.encode("utf-8"),
    codecs.BOM_UTF8 + SAMPLE.replace("\n", "\r\n").encode("utf-8"),
    SAMPLE.encode("utf-16"),  # with BOM
    SAMPLE.encode("gbk"),
    SAMPLE.replace("\n", "\r").encode("gb18030"),
], ids=["utf8", "utf8-bom-crlf", "utf16", "gbk", "gb18030-cr"])
def test_encodings_and_line_endings_give_the_same_lines(tmp_path, encoded):
    path = tmp_path / "t.txt"
    path.write_bytes(encoded)
    assert [line.text for line in read_source(path)] == SAMPLE.split("\n")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_real_transcript_in_chinese_legacy_encodings(tmp_path, encoding):
    text = (SOURCES / f"{HASSABIS}.txt").read_text(encoding="utf-8")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert "\n".join(line.text for line in read_source(path)) == text


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"  \n\n \r\n", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "looks binary"),
    (bytes(range(256)) * 4, "looks binary"),
])
def test_empty_or_binary_file_is_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(BuildError) as err:
        read_source(path)
    assert message in str(err.value)
    assert str(err.value).startswith(str(path))
    assert "\n" not in str(err.value)
