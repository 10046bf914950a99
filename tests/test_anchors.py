"""Anchors: unique, readable, and independent of position and build order."""
import re

from support import ALL, SCHULMAN, VINYALS, copy_project, load


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

from transcripts.anchors import _similarity, passage_key  # noqa: E402


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
