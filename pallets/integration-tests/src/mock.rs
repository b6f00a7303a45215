//! The test runtime: system, balances, assets and the four DC pallets.

use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{HoldConsideration, NativeFromLeft, NativeOrWithId, UnionOf},
		AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU8, LinearStoragePrice,
	},
	PalletId,
};
use frame_system::{EnsureNever, EnsureRoot};
use pallet_cooperatives::{CooperativeId, Parameters};
use sp_runtime::{BuildStorage, Perbill};

/// 32-byte accounts, as in the runtime: the keyless accounts need the room.
pub type AccountId = sp_runtime::AccountId32;
pub type Balance = u128;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Reputation: pallet_reputation,
		Cooperatives: pallet_cooperatives,
		ProofOfValue: pallet_proof_of_value,
		Reserve: pallet_reserve,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = frame_system::mocking::MockBlock<Test>;
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

/// As in the runtime, no origin creates or force-changes an asset: DC tokens are created by the
/// registry only.
#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	// The registry writes token metadata from its keyless account, which holds nothing.
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureNever<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Freezer = ();
	type Holder = ();
}

impl pallet_reputation::Config for Test {}

/// A DC's deposit, whatever it stores (the price per byte is the pallets' unit tests' business).
pub const DC_DEPOSIT: Balance = 100;
/// A contribution's deposit, likewise.
pub const CONTRIBUTION_DEPOSIT: Balance = 10;
pub const MAX_EVALUATIONS: u32 = 16;

parameter_types! {
	pub const CooperativesPalletId: PalletId = PalletId(*b"cv/coops");
	pub const ReservePalletId: PalletId = PalletId(*b"cv/rsrve");
	/// One, as the simulator has it; a test raises it to reach the dust rule.
	pub static TokenMinBalance: u128 = 1;
	pub const CooperativeDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Cooperatives(pallet_cooperatives::HoldReason::CooperativeDeposit);
	pub const ContributionDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::ProofOfValue(pallet_proof_of_value::HoldReason::ContributionDeposit);
}

impl pallet_cooperatives::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		CooperativeDepositReason,
		LinearStoragePrice<ConstU128<DC_DEPOSIT>, ConstU128<0>, Balance>,
	>;
	type Assets = Assets;
	type Reputation = Reputation;
	type PalletId = CooperativesPalletId;
	type MaxNameLength = ConstU32<32>;
	type MaxTokenStringLength = ConstU32<16>;
	type MaxInitialMembers = ConstU32<32>;
	type MaxScore = ConstU8<20>;
	type TokenMinBalance = TokenMinBalance;
	type WeightInfo = ();
}

impl pallet_proof_of_value::Config for Test {
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		ContributionDepositReason,
		LinearStoragePrice<ConstU128<CONTRIBUTION_DEPOSIT>, ConstU128<0>, Balance>,
	>;
	type Cooperatives = Cooperatives;
	type Tokens = Cooperatives;
	type Reputation = Reputation;
	type MaxContributors = ConstU32<4>;
	type MaxUriLength = ConstU32<64>;
	type MaxEvaluationsPerContribution = ConstU32<MAX_EVALUATIONS>;
	type WeightInfo = ();
}

impl pallet_reserve::Config for Test {
	type Assets = UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<u32>, AccountId>;
	type Cooperatives = Cooperatives;
	type Tokens = Cooperatives;
	type PalletId = ReservePalletId;
	type WeightInfo = ();
}

pub const ENDOWMENT: Balance = 1_000_000;

pub const ADMIN: AccountId = AccountId::new([1; 32]);
pub const ALICE: AccountId = AccountId::new([10; 32]);
pub const BOB: AccountId = AccountId::new([11; 32]);
pub const CAROL: AccountId = AccountId::new([12; 32]);
pub const DAVE: AccountId = AccountId::new([13; 32]);
pub const ERIN: AccountId = AccountId::new([14; 32]);
/// An account with no native currency at all.
pub const PENNILESS: AccountId = AccountId::new([99; 32]);

/// The parameters of the examples of `docs/protocol-rules.md` §8 and §9.
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

/// The DC of the examples: alice 400, bob 300, carol 300.
pub fn example_dc() -> CooperativeId {
	create_dc(example_parameters(), &[(ALICE, 400), (BOB, 300), (CAROL, 300)])
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

/// The invariants of `docs/protocol-rules.md` §5, as `try_state` checks them.
pub fn check_invariants() {
	pallet_reputation::Pallet::<Test>::do_try_state().expect("reputation invariants hold");
	pallet_cooperatives::Pallet::<Test>::do_try_state().expect("cooperatives invariants hold");
	pallet_proof_of_value::Pallet::<Test>::do_try_state().expect("proof-of-value invariants hold");
	pallet_reserve::Pallet::<Test>::do_try_state().expect("reserve invariants hold");
}
