//! A small test runtime: the real balances pallet (deposits are holds) and the DC registry,
//! tokens and reputation books of `covalue-test-support`. The flows through the real
//! cooperatives, reputation and assets pallets are tested in `covalue-integration-tests`.

use crate as pallet_proof_of_value;
use covalue_primitives::{CooperativeId, Parameters, Reputation as Amount, ReputationLedger};
pub use covalue_test_support::{accounts::*, example_parameters};
use covalue_test_support::{MockRegistry, MockReputation, MockTokens};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU8},
};

pub type AccountId = sp_runtime::AccountId32;
/// The DC registry the pallet reads.
pub type Registry = MockRegistry<AccountId, u64, ConstU8<20>>;
/// The reputation books the pallet writes to.
pub type Reputation = MockReputation<Test>;
/// The DC tokens rewards mint.
pub type Tokens = MockTokens<AccountId>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ProofOfValue: pallet_proof_of_value,
	}
);

covalue_test_support::impl_test_chain!(existential_deposit: 1);

/// A contribution's deposit: 10 plus 1 per byte it stores.
pub const DEPOSIT_BASE: u128 = 10;
pub const MAX_EVALUATIONS: u32 = 8;

parameter_types! {
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::ProofOfValue(pallet_proof_of_value::HoldReason::ContributionDeposit);
}

#[derive_impl(pallet_proof_of_value::config_preludes::TestDefaultConfig)]
impl pallet_proof_of_value::Config for Test {
	type Consideration = covalue_test_support::Deposit<Balances, DepositReason, DEPOSIT_BASE, 1>;
	type RuntimeCall = RuntimeCall;
	type Cooperatives = Registry;
	type Tokens = Tokens;
	type Reputation = Reputation;
	type MaxEvaluationsPerContribution = ConstU32<MAX_EVALUATIONS>;
	type AgentCallFilter = NoBurn;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Registers a DC with the given parameters and members; returns its id.
pub fn create_dc(parameters: Parameters<u64>, members: &[(AccountId, Amount)]) -> CooperativeId {
	let key = b"covalue-pov-mock/next-dc";
	let dc: CooperativeId = frame_support::storage::unhashed::get_or_default(key);
	frame_support::storage::unhashed::put(key, &(dc + 1));
	Registry::register(dc, &ADMIN, &parameters);
	Reputation::endow(dc, covalue_test_support::EXAMPLE_EPOCH.into(), members)
		.expect("a valid endowment");
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
	covalue_test_support::new_test_ext::<Test>(1_000_000)
}

/// Runs a test, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	covalue_test_support::execute_checked(new_test_ext(), test, ProofOfValue::do_try_state);
}

/// What agent accounts may not call in this mock: burning native currency (the runtime forbids
/// adding a proxy; this runtime has no proxy pallet to show the filter with).
pub struct NoBurn;
impl frame_support::traits::Contains<RuntimeCall> for NoBurn {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::Balances(pallet_balances::Call::burn { .. }))
	}
}
