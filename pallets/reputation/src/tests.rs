//! Tests of the reputation books through the `ReputationLedger` trait.

use crate::{self as pallet_reputation, Error, Event, Ledger, ReputationLedger};
use frame_support::{assert_noop, assert_ok, derive_impl, traits::GetCallName};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Reputation = pallet_reputation;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl crate::Config for Test {}

fn execute(test: impl FnOnce()) {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		test();
		Reputation::do_try_state().expect("reputation invariants hold");
	});
}

#[test]
fn endowment_happens_once_and_must_give_something() {
	execute(|| {
		assert_noop!(Reputation::endow(0, &[]), Error::<Test>::NoEndowment);
		assert_noop!(Reputation::endow(0, &[(1, 0)]), Error::<Test>::NoEndowment);
		assert_noop!(
			Reputation::endow(0, &[(1, u128::MAX), (2, 1)]),
			sp_runtime::ArithmeticError::Overflow
		);
		assert_ok!(Reputation::endow(0, &[(1, 40), (2, 60)]));
		System::assert_last_event(Event::Endowed { dc: 0, members: 2, total: 100 }.into());
		assert_eq!(
			Reputation::ledger(0),
			Some(Ledger { total: 100, initial: 100, issued: 0, burned: 0, escrowed: 0 })
		);
		assert_noop!(Reputation::endow(0, &[(3, 1)]), Error::<Test>::AlreadyEndowed);
		assert_eq!(Reputation::reputation_of(0, 1), 40);
	});
}

#[test]
fn stakes_move_through_escrow_and_dust_burns() {
	execute(|| {
		assert_ok!(Reputation::endow(0, &[(1, 40), (2, 60)]));
		assert_noop!(Reputation::lock(0, &1, 41), Error::<Test>::InsufficientReputation);
		assert_noop!(Reputation::lock(9, &1, 1), Error::<Test>::UnknownCooperative);
		assert_ok!(Reputation::lock(0, &1, 40));
		assert_eq!(Reputation::reputation(0, &1), 0);
		// an account at zero keeps no storage entry.
		assert!(!crate::ReputationOf::<Test>::contains_key(0, 1));
		assert_eq!(Reputation::ledger(0).unwrap().escrowed, 40);
		assert_noop!(Reputation::release(0, &2, 41), Error::<Test>::InsufficientEscrow);
		assert_ok!(Reputation::release(0, &2, 30));
		assert_noop!(Reputation::burn_escrowed(0, 11), Error::<Test>::InsufficientEscrow);
		assert_ok!(Reputation::burn_escrowed(0, 10));
		System::assert_last_event(Event::Burned { dc: 0, amount: 10 }.into());
		assert_eq!(
			Reputation::ledger(0),
			Some(Ledger { total: 90, initial: 100, issued: 0, burned: 10, escrowed: 0 })
		);
		assert_eq!(Reputation::reputation(0, &2), 90);
	});
}

#[test]
fn issuance_grows_the_total() {
	execute(|| {
		assert_noop!(Reputation::issue(0, &1, 5), Error::<Test>::UnknownCooperative);
		assert_ok!(Reputation::endow(0, &[(1, 40)]));
		assert_ok!(Reputation::issue(0, &7, 80));
		System::assert_last_event(Event::Issued { dc: 0, who: 7, amount: 80 }.into());
		assert_eq!(Reputation::ledger(0).unwrap().total, 120);
		assert_eq!(Reputation::ledger(0).unwrap().issued, 80);
		assert_noop!(Reputation::issue(0, &7, u128::MAX), sp_runtime::ArithmeticError::Overflow);
	});
}

#[test]
fn there_is_no_call_to_move_or_issue_reputation() {
	assert!(<crate::Call<Test> as GetCallName>::get_call_names().is_empty());
}

#[test]
fn try_state_catches_books_that_do_not_add_up() {
	execute(|| {
		assert_ok!(Reputation::endow(0, &[(1, 40)]));
		crate::ReputationOf::<Test>::insert(0, 2, 5);
		assert!(Reputation::do_try_state().is_err());
		crate::ReputationOf::<Test>::remove(0, 2);
	});
}
