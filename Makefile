# comfy-harness — build, test and demo entry points. Every target installs the system packages it
# needs first (`deps`), so a fresh Debian machine with the Swift toolchain only needs `make test`.
SWIFT ?= swift
APT_PACKAGES := libcurl4-openssl-dev libpng-dev pkg-config
BIN_DEBUG := .build/debug/comfy-harness

.PHONY: all deps build release test demo bench bench-driver bench-image bench-report clean format lint test-deps \
	fuzz fuzz-one sanitize-address sanitize-thread

all: build

# Installs libcurl/libpng headers and pkg-config when they are missing (apt-get, as root).
deps:
	@if ! pkg-config --exists libcurl libpng16 2>/dev/null; then \
		echo "Installing system packages: $(APT_PACKAGES)"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# Python's jsonschema validates run.json against schemas/run.schema.json in the report tests.
# The schema test validates run.json with Python's jsonschema, for the python3 on PATH (which may be
# a pyenv one that Debian's python3-jsonschema would not reach): pip first, apt as the fallback.
test-deps:
	@python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install -q jsonschema 2>/dev/null || { \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-jsonschema; }
	@python3 -c "import jsonschema" || { echo "python3 cannot import jsonschema (pip install jsonschema)" >&2; exit 1; }

# The whole test suite, against the built-in simulator on 127.0.0.1 only.
test: deps test-deps
	$(SWIFT) build --build-tests
	# One test at a time: several suites measure timing against the in-process simulator, and on a
	# shared 2-core machine parallel suites starve each other (about 100 s in all).
	$(SWIFT) test --skip-build --no-parallel

# Starts the simulator in-process on a free loopback port and runs scenarios/demo.yaml against it.
demo: build
	$(BIN_DEBUG) demo

# The whole benchmark suite in one table (issue 8): comfy-harness vs a tutorial-style Python client and
# Locust (venv under /tmp), queue_wait accuracy, memory, image compare, report; saves bench/results/.
# About 5 minutes; not part of `test`.
bench: release
	scripts/bench.sh

# Driver benchmark: lifecycles/s and CPU per lifecycle at zero work time, RSS per in-flight prompt.
bench-driver: release
	scripts/bench-driver.sh

# Image benchmark: decode+compare of a 1024² pair vs libpng decode-only and Pillow+scikit-image (venv under /tmp).
bench-image: deps
	$(SWIFT) build -c release --product image-bench
	scripts/bench-image.sh

# Report benchmark: `comfy-harness report` on 100,000 synthetic samples (target < 2 s, index.html < 5 MB).
bench-report: release
	scripts/bench-report.sh

# libFuzzer on every target (png event scenario workflow threshold), FUZZ_SECONDS each (default 600),
# built in .build-fuzz; not part of `test`. One target: make fuzz-one TARGET=png.
fuzz: deps
	scripts/fuzz.sh

fuzz-one: deps
	@[ -n "$(TARGET)" ] || { echo "usage: make fuzz-one TARGET=png|event|scenario|workflow|threshold" >&2; exit 2; }
	scripts/fuzz.sh $(TARGET)

# The test suite under AddressSanitizer / ThreadSanitizer, each in its own build directory (slow; not
# part of `test`). COMFY_HARNESS_SANITIZER=1 skips the few tests that time real work and cannot hold
# under the sanitizer's slowdown.
sanitize-address: deps test-deps
	scripts/sanitize.sh address

sanitize-thread: deps test-deps
	scripts/sanitize.sh thread

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive Sources Tests

clean:
	rm -rf .build
