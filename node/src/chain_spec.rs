//! Built-in chain specifications. Their genesis comes from the runtime's genesis presets.

use covalue_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::{ChainType, Properties};

/// A chain specification of this node: no extensions.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, as wallets and Polkadot.js Apps read them.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// The `--dev` chain: Alice alone authors and finalizes blocks.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(
		WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())?,
		None,
	)
	.with_name("Development")
	.with_id("dev")
	.with_chain_type(ChainType::Development)
	.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
	.with_properties(properties())
	.build())
}

/// The `local` chain: Alice and Bob author and finalize blocks together.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(
		WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())?,
		None,
	)
	.with_name("Covalue Local Testnet")
	.with_id("covalue_local_testnet")
	.with_chain_type(ChainType::Local)
	.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
	.with_properties(properties())
	.build())
}

/// The `governed` chain: the development chain without a sudo key, whose root belongs to its
/// founding DC (Alice, Bob and Charlie) from block 0.
pub fn governed_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(
		WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())?,
		None,
	)
	.with_name("Covalue Governed Development")
	.with_id("covalue_governed_dev")
	.with_chain_type(ChainType::Development)
	.with_genesis_config_preset_name(
		covalue_runtime::genesis_config_presets::GOVERNED_RUNTIME_PRESET,
	)
	.with_properties(properties())
	.build())
}
