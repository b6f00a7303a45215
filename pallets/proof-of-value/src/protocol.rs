//! The pure arithmetic of the Backfeed Proof-of-Value protocol (spec `proof-of-value.md`, §2–§5).
//!
//! Everything here is a function of its arguments: no storage, no events, no currencies. The
//! pallet reads its state, calls these functions and writes the results back, so the protocol's
//! numbers can be tested exhaustively on their own.
//!
//! What is here:
//! - [`alignment`]: how aligned two scores are (§2).
//! - [`redistribute_stake`]: a new evaluator's stake paid to earlier aligned evaluators through
//!   per-score accumulators, the rest to the pot (§3 step 2).
//! - [`quorum_median`] and [`issuance`]: the score that the quorum stands behind and what it
//!   rewards the contributors with (§4); [`split_by_shares`] divides those rewards among them.
//! - [`settlement`], [`pot_weight`] and [`pot_shares`]: what each evaluation gets when the
//!   contribution closes (§5).
//!
//! All amounts are `u128` integers; there is no floating point. As §2 requires, **every division
//! rounds down (toward zero)**, products of two `u128` go through a 256-bit intermediate
//! ([`mul_div_floor`]), and every overflow is an [`ArithmeticError`], never a wrap or a panic.
//! Rounding down means the protocol never pays out more than it holds: the dust stays in the
//! contribution's escrow and is burned at close (§5 step 4).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding, ArithmeticError, Perbill, Rounding,
};

/// A score given by an evaluator; valid scores are `min_score..=max_score` of the contribution's
/// parameter snapshot (§1).
pub type Score = u8;

/// The accuracy of `FixedU128`: accumulators are stored as `FixedU128` inner values, so this is
/// the accumulator of "one unit of stake per unit of weight" (§2).
pub const ACCUMULATOR_ONE: u128 = 1_000_000_000_000_000_000;

/// Contributor shares are parts per million; a contribution's shares sum to exactly this (§1).
pub const SHARE_TOTAL: u32 = 1_000_000;

/// One score bucket of a contribution: the total weight (reputation) of the evaluations with this
/// score, and the accumulator of stake earned per unit of that weight (`FixedU128` inner value).
///
/// Keeping one accumulator per score instead of a balance per evaluation is what makes an
/// evaluation cost O(number of scores), however many evaluations came before (§3). An evaluation
/// snapshots its bucket's accumulator and is owed `weight·(accumulator − snapshot)` at close (§5).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct Bucket {
	/// Σ of the weights of the evaluations with this score (`W_b` of §3).
	pub weight: u128,
	/// Stake earned so far per unit of weight in this bucket, as a `FixedU128` inner value.
	pub accumulator: u128,
}

/// `a(u, v)` of §2: `radius + 1 − |u − v|` when `|u − v| ≤ radius`, else 0.
///
/// Identical scores are the most aligned; alignment fades linearly to 1 at distance `radius`.
pub fn alignment(radius: u8, u: Score, v: Score) -> u128 {
	alignment_at_distance(radius, usize::from(u.abs_diff(v)))
}

/// `a` as a function of the distance between two scores, so that callers walking bucket indexes
/// need not turn them back into scores.
fn alignment_at_distance(radius: u8, distance: usize) -> u128 {
	let distance = u128::try_from(distance).unwrap_or(u128::MAX);
	// At most 256: the addition cannot saturate.
	u128::from(radius)
		.checked_sub(distance)
		.map_or(0, |closeness| closeness.saturating_add(1))
}

/// `⌊a·b / c⌋` through a 256-bit intermediate, as §2 requires for products of two `u128`.
///
/// Errors: `c = 0` → [`ArithmeticError::DivisionByZero`]; a result above `u128::MAX` →
/// [`ArithmeticError::Overflow`].
pub fn mul_div_floor(a: u128, b: u128, c: u128) -> Result<u128, ArithmeticError> {
	if c == 0 {
		return Err(ArithmeticError::DivisionByZero);
	}
	multiply_by_rational_with_rounding(a, b, c, Rounding::Down).ok_or(ArithmeticError::Overflow)
}

