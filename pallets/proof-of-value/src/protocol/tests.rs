//! Exact-number and property tests of the protocol arithmetic.

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

/// The payout of an evaluation of `score` with `weight`, `stake` and `snapshot` in `c`.
fn payout_of(
	c: &[Bucket],
	median: Option<Score>,
	pot: u128,
	(score, weight, stake, snapshot): (Score, u128, u128, u128),
) -> Payout {
	let pot_weight = c
		.iter()
		.enumerate()
		.map(|(b, bucket)| alignment(0, b as u8, median.unwrap_or(0)) * bucket.weight)
		.sum::<u128>();
	let accumulator = c[usize::from(score)].accumulator;
	payout(0, median, pot, pot_weight, Settled { score, weight, stake, snapshot, accumulator })
		.unwrap()
}

#[test]
fn worked_example_of_section_9() {
	// Scores 0..=5, radius 0, quorum 50%, stake 10%; R₀ = 1000, so need = 500 for good.
	let mut c1 = buckets(&[0; 6]);
	let need = quorum_need(FIFTY_PERCENT, 1000);
	assert_eq!(need, 500);

	// alice: w 400, s 40, scores 4. No earlier bucket, D = 400 (her own place): all to the pot.
	let mut pot = redistribute_stake(&mut c1, 0, 0, 4, 40, 400).unwrap();
	assert_eq!(pot, 40);
	let alice_snap = c1[4].accumulator;
	assert_eq!(alice_snap, 0);
	c1[4].weight += 400;
	assert_eq!(quorum_median(&c1, 0, need), None);

	// bob: w 300, s 30, scores 4. D = 400 + 300: ⌊30·400/700⌋ = 17 to bucket 4, 13 to the pot.
	pot += redistribute_stake(&mut c1, 0, 0, 4, 30, 300).unwrap();
	assert_eq!(pot, 53);
	assert_eq!(c1[4].accumulator, 42_500_000_000_000_000);
	let bob_snap = c1[4].accumulator;
	c1[4].weight += 300;
	let median = quorum_median(&c1, 0, need);
	assert_eq!(median, Some(4));
	assert_eq!(
		issuance(median, 0, 10, 20, u128::MAX, u128::MAX),
		Some(Issuance { points: 4, tokens: 40, reputation: 80 })
	);

	// carol: w 300, s 30, scores 2. Bucket 2 empty, D = 300: all to the pot.
	pot += redistribute_stake(&mut c1, 0, 0, 2, 30, 300).unwrap();
	assert_eq!(pot, 83);
	let carol_snap = c1[2].accumulator;
	c1[2].weight += 300;
	assert_eq!(c1[2], Bucket { weight: 300, accumulator: 0 });
	// need stays 500 though R is now 1080.
	let median = quorum_median(&c1, 0, need);
	assert_eq!(median, Some(4));
	assert_eq!(issuance(median, 4, 10, 20, u128::MAX, u128::MAX), None);

	// close with m = 4: Σ a·W = 700.
	let alice = payout_of(&c1, median, pot, (4, 400, 40, alice_snap));
	assert_eq!(alice, Payout { accrued: 17, pot_share: 47, total: 64 });
	let bob = payout_of(&c1, median, pot, (4, 300, 30, bob_snap));
	assert_eq!(bob, Payout { accrued: 0, pot_share: 35, total: 35 });
	let carol = payout_of(&c1, median, pot, (2, 300, 30, carol_snap));
	assert_eq!(carol, Payout::default());
	// Leftover 100 − 64 − 35 = 1 burns.
	assert_eq!(100 - alice.total - bob.total - carol.total, 1);
}

