//! The invariants of §5 that concern contributions, checked by `try_state` and after every unit
//! and integration test.

use crate::{
	protocol, AwaitingManualClose, Config, Contributions, Earnings, Evaluations, Expiring,
	ExpiryCursor, NextContributionId, Pallet, ProposalOutcome, Proposals, SettlementPhase, Status,
};
use alloc::collections::btree_map::BTreeMap;
use covalue_primitives::{ContributionKind, CooperativeId, ReputationLedger};
use frame_support::ensure;

impl<T: Config> Pallet<T> {
	/// Checks the invariants.
	///
	/// ### Invariants
	/// - per open contribution: `escrow ≥ pot`; `escrow` = Σ stakes of its evaluations; each
	///   bucket's weight = Σ weights of its evaluations; `Σ_b W_b ≤ R₀` (no reputation counted
	///   twice); `need = quorum.mul_ceil(R₀)`; the evaluation count matches;
	/// - per closing contribution: what it still holds (`escrow − released`) covers every stake
	///   not returned yet while stakes come back, then every earning set aside; and
	///   `released ≤ payouts ≤ escrow`;
	/// - every contribution not closed is scheduled for automatic closing, or waits for a
	///   manual one after that failed;
	/// - per closed contribution: no escrow, no pot, no evaluations, no earnings left;
	/// - every contribution id is below [`NextContributionId`];
	/// - every proposal (and nothing else) has its call in [`Proposals`], for its own DC, is
	///   scored `0..=1` without issuance, and is decided exactly when it is closed (§10);
	///   every call kept belongs to a contribution;
	/// - per DC: Σ of what its contributions hold = the escrow of its reputation books, and
	///   Σ of the unsettled stakes = the books' `staked`; per account: its escrowed reputation
	///   = Σ of its unsettled stakes.
	///
	/// The token supply is checked against its books by the DC registry.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut held_by_dc = BTreeMap::<CooperativeId, u128>::new();
		let mut staked_by_dc = BTreeMap::<CooperativeId, u128>::new();
		let mut staked_by_account = BTreeMap::<(CooperativeId, T::AccountId), u128>::new();
		let mut scheduled = 0u32;
		let next = NextContributionId::<T>::get();
		for (id, c) in Contributions::<T>::iter() {
			ensure!(id < next, "contribution id at or above the next id");
			let proposal = Proposals::<T>::get(id);
			match c.kind {
				ContributionKind::Work => ensure!(proposal.is_none(), "work with a call"),
				ContributionKind::Proposal => {
					let p = proposal.ok_or("a proposal without its call")?;
					ensure!(p.dc == c.dc, "a proposal's call kept for another DC");
					ensure!(
						c.parameters.min_score == protocol::PROPOSAL_REJECT
							&& c.parameters.max_score == protocol::PROPOSAL_APPROVE
							&& c.parameters.alignment_radius == 0
							&& c.parameters.token_per_point == 0
							&& c.parameters.reputation_per_point == 0,
						"a proposal not on the scale 0..=1 or with issuance"
					);
					let closed = matches!(c.status, Status::Closed { .. });
					ensure!(
						closed == (p.outcome != ProposalOutcome::Undecided),
						"a proposal decided before closing, or closed undecided"
					);
				},
			}
			let mut stakes = 0u128;
			if !matches!(c.status, Status::Closed { .. }) {
				let mut weights = alloc::vec![0u128; c.buckets.len()];
				let mut count = 0u32;
				for (who, e) in Evaluations::<T>::iter_prefix(id) {
					let weight = e
						.score
						.checked_sub(c.parameters.min_score)
						.and_then(|i| weights.get_mut(usize::from(i)))
						.ok_or("evaluation score outside the contribution's buckets")?;
					*weight = weight.checked_add(e.weight).ok_or("bucket weight overflows")?;
					stakes = stakes.checked_add(e.stake).ok_or("stakes overflow")?;
					count = count.saturating_add(1);
					let mine = staked_by_account.entry((c.dc, who)).or_default();
					*mine = mine.checked_add(e.stake).ok_or("stakes overflow")?;
				}
				if Expiring::<T>::contains_key(c.first_closing_block(), id) {
					scheduled += 1;
				} else {
					ensure!(
						AwaitingManualClose::<T>::contains_key(id),
						"open contribution neither scheduled nor awaiting a manual close"
					);
				}
				let staked = staked_by_dc.entry(c.dc).or_default();
				*staked = staked.checked_add(stakes).ok_or("stakes overflow")?;
				let held = held_by_dc.entry(c.dc).or_default();
				*held = held.checked_add(c.held()).ok_or("escrow overflows")?;
				match c.status {
					Status::Open => {
						ensure!(c.escrow >= c.pot, "escrow below pot");
						ensure!(count == c.evaluations, "evaluation count mismatch");
						ensure!(stakes == c.escrow, "escrow != sum of stakes");
						ensure!(
							c.buckets.iter().map(|b| b.weight).eq(weights.into_iter()),
							"bucket weight != sum of its evaluations"
						);
						let counted = c
							.buckets
							.iter()
							.try_fold(0u128, |sum, b| sum.checked_add(b.weight))
							.ok_or("bucket weights overflow")?;
						ensure!(counted <= c.total_at_submission, "reputation counted twice");
						let need = match c.kind {
							ContributionKind::Work => protocol::quorum_need,
							ContributionKind::Proposal => protocol::proposal_need,
						};
						ensure!(
							c.need == need(c.parameters.quorum, c.total_at_submission),
							"threshold not the one fixed at submission"
						);
						ensure!(
							Earnings::<T>::iter_prefix(id).next().is_none(),
							"earnings of an open contribution"
						);
					},
					Status::Closing(s) => {
						let set_aside = Earnings::<T>::iter_prefix_values(id)
							.try_fold(0u128, |sum, e| sum.checked_add(e))
							.ok_or("earnings overflow")?;
						ensure!(
							s.released <= s.payouts && s.payouts <= c.escrow,
							"a closing paid out more than it holds"
						);
						ensure!(
							count.saturating_add(s.settled) == c.evaluations,
							"a closing lost an evaluation"
						);
						// Stakes come back first: while they do, what the contribution holds
						// covers every stake not returned yet; then it covers the earnings.
						let owed = match s.phase {
							SettlementPhase::ReturningStakes => stakes,
							SettlementPhase::PayingEarnings => {
								ensure!(stakes == 0, "earnings paid before every stake is back");
								set_aside
							},
						};
						ensure!(owed <= c.held(), "a closing holds less than it owes");
					},
					Status::Closed { .. } => {},
				}
			} else {
				ensure!(c.escrow == 0 && c.pot == 0, "closed contribution holds escrow");
				ensure!(
					Evaluations::<T>::iter_prefix(id).next().is_none()
						&& Earnings::<T>::iter_prefix(id).next().is_none(),
					"closed contribution keeps evaluations or earnings"
				);
			}
		}
		ensure!(
			Proposals::<T>::iter_keys().all(Contributions::<T>::contains_key),
			"a call kept for a proposal that was cleaned up"
		);
		ensure!(
			ExpiryCursor::<T>::get().map_or(0, |cursor| cursor.scheduled) == scheduled
				&& Expiring::<T>::iter().count() as u32 == scheduled,
			"expiry schedule mismatch"
		);
		for (dc, held) in &held_by_dc {
			let ledger = T::Reputation::ledger(*dc).ok_or("contribution to a DC without books")?;
			ensure!(ledger.escrowed == *held, "DC escrow != what its contributions hold");
			ensure!(
				ledger.staked == staked_by_dc.get(dc).copied().unwrap_or_default(),
				"DC staked != its unsettled stakes"
			);
		}
		for ((dc, who), stakes) in &staked_by_account {
			ensure!(
				T::Reputation::standing(*dc, who).escrowed == *stakes,
				"an account's escrowed reputation != its unsettled stakes"
			);
		}
		Ok(())
	}
}
