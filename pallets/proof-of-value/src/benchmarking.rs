//! Benchmarks of the Proof-of-Value pallet, each at its worst case.
//!
//! The DCs are created through the cooperatives pallet, as on chain. `evaluate` is measured
//! against `e` earlier evaluations spread over all `b` score buckets with the widest alignment
//! radius, so that its stake is shared among every bucket; its benchmark shows whether the
//! weight depends on `e` (the protocol says it must not).

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	weights::WeightMeter,
};
use frame_system::RawOrigin;
use pallet_cooperatives::benchmarking::funded as funded_for_cooperatives;
use pallet_reputation::ReputationLedger;
use sp_runtime::{traits::Bounded, Perbill};

const REPUTATION: Reputation = 1_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who: T::AccountId = account(name, index, 0);
	T::Currency::set_balance(&who, BalanceOf::<T>::max_value() / 4u32.into());
	who
}

fn member<T: Config>(i: u32) -> T::AccountId {
	account("member", i, 0)
}

/// A DC with `members` members of equal reputation and `buckets` scores (0 ..= buckets − 1),
/// every score aligned with every other.
fn dc_with<T>(members: u32, buckets: u32, quorum: Perbill) -> CooperativeId
where
	T: Config + pallet_cooperatives::Config,
	<T as pallet_cooperatives::Config>::Currency: Mutate<T::AccountId>,
{
	let admin = funded_for_cooperatives::<T>("admin", 0);
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
	let dc = pallet_cooperatives::NextCooperativeId::<T>::get();
	pallet_cooperatives::Pallet::<T>::create_dc(
		RawOrigin::Signed(admin).into(),
		b"bench".to_vec().try_into().expect("short"),
		b"bench".to_vec().try_into().expect("short"),
		b"B".to_vec().try_into().expect("short"),
		0,
		parameters,
		members.try_into().expect("at most MaxInitialMembers"),
	)
	.expect("a valid DC");
	dc
}

/// `count` contributors with shares summing to 1,000,000.
fn contributors<T: Config>(count: u32) -> BoundedVec<(T::AccountId, u32), T::MaxContributors> {
	let share = 1_000_000 / count;
	(0..count)
		.map(|i| {
			let extra = if i == 0 { 1_000_000 - share * count } else { 0 };
			(account::<T::AccountId>("contributor", i, 0), share + extra)
		})
		.collect::<Vec<_>>()
		.try_into()
		.expect("at most MaxContributors")
}

fn contribute_to<T: Config>(dc: CooperativeId, count: u32) -> ContributionId
where
	T::Currency: Mutate<T::AccountId>,
{
	let id = NextContributionId::<T>::get();
	Pallet::<T>::contribute(
		RawOrigin::Signed(funded::<T>("depositor", 0)).into(),
		dc,
		T::Hash::default(),
		vec![b'u'; T::MaxUriLength::get() as usize]
			.try_into()
			.expect("exactly the bound"),
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
fn max_earlier<T: Config + pallet_cooperatives::Config>() -> u32 {
	(T::MaxEvaluationsPerContribution::get() - 1)
		.min(<T as pallet_cooperatives::Config>::MaxInitialMembers::get() - 2)
}

/// The most evaluations `close` can settle here: every evaluator is an initial member, and one
/// more member never evaluates.
fn max_settled<T: Config + pallet_cooperatives::Config>() -> u32 {
	T::MaxEvaluationsPerContribution::get()
		.min(<T as pallet_cooperatives::Config>::MaxInitialMembers::get() - 1)
}

#[benchmarks(
	where
		T: pallet_cooperatives::Config,
		<T as Config>::Currency: Mutate<T::AccountId>,
		<T as pallet_cooperatives::Config>::Currency: Mutate<T::AccountId>,
)]
mod benchmarks {
	use super::*;

	/// `c` contributors and the longest URI.
	#[benchmark]
	fn contribute(c: Linear<1, { T::MaxContributors::get() }>) {
		let dc = dc_with::<T>(1, 11, Perbill::from_percent(50));
		let caller = funded::<T>("depositor", 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			dc,
			T::Hash::default(),
			vec![b'u'; T::MaxUriLength::get() as usize].try_into().unwrap(),
			contributors::<T>(c),
		);

		assert_eq!(NextContributionId::<T>::get(), 1);
	}

