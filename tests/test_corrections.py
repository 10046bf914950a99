"""Corrections: restore what the speakers said, keep the source words beside each correction."""
import re

import pytest

from support import SCHULMAN, SUTSKEVER, VINYALS, VINYALS_SHORT, load
from transcripts.corrections import Correction, apply_corrections, correct_text, load_corrections
from transcripts.errors import BuildError
from transcripts.model import Interview, Passage, Section, Turn


def passage_with(slug, source_snippet, lang="zh-Hans"):
    found = [p for p in load(slug).passages() if lang in p.texts and source_snippet in p.source_text(lang)]
    assert len(found) == 1, source_snippet
    return found[0]


@pytest.mark.parametrize("source, corrected, original", [
    ("相当痴呆", "相当聪明", "痴呆"),  # dementia for smart: reverses the meaning
    ("你不用搜集少量数据", "你不用收集大量数据", "少量"),
    ("这将造成潜在能量的渺小积攒", "巨大", "渺小"),
    ("这种智能外部的潜在能量将被监禁", "释放", "监禁"),
    ("这是一个幽默的疑问", "这是一个有趣的问题", "幽默"),
    ("谢谢你这么说。这是我的第一个疑问。咱们有预训练", "这是我的第一个问题。我们有预训练", "咱们"),
])
def test_004_spun_words_are_restored(source, corrected, original):
    passage = passage_with(SCHULMAN, source)
    assert corrected in passage.texts["zh-Hans"]
    assert original in [fix.original for fix in passage.corrections]


def test_004_context_limited_entries_leave_correct_uses_alone():
    # 或许 meaning "perhaps" is correct as it stands and is not touched
    passage = passage_with(SCHULMAN, "哦,它取代我的上班?兴许五年。".replace(",", "，").replace("?", "？"))
    assert passage.texts["zh-Hans"].startswith("哦，它取代我的工作？")
    perhaps = passage_with(SCHULMAN, "它们或许在每个标志的基础上")
    assert "或许" in perhaps.texts["zh-Hans"]


@pytest.mark.parametrize("source, corrected", [
    ("this is I on AI", "this is Eye on AI"),
    ("I talk to Ilya Suitskiver", "I talk to Ilya Sutskever"),
    ("the large lightwage model GPT3", "the large language model GPT3"),
    ("its public progeny JAPGPT", "its public progeny ChatGPT"),
    ("main impetus for Alex Net", "main impetus for AlexNet"),
    ("a conversation with Jan Lecun", "a conversation with Yann LeCun"),
])
def test_003_transcription_errors_are_corrected_in_english(source, corrected):
    assert corrected in passage_with(SUTSKEVER, source, "en").texts["en"]


def test_003_errors_that_flowed_into_the_chinese_are_corrected():
    passage = passage_with(SUTSKEVER, "大型轻量级模型")
    assert "大型语言模型" in passage.texts["zh-Hans"] and "轻量级" not in passage.texts["zh-Hans"]
    assert "变压器" not in "".join(p.texts.get("zh-Hans", "") for p in load(SUTSKEVER).passages())


def test_typos_in_000_and_001():
    assert "计算能力也没有限制" in passage_with(VINYALS_SHORT, "计算能力叶没有限制").texts["zh-Hans"]
    headings = {s.original_title: s.title for s in load(VINYALS).sections if s.original_title}
    assert headings == {"七、模型无限记能力": "七、模型无限记忆能力"}


def test_every_correction_keeps_the_source_text_recoverable():
    for slug in (SCHULMAN, SUTSKEVER, VINYALS_SHORT, VINYALS):
        for passage in load(slug).passages():
            for lang, text in passage.texts.items():
                rebuilt, position = [], 0
                for fix in sorted((f for f in passage.corrections if f.lang == lang), key=lambda f: f.start):
                    rebuilt += [text[position:fix.start], fix.original]
                    position = fix.end
                rebuilt.append(text[position:])
                assert "".join(rebuilt) == passage.source_text(lang)


def _interview(*texts):
    passages = [Passage(line=n, texts={"zh-Hans": t}) for n, t in enumerate(texts, 1)]
    return Interview("x", {}, [Section(None, 1, [Turn("a", None, passages)])])


def test_entries_apply_in_order_and_within_limits_them(tmp_path):
    path = tmp_path / "x.corrections.yml"
    path.write_text("corrections:\n"
                    "  - {find: 每团体, replace: 每个人, kind: wording, why: w}\n"
                    "  - {find: 团体, replace: 群体, kind: wording, why: w}\n"
                    "  - {find: 或许, replace: 可能, kind: wording, why: w, within: [是或许的]}\n", encoding="utf-8")
    interview = _interview("每团体都有团体。", "这是或许的，或许吧。")
    assert apply_corrections(interview, load_corrections(path)) == [1, 1, 1]
    assert [p.texts["zh-Hans"] for p in interview.passages()] == ["每个人都有群体。", "这是可能的，或许吧。"]


