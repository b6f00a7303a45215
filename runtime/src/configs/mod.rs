//! Configuration of every pallet in the runtime.

use crate::{
	deposit, AccountId, Assets, Aura, Balance, Balances, Block, BlockNumber, Cooperatives, Hash,
	Nonce, PalletInfo, Reputation, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, RuntimeOrigin, RuntimeTask, System, BLOCK_HASH_COUNT, DAYS,
	EXISTENTIAL_DEPOSIT, MICRO_UNIT, SLOT_DURATION, SS58_PREFIX, UNIT, VERSION,
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
		ConstantMultiplier, IdentityFee, Weight,
	},
	PalletId,
};
use frame_system::{limits::BlockWeights, EnsureNever};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use scale_info::TypeInfo;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::{
	traits::{Bounded, One},
	FixedPointNumber, Perbill, Permill, Perquintill,
};
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
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_VALIDATORS>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

/// Most validators a network can have: as many as Aura and GRANDPA take as authorities.
pub const MAX_VALIDATORS: u32 = 32;

parameter_types! {
	/// Held from an account while it has session keys registered: the price of the keys'
	/// record and of the key-owner index entries the session pallet stores for it.
	pub const SessionKeyDeposit: Balance = deposit(3, 160);
}

/// Sessions of the validator set's genesis length, rotating at its multiples.
type Sessions =
	pallet_session::PeriodicSessions<pallet_validator_set::SessionLengthOf<Runtime>, ConstU32<0>>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	// Validators are identified by their account.
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = crate::ValidatorSet;
	// Aura and GRANDPA follow the set, in the order of the session keys' fields.
	type SessionHandler =
		<crate::SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = crate::SessionKeys;
	// Nothing reports offences on this chain: no validator is ever disabled.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_validator_set::Config for Runtime {
	// Root: on a network from a network file, the founding DC's passed proposals.
	type UpdateOrigin = frame_system::EnsureRoot<AccountId>;
	type ValidatorRegistration = crate::Session;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type MinValidators = ConstU32<1>;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
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
	/// What a byte of a transaction costs: 0.1 mCOV, so that a block filled with remarks
	/// (3.75 MiB of normal transactions) costs about 393 COV in length fees alone.
	pub const TransactionByteFee: Balance = 100 * MICRO_UNIT;
	/// The fee multiplier moves toward keeping blocks a quarter full, as on the relay chains.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast it moves: the relay chains' 0.000075 per block, about ×2.25 over a day of full
	/// blocks.
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(75, 1_000_000);
	/// Never below the base fee: empty blocks don't make transactions cheaper than their weight
	/// and length, so a client can always quote the base fee.
	pub MinimumMultiplier: Multiplier = Multiplier::one();
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

/// The fee multiplier after each block: up when blocks are fuller than the target, back down to
/// one when they are emptier.
pub type SlowAdjustingFeeUpdate<R> = TargetedFeeAdjustment<
	R,
	TargetBlockFullness,
	AdjustmentVariable,
	MinimumMultiplier,
	MaximumMultiplier,
>;

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
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
	/// Only calls that cannot move value: system remarks, batches of such calls, managing
	/// proxies, a validator's session keys, contributing and evaluating, and governing a DC's
	/// parameters and admin. Not balances, assets, the reserve, multisig, sudo, nor acting as a
	/// DC's agent.
	// Nor the market: swaps, liquidity and liquidity tokens (not in the allow-list below).
	NonTransfer,
	/// Only rejecting announcements of other proxies.
	CancelProxy,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, c: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			// An allow-list: a pallet added later is refused until it is listed here.
			ProxyType::NonTransfer => matches!(
				c,
				RuntimeCall::System(..)
					| RuntimeCall::Utility(..)
					| RuntimeCall::Proxy(..)
					| RuntimeCall::Session(..)
					| RuntimeCall::ProofOfValue(..)
					| RuntimeCall::Cooperatives(
						pallet_cooperatives::Call::create_dc { .. }
							| pallet_cooperatives::Call::set_parameters { .. }
							| pallet_cooperatives::Call::transfer_admin { .. }
					)
			),
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

