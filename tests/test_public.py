"""The hosted site (issue: real URLs, share pages, previews, citations, feeds):
the public address comes from SITE_URL and is everywhere a link leaves the
site; every quote has a small page that unfurls as the quote."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import jsonschema
import pytest
import yaml
from lxml import html as lxml_html

from browser_support import project_copy
from support import ROOT, SUTSKEVER, VINYALS, ZAREMBA, build_small, load, metadata
from transcripts import cite, previews, share

PUBLIC = "https://example.org/archive/"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    """The real sources built as `SITE_URL=https://example.org/archive/ bash scripts/serve.sh build` would."""
    project = project_copy(tmp_path_factory.mktemp("project") / "p")
    out = tmp_path_factory.mktemp("public") / "site"
    env = {**os.environ, "SITE_URL": PUBLIC, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1732000000"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=project,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out


def head(path: Path) -> dict:
    tree = lxml_html.parse(str(path))
    tags = {m.get("property") or m.get("name") or m.get("http-equiv"): m.get("content")
            for m in tree.xpath("//head/meta") if m.get("property") or m.get("name") or m.get("http-equiv")}
    tags["canonical"] = (tree.xpath("//head/link[@rel='canonical']/@href") or [None])[0]
    tags["title"] = tree.findtext(".//head/title")
    tags["alternate"] = tree.xpath("//head/link[@rel='alternate']/@href")
    return tags


def test_every_public_link_uses_site_url(public_site):
    pages = [p for p in public_site.rglob("*.html") if "q" not in p.relative_to(public_site).parts[:1]]
    pages = [p for p in pages if p.name != "404.html"]
    assert len(pages) > 100
    for page in pages:
        tags = head(page)
        assert tags["canonical"].startswith(PUBLIC), (page, tags["canonical"])
        assert tags["og:url"] == tags["canonical"]
        assert tags["og:image"] == PUBLIC + "images/og-card.png"
        assert tags["alternate"] == [PUBLIC + "feed.xml", PUBLIC + "feed.json"]
    locs = re.findall(r"<loc>([^<]+)</loc>", (public_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locs) == len(pages) and all(loc.startswith(PUBLIC) for loc in locs)
    for share_page in (public_site / "q").rglob("index.html"):
        tags = head(share_page)
        assert tags["og:url"].startswith(PUBLIC + "q/") and tags["canonical"].startswith(PUBLIC + "interviews/")
    interview = (public_site / "interviews" / VINYALS / "index.html").read_text(encoding="utf-8")
    assert f'data-site-url="{PUBLIC}"' in interview  # what ¶ and ❝ copy (browser tests)
    csl = json.loads(lxml_html.fromstring(interview).xpath("//details[@class='cite-interview']/@data-csl")[0])
    assert csl["URL"] == f"{PUBLIC}interviews/{VINYALS}/"


def test_share_pages_one_small_file_per_quote(public_site):
    data = json.loads((public_site / "data" / f"{SUTSKEVER}.json").read_text(encoding="utf-8"))
    files = list((public_site / "q" / SUTSKEVER).rglob("index.html"))
    assert len(files) == len(data["passages"]) + len(data["retired"])
    quotes = {p["id"]: sum(len(t.encode()) for t in p["text"].values()) for p in data["passages"]}
    # the quote once in the body, at most 200 characters of it in the head: the rest is a few tags
    overhead = [f.stat().st_size - quotes[f.parent.name] for f in files]
    assert max(overhead) < 3000, max(overhead)


def test_a_share_page_head_is_the_quote_for_an_unfurler(public_site):
    """A bilingual pair: both languages in the description, the speaker and the
    interview in the title; no JavaScript needed to be sent on."""
    data = json.loads((public_site / "data" / f"{SUTSKEVER}.json").read_text(encoding="utf-8"))
    quote = next(p for p in data["passages"] if p["speaker"] == "ilya-sutskever" and set(p["text"]) == {"en", "zh-Hans"}
                 and len(p["text"]["en"]) > 150)
    tags = head(public_site / "q" / SUTSKEVER / quote["id"] / "index.html")
    assert tags["og:type"] == "article" and tags["og:site_name"] == "AI 研究者访谈"
    assert tags["og:title"] == tags["title"] == f"Ilya Sutskever（伊利亚·苏茨克维） — {data['title']['zh-Hans']}"
    zh, en = tags["og:description"].split(" / ")
    assert zh.rstrip("…") in quote["text"]["zh-Hans"] and en.rstrip("…").rstrip() in quote["text"]["en"]
    assert len(zh) <= share.DESCRIPTION_LIMIT[True] // 2 and len(en) <= share.DESCRIPTION_LIMIT[False] // 2
    assert tags["description"] == tags["og:description"] and tags["twitter:card"] == "summary"
    assert tags["og:url"] == f"{PUBLIC}q/{SUTSKEVER}/{quote['id']}/"
    assert tags["canonical"] == f"{PUBLIC}interviews/{SUTSKEVER}/#{quote['id']}"
    assert tags["refresh"] == f"0; url=../../../interviews/{SUTSKEVER}/#{quote['id']}"
    body = lxml_html.parse(str(public_site / "q" / SUTSKEVER / quote["id"] / "index.html"))
    assert body.xpath("string(//blockquote[@lang='en'])") == quote["text"]["en"]


def test_source_text_in_a_share_page_is_text(tmp_path):
    text = "主持人：<script>alert(1)</script> & {{ 7*7 }} \"引号\"\n嘉宾：好。\n"
    project, site = build_small(tmp_path, {"x.txt": text, "x.yml": metadata()})
    passage = next(site.interviews[0].passages())
    page = (project.docs / share.share_path("x", passage.id)).read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}" in page
    assert 'content="&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }} &#34;引号&#34;"' in page


def test_a_retired_id_s_share_page_sends_to_its_successor(tmp_path):
    text = "主持人：第一个问题是什么？\n嘉宾：第一个回答，说得很长很长。\n主持人：第二个问题是什么？\n嘉宾：第二个回答。\n"
    project, site = build_small(tmp_path, {"x.txt": text, "x.yml": metadata()})
    old = {p.texts["zh-Hans"]: p.id for p in site.interviews[0].passages()}
    (project.sources / "x.txt").write_text(text.replace("主持人：第二个问题是什么？\n", ""), encoding="utf-8")
    from transcripts.build import build
    site = build(project, need_site=True).site
    retired = old["第二个问题是什么？"]
    successor = site.interviews[0].retired[retired]
    page = (project.docs / share.share_path("x", retired)).read_text(encoding="utf-8")
    assert f'url=../../../interviews/x/#{successor}"' in page
    assert f'content="{project.site_url}q/x/{retired}/"' in page  # its own address, the successor's words


def test_previews_say_what_each_page_is():
    zaremba = load(ZAREMBA)
    text = previews.interview_description(zaremba)
    assert text.startswith("Practical AI #14 · 嘉宾 Wojciech Zaremba（沃伊切赫·扎伦巴），主持人 Daniel Whitenack（丹尼尔·怀特纳克） · 2018。")
    assert "Thank you for the invite." in text and len(text) <= previews.LIMIT
    hassabis = previews.interview_description(load("2024-hassabis-xinzhiyuan-qa"))
    assert "Interviewer (unnamed)" not in hassabis and hassabis.startswith("嘉宾 Demis Hassabis")


def test_descriptions_are_in_every_page_head(public_site):
    tags = head(public_site / "concepts" / "pretraining" / "index.html")
    assert tags["description"].startswith("预训练（Pretraining）：")
    tags = head(public_site / "speakers" / "john-schulman" / "index.html")
    assert tags["description"].startswith("John Schulman（约翰·舒尔曼）：在 1 篇访谈中作为嘉宾发言")
    tags = head(public_site / "interviews" / ZAREMBA / "index.html")
    assert tags["description"] == previews.interview_description(load(ZAREMBA))


# CSL-JSON items (https://citationstyles.org/ input data): `id` and `type`
# required, known variables only, names and dates in their structures.
NAME = {"type": "object", "properties": {"literal": {"type": "string"}, "family": {"type": "string"},
                                         "given": {"type": "string"}}, "additionalProperties": False}
DATE = {"type": "object", "properties": {"date-parts": {"type": "array", "minItems": 1, "maxItems": 2, "items": {
    "type": "array", "minItems": 1, "maxItems": 3, "items": {"type": ["integer", "string"]}}}},
    "required": ["date-parts"], "additionalProperties": False}
TEXT_VARIABLES = ("title", "original-title", "container-title", "publisher", "language", "URL", "note", "abstract")
CSL_ITEM = {
    "type": "object", "required": ["id", "type"], "additionalProperties": False,
    "properties": {"id": {"type": ["string", "number"]}, "number": {"type": ["string", "number"]},
                   "type": {"enum": ["interview", "broadcast", "speech", "webpage", "post"]},
                   **{v: {"type": "string"} for v in TEXT_VARIABLES},
                   **{v: {"type": "array", "items": NAME} for v in ("author", "interviewer", "translator")},
                   **{v: DATE for v in ("issued", "accessed")}},
}
CSL_DATA = {"type": "array", "items": CSL_ITEM}


def test_the_interview_citation_data_is_valid_csl_json():
    for slug in (VINYALS, SUTSKEVER, ZAREMBA):
        item = cite.interview_csl(load(slug), PUBLIC)
        jsonschema.validate([item], CSL_DATA)
    item = cite.interview_csl(load(ZAREMBA), PUBLIC)
    assert item["author"] == [{"literal": "Wojciech Zaremba"}] and item["interviewer"] == [{"literal": "Daniel Whitenack"}]
    assert item["issued"] == {"date-parts": [[2018]]} and item["container-title"] == "Practical AI"
    assert "Licence: CC BY-SA 4.0" in item["note"] and item["URL"] == f"{PUBLIC}interviews/{ZAREMBA}/"


def test_the_feeds_list_every_interview_newest_addition_first(public_site):
    atom = feedparser.parse((public_site / "feed.xml").read_bytes())
    assert not atom.bozo, atom.bozo_exception
    entries = atom.entries
    slugs = sorted((p.stem for p in (public_site / "data").glob("2*.json")))
    assert len(entries) == len(slugs) == 6
    assert entries[0].link == f"{PUBLIC}interviews/{ZAREMBA}/"  # added last
    assert [e.updated for e in entries] == sorted((e.updated for e in entries), reverse=True)
    first = entries[0]
    assert first.title.startswith("Wojciech Zaremba 谈 OpenAI") and first.summary.startswith("Practical AI #14")
    assert [a.name for a in first.authors] == ["Daniel Whitenack", "Wojciech Zaremba"]
    assert all(e.link.startswith(PUBLIC) and e.id == e.link for e in entries)
    assert atom.feed.links[1].href == PUBLIC + "feed.xml"
    data = json.loads((public_site / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1" and data["feed_url"] == PUBLIC + "feed.json"
    assert [i["url"] for i in data["items"]] == [e.link for e in entries]
    home = (public_site / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in home  # linked from the home page too


WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def test_the_deploy_workflow_tests_builds_for_the_pages_address_and_publishes():
    """actionlint cannot be installed here (it downloads its binary): the
    workflow is read as YAML and its wiring checked."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert set(flow[True]) >= {"push", "pull_request"}  # YAML reads `on:` as true
    jobs = flow["jobs"]
    assert list(jobs) == ["test", "build", "deploy"]
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    runs = {name: " ".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()}
    assert "bash scripts/test.sh" in runs["test"] and "bash scripts/serve.sh build" in runs["build"]
    build_steps = jobs["build"]["steps"]
    ids = {step.get("id") for step in build_steps}
    site_step = next(step for step in build_steps if "serve.sh build" in step.get("run", ""))
    assert site_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/" and "pages" in ids
    upload = next(step for step in build_steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert "pull_request" in jobs["deploy"]["if"]  # pull requests are tested and built, never published
    for name, job in jobs.items():
        assert job["runs-on"] == "ubuntu-latest"
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
            for expression in re.findall(r"\$\{\{\s*steps\.([\w-]+)\.", json.dumps(step)):
                assert expression in {s.get("id") for s in job["steps"]}, (name, expression)
    env_url = jobs["deploy"]["environment"]["url"]
    assert re.search(r"steps\.deployment\.", env_url) and any(s.get("id") == "deployment" for s in jobs["deploy"]["steps"])
