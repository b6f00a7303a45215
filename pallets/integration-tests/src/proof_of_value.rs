//! Proof of Value with the real registry, reputation and tokens: the worked examples, issuance,
//! alignment, parameter snapshots, DCs acting in other DCs, and random sequences that keep the
//! invariants.

use crate::mock::*;
use covalue_test_support::assert_refused;
use frame_support::{
	assert_ok,
	traits::{fungibles::Inspect, Hooks},
	weights::Weight,
};
use pallet_cooperatives::Parameters;
use pallet_proof_of_value::{
	protocol::ACCUMULATOR_ONE, ContributionStatus, Contributions, Error, Evaluations, Event,
	PendingReward, Status,
};
use sp_runtime::{traits::Hash, Perbill, Permill};

const FULL: Permill = Permill::one();

fn ppm(parts: u32) -> Permill {
	Permill::from_parts(parts)
}

fn status(id: u64) -> ContributionStatus<u64> {
	ProofOfValue::contribution_status(id).expect("the contribution exists")
}

fn accumulator(id: u64, score: u8) -> u128 {
	Contributions::<Test>::get(id).unwrap().buckets[score as usize].accumulator
}

#[test]
fn worked_example_of_section_9() {
	build_and_execute(|| {
		let dc = example_dc();
		assert_eq!(ledger(dc).total, 1000);
		let c1 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		// R₀ = 1000 and need = 500, fixed from now on.
		assert_eq!((status(c1).total_at_submission, status(c1).need), (1000, 500));

		// alice scores 4: w 400, s 40; no earlier bucket, D = 400: all to the pot; no median.
		evaluate(ALICE, c1, 4);
		assert_eq!(vested(dc, ALICE), 360);
		let s = status(c1);
		assert_eq!((s.pot, s.escrow, s.median, s.paid), (40, 40, None, 0));
		assert_eq!(s.buckets[4], (4, 400));
		System::assert_last_event(
			Event::Evaluated {
				contribution: c1,
				evaluator: ALICE,
				score: 4,
				weight: 400,
				stake: 40,
			}
			.into(),
		);
		assert_eq!(tokens(dc, DAVE), 0);

		// bob scores 4: D = 400 + 300, ⌊30·400/700⌋ = 17 to alice's bucket (acc₄ = 0.0425),
		// 13 to the pot; W₄ = 700 ≥ 500 → m = 4: dave gets 40 tokens and 80 reputation, pending.
		evaluate(BOB, c1, 4);
		assert_eq!(vested(dc, BOB), 270);
		assert_eq!(accumulator(c1, 4), 425 * ACCUMULATOR_ONE / 10_000);
		assert_eq!(
			Evaluations::<Test>::get(c1, BOB).unwrap().snapshot,
			425 * ACCUMULATOR_ONE / 10_000
		);
		System::assert_has_event(
			Event::RewardIssued {
				contribution: c1,
				median: 4,
				points: 4,
				tokens: 40,
				reputation: 80,
			}
			.into(),
		);
		assert_eq!(tokens(dc, DAVE), 40);
		assert_eq!((vested(dc, DAVE), pending(dc, DAVE)), (0, 80));
		assert_eq!(ledger(dc).total, 1080);
		let s = status(c1);
		assert_eq!((s.pot, s.escrow, s.median, s.paid), (53, 70, Some(4), 4));
		assert_eq!(
			ProofOfValue::pending_reward(c1, ALICE),
			Some(PendingReward { stake: 40, accrued: 17, pot_share: 30, payout: 47 })
		);

		// carol scores 2: bucket 2 is empty, D = 300: her 30 go to the pot; need stays 500.
		evaluate(CAROL, c1, 2);
		assert_eq!(vested(dc, CAROL), 270);
		let s = status(c1);
		assert_eq!((s.pot, s.escrow, s.median, s.paid, s.need), (83, 100, Some(4), 4, 500));
		assert_eq!(s.buckets[2], (2, 300));

		// carol again: nothing changes.
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(CAROL), c1, 2),
			Error::<Test>::AlreadyEvaluated
		);
		// closing before the period ends fails.
		assert_refused!(
			ProofOfValue::close(RuntimeOrigin::signed(ERIN), c1),
			Error::<Test>::EvaluationPeriodNotOver
		);
		run_to_block(11);
		assert_eq!(status(c1).blocks_left, 1);
		assert_refused!(
			ProofOfValue::close(RuntimeOrigin::signed(ERIN), c1),
			Error::<Test>::EvaluationPeriodNotOver
		);

		// Block 12: close. alice 17 + 47 = 64 (40 back vested, 24 pending), bob 0 + 35 (30
		// back, 5 pending), carol nothing; 100 − 99 = 1 burns.
		run_to_block(12);
		assert_eq!(status(c1).blocks_left, 0);
		close(c1);
		System::assert_has_event(
			Event::EvaluationSettled {
				contribution: c1,
				evaluator: ALICE,
				accrued: 17,
				pot_share: 47,
				returned: 40,
				earned: 24,
			}
			.into(),
		);
		System::assert_has_event(
			Event::EvaluationSettled {
				contribution: c1,
				evaluator: BOB,
				accrued: 0,
				pot_share: 35,
				returned: 30,
				earned: 5,
			}
			.into(),
		);
		System::assert_has_event(
			Event::EvaluationSettled {
				contribution: c1,
				evaluator: CAROL,
				accrued: 0,
				pot_share: 0,
				returned: 0,
				earned: 0,
			}
			.into(),
		);
		System::assert_last_event(
			Event::Closed { contribution: c1, median: Some(4), burned: 1 }.into(),
		);

		assert_eq!(
			[rep(dc, ALICE), rep(dc, BOB), rep(dc, CAROL), rep(dc, DAVE)],
			[424, 305, 270, 80]
		);
		// Pending at block 12 (epoch 1): alice 24, bob 5, dave 80 (vests at block 20).
		assert_eq!(
			[pending(dc, ALICE), pending(dc, BOB), pending(dc, CAROL), pending(dc, DAVE)],
			[24, 5, 0, 80]
		);
		assert_eq!((ledger(dc).total, ledger(dc).burned), (1079, 1));
		assert_eq!(tokens(dc, DAVE), 40);
		assert_eq!(<Assets as Inspect<AccountId>>::total_issuance(dc), 40);
		assert_eq!(
			Contributions::<Test>::get(c1).unwrap().status,
			Status::Closed { median: Some(4), burned: 1 }
		);
		assert_eq!(Evaluations::<Test>::iter_prefix(c1).count(), 0);
		// Everything earned in epochs 0 and 1 has vested by block 30.
		run_to_block(30);
		assert_eq!([pending(dc, ALICE), pending(dc, DAVE)], [0, 0]);
		assert_eq!([vested(dc, ALICE), vested(dc, DAVE)], [424, 80]);
	});
}

