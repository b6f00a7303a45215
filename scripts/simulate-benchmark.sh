#!/usr/bin/env bash
# The simulator's speed on a large community: generates 1,000 agents, 1,000 contributions and
# 100,000 evaluations (seed 1) and runs them with a release build: in the default mode (the
# invariants checked after every step, incrementally, and wholly at the end), then with the
# whole checks only (at the end, and after every 1,000th step). Prints the timings on stderr.
#
#   scripts/simulate-benchmark.sh [AGENTS CONTRIBUTIONS EVALUATIONS]
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

agents="${1:-1000}" contributions="${2:-1000}" evaluations="${3:-100000}"
ensure_debian_packages
ensure_rust
build_binaries
simulate="$SIMULATOR_BIN"

scenario="$(mktemp --suffix=.json)"
trap 'rm -f "$scenario"' EXIT
"$simulate" generate --agents "$agents" --contributions "$contributions" --evaluations "$evaluations" --seed 1 >"$scenario"
log "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
TIMEFORMAT="wall clock %R s (user %U s, system %S s)"
log "run in the default mode: incremental checks after every step"
time "$simulate" "$scenario" --stats --quiet >/dev/null
for every in 0 1000; do
	log "run with --no-incremental --check-every $every"
	time "$simulate" "$scenario" --no-incremental --check-every "$every" --stats --quiet >/dev/null
done
