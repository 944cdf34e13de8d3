#!/usr/bin/env bash
# Installs everything sitview needs to build, run and test, from Debian 12 (bookworm) packages only.
# Idempotent: installs only what is missing. Run as root (or with sudo available).
set -euo pipefail

packages=(
  # toolchain
  g++ cmake make pkg-config git
  # libraries (the fixed choices): GLFW, glad generator, Dear ImGui 1.86, GDAL, PROJ, GEOS, doctest, stb; zlib and
  # libdeflate for stb's PNG deflate, mimalloc
  libglfw3-dev python3-glad libimgui-dev libgdal-dev libproj-dev libgeos-dev doctest-dev libstb-dev zlib1g-dev
  libdeflate-dev libmimalloc-dev
  # OSMesa (else EGL) for headless rendering, Mesa's software OpenGL (llvmpipe), a font with Cyrillic glyphs
  libosmesa6-dev libegl-dev libegl-mesa0 libgl1-mesa-dri fonts-dejavu-core
  # headless GUI tests, data tools used by tests and scripts, video export
  xvfb xauth gdal-bin ffmpeg
  # fuzzing (scripts/fuzz.sh): clang with the libFuzzer, ASan and UBSan runtimes
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root (missing: ${missing[*]})" >&2; exit 1; }
  SUDO=sudo
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
