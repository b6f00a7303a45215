//! Unit tests of the cooperatives pallet, with the real assets and balances pallets and mock
//! reputation books. Every test ends with the pallet's invariants (`try_state`).

use crate::{mock::*, Cooperatives as CooperativesStorage, Error, Event, HoldReason};
use covalue_primitives::{ReputationLedger, MAX_REPUTATION};
use covalue_test_support::EXAMPLE_EPOCH;
use frame_support::traits::Footprint;
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::InspectHold,
		fungibles::{metadata::Inspect as MetadataInspect, Inspect},
	},
	BoundedVec,
};
use sp_runtime::traits::Hash;
use sp_runtime::{DispatchError, Perbill, TokenError};

fn create(
	who: AccountId,
	name: &[u8],
	symbol: &[u8],
	parameters: crate::Parameters<u64>,
	members: Vec<(AccountId, u128)>,
) -> sp_runtime::DispatchResult {
	Cooperatives::create_dc(
		RuntimeOrigin::signed(who),
		name.to_vec().try_into().unwrap(),
		b"Token".to_vec().try_into().unwrap(),
		symbol.to_vec().try_into().unwrap(),
		6,
		parameters,
		EXAMPLE_EPOCH.into(),
		BoundedVec::truncate_from(members),
	)
}

#[test]
fn create_dc_sets_everything_up() {
	build_and_execute(|| {
		let free = Balances::free_balance(ADMIN);
		assert_ok!(create(
			ADMIN,
			b"Makers",
			b"MKR",
			example_parameters(),
			vec![(ALICE, 400), (BOB, 600)]
		));
		let dc = 0;
		let c = CooperativesStorage::<Test>::get(dc).unwrap();
		assert_eq!(c.admin, ADMIN);
		assert_eq!(c.name.to_vec(), b"Makers".to_vec());
		assert_eq!(c.parameters, example_parameters());
		assert_eq!(c.agent, Cooperatives::agent_account(dc));
		assert!(c.agent != ADMIN);
		System::assert_has_event(
			Event::CooperativeCreated { dc, admin: ADMIN, agent: c.agent.clone() }.into(),
		);
		// the deposit is held: the base, plus a unit per byte of the record (a 6-byte name,
		// three accounts, the parameters, the ticket), of the reputation books (96) and epoch
		// length (8), and of the two members' entries (an account and a standing of 80 bytes).
		let bytes = 7 + 3 * 32 + 51 + 16 + 96 + 8 + 2 * (32 + 80);
		assert_eq!(
			Cooperatives::footprint(&c.name, 2, &c.parameters),
			Footprint::from_parts(1, bytes)
		);
		let deposit = DEPOSIT_BASE + bytes as u128;
		assert_eq!(Balances::free_balance(ADMIN), free - deposit);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::CooperativeDeposit.into(), &ADMIN),
			deposit
		);
		// a longer name stores more, and costs more.
		assert_ok!(create(
			ADMIN,
			b"Makers and friends",
			b"MKF",
			example_parameters(),
			vec![(ALICE, 1)]
		));
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::CooperativeDeposit.into(), &ADMIN),
			deposit + DEPOSIT_BASE + (bytes as u128 + 12 - (32 + 80))
		);
		// the token: the asset with the DC's id, sufficient, owned by the pallet's account.
		assert!(<Assets as Inspect<AccountId>>::asset_exists(dc));
		assert_eq!(<Assets as MetadataInspect<AccountId>>::symbol(dc), b"MKR".to_vec());
		assert_eq!(<Assets as MetadataInspect<AccountId>>::decimals(dc), 6);
		assert_eq!(<Assets as Inspect<AccountId>>::minimum_balance(dc), 1);
		let details = pallet_assets::Asset::<Test>::get(dc).unwrap();
		assert!(details.is_sufficient);
		assert_eq!(details.owner, Cooperatives::account_id());
		assert_eq!(details.issuer, Cooperatives::account_id());
		// reputation.
		// reputation, vested at once; the epoch length.
		assert_eq!(Reputation::standing(dc, &ALICE).vested, 400);
		assert_eq!(Reputation::standing(dc, &BOB).vested, 600);
		assert_eq!(Reputation::epoch_length(dc), Some(10));
		assert_eq!(Reputation::ledger(dc).unwrap().total, 1000);
		assert_eq!(pallet_cooperatives_next(), 2);
		// the view function.
		let (summary, total, burned) = Cooperatives::cooperative_summary(dc).unwrap();
		assert_eq!((summary.admin, total, burned), (ADMIN, 1000, 0));
	});
}

