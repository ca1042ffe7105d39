//! `dyad eval …`: accuracy against gold standards — the event coder on the peers'
//! validation suites and our own gold files, segmentation against UD treebanks.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use crate::args::{EvalArgs, EvalCommand, Paths};

/// Runs `dyad eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(EvalCommand::Segment(paths)) => segment(&paths),
        None => crate::cmd::code::eval_suite(&args),
    }
}

fn segment(paths: &Paths) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in &paths.files {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let t = std::time::Instant::now();
        let r = dyad_text::eval_segmentation(&text)
            .with_context(|| format!("scoring {}", path.display()))?;
        let secs = t.elapsed().as_secs_f64();
        writeln!(
            out,
            "== {} ({} documents, {:.2} s)",
            path.display(),
            r.documents,
            secs
        )?;
        let s = &r.scores;
        writeln!(
            out,
            "tokens F1 {:.2}  words F1 {:.2}  sentences F1 {:.2}",
            100.0 * s.tokens.f1(),
            100.0 * s.words.f1(),
            100.0 * s.sentences.f1()
        )?;
        if r.parse_errors > 0 {
            writeln!(out, "({} malformed gold lines skipped)", r.parse_errors)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
