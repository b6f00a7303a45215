//! Network files: what a community writes to launch a network of its own, and the chain
//! specification the `network-spec` subcommand makes of it.
//!
//! A network file (TOML) names the network, its token, its validators' public keys, the
//! accounts endowed at genesis and the founding DC. The genesis it describes has no sudo key and
//! no development account: the founding DC governs itself from block 0 and holds root through
//! its passed proposals. `docs/network.md` documents every key.
//!
//! Before anything is written the file is checked: unknown keys, addresses, keys, amounts and
//! percentages give an error that names the key, and the founding DC is created in a dry run of
//! the genesis with the runtime's own code, so its parameters and members get exactly the
//! validation of `create_dc`.

use covalue_runtime::{
	genesis_config_presets::{network_genesis_config, NetworkGenesis},
	AccountId, Balance, BlockNumber, Runtime, SS58_PREFIX,
};
use pallet_cooperatives::{GenesisCooperative, Parameters};
use sc_service::{ChainType, Properties};
use serde::Deserialize;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::crypto::Ss58Codec;
use sp_runtime::{BuildStorage, DispatchError, Perbill};
use std::{collections::BTreeMap, fmt, path::Path};

/// Blocks per session when the file doesn't say: 600 blocks of 6 s, one hour.
pub const DEFAULT_SESSION_LENGTH: BlockNumber = 600;

/// A network file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkFile {
	/// The network's name, shown by wallets and explorers.
	pub name: String,
	/// The network's id: lowercase letters, digits and `_`; also its peer-to-peer protocol id.
	pub id: String,
	/// The native token's symbol.
	pub token_symbol: String,
	/// The native token's decimals, for display.
	pub token_decimals: u8,
	/// Blocks per session: validator changes take effect at session boundaries.
	#[serde(default)]
	pub session_length: Option<BlockNumber>,
	/// Addresses of nodes that new nodes dial first (`/ip4/…/tcp/…/p2p/<peer id>`).
	#[serde(default)]
	pub boot_nodes: Vec<String>,
	/// The first validators.
	pub validators: Vec<ValidatorEntry>,
	/// Accounts endowed at genesis and their balances in tokens (`"1000"`, `"0.5"` or an
	/// integer).
	#[serde(default)]
	pub balances: BTreeMap<String, Amount>,
	/// The founding DC.
	pub cooperative: CooperativeEntry,
}

/// A validator of the first block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidatorEntry {
	/// The validator's account (SS58): it registers new session keys and is the one added or
	/// removed later.
	pub account: String,
	/// Its Aura key: an sr25519 public key (SS58 or `0x` and 64 hex digits).
	pub aura: String,
	/// Its GRANDPA key: an ed25519 public key (SS58 or `0x` and 64 hex digits).
	pub grandpa: String,
}

/// The founding DC.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CooperativeEntry {
	/// The DC's name.
	pub name: String,
	/// Its token's name.
	pub token_name: String,
	/// Its token's symbol.
	pub token_symbol: String,
	/// Its token's decimals.
	pub token_decimals: u8,
	/// Its epoch length in blocks, fixed for ever.
	pub epoch_length: BlockNumber,
	/// The account that pays the DC's deposit; it must be endowed.
	pub depositor: String,
	/// Initial members (SS58) and their reputation, vested.
	pub members: BTreeMap<String, u64>,
	/// Its Proof-of-Value parameters.
	pub parameters: ParametersEntry,
}

/// A DC's parameters, with percentages written as percentages. (TOML integers are 64-bit: so
/// are the amounts here.)
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParametersEntry {
	/// Lowest score.
	pub min_score: u8,
	/// Highest score.
	pub max_score: u8,
	/// Share of all reputation that must stand behind a score, such as `"50%"`.
	pub quorum: String,
	/// Share of an evaluator's reputation staked per evaluation, such as `"10%"`.
	pub stake: String,
	/// Scores within this distance count as aligned.
	pub alignment_radius: u8,
	/// Tokens minted per median point.
	pub token_per_point: u64,
	/// Reputation issued per median point.
	pub reputation_per_point: u64,
	/// Blocks a contribution stays open.
	pub evaluation_period: BlockNumber,
}

/// An amount of tokens: an integer, or a decimal number in a string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Amount {
	/// Whole tokens.
	Whole(u64),
	/// Tokens as a decimal number, such as `"1000.25"`.
	Decimal(String),
}

