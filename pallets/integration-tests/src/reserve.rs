//! The token lifecycle with tokens earned through Proof of Value: the reserve with the real
//! registry (its token books and its agent accounts) and the real Proof-of-Value pallet.

use crate::mock::*;
use frame_support::{assert_noop, assert_ok};
use pallet_cooperatives::{CooperativeId, TokenBooks, TokenLedger};
use pallet_reserve::{Error, Event, NativeOrWithId, ReserveAsset, ReserveSummary, Reserves};
use sp_arithmetic::FixedU128;
use sp_runtime::{Permill, TokenError};

const NATIVE: ReserveAsset = NativeOrWithId::Native;

fn cap(n: u128, d: u128) -> FixedU128 {
	FixedU128::from_rational(n, d)
}

fn native(who: &AccountId) -> u128 {
	Balances::free_balance(who)
}

fn reserve_account(dc: CooperativeId) -> AccountId {
	Reserve::reserve_account(dc)
}

fn reserve_balance(dc: CooperativeId) -> u128 {
	Reserves::<Test>::get(dc).expect("the DC's cap is set").balance
}

/// `who` contributes alone; alice and bob score 4: `who` earns 40 tokens and 80 reputation.
fn earn_40_tokens(dc: CooperativeId, who: AccountId) {
	let id = contribute_as(who.clone(), dc, &[(who, Permill::one())]);
	evaluate(ALICE, id, 4);
	evaluate(BOB, id, 4);
}

fn set_cap(dc: CooperativeId, price_cap: FixedU128, asset: ReserveAsset) {
	assert_ok!(Reserve::set_price_cap(RuntimeOrigin::signed(ADMIN), dc, price_cap, asset));
}

fn buy(who: &AccountId, dc: CooperativeId, amount: u128) {
	assert_ok!(Reserve::buy(RuntimeOrigin::signed(who.clone()), dc, amount, u128::MAX));
}

fn redeem(who: &AccountId, dc: CooperativeId, amount: u128) {
	assert_ok!(Reserve::redeem(RuntimeOrigin::signed(who.clone()), dc, amount, 0));
}

#[test]
fn simulator_example_of_section_8() {
	build_and_execute(|| {
		let dc = example_dc();
		let id = pallet_proof_of_value::NextContributionId::<Test>::get();
		earn_40_tokens(dc, DAVE);
		covalue_test_support::assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(BOB), id, 5),
			pallet_proof_of_value::Error::<Test>::AlreadyEvaluated
		);
		run_to_block(12);
		close(id);
		assert_eq!(tokens(dc, &DAVE), 40);

		// set_price_cap "2.5" with the native currency: the admin opens the reserve account
		// with the existential deposit, which is not reserve.
		let admin_before = native(&ADMIN);
		set_cap(dc, cap(5, 2), NATIVE);
		System::assert_last_event(
			Event::PriceCapSet {
				dc,
				price_cap: cap(5, 2),
				asset: NATIVE,
				endowment: EXISTENTIAL_DEPOSIT,
			}
			.into(),
		);
		assert_eq!(native(&ADMIN), admin_before - EXISTENTIAL_DEPOSIT);
		assert_eq!(native(&reserve_account(dc)), EXISTENTIAL_DEPOSIT);
		assert_eq!(reserve_balance(dc), 0);

		// erin buys 100: pays ⌈100·2.5⌉ = 250.
		let erin_before = native(&ERIN);
		buy(&ERIN, dc, 100);
		System::assert_last_event(Event::Bought { dc, buyer: ERIN, amount: 100, cost: 250 }.into());
		assert_eq!(native(&ERIN), erin_before - 250);
		assert_eq!((tokens(dc, &ERIN), supply(dc), reserve_balance(dc)), (100, 140, 250));

		// dave redeems 10: min(25, ⌊10·250/140⌋) = 17.
		let dave_before = native(&DAVE);
		assert_eq!(Reserve::redeem_proceeds(dc, 10), Some(17));
		assert_ok!(Reserve::redeem(RuntimeOrigin::signed(DAVE), dc, 10, 17));
		System::assert_last_event(
			Event::Redeemed { dc, holder: DAVE, amount: 10, proceeds: 17 }.into(),
		);
		assert_eq!(native(&DAVE), dave_before + 17);
		assert_eq!((tokens(dc, &DAVE), supply(dc), reserve_balance(dc)), (30, 130, 233));

		// erin deposits 50 of revenue.
		assert_ok!(Reserve::deposit_revenue(RuntimeOrigin::signed(ERIN), dc, 50));
		System::assert_last_event(Event::RevenueDeposited { dc, payer: ERIN, amount: 50 }.into());
		assert_eq!(native(&ERIN), erin_before - 300);

		// The outcome §8 prints.
		assert_eq!(reserve_balance(dc), 283);
		assert_eq!(native(&reserve_account(dc)), 283 + EXISTENTIAL_DEPOSIT);
		assert_eq!((tokens(dc, &DAVE), tokens(dc, &ERIN), supply(dc)), (30, 100, 130));
		assert_eq!([ALICE, BOB, CAROL, DAVE].map(|who| rep(dc, &who)), [407, 292, 300, 80]);
		// At block 12 (epoch 1): alice's 7 earned beyond her stake and dave's 80 are pending.
		assert_eq!([ALICE, BOB, CAROL, DAVE].map(|who| pending(dc, &who)), [7, 0, 0, 80]);
		let ledger = ledger(dc);
		assert_eq!((ledger.total, ledger.burned), (1079, 1));
		assert_eq!(TokenBooks::<Test>::get(dc), TokenLedger { minted: 140, burned: 10 });
		// 283·10¹⁸ / 130, rounded down: below the cap of 2.5.
		assert_eq!(
			Reserve::reserve_summary(dc),
			Some(ReserveSummary {
				account: reserve_account(dc),
				asset: NATIVE,
				price_cap: cap(5, 2),
				balance: 283,
				supply: 130,
				redemption_price: FixedU128::from_inner(2_176_923_076_923_076_923),
			})
		);
	});
}

