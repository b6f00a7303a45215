//! The market as configured: pools of COV and DC tokens and between DCs, exact amounts against
//! the quotes, the protocol's books untouched by trading, and the arbitrage that holds a pool's
//! price between a DC's redemption price and its price cap.

use super::{account, create_dc, new_test_ext, ADMIN};
use crate::{
	configs::ProxyType, AccountId, AssetConversion, Assets, Balance, Balances, PoolAssets, Reserve,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System, UNIT,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect as _, NativeOrWithId},
		fungibles::Inspect as _,
		InstanceFilter,
	},
};
use pallet_asset_conversion::{Error as MarketError, PoolLocator as _};
use sp_runtime::{FixedPointNumber, FixedU128};

type Kind = NativeOrWithId<u32>;
const COV: Kind = NativeOrWithId::Native;
/// A whole DC token in these tests: 10⁶ base units (a token's decimals are only its metadata;
/// counting in millions keeps the pools' rounding small next to the amounts).
const TOKEN: Balance = 1_000_000;
/// 2 COV per token — in base units, 2,000,000 of COV's per one of the token's: the cap of every
/// DC in these tests.
const CAP: Balance = 2 * UNIT / TOKEN;

fn token(dc: u32) -> Kind {
	NativeOrWithId::WithId(dc)
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

fn admin() -> AccountId {
	account(ADMIN)
}

fn trader() -> AccountId {
	account(ADMIN + 1)
}

/// A DC with a price cap of 2 COV in its native reserve, whose admin bought `tokens` from it.
fn dc_with_tokens(tokens: Balance) -> u32 {
	let dc = create_dc(vec![(admin(), 100)]);
	assert_ok!(Reserve::set_price_cap(
		signed(&admin()),
		dc,
		FixedU128::saturating_from_integer(CAP),
		COV
	));
	assert_ok!(Reserve::buy(signed(&admin()), dc, tokens, tokens * CAP));
	dc
}

fn tokens_of(dc: u32, who: &AccountId) -> Balance {
	Assets::balance(dc, who)
}

fn cov_of(who: &AccountId) -> Balance {
	Balances::balance(who)
}

fn reserves(a: Kind, b: Kind) -> (Balance, Balance) {
	AssetConversion::get_reserves(a, b).expect("the pool has liquidity")
}

/// What the constant-product rule pays for `amount_in` with the 0.3 % fee, in the pallet's
/// rounding (down): `in·997·out_reserve / (in_reserve·1000 + in·997)`.
fn amount_out(amount_in: Balance, reserve_in: Balance, reserve_out: Balance) -> Balance {
	use sp_core::U256;
	let in_with_fee = U256::from(amount_in) * U256::from(997_000u32);
	let value = in_with_fee * U256::from(reserve_out)
		/ (U256::from(reserve_in) * U256::from(1_000_000u32) + in_with_fee);
	value.as_u128()
}

/// The protocol's record of a DC's tokens: its books and the asset's supply.
fn books(dc: u32) -> (pallet_cooperatives::TokenLedger, Balance) {
	(pallet_cooperatives::TokenBooks::<Runtime>::get(dc), Assets::total_issuance(dc))
}

fn check_invariants() {
	pallet_cooperatives::Pallet::<Runtime>::do_try_state().expect("cooperatives invariants");
	pallet_reputation::Pallet::<Runtime>::do_try_state().expect("reputation invariants");
	pallet_reserve::Pallet::<Runtime>::do_try_state().expect("reserve invariants");
}

fn open_pool(a: Kind, b: Kind, amount_a: Balance, amount_b: Balance) {
	assert_ok!(AssetConversion::create_pool(
		signed(&admin()),
		Box::new(a.clone()),
		Box::new(b.clone())
	));
	assert_ok!(AssetConversion::add_liquidity(
		signed(&admin()),
		Box::new(a),
		Box::new(b),
		amount_a,
		amount_b,
		amount_a,
		amount_b,
		admin(),
	));
}

#[test]
fn a_dc_token_trades_against_cov_at_the_quoted_amounts() {
	new_test_ext().execute_with(|| {
		let dc = dc_with_tokens(20_000 * TOKEN);
		let before = books(dc);
		let cov_before = cov_of(&admin());

		assert_ok!(AssetConversion::create_pool(
			signed(&admin()),
			Box::new(COV),
			Box::new(token(dc))
		));
		let pool_id = (COV, token(dc));
		let pool = crate::configs::PoolLocator::address(&pool_id).expect("an account");
		System::assert_has_event(RuntimeEvent::AssetConversion(
			pallet_asset_conversion::Event::PoolCreated {
				creator: admin(),
				pool_id: pool_id.clone(),
				pool_account: pool.clone(),
				lp_token: 0,
			},
		));
		// The setup fee is burned; the pool's liquidity-token account is the creator's deposit.
		let setup =
			crate::configs::PoolSetupFee::get() + crate::configs::PoolAssetAccountDeposit::get();
		assert_eq!(cov_of(&admin()), cov_before - setup);
		// The same pair, either way round, is the same pool.
		assert_noop!(
			AssetConversion::create_pool(signed(&admin()), Box::new(token(dc)), Box::new(COV)),
			MarketError::<Runtime>::PoolExists
		);

		// 3,000 COV against 1,000 tokens: 3 COV a token. The first deposit mints
		// ⌊√(3,000·10¹² · 1,000·10⁶)⌋ = 1,732,050,807,568 liquidity tokens, 100 of them kept by
		// the pool.
		assert_ok!(AssetConversion::add_liquidity(
			signed(&admin()),
			Box::new(COV),
			Box::new(token(dc)),
			3_000 * UNIT,
			1_000 * TOKEN,
			3_000 * UNIT,
			1_000 * TOKEN,
			admin(),
		));
		assert_eq!(reserves(COV, token(dc)), (3_000 * UNIT, 1_000 * TOKEN));
		assert_eq!(reserves(token(dc), COV), (1_000 * TOKEN, 3_000 * UNIT));
		assert_eq!(PoolAssets::balance(0, admin()), 1_732_050_807_468);
		assert_eq!(PoolAssets::balance(0, &pool), 100);
		assert_eq!(tokens_of(dc, &pool), 1_000 * TOKEN);

		// Tokens → COV, exactly what the quote said: 100·997·3,000 COV / (1,000·1,000 + 100·997).
		assert_ok!(Assets::transfer(signed(&admin()), dc.into(), trader().into(), 100 * TOKEN));
		let quote =
			AssetConversion::quote_price_exact_tokens_for_tokens(token(dc), COV, 100 * TOKEN, true)
				.expect("a quote");
		assert_eq!(quote, amount_out(100 * TOKEN, 1_000 * TOKEN, 3_000 * UNIT));
		assert_eq!(quote, 271_983_268_164_044);
		// Asking one unit more than the pool pays is refused, and changes nothing.
		assert_noop!(
			AssetConversion::swap_exact_tokens_for_tokens(
				signed(&trader()),
				vec![Box::new(token(dc)), Box::new(COV)],
				100 * TOKEN,
				quote + 1,
				trader(),
				false
			),
			MarketError::<Runtime>::ProvidedMinimumNotSufficientForSwap
		);
		let trader_cov = cov_of(&trader());
		assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
			signed(&trader()),
			vec![Box::new(token(dc)), Box::new(COV)],
			100 * TOKEN,
			quote,
			// Selling every token the trader has: its token account may go.
			trader(),
			false
		));
		assert_eq!(cov_of(&trader()), trader_cov + quote);
		assert_eq!(tokens_of(dc, &trader()), 0);
		assert_eq!(reserves(COV, token(dc)), (3_000 * UNIT - quote, 1_100 * TOKEN));

		// COV → exactly 50 tokens, for what the quote asked:
		// ⌊in_reserve·out·1000 / ((out_reserve − out)·997)⌋ + 1.
		let cost =
			AssetConversion::quote_price_tokens_for_exact_tokens(COV, token(dc), 50 * TOKEN, true)
				.expect("a quote");
		let (cov_reserve, _) = reserves(COV, token(dc));
		assert_eq!(cost, cov_reserve * 1_000 * 50 / (1_050 * 997) + 1);
		assert_eq!(cost, 130_296_448_002_864);
		assert_noop!(
			AssetConversion::swap_tokens_for_exact_tokens(
				signed(&trader()),
				vec![Box::new(COV), Box::new(token(dc))],
				50 * TOKEN,
				cost - 1,
				trader(),
				true
			),
			MarketError::<Runtime>::ProvidedMaximumNotSufficientForSwap
		);
		let trader_cov = cov_of(&trader());
		assert_ok!(AssetConversion::swap_tokens_for_exact_tokens(
			signed(&trader()),
			vec![Box::new(COV), Box::new(token(dc))],
			50 * TOKEN,
			cost,
			trader(),
			true
		));
		assert_eq!(cov_of(&trader()), trader_cov - cost);
		assert_eq!(tokens_of(dc, &trader()), 50 * TOKEN);
		assert_eq!(reserves(COV, token(dc)), (cov_reserve + cost, 1_050 * TOKEN));

		// Withdrawing half the admin's liquidity tokens pays that share of both reserves,
		// rounded down. (All of them can't go: the pool must keep COV's existential deposit,
		// more than the 100 locked liquidity tokens' share of so small a pool.)
		let (cov_reserve, token_reserve) = reserves(COV, token(dc));
		let supply: Balance = 1_732_050_807_568;
		let lp = PoolAssets::balance(0, admin()) / 2;
		let cov_share =
			(sp_core::U256::from(cov_reserve) * sp_core::U256::from(lp) / supply).as_u128();
		let token_share = token_reserve * lp / supply;
		assert_eq!(
			(lp, cov_share, token_share),
			(866_025_403_734, 1_429_156_589_836_897, 524_999_999)
		);
		let (admin_cov, admin_tokens) = (cov_of(&admin()), tokens_of(dc, &admin()));
		assert_noop!(
			AssetConversion::remove_liquidity(
				signed(&admin()),
				Box::new(COV),
				Box::new(token(dc)),
				lp,
				cov_share + 1,
				0,
				admin(),
			),
			MarketError::<Runtime>::AssetOneWithdrawalDidNotMeetMinimum
		);
		assert_ok!(AssetConversion::remove_liquidity(
			signed(&admin()),
			Box::new(COV),
			Box::new(token(dc)),
			lp,
			cov_share,
			token_share,
			admin(),
		));
		assert_eq!(cov_of(&admin()), admin_cov + cov_share);
		assert_eq!(tokens_of(dc, &admin()), admin_tokens + token_share);
		assert_eq!(PoolAssets::balance(0, admin()), 1_732_050_807_468 - lp);
		assert_eq!(
			reserves(COV, token(dc)),
			(cov_reserve - cov_share, token_reserve - token_share)
		);

		// Trading only moved tokens: the DC's books and supply are as before.
		assert_eq!(books(dc), before);
		check_invariants();
	});
}

