#!/usr/bin/env bash
# Runs every check and test: formatting, clippy (warnings are errors), the test suite (unit,
# NetworkX cross-checks, end-to-end runs of the binary with Graphviz, report.html in headless
# Chromium, LaTeX tables through pdflatex), the library API's doc examples and its
# documentation without a broken link (cargo doc, warnings are errors), the Python package
# (scripts/test-python.sh), the R package (scripts/test-r.sh) and the guide (mdBook build and
# link check, scripts/docs.sh); installs the tools those need first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
# No incremental cache on CI-style runs: it only doubles what the target folder holds.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo clippy -p citynet-r --all-targets --locked -- -D warnings
cargo test --all-targets --locked
cargo test --doc --locked
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked -p citynet
bash scripts/test-python.sh
bash scripts/test-r.sh
bash scripts/docs.sh
