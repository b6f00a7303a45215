//! # Founding cooperative
//!
//! A network's root, held by a decentralized cooperation instead of a personal key.
//!
//! ## Overview
//!
//! A community that launches a network of its own names its **founding DC** at genesis. The
//! founding DC governs itself (its admin is its own agent account, §10), so the only way to act
//! as its agent account is a proposal that its members passed with Proof-of-Value: a strict
//! majority of all its reputation. This pallet gives that agent account, and nothing else, the
//! root origin: [`Pallet::dispatch_as_root`] dispatches a call as root when it is signed by the
//! founding DC's agent account while the DC governs itself. A runtime upgrade
//! (`system.authorize_upgrade`, then anybody's `system.apply_authorized_upgrade`), changing
//! validators or any chain-wide setting thus happen only through passed proposals.
//!
//! Why a pallet of its own rather than the sudo key set to the agent account: the check that
//! the founding DC governs itself is made at every dispatch, so a DC that hands its admin role
//! to a person (by a proposal) stops holding root at once instead of handing root to that
//! person; the founding DC is named by its id, so root can't be moved by a key rotation; and
//! the runtime needs no personal key at all.
//!
//! ## Calls
//!
//! - [`Pallet::dispatch_as_root`] — signed by the founding DC's agent account, while the DC
//!   governs itself; dispatches a call as root.
//! - [`Pallet::set_founding_cooperative`] — root (that is: a passed proposal of the founding
//!   DC); names another self-governed DC as founding DC, or none (then nobody holds root).
//!
//! ## Errors
//!
//! [`Error::NoFoundingCooperative`], [`Error::NotFoundingCooperative`],
//! [`Error::NotSelfGoverned`], [`Error::UnknownCooperative`].
//!
//! ## Events
//!
//! [`Event::RootDispatched`], [`Event::FoundingCooperativeSet`].

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

/// What the benchmarks need from the runtime: a DC that governs itself.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Creates a DC whose admin is its own agent account; returns its id.
	fn self_governed_cooperative() -> covalue_primitives::CooperativeId;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use covalue_primitives::{CooperativeId, CooperativeInspect};
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::UnfilteredDispatchable,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	/// The storage layout's version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the founding-cooperative pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The calls dispatched as root.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo
			+ From<frame_system::Call<Self>>
			+ IsType<<Self as frame_system::Config>::RuntimeCall>;

		/// The DC registry: admins and agent accounts.
		type Cooperatives: CooperativeInspect<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// The DC whose passed proposals act as root; `None`: nobody acts as root through this
	/// pallet.
	#[pallet::storage]
	pub type FoundingCooperative<T: Config> = StorageValue<_, CooperativeId, OptionQuery>;

	/// Events of the founding-cooperative pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The founding DC dispatched a call as root.
		RootDispatched {
			/// The founding DC.
			dc: CooperativeId,
			/// The call's own result.
			result: DispatchResult,
		},
		/// Another DC, or none, holds root from now on.
		FoundingCooperativeSet {
			/// The new founding DC; `None`: nobody.
			dc: Option<CooperativeId>,
		},
	}

	/// Errors of the founding-cooperative pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// This network has no founding DC: nobody acts as root through this pallet.
		NoFoundingCooperative,
		/// Only the founding DC's agent account may dispatch as root.
		NotFoundingCooperative,
		/// The DC does not govern itself (its admin is not its agent account): its admin alone
		/// could act as its agent, so it can't hold root.
		NotSelfGoverned,
		/// No DC has this id.
		UnknownCooperative,
	}

	/// The founding DC of a network, from block 0.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The founding DC: a DC of the cooperatives pallet's genesis that governs itself.
		pub dc: Option<CooperativeId>,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			if let Some(dc) = self.dc {
				if let Err(e) = Pallet::<T>::ensure_eligible(dc) {
					panic!("DC {dc} can't be the founding DC: {e:?}");
				}
				FoundingCooperative::<T>::put(dc);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Dispatch `call` as root.
		///
		/// ## Dispatch Origin
		/// Signed by the founding DC's agent account, while the DC governs itself: in practice,
		/// the enactment of one of its passed proposals.
		///
		/// ## Details
		/// The call's own failure does not fail this call: it is reported in
		/// [`Event::RootDispatched`], as `sudo` reports it.
		///
		/// ## Errors
		/// [`Error::NoFoundingCooperative`], [`Error::NotFoundingCooperative`],
		/// [`Error::NotSelfGoverned`].
		///
		/// ## Events
		/// [`Event::RootDispatched`], after the call's own events.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::dispatch_as_root().saturating_add(info.call_weight), info.class)
		})]
		pub fn dispatch_as_root(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let dc = FoundingCooperative::<T>::get().ok_or(Error::<T>::NoFoundingCooperative)?;
			let agent = T::Cooperatives::agent(dc).ok_or(Error::<T>::UnknownCooperative)?;
			ensure!(who == agent, Error::<T>::NotFoundingCooperative);
			ensure!(T::Cooperatives::is_self_governed(dc), Error::<T>::NotSelfGoverned);
			let info = call.get_dispatch_info();
			// Root has no call filter: as `sudo` does.
			let result = (*call).dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
			let used = frame_support::dispatch::extract_actual_weight(&result, &info);
			Self::deposit_event(Event::RootDispatched {
				dc,
				result: result.map(|_| ()).map_err(|e| e.error),
			});
			Ok(Some(T::WeightInfo::dispatch_as_root().saturating_add(used)).into())
		}

		/// Name the DC whose passed proposals act as root from now on, or none.
		///
		/// ## Dispatch Origin
		/// Root: through [`Pallet::dispatch_as_root`], a passed proposal of the current
		/// founding DC.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NotSelfGoverned`]: a founding DC must govern
		/// itself.
		///
		/// ## Events
		/// [`Event::FoundingCooperativeSet`].
		#[pallet::call_index(1)]
		pub fn set_founding_cooperative(
			origin: OriginFor<T>,
			dc: Option<CooperativeId>,
		) -> DispatchResult {
			ensure_root(origin)?;
			if let Some(dc) = dc {
				Self::ensure_eligible(dc)?;
			}
			FoundingCooperative::<T>::set(dc);
			Self::deposit_event(Event::FoundingCooperativeSet { dc });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// A founding DC must exist and govern itself.
		fn ensure_eligible(dc: CooperativeId) -> DispatchResult {
			ensure!(T::Cooperatives::exists(dc), Error::<T>::UnknownCooperative);
			ensure!(T::Cooperatives::is_self_governed(dc), Error::<T>::NotSelfGoverned);
			Ok(())
		}

		/// Checks that the founding DC, if any, exists. (It may stop governing itself through
		/// its own proposal; then it simply can't dispatch as root until it does again.)
		#[cfg(any(feature = "std", feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			if let Some(dc) = FoundingCooperative::<T>::get() {
				ensure!(T::Cooperatives::exists(dc), "the founding DC does not exist");
			}
			Ok(())
		}
	}
}
