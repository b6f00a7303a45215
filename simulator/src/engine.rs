//! Runs a scenario natively through the Covalue runtime.
//!
//! The state is the real runtime's storage in `sp_io::TestExternalities`, and every step is a
//! `RuntimeCall` dispatched with a signed origin, exactly as the pallets run on chain: the same
//! call filter, the same transactional storage layer (a failing call changes nothing), the same
//! constants (deposits, bounds, existential deposit). What is left out is what a scenario does
//! not model: signatures, fees, block production and the hooks; `advance` only moves the block
//! number, so contributions close only through `close` steps (`docs/protocol-rules.md` §8).

use crate::{
	checks::Incremental,
	scenario::{parse_price, Amount, ProposedParameters, Scenario, ScenarioError, Step, PPB},
};
use covalue_primitives::{
	ContributionId, CooperativeId, CooperativeTokens, Parameters, ReputationLedger,
};
use covalue_runtime::{AccountId, Runtime, RuntimeCall, RuntimeOrigin, UNIT};
use frame_support::BoundedVec;
use pallet_reserve::{FixedU128, ReserveAsset};
use sp_io::hashing::blake2_256;
use sp_runtime::{traits::Dispatchable, BuildStorage, DispatchError, PerThing, Perbill, Permill};
use std::collections::HashMap;

type System = frame_system::Pallet<Runtime>;
type Cooperatives = pallet_cooperatives::Pallet<Runtime>;
type Reputation = pallet_reputation::Pallet<Runtime>;
type ProofOfValue = pallet_proof_of_value::Pallet<Runtime>;

/// Native currency every named account starts with, enough to exist and to pay every deposit a
/// scenario can ask for (a DC costs 100 COV and a contribution 1 COV, plus 0.0001 COV per byte
/// they store).
pub const BASE_ENDOWMENT: u128 = 1_000_000_000 * UNIT;

/// The account of a scenario name: `blake2_256("covalue-simulator/" ++ name)`.
pub fn account_of(name: &str) -> AccountId {
	AccountId::new(blake2_256(format!("covalue-simulator/{name}").as_bytes()))
}

/// The implicit admin that creates the DC; no scenario name maps to it.
pub fn admin_account() -> AccountId {
	AccountId::new(blake2_256(b"covalue-simulator admin"))
}

/// A step that failed: its index and the error's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepError {
	/// Index of the step in the scenario, from 0.
	pub step: usize,
	/// The pallet error's name (`AlreadyEvaluated`), or the runtime's (`FundsUnavailable`).
	pub error: String,
}

/// Why a run stopped before its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
	/// The scenario can't be set up (e.g. invalid DC parameters).
	Scenario(ScenarioError),
	/// A pallet invariant does not hold: a defect of the chain, never of the scenario.
	Invariant {
		/// The last step run before the check, if any.
		after_step: Option<usize>,
		/// The invariant's message.
		message: String,
	},
}

impl std::fmt::Display for RunError {
	fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
		match self {
			RunError::Scenario(e) => e.fmt(f),
			RunError::Invariant { after_step: Some(step), message } => {
				write!(f, "invariant violated after step {step}: {message}")
			},
			RunError::Invariant { after_step: None, message } => {
				write!(f, "invariant violated after creating the DC: {message}")
			},
		}
	}
}

impl std::error::Error for RunError {}

/// The state of every named account and of the DC at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
	/// Reputation of each named account (vested + pending, stakes held by open contributions
	/// left out), in [`Simulation::names`] order.
	pub reputation: Vec<u128>,
	/// The part of it that is pending (not vested yet), in the same order.
	pub pending: Vec<u128>,
	/// DC tokens of each named account, in the same order.
	pub tokens: Vec<u128>,
	/// The DC's total reputation.
	pub total_reputation: u128,
	/// Reputation burned so far.
	pub burned_reputation: u128,
	/// The token's supply.
	pub token_supply: u128,
	/// The reserve balance the redemption formula uses.
	pub reserve: u128,
}

