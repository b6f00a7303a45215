//! Weights of the Proof-of-Value pallet.
//!
//! Estimated from the storage each call touches (reads and writes priced by the runtime's
//! `DbWeight`) plus a compute allowance of the same order as comparable calls of
//! `pallet-assets` and `pallet-balances`; to be replaced by `frame-omni-bencher` output.
//!
//! Components: `c` contributors, `e` earlier evaluations of the contribution, `b` score buckets,
//! `n` evaluations settled. `evaluate` is O(score buckets): it has no term in `e`. A median that
//! rises adds `reward(c)` to `evaluate` or `close`.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions needed by the Proof-of-Value pallet.
pub trait WeightInfo {
	fn contribute(c: u32) -> Weight;
	fn evaluate(e: u32, b: u32) -> Weight;
	fn reward(c: u32) -> Weight;
	fn close(n: u32, b: u32) -> Weight;
	fn clean_up() -> Weight;
	fn expiry_step() -> Weight;
}

/// Weights for the Proof-of-Value pallet on a runtime's database.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: Cooperatives, NextContributionId, holds, account, ExpiryCursor.
	/// Writes: holds, account, Contributions, NextContributionId, Expiring, ExpiryCursor.
	fn contribute(c: u32) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Reads: Contributions, Evaluations, ReputationOf, Ledgers.
	/// Writes: ReputationOf, Ledgers, Evaluations, Evaluators, Contributions.
	/// No term in `e`, the number of earlier evaluations.
	fn evaluate(_e: u32, b: u32) -> Weight {
		Weight::from_parts(55_000_000, 9_000)
			.saturating_add(Weight::from_parts(300_000, 32).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Per contributor paid: the asset account, the asset, ReputationOf, Ledgers, TokenBooks.
	fn reward(c: u32) -> Weight {
		Weight::from_parts(5_000_000, 0)
			.saturating_add(Weight::from_parts(45_000_000, 6_000).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads((5_u64).saturating_mul(c.into())))
			.saturating_add(T::DbWeight::get().writes((5_u64).saturating_mul(c.into())))
	}
	/// Reads: Contributions, Ledgers; per evaluation: Evaluators, Evaluations, ReputationOf.
	/// Writes: Ledgers, Contributions, Expiring, ExpiryCursor; per evaluation: Evaluators,
	/// Evaluations, ReputationOf, Ledgers.
	fn close(n: u32, b: u32) -> Weight {
		Weight::from_parts(50_000_000, 9_000)
			.saturating_add(Weight::from_parts(25_000_000, 5_500).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(300_000, 32).saturating_mul(b.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((3_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(T::DbWeight::get().writes((4_u64).saturating_mul(n.into())))
	}
	/// Reads: Contributions, holds, account. Writes: holds, account, Contributions.
	fn clean_up() -> Weight {
		Weight::from_parts(40_000_000, 9_000)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// One step of automatic closing: ExpiryCursor and one `Expiring` prefix read, maybe a
	/// cursor write.
	fn expiry_step() -> Weight {
		Weight::from_parts(8_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
}

/// For tests: the compute part of the same formulas.
impl WeightInfo for () {
	fn contribute(c: u32) -> Weight {
		Weight::from_parts(60_000_000, 8_000)
			.saturating_add(Weight::from_parts(1_000_000, 0).saturating_mul(c.into()))
	}
	fn evaluate(_e: u32, b: u32) -> Weight {
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
