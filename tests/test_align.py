"""Aligning two versions of one interview: the short and the full translation of the Vinyals episode.

000 (short) and 001 (full) translate the same talk: 000 cuts it into more,
shorter paragraphs and stops two thirds in; 001 folds some of the host's
asides into the guest's answers and leaves a few remarks out. The sample
below was checked by reading both versions side by side.
"""
import pytest

from support import SOURCES, VINYALS, VINYALS_SHORT, load
from transcripts.align import (Overrides, Override, align, align_versions, load_overrides, monotone_path, rows,
                               similarity, token_weights, tokens)
from transcripts.errors import BuildError
from transcripts.model import Interview, Passage, Section, Turn

OVERRIDES = SOURCES / f"{VINYALS_SHORT}.alignment.yml"


@pytest.fixture(scope="module")
def vinyals():
    short, full = load(VINYALS_SHORT), load(VINYALS)
    return short, full, align(short, full, load_overrides(OVERRIDES))


def passage(interview, snippet):
    found = [p for p in interview.passages() if snippet in p.texts["zh-Hans"]]
    assert len(found) == 1, snippet
    return found[0]


# (snippet of a passage in 000, snippet of its counterpart in 001), read and checked by hand
SAMPLE = [
    ("上次见到你时，你正在研究一个可以使用键盘和鼠标的智能代理", "上一次见到你时，你还在研究一个能够使用键盘和鼠标完成任务的智能体"),
    # the host's pipes analogy: 001 folds it into the guest's answer
    ("好吧，如果我们做一个类比，那就像你有神经元，水流过它", "如果用一个类比的话，这是不是可以理解为神经元像管道一样"),
    ("那就是强化学习或后期训练的部分，这是训练的第二阶段", "这就是强化学习或者后期训练的作用，也就是训练的第二阶段"),
    ("所以一旦完成，那就是所有幕后进行的事情", "团队会“冻结”整个网络的快照"),
    # the host's point about finite data: in 001 part of the guest's answer
    ("我想关于这种扩展的另一件事是，没有真正的限制", "但关于扩展的问题，你提到的规模好像没有限制"),
    ("它不是那样运作的？或者你不知道？", "它是不是无法以这种方式工作？还是你们也不确定？"),
    ("你能不能通过增加另一个模型，作为终极仲裁者来解决这个问题", "那能不能引入另一个玩家，比如说，另一个模型来作为最终的裁判？"),
    ("好的，那么推理如何融入这一切呢？", "那么推理在这一切中是如何发挥作用的呢？"),
    ("我想起2019年的一个对话", "这让我想起了2019年我和 Demis 谈话时的一个话题"),
    ("更长的上下文窗口是否总是更好", "更长的上下文窗口总是更好吗？"),
]


def test_000_and_001_align_passage_by_passage(vinyals, capsys):
    short, full, alignment = vinyals
    assert (alignment.first, alignment.second) == (VINYALS_SHORT, VINYALS)  # the finer version first
    pairs = dict(alignment.pairs)
    spoken_short = [p for p in short.passages() if p.speaker]
    covered = {b for b in pairs.values()}
    with capsys.disabled():
        print(f"\nalignment of 000 and 001: {len(pairs)} of {len(spoken_short)} spoken passages of 000 aligned, "
              f"to {len(covered)} of {alignment.spoken[VINYALS]} of 001")
    assert len(pairs) >= 90 and len(covered) >= 45
    wrong = [(a, b) for a, b in SAMPLE if pairs.get(passage(short, a).id) != passage(full, b).id]
    assert not wrong, f"{len(wrong)} of {len(SAMPLE)} read pairs are not aligned: {wrong}"
    # in order: the talk's order is the same in both
    positions = {p.id: n for n, p in enumerate(full.passages())}
    order = [positions[b] for _, b in alignment.pairs]
    assert order == sorted(order)


def test_what_only_one_version_has_stays_unaligned(vinyals):
    short, full, alignment = vinyals
    counterpart = alignment.counterpart
    # 001's greeting and its "Drastic Research" part, and everything after 000 stops
    for snippet in ("欢迎回来，Oriol，很高兴再次和你交流", "在我们开始之前，你能介绍一下“Drastic Research”是什么吗",
                    "这真是太迷人了，今天的讨论中确实有很多"):
        assert passage(full, snippet).id not in counterpart, snippet
    # introductions and key points are each write-up's own
    assert not [p for p in short.passages() if p.role and p.id in counterpart]
    assert not [p for p in full.passages() if p.role and p.id in counterpart]


