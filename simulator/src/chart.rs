//! `--chart`: an SVG picture of a run — reputation over time per account, and token supply.
//!
//! Plain SVG 1.1, no scripts or external resources, so that any browser or image viewer opens
//! it. Long runs are sampled (at most [`MAX_SAMPLES`] points per line).

use std::fmt::Write;

/// The most points a line gets.
pub const MAX_SAMPLES: usize = 600;
/// Accounts drawn in colour and named in the legend: those with the most reputation at the end.
pub const LEGEND_ACCOUNTS: usize = 12;
/// Up to this many accounts, the others are drawn too, in grey.
pub const GREY_ACCOUNTS: usize = 200;

const PALETTE: [&str; LEGEND_ACCOUNTS] = [
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
	"#bcbd22", "#7f7f7f", "#393b79", "#637939",
];

/// The state at one point of the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
	/// Steps run so far (0: after the DC was created, before any step).
	pub steps_run: usize,
	/// Reputation of each account.
	pub reputation: Vec<u128>,
	/// The token's supply.
	pub token_supply: u128,
}

/// Collects samples during a run: one every `stride` steps, plus the last.
#[derive(Clone, Debug)]
pub struct Recorder {
	stride: usize,
	/// The samples so far.
	pub samples: Vec<Sample>,
}

impl Recorder {
	/// A recorder for a run of `steps` steps.
	pub fn new(steps: usize) -> Self {
		Self { stride: steps.div_ceil(MAX_SAMPLES).max(1), samples: Vec::new() }
	}

	/// Whether the state after `steps_run` steps of `total` should be sampled.
	pub fn wants(&self, steps_run: usize, total: usize) -> bool {
		steps_run.is_multiple_of(self.stride) || steps_run == total
	}
}

fn escape(text: &str) -> String {
	text.replace('&', "&amp;")
		.replace('<', "&lt;")
		.replace('>', "&gt;")
		.replace('"', "&quot;")
}

/// A "nice" tick spacing (1, 2 or 5 × 10ⁿ) giving about `count` ticks up to `max`.
fn tick_step(max: f64, count: f64) -> f64 {
	if max <= 0.0 {
		return 1.0;
	}
	let raw = max / count;
	let magnitude = 10f64.powf(raw.log10().floor());
	let step = [1.0, 2.0, 5.0, 10.0]
		.into_iter()
		.map(|m| m * magnitude)
		.find(|s| *s >= raw)
		.unwrap_or(10.0 * magnitude);
	step.max(1.0)
}

fn label(value: f64) -> String {
	if value >= 1e15 {
		format!("{value:.2e}")
	} else {
		format!("{}", value.round() as u128)
	}
}

struct Panel {
	left: f64,
	top: f64,
	width: f64,
	height: f64,
	max_x: f64,
	max_y: f64,
}

impl Panel {
	fn x(&self, steps: usize) -> f64 {
		self.left + self.width * steps as f64 / self.max_x.max(1.0)
	}

	fn y(&self, value: u128) -> f64 {
		self.top + self.height - self.height * value as f64 / self.max_y.max(1.0)
	}

	fn frame(&self, svg: &mut String, title: &str) {
		let (l, t, w, h) = (self.left, self.top, self.width, self.height);
		let _ = writeln!(
			svg,
			r##"<text x="{l}" y="{}" font-size="15" font-weight="bold">{}</text>"##,
			t - 10.0,
			escape(title)
		);
		let _ = writeln!(
			svg,
			r##"<rect x="{l}" y="{t}" width="{w}" height="{h}" fill="#fcfcfc" stroke="#999"/>"##
		);
		let y_step = tick_step(self.max_y, 5.0);
		let mut v = 0.0;
		while v <= self.max_y.max(1.0) + 1e-9 {
			let y = self.y(v as u128);
			let _ = writeln!(
				svg,
				r##"<line x1="{l}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#e4e4e4"/>"##,
				l + w
			);
			let _ = writeln!(
				svg,
				r##"<text x="{}" y="{:.1}" font-size="11" text-anchor="end">{}</text>"##,
				l - 6.0,
				y + 4.0,
				label(v)
			);
			v += y_step;
		}
		let x_step = tick_step(self.max_x, 8.0);
		let mut s = 0.0;
		while s <= self.max_x.max(1.0) + 1e-9 {
			let x = self.x(s as usize);
			let _ = writeln!(
				svg,
				r##"<text x="{x:.1}" y="{}" font-size="11" text-anchor="middle">{}</text>"##,
				t + h + 15.0,
				label(s)
			);
			s += x_step;
		}
	}

	fn line(
		&self,
		svg: &mut String,
		points: impl Iterator<Item = (usize, u128)>,
		colour: &str,
		width: f64,
	) {
		let points: Vec<String> =
			points.map(|(s, v)| format!("{:.1},{:.1}", self.x(s), self.y(v))).collect();
		let _ = writeln!(
			svg,
			r##"<polyline fill="none" stroke="{colour}" stroke-width="{width}" points="{}"/>"##,
			points.join(" ")
		);
	}
}

