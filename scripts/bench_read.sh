#!/usr/bin/env bash
# Reading benchmark: citynet reading an edge list and computing degree, against NetworKit
# reading the same file with its own EdgeListReader and computing connected components, both
# timed as whole processes with /usr/bin/time -v (CPU time, wall time, peak resident set).
# `bash scripts/bench.sh` runs it; by hand:
#
#   cargo build --release
#   python3 scripts/gen_scale.py --out output/scale-inputs --only graph
#   bash scripts/bench_read.sh [output/scale-inputs/ba100k.csv] [PYTHON]
#
# PYTHON must have networkit (default: python3). Each tool runs 3 times; prints a Markdown
# table with the median of each column and the three CPU times.
set -euo pipefail
FILE=${1:-output/scale-inputs/ba100k.csv}
PY=${2:-python3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
NK=$(mktemp --suffix=.py)
trap 'rm -f "$NK"' EXIT
cat > "$NK" <<'PY'
import sys
import networkit as nk
# Node names are labels (n000001, ...): continuous=False maps them to ids; the header line
# "source,target" is skipped as a comment.
r = nk.graphio.EdgeListReader(',', 0, commentPrefix='source', continuous=False, directed=False)
G = r.read(sys.argv[1])
cc = nk.components.ConnectedComponents(G)
cc.run()
print(G.numberOfNodes(), G.numberOfEdges(), cc.numberOfComponents(), file=sys.stderr)
PY
# One line per run: CPU seconds (user + system), wall seconds, peak RSS in KiB.
measure() {
  for _ in 1 2 3; do
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk '
      /User time/ {u=$4} /System time/ {s=$4} /Elapsed/ {w=$8}
      /Maximum resident/ {m=$6}
      END {split(w, a, ":"); ws = (length(a) == 3) ? a[1]*3600 + a[2]*60 + a[3] : a[1]*60 + a[2];
           printf "%.2f %.2f %d\n", u+s, ws, m}'
  done
}
median() { awk -v k="$1" '{print $k}' | sort -n | sed -n 2p; }
# Markdown row: tool with its three CPU times, median CPU, wall and peak, CPU ratio to $3.
row() {
  local name=$1 runs=$2 base=${3:-} cpu wall peak all ratio="1×"
  cpu=$(median 1 <<<"$runs"); wall=$(median 2 <<<"$runs"); peak=$(median 3 <<<"$runs")
  all=$(awk '{print $1}' <<<"$runs" | paste -sd, - | sed 's/,/, /g')
  [ -z "$base" ] || ratio=$(awk -v c="$cpu" -v b="$base" 'BEGIN {printf "%.2f×", c / b}')
  awk -v n="$name" -v a="$all" -v c="$cpu" -v w="$wall" -v p="$peak" -v r="$ratio" \
    'BEGIN {printf "| %s (%s) | %.2f | %.2f | %.0f MiB | %s |\n", n, a, c, w, p / 1024, r}'
}
cn=$(measure "${CARGO_TARGET_DIR:-$ROOT/target}/release/citynet" metrics "$FILE" --metrics degree --threads 2 -q)
nk=$(measure "$PY" "$NK" "$FILE")
nk_cpu=$(median 1 <<<"$nk")
echo "| tool (CPU s of the 3 runs) | CPU (s) | wall (s) | peak memory | CPU vs NetworKit |"
echo "|---|---:|---:|---:|---:|"
row "citynet" "$cn" "$nk_cpu"
row "NetworKit, read + components" "$nk"
