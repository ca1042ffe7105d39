//! Actor dictionaries (TABARI `.actors`, PETRARCH `*.actors.txt`): names with `_` joins,
//! `+` alternate names, and codes in brackets with optional date restrictions.
//!
//! ```text
//! ARMENIA_  [ARM]            # a name, its code, a comment
//! +YEREVAN_                  # an alternate name for the same actor
//! SERZH_SARKISYAN_
//!     [ARMELI 720101-000101] # 1972-01-01 through 2000-01-01, both days
//!     [ARMGOV >080409]       # from 2008-04-09 on
//!     [ARMELI]               # undated: applies when no dated code holds
//! ```
//!
//! A name whose last character is not `_` is a stem in TABARI: its last word matches any
//! token that starts with it (`ARGENTIN` matches `ARGENTINA`, `ARGENTINE`).

use crate::date::{DateRange, DictDate};
use crate::diag::Sink;
use crate::lines::{logical_lines, offset_of, phrase_words, Line};
use crate::FileId;

/// One name (primary or alternate) of an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorName {
    /// The name as written, e.g. `AFGHAN_` or `DURTHANG ORC`.
    pub text: String,
    /// Upper-cased words (split at `_` and spaces).
    pub words: Vec<String>,
    /// True when the last word is a stem (the name does not end with `_`).
    pub stem: bool,
    /// Line where the name is written.
    pub line: u32,
}

/// One bracketed code of an actor with its date restriction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorCode {
    /// The code, e.g. `ARMGOV`; `---` is the null code.
    pub code: String,
    /// When it applies.
    pub range: DateRange,
    /// Line where the code is written.
    pub line: u32,
}

/// An actor: its names and its codes, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The file it comes from.
    pub file: FileId,
    /// Line of the primary name.
    pub line: u32,
    /// Primary name first, then the `+` alternates.
    pub names: Vec<ActorName>,
    /// Codes in file order; for a date, the first whose range holds applies.
    pub codes: Vec<ActorCode>,
    /// The comment on the primary name's line, if any.
    pub comment: Option<String>,
}

impl ActorEntry {
    /// The code that applies on `date`, PETRARCH's way: the first dated code whose range
    /// holds wins over an undated default wherever the default is written (TABARI and
    /// PETRARCH files put the default first: `SAM_GAMGEE [HOB]` then `[HOBCIV <20080120]`);
    /// when no dated code holds, the first undated code. Without a date, the first
    /// undated code, or failing that the first code.
    pub fn code_on(&self, date: Option<DictDate>) -> Option<&ActorCode> {
        let undated = || self.codes.iter().find(|c| c.range.is_unbounded());
        match date {
            Some(d) => self
                .codes
                .iter()
                .find(|c| !c.range.is_unbounded() && c.range.contains(d))
                .or_else(undated),
            None => undated().or_else(|| self.codes.first()),
        }
    }
}

/// Words listed in TABARI's `<NOUN>` and `<ADJECTIVE>` sections of an actors file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorWordLists {
    /// Nouns (with their line).
    pub nouns: Vec<(String, u32)>,
    /// Adjectives (with their line).
    pub adjectives: Vec<(String, u32)>,
}

