"""Stage 1: bytes on disk -> numbered lines of text.

Detects the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK)
and normalises line endings. Empty or binary files are a BuildError.
"""
from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import BuildError
from .model import SourceLine

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path) -> str:
    return decode_with_encoding(data, path)[0]


def decode_with_encoding(data: bytes, path) -> tuple[str, str]:
    """(text, the encoding it was read in)."""
    if not data.strip():
        raise BuildError(path, "file is empty", line=1)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), f"{encoding} (with BOM)"
    if b"\x00" in data:
        raise BuildError(path, "looks binary (NUL bytes), expected a text transcript")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Chinese text that is not UTF-8 is almost always GB18030 (a superset of
    # GBK and GB2312); try it strictly before asking the detector.
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise BuildError(path, "looks binary: no text encoding fits it")
    return str(best), best.encoding


def _check_text(text: str, path) -> None:
    for number, line in enumerate(text.split("\n"), 1):
        controls = [c for c in line if unicodedata.category(c) == "Cc" and c != "\t"]
        if controls:
            raise BuildError(path, f"looks binary: control character U+{ord(controls[0]):04X}", line=number)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")


def split_lines(text: str) -> list[SourceLine]:
    text = normalise_newlines(text)
    return [SourceLine(n, line.rstrip()) for n, line in enumerate(text.split("\n"), 1)]


def read_source(path: Path) -> list[SourceLine]:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise BuildError(path, f"cannot read: {err.strerror}") from None
    text = decode(data, path)
    lines = split_lines(text)
    _check_text("\n".join(line.text for line in lines), path)
    if not any(line.text.strip() for line in lines):
        raise BuildError(path, "file is empty", line=1)
    return lines
