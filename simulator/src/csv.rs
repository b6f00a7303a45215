//! `--csv`: one row per step with every account's reputation and tokens and the DC's totals.

use crate::engine::Snapshot;
use std::io::{self, Write};

/// Quotes a CSV field when it needs it (RFC 4180).
fn field(text: &str) -> String {
	if text.contains([',', '"', '\n', '\r']) {
		format!("\"{}\"", text.replace('"', "\"\""))
	} else {
		text.to_owned()
	}
}

/// The header: `step,action,error,block`, then `reputation:<name>` and `tokens:<name>` for each
/// account, then `total_reputation,burned_reputation,token_supply,reserve`.
pub fn header(names: &[String]) -> String {
	let mut columns = vec!["step".to_owned(), "action".into(), "error".into(), "block".into()];
	for name in names {
		columns.push(field(&format!("reputation:{name}")));
		columns.push(field(&format!("tokens:{name}")));
	}
	columns.extend(
		["total_reputation", "burned_reputation", "token_supply", "reserve"].map(String::from),
	);
	columns.join(",")
}

/// Writes the row of step `step` (the state after it ran).
pub fn write_row(
	out: &mut impl Write,
	step: usize,
	action: &str,
	error: Option<&str>,
	block: u32,
	snapshot: &Snapshot,
) -> io::Result<()> {
	write!(out, "{step},{action},{},{block}", field(error.unwrap_or("")))?;
	for (reputation, tokens) in snapshot.reputation.iter().zip(&snapshot.tokens) {
		write!(out, ",{reputation},{tokens}")?;
	}
	writeln!(
		out,
		",{},{},{},{}",
		snapshot.total_reputation,
		snapshot.burned_reputation,
		snapshot.token_supply,
		snapshot.reserve
	)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn names_with_commas_and_quotes_are_quoted() {
		let names = vec!["a,b".to_owned(), "say \"hi\"".to_owned()];
		assert_eq!(
			header(&names),
			"step,action,error,block,\"reputation:a,b\",\"tokens:a,b\",\
			 \"reputation:say \"\"hi\"\"\",\"tokens:say \"\"hi\"\"\",\
			 total_reputation,burned_reputation,token_supply,reserve"
		);
	}
}
