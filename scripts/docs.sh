#!/usr/bin/env bash
# Builds the guide (docs/ -> docs/book/) with mdBook and checks every link: the relative links
# and anchors of README.md, BENCHMARKS.md, ARCHITECTURE.md and docs/src/*.md, and the links and
# images of the built HTML (scripts/check_links.py). Installs mdBook (pinned) only if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
MDBOOK_VERSION=0.4.52
if [ "$(mdbook --version 2>/dev/null)" != "mdbook v$MDBOOK_VERSION" ]; then
  echo "installing mdbook $MDBOOK_VERSION" >&2
  cargo install mdbook --version "$MDBOOK_VERSION" --locked --no-default-features \
    --features search --quiet
fi
mdbook build docs
python3 scripts/check_links.py --book docs/book