/// Parses the content of one `[...]` actor code. `at` is the byte offset of the content
/// in the raw line (for carets).
pub(crate) fn parse_actor_code(
    content: &str,
    line: &Line<'_>,
    at: usize,
    sink: &mut Sink<'_>,
) -> Option<ActorCode> {
    let content = content.trim();
    let mut parts = content.split_whitespace();
    let code = parts.next().unwrap_or("");
    if code.is_empty() {
        sink.error(line.no, line.raw, at, "empty code `[]`; ignored");
        return None;
    }
    if code.starts_with(|c: char| c.is_ascii_digit() || c == '<' || c == '>') {
        sink.error(
            line.no,
            line.raw,
            at,
            format!("code missing before date `{content}`; ignored"),
        );
        return None;
    }
    let rest: String = parts.collect::<Vec<_>>().concat();
    let mut range = DateRange::default();
    let bad_date = |sink: &mut Sink<'_>, d: &str| {
        // Point the caret at the date itself.
        let here = at + line.raw.get(at..).and_then(|r| r.find(d)).unwrap_or(0);
        sink.warn(
            line.no,
            line.raw,
            here,
            format!("malformed date `{d}` (want YYMMDD or YYYYMMDD); code `{code}` ignored"),
        );
    };
    if rest.is_empty() {
    } else if let Some(d) = rest.strip_prefix('<') {
        match DictDate::parse(d) {
            Some(d) => range.end = Some(d),
            None => {
                bad_date(sink, d);
                return None;
            }
        }
    } else if let Some(d) = rest.strip_prefix('>') {
        match DictDate::parse(d) {
            Some(d) => range.start = Some(d),
            None => {
                bad_date(sink, d);
                return None;
            }
        }
    } else if let Some((a, b)) = rest.split_once('-') {
        match (DictDate::parse(a), DictDate::parse(b)) {
            (Some(a), Some(b)) => {
                range.start = Some(a);
                range.end = Some(b);
            }
            (None, _) => {
                bad_date(sink, a);
                return None;
            }
            (_, None) => {
                bad_date(sink, b);
                return None;
            }
        }
    } else {
        match DictDate::parse(&rest) {
            Some(d) => {
                sink.warn(
                    line.no,
                    line.raw,
                    at,
                    format!("bare date `{rest}` without `<`, `>` or a range; read as `>{rest}`"),
                );
                range.start = Some(d);
            }
            None => {
                bad_date(sink, &rest);
                return None;
            }
        }
    }
    if code.bytes().any(|b| b.is_ascii_lowercase()) {
        sink.warn(
            line.no,
            line.raw,
            at,
            format!("lower-case code `{code}`; read upper-cased"),
        );
    }
    Some(ActorCode {
        code: code.to_ascii_uppercase(),
        range,
        line: line.no as u32,
    })
}

/// Finds every `[...]` group in `s`; returns (content, byte offset of content in s).
/// A group closed by `}` instead of `]` (a typo in Phoenix.agents) is accepted with a
/// warning by the callers that care; here it simply ends the group.
pub(crate) fn bracket_groups(s: &str) -> (Vec<(&str, usize)>, Option<usize>) {
    let mut out = Vec::new();
    let mut unclosed = None;
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        if b[i] == b'[' {
            let start = i + 1;
            let end = s[start..].find([']', '}']).map(|e| start + e);
            match end {
                Some(e) => {
                    out.push((&s[start..e], start));
                    i = e + 1;
                    continue;
                }
                None => {
                    unclosed = Some(i);
                    out.push((&s[start..], start));
                    break;
                }
            }
        }
        i += 1;
    }
    (out, unclosed)
}

/// Parses an actors file. Returns its entries and the word lists.
pub(crate) fn parse(
    text: &str,
    file: FileId,
    sink: &mut Sink<'_>,
) -> (Vec<ActorEntry>, ActorWordLists) {
    let mut entries: Vec<ActorEntry> = Vec::new();
    let mut words = ActorWordLists::default();
    let mut section: Option<String> = None;
    for line in logical_lines(text) {
        let body = line.body.trim();
        let body_at = offset_of(line.raw, body);
        if body.starts_with('<') && body.ends_with('>') && !body.contains('[') {
            let tag = body[1..body.len() - 1].trim().to_ascii_uppercase();
            if let Some(t) = tag.strip_prefix('/') {
                if section.as_deref() != Some(t) {
                    sink.warn(
                        line.no,
                        line.raw,
                        body_at,
                        format!("closing tag `{body}` without its opening tag"),
                    );
                }
                section = None;
            } else if tag == "NOUN" || tag == "ADJECTIVE" {
                section = Some(tag);
            } else {
                sink.warn(
                    line.no,
                    line.raw,
                    body_at,
                    format!("unknown section tag `{body}`; ignored"),
                );
            }
            continue;
        }
        if let Some(sec) = &section {
            let list = if sec == "NOUN" {
                &mut words.nouns
            } else {
                &mut words.adjectives
            };
            list.push((body.to_string(), line.no as u32));
            continue;
        }
        if body.starts_with('[') {
            let Some(entry) = entries.last_mut() else {
                sink.error(
                    line.no,
                    line.raw,
                    body_at,
                    "code line before any actor name; ignored",
                );
                continue;
            };
            push_codes(body, body_at, &line, entry, sink);
            continue;
        }
        let (is_alt, name_part) = match body.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let name_end = name_part.find('[').unwrap_or(name_part.len());
        let name_text = name_part[..name_end].trim();
        let codes_part = &name_part[name_end..];
        let mut names = Vec::new();
        // `A_ +B_` on one line: two alternates run together (a typo in Countries). A `+`
        // inside a word (`B+H_OCEAN_CARRIERS_`) is part of the name, not a split: split
        // there, `B` became a stem matching every word that starts with a b.
        let pieces: Vec<&str> = split_alternates(name_text)
            .into_iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
        if pieces.len() > 1 {
            sink.warn(
                line.no,
                line.raw,
                offset_of(line.raw, name_text),
                "`+` inside a name; read as separate alternate names",
            );
        }
        for p in pieces {
            let p = p.trim();
            let w = phrase_words(p);
            if w.is_empty() {
                continue;
            }
            names.push(ActorName {
                text: p.to_string(),
                stem: !p.ends_with('_'),
                words: w,
                line: line.no as u32,
            });
        }
        if names.is_empty() {
            sink.error(
                line.no,
                line.raw,
                body_at,
                "actor line without a name; ignored",
            );
            continue;
        }
        if is_alt {
            match entries.last_mut() {
                Some(e) => e.names.extend(names),
                None => {
                    sink.error(
                        line.no,
                        line.raw,
                        body_at,
                        "alternate name before any actor; ignored",
                    );
                    continue;
                }
            }
        } else {
            entries.push(ActorEntry {
                file,
                line: line.no as u32,
                names,
                codes: Vec::new(),
                comment: line.comment.map(str::to_string),
            });
        }
        if !codes_part.trim().is_empty() {
            if let Some(entry) = entries.last_mut() {
                let at = offset_of(line.raw, codes_part);
                push_codes(codes_part, at, &line, entry, sink);
            }
        }
    }
    for e in &entries {
        if e.codes.is_empty() {
            let raw = e.names[0].text.as_str();
            sink.warn(
                e.line as usize,
                raw,
                0,
                format!("actor `{raw}` has no code (codes are not shared with the next name: write alternates with `+`)"),
            );
        }
    }
    (entries, words)
}

