//! The records of the Proof-of-Value pallet and what its queries return.

use crate::{protocol::Bucket, Config};
use alloc::vec::Vec;
use codec::{Decode, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use covalue_primitives::{
	ContributionKind, CooperativeId, CooperativeInspect, Parameters, Reputation, Score,
	TokenBalance,
};
use frame_support::{
	traits::Get, weights::Weight, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{traits::Saturating, Permill};

/// One evaluation (§1): fixed once made.
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

/// Where a contribution stands.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
	/// Open for evaluations until the period ends, then until its closing starts.
	Open,
	/// Its closing has started and settles in bounded steps (§5).
	Closing(Settlement),
	/// Closed and settled.
	Closed {
		/// The final median (`None`: no consensus).
		median: Option<Score>,
		/// Forfeited accruals and rounding dust burned on closing.
		burned: Reputation,
	},
}

/// Which part of a closing a step works on.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum SettlementPhase {
	/// Every evaluator gets its own stake back, or what is left of it, vested; what it earned
	/// beyond its stake is set aside in [`crate::Earnings`].
	ReturningStakes,
	/// The earnings set aside are paid, pending (§1a).
	PayingEarnings,
}

/// A closing in progress: what the first step fixed, and how far the steps got. Every payout
/// uses the median, pot and buckets as they were at the first step, so the outcome is that of a
/// one-step close.
///
/// Stakes are all returned before any earnings are paid, so that while a closing is half-way,
/// what the contribution still holds in escrow always covers the stakes not returned yet: an
/// unsettled stake, which still weighs its evaluator's evaluations elsewhere, is never backed by
/// reputation that was already paid to somebody else.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Settlement {
	/// The final median (`None`: no consensus, every stake is returned).
	pub median: Option<Score>,
	/// `Σ_b a(b, m)·W_b`: what the pot is shared by.
	pub pot_weight: u128,
	/// The phase the next step works on.
	pub phase: SettlementPhase,
	/// How many evaluations have had their stake returned.
	pub settled: u32,
	/// Everything paid out of the contribution's escrow so far: stakes returned and earnings.
	pub released: Reputation,
	/// The payouts of the settled evaluations, `Σ p`; the leftover `escrow − Σ p` burns.
	pub payouts: Reputation,
}

/// The bound of a contribution's score buckets: one per score `0..=MaxScore`, with `MaxScore`
/// owned by the DC registry ([`CooperativeInspect::MaxScore`]).
pub struct ScoreBuckets<T>(PhantomData<T>);

impl<T: Config> Get<u32> for ScoreBuckets<T> {
	fn get() -> u32 {
		u32::from(<T::Cooperatives as CooperativeInspect<T::AccountId>>::MaxScore::get())
			.saturating_add(1)
	}
}

/// A contributor and its share of the rewards.
pub type ContributorShare<AccountId> = (AccountId, Permill);

/// A contribution (§1).
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Contribution<T: Config> {
	/// The DC it was contributed to.
	pub dc: CooperativeId,
	/// Work, or a proposal whose call is in [`crate::Proposals`] (§10).
	pub kind: ContributionKind,
	/// Who submitted it and paid the deposit.
	pub depositor: T::AccountId,
	/// The deposit held until clean-up, priced by what the contribution stores.
	pub deposit: T::Consideration,
	/// Contributors with their shares (summing to exactly 100%).
	pub contributors: BoundedVec<ContributorShare<T::AccountId>, T::MaxContributors>,
	/// Hash of the work's content.
	pub content_hash: T::Hash,
	/// Where the work can be found.
	pub uri: BoundedVec<u8, T::MaxUriLength>,
	/// The block it was submitted in.
	pub submitted: BlockNumberFor<T>,
	/// The DC's parameters at submission.
	pub parameters: Parameters<BlockNumberFor<T>>,
	/// `R₀`: the DC's total reputation at submission.
	pub total_at_submission: Reputation,
	/// The quorum threshold `need = quorum.mul_ceil(R₀)`, fixed at submission (§4), so that
	/// burns, issuance and the order of closes during its window can't move it.
	pub need: Reputation,
	/// One bucket per score `min_score..=max_score`: weight and accumulator.
	pub buckets: BoundedVec<Bucket, ScoreBuckets<T>>,
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

	/// The first block in which it can be closed.
	pub fn first_closing_block(&self) -> BlockNumberFor<T> {
		self.last_evaluation_block().saturating_add(1u32.into())
	}

	/// What the contribution still holds in escrow: all of it while open, less what was paid
	/// out while closing, nothing once closed.
	pub fn held(&self) -> Reputation {
		match self.status {
			Status::Open => self.escrow,
			Status::Closing(s) => self.escrow.saturating_sub(s.released),
			Status::Closed { .. } => 0,
		}
	}

	/// The bucket of `score`, if the contribution's scale has it.
	pub fn bucket(&self, score: Score) -> Option<&Bucket> {
		self.buckets.get(usize::from(score.checked_sub(self.parameters.min_score)?))
	}
}

