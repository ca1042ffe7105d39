//! `dyad dict check`: load dictionaries in any supported format, lint them, and print every
//! diagnostic (`file:line: message`, the line, a caret) and the per-file entry counts.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use dyad_dict::{CheckOptions, DictKind, LoadError, LoadOptions};

use crate::args::{DictCheckArgs, DictCommand};

/// Runs one `dict` subcommand.
pub fn run(cmd: DictCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DictCommand::Check(args) => check(&args),
    }
}

fn check(args: &DictCheckArgs) -> anyhow::Result<ExitCode> {
    let mut opts = LoadOptions {
        strict: args.strict,
        ..LoadOptions::default()
    };
    if let Some(k) = &args.kind {
        opts.kind = Some(
            DictKind::parse(k).with_context(|| format!("--kind {k}: unknown dictionary kind"))?,
        );
    }
    let as_of = match &args.as_of {
        None => None,
        Some(d) => Some(crate::cmd::code::parse_date(d).context("--as-of")?),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let (dicts, mut diags) = match dyad_dict::load_paths(&args.files, &opts) {
        Ok(x) => x,
        Err(LoadError::Strict { diagnostics }) => {
            for d in &diagnostics {
                writeln!(out, "{d}")?;
            }
            anyhow::bail!(
                "{} error(s) with --strict; nothing loaded",
                diagnostics.len()
            );
        }
        Err(e) => return Err(e.into()),
    };
    diags.extend(dyad_dict::check_with(&dicts, &CheckOptions { as_of }));
    for d in &diags {
        writeln!(out, "{d}")?;
    }
    let stats = dicts.stats(&diags);
    writeln!(out, "{stats}")?;
    Ok(if stats.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
