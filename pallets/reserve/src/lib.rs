//! # Reserve
//!
//! The token lifecycle of a decentralized cooperation (`docs/protocol-rules.md` §6): tokens start as equity (earned
//! only through Proof of Value), become a commodity (traded like any asset), and finally a
//! currency backed by a reserve.
//!
//! ## Overview
//!
//! The DC's admin switches the last phase on with [`Pallet::set_price_cap`]: a **price cap**
//! ([`FixedU128`], reserve-asset base units per token base unit) and the **reserve asset**, the
//! native currency or another DC's token (which couples the two DCs), as long as the chain of
//! reserve assets doesn't lead back to the DC ([`Config::MaxReserveChain`]). From then on:
//!
//! - anyone [buys](Pallet::buy) new tokens at the cap, or at the reserve per token if that is
//!   more: `max(⌈amount·cap⌉, ⌈amount·reserve / supply⌉)` goes into the DC's reserve account and
//!   `amount` tokens are minted to the buyer — a sale never lowers the reserve per token, so
//!   lowering the cap can't dilute the holders;
//! - any holder [redeems](Pallet::redeem) tokens: they are burned and the reserve pays
//!   `min(⌊amount·cap⌋, ⌊amount·reserve / supply⌋)`, so a token redeems at the cap while the
//!   reserve backs every token at the cap, and below that every holder gets the same pro-rata
//!   price whenever they redeem;
//! - anyone [deposits revenue](Pallet::deposit_revenue) into the reserve, which raises the
//!   redemption price of every token alike.
//!
//! Each DC's reserve account is keyless, derived from this pallet's [`Config::PalletId`] and the
//! DC's id ([`Pallet::reserve_account`]), and only `redeem` pays out of it; the admin can change
//! the cap but never move the reserve. The reserve balance the formulas use is kept in
//! [`Reserves`], not read from the account: the account also holds the reserve asset's minimum
//! balance, paid once by the admin when the asset is chosen, so that it exists and payments of
//! a single base unit reach it — and that endowment never counts as reserve. Funds sent to the
//! account by plain transfers are not reserve either; revenue enters only through
//! `deposit_revenue`.
//!
//! Reserve assets are paid through one `fungibles` interface over both kinds of asset
//! ([`Config::Assets`]: in the runtime, `UnionOf` the balances and the assets pallets, keyed by
//! [`ReserveAsset`] = `NativeOrWithId<CooperativeId>`). DC tokens are minted and burned only
//! through `CooperativeTokens` ([`Config::Tokens`]), which keeps each token's books. The prices
//! are computed in [`pricing`], a pure module with its own tests.
//!
//! ## Calls
//!
//! - [`Pallet::set_price_cap`] — the DC's admin; sets the cap and the reserve asset.
//! - [`Pallet::buy`] — signed; buys new tokens, with a maximum cost.
//! - [`Pallet::redeem`] — signed; redeems tokens against the reserve, with minimum proceeds.
//! - [`Pallet::deposit_revenue`] — signed; pays reserve assets into the reserve.
//!
//! ## Errors
//!
//! The names of `docs/protocol-rules.md`: `NoPriceCap`, `ZeroAmount`, `InsufficientTokens`, `CostAboveMax`,
//! `ProceedsBelowMin`; and [`Error::UnknownCooperative`], [`Error::NotAdmin`],
//! [`Error::ZeroPriceCap`], [`Error::UnknownReserveAsset`], [`Error::ReserveCycle`],
//! [`Error::ReserveNotEmpty`], [`Error::CannotPayEndowment`]; an amount or price beyond `u128`
//! is `ArithmeticError::Overflow`.
//!
//! ## Events
//!
//! [`Event::PriceCapSet`], [`Event::Bought`], [`Event::Redeemed`], [`Event::RevenueDeposited`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod pricing;
#[cfg(test)]
mod tests;
pub mod weights;

use codec::{Decode, Encode, MaxEncodedLen};
use covalue_primitives::{CooperativeId, TokenBalance};
pub use frame_support::traits::fungible::NativeOrWithId;
use scale_info::TypeInfo;
pub use sp_arithmetic::FixedU128;

