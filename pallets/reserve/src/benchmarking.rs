//! Benchmarks of the reserve pallet, each at its worst case: the reserve holds another DC's
//! token, so every payment is an asset transfer, and accounts are created or removed.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate as _, fungibles::Inspect as _};
use frame_system::RawOrigin;
use pallet_cooperatives::{benchmarking::funded as funded_for_cooperatives, CooperativeTokens};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	<T as Config>::Currency::set_balance(&who, u128::MAX / 4);
	who
}

fn cap(units: u128) -> FixedU128 {
	FixedU128::from_u32(units as u32)
}

/// Two DCs of `admin`: the first sells at 1 native unit per token; the second's reserve holds
/// the first's token, at a cap of 2, its account endowed. `holder` holds `amount` of the first
/// DC's token.
fn coupled<T>(
	admin: &T::AccountId,
	holder: &T::AccountId,
	amount: u128,
) -> (CooperativeId, CooperativeId)
where
	T: Config + pallet_cooperatives::Config,
	<T as pallet_cooperatives::Config>::Currency:
		frame_support::traits::fungible::Mutate<T::AccountId>,
{
	let first = pallet_cooperatives::benchmarking::create_dc_with::<T>(admin, 1);
	let second = pallet_cooperatives::benchmarking::create_dc_with::<T>(admin, 1);
	let signed = |who: &T::AccountId| RawOrigin::Signed(who.clone());
	Pallet::<T>::set_price_cap(signed(admin).into(), first, cap(1), ReserveAsset::Native)
		.expect("the admin sets the cap");
	Pallet::<T>::buy(signed(admin).into(), first, 10, u128::MAX).expect("the admin can pay");
	Pallet::<T>::buy(signed(holder).into(), first, amount, u128::MAX).expect("the holder can pay");
	Pallet::<T>::set_price_cap(signed(admin).into(), second, cap(2), ReserveAsset::Token(first))
		.expect("the admin endows the second reserve");
	(first, second)
}

#[benchmarks(
	where
		T: pallet_cooperatives::Config,
		<T as pallet_cooperatives::Config>::Currency:
			frame_support::traits::fungible::Mutate<T::AccountId>,
)]
mod benchmarks {
	use super::*;

	/// The first cap with another DC's token: the admin pays the endowment in that token.
	#[benchmark]
	fn set_price_cap() {
		let admin = funded_for_cooperatives::<T>("admin", 0);
		funded::<T>("admin", 0);
		let first = pallet_cooperatives::benchmarking::create_dc_with::<T>(&admin, 1);
		let second = pallet_cooperatives::benchmarking::create_dc_with::<T>(&admin, 1);
		Pallet::<T>::set_price_cap(
			RawOrigin::Signed(admin.clone()).into(),
			first,
			cap(1),
			ReserveAsset::Native,
		)
		.unwrap();
		Pallet::<T>::buy(RawOrigin::Signed(admin.clone()).into(), first, 10, u128::MAX).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), second, cap(2), ReserveAsset::Token(first));

		assert_eq!(Reserves::<T>::get(second).unwrap().asset, ReserveAsset::Token(first));
	}

	/// Paying with all of another DC's token (its account goes), into a new token account.
	#[benchmark]
	fn buy() {
		let admin = funded_for_cooperatives::<T>("admin", 0);
		funded::<T>("admin", 0);
		let buyer = funded::<T>("buyer", 0);
		let (first, second) = coupled::<T>(&admin, &buyer, 200);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), second, 100, 200);

		assert_eq!(T::Cooperatives::balance(second, &buyer), 100);
		assert_eq!(<T as Config>::Assets::balance(first, &buyer), 0);
	}

	/// Redeeming every token (the account goes) for another DC's token the holder no longer
	/// holds (its account comes back).
	#[benchmark]
	fn redeem() {
		let admin = funded_for_cooperatives::<T>("admin", 0);
		funded::<T>("admin", 0);
		let holder = funded::<T>("holder", 0);
		let (first, second) = coupled::<T>(&admin, &holder, 200);
		Pallet::<T>::buy(RawOrigin::Signed(holder.clone()).into(), second, 100, 200).unwrap();

		#[extrinsic_call]
		_(RawOrigin::Signed(holder.clone()), second, 100, 200);

		assert_eq!(T::Cooperatives::balance(second, &holder), 0);
		assert_eq!(<T as Config>::Assets::balance(first, &holder), 200);
	}

	#[benchmark]
	fn deposit_revenue() {
		let admin = funded_for_cooperatives::<T>("admin", 0);
		funded::<T>("admin", 0);
		let payer = funded::<T>("payer", 0);
		let (first, second) = coupled::<T>(&admin, &payer, 200);

		#[extrinsic_call]
		_(RawOrigin::Signed(payer.clone()), second, 200);

		assert_eq!(Reserves::<T>::get(second).unwrap().balance, 200);
		assert_eq!(<T as Config>::Assets::balance(first, &payer), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
