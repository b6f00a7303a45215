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

/// A DC that exists from the first block of a network (§7 with a genesis instead of a call):
/// created in order, with the same validation as [`crate::Pallet::create_dc`].
#[derive(Clone, PartialEq, Eq, Debug, frame_support::Serialize, frame_support::Deserialize)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisCooperative<AccountId, BlockNumber> {
	/// Display name.
	pub name: alloc::string::String,
	/// Its token's name.
	pub token_name: alloc::string::String,
	/// Its token's symbol.
	pub token_symbol: alloc::string::String,
	/// Its token's decimals.
	pub token_decimals: u8,
	/// Its Proof-of-Value parameters.
	pub parameters: Parameters<BlockNumber>,
	/// Its epoch length, fixed for ever.
	pub epoch_length: BlockNumber,
	/// Initial members and their reputation, vested.
	pub members: alloc::vec::Vec<(AccountId, crate::Reputation)>,
	/// Its admin; `None`: its own agent account, so that the DC governs itself from block 0
	/// (§10).
	pub admin: Option<AccountId>,
	/// Who pays the DC's deposit, as a creator would (an account endowed at genesis).
	pub depositor: AccountId,
}