/// Renders the chart of a run of `title` over `names` from `samples`.
pub fn render(title: &str, names: &[String], samples: &[Sample]) -> String {
	let (width, height) = (1000.0, 720.0);
	let max_x = samples.last().map_or(1, |s| s.steps_run) as f64;
	let max_reputation =
		samples.iter().flat_map(|s| s.reputation.iter()).copied().max().unwrap_or(0);
	let max_supply = samples.iter().map(|s| s.token_supply).max().unwrap_or(0);
	let reputation = Panel {
		left: 90.0,
		top: 70.0,
		width: 660.0,
		height: 390.0,
		max_x,
		max_y: max_reputation as f64 * 1.05,
	};
	let supply = Panel {
		left: 90.0,
		top: 530.0,
		width: 660.0,
		height: 140.0,
		max_x,
		max_y: max_supply as f64 * 1.05,
	};

	// The accounts with the most reputation at the end get colours and legend entries.
	let last = samples.last().map(|s| s.reputation.clone()).unwrap_or_default();
	let mut order: Vec<usize> = (0..names.len()).collect();
	order.sort_by(|a, b| last.get(*b).cmp(&last.get(*a)).then(a.cmp(b)));
	let shown = &order[..order.len().min(LEGEND_ACCOUNTS)];

	let mut svg = String::new();
	let _ = writeln!(svg, r##"<?xml version="1.0" encoding="UTF-8"?>"##);
	let _ = writeln!(
		svg,
		r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">"##
	);
	let _ = writeln!(svg, r##"<rect width="100%" height="100%" fill="white"/>"##);
	let _ = writeln!(
		svg,
		r##"<text x="90" y="28" font-size="18" font-weight="bold">{}</text>"##,
		escape(title)
	);
	reputation.frame(&mut svg, "Reputation per account");
	if names.len() <= GREY_ACCOUNTS {
		for &i in &order[shown.len()..] {
			reputation.line(
				&mut svg,
				samples.iter().map(|s| (s.steps_run, s.reputation[i])),
				"#c8c8c8",
				1.0,
			);
		}
	}
	for (colour, &i) in PALETTE.iter().zip(shown) {
		reputation.line(
			&mut svg,
			samples.iter().map(|s| (s.steps_run, s.reputation[i])),
			colour,
			2.0,
		);
	}
	let legend_x = reputation.left + reputation.width + 20.0;
	for (n, (colour, &i)) in PALETTE.iter().zip(shown).enumerate() {
		let y = reputation.top + 10.0 + 22.0 * n as f64;
		let _ = writeln!(
			svg,
			r##"<rect x="{legend_x}" y="{y}" width="14" height="4" fill="{colour}"/>"##
		);
		let _ = writeln!(
			svg,
			r##"<text x="{}" y="{}" font-size="12">{} ({})</text>"##,
			legend_x + 20.0,
			y + 6.0,
			escape(&names[i]),
			last.get(i).copied().unwrap_or(0)
		);
	}
	if names.len() > shown.len() {
		let note = if names.len() <= GREY_ACCOUNTS {
			format!("{} more accounts in grey", names.len() - shown.len())
		} else {
			format!("{} of {} accounts shown", shown.len(), names.len())
		};
		let y = reputation.top + 22.0 + 22.0 * shown.len() as f64;
		let _ = writeln!(
			svg,
			r##"<text x="{legend_x}" y="{y}" font-size="12" fill="#666">{note}</text>"##
		);
	}
	supply.frame(&mut svg, "Token supply");
	supply.line(&mut svg, samples.iter().map(|s| (s.steps_run, s.token_supply)), "#111", 2.0);
	let _ = writeln!(
		svg,
		r##"<text x="{}" y="{}" font-size="12" text-anchor="middle">steps run</text>"##,
		supply.left + supply.width / 2.0,
		supply.top + supply.height + 34.0
	);
	svg.push_str("</svg>\n");
	svg
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn ticks_are_round_numbers() {
		assert_eq!(tick_step(1000.0, 5.0), 200.0);
		assert_eq!(tick_step(430.0, 5.0), 100.0);
		assert_eq!(tick_step(7.0, 8.0), 1.0);
		assert_eq!(tick_step(0.0, 5.0), 1.0);
	}

	#[test]
	fn a_chart_has_one_line_per_account_and_the_supply() {
		let names = vec!["alice".to_owned(), "b<o>b".to_owned()];
		let samples = vec![
			Sample { steps_run: 0, reputation: vec![400, 300], token_supply: 0 },
			Sample { steps_run: 1, reputation: vec![360, 300], token_supply: 40 },
		];
		let svg = render("test & chart", &names, &samples);
		assert!(svg.starts_with("<?xml"));
		assert!(svg.trim_end().ends_with("</svg>"));
		assert_eq!(svg.matches("<polyline").count(), 3);
		assert!(svg.contains("b&lt;o&gt;b (300)"));
		assert!(svg.contains("test &amp; chart"));
		assert!(svg.contains("alice (360)"));
	}

	#[test]
	fn long_runs_are_sampled() {
		let recorder = Recorder::new(100_000);
		assert!(recorder.wants(0, 100_000));
		assert!(!recorder.wants(1, 100_000));
		assert!(recorder.wants(167, 100_000));
		assert!(recorder.wants(100_000, 100_000));
		assert_eq!((0..=100_000).filter(|s| recorder.wants(*s, 100_000)).count(), 600);
	}
}
