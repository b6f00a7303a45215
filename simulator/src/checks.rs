//! The invariants of `docs/protocol-rules.md` §5, checked after every step by looking only at
//! what the step touched.
//!
//! The pallets' `try_state` walks all of their storage: after every step of a run of 100,000
//! evaluations that is quadratic. [`Incremental`] keeps, beside the chain, its own running sums
//! — each account's reputation and unsettled stakes, each contribution's stakes and bucket
//! weights, the DC's issued and burned reputation — built from the step's events, and after each
//! step compares them with the chain's storage for the accounts and contributions the step
//! touched, and with the DC's books. A difference is an invariant that does not hold. The run
//! still ends with a full `try_state` of every pallet.

use covalue_primitives::{ContributionId, CooperativeId, ReputationLedger, MAX_REPUTATION};
use covalue_runtime::{AccountId, Runtime, RuntimeEvent};
use pallet_proof_of_value::{protocol, Status};
use std::collections::{BTreeSet, HashMap};

type Reputation = pallet_reputation::Pallet<Runtime>;
type PovEvent = pallet_proof_of_value::Event<Runtime>;
type ReserveEvent = pallet_reserve::Event<Runtime>;

/// What the checker knows of one contribution that is not closed.
#[derive(Default)]
struct ContributionModel {
	/// Σ of the stakes not settled yet.
	stakes: u128,
	/// Σ of the weights per bucket (index = score − min_score).
	weights: Vec<u128>,
	/// Evaluations recorded.
	count: u32,
	/// What it held in escrow after the last step that touched it.
	held: u128,
}

/// Running sums beside the chain, compared with it after every step.
pub struct Incremental {
	dc: CooperativeId,
	initial: u128,
	issued: u128,
	burned: u128,
	/// Vested + pending reputation of each account that has any, and their sum.
	reputation: HashMap<AccountId, u128>,
	reputation_sum: u128,
	/// Each account's unsettled stakes, and their sum.
	escrowed: HashMap<AccountId, u128>,
	staked_sum: u128,
	/// The stake of each unsettled evaluation.
	stakes: HashMap<(ContributionId, AccountId), u128>,
	contributions: HashMap<ContributionId, ContributionModel>,
	held_sum: u128,
	/// DC tokens of each holder the steps reached, and their sum.
	tokens: HashMap<AccountId, u128>,
	tokens_sum: u128,
}

fn fail(message: impl Into<String>) -> Result<(), String> {
	Err(message.into())
}

impl Incremental {
	/// Starts from the DC as created: its initial members and nothing else.
	pub fn new(dc: CooperativeId, members: &[AccountId]) -> Result<Self, String> {
		let ledger = Reputation::ledger(dc).ok_or("the DC has no books")?;
		let mut checker = Incremental {
			dc,
			initial: ledger.initial,
			issued: 0,
			burned: 0,
			reputation: HashMap::new(),
			reputation_sum: 0,
			escrowed: HashMap::new(),
			staked_sum: 0,
			stakes: HashMap::new(),
			contributions: HashMap::new(),
			held_sum: 0,
			tokens: HashMap::new(),
			tokens_sum: 0,
		};
		for who in members {
			checker.refresh_account(who);
		}
		checker.check_books()?;
		Ok(checker)
	}

	/// Reads an account's reputation and tokens again and updates the sums.
	fn refresh_account(&mut self, who: &AccountId) {
		let standing = Reputation::standing(self.dc, who);
		let now = standing.vested.saturating_add(standing.pending_total());
		let before = self.reputation.insert(who.clone(), now).unwrap_or(0);
		self.reputation_sum = self.reputation_sum.saturating_sub(before).saturating_add(now);
		let tokens =
			<pallet_cooperatives::Pallet<Runtime> as covalue_primitives::CooperativeTokens<
				AccountId,
			>>::balance(self.dc, who);
		let before = self.tokens.insert(who.clone(), tokens).unwrap_or(0);
		self.tokens_sum = self.tokens_sum.saturating_sub(before).saturating_add(tokens);
	}

