//! Genesis presets: `development` (one validator, Alice) and `local_testnet` (two validators,
//! Alice and Bob) fund the well-known development accounts and make Alice the sudo key;
//! `governed` is the development chain without a sudo key, whose root belongs to a founding DC
//! of Alice, Bob and Charlie from block 0.

use crate::{AccountId, BalancesConfig, BlockNumber, RuntimeGenesisConfig, SudoConfig, UNIT};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every development account holds at genesis: one million COV.
pub const DEV_ENDOWMENT: u128 = 1_000_000 * UNIT;

/// A genesis configuration with the given authorities, endowed accounts and sudo key.
fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (k, DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
	})
}

/// The Aura (sr25519) and GRANDPA (ed25519) keys of a development authority.
fn authority(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// The `development` preset: Alice alone authors and finalizes.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice and Bob author and finalize together.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The preset of a development chain governed by its founding DC.
pub const GOVERNED_RUNTIME_PRESET: &str = "governed";

/// The founding DC of the `governed` preset: Alice 400, Bob 300 and Charlie 300, scores 0..=10,
/// quorum 50%, stake 10%, evaluation period and epoch of 10 blocks (short, for development),
/// governing itself. Alice pays its deposit.
pub fn founding_cooperative() -> pallet_cooperatives::GenesisCooperative<AccountId, BlockNumber> {
	pallet_cooperatives::GenesisCooperative {
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
	let alice = authority(Sr25519Keyring::Alice, Ed25519Keyring::Alice);
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: Sr25519Keyring::well_known()
				.map(|k| (k.to_account_id(), DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig { authorities: vec![alice.0] },
		grandpa: pallet_grandpa::GenesisConfig { authorities: vec![(alice.1, 1)] },
		sudo: SudoConfig { key: None },
		cooperatives: pallet_cooperatives::GenesisConfig {
			cooperatives: vec![founding_cooperative()]
		},
		founding_cooperative: pallet_founding_cooperative::GenesisConfig { dc: Some(0) },
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
