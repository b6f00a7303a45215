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
)]
pub struct Parameters<BlockNumber> {
	/// Lowest score of the evaluation scale.
	pub min_score: Score,
	/// Highest score of the evaluation scale.
	pub max_score: Score,
	/// Share of the DC's total reputation that must stand behind a score for it to count.
	pub quorum: Perbill,
	/// Share of an evaluator's reputation put at stake per evaluation.
	pub stake: Perbill,
	/// Scores within this distance of each other count as aligned.
	pub alignment_radius: u8,
	/// Tokens minted per median point.
	pub token_per_point: TokenBalance,
	/// Reputation issued per median point.
	pub reputation_per_point: Reputation,
	/// Blocks a contribution stays open after submission.
	pub evaluation_period: BlockNumber,
}

/// Why a set of [`Parameters`] is invalid: the first rule of §1 it breaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParameterError {
	/// Scores need `min_score ≤ max_score` and `1 ≤ max_score ≤ MaxScore`.
	InvalidScoreRange,
	/// The quorum must be above zero.
	InvalidQuorum,
	/// The alignment radius can be at most `max_score − min_score`.
	InvalidAlignmentRadius,
	/// The evaluation period must be at least one block.
	InvalidEvaluationPeriod,
}

impl<BlockNumber: Zero> Parameters<BlockNumber> {
	/// Checks the parameters against §1's valid ranges, in the order of the table, with
	/// `max_score_limit` as the chain's `MaxScore`.
	pub fn validate(&self, max_score_limit: Score) -> Result<(), ParameterError> {
		let scores_valid = self.min_score <= self.max_score
			&& self.max_score >= 1
			&& self.max_score <= max_score_limit;
		if !scores_valid {
			return Err(ParameterError::InvalidScoreRange);
		}
		if self.quorum.is_zero() {
			return Err(ParameterError::InvalidQuorum);
		}
		// `min_score ≤ max_score` holds here, so the subtraction cannot wrap.
		if self.alignment_radius > self.max_score - self.min_score {
			return Err(ParameterError::InvalidAlignmentRadius);
		}
		if self.evaluation_period.is_zero() {
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

	/// A change that breaks one rule.
	type Change = fn(&mut Parameters<u32>);

	#[test]
	fn each_rule_has_its_error() {
		assert_eq!(valid().validate(20), Ok(()));
		let cases: [(Change, ParameterError); 7] = [
			(|p| p.max_score = 0, ParameterError::InvalidScoreRange),
			(|p| p.max_score = 21, ParameterError::InvalidScoreRange),
			(|p| p.min_score = 6, ParameterError::InvalidScoreRange),
			(|p| p.quorum = Perbill::zero(), ParameterError::InvalidQuorum),
			(|p| p.alignment_radius = 6, ParameterError::InvalidAlignmentRadius),
			(|p| p.evaluation_period = 0, ParameterError::InvalidEvaluationPeriod),
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
			assert_eq!(p.validate(20), Err(error), "{p:?}");
		}
	}

	#[test]
	fn the_limits_themselves_are_valid() {
		let mut p = valid();
		p.max_score = 20;
		p.min_score = 20;
		assert_eq!(p.validate(20), Ok(()));
		assert_eq!(p.bucket_count(), 1);
		p.min_score = 0;
		p.alignment_radius = 20;
		p.evaluation_period = 1;
		p.stake = Perbill::zero();
		assert_eq!(p.validate(20), Ok(()));
		assert_eq!(p.bucket_count(), 21);
	}
}
