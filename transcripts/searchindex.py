"""Stage 8: the search index, from the model, in small files a browser fetches per query.

One record per speaker turn, as on the page: the speaker's name, the
corrected text of its passages and, hidden, what a reader may type that the
text does not show (the concept's names in the other language, the source's
words before a correction, the simplified form of traditional text). The
index is never loaded whole: a query fetches the few shards that hold its
terms and the few record files of the turns it shows
(docs/javascripts/search/engine.js and worker.js; the README's search section).

Terms are cut by script, never by language tag, so any page's text is cut
the same way: a Han run becomes its overlapping character pairs
(卷积神经网络 → 卷积 积神 神经 经网 网络) plus single characters; a Latin or
digit run becomes a lower-case word. The declared language only decides
which texts are also indexed in simplified form (its `search_conversion`:
character by character and in mainland wording, hanzi.simplified_runs).
A query is cut the same way, so every substring of a text finds it: the index and the query cannot
disagree about word boundaries (jieba in the build and ICU in the browser
did: 卷积神经网络 found nothing). `tokens` is the one definition; the browser's
copy is checked against it (tests/test_searchindex.py).
"""
from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from . import languages
from .concepts import alias_pattern
from .hanzi import HAN_RUN, query_table, regional_words, simplified_runs, to_simplified, traditional_spellings
from .metadata import display_title

TOKEN = re.compile(HAN_RUN.pattern + "|[a-z]+|[0-9]+")

# How much one occurrence counts, by where it is: a speaker's name in the
# turn's title, its text, or a hidden term (a concept's name in the other
# language, a source word before correction, a simplified form).
WEIGHT = {"title": 2, "text": 2, "simplified": 2, "hidden": 1}
SHARD_BYTES = 24_000  # aim for shards of about this size; their number grows with the index
RECORDS_PER_FILE = 1  # turns per record file: a result list fetches only the turns it shows
TABLE_BUCKET_BYTES = 8_000  # traditional-query phrase table, in buckets of about this size


def normalise(text: str) -> str:
    """Full-width letters and digits to ASCII, lower case (as JavaScript's
    normalize("NFKC").toLowerCase() does)."""
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> list[tuple[str, bool]]:
    """The runs of `text` a search matches on: (run, is_han). Han runs are
    taken as written; the index and the query both convert them first."""
    return [(m.group(0), HAN_RUN.fullmatch(m.group(0)) is not None) for m in TOKEN.finditer(normalise(text))]


def han_terms(run: str) -> list[str]:
    """Character pairs of a Han run, and its characters (a one-character query
    finds them)."""
    return [run[i:i + 2] for i in range(len(run) - 1)] + list(run)


def index_terms(text: str) -> list[str]:
    """Every term of `text` as the index stores it, repeated as often as it occurs."""
    out = []
    for run, is_han in tokens(text):
        out.extend(han_terms(run) if is_han else [run])
    return out


# --- records: one per turn -----------------------------------------------------


@dataclass
class Record:
    """What the index knows of one turn, and what a result shows of it."""
    interview: str  # slug
    interview_title: str
    anchor: str  # the turn's id on the page
    title: str  # who speaks
    texts: list  # [passage id, language tag, corrected text, its simplified form if it differs]
    # [run of traditional text, its simplified forms (character by character,
    # and in mainland wording)]: a run's terms count once whatever its script
    simplified: list[list] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)  # searchable, never shown as text
    originals: list = field(default_factory=list)  # [source word, corrected word]
    concepts: list = field(default_factory=list)  # [[names not in the text], [names in the text]]

    def weighted_terms(self) -> dict[str, int]:
        fields = [("title", [self.title]), ("text", [t[2] for t in self.texts]), ("hidden", self.hidden)]
        found = {name: Counter(term for text in texts for term in index_terms(text)) for name, texts in fields}
        # A hidden term says the turn is about it, not how often: a concept's
        # three names with 强化学习 in them are one hidden 强化学习, and a turn
        # that only has them stays below one whose text says it once.
        found["hidden"] = Counter(found["hidden"].keys())
        found["simplified"] = Counter()
        for run, forms in self.simplified:
            either = Counter()
            for form in forms:
                either |= Counter(index_terms(form))
            found["simplified"] += either - Counter(index_terms(run))  # terms the run has already count
        counts: Counter = Counter()
        for name, terms in found.items():
            for term, n in terms.items():
                counts[term] += n * WEIGHT[name]
        return counts

    def as_json(self) -> list:
        return [self.interview, self.interview_title, self.anchor, self.title, self.texts,
                self.originals, self.concepts]