/// The inclusive range of bucket indexes whose scores lie within `radius` of `score`, clipped to
/// the buckets that exist (`buckets[i]` holds score `min_score + i`). `None` if there are none.
fn aligned_indexes(
	bucket_count: usize,
	min_score: Score,
	radius: u8,
	score: Score,
) -> Option<(usize, usize)> {
	let last_score = usize::from(min_score).checked_add(bucket_count.checked_sub(1)?)?;
	let lowest = usize::from(score.saturating_sub(radius).max(min_score));
	let highest = usize::from(score.saturating_add(radius)).min(last_score);
	if lowest > highest {
		return None;
	}
	let offset = usize::from(min_score);
	Some((lowest.checked_sub(offset)?, highest.checked_sub(offset)?))
}

/// §3 step 2: pays a new evaluation's `stake` to the earlier evaluations aligned with its `score`
/// and returns the part that goes to the pot.
///
/// `buckets[i]` is the bucket of score `min_score + i`. Each non-empty bucket `b` within `radius`
/// of `score` gets `portion_b = ⌊stake·x_b / D⌋` with `x_b = a(b, score)·W_b` and `D = Σ x_b`,
/// credited as `acc_b += ⌊portion_b·10¹⁸ / W_b⌋`. The pot gets `stake − Σ portion_b` (the rounding
/// dust), or all of `stake` when no earlier evaluation is aligned (`D = 0`).
///
/// Only the buckets within `radius` of `score` are visited, so the cost is O(min(2·radius + 1,
/// buckets.len())) whatever the number of evaluations. A `score` outside the buckets simply finds
/// fewer (or no) aligned buckets.
///
/// All-or-nothing: every new accumulator is computed before any is written, so on `Err` the
/// buckets are unchanged.
pub fn redistribute_stake(
	buckets: &mut [Bucket],
	min_score: Score,
	radius: u8,
	score: Score,
	stake: u128,
) -> Result<u128, ArithmeticError> {
	let Some((first, last)) = aligned_indexes(buckets.len(), min_score, radius, score) else {
		return Ok(stake);
	};
	let aligned = buckets.get_mut(first..=last).ok_or(ArithmeticError::Overflow)?;
	let distance = |index: usize| {
		usize::from(min_score)
			.saturating_add(first)
			.saturating_add(index)
			.abs_diff(usize::from(score))
	};

	// x_b for every visited bucket (0 for empty or misaligned ones) and D = Σ x_b.
	let mut claims = Vec::with_capacity(aligned.len());
	let mut total_claim: u128 = 0;
	for (index, bucket) in aligned.iter().enumerate() {
		let claim = alignment_at_distance(radius, distance(index))
			.checked_mul(bucket.weight)
			.ok_or(ArithmeticError::Overflow)?;
		total_claim = total_claim.checked_add(claim).ok_or(ArithmeticError::Overflow)?;
		claims.push(claim);
	}
	if total_claim == 0 {
		return Ok(stake);
	}

	// Compute every new accumulator first, so that an error leaves the buckets untouched.
	let mut accumulators = Vec::with_capacity(aligned.len());
	let mut paid: u128 = 0;
	for (bucket, claim) in aligned.iter().zip(claims.iter()) {
		if *claim == 0 {
			accumulators.push(bucket.accumulator);
			continue;
		}
		let portion = mul_div_floor(stake, *claim, total_claim)?;
		let earned_per_weight = mul_div_floor(portion, ACCUMULATOR_ONE, bucket.weight)?;
		let accumulator = bucket
			.accumulator
			.checked_add(earned_per_weight)
			.ok_or(ArithmeticError::Overflow)?;
		accumulators.push(accumulator);
		paid = paid.checked_add(portion).ok_or(ArithmeticError::Overflow)?;
	}
	let to_pot = stake.checked_sub(paid).ok_or(ArithmeticError::Underflow)?;

	for (bucket, accumulator) in aligned.iter_mut().zip(accumulators) {
		bucket.accumulator = accumulator;
	}
	Ok(to_pot)
}