def test_stale_correction_stops_the_build_with_file_and_line(tmp_path):
    path = tmp_path / "x.corrections.yml"
    path.write_text("corrections:\n  - find: 痴呆\n    replace: 聪明\n    kind: meaning\n    why: w\n"
                    "  - find: 不存在的词\n    replace: 词\n    kind: typo\n    why: w\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        apply_corrections(_interview("相当痴呆。"), load_corrections(path))
    assert str(err.value) == f"{path}:6: stale correction: '不存在的词' → '词' matches nothing"


def test_within_must_contain_the_word(tmp_path):
    path = tmp_path / "x.corrections.yml"
    path.write_text("corrections:\n  - {find: 或许, replace: 可能, kind: wording, why: w, within: [也许是]}\n",
                    encoding="utf-8")
    with pytest.raises(BuildError, match=r"x.corrections.yml:2: corrections\[0\].within: '也许是' does not contain '或许'"):
        load_corrections(path)


def test_matching_ignores_width_but_not_case():
    counts = [0]
    fixes = Correction("GBT", "GPT", "transcription", "w", [], None, "x")
    text, applied = correct_text("GBT和gbt都是", "zh-Hans", [fixes], counts)
    assert text == "GPT和gbt都是" and counts == [1] and applied[0].original == "GBT"


# --- weight: what a page marks where it happens, what the editor's note counts ---

from support import SOURCES  # noqa: E402
from transcripts.render import correction_summary, render_interview  # noqa: E402


def entries(slug):
    return {(c.find, c.replace): c for c in load_corrections(SOURCES / f"{slug}.corrections.yml")}


def test_004_spun_synonyms_are_style_reversals_and_spun_terms_are_facts():
    fixes = entries(SCHULMAN)
    for pair in [("咱们", "我们"), ("畛域", "领域"), ("宿愿", "希望"), ("疑问", "问题")]:
        assert (fixes[pair].kind, fixes[pair].weight) == ("wording", "style"), pair
    for pair in [("痴呆", "聪明"), ("少量", "大量"), ("监禁", "释放"), ("比赛灵活", "竞赛动态")]:
        assert (fixes[pair].kind, fixes[pair].weight) == ("meaning", "fact"), pair
    # filed as wording, but a technical term or a reversal: the entry's own weight
    for pair in [("高低文", "上下文"), ("揭示", "提示"), ("首要准则", "第一性原理"), ("降级", "更新")]:
        assert (fixes[pair].kind, fixes[pair].weight) == ("wording", "fact"), pair
    assert all(c.weight == "fact" for c in fixes.values() if c.kind == "meaning")


def test_003_transcription_errors_are_facts():
    fixes = entries(SUTSKEVER)
    assert {c.kind for c in fixes.values()} == {"transcription", "meaning"}
    assert {c.weight for c in fixes.values()} == {"fact"}
    passage = passage_with(SUTSKEVER, "I talk to Ilya Suitskiver", "en")
    assert ("Ilya Suitskiver", "fact") in [(f.original, f.weight) for f in passage.corrections if f.lang == "en"]


def test_weight_reaches_each_applied_correction():
    passage = passage_with(SCHULMAN, "谢谢你这么说。这是我的第一个疑问。咱们有预训练")
    weights = {f.original: f.weight for f in passage.corrections}
    assert weights["咱们"] == "style" and weights["疑问"] == "style"
    reversal = passage_with(SCHULMAN, "相当痴呆")
    assert {f.original: f.weight for f in reversal.corrections}["痴呆"] == "fact"


def test_an_unknown_weight_is_one_line_naming_file_and_line(tmp_path):
    path = tmp_path / "x.corrections.yml"
    path.write_text("corrections:\n  - find: 咱们\n    replace: 我们\n    kind: wording\n    weight: heavy\n"
                    "    why: w\n", encoding="utf-8")
    with pytest.raises(BuildError) as err:
        load_corrections(path)
    assert str(err.value) == (f"{path}:5: corrections[0].weight: expected one of fact, style, got 'heavy'")


def test_004_page_marks_facts_and_counts_restored_wording_once():
    interview = load(SCHULMAN)
    applied = [f for p in interview.passages() for f in p.corrections] + \
        [f for s in interview.sections for f in s.corrections]
    summary = correction_summary(interview)
    facts = [f for f in applied if f.weight == "fact"]
    assert summary["total"] == len(applied) and summary["marked"] == len(facts)
    pairs = {(p["original"], p["corrected"]): p["count"] for p in summary["restored"]}
    assert pairs[("咱们", "我们")] == sum(1 for f in applied if f.original == "咱们")
    assert sum(pairs.values()) == len(applied) - len(facts)
    assert ("痴呆", "聪明") not in pairs  # a reversal is marked in the text, not in the table

    page = render_interview(interview)
    # each fact in the text once, focusable, its note once; nothing else focusable or annotated
    in_text = [f for p in interview.passages() for f in p.corrections]
    marks = re.findall(r'<span class="correction correction-(\w+)" tabindex="0" aria-description="([^"]*)">', page)
    assert len(marks) == sum(1 for f in in_text if f.weight == "fact") > 200
    assert page.count('tabindex="0"') == len(marks) and page.count("aria-description=") == len(marks)
    assert "data-note" not in page
    # every source word is on the page beside its correction, for 显示原文
    assert page.count('<span class="original">') == len(in_text)
    # the editor's note states the counts and lists each pair with its count
    start = page.index("<strong>编者按</strong>")
    note = page[start:page.index("</details>", start)]
    assert f"{len(applied)} 处文字" in note and f"{len(facts)} 处改变了意思或事实" in note
    assert f"{len(applied) - len(facts)} 处只是改回同义词替换" in note
    assert f"<tr><td>咱们</td><td>我们</td><td>{pairs[('咱们', '我们')]}</td></tr>" in note


def test_a_page_with_only_facts_or_only_restorations_says_so():
    facts_only = render_interview(load(SUTSKEVER))
    assert "，都改变了意思或事实" in facts_only and "restored-wording" not in facts_only
    restorations_only = render_interview(load(VINYALS))  # three typos
    assert "，都只是改回错别字造成的字词变化" in restorations_only
    assert 'class="correction ' not in restorations_only
