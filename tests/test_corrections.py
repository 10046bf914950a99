"""Corrections: restore what the speakers said, keep the source words beside each correction."""
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
