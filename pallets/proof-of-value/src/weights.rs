//! Weights of the Proof-of-Value pallet.
//!
//! The runtime's weights are generated from this pallet's benchmarks (`benchmarking.rs`) by
//! `scripts/bench.sh`, into `runtime/src/weights/`. This file holds the trait they implement and,
//! for unit tests, `()`: the compute part of estimates, with no database cost.
//!
//! Components: `c` contributors, `b` score buckets, `n` evaluations settled. `evaluate` has no
//! term in the number of earlier evaluations: it costs O(b). A median that rises adds
//! `reward(c)` to `evaluate` or to the first step of `close`. `close(n, b)` is a whole closing of
//! `n` evaluations that all earn beyond their stake (both phases of the settlement); a step that
//! handles `k` settlement items is charged `close(k, b)`, which covers it.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// Weight functions needed by the Proof-of-Value pallet.
pub trait WeightInfo {
	fn contribute(c: u32) -> Weight;
	fn evaluate(b: u32) -> Weight;
	fn reward(c: u32) -> Weight;
	fn close(n: u32, b: u32) -> Weight;
	fn clean_up() -> Weight;
	fn expiry_step() -> Weight;
}

/// For tests: compute-only estimates, no database cost.
impl WeightInfo for () {
	fn contribute(c: u32) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(c.into()))
	}
	fn evaluate(b: u32) -> Weight {
		Weight::from_parts(55_000_000, 9_000)
			.saturating_add(Weight::from_parts(300_000, 32).saturating_mul(b.into()))
	}
	fn reward(c: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(45_000_000, 6_000).saturating_mul(c.into()))
	}
	fn close(n: u32, b: u32) -> Weight {
		Weight::from_parts(50_000_000, 9_000)
			.saturating_add(Weight::from_parts(25_000_000, 5_500).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(300_000, 32).saturating_mul(b.into()))
	}
	fn clean_up() -> Weight {
		Weight::from_parts(40_000_000, 9_000)
	}
	fn expiry_step() -> Weight {
		Weight::from_parts(8_000_000, 3_000)
	}
}
