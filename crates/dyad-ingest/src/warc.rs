//! WARC archives (ISO 28500; WARC/1.0 and 1.1), plain, gzipped per record or gzipped
//! whole. HTML `response` records (and `resource` records holding HTML) become articles;
//! other records are reported as skipped with their type. A truncated file keeps the
//! records read before the cut and reports one `Truncated`.

use std::io::Read;

use dyad_types::{Origin, PubDate};
use flate2::read::GzDecoder;

use crate::common::{charset_param, decode_html, gunzip, is_gzip, skipped, Meta};
use crate::html::page_record;
use crate::{IngestOptions, Record, SkipReason};

/// One parsed WARC record: its named header fields and its content block.
struct WarcRecord<'a> {
    fields: Vec<(String, String)>,
    block: &'a [u8],
}

impl WarcRecord<'_> {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) fn parse(bytes: &[u8], origin: Origin, opts: &IngestOptions) -> Vec<Record> {
    let mut out = Vec::new();
    let (data, gz_error) = if is_gzip(bytes) {
        gunzip(bytes)
    } else {
        (bytes.to_vec(), None)
    };
    let mut pos = 0usize;
    let mut index = 0usize;
    let mut truncated: Option<String> = None;
    loop {
        while pos < data.len() && matches!(data[pos], b'\r' | b'\n') {
            pos += 1;
        }
        if pos >= data.len() {
            break;
        }
        let o = Origin {
            record: index,
            ..origin.clone()
        };
        match read_record(&data[pos..]) {
            Ok((rec, used)) => {
                out.push(record_to_article(&rec, o, opts));
                pos += used;
                index += 1;
            }
            Err(RecordError::Truncated(m)) => {
                truncated = Some(m);
                break;
            }
            Err(RecordError::Malformed(message)) => {
                // Without a valid header the next record's start is unknown: stop here.
                out.push(skipped(o, SkipReason::Malformed { message }));
                break;
            }
        }
    }
    if let Some(e) = gz_error {
        truncated = Some(match truncated {
            Some(t) => format!("{t} (gzip: {e})"),
            None => format!("gzip: {e}"),
        });
    }
    if let Some(message) = truncated {
        let o = Origin {
            record: index,
            ..origin
        };
        out.push(skipped(o, SkipReason::Truncated { message }));
    }
    out
}

enum RecordError {
    Truncated(String),
    Malformed(String),
}

/// Position just past the first blank line (`\r\n\r\n` or a bare `\n\n`), if any.
fn header_end(data: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while i < data.len() {
        if data[i] == b'\n' {
            let rest = &data[i + 1..];
            if rest.starts_with(b"\r\n") {
                return Some((i, i + 3));
            }
            if rest.starts_with(b"\n") {
                return Some((i, i + 2));
            }
        }
        i += 1;
    }
    None
}

