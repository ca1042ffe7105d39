//! The article: one news report as read from an input, with its metadata, raw text,
//! cleaned text and the map between them.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::{OffsetMap, Span};

/// A stable article identifier: given by the input, or derived from the URL or content.
pub type ArticleId = String;

/// Publication date and time, with as much precision as the input gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PubDate {
    /// Calendar date.
    pub date: NaiveDate,
    /// Local time of day, when known.
    pub time: Option<NaiveTime>,
    /// Offset from UTC in seconds east, when known.
    pub offset_secs: Option<i32>,
}

impl PubDate {
    /// A date with no time of day.
    pub fn from_date(date: NaiveDate) -> PubDate {
        PubDate {
            date,
            time: None,
            offset_secs: None,
        }
    }

    /// Parses the date formats that news inputs use: RFC 3339 / ISO 8601
    /// (`2020-01-11`, `2020-01-11T08:30:00Z`, `2020-01-11 08:30:00+03:00`,
    /// `2020-01-11T08:30:00`), RFC 2822 (`Sat, 11 Jan 2020 08:30:00 +0000`, as in RSS), and
    /// a few written forms (`January 11, 2020`, `11 January 2020`, `2020/01/11`).
    /// Returns `None` for anything else.
    pub fn parse(s: &str) -> Option<PubDate> {
        let s = s.trim();
        if s.is_empty() || s.len() > 64 {
            return None;
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Some(Self::from_fixed(dt));
        }
        if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
            return Some(Self::from_fixed(dt));
        }
        for f in [
            "%Y-%m-%dT%H:%M:%S%.f%:z",
            "%Y-%m-%d %H:%M:%S%.f%:z",
            "%Y-%m-%dT%H:%M:%S%.f%z",
            "%Y-%m-%d %H:%M:%S%.f%z",
            "%Y%m%d%H%M%S%z",
        ] {
            if let Ok(dt) = DateTime::parse_from_str(s, f) {
                return Some(Self::from_fixed(dt));
            }
        }
        for f in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
            "%Y%m%d%H%M%S",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
                return Some(PubDate {
                    date: dt.date(),
                    time: Some(dt.time()),
                    offset_secs: None,
                });
            }
        }
        if let Some(stripped) = s.strip_suffix('Z') {
            if let Ok(dt) = NaiveDateTime::parse_from_str(stripped, "%Y-%m-%dT%H:%M:%S%.f") {
                return Some(PubDate {
                    date: dt.date(),
                    time: Some(dt.time()),
                    offset_secs: Some(0),
                });
            }
        }
        for f in [
            "%Y-%m-%d",
            "%Y/%m/%d",
            "%Y%m%d",
            "%B %d, %Y",
            "%b %d, %Y",
            "%d %B %Y",
            "%d %b %Y",
            "%b. %d, %Y",
        ] {
            if let Ok(d) = NaiveDate::parse_from_str(s, f) {
                return Some(PubDate::from_date(d));
            }
        }
        None
    }

    fn from_fixed(dt: DateTime<FixedOffset>) -> PubDate {
        PubDate {
            date: dt.date_naive(),
            time: Some(dt.time()),
            offset_secs: Some(dt.offset().local_minus_utc()),
        }
    }
}

impl std::fmt::Display for PubDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
        if let Some(t) = self.time {
            write!(f, "T{}", t.format("%H:%M:%S"))?;
            if let Some(o) = self.offset_secs.and_then(FixedOffset::east_opt) {
                write!(f, "{o}")?;
            }
        }
        Ok(())
    }
}

/// Where an article came from: the input path and, for multi-record inputs, which record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Input path, or `-` for standard input.
    pub path: String,
    /// 1-based line of a JSON-lines record, or 0.
    pub line: usize,
    /// 0-based index of the record within a feed, WARC or JSON-lines file.
    pub record: usize,
}

/// What a cleaning action did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CleanKind {
    /// A photo credit or caption line was removed.
    Caption,
    /// A boilerplate line (Advertisement, Read more, Sign up …) was removed.
    Boilerplate,
    /// A paragraph that repeats an earlier one (near-duplicate) was removed.
    DuplicateParagraph,
    /// A space was inserted between two glued words (`saidFriday`).
    GluedWords,
    /// Unicode or whitespace was normalised.
    Normalize,
    /// A leading metadata marker (`date 2020-01-11`) was read and removed.
    Marker,
}

/// One action of the cleaner, traceable to the raw text it touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CleanAction {
    /// What was done.
    pub kind: CleanKind,
    /// Raw-text bytes the action removed or replaced (empty for an insertion).
    pub raw: Span,
    /// A short human-readable note (the removed line, the split words…).
    pub note: String,
}

/// One news article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier.
    pub id: ArticleId,
    /// Publisher or feed name, when known.
    pub source: Option<String>,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date-time, when known.
    pub published: Option<PubDate>,
    /// The article text as extracted from its input format (the file itself for plain text,
    /// the body text for HTML). All `raw` spans point into this.
    pub raw_text: String,
    /// The cleaned text; all non-`raw` spans point into this. Empty until cleaned.
    pub text: String,
    /// Cleaned → raw offsets.
    pub offsets: OffsetMap,
    /// What cleaning did.
    pub actions: Vec<CleanAction>,
    /// Where the article was read from.
    pub origin: Origin,
    /// Non-fatal problems met while reading (lossy UTF-8, missing date…).
    pub warnings: Vec<String>,
}

impl Article {
    /// A new, uncleaned article whose text is `raw_text` unchanged.
    pub fn new(id: impl Into<ArticleId>, raw_text: impl Into<String>) -> Article {
        let raw_text = raw_text.into();
        Article {
            id: id.into(),
            source: None,
            url: None,
            title: None,
            published: None,
            text: raw_text.clone(),
            offsets: OffsetMap::identity(raw_text.len()),
            raw_text,
            actions: Vec::new(),
            origin: Origin::default(),
            warnings: Vec::new(),
        }
    }
}

/// A stable id from a URL or content: 16 hex digits of a 64-bit FNV-1a hash. Stable across
/// runs, platforms and versions (never change the function).
pub fn stable_id(key: &str) -> ArticleId {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_date_forms() {
        let cases = [
            ("2020-01-11", "2020-01-11"),
            ("2020-01-11T08:30:00Z", "2020-01-11T08:30:00+00:00"),
            ("2020-01-11T08:30:00+03:00", "2020-01-11T08:30:00+03:00"),
            ("2020-01-11T08:30:00", "2020-01-11T08:30:00"),
            (
                "Sat, 11 Jan 2020 08:30:00 +0000",
                "2020-01-11T08:30:00+00:00",
            ),
            ("January 11, 2020", "2020-01-11"),
            ("11 January 2020", "2020-01-11"),
            ("2020/01/11", "2020-01-11"),
            ("20200111083000", "2020-01-11T08:30:00"),
        ];
        for (input, want) in cases {
            let got = PubDate::parse(input).unwrap_or_else(|| panic!("no parse: {input}"));
            assert_eq!(got.to_string(), want, "{input}");
        }
        assert_eq!(PubDate::parse("yesterday"), None);
        assert_eq!(PubDate::parse(""), None);
    }

    #[test]
    fn stable_id_is_stable() {
        assert_eq!(stable_id(""), "cbf29ce484222325");
        assert_eq!(
            stable_id("https://example.com/a"),
            stable_id("https://example.com/a")
        );
        assert_ne!(stable_id("a"), stable_id("b"));
    }
}
