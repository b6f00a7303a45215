//! The attacks that version 1 of the protocol allowed (`docs/protocol-rules.md` §11), each with
//! what version 1 would have done — from the same arithmetic under version 1's rule — and what
//! the chain does now. The reserve's attacks (a cap lowered to drain the reserve, reserves that
//! loop) are in the reserve pallet's unit tests; a quorum below 50% is refused by the
//! parameters' own tests.

use crate::mock::*;
use covalue_test_support::assert_refused;
use frame_support::assert_ok;
use pallet_cooperatives::Parameters;
use pallet_proof_of_value::{
	protocol::{self, Bucket},
	Contributions, Error, Event, Status,
};
use sp_runtime::{Perbill, Permill};

const FULL: Permill = Permill::one();

fn account(i: u16) -> AccountId {
	let mut raw = [7u8; 32];
	raw[..2].copy_from_slice(&i.to_le_bytes());
	AccountId::new(raw)
}

fn status(id: u64) -> pallet_proof_of_value::ContributionStatus<u64> {
	ProofOfValue::contribution_status(id).expect("the contribution exists")
}

fn with(f: impl FnOnce(&mut Parameters<u64>)) -> Parameters<u64> {
	let mut p = example_parameters();
	f(&mut p);
	p
}

#[test]
fn a_tiny_first_scorer_takes_a_tiny_share_not_a_large_stake() {
	build_and_execute(|| {
		let tiny = account(1);
		let whale = account(2);
		let dc = create_dc(
			example_parameters(),
			&[(tiny.clone(), 1), (whale.clone(), 1000), (ERIN, 1000)],
		);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		// tiny scores first: 10% of 1, rounded up, is a stake of 1.
		evaluate(tiny.clone(), c, 3);
		// Version 1: D = Σ x_b = 1, so the whale's whole stake of 100 went to tiny's bucket.
		let mut v1 = [Bucket { weight: 1, accumulator: 0 }];
		assert_eq!(protocol::redistribute_stake(&mut v1, 3, 0, 3, 100, 0), Ok(0));
		assert_eq!(protocol::settlement(1, v1[0].accumulator, 0), Ok(100));
		// Version 2: D = 1 + 1000: ⌊100·1/1001⌋ = 0 to tiny, all to the pot.
		evaluate(whale.clone(), c, 3);
		assert_eq!(status(c).pot, 101);
		assert_eq!(
			Contributions::<Test>::get(c).expect("submitted above").buckets[3].accumulator,
			0
		);
		run_to_block(12);
		close(c);
		// need = ⌈2001/2⌉ = 1001 = Above(3): m = 3. The pot of 101 splits by weight: tiny
		// ⌊101/1001⌋ = 0, the whale 100. tiny ends with nothing instead of 101.
		assert_eq!(rep(dc, &tiny), 0);
		assert_eq!(rep(dc, &whale), 1000);
		assert_eq!(ledger(dc).burned, 1);
	});
}

#[test]
fn sybil_shards_voting_together_against_the_median_pay_each_other_nothing() {
	build_and_execute(|| {
		let shards = [account(1), account(2), account(3)];
		let honest = account(4);
		let mut members: Vec<(AccountId, u128)> = shards.iter().map(|s| (s.clone(), 100)).collect();
		members.push((honest.clone(), 700));
		let dc = create_dc(example_parameters(), &members);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		for shard in &shards {
			evaluate(shard.clone(), c, 2);
		}
		evaluate(honest.clone(), c, 4);
		assert_eq!(status(c).median, Some(4));
		// Version 1 paid the shards' accruals from each other whatever the median: the second
		// shard's 10 all to the first (D = 100), the third's 10 to both (D = 200).
		let mut v1 = [Bucket::default()];
		protocol::redistribute_stake(&mut v1, 2, 0, 2, 10, 0).expect("small amounts");
		v1[0].weight = 100;
		protocol::redistribute_stake(&mut v1, 2, 0, 2, 10, 0).expect("small amounts");
		v1[0].weight = 200;
		protocol::redistribute_stake(&mut v1, 2, 0, 2, 10, 0).expect("small amounts");
		let accrued = protocol::settlement(100, v1[0].accumulator, 0).expect("small amounts")
			+ protocol::settlement(100, v1[0].accumulator, 10 * protocol::ACCUMULATOR_ONE / 100)
				.expect("small amounts");
		assert_eq!(300 - 30 + accrued, 290);
		run_to_block(12);
		close(c);
		// Version 2: not aligned with the median, the shards forfeit their accruals (11, burned)
		// and lose their stakes: 270.
		let together: u128 = shards.iter().map(|s| rep(dc, s)).sum();
		assert_eq!(together, 270);
		// The honest evaluator takes the pot: 70 back and 19 earned.
		assert_eq!((vested(dc, &honest), pending(dc, &honest)), (700, 19));
		assert_eq!(ledger(dc).burned, 11);
	});
}

