#!/usr/bin/env bash
# Runs the whole test suite under a sanitizer: scripts/sanitize.sh address|thread.
#
# Each sanitizer builds in its own scratch directory (.build-asan, .build-tsan) so the normal .build
# is never rebuilt with sanitizer flags. COMFY_HARNESS_SANITIZER=1 tells the few tests that time
# real work against wall-clock bounds to skip themselves (see README, "Fuzzing and sanitizers");
# every other test runs unchanged. Extra `swift test` arguments pass through (e.g. --filter Suite).
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
sanitizer=${1:-}
case "$sanitizer" in
    address) scratch=.build-asan ;;
    thread) scratch=.build-tsan ;;
    *) echo "usage: $0 address|thread [swift test arguments]" >&2; exit 2 ;;
esac
shift

export COMFY_HARNESS_SANITIZER=1
# TSan reports every race and exits 66 at the end if there was one, except the one runtime false
# positive in scripts/tsan-suppressions.txt; ASan stops at the first error. LeakSanitizer runs at
# exit, with the toolchain's own leaks suppressed (scripts/lsan-suppressions.txt).
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=0:second_deadlock_stack=1:suppressions=$PWD/scripts/tsan-suppressions.txt:print_suppressions=0}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:fast_unwind_on_malloc=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0}

"$SWIFT" build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
# The end-to-end tests run the CLI binary: the sanitized one from this build, not whatever (possibly
# stale, possibly missing) .build/debug holds.
export COMFY_HARNESS_BIN=${COMFY_HARNESS_BIN:-$PWD/$scratch/debug/comfy-harness}
"$SWIFT" test --skip-build --no-parallel --sanitize="$sanitizer" --scratch-path "$scratch" "$@"
