//! Proposals (§10) with the mock registry: submission, the scale and threshold, enactment as the
//! DC's agent account, rejection, failing and undecodable calls, and the weight of closing. The
//! flows that change a real DC (self-government) are in `covalue-integration-tests`.

use super::*;
use crate::{Proposal, ProposalOutcome, Proposals};
use codec::Encode;
use frame_support::dispatch::GetDispatchInfo;

type Call = crate::mock::RuntimeCall;

fn remark(bytes: &[u8]) -> Call {
	Call::System(frame_system::Call::remark_with_event { remark: bytes.to_vec() })
}

fn propose(who: AccountId, dc: CooperativeId, call: Call) -> ContributionId {
	let id = crate::NextContributionId::<Test>::get();
	assert_ok!(ProofOfValue::propose(RuntimeOrigin::signed(who), dc, Box::new(call)));
	id
}

/// Closes `id` with as many `close` calls as it takes (the mock settles 4 items per step).
fn close(id: ContributionId) {
	loop {
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), id));
		match Contributions::<Test>::get(id) {
			Some(c) if !matches!(c.status, Status::Closed { .. }) => continue,
			_ => return,
		}
	}
}

fn proposal(id: ContributionId) -> Proposal<Test> {
	Proposals::<Test>::get(id).expect("the proposal keeps its call")
}

fn agent(dc: CooperativeId) -> AccountId {
	Registry::agent_account(dc)
}

#[test]
fn propose_rejects_bad_input_and_changes_nothing() {
	build_and_execute(|| {
		let dc = example_dc();
		let call =
			|dc, call: Call| ProofOfValue::propose(RuntimeOrigin::signed(DAVE), dc, Box::new(call));
		assert_refused!(call(7, remark(b"x")), Error::<Test>::UnknownCooperative);
		// MaxProposalLength is 256 in the mock: a remark of 250 bytes encodes to 255 (two bytes
		// of call index, two of length), one of 252 bytes to 256, one more is too long.
		assert_eq!(remark(&[0; 252]).encoded_size(), 256);
		assert_ok!(call(dc, remark(&[0; 252])));
		assert_refused!(call(dc, remark(&[0; 253])), Error::<Test>::ProposalTooLarge);
		// `close` declares room for a proposal's call: more than a proposal may declare.
		let heavy = Call::ProofOfValue(crate::Call::close { contribution: 0 });
		let max: Weight = <Test as crate::Config>::MaxProposalWeight::get();
		assert!(!heavy.get_dispatch_info().call_weight.all_lte(max));
		assert_refused!(call(dc, heavy), Error::<Test>::ProposalTooLarge);
	});
}

#[test]
fn a_proposal_is_a_contribution_on_the_scale_0_to_1_with_a_strict_majority() {
	build_and_execute(|| {
		let dc = example_dc();
		let free = Balances::free_balance(DAVE);
		let call = remark(b"hello");
		let encoded = call.encode();
		let p = propose(DAVE, dc, call.clone());
		let c = contribution(p);
		assert_eq!(c.kind, covalue_primitives::ContributionKind::Proposal);
		assert_eq!(c.contributors.to_vec(), vec![(DAVE, FULL)]);
		assert_eq!(c.parameters, crate::protocol::proposal_parameters(example_parameters()));
		assert_eq!((c.parameters.min_score, c.parameters.max_score), (0, 1));
		assert_eq!(c.total_at_submission, 1000);
		// Quorum 50% of 1000 is 500, a tie: a proposal needs 501.
		assert_eq!(c.need, 501);
		assert_eq!(c.buckets.len(), 2);
		assert_eq!(c.content_hash, <Test as frame_system::Config>::Hashing::hash(&encoded));
		assert_eq!(
			proposal(p),
			Proposal {
				dc,
				call: encoded.clone().try_into().unwrap(),
				weight: call.get_dispatch_info().call_weight,
				outcome: ProposalOutcome::Undecided,
			}
		);
		System::assert_last_event(
			Event::Proposed { proposal: p, dc, proposer: DAVE, call_hash: c.content_hash }.into(),
		);
		// The deposit: a contribution record with one contributor, no URI and two buckets,
		// plus the proposal record (dc 4, the call with its length byte, weight 16, outcome 1).
		let bytes = ProofOfValue::footprint(0, 1, 2).size + 4 + 1 + encoded.len() as u64 + 16 + 1;
		assert_eq!(ProofOfValue::proposal_footprint(encoded.len()).size, bytes);
		assert_eq!(Balances::free_balance(DAVE), free - DEPOSIT_BASE - bytes as u128);
		// Scores are 0 and 1 only.
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(ALICE), p, 2),
			Error::<Test>::ScoreOutOfRange
		);
	});
}

