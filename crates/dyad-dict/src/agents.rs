//! Agent dictionaries: role nouns that give an actor its sector code.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN      # a substitution set
//! FARMER [~AGR]                          # plural FARMERS made automatically
//! POLICE {} [~COP]                       # `{}`: no plural
//! THIEF {THIEVES} [~CRM]                 # an irregular plural
//! CONGRESS!PERSON! [~LEG]                # CONGRESSMAN, CONGRESSMEN, ...
//! HUMAN_RIGHTS_BODY [NGO~]               # `X~`: the code goes before the actor's code
//! ```
//!
//! Automatic plurals follow PETRARCH: a final `Y` becomes `IES`, a final `S` takes `ES`,
//! anything else takes `S`. A name ending in `_` (TABARI style) gets no automatic plural.

use crate::actors::bracket_groups;
use crate::diag::Sink;
use crate::lines::{logical_lines, offset_of, phrase_words};
use crate::FileId;

/// Where an agent code goes relative to the actor code it modifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended after the actor code (USA + GOV = USAGOV).
    Suffix,
    /// `[NGO~]`: put before the actor code.
    Prefix,
}

/// One agent line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// The file it comes from.
    pub file: FileId,
    /// Its line.
    pub line: u32,
    /// The phrase as written (may hold a `!MARKER!`).
    pub text: String,
    /// The plural as written: `None` when absent (automatic), `Some("")` for `{}`.
    pub plural: Option<String>,
    /// The code without `~`.
    pub code: String,
    /// Where the code goes.
    pub placement: AgentPlacement,
    /// Every word sequence the entry matches (singular, plural, substitutions).
    pub forms: Vec<Vec<String>>,
    /// The comment on the line, if any.
    pub comment: Option<String>,
}

/// A `!NAME! = A, B, C` substitution set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentMarker {
    /// Marker name without the `!`s.
    pub name: String,
    /// Replacement strings.
    pub values: Vec<String>,
    /// Its line.
    pub line: u32,
}

/// PETRARCH's regular plural of a phrase: applied to its last character.
pub fn regular_plural(s: &str) -> Option<String> {
    let s = s.trim_end();
    if s.is_empty() || s.ends_with('_') {
        return None;
    }
    Some(if let Some(stem) = s.strip_suffix('Y') {
        format!("{stem}IES")
    } else if s.ends_with('S') {
        format!("{s}ES")
    } else {
        format!("{s}S")
    })
}

