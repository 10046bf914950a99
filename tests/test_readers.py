"""Readers on small hand-made transcripts in the common styles: the metadata alone configures them."""
import pytest

from transcripts.model import SourceLine
from transcripts.languages import language_of
from transcripts.readers import read_labelled
from transcripts.speakers import attribute

LAYOUT = {"headings": "markdown", "answerer": None}


def turns_of(lines, speakers, answerer=None):
    meta = {"speakers": speakers, "layout": {**LAYOUT, "answerer": answerer}}
    source = [SourceLine(n, t) for n, t in enumerate(lines, 1)]
    labels = [label for s in speakers for label in s["labels"]]
    blocks = read_labelled(source, meta["layout"], labels)
    return [t for s in attribute(blocks, meta) for t in s.turns]


def summary(turns):
    return [(t.speaker or t.role, [p.texts["zh-Hans"] for p in t.passages]) for t in turns]


HOST = {"id": "host", "role": "host", "labels": ["Q", "问", "主持人"]}
GUEST = {"id": "guest", "role": "guest", "labels": ["A", "答", "Jeremy Rubin"]}


@pytest.mark.parametrize("lines", [
    ["Q: 什么是预训练？", "A: 模仿互联网。", "然后是后训练。"],
    ["问：什么是预训练？", "答：模仿互联网。", "然后是后训练。"],
    ["**主持人：** 什么是预训练？", "**Jeremy Rubin：**", "模仿互联网。", "然后是后训练。"],
    ["### 主持人:", "什么是预训练？", "### Jeremy Rubin:", "模仿互联网。", "然后是后训练。"],
], ids=["q-a", "wen-da", "bold", "heading"])
def test_label_styles(lines):
    assert summary(turns_of(lines, [HOST, GUEST])) == [
        ("host", ["什么是预训练？"]), ("guest", ["模仿互联网。", "然后是后训练。"])]


def test_initials_after_first_mention():
    lines = ["主持人：你好。", "Jeremy Rubin（JR）：你好，谢谢邀请。", "主持人：先说说你自己。", "JR：我研究比特币。"]
    turns = turns_of(lines, [HOST, GUEST])
    assert [(t.speaker, t.passages[0].texts["zh-Hans"]) for t in turns] == [
        ("host", "你好。"), ("guest", "你好，谢谢邀请。"), ("host", "先说说你自己。"), ("guest", "我研究比特币。")]


@pytest.mark.parametrize("stamp, line", [
    ("00:12:34", "[00:12:34] 主持人：你好。"),
    ("00:06:04.13", "\\[00:06:04.13\\] 主持人：你好。"),
    ("12:34", "主持人：[12:34] 你好。"),
])
def test_inline_timestamps_are_kept_as_metadata(stamp, line):
    turns = turns_of([line, "答：再见。"], [HOST, GUEST])
    passage = turns[0].passages[0]
    assert passage.texts["zh-Hans"] == "你好。" and passage.timestamp == stamp


def test_unlabelled_answer_after_question():
    lines = ["问：上下文窗口是什么？", "它是工作记忆。", "越长越好。", "问：代价呢？", "计算很贵。"]
    assert summary(turns_of(lines, [HOST, GUEST], answerer="guest")) == [
        ("host", ["上下文窗口是什么？"]), ("guest", ["它是工作记忆。", "越长越好。"]),
        ("host", ["代价呢？"]), ("guest", ["计算很贵。"])]


def test_unknown_label_like_text_is_not_a_speaker():
    turns = turns_of(["主持人：注意：这不是标签。", "比如：也不是。"], [HOST, GUEST])
    assert summary(turns) == [("host", ["注意：这不是标签。", "比如：也不是。"])]


def test_interleaved_bilingual_lines_pair_up():
    lines = ["Prediction is compression.", "预测就是压缩。", "(注:GBT是Gradient Boosted Tree的缩写)",
             "It needs to be big enough.", "它需要足够大。"]
    blocks = read_labelled([SourceLine(n, t) for n, t in enumerate(lines, 1)], {**LAYOUT, "headings": "none"}, [],
                           ["en", "zh-Hans"])
    assert [b.texts for b in blocks] == [
        {"en": "Prediction is compression.", "zh-Hans": "预测就是压缩。"},
        {"zh-Hans": "（注：GBT是Gradient Boosted Tree的缩写）"},
        {"en": "It needs to be big enough.", "zh-Hans": "它需要足够大。"}]
    assert [b.line for b in blocks] == [1, 3, 4]


@pytest.mark.parametrize("text, lang", [
    ("So for context at OpenAI from the earliest days", "en"),
    ("所以,在OpenAI,我们从最早的时候开始", "zh-Hans"),
    ("(注:GBT和RL分别是Gradient Boosted Tree和Reinforcement Learning的缩写)", "zh-Hans"),
])
def test_language_of(text, lang):
    assert language_of(text, ["en", "zh-Hans"]) == lang
