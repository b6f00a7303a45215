//! Unit tests of the validator-set pallet: who changes the set, what it refuses, and when the
//! session pallet hands a new set to its handlers.

use crate::{mock::*, Error, Event, SessionLength, SetChanged, Validators};
use frame_support::{assert_noop, assert_ok, traits::BuildGenesisConfig};
use sp_runtime::traits::BadOrigin;

fn add(who: &AccountId) -> sp_runtime::DispatchResult {
	ValidatorSet::add_validator(RuntimeOrigin::root(), who.clone())
}

fn remove(who: &AccountId) -> sp_runtime::DispatchResult {
	ValidatorSet::remove_validator(RuntimeOrigin::root(), who.clone())
}

fn set_keys(who: &AccountId) {
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(who.clone()), keys_of(who), vec![]));
}

#[test]
fn genesis_hands_its_validators_to_the_session() {
	build_and_execute(|| {
		assert_eq!(Validators::<Test>::get().into_inner(), vec![ALICE, BOB]);
		assert_eq!(SessionLength::<Test>::get(), SESSION_LENGTH);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![ALICE, BOB]);
		assert_eq!(handed_over(), vec![(0, vec![ALICE, BOB])]);
		assert!(!SetChanged::<Test>::get());
	});
}

#[test]
fn an_added_validator_becomes_active_at_the_second_rotation() {
	build_and_execute(|| {
		set_keys(&CAROL);
		assert_ok!(add(&CAROL));
		System::assert_last_event(Event::ValidatorAdded { who: CAROL }.into());
		assert_eq!(Validators::<Test>::get().into_inner(), vec![ALICE, BOB, CAROL]);
		assert!(SetChanged::<Test>::get());

		// Block 5 ends session 0: the new set is queued for session 2, and the flag is spent.
		run_to_block(SESSION_LENGTH);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 1);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![ALICE, BOB]);
		assert!(!SetChanged::<Test>::get());
		let queued: Vec<_> =
			pallet_session::QueuedKeys::<Test>::get().into_iter().map(|(v, _)| v).collect();
		assert_eq!(queued, vec![ALICE, BOB, CAROL]);

		// Block 10 starts session 2 with Carol; the handlers hear of it then, not before.
		run_to_block(2 * SESSION_LENGTH - 1);
		assert_eq!(handed_over(), vec![(0, vec![ALICE, BOB])]);
		run_to_block(2 * SESSION_LENGTH);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 2);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![ALICE, BOB, CAROL]);
		assert_eq!(handed_over(), vec![(0, vec![ALICE, BOB]), (2, vec![ALICE, BOB, CAROL])]);

		// An unchanged set is not handed over again: GRANDPA would schedule a change for it.
		run_to_block(5 * SESSION_LENGTH);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 5);
		assert_eq!(handed_over().len(), 2);
	});
}

#[test]
fn a_removed_validator_leaves_at_the_second_rotation() {
	build_and_execute(|| {
		assert_ok!(remove(&BOB));
		System::assert_last_event(Event::ValidatorRemoved { who: BOB }.into());
		assert_eq!(Validators::<Test>::get().into_inner(), vec![ALICE]);
		run_to_block(SESSION_LENGTH);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![ALICE, BOB]);
		run_to_block(2 * SESSION_LENGTH);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![ALICE]);
		assert_eq!(handed_over(), vec![(0, vec![ALICE, BOB]), (2, vec![ALICE])]);
	});
}

#[test]
fn only_the_update_origin_changes_the_set() {
	build_and_execute(|| {
		set_keys(&CAROL);
		for origin in
			[RuntimeOrigin::signed(ALICE), RuntimeOrigin::signed(CAROL), RuntimeOrigin::none()]
		{
			assert_noop!(ValidatorSet::add_validator(origin.clone(), CAROL), BadOrigin);
			assert_noop!(ValidatorSet::remove_validator(origin, BOB), BadOrigin);
		}
	});
}

#[test]
fn refusals_change_nothing() {
	build_and_execute(|| {
		assert_noop!(add(&ALICE), Error::<Test>::AlreadyValidator);
		// Without keys a validator could neither author nor vote.
		assert_noop!(add(&CAROL), Error::<Test>::NoSessionKeys);
		assert_noop!(remove(&CAROL), Error::<Test>::NotValidator);
		for who in [CAROL, DAVE] {
			set_keys(&who);
			assert_ok!(add(&who));
		}
		set_keys(&ERIN);
		assert_noop!(add(&ERIN), Error::<Test>::TooManyValidators);
		for who in [DAVE, CAROL, BOB] {
			assert_ok!(remove(&who));
		}
		assert_noop!(remove(&ALICE), Error::<Test>::TooFewValidators);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![ALICE]);
	});
}

#[test]
fn a_validator_that_purged_its_keys_is_left_out_of_the_session() {
	build_and_execute(|| {
		set_keys(&CAROL);
		assert_ok!(add(&CAROL));
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(CAROL)));
		run_to_block(2 * SESSION_LENGTH);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![ALICE, BOB]);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![ALICE, BOB, CAROL]);
	});
}

#[test]
fn a_validator_that_purges_its_keys_later_leaves_aura_and_grandpa_even_when_last() {
	build_and_execute(|| {
		// Bob is the last of the set: the session pallet alone would not see a change.
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(BOB)));
		run_to_block(2 * SESSION_LENGTH);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![ALICE]);
		assert_eq!(handed_over(), vec![(0, vec![ALICE, BOB]), (2, vec![ALICE])]);
		// Keys again: back two rotations later, without a call of this pallet.
		set_keys(&BOB);
		run_to_block(4 * SESSION_LENGTH);
		assert_eq!(pallet_session::Validators::<Test>::get(), vec![ALICE, BOB]);
		assert_eq!(
			handed_over(),
			vec![(0, vec![ALICE, BOB]), (2, vec![ALICE]), (4, vec![ALICE, BOB])]
		);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![ALICE, BOB]);
	});
}

#[test]
fn an_invalid_genesis_is_refused_with_a_sentence() {
	type Genesis = crate::GenesisConfig<Test>;
	let check = |validators: Vec<AccountId>, session_length| {
		crate::Pallet::<Test>::check_genesis(&validators, session_length)
	};
	assert_eq!(check(vec![ALICE], 1), Ok(()));
	assert_eq!(check(vec![ALICE], 0), Err("the session length must be at least one block"));
	assert_eq!(check(vec![], 5), Err("there are fewer validators than MinValidators"));
	assert_eq!(
		check(vec![ALICE, BOB, CAROL, DAVE, ERIN], 5),
		Err("there are more validators than MaxValidators")
	);
	assert_eq!(check(vec![ALICE, BOB, ALICE], 5), Err("a validator is listed twice"));
	let panicked = std::panic::catch_unwind(|| {
		sp_io::TestExternalities::default()
			.execute_with(|| Genesis { validators: vec![ALICE, ALICE], session_length: 5 }.build())
	});
	assert!(panicked.is_err());
	// The default config builds, and stores nothing.
	sp_io::TestExternalities::default().execute_with(|| {
		Genesis::default().build();
		assert!(Validators::<Test>::get().is_empty());
		assert_eq!(SessionLength::<Test>::get(), 0);
	});
}

#[test]
fn the_session_length_is_never_zero() {
	sp_io::TestExternalities::default().execute_with(|| {
		use frame_support::traits::Get;
		assert_eq!(crate::SessionLengthOf::<Test>::get(), 1);
		SessionLength::<Test>::put(7);
		assert_eq!(crate::SessionLengthOf::<Test>::get(), 7);
	});
}