#[test]
fn example_of_section_8() {
	build_and_execute(|| {
		let dc = example_dc();
		let c1 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(ALICE, c1, 4);
		evaluate(BOB, c1, 4);
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(BOB), c1, 5),
			Error::<Test>::AlreadyEvaluated
		);
		run_to_block(12);
		close(c1);
		// alice accrued 17 and the pot of 53 splits 30 / 22; 1 burns.
		System::assert_has_event(
			Event::EvaluationSettled {
				contribution: c1,
				evaluator: ALICE,
				accrued: 17,
				pot_share: 30,
				returned: 40,
				earned: 7,
			}
			.into(),
		);
		// bob's 22 are less than his stake of 30: all vested, and he lost 8.
		System::assert_has_event(
			Event::EvaluationSettled {
				contribution: c1,
				evaluator: BOB,
				accrued: 0,
				pot_share: 22,
				returned: 22,
				earned: 0,
			}
			.into(),
		);
		System::assert_last_event(
			Event::Closed { contribution: c1, median: Some(4), burned: 1 }.into(),
		);
		assert_eq!(
			[rep(dc, ALICE), rep(dc, BOB), rep(dc, CAROL), rep(dc, DAVE)],
			[407, 292, 300, 80]
		);
		assert_eq!([pending(dc, ALICE), pending(dc, BOB), pending(dc, DAVE)], [7, 0, 80]);
		assert_eq!((ledger(dc).total, ledger(dc).burned), (1079, 1));
		assert_eq!(tokens(dc, DAVE), 40);
	});
}

#[test]
fn a_rising_median_pays_the_increment() {
	build_and_execute(|| {
		let dc = example_dc();
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(ALICE, c, 3);
		// bob scores 4: Above(4) = 300, Above(3) = 700 ≥ 500 → m = 3.
		evaluate(BOB, c, 4);
		assert_eq!((status(c).paid, tokens(dc, DAVE), rep(dc, DAVE)), (3, 30, 60));
		// carol scores 4: Above(4) = 600 ≥ 500 (need fixed, though R is 1060) → m = 4.
		evaluate(CAROL, c, 4);
		System::assert_has_event(
			Event::RewardIssued {
				contribution: c,
				median: 4,
				points: 1,
				tokens: 10,
				reputation: 20,
			}
			.into(),
		);
		// the reward comes before the evaluation's own event (§3, steps 4 and 5).
		System::assert_last_event(
			Event::Evaluated {
				contribution: c,
				evaluator: CAROL,
				score: 4,
				weight: 300,
				stake: 30,
			}
			.into(),
		);
		assert_eq!((status(c).paid, tokens(dc, DAVE), rep(dc, DAVE)), (4, 40, 80));
	});
}