/// The outcome of a contribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContributionOutcome {
	/// Its median: the final one once closed, the current one while open; `None` without
	/// consensus.
	pub median: Option<u8>,
	/// The highest median rewarded.
	pub paid: u8,
	/// Whether it is closed.
	pub closed: bool,
	/// For a closed proposal, whether its call was enacted (median 1 and the call succeeded);
	/// `None` for work and for proposals not closed yet.
	pub enacted: Option<bool>,
}

/// A scenario being run.
pub struct Simulation {
	ext: sp_io::TestExternalities,
	run: Run,
	/// The incremental invariant checks after every step, unless switched off.
	checker: Option<Incremental>,
}

/// Everything but the storage: what the steps need to find accounts and contributions.
struct Run {
	scenario: Scenario,
	names: Vec<String>,
	accounts: Vec<AccountId>,
	index: HashMap<String, usize>,
	admin: AccountId,
	dc: CooperativeId,
	contributions: Vec<(String, Option<ContributionId>)>,
	errors: Vec<StepError>,
	next_step: usize,
}

fn error_name(error: DispatchError) -> String {
	match error {
		DispatchError::Module(module) => module
			.message
			.map(str::to_owned)
			.unwrap_or_else(|| format!("Module({}, {:?})", module.index, module.error)),
		DispatchError::Token(e) => format!("{e:?}"),
		DispatchError::Arithmetic(e) => format!("{e:?}"),
		DispatchError::Transactional(e) => format!("{e:?}"),
		other => format!("{other:?}"),
	}
}

/// Drops the events of the last step. Not `System::reset_events`: it also clears the event
/// topics by prefix, which in `TestExternalities` walks the whole overlay — a cost that grows
/// with the run. Nothing deposits topics, so only the events and their count need clearing.
fn clear_events() {
	use frame_support::storage::storage_prefix;
	sp_io::storage::clear(&storage_prefix(b"System", b"Events"));
	sp_io::storage::clear(&storage_prefix(b"System", b"EventCount"));
}

fn dispatch(call: impl Into<RuntimeCall>, who: &AccountId) -> Result<(), String> {
	call.into()
		.dispatch(RuntimeOrigin::signed(who.clone()))
		.map(|_| ())
		.map_err(|e| error_name(e.error))
}

/// Every pallet's `try_state` invariants.
pub fn check_invariants() -> Result<(), String> {
	let describe = |pallet: &str, e: sp_runtime::TryRuntimeError| format!("{pallet}: {e:?}");
	Reputation::do_try_state().map_err(|e| describe("reputation", e))?;
	Cooperatives::do_try_state().map_err(|e| describe("cooperatives", e))?;
	ProofOfValue::do_try_state().map_err(|e| describe("proof-of-value", e))?;
	pallet_reserve::Pallet::<Runtime>::do_try_state().map_err(|e| describe("reserve", e))
}

impl Simulation {
	/// Builds the genesis state, creates the DC with its members, and checks the invariants;
	/// every step will be followed by the incremental checks.
	pub fn new(scenario: Scenario) -> Result<Self, RunError> {
		Self::with_checks(scenario, true)
	}

	/// As [`Self::new`], with the incremental checks after every step on or off.
	pub fn with_checks(scenario: Scenario, incremental: bool) -> Result<Self, RunError> {
		let names = scenario.names();
		let accounts: Vec<AccountId> = names.iter().map(|n| account_of(n)).collect();
		let index = names.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect();
		let admin = admin_account();

		let mut native: HashMap<&str, u128> = HashMap::new();
		for (i, (name, Amount(amount))) in scenario.native.iter().enumerate() {
			let entry = native.entry(name).or_insert(BASE_ENDOWMENT);
			*entry = entry.checked_add(*amount).ok_or_else(|| {
				RunError::Scenario(ScenarioError {
					place: format!("native[{i}]"),
					message: format!("`{name}`'s native currency exceeds 128 bits"),
				})
			})?;
		}
		let balances = std::iter::once((admin.clone(), BASE_ENDOWMENT))
			.chain(names.iter().zip(&accounts).map(|(n, a)| {
				(a.clone(), native.get(n.as_str()).copied().unwrap_or(BASE_ENDOWMENT))
			}))
			.collect();
		let mut storage = frame_system::GenesisConfig::<Runtime>::default()
			.build_storage()
			.expect("the system genesis builds");
		pallet_balances::GenesisConfig::<Runtime> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("every endowment is above the existential deposit");

		let mut simulation = Simulation {
			ext: sp_io::TestExternalities::new(storage),
			run: Run {
				scenario,
				names,
				accounts,
				index,
				admin,
				dc: 0,
				contributions: Vec::new(),
				errors: Vec::new(),
				next_step: 0,
			},
			checker: None,
		};
		let Simulation { ext, run, checker } = &mut simulation;
		ext.execute_with(|| {
			run.create_dc()?;
			if incremental {
				*checker = Some(
					Incremental::new(run.dc, &run.accounts)
						.map_err(|message| RunError::Invariant { after_step: None, message })?,
				);
			}
			Ok::<_, RunError>(())
		})?;
		Ok(simulation)
	}
}

