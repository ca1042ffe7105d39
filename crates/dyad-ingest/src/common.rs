//! What every format shares: decoding bytes to text, rejecting binary and empty inputs,
//! transparent gunzip, choosing ids, and finishing an article (size limit, origin).

use std::io::Read;

use dyad_types::{stable_id, Article, Origin, PubDate};
use flate2::read::MultiGzDecoder;

use crate::{detect, feed, html, jsonl, text, warc, IngestOptions, InputFormat, Record};
use crate::{SkipReason, Skipped};

/// Decompressed inputs larger than this are cut off: a gzip bomb must not exhaust memory.
pub(crate) const MAX_DECOMPRESSED: u64 = 4 << 30;

pub(crate) fn skipped(origin: Origin, reason: SkipReason) -> Record {
    Record::Skipped(Skipped { origin, reason })
}

pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Gunzips all members of `bytes`. On a truncated or corrupt stream returns what was
/// decoded so far together with the error message.
pub(crate) fn gunzip(bytes: &[u8]) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::new();
    let mut dec = MultiGzDecoder::new(bytes).take(MAX_DECOMPRESSED);
    match dec.read_to_end(&mut out) {
        Ok(_) => (out, None),
        Err(e) => (out, Some(e.to_string())),
    }
}

/// The first `limit` bytes of a gzip stream (for sniffing), empty when it is not one.
pub(crate) fn gunzip_head(bytes: &[u8], limit: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = MultiGzDecoder::new(bytes).take(limit).read_to_end(&mut out);
    out
}

/// Text decoded from bytes: lossy UTF-8 with a warning, a leading byte-order mark dropped.
pub(crate) fn decode(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let s = String::from_utf8_lossy(bytes).into_owned();
            let bad = s.matches('\u{FFFD}').count();
            warnings.push(format!(
                "invalid UTF-8: {bad} sequence(s) replaced with U+FFFD"
            ));
            s
        }
    }
}

/// HTML bytes decoded: UTF-8 when they are valid UTF-8; else the charset that the HTTP
/// header (`http_charset`) or the page's own `<meta charset>` / `http-equiv` declares
/// (decoded by `encoding_rs`, with a warning naming it); else lossy UTF-8 with a warning.
pub(crate) fn decode_html(
    bytes: &[u8],
    http_charset: Option<&str>,
    warnings: &mut Vec<String>,
) -> String {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return s.to_string();
    }
    let label = http_charset
        .map(str::to_string)
        .or_else(|| meta_charset(bytes));
    if let Some(enc) = label.and_then(|l| encoding_rs::Encoding::for_label(l.trim().as_bytes())) {
        if enc != encoding_rs::UTF_8 {
            let (text, _, had_errors) = enc.decode(bytes);
            warnings.push(format!(
                "decoded from {}{}",
                enc.name(),
                if had_errors { " with errors" } else { "" }
            ));
            return text.into_owned();
        }
    }
    decode(bytes, warnings)
}

/// The charset a page declares in its first 2 KiB (`<meta charset=…>` or
/// `<meta http-equiv=content-type content="…; charset=…">`).
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\'', ' '])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// The `charset` parameter of a Content-Type header value.
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

/// True for content that is not text: a NUL byte, or more than 10% control characters
/// other than tab, newline, carriage return and form feed (in the first 64 KiB).
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(65_536)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c) || b == 0x7f)
        .count();
    controls * 10 > head.len()
}

/// The id rule: the input's own id, else a hash of the URL, else a hash of the text.
pub(crate) fn choose_id(given: Option<&str>, url: Option<&str>, text: &str) -> String {
    match (given.map(str::trim).filter(|s| !s.is_empty()), url) {
        (Some(id), _) => id.to_string(),
        (None, Some(u)) if !u.trim().is_empty() => stable_id(u.trim()),
        _ => stable_id(text),
    }
}

/// Metadata of one article before it is built.
#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub id: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<PubDate>,
    pub warnings: Vec<String>,
}

