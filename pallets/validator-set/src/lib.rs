//! # Validator set
//!
//! The validators of a network, changed by its root origin: on a network launched from a
//! network file, root is the founding DC's passed proposals (`pallet-founding-cooperative`), so
//! validators join and leave by the community's decision, without a new genesis.
//!
//! ## Overview
//!
//! The pallet keeps the list of validators wanted for the coming sessions and is the session
//! pallet's [`pallet_session::SessionManager`]. The session pallet, in turn, tells Aura and
//! GRANDPA (its session handlers) about each new set, so block authorship and finality follow
//! it:
//!
//! 1. A validator's operator generates session keys on its node with
//!    `author_rotateKeysWithOwner(account)`, which also returns the proof that the keys belong to
//!    that account, and registers them from the validator's account with
//!    `session.set_keys(keys, proof)`, which holds the session pallet's key deposit.
//! 2. Root calls [`Pallet::add_validator`]. At the next session rotation the session pallet
//!    queues the new set; one rotation later it becomes the active set: Aura lets the validator
//!    author blocks at once, and GRANDPA schedules the authority-set change that takes effect
//!    when that block is finalized. A validator thus starts at the second session boundary
//!    after the call, at most two sessions later.
//! 3. [`Pallet::remove_validator`] takes a validator out the same way.
//!
//! Sessions are [`SessionLength`] blocks long, fixed at genesis. The session pallet declares
//! the block in which a session rotates as full, so that block carries no transactions: a
//! session of a few blocks is for tests; a live network uses hours.
//!
//! Why a pallet of its own rather than `pallet-collator-selection`'s invulnerables: that pallet
//! is built for parachain collators (candidacy bonds, a pot paid by block authorship, kicking
//! idle candidates) and needs `pallet-authorship`; a solochain whose validators are chosen by
//! its community needs only the list, a root origin and the check that keys are registered.
//!
//! ## Calls
//!
//! - [`Pallet::add_validator`] — [`Config::UpdateOrigin`]; the account must have registered
//!   session keys.
//! - [`Pallet::remove_validator`] — [`Config::UpdateOrigin`]; at least
//!   [`Config::MinValidators`] stay.
//!
//! ## Errors
//!
//! [`Error::AlreadyValidator`], [`Error::NotValidator`], [`Error::NoSessionKeys`],
//! [`Error::TooManyValidators`], [`Error::TooFewValidators`].
//!
//! ## Events
//!
//! [`Event::ValidatorAdded`], [`Event::ValidatorRemoved`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

