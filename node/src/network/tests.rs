//! Network files: what is accepted, what each mistake says, and the genesis they make.

use super::*;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

fn sr(k: Sr25519Keyring) -> String {
	k.to_account_id().to_ss58check()
}

fn ed(k: Ed25519Keyring) -> String {
	k.public().to_ss58check()
}

/// A valid file: two validators, three endowed accounts, the founding DC of Alice, Bob and
/// Charlie. `extra` goes at the top level, before the tables.
fn file(extra: &str) -> String {
	let (alice, bob, charlie) =
		(sr(Sr25519Keyring::Alice), sr(Sr25519Keyring::Bob), sr(Sr25519Keyring::Charlie));
	format!(
		r#"
name = "Riverside"
id = "riverside"
token_symbol = "RIV"
token_decimals = 12
session_length = 20
{extra}

[[validators]]
account = "{alice}"
aura = "{alice}"
grandpa = "{alice_ed}"

[[validators]]
account = "{bob}"
aura = "{bob}"
grandpa = "{bob_ed}"

[balances]
"{alice}" = 1000
"{bob}" = "0.5"
"{charlie}" = "2.000000000001"

[cooperative]
name = "Riverside Builders"
token_name = "Riverside Builders token"
token_symbol = "RVB"
token_decimals = 0
epoch_length = 100
depositor = "{alice}"
members = {{ "{alice}" = 400, "{bob}" = 300, "{charlie}" = 300 }}

[cooperative.parameters]
min_score = 0
max_score = 10
quorum = "50%"
stake = "12.5%"
alignment_radius = 1
token_per_point = 10
reputation_per_point = 20
evaluation_period = 10
"#,
		alice_ed = ed(Ed25519Keyring::Alice),
		bob_ed = ed(Ed25519Keyring::Bob),
	)
}

fn refusal(text: &str) -> String {
	match Network::parse(text) {
		Ok(_) => panic!("the file was accepted"),
		Err(NetworkFileError(message)) => message,
	}
}

#[test]
fn a_valid_file_makes_the_genesis_it_describes() {
	let network = Network::parse(&file("")).expect("the file is valid");
	let g = &network.genesis;
	let alice = Sr25519Keyring::Alice.to_account_id();
	let bob = Sr25519Keyring::Bob.to_account_id();
	let charlie = Sr25519Keyring::Charlie.to_account_id();
	assert_eq!(
		g.validators,
		vec![
			(
				alice.clone(),
				Sr25519Keyring::Alice.public().into(),
				Ed25519Keyring::Alice.public().into()
			),
			(bob.clone(), Sr25519Keyring::Bob.public().into(), Ed25519Keyring::Bob.public().into()),
		]
	);
	let mut balances = g.balances.clone();
	balances.sort();
	let mut expected = vec![
		(alice.clone(), 1000 * 10u128.pow(12)),
		(bob.clone(), 5 * 10u128.pow(11)),
		(charlie.clone(), 2 * 10u128.pow(12) + 1),
	];
	expected.sort();
	assert_eq!(balances, expected);
	assert_eq!(g.session_length, 20);
	assert_eq!(g.sudo, None);
	assert_eq!(g.founding_cooperative, Some(0));
	let dc = &g.cooperatives[0];
	assert_eq!(dc.admin, None);
	assert_eq!(dc.depositor, alice);
	assert_eq!(dc.parameters.stake, Perbill::from_parts(125_000_000));
	assert_eq!(dc.parameters.quorum, Perbill::from_percent(50));
	let mut members = dc.members.clone();
	members.sort();
	let mut expected = vec![(alice, 400), (bob, 300), (charlie, 300)];
	expected.sort();
	assert_eq!(members, expected);
}

#[test]
fn the_spec_is_live_without_sudo_and_builds_its_raw_form() {
	let network = Network::parse(&file("")).unwrap();
	let spec = network.chain_spec().unwrap();
	use sc_service::ChainSpec as _;
	assert_eq!(spec.chain_type(), ChainType::Live);
	assert_eq!(spec.id(), "riverside");
	assert_eq!(spec.name(), "Riverside");
	assert_eq!(spec.protocol_id(), Some("riverside"));
	assert_eq!(spec.properties()["tokenSymbol"], "RIV");
	// No telemetry unless an operator asks for it with `--telemetry-url`.
	assert!(spec.telemetry_endpoints().is_none());
	let plain: serde_json::Value = serde_json::from_str(&spec.as_json(false).unwrap()).unwrap();
	let config = &plain["genesis"]["runtimeGenesis"]["config"];
	assert_eq!(config["sudo"]["key"], serde_json::Value::Null);
	assert_eq!(config["foundingCooperative"]["dc"], 0);
	assert_eq!(config["validatorSet"]["sessionLength"], 20);
	assert_eq!(config["session"]["keys"].as_array().unwrap().len(), 2);
	assert_eq!(config["aura"]["authorities"].as_array().unwrap().len(), 0);
	// The raw form runs the genesis in the runtime's wasm: the founding DC is created there.
	let raw: serde_json::Value = serde_json::from_str(&spec.as_json(true).unwrap()).unwrap();
	assert!(raw["genesis"]["raw"]["top"].as_object().unwrap().len() > 20);
}

#[test]
fn the_example_in_the_docs_is_valid() {
	let text = include_str!("../../../docs/network-example.toml");
	let network = Network::parse(text).expect("the documented example is valid");
	assert!(text.lines().count() < 40, "the example stays under 40 lines");
	assert_eq!(network.genesis.validators.len(), 4);
}

