#!/usr/bin/env bash
# Installs what is missing, builds the node and starts a development chain on 127.0.0.1:9944.
#
#   scripts/dev-chain.sh                      # Aura + GRANDPA, a block every 6 s, state in a temp dir
#   scripts/dev-chain.sh --sealing instant    # fast mode: a block per transaction
#   scripts/dev-chain.sh --sealing 1000       # fast mode: a block every second
#   scripts/dev-chain.sh --chain governed     # no sudo key: root belongs to a founding DC
#
# Any argument is passed on to the node (see `covalue-node --help`).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ensure_debian_packages
ensure_rust
build_binaries

root="Alice is sudo"
for arg in "$@"; do
	if [[ "$arg" == governed || "$arg" == --chain=governed ]]; then
		root="nobody is sudo: root belongs to the founding DC 0 (Alice 400, Bob 300, Charlie 300)"
	fi
done
cat >&2 <<MSG

  Covalue dev chain: RPC on ws://127.0.0.1:9944
  Open Polkadot.js Apps:  https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944
  Dev accounts (Alice … Ferdie) hold 1,000,000 COV each; $root. Stop with Ctrl-C.

MSG
exec "$NODE_BIN" --dev --rpc-port 9944 "$@"
