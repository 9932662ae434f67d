#!/usr/bin/env bash
# Installs what citynet needs beyond the Rust toolchain, only where it is missing:
# Graphviz (the `dot`, `neato`, `sfdp` programs) and the DejaVu fonts the figures use.
# With --test, also what the test suite checks citynet's output with: Chromium (renders
# report.html), pdfLaTeX (compiles the LaTeX tables), Python's NetworkX and python-igraph (read
# the exports and recompute the two-mode measures) and, for the R package in r/, R with
# testthat, igraph and tidygraph (Debian's r-base-dev, r-cran-testthat, r-cran-igraph,
# r-cran-tidygraph, and texlive-fonts-recommended for the package's PDF manual).
# The tests that use them fail, never skip, when one is missing.
# Debian/Ubuntu; uses sudo when not run as root.
set -euo pipefail
test_tools=0
[ "${1:-}" = "--test" ] && test_tools=1
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if ((test_tools)); then
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1 || need+=(chromium)
  command -v pdflatex >/dev/null 2>&1 || need+=(texlive-latex-base texlive-latex-recommended)
  # The Python package's tests build it in a fresh virtualenv.
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
  # R's p.adjust is the reference of the multiple-testing corrections.
  command -v Rscript >/dev/null 2>&1 || need+=(r-base-core)
  if [ -n "${CITYNET_PYTHON:-}" ]; then
    "$CITYNET_PYTHON" -c 'import networkx' >/dev/null 2>&1 || need+=(python3-networkx)
    "$CITYNET_PYTHON" -c 'import igraph' >/dev/null 2>&1 || need+=(python3-igraph)
  else
    python3 -c 'import networkx' >/dev/null 2>&1 || /usr/bin/python3 -c 'import networkx' >/dev/null 2>&1 \
      || need+=(python3-networkx)
    # NetworkX and python-igraph in one Python (Debian's python3-igraph is 0.10.x; the checks
    # also pass with igraph 1.0): the two-mode and --convention igraph checks use both.
    python3 -c 'import networkx, igraph' >/dev/null 2>&1 \
      || /usr/bin/python3 -c 'import networkx, igraph' >/dev/null 2>&1 \
      || need+=(python3-networkx python3-igraph)
  fi
  command -v R >/dev/null 2>&1 && [ -e /usr/share/R/include/R.h ] || need+=(r-base-dev)
  command -v kpsewhich >/dev/null 2>&1 && kpsewhich ptmr8t.tfm >/dev/null 2>&1 \
    || need+=(texlive-fonts-recommended)
  for pkg in testthat igraph tidygraph; do
    Rscript -e "quit(status = !requireNamespace('$pkg', quietly = TRUE))" >/dev/null 2>&1 \
      || need+=("r-cran-$pkg")
  done
fi
if ((${#need[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v dot >/dev/null 2>&1 || { echo "Graphviz is still missing" >&2; exit 1; }