fn pallet_cooperatives_next() -> u32 {
	crate::NextCooperativeId::<Test>::get()
}

#[test]
fn create_dc_rejects_bad_input_and_changes_nothing() {
	build_and_execute(|| {
		let p = example_parameters();
		let ok = vec![(ALICE, 1)];
		assert_noop!(create(ADMIN, b"", b"X", p, ok.clone()), Error::<Test>::EmptyName);
		assert_noop!(create(ADMIN, b"N", b"", p, ok.clone()), Error::<Test>::EmptyTokenMetadata);
		assert_noop!(create(ADMIN, b"N", b"X", p, vec![]), Error::<Test>::NoMembers);
		assert_noop!(
			create(ADMIN, b"N", b"X", p, vec![(ALICE, 1), (ALICE, 2)]),
			Error::<Test>::DuplicateMember
		);
		assert_noop!(create(ADMIN, b"N", b"X", p, vec![(ALICE, 0)]), Error::<Test>::ZeroReputation);
		assert_noop!(
			create(ADMIN, b"N", b"X", p, vec![(ALICE, u128::MAX), (BOB, 1)]),
			Error::<Test>::ReputationOverflow
		);
		// Above MAX_REPUTATION, not only above u128: the accumulators must fit.
		assert_noop!(
			create(ADMIN, b"N", b"X", p, vec![(ALICE, MAX_REPUTATION), (BOB, 1)]),
			Error::<Test>::ReputationOverflow
		);
		let with_epoch = |epoch: u64, p: crate::Parameters<u64>| {
			Cooperatives::create_dc(
				RuntimeOrigin::signed(ADMIN),
				b"N".to_vec().try_into().unwrap(),
				b"T".to_vec().try_into().unwrap(),
				b"X".to_vec().try_into().unwrap(),
				0,
				p,
				epoch,
				vec![(ALICE, 1)].try_into().unwrap(),
			)
		};
		assert_noop!(with_epoch(0, p), Error::<Test>::InvalidEpochLength);
		let mut long = p;
		long.evaluation_period = 1_001;
		// Within a long epoch, but above MaxEvaluationPeriod (1,000 in the mock).
		assert_noop!(with_epoch(5_000, long), Error::<Test>::InvalidEvaluationPeriod);
		long.evaluation_period = 1_000;
		assert_ok!(with_epoch(5_000, long));
		let with = |f: fn(&mut crate::Parameters<u64>)| {
			let mut p = example_parameters();
			f(&mut p);
			p
		};
		for (bad, error) in [
			(with(|p| p.min_score = 6), Error::<Test>::InvalidScoreRange),
			(with(|p| p.max_score = 0), Error::<Test>::InvalidScoreRange),
			(with(|p| p.max_score = 21), Error::<Test>::InvalidScoreRange),
			(with(|p| p.quorum = Perbill::zero()), Error::<Test>::InvalidQuorum),
			(with(|p| p.quorum = Perbill::from_parts(499_999_999)), Error::<Test>::InvalidQuorum),
			(with(|p| p.alignment_radius = 6), Error::<Test>::InvalidAlignmentRadius),
			(with(|p| p.evaluation_period = 0), Error::<Test>::InvalidEvaluationPeriod),
			// Longer than the epoch of 10.
			(with(|p| p.evaluation_period = 11), Error::<Test>::InvalidEvaluationPeriod),
		] {
			assert_noop!(create(ADMIN, b"N", b"X", bad, ok.clone()), error);
		}
		// the limits themselves are valid.
		let edge = with(|p| {
			p.min_score = 20;
			p.max_score = 20;
			p.alignment_radius = 0;
			p.quorum = Perbill::from_percent(50);
			p.stake = Perbill::one();
			p.evaluation_period = 1;
		});
		assert_ok!(create(ADMIN, b"N", b"X", edge, ok.clone()));
		let edge = with(|p| {
			p.quorum = Perbill::one();
			p.evaluation_period = 10;
		});
		assert_ok!(create(ADMIN, b"N", b"X", edge, vec![(ALICE, MAX_REPUTATION)]));
		// no money for the deposit.
		assert_noop!(create(PENNILESS, b"N", b"X", p, ok), TokenError::FundsUnavailable);
	});
}

