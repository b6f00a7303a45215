//! Configuration of every pallet in the runtime.

use crate::{
	deposit, AccountId, Assets, Aura, Balance, Balances, Block, BlockNumber, Cooperatives, Hash,
	Nonce, PalletInfo, Reputation, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, RuntimeTask, System, BLOCK_HASH_COUNT, EXISTENTIAL_DEPOSIT,
	SLOT_DURATION, SS58_PREFIX, UNIT, VERSION,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{
		fungible::{HoldConsideration, NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, Contains,
		InstanceFilter, LinearStoragePrice, VariantCountOf,
	},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::{limits::BlockWeights, EnsureNever};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use scale_info::TypeInfo;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	pub const BlockHashCount: BlockNumber = BLOCK_HASH_COUNT;
	pub const Version: RuntimeVersion = VERSION;

	/// Two seconds of compute per six-second block; a quarter of it is kept for operational
	/// transactions. Proof size is not limited on a solochain.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB per block, three quarters of it for normal transactions.
	pub RuntimeBlockLength: frame_system::limits::BlockLength =
		frame_system::limits::BlockLength::builder()
			.max_length(5 * 1024 * 1024)
			.modify_max_length_for_class(DispatchClass::Normal, |max| {
				*max = NORMAL_DISPATCH_RATIO * *max
			})
			.build();
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

/// The default types are being injected by [`derive_impl`](`frame_support::derive_impl`) from
/// [`SolochainDefaultConfig`](`struct@frame_system::config_preludes::SolochainDefaultConfig`),
/// but overridden as needed.
/// Calls no origin may make.
///
/// DC tokens are minted only by the protocol and burned only by redemption. With a zero account
/// deposit, `Assets::touch` followed by `Assets::refund(allow_burn = true)` would let a holder
/// destroy their own tokens outside both, so the asset-account deposit calls are disabled; DC
/// tokens are sufficient assets and need no deposit anyway.
pub struct BaseCallFilter;
impl Contains<RuntimeCall> for BaseCallFilter {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(
			call,
			RuntimeCall::Assets(
				pallet_assets::Call::touch { .. }
					| pallet_assets::Call::touch_other { .. }
					| pallet_assets::Call::refund { .. }
					| pallet_assets::Call::refund_other { .. }
			)
		)
	}
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type BaseCallFilter = BaseCallFilter;
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// The node stores state in ParityDB.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<32>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
	/// A timestamp: milliseconds since the unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	/// The type for recording an account's balance.
	type Balance = Balance;
	/// The ubiquitous event type.
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = IdentityFee<Balance>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = crate::OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	// One storage item; key size is 32; value is size 4+4+16+32 bytes = 56 bytes.
	pub const MultisigDepositBase: Balance = deposit(1, 88);
	// Additional storage item size of 32 bytes.
	pub const MultisigDepositFactor: Balance = deposit(0, 32);
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = MultisigDepositBase;
	type DepositFactor = MultisigDepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}

/// What a proxy may do on behalf of the account that added it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Any call.
	#[default]
	Any,
	/// Any call that cannot move native currency or DC tokens.
	NonTransfer,
	/// Only rejecting announcements of other proxies.
	CancelProxy,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, c: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => {
				!matches!(c, RuntimeCall::Balances(..) | RuntimeCall::Assets(..))
			},
			ProxyType::CancelProxy => matches!(
				c,
				RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. })
					| RuntimeCall::Utility(..)
					| RuntimeCall::Multisig(..)
			),
		}
	}

	fn is_superset(&self, o: &Self) -> bool {
		match (self, o) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::NonTransfer, _) => true,
			_ => false,
		}
	}
}

parameter_types! {
	// One storage item; key size 32, value size 8; .
	pub const ProxyDepositBase: Balance = deposit(1, 8);
	// Additional storage item size of 33 bytes.
	pub const ProxyDepositFactor: Balance = deposit(0, 33);
	pub const AnnouncementDepositBase: Balance = deposit(1, 8);
	pub const AnnouncementDepositFactor: Balance = deposit(0, 66);
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = sp_runtime::traits::BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = System;
}

/// Identifier of an asset, i.e. of a DC token.
pub type AssetId = u32;

parameter_types! {
	pub const AssetDeposit: Balance = deposit(1, 190);
	pub const ApprovalDeposit: Balance = EXISTENTIAL_DEPOSIT;
}

/// DC tokens live here. Assets are created only by the project's pallets through the `fungibles`
/// traits: no origin may create one through a call (`CreateOrigin` is `EnsureNever`), and none may
/// force-change one (`ForceOrigin` is `EnsureNever`), so nobody can hand themselves the right to
/// mint a DC's token. Metadata and account deposits are zero because only the project's pallets
/// write metadata (their own deposit covers it) and DC tokens are sufficient assets, so a reward
/// reaches an account that holds no native currency.
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = AssetId;
	type AssetIdParameter = codec::Compact<AssetId>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureNever<AccountId>>;
	type ForceOrigin = EnsureNever<()>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

impl pallet_reputation::Config for Runtime {}

