//! Unit tests of the reserve pallet with the real balances and assets pallets, a mock DC
//! registry and tokens minted straight into the assets pallet. The token lifecycle with tokens
//! earned through Proof of Value is tested in `covalue-integration-tests`. Every test ends with
//! the pallet's invariants (`try_state`).

use crate::{mock::*, Error, Event, NativeOrWithId, ReserveAsset, ReserveState, Reserves};
use covalue_primitives::{CooperativeId, CooperativeTokens};
use frame_support::{assert_noop, assert_ok, traits::fungibles::Inspect};
use sp_arithmetic::FixedU128;
use sp_runtime::TokenError;

const NATIVE: ReserveAsset = NativeOrWithId::Native;

fn token(dc: CooperativeId) -> ReserveAsset {
	NativeOrWithId::WithId(dc)
}

fn cap(n: u128, d: u128) -> FixedU128 {
	FixedU128::from_rational(n, d)
}

fn tokens(dc: CooperativeId, who: &AccountId) -> u128 {
	<Assets as Inspect<AccountId>>::balance(dc, who)
}

fn supply(dc: CooperativeId) -> u128 {
	<Assets as Inspect<AccountId>>::total_issuance(dc)
}

fn native(who: &AccountId) -> u128 {
	Balances::free_balance(who)
}

fn reserve_account(dc: CooperativeId) -> AccountId {
	Reserve::reserve_account(dc)
}

fn reserve_balance(dc: CooperativeId) -> u128 {
	Reserves::<Test>::get(dc).unwrap().balance
}

