//! # Reputation
//!
//! Reputation of accounts in decentralized cooperations (DCs): vested, pending and staked.
//!
//! ## Overview
//!
//! Every DC keeps, per account, a [`Standing`]: **vested** reputation (it can be staked and it
//! weighs evaluations), **escrowed** reputation (the account's own stakes that open
//! contributions hold: still its own, so they weigh its evaluations too) and up to two
//! **pending** amounts with the block at which each vests (`docs/protocol-rules.md` §1a).
//! Reputation that an account *earns* — issued to a contributor, or a settlement's part beyond
//! the evaluator's own stake — is pending until the first block of the epoch after next
//! (`⌊block / epoch_length⌋ + 2`, epochs counted from block 0). Because a DC's evaluation period
//! never exceeds its epoch length, reputation earned after a contribution was submitted never
//! vests while that contribution accepts evaluations: however it moves between colluding
//! accounts, no unit of reputation is counted twice on one contribution.
//!
//! Maturing is lazy: every read and write of an account first moves the amounts whose block has
//! come into the vested part, so a read is O(1) and nothing runs per block.
//!
//! Reputation is **never transferable**: this pallet has no dispatchable calls at all, so no
//! origin — an account, a DC's admin or root — can move or issue it. It changes only through
//! the [`ReputationLedger`] trait, which the cooperatives pallet uses once, to endow a new DC's
//! initial members (vested at once), and the Proof-of-Value pallet uses for everything else.
//!
//! For each DC the pallet keeps a [`Ledger`] (the total, the initial endowment, everything issued
//! and burned since, and what contributions hold in escrow) and the DC's epoch length, fixed at
//! creation.
//!
//! ## Calls
//!
//! None, on purpose.
//!
//! ## Errors
//!
//! Returned by the [`ReputationLedger`] methods: [`Error::AlreadyEndowed`],
//! [`Error::NoEndowment`], [`Error::ZeroEpochLength`], [`Error::UnknownCooperative`],
//! [`Error::InsufficientVested`], [`Error::InsufficientEscrow`],
//! [`Error::ReputationOverflow`].
//!
//! ## Events
//!
//! [`Event::Endowed`], [`Event::Issued`], [`Event::Burned`]. Stakes moving into and out of escrow
//! are reported by the Proof-of-Value pallet's events.
//!
//! ## Invariants (checked by `try_state`)
//!
//! Per DC: `total = Σ (vested + pending) of accounts + escrowed`,
//! `total = initial + issued − burned`, `total ≤ MAX_REPUTATION`, and no account holds more than
//! two pending amounts. That each account's escrowed reputation equals its stakes in open
//! contributions is checked by the Proof-of-Value pallet, which holds the stakes.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(test)]
mod tests;

pub use covalue_primitives::{
	CooperativeId, Ledger, Pending, Reputation, ReputationLedger, Standing, MAX_REPUTATION,
};
use frame_support::pallet_prelude::DispatchResult;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

/// An account's reputation as this pallet stores it.
pub type StandingOf<T> = Standing<BlockNumberFor<T>>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;

	/// The storage layout's version. Version 2: vested, escrowed and pending reputation per
	/// account, and an epoch length per DC.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the reputation pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// Reputation per DC and account; no entry for an account with nothing.
	// DC ids are assigned sequentially by the chain, so `Twox64Concat` is safe; accounts are chosen
	// by users, hence `Blake2_128Concat`.
	#[pallet::storage]
	pub type ReputationOf<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CooperativeId,
		Blake2_128Concat,
		T::AccountId,
		StandingOf<T>,
		ValueQuery,
	>;

	/// The books of each DC.
	// DC ids are assigned sequentially by the chain: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type Ledgers<T: Config> = StorageMap<_, Twox64Concat, CooperativeId, Ledger, OptionQuery>;

	/// Each DC's epoch length, fixed at creation (§1a).
	// DC ids are assigned sequentially by the chain: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type EpochLengths<T: Config> =
		StorageMap<_, Twox64Concat, CooperativeId, BlockNumberFor<T>, OptionQuery>;

	/// Events of the reputation pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A new DC's initial members received their reputation, vested.
		Endowed {
			/// The DC.
			dc: CooperativeId,
			/// Its members.
			members: u32,
			/// Their reputation together: the DC's initial total.
			total: Reputation,
			/// The DC's epoch length.
			epoch_length: BlockNumberFor<T>,
		},
		/// Reputation was issued to a contributor, pending until `vests_at`.
		Issued {
			/// The DC.
			dc: CooperativeId,
			/// The contributor.
			who: T::AccountId,
			/// How much.
			amount: Reputation,
			/// The block at which it vests.
			vests_at: BlockNumberFor<T>,
		},
		/// Forfeited accruals and rounding dust of a closed contribution were burned.
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
		/// A DC's epoch length must be at least one block.
		ZeroEpochLength,
		/// The DC has no reputation books: it was never endowed.
		UnknownCooperative,
		/// The account has less vested reputation than the stake it should lock.
		InsufficientVested,
		/// Escrow holds less than is to be paid out or burned.
		InsufficientEscrow,
		/// The DC's total reputation would exceed `MAX_REPUTATION`.
		ReputationOverflow,
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
		/// Reputation of `who` in `dc` at the current block: vested, escrowed, and the pending
		/// amounts with the block at which each vests.
		pub fn reputation_of(dc: CooperativeId, who: T::AccountId) -> StandingOf<T> {
			Self::matured(dc, &who)
		}

		/// The reputation books of `dc`.
		pub fn ledger_of(dc: CooperativeId) -> Option<Ledger> {
			Ledgers::<T>::get(dc)
		}

		/// The epoch length of `dc`: reputation earned in epoch `k` vests at block
		/// `(k + 2)·epoch_length`.
		pub fn epoch_length_of(dc: CooperativeId) -> Option<BlockNumberFor<T>> {
			EpochLengths::<T>::get(dc)
		}
	}
}

