//! The `covalue-simulate` binary: stdout carries the outcome JSON and nothing else, errors go to
//! stderr with a non-zero exit code, `--csv` and `--chart` write their files.

use serde_json::Value;
use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
};

fn simulate(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_covalue-simulate"))
		.args(args)
		.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
		.output()
		.expect("the simulator runs")
}

fn temp(name: &str) -> PathBuf {
	let dir = std::env::temp_dir().join(format!("covalue-simulate-{}", std::process::id()));
	std::fs::create_dir_all(&dir).unwrap();
	dir.join(name)
}

#[test]
fn stdout_is_the_outcome_json_and_nothing_else() {
	let out = simulate(&["scenarios/section-8.json"]);
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let outcome: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON value");
	assert_eq!(outcome["reserve"], "283");
	assert_eq!(outcome["tokens"]["erin"], "100");
}

#[test]
fn a_malformed_scenario_fails_naming_the_step() {
	let file = temp("malformed.json");
	std::fs::write(
		&file,
		r#"{"dc": {"min_score": 0, "max_score": 5, "quorum_ppb": 500000000, "stake_ppb": 0,
		"alignment_radius": 0, "token_per_point": 1, "reputation_per_point": 1, "evaluation_period": 1},
		"members": [["alice", 1]], "steps": [{"advance": 1}, {"contribute": {"id": "x", "by": [["bob", 1000000]]}},
		{"contribute": {"id": "x", "by": [["bob", 1000000]]}}]}"#,
	)
	.unwrap();
	let out = simulate(&[file.to_str().unwrap()]);
	assert_eq!(out.status.code(), Some(1));
	assert!(out.stdout.is_empty());
	let stderr = String::from_utf8(out.stderr).unwrap();
	assert!(stderr.contains("step 2: contribution `x` is contributed twice"), "{stderr}");

	let out = simulate(&["no/such/file.json"]);
	assert_eq!(out.status.code(), Some(1));
	assert!(out.stdout.is_empty());
	assert!(String::from_utf8(out.stderr).unwrap().contains("can't read no/such/file.json"));
}

#[test]
fn csv_has_a_row_per_step_with_every_account() {
	let file = temp("section-8.csv");
	let out = simulate(&["scenarios/section-8.json", "--csv", file.to_str().unwrap()]);
	assert!(out.status.success());
	let csv = std::fs::read_to_string(&file).unwrap();
	let lines: Vec<&str> = csv.lines().collect();
	assert_eq!(
		lines[0],
		"step,action,error,block,reputation:alice,tokens:alice,reputation:bob,tokens:bob,\
		 reputation:carol,tokens:carol,reputation:erin,tokens:erin,reputation:dave,tokens:dave,\
		 total_reputation,burned_reputation,token_supply,reserve"
	);
	assert_eq!(lines.len(), 11, "a header and ten steps");
	assert_eq!(lines[3], "2,evaluate,,1,360,0,270,0,300,0,0,0,80,40,1080,0,40,0");
	assert_eq!(lines[4], "3,evaluate,AlreadyEvaluated,1,360,0,270,0,300,0,0,0,80,40,1080,0,40,0");
	assert_eq!(lines[5], "4,advance,,12,360,0,270,0,300,0,0,0,80,40,1080,0,40,0");
	assert_eq!(lines[10], "9,deposit_revenue,,12,407,0,292,0,300,0,0,100,80,30,1079,1,130,283");
}

#[test]
fn the_chart_draws_every_account_and_the_supply() {
	let file = temp("section-8.svg");
	let out = simulate(&["scenarios/section-8.json", "--chart", file.to_str().unwrap()]);
	assert!(out.status.success());
	let svg = std::fs::read_to_string(&file).unwrap();
	assert!(svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"));
	// alice, bob, carol, erin, dave, and the token supply.
	assert_eq!(svg.matches("<polyline").count(), 6);
	assert!(svg.contains("alice (407)"));
	// Eleven samples per line: the start and each of the ten steps.
	let supply = svg.lines().rfind(|l| l.contains("<polyline")).unwrap();
	assert_eq!(supply.matches(',').count(), 11);
}

#[test]
fn generate_writes_a_scenario_the_simulator_runs() {
	let out =
		simulate(&["generate", "--agents", "12", "--contributions", "3", "--evaluations", "30"]);
	assert!(out.status.success());
	let file = temp("generated.json");
	std::fs::write(&file, &out.stdout).unwrap();
	let out = simulate(&[file.to_str().unwrap(), "--stats"]);
	assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
	let stderr = String::from_utf8(out.stderr).unwrap();
	assert!(stderr.contains("30 evaluations, 12 accounts"), "{stderr}");
	let outcome: Value = serde_json::from_slice(&out.stdout).unwrap();
	assert_eq!(outcome["contributions"].as_object().unwrap().len(), 3);

	let out =
		simulate(&["generate", "--agents", "2", "--contributions", "1", "--evaluations", "3"]);
	assert_eq!(out.status.code(), Some(1));
	assert!(String::from_utf8(out.stderr).unwrap().contains("more than 2 agents"));
}