/// `who` receives 40 tokens of `dc`, as a contributor's reward would give it.
fn earn_40_tokens(dc: CooperativeId, who: AccountId) {
	assert_ok!(AssetTokens::mint(dc, &who, 40));
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
fn amounts_of_one_base_unit_are_not_distorted_by_the_existential_deposit() {
	build_and_execute(|| {
		let dc = create_dc();
		set_cap(dc, cap(1, 1), NATIVE);
		let account = reserve_account(dc);
		assert_eq!(native(&account), EXISTENTIAL_DEPOSIT);

		// One base unit into an account that would not exist without the endowment.
		buy(&ERIN, dc, 1);
		assert_eq!((reserve_balance(dc), native(&account)), (1, EXISTENTIAL_DEPOSIT + 1));
		assert_ok!(Reserve::deposit_revenue(RuntimeOrigin::signed(ALICE), dc, 1));
		assert_eq!((reserve_balance(dc), native(&account)), (2, EXISTENTIAL_DEPOSIT + 2));

		// The only token takes the whole reserve up to the cap: 1, not 2, and not the
		// endowment. Then a second unit of revenue, and a new buyer at the same cap.
		let erin_before = native(&ERIN);
		redeem(&ERIN, dc, 1);
		assert_eq!(native(&ERIN), erin_before + 1);
		assert_eq!(
			(reserve_balance(dc), native(&account), supply(dc)),
			(1, EXISTENTIAL_DEPOSIT + 1, 0)
		);

		// With no tokens left, a newcomer buys one and can redeem it only at the cap.
		buy(&BOB, dc, 1);
		assert_eq!(Reserve::redeem_proceeds(dc, 1), Some(1));
		redeem(&BOB, dc, 1);
		assert_eq!((reserve_balance(dc), native(&account)), (1, EXISTENTIAL_DEPOSIT + 1));
	});
}

#[test]
fn setting_the_cap_again_pays_no_second_endowment_and_keeps_the_reserve() {
	build_and_execute(|| {
		let dc = create_dc();
		set_cap(dc, cap(1, 1), NATIVE);
		buy(&ERIN, dc, 100);
		let admin_before = native(&ADMIN);
		set_cap(dc, cap(3, 1), NATIVE);
		System::assert_last_event(
			Event::PriceCapSet { dc, price_cap: cap(3, 1), asset: NATIVE, endowment: 0 }.into(),
		);
		assert_eq!(native(&ADMIN), admin_before);
		assert_eq!(
			Reserves::<Test>::get(dc),
			Some(ReserveState { asset: NATIVE, price_cap: cap(3, 1), balance: 100 })
		);
		// Now the reserve backs each token at 1, below the cap of 3.
		assert_eq!(Reserve::buy_cost(dc, 10), Some(30));
		assert_eq!(Reserve::redeem_proceeds(dc, 10), Some(10));
	});
}

#[test]
fn the_cap_bounds_redemption_and_revenue_raises_every_price() {
	build_and_execute(|| {
		let dc = create_dc();
		set_cap(dc, cap(1, 1), NATIVE);
		buy(&ERIN, dc, 60);
		buy(&DAVE, dc, 40);
		assert_ok!(Reserve::deposit_revenue(RuntimeOrigin::signed(ALICE), dc, 100));
		// 200 behind 100 tokens: 2 each, but the cap of 1 bounds.
		assert_eq!(Reserve::reserve_summary(dc).unwrap().redemption_price, cap(1, 1));
		let dave_before = native(&DAVE);
		redeem(&DAVE, dc, 10);
		assert_eq!(native(&DAVE), dave_before + 10);
		assert_eq!(reserve_balance(dc), 190);

		// Raise the cap to 3: now 190 / 90 per token, rounded down.
		set_cap(dc, cap(3, 1), NATIVE);
		redeem(&DAVE, dc, 10);
		assert_eq!(native(&DAVE), dave_before + 10 + 21); // ⌊10·190/90⌋
		assert_eq!((reserve_balance(dc), supply(dc)), (169, 80));
	});
}

#[test]
fn buying_rounds_up_and_never_mints_for_free() {
	build_and_execute(|| {
		let dc = create_dc();
		set_cap(dc, cap(3, 10), NATIVE);
		let erin_before = native(&ERIN);
		buy(&ERIN, dc, 5); // ⌈1.5⌉
		buy(&ERIN, dc, 1); // ⌈0.3⌉
		assert_eq!(native(&ERIN), erin_before - 3);
		assert_eq!((tokens(dc, &ERIN), reserve_balance(dc)), (6, 3));
		// At the least cap the reserve per token sets the price: ⌈1,000·3/6⌉ = 500, not 1.
		set_cap(dc, FixedU128::from_inner(1), NATIVE);
		buy(&ERIN, dc, 1_000);
		assert_eq!(native(&ERIN), erin_before - 503);
		// Redeeming rounds down: 1,006 tokens against 503 units, ⌊1·1e-18⌋ = 0 at the cap.
		assert_eq!(Reserve::redeem_proceeds(dc, 1), Some(0));
	});
}

#[test]
fn errors_change_nothing() {
	build_and_execute(|| {
		let dc = create_dc();
		let other = create_dc();
		earn_40_tokens(dc, DAVE);
		let signed = RuntimeOrigin::signed;

		// Before a cap.
		assert_noop!(Reserve::buy(signed(ERIN), 7, 1, 10), Error::<Test>::UnknownCooperative);
		assert_noop!(Reserve::buy(signed(ERIN), dc, 1, 10), Error::<Test>::NoPriceCap);
		assert_noop!(Reserve::buy(signed(ERIN), dc, 0, 10), Error::<Test>::NoPriceCap);
		assert_noop!(Reserve::redeem(signed(DAVE), dc, 1, 0), Error::<Test>::NoPriceCap);
		assert_noop!(Reserve::deposit_revenue(signed(ERIN), dc, 1), Error::<Test>::NoPriceCap);
		assert_noop!(
			Reserve::deposit_revenue(signed(ERIN), 7, 1),
			Error::<Test>::UnknownCooperative
		);
		assert_eq!(Reserve::buy_cost(dc, 1), None);
		assert_eq!(Reserve::reserve_summary(dc), None);

		// Setting the cap.
		assert_noop!(
			Reserve::set_price_cap(signed(ADMIN), 7, cap(1, 1), NATIVE),
			Error::<Test>::UnknownCooperative
		);
		assert_noop!(
			Reserve::set_price_cap(signed(ERIN), dc, cap(1, 1), NATIVE),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Reserve::set_price_cap(signed(ADMIN), dc, FixedU128::from_inner(0), NATIVE),
			Error::<Test>::ZeroPriceCap
		);
		assert_noop!(
			Reserve::set_price_cap(signed(ADMIN), dc, cap(1, 1), token(dc)),
			Error::<Test>::ReserveCycle
		);
		assert_noop!(
			Reserve::set_price_cap(signed(ADMIN), dc, cap(1, 1), token(7)),
			Error::<Test>::UnknownReserveAsset
		);
		// The admin holds none of the other DC's tokens, so can't open the reserve account.
		assert_noop!(
			Reserve::set_price_cap(signed(ADMIN), dc, cap(1, 1), token(other)),
			Error::<Test>::CannotPayEndowment
		);

		set_cap(dc, cap(2, 1), NATIVE);
		buy(&ERIN, dc, 10);

		assert_noop!(
			Reserve::set_price_cap(signed(ADMIN), dc, cap(1, 1), token(other)),
			Error::<Test>::ReserveNotEmpty
		);
		// Amounts, holdings and slippage, in the order of §6.
		assert_noop!(Reserve::buy(signed(ERIN), dc, 0, 0), Error::<Test>::ZeroAmount);
		assert_noop!(Reserve::redeem(signed(DAVE), dc, 0, u128::MAX), Error::<Test>::ZeroAmount);
		assert_noop!(Reserve::deposit_revenue(signed(ERIN), dc, 0), Error::<Test>::ZeroAmount);
		assert_noop!(
			Reserve::redeem(signed(DAVE), dc, 41, u128::MAX),
			Error::<Test>::InsufficientTokens
		);
		assert_noop!(Reserve::redeem(signed(ALICE), dc, 1, 0), Error::<Test>::InsufficientTokens);
		assert_noop!(Reserve::buy(signed(ERIN), dc, 5, 9), Error::<Test>::CostAboveMax);
		// 20 behind 50 tokens: 10 redeem for 4.
		assert_noop!(Reserve::redeem(signed(DAVE), dc, 10, 5), Error::<Test>::ProceedsBelowMin);
		assert_noop!(
			Reserve::buy(signed(ERIN), dc, u128::MAX, u128::MAX),
			sp_runtime::ArithmeticError::Overflow
		);
		// A payer who can't pay, keeping its account alive.
		assert_noop!(
			Reserve::buy(signed(ERIN), dc, ENDOWMENT / 2, u128::MAX),
			TokenError::FundsUnavailable
		);
		assert_noop!(
			Reserve::deposit_revenue(signed(PENNILESS), dc, 1),
			TokenError::FundsUnavailable
		);
		// A holder with no native currency can't receive proceeds below the existential deposit.
		assert_ok!(Assets::transfer(signed(DAVE), dc, PENNILESS, 10));
		assert_eq!(Reserve::redeem_proceeds(dc, 10), Some(4));
		assert_noop!(Reserve::redeem(signed(PENNILESS), dc, 10, 0), TokenError::BelowMinimum);
		assert_noop!(
			Reserve::buy(signed(PENNILESS), dc, 1, u128::MAX),
			TokenError::FundsUnavailable
		);

		assert_eq!(reserve_balance(dc), 20);
		assert_eq!(supply(dc), 50);
	});
}

#[test]
fn a_reserve_in_another_dcs_token_couples_the_two() {
	build_and_execute(|| {
		let first = create_dc();
		let second = create_dc();
		set_cap(first, cap(1, 1), NATIVE);
		buy(&ERIN, first, 1_000);
		buy(&ADMIN, first, 1);

		// The second DC's reserve holds the first DC's token; its admin opens the account with
		// the token's minimum balance of 1.
		set_cap(second, cap(2, 1), token(first));
		System::assert_last_event(
			Event::PriceCapSet {
				dc: second,
				price_cap: cap(2, 1),
				asset: token(first),
				endowment: 1,
			}
			.into(),
		);
		assert_eq!(tokens(first, &ADMIN), 0);
		assert_eq!(tokens(first, &reserve_account(second)), 1);

		// erin buys 100 of the second token with 200 of the first.
		let native_before = native(&ERIN);
		buy(&ERIN, second, 100);
		assert_eq!((tokens(first, &ERIN), tokens(second, &ERIN)), (800, 100));
		assert_eq!(native(&ERIN), native_before);
		assert_eq!(tokens(first, &reserve_account(second)), 201);
		// The first token's supply only moved; it did not change.
		assert_eq!(supply(first), 1_001);

		// Revenue in the first token raises the second token's price.
		assert_ok!(Reserve::deposit_revenue(RuntimeOrigin::signed(ERIN), second, 100));
		assert_eq!(Reserve::reserve_summary(second).unwrap().redemption_price, cap(2, 1));
		redeem(&ERIN, second, 50); // min(100, ⌊50·300/100⌋ = 150)
		assert_eq!((tokens(first, &ERIN), tokens(second, &ERIN)), (800, 50));
		assert_eq!(reserve_balance(second), 200);
		assert_eq!(tokens(first, &reserve_account(second)), 201);

		// The asset can't change while the reserve holds anything.
		assert_noop!(
			Reserve::set_price_cap(RuntimeOrigin::signed(ADMIN), second, cap(1, 1), NATIVE),
			Error::<Test>::ReserveNotEmpty
		);
		// The first DC's holders still redeem against its own reserve, in native currency.
		let erin_native = native(&ERIN);
		redeem(&ERIN, first, 800);
		assert_eq!(native(&ERIN), erin_native + 800);
		assert_eq!(supply(first), 201);
	});
}

#[test]
fn the_reserve_asset_can_change_once_the_reserve_is_empty() {
	build_and_execute(|| {
		let first = create_dc();
		let second = create_dc();
		set_cap(first, cap(1, 1), NATIVE);
		buy(&ADMIN, first, 10);
		set_cap(second, cap(1, 1), NATIVE);
		buy(&ERIN, second, 10);
		redeem(&ERIN, second, 10);
		assert_eq!(reserve_balance(second), 0);
		set_cap(second, cap(1, 1), token(first));
		assert_eq!(
			Reserves::<Test>::get(second),
			Some(ReserveState { asset: token(first), price_cap: cap(1, 1), balance: 0 })
		);
		// The native endowment stays in the account; it never was reserve.
		assert_eq!(native(&reserve_account(second)), EXISTENTIAL_DEPOSIT);
		assert_eq!(tokens(first, &reserve_account(second)), 1);
	});
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	/// Holders buy at `buy_cap`, revenue comes in, then the cap rises far above the reserve's
	/// backing; everyone redeems everything in `order`. Returns each holder's proceeds.
	fn redeem_all_in_order(
		amounts: &[u128],
		buy_cap: FixedU128,
		revenue: u128,
		order: &[usize],
	) -> (Vec<u128>, u128, u128) {
		let mut proceeds = vec![0; amounts.len()];
		let (mut reserve0, mut supply0) = (0, 0);
		new_test_ext().execute_with(|| {
			let dc = create_dc();
			let holders: Vec<AccountId> =
				(0..amounts.len()).map(|i| AccountId::new([100 + i as u8; 32])).collect();
			for who in &holders {
				assert_ok!(Balances::force_set_balance(
					RuntimeOrigin::root(),
					who.clone(),
					u64::MAX.into()
				));
			}
			set_cap(dc, buy_cap, NATIVE);
			for (who, amount) in holders.iter().zip(amounts) {
				buy(who, dc, *amount);
			}
			if revenue > 0 {
				assert_ok!(Reserve::deposit_revenue(RuntimeOrigin::signed(ERIN), dc, revenue));
			}
			set_cap(dc, cap(1_000_000_000, 1), NATIVE);
			(reserve0, supply0) = (reserve_balance(dc), supply(dc));
			for &i in order {
				let before = native(&holders[i]);
				redeem(&holders[i], dc, amounts[i]);
				proceeds[i] = native(&holders[i]) - before;
				check_invariants();
			}
			assert_eq!(supply(dc), 0);
		});
		(proceeds, reserve0, supply0)
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]

		/// Below the cap, redeeming first gains nothing: whatever the order, every holder gets
		/// at least its pro-rata share ⌊a·R/S⌋ of the reserve it redeemed against, and at most
		/// one base unit more per earlier redemption (the rounding left by those before it).
		/// When the reserve per token is a whole number, every order pays exactly the same.
		#[test]
		fn the_order_of_redemptions_does_not_change_the_price(
			amounts in proptest::collection::vec(1u128..5_000, 2..6),
			buy_cap_milli in 1u128..5_000,
			revenue in 0u128..100_000,
			seed in any::<u64>(),
		) {
			let n = amounts.len();
			let forward: Vec<usize> = (0..n).collect();
			let mut shuffled = forward.clone();
			let mut state = seed;
			for i in (1..n).rev() {
				state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
				shuffled.swap(i, (state >> 33) as usize % (i + 1));
			}
			let buy_cap = cap(buy_cap_milli, 1_000);
			let (a, reserve, supply) = redeem_all_in_order(&amounts, buy_cap, revenue, &forward);
			let (b, ..) = redeem_all_in_order(&amounts, buy_cap, revenue, &shuffled);
			prop_assert!(a.iter().sum::<u128>() <= reserve);
			prop_assert!(b.iter().sum::<u128>() <= reserve);
			for i in 0..n {
				let fair = amounts[i] * reserve / supply;
				let slack = n as u128 - 1;
				prop_assert!(fair <= a[i] && a[i] <= fair + slack, "{i}: {} vs {fair}", a[i]);
				prop_assert!(fair <= b[i] && b[i] <= fair + slack, "{i}: {} vs {fair}", b[i]);
			}

			// A whole price: buy at an integer cap, revenue a multiple of the supply.
			let whole = cap(buy_cap_milli % 5 + 1, 1);
			let total: u128 = amounts.iter().sum();
			let revenue = total * (revenue % 7);
			let (a, reserve, supply) = redeem_all_in_order(&amounts, whole, revenue, &forward);
			let (b, ..) = redeem_all_in_order(&amounts, whole, revenue, &shuffled);
			prop_assert_eq!(&a, &b);
			for i in 0..n {
				prop_assert_eq!(a[i], amounts[i] * reserve / supply);
			}
		}
	}

	#[derive(Clone, Debug)]
	enum Op {
		Buy(usize, u128),
		Redeem(usize, u8),
		Revenue(usize, u128),
		SetCap(u128),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(0usize..4, 1u128..10_000).prop_map(|(w, a)| Op::Buy(w, a)),
			(0usize..4, 0u8..=100).prop_map(|(w, p)| Op::Redeem(w, p)),
			(0usize..4, 1u128..5_000).prop_map(|(w, a)| Op::Revenue(w, a)),
			(1u128..10_000).prop_map(Op::SetCap),
		]
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(48))]

		/// Random sequences of buys, redemptions, revenue and cap changes: after every step the
		/// invariants hold, the reserve account holds exactly the reserve plus the endowment, and
		/// the reserve moves by exactly what the events say.
		#[test]
		fn random_sequences_keep_the_books(ops in proptest::collection::vec(op(), 1..120)) {
			new_test_ext().execute_with(|| {
				let dc = create_dc();
				let people = [ALICE, BOB, CAROL, DAVE];
				for who in &people {
					assert_ok!(Balances::force_set_balance(
						RuntimeOrigin::root(),
						who.clone(),
						u64::MAX.into()
					));
				}
				set_cap(dc, cap(3, 2), NATIVE);
				let account = reserve_account(dc);
				for op in ops {
					let before = reserve_balance(dc);
					let expected = match op {
						Op::Buy(w, amount) => {
							let cost = Reserve::buy_cost(dc, amount).unwrap();
							Reserve::buy(RuntimeOrigin::signed(people[w].clone()), dc, amount, cost)
								.map(|_| before + cost)
						},
						Op::Redeem(w, percent) => {
							let amount = tokens(dc, &people[w]) * u128::from(percent) / 100;
							let proceeds = Reserve::redeem_proceeds(dc, amount);
							Reserve::redeem(RuntimeOrigin::signed(people[w].clone()), dc, amount, 0)
								.map(|_| before - proceeds.unwrap())
						},
						Op::Revenue(w, amount) =>
							Reserve::deposit_revenue(RuntimeOrigin::signed(people[w].clone()), dc, amount)
								.map(|_| before + amount),
						Op::SetCap(milli) => Reserve::set_price_cap(
							RuntimeOrigin::signed(ADMIN),
							dc,
							cap(milli, 1_000),
							NATIVE,
						)
						.map(|_| before),
					};
					// The only failures: redeeming zero tokens.
					let after = reserve_balance(dc);
					match expected {
						Ok(expected) => assert_eq!(after, expected),
						Err(e) => {
							assert_eq!(e, Error::<Test>::ZeroAmount.into());
							assert_eq!(after, before);
						},
					}
					assert_eq!(native(&account), after + EXISTENTIAL_DEPOSIT);
					let held: u128 = people.iter().map(|who| tokens(dc, who)).sum();
					assert_eq!(held, supply(dc));
					check_invariants();
				}
			});
		}
	}
}

