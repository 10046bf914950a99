"""MkDocs hook: make Material's search work for Chinese quotes.

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
both words, not every passage that mentions 数据.

3. A traditional-Chinese query is converted to the simplified words of the
   index first, and a section containing the whole query as typed ranks
   higher (hooks/search_worker.js; table from transcripts/hanzi.py).
4. Results are grouped per page and Material shows only the sections that tie
   with the best one, folding the rest under "N more": for an interview that
   mentions a name in ten turns, a reader saw one quote even when the next
   was nearly as good. Sections scoring at least NEARLY_AS_GOOD of the best
   now stay visible; the rest are still folded.

If a Material upgrade changes the code, the build fails loudly instead of
shipping a silently worse search.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from transcripts.hanzi import index_words, query_table  # noqa: E402

NEARLY_AS_GOOD = 0.8  # a section scoring this share of its page's best stays visible
WORKER_JS = Path(__file__).with_name("search_worker.js")

LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")
JOIN = re.compile(r"(\[\.\.\.\w+\(\w,this\.index\.invertedIndex\)\]\.join\()\"\* \"\)")
QUERY = re.compile(r"search\((\w)\)\{(?=if\(\1=\1\.replace\(new RegExp\(\"\\\\p\{sc=Han\})")
RANK = re.compile(r"this\.index\.search\((\w)\)(?=\.reduce\()")
WORKER_PATCHES = (
    ("segmenter loop", LOOP, lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1)),
    ("segment join", JOIN, lambda m: m.group(1).replace(".join(", '.map(w=>"+"+w+"*").join(') + '" ")'),
    ("query entry", QUERY, lambda m: f"{m.group(0)}{m.group(1)}=self.searchQuery({m.group(1)});"),
    ("ranking", RANK, lambda m: f"self.boostPhrases({m.group(0)},this.map)"),
)
MORE = re.compile(r"(\w)=(\w)\.findIndex\((\w)=>\3\.score<(\w)\);\1===-1&&\(\1=\2\.length\);")
BUNDLE_PATCHES = (
    ("folded results", MORE,
     lambda m: f"{m.group(0)}{m.group(1)}=Math.max({m.group(1)},"
               f"{m.group(2)}.filter({m.group(3)}=>{m.group(3)}.score>={m.group(4)}*{NEARLY_AS_GOOD}).length);"),
)


def patch(path: Path, patches, appendix: str = "") -> None:
    code = path.read_text(encoding="utf-8")
    for name, pattern, fix in patches:
        code, count = pattern.subn(fix, code)
        if count != 1:
            raise Abort(f"search fix: expected the {name} once in {path.name}, found {count}; "
                        "check hooks/search_fix.py against this Material version")
    path.write_text(code + appendix, encoding="utf-8")


def built(site: Path, pattern: str) -> list[Path]:
    found = sorted(site.glob(pattern))
    if not found:
        raise Abort(f"search fix: {pattern} not found in the built site")
    return found


def han_query_script(index_path: Path) -> str:
    index = json.loads(index_path.read_text(encoding="utf-8"))
    texts = (doc.get(field, "") for doc in index["docs"] for field in ("title", "text"))
    table = query_table(index_words(texts, index["config"]["separator"]))
    data = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return WORKER_JS.read_text(encoding="utf-8").replace("/*TABLE*/", data)


def on_post_build(config):
    site = Path(config["site_dir"])
    appendix = han_query_script(site / "search" / "search_index.json")
    for worker in built(site, "assets/javascripts/workers/search.*.min.js"):
        patch(worker, WORKER_PATCHES, appendix)
    for bundle in built(site, "assets/javascripts/bundle.*.min.js"):
        patch(bundle, BUNDLE_PATCHES)
