//! # Proof of Value
//!
//! Contributions and their evaluation: Backfeed's Proof-of-Value protocol.
//!
//! ## Overview
//!
//! Anyone [contributes](Pallet::contribute) work to a decentralized cooperation (DC): a content
//! hash, a URI and the contributors with their shares. Members [evaluate](Pallet::evaluate) it
//! with a score, putting a share of their reputation at stake. The stake goes to the earlier
//! evaluators whose scores are aligned with the new one (earlier = more), through one accumulator
//! per score bucket, so an evaluation costs O(score buckets) whatever came before.
//!
//! After every evaluation the **quorum median** is taken over the DC's *whole* reputation:
//! reputation that has not evaluated counts as a vote below every score. Whenever the median rises
//! above what was already paid, the contributors receive DC tokens and reputation for the
//! difference. When the evaluation period is over, the contribution is [closed](Pallet::close)
//! (by anyone, or automatically with spare block weight): every evaluator's accrued share of
//! later stakes is paid, the pot of unclaimed stakes is shared among the evaluators aligned with
//! the final median, and the rounding dust is burned.
//!
//! The arithmetic is in [`protocol`], a pure module with its own tests; the normative text is the
//! project's Proof-of-Value specification (§3 evaluate, §4 median and issuance, §5 close).
//!
//! ## Calls
//!
//! - [`Pallet::contribute`] — signed; submits a contribution and holds a deposit.
//! - [`Pallet::evaluate`] — signed by an evaluator with reputation in the DC.
//! - [`Pallet::close`] — signed, anyone; settles a contribution whose period is over.
//! - [`Pallet::clean_up`] — signed, anyone; removes a closed contribution and returns its deposit.
//!
//! ## Errors
//!
//! The spec's names: `UnknownContribution`, `EvaluationClosed`, `ScoreOutOfRange`,
//! `AlreadyEvaluated`, `NoReputation`, `InvalidShares`, `AlreadyClosed`,
//! `EvaluationPeriodNotOver`; and [`Error::UnknownCooperative`],
//! [`Error::DuplicateContributor`], [`Error::TooManyEvaluations`], [`Error::NotClosed`],
//! [`Error::Overflow`].
//!
//! ## Events
//!
//! [`Event::Contributed`], [`Event::Evaluated`], [`Event::RewardIssued`],
//! [`Event::EvaluationSettled`], [`Event::Closed`], [`Event::CleanedUp`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod protocol;
#[cfg(test)]
mod tests;
pub mod weights;

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_cooperatives::{CooperativeId, Parameters, Reputation, Score, TokenBalance};
use protocol::Bucket;
use scale_info::TypeInfo;
use sp_runtime::traits::Saturating;

/// Identifier of a contribution.
pub type ContributionId = u64;

/// One evaluation (spec §1): fixed once made.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Evaluation {
	/// The score given.
	pub score: Score,
	/// The evaluator's reputation when evaluating.
	pub weight: Reputation,
	/// The reputation put at stake.
	pub stake: Reputation,
	/// The accumulator of the score's bucket right after the evaluation.
	pub snapshot: u128,
}

/// Whether a contribution is still open.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
	/// Open for evaluations until the period ends, then until closed.
	Open,
	/// Closed and settled.
	Closed {
		/// The final median (`None`: no consensus).
		median: Option<Score>,
		/// Rounding dust burned on closing.
		burned: Reputation,
	},
}

/// A contribution (spec §1).
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Contribution<T: Config> {
	/// The DC it was contributed to.
	pub dc: CooperativeId,
	/// Who submitted it and paid the deposit.
	pub depositor: T::AccountId,
	/// The deposit held until clean-up.
	pub deposit: BalanceOf<T>,
	/// Contributors with their shares in parts per million (summing to 1,000,000).
	pub contributors: BoundedVec<(T::AccountId, u32), T::MaxContributors>,
	/// Hash of the work's content.
	pub content_hash: T::Hash,
	/// Where the work can be found.
	pub uri: BoundedVec<u8, T::MaxUriLength>,
	/// The block it was submitted in.
	pub submitted: BlockNumberFor<T>,
	/// The DC's parameters at submission.
	pub parameters: Parameters<BlockNumberFor<T>>,
	/// One bucket per score `min_score..=max_score`: weight and accumulator.
	pub buckets: BoundedVec<Bucket, T::MaxScoreBuckets>,
	/// Stakes held: the evaluators' stakes not yet paid out.
	pub escrow: Reputation,
	/// The part of the escrow that belongs to nobody yet: shared on closing.
	pub pot: Reputation,
	/// The highest median already rewarded.
	pub paid: Score,
	/// How many evaluations it has.
	pub evaluations: u32,
	/// Open or closed.
	pub status: Status,
}

