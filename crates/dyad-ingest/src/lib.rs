//! Reading dyad's inputs — plain text, JSON lines, HTML pages, RSS/Atom feeds and WARC
//! archives — into [`Article`]s whose `raw_text` holds the extracted text.
//!
//! Ingestion does not clean: every article leaves here with `text == raw_text` and an
//! identity offset map; `dyad-clean` is the next stage. One bad input or record never stops
//! a batch: it becomes a [`Record::Skipped`] with a [`SkipReason`], and the others go on.
//!
//! I/O is confined to [`expand_inputs`] (listing files) and [`read_source`] (reading one
//! file or standard input); everything else, starting at [`parse_bytes`], is pure.
//!
//! ```
//! use dyad_ingest::{parse_bytes, IngestOptions, Record};
//! use dyad_types::Origin;
//! let origin = Origin { path: "a.jsonl".into(), ..Origin::default() };
//! let input = br#"{"title": "Talks resume", "text": "Envoys met on Monday."}"#;
//! let records = parse_bytes(input, origin, &IngestOptions::default());
//! let Record::Article(a) = &records[0] else { panic!() };
//! assert_eq!(a.raw_text, "Envoys met on Monday.");
//! assert_eq!(a.title.as_deref(), Some("Talks resume"));
//! ```

mod common;
mod detect;
mod feed;
mod html;
mod inputs;
mod jsonl;
mod text;
mod warc;

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use dyad_types::{Article, Origin, PubDate};

pub use detect::detect_format;
pub use html::{extract_html, html_to_text, HtmlPage};
pub use inputs::{expand_inputs, read_source};

/// The input formats dyad reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Plain text: one article per file.
    Text,
    /// JSON lines (also a JSON array or a single JSON object): one article per record.
    Jsonl,
    /// One HTML page: the article body is extracted.
    Html,
    /// An RSS 2.0 or Atom feed: one article per item or entry.
    Feed,
    /// A WARC archive (plain or gzipped): one article per HTML response record.
    Warc,
}

impl InputFormat {
    /// The format's name as accepted by [`FromStr`].
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Html => "html",
            InputFormat::Feed => "feed",
            InputFormat::Warc => "warc",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an [`InputFormat`] name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown input format `{}` (expected text, jsonl, html, rss, atom, feed or warc)",
            self.0
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for InputFormat {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(InputFormat::Text),
            "jsonl" | "json" | "ndjson" => Ok(InputFormat::Jsonl),
            "html" | "htm" => Ok(InputFormat::Html),
            "rss" | "atom" | "feed" => Ok(InputFormat::Feed),
            "warc" => Ok(InputFormat::Warc),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

/// JSON field names to read, overriding auto-detection. `None` means: try the common
/// names. A name may be a dotted path into nested objects (`meta.published`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonFields {
    /// Field holding the article text.
    pub text: Option<String>,
    /// Field holding the headline.
    pub title: Option<String>,
    /// Field holding the publication date.
    pub date: Option<String>,
    /// Field holding the URL.
    pub url: Option<String>,
    /// Field holding the publisher or source name.
    pub source: Option<String>,
    /// Field holding the article id.
    pub id: Option<String>,
}

/// How to read inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Force a format instead of detecting it from the file name and content.
    pub format: Option<InputFormat>,
    /// A publication date to use: for plain text it wins over a `date` marker in the file;
    /// for the structured formats it is used only when the input gives no date.
    pub date: Option<PubDate>,
    /// JSON field-name overrides.
    pub json: JsonFields,
    /// Articles whose text is longer than this many bytes are skipped.
    pub max_article_bytes: usize,
}

/// Default for [`IngestOptions::max_article_bytes`]: 10 MB.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 10_000_000;

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            format: None,
            date: None,
            json: JsonFields::default(),
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        }
    }
}