#[test]
fn a_passed_proposal_is_enacted_as_the_agent_and_settles_like_work() {
	build_and_execute(|| {
		let dc = example_dc();
		let p = propose(DAVE, dc, remark(b"hello"));
		// The §9 evaluations on the scale 0..=1: 700 approve, 300 reject.
		evaluate(ALICE, p, 1);
		evaluate(BOB, p, 1);
		assert_eq!(contribution(p).paid, 1);
		evaluate(CAROL, p, 0);
		assert_refused!(
			ProofOfValue::close(RuntimeOrigin::signed(ERIN), p),
			Error::<Test>::EvaluationPeriodNotOver
		);
		assert!(!System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::System(frame_system::Event::Remarked { .. })
		)));
		run_to_block(12);
		close(p);
		// The call ran signed by the agent account.
		System::assert_has_event(
			frame_system::Event::Remarked {
				sender: agent(dc),
				hash: <Test as frame_system::Config>::Hashing::hash(b"hello"),
			}
			.into(),
		);
		System::assert_last_event(
			Event::ProposalEnacted { proposal: p, dc, result: Ok(()) }.into(),
		);
		assert_eq!(proposal(p).outcome, ProposalOutcome::Enacted);
		assert_eq!(contribution(p).status, Status::Closed { median: Some(1), burned: 1 });
		// Stakes and rewards as in §9; the proposer earns nothing and nothing is issued.
		assert_eq!((rep(dc, ALICE), rep(dc, BOB), rep(dc, CAROL)), (424, 305, 270));
		assert_eq!(rep(dc, DAVE), 0);
		assert_eq!(<Tokens as covalue_primitives::CooperativeTokens<AccountId>>::supply(dc), 0);
		assert_eq!(Reputation::ledger(dc).unwrap().total, 999);
		// Cleaning up returns the deposit and forgets the call.
		assert_ok!(ProofOfValue::clean_up(RuntimeOrigin::signed(ERIN), p));
		assert!(Proposals::<Test>::get(p).is_none());
	});
}

#[test]
fn a_tie_is_rejected_and_the_approvers_forfeit() {
	build_and_execute(|| {
		let dc = create_dc(example_parameters(), &[(ALICE, 500), (BOB, 500)]);
		let p = propose(DAVE, dc, remark(b"tie"));
		// 500 of 1000 approve: half is not a majority.
		evaluate(ALICE, p, 1);
		assert_eq!(contribution(p).paid, 0);
		// bob rejects: Above(0) = 1000 ≥ 501, the median is 0.
		evaluate(BOB, p, 0);
		run_to_block(12);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), p));
		System::assert_last_event(
			Event::ProposalRejected { proposal: p, dc, median: Some(0) }.into(),
		);
		assert_eq!(proposal(p).outcome, ProposalOutcome::Rejected);
		// alice staked 50, all to the pot; bob's 50 too (no earlier bucket aligned with 0).
		// bob alone is aligned with the median: the whole pot of 100.
		assert_eq!((rep(dc, ALICE), rep(dc, BOB)), (450, 550));
		assert!(!System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::System(frame_system::Event::Remarked { .. })
		)));
	});
}

#[test]
fn a_proposal_below_the_threshold_returns_every_stake() {
	build_and_execute(|| {
		let dc = example_dc();
		let p = propose(DAVE, dc, remark(b"few"));
		evaluate(ALICE, p, 1);
		run_to_block(12);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), p));
		System::assert_last_event(Event::ProposalRejected { proposal: p, dc, median: None }.into());
		assert_eq!(contribution(p).status, Status::Closed { median: None, burned: 0 });
		assert_eq!((vested(dc, ALICE), rep(dc, ALICE)), (400, 400));
	});
}

#[test]
fn a_failing_call_does_not_fail_the_closing() {
	build_and_execute(|| {
		let dc = example_dc();
		// The agent account holds nothing: the transfer fails.
		let transfer = Call::Balances(pallet_balances::Call::transfer_allow_death {
			dest: DAVE,
			value: 1_000,
		});
		let p = propose(DAVE, dc, transfer);
		evaluate(ALICE, p, 1);
		evaluate(BOB, p, 1);
		run_to_block(12);
		let free = Balances::free_balance(DAVE);
		close(p);
		System::assert_last_event(
			Event::ProposalEnacted {
				proposal: p,
				dc,
				result: Err(TokenError::FundsUnavailable.into()),
			}
			.into(),
		);
		assert_eq!(proposal(p).outcome, ProposalOutcome::Failed);
		// The stakes settle as in §8: alice 40 + 7, bob 22 of his 30, 1 burned.
		assert_eq!(contribution(p).status, Status::Closed { median: Some(1), burned: 1 });
		assert_eq!(Balances::free_balance(DAVE), free);
		assert_eq!((rep(dc, ALICE), rep(dc, BOB)), (407, 292));
	});
}

