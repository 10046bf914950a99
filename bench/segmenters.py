#!/usr/bin/env python3
"""Word index or character pairs? What each would find of the benchmark's queries.

    .venv/bin/python bench/segmenters.py

For every query of the probe's queries-dev.yml and bench/queries.yml with
Chinese in it, and every passage of the five real sources that contains the
query's Chinese (after conversion to simplified), this asks: would the index
find the passage from the query's terms?

- jieba words (the old index; also what a browser would need jieba and its
  dictionary for): the query cut alone by jieba must come out as words that
  the passage, cut by jieba, has in a row. Where a word boundary in the
  sentence differs from the query's, the passage is lost.
- character pairs (the new index): every pair of the query is a pair of the
  passage, true of any substring by construction: a check of the code.

It also prints what shipping jieba's dictionary to the browser would cost.
"""
from __future__ import annotations

import gzip
import logging
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from support import ALL, SOURCES, load  # noqa: E402
from transcripts import searchdict  # noqa: E402
from transcripts.concepts import load_concepts  # noqa: E402
from transcripts.hanzi import HAN_RUN, convert_query, query_table  # noqa: E402
from transcripts.searchindex import han_terms, index_terms, needed_phrases, vocabulary  # noqa: E402

QUERY_FILES = (HERE / "probe" / "queries-dev.yml", HERE / "queries.yml")


def queries() -> list[str]:
    out = []
    for path in QUERY_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out += [q["q"] for q in (data["queries"] if isinstance(data, dict) else data)]
    return [q for q in dict.fromkeys(out) if HAN_RUN.search(q)]


def contains_run(words: list[str], part: list[str]) -> bool:
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


def main() -> int:
    import jieba
    jieba.setLogLevel(logging.WARNING)
    interviews = [load(slug) for slug in ALL]
    concepts = load_concepts(SOURCES / "concepts.yml")
    for word in searchdict.words(concepts, interviews):  # the old build's user dictionary
        jieba.add_word(word, 50000)
    table = needed_phrases(query_table(vocabulary(interviews, concepts)))
    texts = [t for i in interviews for p in i.passages() for t in p.texts.values()]
    rows, lost_total, found_total = [], 0, 0
    for query in queries():
        runs = HAN_RUN.findall(convert_query(query, table))
        having = [t for t in texts if all(run in t for run in runs)]
        lost = 0
        for text in having:
            words = [w for w in jieba.cut(text) if w.strip()]
            if not all(contains_run(words, [w for w in jieba.cut(run)]) for run in runs):
                lost += 1
            pairs = set(index_terms(text))
            assert all(set(han_terms(run)[:max(1, len(run) - 1)]) <= pairs for run in runs), (query, text)
        rows.append((query, len(having), lost))
        lost_total += lost
        found_total += len(having)
    print("| query | passages containing it | lost by a jieba word index | lost by character pairs |")
    print("|---|---:|---:|---:|")
    for query, n, lost in rows:
        print(f"| {query} | {n} | {lost} | 0 |")
    print(f"| all | {found_total} | {lost_total} ({lost_total / max(1, found_total):.0%}) | 0 |")
    dictionary = Path(jieba.__file__).with_name("dict.txt").read_bytes()
    lines = dictionary.count(b"\n")
    print(f"\njieba's dictionary: {len(dictionary) / 1e6:.1f} MB, {len(gzip.compress(dictionary)) / 1e6:.1f} MB gzip, "
          f"{lines:,} words: what a browser would load to cut queries as the index was cut.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