def speaker_title(interview, turn) -> str:
    from .render import ROLE_NAMES
    for s in interview.meta["speakers"]:
        if s["id"] == turn.speaker:
            return " ".join(filter(None, [s["name"], s["name_zh"]]))
    return ROLE_NAMES.get(turn.role, "发言人未标注")


@lru_cache(maxsize=None)
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(alias_pattern(name), re.IGNORECASE)


def _says(text: str, name: str) -> bool:
    """`name` occurs in `text` as the concept index would find it."""
    return _name_pattern(name).search(text) is not None


def _simplified_form(text: str) -> list[str]:
    """[t2s form] of a text with traditional characters, where it keeps the
    length (results mark a simplified query's words at the same places)."""
    simple = to_simplified(text)
    return [simple] if simple != text and len(simple) == len(text) else []


def turn_record(interview, turn, concepts: dict) -> Record:
    texts = [[p.id, lang, text] + _simplified_form(text) for p in turn.passages for lang, text in p.texts.items()]
    said = "\n".join(t[2] for t in texts)
    record = Record(interview.slug, display_title(interview.meta), turn.id, speaker_title(interview, turn), texts)
    for concept_id in dict.fromkeys(c for p in turn.passages for c in p.concepts):
        concept = concepts.get(concept_id)
        if concept:
            names = list(dict.fromkeys(n for n in concept.aliases + concept.hant))
            unsaid = [n for n in names if not _says(said, n)]
            record.concepts.append([unsaid, [n for n in names if n not in unsaid]])
            record.hidden.extend(unsaid)
    for p in turn.passages:
        for fix in p.corrections:
            record.originals.append([fix.original, p.texts[fix.lang][fix.start:fix.end]])
            record.hidden.append(fix.original)
        for lang, text in p.texts.items():  # the declared language says which texts are traditional
            conversion = languages.get(lang).search_conversion
            if conversion:
                record.simplified.extend(simplified_runs(text, conversion))
    return record


def records(interviews, concepts=()) -> list[Record]:
    by_id = {c.id: c for c in concepts}
    return [turn_record(i, turn, by_id) for i in interviews for turn in i.turns()]


# --- the files -------------------------------------------------------------------

# Postings: per document, the gap from the previous document's number and the
# weighted count, as variable-length numbers in 6-bit digits of this alphabet
# (a digit below 32 ends a number): JSON-safe, and short.
DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def _encode(n: int) -> str:
    out = []
    while n >= 32:
        out.append(DIGITS[32 + (n & 31)])
        n >>= 5
    out.append(DIGITS[n])
    return "".join(out)


_SMALL = [_encode(n) for n in range(4096)]


def decode_postings(text: str) -> list[tuple[int, int]]:
    """[(document, count)] of encoded postings (what engine.js decodePostings does)."""
    numbers, n, shift = [], 0, 0
    for digit in map(DIGITS.index, text):
        if digit >= 32:
            n, shift = n + ((digit - 32) << shift), shift + 5
        else:
            numbers.append(n + (digit << shift))
            n = shift = 0
    docs = list(itertools.accumulate(numbers[0::2]))
    return list(zip(docs, numbers[1::2]))


def encode_postings(postings: list[tuple[int, int]]) -> str:
    out, last, small, size = [], 0, _SMALL, len(_SMALL)
    for doc, count in postings:
        gap = doc - last
        out.append(small[gap] if gap < size else _encode(gap))
        out.append(small[count] if count < size else _encode(count))
        last = doc
    return "".join(out)


