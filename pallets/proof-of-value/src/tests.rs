//! Unit tests of the Proof-of-Value pallet with the mock registry, tokens and reputation books:
//! its checks, deposits and automatic closing. The protocol's numbers — the worked examples,
//! issuance, alignment, properties — are tested with the real pallets in
//! `covalue-integration-tests`. Every test ends with the pallet's invariants (`try_state`).

use crate::{
	mock::*, Contribution, ContributionId, Contributions, Error, Evaluations, Event, Status,
};
use covalue_primitives::{CooperativeId, Reputation as Amount, ReputationLedger};
use covalue_test_support::assert_refused;
use frame_support::{
	assert_ok,
	traits::{fungible::InspectHold, Get, Hooks},
	weights::Weight,
};
use sp_runtime::{traits::Hash, Perbill, Permill, TokenError};

const FULL: Permill = Permill::one();

fn ppm(parts: u32) -> Permill {
	Permill::from_parts(parts)
}

/// Vested plus pending reputation of `who` (what §8 calls its reputation).
fn rep(dc: CooperativeId, who: AccountId) -> Amount {
	let s = Reputation::standing(dc, &who);
	s.vested + s.pending_total()
}

fn vested(dc: CooperativeId, who: AccountId) -> Amount {
	Reputation::standing(dc, &who).vested
}

fn contribute_as(who: AccountId, dc: CooperativeId, contributors: &[(AccountId, Permill)]) -> u64 {
	let id = crate::NextContributionId::<Test>::get();
	assert_ok!(ProofOfValue::contribute(
		RuntimeOrigin::signed(who),
		dc,
		<Test as frame_system::Config>::Hashing::hash(b"work"),
		b"ipfs://work".to_vec().try_into().unwrap(),
		contributors.to_vec().try_into().unwrap(),
	));
	id
}

fn evaluate(who: AccountId, id: u64, score: u8) {
	assert_ok!(ProofOfValue::evaluate(RuntimeOrigin::signed(who), id, score));
}

fn contribution(id: ContributionId) -> Contribution<Test> {
	Contributions::<Test>::get(id).expect("the contribution exists")
}

fn example_dc() -> CooperativeId {
	create_dc(example_parameters(), &[(ALICE, 400), (BOB, 300), (CAROL, 300)])
}

#[test]
fn contribute_rejects_bad_input_and_changes_nothing() {
	build_and_execute(|| {
		let dc = example_dc();
		let hash = <Test as frame_system::Config>::Hashing::hash(b"x");
		let call = |who: AccountId, dc: CooperativeId, contributors: Vec<(AccountId, Permill)>| {
			ProofOfValue::contribute(
				RuntimeOrigin::signed(who),
				dc,
				hash,
				b"u".to_vec().try_into().unwrap(),
				contributors.try_into().unwrap(),
			)
		};
		assert_refused!(call(DAVE, 7, vec![(DAVE, FULL)]), Error::<Test>::UnknownCooperative);
		assert_refused!(call(DAVE, dc, vec![]), Error::<Test>::InvalidShares);
		assert_refused!(call(DAVE, dc, vec![(DAVE, ppm(999_999))]), Error::<Test>::InvalidShares);
		assert_refused!(
			call(DAVE, dc, vec![(DAVE, FULL), (ERIN, ppm(0))]),
			Error::<Test>::InvalidShares
		);
		assert_refused!(
			call(DAVE, dc, vec![(DAVE, ppm(600_000)), (ERIN, ppm(500_000))]),
			Error::<Test>::InvalidShares
		);
		assert_refused!(
			call(DAVE, dc, vec![(DAVE, ppm(500_000)), (DAVE, ppm(500_000))]),
			Error::<Test>::DuplicateContributor
		);
		// Every share is checked before any duplicate.
		assert_refused!(
			call(DAVE, dc, vec![(DAVE, ppm(500_000)), (DAVE, ppm(600_000))]),
			Error::<Test>::InvalidShares
		);
		assert_refused!(
			call(DAVE, dc, vec![(DAVE, FULL), (DAVE, ppm(0))]),
			Error::<Test>::InvalidShares
		);
		assert_refused!(call(PENNILESS, dc, vec![(PENNILESS, FULL)]), TokenError::FundsUnavailable);
		// a URI longer than the bound does not even decode into the call.
		assert!(frame_support::BoundedVec::<u8, frame_support::traits::ConstU32<64>>::try_from(
			vec![0u8; 65]
		)
		.is_err());
	});
}

