//! The pure arithmetic of the Backfeed Proof-of-Value protocol (`docs/protocol-rules.md` §2–§5).
//!
//! Everything here is a function of its arguments: no storage, no events, no currencies. The
//! pallet reads its state, calls these functions and writes the results back, so the protocol's
//! numbers can be tested exhaustively on their own.
//!
//! What is here:
//! - [`alignment`]: how aligned two scores are (§2).
//! - [`redistribute_stake`]: a new evaluator's stake paid to earlier aligned evaluators through
//!   per-score accumulators, the rest to the pot (§3 step 2).
//! - [`quorum_need`], [`quorum_median`] and [`issuance`]: the threshold fixed at submission, the
//!   score that it stands behind and what it rewards the contributors with (§4);
//!   [`proposal_need`] and [`proposal_parameters`]: a proposal's threshold and snapshot (§10);
//!   [`split_by_shares`] divides those rewards among them.
//! - [`payout`] (with [`settlement`], [`pot_weight`] and [`pot_share`]): what each evaluation
//!   gets when the contribution closes (§5).
//!
//! All amounts are `u128` integers; there is no floating point. As §2 requires, **every division
//! rounds down (toward zero)**, products of two `u128` go through a 256-bit intermediate
//! ([`mul_div_floor`]), and every overflow is an [`ArithmeticError`], never a wrap or a panic.
//! Rounding down means the protocol never pays out more than it holds: the dust stays in the
//! contribution's escrow and is burned at close (§5 step 3).

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use covalue_primitives::Score;
use scale_info::TypeInfo;
use sp_arithmetic::{
	helpers_128bit::multiply_by_rational_with_rounding, ArithmeticError, PerThing, Perbill,
	Permill, Rounding,
};

/// The accuracy of `FixedU128`: accumulators are stored as `FixedU128` inner values, so this is
/// the accumulator of "one unit of stake per unit of weight" (§2).
pub const ACCUMULATOR_ONE: u128 = 1_000_000_000_000_000_000;

/// Contributor shares are parts per million; a contribution's shares sum to exactly this (§1).
pub const SHARE_TOTAL: u32 = Permill::ACCURACY;

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
/// of `score` gets `portion_b = ⌊stake·x_b / D⌋` with `x_b = a(b, score)·W_b` and
/// `D = Σ x_b + (radius + 1)·weight`, credited as `acc_b += ⌊portion_b·10¹⁸ / W_b⌋`. The last
/// term of `D` is the new evaluator's own place in its bucket: its part of its own stake goes to
/// the pot, with the rounding dust (`stake − Σ portion_b`). So a tiny earlier evaluation earns a
/// tiny share of a large stake, never all of it (version 1 had `D = Σ x_b`).
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
	weight: u128,
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

	// x_b for every visited bucket (0 for empty or misaligned ones) and D.
	let mut claims = Vec::with_capacity(aligned.len());
	let own_claim = u128::from(radius)
		.saturating_add(1)
		.checked_mul(weight)
		.ok_or(ArithmeticError::Overflow)?;
	let mut total_claim: u128 = own_claim;
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

/// §4: the quorum threshold of a contribution, `quorum.mul_ceil(R₀)` with `R₀` the DC's total
/// reputation at submission; fixed from then on.
pub fn quorum_need(quorum: Perbill, total_at_submission: u128) -> u128 {
	quorum.mul_ceil(total_at_submission)
}

/// §10: the threshold of a proposal, `max(quorum.mul_ceil(R₀), ⌊R₀ / 2⌋ + 1)`: whatever the
/// DC's quorum, a proposal needs a strict majority of all reputation at submission, so that it
/// never passes on a tie.
pub fn proposal_need(quorum: Perbill, total_at_submission: u128) -> u128 {
	quorum_need(quorum, total_at_submission).max((total_at_submission / 2).saturating_add(1))
}

/// §10: the snapshot a proposal is evaluated with: the DC's quorum, stake and evaluation period
/// on the scale `0..=1` (0 rejects, 1 approves), radius 0 and no issuance.
pub fn proposal_parameters<BlockNumber>(
	dc: covalue_primitives::Parameters<BlockNumber>,
) -> covalue_primitives::Parameters<BlockNumber> {
	covalue_primitives::Parameters {
		min_score: PROPOSAL_REJECT,
		max_score: PROPOSAL_APPROVE,
		alignment_radius: 0,
		token_per_point: 0,
		reputation_per_point: 0,
		..dc
	}
}

/// The score that rejects a proposal.
pub const PROPOSAL_REJECT: Score = 0;
/// The score that approves a proposal: its call is enacted when the final median is this.
pub const PROPOSAL_APPROVE: Score = 1;

