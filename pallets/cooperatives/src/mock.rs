//! A small test runtime: the real balances and assets pallets (DC tokens are assets, deposits
//! are holds) and the reputation books of `covalue-test-support`. The flows through the real
//! reputation pallet are tested in `covalue-integration-tests`.

use crate as pallet_cooperatives;
pub use covalue_test_support::{accounts::*, example_parameters};
use frame_support::{derive_impl, parameter_types};

pub type AccountId = sp_runtime::AccountId32;
/// The reputation books the pallet writes to.
pub type Reputation = covalue_test_support::MockReputation<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Cooperatives: pallet_cooperatives,
	}
);

covalue_test_support::impl_test_chain!(existential_deposit: 1, assets);

/// A DC's deposit: 100 plus 1 per byte it stores.
pub const DEPOSIT_BASE: u128 = 100;

parameter_types! {
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Cooperatives(pallet_cooperatives::HoldReason::CooperativeDeposit);
}

#[derive_impl(pallet_cooperatives::config_preludes::TestDefaultConfig)]
impl pallet_cooperatives::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Consideration = covalue_test_support::Deposit<Balances, DepositReason, DEPOSIT_BASE, 1>;
	type Assets = Assets;
	type Reputation = Reputation;
	type AgentCallFilter = NoBurn;
}

pub const ENDOWMENT: u128 = 1_000_000;

pub fn new_test_ext() -> sp_io::TestExternalities {
	covalue_test_support::new_test_ext::<Test>(ENDOWMENT)
}

/// Runs a test, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	covalue_test_support::execute_checked(new_test_ext(), test, Cooperatives::do_try_state);
}

/// What agent accounts may not call in this mock: burning native currency (the runtime forbids
/// adding a proxy; this runtime has no proxy pallet to show the filter with).
pub struct NoBurn;
impl frame_support::traits::Contains<RuntimeCall> for NoBurn {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::Balances(pallet_balances::Call::burn { .. }))
	}
}
