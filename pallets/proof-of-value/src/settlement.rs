//! What the calls share: the quorum median (§4), rewarding the contributors (§4) and closing a
//! contribution in bounded steps (§5).

use crate::{
	protocol, AwaitingManualClose, Config, Contribution, ContributionId, Contributions,
	ContributorReward, ContributorShare, Earnings, Error, Evaluations, Event, Pallet, Proposal,
	ProposalOutcome, Proposals, Reward, Settlement, SettlementPhase, Status, WeightInfo,
};
use alloc::vec::Vec;
use codec::DecodeLimit;
use covalue_primitives::{
	ContributionKind, CooperativeId, CooperativeInspect, CooperativeTokens, ReputationLedger,
	Score, MAX_REPUTATION,
};
use frame_support::{
	defensive,
	dispatch::GetDispatchInfo,
	ensure,
	pallet_prelude::DispatchResult,
	traits::{Contains, Get, OriginTrait},
	weights::Weight,
};
use sp_runtime::{traits::Dispatchable, ArithmeticError, DispatchError};

/// How deeply a proposal's call may nest calls when it is decoded for enactment: the bound
/// under which extrinsics are decoded.
const MAX_CALL_DEPTH: u32 = 256;

/// What one closing step did.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Step {
	/// Settlement items handled: stakes returned plus earnings paid.
	pub items: u32,
	/// Whether it was the first step (which takes the median and may reward the contributors).
	pub first: bool,
	/// Whether the contribution is closed now.
	pub finished: bool,
	/// What concluding a proposal cost, its enacted call included (zero for work and for
	/// steps that don't finish a closing).
	pub concluded: Weight,
}

impl<T: Config> Pallet<T> {
	/// Contributors must have shares above zero summing to exactly 100%, then be distinct (§1,
	/// in that order: every share is checked before any duplicate).
	pub(crate) fn validate_contributors(
		contributors: &[ContributorShare<T::AccountId>],
	) -> DispatchResult {
		ensure!(!contributors.is_empty(), Error::<T>::InvalidShares);
		let mut sum: u32 = 0;
		for (_, share) in contributors {
			ensure!(!share.is_zero(), Error::<T>::InvalidShares);
			sum = sum.checked_add(share.deconstruct()).ok_or(Error::<T>::InvalidShares)?;
		}
		ensure!(sum == protocol::SHARE_TOTAL, Error::<T>::InvalidShares);
		for (i, (who, _)) in contributors.iter().enumerate() {
			// Quadratic in the number of contributors, bounded by `MaxContributors`.
			ensure!(
				!contributors[..i].iter().any(|(other, _)| other == who),
				Error::<T>::DuplicateContributor
			);
		}
		Ok(())
	}

	/// The quorum median of `c` with its threshold fixed at submission (§4).
	pub(crate) fn current_median(c: &Contribution<T>) -> Option<Score> {
		protocol::quorum_median(&c.buckets, c.parameters.min_score, c.need)
	}

	/// `Σ_b a(b, m)·W_b`, what the pot is shared by; 0 without a median.
	pub(crate) fn pot_weight_total(
		c: &Contribution<T>,
		median: Option<Score>,
	) -> Result<u128, ArithmeticError> {
		let Some(m) = median else { return Ok(0) };
		let p = c.parameters;
		c.buckets
			.iter()
			.zip(p.min_score..=p.max_score)
			.try_fold(0u128, |sum, (b, score)| {
				protocol::pot_weight(p.alignment_radius, score, m, b.weight)
					.and_then(|x| sum.checked_add(x).ok_or(ArithmeticError::Overflow))
			})
	}

