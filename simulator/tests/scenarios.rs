//! The scenarios of `scenarios/`, run through the runtime with the invariants checked after
//! every step, and the simulator's error reporting.

use covalue_simulator::{run, RunError, Scenario, Simulation};
use serde_json::{json, Value};
use std::path::Path;

fn load(name: &str) -> Scenario {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios").join(name);
	Scenario::from_json(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn outcome(scenario: Scenario) -> Value {
	serde_json::from_str(&run(scenario).unwrap().to_json()).unwrap()
}

fn amount(outcome: &Value, map: &str, name: &str) -> u128 {
	outcome[map][name].as_str().map_or(0, |s| s.parse().unwrap())
}

#[test]
fn section_8_is_reproduced_exactly() {
	let expected = json!({
		"reputation": {"alice": "407", "bob": "292", "carol": "300", "dave": "80"},
		"pending": {"alice": "7", "dave": "80"},
		"tokens": {"dave": "30", "erin": "100"}, "total_reputation": "1079", "burned_reputation": "1",
		"token_supply": "130", "reserve": "283",
		"contributions": {"c1": {"median": 4, "paid": 4, "closed": true}},
		"parameters": {"min_score": 0, "max_score": 5, "quorum_ppb": 500000000, "stake_ppb": 100000000,
			"alignment_radius": 0, "token_per_point": 10, "reputation_per_point": 20,
			"evaluation_period": 10},
		"errors": [{"step": 3, "error": "AlreadyEvaluated"}]
	});
	assert_eq!(outcome(load("section-8.json")), expected);
}

#[test]
fn section_9_is_reproduced_exactly() {
	let expected = json!({
		"reputation": {"alice": "424", "bob": "305", "carol": "270", "dave": "80"},
		"pending": {"alice": "24", "bob": "5", "dave": "80"},
		"tokens": {"dave": "40"}, "total_reputation": "1079", "burned_reputation": "1",
		"token_supply": "40", "reserve": "0",
		"contributions": {"c1": {"median": 4, "paid": 4, "closed": true}},
		"parameters": {"min_score": 0, "max_score": 5, "quorum_ppb": 500000000, "stake_ppb": 100000000,
			"alignment_radius": 0, "token_per_point": 10, "reputation_per_point": 20,
			"evaluation_period": 10},
		"errors": [{"step": 4, "error": "AlreadyEvaluated"}, {"step": 5, "error": "EvaluationPeriodNotOver"}]
	});
	assert_eq!(outcome(load("section-9.json")), expected);
}

#[test]
fn the_outcome_prints_like_the_spec() {
	let text = run(load("section-8.json")).unwrap().to_json();
	// §8's key order, per-account maps by name, amounts as strings.
	let keys: Vec<usize> = [
		"\"reputation\"",
		"\"pending\"",
		"\"tokens\"",
		"\"total_reputation\"",
		"\"burned_reputation\"",
		"\"token_supply\"",
		"\"reserve\"",
		"\"contributions\"",
		"\"parameters\"",
		"\"errors\"",
	]
	.iter()
	.map(|k| text.find(k).unwrap())
	.collect();
	assert!(keys.windows(2).all(|w| w[0] < w[1]), "{text}");
	assert!(text.find("\"dave\": \"30\"").unwrap() < text.find("\"erin\": \"100\"").unwrap());
}

#[test]
fn early_random_voters_lose_and_do_not_move_the_median() {
	let o = outcome(load("early-random-voters.json"));
	assert_eq!(o["contributions"]["workbench"], json!({"median": 7, "paid": 7, "closed": true}));
	assert_eq!(o["contributions"]["stool"], json!({"median": 3, "paid": 3, "closed": true}));
	// (7 + 3) points: 100 tokens and 100 reputation for the maker.
	assert_eq!((amount(&o, "tokens", "maker"), amount(&o, "reputation", "maker")), (100, 100));
	for random in ["random1", "random2", "random3"] {
		assert!(amount(&o, "reputation", random) < 100, "{random} gained");
	}
	assert!(amount(&o, "reputation", "honest1") > 200);
	assert!(amount(&o, "reputation", "honest1") > amount(&o, "reputation", "honest5"));
	// Conservation: 1,300 initial + 100 issued − burned; nothing left in escrow.
	let burned: u128 = o["burned_reputation"].as_str().unwrap().parse().unwrap();
	let total: u128 = o["reputation"]
		.as_object()
		.unwrap()
		.values()
		.map(|v| v.as_str().unwrap().parse::<u128>().unwrap())
		.sum();
	assert_eq!(total, 1_400 - burned);
	assert_eq!(o["total_reputation"], json!((1_400 - burned).to_string()));
}

#[test]
fn herding_does_not_pay() {
	let o = outcome(load("herding.json"));
	assert_eq!((amount(&o, "tokens", "maker"), amount(&o, "reputation", "maker")), (60, 120));
	for herder in ["herder1", "herder2", "herder3"] {
		assert!(amount(&o, "reputation", herder) < 200, "{herder} gained");
	}
	for early in ["early1", "early2"] {
		assert!(amount(&o, "reputation", early) > 200, "{early} lost");
	}
}

#[test]
fn a_sybil_split_weighs_the_same_and_pays_itself_nothing() {
	let split = load("sybil-split.json");
	let o = outcome(split.clone());
	assert_eq!(o["contributions"]["c1"]["median"], json!(4));
	// Version 1 let the first shard earn the later shards' stakes whatever the median: 90 + 10
	// + 5, 90 + 5, 90. Version 2: not aligned with the median, every shard forfeits what it
	// accrued and loses its stake.
	let shards: Vec<u128> = ["mallory1", "mallory2", "mallory3"]
		.iter()
		.map(|m| amount(&o, "reputation", m))
		.collect();
	assert_eq!(shards, vec![90, 90, 90]);

	// The same with one account of 300 in the first shard's place: it loses the same 30.
	let mut single = split;
	single.members.retain(|(name, _)| name != "mallory2" && name != "mallory3");
	single
		.members
		.iter_mut()
		.filter(|(name, _)| name == "mallory1")
		.for_each(|m| m.1 .0 = 300);
	single.steps.retain(|step| !matches!(step, covalue_simulator::scenario::Step::Evaluate { who, .. } if who == "mallory2" || who == "mallory3"));
	let o = outcome(single);
	assert_eq!(o["contributions"]["c1"]["median"], json!(4));
	assert_eq!(amount(&o, "reputation", "mallory1"), 270);
}

#[test]
fn low_turnout_issues_nothing_and_returns_every_stake() {
	let o = outcome(load("low-turnout.json"));
	assert_eq!(o["contributions"]["c1"], json!({"median": null, "paid": 0, "closed": true}));
	assert_eq!(o["tokens"], json!({}));
	assert_eq!(o["token_supply"], json!("0"));
	// No consensus: every stake comes back and nobody earns (version 1 shared the pot by stake
	// and paid m1 m2's stake: 106, 96, 96, 100).
	assert_eq!(["m1", "m2", "m3", "m4"].map(|m| amount(&o, "reputation", m)), [100, 100, 100, 100]);
	assert_eq!(o["pending"], json!({}));
	assert_eq!(
		(o["total_reputation"].clone(), o["burned_reputation"].clone()),
		(json!("1000"), json!("0"))
	);
}

#[test]
fn a_shared_contribution_splits_by_shares_with_the_remainder_to_the_first() {
	let o = outcome(load("multi-contributor.json"));
	assert_eq!(o["tokens"], json!({"ana": "11", "ben": "6", "cy": "4"}));
	assert_eq!(["ana", "ben", "cy"].map(|c| amount(&o, "reputation", c)), [18, 9, 6]);
	assert_eq!(o["errors"], json!([{"step": 3, "error": "InvalidShares"}]));
	assert!(o["contributions"].get("c2").is_none());
}

#[test]
fn the_large_community_keeps_its_books() {
	let scenario = load("large-community.json");
	assert_eq!(scenario.members.len(), 200);
	assert_eq!(scenario.steps.iter().filter(|s| s.kind() == "evaluate").count(), 7_500);
	let mut simulation = Simulation::new(scenario).unwrap();
	while !simulation.finished() {
		let check = simulation.next_step().is_multiple_of(100);
		simulation.step(check).unwrap();
	}
	simulation.check().unwrap();
	let snapshot = simulation.snapshot();
	assert!(simulation.errors().is_empty(), "{:?}", simulation.errors());
	// Every contribution is closed, so no reputation is in escrow.
	assert_eq!(snapshot.reputation.iter().sum::<u128>(), snapshot.total_reputation);
	assert_eq!(snapshot.tokens.iter().sum::<u128>(), snapshot.token_supply);
	let contributions = simulation.contributions();
	assert_eq!(contributions.len(), 50);
	assert!(contributions.iter().all(|(_, c)| c.closed && c.median.is_some()));
}

fn scenario_error(text: &str) -> String {
	match Scenario::from_json(text) {
		Err(e) => e.to_string(),
		Ok(scenario) => match Simulation::new(scenario) {
			Err(RunError::Scenario(e)) => e.to_string(),
			Err(other) => panic!("not a scenario error: {other}"),
			Ok(_) => panic!("accepted: {text}"),
		},
	}
}

const DC: &str = r#"{"min_score": 0, "max_score": 5, "quorum_ppb": 500000000, "stake_ppb": 100000000,
	"alignment_radius": 0, "token_per_point": 10, "reputation_per_point": 20, "evaluation_period": 10}"#;

fn with_steps(steps: &str) -> String {
	format!(r#"{{"dc": {DC}, "members": [["alice", 400]], "steps": [{steps}]}}"#)
}

#[test]
fn malformed_scenarios_name_the_place() {
	assert!(scenario_error("{").starts_with("scenario: not a valid scenario"));
	assert!(scenario_error(r#"{"members": []}"#).contains("missing field `dc`"));
	assert!(scenario_error(r#"{"dc": {}, "steps": []}"#).starts_with("dc: missing field"));
	assert!(scenario_error(&with_steps(r#"{"advance": 1}, {"jump": 3}"#))
		.starts_with("step 1: unknown variant `jump`"));
	assert_eq!(
		scenario_error(&with_steps(
			r#"{"contribute": {"id": "c1", "by": [["dave", 1000000]]}}, {"contribute": {"id": "c1", "by": [["dave", 1000000]]}}"#
		)),
		"step 1: contribution `c1` is contributed twice"
	);
	assert!(scenario_error(&with_steps(r#"{"evaluate": {"who": "alice", "contribution": "c1"}}"#))
		.starts_with("step 0: missing field `score`"));
	assert_eq!(
		scenario_error(&with_steps(r#"{"set_price_cap": "2,5"}"#)),
		"step 0: price cap `2,5` is not a decimal number such as \"2.5\""
	);
	assert!(scenario_error(&with_steps(r#"{"buy": {"who": "erin", "amount": -3}}"#))
		.contains("negative"));
	assert_eq!(
		scenario_error(&format!(
			r#"{{"dc": {DC}, "members": [["alice", 400], ["alice", 1]], "steps": []}}"#
		)),
		"members[1]: `alice` is listed twice"
	);
	assert_eq!(
		scenario_error(&format!(r#"{{"dc": {DC}, "members": [["", 400]], "steps": []}}"#)),
		"members[0]: name `` must have 1 to 64 bytes"
	);
	// Checked by the runtime: the same errors as on chain.
	let bad_dc = DC.replace(r#""max_score": 5"#, r#""max_score": 0"#);
	assert_eq!(
		scenario_error(&format!(r#"{{"dc": {bad_dc}, "members": [["alice", 400]], "steps": []}}"#)),
		"dc: the DC can't be created: InvalidScoreRange"
	);
	assert_eq!(
		scenario_error(&format!(r#"{{"dc": {DC}, "members": [], "steps": []}}"#)),
		"members: the DC can't be created: NoMembers"
	);
	let many: Vec<String> = (0..1025).map(|i| format!(r#"["m{i}", 1]"#)).collect();
	assert_eq!(
		scenario_error(&format!(r#"{{"dc": {DC}, "members": [{}], "steps": []}}"#, many.join(","))),
		"members: more than the runtime's 1024 initial members"
	);
}

#[test]
fn failing_steps_are_reported_and_change_nothing() {
	let text = with_steps(
		r#"{"contribute": {"id": "c1", "by": [["dave", 1000000]]}},
		   {"evaluate": {"who": "alice", "contribution": "c1", "score": 9}},
		   {"evaluate": {"who": "zed", "contribution": "c1", "score": 1}},
		   {"redeem": {"who": "dave", "amount": 1}},
		   {"set_price_cap": "0"},
		   {"set_price_cap": "1"},
		   {"buy": {"who": "erin", "amount": 10, "max_cost": 9}},
		   {"redeem": {"who": "dave", "amount": 1}},
		   {"close": "c1"}"#,
	);
	let o = outcome(Scenario::from_json(&text).unwrap());
	assert_eq!(
		o["errors"],
		json!([
			{"step": 1, "error": "ScoreOutOfRange"},
			{"step": 2, "error": "NoReputation"},
			{"step": 3, "error": "NoPriceCap"},
			{"step": 4, "error": "ZeroPriceCap"},
			{"step": 6, "error": "CostAboveMax"},
			{"step": 7, "error": "InsufficientTokens"},
			{"step": 8, "error": "EvaluationPeriodNotOver"}
		])
	);
	assert_eq!(o["reputation"], json!({"alice": "400"}));
	assert_eq!(o["contributions"]["c1"], json!({"median": null, "paid": 0, "closed": false}));
}

#[test]
fn a_contribution_never_submitted_is_the_chains_unknown_contribution() {
	// Not a malformed file (§8): the run goes on, and the step gets the chain's error, also for
	// a label whose `contribute` comes later or failed.
	let text = with_steps(
		r#"{"close": "c9"},
		   {"evaluate": {"who": "alice", "contribution": "c1", "score": 1}},
		   {"contribute": {"id": "c1", "by": [["dave", 1000000]]}},
		   {"contribute": {"id": "c2", "by": [["dave", 7]]}},
		   {"evaluate": {"who": "alice", "contribution": "c2", "score": 1}},
		   {"evaluate": {"who": "alice", "contribution": "c1", "score": 1}}"#,
	);
	let o = outcome(Scenario::from_json(&text).unwrap());
	assert_eq!(
		o["errors"],
		json!([
			{"step": 0, "error": "UnknownContribution"},
			{"step": 1, "error": "UnknownContribution"},
			{"step": 3, "error": "InvalidShares"},
			{"step": 4, "error": "UnknownContribution"}
		])
	);
	// Step 5 found c1: alice's 400 alone is above need = 200, so dave earned 20 (pending).
	assert_eq!(o["reputation"], json!({"alice": "360", "dave": "20"}));
	assert_eq!(o["pending"], json!({"dave": "20"}));
}

#[test]
fn pending_reputation_is_refused_until_it_vests() {
	// dave earns 80 at block 1 (epoch 0 of 10 blocks): pending until block 20.
	let text = format!(
		r#"{{"dc": {DC}, "members": [["alice", 400], ["bob", 300], ["carol", 300]], "steps": [
		   {{"contribute": {{"id": "c1", "by": [["dave", 1000000]]}}}},
		   {{"evaluate": {{"who": "alice", "contribution": "c1", "score": 4}}}},
		   {{"evaluate": {{"who": "bob", "contribution": "c1", "score": 4}}}},
		   {{"contribute": {{"id": "c2", "by": [["erin", 1000000]]}}}},
		   {{"evaluate": {{"who": "dave", "contribution": "c2", "score": 3}}}},
		   {{"advance": 18}},
		   {{"contribute": {{"id": "c3", "by": [["erin", 1000000]]}}}},
		   {{"evaluate": {{"who": "dave", "contribution": "c3", "score": 3}}}},
		   {{"advance": 1}},
		   {{"evaluate": {{"who": "dave", "contribution": "c3", "score": 3}}}}]}}"#
	);
	let o = outcome(Scenario::from_json(&text).unwrap());
	assert_eq!(
		o["errors"],
		json!([
			{"step": 4, "error": "ReputationNotVested"},
			{"step": 7, "error": "ReputationNotVested"}
		])
	);
	// At block 20 dave's 80 are vested; 8 of them are at stake in c3, so not in the map.
	assert_eq!(o["reputation"]["dave"], json!("72"));
	assert!(o["pending"].get("dave").is_none());
}

#[test]
fn an_epoch_shorter_than_the_period_is_refused() {
	let short =
		DC.replace(r#""evaluation_period": 10"#, r#""evaluation_period": 10, "epoch_length": 5"#);
	assert_eq!(
		scenario_error(&format!(r#"{{"dc": {short}, "members": [["alice", 400]], "steps": []}}"#)),
		"dc: the DC can't be created: InvalidEvaluationPeriod"
	);
	let low = DC.replace(r#""quorum_ppb": 500000000"#, r#""quorum_ppb": 499999999"#);
	assert_eq!(
		scenario_error(&format!(r#"{{"dc": {low}, "members": [["alice", 400]], "steps": []}}"#)),
		"dc: the DC can't be created: InvalidQuorum"
	);
}

#[test]
fn contributor_lists_fail_in_the_order_of_the_rules() {
	let seventeen: Vec<String> = (0..17)
		.map(|i| format!(r#"["m{i}", {}]"#, if i == 0 { 1_000_000 - 16 } else { 1 }))
		.collect();
	let text = with_steps(&format!(
		r#"{{"contribute": {{"id": "c1", "by": [{}]}}}},
		   {{"contribute": {{"id": "c2", "by": [["dave", 2000000]]}}}},
		   {{"contribute": {{"id": "c3", "by": [["dave", 1500000], ["dave", 1]]}}}},
		   {{"contribute": {{"id": "c4", "by": [["dave", 500000], ["dave", 600000]]}}}},
		   {{"contribute": {{"id": "c5", "by": [["dave", 500000], ["dave", 500000]]}}}},
		   {{"contribute": {{"id": "c6", "by": [["dave", 500000], ["erin", 500000]]}}}}"#,
		seventeen.join(",")
	));
	let o = outcome(Scenario::from_json(&text).unwrap());
	assert_eq!(
		o["errors"],
		json!([
			{"step": 0, "error": "TooManyContributors"},
			{"step": 1, "error": "InvalidShares"},
			{"step": 2, "error": "InvalidShares"},
			{"step": 3, "error": "InvalidShares"},
			{"step": 4, "error": "DuplicateContributor"}
		])
	);
	// Only c6 was submitted.
	assert_eq!(o["contributions"], json!({"c6": {"median": null, "paid": 0, "closed": false}}));
}

#[test]
fn a_dc_moves_from_its_admin_to_self_government() {
	// p0 passes before the hand-over but `set_parameters` needs the admin: not enacted. After
	// `govern`, the admin can neither set a cap nor govern again; p1 (692 of R₀ = 999 approve,
	// need 500) is enacted and c1 is evaluated on the new scale 0..=10 with radius 1 and quorum
	// 60% (need ⌈0.6·998⌉ = 599): bob's 8 raises the median to 8, carol's 10 to 9.
	let expected = json!({
		"reputation": {"alice": "457", "bob": "282", "carol": "257", "dave": "90"},
		"pending": {"alice": "50", "bob": "5", "dave": "90"},
		"tokens": {"dave": "45"}, "total_reputation": "1086", "burned_reputation": "4",
		"token_supply": "45", "reserve": "0",
		"contributions": {
			"p0": {"median": 1, "paid": 1, "closed": true, "enacted": false},
			"p1": {"median": 1, "paid": 1, "closed": true, "enacted": true},
			"c1": {"median": 9, "paid": 9, "closed": true}
		},
		"parameters": {"min_score": 0, "max_score": 10, "quorum_ppb": 600000000,
			"stake_ppb": 100000000, "alignment_radius": 1, "token_per_point": 5,
			"reputation_per_point": 10, "evaluation_period": 8},
		"errors": [{"step": 6, "error": "NotAdmin"}, {"step": 7, "error": "NotAdmin"}]
	});
	assert_eq!(outcome(load("self-government.json")), expected);
}

#[test]
fn rejected_and_failed_proposals_change_nothing_but_the_stakes() {
	// p1 passes with an invalid quorum: it fails at enactment. p2 (median 0) and p4 (a tie of
	// 500 against 500, so median 0 too) are rejected and their approvers forfeit; p3 has no
	// consensus and carol's stake comes back.
	let expected = json!({
		"reputation": {"alice": "327", "bob": "348", "carol": "221", "dave": "93"},
		"pending": {"alice": "7", "bob": "56", "carol": "21", "dave": "3"},
		"tokens": {}, "total_reputation": "989", "burned_reputation": "11",
		"token_supply": "0", "reserve": "0",
		"contributions": {
			"p1": {"median": 1, "paid": 1, "closed": true, "enacted": false},
			"p2": {"median": 0, "paid": 0, "closed": true, "enacted": false},
			"p3": {"median": null, "paid": 0, "closed": true, "enacted": false},
			"p4": {"median": 0, "paid": 0, "closed": true, "enacted": false}
		},
		"parameters": {"min_score": 0, "max_score": 5, "quorum_ppb": 500000000,
			"stake_ppb": 100000000, "alignment_radius": 0, "token_per_point": 10,
			"reputation_per_point": 20, "evaluation_period": 10},
		"errors": [{"step": 7, "error": "ScoreOutOfRange"}, {"step": 22, "error": "NotAdmin"}]
	});
	assert_eq!(outcome(load("rejected-and-failed-proposals.json")), expected);
}

#[test]
fn an_open_proposal_has_no_enactment_yet() {
	let text = with_steps(&format!(
		r#"{{"govern": false}}, {{"propose": {{"id": "p1", "by": "alice", "parameters": {DC}}}}},
		   {{"evaluate": {{"who": "alice", "contribution": "p1", "score": 1}}}}"#
	));
	let o = outcome(Scenario::from_json(&text).unwrap());
	// alice holds all the reputation: the median is 1 at once, but nothing is enacted before
	// the close; `govern: false` did nothing (the admin still sets a cap).
	assert_eq!(o["contributions"]["p1"], json!({"median": 1, "paid": 1, "closed": false}));
	assert_eq!(o["errors"], json!([]));
	assert_eq!(o["reputation"], json!({"alice": "360"}));
}

#[test]
fn malformed_proposals_name_the_place() {
	let propose = |parameters: &str| {
		with_steps(&format!(
			r#"{{"propose": {{"id": "p1", "by": "alice", "parameters": {parameters}}}}}"#
		))
	};
	assert!(scenario_error(&propose(&DC.replace(r#", "evaluation_period": 10"#, "")))
		.starts_with("step 0: missing field `evaluation_period`"));
	assert!(scenario_error(&propose(
		&DC.replace(r#""evaluation_period": 10"#, r#""evaluation_period": 10, "epoch_length": 10"#)
	))
	.starts_with("step 0: unknown field `epoch_length`"));
	assert_eq!(
		scenario_error(&propose(&DC.replace("500000000", "1500000000"))),
		"step 0: quorum_ppb and stake_ppb can be at most 1000000000"
	);
	assert_eq!(
		scenario_error(&with_steps(&format!(
			r#"{{"contribute": {{"id": "p1", "by": [["dave", 1000000]]}}}},
			   {{"propose": {{"id": "p1", "by": "alice", "parameters": {DC}}}}}"#
		))),
		"step 1: contribution `p1` is contributed twice"
	);
	assert!(scenario_error(&with_steps(r#"{"govern": "yes"}"#)).starts_with("step 0: invalid type"));
}