/// §4: the quorum median, the highest score that at least `need = quorum.mul_ceil(total)` of the
/// DC's total reputation stands behind.
///
/// Walking from the highest bucket down, `Above(v) = Σ_{b ≥ v} W_b`; the median is the first `v`
/// with `Above(v) ≥ need`. Reputation that has not evaluated counts as a vote below every score,
/// which is why `total` is the DC's whole reputation, not the sum of the buckets. `None` (no
/// consensus yet) if `total = 0` or no score reaches `need`.
pub fn quorum_median(
	buckets: &[Bucket],
	min_score: Score,
	quorum: Perbill,
	total: u128,
) -> Option<Score> {
	if total == 0 {
		return None;
	}
	let need = quorum.mul_ceil(total);
	// Buckets past score 255 cannot hold a score: leave them out.
	let scored = buckets
		.get(..usize::from(u8::MAX.saturating_sub(min_score)).saturating_add(1))
		.unwrap_or(buckets);
	let mut above: u128 = 0;
	for (index, bucket) in scored.iter().enumerate().rev() {
		// Saturating is exact for the comparison: a saturated sum is ≥ any `need`.
		above = above.saturating_add(bucket.weight);
		if above >= need {
			return u8::try_from(index).ok().and_then(|index| min_score.checked_add(index));
		}
	}
	None
}

/// §4: splits a contributor reward `amount` by ppm `shares`: each gets `⌊amount·share / 10⁶⌋` and
/// the remainder goes to the **first** entry, so nothing is lost to rounding.
///
/// Returns one amount per share, in the same order, summing to exactly `amount` (empty `shares`
/// give an empty vector). Valid shares (summing to [`SHARE_TOTAL`]) never fail; shares summing to
/// more could allocate more than `amount`, which is reported as [`ArithmeticError::Overflow`].
pub fn split_by_shares(amount: u128, shares: &[u32]) -> Result<Vec<u128>, ArithmeticError> {
	let mut parts = Vec::with_capacity(shares.len());
	let mut allocated: u128 = 0;
	for share in shares {
		let part = mul_div_floor(amount, u128::from(*share), u128::from(SHARE_TOTAL))?;
		allocated = allocated.checked_add(part).ok_or(ArithmeticError::Overflow)?;
		parts.push(part);
	}
	let remainder = amount.checked_sub(allocated).ok_or(ArithmeticError::Overflow)?;
	if let Some(first) = parts.first_mut() {
		*first = first.checked_add(remainder).ok_or(ArithmeticError::Overflow)?;
	}
	Ok(parts)
}

/// §5 step 2: what an evaluation earned from later aligned stakes,
/// `⌊weight·(accumulator − snapshot) / 10¹⁸⌋`, where `snapshot` is its bucket's accumulator when
/// it was recorded (so it earns nothing from stakes before it, nor from its own).
///
/// Accumulators only grow, so `accumulator < snapshot` means corrupt state:
/// [`ArithmeticError::Underflow`].
pub fn settlement(
	weight: u128,
	accumulator: u128,
	snapshot: u128,
) -> Result<u128, ArithmeticError> {
	let earned_per_weight = accumulator.checked_sub(snapshot).ok_or(ArithmeticError::Underflow)?;
	mul_div_floor(weight, earned_per_weight, ACCUMULATOR_ONE)
}

/// §5 step 3: the weight with which an evaluation shares the pot.
///
/// With a median `m` the pot rewards agreement with it: `a(score, m)·weight`, 0 when not aligned.
/// With no median (no consensus by the end) nobody was right, so every evaluation gets its stake's
/// worth: the weight is `stake`.
pub fn pot_weight(
	radius: u8,
	score: Score,
	median: Option<Score>,
	weight: u128,
	stake: u128,
) -> Result<u128, ArithmeticError> {
	match median {
		Some(median) => alignment(radius, score, median)
			.checked_mul(weight)
			.ok_or(ArithmeticError::Overflow),
		None => Ok(stake),
	}
}

/// §5 step 3: shares the `pot` in proportion to `weights`: each `⌊pot·w / Σw⌋`, in the same order.
///
/// Rounding down leaves less than one unit per entry undistributed; that dust is burned (§5
/// step 4). `Σw = 0` (nobody aligned with the median) gives all zeros: the whole pot is burned.
pub fn pot_shares(pot: u128, weights: &[u128]) -> Result<Vec<u128>, ArithmeticError> {
	let mut total: u128 = 0;
	for weight in weights {
		total = total.checked_add(*weight).ok_or(ArithmeticError::Overflow)?;
	}
	if total == 0 {
		return Ok(weights.iter().map(|_| 0).collect());
	}
	weights.iter().map(|weight| mul_div_floor(pot, *weight, total)).collect()
}

