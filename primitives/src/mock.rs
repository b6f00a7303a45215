//! In-memory implementations of the traits, for the pallets' unit and benchmark tests.
//!
//! They keep their state in the externalities' storage (under keys of their own), not in
//! thread-locals, so that a failing call's storage layer rolls their writes back and
//! `assert_noop!` sees them, as it sees a real pallet's. They check what a unit test needs them
//! to check and no more: the real implementations are tested with the real pallets in the
//! integration tests.

use crate::{
	CooperativeId, CooperativeInspect, CooperativeTokens, Ledger, Parameters, Reputation,
	ReputationLedger, Score, TokenBalance,
};
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{pallet_prelude::DispatchResult, storage::unhashed, traits::Get};
use sp_runtime::{ArithmeticError, DispatchError, TokenError};

fn key(prefix: &[u8], rest: impl Encode) -> Vec<u8> {
	let mut key = b"covalue-mock/".to_vec();
	key.extend_from_slice(prefix);
	rest.encode_to(&mut key);
	key
}

/// Reputation books in storage: a [`ReputationLedger`] without the reputation pallet.
pub struct MockReputation<AccountId>(PhantomData<AccountId>);

impl<AccountId: Encode> MockReputation<AccountId> {
	fn set(dc: CooperativeId, who: &AccountId, amount: Reputation) {
		unhashed::put(&key(b"reputation", (dc, who)), &amount);
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
}

impl<AccountId: Encode> ReputationLedger<AccountId> for MockReputation<AccountId> {
	fn reputation(dc: CooperativeId, who: &AccountId) -> Reputation {
		unhashed::get_or_default(&key(b"reputation", (dc, who)))
	}

	fn ledger(dc: CooperativeId) -> Option<Ledger> {
		unhashed::get(&key(b"ledger", dc))
	}

	fn endow(dc: CooperativeId, members: &[(AccountId, Reputation)]) -> DispatchResult {
		if Self::ledger(dc).is_some() {
			return Err(DispatchError::Other("endowed already"));
		}
		let total = members
			.iter()
			.try_fold(0u128, |sum, (_, r)| sum.checked_add(*r))
			.ok_or(ArithmeticError::Overflow)?;
		if total == 0 {
			return Err(DispatchError::Other("no endowment"));
		}
		for (who, amount) in members {
			Self::set(dc, who, Self::reputation(dc, who).saturating_add(*amount));
		}
		Self::put_ledger(dc, Ledger { total, initial: total, ..Default::default() });
		Ok(())
	}

	fn issue(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let balance =
			Self::reputation(dc, who).checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		ledger.total = ledger.total.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		ledger.issued = ledger.issued.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		Self::set(dc, who, balance);
		Self::put_ledger(dc, ledger);
		Ok(())
	}

	fn lock(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let balance = Self::reputation(dc, who)
			.checked_sub(amount)
			.ok_or(DispatchError::Other("insufficient reputation"))?;
		ledger.escrowed = ledger.escrowed.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		Self::set(dc, who, balance);
		Self::put_ledger(dc, ledger);
		Ok(())
	}

	fn release(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let balance =
			Self::reputation(dc, who).checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		ledger.escrowed = ledger
			.escrowed
			.checked_sub(amount)
			.ok_or(DispatchError::Other("insufficient escrow"))?;
		Self::set(dc, who, balance);
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

impl<AccountId: Encode, BlockNumber: Encode, MaxScore> MockRegistry<AccountId, BlockNumber, MaxScore> {
	/// Registers `dc` with its admin and parameters (replacing what was registered before).
	pub fn register(dc: CooperativeId, admin: &AccountId, parameters: &Parameters<BlockNumber>) {
		unhashed::put(&key(b"dc", dc), &(admin, parameters));
	}
}

impl<AccountId, BlockNumber, MaxScore> CooperativeInspect<AccountId>
	for MockRegistry<AccountId, BlockNumber, MaxScore>
where
	AccountId: Decode,
	BlockNumber: Decode,
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
		let rest = Self::balance(dc, who).checked_sub(amount).ok_or(TokenError::FundsUnavailable)?;
		unhashed::put(&key(b"supply", dc), &Self::supply(dc).saturating_sub(amount));
		unhashed::put(&key(b"tokens", (dc, who)), &rest);
		Ok(())
	}
}
