//! Tests of the reputation books through the `ReputationLedger` trait.

use crate::{
	self as pallet_reputation, Error, Event, Ledger, Pending, ReputationLedger, Standing,
	StandingOf, MAX_REPUTATION,
};
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

/// Epoch length of the DCs of these tests.
const EPOCH: u64 = 10;

fn standing(vested: u128, escrowed: u128, pending: &[(u128, u64)]) -> StandingOf<Test> {
	let mut s = Standing { vested, escrowed, ..Default::default() };
	for (slot, (amount, vests_at)) in s.pending.iter_mut().zip(pending) {
		*slot = Pending { amount: *amount, vests_at: *vests_at };
	}
	s
}

#[test]
fn endowment_happens_once_is_vested_and_bounded() {
	execute(|| {
		assert_noop!(Reputation::endow(0, EPOCH, &[]), Error::<Test>::NoEndowment);
		assert_noop!(Reputation::endow(0, EPOCH, &[(1, 0)]), Error::<Test>::NoEndowment);
		assert_noop!(Reputation::endow(0, 0, &[(1, 5)]), Error::<Test>::ZeroEpochLength);
		assert_noop!(
			Reputation::endow(0, EPOCH, &[(1, u128::MAX), (2, 1)]),
			Error::<Test>::ReputationOverflow
		);
		assert_noop!(
			Reputation::endow(0, EPOCH, &[(1, MAX_REPUTATION), (2, 1)]),
			Error::<Test>::ReputationOverflow
		);
		assert_ok!(Reputation::endow(0, EPOCH, &[(1, 40), (2, 60)]));
		System::assert_last_event(
			Event::Endowed { dc: 0, members: 2, total: 100, epoch_length: EPOCH }.into(),
		);
		assert_eq!(
			Reputation::ledger(0),
			Some(Ledger { total: 100, initial: 100, ..Default::default() })
		);
		assert_noop!(Reputation::endow(0, EPOCH, &[(3, 1)]), Error::<Test>::AlreadyEndowed);
		assert_eq!(Reputation::reputation_of(0, 1), standing(40, 0, &[]));
		assert_eq!(Reputation::epoch_length_of(0), Some(EPOCH));
		// The bound itself is allowed.
		assert_ok!(Reputation::endow(1, 1, &[(1, MAX_REPUTATION)]));
	});
}

#[test]
fn earned_reputation_vests_at_the_start_of_the_epoch_after_next() {
	execute(|| {
		assert_ok!(Reputation::endow(0, EPOCH, &[(1, 40)]));
		// Block 1 is in epoch 0: vests at block 20.
		assert_ok!(Reputation::issue(0, &7, 80));
		System::assert_last_event(Event::Issued { dc: 0, who: 7, amount: 80, vests_at: 20 }.into());
		// Block 19 is the last of epoch 1: a second amount, vesting at block 30.
		System::set_block_number(19);
		assert_ok!(Reputation::issue(0, &7, 5));
		assert_eq!(Reputation::reputation_of(0, 7), standing(0, 0, &[(80, 20), (5, 30)]));
		assert_eq!(Reputation::ledger(0).unwrap().total, 125);
		assert_eq!(Reputation::ledger(0).unwrap().issued, 85);
		// Nothing is staked from pending reputation.
		assert_noop!(Reputation::stake(0, &7, 1), Error::<Test>::InsufficientVested);
		// At block 20 the first amount has vested; the read matures it without a write.
		System::set_block_number(20);
		assert_eq!(Reputation::reputation_of(0, 7), standing(80, 0, &[(5, 30)]));
		assert_eq!(crate::ReputationOf::<Test>::get(0, 7), standing(0, 0, &[(80, 20), (5, 30)]));
		// A write matures first: the freed slot takes the new amount (block 20, epoch 2: 40).
		assert_ok!(Reputation::issue(0, &7, 1));
		assert_eq!(crate::ReputationOf::<Test>::get(0, 7), standing(80, 0, &[(5, 30), (1, 40)]));
		// A second amount in the same epoch joins its slot.
		System::set_block_number(29);
		assert_ok!(Reputation::issue(0, &7, 2));
		assert_eq!(Reputation::reputation_of(0, 7), standing(80, 0, &[(5, 30), (3, 40)]));
		System::set_block_number(40);
		assert_eq!(Reputation::reputation_of(0, 7), standing(88, 0, &[]));
		assert_ok!(Reputation::stake(0, &7, 88));
		assert_eq!(Reputation::reputation_of(0, 7), standing(0, 88, &[]));
	});
}

