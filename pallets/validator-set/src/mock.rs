//! A small test runtime: the validator set as the session manager of a real session pallet,
//! whose handler records the sets it is told about, as Aura and GRANDPA would receive them.

use crate as pallet_validator_set;
pub use covalue_test_support::accounts::*;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
};
use sp_runtime::{testing::UintAuthorityId, traits::ConvertInto, BuildStorage, KeyTypeId};
use std::cell::RefCell;

pub type AccountId = sp_runtime::AccountId32;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ValidatorSet: pallet_validator_set,
		Session: pallet_session,
	}
);

covalue_test_support::impl_test_chain!(existential_deposit: 1);

/// What the session pallet holds for each registered key set.
pub const KEY_DEPOSIT: u128 = 10;

/// Blocks per session in the tests.
pub const SESSION_LENGTH: u64 = 5;

parameter_types! {
	pub const KeyDeposit: u128 = KEY_DEPOSIT;
}

impl pallet_validator_set::Config for Test {
	type UpdateOrigin = frame_system::EnsureRoot<AccountId>;
	type ValidatorRegistration = Session;
	type MaxValidators = ConstU32<4>;
	type MinValidators = ConstU32<1>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkHelper;
}

thread_local! {
	/// Every set the session handler was told about: (session index, validators).
	pub static HANDED_OVER: RefCell<Vec<(u32, Vec<AccountId>)>> = const { RefCell::new(Vec::new()) };
}

/// Records each new session's validators, as Aura's and GRANDPA's handlers receive them.
pub struct RecordingHandler;
impl pallet_session::SessionHandler<AccountId> for RecordingHandler {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[sp_runtime::key_types::DUMMY];

	fn on_genesis_session<K: sp_runtime::traits::OpaqueKeys>(validators: &[(AccountId, K)]) {
		HANDED_OVER
			.with(|h| h.borrow_mut().push((0, validators.iter().map(|v| v.0.clone()).collect())));
	}

	fn on_new_session<K: sp_runtime::traits::OpaqueKeys>(
		changed: bool,
		validators: &[(AccountId, K)],
		_queued: &[(AccountId, K)],
	) {
		if changed {
			let index = pallet_session::CurrentIndex::<Test>::get();
			HANDED_OVER.with(|h| {
				h.borrow_mut().push((index, validators.iter().map(|v| v.0.clone()).collect()))
			});
		}
	}

	fn on_disabled(_validator_index: u32) {}
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession =
		pallet_session::PeriodicSessions<crate::SessionLengthOf<Test>, ConstU64<0>>;
	type NextSessionRotation =
		pallet_session::PeriodicSessions<crate::SessionLengthOf<Test>, ConstU64<0>>;
	type SessionManager = ValidatorSet;
	type SessionHandler = RecordingHandler;
	type Keys = UintAuthorityId;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for BenchmarkHelper {
	fn register_keys(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		Balances::set_balance(who, 1_000);
		let keys = UintAuthorityId(u64::from_le_bytes(*first_bytes(who)));
		Session::set_keys(RuntimeOrigin::signed(who.clone()), keys, vec![])
			.expect("the test keys are accepted");
	}
}

/// The first eight bytes of an account.
fn first_bytes(who: &AccountId) -> &[u8; 8] {
	let bytes: &[u8; 32] = who.as_ref();
	bytes[..8].try_into().expect("32 bytes hold 8")
}

/// The session keys of a test account: a number taken from its first byte.
pub fn keys_of(who: &AccountId) -> UintAuthorityId {
	UintAuthorityId(u64::from(first_bytes(who)[0]))
}

/// A chain whose validators are ALICE and BOB, with their keys, and sessions of
/// [`SESSION_LENGTH`] blocks.
pub fn new_test_ext() -> sp_io::TestExternalities {
	HANDED_OVER.with(|h| h.borrow_mut().clear());
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: ENDOWED.map(|a| (a, 1_000)).to_vec(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_validator_set::GenesisConfig::<Test> {
		validators: vec![ALICE, BOB],
		session_length: SESSION_LENGTH,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: [ALICE, BOB].map(|v| (v.clone(), v.clone(), keys_of(&v))).to_vec(),
		non_authority_keys: vec![],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test, then checks the pallet's invariants.
pub fn build_and_execute(test: impl FnOnce()) {
	covalue_test_support::execute_checked(new_test_ext(), test, ValidatorSet::do_try_state);
}

/// Runs the session pallet's hooks up to block `n`, as blocks would.
pub fn run_to_block(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Session::on_initialize(next);
	}
}

/// The sets the session handler was told about.
pub fn handed_over() -> Vec<(u32, Vec<AccountId>)> {
	HANDED_OVER.with(|h| h.borrow().clone())
}
