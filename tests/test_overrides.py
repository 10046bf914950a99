"""Theme overrides (overrides/, Material's custom_dir) stay copies of Material's partials plus our change.

An override replaces Material's whole partial: if a Material release changes
it, our copy would silently keep the old markup. Each override here must be
Material's current partial with only the attributes we add (and our header).
"""
import re
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parent.parent
MATERIAL = Path(material.__file__).parent / "templates"

# partial -> (our markup, Material's) for each change our copy makes
CHANGES = {
    "partials/search.html": [('''role="dialog" aria-label="{{ lang.t('search') }}">''', 'role="dialog">')],
    "partials/progress.html": [('role="progressbar" aria-label="页面加载进度">', 'role="progressbar">')],
}


def without_header(text: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)


@pytest.mark.parametrize("partial", sorted(CHANGES))
def test_override_is_materials_partial_plus_our_attributes(partial):
    ours = (ROOT / "overrides" / partial).read_text(encoding="utf-8")
    for mine, original in CHANGES[partial]:
        assert ours.count(mine) == 1, f"{partial}: {mine!r} is not in our copy once"
        ours = ours.replace(mine, original)
    theirs = (MATERIAL / partial).read_text(encoding="utf-8")
    assert without_header(ours) == without_header(theirs), (
        f"Material's {partial} changed: copy the new one into overrides/ and make {CHANGES[partial]} again")


def test_every_override_is_checked():
    overrides = {p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*.html")}
    assert overrides - {"main.html"} == set(CHANGES)
