# Skillmix: the two commands of the README.
#
#   make run    installs what is missing, builds a release and serves http://127.0.0.1:3000
#               with the demo organisation loaded into data/skillmix.db when it is empty.
#   make test   installs what is missing, then format check, clippy (server build and wasm
#               build separately), all Rust tests and the Playwright tests in Chromium.
#
# Everything is installed by these targets on a fresh Debian/Ubuntu machine that has only
# rustup, Node/npm and git. Versions are pinned here and in Cargo.lock / package-lock.json.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.130
CARGO_BIN := $(HOME)/.cargo/bin
NODE_BIN := $(CURDIR)/end2end/node_modules/.bin
export PATH := $(CARGO_BIN):$(NODE_BIN):$(PATH)

DATABASE_URL ?= sqlite://data/skillmix.db
ADDR ?= 127.0.0.1:3000

.PHONY: run test test-steps setup setup-rust setup-node setup-browser lint rust-tests e2e build-debug build-release fmt bench fuzz clean

run: setup build-release
	mkdir -p data
	./target/release/skillmix --database "$(DATABASE_URL)" serve --addr "$(ADDR)" --demo

# Prints how long it took at the end (the goal: at most 15 minutes from a cold target/ once the
# tools are installed).
test:
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory test-steps; \
	secs=$$(( $$(date +%s) - start )); \
	echo "make test: everything passed in $$(( secs / 60 )) min $$(( secs % 60 )) s"

test-steps: setup setup-browser lint rust-tests api-check e2e

setup: setup-rust setup-node

# The wasm target, cargo-leptos (built without its downloader) and the wasm-bindgen CLI at
# exactly the version Cargo.lock pins.
setup-rust:
	rustup target list --installed | grep -q '^wasm32-unknown-unknown$$' || rustup target add wasm32-unknown-unknown
	@if ! cargo-leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
	  echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 12 minutes, once)"; \
	  cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION) --features no_downloads; \
	fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS=fallback cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

# Playwright, axe-core and binaryen's wasm-opt (used by release builds), pinned by package-lock.json.
setup-node:
	@if [ ! -x "$(NODE_BIN)/wasm-opt" ] || [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then \
	  cd end2end && npm ci --no-audit --no-fund; \
	fi

# Debian's Chromium for the browser tests.
setup-browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi

lint:
	cargo fmt --all -- --check
	cargo clippy -p skillmix -p server --all-targets -- -D warnings
	cargo clippy -p skillmix --all-targets --all-features -- -D warnings
	cargo clippy -p app --lib --no-default-features --features hydrate --target wasm32-unknown-unknown -- -D warnings

# Libraries, binaries and test files; the benchmarks are built by clippy above but never run here
# (`make bench` runs them, optimised).
rust-tests:
	cargo test --workspace --lib --bins --tests

# The JSON API fuzzed against its OpenAPI document by schemathesis (pinned in
# scripts/schemathesis/requirements.txt, installed into target/schemathesis-venv), as an
# administrator, on the debug server with the demo organisation: no 5xx, every answer as documented.
api-check: build-debug
	scripts/schemathesis.sh

build-debug:
	cargo leptos build

build-release:
	cargo leptos build --release

# Playwright starts the debug server it needs (see end2end/playwright.config.ts).
e2e: build-debug
	cd end2end && npx playwright test

# The benchmarks of the README's Performance section, each printing its figures: roll-up
# against sqlite3, the heatmap under load, wasm bundle size, DDaT import times (scripts/bench/).
bench: setup build-release
	scripts/bench/all.sh

# Fuzzes the import parsers (cargo-fuzz, installed when missing) for FUZZ_SECONDS per target
# (default 60). Not part of `make test`: building the fuzz targets alone takes minutes.
fuzz:
	scripts/fuzz.sh

fmt:
	cargo fmt --all

clean:
	cargo clean
	rm -rf end2end/node_modules end2end/test-results