#[test]
fn contribute_holds_the_deposit_and_clean_up_returns_it() {
	build_and_execute(|| {
		let dc = example_dc();
		let free = Balances::free_balance(ERIN);
		let c = contribute_as(ERIN, dc, &[(DAVE, FULL)]);
		// The base, plus a unit per byte: the fixed part of the record (dc 4, kind 1, depositor
		// 32, ticket 16, hash 32, block 8, parameters 51, R₀, need, escrow and pot 64, paid 1,
		// count 4, status 56 with a closing's progress), the 11-byte URI, one contributor (36)
		// and six buckets (32 each), each list with its one-byte length.
		let bytes =
			4 + 1 + 32 + 16 + 32 + 8 + 51 + 64 + 1 + 4 + 56 + (1 + 11) + (1 + 36) + (1 + 6 * 32);
		assert_eq!(ProofOfValue::footprint(11, 1, 6).size, bytes);
		let deposit = DEPOSIT_BASE + bytes as u128;
		assert_eq!(Balances::free_balance(ERIN), free - deposit);
		let reason = crate::HoldReason::ContributionDeposit.into();
		assert_eq!(Balances::balance_on_hold(&reason, &ERIN), deposit);
		// Two contributors store 36 bytes more, and pay 36 more.
		let c2 = contribute_as(ERIN, dc, &[(DAVE, ppm(500_000)), (ALICE, ppm(500_000))]);
		assert_eq!(Balances::balance_on_hold(&reason, &ERIN), 2 * deposit + 36);
		assert_refused!(
			ProofOfValue::clean_up(RuntimeOrigin::signed(ALICE), c),
			Error::<Test>::NotClosed
		);
		run_to_block(12);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ALICE), c));
		assert_ok!(ProofOfValue::clean_up(RuntimeOrigin::signed(ALICE), c));
		System::assert_last_event(Event::CleanedUp { contribution: c, depositor: ERIN }.into());
		assert_eq!(Balances::balance_on_hold(&reason, &ERIN), deposit + 36);
		assert_eq!(Balances::free_balance(ERIN), free - deposit - 36);
		assert!(Contributions::<Test>::contains_key(c2));
		assert!(Contributions::<Test>::get(c).is_none());
		assert_refused!(
			ProofOfValue::clean_up(RuntimeOrigin::signed(ALICE), c),
			Error::<Test>::UnknownContribution
		);
		assert_refused!(
			ProofOfValue::close(RuntimeOrigin::signed(ALICE), c),
			Error::<Test>::UnknownContribution
		);
	});
}