#[test]
fn without_consensus_every_stake_comes_back_and_nothing_is_farmed() {
	build_and_execute(|| {
		let dc = create_dc(
			with(|p| p.quorum = Perbill::from_percent(80)),
			&[(ALICE, 400), (BOB, 300), (CAROL, 300)],
		);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(ALICE, c, 5);
		evaluate(BOB, c, 5);
		// Above(5) = 700 < need 800: no consensus.
		assert_eq!(status(c).median, None);
		// Version 1 paid alice her accrual (bob's 30, D = 400) plus a pot share by stake:
		// 30 + ⌊40·40/70⌋ = 52 back for a stake of 40 — a profit from a contribution nobody
		// agreed on.
		assert_eq!(30 + protocol::mul_div_floor(40, 40, 70).expect("small amounts"), 52);
		run_to_block(12);
		close(c);
		System::assert_last_event(
			Event::Closed { contribution: c, median: None, burned: 0 }.into(),
		);
		assert_eq!([rep(dc, ALICE), rep(dc, BOB), rep(dc, CAROL)], [400, 300, 300]);
		// All of it vested: nothing was earned.
		assert_eq!([pending(dc, ALICE), pending(dc, BOB)], [0, 0]);
		assert_eq!((tokens(dc, DAVE), rep(dc, DAVE)), (0, 0));
	});
}

#[test]
fn reputation_earned_in_a_window_never_weighs_that_contribution() {
	build_and_execute(|| {
		// mallory holds 28%; her sybil S has nothing yet.
		let mallory = account(1);
		let sybil = account(2);
		let dc = create_dc(
			with(|p| p.reputation_per_point = 100),
			&[(mallory.clone(), 280), (ALICE, 400), (BOB, 320)],
		);
		// A side contribution by the sybil, which the members rate well.
		let side = contribute_as(ERIN, dc, &[(sybil.clone(), FULL)]);
		run_to_block(2);
		// mallory's own contribution, which the others score 0.
		let own = contribute_as(DAVE, dc, &[(mallory.clone(), FULL)]);
		evaluate(ALICE, own, 0);
		evaluate(BOB, own, 0);
		evaluate(mallory.clone(), own, 5);
		evaluate(ALICE, side, 5);
		evaluate(BOB, side, 5);
		// The side contribution issued 500 reputation to the sybil inside the window of
		// mallory's contribution. Version 1 let it weigh at once: 280 + 500 = 780 ≥ need 500
		// would have given mallory's contribution the median 5 against 72% scoring it 0.
		assert_eq!(rep(dc, &sybil), 500);
		assert!(280 + 500 >= status(own).need);
		// Version 2: it is pending until block 20, after the window closes at block 12.
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(sybil.clone()), own, 5),
			Error::<Test>::ReputationNotVested
		);
		run_to_block(12);
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(sybil.clone()), own, 5),
			Error::<Test>::ReputationNotVested
		);
		// Closing the side contribution inside the window changes nothing either.
		run_to_block(13);
		close(side);
		assert_eq!(status(own).median, Some(0));
		let counted: u128 = status(own).buckets.iter().map(|(_, w)| w).sum();
		assert!(counted <= status(own).total_at_submission);
		close(own);
		assert_eq!(tokens(dc, &mallory), 0);
	});
}