#[test]
fn nobody_can_mint_a_dc_token_or_create_assets() {
	build_and_execute(|| {
		assert_ok!(create(ADMIN, b"N", b"X", example_parameters(), vec![(ALICE, 1)]));
		assert_noop!(
			Assets::mint(RuntimeOrigin::signed(ADMIN), 0, ADMIN, 5),
			pallet_assets::Error::<Test>::NoPermission
		);
		assert_noop!(
			Assets::create(RuntimeOrigin::signed(ADMIN), 5, ADMIN, 1),
			DispatchError::BadOrigin
		);
		// nor through the agent.
		let mint =
			RuntimeCall::Assets(pallet_assets::Call::mint { id: 0, beneficiary: ADMIN, amount: 5 });
		assert_ok!(Cooperatives::dispatch_as_agent(
			RuntimeOrigin::signed(ADMIN),
			0,
			Box::new(mint)
		));
		System::assert_last_event(
			Event::AgentDispatched {
				dc: 0,
				result: Err(pallet_assets::Error::<Test>::NoPermission.into()),
			}
			.into(),
		);
		assert_eq!(<Assets as Inspect<AccountId>>::total_issuance(0), 0);
	});
}

#[test]
fn only_the_admin_changes_parameters() {
	build_and_execute(|| {
		assert_ok!(create(ADMIN, b"N", b"X", example_parameters(), vec![(ALICE, 1)]));
		let mut p = example_parameters();
		p.stake = Perbill::from_percent(20);
		assert_noop!(
			Cooperatives::set_parameters(RuntimeOrigin::signed(ALICE), 0, p),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Cooperatives::set_parameters(RuntimeOrigin::signed(ADMIN), 1, p),
			Error::<Test>::UnknownCooperative
		);
		let mut bad = p;
		bad.evaluation_period = 0;
		assert_noop!(
			Cooperatives::set_parameters(RuntimeOrigin::signed(ADMIN), 0, bad),
			Error::<Test>::InvalidEvaluationPeriod
		);
		// The DC's epoch length (10) bounds the period of every later change too.
		bad.evaluation_period = 11;
		assert_noop!(
			Cooperatives::set_parameters(RuntimeOrigin::signed(ADMIN), 0, bad),
			Error::<Test>::InvalidEvaluationPeriod
		);
		assert_ok!(Cooperatives::set_parameters(RuntimeOrigin::signed(ADMIN), 0, p));
		System::assert_last_event(Event::ParametersSet { dc: 0, parameters: p }.into());
		assert_eq!(CooperativesStorage::<Test>::get(0).unwrap().parameters, p);
	});
}

#[test]
fn the_admin_role_moves_and_the_old_admin_loses_it() {
	build_and_execute(|| {
		assert_ok!(create(ADMIN, b"N", b"X", example_parameters(), vec![(ALICE, 1)]));
		assert_noop!(
			Cooperatives::transfer_admin(RuntimeOrigin::signed(ALICE), 0, ALICE),
			Error::<Test>::NotAdmin
		);
		assert_ok!(Cooperatives::transfer_admin(RuntimeOrigin::signed(ADMIN), 0, BOB));
		System::assert_last_event(Event::AdminTransferred { dc: 0, from: ADMIN, to: BOB }.into());
		assert_noop!(
			Cooperatives::set_parameters(RuntimeOrigin::signed(ADMIN), 0, example_parameters()),
			Error::<Test>::NotAdmin
		);
		assert_ok!(Cooperatives::set_parameters(
			RuntimeOrigin::signed(BOB),
			0,
			example_parameters()
		));
	});
}

#[test]
fn the_admin_acts_as_the_agent() {
	build_and_execute(|| {
		assert_ok!(create(ADMIN, b"N", b"X", example_parameters(), vec![(ALICE, 1)]));
		let agent = Cooperatives::agent_account(0);
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(ALICE),
			agent.clone(),
			500
		));
		let pay = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: CAROL,
			value: 200,
		});
		assert_noop!(
			Cooperatives::dispatch_as_agent(RuntimeOrigin::signed(ALICE), 0, Box::new(pay.clone())),
			Error::<Test>::NotAdmin
		);
		let carol = Balances::free_balance(CAROL);
		assert_ok!(Cooperatives::dispatch_as_agent(RuntimeOrigin::signed(ADMIN), 0, Box::new(pay)));
		System::assert_last_event(Event::AgentDispatched { dc: 0, result: Ok(()) }.into());
		assert_eq!(Balances::free_balance(CAROL), carol + 200);
		assert_eq!(Balances::free_balance(&agent), 300);
		// the agent as admin of another DC: a DC governing a DC.
		assert_ok!(create(ADMIN, b"M", b"Y", example_parameters(), vec![(BOB, 1)]));
		assert_ok!(Cooperatives::transfer_admin(RuntimeOrigin::signed(ADMIN), 1, agent));
		let mut p = example_parameters();
		p.quorum = Perbill::from_percent(70);
		let set = RuntimeCall::Cooperatives(crate::Call::set_parameters { dc: 1, parameters: p });
		assert_ok!(Cooperatives::dispatch_as_agent(RuntimeOrigin::signed(ADMIN), 0, Box::new(set)));
		assert_eq!(CooperativesStorage::<Test>::get(1).unwrap().parameters.quorum, p.quorum);
	});
}

