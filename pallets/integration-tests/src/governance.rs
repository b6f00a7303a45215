//! Self-governed DCs (§10): a DC whose admin is its own agent account changes its parameters,
//! price cap, admin and agent calls only through passed proposals, and nobody acts for it alone.

use crate::mock::*;
use frame_support::{assert_noop, assert_ok};
use pallet_cooperatives::{CooperativeId, CooperativeInspect, Parameters};
use pallet_proof_of_value::{Event as PovEvent, ProposalOutcome, Proposals};
use sp_runtime::{DispatchError, FixedU128, Perbill, Permill};

type CoopError = pallet_cooperatives::Error<Test>;

fn agent(dc: CooperativeId) -> AccountId {
	Cooperatives::agent_account(dc)
}

/// ADMIN hands the admin role to the DC's agent account.
fn govern(dc: CooperativeId) {
	assert!(!<Cooperatives as CooperativeInspect<AccountId>>::is_self_governed(dc));
	assert_ok!(Cooperatives::transfer_admin(RuntimeOrigin::signed(ADMIN), dc, agent(dc)));
	assert!(<Cooperatives as CooperativeInspect<AccountId>>::is_self_governed(dc));
}

fn propose(dc: CooperativeId, call: RuntimeCall) -> u64 {
	let id = pallet_proof_of_value::NextContributionId::<Test>::get();
	assert_ok!(ProofOfValue::propose(RuntimeOrigin::signed(DAVE), dc, Box::new(call)));
	id
}

/// Evaluates proposal `id` with these votes, lets its period pass and closes it; returns its
/// outcome.
fn decide(id: u64, votes: &[(AccountId, u8)]) -> ProposalOutcome {
	for (who, score) in votes {
		evaluate(who.clone(), id, *score);
	}
	run_to_block(System::block_number() + 11);
	close(id);
	Proposals::<Test>::get(id).expect("the proposal keeps its call").outcome
}

/// alice and bob approve: 700 of the example DC's 1000.
fn approved(id: u64) -> ProposalOutcome {
	decide(id, &[(ALICE, 1), (BOB, 1)])
}

fn enacted_result(id: u64) -> Option<Result<(), DispatchError>> {
	System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::ProofOfValue(PovEvent::ProposalEnacted { proposal, result, .. })
			if proposal == id =>
		{
			Some(result)
		},
		_ => None,
	})
}

fn native() -> pallet_reserve::ReserveAsset {
	frame_support::traits::fungible::NativeOrWithId::Native
}

fn quorum_60() -> Parameters<u64> {
	Parameters { quorum: Perbill::from_percent(60), ..example_parameters() }
}

fn set_parameters(dc: CooperativeId, parameters: Parameters<u64>) -> RuntimeCall {
	RuntimeCall::Cooperatives(pallet_cooperatives::Call::set_parameters { dc, parameters })
}

#[test]
fn the_admin_of_a_self_governed_dc_cannot_act_alone() {
	build_and_execute(|| {
		let dc = example_dc();
		govern(dc);
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		let signed = || RuntimeOrigin::signed(ADMIN);
		assert_noop!(Cooperatives::set_parameters(signed(), dc, quorum_60()), CoopError::NotAdmin);
		assert_noop!(Cooperatives::transfer_admin(signed(), dc, ADMIN), CoopError::NotAdmin);
		assert_noop!(
			Cooperatives::dispatch_as_agent(signed(), dc, Box::new(remark)),
			CoopError::NotAdmin
		);
		assert_noop!(
			Reserve::set_price_cap(signed(), dc, FixedU128::from(2), native()),
			pallet_reserve::Error::<Test>::NotAdmin
		);
		// Nor can a member, however much reputation it holds.
		assert_noop!(
			Cooperatives::transfer_admin(RuntimeOrigin::signed(ALICE), dc, ALICE),
			CoopError::NotAdmin
		);
	});
}

#[test]
fn a_passed_proposal_changes_the_parameters() {
	build_and_execute(|| {
		let dc = example_dc();
		govern(dc);
		let p = propose(dc, set_parameters(dc, quorum_60()));
		assert_eq!(approved(p), ProposalOutcome::Enacted);
		assert_eq!(Cooperatives::parameters(dc), Some(quorum_60()));
		System::assert_has_event(
			pallet_cooperatives::Event::ParametersSet { dc, parameters: quorum_60() }.into(),
		);
		// Proposals issue nothing: no tokens, no reputation beyond the stakes' settlement.
		assert_eq!(supply(dc), 0);
		assert_eq!((ledger(dc).issued, ledger(dc).total), (0, 999));
		// Later contributions use the new quorum.
		let c = contribute_as(DAVE, dc, &[(DAVE, Permill::one())]);
		let status = ProofOfValue::contribution_status(c).expect("open");
		assert_eq!(status.need, Perbill::from_percent(60).mul_ceil(999));
	});
}

