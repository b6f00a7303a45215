//! # Reserve
//!
//! The token lifecycle of a decentralized cooperation (spec §6): tokens start as equity (earned
//! only through Proof of Value), become a commodity (traded like any asset), and finally a
//! currency backed by a reserve.
//!
//! ## Overview
//!
//! The DC's admin switches the last phase on with [`Pallet::set_price_cap`]: a **price cap**
//! ([`FixedU128`], reserve-asset base units per token base unit) and the **reserve asset**, the
//! native currency or another DC's token (which couples the two DCs). From then on:
//!
//! - anyone [buys](Pallet::buy) new tokens at the cap: `⌈amount·cap⌉` goes into the DC's reserve
//!   account and `amount` tokens are minted to the buyer;
//! - any holder [redeems](Pallet::redeem) tokens: they are burned and the reserve pays
//!   `min(⌊amount·cap⌋, ⌊amount·reserve / supply⌋)`, so a token redeems at the cap while the
//!   reserve backs every token at the cap, and below that every holder gets the same pro-rata
//!   price whenever they redeem;
//! - anyone [deposits revenue](Pallet::deposit_revenue) into the reserve, which raises the
//!   redemption price of every token alike.
//!
//! The reserve account is keyless and only `redeem` pays out of it; the admin can change the
//! cap but never move the reserve. The reserve balance the formulas use is kept in
//! [`Reserves`], not read from the account: the account also holds the reserve asset's minimum
//! balance, paid once by the admin when the asset is chosen, so that it exists and payments of
//! a single base unit reach it — and that endowment never counts as reserve. Funds sent to the
//! account by plain transfers are not reserve either; revenue enters only through
//! `deposit_revenue`.
//!
//! Tokens are minted and burned only through the cooperatives pallet's `CooperativeTokens`,
//! which keeps each token's books (rewarded, sold, redeemed). The prices are computed in
//! [`pricing`], a pure module with its own tests.
//!
//! ## Calls
//!
//! - [`Pallet::set_price_cap`] — the DC's admin; sets the cap and the reserve asset.
//! - [`Pallet::buy`] — signed; buys new tokens at the cap, with a maximum cost.
//! - [`Pallet::redeem`] — signed; redeems tokens against the reserve, with minimum proceeds.
//! - [`Pallet::deposit_revenue`] — signed; pays reserve assets into the reserve.
//!
//! ## Errors
//!
//! The spec's names: `NoPriceCap`, `ZeroAmount`, `InsufficientTokens`, `CostAboveMax`,
//! `ProceedsBelowMin`; and [`Error::UnknownCooperative`], [`Error::NotAdmin`],
//! [`Error::ZeroPriceCap`], [`Error::UnknownReserveAsset`], [`Error::OwnTokenAsReserve`],
//! [`Error::ReserveNotEmpty`], [`Error::CannotPayEndowment`], [`Error::Overflow`].
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

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use pallet_cooperatives::{CooperativeId, TokenBalance};
use scale_info::TypeInfo;
pub use sp_arithmetic::FixedU128;

/// What a DC's reserve holds.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ReserveAsset {
	/// The chain's native currency.
	Native,
	/// The token of another DC, which couples the two DCs.
	Token(CooperativeId),
}

