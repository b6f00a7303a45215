//! Benchmarks of the validator-set pallet, over the number of validators already in the set.

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};
use sp_runtime::traits::StaticLookup;

/// Fills the set with `n` accounts (none of them `account("new", 0, 0)`).
fn fill<T: Config>(n: u32) -> Vec<T::AccountId> {
	let validators: Vec<T::AccountId> = (0..n).map(|i| account("validator", i, 0)).collect();
	Validators::<T>::put(BoundedVec::truncate_from(validators.clone()));
	validators
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator(v: Linear<1, { T::MaxValidators::get() - 1 }>) {
		fill::<T>(v);
		let who: T::AccountId = account("new", 0, 0);
		T::BenchmarkHelper::register_keys(&who);
		let lookup = T::Lookup::unlookup(who.clone());
		let origin =
			T::UpdateOrigin::try_successful_origin().expect("the update origin can be made");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, lookup);

		assert!(Validators::<T>::get().contains(&who));
	}

	#[benchmark]
	fn remove_validator(v: Linear<2, { T::MaxValidators::get() }>) {
		let validators = fill::<T>(v);
		// The last one: the whole list is searched.
		let who = validators[validators.len() - 1].clone();
		let lookup = T::Lookup::unlookup(who.clone());
		let origin =
			T::UpdateOrigin::try_successful_origin().expect("the update origin can be made");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, lookup);

		assert!(!Validators::<T>::get().contains(&who));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
