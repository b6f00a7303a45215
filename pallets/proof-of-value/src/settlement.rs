//! What the calls share: the quorum median (§4), rewarding the contributors (§4) and closing a
//! contribution (§5).

use crate::{
	protocol, AwaitingManualClose, Config, Contribution, ContributionId, Contributions,
	ContributorReward, ContributorShare, Error, Evaluations, Evaluators, Event, Pallet, Reward,
	Status, WeightInfo,
};
use alloc::vec::Vec;
use covalue_primitives::{CooperativeTokens, Reputation, ReputationLedger, Score};
use frame_support::{defensive, ensure, pallet_prelude::DispatchResult, weights::Weight};
use sp_runtime::{ArithmeticError, DispatchError};

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

	/// The quorum median of `c` over its DC's current total reputation.
	pub(crate) fn current_median(c: &Contribution<T>) -> Option<Score> {
		let total = T::Reputation::ledger(c.dc).map_or(0, |l| l.total);
		protocol::quorum_median(&c.buckets, c.parameters.min_score, c.parameters.quorum, total)
	}

	/// Σ of the pot weights of all evaluations, from the buckets alone: with a median m,
	/// Σ_b a(b, m)·W_b; without one, every stake, i.e. the whole escrow before any payout.
	pub(crate) fn pot_weight_total(
		c: &Contribution<T>,
		median: Option<Score>,
	) -> Result<u128, ArithmeticError> {
		let Some(m) = median else { return Ok(c.escrow) };
		let p = c.parameters;
		c.buckets
			.iter()
			.zip(p.min_score..=p.max_score)
			.try_fold(0u128, |sum, (b, score)| {
				protocol::alignment(p.alignment_radius, score, m)
					.checked_mul(b.weight)
					.and_then(|x| sum.checked_add(x))
					.ok_or(ArithmeticError::Overflow)
			})
	}

	/// The reward §4 owes the contributors of `c` for `median`; `None` if the median did not
	/// rise above what was paid.
	pub(crate) fn rewards_due(
		c: &Contribution<T>,
		median: Option<Score>,
	) -> Result<Option<Reward>, ArithmeticError> {
		let p = c.parameters;
		let Some(issuance) =
			protocol::issuance(median, c.paid, p.token_per_point, p.reputation_per_point)?
		else {
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

	/// The weight of closing `c`.
	/// Counts a reward for every contributor: whether the median rises at closing is only
	/// known once the DC's current total is read.
	pub(crate) fn close_weight(c: &Contribution<T>) -> Weight {
		T::WeightInfo::close(c.evaluations, c.buckets.len() as u32)
			.saturating_add(T::WeightInfo::reward(c.contributors.len() as u32))
	}

	/// Closes and settles `c` (§5). The caller has checked that it is open and expired.
	pub(crate) fn do_close(
		contribution: ContributionId,
		mut c: Contribution<T>,
	) -> Result<(), DispatchError> {
		let p = c.parameters;
		let median = Self::current_median(&c);
		if let Some(reward) = Self::rewards_due(&c, median)? {
			Self::pay_rewards(contribution, &mut c, reward)?;
		}
		let pot_total = Self::pot_weight_total(&c, median)?;
		let mut paid_out: Reputation = 0;
		for index in 0..c.evaluations {
			let Some(evaluator) = Evaluators::<T>::take(contribution, index) else {
				defensive!("an evaluation index below the count has no evaluator");
				continue;
			};
			let Some(e) = Evaluations::<T>::take(contribution, &evaluator) else {
				defensive!("an evaluator has no evaluation");
				continue;
			};
			let accumulator = c.bucket(e.score).map_or(e.snapshot, |b| b.accumulator);
			let reward = protocol::settlement(e.weight, accumulator, e.snapshot)?;
			let own = protocol::pot_weight(p.alignment_radius, e.score, median, e.weight, e.stake)?;
			let pot_share = protocol::pot_share(c.pot, own, pot_total)?;
			let amount = reward.checked_add(pot_share).ok_or(ArithmeticError::Overflow)?;
			T::Reputation::release(c.dc, &evaluator, amount)?;
			paid_out = paid_out.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
			Self::deposit_event(Event::EvaluationSettled {
				contribution,
				evaluator,
				reward,
				pot_share,
			});
		}
		// Rewards and pot shares round down, so they never exceed the escrow.
		let burned = c.escrow.checked_sub(paid_out).ok_or(ArithmeticError::Underflow)?;
		T::Reputation::burn_escrowed(c.dc, burned)?;
		Self::unschedule_expiry(contribution, c.first_closing_block());
		AwaitingManualClose::<T>::remove(contribution);
		c.escrow = 0;
		c.pot = 0;
		c.status = Status::Closed { median, burned };
		Contributions::<T>::insert(contribution, c);
		Self::deposit_event(Event::Closed { contribution, median, burned });
		Ok(())
	}
}