/// What the benchmarks need from the runtime: accounts with registered session keys.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Registers session keys for `who`, as `session.set_keys` would.
	fn register_keys(who: &AccountId);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::{One, StaticLookup};

	/// The storage layout's version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the validator-set pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who may add and remove validators (the runtime: root, that is the founding DC).
		type UpdateOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Whether an account has registered session keys (the runtime: the session pallet).
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// The most validators; at most what Aura and GRANDPA accept as authorities.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The fewest validators: removals stop there.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The validators of the coming sessions, in the order they were added. The session
	/// pallet's `Validators` holds the active set, which follows this one two rotations later.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since the session pallet last asked for a set: only then
	/// is a new set handed over, since the session pallet (and GRANDPA with it) treats every
	/// handed-over set as a change.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// The validators that had session keys when a set was last handed to the session pallet.
	/// A validator that purges (or, after purging, registers again) its keys changes who can
	/// take part without changing [`Validators`]; the session pallet notices a missing validator
	/// only when it is not the last of the set, so the set is handed over again whenever this
	/// differs.
	#[pallet::storage]
	pub type WithKeys<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Blocks per session, fixed at genesis; never zero.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// Events of the validator-set pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator joins the set from the second session rotation on.
		ValidatorAdded {
			/// The validator's account.
			who: T::AccountId,
		},
		/// A validator leaves the set from the second session rotation on.
		ValidatorRemoved {
			/// The validator's account.
			who: T::AccountId,
		},
	}

	/// Errors of the validator-set pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The account has no session keys: register them with `session.set_keys` first.
		NoSessionKeys,
		/// The set is full (`MaxValidators`).
		TooManyValidators,
		/// Removing the validator would leave fewer than `MinValidators`.
		TooFewValidators,
	}

	/// The validators and session length of a network's first block; the default stores
	/// nothing.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The first validators; the session pallet's genesis must hold their keys.
		pub validators: Vec<T::AccountId>,
		/// Blocks per session; above zero.
		pub session_length: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// The default config (no validators, no session length) is a chain that sets its
			// validators otherwise, such as a test runtime: nothing to store.
			if self.validators.is_empty() && self.session_length == Default::default() {
				return;
			}
			if let Err(e) = Pallet::<T>::check_genesis(&self.validators, self.session_length) {
				panic!("the genesis validator set is invalid: {e}");
			}
			let validators =
				BoundedVec::<_, T::MaxValidators>::truncate_from(self.validators.clone());
			Validators::<T>::put(validators);
			SessionLength::<T>::put(self.session_length);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least one");
			assert!(
				T::MinValidators::get() <= T::MaxValidators::get(),
				"MinValidators must not exceed MaxValidators"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `who` to the validators, from the second session rotation on.
		///
		/// The origin must be [`Config::UpdateOrigin`]; `who` must have registered session
		/// keys (`session.set_keys`), so that it can author and vote as soon as it is active.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(
			origin: OriginFor<T>,
			who: <T::Lookup as StaticLookup>::Source,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			let who = T::Lookup::lookup(who)?;
			let mut validators = Validators::<T>::get();
			ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
			ensure!(T::ValidatorRegistration::is_registered(&who), Error::<T>::NoSessionKeys);
			validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			Validators::<T>::put(validators);
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Removes `who` from the validators, from the second session rotation on.
		///
		/// The origin must be [`Config::UpdateOrigin`]; at least [`Config::MinValidators`]
		/// validators stay. The account keeps its session keys (and their deposit) until it
		/// purges them with `session.purge_keys`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(
			origin: OriginFor<T>,
			who: <T::Lookup as StaticLookup>::Source,
		) -> DispatchResult {
			T::UpdateOrigin::ensure_origin(origin)?;
			let who = T::Lookup::lookup(who)?;
			let mut validators = Validators::<T>::get();
			let position =
				validators.iter().position(|v| v == &who).ok_or(Error::<T>::NotValidator)?;
			ensure!(
				validators.len() > T::MinValidators::get() as usize,
				Error::<T>::TooFewValidators
			);
			validators.remove(position);
			Validators::<T>::put(validators);
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Those of `validators` that have session keys, in order.
		fn with_keys(
			validators: &BoundedVec<T::AccountId, T::MaxValidators>,
		) -> BoundedVec<T::AccountId, T::MaxValidators> {
			let registered = validators
				.iter()
				.filter(|v| T::ValidatorRegistration::is_registered(v))
				.cloned()
				.collect::<Vec<_>>();
			BoundedVec::truncate_from(registered)
		}

		/// Checks a genesis set: between `MinValidators` and `MaxValidators` distinct accounts,
		/// and sessions of at least one block. What the genesis build panics on, as a sentence.
		pub fn check_genesis(
			validators: &[T::AccountId],
			session_length: BlockNumberFor<T>,
		) -> Result<(), &'static str> {
			if session_length < One::one() {
				return Err("the session length must be at least one block");
			}
			if validators.len() < T::MinValidators::get() as usize {
				return Err("there are fewer validators than MinValidators");
			}
			if validators.len() > T::MaxValidators::get() as usize {
				return Err("there are more validators than MaxValidators");
			}
			if validators.iter().enumerate().any(|(i, v)| validators[..i].contains(v)) {
				return Err("a validator is listed twice");
			}
			Ok(())
		}

		/// Checks the pallet's invariants: the set is within its bounds and has no duplicate,
		/// and sessions are at least one block long.
		#[cfg(any(feature = "std", feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let validators = Validators::<T>::get();
			// An empty set is a chain without this pallet's genesis (a test runtime).
			if validators.is_empty() && SessionLength::<T>::get() == Default::default() {
				return Ok(());
			}
			Self::check_genesis(&validators, SessionLength::<T>::get()).map_err(Into::into)
		}
	}

	impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
		/// The set for session `index`, if it changed since the last one handed over.
		fn new_session(_index: u32) -> Option<Vec<T::AccountId>> {
			let validators = Validators::<T>::get();
			let with_keys = Self::with_keys(&validators);
			let keys_changed = with_keys != WithKeys::<T>::get();
			if !SetChanged::<T>::take() && !keys_changed {
				return None;
			}
			WithKeys::<T>::put(with_keys);
			Some(validators.into_inner())
		}

		fn new_session_genesis(_index: u32) -> Option<Vec<T::AccountId>> {
			let validators = Validators::<T>::get();
			WithKeys::<T>::put(Self::with_keys(&validators));
			Some(validators.into_inner())
		}

		fn end_session(_index: u32) {}

		fn start_session(_index: u32) {}
	}
}

/// The session length as a `Get`, for `pallet_session::PeriodicSessions`; at least one block,
/// so that a chain without this pallet's genesis never divides by zero.
pub struct SessionLengthOf<T>(core::marker::PhantomData<T>);

impl<T: Config> frame_support::traits::Get<frame_system::pallet_prelude::BlockNumberFor<T>>
	for SessionLengthOf<T>
{
	fn get() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		SessionLength::<T>::get().max(sp_runtime::traits::One::one())
	}
}
