//! # Proof of Value
//!
//! Contributions and their evaluation: Backfeed's Proof-of-Value protocol.
//!
//! ## Overview
//!
//! Anyone [contributes](Pallet::contribute) work to a decentralized cooperation (DC): a content
//! hash, a URI and the contributors with their shares. The contribution records the DC's total
//! reputation `R₀` and fixes its quorum threshold `need` at submission. Members
//! [evaluate](Pallet::evaluate) it with a score: the evaluation weighs the member's vested
//! reputation plus its own stakes held by open contributions (reputation earned is pending until
//! the epoch after next, so nothing earned during a contribution's window can weigh it), and
//! puts a share of that weight at stake, rounded up. The stake goes to the earlier evaluators
//! whose scores are aligned with the new one (earlier = more), the new evaluator's own weight
//! counting as one of them, through one accumulator per score bucket, so an evaluation costs
//! O(score buckets) whatever came before.
//!
//! After every evaluation the **quorum median** is taken over the DC's *whole* reputation:
//! reputation that has not evaluated counts as a vote below every score. Whenever the median rises
//! above what was already paid, the contributors receive DC tokens and reputation (pending) for
//! the difference. When the evaluation period is over, the contribution is
//! [closed](Pallet::close), by anyone or automatically with spare block weight, **in bounded
//! steps** of at most [`Config::MaxSettlementsPerStep`] settlement items: every evaluation
//! aligned with the final median is paid its accrued share of later stakes and its share of the
//! pot, a misaligned one forfeits both, and without consensus every stake comes back. Each
//! evaluator's own stake (or what its payout covers) comes back vested first; what it earned
//! beyond is paid, pending, once every stake is back. The leftover is burned.
//!
//! The arithmetic is in [`protocol`], a pure module with its own tests; the rules it follows are
//! `docs/protocol-rules.md` (§3 evaluate, §4 median and issuance, §5 close). The pallet is split
//! as follows: [`types`] holds the records, `settlement` the median, rewards and closing that
//! the calls share, `expiry` the automatic closing of expired contributions, and `invariants`
//! the checks of `try_state`.
//!
//! The pallet knows DCs, their tokens and reputation only through the traits of
//! `covalue-primitives` ([`Config::Cooperatives`], [`Config::Tokens`], [`Config::Reputation`]).
//!
//! ## Calls
//!
//! - [`Pallet::contribute`] — signed; submits a contribution and holds a deposit priced by what
//!   it stores ([`Config::Consideration`]).
//! - [`Pallet::evaluate`] — signed by an evaluator with vested reputation in the DC.
//! - [`Pallet::close`] — signed, anyone; settles a contribution whose period is over, or takes
//!   the next step of a closing.
//! - [`Pallet::clean_up`] — signed, anyone; removes a closed contribution and returns its deposit.
//! - [`Pallet::propose`] — signed, anyone; submits a proposal (§10): a contribution scored 0
//!   (reject) or 1 (approve) that issues nothing and needs a strict majority of the DC's
//!   reputation. The closing step that finishes it dispatches its call as the DC's agent
//!   account when the final median is 1 ([`Config::AgentCallFilter`] applies); a DC whose admin
//!   is its agent account thus changes only through passed proposals.
//!
//! ## Errors
//!
//! The names of `docs/protocol-rules.md`: `UnknownContribution`, `EvaluationClosed`,
//! `ScoreOutOfRange`, `AlreadyEvaluated`, `NoReputation`, `ReputationNotVested`,
//! `InsufficientVested`, `InvalidShares`, `DuplicateContributor`, `AlreadyClosed`,
//! `EvaluationPeriodNotOver`; and [`Error::UnknownCooperative`], [`Error::TooManyEvaluations`],
//! [`Error::NotClosed`], [`Error::ProposalTooLarge`], [`Error::UndecodableProposal`]; an amount
//! beyond `u128` is an `ArithmeticError`. A call refused by its
//! checks is charged only the reads it made.
//!
//! ## Events
//!
//! [`Event::Contributed`], [`Event::Evaluated`], [`Event::RewardIssued`],
//! [`Event::EvaluationSettled`], [`Event::EarningsPaid`], [`Event::ClosingProgressed`],
//! [`Event::Closed`], [`Event::CleanedUp`], [`Event::Proposed`], [`Event::ProposalEnacted`],
//! [`Event::ProposalRejected`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use covalue_primitives::ContributionId;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod expiry;
#[cfg(any(feature = "std", feature = "try-runtime"))]
mod invariants;
#[cfg(test)]
mod mock;
pub mod protocol;
mod settlement;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use expiry::Cursor as ExpiryCursorState;

