//! # Covalue primitives
//!
//! What the Covalue pallets share, so that none of them depends on another's crate:
//!
//! - the ids and amounts of the protocol, and its bound [`MAX_REPUTATION`]: [`CooperativeId`], [`ContributionId`], [`Reputation`],
//!   [`TokenBalance`], [`Score`];
//! - a DC's Proof-of-Value [`Parameters`] and the rules of their valid ranges
//!   ([`Parameters::validate`], `docs/protocol-rules.md` §1);
//! - the traits between the pallets ([`ReputationLedger`], [`CooperativeInspect`],
//!   [`CooperativeTokens`]), in the manner of `frame_support::traits::RankedMembers`: the
//!   Proof-of-Value and reserve pallets name a trait in their `Config`, the runtime plugs the
//!   reputation and cooperatives pallets in, and unit tests plug in the in-memory versions of
//!   `covalue-test-support`.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

mod parameters;
mod traits;

pub use parameters::{Limits, ParameterError, Parameters, MIN_QUORUM};
pub use traits::{
	vesting_block, CooperativeInspect, CooperativeTokens, Ledger, Pending, ReputationLedger,
	Standing,
};

/// Identifier of a decentralized cooperation (DC); also the asset id of its token.
pub type CooperativeId = u32;
/// Identifier of a contribution.
pub type ContributionId = u64;
/// An amount of reputation.
pub type Reputation = u128;
/// An amount of a DC's token, in base units.
pub type TokenBalance = u128;
/// A score on a DC's evaluation scale.
pub type Score = u8;

/// The most reputation a DC can have (§2): `⌊(2¹²⁸ − 1) / 10¹⁸⌋`, so that a weight times an
/// accumulator of `FixedU128` accuracy never overflows `u128`. Creation rejects more, and
/// issuance is capped at what is left.
pub const MAX_REPUTATION: Reputation = u128::MAX / 1_000_000_000_000_000_000;

/// What a contribution is (§1): work to be rewarded, or (§10) a proposal of a call the DC
/// decides on.
#[derive(
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub enum ContributionKind {
	/// Work: its median rewards the contributors with tokens and reputation (§4).
	#[default]
	Work,
	/// A proposal (§10): scored 0 (reject) or 1 (approve), it issues nothing, and when its
	/// final median is 1 its call is dispatched as the DC's agent account.
	Proposal,
}
