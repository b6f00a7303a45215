//! Tests of the runtime as configured: what a restricted proxy may do, and the closing of a
//! contribution with the most evaluations the runtime allows.

use crate::{
	configs::{ProxyType, RuntimeBlockWeights},
	AccountId, Balances, Cooperatives, ProofOfValue, Proxy, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System, UNIT,
};
use frame_support::{
	assert_ok,
	dispatch::{DispatchClass, GetDispatchInfo},
	traits::{Get, InstanceFilter},
};
use sp_runtime::{BuildStorage, Perbill, Permill};

fn account(i: u32) -> AccountId {
	let mut raw = [3u8; 32];
	raw[..4].copy_from_slice(&i.to_le_bytes());
	AccountId::new(raw)
}

const ADMIN: u32 = 1_000_000;

fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Runtime>::default()
		.build_storage()
		.expect("builds");
	pallet_balances::GenesisConfig::<Runtime> {
		balances: vec![(account(ADMIN), 1_000_000 * UNIT), (account(ADMIN + 1), 1_000 * UNIT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("valid balances");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn parameters() -> pallet_cooperatives::ParametersOf<Runtime> {
	pallet_cooperatives::Parameters {
		min_score: 0,
		max_score: 10,
		quorum: Perbill::from_percent(50),
		stake: Perbill::from_percent(10),
		alignment_radius: 1,
		token_per_point: 10,
		reputation_per_point: 20,
		evaluation_period: 10,
	}
}

fn create_dc(members: Vec<(AccountId, u128)>) -> u32 {
	let dc = pallet_cooperatives::NextCooperativeId::<Runtime>::get();
	assert_ok!(Cooperatives::create_dc(
		RuntimeOrigin::signed(account(ADMIN)),
		b"Makers".to_vec().try_into().expect("short"),
		b"Makers token".to_vec().try_into().expect("short"),
		b"MKR".to_vec().try_into().expect("short"),
		0,
		parameters(),
		10,
		members.try_into().expect("within MaxInitialMembers"),
	));
	dc
}

#[test]
fn a_non_transfer_proxy_lets_nothing_through_that_moves_value() {
	let who = account(7);
	let refused = [
		RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: who.clone().into(),
			value: 1,
		}),
		RuntimeCall::Assets(pallet_assets::Call::transfer {
			id: 0.into(),
			target: who.clone().into(),
			amount: 1,
		}),
		RuntimeCall::Reserve(pallet_reserve::Call::redeem { dc: 0, amount: 1, min_proceeds: 0 }),
		RuntimeCall::Reserve(pallet_reserve::Call::buy { dc: 0, amount: 1, max_cost: 1 }),
		RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 {
			other_signatories: vec![],
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		}),
		RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		}),
		RuntimeCall::Cooperatives(pallet_cooperatives::Call::dispatch_as_agent {
			dc: 0,
			call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
		}),
	];
	for call in &refused {
		assert!(!ProxyType::NonTransfer.filter(call), "{call:?}");
		assert!(ProxyType::Any.filter(call));
	}
	let allowed = [
		RuntimeCall::System(frame_system::Call::remark { remark: vec![1] }),
		RuntimeCall::ProofOfValue(pallet_proof_of_value::Call::evaluate {
			contribution: 0,
			score: 3,
		}),
		RuntimeCall::Cooperatives(pallet_cooperatives::Call::transfer_admin {
			dc: 0,
			new_admin: who,
		}),
	];
	for call in &allowed {
		assert!(ProxyType::NonTransfer.filter(call), "{call:?}");
	}
}

