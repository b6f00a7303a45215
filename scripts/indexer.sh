#!/usr/bin/env bash
# Installs what is missing and runs the indexer: PostgreSQL in a data directory of its own, the
# processor following a node from genesis, and the GraphQL API.
#
#   scripts/indexer.sh                                   # the node on ws://127.0.0.1:9944
#   scripts/indexer.sh --rpc ws://10.0.0.5:9944          # any archive node
#   scripts/indexer.sh --data DIR --db-port 5433 --graphql-port 4350
#
# The node must keep every block's state (`--state-pruning archive --blocks-pruning archive`):
# the indexer starts at genesis. The index survives restarts and resumes where it stopped; when
# the node turns out to be another chain (another genesis), the index is started afresh.
# Stop with Ctrl-C.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

rpc=ws://127.0.0.1:9944
db_port=5433
graphql_port=4350
if [ "$(id -u)" -eq 0 ]; then data=/var/lib/covalue/indexer; else data="${XDG_DATA_HOME:-$HOME/.local/share}/covalue/indexer"; fi
while [ $# -gt 0 ]; do
	case "$1" in
	--rpc) rpc="$2"; shift 2 ;;
	--data) data="$2"; shift 2 ;;
	--db-port) db_port="$2"; shift 2 ;;
	--graphql-port) graphql_port="$2"; shift 2 ;;
	-h | --help) sed -n '2,12p' "$0"; exit 0 ;;
	*) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
	esac
done

ensure_nodejs
ensure_postgresql
build_indexer

exec node "$ROOT/indexer/run.mjs" --rpc "$rpc" --data "$data" --db-port "$db_port" --graphql-port "$graphql_port"