#[test]
fn a_dc_token_trades_against_another_dcs_directly_and_through_cov() {
	new_test_ext().execute_with(|| {
		let makers = dc_with_tokens(10_000 * TOKEN);
		let growers = dc_with_tokens(10_000 * TOKEN);
		let (makers_books, growers_books) = (books(makers), books(growers));
		open_pool(token(makers), token(growers), 2_000 * TOKEN, 4_000 * TOKEN);
		open_pool(COV, token(makers), 4_000 * UNIT, 2_000 * TOKEN);
		open_pool(COV, token(growers), 4_000 * UNIT, 4_000 * TOKEN);
		// The DC/DC pool holds no native currency at all: its DC tokens keep its account alive.
		let pool = crate::configs::PoolLocator::address(&(token(makers), token(growers)))
			.expect("an account");
		assert_eq!(cov_of(&pool), 0);
		assert_eq!(
			(tokens_of(makers, &pool), tokens_of(growers, &pool)),
			(2_000 * TOKEN, 4_000 * TOKEN)
		);

		assert_ok!(Assets::transfer(signed(&admin()), makers.into(), trader().into(), 200 * TOKEN));
		// Directly: 100 Makers for 100·997·4,000 / (2,000·1,000 + 100·997) Growers.
		let direct = AssetConversion::quote_price_exact_tokens_for_tokens(
			token(makers),
			token(growers),
			100 * TOKEN,
			true,
		)
		.expect("a quote");
		assert_eq!(direct, amount_out(100 * TOKEN, 2_000 * TOKEN, 4_000 * TOKEN));
		assert_eq!(direct, 189_931_895);
		assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
			signed(&trader()),
			vec![Box::new(token(makers)), Box::new(token(growers))],
			100 * TOKEN,
			direct,
			trader(),
			false
		));
		assert_eq!(
			(tokens_of(makers, &trader()), tokens_of(growers, &trader())),
			(100 * TOKEN, direct)
		);
		assert_eq!(
			reserves(token(makers), token(growers)),
			(2_100 * TOKEN, 4_000 * TOKEN - direct)
		);

		// Through COV: Makers → COV in one pool, then COV → Growers in the other; each hop pays
		// its fee, so this path gives less here.
		let cov = amount_out(100 * TOKEN, 2_000 * TOKEN, 4_000 * UNIT);
		let through = amount_out(cov, 4_000 * UNIT, 4_000 * TOKEN);
		assert_eq!((cov, through), (189_931_895_032_623, 180_802_799));
		assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
			signed(&trader()),
			vec![Box::new(token(makers)), Box::new(COV), Box::new(token(growers))],
			100 * TOKEN,
			through,
			trader(),
			false
		));
		assert_eq!(
			(tokens_of(makers, &trader()), tokens_of(growers, &trader())),
			(0, direct + through)
		);
		assert_eq!(reserves(COV, token(makers)), (4_000 * UNIT - cov, 2_100 * TOKEN));
		assert_eq!(reserves(COV, token(growers)), (4_000 * UNIT + cov, 4_000 * TOKEN - through));
		// A path through the same pool twice is refused.
		assert_noop!(
			AssetConversion::swap_exact_tokens_for_tokens(
				signed(&trader()),
				vec![Box::new(token(growers)), Box::new(COV), Box::new(token(growers))],
				10 * TOKEN,
				1,
				trader(),
				false
			),
			MarketError::<Runtime>::NonUniquePath
		);

		assert_eq!((books(makers), books(growers)), (makers_books, growers_books));
		check_invariants();
	});
}