#[test]
fn burns_during_a_window_do_not_lower_its_threshold() {
	build_and_execute(|| {
		let mallory = account(1);
		let (h1, h2, h3) = (account(2), account(3), account(4));
		let dc = create_dc(
			with(|p| {
				p.stake = Perbill::from_percent(90);
				p.reputation_per_point = 0;
			}),
			&[(mallory.clone(), 460), (h1.clone(), 200), (h2.clone(), 200), (h3.clone(), 140)],
		);
		// c0, at 90% stakes: the honest members split, so that one of them forfeits.
		let c0 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		assert_ok!(Cooperatives::set_parameters(
			RuntimeOrigin::signed(ADMIN),
			dc,
			example_parameters()
		));
		run_to_block(2);
		// c1, mallory's, submitted with R₀ = 1000: need 500.
		let c1 = contribute_as(DAVE, dc, &[(mallory.clone(), FULL)]);
		evaluate(mallory.clone(), c1, 5);
		evaluate(mallory.clone(), c0, 5);
		evaluate(h1.clone(), c0, 1);
		evaluate(h2.clone(), c0, 1);
		evaluate(h3.clone(), c0, 5);
		assert_eq!(status(c0).median, Some(5));
		run_to_block(12);
		close(c0);
		// h1's accrual of 90 (h2's stake) was forfeited and burned.
		let burned = ledger(dc).burned;
		assert!(burned >= 90, "{burned}");
		// Version 1 took need from the current total: mallory's 460 alone would now pass.
		let v1_need = Perbill::from_percent(50).mul_ceil(ledger(dc).total);
		assert!(v1_need <= 460, "{v1_need}");
		// Version 2: need was fixed at 500 when c1 was submitted.
		assert_eq!((status(c1).need, status(c1).median), (500, None));
		run_to_block(13);
		close(c1);
		assert_eq!(tokens(dc, &mallory), 0);
	});
}

/// Two contributions expiring in the same block, closed in the given order; the outcome.
fn two_closes(first_c1: bool) -> (Vec<u128>, u128, u128, u128) {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		let dc = create_dc(
			with(|p| p.reputation_per_point = 50),
			&[(ALICE, 400), (BOB, 300), (CAROL, 300)],
		);
		let c1 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		let c2 = contribute_as(ERIN, dc, &[(ERIN, FULL)]);
		evaluate(ALICE, c1, 4);
		evaluate(BOB, c1, 1);
		evaluate(CAROL, c1, 4);
		evaluate(ALICE, c2, 2);
		evaluate(BOB, c2, 2);
		evaluate(CAROL, c2, 3);
		run_to_block(12);
		if first_c1 {
			close(c1);
			close(c2);
		} else {
			close(c2);
			close(c1);
		}
		let l = ledger(dc);
		(
			[ALICE, BOB, CAROL, DAVE, ERIN].iter().map(|a| rep(dc, a)).collect(),
			l.total,
			l.burned,
			tokens(dc, DAVE) + tokens(dc, ERIN),
		)
	})
}

#[test]
fn the_order_of_two_closes_in_a_block_changes_nothing() {
	assert_eq!(two_closes(true), two_closes(false));
}

#[test]
fn evaluating_many_contributions_at_once_keeps_every_voice() {
	build_and_execute(|| {
		let dc = example_dc();
		let contributions: Vec<_> =
			(0..10).map(|_| contribute_as(DAVE, dc, &[(DAVE, FULL)])).collect();
		for who in [ALICE, BOB, CAROL] {
			for c in &contributions {
				evaluate(who.clone(), *c, 3);
			}
		}
		// Version 1 weighed the reputation not staked: 1000·0.9ᵏ on the k-th contribution, below
		// need 500 from the seventh on (0.9⁷ < 0.5).
		let v1_weight =
			|k: u32| (0..k).fold(1000u128, |w, _| w - Perbill::from_percent(10).mul_floor(w));
		assert!(v1_weight(6) >= 500 && v1_weight(7) < 500);
		// Version 2: vested plus own stakes, the same 1000 on every one of them.
		for c in &contributions {
			assert_eq!(status(*c).buckets[3], (3, 1000));
			assert_eq!(status(*c).median, Some(3));
		}
		assert_eq!(tokens(dc, DAVE), 300);
	});
}

#[test]
fn past_the_old_bound_of_1024_evaluations_honest_members_still_evaluate() {
	build_and_execute(|| {
		// 1,100 accounts of 1 reputation each fill a contribution; version 1 stopped at 1,024.
		let mut members: Vec<(AccountId, u128)> =
			(0..1_100).map(|i| (account(100 + i), 1)).collect();
		members.push((ALICE, 10_000));
		let dc = create_dc(example_parameters(), &members);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		for (who, _) in &members[..1_100] {
			evaluate(who.clone(), c, 1);
		}
		assert_eq!(status(c).evaluations, 1_100);
		evaluate(ALICE, c, 4);
		assert_eq!(status(c).median, Some(4));
		run_to_block(12);
		// Settled two items a call: 1,101 stakes, then alice's earnings.
		let calls = close(c);
		assert_eq!(calls, 551);
		assert!(matches!(
			Contributions::<Test>::get(c).expect("small amounts").status,
			Status::Closed { median: Some(4), .. }
		));
		assert_eq!(ledger(dc).escrowed, 0);
	});
}
