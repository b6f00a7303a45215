#!/usr/bin/env bash
# A PostgreSQL server of the indexer's own, in a data directory of its own (Debian's server
# binaries, no system service, no Docker), listening on 127.0.0.1 and on a socket in that
# directory. Used by scripts/indexer.sh and by the end-to-end tests.
#
#   scripts/lib/postgres.sh start DIR PORT [--fast]   # creates DIR on first use; database `covalue`
#   scripts/lib/postgres.sh stop DIR
#
# --fast turns fsync off: for throwaway databases (tests) only.
set -euo pipefail

bin_dir() {
	local dir
	dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
	if [ -z "$dir" ] || [ ! -x "$dir/postgres" ]; then
		echo "PostgreSQL's server is not installed (Debian package postgresql)" >&2
		exit 1
	fi
	printf '%s' "$dir"
}

# PostgreSQL refuses to run as root: then it runs as the `postgres` user Debian's package made.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd="${1:-}"
dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start DIR PORT [--fast] | stop DIR" >&2; exit 2; }
bin="$(bin_dir)"

case "$cmd" in
start)
	port="${3:?usage: $0 start DIR PORT [--fast]}"
	fast=()
	[ "${4:-}" = --fast ] && fast=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
	if [ ! -f "$dir/PG_VERSION" ]; then
		mkdir -p "$dir"
		[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
		chmod 700 "$dir"
		as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
			{ cat "$dir.initdb.log" >&2; exit 1; }
		rm -f "$dir.initdb.log"
	fi
	as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 ${fast[*]}" start >/dev/null ||
		{ tail -n 20 "$dir/server.log" >&2; exit 1; }
	if ! as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
		"SELECT 1 FROM pg_database WHERE datname = 'covalue'" | grep -q 1; then
		as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres covalue
	fi
	;;
stop)
	if [ -f "$dir/postmaster.pid" ]; then
		as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
	fi
	;;
*)
	echo "usage: $0 start DIR PORT [--fast] | stop DIR" >&2
	exit 2
	;;
esac
