#!/usr/bin/env bash
# Byte-for-byte output check for refactorings: builds a commit's release binary and runs a fixed
# set of commands into a folder, or compares two such folders.
#
#   scripts/byte_check.sh run COMMIT OUTDIR   build COMMIT (a worktree in a temp dir) and run
#   scripts/byte_check.sh runbin BIN OUTDIR   run an already built binary
#   scripts/byte_check.sh diff DIR_A DIR_B    compare two runs (exit 1 on any difference)
#   scripts/byte_check.sh pair [COMMIT]       run COMMIT (default HEAD) and its parent, then diff
#
# The commands: analyze (with figures) on every networks/* folder and on the test tables in
# tests/data; metrics, table, export (every format and graph) and render (every view) on the
# test tables and one bundled network; evolve and compare on the dated folder; curate when
# ../shared/data exists. Builds share one target dir (CHECK_TARGET, default
# /tmp/citynet-byte-check-target) so dependencies compile once.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
target="${CHECK_TARGET:-/tmp/citynet-byte-check-target}"

build() { # COMMIT -> prints the path of a copied binary
  local commit="$1" tree bin
  tree="$(mktemp -d /tmp/citynet-byte-check-tree.XXXXXX)"
  git -C "$repo" worktree add --detach --quiet "$tree" "$commit"
  (cd "$tree" && CARGO_TARGET_DIR="$target" cargo build --release --locked --quiet --bin citynet)
  bin="$(mktemp /tmp/citynet-byte-check-bin.XXXXXX)"
  cp "$target/release/citynet" "$bin"
  chmod +x "$bin"
  git -C "$repo" worktree remove --force "$tree"
  echo "$bin"
}

run_all() { # BIN OUTDIR: runs in the repo root so input paths (and messages) are the same
  local bin="$1" out="$2" n
  mkdir -p "$out"
  out="$(cd "$out" && pwd)"
  cd "$repo"
  step() { # NAME CMD...: stdout, stderr and exit code of one command
    local name="$1"
    shift
    set +e
    "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"
    echo $? >"$out/$name.rc"
    set -e
  }
  local inputs=(networks/* tests/data/folder tests/data/memberships.csv tests/data/edges.csv tests/data/nasty_names.csv)
  for input in "${inputs[@]}"; do
    n="$(echo "$input" | tr '/.' '__')"
    step "analyze-$n" "$bin" --threads 2 analyze "$input" -o "$out/analyze-$n"
    step "metrics-$n" "$bin" --threads 1 metrics "$input"
    step "table-md-$n" "$bin" table "$input" --format markdown
    step "table-tex-$n" "$bin" table "$input" --format latex --top 5
    step "table-csv-$n" "$bin" table "$input" --format csv --by betweenness
    step "validate-$n" "$bin" validate "$input"
    for to in graphml gexf json pajek; do
      step "export-$to-$n" "$bin" export "$input" --to "$to" --layout circle -o "$out/export-$n.$to"
    done
  done
  step analyze-broken "$bin" analyze tests/data/broken_folder -o "$out/analyze-broken"
  step metrics-broken "$bin" metrics tests/data/broken_folder
  for g in two-mode projection programs ties; do
    step "export-graph-$g" "$bin" export tests/data/folder --to graphml --graph "$g" --layout geo -o "$out/export-graph-$g.graphml"
  done
  for input in tests/data/folder tests/data/memberships.csv networks/sister-cities; do
    n="$(echo "$input" | tr '/.' '__')"
    for view in network bipartite map rank degrees; do
      step "render-$view-$n" "$bin" render "$input" --view "$view" -o "$out/render-$view-$n.png"
      step "render-svg-$view-$n" "$bin" render "$input" --view "$view" -o "$out/render-$view-$n.svg"
    done
  done
  step render-ego "$bin" render tests/data/folder --view ego --city Paris -o "$out/render-ego.svg"
  step render-pdf "$bin" render tests/data/folder --view network -o "$out/render-network.pdf"
  step render-color "$bin" render networks/city-diplomacy --view network --color country --size betweenness --labels 8 -o "$out/render-color.svg"
  step evolve "$bin" evolve networks/city-diplomacy --from 2000 --to 2020 --step 10 -o "$out/evolve"
  step compare "$bin" compare networks/city-diplomacy --years 2000 2020 --top 10
  step compare-two "$bin" compare tests/data/folder tests/data/memberships.csv
  if [ -d "$repo/../shared/data" ]; then
    step curate "$bin" curate --shared "$repo/../shared/data" --out "$out/curate"
  fi
  # Timings and absolute temp paths are not outputs; strip nothing else.
  grep -rlZ "$out" "$out" 2>/dev/null | xargs -0 -r sed -i "s#$out#OUT#g"
}

case "${1:-}" in
  run)
    bin="$(build "$2")"
    run_all "$bin" "$3"
    rm -f "$bin"
    ;;
  runbin)
    run_all "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")" "$3"
    ;;
  diff)
    if diff -r "$2" "$3"; then
      echo "byte-identical: $2 $3 ($(find "$2" -type f | wc -l) files)"
    else
      echo "DIFFERENT: $2 $3" >&2
      exit 1
    fi
    ;;
  pair)
    commit="$(git -C "$repo" rev-parse "${2:-HEAD}")"
    base="${BYTE_CHECK_DIR:-/tmp/citynet-byte-check}"
    rm -rf "$base/new" "$base/old"
    "$0" run "$commit" "$base/new"
    "$0" run "$commit^" "$base/old"
    "$0" diff "$base/old" "$base/new"
    ;;
  *)
    sed -n '2,14p' "$0"
    exit 2
    ;;
esac
