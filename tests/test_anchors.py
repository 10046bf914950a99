"""Anchors: unique, readable, and independent of position and build order."""
import re

from support import ALL, SCHULMAN, SOURCES, VINYALS, copy_project, load
from transcripts.render import render_interview


def test_ids_are_unique_and_readable_on_every_page():
    for slug in ALL:
        interview = load(slug)
        ids = [p.id for p in interview.passages()] + [t.id for t in interview.turns()] + \
            [s.id for s in interview.sections if s.id]
        assert len(ids) == len(set(ids)), slug
        assert all(re.fullmatch(r"[qts]-[0-9a-f]{6,}(-\d+)?", i) for i in ids), slug


def test_ids_do_not_depend_on_position(tmp_path):
    """Insert a paragraph at the top, delete one, move a section: the others keep their ids."""
    project = copy_project(tmp_path)
    # ids come from the source text; corrections (which may lose their only match) are not the point here
    (project.sources / f"{SCHULMAN}.corrections.yml").unlink()
    before = {p.id: p.plain_text() for p in load(SCHULMAN).passages()}
    path = project.sources / f"{SCHULMAN}.txt"
    text = path.read_text(encoding="utf-8")
    start = text.index("即使在一两年之内,咱们会发现")  # inside a turn, not an annotated turn start
    deleted = text[start:text.index("\n\n", start) + 2]
    text = text.replace("当天我有幸与JohnSchulman", "新插入的一段编者按。\n\n当天我有幸与JohnSchulman", 1)
    text = text.replace(deleted, "", 1)
    path.write_text(text, encoding="utf-8")
    before = {p.id: p.source_text("zh-Hans") for p in load(SCHULMAN).passages()}
    after = {p.id: p.plain_text() for p in load(SCHULMAN, project.sources).passages()}
    kept = {i: t for i, t in before.items() if not t.startswith("即使在一两年之内")}
    assert all(after.get(i) == t for i, t in kept.items())
    assert len(after) == len(before)  # one inserted, one deleted


def test_same_text_gets_same_id_in_every_build():
    assert [p.id for p in load(VINYALS).passages()] == [p.id for p in load(VINYALS).passages()]


# --- permanence across edits (the registry) --------------------------------

from transcripts.anchors import _similarity, normalise_for_id, passage_key  # noqa: E402


def _edit_source(project, change):
    path = project.sources / f"{SCHULMAN}.txt"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _rebuild(project):
    """Build like build_site.py does: the registry written back after each build."""
    from transcripts.registry import dump_registry
    interview = load.__wrapped__(SCHULMAN, project.sources)
    (project.sources / f"{SCHULMAN}.anchors.yml").write_text(dump_registry(interview.registry, SCHULMAN),
                                                             encoding="utf-8")
    return interview


def _paragraph(text, start):
    begin = text.index(start)
    return text[begin:text.index("\n\n", begin) + 2]


EDITS = [
    ("insert a paragraph at the top",
     lambda t: t.replace("经过这篇访谈,咱们得以一窥", "编者按:这是新加的一段说明。\n\n经过这篇访谈,咱们得以一窥", 1), None),
    ("fix a typo inside a quote",
     lambda t: t.replace("的模型或许会堕入困境并迷失方向", "的模型或许会陷入困境并迷失方向", 1), None),
    ("apply a new correction", None,
     "  - find: 兴许五年\n    replace: 也许五年\n    kind: wording\n    why: 同义词替换\n"),
    ("split one turn's paragraph in two",
     lambda t: t.replace("我会说这未来自一些组合,训练模型执行像这样的更难义务。",
                         "我会说这未来自一些组合,训练模型执行像这样的更难义务。\n\n", 1), None),
    ("delete a paragraph", lambda t: t.replace(_paragraph(t, "这是任何类型的训练,比如做强化学习"), "", 1), None),
    ("move a section",
     lambda t: (lambda block: t.replace(block, "", 1).replace("预训练、后训练以及未来的才干\n\n",
                                                                block + "预训练、后训练以及未来的才干\n\n", 1))(
         t[t.index("钻研现状、平台期和护城河\n"):t.index("本文转载自")]), None),
]
# The issue's own case: a paragraph put in front of a turn (its annotation
# moved to it), which used to rename the turn (t- came from its first passage).
TURN_START = ("insert a paragraph at the start of a turn",
              lambda t: t.replace("感谢约请我参与播客", "（编者注：以下回答录音开头有笑声。）\n\n感谢约请我参与播客", 1),
              lambda notes: notes.replace('at: "感谢约请我参与播客"', 'at: "（编者注：以下回答录音开头有笑声。）"', 1))