#[test]
fn a_redemption_never_leaves_dust_below_the_token_minimum() {
	TokenMinBalance::set(5);
	build_and_execute(|| {
		let dc = example_dc();
		set_cap(dc, cap(1, 1), NATIVE);
		assert_noop!(
			Reserve::buy(RuntimeOrigin::signed(ERIN), dc, 4, u128::MAX),
			TokenError::BelowMinimum
		);
		buy(&ERIN, dc, 10);
		assert_noop!(
			Reserve::redeem(RuntimeOrigin::signed(ERIN), dc, 7, 0),
			pallet_cooperatives::Error::<Test>::RemainderBelowMinimum
		);
		redeem(&ERIN, dc, 5);
		redeem(&ERIN, dc, 5);
		assert_eq!((supply(dc), reserve_balance(dc)), (0, 0));
		assert_eq!(TokenBooks::<Test>::get(dc), TokenLedger { minted: 10, burned: 10 });
	});
	TokenMinBalance::set(1);
}

#[test]
fn nobody_can_move_the_reserve_but_redemption() {
	build_and_execute(|| {
		let dc = example_dc();
		set_cap(dc, cap(1, 1), NATIVE);
		buy(&ERIN, dc, 100);
		// The admin acting as the DC's agent moves the agent's funds, not the reserve's.
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(ADMIN),
			pallet_cooperatives::Pallet::<Test>::agent_account(dc),
			1_000
		));
		assert_ok!(Cooperatives::dispatch_as_agent(
			RuntimeOrigin::signed(ADMIN),
			dc,
			Box::new(RuntimeCall::Reserve(pallet_reserve::Call::redeem {
				dc,
				amount: 1,
				min_proceeds: 0
			})),
		));
		System::assert_last_event(
			pallet_cooperatives::Event::AgentDispatched {
				dc,
				result: Err(Error::<Test>::InsufficientTokens.into()),
			}
			.into(),
		);
		// A plain transfer into the reserve account is not revenue.
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(ALICE),
			reserve_account(dc),
			50
		));
		assert_eq!(reserve_balance(dc), 100);
		assert_eq!(Reserve::redeem_proceeds(dc, 100), Some(100));
		assert_eq!(native(&reserve_account(dc)), EXISTENTIAL_DEPOSIT + 150);
	});
}
