"""Subtitles (transcripts/subtitles.py): WebVTT and SRT cues become passages
that keep their start time; voices, speaker prefixes and two language tracks
are read; bad timing stops the build with the line."""
import pytest

from support import FIXTURES, build_small, metadata, small_project
from transcripts.build import build
from transcripts.errors import BuildError
from transcripts.report import report


def fixture(name):
    return (FIXTURES / name).read_text(encoding="utf-8")


def subtitle_meta(languages=("en",), speakers=None, clean=(), **layout):
    return metadata(languages=languages, speakers=speakers or [
        {"id": "host", "name": "Host", "role": "host", "labels": ["Host"]},
        {"id": "guest", "name": "Guest", "role": "guest", "labels": ["Guest"]}],
        layout={"reader": "subtitles", "paragraphs": None, "headings": None, **layout}, clean=list(clean))


def test_a_real_vtt_with_voice_tags_becomes_passages_at_sentence_ends(tmp_path):
    """What's Your Problem (Omny export): `<v Speaker 1>` on every cue, one-digit hours."""
    meta = subtitle_meta(speakers=[{"id": "jacob-goldstein", "name": "Jacob Goldstein", "role": "host",
                                    "labels": ["Speaker 1"]}], passage_length=40)
    _, site = build_small(tmp_path, {"finn.vtt": fixture("whats-your-problem-chelsea-finn.omny.en.vtt"),
                                     "finn.yml": meta})
    interview = site.interviews[0]
    passages = list(interview.passages())
    assert {p.speaker for p in passages} == {"jacob-goldstein"} and len(list(interview.turns())) == 1
    assert passages[0].timestamp == "0:00:15.356"
    assert passages[0].texts["en"].startswith("Pushkin. In a metaphorical sense, AI is everywhere. It can write essays,")
    for passage in passages[:-1]:  # each ends a sentence, and is at least 40 words long
        assert passage.texts["en"].endswith((".", "?", "!")) and len(passage.texts["en"].split()) >= 40
    text = " ".join(p.texts["en"] for p in passages)
    assert "<v" not in text and "-->" not in text and "Speaker 1" not in text
    assert "I'm Jacob Goldstein and this is What's Your Problem, the show where I talk" in text


TWO_VOICES = """WEBVTT

NOTE a comment block
that spans two lines

intro
00:00:01.000 --> 00:00:03.000 align:start position:0%
<v Host>Welcome to the show.</v>

00:00:03.000 --> 00:00:05.500
<v.loud Guest>Thanks for <i>having</i> me &amp; my <c.colorE5E5E5>team</c>.

00:00:05.500 --> 00:00:07.000
<v Guest>It is a pleasure.

00:00:07.000 --> 00:00:09.000
<v Host>First question?
"""


def test_voice_tags_are_speakers_and_styling_is_gone(tmp_path):
    _, site = build_small(tmp_path, {"v.vtt": TWO_VOICES, "v.yml": subtitle_meta()})
    interview = site.interviews[0]
    assert [(t.speaker, [p.texts["en"] for p in t.passages], t.passages[0].timestamp) for t in interview.turns()] == [
        ("host", ["Welcome to the show."], "00:00:01.000"),
        ("guest", ["Thanks for having me & my team. It is a pleasure."], "00:00:03.000"),
        ("host", ["First question?"], "00:00:07.000")]
    removed = [(r.rule, r.text) for r in interview.removed]
    assert removed == [("subtitle-header", "WEBVTT"), ("subtitle-note", "NOTE a comment block"),
                       ("subtitle-note", "that spans two lines")]  # `intro` is the first cue's name


def test_a_real_bilingual_srt_keeps_english_and_chinese_together(tmp_path):
    """3Blue1Brown captions with a machine translation under each English line."""
    meta = subtitle_meta(languages=("en", "zh-Hans"),
                         speakers=[{"id": "grant", "name": "Grant Sanderson", "role": "guest", "labels": []}])
    notes = "turns:\n  - at: {en: 'This is a 3.'}\n    speaker: grant\n"
    _, site = build_small(tmp_path, {"nn.srt": fixture("3b1b-neural-networks.bilingual.en-zh-Hans.srt"),
                                     "nn.yml": meta, "nn.annotations.yml": notes})
    passages = list(site.interviews[0].passages())
    assert all(set(p.texts) == {"en", "zh-Hans"} for p in passages)
    first = passages[0]
    assert first.timestamp == "00:00:03,120"
    assert first.texts["en"].startswith("This is a 3. It's sloppily written and rendered at an extremely low resolution")
    assert first.texts["zh-Hans"].startswith("这是3分以极低的分辨率 28x28 像素，但你的大脑没有问题")  # ASCII comma made full-width


TWO_TRACKS = """1
00:00:01,000 --> 00:00:03,000
Host: What is pretraining?

2
00:00:01,000 --> 00:00:03,000
什么是预训练？

3
00:00:03,000 --> 00:00:06,000
Guest: Imitating the internet.

4
00:00:03,000 --> 00:00:06,000
模仿互联网。
"""


def test_two_language_tracks_with_the_same_times_are_one_quote(tmp_path):
    _, site = build_small(tmp_path, {"t.srt": TWO_TRACKS, "t.yml": subtitle_meta(languages=("en", "zh-Hans"))})
    assert [(t.speaker, t.passages[0].texts) for t in site.interviews[0].turns()] == [
        ("host", {"en": "What is pretraining?", "zh-Hans": "什么是预训练？"}),
        ("guest", {"en": "Imitating the internet.", "zh-Hans": "模仿互联网。"})]