	/// The reward §4 owes the contributors of `c` for `median`; `None` if the median did not
	/// rise above what was paid. Capped so that it never fails: the reputation at what the
	/// DC's total can still take, the tokens at what the supply can.
	pub(crate) fn rewards_due(
		c: &Contribution<T>,
		median: Option<Score>,
	) -> Result<Option<Reward>, ArithmeticError> {
		let p = c.parameters;
		// Most evaluations don't raise the median: read the books only when one does.
		if median.is_none_or(|m| m <= c.paid) {
			return Ok(None);
		}
		let total = T::Reputation::ledger(c.dc).map_or(0, |l| l.total);
		let supply = T::Tokens::supply(c.dc);
		let Some(issuance) = protocol::issuance(
			median,
			c.paid,
			p.token_per_point,
			p.reputation_per_point,
			u128::MAX.saturating_sub(supply),
			MAX_REPUTATION.saturating_sub(total),
		) else {
			return Ok(None);
		};
		let shares = c.contributors.iter().map(|(_, share)| *share).collect::<Vec<_>>();
		let tokens = protocol::split_by_shares(issuance.tokens, &shares)?;
		let reputation = protocol::split_by_shares(issuance.reputation, &shares)?;
		Ok(Some(Reward {
			median: c.paid.saturating_add(issuance.points),
			points: issuance.points,
			amounts: tokens
				.into_iter()
				.zip(reputation)
				.map(|(tokens, reputation)| ContributorReward { tokens, reputation })
				.collect(),
		}))
	}

	/// Mints and issues what [`Self::rewards_due`] computed, and records the new `paid`.
	pub(crate) fn pay_rewards(
		contribution: ContributionId,
		c: &mut Contribution<T>,
		reward: Reward,
	) -> DispatchResult {
		let (mut tokens, mut reputation) = (0u128, 0u128);
		for ((who, _), amount) in c.contributors.iter().zip(reward.amounts) {
			if amount.tokens > 0 {
				T::Tokens::mint(c.dc, who, amount.tokens)?;
			}
			if amount.reputation > 0 {
				T::Reputation::issue(c.dc, who, amount.reputation)?;
			}
			tokens = tokens.saturating_add(amount.tokens);
			reputation = reputation.saturating_add(amount.reputation);
		}
		c.paid = reward.median;
		Self::deposit_event(Event::RewardIssued {
			contribution,
			median: reward.median,
			points: reward.points,
			tokens,
			reputation,
		});
		Ok(())
	}

	/// The weight of a closing step of `c` that handles `items` settlement items. The first
	/// step counts a reward for every contributor: whether the median rises at closing is only
	/// known once it is taken.
	pub(crate) fn close_step_weight(c: &Contribution<T>, items: u32) -> Weight {
		// `close(n, b)` is a whole closing in one block, in which each earning set aside is
		// written and removed again; a step that only returns stakes leaves them written: one
		// more write per item.
		let mut step = T::WeightInfo::close(items, c.buckets.len() as u32)
			.saturating_add(T::DbWeight::get().writes(u64::from(items)));
		if c.kind == ContributionKind::Proposal {
			// Any step may be the one that finishes the closing and enacts the call.
			step = step.saturating_add(Self::conclusion_weight());
		}
		match c.status {
			Status::Open => step.saturating_add(T::WeightInfo::reward(c.contributors.len() as u32)),
			_ => step,
		}
	}

	/// The items a closing step of `c` can handle within `limit` weight (at most
	/// `MaxSettlementsPerStep`), from the linear weight of [`Self::close_step_weight`]; `None`
	/// when not even an empty step fits.
	pub(crate) fn items_within(c: &Contribution<T>, limit: Weight) -> Option<u32> {
		let most = T::MaxSettlementsPerStep::get();
		if Self::close_step_weight(c, most).all_lte(limit) {
			return Some(most);
		}
		let base = Self::close_step_weight(c, 0);
		if !base.all_lte(limit) {
			return None;
		}
		let per_item = Self::close_step_weight(c, 1).saturating_sub(base);
		let room = limit.saturating_sub(base);
		let fit = |room: u64, per: u64| room.checked_div(per).unwrap_or(u64::MAX);
		let items = fit(room.ref_time(), per_item.ref_time())
			.min(fit(room.proof_size(), per_item.proof_size()));
		Some(u32::try_from(items).unwrap_or(u32::MAX).min(most))
	}

