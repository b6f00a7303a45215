//! The Covalue node.

#![warn(missing_docs)]
// The error types are sc-cli's and sc-service's, returned as the framework defines them.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