#[test]
fn above_the_cap_buying_from_the_reserve_and_selling_in_the_pool_pays_until_the_price_reaches_it() {
	new_test_ext().execute_with(|| {
		let dc = dc_with_tokens(2_000 * TOKEN);
		// 3 COV a token in the pool, against a cap of 2.
		open_pool(COV, token(dc), 3_000 * UNIT, 1_000 * TOKEN);
		let price = || {
			let (cov, tokens) = reserves(COV, token(dc));
			FixedU128::checked_from_rational(cov, tokens).expect("tokens in the pool")
		};
		let cap = FixedU128::saturating_from_integer(CAP);
		let step = 10 * TOKEN;
		let mut last = price();
		let mut trades = 0;
		let mut gained = 0;
		loop {
			let cost = Reserve::buy_cost(dc, step).expect("a cap is set");
			// The reserve backs every token at the cap, so it sells at the cap.
			assert_eq!(cost, step * CAP);
			let proceeds =
				AssetConversion::quote_price_exact_tokens_for_tokens(token(dc), COV, step, true)
					.expect("a quote");
			if proceeds <= cost {
				break;
			}
			let cov = cov_of(&trader());
			assert_ok!(Reserve::buy(signed(&trader()), dc, step, cost));
			assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
				signed(&trader()),
				vec![Box::new(token(dc)), Box::new(COV)],
				step,
				proceeds,
				trader(),
				false
			));
			// Each round trip pays exactly the difference, and pushes the pool's price down.
			assert_eq!(cov_of(&trader()), cov - cost + proceeds);
			assert!(price() < last);
			last = price();
			gained += proceeds - cost;
			trades += 1;
		}
		assert_eq!((trades, gained), (22, 99_522_851_782_799));
		assert_eq!(reserves(COV, token(dc)), (2_460_477_148_217_201, 1_220 * TOKEN));
		// The price stopped within a step and the fee above the cap: 10 more tokens would sell
		// for less than they cost, while a single token still sells for more than the cap.
		let (cov, tokens) = reserves(COV, token(dc));
		assert!(last > cap, "{last:?}");
		assert!(last < cap * FixedU128::saturating_from_rational(1_010, 997), "{last:?}");
		assert!(amount_out(TOKEN, tokens, cov) > TOKEN * CAP);
		check_invariants();
	});
}

