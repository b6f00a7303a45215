#!/usr/bin/env bash
# Runs a scenario (spec §8) through the Covalue runtime and prints its outcome JSON on stdout;
# everything else (build output, progress) goes to stderr.
#
#   scripts/simulate.sh scenarios/section-8.json
#   scripts/simulate.sh scenarios/herding.json --csv herding.csv --chart herding.svg
#   scripts/simulate.sh generate --agents 1000 --contributions 1000 --evaluations 100000 > big.json
#
# Any argument is passed on to `covalue-simulate` (see `scripts/simulate.sh --help`).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ensure_debian_packages
ensure_rust
build_binaries
exec "$SIMULATOR_BIN" "$@"
