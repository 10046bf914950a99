"""The built site: strict build, nothing lost, no boilerplate, data = page, search segmentation."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from support import ALL, ROOT, SOURCES, fold, index_records, load, postings_of, transcript_path
from transcripts.languages import unescape_markdown
from test_clean import BOILERPLATE
from transcripts.build import Project
from transcripts.clean import apply_rules
from transcripts.concepts import load_concepts
from transcripts.hanzi import convert_query
from transcripts.metadata import load_metadata, load_rules
from transcripts.read import read_source
from transcripts.model import Passage, Turn
from transcripts.readers import MARKDOWN_HEADING, label_pattern, strip_timestamp
from transcripts.searchindex import shard_of, turn_record


EPOCH = {"SOURCE_DATE_EPOCH": "1732000000"}  # dates in the site (sitemap) come from here


def build_into(out: Path):
    subprocess.run([sys.executable, "build_site.py"], cwd=ROOT, check=True, capture_output=True)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, **EPOCH})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    result = build_into(out)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def test_two_builds_are_byte_identical(site, tmp_path):
    assert build_into(tmp_path / "again").returncode == 0
    first = {p.relative_to(site[0]): p.read_bytes() for p in site[0].rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(k) for k in first if first[k] != second[k]] == []


def page_texts(site_dir: Path, slug: str) -> list[str]:
    """The article's text, plus one stream per language of all passages in
    order (a bilingual pair split between two turns reads on in its stream)."""
    tree = lxml_html.parse(str(site_dir / "interviews" / slug / "index.html"))
    for corrected in tree.xpath("//span[@class='corrected']"):  # read the source words (显示原文)
        corrected.drop_tree()
    streams = [tree.xpath("string(//article)")]
    for lang in ("en", "zh-Hans"):
        streams.append("".join(p.text_content() for p in tree.xpath(f"//div[contains(@class, 'passage')]/p[@lang='{lang}']")))
    return [fold(s) for s in streams]


def test_strict_build_has_no_warnings(site):
    _, log = site
    assert not [line for line in log.splitlines() if re.match(r"(WARNING|ERROR)\s+-", line)]
    assert "Documentation built" in log


@pytest.mark.parametrize("slug", ALL)
def test_every_line_no_rule_removed_is_on_the_page(site, slug):
    meta = load_metadata(SOURCES / f"{slug}.yml")
    kept, _, _ = apply_rules(read_source(transcript_path(slug)), meta["clean"] + load_rules(Project().rules))
    labels = label_pattern([label for s in meta["speakers"] for label in s["labels"]])
    streams = page_texts(site[0], slug)
    missing = []
    for line in kept:
        body = strip_timestamp(line.text.strip())[0]  # a time is shown beside the passage
        if labels and labels.match(body):
            body = strip_timestamp(labels.match(body).group("rest"))[0]
        body = unescape_markdown(body)
        heading = MARKDOWN_HEADING.match(body)
        body = heading.group(2) if heading else body
        if body.strip("* ") and not any(fold(body) in stream for stream in streams):
            missing.append((line.number, body[:50]))
    assert missing == []


def test_no_boilerplate_in_any_built_page_or_the_search_index(site):
    site_dir = site[0]
    texts = [p.read_text(encoding="utf-8") for p in site_dir.rglob("*.html")]
    texts += [p.read_text(encoding="utf-8") for p in (site_dir / "search").rglob("*.json")]
    blob = "\n".join(texts)
    phrases = [p for phrases in BOILERPLATE.values() for p in phrases if p not in ("END", "- YouTube", "发布时间")]
    assert [p for p in phrases if p in blob] == []


@pytest.mark.parametrize("slug", ALL)
def test_json_data_matches_the_page(site, slug):
    site_dir = site[0]
    data = json.loads((site_dir / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    tree = lxml_html.parse(str(site_dir / "interviews" / slug / "index.html"))
    page_ids = tree.xpath("//div[contains(@class, 'passage')]/@id")
    assert [p["id"] for p in data["passages"]] == page_ids
    speakers = {s["id"] for s in data["speakers"]}
    for passage in data["passages"]:
        assert passage["speaker"] in speakers or passage["role"] in ("introduction", "note", "narration")
        element = tree.xpath(f"//div[@id='{passage['id']}']")[0]
        for lang, text in passage["text"].items():
            source = (passage["source_text"] or {}).get(lang, text)
            assert shown(element, lang, "original") == text  # corrected, as read by default
            assert shown(element, lang, "corrected") == source  # 显示原文: the source words
    turn_ids = set(tree.xpath("//h3[contains(@class, 'turn-heading')]/@id"))
    assert {p["turn"] for p in data["passages"]} == turn_ids


def shown(passage, lang: str, hidden_class: str) -> str:
    """Text of one language of a passage with the spans of one class left out."""
    paragraph = passage.xpath(f"p[@lang='{lang}']")[0]

    def inside(text):  # lxml gives the text after an element (its tail) that element as parent
        return text.getparent().getparent() if text.is_tail else text.getparent()

    return "".join(t for t in paragraph.xpath(".//text()")
                   if hidden_class not in (inside(t).get("class") or "").split())


def test_the_index_stores_character_pairs_of_han_text_and_whole_latin_words(site):
    """Every substring of a text finds it: 卷积神经网络 is the pairs 卷积 积神 神经
    经网 网络, each in the shard its hash names; Latin words stay whole."""
    for term in ("卷积", "积神", "神经", "经网", "网络", "预", "alexnet", "hinton"):
        entry = postings_of(site[0], term)
        assert entry and entry[0] >= 1, term
    assert postings_of(site[0], "卷积神经网络") is None


def test_material_s_own_index_is_a_stub_that_keeps_the_separator(site):
    """Material's plugin indexes no page (hooks/search.py); the highlight on
    arrival still splits `?h=` with its separator."""
    index = json.loads((site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    separator = re.compile(index["config"]["separator"])  # same syntax in JavaScript and Python
    tokens = [t for t in separator.split("reinforcement learning.,gemma：预训练（RL）是的，AGI?世界模型") if t]
    assert tokens == ["reinforcement", "learning", "gemma", "预训练", "RL", "是的", "AGI", "世界模型"]


def test_each_turn_is_a_search_record_with_the_speaker_as_title(site):
    records = index_records(site[0])
    tree = lxml_html.parse(str(site[0] / "interviews" / ALL[1] / "index.html"))
    turn_ids = tree.xpath("//h3[contains(@class, 'turn-heading')]/@id")
    assert [r[2] for r in records if r[0] == ALL[1]] == turn_ids
    names = {r[3] for r in records if r[0] == ALL[1]}
    assert "Oriol Vinyals 奥里奥尔·维尼亚尔斯" in names


def test_concept_names_in_both_languages_are_attached_to_each_turns_search_record(site):
    """Cross-language search goes through the concept names, not machine
    translation: a turn that says 预训练 is also indexed as pretraining, and
    the names stay out of the page."""
    turns = [r for r in index_records(site[0]) if any("预训练" in t[2] for t in r[4])]
    assert turns
    for record in turns:
        hidden = [name.casefold() for unsaid, said in record[6] for name in unsaid]
        assert "pretraining" in hidden
    tree = lxml_html.parse(str(site[0] / "interviews" / ALL[4] / "index.html"))
    assert tree.xpath("//ul[@class='search-terms']") == []


def test_text_declared_traditional_is_also_indexed_in_simplified():
    """A zh-Hant page: as written, character by character in simplified (what
    a reader types) and in mainland wording (資訊 -> 信息), by the language's
    search_conversion."""
    interview = load(ALL[0])
    passage = Passage(line=1, texts={"zh-Hant": "我們需要無限的數據和資訊。"}, concepts=["pretraining"], id="q-test")
    names = {c.id: c for c in load_concepts(SOURCES / "concepts.yml")}
    record = turn_record(interview, Turn(speaker=None, role="note", passages=[passage], id="t-test"), names)
    terms = record.weighted_terms()
    assert {"数据", "无限", "资讯", "信息", "數據", "pretraining"} <= set(terms)
    assert record.texts[0][2] == "我們需要無限的數據和資訊。", "results show the text as written"
    assert record.texts[0][3] == "我们需要无限的数据和资讯。", "and mark a simplified query's words in it"


def test_simplified_terms_follow_the_declared_language_not_a_guess():
    """A traditional character quoted in a simplified text (a name, a book
    title) is what the source says: no converted copy is indexed for it."""
    passage = Passage(line=1, texts={"zh-Hans": "他读过《數據》这本书。"}, id="q-test")
    record = turn_record(load(ALL[0]), Turn(speaker=None, role="note", passages=[passage], id="t-test"), {})
    assert record.simplified == [] and "数据" not in record.weighted_terms()


def test_an_english_concept_name_inside_another_word_is_not_taken_as_said():
    """The turn says "earlier" and 强化学习: RL is not in its text, so it is attached."""
    interview = load(ALL[0])
    passage = Passage(line=1, texts={"zh-Hans": "earlier 我们用强化学习。"}, concepts=["reinforcement-learning"])
    names = {c.id: c for c in load_concepts(SOURCES / "concepts.yml")}
    record = turn_record(interview, Turn(speaker=None, role="note", passages=[passage], id="t-test"), names)
    [(unsaid, said)] = record.concepts
    assert "RL" in unsaid and "强化学习" in said and "强化学习" not in unsaid


def test_the_traditional_query_table_ships_in_buckets_and_converts_like_the_tested_table(site):
    """The table (transcripts/hanzi.py) is in the site as meta.json's characters
    and buckets of phrases by first character: put together, it converts."""
    folder = site[0] / "search"
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    phrases = {}
    for path in sorted((folder / "hant").glob("*.json")):
        phrases.update(json.loads(path.read_text(encoding="utf-8")))
    assert len(list((folder / "hant").glob("*.json"))) == meta["hant_buckets"]
    for spelling in phrases:
        assert path.parent.joinpath(f"{shard_of(spelling[0], meta['hant_buckets'])}.json").read_text(
            encoding="utf-8").count(f'"{spelling}"') == 1, spelling
    table = {"phrases": phrases, "chars": meta["chars"], "longest": meta["longest"]}
    assert convert_query("預訓練的無限數據", table) == "预训练的无限数据"
    assert convert_query("通用人工智慧", table) == "通用人工智能"
    assert convert_query("核心程序", table) == "核心程序"


def test_the_table_s_vocabulary_keeps_concept_terms_and_speaker_names_whole():
    from transcripts.searchindex import vocabulary
    words = vocabulary([load(slug) for slug in ALL], load_concepts(SOURCES / "concepts.yml"))
    assert {"预训练", "上下文窗口", "强化学习", "世界模型", "奖励模型", "伊利亚"} <= words


def test_user_dictionary_lists_concept_names_in_both_scripts_and_speaker_names():
    from transcripts.searchdict import words
    listed = words(load_concepts(SOURCES / "concepts.yml"), [load(slug) for slug in ALL])
    assert {"预训练", "預訓練", "奖励模型", "獎勵模型", "伊利亚", "苏茨克维", "伊利亚·苏茨克维"} <= set(listed)
    assert not [w for w in listed if " " in w]