impl Run {
	/// Creates the DC as the implicit admin, in block 1, and checks the invariants.
	fn create_dc(&mut self) -> Result<(), RunError> {
		let spec = self.scenario.dc.clone();
		let members: Vec<(AccountId, u128)> = self
			.scenario
			.members
			.iter()
			.map(|(name, Amount(r))| (self.accounts[self.index[name]].clone(), *r))
			.collect();
		let admin = self.admin.clone();
		let fail = |place: &str, message: String| {
			RunError::Scenario(ScenarioError { place: place.into(), message })
		};
		let members: BoundedVec<_, _> = members.try_into().map_err(|_| {
			fail(
				"members",
				format!(
					"more than the runtime's {} initial members",
					<<Runtime as pallet_cooperatives::Config>::MaxInitialMembers as frame_support::traits::Get<u32>>::get()
				),
			)
		})?;
		let parameters = chain_parameters(&ProposedParameters::from(&spec));
		let epoch_length = spec.epoch_length.unwrap_or(spec.evaluation_period);
		if spec.quorum_ppb > PPB || spec.stake_ppb > PPB {
			return Err(fail("dc", format!("quorum_ppb and stake_ppb can be at most {PPB}")));
		}
		{
			System::set_block_number(1);
			self.dc = pallet_cooperatives::NextCooperativeId::<Runtime>::get();
			dispatch(
				pallet_cooperatives::Call::<Runtime>::create_dc {
					name: b"Simulation".to_vec().try_into().expect("short name"),
					token_name: b"Simulated token".to_vec().try_into().expect("short name"),
					token_symbol: b"SIM".to_vec().try_into().expect("short symbol"),
					token_decimals: 0,
					parameters,
					epoch_length,
					members,
				},
				&admin,
			)
			.map_err(|e| {
				let place = if matches!(
					e.as_str(),
					"NoMembers" | "DuplicateMember" | "ZeroReputation" | "ReputationOverflow"
				) {
					"members"
				} else {
					"dc"
				};
				fail(place, format!("the DC can't be created: {e}"))
			})?;
			clear_events();
			check_invariants().map_err(|message| RunError::Invariant { after_step: None, message })
		}
	}
}

impl Simulation {
	/// Account names, in order of first appearance.
	pub fn names(&self) -> &[String] {
		&self.run.names
	}

	/// The scenario being run.
	pub fn scenario(&self) -> &Scenario {
		&self.run.scenario
	}

	/// Index of the next step to run.
	pub fn next_step(&self) -> usize {
		self.run.next_step
	}

	/// Whether every step has run.
	pub fn finished(&self) -> bool {
		self.run.next_step >= self.run.scenario.steps.len()
	}

	/// Runs the next step, then the incremental checks (if on) and, with `full`, every
	/// pallet's whole `try_state`. Returns the step's error, if it failed (the run goes on: a
	/// failed step changes nothing).
	pub fn step(&mut self, full: bool) -> Result<Option<String>, RunError> {
		let i = self.run.next_step;
		let step = self.run.scenario.steps[i].clone();
		let Simulation { ext, run, checker } = self;
		let result = ext.execute_with(|| {
			let result = run.apply(&step);
			if let Some(checker) = checker.as_mut() {
				let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
				checker
					.after_step(&events)
					.map_err(|message| RunError::Invariant { after_step: Some(i), message })?;
			}
			clear_events();
			if full {
				check_invariants()
					.map_err(|message| RunError::Invariant { after_step: Some(i), message })?;
			}
			Ok::<_, RunError>(result)
		})?;
		self.run.next_step += 1;
		Ok(result.err().inspect(|error| {
			self.run.errors.push(StepError { step: i, error: error.clone() });
		}))
	}

