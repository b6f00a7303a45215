//! # Covalue runtime
//!
//! A solochain runtime (Aura block production, GRANDPA finality) on which communities run
//! decentralized cooperations (DCs) with the Proof-of-Value protocol. Besides the usual
//! infrastructure pallets it registers `pallet-assets` as `Assets`, where every DC's token lives,
//! and `pallet-session` with the validator set as its session manager, so that validators
//! change by root (a founding DC's passed proposals) and Aura and GRANDPA follow.
//!
//! - [`configs`]: the configuration of every pallet.
//! - [`apis`]: the runtime APIs served to the node, Polkadot.js Apps and other clients.
//! - [`genesis_config_presets`]: the genesis presets, and the genesis of a network file.
//! - [`weights`]: the weights generated from the benchmarks.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Before `apis`: the benchmark list macros it uses are defined here.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types. These are used by the CLI to instantiate machinery that don't need to know the
/// specifics of the runtime. They can then be made to be agnostic over specific formats of data
/// like extrinsics, allowing for them to continue syncing the network through upgrades to even
/// the core data structures.
pub mod opaque {
	use super::*;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: an Aura key and a GRANDPA key.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime version. Bump `spec_version` with every change of runtime logic and
/// `transaction_version` with every change of call or extension encoding.
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("covalue"),
	impl_name: alloc::borrow::Cow::Borrowed("covalue"),
	authoring_version: 1,
	spec_version: 301,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

mod block_times {
	/// Targeted block time. Aura produces one block per slot of this length.
	///
	/// Changing it after the chain has started would break block production: Aura's slot
	/// duration is derived from it.
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;

	/// Slot length, the same as the block time.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
}
pub use block_times::*;

/// Blocks per minute, hour and day at the target block time.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Block hashes kept for `frame_system::BlockHash`.
pub const BLOCK_HASH_COUNT: BlockNumber = 2400;

/// Decimals of the native token: 1 COV = 10^12 base units.
pub const TOKEN_DECIMALS: u8 = 12;
/// Symbol of the native token.
pub const TOKEN_SYMBOL: &str = "COV";
/// SS58 address format. 42 is the generic Substrate format that every wallet and Polkadot.js Apps
/// understand without configuration.
pub const SS58_PREFIX: u16 = 42;

/// One COV in base units.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a COV.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// A millionth of a COV.
pub const MICRO_UNIT: Balance = 1_000_000;

/// Minimum balance an account must hold to exist.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;

/// Deposit for storage: a base per item plus a price per byte.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 20 * MILLI_UNIT + (bytes as Balance) * 100 * MICRO_UNIT
}

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain. We intentionally make it equivalent
/// to the public key of our transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account (native currency and DC tokens alike).
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// An index to a block.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A Block signed with a Justification
pub type SignedBlock = generic::SignedBlock<Block>;

/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The `TransactionExtension`s to the basic transaction logic. `WeightReclaim` comes last so that
/// it sees the weight every other extension reported.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Single-block migrations applied on runtime upgrade.
#[allow(unused_parens)]
type Migrations = ();

/// Executive: handles dispatch to the various pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

// Create the runtime by composing the FRAME pallets that were previously configured.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	// The validator set and the session come before Aura and GRANDPA, so that a session's new
	// authorities are in place when their hooks run, and the set's genesis is built before the
	// session's genesis asks for it.
	#[runtime::pallet_index(11)]
	pub type ValidatorSet = pallet_validator_set;

	#[runtime::pallet_index(12)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(8)]
	pub type Multisig = pallet_multisig;

	#[runtime::pallet_index(9)]
	pub type Proxy = pallet_proxy;

	#[runtime::pallet_index(10)]
	pub type Assets = pallet_assets;

	#[runtime::pallet_index(13)]
	pub type PoolAssets = pallet_assets<Instance2>;

	#[runtime::pallet_index(20)]
	pub type Reputation = pallet_reputation;

	#[runtime::pallet_index(21)]
	pub type Cooperatives = pallet_cooperatives;

	#[runtime::pallet_index(22)]
	pub type ProofOfValue = pallet_proof_of_value;

	#[runtime::pallet_index(23)]
	pub type Reserve = pallet_reserve;

	#[runtime::pallet_index(24)]
	pub type FoundingCooperative = pallet_founding_cooperative;

	#[runtime::pallet_index(25)]
	pub type AssetConversion = pallet_asset_conversion;
}