#[test]
fn issuance_elsewhere_does_not_move_a_fixed_threshold() {
	build_and_execute(|| {
		let mut p = example_parameters();
		p.reputation_per_point = 100;
		let dc = create_dc(p, &[(ALICE, 400), (BOB, 300), (CAROL, 300)]);
		let c1 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(ALICE, c1, 4);
		evaluate(BOB, c1, 4);
		assert_eq!((tokens(dc, DAVE), rep(dc, DAVE), ledger(dc).total), (40, 400, 1400));
		// Another contribution, submitted with R₀ = 1400 (need 700), issues 500 more.
		let c2 = contribute_as(ERIN, dc, &[(ERIN, FULL)]);
		assert_eq!(status(c2).need, 700);
		evaluate(ALICE, c2, 5);
		evaluate(BOB, c2, 5);
		evaluate(CAROL, c2, 5);
		assert_eq!((rep(dc, ERIN), ledger(dc).total), (500, 1900));
		// Version 1 took need from the current total (950): c1 would have lost its median.
		assert_eq!((status(c1).need, status(c1).median), (500, Some(4)));
		run_to_block(12);
		close(c1);
		System::assert_last_event(
			Event::Closed { contribution: c1, median: Some(4), burned: 1 }.into(),
		);
		assert_eq!((tokens(dc, DAVE), rep(dc, DAVE)), (40, 400));
		assert_eq!(Contributions::<Test>::get(c1).unwrap().paid, 4);
	});
}

#[test]
fn rewards_split_by_shares_with_the_remainder_to_the_first_and_reach_penniless_accounts() {
	build_and_execute(|| {
		let dc = example_dc();
		assert_eq!(Balances::free_balance(PENNILESS), 0);
		let c = contribute_as(DAVE, dc, &[(PENNILESS, ppm(333_333)), (ERIN, ppm(666_667))]);
		evaluate(ALICE, c, 4);
		evaluate(BOB, c, 4);
		// 40 tokens: ⌊40·0.333333⌋ = 13, ⌊40·0.666667⌋ = 26, remainder 1 to the first.
		assert_eq!((tokens(dc, PENNILESS), tokens(dc, ERIN)), (14, 26));
		// 80 reputation: 26 and 53, remainder 1 to the first.
		assert_eq!((rep(dc, PENNILESS), rep(dc, ERIN)), (27, 53));
		assert_eq!(Balances::free_balance(PENNILESS), 0);
		// the reward made the penniless account exist: it can hand its tokens on.
		assert_ok!(Assets::transfer(RuntimeOrigin::signed(PENNILESS), dc, ALICE, 4));
		assert_eq!(tokens(dc, ALICE), 4);
	});
}

#[test]
fn alignment_radius_shares_stakes_with_neighbouring_scores() {
	build_and_execute(|| {
		let mut p = example_parameters();
		p.alignment_radius = 1;
		let dc = create_dc(p, &[(ALICE, 400), (BOB, 300), (CAROL, 300)]);
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(ALICE, c, 3); // s 40, D = 2·400: all to the pot
						 // bob scores 4: x₃ = 1·400, own 2·300, D = 1000: ⌊30·400/1000⌋ = 12 to alice.
		evaluate(BOB, c, 4);
		assert_eq!(accumulator(c, 3), 3 * ACCUMULATOR_ONE / 100);
		// carol scores 4: x₃ = 400, x₄ = 2·300, own 600, D = 1600: alice 7, bob 11.
		evaluate(CAROL, c, 4);
		assert_eq!(accumulator(c, 3), 475 * ACCUMULATOR_ONE / 10_000);
		assert_eq!(accumulator(c, 4), 11 * ACCUMULATOR_ONE / 300);
		assert_eq!(status(c).pot, 70);
		// bob made m = 3 (Above(3) = 700 ≥ 500); carol lifts it to 4 (Above(4) = 600).
		assert_eq!((status(c).median, tokens(dc, DAVE), rep(dc, DAVE)), (Some(4), 40, 80));
		run_to_block(12);
		close(c);
		// pot 70 by a(v,4)·w: alice 1·400, bob and carol 2·300 each, of 1600.
		System::assert_has_event(
			Event::EvaluationSettled {
				contribution: c,
				evaluator: ALICE,
				accrued: 19,
				pot_share: 17,
				returned: 36,
				earned: 0,
			}
			.into(),
		);
		System::assert_has_event(
			Event::EvaluationSettled {
				contribution: c,
				evaluator: BOB,
				accrued: 10,
				pot_share: 26,
				returned: 30,
				earned: 6,
			}
			.into(),
		);
		System::assert_has_event(
			Event::EvaluationSettled {
				contribution: c,
				evaluator: CAROL,
				accrued: 0,
				pot_share: 26,
				returned: 26,
				earned: 0,
			}
			.into(),
		);
		assert_eq!([rep(dc, ALICE), rep(dc, BOB), rep(dc, CAROL)], [396, 306, 296]);
		assert_eq!(ledger(dc).burned, 2);
	});
}