	/// Updates the model from the step's events, then compares it with the chain.
	pub fn after_step(&mut self, events: &[RuntimeEvent]) -> Result<(), String> {
		let mut accounts = BTreeSet::<AccountId>::new();
		let mut touched = BTreeSet::<ContributionId>::new();
		for event in events {
			match event {
				RuntimeEvent::ProofOfValue(
					PovEvent::Contributed { contribution, .. }
					| PovEvent::Proposed { proposal: contribution, .. },
				) => {
					let c = pallet_proof_of_value::Contributions::<Runtime>::get(contribution)
						.ok_or("a contribution reported submitted does not exist")?;
					self.contributions.insert(
						*contribution,
						ContributionModel {
							weights: vec![0; c.buckets.len()],
							..Default::default()
						},
					);
					touched.insert(*contribution);
				},
				RuntimeEvent::ProofOfValue(PovEvent::Evaluated {
					contribution,
					evaluator,
					score,
					weight,
					stake,
				}) => {
					let c = pallet_proof_of_value::Contributions::<Runtime>::get(contribution)
						.ok_or("an evaluated contribution does not exist")?;
					let model = self
						.contributions
						.get_mut(contribution)
						.ok_or("an evaluation of a contribution the checker never saw")?;
					let bucket = score
						.checked_sub(c.parameters.min_score)
						.and_then(|i| model.weights.get_mut(usize::from(i)))
						.ok_or("an evaluation outside the contribution's scale")?;
					*bucket = bucket.saturating_add(*weight);
					model.stakes = model.stakes.saturating_add(*stake);
					model.count = model.count.saturating_add(1);
					if self.stakes.insert((*contribution, evaluator.clone()), *stake).is_some() {
						return fail("an account evaluated a contribution twice");
					}
					let mine = self.escrowed.entry(evaluator.clone()).or_default();
					*mine = mine.saturating_add(*stake);
					self.staked_sum = self.staked_sum.saturating_add(*stake);
					accounts.insert(evaluator.clone());
					touched.insert(*contribution);
				},
				RuntimeEvent::ProofOfValue(PovEvent::RewardIssued {
					contribution,
					reputation,
					..
				}) => {
					self.issued = self.issued.saturating_add(*reputation);
					if let Some(c) =
						pallet_proof_of_value::Contributions::<Runtime>::get(contribution)
					{
						accounts.extend(c.contributors.iter().map(|(who, _)| who.clone()));
					}
					touched.insert(*contribution);
				},
				RuntimeEvent::ProofOfValue(PovEvent::EvaluationSettled {
					contribution,
					evaluator,
					..
				}) => {
					let stake = self
						.stakes
						.remove(&(*contribution, evaluator.clone()))
						.ok_or("a settled evaluation the checker never saw")?;
					let mine = self.escrowed.entry(evaluator.clone()).or_default();
					*mine = mine.checked_sub(stake).ok_or("an account's stakes went negative")?;
					self.staked_sum = self.staked_sum.saturating_sub(stake);
					if let Some(model) = self.contributions.get_mut(contribution) {
						model.stakes = model.stakes.saturating_sub(stake);
					}
					accounts.insert(evaluator.clone());
					touched.insert(*contribution);
				},
				RuntimeEvent::ProofOfValue(PovEvent::EarningsPaid {
					contribution,
					evaluator,
					..
				}) => {
					accounts.insert(evaluator.clone());
					touched.insert(*contribution);
				},
				RuntimeEvent::ProofOfValue(PovEvent::ClosingProgressed {
					contribution, ..
				}) => {
					touched.insert(*contribution);
				},
				RuntimeEvent::ProofOfValue(PovEvent::Closed { contribution, burned, .. }) => {
					self.burned = self.burned.saturating_add(*burned);
					touched.insert(*contribution);
				},
				RuntimeEvent::Reputation(pallet_reputation::Event::Issued { who, .. }) => {
					accounts.insert(who.clone());
				},
				RuntimeEvent::Reserve(ReserveEvent::Bought { buyer, .. }) => {
					accounts.insert(buyer.clone());
				},
				RuntimeEvent::Reserve(ReserveEvent::Redeemed { holder, .. }) => {
					accounts.insert(holder.clone());
				},
				_ => {},
			}
		}
		for who in &accounts {
			self.refresh_account(who);
			let escrowed = Reputation::standing(self.dc, who).escrowed;
			if escrowed != self.escrowed.get(who).copied().unwrap_or(0) {
				return fail("an account's escrowed reputation != its unsettled stakes");
			}
		}
		for id in &touched {
			self.check_contribution(*id)?;
		}
		self.check_books()
	}
}