#[test]
fn unknown_keys_are_named() {
	let message = refusal(&file("sudo = \"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY\""));
	assert!(message.contains("unknown field `sudo`"), "{message}");
	let text = file("").replace("alignment_radius = 1", "alignment_radius = 1\nradius = 2");
	let message = refusal(&text);
	assert!(message.contains("unknown field `radius`"), "{message}");
}

#[test]
fn bad_addresses_and_keys_are_named() {
	let alice = sr(Sr25519Keyring::Alice);
	let text = file("").replacen(&format!("account = \"{alice}\""), "account = \"5Grw\"", 1);
	assert!(refusal(&text).starts_with("validators[0].account: `5Grw` is not an account"));
	let text = file("").replace(&ed(Ed25519Keyring::Bob), "0x1234");
	assert_eq!(
		refusal(&text),
		"validators[1].grandpa: `0x1234` is not an ed25519 public key: `0x` must be followed by \
		 64 hex digits"
	);
	let text = file("").replace(&format!("depositor = \"{alice}\""), "depositor = \"nobody\"");
	assert!(refusal(&text).starts_with("cooperative.depositor: `nobody` is not an account"));
	let text = file("").replace(&ed(Ed25519Keyring::Bob), &ed(Ed25519Keyring::Alice));
	assert_eq!(refusal(&text), "validators[1]: has the same grandpa key as validators[0]");
}

#[test]
fn parameters_get_the_validation_of_create_dc() {
	let cases = [
		("quorum = \"50%\"", "quorum = \"40%\"", "the quorum must be between 50% and 100%"),
		("max_score = 10", "max_score = 0", "the score range is invalid"),
		("alignment_radius = 1", "alignment_radius = 11", "alignment_radius can be at most"),
		("evaluation_period = 10", "evaluation_period = 101", "evaluation_period must be"),
		("epoch_length = 100", "epoch_length = 0", "epoch_length must be at least one block"),
		("name = \"Riverside Builders\"", "name = \"\"", "the name is empty"),
	];
	for (from, to, expected) in cases {
		let message = refusal(&file("").replace(from, to));
		assert!(
			message
				.starts_with(&format!("cooperative: the founding DC can't be created: {expected}")),
			"{to}: {message}"
		);
	}
	let text = file("").replace("= 400,", "= 0,");
	assert!(refusal(&text).ends_with("a member has no reputation"));
}

#[test]
fn the_depositor_must_be_endowed_and_able_to_pay() {
	let charlie = sr(Sr25519Keyring::Charlie);
	let alice = sr(Sr25519Keyring::Alice);
	let text = file("").replace(
		&format!("depositor = \"{alice}\""),
		&format!("depositor = \"{}\"", sr(Sr25519Keyring::Dave)),
	);
	assert_eq!(
		refusal(&text),
		"cooperative.depositor: the account that pays the DC's deposit must be in `balances`"
	);
	let text = file("")
		.replace(&format!("depositor = \"{alice}\""), &format!("depositor = \"{charlie}\""))
		.replace("\"2.000000000001\"", "\"0.01\"");
	assert_eq!(
		refusal(&text),
		"cooperative: the founding DC can't be created: the depositor's balance can't pay the \
		 DC's deposit"
	);
}

#[test]
fn the_network_itself_is_checked() {
	assert!(
		refusal(&file("").replace("id = \"riverside\"", "id = \"River Side\"")).starts_with("id:")
	);
	assert_eq!(
		refusal(&file("").replace("session_length = 20", "session_length = 0")),
		"validators: the session length must be at least one block"
	);
	let message = refusal(&file("boot_nodes = [\"localhost:30333\"]"));
	assert!(message.starts_with("boot_nodes[0]: `localhost:30333` is not a node address"));
	assert_eq!(
		refusal(&file("").replace("= \"0.5\"", "= \"0.0000000000001\"")),
		format!(
			"balances.\"{}\": `0.0000000000001` has more than the token's 12 decimals",
			sr(Sr25519Keyring::Bob)
		)
	);
}

#[test]
fn percentages_are_exact() {
	assert_eq!(percent("k", "100%"), Ok(Perbill::one()));
	assert_eq!(percent("k", "0%"), Ok(Perbill::zero()));
	assert_eq!(percent("k", "0.0000001%"), Ok(Perbill::from_parts(1)));
	assert_eq!(percent("k", "66.6666667%"), Ok(Perbill::from_parts(666_666_667)));
	for bad in ["50", "100.0000001%", "1e2%", "-5%", "%", ".5%", "0.00000001%"] {
		assert!(percent("k", bad).is_err(), "{bad}");
	}
}

#[test]
fn amounts_are_exact() {
	let units = |a: Amount, d| base_units("k", &a, d);
	assert_eq!(units(Amount::Whole(3), 12), Ok(3_000_000_000_000));
	assert_eq!(units(Amount::Decimal("3".into()), 0), Ok(3));
	assert_eq!(units(Amount::Decimal("1.25".into()), 2), Ok(125));
	assert!(units(Amount::Decimal("1.255".into()), 2).is_err());
	assert!(units(Amount::Decimal("1,5".into()), 2).is_err());
	assert!(units(Amount::Whole(u64::MAX), 18).is_ok());
	assert!(units(Amount::Decimal("1".repeat(40)), 18).is_err());
}
