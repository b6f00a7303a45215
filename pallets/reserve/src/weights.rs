//! Weights of the reserve pallet.
//!
//! Estimated from the storage each call touches (reads and writes priced by the runtime's
//! `DbWeight`) plus a compute allowance of the same order as comparable calls of
//! `pallet-assets` and `pallet-balances`; to be replaced by `frame-omni-bencher` output.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions needed by the reserve pallet.
pub trait WeightInfo {
	fn set_price_cap() -> Weight;
	fn buy() -> Weight;
	fn redeem() -> Weight;
	fn deposit_revenue() -> Weight;
}

/// Weights for the reserve pallet on a runtime's database.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: Cooperatives (this DC and the asset's DC), Reserves, the reserve account and the
	/// admin's account in the reserve asset (and the asset, for a token).
	/// Writes: both accounts, Reserves.
	fn set_price_cap() -> Weight {
		Weight::from_parts(60_000_000, 9_000)
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Reads: Reserves, TokenBooks, the token, the buyer's token account and system account,
	/// the buyer's and the reserve's accounts in the reserve asset (and that asset).
	/// Writes: the same, but Reserves instead of the asset details read.
	fn buy() -> Weight {
		Weight::from_parts(90_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// As `buy`, plus the supply read; the token account may be removed.
	fn redeem() -> Weight {
		Weight::from_parts(95_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Reads: Reserves, the payer's and the reserve's accounts in the reserve asset (and that
	/// asset). Writes: both accounts, Reserves.
	fn deposit_revenue() -> Weight {
		Weight::from_parts(50_000_000, 9_000)
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
}

/// For tests: the compute part of the same formulas.
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
