//! The smaller files: UniversalPetrarch's internal coding ontology (PICO), TABARI
//! `.options` and `.project` files, and plain word lists (PETRARCH's prepositions).

use crate::diag::Sink;
use crate::lines::{decode_free_lines, offset_of};
use crate::FileId;

/// A PICO line: `CAMEO:VALUE[#LABEL]`, where the value is a signed sum of hex terms:
/// `010:0x1000#Make Public Statement`, `011:0x1000-0xFFFF`, `121:-0xFFFF+0x0070`, `---:0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PicoEntry {
    /// The file.
    pub file: FileId,
    /// Its line.
    pub line: u32,
    /// The CAMEO code (or `---`).
    pub cameo: String,
    /// The signed terms of the value, in order.
    pub terms: Vec<i64>,
    /// The label after `#`, if any.
    pub label: Option<String>,
}

impl PicoEntry {
    /// The value: the sum of the terms.
    pub fn value(&self) -> i64 {
        self.terms.iter().sum()
    }
}

fn number(s: &str) -> Option<i64> {
    let s = s.trim();
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => i64::from_str_radix(h, 16).ok(),
        None => s.parse().ok(),
    }
}

/// Splits `-0xFFFF+0x0070` into signed terms.
fn terms(s: &str) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    let mut sign = 1i64;
    let mut cur = String::new();
    for c in s.trim().chars() {
        if c == '+' || c == '-' {
            if !cur.trim().is_empty() {
                out.push(sign * number(&cur)?);
                cur.clear();
            } else if !cur.is_empty() || !out.is_empty() && c == '+' {
                return None;
            }
            sign = if c == '-' { -1 } else { 1 };
        } else {
            cur.push(c);
        }
    }
    if cur.trim().is_empty() {
        return None;
    }
    out.push(sign * number(&cur)?);
    Some(out)
}

/// Parses a PICO file. Only whole-line `#` comments exist here: a `#` after a code is its
/// label.
pub(crate) fn parse_pico(text: &str, file: FileId, sink: &mut Sink<'_>) -> Vec<PicoEntry> {
    let mut out = Vec::new();
    for (no, raw) in decode_free_lines(text) {
        let t = raw.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let at = offset_of(raw, t);
        let (main, label) = match t.split_once('#') {
            Some((m, l)) => (m.trim(), Some(l.trim().to_string())),
            None => (t, None),
        };
        let Some((cameo, rest)) = main.split_once(':') else {
            sink.error(no, raw, at, "PICO line must be `CAMEO:VALUE`; ignored");
            continue;
        };
        let Some(terms) = terms(rest) else {
            sink.error(
                no,
                raw,
                at + cameo.len() + 1,
                format!(
                    "bad value `{}` (want hex terms joined by + or -); ignored",
                    rest.trim()
                ),
            );
            continue;
        };
        out.push(PicoEntry {
            file,
            line: no as u32,
            cameo: cameo.trim().to_string(),
            terms,
            label,
        });
    }
    out
}

/// One setting of a TABARI options or project file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabariSetting {
    /// The file.
    pub file: FileId,
    /// Its line.
    pub line: u32,
    /// The keyword (`COMPLEX`, `SET`, `LABEL`, or a project tag such as `verbsfile`).
    pub key: String,
    /// The rest of the line.
    pub value: String,
}

/// Parses a TABARI `.options` file: `KEYWORD: value` lines, `//` comments.
pub(crate) fn parse_options(text: &str, file: FileId, sink: &mut Sink<'_>) -> Vec<TabariSetting> {
    let mut out = Vec::new();
    for (no, raw) in decode_free_lines(text) {
        let t = raw.trim();
        if t.is_empty() || t.starts_with("//") || t.starts_with(';') {
            continue;
        }
        // TABARI ends files with a line of tildes (or `~~FINISH`); nothing after counts.
        if t.starts_with("~~") {
            break;
        }
        match t.split_once(':') {
            Some((k, v)) if !k.trim().is_empty() && !k.trim().contains(' ') => {
                out.push(TabariSetting {
                    file,
                    line: no as u32,
                    key: k.trim().to_ascii_uppercase(),
                    value: v.trim().to_string(),
                });
            }
            _ => sink.warn(
                no,
                raw,
                offset_of(raw, t),
                "options line is not `KEYWORD: value`; ignored",
            ),
        }
    }
    out
}

/// Parses a TABARI `.project` file: a title line, `<tag> value` lines naming the files,
/// and a session log (kept as `session` settings).
pub(crate) fn parse_project(text: &str, file: FileId, sink: &mut Sink<'_>) -> Vec<TabariSetting> {
    let mut out = Vec::new();
    for (i, (no, raw)) in decode_free_lines(text).into_iter().enumerate() {
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        if !t.starts_with('<') {
            if i > 0 {
                sink.warn(
                    no,
                    raw,
                    offset_of(raw, t),
                    "project line is not `<tag> value`; ignored",
                );
            }
            continue;
        }
        let Some(e) = t.find('>') else {
            sink.warn(no, raw, offset_of(raw, t), "`<` without `>`; ignored");
            continue;
        };
        let tag = t[1..e].trim();
        let (key, extra) = tag.split_once(' ').unwrap_or((tag, ""));
        let mut value = t[e + 1..].trim().to_string();
        if !extra.is_empty() {
            value = format!("{} {}", extra.trim(), value).trim().to_string();
        }
        out.push(TabariSetting {
            file,
            line: no as u32,
            key: key.to_ascii_lowercase(),
            value,
        });
    }
    out
}

/// Parses a word list (one word or phrase a line, `#` comments).
pub(crate) fn parse_word_list(text: &str) -> Vec<(String, u32)> {
    crate::lines::logical_lines(text)
        .into_iter()
        .map(|l| (l.body.trim().to_string(), l.no as u32))
        .collect()
}