/// Calls no DC agent account may make, whoever dispatches them for it (an admin, or an enacted
/// proposal): adding a proxy would let its delegate act as the agent alone — set a
/// self-governed DC's parameters, or, for the founding DC, act as root — without a proposal.
pub struct AgentCalls;
impl Contains<RuntimeCall> for AgentCalls {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::Proxy(pallet_proxy::Call::add_proxy { .. }))
	}
}

impl pallet_cooperatives::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type AgentCallFilter = AgentCalls;
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
	// A week of six-second blocks.
	type MaxEvaluationPeriod = ConstU32<{ 7 * DAYS }>;
	type TokenMinBalance = ConstU128<1>;
	type WeightInfo = pallet_cooperatives::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// The most weight a proposal's call may declare (§10): 100 ms, a twentieth of a block, and
	/// 1 MiB of proof. Enough for parameter changes, admin changes, batches of agent calls and
	/// `system.authorize_upgrade` (the upgrade itself is applied by a separate call that
	/// anyone may submit); every `close` is declared with this much room and refunds what
	/// it does not use.
	pub MaxProposalWeight: Weight = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND / 10, 1024 * 1024);
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
	type MaxEvaluationsPerContribution = ConstU32<10_000>;
	// Every step fits a block's normal weight with room to spare (see the tests below).
	type MaxSettlementsPerStep = ConstU32<256>;
	type RuntimeCall = RuntimeCall;
	type MaxProposalLength = ConstU32<4096>;
	type MaxProposalWeight = MaxProposalWeight;
	type AgentCallFilter = AgentCalls;
	type WeightInfo = pallet_proof_of_value::weights::SubstrateWeight<Runtime>;
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
	type MaxReserveChain = ConstU32<4>;
	type WeightInfo = pallet_reserve::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = crate::benchmarks::Helper;
}

parameter_types! {
	pub const MarketPalletId: PalletId = PalletId(*b"cv/markt");
	/// The native currency: the setup fee's asset, and the other side of most pools.
	pub const Native: NativeOrWithId<AssetId> = NativeOrWithId::Native;
	/// Paid (and burned) by whoever opens a pool, on top of the pool's storage: a pool costs its
	/// creator about what a contribution's deposit does, so that opening thousands of empty
	/// pools costs thousands of COV.
	pub const PoolSetupFee: Balance = UNIT;
	/// The liquidity providers' share of every swap: 0.3 %, as on the ecosystem's exchanges.
	/// It is also the band around a pool's price inside which arbitrage does not pay.
	pub const LiquidityProviderFee: Permill = Permill::from_perthousand(3);
	/// The highest fee governance may set on one pool.
	pub const MaxPoolFee: Permill = Permill::from_percent(10);
	/// Withdrawing liquidity costs nothing beyond the swap fees the pool already earned.
	pub const LiquidityWithdrawalFee: Permill = Permill::from_parts(0);
	/// A liquidity token account: one storage item, as `pallet-assets` stores it.
	pub const PoolAssetAccountDeposit: Balance = deposit(1, 16);
}