impl<T: Config> Contribution<T> {
	/// The last block in which it accepts evaluations.
	pub fn last_evaluation_block(&self) -> BlockNumberFor<T> {
		self.submitted.saturating_add(self.parameters.evaluation_period)
	}
}

/// What a client sees of a contribution.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ContributionStatus<BlockNumber> {
	/// The DC.
	pub dc: CooperativeId,
	/// Whether it is still open.
	pub open: bool,
	/// The median now (open) or the final median (closed); `None`: no consensus.
	pub median: Option<Score>,
	/// The highest median already rewarded.
	pub paid: Score,
	/// `(score, weight)` of every score bucket.
	pub buckets: alloc::vec::Vec<(Score, Reputation)>,
	/// Evaluations so far.
	pub evaluations: u32,
	/// Stakes held.
	pub escrow: Reputation,
	/// Unclaimed stakes, shared on closing.
	pub pot: Reputation,
	/// Blocks in which it still accepts evaluations (0 once the period is over).
	pub blocks_left: BlockNumber,
}

/// What an evaluator stands to receive from an open contribution.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct PendingReward {
	/// The stake the evaluator put in.
	pub stake: Reputation,
	/// Its share of later aligned stakes, accrued so far.
	pub accrued: Reputation,
	/// Its share of the pot if the contribution closed now with the current median.
	pub pot_share: Reputation,
}

