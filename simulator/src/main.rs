//! `covalue-simulate`: runs a scenario and prints its outcome JSON on stdout; `--csv` and
//! `--chart` write a row per step and a picture. `covalue-simulate generate` writes a community
//! scenario of any size.

use clap::{Parser, Subcommand};
use covalue_simulator::{
	chart::{self, Recorder, Sample},
	csv,
	generate::Community,
	Outcome, RunError, Scenario, Simulation,
};
use std::{
	fs::File,
	io::{BufWriter, IsTerminal, Write},
	path::{Path, PathBuf},
	process::ExitCode,
	time::{Duration, Instant},
};

#[derive(Parser)]
#[command(
	name = "covalue-simulate",
	version,
	about = "Runs a Proof-of-Value scenario through the Covalue runtime and prints its outcome as JSON.",
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
struct Cli {
	/// The scenario file (JSON, `docs/protocol-rules.md` §8).
	#[arg(required = true)]
	scenario: Option<PathBuf>,

	/// Also write one CSV row per step: every account's reputation and tokens, the totals.
	#[arg(long, value_name = "FILE")]
	csv: Option<PathBuf>,

	/// Also draw reputation per account and token supply over the run (SVG).
	#[arg(long, value_name = "FILE.svg")]
	chart: Option<PathBuf>,

	/// Also run every pallet's whole `try_state` after every N-th step; 0 (the default) only at
	/// the end. The incremental checks run after every step anyway.
	#[arg(long, value_name = "N", default_value_t = 0)]
	check_every: usize,

	/// Don't check the invariants after every step on what the step touched; only the final
	/// whole check (and `--check-every`) remain.
	#[arg(long)]
	no_incremental: bool,

	/// Show a progress bar on stderr even when stderr is not a terminal.
	#[arg(long, conflicts_with = "quiet")]
	progress: bool,

	/// Never show a progress bar.
	#[arg(long)]
	quiet: bool,

	/// Print the number of steps and the time they took on stderr.
	#[arg(long)]
	stats: bool,

	#[command(subcommand)]
	command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
	/// Write a community scenario (JSON) on stdout.
	Generate {
		/// Agents, all initial members.
		#[arg(long, default_value_t = 1_000)]
		agents: usize,
		/// Contributions.
		#[arg(long, default_value_t = 1_000)]
		contributions: usize,
		/// Evaluations, spread evenly over the contributions.
		#[arg(long, default_value_t = 100_000)]
		evaluations: usize,
		/// Seed of the pseudo-random choices.
		#[arg(long, default_value_t = 1)]
		seed: u64,
	},
}

/// A progress bar on stderr, redrawn at most ten times a second.
struct Progress {
	total: usize,
	started: Instant,
	last: Option<Instant>,
}

impl Progress {
	fn update(&mut self, done: usize) {
		let now = Instant::now();
		if done < self.total && self.last.is_some_and(|t| now - t < Duration::from_millis(100)) {
			return;
		}
		self.last = Some(now);
		let width = 40;
		let filled = (done * width).checked_div(self.total).unwrap_or(width);
		eprint!(
			"\r[{}{}] {:>3}% {done}/{} steps, {:.1} s",
			"#".repeat(filled),
			"-".repeat(width - filled),
			(done * 100).checked_div(self.total).unwrap_or(100),
			self.total,
			self.started.elapsed().as_secs_f64()
		);
		if done == self.total {
			eprintln!();
		}
	}
}

fn write_file(path: &Path, what: &str) -> Result<BufWriter<File>, String> {
	File::create(path)
		.map(BufWriter::new)
		.map_err(|e| format!("can't write the {what} to {}: {e}", path.display()))
}

