//! A DC's Proof-of-Value parameters and their valid ranges (`docs/protocol-rules.md` §1).

use crate::{Reputation, Score, TokenBalance};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, Perbill};

/// The Proof-of-Value parameters of a DC (§1). Contributions snapshot them on submission, so a
/// change applies only to later contributions.
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
	frame_support::Serialize,
	frame_support::Deserialize,
)]
#[serde(crate = "frame_support::__private::serde", rename_all = "camelCase", deny_unknown_fields)]
pub struct Parameters<BlockNumber> {
	/// Lowest score of the evaluation scale.
	pub min_score: Score,
	/// Highest score of the evaluation scale.
	pub max_score: Score,
	/// Share of the DC's total reputation that must stand behind a score for it to count
	/// (50% … 100%).
	pub quorum: Perbill,
	/// Share of an evaluator's weight put at stake per evaluation, rounded up.
	pub stake: Perbill,
	/// Scores within this distance of each other count as aligned.
	pub alignment_radius: u8,
	/// Tokens minted per median point.
	pub token_per_point: TokenBalance,
	/// Reputation issued per median point.
	pub reputation_per_point: Reputation,
	/// Blocks a contribution stays open after submission (at most the DC's epoch length).
	pub evaluation_period: BlockNumber,
}

/// Why a set of [`Parameters`] is invalid: the first rule of §1 it breaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParameterError {
	/// Scores need `min_score ≤ max_score` and `1 ≤ max_score ≤ MaxScore`.
	InvalidScoreRange,
	/// The quorum must be between 50% and 100%.
	InvalidQuorum,
	/// The alignment radius can be at most `max_score − min_score`.
	InvalidAlignmentRadius,
	/// The evaluation period must be at least one block, at most the DC's epoch length and at
	/// most the chain's `MaxEvaluationPeriod`.
	InvalidEvaluationPeriod,
}

/// The lowest valid quorum (§1): no score stands until at least half of all reputation stands
/// behind it.
pub const MIN_QUORUM: Perbill = Perbill::from_percent(50);

/// The chain's bounds on parameters: what [`Parameters::validate`] checks against.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Limits<BlockNumber> {
	/// The highest `max_score` a DC may choose (`MaxScore`).
	pub max_score: Score,
	/// The longest evaluation period (`MaxEvaluationPeriod`).
	pub max_evaluation_period: BlockNumber,
	/// The DC's epoch length: the evaluation period may not exceed it (§1a).
	pub epoch_length: BlockNumber,
}

impl<BlockNumber> Parameters<BlockNumber> {
	/// How many scores the scale `min_score..=max_score` has: a contribution's score buckets.
	pub fn scores(&self) -> usize {
		usize::from(self.max_score.saturating_sub(self.min_score)).saturating_add(1)
	}
}

impl<BlockNumber: Zero + PartialOrd + Copy> Parameters<BlockNumber> {
	/// Checks the parameters against §1's valid ranges, in the order of the table.
	pub fn validate(&self, limits: &Limits<BlockNumber>) -> Result<(), ParameterError> {
		let scores_valid = self.min_score <= self.max_score
			&& self.max_score >= 1
			&& self.max_score <= limits.max_score;
		if !scores_valid {
			return Err(ParameterError::InvalidScoreRange);
		}
		if self.quorum < MIN_QUORUM {
			return Err(ParameterError::InvalidQuorum);
		}
		// `min_score ≤ max_score` holds here, so the subtraction cannot wrap.
		if self.alignment_radius > self.max_score - self.min_score {
			return Err(ParameterError::InvalidAlignmentRadius);
		}
		if self.evaluation_period.is_zero()
			|| self.evaluation_period > limits.epoch_length
			|| self.evaluation_period > limits.max_evaluation_period
		{
			return Err(ParameterError::InvalidEvaluationPeriod);
		}
		Ok(())
	}

	/// The number of score buckets a contribution with these parameters has:
	/// `max_score − min_score + 1`, or 0 if `min_score > max_score`.
	pub fn bucket_count(&self) -> u32 {
		u32::from(self.max_score)
			.checked_sub(u32::from(self.min_score))
			.map_or(0, |span| span.saturating_add(1))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn valid() -> Parameters<u32> {
		Parameters {
			min_score: 0,
			max_score: 5,
			quorum: Perbill::from_percent(50),
			stake: Perbill::from_percent(10),
			alignment_radius: 0,
			token_per_point: 10,
			reputation_per_point: 20,
			evaluation_period: 10,
		}
	}

	const LIMITS: Limits<u32> =
		Limits { max_score: 20, max_evaluation_period: 50, epoch_length: 30 };

	/// A change that breaks one rule.
	type Change = fn(&mut Parameters<u32>);

	#[test]
	fn each_rule_has_its_error() {
		assert_eq!(valid().validate(&LIMITS), Ok(()));
		let cases: [(Change, ParameterError); 9] = [
			(|p| p.max_score = 0, ParameterError::InvalidScoreRange),
			(|p| p.max_score = 21, ParameterError::InvalidScoreRange),
			(|p| p.min_score = 6, ParameterError::InvalidScoreRange),
			(|p| p.quorum = Perbill::zero(), ParameterError::InvalidQuorum),
			// Version 1 allowed any quorum above zero: 10% let 13% of the reputation mint.
			(|p| p.quorum = Perbill::from_parts(499_999_999), ParameterError::InvalidQuorum),
			(|p| p.alignment_radius = 6, ParameterError::InvalidAlignmentRadius),
			(|p| p.evaluation_period = 0, ParameterError::InvalidEvaluationPeriod),
			// Longer than the epoch: reputation earned in the window could vest inside it.
			(|p| p.evaluation_period = 31, ParameterError::InvalidEvaluationPeriod),
			// The score range is checked first.
			(
				|p| {
					p.max_score = 0;
					p.quorum = Perbill::zero();
				},
				ParameterError::InvalidScoreRange,
			),
		];
		for (change, error) in cases {
			let mut p = valid();
			change(&mut p);
			assert_eq!(p.validate(&LIMITS), Err(error), "{p:?}");
		}
	}

	#[test]
	fn the_limits_themselves_are_valid() {
		let mut p = valid();
		p.max_score = 20;
		p.min_score = 20;
		assert_eq!(p.validate(&LIMITS), Ok(()));
		assert_eq!(p.bucket_count(), 1);
		p.min_score = 0;
		p.alignment_radius = 20;
		p.evaluation_period = 1;
		p.stake = Perbill::zero();
		p.quorum = MIN_QUORUM;
		assert_eq!(p.validate(&LIMITS), Ok(()));
		p.evaluation_period = 30;
		p.quorum = Perbill::one();
		assert_eq!(p.validate(&LIMITS), Ok(()));
		// The chain's bound applies when the epoch is longer.
		let long_epoch = Limits { epoch_length: 100, ..LIMITS };
		p.evaluation_period = 50;
		assert_eq!(p.validate(&long_epoch), Ok(()));
		p.evaluation_period = 51;
		assert_eq!(p.validate(&long_epoch), Err(ParameterError::InvalidEvaluationPeriod));
		assert_eq!(p.bucket_count(), 21);
	}
}
