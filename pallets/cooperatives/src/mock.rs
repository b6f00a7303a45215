//! A small test runtime: the real balances and assets pallets (DC tokens are assets, deposits
//! are holds) and the reputation books of `covalue_primitives::mock`. The flows through the real
//! reputation pallet are tested in `covalue-integration-tests`.

use crate as pallet_cooperatives;
use covalue_primitives::mock::MockReputation;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::HoldConsideration, AsEnsureOriginWithArg, ConstU128, ConstU32, ConstU8,
		LinearStoragePrice,
	},
	PalletId,
};
use frame_system::{EnsureNever, EnsureRoot};
use sp_runtime::{BuildStorage, Perbill};

/// 32-byte accounts, as in the runtime: the pallet's keyless accounts need the room.
pub type AccountId = sp_runtime::AccountId32;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Cooperatives: pallet_cooperatives,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = frame_system::mocking::MockBlock<Test>;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	// The registry writes token metadata from its keyless account, which holds nothing.
	type MetadataDepositBase = ConstU128<0>;
	type MetadataDepositPerByte = ConstU128<0>;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureNever<AccountId>>;
	// Root may force-create an asset here (never in the runtime), so that a test can take a
	// DC's token id.
	type ForceOrigin = EnsureRoot<AccountId>;
	type Freezer = ();
	type Holder = ();
}

/// A DC's deposit: 100 plus 1 per byte it stores.
pub const DEPOSIT_BASE: u128 = 100;

parameter_types! {
	pub const CooperativesPalletId: PalletId = PalletId(*b"cv/coops");
	pub const DepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Cooperatives(pallet_cooperatives::HoldReason::CooperativeDeposit);
}

impl pallet_cooperatives::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		DepositReason,
		LinearStoragePrice<ConstU128<DEPOSIT_BASE>, ConstU128<1>, u128>,
	>;
	type Assets = Assets;
	type Reputation = MockReputation<AccountId>;
	type PalletId = CooperativesPalletId;
	type MaxNameLength = ConstU32<32>;
	type MaxTokenStringLength = ConstU32<16>;
	type MaxInitialMembers = ConstU32<16>;
	type MaxScore = ConstU8<20>;
	type TokenMinBalance = ConstU128<1>;
	type WeightInfo = ();
}

/// The reputation books the pallet writes to.
pub type Reputation = MockReputation<AccountId>;

pub const ENDOWMENT: u128 = 1_000_000;
pub const ADMIN: AccountId = AccountId::new([1; 32]);
pub const ALICE: AccountId = AccountId::new([10; 32]);
pub const BOB: AccountId = AccountId::new([11; 32]);
pub const CAROL: AccountId = AccountId::new([12; 32]);
/// An account with no native currency at all.
pub const PENNILESS: AccountId = AccountId::new([99; 32]);

/// The parameters of the worked example (`docs/protocol-rules.md` §9).
pub fn example_parameters() -> crate::Parameters<u64> {
	crate::Parameters {
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

pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [ADMIN, ALICE, BOB, CAROL].into_iter().map(|a| (a, ENDOWMENT)).collect(),
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
		Cooperatives::do_try_state().expect("cooperatives invariants hold");
	});
}