/// §4 issuance: when the median `m` rose above `paid` (the highest median already rewarded),
/// returns `Some((Δ, token_per_point·Δ, reputation_per_point·Δ))` with `Δ = m − paid`: the new
/// points, the tokens to mint and the reputation to issue. Otherwise `None`: a median that stays or
/// falls never un-issues anything.
pub fn issuance(
	median: Option<Score>,
	paid: Score,
	token_per_point: u128,
	reputation_per_point: u128,
) -> Result<Option<(u8, u128, u128)>, ArithmeticError> {
	let Some(points) = median.and_then(|median| median.checked_sub(paid)).filter(|p| *p > 0) else {
		return Ok(None);
	};
	let tokens = token_per_point
		.checked_mul(u128::from(points))
		.ok_or(ArithmeticError::Overflow)?;
	let reputation = reputation_per_point
		.checked_mul(u128::from(points))
		.ok_or(ArithmeticError::Overflow)?;
	Ok(Some((points, tokens, reputation)))
}

#[cfg(test)]
mod tests {
	use super::*;
	use alloc::vec;
	use proptest::prelude::*;

	const FIFTY_PERCENT: Perbill = Perbill::from_percent(50);

	fn buckets(weights: &[u128]) -> Vec<Bucket> {
		weights
			.iter()
			.map(|weight| Bucket { weight: *weight, accumulator: 0 })
			.collect()
	}

	fn above(buckets: &[Bucket], index: usize) -> u128 {
		buckets.iter().skip(index).map(|bucket| bucket.weight).sum()
	}

	#[test]
	fn worked_example_of_section_9() {
		// Scores 0..=5, radius 0, quorum 50%, stake 10%; R = 1000.
		let mut c1 = buckets(&[0; 6]);

		// alice: w 400, s 40, scores 4. No earlier bucket: everything to the pot.
		let mut pot = redistribute_stake(&mut c1, 0, 0, 4, 40).unwrap();
		assert_eq!(pot, 40);
		let alice_snap = c1[4].accumulator;
		assert_eq!(alice_snap, 0);
		c1[4].weight += 400;
		assert_eq!(c1[4].weight, 400);
		assert_eq!(quorum_median(&c1, 0, FIFTY_PERCENT, 1000), None);

		// bob: w 300, s 30, scores 4. D = 400: all 30 to bucket 4.
		pot += redistribute_stake(&mut c1, 0, 0, 4, 30).unwrap();
		assert_eq!(pot, 40);
		assert_eq!(c1[4].accumulator, 75_000_000_000_000_000);
		let bob_snap = c1[4].accumulator;
		c1[4].weight += 300;
		assert_eq!(c1[4].weight, 700);
		let median = quorum_median(&c1, 0, FIFTY_PERCENT, 1000);
		assert_eq!(median, Some(4));
		assert_eq!(issuance(median, 0, 10, 20), Ok(Some((4, 40, 80))));
		let total = 1000 + 80;

		// carol: w 300, s 30, scores 2. Bucket 2 empty: all to the pot.
		pot += redistribute_stake(&mut c1, 0, 0, 2, 30).unwrap();
		assert_eq!(pot, 70);
		let carol_snap = c1[2].accumulator;
		c1[2].weight += 300;
		assert_eq!(c1[4].accumulator, 75_000_000_000_000_000);
		assert_eq!(c1[2], Bucket { weight: 300, accumulator: 0 });
		let median = quorum_median(&c1, 0, FIFTY_PERCENT, total);
		assert_eq!(median, Some(4));
		assert_eq!(issuance(median, 4, 10, 20), Ok(None));

		// close: settle, then share the pot among those aligned with m = 4.
		assert_eq!(settlement(400, c1[4].accumulator, alice_snap), Ok(30));
		assert_eq!(settlement(300, c1[4].accumulator, bob_snap), Ok(0));
		assert_eq!(settlement(300, c1[2].accumulator, carol_snap), Ok(0));
		let weights = [
			pot_weight(0, 4, median, 400, 40).unwrap(),
			pot_weight(0, 4, median, 300, 30).unwrap(),
			pot_weight(0, 2, median, 300, 30).unwrap(),
		];
		assert_eq!(weights, [400, 300, 0]);
		assert_eq!(pot_shares(pot, &weights), Ok(vec![40, 30, 0]));
		// Leftover 100 − 30 − 70 = 0: nothing burned.
	}

