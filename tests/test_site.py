"""The built site: strict build, nothing lost, no boilerplate, data = page, search segmentation."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html as lxml_html

from support import ALL, ROOT, SOURCES, fold, transcript_path
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
from transcripts.render import search_terms


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
    texts.append((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
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


def test_search_index_is_segmented_by_jieba(site):
    """Material segments Chinese only when `import jieba` works; fail if that silently stops."""
    index = json.loads((site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(doc["text"] for doc in index["docs"])
    assert "\u200b预训练\u200b" in text or "\u200b训练\u200b" in text
    assert text.count("\u200b") > 10000


def test_search_separator_splits_ascii_and_full_width_punctuation(site):
    index = json.loads((site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])  # same syntax in JavaScript and Python
    tokens = [t for t in separator.split("reinforcement learning.,gemma：预训练（RL）是的，AGI?世界模型") if t]
    assert tokens == ["reinforcement", "learning", "gemma", "预训练", "RL", "是的", "AGI", "世界模型"]


def test_each_turn_is_a_search_section_with_the_speaker_as_title(site):
    index = json.loads((site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"] if "#t-" in d["location"]]
    tree = lxml_html.parse(str(site[0] / "interviews" / ALL[1] / "index.html"))
    turn_ids = tree.xpath("//h3[contains(@class, 'turn-heading')]/@id")
    assert {f"interviews/{ALL[1]}/#{t}" for t in turn_ids} <= set(locations)


def test_concept_names_in_both_languages_are_attached_to_each_turns_search_entry(site):
    """Cross-language search goes through the concept names, not machine
    translation: a turn that says 预训练 is also indexed as pretraining."""
    index = json.loads((site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    turns = [d for d in index["docs"] if "#t-" in d["location"] and "预训练" in d["text"].replace("\u200b", "")]
    assert turns
    for doc in turns:
        assert "pretraining" in doc["text"].casefold()
    # and the terms stay out of sight on the page
    tree = lxml_html.parse(str(site[0] / "interviews" / ALL[4] / "index.html"))
    blocks = tree.xpath("//ul[@class='search-terms']")
    assert blocks and all(b.get("hidden") is not None for b in blocks)


def test_text_declared_traditional_is_also_indexed_in_simplified():
    passage = Passage(line=1, texts={"zh-Hant": "我們需要無限的數據和資訊。"}, concepts=["pretraining"])
    names = {c.id: c for c in load_concepts(SOURCES / "concepts.yml")}
    lines = search_terms(Turn(speaker="x", role=None, passages=[passage]), names)
    assert len(lines) == 2, "one line per concept, one for the simplified text"
    terms = " ".join(lines).split(" ")
    assert "我们需要无限的数据和信息" in terms and "pretraining" in {t.casefold() for t in terms}
    assert len(terms) == len({t.casefold() for t in terms}), "one spelling per term, search ignores case"


def test_simplified_terms_follow_the_declared_language_not_a_guess():
    """A traditional character quoted in a simplified text (a name, a book
    title) is what the source says: no converted copy is indexed for it."""
    passage = Passage(line=1, texts={"zh-Hans": "他读过《數據》这本书。"})
    assert search_terms(Turn(speaker="x", role=None, passages=[passage]), {}) == []


def test_an_english_concept_name_inside_another_word_is_not_taken_as_said():
    """The turn says "earlier" and 强化学习: RL is not in its text, so it is attached."""
    passage = Passage(line=1, texts={"zh-Hans": "earlier 我们用强化学习。"}, concepts=["reinforcement-learning"])
    names = {c.id: c for c in load_concepts(SOURCES / "concepts.yml")}
    terms = " ".join(search_terms(Turn(speaker="x", role=None, passages=[passage]), names)).split(" ")
    assert "RL" in terms and "强化学习" not in terms


def test_search_worker_converts_traditional_queries_with_a_table_from_the_index(site):
    """hooks/search_fix.py appends the query table (transcripts/hanzi.py) to
    Material's worker and calls it on every query."""
    worker = next((site[0] / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    assert "=self.searchQuery(" in worker
    table = json.loads(re.search(r"\}\)\((\{.*\})\);\s*$", worker, re.S).group(1))
    assert convert_query("預訓練的無限數據", table) == "预训练的无限数据"
    assert convert_query("核心程序", table) == "核心程序"


def test_concept_terms_and_speaker_names_stay_whole_in_the_index(site):
    """The jieba user dictionary generated from concepts.yml and speaker names."""
    index = json.loads((site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(doc["text"] for doc in index["docs"])
    for word in ("预训练", "上下文窗口", "强化学习", "世界模型", "奖励模型", "伊利亚"):
        assert f"\u200b{word}\u200b" in text, word


def test_user_dictionary_lists_concept_names_in_both_scripts_and_speaker_names():
    from support import load
    from transcripts.concepts import load_concepts
    from transcripts.searchdict import words
    listed = words(load_concepts(SOURCES / "concepts.yml"), [load(slug) for slug in ALL])
    assert {"预训练", "預訓練", "奖励模型", "獎勵模型", "伊利亚", "苏茨克维", "伊利亚·苏茨克维"} <= set(listed)
    assert not [w for w in listed if " " in w]