/// Why a network file can't become a chain specification: a sentence naming the key.
#[derive(Debug, PartialEq, Eq)]
pub struct NetworkFileError(pub String);

impl fmt::Display for NetworkFileError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for NetworkFileError {}

fn error<T>(message: impl Into<String>) -> Result<T, NetworkFileError> {
	Err(NetworkFileError(message.into()))
}

/// An account from SS58 (any network's prefix) or `0x` and 64 hex digits.
fn account(key: &str, text: &str) -> Result<AccountId, NetworkFileError> {
	public_bytes(key, text, "an account").map(AccountId::new)
}

/// 32 bytes of a public key or account, from SS58 or hex; `what` names it in the error.
fn public_bytes(key: &str, text: &str, what: &str) -> Result<[u8; 32], NetworkFileError> {
	if let Some(hex) = text.strip_prefix("0x") {
		let mut bytes = [0u8; 32];
		if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
			for (i, byte) in bytes.iter_mut().enumerate() {
				*byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)
					.expect("two hex digits make a byte; qed");
			}
			return Ok(bytes);
		}
		return error(format!(
			"{key}: `{text}` is not {what}: `0x` must be followed by 64 hex digits"
		));
	}
	match sp_core::crypto::AccountId32::from_ss58check_with_version(text) {
		Ok((id, _)) => Ok(id.into()),
		Err(e) => error(format!("{key}: `{text}` is not {what} ({e})")),
	}
}

/// A share written as a percentage with at most seven decimals, exactly, as a `Perbill`.
fn percent(key: &str, text: &str) -> Result<Perbill, NetworkFileError> {
	let bad = || {
		error(format!(
			"{key}: `{text}` is not a percentage between 0% and 100% with at most seven \
			 decimals, such as \"50%\" or \"12.5%\""
		))
	};
	let Some(number) = text.trim().strip_suffix('%') else { return bad() };
	let (whole, fraction) = number.trim().split_once('.').unwrap_or((number.trim(), ""));
	if whole.is_empty()
		|| fraction.len() > 7
		|| !whole.bytes().all(|b| b.is_ascii_digit())
		|| !fraction.bytes().all(|b| b.is_ascii_digit())
	{
		return bad();
	}
	let Ok(whole) = whole.parse::<u64>() else { return bad() };
	let fraction_parts = format!("{fraction:0<7}").parse::<u64>().unwrap_or(0);
	// 1% is 10^7 parts per billion.
	let parts = whole.checked_mul(10_000_000).and_then(|p| p.checked_add(fraction_parts));
	match parts {
		Some(parts) if parts <= 1_000_000_000 => Ok(Perbill::from_parts(parts as u32)),
		_ => bad(),
	}
}

/// An amount of tokens in base units, with `decimals` decimals.
fn base_units(key: &str, amount: &Amount, decimals: u8) -> Result<Balance, NetworkFileError> {
	let scale = 10u128.checked_pow(decimals.into());
	let too_big = || error(format!("{key}: the amount is too large"));
	match amount {
		Amount::Whole(tokens) => match scale.and_then(|s| s.checked_mul(u128::from(*tokens))) {
			Some(units) => Ok(units),
			None => too_big(),
		},
		Amount::Decimal(text) => {
			let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
			if whole.is_empty()
				|| !whole.bytes().all(|b| b.is_ascii_digit())
				|| !fraction.bytes().all(|b| b.is_ascii_digit())
			{
				return error(format!(
					"{key}: `{text}` is not an amount of tokens such as \"1000.5\""
				));
			}
			if fraction.len() > decimals as usize {
				return error(format!(
					"{key}: `{text}` has more than the token's {decimals} decimals"
				));
			}
			let fraction = format!("{fraction:0<width$}", width = decimals as usize);
			let whole = whole.parse::<u128>().ok();
			let fraction =
				if fraction.is_empty() { Some(0) } else { fraction.parse::<u128>().ok() };
			match (whole, fraction, scale) {
				(Some(w), Some(f), Some(s)) => {
					w.checked_mul(s).and_then(|w| w.checked_add(f)).map_or_else(too_big, Ok)
				},
				_ => too_big(),
			}
		},
	}
}

/// A network file checked and turned into the runtime's terms.
pub struct Network {
	/// The file as written.
	pub file: NetworkFile,
	/// Its genesis.
	pub genesis: NetworkGenesis,
}

