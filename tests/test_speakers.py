"""Speakers: turns per labelled style, introductions, and annotations."""
import pytest

from support import HASSABIS, SCHULMAN, SUTSKEVER, VINYALS, VINYALS_SHORT, load
from transcripts.annotations import load_annotations
from transcripts.errors import BuildError
from transcripts.model import Paragraph
from transcripts.speakers import attribute


def counts(slug):
    out = {}
    for turn in load(slug).turns():
        key = turn.speaker or turn.role
        out[key] = out.get(key, 0) + 1
    return out


def test_000_label_alone_on_its_line():
    assert counts(VINYALS_SHORT) == {"introduction": 1, "hannah-fry": 25, "oriol-vinyals": 25}
    turns = list(load(VINYALS_SHORT).turns())
    assert turns[1].speaker == "hannah-fry"
    assert turns[1].passages[0].texts["zh-Hans"].startswith("上次见到你时")
    assert turns[2].speaker == "oriol-vinyals" and len(turns[2].passages) == 3


def test_001_bold_labels_inline_or_alone_with_stray_colons():
    assert counts(VINYALS) == {"introduction": 1, "hannah-fry": 34, "oriol-vinyals": 34}
    assert _speaker_of(VINYALS, "欢迎回来，Oriol") == "hannah-fry"  # **主持人Hannah Fry ：**
    assert _speaker_of(VINYALS, "这让我想起了2019年") == "hannah-fry"  # **主持人：** ：这让我…
    assert _speaker_of(VINYALS, "当然可以！我经常告诉") == "oriol-vinyals"  # label alone, text on next line


def test_002_every_question_is_followed_by_a_hassabis_answer():
    turns = [t for t in load(HASSABIS).turns() if t.role != "introduction"]
    assert [t.speaker for t in turns] == ["unnamed-interviewer", "demis-hassabis"] * 11
    # unlabelled lines after 问: are the answer ...
    assert turns[3].passages[0].texts["zh-Hans"].startswith("看来，大型语言模型会构成基础先验知识")
    # ... except the second line of the merger question (annotated)
    merger = turns[20]
    assert merger.passages[-1].texts["zh-Hans"].startswith("而随着合并")


def test_introductions_are_not_speaker_turns():
    intro = next(load(VINYALS_SHORT).turns())
    assert intro.role == "introduction"
    assert any(p.texts["zh-Hans"].startswith("以下为访谈要点") for p in intro.passages)
    intro = next(load(VINYALS).turns())
    assert intro.role == "introduction" and intro.passages[0].texts["zh-Hans"].startswith("在 AI 领域的最新一期深度对话中")


def _speaker_of(slug, start):
    found = [p for p in load(slug).passages() if any(p.source_text(lang).startswith(start) for lang in p.texts)]
    assert len(found) == 1, start
    return found[0].speaker or found[0].role


@pytest.mark.parametrize("start, speaker", [
    ("谢谢你这么说。这是我的第一个疑问。", "dwarkesh-patel"),
    ("在预训练中，你基本上是在训练模拟互联网", "john-schulman"),
    ("五年后，这些模型会好得多。", "john-schulman"),
    ("我想详细了解泛化是如何协助你回到正规的", "dwarkesh-patel"),
    ("这真的很有意思。这是最后一个疑问。", "dwarkesh-patel"),
    ("哦，它取代我的上班？兴许五年。", "john-schulman"),
    ("OpenAI联结开创人John 的离任", "introduction"),
])
def test_004_attribution_examples(start, speaker):
    assert _speaker_of(SCHULMAN, start) == speaker


def test_003_pairs_split_between_question_and_answer():
    passages = list(load(SUTSKEVER).passages())
    question = next(p for p in passages if "en" in p.texts and p.source_text("en").startswith("In 2017 the attention"))
    answer = passages[passages.index(question) + 1]
    assert question.speaker == "craig-smith" and question.source_text("en").endswith("Can you talk about that?")
    assert answer.speaker == "ilya-sutskever" and answer.source_text("en").startswith("So for context at OpenAI")
    assert answer.source_text("zh-Hans").startswith("所以，在OpenAI")
    note = next(p for p in passages if p.source_text("zh-Hans").startswith("（注：GBT和RL"))
    assert note.role == "note" and "en" not in note.texts
    assert passages[0].speaker == "craig-smith" and passages[0].source_text("en").startswith("I'm Craig Smith")


META = {"speakers": [{"id": "ann", "role": "host", "labels": ["Ann"]},
                     {"id": "bob", "role": "guest", "labels": ["Bob", "B"]}],
        "layout": {"headings": "markdown", "answerer": None}}


def test_stale_annotation_fails_with_file_and_line(tmp_path):
    notes = tmp_path / "x.annotations.yml"
    notes.write_text("turns:\n  - at: \"Because.\"\n    speaker: bob\n  - at: \"Nobody said this\"\n    speaker: ann\n")
    blocks = [Paragraph(1, {"zh-Hans": "Why?"}), Paragraph(2, {"zh-Hans": "Because."})]
    with pytest.raises(BuildError) as err:
        attribute(blocks, META, load_annotations(notes, ["ann", "bob"]))
    assert str(err.value) == f"{notes}:4: stale annotation: 'Nobody said this' not found in the transcript"


def test_annotation_with_unknown_speaker_is_an_error(tmp_path):
    notes = tmp_path / "x.annotations.yml"
    notes.write_text("turns:\n  - at: \"Because.\"\n    speaker: carol\n")
    with pytest.raises(BuildError, match=r"x.annotations.yml:2: turns\[0\].speaker: expected one of ann, bob"):
        load_annotations(notes, ["ann", "bob"])


def test_001_mislabelled_passages_are_annotated_against_the_other_translation():
    """The write-up labels Vinyals' words as the host's; 000 shows who spoke."""
    assert _speaker_of(VINYALS, "所以这个模型会不断改进它对输入的推理能力") == "oriol-vinyals"
    assert _speaker_of(VINYALS, "如果我理解正确的话，目前的大型语言模型") == "hannah-fry"
    assert _speaker_of(VINYALS, "如果它能访问所有的知识，并利用时间") == "oriol-vinyals"
    assert _speaker_of(VINYALS_SHORT, "所以如果我的理解没错的话") == "hannah-fry"