#[test]
fn lowering_the_cap_no_longer_drains_the_reserve() {
	build_and_execute(|| {
		let dc = create_dc();
		// dave holds 100 tokens backed by 350: 3.5 a token.
		assert_ok!(AssetTokens::mint(dc, &DAVE, 100));
		set_cap(dc, cap(5, 1), NATIVE);
		assert_ok!(Reserve::deposit_revenue(RuntimeOrigin::signed(ALICE), dc, 350));

		// The admin lowers the cap to its least, erin buys a million tokens, the cap goes back
		// up and she redeems them. Version 1 priced the sale at the cap alone: she would have
		// paid 1 and taken ⌊10⁶·351 / 1,000,100⌋ = 350, 349 of dave's 350.
		let lowest = FixedU128::from_inner(1);
		assert_eq!(crate::pricing::cost(1_000_000, lowest), Some(1));
		assert_eq!(crate::pricing::proceeds(1_000_000, cap(1_000, 1), 351, 1_000_100), Some(350));

		// Version 2: a sale never lowers the reserve per token. She pays ⌈10⁶·350/100⌉.
		set_cap(dc, lowest, NATIVE);
		assert_ok!(Balances::force_set_balance(RuntimeOrigin::root(), ERIN, 10_000_000));
		let erin = native(&ERIN);
		buy(&ERIN, dc, 1_000_000);
		assert_eq!(native(&ERIN), erin - 3_500_000);
		set_cap(dc, cap(1_000, 1), NATIVE);
		redeem(&ERIN, dc, 1_000_000);
		// She gets back exactly what she paid, and dave's tokens are backed as before.
		assert_eq!(native(&ERIN), erin);
		assert_eq!((reserve_balance(dc), supply(dc)), (350, 100));
		assert_eq!(Reserve::redeem_proceeds(dc, 100), Some(350));
	});
}