fn non_blank(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Builds the article, or the reason it is skipped (blank text, too large).
pub(crate) fn finish(text: String, meta: Meta, origin: Origin, opts: &IngestOptions) -> Record {
    if text.trim().is_empty() {
        return skipped(origin, SkipReason::NoText);
    }
    if text.len() > opts.max_article_bytes {
        return skipped(
            origin,
            SkipReason::TooLarge {
                bytes: text.len(),
                limit: opts.max_article_bytes,
            },
        );
    }
    let url = non_blank(meta.url);
    let id = choose_id(meta.id.as_deref(), url.as_deref(), &text);
    let mut a = Article::new(id, text);
    a.source = non_blank(meta.source);
    a.url = url;
    a.title = non_blank(meta.title).map(|t| collapse_ws(&t));
    a.published = meta.published.or(opts.date);
    a.origin = origin;
    a.warnings = meta.warnings;
    Record::Article(Box::new(a))
}

/// Collapses runs of whitespace to one space and trims (for titles and other one-line
/// metadata).
pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn parse_bytes(bytes: &[u8], origin: Origin, opts: &IngestOptions) -> Vec<Record> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return vec![skipped(origin, SkipReason::Empty)];
    }
    let format = opts
        .format
        .unwrap_or_else(|| detect::detect_format(&origin.path, bytes));
    // WARC handles its own (per-record) compression; other formats may be gzipped whole.
    if format != InputFormat::Warc && is_gzip(bytes) {
        let (inner, err) = gunzip(bytes);
        let mut out = if err.is_some() && inner.is_empty() {
            Vec::new()
        } else {
            let inner_path = origin
                .path
                .strip_suffix(".gz")
                .unwrap_or(&origin.path)
                .to_string();
            let inner_format = opts
                .format
                .unwrap_or_else(|| detect::detect_format(&inner_path, &inner));
            let o = InternalOpts {
                format: inner_format,
                opts,
            };
            o.dispatch(&inner, origin.clone())
        };
        if let Some(message) = err {
            out.push(skipped(origin, SkipReason::Truncated { message }));
        }
        return out;
    }
    InternalOpts { format, opts }.dispatch(bytes, origin)
}

struct InternalOpts<'a> {
    format: InputFormat,
    opts: &'a IngestOptions,
}

impl InternalOpts<'_> {
    fn dispatch(&self, bytes: &[u8], origin: Origin) -> Vec<Record> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return vec![skipped(origin, SkipReason::Empty)];
        }
        if self.format != InputFormat::Warc && looks_binary(bytes) {
            return vec![skipped(origin, SkipReason::Binary)];
        }
        match self.format {
            InputFormat::Text => vec![text::parse(bytes, origin, self.opts)],
            InputFormat::Jsonl => jsonl::parse(bytes, origin, self.opts),
            InputFormat::Html => vec![html::parse(bytes, origin, self.opts)],
            InputFormat::Feed => feed::parse(bytes, origin, self.opts),
            InputFormat::Warc => warc::parse(bytes, origin, self.opts),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\0def"));
        assert!(looks_binary(&[1, 2, 3, 4, 5, b'a']));
        assert!(!looks_binary(
            "plain text\r\n\twith tabs, «quotes» é".as_bytes()
        ));
    }

    #[test]
    fn lossy_decode_warns() {
        let mut w = Vec::new();
        assert_eq!(decode(b"ok \xff here", &mut w), "ok \u{FFFD} here");
        assert_eq!(w.len(), 1);
        let mut w = Vec::new();
        assert_eq!(decode(b"\xEF\xBB\xBFhi", &mut w), "hi");
        assert!(w.is_empty());
    }

    #[test]
    fn html_charsets() {
        let mut w = Vec::new();
        let latin1 = b"<meta charset=\"windows-1252\"><p>\x93Quoted\x94 caf\xe9</p>";
        assert_eq!(
            decode_html(latin1, None, &mut w),
            "<meta charset=\"windows-1252\"><p>\u{201c}Quoted\u{201d} caf\u{e9}</p>"
        );
        assert_eq!(w, ["decoded from windows-1252"]);
        let mut w = Vec::new();
        assert_eq!(
            decode_html(b"caf\xe9", Some("iso-8859-1"), &mut w),
            "caf\u{e9}"
        );
        let mut w = Vec::new();
        assert_eq!(
            decode_html("café".as_bytes(), Some("iso-8859-1"), &mut w),
            "café"
        );
        assert!(w.is_empty(), "valid UTF-8 wins over a wrong label");
        assert_eq!(charset_param("text/html; charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn id_rule() {
        assert_eq!(choose_id(Some(" a1 "), Some("u"), "t"), "a1");
        assert_eq!(choose_id(None, Some("u"), "t"), stable_id("u"));
        assert_eq!(choose_id(Some(""), None, "t"), stable_id("t"));
    }
}