#[test]
fn evaluate_errors_come_in_the_spec_order_and_change_nothing() {
	build_and_execute(|| {
		let mut p = example_parameters();
		p.stake = Perbill::one();
		let dc = create_dc(p, &[(ALICE, 400), (BOB, 300), (CAROL, 300)]);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		let eval = |who, score| ProofOfValue::evaluate(RuntimeOrigin::signed(who), c, score);
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(ALICE), 99, 9),
			Error::<Test>::UnknownContribution
		);
		assert_refused!(eval(ALICE, 6), Error::<Test>::ScoreOutOfRange);
		// no reputation, and out of range: the range is checked first.
		assert_refused!(eval(ERIN, 6), Error::<Test>::ScoreOutOfRange);
		assert_refused!(eval(ERIN, 3), Error::<Test>::NoReputation);
		// a 100% stake leaves alice with nothing vested; evaluating again is still
		// `AlreadyEvaluated`.
		evaluate(ALICE, c, 3);
		assert_eq!(vested(dc, ALICE), 0);
		assert_refused!(eval(ALICE, 6), Error::<Test>::ScoreOutOfRange);
		assert_refused!(eval(ALICE, 3), Error::<Test>::AlreadyEvaluated);
		// On another contribution alice's weight is still 400 (her stake is hers), but a 100%
		// stake of it exceeds what she has vested.
		let c2 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(ALICE), c2, 3),
			Error::<Test>::InsufficientVested
		);
		run_to_block(12);
		// closed period before anything else.
		assert_refused!(eval(BOB, 6), Error::<Test>::EvaluationClosed);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(BOB), c));
		assert_refused!(eval(BOB, 3), Error::<Test>::EvaluationClosed);
		assert_refused!(
			ProofOfValue::close(RuntimeOrigin::signed(BOB), c),
			Error::<Test>::AlreadyClosed
		);
	});
}

#[test]
fn pending_reputation_does_not_evaluate_until_it_vests() {
	build_and_execute(|| {
		let dc = example_dc();
		// DAVE earns 80 at block 1 (epoch 0): pending until block 20.
		let c1 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(ALICE, c1, 4);
		evaluate(BOB, c1, 4);
		assert_eq!(Reputation::standing(dc, &DAVE).pending_total(), 80);
		let c2 = contribute_as(ERIN, dc, &[(ERIN, FULL)]);
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(DAVE), c2, 3),
			Error::<Test>::ReputationNotVested
		);
		run_to_block(19);
		let c3 = contribute_as(ERIN, dc, &[(ERIN, FULL)]);
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(DAVE), c3, 3),
			Error::<Test>::ReputationNotVested
		);
		// The epoch turns at block 20: the same evaluation succeeds, with weight 80.
		run_to_block(20);
		assert_ok!(ProofOfValue::evaluate(RuntimeOrigin::signed(DAVE), c3, 3));
		System::assert_last_event(
			Event::Evaluated { contribution: c3, evaluator: DAVE, score: 3, weight: 80, stake: 8 }
				.into(),
		);
	});
}

#[test]
fn stakes_held_elsewhere_keep_their_weight_and_round_up() {
	build_and_execute(|| {
		let dc = create_dc(example_parameters(), &[(ALICE, 400), (BOB, 9)]);
		let contributions: Vec<_> =
			(0..5).map(|_| contribute_as(DAVE, dc, &[(DAVE, FULL)])).collect();
		// alice evaluates five contributions at once: every evaluation weighs 400 and stakes 40,
		// though only 400 − 40·k is vested before the k-th.
		for c in &contributions {
			evaluate(ALICE, *c, 2);
			System::assert_last_event(
				Event::Evaluated {
					contribution: *c,
					evaluator: ALICE,
					score: 2,
					weight: 400,
					stake: 40,
				}
				.into(),
			);
		}
		assert_eq!(vested(dc, ALICE), 200);
		assert_eq!(Reputation::standing(dc, &ALICE).escrowed, 200);
		// 10% of 9, rounded up: a stake of 1, never 0 (version 1 staked ⌊0.9⌋ = 0).
		evaluate(BOB, contributions[0], 2);
		System::assert_last_event(
			Event::Evaluated {
				contribution: contributions[0],
				evaluator: BOB,
				score: 2,
				weight: 9,
				stake: 1,
			}
			.into(),
		);
	});
}

