//! Helpers shared by the ingest integration tests: locating testdata and building the
//! sample WARC files from parts written here (so their bytes are reviewable).

#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::io::Write;
use std::path::{Path, PathBuf};

use dyad_ingest::{parse_bytes, IngestOptions, Record, Skipped};
use dyad_types::{Article, Origin};
use flate2::write::GzEncoder;
use flate2::Compression;

/// `testdata/ingest/<name>`.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/ingest")
        .join(name)
}

/// Parses a testdata file as the CLI would (format detected from its name).
pub fn parse_file(name: &str) -> Vec<Record> {
    let bytes = std::fs::read(data(name)).expect("testdata present");
    let origin = Origin {
        path: name.to_string(),
        ..Origin::default()
    };
    parse_bytes(&bytes, origin, &IngestOptions::default())
}

/// Articles and skips, in order.
pub fn split(records: Vec<Record>) -> (Vec<Article>, Vec<Skipped>) {
    let mut a = Vec::new();
    let mut s = Vec::new();
    for r in records {
        match r {
            Record::Article(x) => a.push(*x),
            Record::Skipped(x) => s.push(x),
        }
    }
    (a, s)
}

fn warc_record(fields: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.1\r\n".to_vec();
    for (k, v) in fields {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

const PAGE_A: &str = "<!DOCTYPE html><html><head><title>Harbour strike ends | Example Port News</title>\
<meta property=\"article:published_time\" content=\"2021-06-02T08:00:00Z\"></head><body>\
<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article>\
<p>Dock workers at the northern harbour ended a nine-day strike on Tuesday after the port authority agreed to raise wages by six percent, union leaders said.</p>\
<p>The strike had halted exports of grain and timber, and shipping companies had begun diverting vessels to other ports along the coast.</p>\
</article><footer>© 2021 Example Port News</footer></body></html>";

const PAGE_B: &str = "<html><body><div class=\"content\">\
<p>The regional governor dismissed the head of the water authority on Friday, blaming him for shortages that left thousands of homes without supply.</p>\
<p>Opposition councillors called the decision overdue and demanded an inquiry into the authority's finances.</p>\
</div><div class=\"social-share\"><p>Share this story on your favourite network, it only takes a second.</p></div></body></html>";

fn http(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    out
}

fn chunked(body: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in body.as_bytes().chunks(100) {
        out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// The sample WARC's records, each serialized separately (for per-record gzip).
pub fn warc_records() -> Vec<Vec<u8>> {
    let info = b"software: dyad test fixture\r\nformat: WARC File Format 1.1\r\n";
    vec![
        warc_record(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Date", "2021-06-03T12:00:00Z"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-4000-8000-000000000001>",
                ),
                ("Content-Type", "application/warc-fields"),
            ],
            info,
        ),
        warc_record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Date", "2021-06-03T12:00:01Z"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-4000-8000-000000000002>",
                ),
                (
                    "WARC-Target-URI",
                    "https://port.example.org/news/harbour-strike-ends",
                ),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /news/harbour-strike-ends HTTP/1.1\r\nHost: port.example.org\r\n\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Date", "2021-06-03T12:00:02Z"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-4000-8000-000000000003>",
                ),
                (
                    "WARC-Target-URI",
                    "https://port.example.org/news/harbour-strike-ends",
                ),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", &PAGE_A.len().to_string()),
                ],
                PAGE_A.as_bytes(),
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Date", "2021-06-03T12:00:03Z"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-4000-8000-000000000004>",
                ),
                ("WARC-Target-URI", "https://port.example.org/api/tides.json"),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http(
                "200 OK",
                &[("Content-Type", "application/json")],
                b"{\"high\": \"06:12\"}",
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Date", "2021-06-03T12:00:04Z"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-4000-8000-000000000005>",
                ),
                ("WARC-Target-URI", "https://port.example.org/news/missing"),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http(
                "404 Not Found",
                &[("Content-Type", "text/html")],
                b"<html><body><p>Page not found.</p></body></html>",
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Date", "2021-06-04T07:45:00Z"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-4000-8000-000000000006>",
                ),
                (
                    "WARC-Target-URI",
                    "https://region.example.org/governor-dismisses-water-chief",
                ),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &http(
                "200 OK",
                &[
                    ("Content-Type", "text/html"),
                    ("Transfer-Encoding", "chunked"),
                ],
                &chunked(PAGE_B),
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "metadata"),
                ("WARC-Date", "2021-06-04T07:45:01Z"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-4000-8000-000000000007>",
                ),
                (
                    "WARC-Target-URI",
                    "https://region.example.org/governor-dismisses-water-chief",
                ),
                ("Content-Type", "application/warc-fields"),
            ],
            b"outlinks: https://region.example.org/\r\n",
        ),
    ]
}

/// The plain WARC file's bytes.
pub fn warc_plain() -> Vec<u8> {
    warc_records().concat()
}

/// The WARC gzipped record by record (one gzip member each), as crawlers write it.
pub fn warc_gz() -> Vec<u8> {
    let mut out = Vec::new();
    for r in warc_records() {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(&r).expect("in-memory write");
        out.extend(enc.finish().expect("in-memory gzip"));
    }
    out
}

/// The gzipped WARC cut in the middle of its sixth record's member.
pub fn warc_truncated() -> Vec<u8> {
    let mut out = Vec::new();
    for (i, r) in warc_records().into_iter().enumerate() {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(&r).expect("in-memory write");
        let member = enc.finish().expect("in-memory gzip");
        if i == 5 {
            out.extend_from_slice(&member[..member.len() / 2]);
            break;
        }
        out.extend(member);
    }
    out
}