#[test]
fn a_rejected_proposal_changes_nothing_and_returns_every_stake_without_consensus() {
	build_and_execute(|| {
		let dc = example_dc();
		govern(dc);
		// 400 of 1000 approve: no score has 501 behind it.
		let p = propose(dc, set_parameters(dc, quorum_60()));
		assert_eq!(decide(p, &[(ALICE, 1)]), ProposalOutcome::Rejected);
		assert_eq!(Cooperatives::parameters(dc), Some(example_parameters()));
		assert_eq!((vested(dc, &ALICE), pending(dc, &ALICE)), (400, 0));
		// A majority rejects: rejected, and the approver forfeits its stake to the rejecters.
		// bob's 30 goes to the pot (nothing earlier is aligned with 0); carol's 30 splits
		// ⌊30·300/600⌋ = 15 to bob's bucket and 15 to the pot of 85. The median is 0: bob
		// accrued 15 and shares the pot with carol, ⌊85·300/600⌋ = 42 each; 1 burns.
		let p = propose(dc, set_parameters(dc, quorum_60()));
		assert_eq!(decide(p, &[(ALICE, 1), (BOB, 0), (CAROL, 0)]), ProposalOutcome::Rejected);
		assert_eq!(Cooperatives::parameters(dc), Some(example_parameters()));
		assert_eq!((rep(dc, &ALICE), rep(dc, &BOB), rep(dc, &CAROL)), (360, 327, 312));
	});
}

#[test]
fn the_price_cap_and_agent_calls_change_only_through_proposals() {
	build_and_execute(|| {
		let dc = example_dc();
		govern(dc);
		// The agent pays the reserve account's existential deposit from its own funds.
		assert_ok!(Balances::transfer_keep_alive(RuntimeOrigin::signed(ERIN), agent(dc), 100));
		let cap = FixedU128::from_rational(5, 2);
		let p = propose(
			dc,
			RuntimeCall::Reserve(pallet_reserve::Call::set_price_cap {
				dc,
				price_cap: cap,
				asset: native(),
			}),
		);
		assert_eq!(approved(p), ProposalOutcome::Enacted);
		assert_eq!(Reserve::reserve_summary(dc).map(|r| r.price_cap), Some(cap));

		// Tokens the DC holds move only when a proposal says so: here through the agent
		// dispatch, which the agent, as admin, may call for itself.
		assert_ok!(Reserve::buy(RuntimeOrigin::signed(ERIN), dc, 40, u128::MAX));
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(ERIN), dc, agent(dc), 30));
		let transfer = RuntimeCall::Assets(pallet_assets::Call::transfer {
			id: dc,
			target: CAROL,
			amount: 12,
		});
		let p = propose(
			dc,
			RuntimeCall::Cooperatives(pallet_cooperatives::Call::dispatch_as_agent {
				dc,
				call: Box::new(transfer),
			}),
		);
		assert_eq!(approved(p), ProposalOutcome::Enacted);
		assert_eq!((tokens(dc, agent(dc)), tokens(dc, CAROL)), (18, 12));
	});
}

#[test]
fn only_a_proposal_takes_the_admin_role_back() {
	build_and_execute(|| {
		let dc = example_dc();
		govern(dc);
		let back = RuntimeCall::Cooperatives(pallet_cooperatives::Call::transfer_admin {
			dc,
			new_admin: ADMIN,
		});
		let p = propose(dc, back.clone());
		assert_eq!(decide(p, &[(ALICE, 0), (BOB, 0)]), ProposalOutcome::Rejected);
		assert_eq!(Cooperatives::admin(dc), Some(agent(dc)));
		let p = propose(dc, back);
		assert_eq!(approved(p), ProposalOutcome::Enacted);
		System::assert_has_event(
			pallet_cooperatives::Event::AdminTransferred { dc, from: agent(dc), to: ADMIN }.into(),
		);
		assert_eq!(Cooperatives::admin(dc), Some(ADMIN));
		assert_ok!(Cooperatives::set_parameters(RuntimeOrigin::signed(ADMIN), dc, quorum_60()));
	});
}

#[test]
fn a_passed_proposal_whose_call_fails_is_not_enacted() {
	build_and_execute(|| {
		let dc = example_dc();
		// Not self-governed: `set_parameters` as the agent is not the admin's.
		let p = propose(dc, set_parameters(dc, quorum_60()));
		assert_eq!(approved(p), ProposalOutcome::Failed);
		assert_eq!(enacted_result(p), Some(Err(CoopError::NotAdmin.into())));
		assert_eq!(Cooperatives::parameters(dc), Some(example_parameters()));
		// Self-governed, invalid parameters fail at enactment.
		govern(dc);
		let invalid = Parameters { quorum: Perbill::from_percent(10), ..example_parameters() };
		let p = propose(dc, set_parameters(dc, invalid));
		assert_eq!(approved(p), ProposalOutcome::Failed);
		assert_eq!(enacted_result(p), Some(Err(CoopError::InvalidQuorum.into())));
		assert_eq!(Cooperatives::parameters(dc), Some(example_parameters()));
		// The closings settled as usual: the stakes of §8 twice (alice +7, bob −8, 1 burned).
		assert_eq!((rep(dc, &ALICE), rep(dc, &BOB)), (414, 284));
		assert_eq!(ledger(dc).burned, 2);
	});
}

#[test]
fn a_proposal_counts_the_reputation_at_submission() {
	build_and_execute(|| {
		let dc = example_dc();
		govern(dc);
		let p = propose(dc, set_parameters(dc, quorum_60()));
		// A work contribution closing in the window burns and issues: the proposal's
		// threshold stays a majority of the 1000 at its submission.
		let w = contribute_as(DAVE, dc, &[(DAVE, Permill::one())]);
		evaluate(CAROL, w, 5);
		evaluate(BOB, w, 5);
		assert!(ledger(dc).total > 1000);
		let status = ProofOfValue::contribution_status(p).expect("open");
		assert_eq!(status.need, 501);
		// carol and bob hold 600 of the 1000: enough.
		assert_eq!(decide(p, &[(CAROL, 1), (BOB, 1)]), ProposalOutcome::Enacted);
	});
}
