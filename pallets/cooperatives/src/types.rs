//! The records this pallet stores.

use crate::TokenBalance;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use covalue_primitives::Parameters;
use scale_info::TypeInfo;

/// A decentralized cooperation.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Cooperative<AccountId, BlockNumber, Name, Ticket> {
	/// Display name.
	pub name: Name,
	/// The account allowed to change parameters, hand over the role and act as the agent.
	pub admin: AccountId,
	/// The DC's keyless agent account.
	pub agent: AccountId,
	/// Its Proof-of-Value parameters.
	pub parameters: Parameters<BlockNumber>,
	/// Who paid the deposit: the creator.
	pub depositor: AccountId,
	/// The deposit held from `depositor`, priced by what the DC stores.
	pub deposit: Ticket,
}

/// Every base unit of a DC's token ever minted and burned.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct TokenLedger {
	/// Minted: contributor rewards (§4) and sales into the reserve (§6).
	pub minted: TokenBalance,
	/// Burned: redemptions against the reserve (§6).
	pub burned: TokenBalance,
}

impl TokenLedger {
	/// The supply these books account for: `minted − burned`.
	pub fn supply(&self) -> Option<TokenBalance> {
		self.minted.checked_sub(self.burned)
	}
}
