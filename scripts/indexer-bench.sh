#!/usr/bin/env bash
# The indexer's catch-up benchmark: builds a chain at the simulator's large-community scale on a
# fresh node (a block every 100 ms), indexes it from genesis into a fresh PostgreSQL and prints
# the chain's size and the catch-up rate (JSON on stdout, progress on stderr). Takes a few
# minutes; see docs/performance.md.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ensure_debian_packages
ensure_rust
ensure_nodejs
ensure_postgresql
build_binaries
build_indexer
ensure_npm_packages "$ROOT/e2e"
cd "$ROOT/e2e"
COVALUE_NODE="$NODE_BIN" exec node load/indexer.js "$@"
