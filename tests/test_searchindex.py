"""The search index (transcripts/searchindex.py) and its browser side
(docs/javascripts/search/engine.js): terms by script, character pairs for Han
text, shards, postings; and that the browser cuts a query exactly as the
build cut the text, on sentences of the real sources."""
import random

import pytest

from support import ALL, SOURCES, load
from transcripts.concepts import load_concepts
from transcripts.hanzi import convert_query, query_table
from transcripts.model import Passage, Turn
from transcripts.searchindex import (decode_postings, encode_postings, han_terms, index_terms, needed_phrases, records, shard_of,
                                     term_key, tokens, turn_record, vocabulary)


def test_han_text_is_cut_into_character_pairs_and_latin_text_into_words():
    assert tokens("Gemini 1.5的长上下文，GPT-4！") == [("gemini", False), ("1", False), ("5", False),
                                                   ("的长上下文", True), ("gpt", False), ("4", False)]
    assert han_terms("卷积网络") == ["卷积", "积网", "网络", "卷", "积", "网", "络"]


def test_terms_depend_on_the_script_not_on_the_language_tag():
    """A zh-Hant text is cut like a zh-Hans one; a turn with traditional text
    also has its simplified form, so either script finds the other."""
    interview = load("2023-03-sutskever-eye-on-ai-118")
    passage = Passage(line=1, texts={"zh-Hant": "預訓練需要無限的數據和資訊", "en": "Pretraining"}, id="q-x")
    record = turn_record(interview, Turn(speaker=None, role="note", passages=[passage], id="t-x"), {})
    terms = record.weighted_terms()
    assert {"預訓", "训练", "数据", "無限", "信息", "pretraining"} <= set(terms)
    assert terms["数据"] == terms["數據"], "the simplified form counts as much as the text"
    assert terms["需要"] == terms["數據"], "a pair both scripts write alike counts once"


def test_full_width_letters_are_ascii_words():
    assert index_terms("ＧＰＴ－４") == ["gpt", "4"]


def test_a_latin_word_s_shard_is_chosen_by_its_first_three_letters():
    """So the shard a query word is in holds every word it begins."""
    assert term_key("transformer") == term_key("transform") == "tra"
    assert shard_of(term_key("transformer"), 64) == shard_of(term_key("tra"), 64)
    assert term_key("预训") == "预训"


def test_the_phrases_dropped_from_the_shipped_table_convert_the_same_without_it():
    """The browser gets only the phrases that converting character by
    character gets wrong; every traditional spelling still converts alike."""
    words = vocabulary([load(slug) for slug in ALL], load_concepts(SOURCES / "concepts.yml"))
    full = query_table(words)
    shipped = needed_phrases(full)
    assert len(shipped["phrases"]) < len(full["phrases"]) / 2
    for spelling in full["phrases"]:
        assert convert_query(spelling, shipped) == convert_query(spelling, full), spelling


def test_records_are_one_per_turn_with_the_corrected_text_and_the_source_words_hidden():
    interview = load("2024-schulman-dwarkesh-podcast")
    recs = records([interview], load_concepts(SOURCES / "concepts.yml"))
    assert [r.anchor for r in recs] == [t.id for t in interview.turns()]
    corrected = [r for r in recs if r.originals]
    assert corrected
    for record in corrected:
        shown = "".join(t[2] for t in record.texts)
        for original, fixed in record.originals:
            assert fixed in shown
            assert original in record.hidden


def test_a_hidden_term_counts_once_however_many_hidden_names_have_it():
    """The RLHF concept's Chinese names say 强化学习 three times; an English
    turn about RLHF has them hidden, and must not outrank a turn whose text
    says 强化学习 once (found by the zh-Hant query 強化學習)."""
    concepts = {c.id: c for c in load_concepts(SOURCES / "concepts.yml")}
    assert sum("强化学习" in name for name in concepts["rlhf"].aliases) >= 2, "the case this test is about"
    interview = load("2023-03-sutskever-eye-on-ai-118")
    english = Passage(line=1, texts={"en": "We call it reinforcement learning from human feedback."},
                      concepts=["rlhf", "reinforcement-learning"], id="q-en")
    chinese = Passage(line=2, texts={"zh-Hans": "强化学习的妙处在于规则明确。"}, id="q-zh")
    hidden, said = (turn_record(interview, Turn(speaker=None, role="note", passages=[p], id="t-" + p.id), concepts)
                    for p in (english, chinese))
    assert sum("强化学习" in name for name in hidden.hidden) >= 3
    assert hidden.weighted_terms()["强化"] == 1
    assert said.weighted_terms()["强化"] == 2


# --- the browser's side agrees with the build's --------------------------------

def sample_sentences(count=60, seed=11):
    texts = [text for slug in ALL for p in load(slug).passages() for text in p.texts.values()]
    return random.Random(seed).sample(texts, count)


