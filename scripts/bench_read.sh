#!/usr/bin/env bash
# Reading benchmark (issue 11, item 9): citynet reading an edge list and computing degree,
# against NetworKit reading the same file with its own EdgeListReader and computing connected
# components, both timed as whole processes with /usr/bin/time -v (CPU time, wall time, peak
# resident set). Results go in BENCHMARKS.md, section "Reading".
#
#   cargo build --release
#   python3 scripts/gen_scale.py --out output/scale-inputs --only graph
#   scripts/bench_read.sh [output/scale-inputs/ba100k.csv] [PYTHON]
#
# PYTHON must have networkit (default /work/venv/bin/python). Each tool runs 3 times; the lines
# printed are user+system CPU seconds, wall seconds and peak RSS in MiB per run.
set -euo pipefail
FILE=${1:-output/scale-inputs/ba100k.csv}
PY=${2:-/work/venv/bin/python}
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
measure() {
  local name=$1; shift
  for i in 1 2 3; do
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -v n="$name" '
      /User time/ {u=$4} /System time/ {s=$4} /Elapsed/ {w=$8}
      /Maximum resident/ {m=$6}
      END {split(w, a, ":"); ws = (length(a) == 3) ? a[1]*3600 + a[2]*60 + a[3] : a[1]*60 + a[2];
           printf "%-10s cpu %.2f s  wall %.2f s  peak %.0f MiB\n", n, u+s, ws, m/1024}'
  done
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure citynet "$ROOT/target/release/citynet" metrics "$FILE" --metrics degree --threads 2 -q
measure networkit "$PY" "$NK" "$FILE"
