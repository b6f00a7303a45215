//! Command-line interface.

use std::str::FromStr;

/// How the node produces blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealing {
	/// Aura slots with GRANDPA finality, as on a real network.
	Aura,
	/// One block for every transaction that enters the pool, finalized at once.
	Instant,
	/// A block every given number of milliseconds, finalized at once.
	Interval(u64),
	/// Blocks only when the `engine_createBlock` RPC asks for one.
	Manual,
}

impl Sealing {
	/// Whether blocks are sealed locally (fast mode) rather than by Aura and GRANDPA.
	pub fn is_local(self) -> bool {
		self != Sealing::Aura
	}
}

impl FromStr for Sealing {
	type Err = String;

	fn from_str(s: &str) -> Result<Self, Self::Err> {
		Ok(match s {
			"aura" => Sealing::Aura,
			"instant" => Sealing::Instant,
			"manual" => Sealing::Manual,
			millis => {
				let ms = millis.parse::<u64>().map_err(|_| {
					format!(
						"`{millis}` is not a sealing mode: use `aura`, `instant`, `manual` or a \
						 block time in milliseconds"
					)
				})?;
				if ms == 0 {
					return Err("the block time must be at least 1 millisecond".into());
				}
				Sealing::Interval(ms)
			},
		})
	}
}

/// The command line of the Covalue node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of the running node.
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,

	/// How blocks are produced: `aura` (default: Aura slots and GRANDPA finality, as on a real
	/// network), `instant` (a block per transaction, finalized at once), a block time in
	/// milliseconds such as `1000` (a block per interval, finalized at once) or `manual` (blocks
	/// only on the `engine_createBlock` RPC). Every mode but `aura` is a single-node fast mode
	/// for tests and tinkering; they all serve `engine_createBlock` and `engine_finalizeBlock`.
	#[arg(long, value_name = "MODE", default_value = "aura")]
	pub sealing: Sealing,
}

/// Subcommands of the node.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Export a chain specification (`--chain dev|local|governed|<file>`, `--raw` for the raw
	/// form).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Make the chain specification of a network from its network file (docs/network.md): a
	/// plain and a raw spec, `<id>.json` and `<id>.raw.json`.
	NetworkSpec(NetworkSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),
}

/// The `network-spec` subcommand.
#[derive(Debug, clap::Parser)]
pub struct NetworkSpecCmd {
	/// The network file (TOML).
	#[arg(value_name = "NETWORK_FILE")]
	pub file: std::path::PathBuf,

	/// Where to write `<id>.json` and `<id>.raw.json`.
	#[arg(long, value_name = "DIR", default_value = ".")]
	pub out: std::path::PathBuf,
}
