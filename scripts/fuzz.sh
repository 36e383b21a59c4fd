#!/usr/bin/env bash
# Builds and runs libFuzzer targets: scripts/fuzz.sh <target>... (png event scenario workflow threshold).
#
# Each target is built in release with -sanitize=fuzzer,address into .build-fuzz (the normal .build
# is untouched), then fuzzed for FUZZ_SECONDS (default 600) starting from Fuzz/seeds/<target> with
# Fuzz/dict/<target>.dict. New inputs go to .build-fuzz-runs/corpus/<target>, crash files to
# .build-fuzz-runs/crashes/<target>/, the libFuzzer log to .build-fuzz-runs/logs/<target>.log (outside
# the scratch path: SwiftPM empties .build-fuzz/artifacts, its own binary-artifact directory).
# FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS="-jobs=2 -workers=2"). Exit status: non-zero on a crash.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
SCRATCH=.build-fuzz
RUNS=.build-fuzz-runs
SECONDS_EACH=${FUZZ_SECONDS:-600}
ALL_TARGETS=(png event scenario workflow threshold)
# gold aborts with an internal error on the ASan-instrumented objects, so lld links; -Xcc instruments
# the C shims (text-chunk reader, pixel digest) for coverage too. libpng itself is the system library:
# not instrumented, so its internals add no coverage feedback.
FLAGS=(-c release --scratch-path "$SCRATCH"
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
    -Xcc -fsanitize=fuzzer-no-link,address)

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${ALL_TARGETS[@]}")
for target in "${targets[@]}"; do
    if [[ ! " ${ALL_TARGETS[*]} " =~ " $target " ]]; then
        echo "unknown fuzz target '$target'; known: ${ALL_TARGETS[*]}" >&2
        exit 2
    fi
done

for target in "${targets[@]}"; do
    "$SWIFT" build "${FLAGS[@]}" --product "fuzz-$target"
done

# libFuzzer reports crashes itself; Swift's backtracer would run after it inside the dying process
# and trip ASan reading memory it does not own.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0}
status=0
for target in "${targets[@]}"; do
    mkdir -p "$RUNS/corpus/$target" "$RUNS/crashes/$target" "$RUNS/logs"
    log="$RUNS/logs/$target.log"
    echo "fuzzing $target for ${SECONDS_EACH}s (log: $log)"
    # -rss_limit_mb: a PNG may legally claim 16384x16384 (1 GiB of RGBA, PNGLimits.default) before the
    # data runs out, so the default 2 GiB limit would report the decoder's own bound as a leak of memory.
    # shellcheck disable=SC2086
    if ! "$SCRATCH/release/fuzz-$target" "$RUNS/corpus/$target" "Fuzz/seeds/$target" \
        -dict="Fuzz/dict/$target.dict" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=4096 \
        -artifact_prefix="$RUNS/crashes/$target/" -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1; then
        echo "fuzz-$target stopped on a finding: see $log and $RUNS/crashes/$target/" >&2
        status=1
    fi
    grep -E '^#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec' "$log" || tail -5 "$log"
done
exit $status
