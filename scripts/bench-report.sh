#!/usr/bin/env bash
# Report benchmark (not a test): `comfy-harness report` (release build) on 100,000 synthetic samples.
# Prints the wall time, peak RSS and the size of index.html; targets: < 2 s and HTML < 5 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${BENCH_SAMPLES:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 scripts/bench-report.py "$dir/samples.jsonl" "$count"
echo "samples.jsonl: $count lines, $(du -h "$dir/samples.jsonl" | cut -f1)"
/usr/bin/time -f "report: %e s wall, %U s user, %M KiB peak RSS" .build/release/comfy-harness report "$dir" >/dev/null 2>"$dir/time.log" || true
grep -E "^report:" "$dir/time.log" || { cat "$dir/time.log" >&2; exit 1; }
html=$(stat -c %s "$dir/index.html")
echo "run.json: $(stat -c %s "$dir/run.json") bytes, index.html: $html bytes"
[ "$html" -lt 5000000 ] || { echo "index.html is over 5 MB" >&2; exit 1; }