/// Why an input or a record produced no article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// The input or record holds no text at all.
    Empty,
    /// The input looks binary (NUL bytes or many control characters).
    Binary,
    /// The article text is longer than the limit.
    TooLarge {
        /// Size of the text in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A JSON line (or document) could not be parsed.
    MalformedJson {
        /// 1-based line number (0 for a whole-file document).
        line: usize,
        /// The parser's message.
        message: String,
    },
    /// A structured record has no text field, or its text is blank.
    NoText,
    /// An HTML page has no body text.
    NoBody,
    /// The input ended in the middle of a record (truncated gzip or WARC).
    Truncated {
        /// What was cut off.
        message: String,
    },
    /// The input could not be read (I/O error, unsupported encoding …).
    Unreadable {
        /// The underlying error.
        message: String,
    },
    /// A WARC response whose payload is not HTML.
    NotHtmlResponse {
        /// The response's content type.
        content_type: String,
    },
    /// A WARC response with a non-success HTTP status.
    HttpStatus {
        /// The status code.
        code: u16,
    },
    /// A WARC record that is not a response (request, warcinfo, metadata …).
    WarcRecord {
        /// Its `WARC-Type`.
        kind: String,
    },
    /// The input is not valid in its format (bad WARC header, no feed root …).
    Malformed {
        /// What is wrong.
        message: String,
    },
    /// A named input does not exist.
    NotFound,
    /// A glob pattern matched no file.
    NoMatch,
}

impl SkipReason {
    /// A short stable key for counting skips by kind (`malformed-json`, `warc-record` …),
    /// without the per-record details that [`Display`](fmt::Display) gives.
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge { .. } => "too-large",
            SkipReason::MalformedJson { .. } => "malformed-json",
            SkipReason::NoText => "no-text",
            SkipReason::NoBody => "no-body",
            SkipReason::Truncated { .. } => "truncated",
            SkipReason::Unreadable { .. } => "unreadable",
            SkipReason::NotHtmlResponse { .. } => "not-html-response",
            SkipReason::HttpStatus { .. } => "http-status",
            SkipReason::WarcRecord { .. } => "warc-record",
            SkipReason::Malformed { .. } => "malformed",
            SkipReason::NotFound => "not-found",
            SkipReason::NoMatch => "no-match",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::Empty => f.write_str("empty input"),
            SkipReason::Binary => f.write_str("binary content"),
            SkipReason::TooLarge { bytes, limit } => {
                write!(f, "article text too large ({bytes} bytes > {limit})")
            }
            SkipReason::MalformedJson { line, message } if *line > 0 => {
                write!(f, "malformed JSON on line {line}: {message}")
            }
            SkipReason::MalformedJson { message, .. } => write!(f, "malformed JSON: {message}"),
            SkipReason::NoText => f.write_str("no text field"),
            SkipReason::NoBody => f.write_str("no body text in HTML"),
            SkipReason::Truncated { message } => write!(f, "truncated input: {message}"),
            SkipReason::Unreadable { message } => write!(f, "unreadable: {message}"),
            SkipReason::NotHtmlResponse { content_type } => {
                write!(f, "response is not HTML ({content_type})")
            }
            SkipReason::HttpStatus { code } => write!(f, "HTTP status {code}"),
            SkipReason::WarcRecord { kind } => write!(f, "WARC {kind} record"),
            SkipReason::Malformed { message } => write!(f, "malformed input: {message}"),
            SkipReason::NotFound => f.write_str("no such file or directory"),
            SkipReason::NoMatch => f.write_str("pattern matched no file"),
        }
    }
}

/// An input or record that produced no article, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Where it was.
    pub origin: Origin,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin.path)?;
        if self.origin.line > 0 {
            write!(f, ":{}", self.origin.line)?;
        } else if self.origin.record > 0 {
            write!(f, " record {}", self.origin.record)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// One result of reading: an article, or a skipped input or record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// An article (uncleaned: `text == raw_text`).
    Article(Box<Article>),
    /// Something that produced no article.
    Skipped(Skipped),
}

/// One input to read: a file path, or `-` for standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputSource {
    /// The file's path, or `-` for standard input.
    pub path: PathBuf,
}

impl InputSource {
    /// True when this source is standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// Parses the bytes of one input into records. Pure: the format is `opts.format`, or else
/// detected from `origin.path`'s extension and the content ([`detect_format`]).
pub fn parse_bytes(bytes: &[u8], origin: Origin, opts: &IngestOptions) -> Vec<Record> {
    common::parse_bytes(bytes, origin, opts)
}