/// What a DC's reserve holds: the native currency, or the token of another DC
/// (`WithId(dc)`), which couples the two DCs.
pub type ReserveAsset = NativeOrWithId<CooperativeId>;

/// A DC's reserve, once its admin has set a price cap.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ReserveState {
	/// What the reserve holds; fixed while `balance` is above zero.
	pub asset: ReserveAsset,
	/// Reserve-asset base units per token base unit: the price of new tokens and the highest
	/// redemption price.
	pub price_cap: FixedU128,
	/// The reserve the formulas use, in reserve-asset base units: what buyers paid and revenue
	/// brought, less what redemptions paid. The reserve account holds at least this plus the
	/// asset's minimum balance.
	pub balance: u128,
}

/// A DC's reserve as clients see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ReserveSummary<AccountId> {
	/// The keyless account that holds the reserve.
	pub account: AccountId,
	/// What the reserve holds.
	pub asset: ReserveAsset,
	/// The price cap.
	pub price_cap: FixedU128,
	/// The reserve balance the formulas use.
	pub balance: u128,
	/// The token's supply.
	pub supply: TokenBalance,
	/// What one token base unit redeems for now: `min(cap, balance / supply)`, rounded down.
	pub redemption_price: FixedU128,
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates a DC administered by `admin`; returns its id.
	fn create_cooperative(admin: &AccountId) -> CooperativeId;
	/// Gives `who` `amount` of the native currency.
	fn fund(who: &AccountId, amount: u128);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use covalue_primitives::{CooperativeInspect, CooperativeTokens};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungibles::{self, Inspect, Mutate},
			tokens::{Fortitude, Preservation, Provenance},
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{AccountIdConversion, Zero},
		ArithmeticError,
	};

	/// The storage layout's version (unchanged by version 2 of the protocol: only its rules
	/// changed).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Defaults for test runtimes: `#[derive_impl(config_preludes::TestDefaultConfig)]`.
	pub mod config_preludes {
		use super::*;
		use frame_support::{derive_impl, parameter_types};

		/// No weights, the runtime's pallet id.
		pub struct TestDefaultConfig;

		parameter_types! {
			/// The runtime's pallet id.
			pub const TestPalletId: PalletId = PalletId(*b"cv/rsrve");
		}

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type PalletId = TestPalletId;
			type MaxReserveChain = frame_support::traits::ConstU32<4>;
			type WeightInfo = ();
		}
	}

	/// Configuration of the reserve pallet.
	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// Both kinds of reserve asset behind one interface: the native currency and DC tokens.
		#[pallet::no_default]
		type Assets: fungibles::Mutate<Self::AccountId, AssetId = ReserveAsset, Balance = u128>;

		/// The DC registry: which DCs exist and who administers them.
		#[pallet::no_default]
		type Cooperatives: CooperativeInspect<Self::AccountId>;

		/// DC tokens: the only way to mint and burn them.
		#[pallet::no_default]
		type Tokens: CooperativeTokens<Self::AccountId>;

		/// Derives each DC's keyless reserve account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// How many DC tokens a chain of reserve assets may pass through before it reaches the
		/// native currency or a DC without a reserve (at least 4). A chain that leads back to
		/// its DC, or is longer, is refused: a loop of DCs reserving in each other's tokens
		/// would mint without limit.
		#[pallet::constant]
		type MaxReserveChain: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		#[pallet::no_default]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Each DC's reserve, from the moment its admin sets a price cap.
	// DC ids are assigned sequentially by the registry: `Twox64Concat` is safe.
	#[pallet::storage]
	pub type Reserves<T: Config> =
		StorageMap<_, Twox64Concat, CooperativeId, ReserveState, OptionQuery>;

	/// Events of the reserve pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A DC's admin set its price cap and reserve asset.
		PriceCapSet {
			/// The DC.
			dc: CooperativeId,
			/// The new cap.
			price_cap: FixedU128,
			/// The reserve asset.
			asset: ReserveAsset,
			/// What the admin paid to open the reserve account for this asset (its minimum
			/// balance; zero when the account holds the asset already). Never counted as reserve.
			endowment: u128,
		},
		/// Tokens were bought.
		Bought {
			/// The DC whose tokens were minted.
			dc: CooperativeId,
			/// The buyer, who received the tokens.
			buyer: T::AccountId,
			/// Tokens minted.
			amount: TokenBalance,
			/// Reserve-asset units paid into the reserve: `max(⌈amount·cap⌉,
			/// ⌈amount·reserve / supply⌉)`.
			cost: u128,
		},
		/// Tokens were redeemed against the reserve.
		Redeemed {
			/// The DC whose tokens were burned.
			dc: CooperativeId,
			/// The holder, who received the proceeds.
			holder: T::AccountId,
			/// Tokens burned.
			amount: TokenBalance,
			/// Reserve-asset units paid out of the reserve.
			proceeds: u128,
		},
		/// Revenue was paid into a DC's reserve.
		RevenueDeposited {
			/// The DC.
			dc: CooperativeId,
			/// Who paid it.
			payer: T::AccountId,
			/// Reserve-asset units paid.
			amount: u128,
		},
	}

	/// Errors of the reserve pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No DC has this id.
		UnknownCooperative,
		/// Only the DC's admin may do this.
		NotAdmin,
		/// The DC's admin has not set a price cap: its tokens can't be bought or redeemed yet.
		NoPriceCap,
		/// The amount must be above zero.
		ZeroAmount,
		/// The caller holds fewer tokens than it wants to redeem.
		InsufficientTokens,
		/// Buying costs more than the given maximum.
		CostAboveMax,
		/// Redeeming pays less than the given minimum.
		ProceedsBelowMin,
		/// A price cap must be above zero: otherwise tokens would be minted for nothing.
		ZeroPriceCap,
		/// The reserve asset is the token of a DC that does not exist.
		UnknownReserveAsset,
		/// The reserve asset leads back to this DC (its own token, or a DC whose reserve chain
		/// reaches it), or its chain of reserve assets is longer than `MaxReserveChain`.
		ReserveCycle,
		/// The reserve asset can't change while the reserve holds anything.
		ReserveNotEmpty,
		/// The admin can't pay the reserve asset's minimum balance into the reserve account,
		/// which it needs to exist (for another DC's token: the admin holds none of it).
		CannotPayEndowment,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			// Every DC needs a reserve account of its own, distinct from the pallet's.
			let pallet: T::AccountId = T::PalletId::get().into_account_truncating();
			assert!(Self::reserve_account(0) != pallet, "a reserve account is the pallet's");
			assert!(T::MaxReserveChain::get() >= 4, "MaxReserveChain must be at least 4");
			assert!(
				Self::reserve_account(0) != Self::reserve_account(1)
					&& Self::reserve_account(u32::MAX) != Self::reserve_account(u32::MAX - 1),
				"reserve accounts of different DCs must differ"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Set a DC's price cap and reserve asset: switches on buying and redemption.
		///
		/// ## Dispatch Origin
		/// Signed by the DC's admin.
		///
		/// ## Details
		/// The cap can change at any time; the asset only while the reserve is empty. The first
		/// time the reserve account needs `asset`, the admin pays the asset's minimum balance into
		/// it, so that the account exists; that endowment never counts as reserve.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NotAdmin`], [`Error::ZeroPriceCap`],
		/// [`Error::UnknownReserveAsset`], [`Error::ReserveCycle`],
		/// [`Error::ReserveNotEmpty`], [`Error::CannotPayEndowment`].
		///
		/// ## Events
		/// [`Event::PriceCapSet`].
		#[pallet::call_index(0)]
		pub fn set_price_cap(
			origin: OriginFor<T>,
			dc: CooperativeId,
			price_cap: FixedU128,
			asset: ReserveAsset,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let admin = T::Cooperatives::admin(dc).ok_or(Error::<T>::UnknownCooperative)?;
			ensure!(who == admin, Error::<T>::NotAdmin);
			ensure!(!price_cap.is_zero(), Error::<T>::ZeroPriceCap);
			if let NativeOrWithId::WithId(other) = asset {
				ensure!(T::Cooperatives::exists(other), Error::<T>::UnknownReserveAsset);
				ensure!(Self::chain_reaches_native(dc, other), Error::<T>::ReserveCycle);
			}
			let balance = match Reserves::<T>::get(dc) {
				Some(reserve) if reserve.asset == asset => reserve.balance,
				Some(reserve) => {
					ensure!(reserve.balance.is_zero(), Error::<T>::ReserveNotEmpty);
					0
				},
				None => 0,
			};
			let account = Self::reserve_account(dc);
			let endowment = T::Assets::minimum_balance(asset.clone()).saturating_sub(
				T::Assets::balance(asset.clone(), &account).saturating_sub(balance),
			);
			if !endowment.is_zero() {
				let spendable = T::Assets::reducible_balance(
					asset.clone(),
					&who,
					Self::payer_preservation(&asset),
					Fortitude::Polite,
				);
				ensure!(spendable >= endowment, Error::<T>::CannotPayEndowment);
				Self::pay_in(&asset, &who, &account, endowment)?;
			}
			Reserves::<T>::insert(dc, ReserveState { asset: asset.clone(), price_cap, balance });
			Self::deposit_event(Event::PriceCapSet { dc, price_cap, asset, endowment });
			Ok(())
		}

		/// Buy `amount` new tokens of `dc` at its price cap, or at the reserve per token if that is
		/// more.
		///
		/// ## Dispatch Origin
		/// Signed: the buyer, who pays `⌈amount·cap⌉` of the reserve asset into the DC's reserve,
		/// or `⌈amount·reserve / supply⌉` if that is more (a sale never lowers the reserve per
		/// token, so lowering the cap can't dilute holders), and receives the tokens. A buyer paying native currency stays above the existential
		/// deposit; one paying with another DC's token may spend it to the last unit.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NoPriceCap`], [`Error::ZeroAmount`],
		/// `ArithmeticError::Overflow`, [`Error::CostAboveMax`] if the cost exceeds `max_cost`,
		/// or the asset's error if the buyer can't pay or receive.
		///
		/// ## Events
		/// [`Event::Bought`].
		#[pallet::call_index(1)]
		pub fn buy(
			origin: OriginFor<T>,
			dc: CooperativeId,
			amount: TokenBalance,
			max_cost: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut reserve = Self::reserve_of(dc)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			let supply = T::Tokens::supply(dc);
			let cost = pricing::buy_cost(amount, reserve.price_cap, reserve.balance, supply)
				.ok_or(ArithmeticError::Overflow)?;
			ensure!(cost <= max_cost, Error::<T>::CostAboveMax);
			reserve.balance = reserve.balance.checked_add(cost).ok_or(ArithmeticError::Overflow)?;
			T::Tokens::can_mint(dc, &who, amount)?;

			Self::pay_in(&reserve.asset, &who, &Self::reserve_account(dc), cost)?;
			T::Tokens::mint(dc, &who, amount)?;
			Reserves::<T>::insert(dc, reserve);
			Self::deposit_event(Event::Bought { dc, buyer: who, amount, cost });
			Ok(())
		}

		/// Redeem `amount` tokens of `dc` against its reserve.
		///
		/// ## Dispatch Origin
		/// Signed: the holder. Its tokens are burned and it receives
		/// `min(⌊amount·cap⌋, ⌊amount·reserve / supply⌋)` of the reserve asset.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NoPriceCap`], [`Error::ZeroAmount`],
		/// [`Error::InsufficientTokens`], [`Error::ProceedsBelowMin`] if the proceeds are below
		/// `min_proceeds`; the registry's `RemainderBelowMinimum` if the holder would keep less
		/// than the token's minimum balance (but more than none); or the asset's error if the
		/// holder can't receive the proceeds (e.g. less than the existential deposit into an
		/// account that has none).
		///
		/// ## Events
		/// [`Event::Redeemed`].
		#[pallet::call_index(2)]
		pub fn redeem(
			origin: OriginFor<T>,
			dc: CooperativeId,
			amount: TokenBalance,
			min_proceeds: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut reserve = Self::reserve_of(dc)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			ensure!(amount <= T::Tokens::balance(dc, &who), Error::<T>::InsufficientTokens);
			let supply = T::Tokens::supply(dc);
			let proceeds = pricing::proceeds(amount, reserve.price_cap, reserve.balance, supply)
				.ok_or(ArithmeticError::Overflow)?;
			ensure!(proceeds >= min_proceeds, Error::<T>::ProceedsBelowMin);
			// `proceeds ≤ balance` because `amount ≤ supply`; checked all the same.
			reserve.balance = reserve.balance.checked_sub(proceeds).ok_or_else(|| {
				defensive!("redemption pays more than the reserve holds");
				ArithmeticError::Underflow
			})?;
			if !proceeds.is_zero() {
				T::Assets::can_deposit(reserve.asset.clone(), &who, proceeds, Provenance::Extant)
					.into_result()?;
			}

			T::Tokens::burn(dc, &who, amount)?;
			if !proceeds.is_zero() {
				// `Preserve`: the endowment keeps the account alive; it is never paid out.
				T::Assets::transfer(
					reserve.asset.clone(),
					&Self::reserve_account(dc),
					&who,
					proceeds,
					Preservation::Preserve,
				)?;
			}
			Reserves::<T>::insert(dc, reserve);
			Self::deposit_event(Event::Redeemed { dc, holder: who, amount, proceeds });
			Ok(())
		}

		/// Pay `amount` of the reserve asset into the reserve of `dc`: income from the DC's
		/// services, grants. It raises the redemption price of every token alike.
		///
		/// ## Dispatch Origin
		/// Signed: the payer.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NoPriceCap`], [`Error::ZeroAmount`],
		/// `ArithmeticError::Overflow`, or the asset's error if the payer can't pay.
		///
		/// ## Events
		/// [`Event::RevenueDeposited`].
		#[pallet::call_index(3)]
		pub fn deposit_revenue(
			origin: OriginFor<T>,
			dc: CooperativeId,
			amount: u128,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut reserve = Self::reserve_of(dc)?;
			ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
			reserve.balance =
				reserve.balance.checked_add(amount).ok_or(ArithmeticError::Overflow)?;

			Self::pay_in(&reserve.asset, &who, &Self::reserve_account(dc), amount)?;
			Reserves::<T>::insert(dc, reserve);
			Self::deposit_event(Event::RevenueDeposited { dc, payer: who, amount });
			Ok(())
		}
	}

	/// Read-only queries for clients.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A DC's reserve: its account, asset, cap, balance, token supply and current
		/// redemption price; `None` until its admin sets a price cap.
		pub fn reserve_summary(dc: CooperativeId) -> Option<ReserveSummary<T::AccountId>> {
			let reserve = Reserves::<T>::get(dc)?;
			let supply = T::Tokens::supply(dc);
			Some(ReserveSummary {
				account: Self::reserve_account(dc),
				redemption_price: pricing::redemption_price(
					reserve.price_cap,
					reserve.balance,
					supply,
				),
				asset: reserve.asset,
				price_cap: reserve.price_cap,
				balance: reserve.balance,
				supply,
			})
		}

		/// What buying `amount` tokens of `dc` costs now; `None` without a price cap or if the
		/// cost does not fit in `u128`.
		pub fn buy_cost(dc: CooperativeId, amount: TokenBalance) -> Option<u128> {
			let reserve = Reserves::<T>::get(dc)?;
			pricing::buy_cost(amount, reserve.price_cap, reserve.balance, T::Tokens::supply(dc))
		}

		/// What redeeming `amount` tokens of `dc` pays now; `None` without a price cap or if
		/// `amount` exceeds the supply.
		pub fn redeem_proceeds(dc: CooperativeId, amount: TokenBalance) -> Option<u128> {
			let reserve = Reserves::<T>::get(dc)?;
			pricing::proceeds(amount, reserve.price_cap, reserve.balance, T::Tokens::supply(dc))
		}
	}

	impl<T: Config> Pallet<T> {
		/// The keyless account that holds the reserve of `dc`.
		pub fn reserve_account(dc: CooperativeId) -> T::AccountId {
			// Not the bare `dc`: DC 0 encodes as zeros and would be the pallet's own account.
			T::PalletId::get().into_sub_account_truncating((b"dc", dc))
		}

		/// The reserve of `dc`, or why its tokens can't be bought or redeemed.
		/// Whether the reserve assets from `first` on reach the native currency (or a DC with no
		/// reserve) within `MaxReserveChain` DC tokens, without passing through `dc`.
		pub(crate) fn chain_reaches_native(dc: CooperativeId, first: CooperativeId) -> bool {
			let mut current = first;
			for _ in 0..T::MaxReserveChain::get() {
				if current == dc {
					return false;
				}
				match Reserves::<T>::get(current).map(|r| r.asset) {
					None | Some(NativeOrWithId::Native) => return true,
					Some(NativeOrWithId::WithId(next)) => current = next,
				}
			}
			false
		}

		fn reserve_of(dc: CooperativeId) -> Result<ReserveState, DispatchError> {
			match Reserves::<T>::get(dc) {
				Some(reserve) => Ok(reserve),
				None if !T::Cooperatives::exists(dc) => Err(Error::<T>::UnknownCooperative.into()),
				None => Err(Error::<T>::NoPriceCap.into()),
			}
		}

		/// Payers keep their native account alive; DC tokens may be spent to the last unit.
		fn payer_preservation(asset: &ReserveAsset) -> Preservation {
			match asset {
				NativeOrWithId::Native => Preservation::Preserve,
				NativeOrWithId::WithId(_) => Preservation::Expendable,
			}
		}

		/// Moves `amount` of `asset` from a payer to `to`, keeping a native payer alive.
		fn pay_in(
			asset: &ReserveAsset,
			from: &T::AccountId,
			to: &T::AccountId,
			amount: u128,
		) -> DispatchResult {
			T::Assets::transfer(asset.clone(), from, to, amount, Self::payer_preservation(asset))
				.map(|_| ())
		}

		/// Checks §5's reserve invariants:
		/// - every reserve belongs to an existing DC, has a cap above zero, and a reserve asset
		///   that is the native currency or the token of another existing DC;
		/// - the reserve account holds at least the reserve balance plus the asset's minimum
		///   balance, and can pay the whole balance out: the reserve never pays more than it
		///   holds.
		///
		/// Token supplies are checked against their books by the registry.
		#[cfg(any(feature = "std", feature = "try-runtime"))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			for (dc, reserve) in Reserves::<T>::iter() {
				ensure!(T::Cooperatives::exists(dc), "reserve of a DC that does not exist");
				ensure!(!reserve.price_cap.is_zero(), "zero price cap");
				if let NativeOrWithId::WithId(other) = reserve.asset {
					// No loop: the chain ends within as many steps as there are reserves.
					let mut current = other;
					let mut ended = false;
					for _ in 0..=Reserves::<T>::iter_keys().count() {
						ensure!(current != dc, "a chain of reserve assets loops");
						match Reserves::<T>::get(current).map(|r| r.asset) {
							None | Some(NativeOrWithId::Native) => {
								ended = true;
								break;
							},
							Some(NativeOrWithId::WithId(next)) => current = next,
						}
					}
					ensure!(ended, "a chain of reserve assets loops");
					ensure!(
						T::Cooperatives::exists(other),
						"reserve asset of a DC that does not exist"
					);
				}
				let account = Self::reserve_account(dc);
				let needed = reserve
					.balance
					.checked_add(T::Assets::minimum_balance(reserve.asset.clone()))
					.ok_or("reserve balance overflows")?;
				ensure!(
					T::Assets::balance(reserve.asset.clone(), &account) >= needed,
					"reserve account holds less than the reserve balance plus its minimum"
				);
				let payable = T::Assets::reducible_balance(
					reserve.asset.clone(),
					&account,
					Preservation::Preserve,
					Fortitude::Polite,
				);
				ensure!(payable >= reserve.balance, "reserve can't pay out its balance");
			}
			Ok(())
		}
	}
}