/// The call of a proposal (§10) and what became of it.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Proposal<T: Config> {
	/// The DC that decides on it.
	pub dc: CooperativeId,
	/// The call, SCALE-encoded: dispatched as the DC's agent account if the proposal passes.
	pub call: BoundedVec<u8, T::MaxProposalLength>,
	/// The call's weight when it was proposed (at most `MaxProposalWeight`).
	pub weight: Weight,
	/// Undecided until the proposal closes.
	pub outcome: ProposalOutcome,
}

/// What became of a proposal (§10).
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ProposalOutcome {
	/// Not closed yet.
	Undecided,
	/// Its final median was 1 and its call succeeded.
	Enacted,
	/// Its final median was 1 but its call failed (the error is in the event); nothing of the
	/// call's changes remains.
	Failed,
	/// Its final median was not 1 (0, or no consensus): the call was not dispatched.
	Rejected,
}

/// What [`crate::Pallet::open`] needs to open a contribution or a proposal.
pub(crate) struct Submission<T: Config> {
	pub dc: CooperativeId,
	pub kind: ContributionKind,
	pub depositor: T::AccountId,
	pub footprint: frame_support::traits::Footprint,
	pub contributors: BoundedVec<ContributorShare<T::AccountId>, T::MaxContributors>,
	pub content_hash: T::Hash,
	pub uri: BoundedVec<u8, T::MaxUriLength>,
	pub parameters: Parameters<BlockNumberFor<T>>,
	pub total_at_submission: Reputation,
	pub need: Reputation,
}

/// What §4 pays one contributor when the median rises.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ContributorReward {
	/// DC tokens to mint.
	pub tokens: TokenBalance,
	/// Reputation to issue.
	pub reputation: Reputation,
}

/// What §4 owes a contribution's contributors when its median rises above what was paid.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Reward {
	/// The new median, which becomes `paid`.
	pub median: Score,
	/// The points paid now: the new median minus the previous `paid`.
	pub points: Score,
	/// One entry per contributor, in the contribution's order.
	pub amounts: Vec<ContributorReward>,
}

/// What a client sees of a contribution.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ContributionStatus<BlockNumber> {
	/// The DC.
	pub dc: CooperativeId,
	/// Work, or a proposal (§10).
	pub kind: ContributionKind,
	/// Whether it is still open (not closed; a closing in progress counts as open).
	pub open: bool,
	/// Whether its closing has started and is not finished.
	pub closing: bool,
	/// `R₀`, the DC's total reputation at submission.
	pub total_at_submission: Reputation,
	/// The quorum threshold fixed at submission.
	pub need: Reputation,
	/// The median now (open), at the first closing step (closing), or the final median
	/// (closed); `None`: no consensus.
	pub median: Option<Score>,
	/// The highest median already rewarded.
	pub paid: Score,
	/// `(score, weight)` of every score bucket.
	pub buckets: Vec<(Score, Reputation)>,
	/// Evaluations so far.
	pub evaluations: u32,
	/// Stakes held.
	pub escrow: Reputation,
	/// Unclaimed stakes, shared on closing.
	pub pot: Reputation,
	/// Blocks in which it still accepts evaluations (0 once the period is over).
	pub blocks_left: BlockNumber,
}

/// What an evaluator stands to receive from an open contribution if it closed now with the
/// current median.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct PendingReward {
	/// The stake the evaluator put in.
	pub stake: Reputation,
	/// Its share of later aligned stakes: accrued so far, and paid only if its score is aligned
	/// with the final median.
	pub accrued: Reputation,
	/// Its share of the pot.
	pub pot_share: Reputation,
	/// The payout `p` (§5): `accrued + pot_share` with a median (0 each if not aligned), the
	/// stake without one. `min(p, stake)` comes back vested, the rest is pending.
	pub payout: Reputation,
}