impl<T: Config> Pallet<T> {
	fn ledger_or_err(dc: CooperativeId) -> Result<Ledger, Error<T>> {
		Ledgers::<T>::get(dc).ok_or(Error::<T>::UnknownCooperative)
	}

	/// The stored standing of `who`, matured to the current block (nothing is written).
	fn matured(dc: CooperativeId, who: &T::AccountId) -> StandingOf<T> {
		let mut standing = ReputationOf::<T>::get(dc, who);
		standing.mature(frame_system::Pallet::<T>::block_number());
		standing
	}

	/// Writes a standing, removing the entry when it holds nothing.
	fn put(dc: CooperativeId, who: &T::AccountId, standing: StandingOf<T>) {
		if standing.is_empty() {
			ReputationOf::<T>::remove(dc, who);
		} else {
			ReputationOf::<T>::insert(dc, who, standing);
		}
	}

	/// The block at which reputation earned now in `dc` vests.
	fn vesting_block_of(dc: CooperativeId) -> Result<BlockNumberFor<T>, Error<T>> {
		let epoch = EpochLengths::<T>::get(dc).ok_or(Error::<T>::UnknownCooperative)?;
		Ok(covalue_primitives::vesting_block(frame_system::Pallet::<T>::block_number(), epoch))
	}

	/// Checks the invariants of every DC's books.
	///
	/// ### Invariants
	/// - `total = Σ (vested + pending) of accounts + escrowed`;
	/// - `total = initial + issued − burned` and `total ≤ MAX_REPUTATION`;
	/// - every DC with books has an epoch length above zero, and every account a DC with books;
	/// - `staked = Σ escrowed of accounts`;
	/// - no stored standing is empty.
	#[cfg(any(feature = "std", feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (dc, ledger) in Ledgers::<T>::iter() {
			let accounts = ReputationOf::<T>::iter_prefix_values(dc)
				.try_fold(0u128, |sum, s| sum.checked_add(s.vested)?.checked_add(s.pending_total()))
				.ok_or("reputation sum overflows")?;
			frame_support::ensure!(
				accounts.checked_add(ledger.escrowed) == Some(ledger.total),
				"total != vested + pending of accounts + escrowed"
			);
			frame_support::ensure!(
				ledger
					.initial
					.checked_add(ledger.issued)
					.and_then(|v| v.checked_sub(ledger.burned))
					== Some(ledger.total),
				"total != initial + issued - burned"
			);
			frame_support::ensure!(ledger.total <= MAX_REPUTATION, "total above MAX_REPUTATION");
			frame_support::ensure!(
				EpochLengths::<T>::get(dc).is_some_and(|e| !e.is_zero()),
				"DC without an epoch length"
			);
		}
		let mut staked =
			alloc::collections::btree_map::BTreeMap::<CooperativeId, Reputation>::new();
		for (dc, _, standing) in ReputationOf::<T>::iter() {
			let sum = staked.entry(dc).or_default();
			*sum = sum.checked_add(standing.escrowed).ok_or("staked reputation overflows")?;
			frame_support::ensure!(
				Ledgers::<T>::contains_key(dc),
				"reputation in a DC without books"
			);
			frame_support::ensure!(!standing.is_empty(), "an empty standing is stored");
		}
		for (dc, ledger) in Ledgers::<T>::iter() {
			frame_support::ensure!(
				staked.get(&dc).copied().unwrap_or_default() == ledger.staked,
				"staked != sum of the accounts' escrowed reputation"
			);
		}
		Ok(())
	}
}

impl<T: Config> ReputationLedger<T::AccountId> for Pallet<T> {
	type BlockNumber = BlockNumberFor<T>;

	fn standing(dc: CooperativeId, who: &T::AccountId) -> StandingOf<T> {
		Self::matured(dc, who)
	}