impl Network {
	/// Reads and checks a network file.
	pub fn load(path: &Path) -> Result<Self, NetworkFileError> {
		let text = std::fs::read_to_string(path)
			.or_else(|e| error(format!("can't read the network file {}: {e}", path.display())))?;
		Self::parse(&text)
	}

	/// Checks the text of a network file.
	pub fn parse(text: &str) -> Result<Self, NetworkFileError> {
		let file: NetworkFile = toml::from_str(text)
			.or_else(|e| error(format!("the network file is not valid: {e}")))?;
		let genesis = file.to_genesis()?;
		dry_run(&genesis)?;
		Ok(Network { file, genesis })
	}

	/// The chain specification: chain type Live, the file's name, id and token, and its
	/// genesis.
	pub fn chain_spec(&self) -> Result<crate::chain_spec::ChainSpec, String> {
		let mut properties = Properties::new();
		properties.insert("tokenSymbol".into(), self.file.token_symbol.clone().into());
		properties.insert("tokenDecimals".into(), self.file.token_decimals.into());
		properties.insert("ss58Format".into(), SS58_PREFIX.into());
		let boot_nodes = self
			.file
			.boot_nodes
			.iter()
			.map(|a| a.parse().map_err(|e| format!("boot_nodes: `{a}`: {e}")))
			.collect::<Result<Vec<_>, _>>()?;
		let genesis = serde_json::to_value(network_genesis_config(self.genesis.clone()))
			.map_err(|e| format!("the genesis doesn't serialize: {e}"))?;
		Ok(crate::chain_spec::ChainSpec::builder(
			covalue_runtime::WASM_BINARY.ok_or("the runtime's wasm is not available")?,
			None,
		)
		.with_name(&self.file.name)
		.with_id(&self.file.id)
		.with_protocol_id(&self.file.id)
		.with_chain_type(ChainType::Live)
		.with_boot_nodes(boot_nodes)
		.with_genesis_config(genesis)
		.with_properties(properties)
		.build())
	}
}

impl NetworkFile {
	/// Every check that needs no runtime, and the conversion into the runtime's types.
	fn to_genesis(&self) -> Result<NetworkGenesis, NetworkFileError> {
		if self.name.trim().is_empty() {
			return error("name: the network needs a name");
		}
		if self.id.is_empty()
			|| !self
				.id
				.bytes()
				.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
		{
			return error(format!(
				"id: `{}` must be lowercase letters, digits and `_`, such as \"riverside\"",
				self.id
			));
		}
		if self.token_symbol.trim().is_empty() {
			return error("token_symbol: the token needs a symbol");
		}
		if self.token_decimals > 18 {
			return error("token_decimals: at most 18");
		}
		let session_length = self.session_length.unwrap_or(DEFAULT_SESSION_LENGTH);
		for (i, address) in self.boot_nodes.iter().enumerate() {
			if address.parse::<sc_network::config::MultiaddrWithPeerId>().is_err() {
				return error(format!(
					"boot_nodes[{i}]: `{address}` is not a node address such as \
					 \"/ip4/203.0.113.7/tcp/30333/p2p/12D3KooW…\""
				));
			}
		}

		if self.validators.is_empty() {
			return error("validators: a network needs at least one validator");
		}
		let mut validators = Vec::new();
		for (i, v) in self.validators.iter().enumerate() {
			let key = format!("validators[{i}]");
			let who = account(&format!("{key}.account"), &v.account)?;
			let aura = AuraId::from(sp_core::sr25519::Public::from_raw(public_bytes(
				&format!("{key}.aura"),
				&v.aura,
				"an sr25519 public key",
			)?));
			let grandpa = GrandpaId::from(sp_core::ed25519::Public::from_raw(public_bytes(
				&format!("{key}.grandpa"),
				&v.grandpa,
				"an ed25519 public key",
			)?));
			for (j, (other, other_aura, other_grandpa)) in validators.iter().enumerate() {
				let twice = if *other == who {
					"account"
				} else if *other_aura == aura {
					"aura key"
				} else if *other_grandpa == grandpa {
					"grandpa key"
				} else {
					continue;
				};
				return error(format!("{key}: has the same {twice} as validators[{j}]"));
			}
			validators.push((who, aura, grandpa));
		}

		let mut balances = Vec::new();
		for (address, amount) in &self.balances {
			let key = format!("balances.\"{address}\"");
			let who = account(&key, address)?;
			if balances.iter().any(|(other, _)| *other == who) {
				return error(format!("{key}: the account is listed twice"));
			}
			let units = base_units(&key, amount, self.token_decimals)?;
			if units < covalue_runtime::EXISTENTIAL_DEPOSIT {
				return error(format!(
					"{key}: below the existential deposit of {} base units",
					covalue_runtime::EXISTENTIAL_DEPOSIT
				));
			}
			balances.push((who, units));
		}

		let c = &self.cooperative;
		let members = c
			.members
			.iter()
			.map(|(address, reputation)| {
				let key = format!("cooperative.members.\"{address}\"");
				Ok((account(&key, address)?, u128::from(*reputation)))
			})
			.collect::<Result<Vec<_>, NetworkFileError>>()?;
		let depositor = account("cooperative.depositor", &c.depositor)?;
		if !balances.iter().any(|(who, _)| *who == depositor) {
			return error(
				"cooperative.depositor: the account that pays the DC's deposit must be in `balances`",
			);
		}
		let p = &c.parameters;
		let founding = GenesisCooperative {
			name: c.name.clone(),
			token_name: c.token_name.clone(),
			token_symbol: c.token_symbol.clone(),
			token_decimals: c.token_decimals,
			parameters: Parameters {
				min_score: p.min_score,
				max_score: p.max_score,
				quorum: percent("cooperative.parameters.quorum", &p.quorum)?,
				stake: percent("cooperative.parameters.stake", &p.stake)?,
				alignment_radius: p.alignment_radius,
				token_per_point: p.token_per_point.into(),
				reputation_per_point: p.reputation_per_point.into(),
				evaluation_period: p.evaluation_period,
			},
			epoch_length: c.epoch_length,
			members,
			// The founding DC governs itself: only its passed proposals act as root.
			admin: None,
			depositor,
		};
		Ok(NetworkGenesis {
			validators,
			balances,
			session_length,
			sudo: None,
			cooperatives: vec![founding],
			founding_cooperative: Some(0),
		})
	}
}

