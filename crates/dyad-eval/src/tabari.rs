//! TABARI's validation suite: the `.project` file and `.text` records with expected
//! events in `/* … {SRC / TGT / CODE} … */` comment blocks.
//!
//! The rules follow TABARI 0.8.4's own reader and validator (`readRecord`,
//! `checkEvents`), documented in `docs/gold-format.md`:
//! - a record starts at a line whose first character is a digit: `YYMMDD` then the ID;
//!   its text runs to the first empty line; lines are joined with a space;
//! - expected events are the `{…}` blocks after the first `/*`; `{---}` (no event),
//!   `{###}` (discarded) and `{+++}` (rejected as too complex) mean "no event";
//! - `{ OPTION: … }` records change settings and are not checked; a block written `-{…}`
//!   stops the check there (first block: record unchecked; later: extra events allowed);
//! - the first record is read before validation starts and the validator stops at the
//!   record that says "end of the standard validation records", so neither is evaluated
//!   (nor is anything after it).

use crate::{norm_ws, Check, GoldEvent, GoldRecord};

/// What a `.project` file names.
#[derive(Debug, Clone, Default)]
pub struct TabariProject {
    /// `(kind, file name as written)` for actors, agents, verbs, options, issues.
    pub dictionaries: Vec<(&'static str, String)>,
    /// `<textfile>` names, in order.
    pub text_files: Vec<String>,
    /// Unreadable lines.
    pub warnings: Vec<String>,
}

/// Parses a TABARI `.project` file (pure).
///
/// Tags are recognised as TABARI does, by their first letters: `<actorsfile>`,
/// `<agentsfile>`, `<verbsfile>`, `<optionsfile>`, `<issuesfile>`, `<textfile>`;
/// `<session …>` history lines and other tags are ignored.
pub fn parse_tabari_project(text: &str) -> TabariProject {
    let mut p = TabariProject::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let Some(rest) = line.strip_prefix('<') else {
            continue;
        };
        let Some(close) = rest.find('>') else {
            p.warnings
                .push(format!("line {}: no closing '>' in tag", i + 1));
            continue;
        };
        let tag = rest[..close].trim().to_ascii_lowercase();
        let after = &rest[close + 1..];
        let value = after.split('<').next().unwrap_or("").trim().to_string();
        if tag.starts_with("se") {
            continue; // <session …> history
        }
        let kind = if tag.starts_with("ac") {
            Some("actors")
        } else if tag.starts_with("ag") {
            Some("agents")
        } else if tag.starts_with('v') {
            Some("verbs")
        } else if tag.starts_with("op") {
            Some("options")
        } else if tag.starts_with('i') {
            Some("issues")
        } else {
            None
        };
        if let Some(kind) = kind {
            if value.is_empty() {
                p.warnings
                    .push(format!("line {}: <{}> names no file", i + 1, tag));
            } else {
                p.dictionaries.push((kind, value));
            }
        } else if tag.starts_with('t') && !value.is_empty() {
            p.text_files.push(value);
        }
    }
    p
}

/// The phrase of TABARI's end record: the validator stops there.
const END_PHRASE: &str = "is the end of the standard validation records";

/// Parses a TABARI `.text` file into records (pure). Returns the records (all of them,
/// with `evaluate` set as described in the module docs) and warnings with line numbers.
pub fn parse_tabari_text(text: &str) -> (Vec<GoldRecord>, Vec<String>) {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    let mut options: Vec<String> = Vec::new();
    let mut ended = false;
    // `OPTION: SET: YYYY = TRUE` switches headers to 8-digit dates until set FALSE.
    let mut four_digit = false;
    let mut i = 0;
    while i < lines.len() {
        let header = lines[i];
        if !header
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut body: Vec<&str> = Vec::new();
        i += 1;
        while i < lines.len() && !lines[i].is_empty() {
            body.push(lines[i]);
            i += 1;
        }
        let Some((date, id)) = parse_header(header, four_digit) else {
            warnings.push(format!(
                "line {start}: header {header:?} has no valid {} date; record skipped (as TABARI does)",
                if four_digit { "YYYYMMDD" } else { "YYMMDD" }
            ));
            continue;
        };
        let joined = body.join(" ");
        let (sentence, block) = split_comments(&joined);
        let first = records.is_empty();
        let mut rec = GoldRecord::new(&id, &date, &sentence, Vec::new());
        rec.line = start;
        rec.category = Some(category_of(&id));
        if first || ended {
            rec.evaluate = false;
        }
        let parsed = parse_blocks(block.unwrap_or(""));
        options.extend(parsed.commands.iter().cloned());
        if !parsed.options.is_empty() {
            rec.check = Check::Unchecked;
            for o in &parsed.options {
                let squeezed: String = o
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_uppercase();
                if squeezed.starts_with("SET:YYYY=") {
                    four_digit = squeezed.ends_with("=TRUE");
                }
            }
            options.extend(parsed.options.iter().cloned());
        } else if parsed.blocks == 0 {
            if rec.evaluate {
                warnings.push(format!(
                    "line {start}: record {id} has no {{…}} validation block; not evaluated (TABARI reports it as an error)"
                ));
            }
            rec.evaluate = false;
        } else if parsed.skip_first {
            rec.check = Check::Unchecked;
            rec.expected = parsed.events;
        } else if let Some(marker) = parsed.null_marker {
            if !parsed.events.is_empty() {
                warnings.push(format!(
                    "line {start}: record {id} lists events and {marker}; only no event passes TABARI's check, so it expects none"
                ));
            }
            rec.marker = Some(marker);
        } else {
            rec.expected = parsed.events;
            if parsed.open_ended {
                rec.check = Check::AtLeast;
            }
        }
        for w in parsed.warnings {
            warnings.push(format!("line {start}: record {id}: {w}"));
        }
        rec.options = options.clone();
        if sentence.to_ascii_lowercase().contains(END_PHRASE) {
            rec.evaluate = false;
            ended = true;
        }
        records.push(rec);
    }
    (records, warnings)
}

