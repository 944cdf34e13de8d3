#!/usr/bin/env bash
# Sets up, builds and starts the viewer on the built-in data. Arguments go to sitview.
# Without a display (no $DISPLAY / $WAYLAND_DISPLAY) it renders the default view to build/sitview.png instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display; rendering the default view headless to build/sitview.png"
  exec build/sitview --screenshot build/sitview.png "$@"
fi
exec build/sitview "$@"
