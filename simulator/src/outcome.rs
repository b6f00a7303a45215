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
	/// Reputation per account (non-zero only), by name.
	pub reputation: Ordered<String>,
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
				.map(|(label, ContributionOutcome { median, paid, closed })| {
					(label, ContributionEntry { median, paid, closed })
				})
				.collect(),
		);
		Outcome {
			reputation,
			tokens,
			total_reputation: snapshot.total_reputation.to_string(),
			burned_reputation: snapshot.burned_reputation.to_string(),
			token_supply: snapshot.token_supply.to_string(),
			reserve: snapshot.reserve.to_string(),
			contributions,
			errors,
		}
	}

	/// The outcome as pretty-printed JSON.
	pub fn to_json(&self) -> String {
		serde_json::to_string_pretty(self).expect("the outcome serializes")
	}
}
