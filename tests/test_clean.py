"""Stage 2, clean: boilerplate removed by named rules, metadata lines kept as metadata."""
import pytest
import yaml

from support import ALL, HASSABIS, SCHULMAN, SOURCES, SUTSKEVER, VINYALS, load

BOILERPLATE = {
    VINYALS: ["关注公众号", "全文12,600", "封面图链接", "往期回顾", "纽约时报专访 Sam Altman", "实战派AI团队",
              "Milo-1101", "投入产出比", "素材来源", "END", "原文链接", "drastic思维突破增量改进"],
    HASSABIS: ["【开源免费】", "项目地址", "n8n", "MetaGPT", "在线使用", "参考资料", "文章来自于微信公众号"],
    SCHULMAN: ["电脑网络维修", "猜你喜欢", "热门标签", "洗手盆", "热门资讯", "关注我们", "微信公众号",
               "本网站的文章", "本文转载自", "关注微信", "大模型史 ..."],
    SUTSKEVER: ["- YouTube", "中英文字稿", "发布时间"],
}


@pytest.mark.parametrize("slug", BOILERPLATE)
def test_boilerplate_is_gone_from_every_passage(slug):
    text = "\n".join(p.plain_text() for p in load(slug).passages())
    for phrase in BOILERPLATE[slug]:
        assert phrase not in text, phrase


def _removed(slug):
    return {(r.rule, r.line) for r in load(slug).removed}


def test_each_removal_names_its_rule_and_line():
    removed = _removed(VINYALS)
    assert ("cover-image", 8) in removed
    assert ("word-count", 12) in removed
    assert ("wechat-follow-prompt", 10) in removed
    assert {("team-ad", n) for n in range(281, 294)} <= removed
    assert ("past-articles-heading", 269) in removed
    assert ("end-marker", 299) in removed
    # the interview itself is untouched
    assert not any(30 <= line <= 266 for _, line in removed)


def test_site_chrome_of_the_repost_is_removed_line_by_line():
    removed = _removed(SCHULMAN)
    assert {("site-category", 3), ("site-post-date", 4), ("reprint-credit", 456), ("site-tag-cloud", 466)} <= removed
    assert ("site-tags", 1) in removed  # only the tag list, the article's first words stay
    first = next(load(SCHULMAN).passages())
    assert first.source_text("zh-Hans").startswith("OpenAI联结开创人John 的离任")


def test_source_links_become_metadata():
    assert load(VINYALS).extracted["writeup_url"].startswith("http://mp.weixin.qq.com/s?__biz=Mzg5NTc4ODkzOA==")
    assert load(VINYALS).extracted["media_url"].startswith("https://www.youtube.com/watch?v=78mEYaztGaw")
    assert load(HASSABIS).extracted == {"reference_url": "https://www.youtube.com/watch?v=eqXfhejDeqA",
                                        "publisher": "新智元"}
    assert load(SUTSKEVER).extracted["published"] == "2023-03-14"
    assert load(SCHULMAN).extracted["repost_url"] == "http://www.duobeib.com/diannaowangluoweixiu/5512.html"


def test_every_rule_removes_something_in_some_source():
    """No dead rules: each named rule is exercised by a real source."""
    rules = {r["name"] for r in yaml.safe_load((SOURCES / "rules" / "clean.yml").read_text())["rules"]}
    for slug in ALL:
        rules |= {r["name"] for r in yaml.safe_load((SOURCES / f"{slug}.yml").read_text())["clean"]}
    used = {r.rule for slug in ALL for r in load(slug).removed}
    assert rules - used == set()