	fn ledger(dc: CooperativeId) -> Option<Ledger> {
		Ledgers::<T>::get(dc)
	}

	fn epoch_length(dc: CooperativeId) -> Option<BlockNumberFor<T>> {
		EpochLengths::<T>::get(dc)
	}

	fn endow(
		dc: CooperativeId,
		epoch_length: BlockNumberFor<T>,
		members: &[(T::AccountId, Reputation)],
	) -> DispatchResult {
		frame_support::ensure!(!Ledgers::<T>::contains_key(dc), Error::<T>::AlreadyEndowed);
		frame_support::ensure!(!epoch_length.is_zero(), Error::<T>::ZeroEpochLength);
		let total = members
			.iter()
			.try_fold(0u128, |sum, (_, r)| sum.checked_add(*r))
			.filter(|total| *total <= MAX_REPUTATION)
			.ok_or(Error::<T>::ReputationOverflow)?;
		frame_support::ensure!(total > 0, Error::<T>::NoEndowment);
		for (who, amount) in members {
			ReputationOf::<T>::mutate(dc, who, |s| s.vested = s.vested.saturating_add(*amount));
		}
		Ledgers::<T>::insert(dc, Ledger { total, initial: total, ..Default::default() });
		EpochLengths::<T>::insert(dc, epoch_length);
		Self::deposit_event(Event::Endowed {
			dc,
			members: members.len() as u32,
			total,
			epoch_length,
		});
		Ok(())
	}

	fn issue(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let vests_at = Self::vesting_block_of(dc)?;
		ledger.total = ledger
			.total
			.checked_add(amount)
			.filter(|total| *total <= MAX_REPUTATION)
			.ok_or(Error::<T>::ReputationOverflow)?;
		ledger.issued = ledger.issued.checked_add(amount).ok_or(Error::<T>::ReputationOverflow)?;
		let mut standing = Self::matured(dc, who);
		standing.add_pending(amount, vests_at);
		Self::put(dc, who, standing);
		Ledgers::<T>::insert(dc, ledger);
		Self::deposit_event(Event::Issued { dc, who: who.clone(), amount, vests_at });
		Ok(())
	}

	fn stake(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let mut standing = Self::matured(dc, who);
		standing.vested =
			standing.vested.checked_sub(amount).ok_or(Error::<T>::InsufficientVested)?;
		// All three are bounded by the total, itself at most MAX_REPUTATION.
		standing.escrowed = standing.escrowed.saturating_add(amount);
		ledger.escrowed = ledger.escrowed.saturating_add(amount);
		ledger.staked = ledger.staked.saturating_add(amount);
		Self::put(dc, who, standing);
		Ledgers::<T>::insert(dc, ledger);
		Ok(())
	}

	fn return_stake(
		dc: CooperativeId,
		who: &T::AccountId,
		stake: Reputation,
		returned: Reputation,
	) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		let mut standing = Self::matured(dc, who);
		frame_support::ensure!(returned <= stake, Error::<T>::InsufficientEscrow);
		standing.escrowed =
			standing.escrowed.checked_sub(stake).ok_or(Error::<T>::InsufficientEscrow)?;
		ledger.escrowed =
			ledger.escrowed.checked_sub(returned).ok_or(Error::<T>::InsufficientEscrow)?;
		ledger.staked = ledger.staked.checked_sub(stake).ok_or(Error::<T>::InsufficientEscrow)?;
		standing.vested = standing.vested.saturating_add(returned);
		Self::put(dc, who, standing);
		Ledgers::<T>::insert(dc, ledger);
		Ok(())
	}

	fn pay_earnings(dc: CooperativeId, who: &T::AccountId, amount: Reputation) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		let mut ledger = Self::ledger_or_err(dc)?;
		let vests_at = Self::vesting_block_of(dc)?;
		ledger.escrowed =
			ledger.escrowed.checked_sub(amount).ok_or(Error::<T>::InsufficientEscrow)?;
		let mut standing = Self::matured(dc, who);
		standing.add_pending(amount, vests_at);
		Self::put(dc, who, standing);
		Ledgers::<T>::insert(dc, ledger);
		Ok(())
	}

	fn burn_escrowed(dc: CooperativeId, amount: Reputation) -> DispatchResult {
		let mut ledger = Self::ledger_or_err(dc)?;
		ledger.escrowed =
			ledger.escrowed.checked_sub(amount).ok_or(Error::<T>::InsufficientEscrow)?;
		ledger.total = ledger.total.checked_sub(amount).ok_or(Error::<T>::InsufficientEscrow)?;
		ledger.burned = ledger.burned.saturating_add(amount);
		Ledgers::<T>::insert(dc, ledger);
		if amount > 0 {
			Self::deposit_event(Event::Burned { dc, amount });
		}
		Ok(())
	}
}
