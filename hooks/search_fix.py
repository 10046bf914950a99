"""MkDocs hook: fix two bugs in Material's Chinese query segmentation.

Material's search worker splits a Chinese query into words of the index
(`fe()` in the minified worker) before Lunr sees it. Two bugs there make
multi-word Chinese queries miss the passage that contains them:

1. the inner loop stops one character short (`o<t.length`), so a word that
   ends the query is never found: `无限数据` became `无限` + `数*` and matched
   数字 in page titles;
2. the words are joined with `"* "` and then every term gets another `*`, so
   all but the last word are searched as `无限**` and never match.

The patches make the bound inclusive and mark each word of a Chinese run as
required (`+无限* +数据*`): a reader who types 无限数据 wants passages with
both words, not every passage that mentions 数据. If a Material
upgrade changes the code, the build fails loudly instead of shipping a
silently worse search.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import Abort

LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
JOIN = re.compile(r"(\[\.\.\.\w+\(\w,this\.index\.invertedIndex\)\]\.join\()\"\* \"\)")
PATCHES = (
    ("segmenter loop", LOOP, lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1)),
    ("segment join", JOIN, lambda m: m.group(1).replace(".join(", '.map(w=>"+"+w+"*").join(') + '" ")'),
)


def on_post_build(config):
    workers = sorted(Path(config["site_dir"]).glob("assets/javascripts/workers/search.*.min.js"))
    if not workers:
        raise Abort("search fix: Material's search worker not found in the built site")
    for worker in workers:
        code = worker.read_text(encoding="utf-8")
        for name, pattern, fix in PATCHES:
            code, count = pattern.subn(fix, code)
            if count != 1:
                raise Abort(f"search fix: expected the {name} once in {worker.name}, found {count}; "
                            "check hooks/search_fix.py against this Material version")
        worker.write_text(code, encoding="utf-8")
