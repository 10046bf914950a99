"""Stage 3: cleaned lines -> paragraphs, rejoining hard wraps and split paragraphs.

`lines` mode: every non-empty line is a paragraph (000, 002, 003).
`blank-lines` mode: blank lines separate paragraphs (001, 004). Inside a
paragraph, hard-wrapped lines are rejoined (001 breaks lines mid-sentence, even
between `(electric` and `brain)`); across paragraphs, a paragraph that stops
without closing punctuation and a next one that starts mid-sentence (004:
`…像LaMDA和早期的Meena` / `的论文。`) are joined.
"""
from __future__ import annotations

from .model import SourceLine
from .punctuation import is_han

CLOSING = set("。！？!?…；;：:」』”\"）)】》.*")
# A paragraph cannot start with these: the sentence began in the paragraph before.
CONTINUATION_STARTS = set("的地得之了")


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one line broken by a hard wrap."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if is_han(left[-1]) and is_han(right[0]):
        return left + right
    return f"{left} {right}"


def _blocks(lines: list[SourceLine], mode: str):
    if mode == "lines":
        return [[line] for line in lines if line.text.strip()]
    blocks, current = [], []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _is_structural(text: str) -> bool:
    return text.startswith("#") or text.startswith("**")


def split_paragraphs(lines: list[SourceLine], mode: str, rejoin_wrapped: bool,
                     rejoin_split: bool) -> list[SourceLine]:
    """Return one SourceLine per paragraph, numbered by its first source line."""
    paragraphs: list[SourceLine] = []
    for block in _blocks(lines, mode):
        if rejoin_wrapped:
            text = block[0].text.strip()
            for line in block[1:]:
                if _is_structural(line.text.strip()):
                    paragraphs.append(SourceLine(block[0].number, text))
                    block = [line]
                    text = line.text.strip()
                    continue
                text = join_wrapped(text, line.text)
            paragraphs.append(SourceLine(block[0].number, text))
        else:
            paragraphs.extend(SourceLine(line.number, line.text.strip()) for line in block)
    if not rejoin_split:
        return paragraphs
    joined: list[SourceLine] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else None
        if (previous and previous.text[-1:] not in CLOSING
                and paragraph.text[:1] in CONTINUATION_STARTS):
            previous.text = join_wrapped(previous.text, paragraph.text)
        else:
            joined.append(SourceLine(paragraph.number, paragraph.text))
    return joined
