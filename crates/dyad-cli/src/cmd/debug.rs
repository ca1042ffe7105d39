//! `dyad debug clean|sentences|tokens`: each early stage's output, shown to a person.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use dyad_types::Article;

use crate::args::DebugCommand;
use crate::input::for_each_article;

/// Runs one `debug` subcommand.
pub fn run(cmd: DebugCommand) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match cmd {
        DebugCommand::Clean(args) => for_each_article(&args, |a| show_clean(&mut out, a))?,
        DebugCommand::Sentences(args) => for_each_article(&args, |a| show_sentences(&mut out, a))?,
        DebugCommand::Tokens(args) => for_each_article(&args, |a| show_tokens(&mut out, a))?,
    };
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn header(out: &mut impl Write, a: &Article) -> std::io::Result<()> {
    write!(out, "# article {}", a.id)?;
    if let Some(d) = &a.published {
        write!(out, "  date {d}")?;
    }
    if let Some(u) = &a.url {
        write!(out, "  url {u}")?;
    }
    writeln!(out)?;
    if let Some(t) = &a.title {
        writeln!(out, "# title {t}")?;
    }
    Ok(())
}

fn show_clean(out: &mut impl Write, a: &Article) -> anyhow::Result<()> {
    header(out, a)?;
    for act in &a.actions {
        writeln!(
            out,
            "# {:?} raw {}..{}: {}",
            act.kind, act.raw.start, act.raw.end, act.note
        )?;
    }
    writeln!(out, "{}\n", a.text)?;
    Ok(())
}

fn show_sentences(out: &mut impl Write, a: &Article) -> anyhow::Result<()> {
    header(out, a)?;
    for s in dyad_text::segment_article(a) {
        writeln!(
            out,
            "{}\t{}..{}\t{}",
            s.index,
            s.raw.start,
            s.raw.end,
            s.text(&a.text)
        )?;
    }
    writeln!(out)?;
    Ok(())
}

fn show_tokens(out: &mut impl Write, a: &Article) -> anyhow::Result<()> {
    header(out, a)?;
    for s in dyad_text::segment_article(a) {
        writeln!(
            out,
            "# sentence {} {}..{}: {}",
            s.index,
            s.raw.start,
            s.raw.end,
            s.text(&a.text)
        )?;
        for (i, t) in s.tokens.iter().enumerate() {
            let mwt = s
                .multiword
                .iter()
                .find(|m| m.first <= i && i <= m.last)
                .map_or(String::new(), |m| {
                    format!("\tpart of {}-{}", m.first + 1, m.last + 1)
                });
            writeln!(
                out,
                "{}\t{}\t{}..{}{}",
                i + 1,
                t.text,
                t.raw.start,
                t.raw.end,
                mwt
            )?;
        }
    }
    writeln!(out)?;
    Ok(())
}
