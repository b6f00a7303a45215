//! `generate`: a deterministic community scenario of any size, for load and tuning.
//!
//! Agents `a0`, `a1`, … are all initial members with 100–999 reputation. Contributions come in
//! batches of ten: each is evaluated by distinct agents, evaluations of the batch interleaved,
//! then the period passes and the batch is closed. Each contribution has a hidden quality
//! (0–10); 80% of evaluators score it within one point, 10% score at random, and 10% copy the
//! score most evaluators gave so far (herding). The run ends with the reserve: a price cap,
//! purchases, revenue and redemptions.

use serde_json::{json, Value};

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Community {
	/// Number of agents (all initial members).
	pub agents: usize,
	/// Number of contributions.
	pub contributions: usize,
	/// Number of evaluations, spread evenly over the contributions.
	pub evaluations: usize,
	/// Seed of the pseudo-random choices.
	pub seed: u64,
}

/// Contributions evaluated at the same time.
const BATCH: usize = 10;
/// The evaluation period of the generated DC.
const PERIOD: u32 = 50;

/// SplitMix64: small, fast and deterministic on every platform.
struct Random(u64);

impl Random {
	fn next(&mut self) -> u64 {
		self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
		let mut z = self.0;
		z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
		z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
		z ^ (z >> 31)
	}

	/// Uniform in `0..n` (n > 0).
	fn below(&mut self, n: u64) -> u64 {
		self.next() % n
	}
}

impl Community {
	/// Checks the sizes fit together: every contribution's evaluators are distinct agents.
	pub fn validate(&self) -> Result<(), String> {
		if self.agents == 0 || self.contributions == 0 {
			return Err("a community needs at least one agent and one contribution".into());
		}
		if self.evaluations.div_ceil(self.contributions) > self.agents {
			return Err(format!(
				"{} evaluations over {} contributions need more than {} agents: each agent \
				 evaluates a contribution at most once",
				self.evaluations, self.contributions, self.agents
			));
		}
		Ok(())
	}

	/// The scenario as JSON text, one step per line.
	pub fn to_json(&self) -> Result<String, String> {
		self.validate()?;
		let mut random = Random(self.seed);
		let name = |i: usize| format!("a{i}");
		let members: Vec<Value> =
			(0..self.agents).map(|i| json!([name(i), 100 + random.below(900)])).collect();
		let dc = json!({
			"min_score": 0, "max_score": 10, "quorum_ppb": 500_000_000, "stake_ppb": 50_000_000,
			"alignment_radius": 1, "token_per_point": 100, "reputation_per_point": 10,
			"evaluation_period": PERIOD
		});
		let mut steps: Vec<Value> = Vec::new();
		let mut agents: Vec<usize> = (0..self.agents).collect();
		let mut contribution = 0;
		while contribution < self.contributions {
			let batch: Vec<usize> =
				(contribution..(contribution + BATCH).min(self.contributions)).collect();
			// Per contribution: its hidden quality, its evaluators in order, the votes so far.
			let mut plans = Vec::new();
			for &c in &batch {
				let contributor = random.below(self.agents as u64) as usize;
				steps.push(
					json!({"contribute": {"id": format!("c{c}"), "by": [[name(contributor), 1_000_000]]}}),
				);
				let count = self.evaluations / self.contributions
					+ usize::from(c < self.evaluations % self.contributions);
				// A partial Fisher–Yates shuffle picks `count` distinct evaluators.
				for k in 0..count {
					let pick = k + random.below((self.agents - k) as u64) as usize;
					agents.swap(k, pick);
				}
				plans.push((c, random.below(11) as i64, agents[..count].to_vec(), [0u32; 11]));
			}
			let longest = plans.iter().map(|p| p.2.len()).max().unwrap_or(0);
			for round in 0..longest {
				for (c, quality, evaluators, votes) in plans.iter_mut() {
					let Some(&who) = evaluators.get(round) else { continue };
					let roll = random.below(10);
					let score = if roll < 8 {
						let noise = [-1, 0, 0, 1][random.below(4) as usize];
						(*quality + noise).clamp(0, 10)
					} else if roll < 9 {
						random.below(11) as i64
					} else {
						// Herding: the most common score so far (the quality if none yet).
						votes
							.iter()
							.enumerate()
							.max_by_key(|(s, n)| (**n, usize::MAX - s))
							.filter(|(_, n)| **n > 0)
							.map_or(*quality, |(s, _)| s as i64)
					};
					votes[score as usize] += 1;
					steps.push(
						json!({"evaluate": {"who": name(who), "contribution": format!("c{c}"), "score": score}}),
					);
				}
			}
			steps.push(json!({"advance": PERIOD + 1}));
			for &c in &batch {
				steps.push(json!({"close": format!("c{c}")}));
			}
			contribution += BATCH;
		}
		steps.push(json!({"set_price_cap": "1.5"}));
		let traders = self.agents.min(20);
		for i in 0..traders {
			steps.push(json!({"buy": {"who": name(i), "amount": 1_000 + random.below(9_000)}}));
		}
		steps.push(json!({"deposit_revenue": {"who": name(0), "amount": 5_000}}));
		for i in 0..traders {
			steps.push(json!({"redeem": {"who": name(i), "amount": 500}}));
		}

		let lines: Vec<String> = steps.iter().map(|s| format!("  {s}")).collect();
		Ok(format!(
			"{{\"dc\": {dc},\n \"members\": {},\n \"steps\": [\n{}\n]}}\n",
			serde_json::to_string(&members).expect("members serialize"),
			lines.join(",\n")
		))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::scenario::{Scenario, Step};

	#[test]
	fn generated_scenarios_are_valid_and_deterministic() {
		let community = Community { agents: 30, contributions: 25, evaluations: 260, seed: 7 };
		let text = community.to_json().unwrap();
		assert_eq!(text, community.to_json().unwrap());
		let scenario = Scenario::from_json(&text).unwrap();
		assert_eq!(scenario.members.len(), 30);
		let count = |kind: &str| scenario.steps.iter().filter(|s| s.kind() == kind).count();
		assert_eq!(count("contribute"), 25);
		assert_eq!(count("evaluate"), 260);
		assert_eq!(count("close"), 25);
		assert_eq!(count("advance"), 3);
		assert_eq!(count("buy"), 20);
		// Nobody evaluates a contribution twice.
		let mut pairs = std::collections::HashSet::new();
		for step in &scenario.steps {
			if let Step::Evaluate { who, contribution, .. } = step {
				assert!(pairs.insert((who.clone(), contribution.clone())));
			}
		}
		assert_ne!(text, Community { seed: 8, ..community }.to_json().unwrap());
	}

	#[test]
	fn impossible_sizes_are_refused() {
		let community = Community { agents: 5, contributions: 2, evaluations: 11, seed: 1 };
		assert!(community.to_json().unwrap_err().contains("more than 5 agents"));
		assert!(Community { agents: 0, ..community }.to_json().is_err());
	}
}
