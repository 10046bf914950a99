"""The concept index: validation, matching rules, and the pages built from it."""
import json
import re
import subprocess
import sys
from urllib.parse import unquote, urljoin

import pytest
from lxml import html as lxml_html

from support import ALL, HASSABIS, ROOT, SCHULMAN, SOURCES, SUTSKEVER, VINYALS, VINYALS_SHORT, load
from transcripts.concepts import Concept, ConceptMatcher, index_passages, load_concepts
from transcripts.crossref import INTERVIEWS_WITH_QUOTES, QUOTES_SHOWN, TABLE_ROWS, concept_views, pinyin_key
from transcripts.errors import BuildError

CONCEPTS = SOURCES / "concepts.yml"


def concept(id_, zh, en, aliases_zh=(), aliases_en=(), related=()):
    return Concept(id_, zh, en, list(aliases_zh), list(aliases_en), "定义", "definition", list(related))


def test_latin_aliases_match_whole_words_only():
    matcher = ConceptMatcher([concept("rl", "强化学习", "RL", aliases_en=["reinforcement learning"]),
                              concept("rlhf", "人类反馈强化学习", "RLHF")])
    text = "URL 和 RLHF 都不是 RL，但 RL训练 是。Reinforcement Learning!"
    found = [(m.concept, text[m.start:m.end]) for m in matcher.mentions(text, "zh-Hans")]
    assert found == [("rlhf", "RLHF"), ("rl", "RL"), ("rl", "RL"), ("rl", "Reinforcement Learning")]


def test_longest_chinese_alias_wins():
    matcher = ConceptMatcher([concept("memory", "记忆", "Memory"), concept("episodic", "情景记忆", "Episodic memory")])
    assert [m.concept for m in matcher.mentions("情景记忆和记忆", "zh-Hans")] == ["episodic", "memory"]


@pytest.mark.parametrize("yaml_text, message", [
    ("concepts:\n- {id: a, zh: 甲, en: A, aliases: {zh: [甲], en: [x]}, definition: {zh: 定义, en: d}, related: []}\n"
     "- {id: b, zh: 乙, en: B, aliases: {zh: [乙], en: [X]}, definition: {zh: 定义, en: d}, related: []}\n",
     "3: concepts[1].aliases: 'X' is claimed by both 'a' and 'b'"),
    ("concepts:\n- {id: a, zh: 甲, en: A, aliases: {zh: [], en: []}, definition: {zh: 定义, en: d}, related: [c]}\n",
     "2: concepts[0].related: unknown concept id 'c'"),
    ("concepts:\n- {id: A!, zh: 甲, en: A, aliases: {zh: [], en: []}, definition: {zh: 定义, en: d}, related: []}\n",
     "2: concepts[0].id: expected text matching"),
])
def test_validation_errors_name_the_entry_and_its_line(tmp_path, yaml_text, message):
    path = tmp_path / "concepts.yml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(BuildError) as err:
        load_concepts(path)
    assert str(err.value).startswith(f"{path}:{message}")


def test_traditional_forms_come_from_opencc(tmp_path):
    path = tmp_path / "concepts.yml"
    path.write_text("concepts:\n- {id: agi, zh: 通用人工智能, en: AGI, aliases: {zh: [预训练], en: []}, "
                    "definition: {zh: 定义, en: d}, related: []}\n", encoding="utf-8")
    assert load_concepts(path)[0].hant == ["通用人工智慧", "預訓練"]


def test_pinyin_order():
    words = ["自我对弈", "安全", "幻觉", "对齐", "预训练", "后训练", "强化学习"]
    assert sorted(words, key=pinyin_key) == ["安全", "对齐", "后训练", "幻觉", "强化学习", "预训练", "自我对弈"]


# --- the real index ---------------------------------------------------------



@pytest.fixture(scope="module")
def views():
    interviews = [load(slug) for slug in ALL]
    concepts = load_concepts(CONCEPTS)
    index_passages(interviews, concepts)
    return {v.concept.id: v for v in concept_views(concepts, interviews)}


def test_at_least_40_concepts_each_with_a_quote(views):
    assert len(views) >= 40
    assert [c for c, v in views.items() if not v.total] == []


@pytest.mark.parametrize("concept_id, slugs", [
    ("pretraining", {VINYALS_SHORT, VINYALS, SUTSKEVER, SCHULMAN}),
    ("reinforcement-learning", set(ALL)),
])
def test_concepts_found_in_the_interviews_that_discuss_them(views, concept_id, slugs):
    assert {slug for slug, n in views[concept_id].counts.items() if n} >= slugs


def test_rl_never_matches_inside_url(views):
    for view in views.values():
        for _, quotes in view.by_interview:
            for q in quotes:
                assert q.term.casefold() != "rl" or not re.search(r"[A-Za-z]$", q.left)


def test_corrected_text_is_matched(views):
    """004's 安保 counts as 安全 once corrected."""
    quotes = [q for _, qs in views["safety"].by_interview for q in qs if q.interview.slug == SCHULMAN]
    assert any("安保" in q.passage.source_text("zh-Hans") for q in quotes)


# --- the built pages ---------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "build_site.py"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)], cwd=ROOT,
                   check=True, capture_output=True)
    return out


def _page(site, path):
    return lxml_html.parse(str(site / path / "index.html"))


def _resolve(site, page_path, href):
    url = urljoin(f"http://x/{page_path}/", href)
    path, _, anchor = url[len("http://x/"):].partition("#")
    return path.rstrip("/"), unquote(anchor)


