#!/usr/bin/env bash
# Sets up, builds and runs every test (core and GUI). GUI tests need an X server: without $DISPLAY they run under
# xvfb-run with Mesa's software renderer. Ends with ctest's summary; the exit status is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cd "${BUILD_DIR:-build}"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" ctest --output-on-failure -j 2 "$@"
fi
exec ctest --output-on-failure -j 2 "$@"
