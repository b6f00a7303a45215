//! # Covalue simulator
//!
//! Runs Proof-of-Value scenarios (`docs/protocol-rules.md` §8) natively through the Covalue runtime, so that a DC
//! can tune its parameters before launch and see what random voters, herders, Sybils or low
//! turnout do to reputation and tokens.
//!
//! - [`scenario`]: the scenario format, parsed and validated before anything runs.
//! - [`engine`]: the run: genesis, the DC, each step dispatched as a `RuntimeCall`, invariants.
//! - [`checks`]: the invariants after every step, checked on what the step touched.
//! - [`outcome`]: the outcome JSON.
//! - [`csv`] and [`chart`]: a row per step, and an SVG picture of the run.
//! - [`generate`]: deterministic community scenarios of any size.

pub mod chart;
pub mod checks;
pub mod csv;
pub mod engine;
pub mod generate;
pub mod outcome;
pub mod scenario;

pub use engine::{RunError, Simulation};
pub use outcome::Outcome;
pub use scenario::{Scenario, ScenarioError};

/// Runs a whole scenario, checking the invariants after every step both ways — incrementally
/// and with every pallet's whole `try_state` — and returns its outcome.
pub fn run(scenario: Scenario) -> Result<Outcome, RunError> {
	let mut simulation = Simulation::new(scenario)?;
	while !simulation.finished() {
		simulation.step(true)?;
	}
	simulation.check()?;
	Ok(Outcome::of(&mut simulation))
}
