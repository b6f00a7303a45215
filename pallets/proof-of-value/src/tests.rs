//! Unit tests of the Proof-of-Value pallet with the mock registry, tokens and reputation books:
//! its checks, deposits and automatic closing. The protocol's numbers — the worked examples,
//! issuance, alignment, properties — are tested with the real pallets in
//! `covalue-integration-tests`. Every test ends with the pallet's invariants (`try_state`).

use crate::{
	mock::*, Contribution, ContributionId, Contributions, Error, Evaluations, Event, Status,
};
use covalue_primitives::{CooperativeId, Reputation as Amount, ReputationLedger};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Hooks},
	weights::Weight,
};
use sp_runtime::{traits::Hash, Perbill, Permill, TokenError};

const FULL: Permill = Permill::one();

fn ppm(parts: u32) -> Permill {
	Permill::from_parts(parts)
}

fn rep(dc: CooperativeId, who: AccountId) -> Amount {
	Reputation::reputation(dc, &who)
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
		assert_noop!(call(DAVE, 7, vec![(DAVE, FULL)]), Error::<Test>::UnknownCooperative);
		assert_noop!(call(DAVE, dc, vec![]), Error::<Test>::InvalidShares);
		assert_noop!(call(DAVE, dc, vec![(DAVE, ppm(999_999))]), Error::<Test>::InvalidShares);
		assert_noop!(
			call(DAVE, dc, vec![(DAVE, FULL), (ERIN, ppm(0))]),
			Error::<Test>::InvalidShares
		);
		assert_noop!(
			call(DAVE, dc, vec![(DAVE, ppm(600_000)), (ERIN, ppm(500_000))]),
			Error::<Test>::InvalidShares
		);
		assert_noop!(
			call(DAVE, dc, vec![(DAVE, ppm(500_000)), (DAVE, ppm(500_000))]),
			Error::<Test>::DuplicateContributor
		);
		// Every share is checked before any duplicate.
		assert_noop!(
			call(DAVE, dc, vec![(DAVE, ppm(500_000)), (DAVE, ppm(600_000))]),
			Error::<Test>::InvalidShares
		);
		assert_noop!(
			call(DAVE, dc, vec![(DAVE, FULL), (DAVE, ppm(0))]),
			Error::<Test>::InvalidShares
		);
		assert_noop!(call(PENNILESS, dc, vec![(PENNILESS, FULL)]), TokenError::FundsUnavailable);
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
		// The base, plus a unit per byte: the fixed part of the record (dc 4, depositor 32,
		// ticket 16, hash 32, block 8, parameters 51, escrow and pot 32, paid 1, count 4,
		// status 19), the 11-byte URI, one contributor (36) and six buckets (32 each), each
		// list with its one-byte length.
		let bytes =
			4 + 32 + 16 + 32 + 8 + 51 + 32 + 1 + 4 + 19 + (1 + 11) + (1 + 36) + (1 + 6 * 32);
		assert_eq!(ProofOfValue::footprint(11, 1, 6).size, bytes);
		let deposit = DEPOSIT_BASE + bytes as u128;
		assert_eq!(Balances::free_balance(ERIN), free - deposit);
		let reason = crate::HoldReason::ContributionDeposit.into();
		assert_eq!(Balances::balance_on_hold(&reason, &ERIN), deposit);
		// Two contributors store 36 bytes more, and pay 36 more.
		let c2 = contribute_as(ERIN, dc, &[(DAVE, ppm(500_000)), (ALICE, ppm(500_000))]);
		assert_eq!(Balances::balance_on_hold(&reason, &ERIN), 2 * deposit + 36);
		assert_noop!(
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
		assert_noop!(
			ProofOfValue::clean_up(RuntimeOrigin::signed(ALICE), c),
			Error::<Test>::UnknownContribution
		);
		assert_noop!(
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
		assert_noop!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(ALICE), 99, 9),
			Error::<Test>::UnknownContribution
		);
		assert_noop!(eval(ALICE, 6), Error::<Test>::ScoreOutOfRange);
		// no reputation, and out of range: the range is checked first.
		assert_noop!(eval(ERIN, 6), Error::<Test>::ScoreOutOfRange);
		assert_noop!(eval(ERIN, 3), Error::<Test>::NoReputation);
		// a 100% stake leaves alice with 0; evaluating again is still `AlreadyEvaluated`.
		evaluate(ALICE, c, 3);
		assert_eq!(rep(dc, ALICE), 0);
		assert_noop!(eval(ALICE, 6), Error::<Test>::ScoreOutOfRange);
		assert_noop!(eval(ALICE, 3), Error::<Test>::AlreadyEvaluated);
		run_to_block(12);
		// closed period before anything else.
		assert_noop!(eval(BOB, 6), Error::<Test>::EvaluationClosed);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(BOB), c));
		assert_noop!(eval(BOB, 3), Error::<Test>::EvaluationClosed);
		assert_noop!(
			ProofOfValue::close(RuntimeOrigin::signed(BOB), c),
			Error::<Test>::AlreadyClosed
		);
	});
}

#[test]
fn evaluations_are_bounded_per_contribution() {
	build_and_execute(|| {
		let members: Vec<(AccountId, Amount)> = (100..100 + MAX_EVALUATIONS as u8 + 1)
			.map(|a| (AccountId::new([a; 32]), 10))
			.collect();
		let dc = create_dc(example_parameters(), &members);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		for (who, _) in &members[..MAX_EVALUATIONS as usize] {
			evaluate(who.clone(), c, 1);
		}
		let last = members[MAX_EVALUATIONS as usize].0.clone();
		assert_noop!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(last), c, 1),
			Error::<Test>::TooManyEvaluations
		);
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
		assert_eq!(rep(dc, ALICE), 412);

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
