//! dyad's own gold format: JSON lines, one record per line (`docs/gold-format.md`).
//!
//! A malformed line becomes a line-numbered warning and the other lines are still read.
//! A line with `"dictionaries"` and no `"text"` is a header naming the dictionary files
//! the suite is coded with (paths relative to the gold file).

use serde::Deserialize;

use crate::{dict_kind, norm_ws, Check, GoldEvent, GoldRecord};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    id: Option<String>,
    text: Option<String>,
    date: Option<String>,
    #[serde(default)]
    events: Option<Vec<EventLine>>,
    #[serde(default)]
    evaluate: Option<bool>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    dictionaries: Option<Vec<DictLine>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventLine {
    source: String,
    target: String,
    code: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DictLine {
    kind: String,
    path: String,
}

/// Parses gold JSON lines (pure). Returns the records and line-numbered warnings; header
/// lines are checked but their dictionaries are only kept by [`crate::read_suite`].
pub fn parse_gold(text: &str) -> (Vec<GoldRecord>, Vec<String>) {
    let (_, records, warnings) = parse_gold_full(text);
    (records, warnings)
}

/// Dictionary kinds and paths (as written) from header lines.
pub(crate) type HeaderDicts = Vec<(&'static str, String)>;

/// [`parse_gold`], also returning the header lines' dictionaries.
pub(crate) fn parse_gold_full(text: &str) -> (HeaderDicts, Vec<GoldRecord>, Vec<String>) {
    let mut dicts = Vec::new();
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parsed: Line = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                warnings.push(format!("line {lineno}: not a gold record: {e}"));
                continue;
            }
        };
        if parsed.text.is_none() {
            if let Some(listed) = parsed.dictionaries {
                for d in listed {
                    match dict_kind(&d.kind) {
                        Some(kind) => dicts.push((kind, d.path)),
                        None => warnings.push(format!(
                            "line {lineno}: unknown dictionary kind {:?} (actors, agents, verbs, discards, issues, options, ontology)",
                            d.kind
                        )),
                    }
                }
                continue;
            }
            warnings.push(format!("line {lineno}: record has no \"text\"; skipped"));
            continue;
        }
        if parsed.dictionaries.is_some() {
            warnings.push(format!(
                "line {lineno}: \"dictionaries\" belongs on a header line of its own; ignored here"
            ));
        }
        let text = parsed.text.unwrap_or_default();
        let id = match parsed.id {
            Some(id) if !id.trim().is_empty() => id.trim().to_string(),
            _ => {
                warnings.push(format!(
                    "line {lineno}: record has no \"id\"; using line-{lineno}"
                ));
                format!("line-{lineno}")
            }
        };
        let date = match parsed.date.as_deref().map(parse_date) {
            Some(Some(d)) => d,
            Some(None) => {
                warnings.push(format!(
                    "line {lineno}: record {id}: date {:?} is not YYYY-MM-DD; skipped",
                    parsed.date.unwrap_or_default()
                ));
                continue;
            }
            None => {
                warnings.push(format!(
                    "line {lineno}: record {id} has no \"date\"; skipped"
                ));
                continue;
            }
        };
        let Some(events) = parsed.events else {
            warnings.push(format!(
                "line {lineno}: record {id} has no \"events\" (write [] for a record that expects none); skipped"
            ));
            continue;
        };
        let mut expected = Vec::with_capacity(events.len());
        for e in events {
            let ev = GoldEvent::new(&e.source, &e.target, &e.code);
            if ev.source.is_empty() || ev.code.is_empty() {
                warnings.push(format!(
                    "line {lineno}: record {id}: event with an empty source or code; ignored"
                ));
                continue;
            }
            expected.push(ev);
        }
        let mut rec = GoldRecord::new(&id, &date, &text, expected);
        rec.line = lineno;
        rec.evaluate = parsed.evaluate.unwrap_or(true);
        rec.category = parsed.category.map(|c| norm_ws(&c));
        rec.check = Check::Exact;
        let _ = parsed.note; // for people reading the file
        records.push(rec);
    }
    (dicts, records, warnings)
}

/// `YYYY-MM-DD` (or `YYYYMMDD`) → `YYYYMMDD`.
fn parse_date(s: &str) -> Option<String> {
    let digits: String = s.trim().chars().filter(|c| *c != '-').collect();
    let b = digits.as_bytes();
    if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let month: u32 = digits[4..6].parse().ok()?;
    let day: u32 = digits[6..8].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("2024-03-05").as_deref(), Some("20240305"));
        assert_eq!(parse_date("20240305").as_deref(), Some("20240305"));
        assert_eq!(parse_date("2024-13-05"), None);
        assert_eq!(parse_date("March 5"), None);
    }

    #[test]
    fn malformed_line_is_reported_and_the_rest_read() {
        let text = "{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"x\",\"events\":[]}\n\
                    {\"id\":\"b\",\"date\":\n\
                    {\"id\":\"c\",\"date\":\"2024-01-01\",\"text\":\"y\",\"events\":[]}\n";
        let (recs, warns) = parse_gold(text);
        assert_eq!(recs.len(), 2);
        assert_eq!(warns.len(), 1);
        assert!(warns[0].starts_with("line 2:"), "{warns:?}");
    }

    #[test]
    fn header_line_names_dictionaries() {
        let text = "{\"dictionaries\":[{\"kind\":\"verbs\",\"path\":\"v.txt\"}]}\n\
                    {\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"x\",\"events\":[]}\n";
        let (dicts, recs, warns) = parse_gold_full(text);
        assert!(warns.is_empty(), "{warns:?}");
        assert_eq!(dicts, vec![("verbs", "v.txt".to_string())]);
        assert_eq!(recs.len(), 1);
    }
}
