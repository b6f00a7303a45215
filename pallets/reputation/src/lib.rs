//! # Reputation
//!
//! Reputation of accounts in decentralized cooperations (DCs).
//!
//! ## Overview
//!
//! Every DC keeps a reputation per account: a non-negative `u128`. Reputation is **never
//! transferable**: this pallet has no dispatchable calls at all, so no origin — an account, a DC's
//! admin or root — can move or issue it. It changes only through the [`ReputationLedger`] trait,
//! which the cooperatives pallet uses once, to endow a new DC's initial members, and the
//! Proof-of-Value pallet uses for everything else: locking evaluators' stakes, issuing reputation
//! to contributors, paying stakes back out and burning rounding dust.
//!
//! For each DC the pallet keeps a [`Ledger`]: the total reputation (accounts plus stakes in escrow),
//! the initial endowment, everything issued since, everything burned, and what is in escrow.
//!
//! ## Calls
//!
//! None, on purpose.
//!
//! ## Errors
//!
//! Returned by the [`ReputationLedger`] methods: [`Error::AlreadyEndowed`],
//! [`Error::NoEndowment`], [`Error::UnknownCooperative`], [`Error::InsufficientReputation`],
//! [`Error::InsufficientEscrow`]; an amount above `u128::MAX` is `ArithmeticError::Overflow`.
//!
//! ## Events
//!
//! [`Event::Endowed`], [`Event::Issued`], [`Event::Burned`]. Stakes moving into and out of escrow
//! are reported by the Proof-of-Value pallet's events.
//!
//! ## Invariants (checked by `try_state`)
//!
//! Per DC: `total = Σ reputation of accounts + escrowed` and
//! `total = initial + issued − burned`.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

pub use pallet::*;

#[cfg(test)]
mod tests;

pub use covalue_primitives::{CooperativeId, Ledger, Reputation, ReputationLedger};
use frame_support::pallet_prelude::DispatchResult;
use sp_runtime::ArithmeticError;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::BlockNumberFor;

	/// The storage layout's version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the reputation pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// Reputation per DC and account.
	// DC ids are assigned sequentially by the chain, so `Twox64Concat` is safe; accounts are chosen
	// by users, hence `Blake2_128Concat`.
	#[pallet::storage]
	pub type ReputationOf<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CooperativeId,
		Blake2_128Concat,
		T::AccountId,
		Reputation,
		ValueQuery,
	>;

	/// The books of each DC.
	// DC ids are assigned sequentially by the chain: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type Ledgers<T: Config> = StorageMap<_, Twox64Concat, CooperativeId, Ledger, OptionQuery>;

	/// Events of the reputation pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A new DC's initial members received their reputation.
		Endowed {
			/// The DC.
			dc: CooperativeId,
			/// Its members.
			members: u32,
			/// Their reputation together: the DC's initial total.
			total: Reputation,
		},
		/// Reputation was issued to a contributor.
		Issued {
			/// The DC.
			dc: CooperativeId,
			/// The contributor.
			who: T::AccountId,
			/// How much.
			amount: Reputation,
		},
		/// Rounding dust of a closed contribution was burned.
		Burned {
			/// The DC.
			dc: CooperativeId,
			/// How much.
			amount: Reputation,
		},
	}

	/// Errors of the reputation pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The DC already has reputation: a DC is endowed exactly once, at creation.
		AlreadyEndowed,
		/// An endowment must give some reputation: the DC's initial total must be above zero.
		NoEndowment,
		/// The DC has no reputation books: it was never endowed.
		UnknownCooperative,
		/// The account has less reputation than the stake it should lock.
		InsufficientReputation,
		/// Escrow holds less than is to be paid out or burned.
		InsufficientEscrow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// Read-only queries for clients.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// Reputation of `who` in `dc`.
		pub fn reputation_of(dc: CooperativeId, who: T::AccountId) -> Reputation {
			ReputationOf::<T>::get(dc, who)
		}

		/// The reputation books of `dc`.
		pub fn ledger_of(dc: CooperativeId) -> Option<Ledger> {
			Ledgers::<T>::get(dc)
		}
	}
}

impl<T: Config> Pallet<T> {
	fn ledger_or_err(dc: CooperativeId) -> Result<Ledger, Error<T>> {
		Ledgers::<T>::get(dc).ok_or(Error::<T>::UnknownCooperative)
	}