/// Parses an agents file.
pub(crate) fn parse(
    text: &str,
    file: FileId,
    sink: &mut Sink<'_>,
) -> (Vec<AgentEntry>, Vec<AgentMarker>) {
    let mut entries = Vec::new();
    let mut markers: Vec<AgentMarker> = Vec::new();
    for line in logical_lines(text) {
        let body = line.body.trim();
        let at = offset_of(line.raw, body);
        if body.starts_with('!') && body.contains('=') && !body.contains('[') {
            let (lhs, rhs) = body.split_once('=').unwrap_or((body, ""));
            let name = lhs.trim().trim_matches('!').to_string();
            if name.is_empty() || lhs.trim().matches('!').count() != 2 {
                sink.error(
                    line.no,
                    line.raw,
                    at,
                    "substitution marker must be written `!NAME! = A, B`; ignored",
                );
                continue;
            }
            let values: Vec<String> = rhs
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            markers.push(AgentMarker {
                name,
                values,
                line: line.no as u32,
            });
            continue;
        }
        let Some(open) = body.find('[') else {
            // PETRARCH logs "Codes are required for agents" and skips the line; so do we.
            sink.warn(
                line.no,
                line.raw,
                at,
                "agent without a code in `[...]`; skipped",
            );
            continue;
        };
        let (groups, unclosed) = bracket_groups(&body[open..]);
        if unclosed.is_some() {
            sink.warn(
                line.no,
                line.raw,
                at + open,
                "`[` without `]`; read to the end of the line",
            );
        } else if body[open..].contains('}') && !body[open..].contains(']') {
            sink.warn(
                line.no,
                line.raw,
                at + open,
                "code closed with `}` instead of `]`",
            );
        }
        if groups.len() > 1 {
            sink.warn(
                line.no,
                line.raw,
                at + open,
                "more than one code; only the first is used",
            );
        }
        let raw_code: String = groups
            .first()
            .map(|g| g.0)
            .unwrap_or("")
            .split_whitespace()
            .collect();
        let (code, placement) = if let Some(c) = raw_code.strip_prefix('~') {
            (c.to_string(), AgentPlacement::Suffix)
        } else if let Some(c) = raw_code.strip_suffix('~') {
            (c.to_string(), AgentPlacement::Prefix)
        } else {
            sink.warn(
                line.no,
                line.raw,
                at + open,
                format!("agent code `{raw_code}` without `~`; read as `~{raw_code}`"),
            );
            (raw_code.clone(), AgentPlacement::Suffix)
        };
        if code.is_empty() {
            sink.error(line.no, line.raw, at + open, "empty agent code; ignored");
            continue;
        }
        let name_part = &body[..open];
        let (name, plural) = match name_part.find('{') {
            Some(b) => match name_part[b..].find('}') {
                Some(e) => (
                    name_part[..b].trim(),
                    Some(name_part[b + 1..b + e].trim().to_string()),
                ),
                None => {
                    sink.error(line.no, line.raw, at + b, "`{` without `}`; ignored");
                    continue;
                }
            },
            None => (name_part.trim(), None),
        };
        if name.is_empty() {
            sink.error(line.no, line.raw, at, "agent without a name; ignored");
            continue;
        }
        let mut forms = Vec::new();
        if name.contains('!') {
            // PETRARCH: each value replaces the marker, with no plural formation.
            let parts: Vec<&str> = name.splitn(3, '!').collect();
            let marker = (parts.len() == 3).then(|| parts[1]);
            match marker.and_then(|m| markers.iter().find(|x| x.name == m)) {
                Some(m) => {
                    for v in &m.values {
                        forms.push(phrase_words(&format!("{}{}{}", parts[0], v, parts[2])));
                    }
                }
                None => {
                    sink.warn(
                        line.no,
                        line.raw,
                        at + name.find('!').unwrap_or(0),
                        format!(
                            "substitution marker `!{}!` is not defined above; line skipped",
                            marker.unwrap_or("")
                        ),
                    );
                    continue;
                }
            }
        } else {
            forms.push(phrase_words(name));
            let pl = match &plural {
                Some(p) => (!p.is_empty()).then(|| p.clone()),
                None => regular_plural(&name.to_uppercase()),
            };
            if let Some(p) = pl {
                forms.push(phrase_words(&p));
            }
        }
        forms.retain(|f| !f.is_empty());
        entries.push(AgentEntry {
            file,
            line: line.no as u32,
            text: name.to_string(),
            plural,
            code: code.to_ascii_uppercase(),
            placement,
            forms,
            comment: line.comment.map(str::to_string),
        });
    }
    (entries, markers)
}

/// Writes agents (and the markers they use) back in the agents format.
pub fn write(entries: &[AgentEntry], markers: &[AgentMarker]) -> String {
    let mut out = String::new();
    for m in markers {
        out.push_str(&format!("!{}! = {}\n", m.name, m.values.join(", ")));
    }
    for e in entries {
        out.push_str(&e.text);
        if let Some(p) = &e.plural {
            out.push_str(&format!(" {{{p}}}"));
        }
        match e.placement {
            AgentPlacement::Suffix => out.push_str(&format!(" [~{}]\n", e.code)),
            AgentPlacement::Prefix => out.push_str(&format!(" [{}~]\n", e.code)),
        }
    }
    out
}