#[test]
fn simulator_example_of_section_8() {
	let mut c1 = buckets(&[0; 6]);
	let mut pot = redistribute_stake(&mut c1, 0, 0, 4, 40, 400).unwrap();
	c1[4].weight += 400;
	pot += redistribute_stake(&mut c1, 0, 0, 4, 30, 300).unwrap();
	c1[4].weight += 300;
	assert_eq!(pot, 53);
	let median = quorum_median(&c1, 0, 500);
	assert_eq!(median, Some(4));
	// alice 17 + 30 = 47, bob 0 + 22: 70 − 69 = 1 burns.
	assert_eq!(payout_of(&c1, median, pot, (4, 400, 40, 0)).total, 47);
	assert_eq!(payout_of(&c1, median, pot, (4, 300, 30, 42_500_000_000_000_000)).total, 22);
}

#[test]
fn a_tiny_first_scorer_takes_a_tiny_share_not_a_whole_stake() {
	// Version 1: D = Σ x_b = 1, so an account of weight 1 scoring first took all of a later
	// stake of 1,000. Version 2 counts the newcomer's own place: D = 1 + 10,000.
	let mut c = buckets(&[0, 1]);
	let to_pot = redistribute_stake(&mut c, 0, 0, 1, 1_000, 10_000).unwrap();
	// ⌊1000·1/10001⌋ = 0: the tiny account earns nothing; everything goes to the pot.
	assert_eq!(to_pot, 1_000);
	assert_eq!(settlement(1, c[1].accumulator, 0), Ok(0));
	// Version 1's rule, for comparison: the whole stake to the tiny bucket.
	let mut v1 = buckets(&[0, 1]);
	assert_eq!(redistribute_stake(&mut v1, 0, 0, 1, 1_000, 0), Ok(0));
	assert_eq!(settlement(1, v1[1].accumulator, 0), Ok(1_000));
}

#[test]
fn misaligned_evaluations_forfeit_and_no_consensus_returns_every_stake() {
	let mut c = buckets(&[0; 6]);
	redistribute_stake(&mut c, 0, 0, 2, 10, 100).unwrap();
	c[2].weight += 100;
	redistribute_stake(&mut c, 0, 0, 2, 10, 100).unwrap();
	c[2].weight += 100;
	// The first evaluation accrued ⌊10·100/200⌋ = 5 in bucket 2.
	assert_eq!(settlement(100, c[2].accumulator, 0), Ok(5));
	// The median ends at 4: bucket 2 is not aligned and forfeits its accrual.
	c[4].weight += 300;
	assert_eq!(payout_of(&c, Some(4), 15, (2, 100, 10, 0)), Payout::default());
	// No consensus: the stake comes back, and nothing more.
	assert_eq!(
		payout_of(&c, None, 15, (2, 100, 10, 0)),
		Payout { accrued: 0, pot_share: 0, total: 10 }
	);
}

#[test]
fn redistribution_with_a_radius_weights_by_alignment_and_sends_dust_to_the_pot() {
	// Radius 1, new score 3 with weight 50. W2 = 100 (a = 1), W3 = 300 (a = 2), W4 empty, W0
	// and W5 too far.
	let mut c = vec![
		Bucket { weight: 50, accumulator: 7 },
		Bucket::default(),
		Bucket { weight: 100, accumulator: 5 },
		Bucket { weight: 300, accumulator: 0 },
		Bucket::default(),
		Bucket { weight: 80, accumulator: 9 },
	];
	// x2 = 100, x3 = 600, own 2·50 = 100, D = 800; portion2 = ⌊10·100/800⌋ = 1,
	// portion3 = ⌊10·600/800⌋ = 7; 2 to the pot.
	assert_eq!(redistribute_stake(&mut c, 0, 1, 3, 10, 50), Ok(2));
	assert_eq!(c[2].accumulator, 5 + 10_000_000_000_000_000);
	assert_eq!(c[3].accumulator, 23_333_333_333_333_333);
	assert_eq!(c[0], Bucket { weight: 50, accumulator: 7 });
	assert_eq!(c[1], Bucket::default());
	assert_eq!(c[4], Bucket::default());
	assert_eq!(c[5], Bucket { weight: 80, accumulator: 9 });
	assert_eq!(settlement(100, c[2].accumulator, 5), Ok(1));
	assert_eq!(settlement(300, c[3].accumulator, 0), Ok(6));
}