	/// Checks every pallet's invariants now.
	pub fn check(&mut self) -> Result<(), RunError> {
		let after_step = self.run.next_step.checked_sub(1);
		self.ext
			.execute_with(check_invariants)
			.map_err(|message| RunError::Invariant { after_step, message })
	}
}

impl Run {
	fn account(&self, name: &str) -> &AccountId {
		&self.accounts[self.index[name]]
	}

	fn contribution_id(&self, label: &str) -> ContributionId {
		// A label whose `contribute` failed names no contribution: the pallet says so.
		self.contributions
			.iter()
			.find(|(l, _)| l == label)
			.and_then(|(_, id)| *id)
			.unwrap_or(ContributionId::MAX)
	}

	fn apply(&mut self, step: &Step) -> Result<(), String> {
		let dc = self.dc;
		match step {
			Step::Contribute { id: label, by } => {
				let id = pallet_proof_of_value::NextContributionId::<Runtime>::get();
				let contributors: Vec<(AccountId, Permill)> = by
					.iter()
					.map(|(name, share)| (self.account(name).clone(), Permill::from_parts(*share)))
					.collect();
				let above_whole = by.iter().any(|(_, share)| *share > Permill::ACCURACY);
				let result = match BoundedVec::try_from(contributors) {
					// A share above 100% is no `Permill`: the call can't be encoded, and the
					// chain's rule for it (§1) is `InvalidShares`, checked right after the count.
					Ok(_) if above_whole => Err("InvalidShares".into()),
					Ok(contributors) => dispatch(
						pallet_proof_of_value::Call::<Runtime>::contribute {
							dc,
							content_hash: blake2_256(label.as_bytes()).into(),
							uri: label.as_bytes().to_vec().try_into().expect("labels are short"),
							contributors,
						},
						self.account(&by[0].0),
					),
					// Longer than `MaxContributors`: the pallet could not even decode it.
					Err(_) => Err("TooManyContributors".into()),
				};
				self.contributions.push((label.clone(), result.is_ok().then_some(id)));
				result
			},
			Step::Evaluate { who, contribution, score } => dispatch(
				pallet_proof_of_value::Call::<Runtime>::evaluate {
					contribution: self.contribution_id(contribution),
					score: *score,
				},
				self.account(who),
			),
			Step::Govern(false) => Ok(()),
			Step::Govern(true) => dispatch(
				pallet_cooperatives::Call::<Runtime>::transfer_admin {
					dc,
					new_admin: Cooperatives::agent_account(dc),
				},
				&self.admin,
			),
			Step::Propose { id: label, by, parameters } => {
				let id = pallet_proof_of_value::NextContributionId::<Runtime>::get();
				let call: RuntimeCall = pallet_cooperatives::Call::<Runtime>::set_parameters {
					dc,
					parameters: chain_parameters(parameters),
				}
				.into();
				let result = dispatch(
					pallet_proof_of_value::Call::<Runtime>::propose { dc, call: Box::new(call) },
					self.account(by),
				);
				self.contributions.push((label.clone(), result.is_ok().then_some(id)));
				result
			},
			Step::Advance(blocks) => {
				let now = System::block_number();
				let then = now.checked_add(*blocks).ok_or("BlockNumberOverflow")?;
				System::set_block_number(then);
				Ok(())
			},
			// A closing may take several calls: repeat until it is closed; the first call's
			// error is the step's.
			Step::Close(contribution) => {
				let contribution = self.contribution_id(contribution);
				let close = || {
					dispatch(
						pallet_proof_of_value::Call::<Runtime>::close { contribution },
						&self.admin,
					)
				};
				close()?;
				// Later calls continue what the first started; only the first call's error is
				// the step's (§8), so a later one ends the repetition silently.
				while pallet_proof_of_value::Contributions::<Runtime>::get(contribution)
					.is_some_and(|c| matches!(c.status, pallet_proof_of_value::Status::Closing(_)))
				{
					if close().is_err() {
						break;
					}
				}
				Ok(())
			},
			Step::SetPriceCap(cap) => {
				let cap = parse_price(cap).expect("validated when parsed");
				dispatch(
					pallet_reserve::Call::<Runtime>::set_price_cap {
						dc,
						price_cap: FixedU128::from_inner(cap),
						asset: ReserveAsset::Native,
					},
					&self.admin,
				)
			},
			Step::Buy { who, amount, max_cost } => dispatch(
				pallet_reserve::Call::<Runtime>::buy {
					dc,
					amount: amount.0,
					max_cost: max_cost.map_or(u128::MAX, |m| m.0),
				},
				self.account(who),
			),
			Step::Redeem { who, amount, min_proceeds } => dispatch(
				pallet_reserve::Call::<Runtime>::redeem {
					dc,
					amount: amount.0,
					min_proceeds: min_proceeds.map_or(0, |m| m.0),
				},
				self.account(who),
			),
			Step::DepositRevenue { who, amount } => dispatch(
				pallet_reserve::Call::<Runtime>::deposit_revenue { dc, amount: amount.0 },
				self.account(who),
			),
		}
	}
}

