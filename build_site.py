#!/usr/bin/env python3
"""Regenerate every generated page in docs/ from sources/.

    python build_site.py            build
    python build_site.py --report   build and list what cleaning removed,
                                    turn counts and unattributed passages
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from transcripts.build import Project, build
from transcripts.errors import BuildError
from transcripts.report import report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", action="store_true", help="print what each cleaning rule removed and the turn counts")
    parser.add_argument("--sources", type=Path, default=Project.sources, help="folder of transcripts and metadata")
    parser.add_argument("--docs", type=Path, default=Project.docs, help="MkDocs docs folder to write into")
    args = parser.parse_args(argv)
    try:
        result = build(Project(sources=args.sources, docs=args.docs), need_site=args.report, show_progress=True)
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


if __name__ == "__main__":
    sys.exit(main())