# and a section retitled (its id used to be a hash of the title)
RETITLE = ("retitle a section", lambda t: t.replace("钻研现状、平台期和护城河\n", "研究现状、平台期与护城河\n", 1), None)


def test_issued_ids_survive_edits(tmp_path, capsys):
    project = copy_project(tmp_path)
    interview = _rebuild(project)
    issued = {p.id: passage_key(p) for p in interview.passages()}  # every id ever handed out
    rows = []
    for name, change, correction in EDITS:
        if change:
            _edit_source(project, change)
        if correction:
            path = project.sources / f"{SCHULMAN}.corrections.yml"
            path.write_text(path.read_text(encoding="utf-8") + correction, encoding="utf-8")
        interview = _rebuild(project)
        now = {p.id: passage_key(p) for p in interview.passages()}
        same = changed = retired = 0
        for anchor_id, old_text in issued.items():
            if anchor_id in now:
                ok = now[anchor_id] == old_text or _similarity(old_text, now[anchor_id])[0] > 0
                assert ok, f"{name}: {anchor_id} now opens a different quote"
                same += 1 if now[anchor_id] == old_text else 0
                changed += 0 if now[anchor_id] == old_text else 1
            else:
                assert interview.retired.get(anchor_id) in now, f"{name}: {anchor_id} leads nowhere"
                retired += 1
        new = [i for i in now if i not in issued]
        rows.append(f"{name:32} ids {len(issued):4}  same text {same:4}  edited text {changed:2}  "
                    f"to successor {retired:2}  new ids {len(new):2}")
        issued.update({i: now[i] for i in new})
    with capsys.disabled():
        print("\nanchor permanence on edits of a copy of " + SCHULMAN)
        print("\n".join(rows))
    # the deleted paragraph's id leads to its successor; the typo-fixed quote kept its id
    assert "delete" in rows[4] and "to successor  1" in rows[4]
    assert "edited text  1" in rows[1]


# --- every id on the page: quotes, turns, sections --------------------------------


def page_ids(interview):
    """The ids the rendered page carries: {id: what it opens} for live anchors
    (a quote's text, a turn's or section's text and title), and
    {retired id: successor} for the anchors placed at a successor."""
    page = render_interview(interview)
    live = set(re.findall(r'<div class="passage[^"]*" id="(q-[^"]+)"', page))
    live |= set(re.findall(r'<h3 [^>]*id="(t-[^"]+)"', page)) | set(re.findall(r"\{ #(s-[0-9a-f-]+)", page))
    retired = dict(re.findall(r'<span class="retired-anchor" id="([^"]+)" data-successor="([^"]+)"', page))
    content = {p.id: passage_key(p) for p in interview.passages()}
    content |= {t.id: "".join(passage_key(p) for p in t.passages) for t in interview.turns()}
    content |= {s.id: normalise_for_id(s.title) + "|" + "".join(passage_key(p) for t in s.turns for p in t.passages)
                for s in interview.sections if s.id}
    assert live == set(content), "the page and the model disagree on the ids"
    return {i: content[i] for i in live}, retired


def _opens_the_same(kind, old, now):
    """A kept id opens what it did (or that, edited): a quote its text, a turn
    the passages it held (more or fewer of them), a section its title or its passages."""
    if old == now:
        return "same"
    if kind == "s":
        (old_title, old_text), (title, text) = old.split("|", 1), now.split("|", 1)
        similar = old_title == title or _similarity(old_title, title)[0] or _similarity(old_text, text)[0]
    else:
        similar = _similarity(old, now)[0]
    return "edited" if similar else None