def test_every_concept_has_a_page_and_every_kwic_link_opens_a_passage_with_the_term(site, views):
    pages = {}
    for concept_id in views:
        tree = _page(site, f"concepts/{concept_id}")
        for li in tree.xpath("//ul[@class='kwic']/li"):
            term = li.xpath("string(.//mark)")
            path, anchor = _resolve(site, f"concepts/{concept_id}", li.xpath(".//a[@class='kwic-line']/@href")[0])
            if path not in pages:
                pages[path] = _page(site, path)
            target = pages[path]
            passage = target.xpath("//div[@id=$anchor]", anchor=anchor)
            assert passage, f"{concept_id}: {path}#{anchor} does not exist"
            shown = "".join(passage[0].xpath(".//text()[not(ancestor::span[@class='original'])]"))
            assert term.casefold() in shown.casefold(), f"{concept_id}: #{anchor} lacks {term!r}"


def test_matrix_counts_equal_the_counts_and_quotes_of_each_concept_page(site, views):
    """The matrix, the concept page's table and its full list of quotes (the
    data loaded on demand) agree; the page shows the strongest few of each."""
    tree = _page(site, "concepts")
    slugs = [_resolve(site, "concepts", h)[0].split("/")[-1]
             for h in tree.xpath("//table[@class='concept-matrix']/thead//a/@href")]
    for row in tree.xpath("//table[@class='concept-matrix']/tbody/tr"):
        concept_id = _resolve(site, "concepts", row.xpath("th/a/@href")[0])[0].split("/")[-1]
        cells = [c.xpath("string(.)").strip() or "0" for c in row.xpath("td")]
        listed = _page(site, f"concepts/{concept_id}")
        table = {_resolve(site, f"concepts/{concept_id}", tr.xpath("th/a/@href")[0])[0].split("/")[-1]:
                 int(tr.xpath("string(.//span[@class='bar-count'])"))
                 for tr in listed.xpath("//table[@class='concept-bars']//tr")}
        data = {g["slug"]: g["quotes"] for g in
                json.loads((site / "data" / "concepts" / f"{concept_id}.json").read_text(encoding="utf-8"))}
        for slug, cell in zip(slugs, cells):
            count = views[concept_id].counts[slug]
            assert int(cell) == count == table.get(slug, 0) == len(data.get(slug, [])), (concept_id, slug)
            shown = listed.xpath(f"//h2[@id='{slug}']/following-sibling::ul[1]/li")
            assert len(shown) == min(count, QUOTES_SHOWN), (concept_id, slug)


def test_concept_index_is_in_pinyin_order(site):
    names = _page(site, "concepts").xpath("//article//ul/li/a/text()")
    readings = {c.zh: c.pinyin for c in load_concepts(CONCEPTS)}
    assert names == sorted(names, key=lambda n: pinyin_key(n, readings[n]))
    assert names.index("对齐") < names.index("强化学习") < names.index("预训练")


def test_interview_pages_link_their_concepts_and_speakers(site):
    tree = _page(site, f"interviews/{HASSABIS}")
    assert tree.xpath("//p[@class='interview-concepts']/a")
    speaker_links = set(tree.xpath("//h3[contains(@class,'turn-heading')]/a[@class='speaker-name']/@href"))
    assert speaker_links == {"../../speakers/demis-hassabis/"}
    person = _page(site, "speakers/demis-hassabis")
    assert "11" in person.xpath("string(//article//table)")


def test_not_in_excludes_a_phrase_where_the_alias_means_something_else():
    fine_tuning = concept("fine-tuning", "微调", "Fine-tuning")
    fine_tuning.not_in = ["细微调整"]
    matcher = ConceptMatcher([fine_tuning])
    text = "团队花数年做细微调整，然后微调模型。"
    assert [m.start for m in matcher.mentions(text, "zh-Hans")] == [text.index("然后微调") + 2]


def test_letter_groups_use_the_reading_in_the_word():
    from transcripts.crossref import letter
    assert [letter(w) for w in ("长期任务", "AlphaGo", "预训练", "重力")] == ["C", "A", "Y", "Z"]
    assert letter("长上下文") == "Z" and letter("长上下文", "chang shang xia wen") == "C"  # needs the override


def test_without_concepts_nothing_is_matched():
    assert ConceptMatcher([]).mentions("预训练 and pretraining", "zh-Hans") == []


def test_a_concept_page_stays_small_however_many_interviews_mention_it():
    """300 copies of the five interviews: the page lists the strongest quotes
    of the 40 interviews that mention the concept most and the counts of 200;
    the rest is data loaded on demand."""
    import dataclasses
    from transcripts.render import render_concept, render_concept_quotes
    real = [load(slug) for slug in ALL]
    interviews = [dataclasses.replace(i, slug=f"{i.slug}-{n}") for n in range(60) for i in real]
    concepts = load_concepts(CONCEPTS)
    index_passages(real, concepts)
    view = next(v for v in concept_views(concepts, interviews) if v.concept.id == "pretraining")
    assert len(view.by_interview) == 240
    page = render_concept(view)
    assert len(view.listed) == INTERVIEWS_WITH_QUOTES and len(view.table) == TABLE_ROWS
    assert all(len(quotes) <= QUOTES_SHOWN for _, quotes, _ in view.listed)
    assert len(page.encode()) < 200_000, len(page.encode())
    assert page.count('class="kwic-more"') >= INTERVIEWS_WITH_QUOTES
    everything = json.loads(render_concept_quotes(view))
    assert sum(len(g["quotes"]) for g in everything) == view.total
