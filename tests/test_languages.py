"""Languages are data (transcripts/languages.py): traditional Chinese, English
only, and interleaved pairs are stored and shown under their own tags."""
import pytest

from support import FIXTURES, build_small, index_records, metadata, postings_of
from transcripts import languages
from transcripts.searchindex import decode_postings

AUDREY = "audrey-tang-2025-11-10-berlin-freedom-conference-ai.zh-Hant.md"


@pytest.mark.parametrize("tags, problem", [
    (["zh-Hans"], None),
    (["zh-Hant"], None),
    (["en"], None),
    (["en", "zh-Hant"], None),
    (["zh-Hant", "en"], None),
    (["fr"], "expected one of zh-Hans, zh-Hant, en, got 'fr'"),
    (["zh-Hans", "zh-Hant"], "written in the same script"),
    (["en", "en"], "listed twice"),
    (["en", "zh-Hans", "zh-Hant"], "expected one language, or two interleaved ones"),
])
def test_a_source_declares_one_language_or_an_interleaved_pair(tags, problem):
    found = languages.check_declared(tags)
    assert (found is None) if problem is None else (problem in found)


def test_a_line_belongs_to_the_declared_language_of_its_script():
    assert languages.language_of("預訓練很重要", ["zh-Hant", "en"]) == "zh-Hant"
    assert languages.language_of("Pretraining matters", ["zh-Hant", "en"]) == "en"
    assert languages.language_of("Pretraining matters", ["zh-Hant"]) == "zh-Hant"  # one language: all of it


def audrey_site(tmp_path):
    meta = metadata(languages=("zh-Hant",),
                    speakers=[{"id": "audrey-tang", "name": "Audrey Tang", "name_zh": "唐鳳", "role": "guest",
                               "labels": ["唐鳳"]}],
                    layout={"paragraphs": "blank-lines", "headings": "markdown",
                            "heading_pattern": r"^>\s*[（(](?P<title>[^()（）]{1,40})[)）]\s*$"},
                    clean=[{"name": "title-line", "pattern": r"^#\s+(?P<value>.+)$", "keep_as": "title",
                            "at_start": True}])
    text = (FIXTURES / AUDREY).read_text(encoding="utf-8")
    return build_small(tmp_path, {"audrey.md": text, "audrey.yml": meta})


def test_a_traditional_chinese_page_is_zh_hant_everywhere(tmp_path):
    project, site = audrey_site(tmp_path)
    interview = site.interviews[0]
    passages = list(interview.passages())
    assert passages and all(list(p.texts) == ["zh-Hant"] for p in passages)
    assert any("柏林晚安。非常榮幸能來到這裡" in p.texts["zh-Hant"] for p in passages)
    # section titles set apart as `> （…）` are headings in zh-Hant, not speech
    titles = [(s.title, s.lang) for s in interview.sections if s.title]
    assert ("缺口與啟示", "zh-Hant") in titles
    assert not any(p.texts["zh-Hant"].startswith("> ") for p in passages)
    page = (project.docs / "interviews" / "audrey.md").read_text(encoding="utf-8")
    assert '<p lang="zh-Hant">柏林晚安' in page and 'lang="zh-Hans"' not in page
    assert '## 缺口與啟示 { #' in page and 'lang="zh-Hant" }' in page
    assert "<dt>语言</dt><dd>繁体中文</dd>" in page


def test_traditional_text_names_concepts_and_is_findable_in_simplified(tmp_path):
    project, site = audrey_site(tmp_path)
    passage = next(p for p in site.interviews[0].passages() if "民主國家" in p.texts["zh-Hant"])
    assert "democracy" in passage.concepts  # 民主 is the same in both scripts
    # the search index holds the turn under the simplified form of what the page
    # says, as a reader types it (就是超级智慧) and in mainland wording (超级智能)
    records = index_records(project.docs)
    turn = next(n for n, r in enumerate(records) if any("就是超級智慧" in t[2] for t in r[4]))
    for phrase in ("就是超级智慧", "超级智能"):
        for pair in (phrase[i:i + 2] for i in range(len(phrase) - 1)):
            entry = postings_of(project.docs, pair)
            assert entry and turn in dict(decode_postings(entry[1])), pair


ENGLISH = """**Host:** Welcome back. The dawn of AI. \\[laughs\\]
**Guest:** Thanks, it's \\*really\\* good to be here: snake\\_case and all.
"""


def test_an_english_only_page_is_english_with_markdown_escapes_shown(tmp_path):
    meta = metadata(languages=("en",),
                    speakers=[{"id": "host", "name": "Host", "role": "host", "labels": ["Host"]},
                              {"id": "guest", "name": "Guest", "role": "guest", "labels": ["Guest"]}])
    assert "zh-Hans" not in meta  # the title is English only
    project, site = build_small(tmp_path, {"talk.txt": ENGLISH, "talk.yml": meta})
    interview = site.interviews[0]
    texts = [p.texts for p in interview.passages()]
    assert texts == [{"en": "Welcome back. The dawn of AI. [laughs]"},
                     {"en": "Thanks, it's *really* good to be here: snake_case and all."}]
    page = (project.docs / "interviews" / "talk.md").read_text(encoding="utf-8")
    assert '<p lang="en">Welcome back.' in page and 'lang="zh-Hans"' not in page
    assert '# A test interview { lang="en" }' in page
    assert "约 17 词" in page  # 7 + 10 words
    home = (project.docs / "index.md").read_text(encoding="utf-8")
    assert '[A test interview](interviews/talk.md){ lang="en" }' in home


def test_an_interleaved_traditional_and_english_pair_is_one_quote(tmp_path):
    text = "The first step is pretraining.\n第一步是預訓練。\nThen comes post-training.\n然後是後訓練。\n"
    meta = metadata(languages=("en", "zh-Hant"), speakers=[
        {"id": "guest", "name": "Guest", "role": "guest", "labels": []}], layout={"reader": "bilingual-lines"})
    notes = "turns:\n  - at: {en: 'The first step'}\n    speaker: guest\n"
    project, site = build_small(tmp_path, {"pair.txt": text, "pair.yml": meta, "pair.annotations.yml": notes})
    texts = [p.texts for p in site.interviews[0].passages()]
    assert texts == [{"en": "The first step is pretraining.", "zh-Hant": "第一步是預訓練。"},
                     {"en": "Then comes post-training.", "zh-Hant": "然後是後訓練。"}]
    assert site.interviews[0].passages().__next__().concepts[:1] == ["pretraining"]
    page = (project.docs / "interviews" / "pair.md").read_text(encoding="utf-8")
    assert '<p lang="en">The first step is pretraining.</p><p lang="zh-Hant">第一步是預訓練。</p>' in page
    # the switch offers the page's two language families
    assert 'data-lang-mode="zh"' in page and 'data-lang-mode="en" aria-pressed="false" lang="en">English' in page
