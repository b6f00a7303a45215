//! The traits through which the Covalue pallets use each other.
//!
//! Each trait is implemented by the pallet that owns the concept and named, in `Config`, by the
//! pallets that use it: the reputation pallet implements [`ReputationLedger`], the cooperatives
//! pallet [`CooperativeInspect`] and [`CooperativeTokens`].

use crate::{CooperativeId, Parameters, Reputation, Score, TokenBalance};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::DispatchResult, traits::Get};
use scale_info::TypeInfo;

/// The reputation books of one DC.
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
	Default,
)]
pub struct Ledger {
	/// Reputation of all accounts plus what is in escrow.
	pub total: Reputation,
	/// The initial members' endowment.
	pub initial: Reputation,
	/// Reputation issued to contributors since.
	pub issued: Reputation,
	/// Rounding dust burned when contributions closed.
	pub burned: Reputation,
	/// Evaluators' stakes held by open contributions.
	pub escrowed: Reputation,
}

/// How pallets read and change reputation: the only way it changes (§1). Reputation is never
/// transferable, so there is no method that moves it from one account to another.
pub trait ReputationLedger<AccountId> {
	/// Reputation of `who` in `dc` (0 if none).
	fn reputation(dc: CooperativeId, who: &AccountId) -> Reputation;
	/// The books of `dc`, if it has been endowed.
	fn ledger(dc: CooperativeId) -> Option<Ledger>;
	/// Gives a new DC its initial members' reputation. Fails if `dc` was endowed before, if no
	/// reputation is given, or if the sum overflows.
	fn endow(dc: CooperativeId, members: &[(AccountId, Reputation)]) -> DispatchResult;
	/// Issues `amount` new reputation to `who` (§4); the total grows by it.
	fn issue(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult;
	/// Moves `amount` of `who`'s reputation into escrow (a stake); the total is unchanged.
	fn lock(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult;
	/// Pays `amount` out of escrow to `who` (a settled reward or pot share).
	fn release(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult;
	/// Burns `amount` out of escrow: the total drops and the burned counter grows.
	fn burn_escrowed(dc: CooperativeId, amount: Reputation) -> DispatchResult;
}

/// What pallets need to know about DCs.
pub trait CooperativeInspect<AccountId> {
	/// The chain's block number, in which evaluation periods are counted.
	type BlockNumber;
	/// The highest `max_score` a DC may choose (§1, at least 10): also the bound of a
	/// contribution's score buckets, `MaxScore + 1`.
	type MaxScore: Get<Score>;

	/// The parameters of `dc`, if it exists.
	fn parameters(dc: CooperativeId) -> Option<Parameters<Self::BlockNumber>>;
	/// The admin of `dc`, if it exists.
	fn admin(dc: CooperativeId) -> Option<AccountId>;
	/// Whether `dc` exists.
	fn exists(dc: CooperativeId) -> bool {
		Self::admin(dc).is_some()
	}
}

/// Minting and burning DC tokens. The implementation keeps each token's books (what was minted
/// and burned), so that a token's supply always equals them; nothing else mints or burns DC
/// tokens. Which rule of the protocol a mint or burn follows (a reward, §4; a sale or a
/// redemption, §6) is the business of the pallet that calls it.
pub trait CooperativeTokens<AccountId> {
	/// The supply of `dc`'s token.
	fn supply(dc: CooperativeId) -> TokenBalance;
	/// How many of `dc`'s tokens `who` holds.
	fn balance(dc: CooperativeId, who: &AccountId) -> TokenBalance;
	/// The minimum balance of an account holding `dc`'s token.
	fn minimum_balance(dc: CooperativeId) -> TokenBalance;
	/// Checks, without writing, that [`Self::mint`] of these arguments would succeed.
	fn can_mint(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult;
	/// Mints `amount` of `dc`'s token to `who` and books it.
	fn mint(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult;
	/// Burns exactly `amount` of `dc`'s token from `who` and books it; fails, changing nothing,
	/// if that would leave `who` with dust below the minimum balance.
	fn burn(dc: CooperativeId, who: &AccountId, amount: TokenBalance) -> DispatchResult;
}