#[test]
fn issuance_is_bounded_by_max_reputation() {
	execute(|| {
		assert_noop!(Reputation::issue(0, &1, 5), Error::<Test>::UnknownCooperative);
		assert_ok!(Reputation::endow(0, EPOCH, &[(1, MAX_REPUTATION - 10)]));
		assert_noop!(Reputation::issue(0, &7, 11), Error::<Test>::ReputationOverflow);
		assert_noop!(Reputation::issue(0, &7, u128::MAX), Error::<Test>::ReputationOverflow);
		assert_ok!(Reputation::issue(0, &7, 10));
		assert_eq!(Reputation::ledger(0).unwrap().total, MAX_REPUTATION);
	});
}

#[test]
fn stakes_return_vested_and_earnings_are_pending() {
	execute(|| {
		assert_ok!(Reputation::endow(0, EPOCH, &[(1, 40), (2, 60)]));
		assert_noop!(Reputation::stake(0, &1, 41), Error::<Test>::InsufficientVested);
		assert_noop!(Reputation::stake(9, &1, 1), Error::<Test>::UnknownCooperative);
		assert_ok!(Reputation::stake(0, &1, 40));
		assert_ok!(Reputation::stake(0, &2, 10));
		assert_eq!(Reputation::reputation_of(0, 1), standing(0, 40, &[]));
		assert_eq!(Reputation::ledger(0).unwrap().escrowed, 50);
		assert_eq!(Reputation::ledger(0).unwrap().staked, 50);
		// More back than was staked is not a stake's return.
		assert_noop!(Reputation::return_stake(0, &2, 10, 11), Error::<Test>::InsufficientEscrow);
		assert_noop!(Reputation::return_stake(0, &2, 11, 0), Error::<Test>::InsufficientEscrow);
		// Account 2 gets its 10 back and earns 25 of account 1's stake (pending); 15 burn.
		assert_ok!(Reputation::return_stake(0, &2, 10, 10));
		// Half-way: account 2's stake is settled, account 1's is not; escrow holds 40.
		assert_eq!(Reputation::ledger(0).unwrap().escrowed, 40);
		assert_eq!(Reputation::ledger(0).unwrap().staked, 40);
		assert_ok!(Reputation::pay_earnings(0, &2, 25));
		assert_ok!(Reputation::return_stake(0, &1, 40, 0));
		assert_eq!(Reputation::reputation_of(0, 2), standing(60, 0, &[(25, 20)]));
		// Account 1 lost everything: no entry is left.
		assert!(!crate::ReputationOf::<Test>::contains_key(0, 1));
		assert_noop!(Reputation::pay_earnings(0, &2, 16), Error::<Test>::InsufficientEscrow);
		assert_noop!(Reputation::burn_escrowed(0, 16), Error::<Test>::InsufficientEscrow);
		assert_ok!(Reputation::burn_escrowed(0, 15));
		System::assert_last_event(Event::Burned { dc: 0, amount: 15 }.into());
		assert_eq!(
			Reputation::ledger(0),
			Some(Ledger { total: 85, initial: 100, burned: 15, ..Default::default() })
		);
	});
}

#[test]
fn pending_amounts_stay_in_order() {
	let mut s = standing(0, 0, &[]);
	s.add_pending(5, 30);
	s.add_pending(3, 20);
	assert_eq!(s, standing(0, 0, &[(3, 20), (5, 30)]));
	s.add_pending(0, 40);
	assert_eq!(s, standing(0, 0, &[(3, 20), (5, 30)]));
	s.mature(25);
	assert_eq!(s, standing(3, 0, &[(5, 30)]));
	s.mature(30);
	assert_eq!(s, standing(8, 0, &[]));
	assert_eq!(covalue_primitives::vesting_block(0u64, 10), 20);
	assert_eq!(covalue_primitives::vesting_block(9u64, 10), 20);
	assert_eq!(covalue_primitives::vesting_block(10u64, 10), 30);
	assert_eq!(covalue_primitives::vesting_block(12u64, 1), 14);
}

#[test]
fn there_is_no_call_to_move_or_issue_reputation() {
	assert!(<crate::Call<Test> as GetCallName>::get_call_names().is_empty());
}

#[test]
fn try_state_catches_books_that_do_not_add_up() {
	execute(|| {
		assert_ok!(Reputation::endow(0, EPOCH, &[(1, 40)]));
		crate::ReputationOf::<Test>::insert(0, 2, standing(0, 0, &[(5, 20)]));
		assert!(Reputation::do_try_state().is_err());
		crate::ReputationOf::<Test>::remove(0, 2);
		crate::EpochLengths::<Test>::remove(0);
		assert!(Reputation::do_try_state().is_err());
		crate::EpochLengths::<Test>::insert(0, EPOCH);
	});
}