	/// Takes one closing step of `c` (§5), handling at most `limit` settlement items. The
	/// caller has checked that `c` is not closed and that its period is over.
	///
	/// The first step takes the median with the contribution's fixed `need`, rewards the
	/// contributors if it rose, and fixes what the pot is shared by. Then the stakes are
	/// returned, evaluation by evaluation (each evaluator's payout `p` computed from the state
	/// the first step fixed: `min(p, s)` back vested, the rest set aside), then the earnings
	/// set aside are paid, pending; the last step burns the leftover and marks the contribution
	/// closed. A closing of any number of steps has the outcome of a one-step close.
	pub(crate) fn close_step(
		contribution: ContributionId,
		mut c: Contribution<T>,
		limit: u32,
	) -> Result<Step, DispatchError> {
		let (mut s, first) = match c.status {
			Status::Open => {
				let median = Self::current_median(&c);
				if let Some(reward) = Self::rewards_due(&c, median)? {
					Self::pay_rewards(contribution, &mut c, reward)?;
				}
				let settlement = Settlement {
					median,
					pot_weight: Self::pot_weight_total(&c, median)?,
					phase: SettlementPhase::ReturningStakes,
					settled: 0,
					released: 0,
					payouts: 0,
				};
				(settlement, true)
			},
			Status::Closing(settlement) => (settlement, false),
			Status::Closed { .. } => return Err(Error::<T>::AlreadyClosed.into()),
		};
		// One draining iterator per phase and step: a fresh one per item would start again at
		// the prefix and walk over every key already removed in this block, which made a whole
		// closing quadratic in its evaluations.
		let mut items = 0u32;
		if s.phase == SettlementPhase::ReturningStakes {
			let mut evaluations = Evaluations::<T>::drain_prefix(contribution);
			while items < limit {
				let Some((evaluator, e)) = evaluations.next() else {
					s.phase = SettlementPhase::PayingEarnings;
					break;
				};
				items = items.saturating_add(1);
				s.settled = s.settled.saturating_add(1);
				Self::return_stake(contribution, &c, &mut s, evaluator, e)?;
			}
		}
		if s.phase == SettlementPhase::PayingEarnings {
			let mut earnings = Earnings::<T>::drain_prefix(contribution);
			loop {
				if items >= limit {
					// Nothing left to pay: finishing costs no item.
					if Earnings::<T>::iter_key_prefix(contribution).next().is_some() {
						break;
					}
					let concluded = Self::finish_closing(contribution, c, s)?;
					return Ok(Step { items, first, finished: true, concluded });
				}
				let Some((who, amount)) = earnings.next() else {
					let concluded = Self::finish_closing(contribution, c, s)?;
					return Ok(Step { items, first, finished: true, concluded });
				};
				items = items.saturating_add(1);
				T::Reputation::pay_earnings(c.dc, &who, amount)?;
				s.released = s.released.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
				Self::deposit_event(Event::EarningsPaid { contribution, evaluator: who, amount });
			}
		}
		c.status = Status::Closing(s);
		Contributions::<T>::insert(contribution, c);
		Ok(Step { items, first, finished: false, concluded: Weight::zero() })
	}

	/// Settles one evaluation, taken from storage: its stake (or what is left of it) back
	/// vested, its earnings beyond the stake set aside for the second phase.
	fn return_stake(
		contribution: ContributionId,
		c: &Contribution<T>,
		s: &mut Settlement,
		evaluator: T::AccountId,
		e: crate::Evaluation,
	) -> DispatchResult {
		let accumulator = c.bucket(e.score).map_or(e.snapshot, |b| b.accumulator);
		let payout = protocol::payout(
			c.parameters.alignment_radius,
			s.median,
			c.pot,
			s.pot_weight,
			protocol::Settled {
				score: e.score,
				weight: e.weight,
				stake: e.stake,
				snapshot: e.snapshot,
				accumulator,
			},
		)?;
		let returned = payout.total.min(e.stake);
		let earned = payout.total.saturating_sub(returned);
		T::Reputation::return_stake(c.dc, &evaluator, e.stake, returned)?;
		if earned > 0 {
			Earnings::<T>::insert(contribution, &evaluator, earned);
		}
		s.released = s.released.checked_add(returned).ok_or(ArithmeticError::Overflow)?;
		s.payouts = s.payouts.checked_add(payout.total).ok_or(ArithmeticError::Overflow)?;
		Self::deposit_event(Event::EvaluationSettled {
			contribution,
			evaluator,
			accrued: payout.accrued,
			pot_share: payout.pot_share,
			returned,
			earned,
		});
		Ok(())
	}

