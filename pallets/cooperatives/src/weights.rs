//! Weights of the cooperatives pallet.
//!
//! Estimated from the storage each call touches (reads and writes priced by the runtime's
//! `DbWeight`) plus a compute allowance of the same order as comparable calls of
//! `pallet-assets` and `pallet-balances`; to be replaced by `frame-omni-bencher` output.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions needed by the cooperatives pallet.
pub trait WeightInfo {
	fn create_dc(m: u32) -> Weight;
	fn set_parameters() -> Weight;
	fn transfer_admin() -> Weight;
	fn dispatch_as_agent() -> Weight;
}

/// Weights for the cooperatives pallet on a runtime's database.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: NextCooperativeId, Assets::Asset, Balances holds + account, Ledgers, members.
	/// Writes: holds, account, Asset, Metadata, Ledgers, Cooperatives, NextCooperativeId,
	/// one reputation entry per member.
	fn create_dc(m: u32) -> Weight {
		Weight::from_parts(120_000_000, 12_000)
			.saturating_add(Weight::from_parts(8_000_000, 2_600).saturating_mul(m.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(m.into())))
			.saturating_add(T::DbWeight::get().writes(7_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(m.into())))
	}
	/// Reads and writes Cooperatives.
	fn set_parameters() -> Weight {
		Weight::from_parts(20_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads and writes Cooperatives.
	fn transfer_admin() -> Weight {
		Weight::from_parts(20_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Reads Cooperatives; the dispatched call's weight is added on top.
	fn dispatch_as_agent() -> Weight {
		Weight::from_parts(15_000_000, 3_000).saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

/// For tests: the same formulas on the unit `DbWeight`-free scale.
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
