//! Unit tests of the founding-cooperative pallet: who may act as root, and when.

use crate::{mock::*, Error, Event, FoundingCooperative as Founding};
use covalue_test_support::assert_refused;
use frame_support::traits::BuildGenesisConfig;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{traits::BadOrigin, BuildStorage, DispatchError};

fn set_storage(key: &[u8], value: &[u8]) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::set_storage {
		items: vec![(key.to_vec(), value.to_vec())],
	})
}

fn as_root(
	who: AccountId,
	call: RuntimeCall,
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	FoundingCooperative::dispatch_as_root(RuntimeOrigin::signed(who), Box::new(call))
}

#[test]
fn the_agent_of_a_self_governed_founding_dc_acts_as_root() {
	build_and_execute(|| {
		register(0, None);
		Founding::<Test>::put(0);
		assert_ok!(as_root(agent(0), set_storage(b":covalue:test", b"yes")));
		assert_eq!(sp_io::storage::get(b":covalue:test").as_deref(), Some(&b"yes"[..]));
		System::assert_last_event(Event::RootDispatched { dc: 0, result: Ok(()) }.into());
		// A root call's failure is reported, not raised.
		let needs_signed =
			RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![] });
		assert_ok!(as_root(agent(0), needs_signed));
		System::assert_last_event(
			Event::RootDispatched { dc: 0, result: Err(DispatchError::BadOrigin) }.into(),
		);
	});
}

#[test]
fn nobody_else_acts_as_root() {
	build_and_execute(|| {
		register(0, None);
		register(1, None);
		assert_refused!(
			as_root(agent(0), set_storage(b"k", b"v")),
			Error::<Test>::NoFoundingCooperative
		);
		Founding::<Test>::put(0);
		for who in [ALICE, ADMIN, agent(1)] {
			assert_refused!(
				as_root(who, set_storage(b"k", b"v")),
				Error::<Test>::NotFoundingCooperative
			);
		}
		assert_noop!(
			FoundingCooperative::dispatch_as_root(
				RuntimeOrigin::root(),
				Box::new(set_storage(b"k", b"v"))
			),
			BadOrigin
		);
		// Once the founding DC has an admin again, its agent account could be driven by that
		// admin alone: no root for it until it governs itself again.
		register(0, Some(ALICE));
		assert_refused!(as_root(agent(0), set_storage(b"k", b"v")), Error::<Test>::NotSelfGoverned);
	});
}

#[test]
fn root_names_the_next_founding_dc_or_none() {
	build_and_execute(|| {
		register(0, None);
		register(1, Some(ALICE));
		register(2, None);
		Founding::<Test>::put(0);
		let set = |origin, dc| FoundingCooperative::set_founding_cooperative(origin, dc);
		assert_noop!(set(RuntimeOrigin::signed(agent(0)), Some(2)), BadOrigin);
		assert_noop!(set(RuntimeOrigin::root(), Some(9)), Error::<Test>::UnknownCooperative);
		assert_noop!(set(RuntimeOrigin::root(), Some(1)), Error::<Test>::NotSelfGoverned);
		// Through the founding DC itself: root, by its agent.
		let call =
			RuntimeCall::FoundingCooperative(crate::Call::set_founding_cooperative { dc: Some(2) });
		assert_ok!(as_root(agent(0), call));
		assert_eq!(Founding::<Test>::get(), Some(2));
		System::assert_has_event(Event::FoundingCooperativeSet { dc: Some(2) }.into());
		assert_refused!(
			as_root(agent(0), set_storage(b"k", b"v")),
			Error::<Test>::NotFoundingCooperative
		);
		assert_ok!(set(RuntimeOrigin::root(), None));
		assert_refused!(
			as_root(agent(2), set_storage(b"k", b"v")),
			Error::<Test>::NoFoundingCooperative
		);
	});
}

fn genesis(dc: Option<u32>, admin: Option<AccountId>) -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// The registry's DCs are written first, as the cooperatives pallet's genesis runs before
	// this pallet's in the runtime.
	ext.execute_with(|| {
		register(0, admin);
		crate::GenesisConfig::<Test> { dc, _config: Default::default() }.build();
	});
	ext
}

#[test]
fn the_genesis_names_a_self_governed_founding_dc() {
	genesis(None, None).execute_with(|| assert_eq!(Founding::<Test>::get(), None));
	genesis(Some(0), None).execute_with(|| {
		assert_eq!(Founding::<Test>::get(), Some(0));
		assert_ok!(as_root(agent(0), set_storage(b"k", b"v")));
	});
}

#[test]
#[should_panic(expected = "DC 0 can't be the founding DC")]
fn a_founding_dc_with_an_admin_fails_the_genesis() {
	genesis(Some(0), Some(ALICE));
}

#[test]
#[should_panic(expected = "DC 3 can't be the founding DC")]
fn an_unknown_founding_dc_fails_the_genesis() {
	genesis(Some(3), None);
}
