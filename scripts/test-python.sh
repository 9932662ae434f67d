#!/usr/bin/env bash
# Builds the Python package the way a user installs it (`pip install ./python`) in a fresh
# virtualenv, then runs its tests: pytest over python/tests (every function against the
# command line's output on the bundled networks, to_networkx against NetworkX, errors and
# warnings, the GIL released, the docstrings' examples, examples/notebook.ipynb through
# nbclient, the .pyi stubs through mypy's stubtest).
#
# The package is compiled in the dev profile into the same cargo target folder as the rest of
# the tests (CARGO_TARGET_DIR, default target/), so the library is not compiled twice; the
# command line it is compared with is that folder's debug/citynet.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
venv="$CARGO_TARGET_DIR/python-venv"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
MATURIN_PEP517_ARGS="--profile dev" "$venv/bin/python" -m pip install --quiet "./python[test]"
cargo build --locked --quiet --bin citynet
export CITYNET_BIN="$CARGO_TARGET_DIR/debug/citynet"
# From the repository root, so that `import citynet` is the installed package, not python/citynet.
# pytest's exit code is the script's: 1 failures, 2 interrupted, 3 internal error, 4 usage,
# 5 no test collected (a failure too: the suite must run).
status=0
"$venv/bin/python" -m pytest python/tests -q -p no:cacheprovider || status=$?
if [ "$status" -ne 0 ]; then
  echo "python package tests failed (pytest exit code $status)" >&2
  exit "$status"
fi