fn simulate(cli: &Cli, path: &Path) -> Result<Outcome, String> {
	let text =
		std::fs::read_to_string(path).map_err(|e| format!("can't read {}: {e}", path.display()))?;
	let scenario = Scenario::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
	let total = scenario.steps.len();
	let started = Instant::now();
	let mut simulation =
		Simulation::with_checks(scenario, !cli.no_incremental).map_err(|e| e.to_string())?;

	let mut csv_out = match &cli.csv {
		Some(file) => {
			let mut out = write_file(file, "CSV")?;
			writeln!(out, "{}", csv::header(simulation.names())).map_err(|e| e.to_string())?;
			Some(out)
		},
		None => None,
	};
	let mut recorder = cli.chart.as_ref().map(|_| Recorder::new(total));
	let record = |simulation: &mut Simulation, recorder: &mut Recorder, steps_run: usize| {
		let snapshot = simulation.snapshot();
		recorder.samples.push(Sample {
			steps_run,
			reputation: snapshot.reputation,
			token_supply: snapshot.token_supply,
		});
	};
	if let Some(recorder) = recorder.as_mut() {
		record(&mut simulation, recorder, 0);
	}
	let show_progress =
		!cli.quiet && (cli.progress || (total >= 1_000 && std::io::stderr().is_terminal()));
	let mut progress = show_progress.then_some(Progress { total, started, last: None });

	while !simulation.finished() {
		let i = simulation.next_step();
		let check = cli.check_every != 0 && (i + 1).is_multiple_of(cli.check_every);
		let error = simulation.step(check).map_err(|e: RunError| e.to_string())?;
		if let Some(out) = csv_out.as_mut() {
			let kind = simulation.scenario().steps[i].kind();
			let block = simulation.block();
			let snapshot = simulation.snapshot();
			csv::write_row(out, i, kind, error.as_deref(), block, &snapshot)
				.map_err(|e| format!("can't write the CSV: {e}"))?;
		}
		if let Some(recorder) = recorder.as_mut() {
			if recorder.wants(i + 1, total) {
				record(&mut simulation, recorder, i + 1);
			}
		}
		if let Some(progress) = progress.as_mut() {
			progress.update(i + 1);
		}
	}
	simulation.check().map_err(|e| e.to_string())?;
	let elapsed = started.elapsed();

	if let Some(mut out) = csv_out {
		out.flush().map_err(|e| format!("can't write the CSV: {e}"))?;
	}
	if let (Some(file), Some(recorder)) = (&cli.chart, recorder) {
		let title = path.file_name().map_or("scenario".into(), |n| n.to_string_lossy());
		let svg = chart::render(&title, simulation.names(), &recorder.samples);
		let mut out = write_file(file, "chart")?;
		out.write_all(svg.as_bytes())
			.and_then(|_| out.flush())
			.map_err(|e| format!("can't write the chart: {e}"))?;
	}
	if cli.stats {
		let evaluations =
			simulation.scenario().steps.iter().filter(|s| s.kind() == "evaluate").count();
		eprintln!(
			"{total} steps ({evaluations} evaluations, {} accounts) in {:.2} s, invariants checked {}",
			simulation.names().len(),
			elapsed.as_secs_f64(),
			match (cli.no_incremental, cli.check_every) {
				(false, 0) => "after every step (incrementally) and wholly at the end".to_owned(),
				(false, 1) => "after every step, incrementally and wholly".to_owned(),
				(false, n) =>
					format!("after every step (incrementally), wholly after every {n}th and at the end"),
				(true, 0) => "at the end".to_owned(),
				(true, 1) => "wholly after every step".to_owned(),
				(true, n) => format!("wholly after every {n}th step and at the end"),
			}
		);
	}
	Ok(Outcome::of(&mut simulation))
}

fn main() -> ExitCode {
	let cli = Cli::parse();
	let result = match (&cli.command, &cli.scenario) {
		(Some(Command::Generate { agents, contributions, evaluations, seed }), _) => Community {
			agents: *agents,
			contributions: *contributions,
			evaluations: *evaluations,
			seed: *seed,
		}
		.to_json()
		.map(|json| print!("{json}")),
		(None, Some(path)) => simulate(&cli, path).map(|outcome| println!("{}", outcome.to_json())),
		(None, None) => Err("no scenario given".into()),
	};
	match result {
		Ok(()) => ExitCode::SUCCESS,
		Err(message) => {
			eprintln!("error: {message}");
			ExitCode::FAILURE
		},
	}
}