impl Incremental {
	/// The invariants of one contribution the step touched.
	fn check_contribution(&mut self, id: ContributionId) -> Result<(), String> {
		let c = pallet_proof_of_value::Contributions::<Runtime>::get(id)
			.ok_or("a touched contribution does not exist")?;
		let Some(model) = self.contributions.get_mut(&id) else {
			return fail("a contribution the checker never saw");
		};
		let held = c.held();
		self.held_sum = self.held_sum.saturating_sub(model.held).saturating_add(held);
		model.held = held;
		match c.status {
			Status::Open => {
				if c.escrow != model.stakes {
					return fail(format!("contribution {id}: escrow != Σ stakes"));
				}
				if c.escrow < c.pot {
					return fail(format!("contribution {id}: escrow below pot"));
				}
				if c.evaluations != model.count {
					return fail(format!("contribution {id}: evaluation count mismatch"));
				}
				if !c.buckets.iter().map(|b| b.weight).eq(model.weights.iter().copied()) {
					return fail(format!("contribution {id}: a bucket's weight != Σ its weights"));
				}
				let counted = model.weights.iter().fold(0u128, |s, w| s.saturating_add(*w));
				if counted > c.total_at_submission {
					return fail(format!("contribution {id}: reputation counted twice"));
				}
				let need = match c.kind {
					covalue_primitives::ContributionKind::Work => protocol::quorum_need,
					covalue_primitives::ContributionKind::Proposal => protocol::proposal_need,
				};
				if c.need != need(c.parameters.quorum, c.total_at_submission) {
					return fail(format!("contribution {id}: threshold moved"));
				}
			},
			Status::Closing(s) => {
				if s.released > s.payouts || s.payouts > c.escrow {
					return fail(format!("contribution {id}: paid out more than it holds"));
				}
			},
			Status::Closed { .. } => {
				if model.stakes != 0
					|| pallet_proof_of_value::Evaluations::<Runtime>::iter_prefix(id)
						.next()
						.is_some() || pallet_proof_of_value::Earnings::<Runtime>::iter_prefix(id)
					.next()
					.is_some()
				{
					return fail(format!("closed contribution {id} keeps evaluations"));
				}
				self.contributions.remove(&id);
			},
		}
		Ok(())
	}

	/// The DC's books against the running sums.
	fn check_books(&self) -> Result<(), String> {
		let ledger = Reputation::ledger(self.dc).ok_or("the DC has no books")?;
		if ledger.total != self.reputation_sum.saturating_add(ledger.escrowed) {
			return fail("total != Σ (vested + pending) + escrow");
		}
		if ledger.escrowed != self.held_sum {
			return fail("the books' escrow != what the contributions hold");
		}
		if ledger.staked != self.staked_sum {
			return fail("the books' staked != Σ unsettled stakes");
		}
		if ledger.issued != self.issued || ledger.burned != self.burned {
			return fail("issued or burned reputation != what the events reported");
		}
		if Some(ledger.total)
			!= self.initial.checked_add(self.issued).and_then(|t| t.checked_sub(self.burned))
		{
			return fail("total != initial + issued − burned");
		}
		if ledger.total > MAX_REPUTATION {
			return fail("total above MAX_REPUTATION");
		}
		let supply =
			<pallet_cooperatives::Pallet<Runtime> as covalue_primitives::CooperativeTokens<
				AccountId,
			>>::supply(self.dc);
		let books = pallet_cooperatives::TokenBooks::<Runtime>::get(self.dc);
		if books.supply() != Some(supply) {
			return fail("token supply != minted − burned");
		}
		if self.tokens_sum != supply {
			return fail("Σ holders' tokens != supply");
		}
		if let Some(reserve) = pallet_reserve::Reserves::<Runtime>::get(self.dc) {
			let account = pallet_reserve::Pallet::<Runtime>::reserve_account(self.dc);
			let held = pallet_balances::Pallet::<Runtime>::free_balance(&account);
			if held < reserve.balance {
				return fail("the reserve account holds less than the reserve");
			}
		}
		Ok(())
	}
}