#[test]
fn a_restricted_proxy_of_the_admin_cannot_move_the_agents_funds() {
	new_test_ext().execute_with(|| {
		let admin = account(ADMIN);
		let proxy = account(ADMIN + 1);
		let dc = create_dc(vec![(admin.clone(), 100)]);
		let agent = Cooperatives::agent_account(dc);
		assert_ok!(Balances::transfer_keep_alive(
			RuntimeOrigin::signed(admin.clone()),
			agent.clone().into(),
			50 * UNIT
		));
		assert_ok!(Proxy::add_proxy(
			RuntimeOrigin::signed(admin.clone()),
			proxy.clone().into(),
			ProxyType::NonTransfer,
			0
		));
		let steal = RuntimeCall::Balances(pallet_balances::Call::transfer_all {
			dest: proxy.clone().into(),
			keep_alive: false,
		});
		// Straight through the proxy, and wrapped in a batch: both filtered.
		for call in [
			RuntimeCall::Cooperatives(pallet_cooperatives::Call::dispatch_as_agent {
				dc,
				call: Box::new(steal.clone()),
			}),
			RuntimeCall::Utility(pallet_utility::Call::batch {
				calls: vec![RuntimeCall::Cooperatives(
					pallet_cooperatives::Call::dispatch_as_agent {
						dc,
						call: Box::new(steal.clone()),
					},
				)],
			}),
		] {
			assert_ok!(Proxy::proxy(
				RuntimeOrigin::signed(proxy.clone()),
				admin.clone().into(),
				None,
				Box::new(call)
			));
		}
		assert_eq!(Balances::free_balance(&agent), 50 * UNIT);
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result: Err(_) })
		)));
	});
}

#[test]
fn ten_thousand_evaluations_close_in_steps_that_each_fit_a_block() {
	new_test_ext().execute_with(|| {
		let max =
			<<Runtime as pallet_proof_of_value::Config>::MaxEvaluationsPerContribution as Get<
				u32,
			>>::get();
		assert!(max >= 10_000);
		// A DC with 10,000 members. The most initial members a DC can have is smaller, so the
		// rest are endowed through the reputation books directly, as the invariants allow.
		let dc = create_dc(vec![(account(0), 1_000)]);
		for i in 1..max {
			pallet_reputation::ReputationOf::<Runtime>::mutate(dc, account(i), |s| {
				s.vested = 1_000
			});
		}
		pallet_reputation::Ledgers::<Runtime>::mutate(dc, |l| {
			let l = l.as_mut().expect("books");
			l.total = u128::from(max) * 1_000;
			l.initial = l.total;
		});
		let contribution = pallet_proof_of_value::NextContributionId::<Runtime>::get();
		assert_ok!(ProofOfValue::contribute(
			RuntimeOrigin::signed(account(ADMIN)),
			dc,
			Default::default(),
			Default::default(),
			vec![(account(ADMIN), Permill::one())].try_into().expect("one"),
		));
		for i in 0..max {
			// Scores spread over the scale, the median lands in the middle.
			assert_ok!(ProofOfValue::evaluate(
				RuntimeOrigin::signed(account(i)),
				contribution,
				(i % 11) as u8
			));
		}
		System::set_block_number(12);
		let normal = RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_extrinsic
			.expect("normal extrinsics have a limit");
		let close = pallet_proof_of_value::Call::<Runtime>::close { contribution };
		let declared = close.get_dispatch_info().call_weight;
		assert!(declared.all_lte(normal), "{declared:?} exceeds {normal:?}");
		let mut steps = 0;
		loop {
			steps += 1;
			let info = ProofOfValue::close(RuntimeOrigin::signed(account(ADMIN)), contribution)
				.expect("a closing step");
			let used = info.actual_weight.expect("closing reports its weight");
			assert!(used.all_lte(normal), "step {steps}: {used:?} exceeds {normal:?}");
			let c =
				pallet_proof_of_value::Contributions::<Runtime>::get(contribution).expect("kept");
			if matches!(c.status, pallet_proof_of_value::Status::Closed { .. }) {
				break;
			}
		}
		// 10,000 stakes and the earnings of the aligned evaluators, 256 a step.
		assert!(steps >= 10_000 / 256, "{steps}");
		println!("10,000 evaluations closed in {steps} steps");
		pallet_reputation::Pallet::<Runtime>::do_try_state().expect("reputation invariants");
		pallet_proof_of_value::Pallet::<Runtime>::do_try_state().expect("invariants");
	});
}

mod founding;
mod market;
mod validators;