	/// The last step: the leftover `escrow − Σ p` (forfeited accruals and rounding dust) burns;
	/// a proposal is then enacted or rejected (§5 step 4, §10). Returns what concluding the
	/// proposal cost.
	fn finish_closing(
		contribution: ContributionId,
		mut c: Contribution<T>,
		s: Settlement,
	) -> Result<Weight, DispatchError> {
		// Payouts round down and forfeits only lower them: they never exceed the escrow.
		let burned = c.escrow.checked_sub(s.payouts).ok_or(ArithmeticError::Underflow)?;
		if s.released != s.payouts {
			defensive!("a closing released other than its payouts");
		}
		T::Reputation::burn_escrowed(c.dc, burned)?;
		Self::unschedule_expiry(contribution, c.first_closing_block());
		AwaitingManualClose::<T>::remove(contribution);
		c.escrow = 0;
		c.pot = 0;
		c.status = Status::Closed { median: s.median, burned };
		let (dc, kind) = (c.dc, c.kind);
		// Stored closed before a proposal's call runs: the call sees the settled books and may
		// even clean this proposal up.
		Contributions::<T>::insert(contribution, c);
		Self::deposit_event(Event::Closed { contribution, median: s.median, burned });
		Ok(match kind {
			ContributionKind::Proposal => Self::conclude(contribution, dc, s.median),
			ContributionKind::Work => Weight::zero(),
		})
	}

	/// The most that concluding a proposal can cost: reading and updating its record, decoding
	/// and dispatching its call.
	pub(crate) fn conclusion_weight() -> Weight {
		T::WeightInfo::conclude(T::MaxProposalLength::get())
			.saturating_add(T::MaxProposalWeight::get())
	}

	/// Enacts a closed proposal whose final median is 1, or rejects it (§10). A failing call
	/// does not fail the closing: its changes are undone and its error is in the event.
	/// Returns the weight used, the call's own included.
	pub(crate) fn conclude(
		proposal: ContributionId,
		dc: CooperativeId,
		median: Option<Score>,
	) -> Weight {
		let Some(record) = Proposals::<T>::get(proposal) else {
			defensive!("a proposal without its call");
			return T::DbWeight::get().reads(1);
		};
		let overhead = T::WeightInfo::conclude(record.call.len() as u32);
		if median != Some(protocol::PROPOSAL_APPROVE) {
			Proposals::<T>::insert(
				proposal,
				Proposal { outcome: ProposalOutcome::Rejected, ..record },
			);
			Self::deposit_event(Event::ProposalRejected { proposal, dc, median });
			return overhead;
		}
		let (result, used) = Self::enact(dc, &record.call);
		// The call may have cleaned the proposal up: record the outcome only if it is there.
		Proposals::<T>::mutate_extant(proposal, |p| {
			p.outcome =
				if result.is_ok() { ProposalOutcome::Enacted } else { ProposalOutcome::Failed };
		});
		Self::deposit_event(Event::ProposalEnacted { proposal, dc, result });
		overhead.saturating_add(used)
	}

	/// Dispatches an encoded call as `dc`'s agent account; returns its result and the weight it
	/// used.
	fn enact(dc: CooperativeId, call: &[u8]) -> (DispatchResult, Weight) {
		let Ok(call) =
			<T as Config>::RuntimeCall::decode_all_with_depth_limit(MAX_CALL_DEPTH, &mut &call[..])
		else {
			return (Err(Error::<T>::UndecodableProposal.into()), Weight::zero());
		};
		let info = call.get_dispatch_info();
		// The bound `close` was declared with: a runtime upgrade may have made the call
		// heavier since it was proposed.
		if !info.call_weight.all_lte(T::MaxProposalWeight::get()) {
			return (Err(Error::<T>::ProposalTooLarge.into()), Weight::zero());
		}
		let Some(agent) = T::Cooperatives::agent(dc) else {
			defensive!("a proposal of a DC that does not exist");
			return (Err(Error::<T>::UnknownCooperative.into()), Weight::zero());
		};
		let mut origin: <T as frame_system::Config>::RuntimeOrigin =
			frame_system::RawOrigin::Signed(agent).into();
		origin.add_filter(<T as Config>::AgentCallFilter::contains);
		// FRAME calls are transactional already; the layer keeps a failing call's changes out
		// whatever pallet it belongs to.
		let result = frame_support::storage::with_storage_layer(|| call.dispatch(origin));
		let used = frame_support::dispatch::extract_actual_weight(&result, &info);
		(result.map(|_| ()).map_err(|e| e.error), used)
	}
}