def test_the_annotation_file_overrides_the_matcher_where_it_is_wrong(vinyals):
    short, full, alignment = vinyals
    plain = dict(align(short, full).pairs)
    question = passage(short, "回到你一开始提到的Deep Mind所构建的模型").id
    reply = next(p.id for p in short.passages() if p.texts["zh-Hans"] == "是的。")
    body = passage(short, "但我认为，为了推动前沿，你需要给计算机一个数字身体").id
    second_half = passage(full, "模仿阶段，也就是我们刚才讨论的内容").id
    # the matcher alone: the first half of the host's question unaligned, the guest's
    # "是的。" and a dropped sentence given to neighbouring answers
    assert question not in plain and reply in plain and body in plain
    pairs = dict(alignment.pairs)
    assert pairs[question] == second_half
    assert reply not in pairs and body not in pairs


def test_counterparts_go_both_ways(vinyals):
    short, full, alignment = vinyals
    counterpart = alignment.counterpart
    for a, b in alignment.pairs:
        assert counterpart[a] == b
        assert counterpart[counterpart[b]] == b  # a passage of 001 leads to the first of 000's that went into it


def test_rows_put_aligned_turns_side_by_side_in_order(vinyals):
    short, full, alignment = vinyals
    table = rows(alignment, short, full)
    assert [t for r in table for t in r.first] == list(short.turns())
    assert [t for r in table for t in r.second] == list(full.turns())
    row_of = {p.id: n for n, r in enumerate(table) for side in (r.first, r.second) for t in side for p in t.passages}
    assert all(row_of[a] == row_of[b] for a, b in alignment.pairs)
    # the host's analogy and the guest's answer around it: four turns of 000, one of 001
    analogy = table[row_of[passage(short, "好吧，如果我们做一个类比").id]]
    assert len(analogy.second) == 1 and len(analogy.first) >= 3


# --- small hand-made inputs -------------------------------------------------------


def interview(slug, *turns):
    """turns: (speaker, [texts])"""
    made = [Turn(s, None, [Passage(line=n, texts={"zh-Hans": t}, id=f"q-{slug}{n}{i}", speaker=s)
                           for i, t in enumerate(texts)]) for n, (s, texts) in enumerate(turns)]
    return Interview(slug, {"same_interview_as": []}, [Section(None, 1, made)])


SHORT = interview("a", ("host", ["你好，今天我们谈强化学习和AlphaGo。"]),
                  ("guest", ["强化学习让AlphaGo在2016年战胜了李世石。", "那是第37手。"]),
                  ("host", ["真的吗？"]),
                  ("guest", ["是的，神经网络从自我对弈中学到了那一手。"]))
FULL = interview("b", ("host", ["欢迎收听。今天的话题是强化学习与AlphaGo。"]),
                 ("guest", ["2016年，AlphaGo凭借强化学习击败李世石，尤其是第37手。真的，神经网络靠自我对弈学会了它。"]),
                 ("host", ["最后一个问题：下一步是什么？"]))


def test_a_folded_aside_and_a_missing_remark():
    alignment = align(SHORT, FULL)
    pairs = dict(alignment.pairs)
    assert pairs["q-a00"] == "q-b00"
    assert pairs["q-a10"] == pairs["q-a11"] == "q-b10"  # two paragraphs, one in the other version
    assert pairs["q-a30"] == "q-b10"  # the answer's second part, after the host's aside
    assert "q-b20" not in alignment.counterpart  # a question only the other version has


def test_vocabulary_names_and_numbers():
    bag = tokens("AlphaGo在2016年胜出")
    assert {"w:alphago", "n:2016", "胜出"} <= bag
    texts = ["AlphaGo在2016年胜出", "AlphaGo输了", "今天天气", "是的。", "是的，完全正确。"]
    weights = token_weights([tokens(t) for t in texts])
    assert weights["w:alphago"] > 0 and weights["n:2016"] > weights["胜出"]  # names and numbers count twice
    assert similarity(tokens("是的。"), tokens("是的，完全正确。"), weights) < 0.1  # a short reply proves little
    assert similarity(bag, bag, weights) > similarity(bag, tokens("AlphaGo输了"), weights) > 0


