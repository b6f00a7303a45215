//! A small test runtime: the real balances and assets pallets (reserve assets are paid through
//! `UnionOf` both, as in the runtime), the DC registry of `covalue_primitives::mock`, and DC
//! tokens minted straight into the assets pallet. The flows in which tokens are earned through
//! Proof of Value are tested with the real pallets in `covalue-integration-tests`.

use crate as pallet_reserve;
use covalue_primitives::{
	mock::MockRegistry, CooperativeId, CooperativeTokens, Parameters, TokenBalance,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		fungibles,
		tokens::{Fortitude, Precision, Preservation, Provenance},
		AsEnsureOriginWithArg, ConstU128, ConstU8,
	},
	PalletId,
};
use frame_system::{EnsureNever, EnsureRoot};
use sp_runtime::{BuildStorage, DispatchResult, Perbill};

/// 32-byte accounts, as in the runtime: the keyless accounts need the room.
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
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureNever<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type Freezer = ();
	type Holder = ();
}

parameter_types! {
	pub const ReservePalletId: PalletId = PalletId(*b"cv/rsrve");
	/// One, as the simulator has it; a test raises it to reach the dust rule.
	pub static TokenMinBalance: u128 = 1;
}

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
		let rest = Self::balance(dc, who).saturating_sub(amount);
		if rest > 0 && rest < Self::minimum_balance(dc) {
			return Err(sp_runtime::DispatchError::Other("remainder below the minimum"));
		}
		<Assets as fungibles::Mutate<AccountId>>::burn_from(
			dc,
			who,
			amount,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Polite,
		)
		.map(|_| ())
	}
}

impl pallet_reserve::Config for Test {
	type Assets = UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<u32>, AccountId>;
	type Cooperatives = Registry;
	type Tokens = AssetTokens;
	type PalletId = ReservePalletId;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
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

fn parameters() -> Parameters<u64> {
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

/// Registers a DC administered by `admin`, with its token (an asset of the DC's id); returns its
/// id.
pub fn create_dc_of(admin: &AccountId) -> CooperativeId {
	let key = b"covalue-reserve-mock/next-dc";
	let dc: CooperativeId = frame_support::storage::unhashed::get_or_default(key);
	frame_support::storage::unhashed::put(key, &(dc + 1));
	Registry::register(dc, admin, &parameters());
	frame_support::assert_ok!(<Assets as fungibles::Create<AccountId>>::create(
		dc,
		admin.clone(),
		true,
		TokenMinBalance::get(),
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

/// Runs a test, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		check_invariants();
	});
}

/// The reserve's invariants, as checked by `try_state`.
pub fn check_invariants() {
	Reserve::do_try_state().expect("reserve invariants hold");
}