#[test]
fn reserves_may_not_loop_or_chain_too_far() {
	build_and_execute(|| {
		let dcs: Vec<CooperativeId> = (0..6).map(|_| create_dc()).collect();
		// The admin holds a unit of every token, to open the reserve accounts with.
		for dc in &dcs {
			assert_ok!(AssetTokens::mint(*dc, &ADMIN, 10));
		}
		// Own token: a loop of one.
		assert_noop!(
			Reserve::set_price_cap(RuntimeOrigin::signed(ADMIN), dcs[0], cap(1, 1), token(dcs[0])),
			Error::<Test>::ReserveCycle
		);
		// dcs[1] reserves in dcs[0]'s token; dcs[0] may not then reserve in dcs[1]'s. Version 1
		// allowed it, and each round of buying one with the other doubled a buyer's holdings.
		set_cap(dcs[1], cap(1, 1), token(dcs[0]));
		assert_noop!(
			Reserve::set_price_cap(RuntimeOrigin::signed(ADMIN), dcs[0], cap(1, 1), token(dcs[1])),
			Error::<Test>::ReserveCycle
		);
		// A longer loop is caught too: 2 → 1 → 0, then 0 → 2.
		set_cap(dcs[2], cap(1, 1), token(dcs[1]));
		assert_noop!(
			Reserve::set_price_cap(RuntimeOrigin::signed(ADMIN), dcs[0], cap(1, 1), token(dcs[2])),
			Error::<Test>::ReserveCycle
		);
		// A chain through four tokens reaches a DC with no reserve: allowed (MaxReserveChain is
		// 4 here); through five it is refused.
		set_cap(dcs[3], cap(1, 1), token(dcs[2]));
		set_cap(dcs[4], cap(1, 1), token(dcs[3]));
		assert_noop!(
			Reserve::set_price_cap(RuntimeOrigin::signed(ADMIN), dcs[5], cap(1, 1), token(dcs[4])),
			Error::<Test>::ReserveCycle
		);
		// The native currency ends every chain.
		set_cap(dcs[0], cap(1, 1), NATIVE);
		assert_ok!(Reserve::set_price_cap(
			RuntimeOrigin::signed(ADMIN),
			dcs[5],
			cap(1, 1),
			token(dcs[0])
		));
	});
}
