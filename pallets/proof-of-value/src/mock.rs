//! A small test runtime: the real balances pallet (deposits are holds) and the DC registry,
//! tokens and reputation books of `covalue_primitives::mock`. The flows through the real
//! cooperatives, reputation and assets pallets are tested in `covalue-integration-tests`.

use crate as pallet_proof_of_value;
use covalue_primitives::{
	mock::{MockRegistry, MockReputation, MockTokens},
	CooperativeId, Parameters, Reputation as Amount, ReputationLedger,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstU8, LinearStoragePrice},
};
use sp_runtime::{BuildStorage, Perbill};

pub type AccountId = u64;
/// The DC registry the pallet reads.
pub type Registry = MockRegistry<AccountId, u64, ConstU8<20>>;
/// The reputation books the pallet writes to.
pub type Reputation = MockReputation<AccountId>;
/// The DC tokens rewards mint.
pub type Tokens = MockTokens<AccountId>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ProofOfValue: pallet_proof_of_value,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = frame_system::mocking::MockBlock<Test>;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// A contribution's deposit: 10 plus 1 per byte it stores.
pub const DEPOSIT_BASE: u128 = 10;
pub const MAX_EVALUATIONS: u32 = 8;

parameter_types! {
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::ProofOfValue(pallet_proof_of_value::HoldReason::ContributionDeposit);
}

impl pallet_proof_of_value::Config for Test {
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		DepositReason,
		LinearStoragePrice<ConstU128<DEPOSIT_BASE>, ConstU128<1>, u128>,
	>;
	type Cooperatives = Registry;
	type Tokens = Tokens;
	type Reputation = Reputation;
	type MaxContributors = ConstU32<4>;
	type MaxUriLength = ConstU32<64>;
	type MaxEvaluationsPerContribution = ConstU32<MAX_EVALUATIONS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

pub const ALICE: AccountId = 10;
pub const BOB: AccountId = 11;
pub const CAROL: AccountId = 12;
pub const DAVE: AccountId = 13;
pub const ERIN: AccountId = 14;
/// An account with no native currency at all.
pub const PENNILESS: AccountId = 99;
pub const ADMIN: AccountId = 1;

/// The parameters of the worked example (`docs/protocol-rules.md` §9).
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

/// Registers a DC with the given parameters and members; returns its id.
pub fn create_dc(parameters: Parameters<u64>, members: &[(AccountId, Amount)]) -> CooperativeId {
	let key = b"covalue-pov-mock/next-dc";
	let dc: CooperativeId = frame_support::storage::unhashed::get_or_default(key);
	frame_support::storage::unhashed::put(key, &(dc + 1));
	Registry::register(dc, &ADMIN, &parameters);
	Reputation::endow(dc, members).expect("a valid endowment");
	dc
}

/// Creates the DCs the benchmarks ask for in the mock registry.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId, u64> for BenchmarkHelper {
	fn max_members() -> u32 {
		MAX_EVALUATIONS + 2
	}

	fn create_cooperative(
		parameters: Parameters<u64>,
		members: Vec<(AccountId, Amount)>,
	) -> CooperativeId {
		create_dc(parameters, &members)
	}
}

pub fn run_to_block(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ADMIN, ALICE, BOB, CAROL, DAVE, ERIN].into_iter().map(|a| (a, 1_000_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		ProofOfValue::do_try_state().expect("proof-of-value invariants hold");
	});
}
