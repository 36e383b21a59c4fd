#!/usr/bin/env bash
# Report benchmark (not a test): `comfy-harness report` (release build) on 100,000 synthetic samples.
# Prints the wall time, peak RSS and the size of index.html; targets: < 2 s and HTML < 5 MB.
# With BENCH_JSON=FILE the numbers are also written there as JSON (`make bench` reads them).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${BENCH_SAMPLES:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 scripts/bench-report.py "$dir/samples.jsonl" "$count"
echo "samples.jsonl: $count lines, $(du -h "$dir/samples.jsonl" | cut -f1)"
/usr/bin/time -f "report: %e s wall, %U s user, %S s sys, %M KiB peak RSS" .build/release/comfy-harness report "$dir" >/dev/null 2>"$dir/time.log" || true
grep -E "^report:" "$dir/time.log" || { cat "$dir/time.log" >&2; exit 1; }
html=$(stat -c %s "$dir/index.html")
echo "run.json: $(stat -c %s "$dir/run.json") bytes, index.html: $html bytes"
if [ -n "${BENCH_JSON:-}" ]; then
    grep -E "^report:" "$dir/time.log" | awk -v n="$count" -v h="$html" -v j="$(stat -c %s "$dir/run.json")" '{
        printf "{\"samples\": %d, \"seconds\": %s, \"user_seconds\": %s, \"sys_seconds\": %s, \"peak_rss_kib\": %s, \"run_json_bytes\": %d, \"index_html_bytes\": %d}\n", n, $2, $5, $8, $11, j, h }' > "$BENCH_JSON"
fi
[ "$html" -lt 5000000 ] || { echo "index.html is over 5 MB" >&2; exit 1; }
