//! Benchmarks of the reserve pallet, each at its worst case: the reserve holds another DC's
//! token, so every payment is an asset transfer, and accounts are created or removed.

use super::*;
use covalue_primitives::CooperativeTokens;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungibles::Inspect, Get};
use frame_system::RawOrigin;

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	T::BenchmarkHelper::fund(&who, u128::MAX / 4);
	who
}

fn cap(units: u32) -> FixedU128 {
	FixedU128::from_u32(units)
}

fn token(dc: CooperativeId) -> ReserveAsset {
	NativeOrWithId::WithId(dc)
}

/// A DC of `admin` that sells at 1 native unit per token, `admin` holding 10 of its tokens.
fn selling<T: Config>(admin: &T::AccountId) -> CooperativeId {
	let dc = T::BenchmarkHelper::create_cooperative(admin);
	let signed = RawOrigin::Signed(admin.clone());
	Pallet::<T>::set_price_cap(signed.clone().into(), dc, cap(1), NativeOrWithId::Native)
		.expect("the admin sets the cap");
	Pallet::<T>::buy(signed.into(), dc, 10, u128::MAX).expect("the admin can pay");
	dc
}

/// Two DCs of `admin`: the first sells at 1 native unit per token; the second's reserve holds
/// the first's token, at a cap of 2, its account endowed. `holder` holds `amount` of the first
/// DC's token.
fn coupled<T: Config>(
	admin: &T::AccountId,
	holder: &T::AccountId,
	amount: u128,
) -> (CooperativeId, CooperativeId) {
	let first = selling::<T>(admin);
	let second = T::BenchmarkHelper::create_cooperative(admin);
	Pallet::<T>::buy(RawOrigin::Signed(holder.clone()).into(), first, amount, u128::MAX)
		.expect("the holder can pay");
	Pallet::<T>::set_price_cap(
		RawOrigin::Signed(admin.clone()).into(),
		second,
		cap(2),
		token(first),
	)
	.expect("the admin endows the second reserve");
	(first, second)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The first cap with another DC's token, at the end of the longest chain of reserves the
	/// runtime allows (`MaxReserveChain` DC tokens, each reserving in the previous one, the
	/// first in the native currency), so that the check for a loop reads every link; the admin
	/// pays the endowment in that token.
	#[benchmark]
	fn set_price_cap() {
		let admin = funded::<T>("admin");
		let signed = RawOrigin::Signed(admin.clone());
		let mut last = selling::<T>(&admin);
		Pallet::<T>::buy(signed.clone().into(), last, 1_000, u128::MAX).expect("the admin pays");
		for _ in 1..T::MaxReserveChain::get() {
			let next = T::BenchmarkHelper::create_cooperative(&admin);
			Pallet::<T>::set_price_cap(signed.clone().into(), next, cap(1), token(last))
				.expect("a link of the chain");
			// Everything the admin has left of the previous token buys the next one.
			let held = T::Tokens::balance(last, &admin);
			Pallet::<T>::buy(signed.clone().into(), next, held, u128::MAX)
				.expect("the admin pays in the previous token");
			last = next;
		}
		let dc = T::BenchmarkHelper::create_cooperative(&admin);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), dc, cap(2), token(last));

		assert_eq!(Reserves::<T>::get(dc).map(|r| r.asset), Some(token(last)));
	}

	/// Paying with all of another DC's token (its account goes), into a new token account.
	#[benchmark]
	fn buy() {
		let admin = funded::<T>("admin");
		let buyer = funded::<T>("buyer");
		let (first, second) = coupled::<T>(&admin, &buyer, 200);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), second, 100, 200);

		assert_eq!(T::Tokens::balance(second, &buyer), 100);
		assert_eq!(T::Assets::balance(token(first), &buyer), 0);
	}

	/// Redeeming every token (the account goes) for another DC's token the holder no longer
	/// holds (its account comes back).
	#[benchmark]
	fn redeem() -> Result<(), BenchmarkError> {
		let admin = funded::<T>("admin");
		let holder = funded::<T>("holder");
		let (first, second) = coupled::<T>(&admin, &holder, 200);
		Pallet::<T>::buy(RawOrigin::Signed(holder.clone()).into(), second, 100, 200)
			.map_err(|_| BenchmarkError::Stop("the holder buys"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), second, 100, 200);

		assert_eq!(T::Tokens::balance(second, &holder), 0);
		assert_eq!(T::Assets::balance(token(first), &holder), 200);
		Ok(())
	}

	#[benchmark]
	fn deposit_revenue() {
		let admin = funded::<T>("admin");
		let payer = funded::<T>("payer");
		let (first, second) = coupled::<T>(&admin, &payer, 200);

		#[extrinsic_call]
		_(RawOrigin::Signed(payer.clone()), second, 200);

		assert_eq!(Reserves::<T>::get(second).map(|r| r.balance), Some(200));
		assert_eq!(T::Assets::balance(token(first), &payer), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
