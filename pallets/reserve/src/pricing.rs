//! The prices of `docs/protocol-rules.md` §6, exact and free of storage.
//!
//! A price cap is a [`FixedU128`]: reserve-asset base units per token base unit. Buying rounds
//! **up** (the buyer never pays less than the cap), redeeming rounds **down** (the reserve never
//! pays more than the tokens are worth), so the rounding always stays with the reserve and with
//! the holders who have not redeemed yet. Products go through a 256-bit intermediate; an
//! overflow is `None`, never a wrap.

use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding, FixedPointNumber, FixedU128, Rounding,
};

/// The cost of buying `amount` tokens at `cap`: ⌈amount·cap⌉, or `None` if it exceeds `u128`.
pub fn cost(amount: u128, cap: FixedU128) -> Option<u128> {
	multiply_by_rational_with_rounding(amount, cap.into_inner(), FixedU128::DIV, Rounding::Up)
}

/// The cost of buying `amount` new tokens of a `supply` backed by `reserve` (§6):
/// `max(⌈amount·cap⌉, ⌈amount·reserve / supply⌉)`, or the cap's price alone without a supply. A
/// sale never lowers the reserve per token: lowering the cap, buying and redeeming can't drain
/// what backs the holders' tokens. `None` if it exceeds `u128`.
pub fn buy_cost(amount: u128, cap: FixedU128, reserve: u128, supply: u128) -> Option<u128> {
	let at_cap = cost(amount, cap)?;
	if supply == 0 {
		return Some(at_cap);
	}
	let backing = multiply_by_rational_with_rounding(amount, reserve, supply, Rounding::Up)?;
	Some(at_cap.max(backing))
}

/// What `amount` tokens are worth at `cap`: ⌊amount·cap⌋, or `None` if it exceeds `u128`.
pub fn value_at_cap(amount: u128, cap: FixedU128) -> Option<u128> {
	multiply_by_rational_with_rounding(amount, cap.into_inner(), FixedU128::DIV, Rounding::Down)
}

/// The proceeds of redeeming `amount` of `supply` tokens against a reserve of `reserve`:
/// `min(⌊amount·cap⌋, ⌊amount·reserve / supply⌋)`.
///
/// `None` when `amount` is above `supply` (nobody can hold more than the supply), or when
/// `supply` is zero. The result never exceeds `reserve`, because `amount ≤ supply`.
pub fn proceeds(amount: u128, cap: FixedU128, reserve: u128, supply: u128) -> Option<u128> {
	if amount > supply {
		return None;
	}
	let pro_rata = multiply_by_rational_with_rounding(amount, reserve, supply, Rounding::Down)?;
	// When ⌊amount·cap⌋ does not fit in u128 it is above the pro-rata share, which does.
	Some(value_at_cap(amount, cap).map_or(pro_rata, |at_cap| at_cap.min(pro_rata)))
}

/// The price one token base unit redeems at: `min(cap, reserve / supply)`, rounded down; the
/// cap when there is no supply.
pub fn redemption_price(cap: FixedU128, reserve: u128, supply: u128) -> FixedU128 {
	if supply == 0 {
		return cap;
	}
	multiply_by_rational_with_rounding(reserve, FixedU128::DIV, supply, Rounding::Down)
		.map_or(cap, |inner| cap.min(FixedU128::from_inner(inner)))
}

#[cfg(test)]
mod tests {
	use super::*;

	fn cap(n: u128, d: u128) -> FixedU128 {
		FixedU128::from_rational(n, d)
	}

	#[test]
	fn spec_section_8_prices() {
		// erin buys 100 at 2.5: ⌈250⌉.
		assert_eq!(cost(100, cap(5, 2)), Some(250));
		// dave redeems 10 of 140 against 250: min(25, ⌊2500/140⌋ = 17).
		assert_eq!(proceeds(10, cap(5, 2), 250, 140), Some(17));
		assert_eq!(value_at_cap(10, cap(5, 2)), Some(25));
	}