@pytest.fixture
def engine(tab, site_url):
    tab.page.goto(site_url + "/")
    tab.page.add_script_tag(url=site_url + "/javascripts/search/engine.js")
    return tab.page


@pytest.mark.browser
def test_the_browser_cuts_text_exactly_as_the_index_does(engine):
    """The 卷积神经网络 failure was an index/query mismatch; here the browser's
    cut of 60 sentences of the sources equals the build's."""
    sentences = sample_sentences()
    browser = engine.evaluate("texts => texts.map(t => InterviewSearch.indexTerms(t))", sentences)
    assert browser == [index_terms(s) for s in sentences]


@pytest.mark.browser
def test_every_piece_of_a_sentence_finds_it(engine):
    """Any substring a reader types out of a sentence is cut into terms the
    sentence has in the index."""
    rng = random.Random(5)
    cases = []
    for sentence in sample_sentences():
        start = rng.randrange(len(sentence))
        cases.append((sentence, sentence[start:start + rng.randrange(1, 12)]))
    queries = engine.evaluate("""pieces => pieces.map(q => [].concat(...InterviewSearch.tokens(q).map(
        t => t[1] ? InterviewSearch.hanQueryTerms(t[0]) : [t[0]])))""", [q for _, q in cases])
    for (sentence, piece), terms in zip(cases, queries):
        indexed = set(index_terms(sentence))
        latin_edges = {t for t, is_han in tokens(piece) if not is_han}  # a cut word is found by its prefix
        assert {t for t in terms if t not in latin_edges} <= indexed, (piece, sentence)


@pytest.mark.browser
def test_shards_and_postings_read_in_the_browser_as_written(engine):
    keys = ["预训", "transformer", "ab", "数", "𠀀x", "gpt"]
    assert engine.evaluate("keys => keys.map(k => InterviewSearch.shardOf(InterviewSearch.termKey(k), 256))", keys) \
        == [shard_of(term_key(k), 256) for k in keys]
    postings = [(0, 2), (3, 1), (40, 70), (1_000_000, 3), (1_000_031, 2048)]
    decoded = engine.evaluate("text => InterviewSearch.decodePostings(text)", encode_postings(postings))
    assert list(zip(decoded["docs"], decoded["counts"])) == postings


@pytest.mark.browser
def test_a_phrase_counts_no_more_often_than_its_rarest_pair(engine):
    """卷积神经网络 at 500 interviews: a long turn with 卷积 and 神经网络 said
    apart many times, the phrase only in a hidden concept name (count 1),
    outscored the turns that say it, and only ten turns are fetched to check."""
    scores = engine.evaluate("""() => {
        const S = InterviewSearch, total = 1000, pair = count => count && { count, df: 10, weight: 1 };
        const score = counts => S.turnScore(counts.map(pair), [[0, 1, 2]], total);
        const terms = counts => counts.reduce((sum, c) => sum + (c ? S.termScore(c, 10, total) : 0), 0);
        return {
          apart: score([8, 1, 9]), apartAsOne: terms([1, 1, 1]),
          says: score([3, 3, 3]), saysAsThree: terms([3, 3, 3]),
          lacksPairs: score([2, 0, 7]), lacksUncapped: terms([2, 0, 7]),
        }; }""")
    assert scores["apart"] == pytest.approx(scores["apartAsOne"])  # every pair counted as often as the rarest
    assert scores["says"] == pytest.approx(scores["saysAsThree"])
    assert scores["says"] > scores["apart"]
    assert scores["lacksPairs"] == pytest.approx(scores["lacksUncapped"])  # no phrase to cap


@pytest.mark.browser
def test_posting_lookup_finds_every_doc_and_only_those(engine):
    docs = [0, 3, 40, 41, 1_000_000]
    found = engine.evaluate("""docs => [-1, 0, 2, 3, 4, 40, 41, 42, 999_999, 1_000_000, 1_000_001]
        .map(doc => InterviewSearch.findDoc(docs, doc))""", docs)
    assert found == [-1, 0, -1, 1, -1, 2, 3, -1, -1, 4, -1]


def test_postings_read_back_in_python_as_written():
    postings = [(0, 2), (3, 1), (40, 70), (1_000_000, 3), (1_000_031, 2048)]
    assert decode_postings(encode_postings(postings)) == postings
    assert decode_postings("") == []


@pytest.mark.browser
def test_excerpts_are_escaped_text_with_the_matches_marked(engine):
    html = engine.evaluate("""() => { const text = '<img src=x onerror=alert(1)> 我们需要无限数据';
        return InterviewSearch.excerpt(text, InterviewSearch.matches(text, ['无限数据'])); }""")
    assert html == "&lt;img src=x onerror=alert(1)&gt; 我们需要<mark>无限数据</mark>"
