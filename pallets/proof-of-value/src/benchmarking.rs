//! Benchmarks of the Proof-of-Value pallet, each at its worst case.
//!
//! The DCs are created through the runtime's [`BenchmarkHelper`] (the cooperatives pallet, on
//! chain). `evaluate` is measured after the most earlier evaluations the helper's members allow,
//! spread over all `b` score buckets with the widest alignment radius, so that its stake is
//! shared among every bucket; it has no component in the earlier evaluations because it does
//! no work per earlier evaluation (§3: O(score buckets)). `close(n, b)` is a whole closing of
//! `n` evaluations that all share the pot, both phases of the settlement included.

use super::*;
use alloc::{vec, vec::Vec};
use covalue_primitives::{CooperativeId, Parameters, Reputation, ReputationLedger, Score};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{Consideration, Get},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{Perbill, Permill};

const REPUTATION: Reputation = 1_000;

fn member<T: Config>(i: u32) -> T::AccountId {
	account("member", i, 0)
}

/// A DC with `members` members of equal reputation and `buckets` scores (0 ..= buckets − 1),
/// every score aligned with every other.
fn dc_with<T: Config>(members: u32, buckets: u32, quorum: Perbill) -> CooperativeId {
	let max_score = (buckets - 1) as Score;
	let parameters = Parameters {
		min_score: 0,
		max_score,
		quorum,
		stake: Perbill::from_percent(10),
		alignment_radius: max_score,
		token_per_point: 10,
		reputation_per_point: 20,
		evaluation_period: 10u32.into(),
	};
	let members: Vec<_> = (0..members).map(|i| (member::<T>(i), REPUTATION)).collect();
	T::BenchmarkHelper::create_cooperative(parameters, members)
}

/// `count` contributors with shares summing to 100%.
fn contributors<T: Config>(
	count: u32,
) -> BoundedVec<ContributorShare<T::AccountId>, T::MaxContributors> {
	let share = 1_000_000 / count;
	(0..count)
		.map(|i| {
			let extra = if i == 0 { 1_000_000 - share * count } else { 0 };
			(account::<T::AccountId>("contributor", i, 0), Permill::from_parts(share + extra))
		})
		.collect::<Vec<_>>()
		.try_into()
		.expect("at most MaxContributors")
}

fn longest_uri<T: Config>() -> BoundedVec<u8, T::MaxUriLength> {
	vec![b'u'; T::MaxUriLength::get() as usize]
		.try_into()
		.expect("exactly the bound")
}

/// An account that can pay the deposit of the largest contribution.
fn depositor<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let footprint = Pallet::<T>::footprint(
		T::MaxUriLength::get() as usize,
		T::MaxContributors::get() as usize,
		ScoreBuckets::<T>::get() as usize,
	);
	T::Consideration::ensure_successful(&who, footprint);
	who
}

/// An account that can pay the deposit of the largest proposal.
fn proposer<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("proposer", 0, 0);
	let footprint = Pallet::<T>::proposal_footprint(T::MaxProposalLength::get() as usize);
	T::Consideration::ensure_successful(&who, footprint);
	who
}

/// A call that encodes to `l` bytes (`l` from 68 to 16,383): a remark of `l − 4` bytes, after
/// two bytes of call index and two of length.
fn remark_of<T: Config>(l: u32) -> <T as Config>::RuntimeCall {
	frame_system::Call::<T>::remark { remark: vec![0; l.saturating_sub(4) as usize] }.into()
}

fn contribute_to<T: Config>(dc: CooperativeId, count: u32) -> ContributionId {
	let id = NextContributionId::<T>::get();
	Pallet::<T>::contribute(
		RawOrigin::Signed(depositor::<T>("depositor")).into(),
		dc,
		T::Hash::default(),
		longest_uri::<T>(),
		contributors::<T>(count),
	)
	.expect("a valid contribution");
	id
}