/// Liquidity tokens: each pool's share token lives here, created by the market alone through
/// the `fungibles` traits (`CreateOrigin` and `ForceOrigin` are `EnsureNever`); the pool's own
/// account is its admin and has no key. A liquidity token is not sufficient: its holders keep
/// their account alive with native currency. Touching an account costs a deposit, so empty
/// liquidity accounts can't be created for free.
impl pallet_assets::Config<pallet_assets::Instance2> for Runtime {
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
	type AssetAccountDeposit = PoolAssetAccountDeposit;
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

/// The native currency and every DC token, as the market trades them.
pub type MarketAssets = ReserveAssets;

/// Which assets a pool holds: any two different ones, in ascending order (the native currency
/// first), so that COV/DC and DC/DC pools are both possible and each pair has one pool.
pub type PoolLocator = pallet_asset_conversion::Ascending<
	AccountId,
	NativeOrWithId<AssetId>,
	pallet_asset_conversion::AccountIdConverter<MarketPalletId, PoolId>,
>;

/// A pool: its two assets, the lower first.
pub type PoolId = (NativeOrWithId<AssetId>, NativeOrWithId<AssetId>);

/// The market: constant-product pools between COV and DC tokens and between DCs. A swap only
/// transfers tokens between accounts and pools; no pool account can mint or burn a DC token
/// (it has no key, and minting and burning belong to the protocol and the reserve), and the
/// reserve never reads a pool's price.
impl pallet_asset_conversion::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type HigherPrecisionBalance = sp_core::U256;
	type AssetKind = NativeOrWithId<AssetId>;
	type Assets = MarketAssets;
	type PoolId = PoolId;
	type PoolLocator = PoolLocator;
	type PoolAssetId = AssetId;
	type PoolAssets = crate::PoolAssets;
	type LPFee = LiquidityProviderFee;
	// Root: on a network from a network file, the founding DC's passed proposals.
	type AdminOrigin = frame_system::EnsureRoot<AccountId>;
	type MaxSwapFee = MaxPoolFee;
	type PoolSetupFee = PoolSetupFee;
	type PoolSetupFeeAsset = Native;
	// Burned: the chain has no treasury.
	type PoolSetupFeeTarget = ();
	type LiquidityWithdrawalFee = LiquidityWithdrawalFee;
	// Kept in the pool for ever at its first deposit, so that no pool can be emptied to a price
	// of nothing by rounding.
	type MintMinLiquidity = ConstU128<100>;
	// DC → COV → DC in one swap.
	type MaxSwapPathLength = ConstU32<3>;
	type PalletId = MarketPalletId;
	type WeightInfo = pallet_asset_conversion::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_asset_conversion::NativeOrWithIdFactory<AssetId>;
}

impl pallet_founding_cooperative::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type Cooperatives = Cooperatives;
	type WeightInfo = pallet_founding_cooperative::weights::SubstrateWeight<Runtime>;
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
		// A closing step — the first, with a reward to every contributor — must fit in a
		// block's normal weight, with room for other transactions.
		let step = Pov::close(
			value::<u32, <Runtime as pallet_proof_of_value::Config>::MaxSettlementsPerStep>(),
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
		assert!(
			step.saturating_mul(2).all_lte(normal),
			"close {step:?} exceeds half of {normal:?}"
		);
		// At least 1,500 evaluations fit the normal class of a block, and each costs at most
		// four balance transfers.
		let evaluate = Pov::evaluate(value::<u32, pallet_proof_of_value::ScoreBuckets<Runtime>>());
		let normal_block = RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_total
			.expect("the normal class has a limit");
		// Every signed transaction also pays the base extrinsic weight and its extensions'.
		let base = RuntimeBlockWeights::get().get(DispatchClass::Normal).base_extrinsic;
		type Extensions = <Runtime as frame_system::Config>::ExtensionsWeightInfo;
		use frame_system::ExtensionsWeightInfo as _;
		use pallet_transaction_payment::WeightInfo as _;
		let extensions = [
			Extensions::check_non_zero_sender(),
			Extensions::check_spec_version(),
			Extensions::check_tx_version(),
			Extensions::check_genesis(),
			Extensions::check_mortality_mortal_transaction(),
			Extensions::check_nonce(),
			Extensions::check_weight(),
			Extensions::weight_reclaim(),
			<Runtime as pallet_transaction_payment::Config>::WeightInfo::charge_transaction_payment(
			),
		]
		.into_iter()
		.fold(Weight::zero(), |sum, w| sum.saturating_add(w));
		let per_evaluation = evaluate.saturating_add(base).saturating_add(extensions);
		assert!(
			per_evaluation.ref_time() * 1_500 <= normal_block.ref_time(),
			"{per_evaluation:?} × 1,500 exceeds {normal_block:?}"
		);
		let transfer = <<Runtime as pallet_balances::Config>::WeightInfo as
			pallet_balances::WeightInfo>::transfer_keep_alive();
		assert!(
			evaluate.ref_time() <= 4 * transfer.ref_time(),
			"evaluate {evaluate:?} costs more than 4 × transfer_keep_alive {transfer:?}"
		);
		// So must creating a DC with the most initial members.
		let create = <<Runtime as pallet_cooperatives::Config>::WeightInfo as
			pallet_cooperatives::WeightInfo>::create_dc(value::<
			u32,
			<Runtime as pallet_cooperatives::Config>::MaxInitialMembers,
		>());
		assert!(create.all_lte(normal), "create_dc {create:?} exceeds {normal:?}");
	}
}