/// Parameters of the scenario's format (a `propose` step's, or the `dc` object's) as the chain
/// writes them; the chain validates them (a proposal's only when it is enacted).
fn chain_parameters(p: &ProposedParameters) -> Parameters<u32> {
	Parameters {
		min_score: p.min_score,
		max_score: p.max_score,
		quorum: Perbill::from_parts(p.quorum_ppb),
		stake: Perbill::from_parts(p.stake_ppb),
		alignment_radius: p.alignment_radius,
		token_per_point: p.token_per_point.0,
		reputation_per_point: p.reputation_per_point.0,
		evaluation_period: p.evaluation_period,
	}
}

impl Simulation {
	/// Every named account's reputation and tokens, and the DC's totals, now.
	pub fn snapshot(&mut self) -> Snapshot {
		let dc = self.run.dc;
		let accounts = &self.run.accounts;
		self.ext.execute_with(|| {
			let ledger = Reputation::ledger(dc).unwrap_or_default();
			let standings: Vec<_> = accounts.iter().map(|a| Reputation::standing(dc, a)).collect();
			Snapshot {
				reputation: standings.iter().map(|s| s.vested + s.pending_total()).collect(),
				pending: standings.iter().map(|s| s.pending_total()).collect(),
				tokens: accounts.iter().map(|a| Cooperatives::balance(dc, a)).collect(),
				total_reputation: ledger.total,
				burned_reputation: ledger.burned,
				token_supply: Cooperatives::supply(dc),
				reserve: pallet_reserve::Reserves::<Runtime>::get(dc).map_or(0, |r| r.balance),
			}
		})
	}

	/// The block number now.
	pub fn block(&mut self) -> u32 {
		self.ext.execute_with(System::block_number)
	}

	/// Each contribution's outcome, in order of contribution; those whose `contribute` failed
	/// are left out.
	pub fn contributions(&mut self) -> Vec<(String, ContributionOutcome)> {
		let list = self.run.contributions.clone();
		self.ext.execute_with(|| {
			list.into_iter()
				.filter_map(|(label, id)| {
					let id = id?;
					let status = ProofOfValue::contribution_status(id)?;
					let enacted = pallet_proof_of_value::Proposals::<Runtime>::get(id)
						.filter(|_| !status.open)
						.map(|p| p.outcome == pallet_proof_of_value::ProposalOutcome::Enacted);
					Some((
						label,
						ContributionOutcome {
							median: status.median,
							paid: status.paid,
							closed: !status.open,
							enacted,
						},
					))
				})
				.collect()
		})
	}

	/// The failed steps so far.
	pub fn errors(&self) -> &[StepError] {
		&self.run.errors
	}

	/// The DC's current parameters.
	pub fn parameters(&mut self) -> Option<Parameters<u32>> {
		let dc = self.run.dc;
		self.ext.execute_with(|| {
			<Cooperatives as covalue_primitives::CooperativeInspect<AccountId>>::parameters(dc)
		})
	}
}
