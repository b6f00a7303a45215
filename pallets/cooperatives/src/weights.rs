//! Weights of the cooperatives pallet.
//!
//! The runtime's weights are generated from this pallet's benchmarks (`benchmarking.rs`) by
//! `scripts/bench.sh`, into `runtime/src/weights/`. This file holds the trait they implement and,
//! for unit tests, `()`: the compute part of estimates, with no database cost.

#![allow(unused_parens, unused_imports, missing_docs)]

use frame_support::weights::Weight;

/// Weight functions needed by the cooperatives pallet.
pub trait WeightInfo {
	fn create_dc(m: u32) -> Weight;
	fn set_parameters() -> Weight;
	fn transfer_admin() -> Weight;
	fn dispatch_as_agent() -> Weight;
}

/// For tests: compute-only estimates, no database cost.
impl WeightInfo for () {
	fn create_dc(m: u32) -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(m.into()))
	}
	fn set_parameters() -> Weight {
		Weight::from_parts(20_000_000, 3_000)
	}
	fn transfer_admin() -> Weight {
		Weight::from_parts(20_000_000, 3_000)
	}
	fn dispatch_as_agent() -> Weight {
		Weight::from_parts(15_000_000, 3_000)
	}
}
