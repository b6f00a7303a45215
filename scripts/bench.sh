#!/usr/bin/env bash
# Regenerates the runtime's weights from the benchmarks.
#
#   scripts/bench.sh                  # every pallet below, 50 steps, 20 repeats
#   scripts/bench.sh 10 5             # quicker, rougher: STEPS REPEAT
#   PALLETS=pallet_reserve scripts/bench.sh
#
# Builds the runtime with `runtime-benchmarks` in a target directory of its own (so that the
# node's embedded runtime is never the benchmarking one), installs frame-omni-bencher if it is
# missing (its first build takes a while: it compiles RocksDB), runs every benchmark of each
# pallet on this machine and writes the weights: the DC pallets' own `weights.rs` (the
# `WeightInfo` trait, `SubstrateWeight<T>` and `()`, from scripts/pallet-weights.hbs), which the
# runtime uses, and runtime/src/weights/<pallet>.rs for the other pallets. Commit the result
# together with the machine it was measured on (docs/performance.md).
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

steps="${1:-50}" repeat="${2:-20}"
pallets="${PALLETS:-pallet_cooperatives pallet_proof_of_value pallet_reserve pallet_founding_cooperative pallet_validator_set pallet_balances}"
bench_target="${COVALUE_BENCH_TARGET_DIR:-$HOME/.cache/covalue-bench-target}"

ensure_debian_packages
ensure_rust
if ! command -v frame-omni-bencher >/dev/null 2>&1; then
	log "installing frame-omni-bencher 0.28.0 (release stable2609)"
	cargo install frame-omni-bencher --version 0.28.0 --locked
fi

log "building the runtime with runtime-benchmarks (in $bench_target)"
(cd "$ROOT" && CARGO_TARGET_DIR="$bench_target" cargo build --locked --release -p covalue-runtime --features runtime-benchmarks)
wasm="$bench_target/release/wbuild/covalue-runtime/covalue_runtime.compact.compressed.wasm"

mkdir -p "$ROOT/runtime/src/weights"
for pallet in $pallets; do
	# The DC pallets keep their weights next to their code; the others in the runtime.
	case "$pallet" in
	pallet_cooperatives | pallet_proof_of_value | pallet_reserve | pallet_founding_cooperative | pallet_validator_set)
		dir="${pallet#pallet_}"
		output="$ROOT/pallets/${dir//_/-}/src/weights.rs"
		template=(--template "$ROOT/scripts/pallet-weights.hbs")
		;;
	*)
		output="$ROOT/runtime/src/weights/$pallet.rs"
		template=()
		;;
	esac
	log "benchmarking $pallet ($steps steps, $repeat repeats) into ${output#"$ROOT"/}"
	frame-omni-bencher v1 benchmark pallet \
		--runtime "$wasm" \
		--genesis-builder-preset development \
		--pallet "$pallet" --extrinsic "*" \
		--steps "$steps" --repeat "$repeat" \
		--header "$ROOT/scripts/weights-header.txt" \
		"${template[@]}" \
		--output "$output"
done
(cd "$ROOT" && cargo fmt --all)
log "weights written: the DC pallets' src/weights.rs and runtime/src/weights/"
