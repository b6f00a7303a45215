//! The test runtime: system, balances, assets and the four DC pallets.

use core::borrow::Borrow;
use covalue_primitives::{ContributionId, Ledger, ReputationLedger};
pub use covalue_test_support::{accounts::*, example_parameters, EXAMPLE_EPOCH};
use frame_support::traits::fungibles;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{NativeFromLeft, NativeOrWithId, UnionOf},
		ConstU32,
	},
};
use pallet_cooperatives::{CooperativeId, Parameters};
use sp_runtime::{traits::Hash, Permill};

pub type AccountId = sp_runtime::AccountId32;
pub type Balance = u128;

// The DC pallets at the runtime's indices.
frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system = 0,
		Balances: pallet_balances = 4,
		Assets: pallet_assets = 10,
		Reputation: pallet_reputation = 20,
		Cooperatives: pallet_cooperatives = 21,
		ProofOfValue: pallet_proof_of_value = 22,
		Reserve: pallet_reserve = 23,
	}
);

/// Above one, so that keeping the reserve account alive is visible in every balance.
pub const EXISTENTIAL_DEPOSIT: Balance = 5;

covalue_test_support::impl_test_chain!(existential_deposit: EXISTENTIAL_DEPOSIT, assets);

impl pallet_reputation::Config for Test {}

/// A DC's deposit, whatever it stores (the price per byte is the pallets' unit tests' business).
pub const DC_DEPOSIT: Balance = 100;
/// A contribution's deposit, likewise.
pub const CONTRIBUTION_DEPOSIT: Balance = 10;
/// Enough for the stuffing test: more than version 1's bound of 1,024.
pub const MAX_EVALUATIONS: u32 = 1_200;
/// Small, so that closings of a few evaluations already take several steps.
pub const SETTLEMENTS_PER_STEP: u32 = 2;

parameter_types! {
	/// One, as the simulator has it; a test raises it to reach the dust rule.
	pub static TokenMinBalance: u128 = 1;
	pub const CooperativeDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Cooperatives(pallet_cooperatives::HoldReason::CooperativeDeposit);
	pub const ContributionDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::ProofOfValue(pallet_proof_of_value::HoldReason::ContributionDeposit);
}

#[derive_impl(pallet_cooperatives::config_preludes::TestDefaultConfig)]
impl pallet_cooperatives::Config for Test {
	type RuntimeCall = RuntimeCall;
	type Consideration =
		covalue_test_support::Deposit<Balances, CooperativeDepositReason, DC_DEPOSIT, 0>;
	type Assets = Assets;
	type Reputation = Reputation;
	type TokenMinBalance = TokenMinBalance;
	type MaxInitialMembers = ConstU32<MAX_EVALUATIONS>;
	type AgentCallFilter = frame_support::traits::Everything;
}

#[derive_impl(pallet_proof_of_value::config_preludes::TestDefaultConfig)]
impl pallet_proof_of_value::Config for Test {
	type Consideration =
		covalue_test_support::Deposit<Balances, ContributionDepositReason, CONTRIBUTION_DEPOSIT, 0>;
	type RuntimeCall = RuntimeCall;
	type Cooperatives = Cooperatives;
	type Tokens = Cooperatives;
	type Reputation = Reputation;
	type MaxEvaluationsPerContribution = ConstU32<MAX_EVALUATIONS>;
	type MaxSettlementsPerStep = ConstU32<SETTLEMENTS_PER_STEP>;
	type AgentCallFilter = frame_support::traits::Everything;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

#[derive_impl(pallet_reserve::config_preludes::TestDefaultConfig)]
impl pallet_reserve::Config for Test {
	type Assets = UnionOf<Balances, Assets, NativeFromLeft, NativeOrWithId<u32>, AccountId>;
	type Cooperatives = Cooperatives;
	type Tokens = Cooperatives;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

/// The pallets' benchmarks run on their own mocks and on the runtime, not here; this crate builds
/// with every feature all the same (the workspace is linted with `--all-features`), so it says
/// how DCs are made and accounts funded in this runtime: through the cooperatives pallet.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_proof_of_value::BenchmarkHelper<AccountId, u64> for BenchmarkHelper {
	fn max_members() -> u32 {
		MAX_EVALUATIONS
	}

