#!/usr/bin/env bash
# Quick start: install what is missing, build citynet, analyse the bundled default network.
# Results go to output/city-diplomacy/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cargo build --release --locked
./target/release/citynet analyze "$@"
