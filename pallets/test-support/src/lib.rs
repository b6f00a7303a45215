//! # Covalue test support
//!
//! What the DC pallets' unit tests (and benchmark tests) share, so that each pallet's mock runtime
//! holds only what is particular to it:
//!
//! - in-memory implementations of the traits between the pallets ([`MockReputation`],
//!   [`MockRegistry`], [`MockTokens`]). They keep their state in the externalities' storage (under
//!   keys of their own), not in thread-locals, so that a failing call's storage layer rolls their
//!   writes back and `assert_noop!` sees them, as it sees a real pallet's. They check what a unit
//!   test needs them to check and no more: the real implementations are tested with the real
//!   pallets in `covalue-integration-tests`;
//! - the test [`accounts`], the [`example_parameters`], a [`Deposit`] priced per byte,
//!   [`new_test_ext`] at block 1 and [`execute_checked`];
//! - [`impl_test_chain!`]: the configuration of System, Balances and, if asked, Assets that every
//!   mock runtime shares.

#![deny(missing_docs)]

use codec::{Decode, Encode};
use core::marker::PhantomData;
use covalue_primitives::{
	CooperativeId, CooperativeInspect, CooperativeTokens, Ledger, Parameters, Reputation,
	ReputationLedger, Score, Standing, TokenBalance, MAX_REPUTATION,
};
use frame_support::{pallet_prelude::DispatchResult, storage::unhashed, traits::Get};
use sp_runtime::{ArithmeticError, BuildStorage, DispatchError, Perbill, TokenError};

/// The accounts of the tests: 32 bytes, as in the runtime, for the keyless accounts need the room.
pub mod accounts {
	use sp_runtime::AccountId32;

	/// Creates the DCs.
	pub const ADMIN: AccountId32 = AccountId32::new([1; 32]);
	/// A member.
	pub const ALICE: AccountId32 = AccountId32::new([10; 32]);
	/// A member.
	pub const BOB: AccountId32 = AccountId32::new([11; 32]);
	/// A member.
	pub const CAROL: AccountId32 = AccountId32::new([12; 32]);
	/// A contributor.
	pub const DAVE: AccountId32 = AccountId32::new([13; 32]);
	/// Closes, buys, pays.
	pub const ERIN: AccountId32 = AccountId32::new([14; 32]);
	/// An account with no native currency at all.
	pub const PENNILESS: AccountId32 = AccountId32::new([99; 32]);
	/// Every account above but `PENNILESS`, which the tests' genesis endows.
	pub const ENDOWED: [AccountId32; 6] = [ADMIN, ALICE, BOB, CAROL, DAVE, ERIN];
}

/// The parameters of the examples (`docs/protocol-rules.md` §8 and §9): scores 0..=5, quorum
/// 50%, stake 10%, radius 0, 10 tokens and 20 reputation per point, a period of 10 blocks.
pub fn example_parameters<BlockNumber: From<u32>>() -> Parameters<BlockNumber> {
	Parameters {
		min_score: 0,
		max_score: 5,
		quorum: Perbill::from_percent(50),
		stake: Perbill::from_percent(10),
		alignment_radius: 0,
		token_per_point: 10,
		reputation_per_point: 20,
		evaluation_period: 10.into(),
	}
}

/// The epoch length of the examples' DCs (§8, §9): 10 blocks.
pub const EXAMPLE_EPOCH: u32 = 10;

/// A deposit priced `base + per_byte · bytes` of what a record stores, held from the payer's
/// native balance with `Reason`.
pub type Deposit<Currency, Reason, const BASE: u128, const PER_BYTE: u128> =
	frame_support::traits::fungible::HoldConsideration<
		sp_runtime::AccountId32,
		Currency,
		Reason,
		frame_support::traits::LinearStoragePrice<
			frame_support::traits::ConstU128<BASE>,
			frame_support::traits::ConstU128<PER_BYTE>,
			u128,
		>,
	>;