def test_youtube_rolling_captions_lose_their_repeats_and_say_so(tmp_path):
    """Lex Fridman #459, YouTube's auto-translated track: each cue repeats the
    last line of the one before, with word-timing tags inside."""
    meta = subtitle_meta(languages=("zh-Hans",), speakers=[{"id": "lex", "name": "Lex Fridman", "role": "host",
                                                            "labels": []}])
    notes = "turns:\n  - at: '以下是与'\n    speaker: lex\n"
    _, site = build_small(tmp_path, {"lex.vtt": fixture("lex459-deepseek.youtube-autotranslated.zh-Hans.vtt"),
                                     "lex.yml": meta, "lex.annotations.yml": notes})
    interview = site.interviews[0]
    text = "".join(p.texts["zh-Hans"] for p in interview.passages())
    assert text.startswith("以下是与迪伦·帕特尔 (Dylan Patel) 和内森·兰伯特·迪伦运行半分析一个受人尊敬的研究和分析公司")
    assert text.count("以下是与") == 1 and "<c>" not in text and "00:00" not in text
    repeats = [r for r in interview.removed if r.rule == "rolling-caption-repeat"]
    assert len(repeats) >= 10 and "removed by rolling-caption-repeat" in report(site)


def test_a_dash_starts_someone_else_s_words_never_the_speaker_before(tmp_path):
    """Karpathy on Lex Fridman #333 (DownSub SRT): `- ` marks a new speaker,
    `[Lex]` names one. After Lex's question the answer is the guest's
    (`layout.answerer`); the cold open before any label is not an introduction."""
    meta = subtitle_meta(speakers=[{"id": "lex", "name": "Lex Fridman", "role": "host", "labels": ["Lex"]},
                                   {"id": "andrej", "name": "Andrej Karpathy", "role": "guest", "labels": []}],
                         answerer="andrej")
    notes = "turns:\n  - at: \"I think it's possible\"\n    speaker: andrej\n"
    _, site = build_small(tmp_path, {"k.srt": fixture("karpathy-lex333.downsub.en.srt"), "k.yml": meta,
                                     "k.annotations.yml": notes})
    turns = [(t.speaker, t.passages[0].texts["en"]) for t in site.interviews[0].turns()]
    assert turns[0] == ("andrej", turns[0][1]) and turns[0][1].startswith("I think it's possible that physics")
    lex = turns.index(("lex", "Yes."))
    assert turns[lex + 1][0] == "andrej" and turns[lex + 1][1].startswith("So you're giving me a prompt")
    # a dash that follows the guest is someone unnamed: shown unattributed, not as the guest
    assert all(speaker != "lex" or text.startswith(("Yes.", "The brain?", "Okay.")) for speaker, text in turns)


WRAPPED = """1
00:00:01,000 --> 00:00:02,000
<span class="cue">Host: Hello there.</span>

2
00:00:02,000 --> 00:00:03,000
<span class="cue">Guest: Hi.</span>
"""


def test_markup_wrappers_are_removable_by_strip_rules(tmp_path):
    meta = subtitle_meta(clean=[{"name": "cue-span", "strip": r"</?span[^>]*>"}])
    _, site = build_small(tmp_path, {"w.srt": WRAPPED, "w.yml": meta})
    interview = site.interviews[0]
    assert [p.texts["en"] for p in interview.passages()] == ["Hello there.", "Hi."]
    assert [r.rule for r in interview.removed].count("cue-span") == 4  # two per line: opening and closing


@pytest.mark.parametrize("name, text, line, message", [
    ("overlap.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHost: a\n\n00:00:03.000 --> 00:00:05.000\nb\n", 6,
     "cue starting 00:00:03.000 overlaps the cue above it"),
    ("reversed.vtt", "WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nHost: a\n", 3, "cue ends (00:00:04.000) before it starts"),
    ("order.srt", "1\n00:00:05,000 --> 00:00:06,000\nHost: a\n\n2\n00:00:01,000 --> 00:00:02,000\nb\n", 6,
     "cue starts (00:00:01,000) before the cue above it"),
    ("numbers.srt", "1\n00:00:01,000 --> 00:00:02,000\nHost: a\n\n00:00:02,000 --> 00:00:03,000\nb\n", 5,
     "SRT cue without its number"),
    ("header.vtt", "00:00:01.000 --> 00:00:02.000\nHost: a\n", 1, "a WebVTT file starts with the line WEBVTT"),
    ("time.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHost: a\n", None, None),
])
def test_bad_cue_timing_is_one_line_naming_the_line(tmp_path, name, text, line, message):
    project = small_project(tmp_path, {name: text, name.split(".")[0] + ".yml": subtitle_meta(
        speakers=[{"id": "host", "name": "Host", "role": "host", "labels": ["Host"]}])})
    if message is None:  # the same file with good timing builds
        assert build(project).interviews == 1
        return
    with pytest.raises(BuildError) as err:
        build(project)
    assert str(err.value).startswith(f"{project.sources / name}:{line}: {message}"), str(err.value)
    assert not (project.docs / "interviews").exists()


def test_a_subtitle_file_needs_the_subtitles_reader(tmp_path):
    project = small_project(tmp_path, {"x.srt": TWO_TRACKS, "x.yml": metadata(languages=("en", "zh-Hans"))})
    with pytest.raises(BuildError, match=r"x\.srt: a \.srt file is read with layout\.reader subtitles"):
        build(project)