fn push_codes(s: &str, at: usize, line: &Line<'_>, entry: &mut ActorEntry, sink: &mut Sink<'_>) {
    let (groups, unclosed) = bracket_groups(s);
    if let Some(u) = unclosed {
        sink.warn(
            line.no,
            line.raw,
            at + u,
            "`[` without `]`; read to the end of the line",
        );
    }
    let mut covered = 0;
    for (content, off) in groups {
        let stray = s[covered..off.saturating_sub(1)].trim();
        if !stray.is_empty() {
            sink.warn(
                line.no,
                line.raw,
                at + covered + lead_ws(&s[covered..]),
                format!("text `{stray}` outside brackets ignored"),
            );
        }
        covered = (off + content.len() + 1).min(s.len());
        if let Some(c) = parse_actor_code(content, line, at + off, sink) {
            if !c.code.is_empty() {
                entry.codes.push(c);
            }
        }
    }
    let stray = s.get(covered..).unwrap_or("").trim();
    if !stray.is_empty() {
        sink.warn(
            line.no,
            line.raw,
            at + covered + lead_ws(s.get(covered..).unwrap_or("")),
            format!("text `{stray}` outside brackets ignored"),
        );
    }
}

/// `name_text` cut at each `+` that starts a name: at the start, or after `_` or
/// whitespace.
fn split_alternates(name_text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in name_text.char_indices() {
        if c == '+' && prev.is_none_or(|p| p == '_' || p.is_whitespace()) {
            out.push(&name_text[start..i]);
            start = i + 1;
        }
        prev = Some(c);
    }
    out.push(&name_text[start..]);
    out
}

/// Length of the leading whitespace of `s` (to put a caret on the first real character).
fn lead_ws(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// Writes entries back in the actors format (one code per line, dates as `YYYYMMDD`).
pub fn write(entries: &[ActorEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        for (i, n) in e.names.iter().enumerate() {
            if i > 0 {
                out.push('+');
            }
            out.push_str(&n.text);
            out.push('\n');
        }
        for c in &e.codes {
            out.push_str("\t[");
            out.push_str(&c.code);
            match (c.range.start, c.range.end) {
                (None, None) => {}
                (Some(s), None) => out.push_str(&format!(" >{s}")),
                (None, Some(e)) => out.push_str(&format!(" <{e}")),
                (Some(s), Some(e)) => out.push_str(&format!(" {s}-{e}")),
            }
            out.push_str("]\n");
        }
        out.push('\n');
    }
    out
}
