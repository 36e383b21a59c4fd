#!/usr/bin/env bash
# `make bench`: the whole benchmark suite (issue 8) — comfy-harness vs a tutorial-style Python client
# and Locust, queue_wait accuracy, memory, image compare and report time — in one table.
# Installs the Python peers from PyPI into a throwaway venv under /tmp (BENCH_VENV to choose it);
# extra arguments go to scripts/bench/bench.py (--no-save, --only lifecycles,accuracy,...).
# Not a test: the numbers depend on the machine and on whatever else runs on it.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${BENCH_VENV:-/tmp/comfy-bench-peers}
# The check imports locust first: it must gevent-patch ssl before requests loads it.
PEERS="requests websocket-client locust pillow numpy scikit-image"
if ! "$VENV/bin/python" -c "import locust, requests, websocket, PIL, numpy, skimage" 2>/dev/null; then
    echo "installing the Python peers into $VENV: $PEERS" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q $PEERS
fi
exec nice -n "${BENCH_NICE:-10}" python3 scripts/bench/bench.py --venv "$VENV" "$@"
