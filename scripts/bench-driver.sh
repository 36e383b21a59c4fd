#!/usr/bin/env bash
# Driver benchmark (issue 3): prompt lifecycles per second and CPU per lifecycle against the
# simulator with zero work time, and resident memory per in-flight prompt at 2,000 in flight.
# Not a test: numbers depend on the machine. Both processes run on this machine's cores.
# Usage: scripts/bench-driver.sh [all|throughput|memory]; with BENCH_JSON=FILE the memory part also
# writes its numbers there as JSON (`make bench` reads them).
set -euo pipefail
PART=${1:-all}
case "$PART" in all|throughput|memory) ;; *) echo "usage: $0 [all|throughput|memory]" >&2; exit 64 ;; esac
cd "$(dirname "$0")/.."
BIN=.build/release/comfy-harness
OUT=${BENCH_OUT:-reports/bench}
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "build first: swift build -c release" >&2; exit 1; }

PORT=${BENCH_PORT:-18188}
cleanup() { [ -n "${SIM:-}" ] && kill "$SIM" 2>/dev/null || true; }
trap cleanup EXIT

start_sim() {  # $1 = time scale
    "$BIN" simulate --port "$PORT" --time-scale "$1" --cache-none > "$OUT/sim.log" 2>&1 &
    SIM=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/system_stats" > /dev/null && return 0; sleep 0.1; done
    echo "simulator did not start" >&2; exit 1
}

# 1. Throughput: zero work time, closed model at 64 clients, 5,000 prompts.
if [ "$PART" != memory ]; then
start_sim 0
/usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" \
    "$BIN" run scenarios/bench/lifecycles.yaml --server "http://127.0.0.1:$PORT" --output "$OUT/lifecycles" --quiet --no-preflight > "$OUT/lifecycles.txt"
read -r wall user sys rss < "$OUT/time.txt"
n=$(wc -l < "$OUT/lifecycles/samples.jsonl")
ok=$(grep -c '"outcome":"ok"' "$OUT/lifecycles/samples.jsonl" || true)
awk -v n="$n" -v ok="$ok" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
    printf "lifecycles        %d (%d ok) in %.2f s wall\n", n, ok, w
    printf "lifecycles/s      %.0f\n", n / w
    printf "CPU per lifecycle %.3f ms (harness only: user %.2f s + sys %.2f s)\n", (u + s) * 1000 / n, u, s
    printf "harness peak RSS  %.1f MiB\n", r / 1024 }'
kill "$SIM"; wait "$SIM" 2>/dev/null || true; SIM=
fi
[ "$PART" = throughput ] && exit 0

# 2. Memory: prompts that never finish (a very slow simulated GPU), 2,000 sent as fast as possible.
start_sim 1000
"$BIN" run scenarios/bench/inflight.yaml --server "http://127.0.0.1:$PORT" --output "$OUT/inflight" --quiet --no-preflight > /dev/null 2>&1 &
RUN=$!
base=""
for _ in $(seq 600); do
    sleep 0.1
    [ -z "$base" ] && base=$(awk '/VmRSS/ {print $2}' "/proc/$RUN/status" 2>/dev/null || echo "")
    q=$(curl -sf "http://127.0.0.1:$PORT/prompt" | sed 's/[^0-9]//g' || echo 0)
    [ "${q:-0}" -ge 2000 ] && break
done
sleep 1
rss=$(awk '/VmRSS/ {print $2}' "/proc/$RUN/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$RUN/status")
kill -TERM "$RUN"; wait "$RUN" 2>/dev/null || true
awk -v r="$rss" -v b="${base:-0}" -v q="$q" 'BEGIN {
    printf "in flight         %d prompts queued on the server\n", q
    printf "RSS at 2,000      %.1f MiB (%.1f KiB per in-flight prompt above the %.1f MiB idle)\n", r / 1024, (r - b) / q, b / 1024 }'
if [ -n "${BENCH_JSON:-}" ]; then
    awk -v r="$rss" -v h="$hwm" -v b="${base:-0}" -v q="$q" 'BEGIN {
        printf "{\"in_flight\": %d, \"rss_kib\": %d, \"peak_rss_kib\": %d, \"idle_rss_kib\": %d, \"kib_per_prompt\": %.2f}\n", q, r, h, b, (r - b) / q }' > "$BENCH_JSON"
fi