	#[test]
	fn a_sale_never_lowers_the_reserve_per_token() {
		// 100 tokens backed by 300: at a cap of 1 a token still costs 3.
		assert_eq!(buy_cost(10, cap(1, 1), 300, 100), Some(30));
		// ⌈7·300/99⌉ = ⌈21.21…⌉ = 22 against 7 at the cap.
		assert_eq!(buy_cost(7, cap(1, 1), 300, 99), Some(22));
		// The cap wins when it is above the backing.
		assert_eq!(buy_cost(10, cap(5, 1), 300, 100), Some(50));
		// No supply: the cap alone.
		assert_eq!(buy_cost(100, cap(5, 2), 0, 0), Some(250));
		assert_eq!(buy_cost(100, cap(5, 2), 250, 40), Some(625));
		assert_eq!(buy_cost(u128::MAX, cap(1, 1), 2, 1), None);
	}

	#[test]
	fn buying_rounds_up_and_redeeming_rounds_down() {
		let third = cap(1, 3); // 0.333333333333333333
		assert_eq!(cost(1, third), Some(1));
		assert_eq!(cost(3, third), Some(1)); // ⌈0.999999999999999999⌉
		assert_eq!(cost(4, third), Some(2)); // ⌈1.333…⌉
		assert_eq!(value_at_cap(4, third), Some(1));
		assert_eq!(value_at_cap(2, third), Some(0));
		// The smallest cap still costs one base unit: nothing is ever minted for free.
		assert_eq!(cost(1, FixedU128::from_inner(1)), Some(1));
		assert_eq!(cost(u128::MAX, FixedU128::from_inner(1)), Some(340_282_366_920_938_463_464));
		// Pro rata: ⌊7·10/3⌋ = 23.
		assert_eq!(proceeds(7, cap(100, 1), 10, 3), None);
		assert_eq!(proceeds(2, cap(100, 1), 10, 3), Some(6));
	}

	#[test]
	fn the_cap_bounds_redemption() {
		// A reserve of 300 behind 100 tokens is 3 per token; the cap 2 wins.
		assert_eq!(proceeds(10, cap(2, 1), 300, 100), Some(20));
		// Below the cap the pro-rata share wins.
		assert_eq!(proceeds(10, cap(4, 1), 300, 100), Some(30));
		assert_eq!(redemption_price(cap(2, 1), 300, 100), cap(2, 1));
		assert_eq!(redemption_price(cap(4, 1), 300, 100), cap(3, 1));
		assert_eq!(redemption_price(cap(4, 1), 0, 0), cap(4, 1));
		assert_eq!(
			redemption_price(cap(4, 1), 1, 3),
			FixedU128::from_inner(333_333_333_333_333_333)
		);
	}

	#[test]
	fn overflow_is_none_never_a_wrap() {
		assert_eq!(cost(u128::MAX, cap(2, 1)), None);
		assert_eq!(value_at_cap(u128::MAX, cap(3, 2)), None);
		// The cap bound overflows, the pro-rata share does not: it is the result.
		assert_eq!(proceeds(u128::MAX, cap(2, 1), 5, u128::MAX), Some(5));
		assert_eq!(proceeds(1, cap(2, 1), 5, 0), None);
		assert_eq!(proceeds(0, cap(2, 1), 5, 0), None);
	}

	#[test]
	fn redeeming_everything_pays_at_most_the_reserve() {
		for (reserve, supply) in
			[(0u128, 1u128), (1, 1), (250, 140), (u128::MAX, 7), (3, u128::MAX)]
		{
			let paid = proceeds(supply, cap(u128::MAX / FixedU128::DIV, 1), reserve, supply);
			assert!(matches!(paid, Some(p) if p <= reserve), "{reserve}/{supply}: {paid:?}");
		}
	}
}
