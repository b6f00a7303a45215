#!/usr/bin/env bash
# Installs what is missing, then runs every check: formatting, lints, all Rust tests, the release
# node build, the app's checks and bundle, the indexer's checks and build, and the end-to-end tests
# against that node (the app in headless Chromium, the indexer on PostgreSQL). Fails on the first
# failure.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$ROOT"

ensure_debian_packages
ensure_rust
ensure_nodejs

log "formatting (cargo fmt --check)"
cargo fmt --all -- --check

build_binaries

log "Rust tests (release profile, sharing the node's build)"
cargo test --locked --release --workspace

log "benchmark tests of the DC pallets (each benchmark run at its components' bounds)"
cargo test --locked --release --features runtime-benchmarks \
	-p pallet-cooperatives -p pallet-proof-of-value -p pallet-reserve -p pallet-founding-cooperative \
	-p pallet-validator-set benchmark

# With every feature: the benchmarks, `try_state` hooks and the Benchmark and TryRuntime APIs are
# linted too, and this one pass also shows that the feature-gated code compiles.
log "lints, with every feature (cargo clippy --all-features)"
SKIP_WASM_BUILD=1 cargo clippy --locked --release --workspace --all-targets --all-features -- -D warnings

log "the app: type checks and formatting, unit tests, bundle"
ensure_npm_packages "$ROOT/app"
(cd "$ROOT/app" && npm run --silent check && npm test --silent)
build_app

log "the indexer: type checks and formatting, build, unit tests"
ensure_postgresql
build_indexer
(cd "$ROOT/indexer" && npm run --silent check && npm test --silent)

log "end-to-end tests against the release node (the app's in headless Chromium, the indexer's on PostgreSQL)"
ensure_chromium
ensure_npm_packages "$ROOT/e2e"
(cd "$ROOT/e2e" && COVALUE_NODE="$NODE_BIN" npm test)

log "all checks passed"
