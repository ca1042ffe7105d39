//! Reading news for a command: inputs → ingestion → cleaning → the command's own work, one
//! article at a time, with every record counted as ok or skipped-with-a-reason, a progress
//! bar on a terminal, and the closing summary on stderr.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use anyhow::{bail, Context};
use dyad_ingest::{IngestOptions, InputFormat, JsonFields, Record};
use dyad_types::{Article, PubDate};

use crate::args::InputArgs;

/// What happened to the records of one run.
#[derive(Debug, Default)]
pub struct Summary {
    /// Records read (articles plus skipped records).
    pub read: usize,
    /// Articles that went through.
    pub ok: usize,
    /// Skipped records, counted by the reason's kind (`malformed-json`, `too-large`, …).
    pub skipped: BTreeMap<String, usize>,
    /// Warnings, counted by kind.
    pub warnings: BTreeMap<String, usize>,
}

impl Summary {
    fn skip(&mut self, kind: &str) {
        *self.skipped.entry(kind.to_string()).or_default() += 1;
    }

    /// Total skipped.
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// `N articles read, N ok, N skipped (reason: n, …)`.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} articles read, {} ok, {} skipped",
            self.read,
            self.ok,
            self.skipped_total()
        );
        if !self.skipped.is_empty() {
            let parts: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            s.push_str(&format!(" ({})", parts.join(", ")));
        }
        if !self.warnings.is_empty() {
            let parts: Vec<String> = self
                .warnings
                .iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect();
            s.push_str(&format!("; warnings ({})", parts.join(", ")));
        }
        s
    }
}

/// The reason's kind for counting: its text up to the first detail (`:` or `(`), so that
/// "malformed JSON at line 3: …" and "malformed JSON at line 9: …" count together.
fn reason_kind(reason: &str) -> String {
    let cut = reason.find([':', '(']).unwrap_or(reason.len());
    let kind = reason[..cut].trim();
    // Drop trailing location words such as "at line 3".
    let kind = match kind.find(" at line") {
        Some(i) => &kind[..i],
        None => kind,
    };
    kind.to_string()
}

/// Builds ingestion options from the command line.
pub fn ingest_options(args: &InputArgs) -> anyhow::Result<IngestOptions> {
    let format = match &args.input_format {
        None => None,
        Some(f) => Some(
            f.parse::<InputFormat>()
                .map_err(|e| anyhow::anyhow!("--input-format {f}: {e}"))?,
        ),
    };
    let date = match &args.date {
        None => None,
        Some(d) => match PubDate::parse(d) {
            Some(d) => Some(d),
            None => bail!("--date {d:?} is not a date (expected YYYY-MM-DD)"),
        },
    };
    Ok(IngestOptions {
        format,
        date,
        json: JsonFields {
            text: args.text_field.clone(),
            title: args.title_field.clone(),
            date: args.date_field.clone(),
            url: args.url_field.clone(),
            source: args.source_field.clone(),
            id: args.id_field.clone(),
        },
        max_article_bytes: args.max_article_bytes,
    })
}

/// Reads every input, cleans each article (unless `--no-clean`) and hands it to `each`.
/// A record that cannot be read, or an article `each` fails on, is reported on stderr and
/// counted; the batch goes on. An error writing output (such as a closed pipe) stops it.
pub fn for_each_article(
    args: &InputArgs,
    mut each: impl FnMut(&Article) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    if args.inputs.is_empty() {
        bail!("no INPUT given (a file, a directory, a glob, or - for stdin)");
    }
    let opts = ingest_options(args)?;
    let clean_opts = dyad_clean::CleanOptions::default();
    let sources = dyad_ingest::expand_inputs(&args.inputs);
    let mut summary = Summary::default();
    let bar = progress_bar(sources.len());
    for src in sources {
        let src = match src {
            Ok(src) => src,
            Err(skipped) => {
                summary.read += 1;
                report_skip(
                    &skipped.origin.path,
                    skipped.origin.line,
                    &skipped.reason.to_string(),
                );
                summary.skip(&skipped.reason.to_string());
                continue;
            }
        };
        if let Some(bar) = &bar {
            bar.set_message(src.path.display().to_string());
        }
        for record in dyad_ingest::read_source(&src, &opts) {
            summary.read += 1;
            match record {
                Record::Skipped(s) => {
                    report_skip(&s.origin.path, s.origin.line, &s.reason.to_string());
                    summary.skip(s.reason.kind());
                }
                Record::Article(mut article) => {
                    if !args.no_clean {
                        dyad_clean::clean(&mut article, &clean_opts);
                    }
                    for w in &article.warnings {
                        *summary.warnings.entry(reason_kind(w)).or_default() += 1;
                    }
                    match each(&article) {
                        Ok(()) => summary.ok += 1,
                        Err(e) if is_output_error(&e) => return Err(e),
                        Err(e) => {
                            report_skip(
                                &article.origin.path,
                                article.origin.line,
                                &format!("{e:#}"),
                            );
                            summary.skip("processing-error");
                        }
                    }
                }
            }
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.verbose || summary.skipped_total() > 0 || summary.ok == 0 {
        eprint_line(&summary.line());
    }
    if summary.ok == 0 && summary.read > 0 {
        bail!("no article could be read: {}", summary.line());
    }
    Ok(summary)
}

fn is_output_error(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| c.downcast_ref::<std::io::Error>().is_some())
}

fn report_skip(path: &str, line: usize, reason: &str) {
    if line > 0 {
        eprint_line(&format!("dyad: skipped {path}:{line}: {reason}"));
    } else {
        eprint_line(&format!("dyad: skipped {path}: {reason}"));
    }
}

/// Prints one diagnostic line on stderr (the CLI's one place for non-fatal messages).
pub fn eprint_line(s: &str) {
    #[allow(clippy::print_stderr, reason = "diagnostics of the CLI go to stderr")]
    {
        eprintln!("{s}");
    }
}

fn progress_bar(files: usize) -> Option<indicatif::ProgressBar> {
    if files < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    let style =
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files {elapsed} {wide_msg}")
            .context("progress bar template")
            .ok()?;
    bar.set_style(style);
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_kinds_group_details_away() {
        assert_eq!(
            reason_kind("malformed JSON at line 3: expected value"),
            "malformed JSON"
        );
        assert_eq!(reason_kind("too large (12000000 bytes)"), "too large");
        assert_eq!(reason_kind("empty"), "empty");
    }
}
