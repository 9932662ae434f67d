#!/usr/bin/env bash
# Installs what citynet needs beyond the Rust toolchain, only where it is missing:
# Graphviz (the `dot`, `neato`, `sfdp` programs) and the DejaVu fonts the figures use.
# Debian/Ubuntu; uses sudo when not run as root.
set -euo pipefail
need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "installing: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v dot >/dev/null 2>&1 || { echo "Graphviz is still missing" >&2; exit 1; }