#[test]
fn contributions_keep_their_parameter_snapshot() {
	build_and_execute(|| {
		let dc = example_dc();
		let c = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		let mut p = example_parameters();
		p.max_score = 10;
		p.stake = Perbill::from_percent(50);
		p.evaluation_period = 5;
		assert_ok!(Cooperatives::set_parameters(RuntimeOrigin::signed(ADMIN), dc, p));
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(ALICE), c, 6),
			Error::<Test>::ScoreOutOfRange
		);
		evaluate(ALICE, c, 5);
		assert_eq!(vested(dc, ALICE), 360);
		// The old period of 10 still holds for c.
		run_to_block(8);
		evaluate(CAROL, c, 5);
		run_to_block(12);
		assert_refused!(
			ProofOfValue::evaluate(RuntimeOrigin::signed(BOB), c, 5),
			Error::<Test>::EvaluationClosed
		);
		// a new contribution uses the new parameters.
		let c2 = contribute_as(DAVE, dc, &[(DAVE, FULL)]);
		evaluate(BOB, c2, 9);
		assert_eq!(vested(dc, BOB), 150);
	});
}

#[test]
fn a_dc_acts_through_its_agent_in_another_dc() {
	build_and_execute(|| {
		let dc_a = example_dc();
		let agent_a = pallet_cooperatives::Pallet::<Test>::agent_account(dc_a);
		// DC b counts DC a's agent among its members.
		let dc_b = create_dc(example_parameters(), &[(agent_a.clone(), 600), (ERIN, 400)]);
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(ADMIN),
			agent_a.clone(),
			1_000
		));
		let c = contribute_as(DAVE, dc_b, &[(DAVE, FULL)]);
		let call = RuntimeCall::ProofOfValue(pallet_proof_of_value::Call::evaluate {
			contribution: c,
			score: 3,
		});
		assert_ok!(Cooperatives::dispatch_as_agent(
			RuntimeOrigin::signed(ADMIN),
			dc_a,
			Box::new(call)
		));
		assert_eq!(vested(dc_b, agent_a.clone()), 540);
		assert_eq!(status(c).median, Some(3));
		// the agent can also contribute, paying the deposit from its own balance.
		let call = RuntimeCall::ProofOfValue(pallet_proof_of_value::Call::contribute {
			dc: dc_b,
			content_hash: <Test as frame_system::Config>::Hashing::hash(b"a"),
			uri: Default::default(),
			contributors: vec![(agent_a.clone(), FULL)].try_into().unwrap(),
		});
		assert_ok!(Cooperatives::dispatch_as_agent(
			RuntimeOrigin::signed(ADMIN),
			dc_a,
			Box::new(call)
		));
		assert_eq!(Contributions::<Test>::get(c + 1).unwrap().depositor, agent_a);
	});
}

