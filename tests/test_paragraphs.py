"""Paragraphs: hard wraps rejoined, mid-sentence paragraph splits rejoined, real paragraphs kept."""
from support import SCHULMAN, VINYALS, fold, load
from transcripts.paragraphs import join_wrapped


def _texts(slug):
    """Source text (before corrections) of each passage."""
    return [p.source_text("zh-Hans") for p in load(slug).passages() if "zh-Hans" in p.texts]


def test_join_wrapped_spaces_only_around_latin():
    assert join_wrapped("这正是", "Google") == "这正是 Google"
    assert join_wrapped("（electric", "brain）") == "（electric brain）"
    assert join_wrapped("不同于开发一个专门的", "游戏") == "不同于开发一个专门的游戏"


def test_hard_wrapped_lines_of_001_are_rejoined():
    text = "\n".join(_texts(VINYALS))
    assert "这正是 Google 的强项" in text
    assert "（electric brain）" in text
    assert "“Gemini 1.5 Flash”" in text
    assert "地面真相”（ground truth）" in text
    # no passage ends in the middle of a sentence because of a wrap
    assert not [t for t in _texts(VINYALS) if t[-1] not in "。！？”）…：.?!\"*"]


def test_real_paragraphs_of_001_stay_apart():
    texts = _texts(VINYALS)
    assert any(t.startswith("接下来，模型可能会决定将这些摘要按主题分组") for t in texts)
    assert any(t.startswith("另一个关键问题是，预训练需要模仿所有可用的数据") for t in texts)


def test_paragraphs_split_mid_sentence_in_004_are_rejoined():
    texts = [fold(t) for t in _texts(SCHULMAN)]
    assert any("谷歌有一些像lamda和早期的meena的论文。" in t for t in texts)
    assert any("我之前在一个名为webgpt的名目上上班过" in t for t in texts)
    # a paragraph after a finished sentence is not glued on, even if it starts with 的
    assert any(t.startswith("的gpt-4有一个elo评分") for t in texts)
    assert not any(t.startswith("的论文") or t.startswith("的名目") for t in texts)