#[test]
fn below_the_redemption_price_buying_in_the_pool_and_redeeming_pays_until_the_price_reaches_it() {
	new_test_ext().execute_with(|| {
		let dc = dc_with_tokens(2_000 * TOKEN);
		// 1 COV a token in the pool; the reserve backs every token at the cap of 2.
		open_pool(COV, token(dc), 1_000 * UNIT, 1_000 * TOKEN);
		assert_eq!(Reserve::redeem_proceeds(dc, TOKEN), Some(TOKEN * CAP));
		let price = || {
			let (cov, tokens) = reserves(COV, token(dc));
			FixedU128::checked_from_rational(cov, tokens).expect("tokens in the pool")
		};
		let redemption = FixedU128::saturating_from_integer(CAP);
		let step = 10 * UNIT;
		let mut last = price();
		let mut trades = 0;
		let mut gained = 0;
		loop {
			let tokens =
				AssetConversion::quote_price_exact_tokens_for_tokens(COV, token(dc), step, true)
					.expect("a quote");
			let proceeds = Reserve::redeem_proceeds(dc, tokens).expect("a cap is set");
			if proceeds <= step {
				break;
			}
			let cov = cov_of(&trader());
			assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
				signed(&trader()),
				vec![Box::new(COV), Box::new(token(dc))],
				step,
				tokens,
				trader(),
				true
			));
			assert_ok!(Reserve::redeem(signed(&trader()), dc, tokens, proceeds));
			assert_eq!(cov_of(&trader()), cov - step + proceeds);
			// Redemption burns what the pool sold; what a token left redeems for doesn't move.
			assert_eq!(Reserve::redeem_proceeds(dc, TOKEN), Some(TOKEN * CAP));
			assert!(price() > last);
			last = price();
			gained += proceeds - step;
			trades += 1;
		}
		assert_eq!((trades, gained), (41, 170_103_568_000_000));
		assert_eq!(reserves(COV, token(dc)), (1_410 * UNIT, 709_948_216));
		// The price stopped within a step and the fee below the redemption price.
		assert!(last < redemption, "{last:?}");
		assert!(last > redemption * FixedU128::saturating_from_rational(990, 1_000), "{last:?}");
		check_invariants();
	});
}

