"""MkDocs hook: run the transcript pipeline inside `mkdocs build` and `mkdocs serve`.

Only wiring: the work is in the transcripts package. on_config regenerates the
pages (writing only files that changed, so serve does not loop) and sets the
navigation; on_serve watches sources/ so editing a transcript, its metadata or
a rule file rebuilds the site.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transcripts.build import Project, build  # noqa: E402
from transcripts.errors import BuildError  # noqa: E402


@event_priority(100)  # before the search plugin reads the generated jieba dictionary
def on_config(config):
    # site_url: mkdocs.yml's (SITE_URL, or `mkdocs serve`'s own address)
    project = Project(sources=ROOT / "sources", docs=Path(config["docs_dir"]), site_url=config["site_url"])
    try:
        result = build(project, show_progress=True)
    except BuildError as err:
        raise Abort(f"error: {err}") from None
    config["nav"] = result.nav
    return config


def on_serve(server, config, builder):
    server.watch(str(ROOT / "sources"))
    server.watch(str(ROOT / "templates"))
    return server