/// Builds the genesis natively without its DCs, then creates them as the genesis would, with
/// the runtime's code: an invalid DC is an error here, not a panic when the spec is built.
fn dry_run(genesis: &NetworkGenesis) -> Result<(), NetworkFileError> {
	let accounts: Vec<_> = genesis.validators.iter().map(|v| v.0.clone()).collect();
	pallet_validator_set::Pallet::<Runtime>::check_genesis(&accounts, genesis.session_length)
		.or_else(|e| error(format!("validators: {e}")))?;
	let mut without_dcs = genesis.clone();
	without_dcs.cooperatives.clear();
	without_dcs.founding_cooperative = None;
	let storage = network_genesis_config(without_dcs)
		.build_storage()
		.or_else(|e| error(format!("the genesis doesn't build: {e}")))?;
	sp_io::TestExternalities::new(storage).execute_with(|| {
		for spec in &genesis.cooperatives {
			pallet_cooperatives::Pallet::<Runtime>::create_at_genesis(spec).or_else(|e| {
				error(format!("cooperative: the founding DC can't be created: {}", describe(e)))
			})?;
		}
		Ok(())
	})
}

/// A sentence for each way `create_dc` can refuse a DC of a network file.
fn describe(e: DispatchError) -> String {
	let sentence = match e {
		DispatchError::Module(m) => match m.message.unwrap_or("") {
			"EmptyName" => "the name is empty",
			"EmptyTokenMetadata" => "the token's name or symbol is empty",
			"NoMembers" => "it has no members",
			"DuplicateMember" => "a member is listed twice",
			"ZeroReputation" => "a member has no reputation",
			"ReputationOverflow" => "the members' reputation adds up to more than the maximum",
			"InvalidEpochLength" => "epoch_length must be at least one block",
			"InvalidScoreRange" => {
				"the score range is invalid: min_score must not exceed max_score, and max_score \
				 must be between 1 and the chain's maximum score"
			},
			"InvalidQuorum" => "the quorum must be between 50% and 100%",
			"InvalidAlignmentRadius" => "alignment_radius can be at most max_score − min_score",
			"InvalidEvaluationPeriod" => {
				"evaluation_period must be at least one block, at most epoch_length and at most \
				 the chain's longest evaluation period"
			},
			other => return format!("{other} ({e:?})"),
		},
		DispatchError::Token(_) | DispatchError::Arithmetic(_) => {
			"the depositor's balance can't pay the DC's deposit"
		},
		DispatchError::Other(text) => text,
		other => return format!("{other:?}"),
	};
	sentence.to_string()
}

#[cfg(test)]
mod tests;