#[test]
fn pool_accounts_cannot_mint_or_burn_and_the_reserve_ignores_pool_prices() {
	new_test_ext().execute_with(|| {
		let dc = dc_with_tokens(2_000 * TOKEN);
		open_pool(COV, token(dc), 3_000 * UNIT, 1_000 * TOKEN);
		let pool = crate::configs::PoolLocator::address(&(COV, token(dc))).expect("an account");
		let before = books(dc);
		// Even signed as the pool (no key exists for it), neither the assets pallet's minting
		// nor burning nor its deposit-refund way of burning is open for a DC token.
		assert_noop!(
			Assets::mint(signed(&pool), dc.into(), pool.clone().into(), 1),
			pallet_assets::Error::<Runtime>::NoPermission
		);
		assert_noop!(
			Assets::burn(signed(&pool), dc.into(), pool.clone().into(), 1),
			pallet_assets::Error::<Runtime>::NoPermission
		);
		use frame_support::traits::Contains;
		assert!(!crate::configs::BaseCallFilter::contains(&RuntimeCall::Assets(
			pallet_assets::Call::refund { id: dc.into(), allow_burn: true }
		)));

		// The reserve's prices are its own: moving the pool's price a long way changes neither.
		let (cost, proceeds) =
			(Reserve::buy_cost(dc, 100 * TOKEN), Reserve::redeem_proceeds(dc, 100 * TOKEN));
		assert_eq!((cost, proceeds), (Some(200 * UNIT), Some(200 * UNIT)));
		assert_ok!(AssetConversion::swap_exact_tokens_for_tokens(
			signed(&admin()),
			vec![Box::new(token(dc)), Box::new(COV)],
			900 * TOKEN,
			1,
			admin(),
			true
		));
		// 900 tokens into 3,000 COV against 1,000: the pool keeps 3,000 COV less what it paid.
		let paid = amount_out(900 * TOKEN, 1_000 * TOKEN, 3_000 * UNIT);
		assert_eq!(paid, 1_418_805_671_216_992);
		assert_eq!(reserves(COV, token(dc)), (3_000 * UNIT - paid, 1_900 * TOKEN));
		assert_eq!(
			(Reserve::buy_cost(dc, 100 * TOKEN), Reserve::redeem_proceeds(dc, 100 * TOKEN)),
			(cost, proceeds)
		);
		assert_eq!(books(dc), before);
		check_invariants();
	});
}