#[test]
fn redistribution_with_an_offset_and_clipped_window() {
	// Scores 3..=6, radius 2, new score 6 with weight 10: buckets 4, 5, 6 are in reach (a = 1,
	// 2, 3).
	let mut c = buckets(&[1000, 10, 20, 30]);
	// x = 10, 40, 90, own 3·10 = 30; D = 170; portions ⌊70·10/170⌋ = 4, ⌊70·40/170⌋ = 16,
	// ⌊70·90/170⌋ = 37; 13 to the pot.
	assert_eq!(redistribute_stake(&mut c, 3, 2, 6, 70, 10), Ok(13));
	assert_eq!(c[0].accumulator, 0);
	assert_eq!(c[1].accumulator, 400_000_000_000_000_000);
	assert_eq!(c[2].accumulator, 800_000_000_000_000_000);
	assert_eq!(c[3].accumulator, 1_233_333_333_333_333_333);
	// Far outside the buckets: nothing aligned, everything to the pot.
	let before = c.clone();
	assert_eq!(redistribute_stake(&mut c, 3, 2, 200, 70, 10), Ok(70));
	assert_eq!(redistribute_stake(&mut c, 3, 255, 0, 0, 10), Ok(0));
	assert_eq!(c, before);
	assert_eq!(redistribute_stake(&mut [], 0, 5, 0, 9, 1), Ok(9));
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
	assert_eq!(redistribute_stake(&mut c, 0, 1, 3, 30, 0), Err(ArithmeticError::Overflow));
	assert_eq!(c, before);

	// The per-weight increment itself overflows: ⌊10²¹·10¹⁸ / 1⌋ > u128::MAX.
	let mut c = vec![Bucket { weight: 1, accumulator: 0 }];
	assert_eq!(
		redistribute_stake(&mut c, 0, 0, 0, 1_000_000_000_000_000_000_000, 0),
		Err(ArithmeticError::Overflow)
	);
	assert_eq!(c, vec![Bucket { weight: 1, accumulator: 0 }]);

	// D overflows, through the buckets or through the newcomer's own place.
	let mut c = vec![Bucket { weight: u128::MAX, accumulator: 0 }; 2];
	assert_eq!(redistribute_stake(&mut c, 0, 1, 1, 1, 0), Err(ArithmeticError::Overflow));
	assert_eq!(c, vec![Bucket { weight: u128::MAX, accumulator: 0 }; 2]);
	let mut c = buckets(&[0, 0]);
	assert_eq!(redistribute_stake(&mut c, 0, 1, 1, 1, u128::MAX), Err(ArithmeticError::Overflow));
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
	let need = |total| quorum_need(FIFTY_PERCENT, total);
	let all = |total| quorum_need(Perbill::one(), total);
	assert_eq!(quorum_median(&buckets(&[0, 500, 0]), 0, need(0)), None);
	assert_eq!(quorum_median(&[], 0, need(1000)), None);
	assert_eq!(quorum_median(&buckets(&[0; 6]), 0, need(1000)), None);
	// Exactly need at the top score.
	assert_eq!(quorum_median(&buckets(&[0, 0, 0, 0, 0, 500]), 0, need(1000)), Some(5));
	// need = ⌈1001/2⌉ = 501: the top score alone is one short.
	assert_eq!(quorum_median(&buckets(&[0, 0, 0, 0, 1, 500]), 0, need(1001)), Some(4));
	assert_eq!(quorum_median(&buckets(&[0, 0, 0, 0, 0, 500]), 0, need(1001)), None);
	// 100% needs every unit of reputation to have evaluated.
	assert_eq!(quorum_median(&buckets(&[0, 999, 0]), 0, all(1000)), None);
	assert_eq!(quorum_median(&buckets(&[1, 999, 0]), 0, all(1000)), Some(0));
	assert_eq!(quorum_median(&buckets(&[0, 700, 300]), 0, all(1000)), Some(1));
	// Scores are offset by min_score.
	assert_eq!(quorum_median(&buckets(&[100, 300, 200]), 3, need(1000)), Some(4));
	// Saturating sums still compare correctly.
	assert_eq!(quorum_median(&buckets(&[u128::MAX, u128::MAX]), 254, all(u128::MAX)), Some(255));
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
	assert_eq!(split_by_shares(100, &ppm(&[333_333, 333_333, 333_334])), Ok(vec![34, 33, 33]));
	assert_eq!(split_by_shares(7, &ppm(&[1_000_000])), Ok(vec![7]));
	assert_eq!(split_by_shares(0, &ppm(&[500_000, 500_000])), Ok(vec![0, 0]));
	assert_eq!(split_by_shares(99, &[]), Ok(vec![]));
	// u128::MAX = 340_282_366_920_938_463_463_374_607_431_768·10⁶ + 211_455: the first gets
	// ⌊MAX / 10⁶⌋ plus the whole remainder of 1 (= ⌈MAX / 10⁶⌉), the second the rest.
	let first = 340_282_366_920_938_463_463_374_607_431_769;
	assert_eq!(split_by_shares(u128::MAX, &ppm(&[1, 999_999])), Ok(vec![first, u128::MAX - first]));
	assert_eq!(split_by_shares(10, &ppm(&[600_000, 600_000])), Err(ArithmeticError::Overflow));
}

