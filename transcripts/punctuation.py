"""ASCII punctuation inside Chinese text -> full-width, never inside Latin text or numbers.

`模型(LLM)也` -> `模型（LLM）也`, `是的,所以` -> `是的，所以`, but `12,600`,
`1.5`, `16:00` and English sentences stay as they are. Besides typography this
keeps the search index from fusing words with commas.
"""
from __future__ import annotations

import re

FULL_WIDTH = {",": "，", ":": "：", "?": "？", "!": "！", ";": "；"}


def is_han(char: str) -> bool:
    return bool(char) and ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
                           or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"
                           or char in "“”‘’…—")


def _neighbours(text, i):
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return before, after


def _convert_marks(text: str) -> str:
    out = []
    for i, char in enumerate(text):
        if char in FULL_WIDTH:
            before, after = _neighbours(text, i)
            if before.isdigit() and after.isdigit():
                out.append(char)  # 12,600 and 16:00
                continue
            # the next non-space character decides for `问: 答案` style
            nxt = text[i + 1:].lstrip(" ")[:1]
            if is_han(before) or is_han(after) or (after == " " and is_han(nxt)):
                out.append(FULL_WIDTH[char])
                continue
        out.append(char)
    return "".join(out)


_PARENS = re.compile(r"\(([^()]*)\)")


def _convert_parens(text: str) -> str:
    def replace(match):
        start, end = match.span()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else ""
        inner = match.group(1)
        if is_han(before) or is_han(after) or any(is_han(c) for c in inner):
            return f"（{inner}）"
        return match.group(0)
    return _PARENS.sub(replace, text)


def normalise_chinese_punctuation(text: str) -> str:
    text = _convert_parens(text)
    text = _convert_marks(text)
    # a space left between a full-width mark and the next word is noise
    return re.sub(r"([，：？！；])[ \t]+", r"\1", text)
