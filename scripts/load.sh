#!/usr/bin/env bash
# Load test against a fresh local development node (Aura, 6 s blocks): a burst of N evaluations
# and a burst of N balance transfers, with the transactions included per block and per second
# for both. Prints the report (JSON) on stdout, progress on stderr.
#
#   scripts/load.sh [N]        # 1 ≤ N ≤ 1022, default 1000
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ensure_debian_packages
ensure_rust
ensure_nodejs
build_binaries
ensure_npm_packages "$ROOT/e2e"
cd "$ROOT/e2e"
COVALUE_NODE="$NODE_BIN" exec node load/burst.js "$@"