#[test]
fn settlement_edges() {
	assert_eq!(settlement(400, 75_000_000_000_000_000, 0), Ok(30));
	assert_eq!(settlement(3, 1_000_000_000_000_000_000 / 3, 0), Ok(0));
	assert_eq!(settlement(300, 5, 6), Err(ArithmeticError::Underflow));
}

#[test]
fn pot_weight_and_shares_edges() {
	assert_eq!(pot_weight(1, 3, 4, 100), Ok(100));
	assert_eq!(pot_weight(1, 4, 4, 100), Ok(200));
	assert_eq!(pot_weight(1, 2, 4, 100), Ok(0));
	assert_eq!(pot_weight(1, 4, 4, u128::MAX), Err(ArithmeticError::Overflow));
	assert_eq!(pot_share(70, 0, 0), Ok(0));
	assert_eq!(pot_share(10, 1, 3), Ok(3));
	assert_eq!(pot_share(u128::MAX, u128::MAX, 1), Err(ArithmeticError::Overflow));
}

#[test]
fn issuance_edges() {
	let room = u128::MAX;
	assert_eq!(
		issuance(Some(4), 0, 10, 20, room, room),
		Some(Issuance { points: 4, tokens: 40, reputation: 80 })
	);
	assert_eq!(issuance(Some(4), 4, 10, 20, room, room), None);
	assert_eq!(issuance(Some(3), 4, 10, 20, room, room), None);
	assert_eq!(issuance(None, 0, 10, 20, room, room), None);
	assert_eq!(
		issuance(Some(7), 4, 10, 20, room, room),
		Some(Issuance { points: 3, tokens: 30, reputation: 60 })
	);
	// Products saturate, then the rooms cap: issuance never fails.
	assert_eq!(
		issuance(Some(2), 0, u128::MAX, u128::MAX, room, room),
		Some(Issuance { points: 2, tokens: u128::MAX, reputation: u128::MAX })
	);
	assert_eq!(
		issuance(Some(2), 0, u128::MAX, 30, 7, 50),
		Some(Issuance { points: 2, tokens: 7, reputation: 50 })
	);
	assert_eq!(
		issuance(Some(2), 0, 10, 20, 0, 0),
		Some(Issuance { points: 2, tokens: 0, reputation: 0 })
	);
}

fn bucket_strategy() -> impl Strategy<Value = Bucket> {
	(
		prop_oneof![Just(0u128), 1u128..=1_000, 1u128..=1_000_000_000_000_000_000_000_000],
		prop_oneof![Just(0u128), 0u128..=1_000_000_000_000_000_000_000_000_000_000],
	)
		.prop_map(|(weight, accumulator)| Bucket { weight, accumulator })
}

