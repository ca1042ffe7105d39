//! Discard lists: phrases that mark a sentence (or, with a leading `+`, a whole story) as
//! not to be coded — sports, entertainment, history. A phrase ending in `_` must match
//! whole words; otherwise its last word is a stem.

use crate::diag::Sink;
use crate::lines::{logical_lines, offset_of, phrase_words};
use crate::FileId;

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardEntry {
    /// The file it comes from.
    pub file: FileId,
    /// Its line.
    pub line: u32,
    /// The phrase as written (without the leading `+`).
    pub text: String,
    /// Upper-cased words.
    pub words: Vec<String>,
    /// True for `+` phrases: the whole story is discarded.
    pub story: bool,
    /// True when the last word is a stem (no trailing `_`).
    pub stem: bool,
}

/// Parses a discards file.
pub(crate) fn parse(text: &str, file: FileId, sink: &mut Sink<'_>) -> Vec<DiscardEntry> {
    let mut out = Vec::new();
    for line in logical_lines(text) {
        let body = line.body.trim();
        let (story, phrase) = match body.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (false, body),
        };
        if phrase.contains('[') {
            sink.warn(
                line.no,
                line.raw,
                offset_of(line.raw, phrase),
                "brackets in a discard phrase are read as words",
            );
        }
        let words = phrase_words(phrase);
        if words.is_empty() {
            sink.error(
                line.no,
                line.raw,
                offset_of(line.raw, body),
                "empty discard phrase; ignored",
            );
            continue;
        }
        out.push(DiscardEntry {
            file,
            line: line.no as u32,
            text: phrase.to_string(),
            stem: !phrase.ends_with('_'),
            words,
            story,
        });
    }
    out
}

/// Writes discards back in the discards format.
pub fn write(entries: &[DiscardEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        if e.story {
            out.push('+');
        }
        out.push_str(&e.text);
        out.push('\n');
    }
    out
}
