//! Validators by governance, on the `governed` preset: a passed proposal of the founding DC adds
//! or removes a validator, and Aura and GRANDPA follow the session that brings the change.

use super::founding::{decide, governed, root, who, APPROVE};
use crate::{
	AccountId, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Session, SessionKeys, System,
	ValidatorSet,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use pallet_proof_of_value::ProposalOutcome;
use sp_keyring::Sr25519Keyring;
use sp_runtime::traits::BadOrigin;

fn add(account: AccountId) -> RuntimeCall {
	RuntimeCall::ValidatorSet(pallet_validator_set::Call::add_validator { who: account.into() })
}

fn remove(account: AccountId) -> RuntimeCall {
	RuntimeCall::ValidatorSet(pallet_validator_set::Call::remove_validator { who: account.into() })
}

/// The governed chain with a keystore, in which a validator's node makes its session keys.
fn chain() -> sp_io::TestExternalities {
	let mut ext = governed();
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext
}

/// Bob's node makes session keys with a proof for Bob's account, and Bob registers them.
fn register_bob() -> SessionKeys {
	let bob = who(Sr25519Keyring::Bob);
	let generated = SessionKeys::generate(&bob.encode(), None);
	assert_ok!(Session::set_keys(
		RuntimeOrigin::signed(bob),
		generated.keys.clone(),
		generated.proof.encode()
	));
	generated.keys
}

fn root_dispatched(result: sp_runtime::DispatchResult) -> bool {
	System::events().iter().any(|r| {
		r.event
			== RuntimeEvent::FoundingCooperative(
				pallet_founding_cooperative::Event::RootDispatched { dc: 0, result },
			)
	})
}

#[test]
fn a_passed_proposal_adds_a_validator_and_aura_and_grandpa_follow() {
	chain().execute_with(|| {
		let (alice, bob) = (who(Sr25519Keyring::Alice), who(Sr25519Keyring::Bob));
		let keys = register_bob();
		// Nobody adds a validator directly.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(alice.clone()), bob.clone().into()),
			BadOrigin
		);

		let (_, outcome) = decide(root(add(bob.clone())), APPROVE);
		assert_eq!(outcome, ProposalOutcome::Enacted);
		assert!(root_dispatched(Ok(())));
		System::assert_has_event(
			pallet_validator_set::Event::ValidatorAdded { who: bob.clone() }.into(),
		);
		assert_eq!(
			pallet_validator_set::Validators::<Runtime>::get().into_inner(),
			vec![alice.clone(), bob.clone()]
		);

		// The next rotation queues the set; the one after makes it active.
		let set_id = pallet_grandpa::CurrentSetId::<Runtime>::get();
		Session::rotate_session();
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice.clone()]);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		Session::rotate_session();
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice.clone(), bob.clone()]);
		let aura: Vec<_> = pallet_aura::Authorities::<Runtime>::get().into_inner();
		assert_eq!(aura, vec![Sr25519Keyring::Alice.public().into(), keys.aura.clone()]);
		// GRANDPA schedules the new set, to take effect when this block is finalized.
		let change =
			pallet_grandpa::PendingChange::<Runtime>::get().expect("a change is scheduled");
		let voters: Vec<_> = change.next_authorities.iter().map(|(id, _)| id.clone()).collect();
		assert_eq!(voters, vec![sp_keyring::Ed25519Keyring::Alice.public().into(), keys.grandpa]);
		assert_eq!(pallet_grandpa::CurrentSetId::<Runtime>::get(), set_id + 1);
	});
}

#[test]
fn a_proposal_without_a_majority_changes_no_validator() {
	chain().execute_with(|| {
		let bob = who(Sr25519Keyring::Bob);
		register_bob();
		let (_, outcome) = decide(root(add(bob)), &[(Sr25519Keyring::Alice, 1)]);
		assert_eq!(outcome, ProposalOutcome::Rejected);
		assert_eq!(
			pallet_validator_set::Validators::<Runtime>::get().into_inner(),
			vec![who(Sr25519Keyring::Alice)]
		);
		assert!(!pallet_validator_set::SetChanged::<Runtime>::get());
	});
}

#[test]
fn a_passed_proposal_cannot_remove_the_last_validator_nor_add_one_without_keys() {
	chain().execute_with(|| {
		let (_, outcome) = decide(root(remove(who(Sr25519Keyring::Alice))), APPROVE);
		assert_eq!(outcome, ProposalOutcome::Enacted);
		assert!(root_dispatched(Err(
			pallet_validator_set::Error::<Runtime>::TooFewValidators.into()
		)));
		let (_, outcome) = decide(root(add(who(Sr25519Keyring::Charlie))), APPROVE);
		assert_eq!(outcome, ProposalOutcome::Enacted);
		assert!(root_dispatched(Err(pallet_validator_set::Error::<Runtime>::NoSessionKeys.into())));
		assert_eq!(
			pallet_validator_set::Validators::<Runtime>::get().into_inner(),
			vec![who(Sr25519Keyring::Alice)]
		);
	});
}

#[test]
fn session_keys_need_a_proof_for_the_registering_account() {
	chain().execute_with(|| {
		let charlie = who(Sr25519Keyring::Charlie);
		// Keys proven for Bob can't be registered by Charlie.
		let generated = SessionKeys::generate(&who(Sr25519Keyring::Bob).encode(), None);
		assert_noop!(
			Session::set_keys(
				RuntimeOrigin::signed(charlie),
				generated.keys,
				generated.proof.encode()
			),
			pallet_session::Error::<Runtime>::InvalidProof
		);
	});
}