parameter_types! {
	pub const CooperativesPalletId: PalletId = PalletId(*b"cv/coops");
	pub const ReservePalletId: PalletId = PalletId(*b"cv/rsrve");
	/// Held from a DC's creator while the DC exists, before the price of what it stores.
	pub const CooperativeDepositBase: Balance = 100 * UNIT;
	/// Held from whoever submits a contribution until it is cleaned up, likewise.
	pub const ContributionDepositBase: Balance = UNIT;
	/// What a DC or a contribution pays per byte it stores, on top of its base.
	pub const DepositPerByte: Balance = deposit(0, 1);
	pub const CooperativeDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Cooperatives(pallet_cooperatives::HoldReason::CooperativeDeposit);
	pub const ContributionDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::ProofOfValue(pallet_proof_of_value::HoldReason::ContributionDeposit);
}

impl pallet_cooperatives::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		CooperativeDepositReason,
		LinearStoragePrice<CooperativeDepositBase, DepositPerByte, Balance>,
	>;
	type Assets = Assets;
	type Reputation = Reputation;
	type PalletId = CooperativesPalletId;
	type MaxNameLength = ConstU32<64>;
	// At most the assets pallet's `StringLimit`.
	type MaxTokenStringLength = ConstU32<32>;
	type MaxInitialMembers = ConstU32<1024>;
	type MaxScore = ConstU8<100>;
	type TokenMinBalance = ConstU128<1>;
	type WeightInfo = crate::weights::pallet_cooperatives::WeightInfo<Runtime>;
}

impl pallet_proof_of_value::Config for Runtime {
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		ContributionDepositReason,
		LinearStoragePrice<ContributionDepositBase, DepositPerByte, Balance>,
	>;
	type Cooperatives = Cooperatives;
	type Tokens = Cooperatives;
	type Reputation = Reputation;
	type MaxContributors = ConstU32<16>;
	type MaxUriLength = ConstU32<256>;
	type MaxEvaluationsPerContribution = ConstU32<1024>;
	type WeightInfo = crate::weights::pallet_proof_of_value::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
}

/// Both kinds of reserve asset behind one `fungibles` interface: the native currency from the
/// balances pallet, DC tokens from the assets pallet.
pub type ReserveAssets =
	UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<AssetId>, AccountId>;

impl pallet_reserve::Config for Runtime {
	type Assets = ReserveAssets;
	type Cooperatives = Cooperatives;
	type Tokens = Cooperatives;
	type PalletId = ReservePalletId;
	type WeightInfo = crate::weights::pallet_reserve::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::Get;
	use pallet_proof_of_value::WeightInfo as _;

	#[test]
	fn holders_cannot_burn_dc_tokens_through_the_assets_pallet() {
		let holder = AccountId::new([7; 32]);
		for call in [
			pallet_assets::Call::touch { id: 0.into() },
			pallet_assets::Call::touch_other { id: 0.into(), who: holder.clone().into() },
			pallet_assets::Call::refund { id: 0.into(), allow_burn: true },
			pallet_assets::Call::refund_other { id: 0.into(), who: holder.clone().into() },
		] {
			assert!(!BaseCallFilter::contains(&RuntimeCall::Assets(call)));
		}
		let transfer =
			pallet_assets::Call::transfer { id: 0.into(), target: holder.into(), amount: 1 };
		assert!(BaseCallFilter::contains(&RuntimeCall::Assets(transfer)));
	}

	/// A configuration constant, with its type spelled out.
	fn value<V, G: Get<V>>() -> V {
		G::get()
	}

	#[test]
	fn the_dc_pallet_limits_fit_together() {
		type Pov = <Runtime as pallet_proof_of_value::Config>::WeightInfo;
		// One bucket per score 0..=MaxScore.
		assert_eq!(value::<u32, pallet_proof_of_value::ScoreBuckets<Runtime>>(), 101);
		// Token names and symbols must fit the assets pallet's metadata.
		assert!(
			value::<u32, <Runtime as pallet_cooperatives::Config>::MaxTokenStringLength>()
				<= value::<u32, <Runtime as pallet_assets::Config>::StringLimit>()
		);
		// Closing the largest contribution must fit in a block's normal weight.
		let close = Pov::close(
			value::<u32, <Runtime as pallet_proof_of_value::Config>::MaxEvaluationsPerContribution>(
			),
			value::<u32, pallet_proof_of_value::ScoreBuckets<Runtime>>(),
		)
		.saturating_add(Pov::reward(value::<
			u32,
			<Runtime as pallet_proof_of_value::Config>::MaxContributors,
		>()));
		let normal = RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_extrinsic
			.expect("normal extrinsics have a limit");
		assert!(close.all_lte(normal), "close {close:?} exceeds {normal:?}");
		// So must creating a DC with the most initial members.
		let create = <<Runtime as pallet_cooperatives::Config>::WeightInfo as
			pallet_cooperatives::WeightInfo>::create_dc(value::<
			u32,
			<Runtime as pallet_cooperatives::Config>::MaxInitialMembers,
		>());
		assert!(create.all_lte(normal), "create_dc {create:?} exceeds {normal:?}");
	}
}
