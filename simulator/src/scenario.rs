//! The scenario format of `docs/protocol-rules.md` §8: parsing and static validation.
//!
//! A scenario is checked as a whole before anything runs. Every problem is reported with the
//! place it was found (`dc`, `members[2]`, `step 14`), so a malformed file never starts a run.

use serde::{de, Deserialize, Deserializer};
use std::{collections::HashSet, fmt};

/// An amount in base units: a JSON integer, or a decimal string for values beyond 2⁵³.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amount(pub u128);

impl<'de> Deserialize<'de> for Amount {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		struct Visitor;
		impl de::Visitor<'_> for Visitor {
			type Value = Amount;
			fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
				f.write_str("a non-negative integer, or a string of decimal digits")
			}
			fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
				Ok(Amount(v.into()))
			}
			fn visit_u128<E: de::Error>(self, v: u128) -> Result<Amount, E> {
				Ok(Amount(v))
			}
			fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
				u128::try_from(v)
					.map(Amount)
					.map_err(|_| E::custom(format!("{v} is negative; amounts are base units")))
			}
			fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
				if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
					return Err(E::custom(format!("`{v}` is not a string of decimal digits")));
				}
				v.parse()
					.map(Amount)
					.map_err(|_| E::custom(format!("`{v}` does not fit in 128 bits")))
			}
		}
		deserializer.deserialize_any(Visitor)
	}
}

/// The DC's parameters, as §8 writes them.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DcSpec {
	/// Lowest score.
	pub min_score: u8,
	/// Highest score.
	pub max_score: u8,
	/// Quorum in parts per billion.
	pub quorum_ppb: u32,
	/// Stake in parts per billion.
	pub stake_ppb: u32,
	/// Alignment radius.
	pub alignment_radius: u8,
	/// Tokens per median point.
	pub token_per_point: Amount,
	/// Reputation per median point.
	pub reputation_per_point: Amount,
	/// Evaluation period in blocks.
	pub evaluation_period: u32,
	/// Epoch length in blocks (§1a), fixed at creation; the evaluation period if left out.
	#[serde(default)]
	pub epoch_length: Option<u32>,
}

/// The parameters a `propose` step proposes: every key of the scenario's `dc` object but
/// `epoch_length`, which never changes (§8). They are not validated here: invalid parameters
/// make the proposal's call fail when it is enacted.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProposedParameters {
	/// Lowest score.
	pub min_score: u8,
	/// Highest score.
	pub max_score: u8,
	/// Quorum in parts per billion.
	pub quorum_ppb: u32,
	/// Stake in parts per billion.
	pub stake_ppb: u32,
	/// Alignment radius.
	pub alignment_radius: u8,
	/// Tokens per median point.
	pub token_per_point: Amount,
	/// Reputation per median point.
	pub reputation_per_point: Amount,
	/// Evaluation period in blocks.
	pub evaluation_period: u32,
}

impl From<&DcSpec> for ProposedParameters {
	/// The DC's parameters, its epoch length left out.
	fn from(dc: &DcSpec) -> Self {
		ProposedParameters {
			min_score: dc.min_score,
			max_score: dc.max_score,
			quorum_ppb: dc.quorum_ppb,
			stake_ppb: dc.stake_ppb,
			alignment_radius: dc.alignment_radius,
			token_per_point: dc.token_per_point,
			reputation_per_point: dc.reputation_per_point,
			evaluation_period: dc.evaluation_period,
		}
	}
}

/// One step of a scenario.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
	/// Submit a contribution; the first contributor signs and pays the deposit.
	Contribute {
		/// The label later steps use for it.
		id: String,
		/// Contributors with their shares in parts per million.
		by: Vec<(String, u32)>,
	},
	/// Evaluate a contribution.
	Evaluate {
		/// The evaluator.
		who: String,
		/// The contribution's label.
		contribution: String,
		/// The score.
		score: u8,
	},
	/// Move the block number forward.
	Advance(u32),
	/// `true`: the implicit admin hands the admin role to the DC's agent account (§10), and
	/// the DC governs itself. `false` does nothing.
	Govern(bool),
	/// Submit a proposal (§10) whose call sets the DC's parameters.
	Propose {
		/// The label later steps use for it, shared with contributions.
		id: String,
		/// The proposer, who signs and pays the deposit.
		by: String,
		/// The parameters it would set.
		parameters: ProposedParameters,
	},
	/// Close a contribution (anyone may; the implicit admin signs).
	Close(String),
	/// Set the price cap (a decimal number) with the native currency as reserve asset.
	SetPriceCap(String),
	/// Buy tokens at the cap.
	Buy {
		/// The buyer.
		who: String,
		/// Tokens to buy.
		amount: Amount,
		/// Refuse if the cost is higher (default: no limit).
		#[serde(default)]
		max_cost: Option<Amount>,
	},
	/// Redeem tokens against the reserve.
	Redeem {
		/// The holder.
		who: String,
		/// Tokens to redeem.
		amount: Amount,
		/// Refuse if the proceeds are lower (default: 0).
		#[serde(default)]
		min_proceeds: Option<Amount>,
	},
	/// Pay revenue into the reserve.
	DepositRevenue {
		/// The payer.
		who: String,
		/// Native base units paid.
		amount: Amount,
	},
}

