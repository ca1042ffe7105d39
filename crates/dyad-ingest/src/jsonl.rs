//! JSON inputs: JSON lines (one object per line), or a whole-file JSON array of objects,
//! or one JSON object. Field names are detected among the common ones, or given by
//! [`JsonFields`]. A malformed line is skipped with its line number; the others go on.

use dyad_types::{Origin, PubDate};
use serde_json::Value;

use crate::common::{decode, finish, skipped, Meta};
use crate::{html, IngestOptions, JsonFields, Record, SkipReason};

const TEXT_FIELDS: &[&str] = &[
    "text",
    "content",
    "body",
    "article",
    "full_text",
    "fulltext",
    "maintext",
    "story",
    "html",
];
const TITLE_FIELDS: &[&str] = &["title", "headline", "heading"];
const DATE_FIELDS: &[&str] = &[
    "date",
    "published",
    "publish_date",
    "published_at",
    "pubdate",
    "date_publish",
    "datetime",
    "timestamp",
    "created_at",
];
const URL_FIELDS: &[&str] = &["url", "link", "uri", "canonical_url"];
const SOURCE_FIELDS: &[&str] = &["source", "domain", "publisher", "source_domain", "site"];
const ID_FIELDS: &[&str] = &["id", "_id", "guid", "uuid", "doc_id"];

pub(crate) fn parse(bytes: &[u8], origin: Origin, opts: &IngestOptions) -> Vec<Record> {
    let mut warnings = Vec::new();
    let text = decode(bytes, &mut warnings);
    let trimmed = text.trim_start();
    // A whole-file JSON document (array or pretty-printed object) is tried first; a file
    // that is not one valid document is read as lines.
    if trimmed.starts_with('[') || (trimmed.starts_with('{') && !is_single_line(trimmed)) {
        if let Ok(v) = serde_json::from_str::<Value>(trimmed) {
            let items = match v {
                Value::Array(items) => items,
                other => vec![other],
            };
            return items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let o = Origin {
                        record: i,
                        ..origin.clone()
                    };
                    record(&item, o, opts, warnings.clone())
                })
                .collect();
        }
    }
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let o = Origin {
            line: i + 1,
            record: out.len(),
            ..origin.clone()
        };
        match serde_json::from_str::<Value>(line) {
            Ok(v) => out.push(record(&v, o, opts, warnings.clone())),
            Err(e) => out.push(skipped(
                o,
                SkipReason::MalformedJson {
                    line: i + 1,
                    message: e.to_string(),
                },
            )),
        }
    }
    out
}

fn is_single_line(s: &str) -> bool {
    !s.trim_end().contains('\n')
}

fn record(v: &Value, origin: Origin, opts: &IngestOptions, warnings: Vec<String>) -> Record {
    let Value::Object(_) = v else {
        let line = origin.line;
        return skipped(
            origin,
            SkipReason::MalformedJson {
                line,
                message: "record is not a JSON object".into(),
            },
        );
    };
    let f: &JsonFields = &opts.json;
    let (text_key, text_val) = match pick(v, f.text.as_deref(), TEXT_FIELDS) {
        Some(found) => found,
        None => return skipped(origin, SkipReason::NoText),
    };
    let Some(raw) = as_text(text_val) else {
        return skipped(origin, SkipReason::NoText);
    };
    // Some dumps keep the page's HTML instead of its text: extract the body then.
    let text = if text_key == "html" || looks_like_html(&raw) {
        // A whole page gets the article extractor; a fragment is converted as it is.
        let head = head_lower(&raw, 4096);
        if head.contains("<html") || head.contains("<body") {
            html::extract_html(&raw).text()
        } else {
            html::html_to_text(&raw)
        }
    } else {
        raw
    };
    let mut meta = Meta {
        warnings,
        ..Meta::default()
    };
    meta.title = pick(v, f.title.as_deref(), TITLE_FIELDS).and_then(|(_, x)| as_text(x));
    meta.url = pick(v, f.url.as_deref(), URL_FIELDS).and_then(|(_, x)| as_text(x));
    meta.source = pick(v, f.source.as_deref(), SOURCE_FIELDS).and_then(|(_, x)| as_text(x));
    meta.id = pick(v, f.id.as_deref(), ID_FIELDS).and_then(|(_, x)| as_text(x));
    if let Some((_, d)) = pick(v, f.date.as_deref(), DATE_FIELDS) {
        meta.published = as_date(d);
        if meta.published.is_none() {
            meta.warnings.push(format!("unreadable date {d}"));
        }
    }
    finish(text, meta, origin, opts)
}