	#[test]
	fn simulator_example_pot_of_section_8() {
		let mut c1 = buckets(&[0; 6]);
		let mut pot = redistribute_stake(&mut c1, 0, 0, 4, 40).unwrap();
		c1[4].weight += 400;
		pot += redistribute_stake(&mut c1, 0, 0, 4, 30).unwrap();
		c1[4].weight += 300;
		assert_eq!(pot, 40);
		let median = quorum_median(&c1, 0, FIFTY_PERCENT, 1000);
		assert_eq!(median, Some(4));
		assert_eq!(settlement(400, c1[4].accumulator, 0), Ok(30));
		let weights = [
			pot_weight(0, 4, median, 400, 40).unwrap(),
			pot_weight(0, 4, median, 300, 30).unwrap(),
		];
		// 22 + 17 = 39: the 1 left over is burned.
		assert_eq!(pot_shares(pot, &weights), Ok(vec![22, 17]));
	}

	#[test]
	fn redistribution_with_a_radius_weights_by_alignment_and_sends_dust_to_the_pot() {
		// Radius 1, new score 3. W2 = 100 (a = 1), W3 = 300 (a = 2), W4 empty, W0 and W5 too far.
		let mut c = vec![
			Bucket { weight: 50, accumulator: 7 },
			Bucket::default(),
			Bucket { weight: 100, accumulator: 5 },
			Bucket { weight: 300, accumulator: 0 },
			Bucket::default(),
			Bucket { weight: 80, accumulator: 9 },
		];
		// x2 = 100, x3 = 600, D = 700; portion2 = ⌊10·100/700⌋ = 1, portion3 = ⌊10·600/700⌋ = 8.
		assert_eq!(redistribute_stake(&mut c, 0, 1, 3, 10), Ok(1));
		assert_eq!(c[2].accumulator, 5 + 10_000_000_000_000_000);
		assert_eq!(c[3].accumulator, 26_666_666_666_666_666);
		assert_eq!(c[0], Bucket { weight: 50, accumulator: 7 });
		assert_eq!(c[1], Bucket::default());
		assert_eq!(c[4], Bucket::default());
		assert_eq!(c[5], Bucket { weight: 80, accumulator: 9 });
		assert_eq!(settlement(100, c[2].accumulator, 5), Ok(1));
		assert_eq!(settlement(300, c[3].accumulator, 0), Ok(7));
	}

	#[test]
	fn redistribution_with_an_offset_and_clipped_window() {
		// Scores 3..=6, radius 2, new score 6: buckets 4, 5, 6 are in reach (a = 1, 2, 3).
		let mut c = buckets(&[1000, 10, 20, 30]);
		// x = 10, 40, 90; D = 140; portions ⌊70·10/140⌋ = 5, ⌊70·40/140⌋ = 20, ⌊70·90/140⌋ = 45.
		assert_eq!(redistribute_stake(&mut c, 3, 2, 6, 70), Ok(0));
		assert_eq!(c[0].accumulator, 0);
		assert_eq!(c[1].accumulator, 500_000_000_000_000_000);
		assert_eq!(c[2].accumulator, 1_000_000_000_000_000_000);
		assert_eq!(c[3].accumulator, 1_500_000_000_000_000_000);
		// Far outside the buckets: nothing aligned, everything to the pot.
		let before = c.clone();
		assert_eq!(redistribute_stake(&mut c, 3, 2, 200, 70), Ok(70));
		assert_eq!(redistribute_stake(&mut c, 3, 255, 0, 0), Ok(0));
		assert_eq!(c, before);
		assert_eq!(redistribute_stake(&mut [], 0, 5, 0, 9), Ok(9));
	}

