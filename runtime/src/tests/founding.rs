//! A chain governed by its founding DC (the `governed` preset): root actions, a runtime upgrade
//! above all, happen only through the DC's passed proposals, and no personal key holds root.

use crate::{
	genesis_config_presets, AccountId, Cooperatives, FoundingCooperative, ProofOfValue, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, RuntimeOrigin, Sudo, System, VERSION,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use pallet_proof_of_value::{ProposalOutcome, Proposals};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::BadOrigin, DispatchError};

pub(super) fn who(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

/// Overlays a preset's patch on the default genesis config, as the node does.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The state of the `governed` preset at block 1.
pub(super) fn governed() -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	merge(&mut config, genesis_config_presets::governed_config_genesis());
	let json = serde_json::to_vec(&config).expect("serializes");
	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(json)
			.expect("the governed preset builds");
		System::set_block_number(1);
	});
	ext
}

/// A wasm reader that answers with the given version, as the executor reads a new runtime's.
struct Version(Vec<u8>);

impl sp_core::traits::ReadRuntimeVersion for Version {
	fn read_runtime_version(
		&self,
		_code: &[u8],
		_ext: &mut dyn sp_core::traits::Externalities,
	) -> Result<Vec<u8>, String> {
		Ok(self.0.clone())
	}
}

fn with_version(ext: &mut sp_io::TestExternalities, spec_version: u32) {
	let version = sp_version::RuntimeVersion { spec_version, ..VERSION };
	ext.register_extension(sp_core::traits::ReadRuntimeVersionExt::new(Version(version.encode())));
}

pub(super) fn root(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::FoundingCooperative(pallet_founding_cooperative::Call::dispatch_as_root {
		call: Box::new(call),
	})
}

/// Dave proposes `call` to the founding DC; `votes` evaluate it; it closes after its period.
pub(super) fn decide(call: RuntimeCall, votes: &[(Sr25519Keyring, u8)]) -> (u64, ProposalOutcome) {
	let id = pallet_proof_of_value::NextContributionId::<Runtime>::get();
	assert_ok!(ProofOfValue::propose(
		RuntimeOrigin::signed(who(Sr25519Keyring::Dave)),
		0,
		Box::new(call)
	));
	for (voter, score) in votes {
		assert_ok!(ProofOfValue::evaluate(RuntimeOrigin::signed(who(*voter)), id, *score));
	}
	System::set_block_number(System::block_number() + 11);
	loop {
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(who(Sr25519Keyring::Eve)), id));
		let outcome = Proposals::<Runtime>::get(id).expect("kept until clean-up").outcome;
		if outcome != ProposalOutcome::Undecided {
			return (id, outcome);
		}
	}
}

pub(super) const APPROVE: &[(Sr25519Keyring, u8)] =
	&[(Sr25519Keyring::Alice, 1), (Sr25519Keyring::Bob, 1)];

fn code() -> Vec<u8> {
	b"the next runtime".to_vec()
}

fn authorize() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::authorize_upgrade {
		code_hash: sp_io::hashing::blake2_256(&code()).into(),
	})
}

#[test]
fn the_governed_chain_starts_with_a_self_governed_founding_dc_and_no_sudo_key() {
	governed().execute_with(|| {
		assert_eq!(pallet_founding_cooperative::FoundingCooperative::<Runtime>::get(), Some(0));
		let dc = pallet_cooperatives::Cooperatives::<Runtime>::get(0).expect("DC 0 exists");
		assert_eq!(dc.admin, Cooperatives::agent_account(0));
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(pallet_reputation::Pallet::<Runtime>::ledger_of(0).map(|l| l.total), Some(1000));
	});
}

#[test]
fn a_passed_proposal_of_the_founding_dc_upgrades_the_runtime() {
	let mut ext = governed();
	with_version(&mut ext, VERSION.spec_version + 1);
	ext.execute_with(|| {
		let (_, outcome) = decide(root(authorize()), APPROVE);
		assert_eq!(outcome, ProposalOutcome::Enacted);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::FoundingCooperative(pallet_founding_cooperative::Event::RootDispatched {
				dc: 0,
				result: Ok(())
			})
		)));
		assert!(System::authorized_upgrade().is_some());
		// Anybody may now apply exactly that code (the executor reads a higher version).
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::none(), b"other code".to_vec()),
			frame_system::Error::<Runtime>::Unauthorized
		);
		assert_ok!(System::apply_authorized_upgrade(RuntimeOrigin::none(), code()));
		assert_eq!(
			sp_io::storage::get(sp_core::storage::well_known_keys::CODE).as_deref(),
			Some(&code()[..])
		);
		System::assert_last_event(
			frame_system::Event::CodeUpdated { hash: sp_io::hashing::blake2_256(&code()).into() }
				.into(),
		);
		assert!(System::authorized_upgrade().is_none());
	});
}

#[test]
fn an_authorized_upgrade_that_does_not_raise_the_version_is_rejected() {
	let mut ext = governed();
	with_version(&mut ext, VERSION.spec_version);
	ext.execute_with(|| {
		assert_eq!(decide(root(authorize()), APPROVE).1, ProposalOutcome::Enacted);
		let before = sp_io::storage::get(sp_core::storage::well_known_keys::CODE);
		assert_ne!(before.as_deref(), Some(&code()[..]));
		// Not the caller's fault: the call succeeds, the code stays and the authorization goes.
		assert_ok!(System::apply_authorized_upgrade(RuntimeOrigin::none(), code()));
		System::assert_last_event(
			frame_system::Event::RejectedInvalidAuthorizedUpgrade {
				code_hash: sp_io::hashing::blake2_256(&code()).into(),
				error: frame_system::Error::<Runtime>::SpecVersionNeedsToIncrease.into(),
			}
			.into(),
		);
		assert_eq!(sp_io::storage::get(sp_core::storage::well_known_keys::CODE), before);
		assert!(System::authorized_upgrade().is_none());
	});
}