	/// Checks the invariants of every DC's books.
	///
	/// ### Invariants
	/// - `total = Σ reputation of accounts + escrowed`;
	/// - `total = initial + issued − burned`.
	#[cfg(any(feature = "std", feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (dc, ledger) in Ledgers::<T>::iter() {
			let accounts = ReputationOf::<T>::iter_prefix_values(dc)
				.try_fold(0u128, |sum, r| sum.checked_add(r))
				.ok_or("reputation sum overflows")?;
			frame_support::ensure!(
				accounts.checked_add(ledger.escrowed) == Some(ledger.total),
				"total != accounts + escrowed"
			);
			frame_support::ensure!(
				ledger
					.initial
					.checked_add(ledger.issued)
					.and_then(|v| v.checked_sub(ledger.burned))
					== Some(ledger.total),
				"total != initial + issued - burned"
			);
		}
		frame_support::ensure!(
			ReputationOf::<T>::iter_keys().all(|(dc, _)| Ledgers::<T>::contains_key(dc)),
			"reputation in a DC without books"
		);
		Ok(())
	}
}

impl<T: Config> ReputationLedger<T::AccountId> for Pallet<T> {
	fn reputation(dc: CooperativeId, who: &T::AccountId) -> Reputation {
		ReputationOf::<T>::get(dc, who)
	}

	fn ledger(dc: CooperativeId) -> Option<Ledger> {
		Ledgers::<T>::get(dc)
	}

	fn endow(dc: CooperativeId, members: &[(T::AccountId, Reputation)]) -> DispatchResult {
		frame_support::ensure!(!Ledgers::<T>::contains_key(dc), Error::<T>::AlreadyEndowed);
		let total = members
			.iter()
			.try_fold(0u128, |sum, (_, r)| sum.checked_add(*r))
			.ok_or(ArithmeticError::Overflow)?;
		frame_support::ensure!(total > 0, Error::<T>::NoEndowment);
		for (who, amount) in members {
			ReputationOf::<T>::mutate(dc, who, |r| *r = r.saturating_add(*amount));
		}
		Ledgers::<T>::insert(dc, Ledger { total, initial: total, ..Default::default() });
		Self::deposit_event(Event::Endowed { dc, members: members.len() as u32, total });
		Ok(())
	}

	fn issue(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let balance = ReputationOf::<T>::get(dc, who);
		let new_balance = balance.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		ledger.total = ledger.total.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		ledger.issued = ledger.issued.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		ReputationOf::<T>::insert(dc, who, new_balance);
		Ledgers::<T>::insert(dc, ledger);
		Self::deposit_event(Event::Issued { dc, who: who.clone(), amount });
		Ok(())
	}

	fn lock(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let balance = ReputationOf::<T>::get(dc, who);
		let new_balance = balance.checked_sub(amount).ok_or(Error::<T>::InsufficientReputation)?;
		ledger.escrowed = ledger.escrowed.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		Self::set_balance(dc, who, new_balance);
		Ledgers::<T>::insert(dc, ledger);
		Ok(())
	}

	fn release(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let balance = ReputationOf::<T>::get(dc, who);
		let new_balance = balance.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		ledger.escrowed =
			ledger.escrowed.checked_sub(amount).ok_or(Error::<T>::InsufficientEscrow)?;
		Self::set_balance(dc, who, new_balance);
		Ledgers::<T>::insert(dc, ledger);
		Ok(())
	}

	fn burn_escrowed(dc: CooperativeId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		ledger.escrowed =
			ledger.escrowed.checked_sub(amount).ok_or(Error::<T>::InsufficientEscrow)?;
		ledger.total = ledger.total.checked_sub(amount).ok_or(Error::<T>::InsufficientEscrow)?;
		ledger.burned = ledger.burned.checked_add(amount).ok_or(ArithmeticError::Overflow)?;
		Ledgers::<T>::insert(dc, ledger);
		if amount > 0 {
			Self::deposit_event(Event::Burned { dc, amount });
		}
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	/// Writes a balance, removing the entry at zero so storage holds only non-zero reputation.
	fn set_balance(dc: CooperativeId, who: &T::AccountId, balance: Reputation) {
		if balance == 0 {
			ReputationOf::<T>::remove(dc, who);
		} else {
			ReputationOf::<T>::insert(dc, who, balance);
		}
	}
}