/// Random ppm shares summing to exactly `SHARE_TOTAL`, from sorted cut points.
fn ppm(parts: &[u32]) -> Vec<Permill> {
	parts.iter().map(|p| Permill::from_parts(*p)).collect()
}

fn shares_strategy() -> impl Strategy<Value = Vec<Permill>> {
	proptest::collection::vec(0u32..=SHARE_TOTAL, 0..12).prop_map(|mut cuts| {
		cuts.sort_unstable();
		let mut shares = Vec::with_capacity(cuts.len() + 1);
		let mut previous = 0;
		for cut in cuts.into_iter().chain(core::iter::once(SHARE_TOTAL)) {
			shares.push(Permill::from_parts(cut - previous));
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
		weight in prop_oneof![0u128..=1_000, 0u128..=1_000_000_000_000_000_000_000_000],
	) {
		let score = min_score.saturating_add(score_offset);
		let mut c = original.clone();
		match redistribute_stake(&mut c, min_score, radius, score, stake, weight) {
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
				// The newcomer's own place in D keeps part of its stake out of earlier
				// buckets: Σ portion_b ≤ s·Σx/D < s, so something always reaches the pot.
				if weight > 0 && stake > 0 {
					prop_assert!(to_pot > 0);
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
				mul_div_floor(amount, u128::from(share.deconstruct()), u128::from(SHARE_TOTAL)).unwrap()
			);
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
		let need = quorum_need(quorum, total);
		match quorum_median(&c, min_score, need) {
			Some(median) => {
				prop_assert!(median >= min_score);
				let index = usize::from(median - min_score);
				prop_assert!(index < c.len());
				prop_assert!(above(&c, index) >= need);
				prop_assert!(above(&c, index + 1) < need);
			},
			None => prop_assert!(need == 0 || above(&c, 0) < need),
		}
	}
}

#[test]
fn a_proposal_needs_a_strict_majority_of_all_reputation() {
	// With quorum 50%, `quorum.mul_ceil(R₀)` is a tie for an even R₀: one more is needed.
	assert_eq!(proposal_need(FIFTY_PERCENT, 1000), 501);
	assert_eq!(quorum_need(FIFTY_PERCENT, 1000), 500);
	// For an odd R₀ the ceiling is the majority already.
	assert_eq!(proposal_need(FIFTY_PERCENT, 1001), 501);
	// A higher quorum stands.
	assert_eq!(proposal_need(Perbill::from_percent(75), 1000), 750);
	assert_eq!(proposal_need(Perbill::one(), 1000), 1000);
	assert_eq!(proposal_need(FIFTY_PERCENT, 1), 1);
	assert_eq!(proposal_need(FIFTY_PERCENT, 0), 1);
	// 500 of 1000 approving is a tie: no median of 1; 501 is.
	let need = proposal_need(FIFTY_PERCENT, 1000);
	assert_eq!(quorum_median(&buckets(&[0, 500]), 0, need), None);
	assert_eq!(quorum_median(&buckets(&[1, 500]), 0, need), Some(0));
	assert_eq!(quorum_median(&buckets(&[0, 501]), 0, need), Some(1));
}

#[test]
fn a_proposal_is_scored_zero_or_one_and_issues_nothing() {
	let dc = covalue_primitives::Parameters::<u32> {
		min_score: 2,
		max_score: 9,
		quorum: Perbill::from_percent(60),
		stake: Perbill::from_percent(7),
		alignment_radius: 3,
		token_per_point: 10,
		reputation_per_point: 20,
		evaluation_period: 12,
	};
	let p = proposal_parameters(dc);
	assert_eq!(
		p,
		covalue_primitives::Parameters {
			min_score: 0,
			max_score: 1,
			quorum: Perbill::from_percent(60),
			stake: Perbill::from_percent(7),
			alignment_radius: 0,
			token_per_point: 0,
			reputation_per_point: 0,
			evaluation_period: 12,
		}
	);
}