#[test]
fn liquidity_tokens_are_the_markets_alone() {
	new_test_ext().execute_with(|| {
		let dc = dc_with_tokens(2_000 * TOKEN);
		// Nobody can create an asset in the liquidity tokens' instance, not even root: otherwise a
		// user could take the id the next pool's token needs and block every new pool.
		assert_noop!(
			PoolAssets::create(signed(&admin()), 0.into(), admin().into(), 1),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			PoolAssets::force_create(RuntimeOrigin::root(), 0.into(), admin().into(), false, 1),
			sp_runtime::DispatchError::BadOrigin
		);
		open_pool(COV, token(dc), 3_000 * UNIT, 1_000 * TOKEN);
		let lp = PoolAssets::balance(0, admin());
		assert_eq!(lp, 1_732_050_807_468);
		// The pool's account owns its liquidity token and has no key: a holder can't mint more of
		// it, burn another's, hand the token's team to itself, freeze it or destroy it.
		let pool = crate::configs::PoolLocator::address(&(COV, token(dc))).expect("an account");
		let no_permission =
			|| pallet_assets::Error::<Runtime, pallet_assets::Instance2>::NoPermission;
		assert_noop!(
			PoolAssets::mint(signed(&admin()), 0.into(), admin().into(), 1),
			no_permission()
		);
		assert_noop!(
			PoolAssets::burn(signed(&admin()), 0.into(), pool.clone().into(), 1),
			no_permission()
		);
		assert_noop!(
			PoolAssets::set_team(
				signed(&admin()),
				0.into(),
				admin().into(),
				admin().into(),
				admin().into()
			),
			no_permission()
		);
		assert_noop!(PoolAssets::freeze_asset(signed(&admin()), 0.into()), no_permission());
		assert_noop!(PoolAssets::start_destroy(signed(&admin()), 0.into()), no_permission());
		assert_eq!(PoolAssets::total_issuance(0), lp + 100);
		// They are the holder's to move, like any share.
		assert_ok!(PoolAssets::transfer(signed(&admin()), 0.into(), trader().into(), lp / 2));
		assert_eq!(
			(PoolAssets::balance(0, admin()), PoolAssets::balance(0, trader())),
			(lp - lp / 2, lp / 2)
		);
		check_invariants();
	});
}