#[test]
fn the_agent_keeps_the_callers_call_filter() {
	build_and_execute(|| {
		use frame_support::traits::OriginTrait;
		assert_ok!(create(ADMIN, b"N", b"X", example_parameters(), vec![(ALICE, 1)]));
		let agent = Cooperatives::agent_account(0);
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(ALICE),
			agent.clone(),
			500
		));
		// The admin's origin as a proxy that may not move balances would see it.
		let mut restricted = RuntimeOrigin::signed(ADMIN);
		restricted.add_filter(|call| !matches!(call, RuntimeCall::Balances(..)));
		let pay = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: CAROL,
			value: 200,
		});
		assert_ok!(Cooperatives::dispatch_as_agent(restricted.clone(), 0, Box::new(pay)));
		System::assert_last_event(
			Event::AgentDispatched {
				dc: 0,
				result: Err(frame_system::Error::<Test>::CallFiltered.into()),
			}
			.into(),
		);
		assert_eq!(Balances::free_balance(&agent), 500);
		// What the filter lets through still runs as the agent.
		let remark = RuntimeCall::System(frame_system::Call::remark_with_event { remark: vec![1] });
		assert_ok!(Cooperatives::dispatch_as_agent(restricted, 0, Box::new(remark)));
		System::assert_has_event(
			frame_system::Event::Remarked {
				sender: agent,
				hash: sp_runtime::traits::BlakeTwo256::hash(&[1]),
			}
			.into(),
		);
	});
}

#[test]
fn the_agent_call_filter_applies_to_every_agent_dispatch() {
	build_and_execute(|| {
		assert_ok!(create(ADMIN, b"N", b"X", example_parameters(), vec![(ALICE, 1)]));
		// The agent holds funds of its own, which it may not burn.
		let agent = Cooperatives::agent_account(0);
		assert_ok!(Balances::transfer_keep_alive(RuntimeOrigin::signed(ADMIN), agent.clone(), 50));
		let burn =
			RuntimeCall::Balances(pallet_balances::Call::burn { value: 1, keep_alive: true });
		assert_ok!(Cooperatives::dispatch_as_agent(
			RuntimeOrigin::signed(ADMIN),
			0,
			Box::new(burn.clone())
		));
		assert_eq!(Balances::free_balance(&agent), 50);
		System::assert_last_event(
			Event::AgentDispatched {
				dc: 0,
				result: Err(frame_system::Error::<Test>::CallFiltered.into()),
			}
			.into(),
		);
		// The same call signed by a person passes: the filter is the agent's alone.
		use sp_runtime::traits::Dispatchable;
		assert_ok!(burn.dispatch(RuntimeOrigin::signed(ADMIN)));
	});
}