	/// `e` earlier evaluations over `b` buckets, all within the alignment radius: the stake is
	/// shared among every bucket. The quorum is never met, so nothing is rewarded (see `reward`).
	///
	/// The state has the same size whatever `e`: the members who do not evaluate this
	/// contribution evaluate another one. So the slope in `e` measures what the protocol does
	/// with earlier evaluations, not how a larger database slows every access (which the
	/// database weights and the bencher's trie-layer allowance account for).
	#[benchmark]
	fn evaluate(
		e: Linear<0, { max_earlier::<T>() }>,
		b: Linear<11, { T::MaxScoreBuckets::get() }>,
	) {
		let max = max_earlier::<T>();
		let dc = dc_with::<T>(max + 2, b, Perbill::one());
		let id = contribute_to::<T>(dc, 1);
		let other = contribute_to::<T>(dc, 1);
		evaluate_by_members::<T>(id, e, b);
		for i in e..max {
			Pallet::<T>::evaluate(
				RawOrigin::Signed(member::<T>(i)).into(),
				other,
				(i % b) as Score,
			)
			.expect("a valid evaluation");
		}
		let evaluator = member::<T>(max);

		#[extrinsic_call]
		_(RawOrigin::Signed(evaluator.clone()), id, (b - 1) as Score);

		assert!(Evaluations::<T>::contains_key(id, &evaluator));
		assert_eq!(Contributions::<T>::get(id).unwrap().evaluations, e + 1);
	}

	/// What a rising median adds to `evaluate` or `close`: minting tokens and issuing
	/// reputation to `c` contributors who hold neither yet.
	#[benchmark]
	fn reward(c: Linear<1, { T::MaxContributors::get() }>) -> Result<(), BenchmarkError> {
		let dc = dc_with::<T>(1, 11, Perbill::from_percent(50));
		let id = contribute_to::<T>(dc, c);
		let mut contribution = Contributions::<T>::get(id).unwrap();
		let rewards = Pallet::<T>::rewards_due(&contribution, Some(10))
			.ok()
			.flatten()
			.ok_or(BenchmarkError::Stop("a median of 10 must be rewarded"))?;

		#[block]
		{
			Pallet::<T>::pay_rewards(id, &mut contribution, rewards)
				.map_err(|_| BenchmarkError::Stop("paying the rewards failed"))?;
		}

		assert_eq!(contribution.paid, 10);
		let last: T::AccountId = account("contributor", c - 1, 0);
		assert!(<T as Config>::Reputation::reputation(dc, &last) > 0);
		Ok(())
	}

	/// `n` evaluations over `b` buckets to settle, with no median: the pot goes back by stake.
	#[benchmark]
	fn close(n: Linear<0, { max_settled::<T>() }>, b: Linear<11, { T::MaxScoreBuckets::get() }>) {
		let dc = dc_with::<T>(n + 1, b, Perbill::one());
		let id = contribute_to::<T>(dc, 1);
		evaluate_by_members::<T>(id, n, b);
		let c = Contributions::<T>::get(id).unwrap();
		frame_system::Pallet::<T>::set_block_number(
			c.last_evaluation_block()
				+ frame_system::pallet_prelude::BlockNumberFor::<T>::from(1u32),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(funded::<T>("closer", 0)), id);

		assert!(matches!(Contributions::<T>::get(id).unwrap().status, Status::Closed { .. }));
	}

	#[benchmark]
	fn clean_up() {
		let dc = dc_with::<T>(1, 11, Perbill::from_percent(50));
		let id = contribute_to::<T>(dc, 1);
		let c = Contributions::<T>::get(id).unwrap();
		frame_system::Pallet::<T>::set_block_number(
			c.last_evaluation_block()
				+ frame_system::pallet_prelude::BlockNumberFor::<T>::from(1u32),
		);
		let closer = funded::<T>("closer", 0);
		Pallet::<T>::close(RawOrigin::Signed(closer.clone()).into(), id).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(closer), id);

		assert!(!Contributions::<T>::contains_key(id));
	}

	/// One step of automatic closing that finds nothing at the cursor's block and moves on.
	#[benchmark]
	fn expiry_step() {
		let now = frame_system::Pallet::<T>::block_number();
		ExpiryCursor::<T>::put((now, 1));
		let mut meter = WeightMeter::with_limit(<T as Config>::WeightInfo::expiry_step());

		#[block]
		{
			Pallet::<T>::close_expired(now, &mut meter);
		}

		assert_eq!(
			ExpiryCursor::<T>::get(),
			Some((now + frame_system::pallet_prelude::BlockNumberFor::<T>::from(1u32), 1))
		);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
