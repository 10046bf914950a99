"""Find verbatim snippets in cleaned text, ignoring width and whitespace.

Annotations and corrections are copied from the raw source (ASCII commas,
spaces from hard wraps); the text they must match is cleaned (full-width
punctuation, rejoined lines). Both sides are folded the same way (NFKC, no
whitespace, optionally case) and matches are mapped back to the original text.
"""
from __future__ import annotations

import unicodedata


def fold(text: str, casefold: bool = False) -> str:
    text = unicodedata.normalize("NFKC", text)
    if casefold:
        text = text.casefold()
    return "".join(c for c in text if not c.isspace())


class FoldedText:
    """A text folded once, searchable many times."""

    def __init__(self, text: str, casefold: bool = False):
        self.casefold = casefold
        chars, index = [], []
        for i, char in enumerate(text):
            for folded in fold(char, casefold):
                chars.append(folded)
                index.append(i)
        self.folded, self.index = "".join(chars), index

    def spans(self, snippet: str) -> list[tuple[int, int]]:
        """Non-overlapping occurrences of snippet as (start, end) in the original text."""
        needle = fold(snippet, self.casefold)
        found, start = [], self.folded.find(needle) if needle else -1
        while start != -1:
            found.append((self.index[start], self.index[start + len(needle) - 1] + 1))
            start = self.folded.find(needle, start + len(needle))
        return found
