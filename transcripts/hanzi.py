"""Traditional and simplified Chinese in search: both sides meet in simplified.

Index side: a run of text written in traditional characters also gets its
simplified form as a hidden search term (`simplified_runs`), so a simplified
query finds it. Query side: the search worker converts a traditional query
with a table built from the index's own vocabulary (`query_table`): each
simplified word's traditional spellings (OpenCC s2t, s2tw, s2twp, s2hk, so
phrase-level: 人工智慧 → 人工智能, not character by character) map back to the
word, and characters outside those words map by OpenCC t2s.

A word or character that occurs in the index as written is never converted:
OpenCC's Taiwan phrase tables would otherwise turn the simplified 核心 into 内核
and 程序 into 进程, and a reader typing simplified text would search for words
they did not type.
"""
from __future__ import annotations

import re
import subprocess
from functools import lru_cache
from pathlib import Path

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# Spellings a traditional-Chinese reader may type for a simplified word.
TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2twp", "s2hk")
# Single characters; Unicode CJK blocks the segmenter and the index use.
CJK_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000))


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc  # imported lazily: only the search stages need it
    return opencc.OpenCC(config)


@lru_cache(maxsize=1)
def regional_words() -> frozenset[str]:
    """Simplified words that Taiwan writes as another word (OpenCC's
    TWPhrases: 信息 → 資訊, 人工智能 → 人工智慧), read with the dictionary tool
    that ships in the opencc package. A traditional query may use them."""
    import opencc
    clib = Path(opencc.__file__).parent / "clib"
    done = subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(clib / "share" / "opencc" / "TWPhrases.ocd2"),
                           "-o", "/dev/stdout", "-f", "ocd2", "-t", "text"], capture_output=True, text=True, check=True)
    to_simplified = _converter("t2s")
    return frozenset(to_simplified.convert(line.split("\t")[0]) for line in done.stdout.splitlines() if "\t" in line)


@lru_cache(maxsize=None)
def traditional_spellings(word: str) -> frozenset[str]:
    return frozenset(_converter(config).convert(word) for config in TRADITIONAL_CONFIGS)


def to_simplified(text: str) -> str:
    """OpenCC t2s: the form the search index stores Han text in."""
    return _converter("t2s").convert(text)


def simplified_runs(text: str, conversion: str = "tw2sp") -> list[list]:
    """[run, [its simplified forms]] for each Han run of `text` (a text
    declared traditional) written in traditional characters: character by
    character (超級智慧 → 超级智慧, what a reader typing simplified text types)
    and with OpenCC `conversion`, the language's `search_conversion` (tw2sp
    also maps Taiwan wording, 資訊 → 信息, 智慧 → 智能); a run that is
    simplified already (程序 is a word in both) is left out."""
    to_simple, convert = _converter("t2s").convert, _converter(conversion).convert
    out = []
    for run in HAN_RUN.findall(text):
        simple = to_simple(run)
        if simple != run:
            out.append([run, list(dict.fromkeys((simple, convert(run))))])
    return out


def simplified_terms(text: str, conversion: str = "tw2sp") -> list[str]:
    """Every simplified form of `text`'s traditional runs (simplified_runs), once."""
    return list(dict.fromkeys(form for _, forms in simplified_runs(text, conversion) for form in forms))


# A Taiwan-wording phrase that is also ordinary simplified text (智慧, 影片,
# 新增, 支援 are everyday mainland words) is only converted when it is this
# long: 人工智慧 → 人工智能, but 人类的智慧 stays wisdom.
SHORTEST_AMBIGUOUS_PHRASE = 3


def query_table(words: set[str]) -> dict:
    """{"phrases": traditional spelling → simplified word, "chars": traditional
    character → simplified, "longest": longest phrase} for `convert_query`.

    Only the index's simplified words count (t2s leaves them as they are): a
    traditional source's own words are in the index too, beside their
    simplified forms, and a traditional query must still reach every passage.
    An index word that contains a phrase of the table maps to itself, so the
    longest match keeps it whole (课程式 must not become 课程序)."""
    to_simplified = _converter("t2s")
    vocabulary = {word for word in words if to_simplified.convert(word) == word}
    written = {c for word in vocabulary for c in word}
    phrases = {}
    for word in sorted(vocabulary):
        for spelling in traditional_spellings(word):
            ambiguous = to_simplified.convert(spelling) == spelling and len(spelling) < SHORTEST_AMBIGUOUS_PHRASE
            if spelling != word and spelling not in vocabulary and not ambiguous:
                phrases.setdefault(spelling, word)
    for word in sorted(vocabulary):
        if _contains_phrase(word, phrases):
            phrases[word] = word
    chars = {}
    for start, end in CJK_BLOCKS:
        for code in range(start, end):
            char = chr(code)
            simple = to_simplified.convert(char)
            if simple != char and char not in written and all(c in written for c in simple):
                chars[char] = simple
    return {"phrases": phrases, "chars": chars, "longest": max(map(len, phrases), default=1)}


def _contains_phrase(word: str, phrases: dict) -> bool:
    """Some part of `word` shorter than the word is a phrase of the table."""
    return any(word[i:j] in phrases for i in range(len(word)) for j in range(i + 2, len(word) + 1)
               if j - i < len(word))


def convert_query(query: str, table: dict) -> str:
    """Longest phrase first, then character by character. The search worker
    runs the same algorithm in JavaScript (docs/javascripts/search/engine.js)."""
    phrases, chars, out, i = table["phrases"], table["chars"], [], 0
    while i < len(query):
        for size in range(min(table["longest"], len(query) - i), 1, -1):
            if query[i:i + size] in phrases:
                out.append(phrases[query[i:i + size]])
                i += size
                break
        else:
            out.append(chars.get(query[i], query[i]))
            i += 1
    return "".join(out)
