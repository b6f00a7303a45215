#!/usr/bin/env bash
# Installs what is missing, builds the node and starts a development chain on 127.0.0.1:9944.
#
#   scripts/dev-chain.sh                      # Aura + GRANDPA, a block every 6 s, state in a temp dir
#   scripts/dev-chain.sh --sealing instant    # fast mode: a block per transaction
#   scripts/dev-chain.sh --sealing 1000       # fast mode: a block every second
#   scripts/dev-chain.sh --chain governed     # no sudo key: root belongs to a founding DC
#   scripts/dev-chain.sh --no-app             # the node only, without the app on :8080
#
# The app is served on http://127.0.0.1:8080 next to the node. Any other argument is passed on to
# the node (see `covalue-node --help`).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

with_app=1
node_args=()
for arg in "$@"; do
	if [ "$arg" = --no-app ]; then with_app=0; else node_args+=("$arg"); fi
done

ensure_debian_packages
ensure_rust
build_binaries
[ "$with_app" = 1 ] && build_app

root="Alice is sudo"
for arg in "${node_args[@]+"${node_args[@]}"}"; do
	if [[ "$arg" == governed || "$arg" == --chain=governed ]]; then
		root="nobody is sudo: root belongs to the founding DC 0 (Alice 400, Bob 300, Charlie 300)"
	fi
done
app_line="  (the app is off: --no-app)"
if [ "$with_app" = 1 ]; then
	node "$ROOT/app/serve.mjs" --port 8080 --node ws://127.0.0.1:9944 >/dev/null &
	app_pid=$!
	trap 'kill "$app_pid" 2>/dev/null || true' EXIT
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
  Open Polkadot.js Apps:  https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944
  Dev accounts (Alice … Ferdie) hold 1,000,000 COV each; $root. Stop with Ctrl-C.

MSG
if [ "$with_app" = 1 ]; then
	# Not exec: the trap stops the app's server when the node stops.
	"$NODE_BIN" --dev --rpc-port 9944 "${node_args[@]+"${node_args[@]}"}"
else
	exec "$NODE_BIN" --dev --rpc-port 9944 "${node_args[@]+"${node_args[@]}"}"
fi
