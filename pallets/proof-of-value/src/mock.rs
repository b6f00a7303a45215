//! A test runtime with the real balances, assets, reputation and cooperatives pallets.

use crate as pallet_proof_of_value;
use frame_support::{
	derive_impl, parameter_types,
	traits::{AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU8},
	PalletId,
};
use frame_system::{EnsureNever, EnsureRoot};
use pallet_cooperatives::{CooperativeId, Parameters};
use sp_runtime::{BuildStorage, Perbill};

/// 32-byte accounts, as in the runtime: the pallet's keyless accounts need the room.
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
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
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
	type TokenMinBalance = ConstU128<1>;
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
	type MaxEvaluationsPerContribution = ConstU32<MAX_EVALUATIONS>;
	type WeightInfo = ();
}

pub const DC_DEPOSIT: Balance = 100;
pub const CONTRIBUTION_DEPOSIT: Balance = 10;
pub const MAX_EVALUATIONS: u32 = 8;
pub const ENDOWMENT: Balance = 1_000_000;

pub const ADMIN: AccountId = AccountId::new([1; 32]);
pub const ALICE: AccountId = AccountId::new([10; 32]);
pub const BOB: AccountId = AccountId::new([11; 32]);
pub const CAROL: AccountId = AccountId::new([12; 32]);
pub const DAVE: AccountId = AccountId::new([13; 32]);
pub const ERIN: AccountId = AccountId::new([14; 32]);
/// An account with no native currency at all.
pub const PENNILESS: AccountId = AccountId::new([99; 32]);

/// The parameters of the spec's §9 worked example.
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

/// Creates a DC as `ADMIN` with the given parameters and members; returns its id.
pub fn create_dc(parameters: Parameters<u64>, members: &[(AccountId, u128)]) -> CooperativeId {
	let dc = pallet_cooperatives::NextCooperativeId::<Test>::get();
	frame_support::assert_ok!(Cooperatives::create_dc(
		RuntimeOrigin::signed(ADMIN),
		b"Example".to_vec().try_into().unwrap(),
		b"Example token".to_vec().try_into().unwrap(),
		b"EXT".to_vec().try_into().unwrap(),
		0,
		parameters,
		members.to_vec().try_into().unwrap(),
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
	crate::Pallet::<Test>::do_try_state().expect("proof-of-value invariants hold");
}
