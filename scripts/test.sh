#!/usr/bin/env bash
# Runs every check and test: formatting, clippy (warnings are errors), and the test suite
# (unit, NetworkX cross-checks, end-to-end runs of the binary with Graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --all-targets --locked
