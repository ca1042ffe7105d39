//! Diagnostics: a problem found in a dictionary file, reported as `file:line: message`
//! with the offending line and a caret under the place where the problem starts.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Informational: nothing is wrong, but the entry may surprise (e.g. expired codes).
    Note,
    /// The line was read, but something in it was repaired or looks wrong.
    Warning,
    /// The line (or part of it) could not be read and was skipped.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem in one line of a dictionary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as given to the loader.
    pub file: String,
    /// 1-based line number (0 when the problem concerns the whole file).
    pub line: usize,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in words.
    pub message: String,
    /// The text of the offending line (without its line terminator).
    pub source_line: String,
    /// 0-based character column where the problem starts (used for the caret).
    pub column: usize,
}

impl Diagnostic {
    /// A diagnostic about `line` of `file`.
    pub fn new(
        file: &str,
        line: usize,
        severity: Severity,
        message: impl Into<String>,
        source_line: &str,
        column: usize,
    ) -> Self {
        Diagnostic {
            file: file.to_string(),
            line,
            severity,
            message: message.into(),
            source_line: source_line.to_string(),
            column,
        }
    }

    /// `file:line` of the diagnostic.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // About the whole file: no line to point at.
            write!(f, "{}: {}: {}", self.file, self.severity, self.message)?;
        } else {
            write!(
                f,
                "{}:{}: {}: {}",
                self.file, self.line, self.severity, self.message
            )?;
        }
        if !self.source_line.is_empty() {
            // Tabs are shown as single spaces so the caret lines up in any terminal.
            let shown: String = self
                .source_line
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            let col = self.column.min(shown.chars().count());
            write!(f, "\n    {}\n    {}^", shown, " ".repeat(col))?;
        }
        Ok(())
    }
}

/// Collects diagnostics for one file.
#[derive(Debug)]
pub(crate) struct Sink<'a> {
    pub file: &'a str,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a str) -> Self {
        Sink {
            file,
            diags: Vec::new(),
        }
    }

    /// Reports a problem at byte offset `at` of `text` (the raw line).
    pub fn at(
        &mut self,
        line: usize,
        text: &str,
        at: usize,
        sev: Severity,
        msg: impl Into<String>,
    ) {
        let at = at.min(text.len());
        let column = text.get(..at).map(|s| s.chars().count()).unwrap_or(0);
        self.diags
            .push(Diagnostic::new(self.file, line, sev, msg, text, column));
    }

    pub fn warn(&mut self, line: usize, text: &str, at: usize, msg: impl Into<String>) {
        self.at(line, text, at, Severity::Warning, msg);
    }

    pub fn error(&mut self, line: usize, text: &str, at: usize, msg: impl Into<String>) {
        self.at(line, text, at, Severity::Error, msg);
    }
}
