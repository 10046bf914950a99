#!/usr/bin/env python3
"""Regenerate every generated page in docs/ from sources/.

    python build_site.py                  build
    python build_site.py --report         build and list what cleaning removed,
                                          turn counts and unattributed passages
    python build_site.py new PATH [--slug SLUG]
                                          copy a transcript into sources/, write a
                                          draft sources/<slug>.yml, build, report
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from transcripts.build import Project, build
from transcripts.errors import BuildError
from transcripts.report import report


def _build(project: Project, need_site: bool):
    return build(project, need_site=need_site, show_progress=True)


def main_build(args) -> int:
    try:
        result = _build(Project(sources=args.sources, docs=args.docs), need_site=args.report)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.report:
        print(report(result.site))
    if result.site is None:
        print(f"{result.interviews} interviews, nothing changed")
    else:
        print(f"built {result.interviews} interviews ({len(result.processed)} processed, "
              f"{result.interviews - len(result.processed)} from the cache), {len(result.changed)} file(s) changed")
    return 0


def main_new(args) -> int:
    from transcripts.newsource import add_source, summary
    try:
        new = add_source(args.sources, args.path, args.slug)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(summary(new))
    try:
        result = _build(Project(sources=args.sources, docs=args.docs), need_site=True)
    except BuildError as err:
        print(f"error: {err}", file=sys.stderr)
        print(f"The build stopped; nothing was published. Fix what the error names (the draft is {new.metadata}), "
              "then run: python build_site.py --report", file=sys.stderr)
        return 1
    print(report(result.site, only=new.slug))
    print(f"built {result.interviews} interviews. Now check the lines marked CHECK in {new.metadata}, "
          "fix what the report shows, and run: python build_site.py --report")
    return 0


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--sources", type=Path, default=Project.sources, help="folder of transcripts and metadata")
    common.add_argument("--docs", type=Path, default=Project.docs, help="MkDocs docs folder to write into")
    if argv[:1] == ["new"]:
        parser = argparse.ArgumentParser(prog="build_site.py new", parents=[common],
                                         description="Copy a transcript into sources/ and draft its metadata.")
        parser.add_argument("path", type=Path, help="the transcript (.txt, .md, .vtt or .srt)")
        parser.add_argument("--slug", help="the interview's permanent name in URLs (default: from the file name)")
        return main_new(parser.parse_args(argv[1:]))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
                                     parents=[common])
    parser.add_argument("--report", action="store_true", help="print what each cleaning rule removed and the turn counts")
    return main_build(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