#[test]
fn refused_calls_are_charged_for_their_reads_only() {
	build_and_execute(|| {
		let dc = example_dc();
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		let db: frame_support::weights::RuntimeDbWeight =
			<<Test as frame_system::Config>::DbWeight as Get<_>>::get();
		let reads = |n: u64| Some(db.reads(n));
		let refused = ProofOfValue::close(RuntimeOrigin::signed(ERIN), c).unwrap_err();
		assert_eq!(refused.error, Error::<Test>::EvaluationPeriodNotOver.into());
		assert_eq!(refused.post_info.actual_weight, reads(1));
		let refused = ProofOfValue::evaluate(RuntimeOrigin::signed(ERIN), c, 3).unwrap_err();
		assert_eq!(refused.error, Error::<Test>::NoReputation.into());
		assert_eq!(refused.post_info.actual_weight, reads(3));
		run_to_block(12);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), c));
		let refused = ProofOfValue::close(RuntimeOrigin::signed(ERIN), c).unwrap_err();
		assert_eq!(refused.error, Error::<Test>::AlreadyClosed.into());
		assert_eq!(refused.post_info.actual_weight, reads(1));
		// Far below what the call declares.
		let declared = <<Test as crate::Config>::WeightInfo as crate::WeightInfo>::close(4, 21);
		assert!(reads(1).unwrap().ref_time() < declared.ref_time());
	});
}

#[test]
fn expired_contributions_close_automatically_with_spare_weight() {
	build_and_execute(|| {
		let dc = example_dc();
		let c1 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(ALICE, c1, 4);
		evaluate(BOB, c1, 4);
		run_to_block(5);
		let c2 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(CAROL, c2, 1);

		// Not expired yet: nothing happens.
		ProofOfValue::on_idle(11, Weight::MAX);
		assert_eq!(contribution(c1).status, Status::Open);

		// c1 can close from block 12 on; c2 from block 16.
		run_to_block(12);
		ProofOfValue::on_idle(12, Weight::MAX);
		assert_eq!(contribution(c1).status, Status::Closed { median: Some(4), burned: 1 });
		assert_eq!(contribution(c2).status, Status::Open);
		assert_eq!(rep(dc, ALICE), 407);

		// Without enough spare weight, nothing is closed.
		run_to_block(20);
		assert_eq!(ProofOfValue::on_idle(20, Weight::from_parts(1, 0)), Weight::zero());
		assert_eq!(contribution(c2).status, Status::Open);
		ProofOfValue::on_idle(20, Weight::MAX);
		assert_eq!(contribution(c2).status, Status::Closed { median: None, burned: 0 });
		assert_eq!(rep(dc, CAROL), 300);
		assert!(crate::ExpiryCursor::<Test>::get().is_none());
		// Nothing left: on_idle costs only its first check.
		assert_eq!(
			ProofOfValue::on_idle(21, Weight::MAX),
			<() as crate::WeightInfo>::expiry_step()
		);
	});
}

#[test]
fn a_failed_automatic_close_leaves_the_contribution_for_a_manual_close() {
	build_and_execute(|| {
		let dc = example_dc();
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(ALICE, c, 4);
		run_to_block(12);
		// Take the DC's reputation books away so that settling fails.
		let books = Reputation::take_ledger(dc).expect("the DC has books");
		ProofOfValue::on_idle(12, Weight::MAX);
		// Nothing of the attempt remains: still open, escrow intact, off the schedule.
		let open = contribution(c);
		assert_eq!((open.status, open.escrow), (Status::Open, 40));
		assert!(crate::AwaitingManualClose::<Test>::contains_key(c));
		assert!(crate::ExpiryCursor::<Test>::get().is_none());
		assert_eq!(Evaluations::<Test>::iter_prefix(c).count(), 1);
		// Later automatic closing does not retry it.
		ProofOfValue::on_idle(13, Weight::MAX);
		assert!(crate::AwaitingManualClose::<Test>::contains_key(c));
		// With the books back, a manual close settles it and clears the mark.
		Reputation::put_ledger(dc, books);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), c));
		assert!(!crate::AwaitingManualClose::<Test>::contains_key(c));
		assert_eq!(rep(dc, ALICE), 400);
	});
}

