//! Weights of the reserve pallet.
//!
//! The runtime's weights are generated from this pallet's benchmarks (`benchmarking.rs`) by
//! `scripts/bench.sh`, into `runtime/src/weights/`. This file holds the trait they implement and,
//! for unit tests, `()`: the compute part of estimates, with no database cost.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// Weight functions needed by the reserve pallet.
pub trait WeightInfo {
	fn set_price_cap() -> Weight;
	fn buy() -> Weight;
	fn redeem() -> Weight;
	fn deposit_revenue() -> Weight;
}

/// For tests: compute-only estimates, no database cost.
impl WeightInfo for () {
	fn set_price_cap() -> Weight {
		Weight::from_parts(60_000_000, 9_000)
	}
	fn buy() -> Weight {
		Weight::from_parts(90_000_000, 12_000)
	}
	fn redeem() -> Weight {
		Weight::from_parts(95_000_000, 12_000)
	}
	fn deposit_revenue() -> Weight {
		Weight::from_parts(50_000_000, 9_000)
	}
}