#[test]
fn no_personal_key_and_no_rejected_proposal_reaches_root() {
	governed().execute_with(|| {
		let alice = RuntimeOrigin::signed(who(Sr25519Keyring::Alice));
		assert_noop!(System::authorize_upgrade(alice.clone(), sp_core::H256::zero()), BadOrigin);
		assert_noop!(
			Sudo::sudo(alice.clone(), Box::new(authorize())),
			pallet_sudo::Error::<Runtime>::RequireSudo
		);
		assert_noop!(
			FoundingCooperative::dispatch_as_root(alice.clone(), Box::new(authorize())),
			pallet_founding_cooperative::Error::<Runtime>::NotFoundingCooperative
		);
		assert_noop!(
			Cooperatives::dispatch_as_agent(alice, 0, Box::new(root(authorize()))),
			pallet_cooperatives::Error::<Runtime>::NotAdmin
		);
		// 400 of 1000 approve: no consensus, nothing is dispatched.
		assert_eq!(
			decide(root(authorize()), &[(Sr25519Keyring::Alice, 1)]).1,
			ProposalOutcome::Rejected
		);
		// A majority against.
		let against =
			[(Sr25519Keyring::Alice, 1), (Sr25519Keyring::Bob, 0), (Sr25519Keyring::Charlie, 0)];
		assert_eq!(decide(root(authorize()), &against).1, ProposalOutcome::Rejected);
		assert!(System::authorized_upgrade().is_none());
	});
}

/// Eve creates a DC of her own, with all of its reputation and herself as admin.
fn eves_dc() -> u32 {
	let eve = who(Sr25519Keyring::Eve);
	let dc = pallet_cooperatives::NextCooperativeId::<Runtime>::get();
	assert_ok!(Cooperatives::create_dc(
		RuntimeOrigin::signed(eve.clone()),
		b"Eve's".to_vec().try_into().expect("short"),
		b"Eve token".to_vec().try_into().expect("short"),
		b"EVE".to_vec().try_into().expect("short"),
		0,
		genesis_config_presets::founding_cooperative().parameters,
		10,
		vec![(eve, 1_000)].try_into().expect("one member"),
	));
	dc
}

#[test]
fn another_dcs_proposal_cannot_act_as_root() {
	governed().execute_with(|| {
		// Eve creates a DC of her own, makes it govern itself and proposes a root call in it.
		let eve = who(Sr25519Keyring::Eve);
		let dc = eves_dc();
		assert_ok!(Cooperatives::transfer_admin(
			RuntimeOrigin::signed(eve.clone()),
			dc,
			Cooperatives::agent_account(dc)
		));
		let id = pallet_proof_of_value::NextContributionId::<Runtime>::get();
		assert_ok!(ProofOfValue::propose(
			RuntimeOrigin::signed(eve.clone()),
			dc,
			Box::new(root(authorize()))
		));
		assert_ok!(ProofOfValue::evaluate(RuntimeOrigin::signed(eve.clone()), id, 1));
		System::set_block_number(12);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(eve), id));
		let failed: Result<(), DispatchError> =
			Err(pallet_founding_cooperative::Error::<Runtime>::NotFoundingCooperative.into());
		System::assert_last_event(
			pallet_proof_of_value::Event::ProposalEnacted { proposal: id, dc, result: failed }
				.into(),
		);
		assert!(System::authorized_upgrade().is_none());
	});
}

#[test]
fn no_proxy_can_be_planted_on_an_agent_account() {
	governed().execute_with(|| {
		// Eve is the admin of a DC of her own and tries to keep control of its agent account
		// before handing the role over: directly, and hidden in a batch.
		let eve = who(Sr25519Keyring::Eve);
		let dc = eves_dc();
		let agent = Cooperatives::agent_account(dc);
		let add_proxy = RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
			delegate: eve.clone().into(),
			proxy_type: crate::configs::ProxyType::Any,
			delay: 0,
		});
		let filtered: Result<(), DispatchError> =
			Err(frame_system::Error::<Runtime>::CallFiltered.into());
		assert_ok!(Cooperatives::dispatch_as_agent(
			RuntimeOrigin::signed(eve.clone()),
			dc,
			Box::new(add_proxy.clone())
		));
		System::assert_last_event(
			pallet_cooperatives::Event::AgentDispatched { dc, result: filtered }.into(),
		);
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![add_proxy.clone()],
		});
		assert_ok!(Cooperatives::dispatch_as_agent(
			RuntimeOrigin::signed(eve.clone()),
			dc,
			Box::new(batch)
		));
		assert!(pallet_proxy::Proxies::<Runtime>::get(&agent).0.is_empty());
		// Nor can the founding DC's members pass one: the filter holds for enacted calls too.
		let (_, outcome) = decide(add_proxy, APPROVE);
		assert_eq!(outcome, ProposalOutcome::Failed);
		assert!(pallet_proxy::Proxies::<Runtime>::get(Cooperatives::agent_account(0))
			.0
			.is_empty());
		// The same call is allowed for a person.
		assert_ok!(crate::Proxy::add_proxy(
			RuntimeOrigin::signed(eve),
			who(Sr25519Keyring::Ferdie).into(),
			crate::configs::ProxyType::Any,
			0
		));
	});
}