	#[test]
	fn redistribution_is_all_or_nothing() {
		// x2 = 1, x3 = 2, D = 3: bucket 2 gets 10 (fine), bucket 3 gets 20 and overflows.
		let mut c = vec![
			Bucket::default(),
			Bucket::default(),
			Bucket { weight: 1, accumulator: 0 },
			Bucket { weight: 1, accumulator: u128::MAX - 5 },
		];
		let before = c.clone();
		assert_eq!(redistribute_stake(&mut c, 0, 1, 3, 30), Err(ArithmeticError::Overflow));
		assert_eq!(c, before);

		// The per-weight increment itself overflows: ⌊10²¹·10¹⁸ / 1⌋ > u128::MAX.
		let mut c = vec![Bucket { weight: 1, accumulator: 0 }];
		assert_eq!(
			redistribute_stake(&mut c, 0, 0, 0, 1_000_000_000_000_000_000_000),
			Err(ArithmeticError::Overflow)
		);
		assert_eq!(c, vec![Bucket { weight: 1, accumulator: 0 }]);

		// D = Σ a·W overflows.
		let mut c = vec![Bucket { weight: u128::MAX, accumulator: 0 }; 2];
		assert_eq!(redistribute_stake(&mut c, 0, 1, 1, 1), Err(ArithmeticError::Overflow));
		assert_eq!(c, vec![Bucket { weight: u128::MAX, accumulator: 0 }; 2]);
	}

	#[test]
	fn alignment_edges() {
		assert_eq!(alignment(0, 3, 3), 1);
		assert_eq!(alignment(0, 3, 4), 0);
		assert_eq!(alignment(0, 4, 3), 0);
		assert_eq!(alignment(2, 5, 5), 3);
		assert_eq!(alignment(2, 5, 6), 2);
		assert_eq!(alignment(2, 5, 3), 1);
		assert_eq!(alignment(2, 5, 8), 0);
		assert_eq!(alignment(255, 0, 255), 1);
		assert_eq!(alignment(255, 7, 7), 256);
	}

	#[test]
	fn quorum_median_edges() {
		let full = Perbill::from_percent(100);
		assert_eq!(quorum_median(&buckets(&[0, 500, 0]), 0, FIFTY_PERCENT, 0), None);
		assert_eq!(quorum_median(&[], 0, FIFTY_PERCENT, 1000), None);
		assert_eq!(quorum_median(&buckets(&[0; 6]), 0, FIFTY_PERCENT, 1000), None);
		// Exactly need at the top score.
		assert_eq!(quorum_median(&buckets(&[0, 0, 0, 0, 0, 500]), 0, FIFTY_PERCENT, 1000), Some(5));
		// need = ⌈1001/2⌉ = 501: the top score alone is one short.
		assert_eq!(quorum_median(&buckets(&[0, 0, 0, 0, 1, 500]), 0, FIFTY_PERCENT, 1001), Some(4));
		assert_eq!(quorum_median(&buckets(&[0, 0, 0, 0, 0, 500]), 0, FIFTY_PERCENT, 1001), None);
		// 100% needs every unit of reputation to have evaluated.
		assert_eq!(quorum_median(&buckets(&[0, 999, 0]), 0, full, 1000), None);
		assert_eq!(quorum_median(&buckets(&[1, 999, 0]), 0, full, 1000), Some(0));
		assert_eq!(quorum_median(&buckets(&[0, 700, 300]), 0, full, 1000), Some(1));
		// Scores are offset by min_score.
		assert_eq!(quorum_median(&buckets(&[100, 300, 200]), 3, FIFTY_PERCENT, 1000), Some(4));
		// Saturating sums still compare correctly.
		assert_eq!(
			quorum_median(&buckets(&[u128::MAX, u128::MAX]), 254, full, u128::MAX),
			Some(255)
		);
	}

