#!/usr/bin/env bash
# Set up, build the pages from sources/, and serve the site on http://127.0.0.1:8000
# (`scripts/serve.sh build` writes the static site to site/ instead).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh requirements.txt
.venv/bin/python build_site.py
export NO_MKDOCS_2_WARNING=1
# reproducible builds: the only date in the site (sitemap) is the last commit's
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1732000000)}
if [ "${1:-serve}" = "build" ]; then
  exec .venv/bin/mkdocs build --strict
fi
exec .venv/bin/mkdocs serve --strict -a 127.0.0.1:8000
