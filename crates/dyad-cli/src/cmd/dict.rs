//! `dyad dict check`: load dictionaries in any supported format (or the built-in defaults),
//! lint them, and print every diagnostic (`file:line: message`, the line, a caret) and the
//! per-file entry counts. `dyad dict test`: code test sentences and print the pass rate per
//! CAMEO root.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use dyad_dict::{CheckOptions, DictKind, LoadError, LoadOptions};

use crate::args::{DictCheckArgs, DictCommand, DictTestArgs};

/// Runs one `dict` subcommand.
pub fn run(cmd: DictCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DictCommand::Check(args) => check(&args),
        DictCommand::Test(args) => test(&args),
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
    let (t, cpu0) = (std::time::Instant::now(), dyad_nlp::cpu_seconds());
    let loaded = if args.files.is_empty() {
        Ok(dyad_dict::defaults::load())
    } else {
        dyad_dict::load_paths(&args.files, &opts)
    };
    let load_ms = t.elapsed().as_secs_f64() * 1e3;
    let cpu_ms = match (cpu0, dyad_nlp::cpu_seconds()) {
        (Some(a), Some(b)) => format!(", {:.0} ms of CPU", (b - a) * 1e3),
        _ => String::new(),
    };
    let (dicts, mut diags) = match loaded {
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
    writeln!(out, "loaded and compiled in {load_ms:.0} ms{cpu_ms}")?;
    Ok(if stats.errors() > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Runs `dyad dict test`: every record of the gold files is coded from its text and
/// checked exactly; the table gives passes per category (the CAMEO root for dyad's tests).
fn test(args: &DictTestArgs) -> anyhow::Result<ExitCode> {
    let mut files: Vec<(String, String)> = Vec::new();
    if args.files.is_empty() {
        for (p, t) in dyad_dict::defaults::tests() {
            files.push((format!("dictionaries/{p}"), (*t).to_string()));
        }
        if files.is_empty() {
            anyhow::bail!("this build has no built-in dictionary tests: give gold files");
        }
    } else {
        for p in &args.files {
            let text =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            files.push((p.display().to_string(), text));
        }
    }
    let mut records = Vec::new();
    for (name, text) in &files {
        let (recs, warnings) = dyad_eval::parse_gold(text);
        for w in warnings {
            crate::input::eprint_line(&format!("dyad: {name}: {w}"));
        }
        records.extend(recs);
    }
    let suite = dyad_eval::Suite::from_records(dyad_eval::SuiteKind::Gold, records);
    let dicts = crate::cmd::code::load_dicts(&args.dicts.dict, Vec::new())?;
    let analyzer = crate::cmd::parse::analyzer(&args.models)?;
    let report = dyad_code::suite::run_suite(&suite, &dicts, Some(&analyzer), false);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let text = report.render(args.list);
    writeln!(out, "{text}")?;
    writeln!(out, "{}", pass_rates(&report))?;
    writeln!(out, "dictionaries: {}", dicts.version())?;
    Ok(ExitCode::SUCCESS)
}

/// The pass rate per category (root), then in all, as a table.
fn pass_rates(report: &dyad_eval::Report) -> String {
    let mut s = format!(
        "{:<8} {:>7} {:>7} {:>7}\n",
        "root", "records", "passed", "rate"
    );
    let rate = |p: usize, n: usize| {
        if n == 0 {
            0.0
        } else {
            100.0 * p as f64 / n as f64
        }
    };
    for (c, p, n) in &report.categories {
        s.push_str(&format!("{c:<8} {n:>7} {p:>7} {:>6.1}%\n", rate(*p, *n)));
    }
    s.push_str(&format!(
        "{:<8} {:>7} {:>7} {:>6.1}%",
        "all",
        report.evaluated,
        report.exact,
        rate(report.exact, report.evaluated)
    ));
    s
}