/// The value of the overriding field (a dotted path), or of the first common name present.
fn pick<'v>(
    v: &'v Value,
    given: Option<&str>,
    names: &[&'static str],
) -> Option<(String, &'v Value)> {
    if let Some(path) = given {
        let mut cur = v;
        for part in path.split('.') {
            cur = cur.get(part)?;
        }
        return Some((path.to_string(), cur));
    }
    names.iter().find_map(|&n| {
        v.get(n)
            .filter(|x| !x.is_null())
            .map(|x| (n.to_string(), x))
    })
}

/// A string value, a number written out, or a nested object's `name`/`title`/`text`.
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(_) => ["name", "title", "text", "value", "href"]
            .iter()
            .find_map(|k| v.get(*k).and_then(Value::as_str))
            .map(str::to_string),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        _ => None,
    }
}

/// A date string, or a Unix timestamp in seconds or milliseconds.
fn as_date(v: &Value) -> Option<PubDate> {
    match v {
        Value::String(s) => {
            PubDate::parse(s).or_else(|| s.trim().parse::<i64>().ok().and_then(unix))
        }
        Value::Number(n) => n.as_i64().and_then(unix),
        Value::Object(_) => ["$date", "date", "value"]
            .iter()
            .find_map(|k| v.get(*k))
            .and_then(as_date),
        _ => None,
    }
}

fn unix(t: i64) -> Option<PubDate> {
    // Past 10^11 a value is milliseconds (10^11 seconds is the year 5138).
    let secs = if t.abs() >= 100_000_000_000 {
        t / 1000
    } else {
        t
    };
    let dt = chrono::DateTime::from_timestamp(secs, 0)?;
    Some(PubDate {
        date: dt.date_naive(),
        time: Some(dt.time()),
        offset_secs: Some(0),
    })
}

/// The first `n` bytes of `s` or fewer, cut on a char boundary, lowercased.
fn head_lower(s: &str, n: usize) -> String {
    let mut end = s.len().min(n);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_ascii_lowercase()
}

fn looks_like_html(s: &str) -> bool {
    let t = s.trim_start();
    if !t.starts_with('<') {
        return false;
    }
    let head = head_lower(t, 4096);
    ["<p>", "<p ", "<div", "<br", "<html", "<body", "<article"]
        .iter()
        .any(|tag| head.contains(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_fields_are_extracted() {
        let line = br#"{"html": "<html><body><nav><a href='/'>Menu</a></nav><article><p>The assembly approved the treaty on Monday, officials said.</p></article></body></html>"}
{"text": "<p>A fragment.</p><p>Two paragraphs.</p>"}"#;
        let recs = parse(line, Origin::default(), &IngestOptions::default());
        let texts: Vec<&str> = recs
            .iter()
            .filter_map(|r| match r {
                Record::Article(a) => Some(a.raw_text.as_str()),
                Record::Skipped(_) => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "The assembly approved the treaty on Monday, officials said.",
                "A fragment.\n\nTwo paragraphs."
            ]
        );
    }

    #[test]
    fn unix_timestamps() {
        assert_eq!(
            unix(1_578_700_800).unwrap().to_string(),
            "2020-01-11T00:00:00+00:00"
        );
        assert_eq!(
            unix(1_578_700_800_000).unwrap().date.to_string(),
            "2020-01-11"
        );
        assert_eq!(unix(0).unwrap().date.to_string(), "1970-01-01");
    }
}