/// `count` evaluations by members 0, 1, …, spread over every bucket.
fn evaluate_by_members<T: Config>(id: ContributionId, count: u32, buckets: u32) {
	for i in 0..count {
		Pallet::<T>::evaluate(RawOrigin::Signed(member::<T>(i)).into(), id, (i % buckets) as Score)
			.expect("a valid evaluation");
	}
}

/// The most earlier evaluations `evaluate` can be measured against: one evaluator and one
/// member who never evaluates (so that no median forms) must fit among the initial members.
fn max_earlier<T: Config>() -> u32 {
	T::MaxEvaluationsPerContribution::get()
		.saturating_sub(1)
		.min(T::BenchmarkHelper::max_members().saturating_sub(2))
}

/// The most evaluations `close` can settle here: every evaluator is an initial member, and one
/// more member never evaluates.
fn max_settled<T: Config>() -> u32 {
	T::MaxEvaluationsPerContribution::get().min(T::BenchmarkHelper::max_members().saturating_sub(1))
}

fn first_closing_block<T: Config>(id: ContributionId) -> BlockNumberFor<T> {
	Contributions::<T>::get(id)
		.expect("the contribution exists")
		.first_closing_block()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `c` contributors and the longest URI.
	#[benchmark]
	fn contribute(c: Linear<1, { T::MaxContributors::get() }>) {
		let dc = dc_with::<T>(1, 11, Perbill::from_percent(50));
		let caller = depositor::<T>("depositor");

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			dc,
			T::Hash::default(),
			longest_uri::<T>(),
			contributors::<T>(c),
		);

		assert_eq!(NextContributionId::<T>::get(), 1);
	}

	/// After the most earlier evaluations over `b` buckets, all within the alignment radius:
	/// the stake is shared among every bucket. The quorum is never met, so nothing is rewarded
	/// (see `reward`). The evaluator has a stake held by another contribution, so its weight
	/// reads both parts of its standing.
	#[benchmark]
	fn evaluate(b: Linear<11, { ScoreBuckets::<T>::get() }>) {
		let max = max_earlier::<T>();
		let dc = dc_with::<T>(max + 2, b, Perbill::one());
		let id = contribute_to::<T>(dc, 1);
		let other = contribute_to::<T>(dc, 1);
		evaluate_by_members::<T>(id, max, b);
		let evaluator = member::<T>(max);
		Pallet::<T>::evaluate(RawOrigin::Signed(evaluator.clone()).into(), other, 0)
			.expect("a valid evaluation");

		#[extrinsic_call]
		_(RawOrigin::Signed(evaluator.clone()), id, (b - 1) as Score);

		assert!(Evaluations::<T>::contains_key(id, &evaluator));
		assert_eq!(Contributions::<T>::get(id).map(|c| c.evaluations), Some(max + 1));
	}

	/// What a rising median adds to `evaluate` or `close`: minting tokens and issuing
	/// reputation to `c` contributors who hold neither yet.
	#[benchmark]
	fn reward(c: Linear<1, { T::MaxContributors::get() }>) -> Result<(), BenchmarkError> {
		let dc = dc_with::<T>(1, 11, Perbill::from_percent(50));
		let id = contribute_to::<T>(dc, c);
		let mut contribution =
			Contributions::<T>::get(id).ok_or(BenchmarkError::Stop("the contribution exists"))?;
		let due = Pallet::<T>::rewards_due(&contribution, Some(10))
			.ok()
			.flatten()
			.ok_or(BenchmarkError::Stop("a median of 10 must be rewarded"))?;

		#[block]
		{
			Pallet::<T>::pay_rewards(id, &mut contribution, due)
				.map_err(|_| BenchmarkError::Stop("paying the rewards failed"))?;
		}

		assert_eq!(contribution.paid, 10);
		let last: T::AccountId = account("contributor", c - 1, 0);
		assert!(<T as Config>::Reputation::standing(dc, &last).pending_total() > 0);
		Ok(())
	}

	/// A whole closing of `n` evaluations over `b` buckets: the median is the top score, every
	/// evaluation is aligned with it (the widest radius), shares the pot, and most earn beyond
	/// their stake, so both phases of the settlement do their most.
	#[benchmark]
	fn close(
		n: Linear<0, { max_settled::<T>() }>,
		b: Linear<11, { ScoreBuckets::<T>::get() }>,
	) -> Result<(), BenchmarkError> {
		let dc = dc_with::<T>(n + 1, b, Perbill::from_percent(50));
		let id = contribute_to::<T>(dc, 1);
		for i in 0..n {
			Pallet::<T>::evaluate(RawOrigin::Signed(member::<T>(i)).into(), id, (b - 1) as Score)
				.map_err(|_| BenchmarkError::Stop("a valid evaluation"))?;
		}
		frame_system::Pallet::<T>::set_block_number(first_closing_block::<T>(id));
		let c = Contributions::<T>::get(id).ok_or(BenchmarkError::Stop("the contribution"))?;

		#[block]
		{
			Pallet::<T>::close_step(id, c, u32::MAX)
				.map_err(|_| BenchmarkError::Stop("closing failed"))?;
		}

		assert!(matches!(
			Contributions::<T>::get(id).map(|c| c.status),
			Some(Status::Closed { .. })
		));
		Ok(())
	}

	#[benchmark]
	fn clean_up() {
		let dc = dc_with::<T>(1, 11, Perbill::from_percent(50));
		let id = contribute_to::<T>(dc, 1);
		frame_system::Pallet::<T>::set_block_number(first_closing_block::<T>(id));
		let closer: T::AccountId = account("closer", 0, 0);
		Pallet::<T>::close(RawOrigin::Signed(closer.clone()).into(), id).expect("expired");

		#[extrinsic_call]
		_(RawOrigin::Signed(closer), id);

		assert!(!Contributions::<T>::contains_key(id));
	}

	/// A proposal whose call encodes to `l` bytes (a remark).
	#[benchmark]
	fn propose(l: Linear<68, { T::MaxProposalLength::get() }>) {
		let dc = dc_with::<T>(1, 11, Perbill::from_percent(50));
		let caller = proposer::<T>();
		let call = remark_of::<T>(l);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), dc, alloc::boxed::Box::new(call));

		assert_eq!(Proposals::<T>::get(0).map(|p| p.call.len() as u32), Some(l));
	}

	/// Concluding a passed proposal whose call encodes to `l` bytes: reading it, decoding and
	/// dispatching the call (a remark, which does next to nothing itself) and recording the
	/// outcome.
	#[benchmark]
	fn conclude(l: Linear<68, { T::MaxProposalLength::get() }>) -> Result<(), BenchmarkError> {
		let dc = dc_with::<T>(1, 11, Perbill::from_percent(50));
		let id = NextContributionId::<T>::get();
		Pallet::<T>::propose(
			RawOrigin::Signed(proposer::<T>()).into(),
			dc,
			alloc::boxed::Box::new(remark_of::<T>(l)),
		)
		.map_err(|_| BenchmarkError::Stop("a valid proposal"))?;

		#[block]
		{
			Pallet::<T>::conclude(id, dc, Some(protocol::PROPOSAL_APPROVE));
		}

		assert_eq!(Proposals::<T>::get(id).map(|p| p.outcome), Some(ProposalOutcome::Enacted));
		Ok(())
	}

	/// One step of automatic closing that finds nothing at the cursor's block and moves on.
	#[benchmark]
	fn expiry_step() {
		let now = frame_system::Pallet::<T>::block_number();
		ExpiryCursor::<T>::put(ExpiryCursorState { earliest: now, scheduled: 1 });
		let mut meter = WeightMeter::with_limit(<T as Config>::WeightInfo::expiry_step());

		#[block]
		{
			Pallet::<T>::close_expired(now, &mut meter);
		}

		assert_eq!(
			ExpiryCursor::<T>::get(),
			Some(ExpiryCursorState { earliest: now + 1u32.into(), scheduled: 1 })
		);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
