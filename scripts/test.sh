#!/usr/bin/env bash
# Set up (Python packages; Debian's Chromium for the browser tests and Node.js
# for bench/scoring_scale.js) and run every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh requirements-dev.txt
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-noto-cjk)
command -v node >/dev/null || missing+=(nodejs)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest "$@"