def test_monotone_path_keeps_order_and_may_share_a_column():
    gain = [[0.9, -1, -1], [0.5, 0.4, -1], [-1, -1, -1], [-1, 0.1, 0.8]]
    assert monotone_path(gain) == {0: 0, 1: 0, 3: 2}
    crossing = [[-1, 0.9], [0.9, -1]]  # the best of each row would cross: only one of them
    assert len(monotone_path(crossing)) == 1


def write(tmp_path, text):
    path = tmp_path / "a.alignment.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_snippet_that_matches_nothing_stops_the_build(tmp_path):
    path = write(tmp_path, "with: b\npairs:\n  - passage: 你好\n    counterpart: 欢迎收听\n"
                           "  - passage: 不存在的话\n")
    with pytest.raises(BuildError) as err:
        align(SHORT, FULL, load_overrides(path))
    assert str(err.value) == f"{path}:5: pairs[1].passage: '不存在的话' is in no passage somebody speaks in a"


def test_an_override_applies_from_either_side(tmp_path):
    path = write(tmp_path, "with: b\npairs:\n  - passage: 真的吗\n    counterpart: 最后一个问题\n")
    pairs = dict(align(SHORT, FULL, load_overrides(path)).pairs)
    assert pairs["q-a20"] == "q-b20"
    assert "q-a30" not in pairs  # order is kept: the answer after it cannot go back to q-b10


def test_an_empty_override_entry_and_an_unknown_version_are_errors(tmp_path):
    with pytest.raises(BuildError, match=r"a.alignment.yml:3: pairs\[0\]: expected a passage, a counterpart, or both"):
        load_overrides(write(tmp_path, "with: b\npairs:\n  - {}\n"))
    overrides = Overrides("a", "c", [], str(tmp_path / "a.alignment.yml"))
    with pytest.raises(BuildError, match="with: 'c' is not a version of a"):
        align_versions([SHORT, FULL], [overrides])
    assert Override("x", None, 1).counterpart is None


# --- on the pages ---------------------------------------------------------------------

import json  # noqa: E402
import re  # noqa: E402

COMPARE = f"compare/{VINYALS}--{VINYALS_SHORT}.md"


@pytest.fixture(scope="module")
def pages():
    from transcripts.build import Project, generated_files, load_site, nav
    site = load_site(Project())
    return site, generated_files(site), nav(site)


def test_each_version_links_the_other_at_the_top_and_each_aligned_passage(pages):
    site, files, _ = pages
    alignment = site.alignments[0]
    for slug, other in ((VINYALS_SHORT, VINYALS), (VINYALS, VINYALS_SHORT)):
        page = files[f"interviews/{slug}.md"]
        top = re.search(r'<p class="other-versions".*?</p>', page).group(0)
        assert "同一场访谈的另一版本" in top and f'href="../{other}/"' in top and f'href="../../{COMPARE[:-3]}/"' in top
        links = re.findall(r'<a class="counterpart-link" href="\.\./([^/]+)/#(q-[0-9a-f-]+)"', page)
        aligned = {p.id for p in next(i for i in site.interviews if i.slug == slug).passages()} & \
            set(alignment.counterpart)
        assert len(links) == len(aligned) > 40
        other_ids = {p.id for p in next(i for i in site.interviews if i.slug == other).passages()}
        assert {s for s, _ in links} == {other} and {i for _, i in links} <= other_ids
        data = json.loads(files[f"data/{slug}.json"])
        assert sum(1 for p in data["passages"] if p["counterparts"]) == len(aligned)
    # an interview with one version has neither
    single = files["interviews/2024-schulman-dwarkesh-podcast.md"]
    assert "other-versions" not in single and "counterpart-link" not in single


def test_the_comparison_page_shows_every_passage_of_both_once_in_order(pages):
    site, files, navigation = pages
    page = files[COMPARE]
    opened = re.findall(r'<a class="compare-open" href="\.\./\.\./interviews/([^/]+)/#(q-[0-9a-f-]+)"', page)
    for slug in (VINYALS_SHORT, VINYALS):
        interview = next(i for i in site.interviews if i.slug == slug)
        assert [i for s, i in opened if s == slug] == [p.id for p in interview.passages()]
    assert "search:\n  exclude: true" in page
    assert {"版本对照": [{"Vinyals · DeepMind 播客（节选译文） ⇄ Vinyals · DeepMind 播客（全文）": COMPARE}]} in \
        next(entry for entry in navigation if "访谈" in entry)["访谈"]