	fn create_cooperative(
		parameters: Parameters<u64>,
		members: Vec<(AccountId, u128)>,
	) -> CooperativeId {
		create_dc(parameters, &members)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl pallet_reserve::BenchmarkHelper<AccountId> for BenchmarkHelper {
	fn create_cooperative(admin: &AccountId) -> CooperativeId {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(admin, ENDOWMENT);
		let dc = pallet_cooperatives::NextCooperativeId::<Test>::get();
		frame_support::assert_ok!(Cooperatives::create_dc(
			RuntimeOrigin::signed(admin.clone()),
			b"Bench".to_vec().try_into().expect("short"),
			b"Bench token".to_vec().try_into().expect("short"),
			b"BNC".to_vec().try_into().expect("short"),
			0,
			example_parameters(),
			EXAMPLE_EPOCH.into(),
			vec![(admin.clone(), 100)].try_into().expect("within MaxInitialMembers"),
		));
		dc
	}

	fn fund(who: &AccountId, amount: u128) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, amount);
	}
}

pub const ENDOWMENT: Balance = 1_000_000;

/// Creates a DC as `ADMIN` with the given parameters and members; returns its id.
pub fn create_dc(parameters: Parameters<u64>, members: &[(AccountId, u128)]) -> CooperativeId {
	let dc = pallet_cooperatives::NextCooperativeId::<Test>::get();
	frame_support::assert_ok!(Cooperatives::create_dc(
		RuntimeOrigin::signed(ADMIN),
		b"Example".to_vec().try_into().expect("short"),
		b"Example token".to_vec().try_into().expect("short"),
		b"EXT".to_vec().try_into().expect("short"),
		0,
		parameters,
		EXAMPLE_EPOCH.into(),
		members.to_vec().try_into().expect("within MaxInitialMembers"),
	));
	dc
}

/// `who`'s reputation in `dc`, vested and pending (what §8 calls its reputation).
pub fn rep(dc: CooperativeId, who: impl Borrow<AccountId>) -> u128 {
	let s = Reputation::standing(dc, who.borrow());
	s.vested + s.pending_total()
}

/// `who`'s vested reputation in `dc`.
pub fn vested(dc: CooperativeId, who: impl Borrow<AccountId>) -> u128 {
	Reputation::standing(dc, who.borrow()).vested
}

/// `who`'s pending reputation in `dc`.
pub fn pending(dc: CooperativeId, who: impl Borrow<AccountId>) -> u128 {
	Reputation::standing(dc, who.borrow()).pending_total()
}

/// The reputation books of `dc`, which exist for every DC.
pub fn ledger(dc: CooperativeId) -> Ledger {
	pallet_reputation::Pallet::<Test>::ledger(dc).expect("every DC has reputation books")
}

/// `who`'s balance of `dc`'s token.
pub fn tokens(dc: CooperativeId, who: impl Borrow<AccountId>) -> u128 {
	<Assets as fungibles::Inspect<AccountId>>::balance(dc, who.borrow())
}

/// The supply of `dc`'s token.
pub fn supply(dc: CooperativeId) -> u128 {
	<Assets as fungibles::Inspect<AccountId>>::total_issuance(dc)
}

/// `who` submits a contribution to `dc` by `contributors`; returns its id.
pub fn contribute_as(
	who: AccountId,
	dc: CooperativeId,
	contributors: &[(AccountId, Permill)],
) -> ContributionId {
	let id = pallet_proof_of_value::NextContributionId::<Test>::get();
	frame_support::assert_ok!(ProofOfValue::contribute(
		RuntimeOrigin::signed(who),
		dc,
		<Test as frame_system::Config>::Hashing::hash(b"work"),
		b"ipfs://work".to_vec().try_into().expect("within MaxUriLength"),
		contributors.to_vec().try_into().expect("within MaxContributors"),
	));
	id
}

/// `who` scores contribution `id`.
pub fn evaluate(who: AccountId, id: ContributionId, score: u8) {
	frame_support::assert_ok!(ProofOfValue::evaluate(RuntimeOrigin::signed(who), id, score));
}

/// Closes contribution `id` with as many `close` calls as it takes, checking every invariant
/// between them; returns the number of calls.
pub fn close(id: ContributionId) -> u32 {
	let mut calls = 0;
	loop {
		calls += 1;
		frame_support::assert_ok!(ProofOfValue::close(RuntimeOrigin::signed(ERIN), id));
		check_invariants();
		let status = pallet_proof_of_value::Contributions::<Test>::get(id)
			.expect("the contribution exists")
			.status;
		if matches!(status, pallet_proof_of_value::Status::Closed { .. }) {
			return calls;
		}
	}
}

/// The DC of the examples: alice 400, bob 300, carol 300.
pub fn example_dc() -> CooperativeId {
	create_dc(example_parameters(), &[(ALICE, 400), (BOB, 300), (CAROL, 300)])
}

pub fn run_to_block(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	covalue_test_support::new_test_ext::<Test>(ENDOWMENT)
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