	#[test]
	fn mul_div_floor_edges() {
		assert_eq!(mul_div_floor(10, 3, 4), Ok(7));
		assert_eq!(mul_div_floor(u128::MAX, u128::MAX, u128::MAX), Ok(u128::MAX));
		assert_eq!(mul_div_floor(u128::MAX, 2, 1), Err(ArithmeticError::Overflow));
		assert_eq!(mul_div_floor(1, 1, 0), Err(ArithmeticError::DivisionByZero));
		assert_eq!(mul_div_floor(0, 0, 0), Err(ArithmeticError::DivisionByZero));
	}

	#[test]
	fn split_by_shares_gives_the_remainder_to_the_first() {
		assert_eq!(split_by_shares(100, &[333_333, 333_333, 333_334]), Ok(vec![34, 33, 33]));
		assert_eq!(split_by_shares(7, &[1_000_000]), Ok(vec![7]));
		assert_eq!(split_by_shares(0, &[500_000, 500_000]), Ok(vec![0, 0]));
		assert_eq!(split_by_shares(99, &[]), Ok(vec![]));
		// u128::MAX = 340_282_366_920_938_463_463_374_607_431_768·10⁶ + 211_455: the first gets
		// ⌊MAX / 10⁶⌋ plus the whole remainder of 1 (= ⌈MAX / 10⁶⌉), the second the rest.
		let first = 340_282_366_920_938_463_463_374_607_431_769;
		assert_eq!(split_by_shares(u128::MAX, &[1, 999_999]), Ok(vec![first, u128::MAX - first]));
		assert_eq!(split_by_shares(10, &[600_000, 600_000]), Err(ArithmeticError::Overflow));
	}

	#[test]
	fn settlement_edges() {
		assert_eq!(settlement(400, 75_000_000_000_000_000, 0), Ok(30));
		assert_eq!(settlement(3, 1_000_000_000_000_000_000 / 3, 0), Ok(0));
		assert_eq!(settlement(300, 5, 6), Err(ArithmeticError::Underflow));
	}

	#[test]
	fn pot_weight_and_shares_edges() {
		assert_eq!(pot_weight(1, 3, Some(4), 100, 10), Ok(100));
		assert_eq!(pot_weight(1, 4, Some(4), 100, 10), Ok(200));
		assert_eq!(pot_weight(1, 2, Some(4), 100, 10), Ok(0));
		assert_eq!(pot_weight(1, 2, None, 100, 10), Ok(10));
		assert_eq!(pot_weight(1, 4, Some(4), u128::MAX, 10), Err(ArithmeticError::Overflow));
		assert_eq!(pot_shares(70, &[0, 0]), Ok(vec![0, 0]));
		assert_eq!(pot_shares(70, &[]), Ok(vec![]));
		assert_eq!(pot_shares(10, &[1, 1, 1]), Ok(vec![3, 3, 3]));
		assert_eq!(pot_shares(1, &[u128::MAX, 1]), Err(ArithmeticError::Overflow));
	}

	#[test]
	fn issuance_edges() {
		assert_eq!(issuance(Some(4), 0, 10, 20), Ok(Some((4, 40, 80))));
		assert_eq!(issuance(Some(4), 4, 10, 20), Ok(None));
		assert_eq!(issuance(Some(3), 4, 10, 20), Ok(None));
		assert_eq!(issuance(None, 0, 10, 20), Ok(None));
		assert_eq!(issuance(Some(7), 4, 10, 20), Ok(Some((3, 30, 60))));
		assert_eq!(issuance(Some(2), 0, u128::MAX, 1), Err(ArithmeticError::Overflow));
		assert_eq!(issuance(Some(2), 0, 1, u128::MAX), Err(ArithmeticError::Overflow));
	}

	fn bucket_strategy() -> impl Strategy<Value = Bucket> {
		(
			prop_oneof![Just(0u128), 1u128..=1_000, 1u128..=1_000_000_000_000_000_000_000_000],
			prop_oneof![Just(0u128), 0u128..=1_000_000_000_000_000_000_000_000_000_000],
		)
			.prop_map(|(weight, accumulator)| Bucket { weight, accumulator })
	}

