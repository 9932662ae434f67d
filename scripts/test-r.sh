#!/usr/bin/env bash
# The R package in r/: installs it into a temporary library, runs its tests (against the
# citynet program on networks/, and against igraph), then R CMD check on the tarball R CMD
# build makes. cargo builds in the repository's target folder (or CARGO_TARGET_DIR), with the
# dev profile unless CITYNET_R_PROFILE says otherwise, so it reuses what `cargo test` built.
# Fails on a failing test and on any ERROR or WARNING of R CMD check; prints its NOTEs. The PDF
# manual is typeset in Times (texlive-fonts-recommended) rather than R's default Inconsolata,
# which only the much larger texlive-fonts-extra has.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
export CITYNET_REPO="$repo"
export CITYNET_R_PROFILE="${CITYNET_R_PROFILE:-dev}"
target="${CARGO_TARGET_DIR:-$repo/target}"
cargo build --locked --bin citynet
export CITYNET_BIN="$target/debug/citynet"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/lib"
export R_LIBS="$work/lib"
export R_RD4PDF="${R_RD4PDF:-times,hyper}"
R CMD INSTALL --preclean --clean -l "$work/lib" r
Rscript -e 'testthat::test_dir("r/tests/testthat", package = "citynet",
  load_package = "installed", stop_on_failure = TRUE)'
(
  cd "$work"
  R CMD build "$repo/r"
  if ! R CMD check citynet_*.tar.gz; then
    tail -n 60 citynet.Rcheck/tests/testthat.Rout.fail 2>/dev/null || true
    exit 1
  fi
  if grep -E '^Status: .*(ERROR|WARNING)' citynet.Rcheck/00check.log; then
    exit 1
  fi
  grep -A4 'NOTE$' citynet.Rcheck/00check.log || true
)