#[test]
fn a_call_that_no_longer_decodes_fails_at_enactment() {
	build_and_execute(|| {
		let dc = example_dc();
		let p = propose(DAVE, dc, remark(b"x"));
		evaluate(ALICE, p, 1);
		evaluate(BOB, p, 1);
		// As if a runtime upgrade had removed the call's pallet.
		Proposals::<Test>::mutate(p, |r| {
			r.as_mut().expect("kept").call = vec![250, 0].try_into().expect("short")
		});
		run_to_block(12);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), p));
		System::assert_last_event(
			Event::ProposalEnacted {
				proposal: p,
				dc,
				result: Err(Error::<Test>::UndecodableProposal.into()),
			}
			.into(),
		);
		assert_eq!(proposal(p).outcome, ProposalOutcome::Failed);
	});
}

#[test]
fn a_proposal_may_clean_itself_up() {
	build_and_execute(|| {
		let dc = example_dc();
		let p = crate::NextContributionId::<Test>::get();
		let free = Balances::free_balance(DAVE);
		propose(DAVE, dc, Call::ProofOfValue(crate::Call::clean_up { contribution: p }));
		evaluate(ALICE, p, 1);
		evaluate(BOB, p, 1);
		run_to_block(12);
		assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), p));
		System::assert_has_event(Event::CleanedUp { contribution: p, depositor: DAVE }.into());
		System::assert_last_event(
			Event::ProposalEnacted { proposal: p, dc, result: Ok(()) }.into(),
		);
		assert!(Contributions::<Test>::get(p).is_none() && Proposals::<Test>::get(p).is_none());
		assert_eq!(Balances::free_balance(DAVE), free);
	});
}

#[test]
fn closing_a_proposal_is_charged_for_its_call() {
	build_and_execute(|| {
		let dc = example_dc();
		let call = remark(b"weigh me");
		let call_weight = call.get_dispatch_info().call_weight;
		let p = propose(DAVE, dc, call.clone());
		let w = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		for id in [p, w] {
			evaluate(ALICE, id, 1);
			evaluate(BOB, id, 1);
		}
		run_to_block(12);
		type W = <Test as crate::Config>::WeightInfo;
		let max: Weight = <Test as crate::Config>::MaxProposalWeight::get();
		let declared = Call::ProofOfValue(crate::Call::close { contribution: p })
			.get_dispatch_info()
			.call_weight;
		assert!(max.all_lte(declared));
		let db = <<Test as frame_system::Config>::DbWeight as Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		// Two stakes back and alice's 7 earned: three items in one step, and one contributor.
		let step = |buckets| {
			<W as crate::WeightInfo>::close(3, buckets)
				.saturating_add(db.writes(3))
				.saturating_add(<W as crate::WeightInfo>::reward(1))
		};
		// Work: the step alone.
		let post = ProofOfValue::close(RuntimeOrigin::signed(ERIN), w).expect("closes");
		assert_eq!(post.actual_weight, Some(step(6)));
		// A proposal: the step, concluding it and what its call used.
		let post = ProofOfValue::close(RuntimeOrigin::signed(ERIN), p).expect("closes");
		assert_eq!(proposal(p).outcome, ProposalOutcome::Enacted);
		let concluded = <W as crate::WeightInfo>::conclude(call.encoded_size() as u32);
		assert_eq!(post.actual_weight, Some(step(2) + concluded + call_weight));
		assert!(call_weight.any_gt(Weight::zero()));
	});
}

#[test]
fn expired_proposals_are_enacted_by_the_automatic_closing() {
	build_and_execute(|| {
		let dc = example_dc();
		let p = propose(DAVE, dc, remark(b"idle"));
		evaluate(ALICE, p, 1);
		evaluate(BOB, p, 1);
		run_to_block(12);
		// Not enough room for the call the proposal may declare: it waits.
		let max: Weight = <Test as crate::Config>::MaxProposalWeight::get();
		ProofOfValue::on_idle(12, max);
		assert_eq!(contribution(p).status, Status::Open);
		ProofOfValue::on_idle(12, Weight::MAX);
		assert_eq!(proposal(p).outcome, ProposalOutcome::Enacted);
		System::assert_last_event(
			Event::ProposalEnacted { proposal: p, dc, result: Ok(()) }.into(),
		);
	});
}

#[test]
fn an_enacted_call_passes_the_agent_call_filter() {
	build_and_execute(|| {
		let dc = example_dc();
		let burn = pallet_balances::Call::burn { value: 1, keep_alive: false };
		let p = propose(DAVE, dc, Call::Balances(burn));
		evaluate(ALICE, p, 1);
		evaluate(BOB, p, 1);
		run_to_block(12);
		close(p);
		System::assert_last_event(
			Event::ProposalEnacted {
				proposal: p,
				dc,
				result: Err(frame_system::Error::<Test>::CallFiltered.into()),
			}
			.into(),
		);
		assert_eq!(proposal(p).outcome, ProposalOutcome::Failed);
	});
}
