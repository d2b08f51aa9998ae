#!/usr/bin/env bash
# axe-core, the accessibility engine the browser tests inject into every page (not on Maven Central: from npm).
# Installed once per version into ~/.cache/tongban (or $XDG_CACHE_HOME/tongban); prints the path of axe.min.js.
# The tests read it from there (tongban.support.Browser), or from -Daxe.core=<path>. Needs node's npm.
set -euo pipefail
version=4.10.3
dir=${XDG_CACHE_HOME:-$HOME/.cache}/tongban/axe-core-$version
file=$dir/node_modules/axe-core/axe.min.js
if [[ ! -s $file ]]; then
  command -v npm >/dev/null 2>&1 || { echo "axe-core: npm is needed (apt-get install npm)" >&2; exit 1; }
  mkdir -p "$dir"
  # --ignore-scripts: nothing from the package runs here; npm checks the tarball against the registry's integrity
  npm install --silent --no-audit --no-fund --ignore-scripts --prefix "$dir" "axe-core@$version" >&2
fi
echo "$file"
