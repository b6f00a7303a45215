#!/usr/bin/env bash
# Builds the app if needed and serves it on 127.0.0.1 for a node of your choice.
#
#   scripts/app.sh                                   # http://127.0.0.1:8080, node ws://127.0.0.1:9944
#   scripts/app.sh --node wss://rpc.example.org      # any node: the app connects to it by default
#   scripts/app.sh --port 8081
#   scripts/app.sh --indexer http://127.0.0.1:4350/graphql   # history from an indexer (indexer.md)
#
# The page also takes the node in its address (`?rpc=ws://…`) and remembers the last one used.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

node_url="ws://127.0.0.1:9944"
port=8080
indexer=()
while [ $# -gt 0 ]; do
	case "$1" in
	--node) node_url="${2:?--node needs a URL}"; shift 2 ;;
	--port) port="${2:?--port needs a number}"; shift 2 ;;
	--indexer) indexer=(--indexer "${2:?--indexer needs a URL}"); shift 2 ;;
	-h | --help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
	esac
done

build_app
exec node "$ROOT/app/serve.mjs" --port "$port" --node "$node_url" "${indexer[@]+"${indexer[@]}"}"
