#!/usr/bin/env bash
# Installs what is missing, builds the node and starts a development chain on 127.0.0.1:9944.
#
#   scripts/dev-chain.sh                      # Aura + GRANDPA, a block every 6 s, state in a temp dir
#   scripts/dev-chain.sh --sealing instant    # fast mode: a block per transaction
#   scripts/dev-chain.sh --sealing 1000       # fast mode: a block every second
#   scripts/dev-chain.sh --chain governed     # no sudo key: root belongs to a founding DC
#   scripts/dev-chain.sh --no-app             # the node only, without the app on :8080
#   scripts/dev-chain.sh --indexer            # also the indexer (PostgreSQL + GraphQL on :4350),
#                                             # the node then keeps every block's state
#
# The app is served on http://127.0.0.1:8080 next to the node. Any other argument is passed on to
# the node (see `covalue-node --help`).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

with_app=1
with_indexer=0
node_args=()
for arg in "$@"; do
	case "$arg" in
	--no-app) with_app=0 ;;
	--indexer) with_indexer=1 ;;
	*) node_args+=("$arg") ;;
	esac
done

ensure_debian_packages
ensure_rust
build_binaries
[ "$with_app" = 1 ] && build_app
if [ "$with_indexer" = 1 ]; then
	ensure_postgresql
	build_indexer
	# The indexer starts at genesis: the node keeps every block's state.
	node_args+=(--state-pruning archive --blocks-pruning archive)
fi

# What runs next to the node stops with it.
pids=()
indexer_data=""
cleanup() {
	for pid in "${pids[@]+"${pids[@]}"}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]+"${pids[@]}"}"; do wait "$pid" 2>/dev/null || true; done
	[ -n "$indexer_data" ] && rm -rf "$indexer_data"
}
trap cleanup EXIT

root="Alice is sudo"
for arg in "${node_args[@]+"${node_args[@]}"}"; do
	if [[ "$arg" == governed || "$arg" == --chain=governed ]]; then
		root="nobody is sudo: root belongs to the founding DC 0 (Alice 400, Bob 300, Charlie 300)"
	fi
done
indexer_line="  (no indexer: add --indexer for history)"
app_indexer=()
if [ "$with_indexer" = 1 ]; then
	# A dev chain is new at every start (its state is in a temporary directory), so is its index.
	indexer_data="$(mktemp -d "${TMPDIR:-/tmp}/covalue-dev-indexer.XXXXXX")"
	node "$ROOT/indexer/run.mjs" --rpc ws://127.0.0.1:9944 --data "$indexer_data" --db-port 5433 \
		--graphql-port 4350 --fast >"$indexer_data/indexer.log" 2>&1 &
	pids+=($!)
	indexer_line="  Indexer (GraphQL):      http://127.0.0.1:4350/graphql   (log: $indexer_data/indexer.log)"
	app_indexer=(--indexer http://127.0.0.1:4350/graphql)
fi
app_line="  (the app is off: --no-app)"
if [ "$with_app" = 1 ]; then
	node "$ROOT/app/serve.mjs" --port 8080 --node ws://127.0.0.1:9944 "${app_indexer[@]+"${app_indexer[@]}"}" >/dev/null &
	app_pid=$!
	pids+=("$app_pid")
	sleep 0.3
	if kill -0 "$app_pid" 2>/dev/null; then
		app_line="  Open the Covalue app:   http://127.0.0.1:8080/"
	else
		app_line="  The app could not start on 127.0.0.1:8080 (is the port taken?); scripts/app.sh --port N serves it elsewhere."
	fi
fi
cat >&2 <<MSG

  Covalue dev chain: RPC on ws://127.0.0.1:9944
$app_line
$indexer_line
  Open Polkadot.js Apps:  https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944
  Dev accounts (Alice … Ferdie) hold 1,000,000 COV each; $root. Stop with Ctrl-C.

MSG
if [ ${#pids[@]} -gt 0 ]; then
	# Not exec: the trap stops the app's server and the indexer when the node stops.
	"$NODE_BIN" --dev --rpc-port 9944 "${node_args[@]+"${node_args[@]}"}"
else
	exec "$NODE_BIN" --dev --rpc-port 9944 "${node_args[@]+"${node_args[@]}"}"
fi
