//! A small test runtime: the real balances and assets pallets (reserve assets are paid through
//! `UnionOf` both, as in the runtime), the DC registry of `covalue-test-support`, and DC
//! tokens minted straight into the assets pallet. The flows in which tokens are earned through
//! Proof of Value are tested with the real pallets in `covalue-integration-tests`.

use crate as pallet_reserve;
use covalue_primitives::{CooperativeId, CooperativeTokens, TokenBalance};
pub use covalue_test_support::accounts::*;
use covalue_test_support::{example_parameters, MockRegistry};
use frame_support::{
	derive_impl,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		fungibles,
		tokens::{Fortitude, Precision, Preservation, Provenance},
		ConstU8,
	},
};
use sp_runtime::DispatchResult;

pub type AccountId = sp_runtime::AccountId32;
pub type Balance = u128;
/// The DC registry the pallet reads.
pub type Registry = MockRegistry<AccountId, u64, ConstU8<20>>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Reserve: pallet_reserve,
	}
);

/// Above one, so that keeping the reserve account alive is visible in every balance.
pub const EXISTENTIAL_DEPOSIT: Balance = 5;

covalue_test_support::impl_test_chain!(existential_deposit: EXISTENTIAL_DEPOSIT, assets);

/// A DC token's minimum balance: one, as the simulator has it.
pub const TOKEN_MIN_BALANCE: u128 = 1;

/// DC tokens as the registry keeps them: assets of the DC's id, minted and burned exactly.
pub struct AssetTokens;

impl CooperativeTokens<AccountId> for AssetTokens {
	fn supply(dc: CooperativeId) -> TokenBalance {
		<Assets as fungibles::Inspect<AccountId>>::total_issuance(dc)
	}

	fn balance(dc: CooperativeId, who: &AccountId) -> TokenBalance {
		<Assets as fungibles::Inspect<AccountId>>::balance(dc, who)
	}

	fn minimum_balance(dc: CooperativeId) -> TokenBalance {
		<Assets as fungibles::Inspect<AccountId>>::minimum_balance(dc)
	}

	fn can_mint(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult {
		<Assets as fungibles::Inspect<AccountId>>::can_deposit(dc, who, amount, Provenance::Minted)
			.into_result()
	}

	fn mint(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult {
		<Assets as fungibles::Mutate<AccountId>>::mint_into(dc, who, amount).map(|_| ())
	}

	fn burn(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult {
		// Exactly `amount`; the registry's refusal of dust is tested with the real registry.
		let burn = <Assets as fungibles::Mutate<AccountId>>::burn_from;
		burn(dc, who, amount, Preservation::Expendable, Precision::Exact, Fortitude::Polite)
			.map(|_| ())
	}
}

#[derive_impl(pallet_reserve::config_preludes::TestDefaultConfig)]
impl pallet_reserve::Config for Test {
	type Assets = UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<u32>, AccountId>;
	type Cooperatives = Registry;
	type Tokens = AssetTokens;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

pub const ENDOWMENT: Balance = 1_000_000;

/// Registers a DC administered by `admin`, with its token (an asset of the DC's id); returns its
/// id.
pub fn create_dc_of(admin: &AccountId) -> CooperativeId {
	let key = b"covalue-reserve-mock/next-dc";
	let dc: CooperativeId = frame_support::storage::unhashed::get_or_default(key);
	frame_support::storage::unhashed::put(key, &(dc + 1));
	Registry::register(dc, admin, &example_parameters());
	frame_support::assert_ok!(<Assets as fungibles::Create<AccountId>>::create(
		dc,
		admin.clone(),
		true,
		TOKEN_MIN_BALANCE,
	));
	dc
}

/// Registers a DC administered by `ADMIN`; returns its id.
pub fn create_dc() -> CooperativeId {
	create_dc_of(&ADMIN)
}

/// Creates the DCs and funds the accounts the benchmarks ask for.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchmarkHelper {
	fn create_cooperative(admin: &AccountId) -> CooperativeId {
		create_dc_of(admin)
	}

	fn fund(who: &AccountId, amount: u128) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, amount);
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	covalue_test_support::new_test_ext::<Test>(ENDOWMENT)
}

/// Runs a test, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	covalue_test_support::execute_checked(new_test_ext(), test, Reserve::do_try_state);
}

/// The reserve's invariants, as checked by `try_state`.
pub fn check_invariants() {
	Reserve::do_try_state().expect("reserve invariants hold");
}
