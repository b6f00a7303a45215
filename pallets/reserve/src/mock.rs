//! A test runtime with the real balances, assets, reputation, cooperatives and Proof-of-Value
//! pallets, so that tokens come from contributions as well as from sales.

use crate as pallet_reserve;
use frame_support::{
	derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU8},
	PalletId,
};
use frame_system::{EnsureNever, EnsureRoot};
use pallet_cooperatives::{CooperativeId, Parameters};
use sp_runtime::{BuildStorage, Perbill};

/// 32-byte accounts, as in the runtime: the keyless accounts need the room.
pub type AccountId = sp_runtime::AccountId32;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

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
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(3)]
	pub type Reputation = pallet_reputation;
	#[runtime::pallet_index(4)]
	pub type Cooperatives = pallet_cooperatives;
	#[runtime::pallet_index(5)]
	pub type ProofOfValue = pallet_proof_of_value;
	#[runtime::pallet_index(6)]
	pub type Reserve = pallet_reserve;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

/// Above one, so that keeping the reserve account alive is visible in every balance.
pub const EXISTENTIAL_DEPOSIT: Balance = 5;

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type AssetId = CooperativeId;
	type AssetIdParameter = CooperativeId;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureNever<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = ConstU128<0>;
	type AssetAccountDeposit = ConstU128<0>;
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type ApprovalDeposit = ConstU128<0>;
	type Freezer = ();
	type Holder = ();
}

impl pallet_reputation::Config for Test {}

parameter_types! {
	pub const CooperativesPalletId: PalletId = PalletId(*b"cv/coops");
	/// One, as the spec's simulator has it; a test raises it to reach the dust rule.
	pub static TokenMinBalance: u128 = 1;
}

impl pallet_cooperatives::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type Reputation = Reputation;
	type PalletId = CooperativesPalletId;
	type Deposit = ConstU128<DC_DEPOSIT>;
	type MaxNameLength = ConstU32<32>;
	type MaxTokenStringLength = ConstU32<16>;
	type MaxInitialMembers = ConstU32<16>;
	type MaxScore = ConstU8<20>;
	type TokenMinBalance = TokenMinBalance;
	type WeightInfo = ();
}

impl pallet_proof_of_value::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Cooperatives = Cooperatives;
	type Reputation = Reputation;
	type ContributionDeposit = ConstU128<CONTRIBUTION_DEPOSIT>;
	type MaxContributors = ConstU32<4>;
	type MaxUriLength = ConstU32<64>;
	type MaxScoreBuckets = ConstU32<21>;
	type MaxEvaluationsPerContribution = ConstU32<16>;
	type WeightInfo = ();
}

impl pallet_reserve::Config for Test {
	type Currency = Balances;
	type Assets = Assets;
	type Cooperatives = Cooperatives;
	type WeightInfo = ();
}

pub const DC_DEPOSIT: Balance = 100;
pub const CONTRIBUTION_DEPOSIT: Balance = 10;
pub const ENDOWMENT: Balance = 1_000_000;

pub const ADMIN: AccountId = AccountId::new([1; 32]);
pub const ALICE: AccountId = AccountId::new([10; 32]);
pub const BOB: AccountId = AccountId::new([11; 32]);
pub const CAROL: AccountId = AccountId::new([12; 32]);
pub const DAVE: AccountId = AccountId::new([13; 32]);
pub const ERIN: AccountId = AccountId::new([14; 32]);
/// An account with no native currency at all.
pub const PENNILESS: AccountId = AccountId::new([99; 32]);

/// The parameters of the spec's §8 and §9 examples.
pub fn example_parameters() -> Parameters<u64> {
	Parameters {
		min_score: 0,
		max_score: 5,
		quorum: Perbill::from_percent(50),
		stake: Perbill::from_percent(10),
		alignment_radius: 0,
		token_per_point: 10,
		reputation_per_point: 20,
		evaluation_period: 10,
	}
}

/// Creates a DC as `ADMIN` with the example parameters and members alice 400, bob 300,
/// carol 300; returns its id.
pub fn create_dc() -> CooperativeId {
	let dc = pallet_cooperatives::NextCooperativeId::<Test>::get();
	frame_support::assert_ok!(Cooperatives::create_dc(
		RuntimeOrigin::signed(ADMIN),
		b"Example".to_vec().try_into().unwrap(),
		b"Example token".to_vec().try_into().unwrap(),
		b"EXT".to_vec().try_into().unwrap(),
		0,
		example_parameters(),
		vec![(ALICE, 400), (BOB, 300), (CAROL, 300)].try_into().unwrap(),
	));
	dc
}

pub fn run_to_block(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ADMIN, ALICE, BOB, CAROL, DAVE, ERIN]
			.into_iter()
			.map(|a| (a, ENDOWMENT))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test, then checks every pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		check_invariants();
	});
}

/// The spec's invariants, as checked by `try_state`.
pub fn check_invariants() {
	pallet_reputation::Pallet::<Test>::do_try_state().expect("reputation invariants hold");
	pallet_cooperatives::Pallet::<Test>::do_try_state().expect("cooperatives invariants hold");
	pallet_proof_of_value::Pallet::<Test>::do_try_state().expect("proof-of-value invariants hold");
	crate::Pallet::<Test>::do_try_state().expect("reserve invariants hold");
}