	/// Random ppm shares summing to exactly `SHARE_TOTAL`, from sorted cut points.
	fn shares_strategy() -> impl Strategy<Value = Vec<u32>> {
		proptest::collection::vec(0u32..=SHARE_TOTAL, 0..12).prop_map(|mut cuts| {
			cuts.sort_unstable();
			let mut shares = Vec::with_capacity(cuts.len() + 1);
			let mut previous = 0;
			for cut in cuts.into_iter().chain(core::iter::once(SHARE_TOTAL)) {
				shares.push(cut - previous);
				previous = cut;
			}
			shares
		})
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(256))]

		#[test]
		fn redistribution_never_pays_out_more_than_the_stake(
			original in proptest::collection::vec(bucket_strategy(), 0..12),
			min_score in 0u8..=10,
			radius in 0u8..=11,
			score_offset in 0u8..=24,
			stake in prop_oneof![0u128..=1_000, 0u128..=1_000_000_000_000_000_000_000_000],
		) {
			let score = min_score.saturating_add(score_offset);
			let mut c = original.clone();
			match redistribute_stake(&mut c, min_score, radius, score, stake) {
				Ok(to_pot) => {
					prop_assert!(to_pot <= stake);
					let mut settled: u128 = 0;
					for (index, (before, after)) in original.iter().zip(c.iter()).enumerate() {
						prop_assert_eq!(before.weight, after.weight);
						prop_assert!(after.accumulator >= before.accumulator);
						let bucket_score = usize::from(min_score) + index;
						if bucket_score.abs_diff(usize::from(score)) > usize::from(radius) {
							prop_assert_eq!(before, after);
						}
						settled +=
							settlement(after.weight, after.accumulator, before.accumulator).unwrap();
					}
					prop_assert!(settled <= stake - to_pot);
					if original.iter().all(|bucket| bucket.weight == 0) {
						prop_assert_eq!(to_pot, stake);
					}
				},
				Err(_) => prop_assert_eq!(&c, &original),
			}
		}

		#[test]
		fn split_by_shares_sums_to_the_amount(amount in any::<u128>(), shares in shares_strategy()) {
			let parts = split_by_shares(amount, &shares).unwrap();
			prop_assert_eq!(parts.len(), shares.len());
			let sum = parts.iter().try_fold(0u128, |sum, part| sum.checked_add(*part));
			prop_assert_eq!(sum, Some(amount));
			for (part, share) in parts.iter().zip(shares.iter()).skip(1) {
				prop_assert_eq!(
					*part,
					mul_div_floor(amount, u128::from(*share), u128::from(SHARE_TOTAL)).unwrap()
				);
			}
		}

		#[test]
		fn pot_shares_leave_less_than_one_unit_per_weight(
			pot in any::<u128>(),
			weights in proptest::collection::vec(
				prop_oneof![Just(0u128), 0u128..=1_000, 0u128..=u128::MAX / 16],
				0..16,
			),
		) {
			let shares = pot_shares(pot, &weights).unwrap();
			prop_assert_eq!(shares.len(), weights.len());
			let distributed: u128 = shares.iter().sum();
			prop_assert!(distributed <= pot);
			if weights.iter().any(|weight| *weight > 0) {
				prop_assert!(pot - distributed < weights.len() as u128);
			} else {
				prop_assert_eq!(distributed, 0);
			}
		}

		#[test]
		fn quorum_median_is_the_highest_score_with_enough_support(
			weights in proptest::collection::vec(
				prop_oneof![Just(0u128), 0u128..=1_000, 0u128..=1_000_000_000_000_000_000_000],
				0..12,
			),
			min_score in 0u8..=10,
			quorum_parts in 1u32..=1_000_000_000,
			abstaining in prop_oneof![Just(0u128), 0u128..=1_000_000_000_000_000_000_000],
		) {
			let c = buckets(&weights);
			let quorum = Perbill::from_parts(quorum_parts);
			let total = weights.iter().sum::<u128>() + abstaining;
			let need = quorum.mul_ceil(total);
			match quorum_median(&c, min_score, quorum, total) {
				Some(median) => {
					prop_assert!(median >= min_score);
					let index = usize::from(median - min_score);
					prop_assert!(index < c.len());
					prop_assert!(above(&c, index) >= need);
					prop_assert!(above(&c, index + 1) < need);
				},
				None => prop_assert!(total == 0 || above(&c, 0) < need),
			}
		}
	}
}