/// Native currency balance.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		traits::{
			fungible::{self, MutateHold},
			tokens::Precision,
		},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use pallet_cooperatives::{CooperativeInspect, CooperativeTokens, Minting};
	use pallet_reputation::ReputationLedger;
	use sp_runtime::traits::{One, Zero};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the Proof-of-Value pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native currency, from which contribution deposits are held.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The DC registry, which also mints the DC tokens that rewards pay.
		type Cooperatives: CooperativeInspect<Self::AccountId, BlockNumberFor<Self>>
			+ CooperativeTokens<Self::AccountId>;

		/// Reputation books.
		type Reputation: ReputationLedger<Self::AccountId>;

		/// The deposit held from whoever submits a contribution, returned on clean-up.
		#[pallet::constant]
		type ContributionDeposit: Get<BalanceOf<Self>>;

		/// Maximum number of contributors of one contribution.
		#[pallet::constant]
		type MaxContributors: Get<u32>;

		/// Maximum length of a contribution's URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// Maximum number of score buckets: the cooperatives pallet's `MaxScore` + 1.
		#[pallet::constant]
		type MaxScoreBuckets: Get<u32>;

		/// Maximum number of evaluations of one contribution: what closing settles at once.
		#[pallet::constant]
		type MaxEvaluationsPerContribution: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds native currency.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a contribution, returned on clean-up.
		#[codec(index = 0)]
		ContributionDeposit,
	}

	/// The contributions.
	// Ids are assigned sequentially by this pallet: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, Contribution<T>, OptionQuery>;

	/// The id the next contribution gets.
	#[pallet::storage]
	pub type NextContributionId<T: Config> = StorageValue<_, ContributionId, ValueQuery>;

	/// The evaluations of open contributions, by evaluator.
	// Contribution ids are sequential (`Twox64Concat`); evaluators choose their accounts
	// (`Blake2_128Concat`).
	#[pallet::storage]
	pub type Evaluations<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ContributionId,
		Blake2_128Concat,
		T::AccountId,
		Evaluation,
		OptionQuery,
	>;

	/// The evaluators of open contributions, in evaluation order.
	// Both keys are assigned by this pallet: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type Evaluators<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ContributionId,
		Twox64Concat,
		u32,
		T::AccountId,
		OptionQuery,
	>;

	/// Open contributions by the first block in which they can be closed.
	// Block numbers and contribution ids are not chosen by users: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type Expiring<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		Twox64Concat,
		ContributionId,
		(),
		OptionQuery,
	>;

	/// The earliest block of [`Expiring`] that automatic closing has not cleared yet, and how many
	/// entries [`Expiring`] holds; `None` when it is empty.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32), OptionQuery>;

	/// Expired contributions whose automatic closing failed: they wait for a manual `close`.
	// Contribution ids are sequential: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type AwaitingManualClose<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, (), OptionQuery>;

	/// Events of the Proof-of-Value pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A contribution was submitted.
		Contributed {
			/// Its id.
			contribution: ContributionId,
			/// The DC.
			dc: CooperativeId,
			/// Who submitted it.
			depositor: T::AccountId,
			/// Its content hash.
			content_hash: T::Hash,
		},
		/// A contribution was evaluated.
		Evaluated {
			/// The contribution.
			contribution: ContributionId,
			/// The evaluator.
			evaluator: T::AccountId,
			/// The score given.
			score: Score,
			/// The evaluator's reputation.
			weight: Reputation,
			/// The reputation put at stake.
			stake: Reputation,
		},
		/// The median rose above what was paid: contributors received tokens and reputation.
		RewardIssued {
			/// The contribution.
			contribution: ContributionId,
			/// The new median.
			median: Score,
			/// Points paid now: the new median minus the previous one.
			points: Score,
			/// Tokens minted to the contributors together.
			tokens: TokenBalance,
			/// Reputation issued to the contributors together.
			reputation: Reputation,
		},
		/// An evaluation was settled on closing.
		EvaluationSettled {
			/// The contribution.
			contribution: ContributionId,
			/// The evaluator.
			evaluator: T::AccountId,
			/// Its share of the stakes of later aligned evaluators.
			reward: Reputation,
			/// Its share of the pot.
			pot_share: Reputation,
		},
		/// A contribution was closed.
		Closed {
			/// The contribution.
			contribution: ContributionId,
			/// The final median; `None`: no consensus.
			median: Option<Score>,
			/// Rounding dust burned.
			burned: Reputation,
		},
		/// A closed contribution was removed and its deposit returned.
		CleanedUp {
			/// The contribution.
			contribution: ContributionId,
			/// Who got the deposit back.
			depositor: T::AccountId,
			/// The deposit.
			deposit: BalanceOf<T>,
		},
	}

	/// Errors of the Proof-of-Value pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No DC has this id.
		UnknownCooperative,
		/// No contribution has this id (or it was cleaned up).
		UnknownContribution,
		/// Contributors must be a non-empty list with shares above zero summing to exactly
		/// 1,000,000 parts per million.
		InvalidShares,
		/// An account is listed twice among the contributors.
		DuplicateContributor,
		/// The contribution is closed or its evaluation period is over.
		EvaluationClosed,
		/// The score is outside the contribution's `min_score..=max_score`.
		ScoreOutOfRange,
		/// This account has evaluated this contribution already; evaluations are final.
		AlreadyEvaluated,
		/// Only accounts with reputation in the DC can evaluate.
		NoReputation,
		/// The contribution has the maximum number of evaluations.
		TooManyEvaluations,
		/// The contribution is closed already.
		AlreadyClosed,
		/// The evaluation period is not over: close after `submitted + evaluation_period`.
		EvaluationPeriodNotOver,
		/// Only closed contributions can be cleaned up.
		NotClosed,
		/// An amount would exceed `u128::MAX`.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::close_expired(now, &mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			assert!(T::MaxContributors::get() > 0, "MaxContributors must be above zero");
			assert!(T::MaxScoreBuckets::get() >= 11, "MaxScoreBuckets must be at least 11");
			assert!(
				T::MaxEvaluationsPerContribution::get() > 0,
				"MaxEvaluationsPerContribution must be above zero"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Submit a contribution to a DC.
		///
		/// ## Dispatch Origin
		/// Signed; any account. It pays [`Config::ContributionDeposit`], returned by
		/// [`Pallet::clean_up`]. Contributors need no reputation.
		///
		/// ## Details
		/// `contributors` lists distinct accounts with shares in parts per million summing to
		/// exactly 1,000,000; rewards are split by these shares, the rounding remainder going to
		/// the first. The contribution snapshots the DC's current parameters.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::InvalidShares`],
		/// [`Error::DuplicateContributor`], [`Error::Overflow`], or the currency's error if the
		/// deposit can't be held.
		///
		/// ## Events
		/// [`Event::Contributed`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::contribute(contributors.len() as u32))]
		pub fn contribute(
			origin: OriginFor<T>,
			dc: CooperativeId,
			content_hash: T::Hash,
			uri: BoundedVec<u8, T::MaxUriLength>,
			contributors: BoundedVec<(T::AccountId, u32), T::MaxContributors>,
		) -> DispatchResult {
			let depositor = ensure_signed(origin)?;
			let parameters =
				T::Cooperatives::parameters(dc).ok_or(Error::<T>::UnknownCooperative)?;
			Self::validate_contributors(&contributors)?;
			let buckets = (parameters.min_score..=parameters.max_score)
				.map(|_| Bucket::default())
				.collect::<Vec<_>>();
			let buckets = BoundedVec::try_from(buckets).map_err(|_| Error::<T>::ScoreOutOfRange)?;
			let id = NextContributionId::<T>::get();
			let next_id = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
			let now = frame_system::Pallet::<T>::block_number();

			let deposit = T::ContributionDeposit::get();
			T::Currency::hold(&HoldReason::ContributionDeposit.into(), &depositor, deposit)?;
			let contribution = Contribution::<T> {
				dc,
				depositor: depositor.clone(),
				deposit,
				contributors,
				content_hash,
				uri,
				submitted: now,
				parameters,
				buckets,
				escrow: 0,
				pot: 0,
				paid: 0,
				evaluations: 0,
				status: Status::Open,
			};
			Self::schedule_expiry(
				id,
				contribution.last_evaluation_block().saturating_add(One::one()),
			);
			Contributions::<T>::insert(id, contribution);
			NextContributionId::<T>::put(next_id);
			Self::deposit_event(Event::Contributed {
				contribution: id,
				dc,
				depositor,
				content_hash,
			});
			Ok(())
		}

		/// Evaluate a contribution with a score, staking part of your reputation in its DC.
		///
		/// ## Dispatch Origin
		/// Signed by the evaluator, who must have reputation in the contribution's DC.
		///
		/// ## Details
		/// Spec §3: the stake (`stake` × your reputation) leaves your reputation for the
		/// contribution's escrow and is shared among earlier evaluators aligned with your score
		/// (or goes to the pot); your evaluation is recorded with your reputation as its weight;
		/// then the quorum median is taken and, if it rose, the contributors are rewarded (§4).
		/// Costs O(score buckets), whatever the number of earlier evaluations.
		///
		/// ## Errors
		/// In this order: [`Error::UnknownContribution`], [`Error::EvaluationClosed`],
		/// [`Error::ScoreOutOfRange`], [`Error::AlreadyEvaluated`], [`Error::NoReputation`];
		/// then [`Error::TooManyEvaluations`], [`Error::Overflow`].
		///
		/// ## Events
		/// [`Event::RewardIssued`] if the median rose, then [`Event::Evaluated`].
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::evaluate(
				T::MaxEvaluationsPerContribution::get(),
				T::MaxScoreBuckets::get(),
			)
			.saturating_add(T::WeightInfo::reward(T::MaxContributors::get()))
		)]
		pub fn evaluate(
			origin: OriginFor<T>,
			contribution: ContributionId,
			score: Score,
		) -> DispatchResultWithPostInfo {
			let evaluator = ensure_signed(origin)?;
			let mut c =
				Contributions::<T>::get(contribution).ok_or(Error::<T>::UnknownContribution)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				c.status == Status::Open && now <= c.last_evaluation_block(),
				Error::<T>::EvaluationClosed
			);
			let p = c.parameters;
			ensure!(p.min_score <= score && score <= p.max_score, Error::<T>::ScoreOutOfRange);
			ensure!(
				!Evaluations::<T>::contains_key(contribution, &evaluator),
				Error::<T>::AlreadyEvaluated
			);
			let weight = T::Reputation::reputation(c.dc, &evaluator);
			ensure!(weight > 0, Error::<T>::NoReputation);
			ensure!(
				c.evaluations < T::MaxEvaluationsPerContribution::get(),
				Error::<T>::TooManyEvaluations
			);

			// Everything is computed on the in-memory copy first; storage is written only once
			// every fallible step has passed.
			let stake = p.stake.mul_floor(weight);
			let to_pot = protocol::redistribute_stake(
				c.buckets.as_mut(),
				p.min_score,
				p.alignment_radius,
				score,
				stake,
			)
			.map_err(|_| Error::<T>::Overflow)?;
			c.pot = c.pot.checked_add(to_pot).ok_or(Error::<T>::Overflow)?;
			c.escrow = c.escrow.checked_add(stake).ok_or(Error::<T>::Overflow)?;
			let bucket = c
				.buckets
				.get_mut(usize::from(score - p.min_score))
				.ok_or(Error::<T>::ScoreOutOfRange)?;
			bucket.weight = bucket.weight.checked_add(weight).ok_or(Error::<T>::Overflow)?;
			let snapshot = bucket.accumulator;
			let index = c.evaluations;
			c.evaluations = index.saturating_add(1);
			let total = T::Reputation::ledger(c.dc).map_or(0, |l| l.total);
			let median = protocol::quorum_median(&c.buckets, p.min_score, p.quorum, total);
			let rewards = Self::rewards_due(&c, median)?;

			T::Reputation::lock(c.dc, &evaluator, stake)?;
			Evaluations::<T>::insert(
				contribution,
				&evaluator,
				Evaluation { score, weight, stake, snapshot },
			);
			Evaluators::<T>::insert(contribution, index, &evaluator);
			let mut actual = T::WeightInfo::evaluate(index, c.buckets.len() as u32);
			if let Some(rewards) = rewards {
				actual = actual.saturating_add(T::WeightInfo::reward(c.contributors.len() as u32));
				Self::pay_rewards(contribution, &mut c, rewards)?;
			}
			Contributions::<T>::insert(contribution, c);
			Self::deposit_event(Event::Evaluated { contribution, evaluator, score, weight, stake });
			Ok(Some(actual).into())
		}

		/// Close a contribution whose evaluation period is over, and settle it.
		///
		/// ## Dispatch Origin
		/// Signed; any account. Expired contributions are also closed automatically when blocks
		/// have spare weight.
		///
		/// ## Details
		/// Spec §5: the median is taken with the DC's current total reputation and rewarded if it
		/// rose; every evaluator receives its accrued share of later aligned stakes; the pot is
		/// shared among the evaluations aligned with the median (weighted by alignment × weight),
		/// or, with no median, among all of them by stake; the rounding dust is burned.
		///
		/// ## Errors
		/// [`Error::UnknownContribution`], [`Error::AlreadyClosed`],
		/// [`Error::EvaluationPeriodNotOver`], [`Error::Overflow`].
		///
		/// ## Events
		/// [`Event::RewardIssued`] if the median rose, one [`Event::EvaluationSettled`] per
		/// evaluation, then [`Event::Closed`].
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::close(
				T::MaxEvaluationsPerContribution::get(),
				T::MaxScoreBuckets::get(),
			)
			.saturating_add(T::WeightInfo::reward(T::MaxContributors::get()))
		)]
		pub fn close(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let c = Contributions::<T>::get(contribution).ok_or(Error::<T>::UnknownContribution)?;
			ensure!(c.status == Status::Open, Error::<T>::AlreadyClosed);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now > c.last_evaluation_block(), Error::<T>::EvaluationPeriodNotOver);
			let weight = Self::close_weight(&c);
			Self::do_close(contribution, c)?;
			Ok(Some(weight).into())
		}

		/// Remove a closed contribution from storage and return its deposit to whoever paid it.
		///
		/// ## Dispatch Origin
		/// Signed; any account.
		///
		/// ## Errors
		/// [`Error::UnknownContribution`], [`Error::NotClosed`].
		///
		/// ## Events
		/// [`Event::CleanedUp`].
		#[pallet::call_index(3)]
		pub fn clean_up(origin: OriginFor<T>, contribution: ContributionId) -> DispatchResult {
			ensure_signed(origin)?;
			let c = Contributions::<T>::get(contribution).ok_or(Error::<T>::UnknownContribution)?;
			ensure!(matches!(c.status, Status::Closed { .. }), Error::<T>::NotClosed);
			T::Currency::release(
				&HoldReason::ContributionDeposit.into(),
				&c.depositor,
				c.deposit,
				Precision::BestEffort,
			)?;
			Contributions::<T>::remove(contribution);
			Self::deposit_event(Event::CleanedUp {
				contribution,
				depositor: c.depositor,
				deposit: c.deposit,
			});
			Ok(())
		}
	}

	/// Read-only queries for clients.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Status of a contribution: median, paid, buckets, escrow, pot, blocks left, open or not.
		pub fn contribution_status(
			contribution: ContributionId,
		) -> Option<ContributionStatus<BlockNumberFor<T>>> {
			let c = Contributions::<T>::get(contribution)?;
			let p = c.parameters;
			let now = frame_system::Pallet::<T>::block_number();
			let (open, median) = match c.status {
				Status::Open => (true, Self::current_median(&c)),
				Status::Closed { median, .. } => (false, median),
			};
			let blocks_left = if open && now <= c.last_evaluation_block() {
				c.last_evaluation_block().saturating_sub(now).saturating_add(One::one())
			} else {
				Zero::zero()
			};
			Some(ContributionStatus {
				dc: c.dc,
				open,
				median,
				paid: c.paid,
				buckets: c
					.buckets
					.iter()
					.zip(p.min_score..=p.max_score)
					.map(|(b, score)| (score, b.weight))
					.collect(),
				evaluations: c.evaluations,
				escrow: c.escrow,
				pot: c.pot,
				blocks_left,
			})
		}

		/// What `evaluator` stands to receive from an open contribution if it closed now.
		pub fn pending_reward(
			contribution: ContributionId,
			evaluator: T::AccountId,
		) -> Option<PendingReward> {
			let c = Contributions::<T>::get(contribution)?;
			let e = Evaluations::<T>::get(contribution, &evaluator)?;
			let p = c.parameters;
			let accumulator =
				c.buckets.get(usize::from(e.score.checked_sub(p.min_score)?))?.accumulator;
			let accrued = protocol::settlement(e.weight, accumulator, e.snapshot).ok()?;
			let median = Self::current_median(&c);
			let own = protocol::pot_weight(p.alignment_radius, e.score, median, e.weight, e.stake)
				.ok()?;
			let all = Self::pot_weight_total(&c, median).ok()?;
			let pot_share = protocol::pot_share(c.pot, own, all).ok()?;
			Some(PendingReward { stake: e.stake, accrued, pot_share })
		}
	}

	impl<T: Config> Pallet<T> {
		fn validate_contributors(contributors: &[(T::AccountId, u32)]) -> DispatchResult {
			ensure!(!contributors.is_empty(), Error::<T>::InvalidShares);
			let mut sum: u32 = 0;
			for (i, (who, share)) in contributors.iter().enumerate() {
				ensure!(*share > 0, Error::<T>::InvalidShares);
				sum = sum.checked_add(*share).ok_or(Error::<T>::InvalidShares)?;
				// Quadratic in the number of contributors, bounded by `MaxContributors`.
				ensure!(
					!contributors[..i].iter().any(|(other, _)| other == who),
					Error::<T>::DuplicateContributor
				);
			}
			ensure!(sum == protocol::SHARE_TOTAL, Error::<T>::InvalidShares);
			Ok(())
		}

		/// The quorum median of `c` over its DC's current total reputation.
		fn current_median(c: &Contribution<T>) -> Option<Score> {
			let total = T::Reputation::ledger(c.dc).map_or(0, |l| l.total);
			protocol::quorum_median(&c.buckets, c.parameters.min_score, c.parameters.quorum, total)
		}

		/// Σ of the pot weights of all evaluations, from the buckets alone: with a median m,
		/// Σ_b a(b, m)·W_b; without one, every stake, i.e. the whole escrow before any payout.
		fn pot_weight_total(c: &Contribution<T>, median: Option<Score>) -> Result<u128, Error<T>> {
			let Some(m) = median else { return Ok(c.escrow) };
			let p = c.parameters;
			c.buckets
				.iter()
				.zip(p.min_score..=p.max_score)
				.try_fold(0u128, |sum, (b, score)| {
					protocol::alignment(p.alignment_radius, score, m)
						.checked_mul(b.weight)
						.and_then(|x| sum.checked_add(x))
						.ok_or(Error::<T>::Overflow)
				})
		}

		/// The rewards §4 owes the contributors of `c` for `median`: the new median, the points,
		/// and each contributor's tokens and reputation. `None` if the median did not rise.
		#[allow(clippy::type_complexity)]
		pub(crate) fn rewards_due(
			c: &Contribution<T>,
			median: Option<Score>,
		) -> Result<Option<(Score, Score, Vec<(TokenBalance, Reputation)>)>, Error<T>> {
			let p = c.parameters;
			let Some((points, tokens, reputation)) =
				protocol::issuance(median, c.paid, p.token_per_point, p.reputation_per_point)
					.map_err(|_| Error::<T>::Overflow)?
			else {
				return Ok(None);
			};
			let shares = c.contributors.iter().map(|(_, s)| *s).collect::<Vec<_>>();
			let tokens =
				protocol::split_by_shares(tokens, &shares).map_err(|_| Error::<T>::Overflow)?;
			let reputation =
				protocol::split_by_shares(reputation, &shares).map_err(|_| Error::<T>::Overflow)?;
			let median = c.paid.saturating_add(points);
			Ok(Some((median, points, tokens.into_iter().zip(reputation).collect())))
		}

		/// Mints and issues what [`Self::rewards_due`] computed, and records the new `paid`.
		pub(crate) fn pay_rewards(
			contribution: ContributionId,
			c: &mut Contribution<T>,
			(median, points, amounts): (Score, Score, Vec<(TokenBalance, Reputation)>),
		) -> DispatchResult {
			let (mut tokens, mut reputation) = (0u128, 0u128);
			for ((who, _), (token_amount, reputation_amount)) in c.contributors.iter().zip(amounts)
			{
				if token_amount > 0 {
					T::Cooperatives::mint(c.dc, who, token_amount, Minting::Reward)?;
				}
				if reputation_amount > 0 {
					T::Reputation::issue(c.dc, who, reputation_amount)?;
				}
				tokens = tokens.saturating_add(token_amount);
				reputation = reputation.saturating_add(reputation_amount);
			}
			c.paid = median;
			Self::deposit_event(Event::RewardIssued {
				contribution,
				median,
				points,
				tokens,
				reputation,
			});
			Ok(())
		}

		/// The weight of closing `c`.
		/// Counts a reward for every contributor: whether the median rises at closing is only
		/// known once the DC's current total is read.
		fn close_weight(c: &Contribution<T>) -> Weight {
			T::WeightInfo::close(c.evaluations, c.buckets.len() as u32)
				.saturating_add(T::WeightInfo::reward(c.contributors.len() as u32))
		}

		/// Closes and settles `c` (spec §5). The caller has checked that it is open and expired.
		fn do_close(contribution: ContributionId, mut c: Contribution<T>) -> DispatchResult {
			let p = c.parameters;
			let median = Self::current_median(&c);
			if let Some(rewards) = Self::rewards_due(&c, median)? {
				Self::pay_rewards(contribution, &mut c, rewards)?;
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
				let accumulator = c
					.buckets
					.get(usize::from(e.score.saturating_sub(p.min_score)))
					.map_or(e.snapshot, |b| b.accumulator);
				let reward = protocol::settlement(e.weight, accumulator, e.snapshot)
					.map_err(|_| Error::<T>::Overflow)?;
				let own =
					protocol::pot_weight(p.alignment_radius, e.score, median, e.weight, e.stake)
						.map_err(|_| Error::<T>::Overflow)?;
				let pot_share =
					protocol::pot_share(c.pot, own, pot_total).map_err(|_| Error::<T>::Overflow)?;
				let amount = reward.checked_add(pot_share).ok_or(Error::<T>::Overflow)?;
				T::Reputation::release(c.dc, &evaluator, amount)?;
				paid_out = paid_out.checked_add(amount).ok_or(Error::<T>::Overflow)?;
				Self::deposit_event(Event::EvaluationSettled {
					contribution,
					evaluator,
					reward,
					pot_share,
				});
			}
			// Rewards and pot shares round down, so they never exceed the escrow.
			let burned = c.escrow.checked_sub(paid_out).ok_or(Error::<T>::Overflow)?;
			T::Reputation::burn_escrowed(c.dc, burned)?;
			Self::unschedule_expiry(
				contribution,
				c.last_evaluation_block().saturating_add(One::one()),
			);
			AwaitingManualClose::<T>::remove(contribution);
			c.escrow = 0;
			c.pot = 0;
			c.status = Status::Closed { median, burned };
			Contributions::<T>::insert(contribution, c);
			Self::deposit_event(Event::Closed { contribution, median, burned });
			Ok(())
		}

		fn schedule_expiry(contribution: ContributionId, at: BlockNumberFor<T>) {
			Expiring::<T>::insert(at, contribution, ());
			ExpiryCursor::<T>::mutate(|cursor| {
				*cursor = Some(match *cursor {
					Some((block, count)) => (block.min(at), count.saturating_add(1)),
					None => (at, 1),
				})
			});
		}

		fn unschedule_expiry(contribution: ContributionId, at: BlockNumberFor<T>) {
			if Expiring::<T>::take(at, contribution).is_none() {
				return;
			}
			ExpiryCursor::<T>::mutate(|cursor| {
				*cursor = match *cursor {
					Some((_, count)) if count <= 1 => None,
					Some((block, count)) => Some((block, count - 1)),
					None => None,
				}
			});
		}

		/// Closes expired contributions while `meter` allows, oldest expiry first.
		pub(crate) fn close_expired(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
			let step = T::WeightInfo::expiry_step();
			loop {
				if meter.try_consume(step).is_err() {
					return;
				}
				let Some((block, _)) = ExpiryCursor::<T>::get() else { return };
				if block > now {
					return;
				}
				let Some(contribution) = Expiring::<T>::iter_key_prefix(block).next() else {
					// Nothing left at this block: move on to the next one.
					ExpiryCursor::<T>::mutate(|cursor| {
						if let Some((b, _)) = cursor {
							*b = b.saturating_add(One::one());
						}
					});
					continue;
				};
				let Some(c) = Contributions::<T>::get(contribution) else {
					defensive!("an expiring contribution does not exist");
					Self::unschedule_expiry(contribution, block);
					continue;
				};
				let weight = Self::close_weight(&c);
				if meter.try_consume(weight).is_err() {
					return;
				}
				if let Err(e) =
					frame_support::storage::with_storage_layer(|| Self::do_close(contribution, c))
				{
					log::warn!(
						target: "runtime::proof-of-value",
						"automatic closing of contribution {contribution} failed: {e:?}"
					);
					// Stop retrying it here; it stays open for a manual `close`.
					Self::unschedule_expiry(contribution, block);
					AwaitingManualClose::<T>::insert(contribution, ());
				}
			}
		}

		/// Checks the spec's invariants.
		///
		/// ### Invariants
		/// - per open contribution: `escrow ≥ pot`; `escrow` = Σ stakes of its evaluations; each
		///   bucket's weight = Σ weights of its evaluations; the evaluation count matches; it is
		///   scheduled for automatic closing, or waits for a manual one after that failed;
		/// - per closed contribution: no escrow, no pot, no evaluations left;
		/// - per DC: Σ escrow of its open contributions = the escrow in its reputation books.
		///
		/// The token supply is checked against its books by the cooperatives pallet.
		#[cfg(any(feature = "std", feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			let mut escrow_by_dc = BTreeMap::<CooperativeId, u128>::new();
			let mut scheduled = 0u32;
			for (id, c) in Contributions::<T>::iter() {
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
							*weight =
								weight.checked_add(e.weight).ok_or("bucket weight overflows")?;
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
						let at = c.last_evaluation_block().saturating_add(One::one());
						if Expiring::<T>::contains_key(at, id) {
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
				ExpiryCursor::<T>::get().map_or(0, |(_, n)| n) == scheduled
					&& Expiring::<T>::iter().count() as u32 == scheduled,
				"expiry schedule mismatch"
			);
			for (dc, escrow) in &escrow_by_dc {
				let ledger =
					T::Reputation::ledger(*dc).ok_or("contribution to a DC without books")?;
				ensure!(
					ledger.escrowed == *escrow,
					"DC escrow != sum of open contributions' escrow"
				);
			}
			Ok(())
		}
	}
}
