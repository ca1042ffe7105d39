//! Guessing an input's format from its file name and its first bytes.

use crate::common::{gunzip_head, is_gzip};
use crate::InputFormat;

/// The format of an input: a known extension decides (`.txt`, `.jsonl`/`.ndjson`/`.json`,
/// `.html`/`.htm`, `.rss`/`.atom`, `.warc`, each optionally followed by `.gz`); otherwise
/// (no extension, `.xml`, anything else) the content is sniffed: `WARC/` → WARC, `<rss`,
/// `<feed`, `<rdf:RDF` → feed, an HTML doctype or tag → HTML, `{` or `[` → JSON lines,
/// anything else → plain text.
pub fn detect_format(path: &str, bytes: &[u8]) -> InputFormat {
    let lower = path.to_ascii_lowercase();
    let name = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    // An extension only counts when it belongs to the file name, not to a directory.
    let ext = if ext.contains('/') || ext.contains('\\') {
        ""
    } else {
        ext
    };
    match ext {
        "txt" | "text" => return InputFormat::Text,
        "jsonl" | "ndjson" | "json" => return InputFormat::Jsonl,
        "html" | "htm" | "xhtml" | "shtml" => return InputFormat::Html,
        "rss" | "atom" => return InputFormat::Feed,
        "warc" => return InputFormat::Warc,
        _ => {}
    }
    if is_gzip(bytes) {
        return sniff(&gunzip_head(bytes, 4096));
    }
    sniff(bytes)
}

fn sniff(bytes: &[u8]) -> InputFormat {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let body = &bytes[start..];
    if body.starts_with(b"WARC/") {
        return InputFormat::Warc;
    }
    if body.starts_with(b"{") || body.starts_with(b"[") {
        return InputFormat::Jsonl;
    }
    if body.starts_with(b"<") {
        let head = String::from_utf8_lossy(&body[..body.len().min(2048)]).to_ascii_lowercase();
        if head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
            return InputFormat::Feed;
        }
        return InputFormat::Html;
    }
    InputFormat::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_and_sniffing() {
        let cases: &[(&str, &[u8], InputFormat)] = &[
            ("a.txt", b"<html>", InputFormat::Text),
            ("a.JSONL", b"x", InputFormat::Jsonl),
            ("dir.d/a.warc.gz", b"", InputFormat::Warc),
            ("a.htm", b"", InputFormat::Html),
            (
                "feed.xml",
                b"<?xml version='1.0'?><rss version='2.0'>",
                InputFormat::Feed,
            ),
            (
                "atom.xml",
                b"<?xml version='1.0'?>\n<feed xmlns=''>",
                InputFormat::Feed,
            ),
            ("page", b"  <!DOCTYPE html><html>", InputFormat::Html),
            ("-", b"WARC/1.0\r\n", InputFormat::Warc),
            ("-", b"{\"text\": 1}", InputFormat::Jsonl),
            ("-", b"date 2020-01-11 Hello", InputFormat::Text),
            ("some.dir/file", b"Hello", InputFormat::Text),
        ];
        for (path, bytes, want) in cases {
            assert_eq!(detect_format(path, bytes), *want, "{path}");
        }
    }
}
