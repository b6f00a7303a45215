// Placeholder until scripts/bench.sh writes the measured weights.
#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::ParityDbWeight, Weight},
};

/// Weight functions needed by `pallet_founding_cooperative`.
pub trait WeightInfo {
	fn dispatch_as_root() -> Weight;
	fn set_founding_cooperative() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn dispatch_as_root() -> Weight {
		Weight::from_parts(20_000_000, 3000).saturating_add(T::DbWeight::get().reads(2_u64))
	}
	fn set_founding_cooperative() -> Weight {
		Weight::from_parts(20_000_000, 3000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

impl WeightInfo for () {
	fn dispatch_as_root() -> Weight {
		Weight::from_parts(20_000_000, 3000).saturating_add(ParityDbWeight::get().reads(2_u64))
	}
	fn set_founding_cooperative() -> Weight {
		Weight::from_parts(20_000_000, 3000)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
}