def _edit_notes(project, change):
    path = project.sources / f"{SCHULMAN}.annotations.yml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_every_id_on_the_page_survives_edits(tmp_path, capsys):
    """The edits of the quote-id test, a paragraph put in front of a turn and
    a section retitled, one after another on a copy of 004; after each, every id the page has ever
    carried (q-, t-, s-) is still on it: opening the same quote, turn or
    section (or that, edited), or placed at its successor (no JavaScript needed)."""
    project = copy_project(tmp_path)
    issued, _ = page_ids(_rebuild(project))
    assert {i[0] for i in issued} == {"q", "t", "s"}
    rows = []
    for name, change, extra in [*EDITS, TURN_START, RETITLE]:
        if change:
            _edit_source(project, change)
        if extra and name == TURN_START[0]:
            _edit_notes(project, extra)
        elif extra:
            path = project.sources / f"{SCHULMAN}.corrections.yml"
            path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
        live, retired = page_ids(_rebuild(project))
        tally = {kind: {"same": 0, "edited": 0, "successor": 0, "new": 0} for kind in "qts"}
        for anchor_id, old in issued.items():
            kind = anchor_id[0]
            if anchor_id in live:
                how = _opens_the_same(kind, old, live[anchor_id])
                assert how, f"{name}: #{anchor_id} now opens something else"
                tally[kind][how] += 1
            else:
                assert anchor_id in retired, f"{name}: #{anchor_id} is no longer on the page"
                successor = retired[anchor_id]
                assert successor in live, f"{name}: #{anchor_id} leads to #{successor}, which is not on the page"
                tally[kind]["successor"] += 1
        for anchor_id in live:
            if anchor_id not in issued:
                tally[anchor_id[0]]["new"] += 1
                issued[anchor_id] = live[anchor_id]
        rows.append((name, tally))
    with capsys.disabled():
        print("\nevery id on the page of a copy of " + SCHULMAN + " (kept / kept, content edited / "
              "at its successor / new)")
        for name, tally in rows:
            print(f"{name:42} " + "   ".join(f"{k}- {t['same']:3} {t['edited']:2} {t['successor']:2} {t['new']:2}"
                                             for k, t in tally.items()))
    by_name = dict(rows)
    # the turn a paragraph was put in front of kept its id (its content grew)
    assert by_name[TURN_START[0]]["t"]["edited"] >= 1
    # a deleted paragraph's quote id is placed at its successor
    assert by_name["delete a paragraph"]["q"]["successor"] == 1
    # the retitled section kept its id
    assert by_name[RETITLE[0]]["s"]["new"] == 0 and by_name[RETITLE[0]]["s"]["edited"] >= 1


def test_turn_and_section_ids_published_before_the_registry_held_them_are_kept():
    """The registries once held quotes only, and turn and section ids came
    from the first passage and the title on each build: a registry without
    them must give every turn and section the id it had (the links out there)."""
    from transcripts.registry import load_registry
    for slug in ALL:
        full = load(slug)
        quotes_only = [a for a in load_registry(SOURCES / f"{slug}.anchors.yml") if a.id.startswith("q-")]
        again = load.__wrapped__(slug)
        from transcripts.anchors import assign_ids
        assign_ids(again, quotes_only)
        assert [t.id for t in again.turns()] == [t.id for t in full.turns()], slug
        assert [s.id for s in again.sections] == [s.id for s in full.sections], slug
        assert all(t.id == "t" + t.passages[0].id[1:] for t in full.turns()), slug


def test_the_committed_registries_hold_every_id_on_the_pages():
    """Nothing on a page of the real sources is issued afresh by a build: the
    registries beside them are up to date (build_site.py writes them)."""
    from transcripts.registry import load_registry
    for slug in ALL:
        interview = load(slug)
        registered = {a.id for a in load_registry(SOURCES / f"{slug}.anchors.yml") if not a.retired_to}
        on_page = {p.id for p in interview.passages()} | {t.id for t in interview.turns()} | \
            {s.id for s in interview.sections if s.id}
        assert on_page == registered, slug
