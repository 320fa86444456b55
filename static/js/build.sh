#!/usr/bin/env bash
# Builds the pages' bundles in static/js/dist/ from the ES modules in static/js/src/ and the
# pinned npm packages of static/vendor/graph-libs/ (sigma, graphology, …, and esbuild
# itself), in a scratch directory outside the repository (nothing from node_modules is
# committed). See static/vendor/README.md.
#   bash static/js/build.sh           into static/js/dist/, and refresh the licence texts
#   bash static/js/build.sh OUT_DIR   into OUT_DIR only (tests/test_js_bundle.py compares)
# npm's cache is .cache/npm/ in the repository, so CI can keep it between runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
vendor="$repo/static/vendor/graph-libs"
out="${1:-$here/dist}"
mkdir -p "$out" "$repo/.cache/npm"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$vendor/package.json" "$vendor/package-lock.json" "$work/"
cp -r "$here/src" "$work/src"
cd "$work"
npm ci --no-audit --no-fund --prefer-offline --cache "$repo/.cache/npm" >/dev/null
# One bundle per page: the explorer, the profile page's mini graph, and the viewer the
# offline HTML export inlines. Each carries the libraries it imports (tree-shaken).
npx --no-install esbuild \
  explore=src/explore/main.js entity=src/entity/main.js offline-viewer=src/offline/main.js \
  --bundle --minify --format=iife --target=es2019 --legal-comments=eof \
  --log-level=warning --outdir="$out"
if [[ $# -eq 0 ]]; then
  for pkg in sigma graphology graphology-layout-forceatlas2 graphology-utils events; do
    lic=$(ls node_modules/$pkg/LICENSE* | head -1)
    cp "$lic" "$vendor/licenses/$(echo "$pkg" | tr / _)-LICENSE.txt"
  done
fi
