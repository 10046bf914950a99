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
