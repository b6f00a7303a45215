//! The Covalue node.

#![warn(missing_docs)]
// The error types are sc-cli's and sc-service's, returned as the framework defines them.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod network;
mod rpc;
mod service;

fn main() {
	// Errors as sentences (their `Display`), not as `Debug` dumps with escaped line breaks.
	if let Err(e) = command::run() {
		eprintln!("Error: {e}");
		std::process::exit(1);
	}
}
