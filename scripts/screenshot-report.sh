#!/usr/bin/env bash
# Renders a report folder's index.html (or any report HTML file) with headless Chromium to a PNG and
# fails when the page logs a console error or an uncaught exception.
#   scripts/screenshot-report.sh <report dir | file.html> [output.png]
set -euo pipefail
target=${1:?usage: scripts/screenshot-report.sh <report dir | file.html> [output.png]}
if [ -d "$target" ]; then page="$target/index.html"; else page="$target"; fi
[ -f "$page" ] || { echo "error: $page not found — pass a folder written by comfy-harness run" >&2; exit 64; }
page=$(cd "$(dirname "$page")" && pwd)/$(basename "$page")
out=${2:-${page%.html}.png}
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chromium" ] || { echo "error: chromium not found — apt-get install chromium" >&2; exit 1; }
profile=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$profile" "$log"' EXIT
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 --window-size=1280,2400 --screenshot="$out" "file://$page" 2>"$log" >/dev/null || true
[ -s "$out" ] || { echo "error: chromium wrote no screenshot" >&2; cat "$log" >&2; exit 1; }
# Headless Chromium logs every console message as `INFO:CONSOLE:<line>] "text", source: <url>` without
# its level, so any message from the page counts: the report template logs nothing when it works.
# (Chromium's own warnings about dbus, GPU etc. carry no CONSOLE tag.)
if grep -F 'CONSOLE' "$log" | grep -F "source: file://$page" >&2; then
    echo "error: $page logged console errors (above)" >&2
    exit 1
fi
echo "$out"
