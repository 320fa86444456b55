#!/usr/bin/env bash
# Debian's Chromium for the browser tests and the view benchmark. Never downloads a
# browser build of its own: Playwright drives /usr/bin/chromium through executable_path.
#   bash scripts/browser.sh install   # apt-get install chromium if /usr/bin/chromium is missing
#   bash scripts/browser.sh version
set -euo pipefail
CHROMIUM=/usr/bin/chromium

case "${1:-install}" in
  install)
    if [[ -x $CHROMIUM ]]; then
      exit 0
    fi
    if [[ $(id -u) != 0 ]]; then
      echo "browser.sh: $CHROMIUM is missing and installing it needs root (apt-get install chromium)" >&2
      exit 1
    fi
    echo "browser.sh: installing Debian's chromium" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
    "$CHROMIUM" --version >&2
    ;;
  version)
    "$CHROMIUM" --version
    ;;
  *)
    echo "usage: bash scripts/browser.sh install|version" >&2
    exit 2
    ;;
esac
