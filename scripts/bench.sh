#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: installs the peers at pinned versions in a virtualenv of its own,
# builds citynet, runs the benchmark suite and rewrites BENCHMARKS.md's tables and
# docs/figures/scaling.png/.svg.
#
#   bash scripts/bench.sh            # the whole suite (several hours on 2 cores)
#   bash scripts/bench.sh --quick    # a subset (about 15 minutes on 2 cores)
#
# Debian/Ubuntu; installs with apt-get what is missing (python3-venv, time, python3-graph-tool
# and python3-scipy for the system Python), using sudo when not run as root. The virtualenv is
# target/bench-venv (CITYNET_BENCH_VENV) with scripts/bench-requirements.txt; results go to
# docs/figures/*.json and output/bench/ (CITYNET_BENCH_OUT). BENCHMARKS.md says what each
# section runs in each mode.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: bash scripts/bench.sh [--quick]" >&2; exit 2 ;;
esac
VENV=${CITYNET_BENCH_VENV:-target/bench-venv}
OUT=${CITYNET_BENCH_OUT:-output/bench}
INPUTS=output/scale-inputs
start=$(date +%s)
step() { echo "== $* ($(($(date +%s) - start)) s)" >&2; }

step "system packages"
need=()
python3 -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
[ -x /usr/bin/time ] || need+=(time)
/usr/bin/python3 -c 'import graph_tool, scipy' >/dev/null 2>&1 || need+=(python3-graph-tool python3-scipy)
if ((${#need[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

step "virtualenv $VENV"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PY=$VENV/bin/python
"$PY" -m pip install -q --disable-pip-version-check -r scripts/bench-requirements.txt

step "build"
cargo build --release --locked --bin citynet --example bench_metrics --example bench_plot

step "inputs"
[ -s "$INPUTS/covenant.csv" ] && [ -s "$INPUTS/ba100k.csv" ] && [ -s "$INPUTS/covenant-small.csv" ] \
  || python3 scripts/gen_scale.py --out "$INPUTS"
mkdir -p "$OUT"

if ((quick)); then
  step "metric engine, n = 1k and 3k"
  "$PY" scripts/bench_compare.py --scaling --sizes 1000,3000 --limit 10 --merge >/dev/null
  step "membership tables, 1k and 3k cities"
  "$PY" scripts/bench_compare.py --tables --sizes 1000,3000 --limit 60 --merge >/dev/null
  step "whole analyses at scale: citynet on the two tables"
  "$PY" scripts/bench_scale.py --inputs "$INPUTS" --tools citynet --repeat 1 \
    --cases covenant,covenant-small --json docs/figures/scale.json --merge >/dev/null
  step "validated projection, 1,000 cities"
  "$PY" scripts/bench_backbone.py "$INPUTS/covenant.csv" --sizes 1000 --timeout 300 \
    --bicm-mem-gb 8 | tee "$OUT/quick-backbone.md"
  step "robustness, without the NetworkX peer"
  "$PY" scripts/bench_robustness.py --no-networkx | tee "$OUT/quick-robustness.md"
  step "reading an edge list"
  bash scripts/bench_read.sh "$INPUTS/ba100k.csv" "$PY" | tee "$OUT/read.md"
  sections=machine,headline,scaling,tables,scale,read
else
  step "metric engine, n = 1k to 100k"
  "$PY" scripts/bench_compare.py --scaling --limit 20 --near 1.5 >/dev/null
  step "small graph and Louvain at 100k"
  "$PY" scripts/bench_compare.py --cases small --rounds 3 --json "$OUT/small.json" >/dev/null
  "$PY" scripts/bench_compare.py --cases big100k --metrics community --rounds 2 \
    --json "$OUT/big100k.json" >/dev/null
  "$PY" - "$OUT" <<'EOF'
import json, os, sys
out = sys.argv[1]
parts = [json.load(open(os.path.join(out, f))) for f in ("small.json", "big100k.json")]
parts[0]["cases"] += parts[1]["cases"]
json.dump(parts[0], open(os.path.join(out, "cases.json"), "w"), indent=1)
EOF
  step "membership tables, 1k to 30k cities"
  "$PY" scripts/bench_compare.py --tables --limit 60 >/dev/null
  step "whole analyses at scale"
  "$PY" scripts/bench_scale.py --inputs "$INPUTS" --repeat 3 --timeout 300 \
    --json docs/figures/scale.json >/dev/null
  step "validated projection"
  "$PY" scripts/bench_backbone.py "$INPUTS/covenant.csv" --sizes 1000,0 --timeout 420 \
    --bicm-mem-gb 8 | tee "$OUT/backbone.md"
  step "robustness"
  "$PY" scripts/bench_robustness.py | tee "$OUT/robustness.md"
  step "reading an edge list"
  bash scripts/bench_read.sh "$INPUTS/ba100k.csv" "$PY" | tee "$OUT/read.md"
  sections=""
fi

step "figure and report"
"${CARGO_TARGET_DIR:-target}/release/examples/bench_plot" docs/figures/scaling.json docs/figures/scaling-tables.json \
  docs/figures/scaling
"$PY" scripts/bench_report.py --results "$OUT" ${sections:+--only "$sections"}
step "done"
