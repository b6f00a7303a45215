//! The outcome JSON of `docs/protocol-rules.md` §8.

use crate::engine::{ContributionOutcome, Simulation, StepError};
use serde::{ser::SerializeMap, Serialize, Serializer};

/// A JSON object whose keys keep the order they were added in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V: Serialize> Serialize for Ordered<V> {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		let mut map = serializer.serialize_map(Some(self.0.len()))?;
		for (key, value) in &self.0 {
			map.serialize_entry(key, value)?;
		}
		map.end()
	}
}

/// A contribution's entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContributionEntry {
	/// Final (or current) median; `null` without consensus.
	pub median: Option<u8>,
	/// Highest median rewarded.
	pub paid: u8,
	/// Closed or not.
	pub closed: bool,
	/// A closed proposal's enactment (§10); left out for work and open proposals.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub enacted: Option<bool>,
}

/// The DC's parameters as the scenario's `dc` object writes them (`epoch_length` left out),
/// as JSON integers whatever their size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParametersEntry {
	/// Lowest score.
	pub min_score: u8,
	/// Highest score.
	pub max_score: u8,
	/// Quorum, parts per billion.
	pub quorum_ppb: u32,
	/// Stake, parts per billion.
	pub stake_ppb: u32,
	/// Alignment radius.
	pub alignment_radius: u8,
	/// Tokens per median point.
	pub token_per_point: u128,
	/// Reputation per median point.
	pub reputation_per_point: u128,
	/// Evaluation period, blocks.
	pub evaluation_period: u32,
}

/// A failed step's entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorEntry {
	/// The step's index, from 0.
	pub step: usize,
	/// The error's name.
	pub error: String,
}

/// What a run prints: amounts as decimal strings, zero entries left out of the per-account maps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
	/// Reputation per account (vested + pending; non-zero only), by name.
	pub reputation: Ordered<String>,
	/// The pending part of it at the final block (non-zero only), by name.
	pub pending: Ordered<String>,
	/// DC tokens per account (non-zero only), by name.
	pub tokens: Ordered<String>,
	/// The DC's total reputation.
	pub total_reputation: String,
	/// Reputation burned.
	pub burned_reputation: String,
	/// The token's supply.
	pub token_supply: String,
	/// The reserve balance.
	pub reserve: String,
	/// Each contribution by its label.
	pub contributions: Ordered<ContributionEntry>,
	/// The DC's parameters at the end.
	pub parameters: Option<ParametersEntry>,
	/// The failed steps.
	pub errors: Vec<ErrorEntry>,
}

impl Outcome {
	/// The outcome of `simulation` as it stands.
	pub fn of(simulation: &mut Simulation) -> Self {
		let snapshot = simulation.snapshot();
		let names = simulation.names();
		let non_zero = |values: &[u128]| {
			let mut entries: Vec<(String, String)> = names
				.iter()
				.zip(values)
				.filter(|(_, v)| **v != 0)
				.map(|(n, v)| (n.clone(), v.to_string()))
				.collect();
			entries.sort();
			Ordered(entries)
		};
		let reputation = non_zero(&snapshot.reputation);
		let pending = non_zero(&snapshot.pending);
		let tokens = non_zero(&snapshot.tokens);
		let errors = simulation
			.errors()
			.iter()
			.map(|StepError { step, error }| ErrorEntry { step: *step, error: error.clone() })
			.collect();
		let contributions = Ordered(
			simulation
				.contributions()
				.into_iter()
				.map(|(label, ContributionOutcome { median, paid, closed, enacted })| {
					(label, ContributionEntry { median, paid, closed, enacted })
				})
				.collect(),
		);
		let parameters = simulation.parameters().map(|p| ParametersEntry {
			min_score: p.min_score,
			max_score: p.max_score,
			quorum_ppb: p.quorum.deconstruct(),
			stake_ppb: p.stake.deconstruct(),
			alignment_radius: p.alignment_radius,
			token_per_point: p.token_per_point,
			reputation_per_point: p.reputation_per_point,
			evaluation_period: p.evaluation_period,
		});
		Outcome {
			reputation,
			pending,
			tokens,
			total_reputation: snapshot.total_reputation.to_string(),
			burned_reputation: snapshot.burned_reputation.to_string(),
			token_supply: snapshot.token_supply.to_string(),
			reserve: snapshot.reserve.to_string(),
			contributions,
			parameters,
			errors,
		}
	}

	/// The outcome as pretty-printed JSON.
	pub fn to_json(&self) -> String {
		serde_json::to_string_pretty(self).expect("the outcome serializes")
	}
}
