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
	/// Vested and pending reputation of all accounts plus what contributions hold in escrow.
	pub total: Reputation,
	/// The initial members' endowment.
	pub initial: Reputation,
	/// Reputation issued to contributors since.
	pub issued: Reputation,
	/// Forfeited accruals and rounding dust burned when contributions closed.
	pub burned: Reputation,
	/// What contributions hold in escrow: stakes not yet paid back out.
	pub escrowed: Reputation,
	/// The evaluators' own stakes that are not settled yet: Σ of the accounts' escrowed
	/// reputation. It equals `escrowed` while no contribution is half-way through its closing.
	pub staked: Reputation,
}

/// One account's reputation in one DC, with its pending amounts matured up to a given block
/// (§1a).
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
pub struct Standing<BlockNumber> {
	/// Reputation that can be staked and that weighs evaluations.
	pub vested: Reputation,
	/// The account's own stakes held by the DC's contributions that are not settled yet: still
	/// its own, so they weigh its evaluations too (§3).
	pub escrowed: Reputation,
	/// Earned reputation that is not vested yet, with the block at which it vests; at most two
	/// amounts (the current and the previous epoch's), earliest first, empty slots last.
	pub pending: [Pending<BlockNumber>; 2],
}

/// An amount of pending reputation and the block at which it vests.
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
pub struct Pending<BlockNumber> {
	/// How much (0: an empty slot).
	pub amount: Reputation,
	/// The first block of the epoch in which it vests.
	pub vests_at: BlockNumber,
}

impl<BlockNumber: PartialOrd + Copy + Default> Standing<BlockNumber> {
	/// Moves every pending amount whose block has come (`vests_at ≤ now`) into the vested part
	/// and keeps the rest earliest first (§1a's lazy maturing).
	pub fn mature(&mut self, now: BlockNumber) {
		let mut kept = [Pending::<BlockNumber>::default(); 2];
		let mut next = 0;
		for p in self.pending {
			if p.amount == 0 {
				continue;
			}
			if p.vests_at <= now {
				self.vested = self.vested.saturating_add(p.amount);
			} else if let Some(slot) = kept.get_mut(next) {
				*slot = p;
				next += 1;
			}
		}
		self.pending = kept;
		self.order_pending();
	}

	/// Adds `amount` pending until `vests_at` to a matured standing: to the slot with the same
	/// block, or to a free one. Both slots hold other blocks only if the clock went backwards;
	/// then the amount joins the later slot and vests at the later of the two blocks (never
	/// earlier than §1a says).
	pub fn add_pending(&mut self, amount: Reputation, vests_at: BlockNumber) {
		if amount == 0 {
			return;
		}
		let slots = &mut self.pending;
		if let Some(slot) = slots.iter_mut().find(|p| p.amount > 0 && p.vests_at == vests_at) {
			slot.amount = slot.amount.saturating_add(amount);
		} else if let Some(slot) = slots.iter_mut().find(|p| p.amount == 0) {
			*slot = Pending { amount, vests_at };
		} else {
			let later = usize::from(slots[1].vests_at > slots[0].vests_at);
			slots[later].amount = slots[later].amount.saturating_add(amount);
			if vests_at > slots[later].vests_at {
				slots[later].vests_at = vests_at;
			}
		}
		self.order_pending();
	}

	/// Earliest first, empty slots last.
	fn order_pending(&mut self) {
		let [first, second] = self.pending;
		let swap = (first.amount == 0 && second.amount > 0)
			|| (first.amount > 0 && second.amount > 0 && second.vests_at < first.vests_at);
		if swap {
			self.pending.swap(0, 1);
		}
	}
}

/// The block at which reputation earned at block `now` vests: the first block of epoch
/// `⌊now / epoch_length⌋ + 2` (§1a; epochs count from block 0). An epoch length of 0 (never
/// valid) vests at once.
pub fn vesting_block<B>(now: B, epoch_length: B) -> B
where
	B: sp_runtime::traits::AtLeast32BitUnsigned + Copy,
{
	if epoch_length.is_zero() {
		return now;
	}
	(now / epoch_length).saturating_add(2u32.into()).saturating_mul(epoch_length)
}

impl<BlockNumber> Standing<BlockNumber> {
	/// All of the account's pending reputation.
	pub fn pending_total(&self) -> Reputation {
		self.pending.iter().fold(0, |sum, p| sum.saturating_add(p.amount))
	}

	/// The weight of an evaluation by this account (§3 step 1): vested plus escrowed.
	pub fn weight(&self) -> Reputation {
		self.vested.saturating_add(self.escrowed)
	}

	/// Whether the account has nothing at all in the DC.
	pub fn is_empty(&self) -> bool {
		self.vested == 0 && self.escrowed == 0 && self.pending_total() == 0
	}
}

/// How pallets read and change reputation: the only way it changes (§1). Reputation is never
/// transferable, so there is no method that moves it from one account to another.
///
/// Every method matures the account's pending reputation up to the current block first (§1a).
pub trait ReputationLedger<AccountId> {
	/// The chain's block number, in which epochs are counted.
	type BlockNumber;

	/// The reputation of `who` in `dc`, matured up to the current block.
	fn standing(dc: CooperativeId, who: &AccountId) -> Standing<Self::BlockNumber>;
	/// The books of `dc`, if it has been endowed.
	fn ledger(dc: CooperativeId) -> Option<Ledger>;
	/// The epoch length of `dc`, if it has been endowed.
	fn epoch_length(dc: CooperativeId) -> Option<Self::BlockNumber>;
	/// Gives a new DC its epoch length and its initial members' reputation, vested. Fails if
	/// `dc` was endowed before, if no reputation is given, if the epoch length is zero, or if
	/// the sum exceeds [`crate::MAX_REPUTATION`].
	fn endow(
		dc: CooperativeId,
		epoch_length: Self::BlockNumber,
		members: &[(AccountId, Reputation)],
	) -> DispatchResult;
	/// Issues `amount` new reputation to `who`, pending (§4); the total grows by it. Fails if
	/// the total would exceed [`crate::MAX_REPUTATION`].
	fn issue(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult;
	/// Moves `amount` of `who`'s vested reputation into escrow (a stake, §3 step 1); the total
	/// is unchanged.
	fn stake(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult;
	/// Settles one of `who`'s stakes (§5 step 2): its escrowed reputation drops by `stake`, its
	/// vested reputation grows by `returned` (at most `stake`), and the DC's escrow drops by
	/// `returned`. What it earned beyond its stake follows with [`Self::pay_earnings`].
	fn return_stake(
		dc: CooperativeId,
		who: &AccountId,
		stake: Reputation,
		returned: Reputation,
	) -> DispatchResult;
	/// Pays `amount` out of the DC's escrow to `who`, pending (§5 step 2: what a settlement
	/// earned beyond the evaluator's own stake).
	fn pay_earnings(dc: CooperativeId, who: &AccountId, amount: Reputation) -> DispatchResult;
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
	/// The agent account of `dc`, if it exists: the account its calls are dispatched from
	/// (§7), and the origin of its enacted proposals (§10).
	fn agent(dc: CooperativeId) -> Option<AccountId>;
	/// Whether `dc` governs itself: its admin is its own agent account (§10).
	fn is_self_governed(dc: CooperativeId) -> bool
	where
		AccountId: PartialEq,
	{
		matches!((Self::admin(dc), Self::agent(dc)), (Some(admin), Some(agent)) if admin == agent)
	}
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