/// Externalities at block 1 of a mock runtime whose [`accounts::ENDOWED`] hold `endowment` each.
pub fn new_test_ext<T>(endowment: u128) -> sp_io::TestExternalities
where
	T: frame_system::Config<AccountId = sp_runtime::AccountId32>
		+ pallet_balances::Config<Balance = u128>,
{
	let mut storage = frame_system::GenesisConfig::<T>::default()
		.build_storage()
		.expect("the system genesis builds");
	pallet_balances::GenesisConfig::<T> {
		balances: accounts::ENDOWED.map(|a| (a, endowment)).to_vec(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("every endowment is above the existential deposit");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| frame_system::Pallet::<T>::set_block_number(1u32.into()));
	ext
}

/// Runs `test` in `ext`, then `invariants`, which must hold after every test.
pub fn execute_checked(
	mut ext: sp_io::TestExternalities,
	test: impl FnOnce(),
	invariants: impl FnOnce() -> Result<(), sp_runtime::TryRuntimeError>,
) {
	ext.execute_with(|| {
		test();
		invariants().expect("the invariants hold");
	});
}

fn key(prefix: &[u8], rest: impl Encode) -> Vec<u8> {
	let mut key = b"covalue-mock/".to_vec();
	key.extend_from_slice(prefix);
	rest.encode_to(&mut key);
	key
}

/// Reputation books in storage, with vesting by the chain's block number: a
/// [`ReputationLedger`] without the reputation pallet.
pub struct MockReputation<T>(PhantomData<T>);

type StandingOf<T> = Standing<frame_system::pallet_prelude::BlockNumberFor<T>>;

impl<T: frame_system::Config> MockReputation<T> {
	fn put(dc: CooperativeId, who: &T::AccountId, standing: StandingOf<T>) {
		unhashed::put(&key(b"reputation", (dc, who)), &standing);
	}

	fn now() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number()
	}

	/// Writes the books of `dc` (a test restores books it took).
	pub fn put_ledger(dc: CooperativeId, ledger: Ledger) {
		unhashed::put(&key(b"ledger", dc), &ledger);
	}

	/// Removes the books of `dc` and returns them (a test breaks a DC this way).
	pub fn take_ledger(dc: CooperativeId) -> Option<Ledger> {
		unhashed::take(&key(b"ledger", dc))
	}

	fn ledger_or_err(dc: CooperativeId) -> Result<Ledger, DispatchError> {
		unhashed::get(&key(b"ledger", dc)).ok_or(DispatchError::Other("no reputation books"))
	}

	fn vests_at(
		dc: CooperativeId,
	) -> Result<frame_system::pallet_prelude::BlockNumberFor<T>, DispatchError> {
		let epoch = Self::epoch_length(dc).ok_or(DispatchError::Other("no epoch length"))?;
		Ok(covalue_primitives::vesting_block(Self::now(), epoch))
	}
}

impl<T: frame_system::Config> ReputationLedger<T::AccountId> for MockReputation<T> {
	type BlockNumber = frame_system::pallet_prelude::BlockNumberFor<T>;

	fn standing(dc: CooperativeId, who: &T::AccountId) -> StandingOf<T> {
		let mut standing: StandingOf<T> = unhashed::get_or_default(&key(b"reputation", (dc, who)));
		standing.mature(Self::now());
		standing
	}

	fn ledger(dc: CooperativeId) -> Option<Ledger> {
		unhashed::get(&key(b"ledger", dc))
	}

	fn epoch_length(dc: CooperativeId) -> Option<Self::BlockNumber> {
		unhashed::get(&key(b"epoch", dc))
	}

	fn endow(
		dc: CooperativeId,
		epoch_length: Self::BlockNumber,
		members: &[(T::AccountId, Reputation)],
	) -> DispatchResult {
		if Self::ledger(dc).is_some() {
			return Err(DispatchError::Other("endowed already"));
		}
		let total = members
			.iter()
			.try_fold(0u128, |sum, (_, r)| sum.checked_add(*r))
			.filter(|total| *total <= MAX_REPUTATION)
			.ok_or(ArithmeticError::Overflow)?;
		if total == 0 {
			return Err(DispatchError::Other("no endowment"));
		}
		for (who, amount) in members {
			let mut standing = Self::standing(dc, who);
			standing.vested = standing.vested.saturating_add(*amount);
			Self::put(dc, who, standing);
		}
		Self::put_ledger(dc, Ledger { total, initial: total, ..Default::default() });
		unhashed::put(&key(b"epoch", dc), &epoch_length);
		Ok(())
	}

