#!/usr/bin/env bash
# Image benchmark (issue 4): decode+compare of a 1024² pair, identical and different, median ms,
# against libpng decode-only of the pair and Pillow+numpy+scikit-image (PSNR, SSIM) on the same files.
# Not a test: numbers depend on the machine and its neighbours. The venv is throwaway, under /tmp.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/image-bench
DIR=${BENCH_IMAGE_DIR:-/tmp/comfy-bench-image}
VENV=${BENCH_VENV:-/tmp/comfy-bench-venv}
[ -x "$BIN" ] || { echo "build first: swift build -c release --product image-bench" >&2; exit 1; }
"$BIN" "$DIR"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q pillow numpy scikit-image
fi
"$VENV/bin/python" scripts/bench-image.py "$DIR"