/// §4: the quorum median, the highest score that at least `need` reputation stands behind.
///
/// Walking from the highest bucket down, `Above(v) = Σ_{b ≥ v} W_b`; the median is the first `v`
/// with `Above(v) ≥ need`. Reputation that has not evaluated counts as a vote below every score,
/// which is why `need` is a share of the DC's whole reputation ([`quorum_need`]), not of the
/// buckets. `None` (no consensus yet) if no score reaches `need`, or if `need = 0` (a DC with no
/// reputation at submission has no consensus).
pub fn quorum_median(buckets: &[Bucket], min_score: Score, need: u128) -> Option<Score> {
	if need == 0 {
		return None;
	}
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

/// §4: splits a contributor reward `amount` by `shares`: each gets `⌊amount·share / 10⁶⌋` and
/// the remainder goes to the **first** entry, so nothing is lost to rounding.
///
/// Returns one amount per share, in the same order, summing to exactly `amount` (empty `shares`
/// give an empty vector). Valid shares (summing to [`SHARE_TOTAL`]) never fail; shares summing to
/// more could allocate more than `amount`, which is reported as [`ArithmeticError::Overflow`].
pub fn split_by_shares(amount: u128, shares: &[Permill]) -> Result<Vec<u128>, ArithmeticError> {
	let mut parts = Vec::with_capacity(shares.len());
	let mut allocated: u128 = 0;
	for share in shares {
		let part = mul_div_floor(amount, u128::from(share.deconstruct()), u128::from(SHARE_TOTAL))?;
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

/// §5 step 2: the weight with which an evaluation shares the pot, `a(score, m)·weight`; 0 when
/// not aligned with the median `m`.
pub fn pot_weight(
	radius: u8,
	score: Score,
	median: Score,
	weight: u128,
) -> Result<u128, ArithmeticError> {
	alignment(radius, score, median)
		.checked_mul(weight)
		.ok_or(ArithmeticError::Overflow)
}

/// §5 step 2: `⌊pot·weight / total⌋`, where `total` is the sum of all pot weights
/// (`Σ_b a(b, m)·W_b`); 0 when `total = 0`.
pub fn pot_share(pot: u128, weight: u128, total: u128) -> Result<u128, ArithmeticError> {
	if total == 0 {
		return Ok(0);
	}
	mul_div_floor(pot, weight, total)
}

/// What one evaluation is owed at close (§5 step 2).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Payout {
	/// Its accrued share of later aligned stakes (0 when not aligned with the median).
	pub accrued: u128,
	/// Its share of the pot.
	pub pot_share: u128,
	/// `p`: with a median `accrued + pot_share`, without one the stake.
	pub total: u128,
}

/// One evaluation's place in a closing: its score, weight, stake and snapshot, and the
/// accumulator of its bucket.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Settled {
	/// The score.
	pub score: Score,
	/// The weight `w`.
	pub weight: u128,
	/// The stake `s`.
	pub stake: u128,
	/// The bucket's accumulator when it was recorded.
	pub snapshot: u128,
	/// The bucket's accumulator at close.
	pub accumulator: u128,
}

/// §5 step 2: the payout `p` of one evaluation.
///
/// With a median `m`: `accrued = ⌊w·(acc_v − snap) / 10¹⁸⌋` if `a(v, m) > 0`, else 0 (an
/// evaluation not aligned with the final median forfeits what it accrued), and
/// `share = ⌊pot·a(v, m)·w / pot_weight⌋`. Without a median nobody was right or wrong: `p = s`.
pub fn payout(
	radius: u8,
	median: Option<Score>,
	pot: u128,
	total_pot_weight: u128,
	e: Settled,
) -> Result<Payout, ArithmeticError> {
	let Some(median) = median else {
		return Ok(Payout { accrued: 0, pot_share: 0, total: e.stake });
	};
	let own = pot_weight(radius, e.score, median, e.weight)?;
	if own == 0 {
		return Ok(Payout::default());
	}
	let accrued = settlement(e.weight, e.accumulator, e.snapshot)?;
	let pot_share = pot_share(pot, own, total_pot_weight)?;
	let total = accrued.checked_add(pot_share).ok_or(ArithmeticError::Overflow)?;
	Ok(Payout { accrued, pot_share, total })
}

/// What §4 issues when a median rises: `Δ = m − paid` new points, `token_per_point·Δ` tokens and
/// `reputation_per_point·Δ` reputation, before they are split among the contributors.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Issuance {
	/// The new points, `Δ`.
	pub points: Score,
	/// Tokens to mint.
	pub tokens: u128,
	/// Reputation to issue.
	pub reputation: u128,
}

/// §4 issuance: when the median `m` rose above `paid` (the highest median already rewarded),
/// returns what it issues. Otherwise `None`: a median that stays or falls never un-issues
/// anything.
///
/// Issuance never fails: `token_per_point·Δ` and `reputation_per_point·Δ` saturate at
/// `u128::MAX`, then the reputation is capped at `reputation_room` (`MAX_REPUTATION − R`) and
/// the tokens at `token_room` (`u128::MAX − supply`).
pub fn issuance(
	median: Option<Score>,
	paid: Score,
	token_per_point: u128,
	reputation_per_point: u128,
	token_room: u128,
	reputation_room: u128,
) -> Option<Issuance> {
	let points = median.and_then(|median| median.checked_sub(paid)).filter(|p| *p > 0)?;
	let tokens = token_per_point.saturating_mul(u128::from(points)).min(token_room);
	let reputation = reputation_per_point.saturating_mul(u128::from(points)).min(reputation_room);
	Some(Issuance { points, tokens, reputation })
}

#[cfg(test)]
mod tests;