/// A DC's reserve, once its admin has set a price cap.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
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
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct ReserveSummary {
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

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible, fungibles,
			tokens::{Fortitude, Preservation, Provenance},
		},
	};
	use frame_system::pallet_prelude::*;
	use pallet_cooperatives::{CooperativeInspect, CooperativeTokens, Minting};
	use sp_runtime::traits::Zero;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// Configuration of the reserve pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native currency, one of the two kinds of reserve asset.
		type Currency: fungible::Mutate<Self::AccountId, Balance = u128>;

		/// Where DC tokens live: another DC's token can be the reserve asset.
		type Assets: fungibles::Mutate<
			Self::AccountId,
			AssetId = CooperativeId,
			Balance = TokenBalance,
		>;

		/// The DC registry: admins, reserve accounts, and the only way to mint and burn tokens.
		type Cooperatives: CooperativeInspect<Self::AccountId, BlockNumberFor<Self>>
			+ CooperativeTokens<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Each DC's reserve, from the moment its admin sets a price cap.
	// DC ids are assigned sequentially by the cooperatives pallet: `Twox64Concat` is safe.
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
		/// Tokens were bought at the cap.
		Bought {
			/// The DC whose tokens were minted.
			dc: CooperativeId,
			/// The buyer, who received the tokens.
			buyer: T::AccountId,
			/// Tokens minted.
			amount: TokenBalance,
			/// Reserve-asset units paid into the reserve: ⌈amount·cap⌉.
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
		/// A DC's reserve can't hold the DC's own token.
		OwnTokenAsReserve,
		/// The reserve asset can't change while the reserve holds anything.
		ReserveNotEmpty,
		/// The amount or its price does not fit in `u128`.
		Overflow,
		/// The admin can't pay the reserve asset's minimum balance into the reserve account,
		/// which it needs to exist (for another DC's token: the admin holds none of it).
		CannotPayEndowment,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			// Every DC needs a reserve account of its own.
			assert!(
				T::Cooperatives::reserve_account(0) != T::Cooperatives::reserve_account(1),
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
		/// [`Error::OwnTokenAsReserve`], [`Error::UnknownReserveAsset`],
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
			if let ReserveAsset::Token(other) = asset {
				ensure!(other != dc, Error::<T>::OwnTokenAsReserve);
				ensure!(T::Cooperatives::admin(other).is_some(), Error::<T>::UnknownReserveAsset);
			}
			let balance = match Reserves::<T>::get(dc) {
				Some(reserve) if reserve.asset == asset => reserve.balance,
				Some(reserve) => {
					ensure!(reserve.balance.is_zero(), Error::<T>::ReserveNotEmpty);
					0
				},
				None => 0,
			};
			let account = T::Cooperatives::reserve_account(dc);
			let endowment = Self::minimum_balance(asset)
				.saturating_sub(Self::holding(asset, &account).saturating_sub(balance));
			if !endowment.is_zero() {
				ensure!(Self::spendable(asset, &who) >= endowment, Error::<T>::CannotPayEndowment);
				Self::pay(asset, &who, &account, endowment, Self::payer_preservation(asset))?;
			}
			Reserves::<T>::insert(dc, ReserveState { asset, price_cap, balance });
			Self::deposit_event(Event::PriceCapSet { dc, price_cap, asset, endowment });
			Ok(())
		}

		/// Buy `amount` new tokens of `dc` at its price cap.
		///
		/// ## Dispatch Origin
		/// Signed: the buyer, who pays `⌈amount·cap⌉` of the reserve asset into the DC's reserve
		/// and receives the tokens. A buyer paying native currency stays above the existential
		/// deposit; one paying with another DC's token may spend it to the last unit.
		///
		/// ## Errors
		/// [`Error::UnknownCooperative`], [`Error::NoPriceCap`], [`Error::ZeroAmount`],
		/// [`Error::Overflow`], [`Error::CostAboveMax`] if the cost exceeds `max_cost`, or the
		/// asset's error if the buyer can't pay or receive.
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
			let cost = pricing::cost(amount, reserve.price_cap).ok_or(Error::<T>::Overflow)?;
			ensure!(cost <= max_cost, Error::<T>::CostAboveMax);
			reserve.balance = reserve.balance.checked_add(cost).ok_or(Error::<T>::Overflow)?;
			T::Cooperatives::can_mint(dc, &who, amount, Minting::Sale)?;

			let account = T::Cooperatives::reserve_account(dc);
			Self::pay(
				reserve.asset,
				&who,
				&account,
				cost,
				Self::payer_preservation(reserve.asset),
			)?;
			T::Cooperatives::mint(dc, &who, amount, Minting::Sale)?;
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
		/// `min_proceeds`; the cooperatives pallet's `RemainderBelowMinimum` if the holder would
		/// keep less than the token's minimum balance (but more than none); or the asset's error
		/// if the holder can't receive the proceeds (e.g. less than the existential deposit into
		/// an account that has none).
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
			ensure!(amount <= T::Cooperatives::balance(dc, &who), Error::<T>::InsufficientTokens);
			let supply = T::Cooperatives::supply(dc);
			let proceeds = pricing::proceeds(amount, reserve.price_cap, reserve.balance, supply)
				.ok_or(Error::<T>::Overflow)?;
			ensure!(proceeds >= min_proceeds, Error::<T>::ProceedsBelowMin);
			// `proceeds ≤ balance` because `amount ≤ supply`; checked all the same.
			reserve.balance = reserve.balance.checked_sub(proceeds).ok_or_else(|| {
				defensive!("redemption pays more than the reserve holds");
				Error::<T>::Overflow
			})?;
			if !proceeds.is_zero() {
				Self::can_receive(reserve.asset, &who, proceeds)?;
			}

			T::Cooperatives::burn_redeemed(dc, &who, amount)?;
			if !proceeds.is_zero() {
				let account = T::Cooperatives::reserve_account(dc);
				// `Preserve`: the endowment keeps the account alive; it is never paid out.
				Self::pay(reserve.asset, &account, &who, proceeds, Preservation::Preserve)?;
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
		/// [`Error::Overflow`], or the asset's error if the payer can't pay.
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
			reserve.balance = reserve.balance.checked_add(amount).ok_or(Error::<T>::Overflow)?;

			let account = T::Cooperatives::reserve_account(dc);
			Self::pay(
				reserve.asset,
				&who,
				&account,
				amount,
				Self::payer_preservation(reserve.asset),
			)?;
			Reserves::<T>::insert(dc, reserve);
			Self::deposit_event(Event::RevenueDeposited { dc, payer: who, amount });
			Ok(())
		}
	}

	/// Read-only queries for clients.
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// A DC's reserve: asset, cap, balance, token supply and current redemption price;
		/// `None` until its admin sets a price cap.
		pub fn reserve_summary(dc: CooperativeId) -> Option<ReserveSummary> {
			let reserve = Reserves::<T>::get(dc)?;
			let supply = T::Cooperatives::supply(dc);
			Some(ReserveSummary {
				asset: reserve.asset,
				price_cap: reserve.price_cap,
				balance: reserve.balance,
				supply,
				redemption_price: pricing::redemption_price(
					reserve.price_cap,
					reserve.balance,
					supply,
				),
			})
		}

		/// What buying `amount` tokens of `dc` costs now; `None` without a price cap or if the
		/// cost does not fit in `u128`.
		pub fn buy_cost(dc: CooperativeId, amount: TokenBalance) -> Option<u128> {
			pricing::cost(amount, Reserves::<T>::get(dc)?.price_cap)
		}

		/// What redeeming `amount` tokens of `dc` pays now; `None` without a price cap or if
		/// `amount` exceeds the supply.
		pub fn redeem_proceeds(dc: CooperativeId, amount: TokenBalance) -> Option<u128> {
			let reserve = Reserves::<T>::get(dc)?;
			pricing::proceeds(
				amount,
				reserve.price_cap,
				reserve.balance,
				T::Cooperatives::supply(dc),
			)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The reserve of `dc`, or why its tokens can't be bought or redeemed.
		fn reserve_of(dc: CooperativeId) -> Result<ReserveState, DispatchError> {
			match Reserves::<T>::get(dc) {
				Some(reserve) => Ok(reserve),
				None if T::Cooperatives::admin(dc).is_none() => {
					Err(Error::<T>::UnknownCooperative.into())
				},
				None => Err(Error::<T>::NoPriceCap.into()),
			}
		}

		/// How much of `asset` `who` holds.
		pub fn holding(asset: ReserveAsset, who: &T::AccountId) -> u128 {
			match asset {
				ReserveAsset::Native => <T::Currency as fungible::Inspect<_>>::balance(who),
				ReserveAsset::Token(id) => <T::Assets as fungibles::Inspect<_>>::balance(id, who),
			}
		}

		/// The least an account may hold of `asset`.
		fn minimum_balance(asset: ReserveAsset) -> u128 {
			match asset {
				ReserveAsset::Native => <T::Currency as fungible::Inspect<_>>::minimum_balance(),
				ReserveAsset::Token(id) => {
					<T::Assets as fungibles::Inspect<_>>::minimum_balance(id)
				},
			}
		}

		/// What `who` can pay of `asset`.
		fn spendable(asset: ReserveAsset, who: &T::AccountId) -> u128 {
			let preservation = Self::payer_preservation(asset);
			match asset {
				ReserveAsset::Native => <T::Currency as fungible::Inspect<_>>::reducible_balance(
					who,
					preservation,
					Fortitude::Polite,
				),
				ReserveAsset::Token(id) => <T::Assets as fungibles::Inspect<_>>::reducible_balance(
					id,
					who,
					preservation,
					Fortitude::Polite,
				),
			}
		}

		/// Payers keep their native account alive; DC tokens may be spent to the last unit.
		fn payer_preservation(asset: ReserveAsset) -> Preservation {
			match asset {
				ReserveAsset::Native => Preservation::Preserve,
				ReserveAsset::Token(_) => Preservation::Expendable,
			}
		}

		/// Fails, without writing, if `who` can't receive `amount` of `asset`.
		fn can_receive(asset: ReserveAsset, who: &T::AccountId, amount: u128) -> DispatchResult {
			match asset {
				ReserveAsset::Native => <T::Currency as fungible::Inspect<_>>::can_deposit(
					who,
					amount,
					Provenance::Extant,
				),
				ReserveAsset::Token(id) => <T::Assets as fungibles::Inspect<_>>::can_deposit(
					id,
					who,
					amount,
					Provenance::Extant,
				),
			}
			.into_result()
		}

		/// Moves `amount` of `asset` from `from` to `to`.
		fn pay(
			asset: ReserveAsset,
			from: &T::AccountId,
			to: &T::AccountId,
			amount: u128,
			preservation: Preservation,
		) -> DispatchResult {
			match asset {
				ReserveAsset::Native => {
					<T::Currency as fungible::Mutate<_>>::transfer(from, to, amount, preservation)
				},
				ReserveAsset::Token(id) => <T::Assets as fungibles::Mutate<_>>::transfer(
					id,
					from,
					to,
					amount,
					preservation,
				),
			}
			.map(|_| ())
		}

		/// Checks spec §5's reserve invariants:
		/// - every reserve belongs to an existing DC, has a cap above zero, and a reserve asset
		///   that is the native currency or the token of another existing DC;
		/// - the reserve account holds at least the reserve balance plus the asset's minimum
		///   balance, and can pay the whole balance out: the reserve never pays more than it
		///   holds.
		///
		/// Token supplies are checked against their books by the cooperatives pallet.
		#[cfg(any(feature = "std", feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			for (dc, reserve) in Reserves::<T>::iter() {
				ensure!(
					T::Cooperatives::admin(dc).is_some(),
					"reserve of a DC that does not exist"
				);
				ensure!(!reserve.price_cap.is_zero(), "zero price cap");
				if let ReserveAsset::Token(other) = reserve.asset {
					ensure!(other != dc, "reserve holds its own DC's token");
					ensure!(
						T::Cooperatives::admin(other).is_some(),
						"reserve asset of a DC that does not exist"
					);
				}
				let account = T::Cooperatives::reserve_account(dc);
				let needed = reserve
					.balance
					.checked_add(Self::minimum_balance(reserve.asset))
					.ok_or("reserve balance overflows")?;
				ensure!(
					Self::holding(reserve.asset, &account) >= needed,
					"reserve account holds less than the reserve balance plus its minimum"
				);
				let payable = match reserve.asset {
					ReserveAsset::Native => {
						<T::Currency as fungible::Inspect<_>>::reducible_balance(
							&account,
							Preservation::Preserve,
							Fortitude::Polite,
						)
					},
					ReserveAsset::Token(id) => {
						<T::Assets as fungibles::Inspect<_>>::reducible_balance(
							id,
							&account,
							Preservation::Preserve,
							Fortitude::Polite,
						)
					},
				};
				ensure!(payable >= reserve.balance, "reserve can't pay out its balance");
			}
			Ok(())
		}
	}
}
