//! Benchmarks of the cooperatives pallet, each at its worst case: the longest name and token
//! strings, the most members, and so the largest deposit.

use super::*;
use alloc::{boxed::Box, vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::Consideration;
use frame_system::RawOrigin;
use sp_runtime::Perbill;

/// Parameters with the widest score scale: every bucket in use.
fn widest_parameters<T: Config>() -> ParametersOf<T> {
	let max_score = T::MaxScore::get();
	Parameters {
		min_score: 0,
		max_score,
		quorum: Perbill::from_percent(50),
		stake: Perbill::from_percent(10),
		alignment_radius: max_score,
		token_per_point: 10,
		reputation_per_point: 20,
		evaluation_period: 10u32.into(),
	}
}

fn bounded<S: Get<u32>>(byte: u8) -> BoundedVec<u8, S> {
	vec![byte; S::get() as usize].try_into().expect("exactly the bound")
}

fn members<T: Config>(m: u32) -> BoundedVec<(T::AccountId, Reputation), T::MaxInitialMembers> {
	(0..m)
		.map(|i| (account::<T::AccountId>("member", i, 0), 1_000))
		.collect::<Vec<_>>()
		.try_into()
		.expect("m is at most MaxInitialMembers")
}

/// An account that can pay the deposit of a DC with the longest name and `m` members.
fn creator<T: Config>(name: &'static str, m: u32) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let footprint = Pallet::<T>::footprint(&bounded(b'n'), m as usize, &widest_parameters::<T>());
	T::Consideration::ensure_successful(&who, footprint);
	who
}

/// Creates a DC as `admin` with `m` members; returns its id.
fn create_dc_with<T: Config>(admin: &T::AccountId, m: u32) -> CooperativeId {
	let dc = NextCooperativeId::<T>::get();
	Pallet::<T>::create_dc(
		RawOrigin::Signed(admin.clone()).into(),
		bounded(b'n'),
		bounded(b't'),
		bounded(b's'),
		12,
		widest_parameters::<T>(),
		10u32.into(),
		members::<T>(m),
	)
	.expect("a valid DC");
	dc
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `m` initial members; the longest name and token strings.
	#[benchmark]
	fn create_dc(m: Linear<1, { T::MaxInitialMembers::get() }>) {
		let creator = creator::<T>("creator", m);
		let members = members::<T>(m);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(creator.clone()),
			bounded(b'n'),
			bounded(b't'),
			bounded(b's'),
			12,
			widest_parameters::<T>(),
			10u32.into(),
			members,
		);

		assert_eq!(NextCooperativeId::<T>::get(), 1);
		assert_eq!(Cooperatives::<T>::get(0).map(|c| c.depositor), Some(creator));
	}

	#[benchmark]
	fn set_parameters() {
		let admin = creator::<T>("admin", 1);
		let dc = create_dc_with::<T>(&admin, 1);
		let mut parameters = widest_parameters::<T>();
		parameters.quorum = Perbill::from_percent(60);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), dc, parameters);

		assert_eq!(
			Cooperatives::<T>::get(dc).map(|c| c.parameters.quorum),
			Some(Perbill::from_percent(60))
		);
	}

	#[benchmark]
	fn transfer_admin() {
		let admin = creator::<T>("admin", 1);
		let dc = create_dc_with::<T>(&admin, 1);
		let next: T::AccountId = account("next", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), dc, next.clone());

		assert_eq!(Cooperatives::<T>::get(dc).map(|c| c.admin), Some(next));
	}

	/// The overhead of acting as the agent; the inner call's weight is added by the call.
	#[benchmark]
	fn dispatch_as_agent() {
		let admin = creator::<T>("admin", 1);
		let dc = create_dc_with::<T>(&admin, 1);
		let call: <T as Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: Vec::new() }.into();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), dc, Box::new(call));

		frame_system::Pallet::<T>::assert_last_event(
			<T as frame_system::Config>::RuntimeEvent::from(Event::<T>::AgentDispatched {
				dc,
				result: Ok(()),
			}),
		);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