#[test]
fn a_non_transfer_proxy_trades_nothing_even_when_it_tries() {
	new_test_ext().execute_with(|| {
		let dc = dc_with_tokens(2_000 * TOKEN);
		open_pool(COV, token(dc), 3_000 * UNIT, 1_000 * TOKEN);
		let delegate = trader();
		assert_ok!(crate::Proxy::add_proxy(
			signed(&admin()),
			delegate.clone().into(),
			ProxyType::NonTransfer,
			0
		));
		let (cov, tokens, lp) =
			(cov_of(&admin()), tokens_of(dc, &admin()), PoolAssets::balance(0, admin()));
		let pool_before = reserves(COV, token(dc));
		let sell = RuntimeCall::AssetConversion(
			pallet_asset_conversion::Call::swap_exact_tokens_for_tokens {
				path: vec![Box::new(token(dc)), Box::new(COV)],
				amount_in: 100 * TOKEN,
				amount_out_min: 1,
				send_to: delegate.clone(),
				keep_alive: false,
			},
		);
		let withdraw =
			RuntimeCall::AssetConversion(pallet_asset_conversion::Call::remove_liquidity {
				asset1: Box::new(COV),
				asset2: Box::new(token(dc)),
				lp_token_burn: lp,
				amount1_min_receive: 0,
				amount2_min_receive: 0,
				withdraw_to: delegate.clone(),
			});
		let filtered: sp_runtime::DispatchError =
			frame_system::Error::<Runtime>::CallFiltered.into();
		let executed = || {
			System::events().into_iter().find_map(|r| match r.event {
				RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
				_ => None,
			})
		};
		// Straight through the proxy: filtered.
		for call in [sell.clone(), withdraw.clone()] {
			System::reset_events();
			assert_ok!(crate::Proxy::proxy(
				signed(&delegate),
				admin().into(),
				None,
				Box::new(call)
			));
			assert_eq!(executed(), Some(Err(filtered)));
		}
		// Inside a batch, which the proxy may send: the batch runs, its calls are filtered.
		System::reset_events();
		let batch =
			RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![sell, withdraw] });
		assert_ok!(crate::Proxy::proxy(signed(&delegate), admin().into(), None, Box::new(batch)));
		assert_eq!(executed(), Some(Ok(())));
		System::assert_has_event(RuntimeEvent::Utility(pallet_utility::Event::BatchInterrupted {
			index: 0,
			error: filtered,
		}));
		assert_eq!(
			(cov_of(&admin()), tokens_of(dc, &admin()), PoolAssets::balance(0, admin())),
			(cov, tokens, lp)
		);
		assert_eq!(reserves(COV, token(dc)), pool_before);
		check_invariants();
	});
}

#[test]
fn a_non_transfer_proxy_can_neither_trade_nor_move_liquidity() {
	let who = account(7);
	for call in [
		RuntimeCall::AssetConversion(pallet_asset_conversion::Call::create_pool {
			asset1: Box::new(COV),
			asset2: Box::new(token(0)),
		}),
		RuntimeCall::AssetConversion(pallet_asset_conversion::Call::add_liquidity {
			asset1: Box::new(COV),
			asset2: Box::new(token(0)),
			amount1_desired: 1,
			amount2_desired: 1,
			amount1_min: 1,
			amount2_min: 1,
			mint_to: who.clone(),
		}),
		RuntimeCall::AssetConversion(pallet_asset_conversion::Call::remove_liquidity {
			asset1: Box::new(COV),
			asset2: Box::new(token(0)),
			lp_token_burn: 1,
			amount1_min_receive: 0,
			amount2_min_receive: 0,
			withdraw_to: who.clone(),
		}),
		RuntimeCall::AssetConversion(pallet_asset_conversion::Call::swap_exact_tokens_for_tokens {
			path: vec![Box::new(COV), Box::new(token(0))],
			amount_in: 1,
			amount_out_min: 0,
			send_to: who.clone(),
			keep_alive: true,
		}),
		RuntimeCall::AssetConversion(pallet_asset_conversion::Call::swap_tokens_for_exact_tokens {
			path: vec![Box::new(COV), Box::new(token(0))],
			amount_out: 1,
			amount_in_max: 1,
			send_to: who.clone(),
			keep_alive: true,
		}),
		RuntimeCall::AssetConversion(pallet_asset_conversion::Call::touch {
			asset1: Box::new(COV),
			asset2: Box::new(token(0)),
		}),
		RuntimeCall::PoolAssets(pallet_assets::Call::transfer {
			id: 0.into(),
			target: who.clone().into(),
			amount: 1,
		}),
		RuntimeCall::PoolAssets(pallet_assets::Call::transfer_keep_alive {
			id: 0.into(),
			target: who.clone().into(),
			amount: 1,
		}),
		RuntimeCall::PoolAssets(pallet_assets::Call::transfer_all {
			id: 0.into(),
			dest: who.clone().into(),
			keep_alive: false,
		}),
		RuntimeCall::PoolAssets(pallet_assets::Call::approve_transfer {
			id: 0.into(),
			delegate: who.clone().into(),
			amount: 1,
		}),
	] {
		assert!(!ProxyType::NonTransfer.filter(&call), "{call:?}");
	}
}
