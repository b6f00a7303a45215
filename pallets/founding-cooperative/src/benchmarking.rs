//! Benchmarks of the founding-cooperative pallet.

use super::*;
use alloc::{boxed::Box, vec};
use covalue_primitives::CooperativeInspect;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The checks and the dispatch, of a call that does next to nothing (a remark).
	#[benchmark]
	fn dispatch_as_root() -> Result<(), BenchmarkError> {
		let dc = T::BenchmarkHelper::self_governed_cooperative();
		FoundingCooperative::<T>::put(dc);
		let agent = T::Cooperatives::agent(dc).ok_or(BenchmarkError::Stop("the DC exists"))?;
		let call: <T as Config>::RuntimeCall =
			frame_system::Call::<T>::remark { remark: vec![] }.into();

		#[extrinsic_call]
		_(RawOrigin::Signed(agent), Box::new(call));

		frame_system::Pallet::<T>::assert_last_event(
			Event::<T>::RootDispatched { dc, result: Ok(()) }.into(),
		);
		Ok(())
	}

	#[benchmark]
	fn set_founding_cooperative() {
		let dc = T::BenchmarkHelper::self_governed_cooperative();

		#[extrinsic_call]
		_(RawOrigin::Root, Some(dc));

		assert_eq!(FoundingCooperative::<T>::get(), Some(dc));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
