//! The invariants of §5 that concern contributions, checked by `try_state` and after every unit
//! and integration test.

use crate::{
	AwaitingManualClose, Config, Contributions, Evaluations, Evaluators, Expiring, ExpiryCursor,
	NextContributionId, Pallet, Status,
};
use alloc::collections::btree_map::BTreeMap;
use covalue_primitives::{CooperativeId, ReputationLedger};
use frame_support::ensure;

impl<T: Config> Pallet<T> {
	/// Checks the invariants.
	///
	/// ### Invariants
	/// - per open contribution: `escrow ≥ pot`; `escrow` = Σ stakes of its evaluations; each
	///   bucket's weight = Σ weights of its evaluations; the evaluation count matches; it is
	///   scheduled for automatic closing, or waits for a manual one after that failed;
	/// - per closed contribution: no escrow, no pot, no evaluations left;
	/// - every contribution id is below [`NextContributionId`];
	/// - per DC: Σ escrow of its open contributions = the escrow in its reputation books.
	///
	/// The token supply is checked against its books by the DC registry.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut escrow_by_dc = BTreeMap::<CooperativeId, u128>::new();
		let mut scheduled = 0u32;
		let next = NextContributionId::<T>::get();
		for (id, c) in Contributions::<T>::iter() {
			ensure!(id < next, "contribution id at or above the next id");
			match c.status {
				Status::Open => {
					ensure!(c.escrow >= c.pot, "escrow below pot");
					let mut weights = alloc::vec![0u128; c.buckets.len()];
					let (mut count, mut stakes) = (0u32, 0u128);
					for (_, e) in Evaluations::<T>::iter_prefix(id) {
						let weight = e
							.score
							.checked_sub(c.parameters.min_score)
							.and_then(|i| weights.get_mut(usize::from(i)))
							.ok_or("evaluation score outside the contribution's buckets")?;
						*weight = weight.checked_add(e.weight).ok_or("bucket weight overflows")?;
						stakes = stakes.checked_add(e.stake).ok_or("stakes overflow")?;
						count = count.saturating_add(1);
					}
					ensure!(count == c.evaluations, "evaluation count mismatch");
					ensure!(
						Evaluators::<T>::iter_prefix(id).count() as u32 == count,
						"evaluator order mismatch"
					);
					ensure!(stakes == c.escrow, "escrow != sum of stakes");
					ensure!(
						c.buckets.iter().map(|b| b.weight).eq(weights.into_iter()),
						"bucket weight != sum of its evaluations"
					);
					if Expiring::<T>::contains_key(c.first_closing_block(), id) {
						scheduled += 1;
					} else {
						ensure!(
							AwaitingManualClose::<T>::contains_key(id),
							"open contribution neither scheduled nor awaiting a manual close"
						);
					}
					let escrow = escrow_by_dc.entry(c.dc).or_default();
					*escrow = escrow.checked_add(c.escrow).ok_or("escrow overflows")?;
				},
				Status::Closed { .. } => {
					ensure!(c.escrow == 0 && c.pot == 0, "closed contribution holds escrow");
					ensure!(
						Evaluations::<T>::iter_prefix(id).next().is_none(),
						"closed contribution keeps evaluations"
					);
				},
			}
		}
		ensure!(
			ExpiryCursor::<T>::get().map_or(0, |cursor| cursor.scheduled) == scheduled
				&& Expiring::<T>::iter().count() as u32 == scheduled,
			"expiry schedule mismatch"
		);
		for (dc, escrow) in &escrow_by_dc {
			let ledger = T::Reputation::ledger(*dc).ok_or("contribution to a DC without books")?;
			ensure!(ledger.escrowed == *escrow, "DC escrow != sum of open contributions' escrow");
		}
		Ok(())
	}
}