	fn issue(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		ledger.total = ledger
			.total
			.checked_add(amount)
			.filter(|total| *total <= MAX_REPUTATION)
			.ok_or(ArithmeticError::Overflow)?;
		ledger.issued = ledger.issued.saturating_add(amount);
		let mut standing = Self::standing(dc, who);
		standing.add_pending(amount, Self::vests_at(dc)?);
		Self::put(dc, who, standing);
		Self::put_ledger(dc, ledger);
		Ok(())
	}

	fn stake(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let mut standing = Self::standing(dc, who);
		standing.vested = standing
			.vested
			.checked_sub(amount)
			.ok_or(DispatchError::Other("insufficient vested reputation"))?;
		standing.escrowed = standing.escrowed.saturating_add(amount);
		ledger.escrowed = ledger.escrowed.saturating_add(amount);
		ledger.staked = ledger.staked.saturating_add(amount);
		Self::put(dc, who, standing);
		Self::put_ledger(dc, ledger);
		Ok(())
	}

	fn return_stake(
		dc: CooperativeId,
		who: &T::AccountId,
		stake: Reputation,
		returned: Reputation,
	) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let mut standing = Self::standing(dc, who);
		let insufficient = DispatchError::Other("insufficient escrow");
		if returned > stake {
			return Err(insufficient);
		}
		standing.escrowed = standing.escrowed.checked_sub(stake).ok_or(insufficient)?;
		ledger.escrowed = ledger.escrowed.checked_sub(returned).ok_or(insufficient)?;
		ledger.staked = ledger.staked.checked_sub(stake).ok_or(insufficient)?;
		standing.vested = standing.vested.saturating_add(returned);
		Self::put(dc, who, standing);
		Self::put_ledger(dc, ledger);
		Ok(())
	}

	fn pay_earnings(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		ledger.escrowed = ledger
			.escrowed
			.checked_sub(amount)
			.ok_or(DispatchError::Other("insufficient escrow"))?;
		let mut standing = Self::standing(dc, who);
		standing.add_pending(amount, Self::vests_at(dc)?);
		Self::put(dc, who, standing);
		Self::put_ledger(dc, ledger);
		Ok(())
	}

	fn burn_escrowed(dc: CooperativeId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		ledger.escrowed = ledger
			.escrowed
			.checked_sub(amount)
			.ok_or(DispatchError::Other("insufficient escrow"))?;
		ledger.total = ledger.total.checked_sub(amount).ok_or(ArithmeticError::Underflow)?;
		ledger.burned = ledger.burned.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		Self::put_ledger(dc, ledger);
		Ok(())
	}
}

/// A registry of DCs in storage: a [`CooperativeInspect`] without the cooperatives pallet. A
/// test [registers](Self::register) the DCs it needs.
pub struct MockRegistry<AccountId, BlockNumber, MaxScore>(
	PhantomData<(AccountId, BlockNumber, MaxScore)>,
);

impl<AccountId: Encode, BlockNumber: Encode, MaxScore>
	MockRegistry<AccountId, BlockNumber, MaxScore>
{
	/// Registers `dc` with its admin and parameters (replacing what was registered before).
	pub fn register(dc: CooperativeId, admin: &AccountId, parameters: &Parameters<BlockNumber>) {
		unhashed::put(&key(b"dc", dc), &(admin, parameters));
	}

	/// The agent account of `dc`: derived as the cooperatives pallet derives it.
	pub fn agent_account(dc: CooperativeId) -> AccountId
	where
		AccountId: Decode,
	{
		use sp_runtime::traits::AccountIdConversion;
		frame_support::PalletId(*b"cv/coops").into_sub_account_truncating((b"agent", dc))
	}
}

impl<AccountId, BlockNumber, MaxScore> CooperativeInspect<AccountId>
	for MockRegistry<AccountId, BlockNumber, MaxScore>
where
	AccountId: Encode + Decode,
	BlockNumber: Encode + Decode,
	MaxScore: Get<Score>,
{
	type BlockNumber = BlockNumber;
	type MaxScore = MaxScore;

	fn parameters(dc: CooperativeId) -> Option<Parameters<BlockNumber>> {
		unhashed::get::<(AccountId, Parameters<BlockNumber>)>(&key(b"dc", dc)).map(|(_, p)| p)
	}

	fn admin(dc: CooperativeId) -> Option<AccountId> {
		unhashed::get::<(AccountId, Parameters<BlockNumber>)>(&key(b"dc", dc)).map(|(a, _)| a)
	}

	fn agent(dc: CooperativeId) -> Option<AccountId> {
		Self::exists(dc).then(|| Self::agent_account(dc))
	}
}