def term_key(term: str) -> str:
    """What decides a term's shard: a Latin word's first three letters (so the
    shard holds every word a query prefix can complete), else the term."""
    return term[:3] if term.isascii() else term


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over the key's code points, as engine.js computes it."""
    h = 2166136261
    for char in key:
        h = ((h ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return h % shards


def _pow2_at_least(n: float) -> int:
    return 1 << max(0, math.ceil(math.log2(max(1.0, n))))


def _compact(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def index_files(recs: list[Record], words: set[str]) -> dict[str, str]:
    """{path under search/: content}: meta.json, the term shards, the record
    files, the traditional-query table buckets."""
    postings: dict[str, list[tuple[int, int]]] = {}
    for doc, record in enumerate(recs):
        for term, count in record.weighted_terms().items():
            postings.setdefault(term, []).append((doc, count))
    encoded = {term: encode_postings(p) for term, p in postings.items()}
    total = sum(len(t.encode()) + len(p) + 6 for t, p in encoded.items())
    shards = _pow2_at_least(total / SHARD_BYTES)
    by_shard: dict[int, dict] = {}
    for term in sorted(encoded):
        by_shard.setdefault(shard_of(term_key(term), shards), {})[term] = [len(postings[term]), encoded[term]]
    files = {f"terms/{n}.json": _compact(by_shard.get(n, {})) for n in range(shards)}
    for start in range(0, len(recs), RECORDS_PER_FILE):
        files[f"records/{start // RECORDS_PER_FILE}.json"] = _compact(
            [r.as_json() for r in recs[start:start + RECORDS_PER_FILE]])
    table = needed_phrases(query_table(words))
    buckets_count = _pow2_at_least(len(_compact(table["phrases"]).encode()) / TABLE_BUCKET_BYTES)
    buckets: dict[int, dict] = {}
    for spelling, word in sorted(table["phrases"].items()):
        buckets.setdefault(shard_of(spelling[0], buckets_count), {})[spelling] = word
    for n in range(buckets_count):
        files[f"hant/{n}.json"] = _compact(buckets.get(n, {}))
    files["meta.json"] = _compact({
        "version": 1, "records": len(recs), "shards": shards, "per_file": RECORDS_PER_FILE,
        "hant_buckets": buckets_count, "longest": table["longest"], "chars": table["chars"],
        "interview_starts": _interview_starts(recs)})
    return files


def needed_phrases(table: dict) -> dict:
    """The table without the phrases that converting character by character
    already gets right (most of them), unless a shorter phrase inside would
    then apply: the browser fetches what is left."""
    phrases, chars = table["phrases"], table["chars"]
    kept = {}
    for spelling, word in phrases.items():
        by_char = "".join(chars.get(c, c) for c in spelling)
        inner = any(spelling[i:j] in phrases for i in range(len(spelling)) for j in range(i + 2, len(spelling) + 1)
                    if j - i < len(spelling))
        if by_char != word or inner:
            kept[spelling] = word
    return {**table, "phrases": kept, "longest": max(map(len, kept), default=1)}


def _interview_starts(recs: list[Record]) -> list[int]:
    """Number of each interview's first record: which interview a record is in,
    before its file is fetched (results are grouped by interview)."""
    return [n for n, r in enumerate(recs) if n == 0 or recs[n - 1].interview != r.interview]


# --- the vocabulary of the traditional-query table -------------------------------


def vocabulary(interviews, concepts=()) -> set[str]:
    """The words a traditional query is converted to, phrase by phrase
    (hanzi.query_table), found without a segmenter: concept and speaker names
    and the words OpenCC spells differently in Taiwan, each where the texts
    use it; the traditional spellings the texts themselves use (never
    converted); and every character of the texts (a character the texts use
    is never converted either)."""
    from . import searchdict
    text = "\n".join(t for i in interviews for p in i.passages() for t in p.texts.values())
    pairs = {text[i:i + 2] for i in range(len(text) - 1)}  # most candidates fail here, cheaply
    candidates = set(searchdict.words(concepts, interviews)) | regional_words()
    candidates |= {s for w in candidates for s in traditional_spellings(w)}
    words = {w for w in candidates if w[:2] in pairs and w in text}
    words.update(c for run in HAN_RUN.findall(text) for c in run)
    return words