impl Step {
	/// The step's kind, as written in the scenario.
	pub fn kind(&self) -> &'static str {
		match self {
			Step::Contribute { .. } => "contribute",
			Step::Evaluate { .. } => "evaluate",
			Step::Advance(_) => "advance",
			Step::Govern(_) => "govern",
			Step::Propose { .. } => "propose",
			Step::Close(_) => "close",
			Step::SetPriceCap(_) => "set_price_cap",
			Step::Buy { .. } => "buy",
			Step::Redeem { .. } => "redeem",
			Step::DepositRevenue { .. } => "deposit_revenue",
		}
	}
}

/// A whole scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
	/// The DC's parameters.
	pub dc: DcSpec,
	/// Initial members and their reputation.
	pub members: Vec<(String, Amount)>,
	/// Native currency given on top of the base endowment.
	pub native: Vec<(String, Amount)>,
	/// The steps, run in order.
	pub steps: Vec<Step>,
}

/// Why a scenario can't run: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
	/// Where the problem is: `dc`, `members[1]`, `step 3`, or the file as a whole.
	pub place: String,
	/// What is wrong.
	pub message: String,
}

impl ScenarioError {
	fn at(place: impl Into<String>, message: impl Into<String>) -> Self {
		Self { place: place.into(), message: message.into() }
	}
}

impl fmt::Display for ScenarioError {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		write!(f, "{}: {}", self.place, self.message)
	}
}

impl std::error::Error for ScenarioError {}

/// The longest account name or contribution label, in bytes (a label becomes the URI, bounded
/// by the runtime's `MaxUriLength`).
pub const MAX_NAME_LENGTH: usize = 64;

/// 100% in parts per billion.
pub const PPB: u32 = 1_000_000_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
	/// Free text for readers; the run ignores it.
	#[serde(default)]
	#[allow(dead_code)]
	description: Option<String>,
	dc: serde_json::Value,
	#[serde(default)]
	members: Vec<serde_json::Value>,
	#[serde(default)]
	native: Vec<serde_json::Value>,
	#[serde(default)]
	steps: Vec<serde_json::Value>,
}

fn parse_at<T: for<'de> Deserialize<'de>>(
	place: &str,
	value: serde_json::Value,
) -> Result<T, ScenarioError> {
	serde_json::from_value(value).map_err(|e| ScenarioError::at(place, e.to_string()))
}

fn check_name(place: &str, name: &str, what: &str) -> Result<(), ScenarioError> {
	if name.is_empty() || name.len() > MAX_NAME_LENGTH {
		return Err(ScenarioError::at(
			place,
			format!("{what} `{name}` must have 1 to {MAX_NAME_LENGTH} bytes"),
		));
	}
	Ok(())
}

impl Scenario {
	/// Parses and validates a scenario from JSON text.
	pub fn from_json(text: &str) -> Result<Self, ScenarioError> {
		let raw: RawScenario = serde_json::from_str(text)
			.map_err(|e| ScenarioError::at("scenario", format!("not a valid scenario: {e}")))?;
		let dc = parse_at("dc", raw.dc)?;
		let members = Self::accounts("members", raw.members)?;
		let native = Self::accounts("native", raw.native)?;
		let steps = raw
			.steps
			.into_iter()
			.enumerate()
			.map(|(i, value)| parse_at(&format!("step {i}"), value))
			.collect::<Result<Vec<Step>, _>>()?;
		let scenario = Scenario { dc, members, native, steps };
		scenario.validate()?;
		Ok(scenario)
	}

	fn accounts(
		list: &str,
		values: Vec<serde_json::Value>,
	) -> Result<Vec<(String, Amount)>, ScenarioError> {
		values
			.into_iter()
			.enumerate()
			.map(|(i, value)| {
				let place = format!("{list}[{i}]");
				let (name, amount): (String, Amount) = parse_at(&place, value)?;
				check_name(&place, &name, "name")?;
				Ok((name, amount))
			})
			.collect()
	}