/// DC token balances in storage, with a minimum balance of 1: a [`CooperativeTokens`] without
/// the assets and cooperatives pallets.
pub struct MockTokens<AccountId>(PhantomData<AccountId>);

impl<AccountId: Encode> CooperativeTokens<AccountId> for MockTokens<AccountId> {
	fn supply(dc: CooperativeId) -> TokenBalance {
		unhashed::get_or_default(&key(b"supply", dc))
	}

	fn balance(dc: CooperativeId, who: &AccountId) -> TokenBalance {
		unhashed::get_or_default(&key(b"tokens", (dc, who)))
	}

	fn minimum_balance(_dc: CooperativeId) -> TokenBalance {
		1
	}

	fn can_mint(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult {
		Self::supply(dc).checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		Self::balance(dc, who).checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		Ok(())
	}

	fn mint(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult {
		Self::can_mint(dc, who, amount)?;
		unhashed::put(&key(b"supply", dc), &Self::supply(dc).saturating_add(amount));
		unhashed::put(&key(b"tokens", (dc, who)), &Self::balance(dc, who).saturating_add(amount));
		Ok(())
	}

	fn burn(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult {
		let rest =
			Self::balance(dc, who).checked_sub(amount).ok_or(TokenError::FundsUnavailable)?;
		unhashed::put(&key(b"supply", dc), &Self::supply(dc).saturating_sub(amount));
		unhashed::put(&key(b"tokens", (dc, who)), &rest);
		Ok(())
	}
}

/// The root of the externalities' storage, to tell whether a call changed anything.
pub fn storage_root() -> Vec<u8> {
	sp_io::storage::root(sp_runtime::StateVersion::V1)
}

/// Asserts that a call with post-dispatch info (a `DispatchResultWithPostInfo`) failed with
/// `error` and changed no storage: `assert_noop!` for calls that charge refused work by its
/// actual weight.
#[macro_export]
macro_rules! assert_refused {
	($call:expr, $error:expr $(,)?) => {{
		let root = $crate::storage_root();
		frame_support::assert_err_ignore_postinfo!($call, $error);
		assert_eq!(root, $crate::storage_root(), "a refused call changed storage");
	}};
}

/// The configuration every mock runtime of the DC pallets shares: System with 32-byte accounts
/// (the pallets' keyless accounts need the room) and `u128` balances, Balances with the given
/// existential deposit and the runtime's hold reasons, and, with `assets`, Assets with `u128`
/// balances, no metadata deposit (the registry writes metadata from a keyless account) and no
/// origin that creates assets (root may force-create one, so that a test can take a DC's id).
///
/// The runtime must be named `Test` and have the pallets `System`, `Balances` (and `Assets`).
#[macro_export]
macro_rules! impl_test_chain {
	(existential_deposit: $ed:expr) => {
		#[frame_support::derive_impl(frame_system::config_preludes::TestDefaultConfig)]
		impl frame_system::Config for Test {
			type Block = frame_system::mocking::MockBlock<Test>;
			type AccountId = sp_runtime::AccountId32;
			type Lookup = sp_runtime::traits::IdentityLookup<sp_runtime::AccountId32>;
			type AccountData = pallet_balances::AccountData<u128>;
		}

		#[frame_support::derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
		impl pallet_balances::Config for Test {
			type Balance = u128;
			type ExistentialDeposit = frame_support::traits::ConstU128<{ $ed }>;
			type AccountStore = System;
			type RuntimeHoldReason = RuntimeHoldReason;
		}
	};
	(existential_deposit: $ed:expr, assets) => {
		$crate::impl_test_chain!(existential_deposit: $ed);

		#[frame_support::derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
		impl pallet_assets::Config for Test {
			type Balance = u128;
			type Currency = Balances;
			type MetadataDepositBase = frame_support::traits::ConstU128<0>;
			type MetadataDepositPerByte = frame_support::traits::ConstU128<0>;
			type CreateOrigin = frame_support::traits::AsEnsureOriginWithArg<
				frame_system::EnsureNever<sp_runtime::AccountId32>,
			>;
			type ForceOrigin = frame_system::EnsureRoot<sp_runtime::AccountId32>;
		}
	};
}
