//! The registry with the real reputation pallet and tokens: endowment, the keyless accounts of
//! both pallets that derive them, and the mint/burn gateway.

use crate::mock::*;
use frame_support::{assert_noop, assert_ok, traits::GetCallName};
use pallet_reputation::ReputationLedger;

#[test]
fn a_dc_is_endowed_once_and_reputation_has_no_calls() {
	build_and_execute(|| {
		let dc = create_dc(example_parameters(), &[(ALICE, 10), (BOB, 5)]);
		assert_eq!(vested(dc, &ALICE), 10);
		assert_eq!(Reputation::epoch_length(dc), Some(u64::from(EXAMPLE_EPOCH)));
		assert_eq!(Reputation::ledger(dc).map(|l| (l.total, l.initial)), Some((15, 15)));
		assert_noop!(
			Reputation::endow(dc, 10, &[(BOB, 5)]),
			pallet_reputation::Error::<Test>::AlreadyEndowed
		);
		// The reputation pallet offers no call at all: nothing can move or issue reputation.
		assert!(<pallet_reputation::Call<Test> as GetCallName>::get_call_names().is_empty());
	});
}

#[test]
fn keyless_accounts_differ_across_pallets_and_dcs() {
	build_and_execute(|| {
		let accounts = [
			Cooperatives::account_id(),
			Cooperatives::agent_account(0),
			Cooperatives::agent_account(1),
			Reserve::reserve_account(0),
			Reserve::reserve_account(1),
			Reserve::reserve_account(u32::MAX),
		];
		for (i, a) in accounts.iter().enumerate() {
			for b in &accounts[i + 1..] {
				assert_ne!(a, b);
			}
		}
	});
}

#[test]
fn rewards_and_sales_are_booked_and_the_books_match_the_supply() {
	build_and_execute(|| {
		let dc = example_dc();
		assert_ok!(Reserve::set_price_cap(
			RuntimeOrigin::signed(ADMIN),
			dc,
			sp_arithmetic::FixedU128::from_u32(2),
			pallet_reserve::NativeOrWithId::Native,
		));
		assert_ok!(Reserve::buy(RuntimeOrigin::signed(ERIN), dc, 7, u128::MAX));
		assert_ok!(Reserve::redeem(RuntimeOrigin::signed(ERIN), dc, 3, 0));
		assert_eq!(
			pallet_cooperatives::TokenBooks::<Test>::get(dc),
			pallet_cooperatives::TokenLedger { minted: 7, burned: 3 }
		);
		assert_eq!(
			<Assets as frame_support::traits::fungibles::Inspect<AccountId>>::total_issuance(dc),
			4
		);
	});
}