	/// Static checks: names and labels are well-formed and every label is contributed at most
	/// once. A step naming a contribution that is not submitted (yet) is not malformed: the
	/// chain answers it with `UnknownContribution` (§8).
	fn validate(&self) -> Result<(), ScenarioError> {
		let mut seen = HashSet::new();
		for (i, (name, _)) in self.members.iter().enumerate() {
			if !seen.insert(name) {
				return Err(ScenarioError::at(
					format!("members[{i}]"),
					format!("`{name}` is listed twice"),
				));
			}
		}
		let mut labels = HashSet::new();
		for (i, step) in self.steps.iter().enumerate() {
			let place = format!("step {i}");
			let used = match step {
				Step::Contribute { id, by } => {
					check_name(&place, id, "contribution id")?;
					for (name, _) in by {
						check_name(&place, name, "name")?;
					}
					if by.is_empty() {
						return Err(ScenarioError::at(place, "`by` lists no contributor"));
					}
					if !labels.insert(id.as_str()) {
						return Err(ScenarioError::at(
							place,
							format!("contribution `{id}` is contributed twice"),
						));
					}
					None
				},
				Step::Propose { id, by, parameters } => {
					check_name(&place, id, "proposal id")?;
					check_name(&place, by, "name")?;
					// A share of more than 100% is no `Perbill`: no call can carry it (§1).
					if parameters.quorum_ppb > PPB || parameters.stake_ppb > PPB {
						return Err(ScenarioError::at(
							place,
							format!("quorum_ppb and stake_ppb can be at most {PPB}"),
						));
					}
					if !labels.insert(id.as_str()) {
						return Err(ScenarioError::at(
							place,
							format!("contribution `{id}` is contributed twice"),
						));
					}
					None
				},
				Step::Evaluate { who, contribution, .. } => {
					check_name(&place, who, "name")?;
					Some(contribution)
				},
				Step::Close(contribution) => Some(contribution),
				Step::SetPriceCap(cap) => {
					parse_price(cap).map_err(|e| ScenarioError::at(&place, e))?;
					None
				},
				Step::Buy { who, .. }
				| Step::Redeem { who, .. }
				| Step::DepositRevenue { who, .. } => {
					check_name(&place, who, "name")?;
					None
				},
				Step::Advance(_) | Step::Govern(_) => None,
			};
			if let Some(label) = used {
				check_name(&place, label, "contribution id")?;
			}
		}
		Ok(())
	}

	/// Every account name, in order of first appearance: members, `native`, then the steps.
	pub fn names(&self) -> Vec<String> {
		let mut names = Vec::new();
		let mut seen = HashSet::new();
		let mut add = |name: &String| {
			if seen.insert(name.clone()) {
				names.push(name.clone());
			}
		};
		self.members.iter().for_each(|(name, _)| add(name));
		self.native.iter().for_each(|(name, _)| add(name));
		for step in &self.steps {
			match step {
				Step::Contribute { by, .. } => by.iter().for_each(|(name, _)| add(name)),
				Step::Evaluate { who, .. }
				| Step::Buy { who, .. }
				| Step::Redeem { who, .. }
				| Step::DepositRevenue { who, .. }
				| Step::Propose { by: who, .. } => add(who),
				Step::Advance(_) | Step::Close(_) | Step::SetPriceCap(_) | Step::Govern(_) => {},
			}
		}
		names
	}
}

/// Parses a non-negative decimal number (`"2.5"`, `"3"`, `"0.000000000000000001"`) into the
/// inner value of a `FixedU128` (the number times 10¹⁸), exactly: at most 18 decimals.
pub fn parse_price(text: &str) -> Result<u128, String> {
	const DECIMALS: usize = 18;
	let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
	let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
	if whole.is_empty()
		|| !digits(whole)
		|| !digits(fraction)
		|| (text.contains('.') && fraction.is_empty())
	{
		return Err(format!("price cap `{text}` is not a decimal number such as \"2.5\""));
	}
	if fraction.len() > DECIMALS {
		return Err(format!("price cap `{text}` has more than {DECIMALS} decimals"));
	}
	let scale = 10u128.pow((DECIMALS - fraction.len()) as u32);
	let too_large = || format!("price cap `{text}` is too large");
	let whole: u128 = whole.parse().map_err(|_| too_large())?;
	let fraction: u128 =
		if fraction.is_empty() { 0 } else { fraction.parse().map_err(|_| too_large())? };
	whole
		.checked_mul(10u128.pow(DECIMALS as u32))
		.and_then(|w| w.checked_add(fraction.checked_mul(scale)?))
		.ok_or_else(too_large)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn prices_parse_exactly() {
		assert_eq!(parse_price("2.5"), Ok(2_500_000_000_000_000_000));
		assert_eq!(parse_price("3"), Ok(3_000_000_000_000_000_000));
		assert_eq!(parse_price("0.000000000000000001"), Ok(1));
		assert_eq!(parse_price("0"), Ok(0));
		for bad in ["", ".5", "2.", "2,5", "-1", "1e3", "0.0000000000000000001"] {
			assert!(parse_price(bad).is_err(), "{bad}");
		}
		assert!(parse_price("340282366920938463464").is_err());
	}

	#[test]
	fn amounts_are_integers_or_digit_strings() {
		let parse = |s: &str| serde_json::from_str::<Amount>(s).map_err(|e| e.to_string());
		assert_eq!(parse("7"), Ok(Amount(7)));
		assert_eq!(parse("\"340282366920938463463374607431768211455\""), Ok(Amount(u128::MAX)));
		// JSON numbers beyond 64 bits lose precision in most tools: such amounts are strings.
		assert!(parse("340282366920938463463374607431768211455").is_err());
		assert!(parse("-1").unwrap_err().contains("negative"));
		assert!(parse("1.5").is_err());
		assert!(parse("\"12a\"").unwrap_err().contains("decimal digits"));
		assert!(parse("\"340282366920938463463374607431768211456\"")
			.unwrap_err()
			.contains("128 bits"));
	}
}