#[test]
fn try_state_catches_an_id_at_or_above_the_next_one() {
	build_and_execute(|| {
		let dc = example_dc();
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		assert!(crate::Pallet::<Test>::do_try_state().is_ok());
		crate::NextContributionId::<Test>::put(c);
		assert!(crate::Pallet::<Test>::do_try_state().is_err());
		crate::NextContributionId::<Test>::put(c + 1);
	});
}

/// Eight evaluators of one contribution, scores spread so that some win, some lose; then closed
/// either in one step or call by call (`MaxSettlementsPerStep` is 4 here). Returns every
/// member's standing, the books, the final status and the number of `close` calls.
fn closing_outcome(
	step_by_step: bool,
) -> (Vec<covalue_primitives::Standing<u64>>, covalue_primitives::Ledger, Status, u32) {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		let members: Vec<(AccountId, Amount)> = (0..8u8)
			.map(|i| (AccountId::new([100 + i; 32]), 100 + 37 * u128::from(i)))
			.collect();
		let dc = create_dc(example_parameters(), &members);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		for (i, (who, _)) in members.iter().enumerate() {
			evaluate(who.clone(), c, [4, 4, 3, 4, 2, 4, 5, 4][i]);
		}
		run_to_block(12);
		let mut calls = 0;
		if step_by_step {
			loop {
				calls += 1;
				assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), c));
				ProofOfValue::do_try_state().expect("invariants hold between steps");
				if matches!(contribution(c).status, Status::Closed { .. }) {
					break;
				}
				assert!(matches!(contribution(c).status, Status::Closing(_)));
			}
		} else {
			let open = contribution(c);
			assert!(ProofOfValue::close_step(c, open, u32::MAX).expect("closes").finished);
			calls = 1;
		}
		ProofOfValue::do_try_state().expect("invariants hold");
		let standings = members
			.iter()
			.map(|(who, _)| Reputation::standing(dc, who))
			.chain([Reputation::standing(dc, &DAVE)])
			.collect();
		(standings, Reputation::ledger(dc).expect("books"), contribution(c).status, calls)
	})
}

#[test]
fn a_closing_in_steps_has_the_outcome_of_a_one_step_close() {
	let (one, books, status, _) = closing_outcome(false);
	let (steps, books_after_steps, status_after_steps, calls) = closing_outcome(true);
	assert_eq!(one, steps);
	assert_eq!(books, books_after_steps);
	assert_eq!(status, status_after_steps);
	// 8 stakes returned and the earnings of the 5 aligned evaluators paid, 4 items a call.
	assert_eq!(calls, 4);
	assert!(matches!(status, Status::Closed { median: Some(4), .. }));
	assert_eq!(books.escrowed, 0);
	assert_eq!(books.staked, 0);
}

#[test]
fn automatic_closing_continues_an_unfinished_closing_in_later_blocks() {
	build_and_execute(|| {
		let members: Vec<(AccountId, Amount)> =
			(0..8u8).map(|i| (AccountId::new([100 + i; 32]), 100)).collect();
		let dc = create_dc(example_parameters(), &members);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		for (who, _) in &members {
			evaluate(who.clone(), c, 3);
		}
		run_to_block(12);
		// Room for the first step's base and two items only.
		let c0 = contribution(c);
		let two = ProofOfValue::close_step_weight(&c0, 2)
			.saturating_add(<() as crate::WeightInfo>::expiry_step());
		ProofOfValue::on_idle(12, two);
		match contribution(c).status {
			Status::Closing(s) => assert_eq!(s.settled, 2),
			other => panic!("expected a closing, found {other:?}"),
		}
		ProofOfValue::do_try_state().expect("invariants hold half-way");
		// The next block continues where it stopped and, with room, finishes.
		ProofOfValue::on_idle(13, Weight::MAX);
		assert!(matches!(contribution(c).status, Status::Closed { median: Some(3), .. }));
		assert!(crate::ExpiryCursor::<Test>::get().is_none());
		assert_eq!(crate::Earnings::<Test>::iter_prefix(c).count(), 0);
	});
}

mod proposals;