/// Reads one record at the start of `data`; returns it and the bytes consumed.
fn read_record(data: &[u8]) -> Result<(WarcRecord<'_>, usize), RecordError> {
    if !data.starts_with(b"WARC/") {
        let shown = String::from_utf8_lossy(&data[..data.len().min(16)]).into_owned();
        return Err(RecordError::Malformed(format!(
            "expected a WARC record, found {shown:?}"
        )));
    }
    let Some((head_end, body_start)) = header_end(data) else {
        return Err(RecordError::Truncated("inside a WARC header".into()));
    };
    let head = String::from_utf8_lossy(&data[..head_end]);
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in head.lines().skip(1) {
        let line = line.trim_end_matches('\r');
        if line.starts_with([' ', '\t']) {
            // A folded continuation line belongs to the previous field.
            if let Some(last) = fields.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            fields.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let length = fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .ok_or_else(|| {
            RecordError::Malformed("WARC record without a valid Content-Length".into())
        })?;
    let end = body_start
        .checked_add(length)
        .filter(|&e| e <= data.len())
        .ok_or_else(|| {
            RecordError::Truncated(format!(
                "record block of {length} bytes cut at {}",
                data.len() - body_start
            ))
        })?;
    Ok((
        WarcRecord {
            fields,
            block: &data[body_start..end],
        },
        end,
    ))
}

fn record_to_article(rec: &WarcRecord<'_>, origin: Origin, opts: &IngestOptions) -> Record {
    let kind = rec.field("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let url = rec
        .field("WARC-Target-URI")
        .map(|u| u.trim_matches(['<', '>']).to_string());
    let date = rec.field("WARC-Date").and_then(PubDate::parse);
    let id = rec.field("WARC-Record-ID").map(str::to_string);
    let (payload, content_type) = match kind.as_str() {
        "response" => match http_payload(rec.block) {
            Ok(p) => p,
            Err(reason) => return skipped(origin, reason),
        },
        "resource" => (
            rec.block.to_vec(),
            rec.field("Content-Type").unwrap_or("").to_string(),
        ),
        _ => {
            let kind = if kind.is_empty() {
                "untyped".to_string()
            } else {
                kind
            };
            return skipped(origin, SkipReason::WarcRecord { kind });
        }
    };
    let ct = content_type.to_ascii_lowercase();
    if !(ct.contains("text/html") || ct.contains("application/xhtml")) {
        return skipped(
            origin,
            SkipReason::NotHtmlResponse {
                content_type: if content_type.is_empty() {
                    "no content type".into()
                } else {
                    content_type
                },
            },
        );
    }
    let mut meta = Meta {
        // The record id names the capture, not the article; the URL is the better key.
        id: url.is_none().then_some(id).flatten(),
        url,
        published: date,
        ..Meta::default()
    };
    let html = decode_html(&payload, charset_param(&content_type), &mut meta.warnings);
    page_record(&html, meta, origin, opts)
}

/// The HTTP response's body (de-chunked, gunzipped) and its content type.
fn http_payload(block: &[u8]) -> Result<(Vec<u8>, String), SkipReason> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let body_start = match resp.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(SkipReason::Truncated {
                message: "HTTP headers cut off".into(),
            })
        }
        Err(e) => {
            return Err(SkipReason::Malformed {
                message: format!("HTTP response: {e}"),
            })
        }
    };
    let code = resp.code.unwrap_or(0);
    if !(200..300).contains(&code) {
        return Err(SkipReason::HttpStatus { code });
    }
    let header = |name: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = header("Content-Type").unwrap_or_default();
    let mut body = block[body_start..].to_vec();
    if header("Transfer-Encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body);
    }
    match header("Content-Encoding").map(|e| e.to_ascii_lowercase()) {
        Some(e) if e.contains("gzip") => {
            let mut out = Vec::new();
            if GzDecoder::new(&body[..])
                .take(crate::common::MAX_DECOMPRESSED)
                .read_to_end(&mut out)
                .is_err()
                && out.is_empty()
            {
                return Err(SkipReason::Unreadable {
                    message: "bad gzip content encoding".into(),
                });
            }
            body = out;
        }
        Some(e) if e.contains("br") || e.contains("deflate") || e.contains("zstd") => {
            return Err(SkipReason::Unreadable {
                message: format!("unsupported content encoding {e}"),
            })
        }
        _ => {}
    }
    Ok((body, content_type))
}

/// Removes HTTP/1.1 chunked transfer coding. Crawlers often store the de-chunked body
/// while keeping the header, so a body that does not parse as chunks is kept as it is.
fn dechunk(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let Some(nl) = body[pos..].iter().position(|&b| b == b'\n') else {
            return body.to_vec();
        };
        let line = String::from_utf8_lossy(&body[pos..pos + nl]);
        let size_str = line.trim().split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_str, 16) else {
            return body.to_vec();
        };
        pos += nl + 1;
        if size == 0 {
            return out;
        }
        let Some(end) = pos.checked_add(size).filter(|&e| e <= body.len()) else {
            out.extend_from_slice(&body[pos..]);
            return out;
        };
        out.extend_from_slice(&body[pos..end]);
        pos = end;
        while pos < body.len() && matches!(body[pos], b'\r' | b'\n') {
            pos += 1;
            if body.get(pos - 1) == Some(&b'\n') {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n"),
            b"Wikipedia"
        );
        assert_eq!(dechunk(b"<html>not chunked"), b"<html>not chunked");
    }
}
