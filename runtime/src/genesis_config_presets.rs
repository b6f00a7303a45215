//! Genesis presets, and the genesis of a network file.
//!
//! Every genesis is made by [`network_genesis_config`] from a [`NetworkGenesis`]: validators
//! with their session keys, endowed accounts, an optional sudo key, the DCs of block 0 and the
//! founding DC. The node's `network-spec` subcommand builds one from a community's network file;
//! the presets are:
//!
//! - `development`: Alice alone validates; the development accounts are endowed; Alice is sudo.
//! - `local_testnet`: Alice and Bob validate; otherwise as `development`.
//! - `governed`: as `development` without a sudo key; root belongs to a founding DC of Alice,
//!   Bob and Charlie from block 0.
//!
//! The presets' sessions last a day: their chains have fixed validators, and the block that
//! rotates a session carries no transactions, which the fast sealing modes would notice.

use crate::{
	AccountId, Balance, BalancesConfig, BlockNumber, RuntimeGenesisConfig, SessionKeys, DAYS, UNIT,
};
use alloc::{vec, vec::Vec};
use pallet_cooperatives::GenesisCooperative;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every development account holds at genesis: one million COV.
pub const DEV_ENDOWMENT: u128 = 1_000_000 * UNIT;

/// What a network's first block holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetworkGenesis {
	/// The validators: each one's account, Aura key and GRANDPA key.
	pub validators: Vec<(AccountId, AuraId, GrandpaId)>,
	/// Endowed accounts and their balances in base units.
	pub balances: Vec<(AccountId, Balance)>,
	/// Blocks per session.
	pub session_length: BlockNumber,
	/// The sudo key; `None` on a network from a network file.
	pub sudo: Option<AccountId>,
	/// The DCs of block 0, created in order (ids 0, 1, …).
	pub cooperatives: Vec<GenesisCooperative<AccountId, BlockNumber>>,
	/// The DC whose passed proposals act as root (it must govern itself).
	pub founding_cooperative: Option<pallet_cooperatives::CooperativeId>,
}

/// The genesis config of a network. Aura's and GRANDPA's authorities are left empty: the
/// session pallet sets them from the validators' session keys.
pub fn network_genesis_config(network: NetworkGenesis) -> RuntimeGenesisConfig {
	let keys = network
		.validators
		.iter()
		.map(|(who, aura, grandpa)| {
			(who.clone(), who.clone(), SessionKeys { aura: aura.clone(), grandpa: grandpa.clone() })
		})
		.collect::<Vec<_>>();
	RuntimeGenesisConfig {
		balances: BalancesConfig { balances: network.balances, ..Default::default() },
		validator_set: pallet_validator_set::GenesisConfig {
			validators: network.validators.into_iter().map(|v| v.0).collect(),
			session_length: network.session_length,
		},
		session: pallet_session::GenesisConfig { keys, non_authority_keys: vec![] },
		sudo: pallet_sudo::GenesisConfig { key: network.sudo },
		cooperatives: pallet_cooperatives::GenesisConfig { cooperatives: network.cooperatives },
		founding_cooperative: pallet_founding_cooperative::GenesisConfig {
			dc: network.founding_cooperative,
			..Default::default()
		},
		..Default::default()
	}
}

/// The genesis config as JSON, as a preset hands it to the node.
fn to_json(network: NetworkGenesis) -> Value {
	serde_json::to_value(network_genesis_config(network)).expect("a genesis config serializes; qed")
}

/// The Aura (sr25519) and GRANDPA (ed25519) keys of a development validator, whose account is
/// its sr25519 account.
fn dev_validator(k: Sr25519Keyring, g: Ed25519Keyring) -> (AccountId, AuraId, GrandpaId) {
	(k.to_account_id(), k.public().into(), g.public().into())
}

/// A development chain: the given validators, every development account endowed.
fn dev_network(validators: Vec<(AccountId, AuraId, GrandpaId)>) -> NetworkGenesis {
	NetworkGenesis {
		validators,
		balances: Sr25519Keyring::well_known()
			.map(|k| (k.to_account_id(), DEV_ENDOWMENT))
			.collect(),
		session_length: DAYS,
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		cooperatives: vec![],
		founding_cooperative: None,
	}
}

/// The `development` preset: Alice alone authors and finalizes.
pub fn development_config_genesis() -> Value {
	to_json(dev_network(vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)]))
}

/// The `local_testnet` preset: Alice and Bob author and finalize together.
pub fn local_config_genesis() -> Value {
	to_json(dev_network(vec![
		dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
		dev_validator(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	]))
}

/// The preset of a development chain governed by its founding DC.
pub const GOVERNED_RUNTIME_PRESET: &str = "governed";

/// The founding DC of the `governed` preset: Alice 400, Bob 300 and Charlie 300, scores 0..=10,
/// quorum 50%, stake 10%, evaluation period and epoch of 10 blocks (short, for development),
/// governing itself. Alice pays its deposit.
pub fn founding_cooperative() -> GenesisCooperative<AccountId, BlockNumber> {
	GenesisCooperative {
		name: "Covalue Founders".into(),
		token_name: "Founders token".into(),
		token_symbol: "FND".into(),
		token_decimals: 0,
		parameters: pallet_cooperatives::Parameters {
			min_score: 0,
			max_score: 10,
			quorum: sp_runtime::Perbill::from_percent(50),
			stake: sp_runtime::Perbill::from_percent(10),
			alignment_radius: 1,
			token_per_point: 10,
			reputation_per_point: 20,
			evaluation_period: 10,
		},
		epoch_length: 10,
		members: vec![
			(Sr25519Keyring::Alice.to_account_id(), 400),
			(Sr25519Keyring::Bob.to_account_id(), 300),
			(Sr25519Keyring::Charlie.to_account_id(), 300),
		],
		admin: None,
		depositor: Sr25519Keyring::Alice.to_account_id(),
	}
}

/// The `governed` preset: Alice alone authors and finalizes, nobody holds a sudo key, and root
/// calls pass only as proposals of the founding DC (DC 0).
pub fn governed_config_genesis() -> Value {
	to_json(NetworkGenesis {
		sudo: None,
		cooperatives: vec![founding_cooperative()],
		founding_cooperative: Some(0),
		..dev_network(vec![dev_validator(Sr25519Keyring::Alice, Ed25519Keyring::Alice)])
	})
}

/// Provides the JSON representation of predefined genesis config for given `id`.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		GOVERNED_RUNTIME_PRESET => governed_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// List of supported presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(GOVERNED_RUNTIME_PRESET),
	]
}
