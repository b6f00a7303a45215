#!/usr/bin/env bash
# The simulator's speed on a large community: generates 1,000 agents, 1,000 contributions and
# 100,000 evaluations (seed 1) and runs them twice with a release build, with the invariants
# checked at the end only and then after every 1,000th step. Prints the timings on stderr.
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
for every in 0 1000; do
	log "run with --check-every $every"
	time "$simulate" "$scenario" --check-every "$every" --stats --quiet >/dev/null
done