#[test]
fn a_taken_token_id_or_an_unknown_dc_is_refused() {
	build_and_execute(|| {
		// Root (allowed to force-create in this mock, never in the runtime) takes asset id 0.
		assert_ok!(Assets::force_create(RuntimeOrigin::root(), 0, ALICE, true, 1));
		assert_noop!(
			create(ADMIN, b"N", b"X", example_parameters(), vec![(ALICE, 1)]),
			Error::<Test>::TokenIdTaken
		);
		assert_noop!(
			Cooperatives::transfer_admin(RuntimeOrigin::signed(ADMIN), 0, BOB),
			Error::<Test>::UnknownCooperative
		);
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert_noop!(
			Cooperatives::dispatch_as_agent(RuntimeOrigin::signed(ADMIN), 0, Box::new(remark)),
			Error::<Test>::UnknownCooperative
		);
		assert_noop!(
			Cooperatives::create_dc(
				RuntimeOrigin::none(),
				b"N".to_vec().try_into().unwrap(),
				b"T".to_vec().try_into().unwrap(),
				b"X".to_vec().try_into().unwrap(),
				0,
				example_parameters(),
				10,
				vec![(ALICE, 1)].try_into().unwrap(),
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn no_dc_ids_left_is_an_error() {
	build_and_execute(|| {
		crate::NextCooperativeId::<Test>::put(u32::MAX);
		assert_noop!(
			create(ADMIN, b"N", b"X", example_parameters(), vec![(ALICE, 1)]),
			Error::<Test>::NoMoreIds
		);
	});
}

#[test]
fn keyless_accounts_differ_per_dc_and_role() {
	new_test_ext().execute_with(|| {
		let accounts = [
			Cooperatives::account_id(),
			Cooperatives::agent_account(0),
			Cooperatives::agent_account(1),
			Cooperatives::agent_account(u32::MAX),
		];
		for (i, a) in accounts.iter().enumerate() {
			for b in &accounts[i + 1..] {
				assert_ne!(a, b);
			}
		}
	});
}

fn genesis_dc(admin: Option<AccountId>) -> crate::GenesisCooperative<AccountId, u64> {
	crate::GenesisCooperative {
		name: "Founders".into(),
		token_name: "Founding token".into(),
		token_symbol: "FND".into(),
		token_decimals: 2,
		parameters: example_parameters(),
		epoch_length: 10,
		members: vec![(ALICE, 400), (BOB, 300)],
		admin,
		depositor: ERIN,
	}
}

fn genesis_ext(
	cooperatives: Vec<crate::GenesisCooperative<AccountId, u64>>,
) -> sp_io::TestExternalities {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: ENDOWED.map(|a| (a, ENDOWMENT)).to_vec(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> { cooperatives }
		.assimilate_storage(&mut storage)
		.unwrap();
	sp_io::TestExternalities::new(storage)
}

#[test]
fn genesis_creates_dcs_that_govern_themselves_unless_an_admin_is_named() {
	let ext = genesis_ext(vec![genesis_dc(None), genesis_dc(Some(ADMIN))]);
	covalue_test_support::execute_checked(
		ext,
		|| {
			let founders = CooperativesStorage::<Test>::get(0).expect("created at genesis");
			assert_eq!(founders.admin, Cooperatives::agent_account(0));
			assert_eq!(founders.agent, Cooperatives::agent_account(0));
			assert_eq!(founders.depositor, ERIN);
			assert_eq!(CooperativesStorage::<Test>::get(1).map(|c| c.admin), Some(ADMIN));
			assert_eq!(crate::NextCooperativeId::<Test>::get(), 2);
			assert_eq!(Reputation::standing(0, &ALICE).vested, 400);
			assert_eq!(Reputation::epoch_length(1), Some(10));
			// Both deposits were held from the depositor, as `create_dc` holds them.
			let deposit = DEPOSIT_BASE
				+ crate::Pallet::<Test>::footprint(
					&b"Founders".to_vec().try_into().unwrap(),
					2,
					&example_parameters(),
				)
				.size as u128;
			let reason = HoldReason::CooperativeDeposit.into();
			assert_eq!(
				<Balances as frame_support::traits::fungible::InspectHold<_>>::balance_on_hold(
					&reason, &ERIN
				),
				2 * deposit
			);
			// The admin of the self-governed DC is nobody's key.
			assert_noop!(
				Cooperatives::transfer_admin(RuntimeOrigin::signed(ERIN), 0, ERIN),
				Error::<Test>::NotAdmin
			);
		},
		Cooperatives::do_try_state,
	);
}

#[test]
#[should_panic(expected = "genesis DC 1 (`Founders`) can't be created")]
fn an_invalid_genesis_dc_fails_the_genesis() {
	let mut bad = genesis_dc(None);
	bad.parameters.quorum = sp_runtime::Perbill::from_percent(10);
	genesis_ext(vec![genesis_dc(None), bad]);
}

#[test]
fn the_genesis_config_is_plain_json() {
	let json = serde_json::to_value(genesis_dc(None)).unwrap();
	assert_eq!(json["tokenSymbol"], "FND");
	assert_eq!(json["parameters"]["quorum"], 500_000_000);
	assert_eq!(json["parameters"]["evaluationPeriod"], 10);
	assert_eq!(json["admin"], serde_json::Value::Null);
	let back: crate::GenesisCooperative<AccountId, u64> = serde_json::from_value(json).unwrap();
	assert_eq!(back, genesis_dc(None));
}
