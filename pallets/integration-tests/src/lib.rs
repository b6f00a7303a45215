//! # Covalue integration tests
//!
//! The four DC pallets — reputation, cooperatives, Proof of Value and reserve — with the real
//! balances and assets pallets in one test runtime ([`mock`]), wired as the Covalue runtime wires
//! them. The pallets' own unit tests replace their neighbours with the in-memory traits of
//! `covalue-test-support`; the tests here are the flows that cross pallets and the
//! protocol's worked examples (`docs/protocol-rules.md` §8, §9). Every test ends with every
//! pallet's invariants (`try_state`).

pub mod mock;

#[cfg(test)]
mod attacks;
#[cfg(test)]
mod cooperation;
#[cfg(test)]
mod governance;
#[cfg(test)]
mod proof_of_value;
#[cfg(test)]
mod reserve;
