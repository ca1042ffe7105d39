//! Entry counts per kind per file, and diagnostic counts, for `dyad dict check`.

use std::fmt;

use crate::diag::{Diagnostic, Severity};
use crate::{DictKind, Dictionaries};

/// Counts for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStats {
    /// The path.
    pub path: String,
    /// Its kind.
    pub kind: DictKind,
    /// `(what, how many)`, e.g. `("actors", 120)`, `("names", 300)`.
    pub counts: Vec<(&'static str, usize)>,
    /// Warnings in its diagnostics.
    pub warnings: usize,
    /// Errors in its diagnostics.
    pub errors: usize,
}

/// Counts for a loaded set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    /// One row per file, in load order.
    pub files: Vec<FileStats>,
    /// The set's version string.
    pub version: String,
}

impl Stats {
    /// Counts entries of `d` and the diagnostics per file.
    pub fn new(d: &Dictionaries, diags: &[Diagnostic]) -> Stats {
        let mut files = Vec::new();
        for (i, f) in d.files.iter().enumerate() {
            let id = i as u16;
            let mut counts: Vec<(&'static str, usize)> = Vec::new();
            match f.kind {
                DictKind::Actors => {
                    let a: Vec<_> = d.actors.iter().filter(|a| a.file == id).collect();
                    counts.push(("actors", a.len()));
                    counts.push(("names", a.iter().map(|a| a.names.len()).sum()));
                    counts.push(("codes", a.iter().map(|a| a.codes.len()).sum()));
                    counts.push((
                        "dated codes",
                        a.iter()
                            .flat_map(|a| &a.codes)
                            .filter(|c| !c.range.is_unbounded())
                            .count(),
                    ));
                    if let Some((_, w)) = d.actor_words.iter().find(|(f, _)| *f == id) {
                        counts.push(("nouns", w.nouns.len()));
                        counts.push(("adjectives", w.adjectives.len()));
                    }
                }
                DictKind::Agents => {
                    let a: Vec<_> = d.agents.iter().filter(|a| a.file == id).collect();
                    counts.push(("agents", a.len()));
                    counts.push(("forms", a.iter().map(|a| a.forms.len()).sum()));
                    let m = d
                        .agent_markers
                        .iter()
                        .find(|(f, _)| *f == id)
                        .map(|(_, m)| m.len())
                        .unwrap_or(0);
                    counts.push(("markers", m));
                }
                DictKind::VerbsTabari | DictKind::VerbsPetrarch2 => {
                    if let Some(v) = d.verbs.iter().find(|v| v.file == id) {
                        counts.push(("families", v.families.len()));
                        counts.push(("verbs", v.families.iter().map(|f| f.verbs.len()).sum()));
                        counts.push((
                            "patterns",
                            v.families.iter().map(|f| f.patterns.len()).sum(),
                        ));
                        counts.push(("synsets", v.synsets.len()));
                        counts.push((
                            "synset members",
                            v.synsets.iter().map(|s| s.members.len()).sum(),
                        ));
                        if !v.transformations.is_empty() {
                            counts.push(("transformations", v.transformations.len()));
                        }
                        if !v.time.is_empty() {
                            counts.push(("time entries", v.time.len()));
                        }
                    }
                }
                DictKind::Discards => {
                    let x: Vec<_> = d.discards.iter().filter(|x| x.file == id).collect();
                    counts.push(("discards", x.len()));
                    counts.push(("story discards", x.iter().filter(|x| x.story).count()));
                }
                DictKind::Issues => {
                    let x: Vec<_> = d.issues.iter().filter(|x| x.file == id).collect();
                    counts.push(("issues", x.len()));
                    counts.push(("forms", x.iter().map(|x| x.forms.len()).sum()));
                    counts.push(("exclusions", x.iter().filter(|x| x.code.is_empty()).count()));
                }
                DictKind::Ontology => {
                    counts.push(("codes", d.ontology.iter().filter(|x| x.file == id).count()))
                }
                DictKind::TabariOptions | DictKind::TabariProject => counts.push((
                    "settings",
                    d.settings.iter().filter(|x| x.file == id).count(),
                )),
                DictKind::WordList => {
                    let n = d
                        .word_lists
                        .iter()
                        .find(|(f, _)| *f == id)
                        .map(|(_, w)| w.len())
                        .unwrap_or(0);
                    counts.push(("words", n));
                }
            }
            let mine = diags.iter().filter(|x| x.file == f.path);
            let (mut warnings, mut errors) = (0, 0);
            for x in mine {
                match x.severity {
                    Severity::Warning => warnings += 1,
                    Severity::Error => errors += 1,
                    Severity::Note => {}
                }
            }
            files.push(FileStats {
                path: f.path.clone(),
                kind: f.kind,
                counts,
                warnings,
                errors,
            });
        }
        Stats {
            files,
            version: d.version(),
        }
    }

    /// Total errors.
    pub fn errors(&self) -> usize {
        self.files.iter().map(|f| f.errors).sum()
    }

    /// Total warnings.
    pub fn warnings(&self) -> usize {
        self.files.iter().map(|f| f.warnings).sum()
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self
            .files
            .iter()
            .map(|x| x.path.len())
            .max()
            .unwrap_or(4)
            .max(4);
        writeln!(
            f,
            "{:<w$}  {:<16} {:>6} {:>6}  entries",
            "file", "kind", "warn", "error"
        )?;
        for x in &self.files {
            let counts: Vec<String> = x.counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
            writeln!(
                f,
                "{:<w$}  {:<16} {:>6} {:>6}  {}",
                x.path,
                x.kind.name(),
                x.warnings,
                x.errors,
                counts.join(", ")
            )?;
        }
        write!(
            f,
            "{} file(s), {} warning(s), {} error(s); dict_version {}",
            self.files.len(),
            self.warnings(),
            self.errors(),
            self.version
        )
    }
}
