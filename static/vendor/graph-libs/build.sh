#!/usr/bin/env bash
# Rebuilds graph-libs.min.js from the pinned npm packages in package.json, in a scratch
# directory outside the repository (nothing from node_modules is committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/package-lock.json" "$here/entry.js" "$work/"
cd "$work"
npm ci --no-audit --no-fund >/dev/null
npx esbuild entry.js --bundle --minify --format=iife --target=es2019 \
  --legal-comments=eof --outfile="$here/graph-libs.min.js"
for pkg in sigma graphology graphology-layout graphology-layout-forceatlas2 graphology-utils \
           @sigma/export-image file-saver events pandemonium; do
  lic=$(ls node_modules/$pkg/LICENSE* | head -1)
  cp "$lic" "$here/licenses/$(echo "$pkg" | tr / _)-LICENSE.txt"
done
