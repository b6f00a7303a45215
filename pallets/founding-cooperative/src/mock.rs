//! A small test runtime: the DC registry of `covalue-test-support`, in which a test registers
//! DCs with the admin it needs.

use crate as pallet_founding_cooperative;
use covalue_primitives::CooperativeId;
use covalue_test_support::MockRegistry;
pub use covalue_test_support::{accounts::*, example_parameters};
use frame_support::{derive_impl, traits::ConstU8};

pub type AccountId = sp_runtime::AccountId32;
/// The DC registry the pallet reads.
pub type Registry = MockRegistry<AccountId, u64, ConstU8<20>>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		FoundingCooperative: pallet_founding_cooperative,
	}
);

covalue_test_support::impl_test_chain!(existential_deposit: 1);

impl pallet_founding_cooperative::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Cooperatives = Registry;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// Registers DC `dc` governed by `admin`, or by its own agent account.
pub fn register(dc: CooperativeId, admin: Option<AccountId>) {
	let admin = admin.unwrap_or_else(|| Registry::agent_account(dc));
	Registry::register(dc, &admin, &example_parameters());
}

/// The agent account of `dc`.
pub fn agent(dc: CooperativeId) -> AccountId {
	Registry::agent_account(dc)
}

#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for BenchmarkHelper {
	fn self_governed_cooperative() -> CooperativeId {
		register(5, None);
		5
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	covalue_test_support::new_test_ext::<Test>(1_000_000)
}

/// Runs a test, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	covalue_test_support::execute_checked(new_test_ext(), test, FoundingCooperative::do_try_state);
}