mod properties {
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Contribute { by: usize, split: bool },
		Evaluate { who: usize, contribution: u8, score: u8 },
		Close { contribution: u8 },
		CleanUp { contribution: u8 },
		Advance { blocks: u8 },
		AutoClose,
	}

	const ACTORS: [AccountId; 6] = [ALICE, BOB, CAROL, DAVE, ERIN, PENNILESS];

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			2 => (0..ACTORS.len(), any::<bool>()).prop_map(|(by, split)| Op::Contribute { by, split }),
			12 => (0..ACTORS.len(), 0u8..6, 0u8..8)
				.prop_map(|(who, contribution, score)| Op::Evaluate { who, contribution, score }),
			1 => (0u8..6).prop_map(|contribution| Op::Close { contribution }),
			1 => (0u8..6).prop_map(|contribution| Op::CleanUp { contribution }),
			2 => (1u8..8).prop_map(|blocks| Op::Advance { blocks }),
			1 => Just(Op::AutoClose),
		]
	}

	fn parameters() -> impl Strategy<Value = Parameters<u64>> {
		(0u8..3, 1u8..6, 50u32..=100, 0u32..=100, 0u8..3, 0u128..50, 0u128..50, 1u64..=10).prop_map(
			|(min, span, quorum, stake, radius, tpp, rpp, period)| Parameters {
				min_score: min,
				max_score: min + span,
				quorum: Perbill::from_percent(quorum),
				stake: Perbill::from_percent(stake),
				alignment_radius: radius.min(span),
				token_per_point: tpp,
				reputation_per_point: rpp,
				evaluation_period: period,
			},
		)
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

		/// Random sequences of every operation, at least 10,000 steps in all (64 sequences of
		/// 160 to 240): accounts earn, their earnings vest as epochs turn, they evaluate again,
		/// closings take several steps (two settlements a step) between other calls. No panic,
		/// every invariant after every step — among them `Σ_b W_b ≤ R₀` on every open
		/// contribution: nothing counted twice — and reputation conserved but for issuance and
		/// burns.
		#[test]
		fn random_operation_sequences_keep_the_invariants(
			p in parameters(),
			reputations in proptest::collection::vec(1u128..2_000, 3),
			ops in proptest::collection::vec(op(), 160..240),
		) {
			new_test_ext().execute_with(|| {
				let dc = create_dc(p, &[(ALICE, reputations[0]), (BOB, reputations[1]), (CAROL, reputations[2])]);
				let initial: u128 = reputations.iter().sum();
				let (mut issued, mut burned_total) = (0u128, 0u128);
				for op in ops {
					let before = frame_system::Pallet::<Test>::events().len();
					let _ = match op {
						Op::Contribute { by, split } => {
							let contributors = if split {
								vec![(ACTORS[by].clone(), ppm(500_001)), (ACTORS[(by + 1) % ACTORS.len()].clone(), ppm(499_999))]
							} else {
								vec![(ACTORS[by].clone(), FULL)]
							};
							ProofOfValue::contribute(
								RuntimeOrigin::signed(ACTORS[by].clone()),
								dc,
								Default::default(),
								Default::default(),
								contributors.try_into().unwrap(),
							)
							.map(|_| ())
							.map_err(|e| e.error)
						},
						Op::Evaluate { who, contribution, score } => ProofOfValue::evaluate(
							RuntimeOrigin::signed(ACTORS[who].clone()),
							contribution.into(),
							score,
						)
						.map(|_| ())
						.map_err(|e| e.error),
						Op::Close { contribution } =>
							ProofOfValue::close(RuntimeOrigin::signed(ERIN), contribution.into())
								.map(|_| ())
								.map_err(|e| e.error),
						Op::CleanUp { contribution } =>
							ProofOfValue::clean_up(RuntimeOrigin::signed(ERIN), contribution.into())
								.map(|_| ())
								.map_err(|e| e.error),
						Op::Advance { blocks } => {
							run_to_block(System::block_number() + u64::from(blocks));
							Ok(())
						},
						Op::AutoClose => {
							ProofOfValue::on_idle(System::block_number(), Weight::MAX);
							Ok(())
						},
					};
					for record in &frame_system::Pallet::<Test>::events()[before..] {
						match &record.event {
							RuntimeEvent::ProofOfValue(Event::RewardIssued { reputation, .. }) =>
								issued += reputation,
							RuntimeEvent::ProofOfValue(Event::Closed { burned, .. }) =>
								burned_total += burned,
							_ => {},
						}
					}
					check_invariants();
					let ledger = ledger(dc);
					prop_assert_eq!(ledger.issued, issued);
					prop_assert_eq!(ledger.burned, burned_total);
					prop_assert_eq!(ledger.total, initial + issued - burned_total);
					let accounts: u128 = pallet_reputation::ReputationOf::<Test>::iter_prefix_values(dc)
						.map(|s| s.vested + s.pending_total())
						.sum();
					prop_assert_eq!(accounts + ledger.escrowed, ledger.total);
					// Every evaluation's weight is vested reputation or own stakes: nobody's
					// pending reputation ever weighed anything.
					for (_, c) in Contributions::<Test>::iter() {
						if c.status == Status::Open {
							let counted: u128 = c.buckets.iter().map(|b| b.weight).sum();
							prop_assert!(counted <= c.total_at_submission);
						}
					}
				}
				Ok(())
			})?;
		}
	}
}
