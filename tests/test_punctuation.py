"""ASCII punctuation becomes full-width in Chinese context only."""
import re

import pytest

from support import ALL, load
from transcripts.punctuation import normalise_chinese_punctuation as norm


@pytest.mark.parametrize("raw, expected", [
    ("大型语言模型(LLM)也能够", "大型语言模型（LLM）也能够"),
    ("是的,所以从算法上说", "是的，所以从算法上说"),
    ("我想知道现在有什么不同?", "我想知道现在有什么不同？"),
    ("专家(Reinforcement Learning,或RL)专家", "专家（Reinforcement Learning，或RL）专家"),
    ("全文12,600 字", "全文12,600 字"),
    ("Gemini 1.5 Pro", "Gemini 1.5 Pro"),
    ("发布时间 2023-03-14 16:00:00", "发布时间 2023-03-14 16:00:00"),
    ("Hello, world: is it (really) true?", "Hello, world: is it (really) true?"),
    ("问: 答案", "问：答案"),
])
def test_examples(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize("slug", ALL)
def test_no_ascii_comma_or_question_mark_touches_chinese_in_any_passage(slug):
    han_ascii = re.compile(r"[\u4e00-\u9fff][,?:;!]|[,?;!][\u4e00-\u9fff]")
    for passage in load(slug).passages():
        text = passage.texts.get("zh-Hans", "")
        assert not han_ascii.search(text), (slug, passage.line, han_ascii.search(text).group(0))