/// What the benchmarks need from the runtime: a DC to contribute to, with members to evaluate.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, BlockNumber> {
	/// The most members a DC can be created with.
	fn max_members() -> u32;
	/// Creates a DC with these parameters and members (all with reputation); returns its id.
	fn create_cooperative(
		parameters: covalue_primitives::Parameters<BlockNumber>,
		members: alloc::vec::Vec<(AccountId, covalue_primitives::Reputation)>,
	) -> covalue_primitives::CooperativeId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use alloc::vec::Vec;
	use covalue_primitives::{
		ContributionKind, CooperativeId, CooperativeInspect, CooperativeTokens, Reputation,
		ReputationLedger, Score, TokenBalance,
	};
	use frame_support::{
		dispatch::{DispatchErrorWithPostInfo, GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::{Consideration, Contains, Footprint},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use protocol::Bucket;
	use sp_runtime::{
		traits::{Dispatchable, Hash, One, Saturating, Zero},
		ArithmeticError, Permill,
	};

	/// The storage layout's version. Version 2: contributions with a kind, `R₀`, a fixed
	/// threshold and a closing state; earnings set aside while closing. (Before the first
	/// launch: no migration from version 1 exists or is needed.)
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Defaults for test runtimes: `#[derive_impl(config_preludes::TestDefaultConfig)]`.
	pub mod config_preludes {
		use super::*;
		use frame_support::{derive_impl, parameter_types, traits::ConstU32};

		/// Small bounds, no weights.
		pub struct TestDefaultConfig;

		parameter_types! {
			/// Room for a few small calls.
			pub const TestMaxProposalWeight: Weight = Weight::from_parts(1_000_000_000, 65_536);
		}

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type MaxContributors = ConstU32<4>;
			type MaxUriLength = ConstU32<64>;
			type MaxEvaluationsPerContribution = ConstU32<16>;
			type MaxSettlementsPerStep = ConstU32<4>;
			type MaxProposalLength = ConstU32<256>;
			type MaxProposalWeight = TestMaxProposalWeight;
			type WeightInfo = ();
		}
	}

	/// Configuration of the Proof-of-Value pallet.
	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// The deposit of whoever submits a contribution, held until clean-up and priced by the
		/// footprint of what the contribution stores.
		#[pallet::no_default]
		type Consideration: Consideration<Self::AccountId, Footprint>;

		/// The DC registry: parameters, and the highest score a DC may choose.
		#[pallet::no_default]
		type Cooperatives: CooperativeInspect<Self::AccountId, BlockNumber = BlockNumberFor<Self>>;

		/// DC tokens, which contributor rewards mint.
		#[pallet::no_default]
		type Tokens: CooperativeTokens<Self::AccountId>;

		/// Reputation books.
		#[pallet::no_default]
		type Reputation: ReputationLedger<Self::AccountId, BlockNumber = BlockNumberFor<Self>>;

		/// The call a proposal carries (§10): dispatched as the DC's agent account when the
		/// proposal passes.
		#[pallet::no_default]
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<frame_system::Call<Self>>
			+ IsType<<Self as frame_system::Config>::RuntimeCall>;

		/// Calls a DC's agent account may never make (§10), also when a proposal enacts them:
		/// the same filter as the cooperatives pallet's, on top of the runtime's base filter.
		#[pallet::no_default]
		type AgentCallFilter: Contains<<Self as frame_system::Config>::RuntimeCall>;

		/// Maximum length of a proposal's call, SCALE-encoded, in bytes (§10: else
		/// `ProposalTooLarge`).
		#[pallet::constant]
		type MaxProposalLength: Get<u32>;

		/// Maximum weight a proposal's call may declare (§10: else `ProposalTooLarge`). Every
		/// `close` is declared with this much room, since the step that finishes a proposal's
		/// closing enacts its call; what is not used is refunded.
		#[pallet::constant]
		type MaxProposalWeight: Get<Weight>;

		/// Maximum number of contributors of one contribution.
		#[pallet::constant]
		type MaxContributors: Get<u32>;

		/// Maximum length of a contribution's URI, in bytes.
		#[pallet::constant]
		type MaxUriLength: Get<u32>;

		/// Maximum number of evaluations of one contribution.
		#[pallet::constant]
		type MaxEvaluationsPerContribution: Get<u32>;

		/// Maximum number of settlement items (a stake returned, or earnings paid) that one
		/// closing step handles, so that every step fits in a block whatever the number of
		/// evaluations.
		#[pallet::constant]
		type MaxSettlementsPerStep: Get<u32>;

		/// Weights of this pallet's calls and hooks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		#[pallet::no_default]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, BlockNumberFor<Self>>;
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

	/// The evaluations of contributions not closed yet, by evaluator. Closing settles them in
	/// the map's order, which changes no outcome: every payout depends only on its own
	/// evaluation and on what the first closing step fixed.
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

	/// What evaluators earned beyond their stake on a contribution that is closing, set aside
	/// until every stake has been returned (§5, settled in bounded steps).
	// Contribution ids are sequential (`Twox64Concat`); evaluators choose their accounts
	// (`Blake2_128Concat`).
	#[pallet::storage]
	pub type Earnings<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		ContributionId,
		Blake2_128Concat,
		T::AccountId,
		Reputation,
		OptionQuery,
	>;

	/// The calls of proposals (§10) and what became of them, until the proposal is cleaned up.
	/// Kept apart from [`Contributions`], which every evaluation reads: only closing reads a
	/// call.
	// Contribution ids are sequential: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type Proposals<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, Proposal<T>, OptionQuery>;

	/// Contributions not closed yet, by the first block in which they can be closed.
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

	/// Where automatic closing stands: the earliest block of [`Expiring`] not cleared yet and
	/// how many entries [`Expiring`] holds; `None` when it is empty.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> =
		StorageValue<_, ExpiryCursorState<BlockNumberFor<T>>, OptionQuery>;

	/// Expired contributions whose automatic closing failed: they wait for a manual `close`.
	// Contribution ids are sequential: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type AwaitingManualClose<T: Config> =
		StorageMap<_, Twox64Concat, ContributionId, (), OptionQuery>;

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// Maximum number of score buckets of a contribution: the DC registry's `MaxScore` + 1.
		#[pallet::constant_name(MaxScoreBuckets)]
		fn max_score_buckets() -> u32 {
			ScoreBuckets::<T>::get()
		}
	}

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
		/// A proposal was submitted (§10): a contribution scored 0 (reject) or 1 (approve).
		Proposed {
			/// Its id, shared with contributions.
			proposal: ContributionId,
			/// The DC that decides on it.
			dc: CooperativeId,
			/// Who proposed it and paid the deposit.
			proposer: T::AccountId,
			/// The hash of the encoded call, also the proposal's content hash.
			call_hash: T::Hash,
		},
		/// A proposal's final median was 1: its call was dispatched as the DC's agent account.
		ProposalEnacted {
			/// The proposal.
			proposal: ContributionId,
			/// The DC.
			dc: CooperativeId,
			/// The call's own result: a failing call does not fail the closing.
			result: DispatchResult,
		},
		/// A proposal closed without a median of 1: its call was not dispatched.
		ProposalRejected {
			/// The proposal.
			proposal: ContributionId,
			/// The DC.
			dc: CooperativeId,
			/// The final median: 0, or `None` without consensus.
			median: Option<Score>,
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
		/// An evaluation was settled on closing: `accrued + pot_share` (or, with no consensus,
		/// the stake) is its payout, of which `returned` came back vested and `earned` follows,
		/// pending.
		EvaluationSettled {
			/// The contribution.
			contribution: ContributionId,
			/// The evaluator.
			evaluator: T::AccountId,
			/// Its share of the stakes of later aligned evaluators (0 if not aligned with the
			/// median).
			accrued: Reputation,
			/// Its share of the pot.
			pot_share: Reputation,
			/// Its own stake, or the part of it the payout covers, back vested.
			returned: Reputation,
			/// What the payout adds beyond the stake: paid pending once every stake is back.
			earned: Reputation,
		},
		/// A contribution was closed.
		Closed {
			/// The contribution.
			contribution: ContributionId,
			/// The final median; `None`: no consensus.
			median: Option<Score>,
			/// Forfeited accruals and rounding dust burned.
			burned: Reputation,
		},
		/// What an evaluator earned beyond its stake on a closing contribution was paid,
		/// pending (after every stake had come back).
		EarningsPaid {
			/// The contribution.
			contribution: ContributionId,
			/// The evaluator.
			evaluator: T::AccountId,
			/// How much.
			amount: Reputation,
		},
		/// A closing step settled part of a contribution; more steps follow.
		ClosingProgressed {
			/// The contribution.
			contribution: ContributionId,
			/// Evaluations whose stake is not returned yet.
			remaining: u32,
		},
		/// A closed contribution was removed and its deposit returned.
		CleanedUp {
			/// The contribution.
			contribution: ContributionId,
			/// Who got the deposit back.
			depositor: T::AccountId,
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
		/// 100% (1,000,000 parts per million).
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
		/// The account's reputation in the DC is all pending: it vests at the start of the
		/// epoch after the one in which it was earned, and only vested reputation evaluates.
		ReputationNotVested,
		/// The stake (`stake` × weight, rounded up) exceeds the account's vested reputation: too
		/// much of it is at stake in other open contributions.
		InsufficientVested,
		/// The contribution has the maximum number of evaluations.
		TooManyEvaluations,
		/// The contribution is closed already.
		AlreadyClosed,
		/// The evaluation period is not over: close after `submitted + evaluation_period`.
		EvaluationPeriodNotOver,
		/// Only closed contributions can be cleaned up.
		NotClosed,
		/// A proposal's call is longer than `MaxProposalLength` or declares more weight than
		/// `MaxProposalWeight`.
		ProposalTooLarge,
		/// A passed proposal's call no longer decodes (the runtime changed since it was
		/// proposed); reported in [`Event::ProposalEnacted`].
		UndecodableProposal,
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
			// One bucket per score 0..=MaxScore, with MaxScore at least 10.
			assert!(ScoreBuckets::<T>::get() >= 11, "MaxScore must be at least 10");
			assert!(
				T::MaxEvaluationsPerContribution::get() > 0,
				"MaxEvaluationsPerContribution must be above zero"
			);
			assert!(
				T::MaxSettlementsPerStep::get() > 0,
				"MaxSettlementsPerStep must be above zero"
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
		/// Signed; any account. It pays a deposit ([`Config::Consideration`] of what the
		/// contribution stores: its record, URI and contributors), returned by
		/// [`Pallet::clean_up`]. Contributors need no reputation.
		///
		/// ## Details
		/// `contributors` lists distinct accounts with shares in parts per million summing to
		/// exactly 100% (1,000,000 parts per million); rewards are split by these shares, the
		/// rounding remainder going to the first. The contribution snapshots the DC's current
		/// parameters and its total reputation `R₀`, and fixes its quorum threshold
		/// `need = quorum.mul_ceil(R₀)`.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::InvalidShares`],
		/// [`Error::DuplicateContributor`], `ArithmeticError::Overflow` when no ids are left, or
		/// the currency's error if the deposit can't be held.
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
			contributors: BoundedVec<ContributorShare<T::AccountId>, T::MaxContributors>,
		) -> DispatchResultWithPostInfo {
			let depositor = ensure_signed(origin)?;
			let parameters = T::Cooperatives::parameters(dc)
				.ok_or_else(|| Self::refused(1, Error::<T>::UnknownCooperative))?;
			Self::validate_contributors(&contributors).map_err(|e| Self::refused(1, e))?;
			let total_at_submission = T::Reputation::ledger(dc).map_or(0, |l| l.total);
			let footprint = Self::footprint(uri.len(), contributors.len(), parameters.scores());
			let id = Self::open(Submission {
				dc,
				kind: ContributionKind::Work,
				depositor: depositor.clone(),
				footprint,
				contributors,
				content_hash,
				uri,
				parameters,
				total_at_submission,
				need: protocol::quorum_need(parameters.quorum, total_at_submission),
			})?;
			Self::deposit_event(Event::Contributed {
				contribution: id,
				dc,
				depositor,
				content_hash,
			});
			Ok(().into())
		}

		/// Evaluate a contribution with a score, staking part of your vested reputation in its
		/// DC.
		///
		/// ## Dispatch Origin
		/// Signed by the evaluator, who must have vested reputation in the contribution's DC.
		///
		/// ## Details
		/// `docs/protocol-rules.md` §3: your weight is your vested reputation plus your stakes
		/// held by the DC's open contributions; the stake (`stake` × weight, rounded up) leaves
		/// your vested reputation for the contribution's escrow and is shared among earlier
		/// evaluators aligned with your score, your own weight counting as one of them (its part
		/// goes to the pot); your evaluation is recorded; then the quorum median is taken with
		/// the threshold fixed at submission and, if it rose, the contributors are rewarded (§4).
		/// Costs O(score buckets), whatever the number of earlier evaluations.
		///
		/// ## Errors
		/// In this order: [`Error::UnknownContribution`], [`Error::EvaluationClosed`],
		/// [`Error::ScoreOutOfRange`], [`Error::AlreadyEvaluated`], [`Error::NoReputation`],
		/// [`Error::ReputationNotVested`], [`Error::InsufficientVested`]; then
		/// [`Error::TooManyEvaluations`], or an `ArithmeticError`. A refused evaluation is
		/// charged only the reads it made.
		///
		/// ## Events
		/// [`Event::RewardIssued`] if the median rose, then [`Event::Evaluated`].
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::evaluate(ScoreBuckets::<T>::get())
				.saturating_add(T::WeightInfo::reward(T::MaxContributors::get()))
		)]
		pub fn evaluate(
			origin: OriginFor<T>,
			contribution: ContributionId,
			score: Score,
		) -> DispatchResultWithPostInfo {
			let evaluator = ensure_signed(origin)?;
			let mut c = Contributions::<T>::get(contribution)
				.ok_or_else(|| Self::refused(1, Error::<T>::UnknownContribution))?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				c.status == Status::Open && now <= c.last_evaluation_block(),
				Self::refused(1, Error::<T>::EvaluationClosed)
			);
			let p = c.parameters;
			ensure!(
				p.min_score <= score && score <= p.max_score,
				Self::refused(1, Error::<T>::ScoreOutOfRange)
			);
			ensure!(
				!Evaluations::<T>::contains_key(contribution, &evaluator),
				Self::refused(2, Error::<T>::AlreadyEvaluated)
			);
			let standing = T::Reputation::standing(c.dc, &evaluator);
			let weight = standing.weight();
			ensure!(!standing.is_empty(), Self::refused(3, Error::<T>::NoReputation));
			ensure!(weight > 0, Self::refused(3, Error::<T>::ReputationNotVested));
			let stake = p.stake.mul_ceil(weight);
			ensure!(stake <= standing.vested, Self::refused(3, Error::<T>::InsufficientVested));
			ensure!(
				c.evaluations < T::MaxEvaluationsPerContribution::get(),
				Self::refused(3, Error::<T>::TooManyEvaluations)
			);

			// Everything is computed on the in-memory copy first; storage is written only once
			// every fallible step has passed.
			let to_pot = protocol::redistribute_stake(
				c.buckets.as_mut(),
				p.min_score,
				p.alignment_radius,
				score,
				stake,
				weight,
			)?;
			c.pot = c.pot.checked_add(to_pot).ok_or(ArithmeticError::Overflow)?;
			c.escrow = c.escrow.checked_add(stake).ok_or(ArithmeticError::Overflow)?;
			let bucket = c
				.buckets
				.get_mut(usize::from(score - p.min_score))
				.ok_or(Error::<T>::ScoreOutOfRange)?;
			bucket.weight = bucket.weight.checked_add(weight).ok_or(ArithmeticError::Overflow)?;
			let snapshot = bucket.accumulator;
			c.evaluations = c.evaluations.saturating_add(1);
			let median = Self::current_median(&c);
			let rewards = Self::rewards_due(&c, median)?;

			T::Reputation::stake(c.dc, &evaluator, stake)?;
			Evaluations::<T>::insert(
				contribution,
				&evaluator,
				Evaluation { score, weight, stake, snapshot },
			);
			let mut actual = T::WeightInfo::evaluate(c.buckets.len() as u32);
			if let Some(reward) = rewards {
				actual = actual.saturating_add(T::WeightInfo::reward(c.contributors.len() as u32));
				Self::pay_rewards(contribution, &mut c, reward)?;
			}
			Contributions::<T>::insert(contribution, c);
			Self::deposit_event(Event::Evaluated { contribution, evaluator, score, weight, stake });
			Ok(Some(actual).into())
		}

		/// Close a contribution whose evaluation period is over, and settle it; or take the
		/// next step of a closing that has started.
		///
		/// ## Dispatch Origin
		/// Signed; any account. Expired contributions are also closed automatically when blocks
		/// have spare weight, and unfinished closings continue there.
		///
		/// ## Details
		/// `docs/protocol-rules.md` §5: the first step takes the median with the threshold
		/// fixed at submission and rewards it if it rose. Each evaluator's payout is its
		/// accrued share of later aligned stakes plus its share of the pot when its score is
		/// aligned with the median (nothing otherwise), or its stake when there is no consensus;
		/// its own stake (or the part the payout covers) comes back vested, the rest is pending.
		/// What is left burns. A step handles at most `MaxSettlementsPerStep` stakes and
		/// earnings; a contribution with more evaluations takes several calls (or blocks), with
		/// the outcome of a one-step close.
		///
		/// ## Errors
		/// [`Error::UnknownContribution`], [`Error::AlreadyClosed`],
		/// [`Error::EvaluationPeriodNotOver`], or an `ArithmeticError`. A refused call is
		/// charged one read.
		///
		/// ## Events
		/// [`Event::RewardIssued`] if the median rose, one [`Event::EvaluationSettled`] per
		/// evaluation, then [`Event::Closed`] or, if more steps follow,
		/// [`Event::ClosingProgressed`].
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::close(T::MaxSettlementsPerStep::get(), ScoreBuckets::<T>::get())
				.saturating_add(T::DbWeight::get().writes(T::MaxSettlementsPerStep::get().into()))
				.saturating_add(T::WeightInfo::reward(T::MaxContributors::get()))
				.saturating_add(Pallet::<T>::conclusion_weight())
		)]
		pub fn close(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let c = Contributions::<T>::get(contribution)
				.ok_or_else(|| Self::refused(1, Error::<T>::UnknownContribution))?;
			ensure!(
				!matches!(c.status, Status::Closed { .. }),
				Self::refused(1, Error::<T>::AlreadyClosed)
			);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				now > c.last_evaluation_block(),
				Self::refused(1, Error::<T>::EvaluationPeriodNotOver)
			);
			let first_step = c.status == Status::Open;
			let reward = T::WeightInfo::reward(c.contributors.len() as u32);
			let buckets = c.buckets.len() as u32;
			let declared = Self::close_step_weight(&c, T::MaxSettlementsPerStep::get());
			let step = Self::close_step(contribution, c, T::MaxSettlementsPerStep::get())?;
			let mut actual = T::WeightInfo::close(step.items, buckets)
				.saturating_add(T::DbWeight::get().writes(u64::from(step.items)));
			if first_step {
				actual = actual.saturating_add(reward);
			}
			let actual = actual.min(declared).saturating_add(step.concluded);
			if !step.finished {
				let remaining =
					Contributions::<T>::get(contribution).map_or(0, |c| match c.status {
						Status::Closing(s) => c.evaluations.saturating_sub(s.settled),
						_ => 0,
					});
				Self::deposit_event(Event::ClosingProgressed { contribution, remaining });
			}
			Ok(Some(actual).into())
		}

		/// Remove a closed contribution from storage and return its deposit to whoever paid it.
		///
		/// ## Dispatch Origin
		/// Signed; any account.
		///
		/// ## Errors
		/// [`Error::UnknownContribution`], [`Error::NotClosed`]. A refused call is charged one
		/// read.
		///
		/// ## Events
		/// [`Event::CleanedUp`].
		#[pallet::call_index(3)]
		pub fn clean_up(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let c = Contributions::<T>::get(contribution)
				.ok_or_else(|| Self::refused(1, Error::<T>::UnknownContribution))?;
			ensure!(
				matches!(c.status, Status::Closed { .. }),
				Self::refused(1, Error::<T>::NotClosed)
			);
			c.deposit.drop(&c.depositor)?;
			Contributions::<T>::remove(contribution);
			Proposals::<T>::remove(contribution);
			Self::deposit_event(Event::CleanedUp { contribution, depositor: c.depositor });
			Ok(().into())
		}

		/// Propose a call for a DC to decide on with Proof-of-Value (§10).
		///
		/// ## Dispatch Origin
		/// Signed; any account. It pays the deposit of a contribution that also stores the
		/// call, returned by [`Pallet::clean_up`].
		///
		/// ## Details
		/// Opens a proposal: a contribution evaluated with [`Pallet::evaluate`] on the scale
		/// 0 (reject) ..= 1 (approve) with the DC's quorum, stake and evaluation period, radius
		/// 0 and no issuance; the proposer is its only contributor and earns nothing. Its
		/// threshold is a strict majority of the DC's reputation at submission, or the quorum
		/// if that is higher: `max(quorum.mul_ceil(R₀), ⌊R₀ / 2⌋ + 1)`. It closes with
		/// [`Pallet::close`] like any contribution (stakes, earliness rewards and forfeits
		/// apply); the step that finishes its closing dispatches `call` with origin
		/// `Signed(agent account of the DC)` if the final median is 1. A call that needs the
		/// DC's admin succeeds only if the DC governs itself (its admin is its agent account)
		/// by then.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::ProposalTooLarge`] (the encoded call is
		/// longer than `MaxProposalLength` or declares more weight than `MaxProposalWeight`),
		/// `ArithmeticError::Overflow` when no ids are left, or the currency's error if the
		/// deposit can't be held.
		///
		/// ## Events
		/// [`Event::Proposed`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::propose(call.encoded_size() as u32))]
		pub fn propose(
			origin: OriginFor<T>,
			dc: CooperativeId,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let proposer = ensure_signed(origin)?;
			let parameters = T::Cooperatives::parameters(dc)
				.ok_or_else(|| Self::refused(1, Error::<T>::UnknownCooperative))?;
			let weight = call.get_dispatch_info().call_weight;
			ensure!(
				weight.all_lte(T::MaxProposalWeight::get()),
				Self::refused(1, Error::<T>::ProposalTooLarge)
			);
			let encoded = BoundedVec::<u8, T::MaxProposalLength>::try_from(call.encode())
				.map_err(|_| Self::refused(1, Error::<T>::ProposalTooLarge))?;
			let call_hash = T::Hashing::hash(&encoded);
			let parameters = protocol::proposal_parameters(parameters);
			let total_at_submission = T::Reputation::ledger(dc).map_or(0, |l| l.total);
			let contributors =
				BoundedVec::try_from(alloc::vec![(proposer.clone(), Permill::one())])
					.map_err(|_| Error::<T>::InvalidShares)?;
			let footprint = Self::proposal_footprint(encoded.len());
			let id = Self::open(Submission {
				dc,
				kind: ContributionKind::Proposal,
				depositor: proposer.clone(),
				footprint,
				contributors,
				content_hash: call_hash,
				uri: BoundedVec::new(),
				parameters,
				total_at_submission,
				need: protocol::proposal_need(parameters.quorum, total_at_submission),
			})?;
			Proposals::<T>::insert(
				id,
				Proposal { dc, call: encoded, weight, outcome: ProposalOutcome::Undecided },
			);
			Self::deposit_event(Event::Proposed { proposal: id, dc, proposer, call_hash });
			Ok(().into())
		}
	}

	/// Read-only queries for clients.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Status of a contribution: median, paid, buckets, escrow, pot, threshold, blocks
		/// left, open, closing.
		pub fn contribution_status(
			contribution: ContributionId,
		) -> Option<ContributionStatus<BlockNumberFor<T>>> {
			let c = Contributions::<T>::get(contribution)?;
			let p = c.parameters;
			let now = frame_system::Pallet::<T>::block_number();
			let (open, closing, median) = match c.status {
				Status::Open => (true, false, Self::current_median(&c)),
				Status::Closing(s) => (true, true, s.median),
				Status::Closed { median, .. } => (false, false, median),
			};
			let blocks_left = if c.status == Status::Open && now <= c.last_evaluation_block() {
				c.last_evaluation_block().saturating_sub(now).saturating_add(One::one())
			} else {
				Zero::zero()
			};
			Some(ContributionStatus {
				dc: c.dc,
				kind: c.kind,
				open,
				closing,
				total_at_submission: c.total_at_submission,
				need: c.need,
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

		/// What `evaluator` stands to receive from an open contribution if it closed now with
		/// its current median.
		pub fn pending_reward(
			contribution: ContributionId,
			evaluator: T::AccountId,
		) -> Option<PendingReward> {
			let c = Contributions::<T>::get(contribution)?;
			let e = Evaluations::<T>::get(contribution, &evaluator)?;
			let median = match c.status {
				Status::Open => Self::current_median(&c),
				Status::Closing(s) => s.median,
				Status::Closed { .. } => return None,
			};
			let pot_weight = Self::pot_weight_total(&c, median).ok()?;
			let payout = protocol::payout(
				c.parameters.alignment_radius,
				median,
				c.pot,
				pot_weight,
				protocol::Settled {
					score: e.score,
					weight: e.weight,
					stake: e.stake,
					snapshot: e.snapshot,
					accumulator: c.bucket(e.score)?.accumulator,
				},
			)
			.ok()?;
			Some(PendingReward {
				stake: e.stake,
				accrued: payout.accrued,
				pot_share: payout.pot_share,
				payout: payout.total,
			})
		}
	}

	impl<T: Config> Pallet<T> {
		/// A call refused by its checks after `reads` storage reads: the error, charged for
		/// that work and not for the call's worst case (§ fees of failed calls).
		pub(crate) fn refused(
			reads: u64,
			error: impl Into<DispatchError>,
		) -> DispatchErrorWithPostInfo {
			DispatchErrorWithPostInfo {
				post_info: Some(T::DbWeight::get().reads(reads)).into(),
				error: error.into(),
			}
		}
	}

	impl<T: Config> Pallet<T> {
		/// Opens a contribution (work or a proposal): holds the deposit, stores the record with
		/// empty buckets and schedules its automatic closing. Returns its id.
		pub(crate) fn open(s: Submission<T>) -> Result<ContributionId, DispatchError> {
			let buckets = (s.parameters.min_score..=s.parameters.max_score)
				.map(|_| Bucket::default())
				.collect::<Vec<_>>();
			let buckets = BoundedVec::try_from(buckets).map_err(|_| Error::<T>::ScoreOutOfRange)?;
			let id = NextContributionId::<T>::get();
			let next_id = id.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			let deposit = T::Consideration::new(&s.depositor, s.footprint)?;
			let contribution = Contribution::<T> {
				dc: s.dc,
				kind: s.kind,
				depositor: s.depositor,
				deposit,
				contributors: s.contributors,
				content_hash: s.content_hash,
				uri: s.uri,
				submitted: frame_system::Pallet::<T>::block_number(),
				parameters: s.parameters,
				total_at_submission: s.total_at_submission,
				need: s.need,
				buckets,
				escrow: 0,
				pot: 0,
				paid: 0,
				evaluations: 0,
				status: Status::Open,
			};
			Self::schedule_expiry(id, contribution.first_closing_block());
			Contributions::<T>::insert(id, contribution);
			NextContributionId::<T>::put(next_id);
			Ok(id)
		}

		/// What a proposal stores, as its deposit prices it: a contribution record with one
		/// contributor, no URI and two score buckets, and the proposal record with a call of
		/// `call` bytes.
		pub fn proposal_footprint(call: usize) -> Footprint {
			let contribution = Self::footprint(0, 1, 2);
			let record = CooperativeId::max_encoded_len()
				.saturating_add(codec::Compact(call as u32).encoded_size())
				.saturating_add(call)
				.saturating_add(Weight::max_encoded_len())
				.saturating_add(ProposalOutcome::max_encoded_len());
			Footprint::from_parts(1, (contribution.size as usize).saturating_add(record))
		}

		/// What a contribution stores, as its deposit prices it: one record with a URI of
		/// `uri` bytes, `contributors` contributors and `buckets` score buckets.
		pub fn footprint(uri: usize, contributors: usize, buckets: usize) -> Footprint {
			let compact = |n: usize| codec::Compact(n as u32).encoded_size();
			let fixed = CooperativeId::max_encoded_len()
				.saturating_add(T::AccountId::max_encoded_len())
				.saturating_add(T::Consideration::max_encoded_len())
				.saturating_add(T::Hash::max_encoded_len())
				.saturating_add(BlockNumberFor::<T>::max_encoded_len())
				.saturating_add(
					covalue_primitives::Parameters::<BlockNumberFor<T>>::max_encoded_len(),
				)
				.saturating_add(ContributionKind::max_encoded_len())
				// R₀, need, escrow, pot, paid, evaluations, status
				.saturating_add(Reputation::max_encoded_len().saturating_mul(4))
				.saturating_add(Score::max_encoded_len())
				.saturating_add(u32::max_encoded_len())
				.saturating_add(Status::max_encoded_len());
			let variable = compact(uri)
				.saturating_add(uri)
				.saturating_add(compact(contributors))
				.saturating_add(
					contributors
						.saturating_mul(ContributorShare::<T::AccountId>::max_encoded_len()),
				)
				.saturating_add(compact(buckets))
				.saturating_add(buckets.saturating_mul(Bucket::max_encoded_len()));
			Footprint::from_parts(1, fixed.saturating_add(variable))
		}
	}
}