/// `YYMMDD` (or `YYYYMMDD` in four-digit mode) + ID → (`YYYYMMDD`, ID). TABARI reads
/// the first six (eight) characters as the date and the rest of the line as the ID.
fn parse_header(line: &str, four_digit: bool) -> Option<(String, String)> {
    let len = if four_digit { 8 } else { 6 };
    let date = line.get(..len)?;
    if !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full = if four_digit {
        let year: u32 = date[..4].parse().ok()?;
        // TABARI's own range check.
        if !(1850..=2030).contains(&year) {
            return None;
        }
        date.to_string()
    } else {
        let yy: u32 = date[..2].parse().ok()?;
        // Two-digit years: the suite's dates run 1983-2006; 50 is a safe pivot.
        format!("{}{date}", if yy >= 50 { "19" } else { "20" })
    };
    let month: u32 = full[4..6].parse().ok()?;
    let day: u32 = full[6..8].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some((full, norm_ws(&line[len..])))
}

/// The category of a TABARI ID: its part before the first `-` (`DEMO-01` → `DEMO`).
fn category_of(id: &str) -> String {
    id.split(['-', ' ']).next().unwrap_or(id).to_string()
}

/// Splits a record body into the sentence (all `/* … */` comments removed, whitespace
/// normalised) and the validation area: everything after the first `/*`, where TABARI
/// looks for `{…}` blocks.
fn split_comments(body: &str) -> (String, Option<&str>) {
    let block = body.find("/*").map(|p| &body[p + 2..]);
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(p) = rest.find("/*") {
        out.push_str(&rest[..p]);
        out.push(' ');
        match rest[p + 2..].find("*/") {
            Some(q) => rest = &rest[p + 2 + q + 2..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    (norm_ws(&strip_stray_blocks(&out)), block)
}

/// Removes what a comment's end left behind: validation blocks written after `*/`
/// (TABARI still reads them as expected events), stray `*/` and literal `\n` markers.
/// TABARI sentences hold no braces, so nothing of the sentence goes.
fn strip_stray_blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find('{') {
        out.push_str(rest[..p].strip_suffix('-').unwrap_or(&rest[..p]));
        out.push(' ');
        rest = match rest[p..].find('}') {
            Some(q) => &rest[p + q + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out.replace("*/", " ").replace("\\n", " ")
}

#[derive(Default)]
struct Blocks {
    blocks: usize,
    events: Vec<GoldEvent>,
    options: Vec<String>,
    /// Commands written as comment lines outside `{…}` blocks (`\nFORWARD: …`), which
    /// TABARI obeys without making the record an option record.
    commands: Vec<String>,
    null_marker: Option<String>,
    /// The first block is `-{…}`.
    skip_first: bool,
    /// A later block is `-{…}`: events after the ones listed are not checked.
    open_ended: bool,
    warnings: Vec<String>,
}

/// Reads the `{…}` blocks of a validation area.
fn parse_blocks(area: &str) -> Blocks {
    let mut b = Blocks::default();
    // `\nFORWARD: ^^*****NNN*SSS` turns pronoun forwarding on from this record.
    for line in area.split("\\n") {
        let line = line.trim();
        if line.starts_with("FORWARD:") {
            let cmd = line.split(['{', '\n']).next().unwrap_or(line);
            b.commands
                .push(norm_ws(cmd.split("*/").next().unwrap_or(cmd)));
        }
    }
    let mut rest = area;
    while let Some(p) = rest.find('{') {
        let before = &rest[..p];
        let dash = before.ends_with('-');
        let after = &rest[p + 1..];
        let (content, next) = match after.find('}') {
            Some(q) => (&after[..q], &after[q + 1..]),
            // An unclosed block ends at the comment's end.
            None => (after.split("*/").next().unwrap_or(after), ""),
        };
        if b.open_ended || (b.skip_first && b.blocks > 0) {
            // Nothing after a `-{` is ever checked by TABARI.
            b.blocks += 1;
            rest = next;
            continue;
        }
        let trimmed = content.trim();
        if let Some(opt) = trimmed.strip_prefix("OPTION:") {
            b.options.push(norm_ws(opt));
            b.blocks += 1;
            rest = next;
            continue;
        }
        if dash {
            if b.blocks == 0 {
                b.skip_first = true;
            } else {
                b.open_ended = true;
            }
            b.blocks += 1;
            rest = next;
            continue;
        }
        b.blocks += 1;
        match trimmed {
            "---" | "+++" | "###" => {
                if b.null_marker.is_none() {
                    b.null_marker = Some(format!("{{{trimmed}}}"));
                }
            }
            _ => {
                let fields: Vec<&str> = trimmed.split('/').collect();
                if fields.len() == 3 {
                    b.events
                        .push(GoldEvent::new(fields[0], fields[1], fields[2]));
                } else {
                    b.warnings.push(format!(
                        "block {{{trimmed}}} is not SOURCE / TARGET / CODE; ignored"
                    ));
                }
            }
        }
        rest = next;
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_dates_get_a_century() {
        assert_eq!(
            parse_header("950101  DEMO-01", false),
            Some(("19950101".into(), "DEMO-01".into()))
        );
        assert_eq!(
            parse_header("061118 00589742 004", false),
            Some(("20061118".into(), "00589742 004".into()))
        );
        assert_eq!(parse_header("9513xx  BAD", false), None);
        assert_eq!(parse_header("95", false), None);
        assert_eq!(parse_header("20150607 YYYY-01", false), None);
        assert_eq!(
            parse_header("20150607 YYYY-01", true),
            Some(("20150607".into(), "YYYY-01".into()))
        );
        // A ninth digit belongs to the ID, as TABARI reads it.
        assert_eq!(
            parse_header("186010029 YYYY-03", true),
            Some(("18601002".into(), "9 YYYY-03".into()))
        );
    }

    #[test]
    fn comments_are_removed_from_the_sentence() {
        let (s, b) = split_comments("Arnor attacked Gondor. /*\\n[note]\\n{ ARN / GON / 190 } */");
        assert_eq!(s, "Arnor attacked Gondor.");
        assert!(b.is_some_and(|b| b.contains("ARN / GON / 190")));
        let (s, _) = split_comments("A /* x */ B /* y");
        assert_eq!(s, "A B");
        // Blocks written after the comment's end are validation, not text.
        let (s, b) = split_comments("A B. /*\\n{ X / Y / 010 } */ \\n{ Y / X / 010 } */");
        assert_eq!(s, "A B.");
        assert!(b.is_some_and(|b| b.contains("Y / X / 010")));
    }

    #[test]
    fn blocks_cover_markers_options_and_dashes() {
        let b = parse_blocks("\\n{ ARN / GON / 064 } 950101 \\n{ GON / ARN / 064 }");
        assert_eq!(b.events.len(), 2);
        assert_eq!(b.events[0], GoldEvent::new("ARN", "GON", "064"));
        let b = parse_blocks("\\n{---} 950101");
        assert_eq!(b.null_marker.as_deref(), Some("{---}"));
        let b = parse_blocks("\\n{ OPTION: SET: MINIMUM WORDS = 4  */");
        assert_eq!(b.options, vec!["SET: MINIMUM WORDS = 4".to_string()]);
        let b = parse_blocks("\\n-{ARN / GON / 064 }");
        assert!(b.skip_first && b.events.is_empty());
        let b = parse_blocks("{ A / B / 041 } (PRAISE)\\n-{ --- / --- / 000 }");
        assert!(b.open_ended && !b.skip_first);
        assert_eq!(b.events, vec![GoldEvent::new("A", "B", "041")]);
        let b = parse_blocks("{ A / B }");
        assert!(b.commands.is_empty());
        assert_eq!(b.warnings.len(), 1);
    }

    /// Regression: TABARI's `\nFORWARD:` comment line was ignored, so pronoun
    /// forwarding never turned on (FRWD records).
    #[test]
    fn forward_comment_line_is_a_command_not_an_option() {
        let b = parse_blocks("\\nFORWARD: ^^*****NNN*SSS\n\\n{ FOR / GON / 090 }  */");
        assert_eq!(b.commands, vec!["FORWARD: ^^*****NNN*SSS".to_string()]);
        assert!(b.options.is_empty());
        assert_eq!(b.events, vec![GoldEvent::new("FOR", "GON", "090")]);
    }
}
