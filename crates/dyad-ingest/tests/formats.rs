//! Integration tests over the sample inputs in `testdata/ingest/`, one per format, plus
//! bad inputs and input expansion.

mod common;

use common::{data, parse_file, split};
use dyad_ingest::{
    expand_inputs, parse_bytes, read_source, IngestOptions, InputFormat, JsonFields, Record,
    SkipReason,
};
use dyad_types::{stable_id, Origin, PubDate};

fn origin(path: &str) -> Origin {
    Origin {
        path: path.into(),
        ..Origin::default()
    }
}

#[test]
fn warc_fixtures_match_their_generator() {
    let files = [
        ("sample.warc", common::warc_plain()),
        ("sample.warc.gz", common::warc_gz()),
        ("truncated.warc.gz", common::warc_truncated()),
    ];
    for (name, bytes) in files {
        if std::env::var_os("DYAD_BLESS").is_some() {
            std::fs::write(data(name), &bytes).expect("writable testdata");
        }
        let committed = std::fs::read(data(name)).expect("fixture present");
        assert!(
            committed == bytes,
            "{name} differs from its generator; rerun with DYAD_BLESS=1"
        );
    }
}

#[test]
fn html_page_body_and_metadata() {
    let (arts, skips) = split(parse_file("news_page.html"));
    assert!(skips.is_empty(), "{skips:?}");
    let a = &arts[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Envoys agree to resume border talks next month")
    );
    assert_eq!(a.source.as_deref(), Some("Dyad Example News"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example.org/world/2021/05/envoys-resume-border-talks")
    );
    assert_eq!(
        a.id,
        stable_id("https://news.example.org/world/2021/05/envoys-resume-border-talks")
    );
    assert_eq!(
        a.published.unwrap().to_string(),
        "2021-05-14T09:30:00+02:00"
    );
    let paras: Vec<&str> = a.raw_text.split("\n\n").collect();
    assert_eq!(paras.len(), 6, "{:#?}", paras);
    assert!(paras[0].starts_with("Envoys from Ruritania and Borduria agreed on Friday"));
    assert!(paras[1].contains("envoy, Maria Santos, urged"));
    assert_eq!(
        paras[5],
        "The next round is due to open in Geneva on June 10."
    );
    for junk in [
        "cookies",
        "Share on",
        "Related",
        "Sign up",
        "Reader123",
        "Recommended",
        "Markets rally",
        "All rights reserved",
        "Photo:",
        "By Tomas Lind",
        "dataLayer",
        "Save 50%",
        "Politics",
    ] {
        assert!(!a.raw_text.contains(junk), "{junk} leaked into the body");
    }
    assert_eq!(a.text, a.raw_text);
    assert_eq!(a.offsets.clean_len(), a.raw_text.len());
}

#[test]
fn html_without_body_is_skipped() {
    let html = b"<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>";
    let r = parse_bytes(html, origin("empty.html"), &IngestOptions::default());
    assert!(
        matches!(&r[..], [Record::Skipped(s)] if s.reason == SkipReason::NoBody),
        "{r:?}"
    );
}

#[test]
fn rss_items() {
    let (arts, skips) = split(parse_file("feed_rss.xml"));
    assert_eq!(arts.len(), 3);
    assert_eq!(skips.len(), 1, "the item without text");
    assert_eq!(skips[0].reason, SkipReason::NoText);
    assert_eq!(skips[0].origin.record, 3);
    let a = &arts[0];
    assert_eq!(a.id, "dyad-example-2021-0514-001");
    assert_eq!(a.source.as_deref(), Some("Dyad Example News – World"));
    assert_eq!(
        a.title.as_deref(),
        Some("Envoys agree to resume border talks")
    );
    assert_eq!(
        a.published.unwrap().to_string(),
        "2021-05-14T07:30:00+00:00"
    );
    // Full content wins over the description; HTML becomes paragraphs, the figure goes.
    assert_eq!(a.raw_text.split("\n\n").count(), 2);
    assert!(a.raw_text.contains("“turn a ceasefire into a settlement”"));
    assert!(!a.raw_text.contains("Photo:"));
    // An escaped-HTML description, no guid: id from the link.
    let b = &arts[1];
    assert_eq!(b.raw_text, "Ruritania’s transport minister on Thursday rejected opposition demands that he resign over a disputed port contract.");
    assert_eq!(
        b.id,
        stable_id("https://news.example.org/world/2021/05/minister-rejects-resignation-call")
    );
    assert_eq!(
        b.published.unwrap().to_string(),
        "2021-05-13T16:05:00+00:00"
    );
}

#[test]
fn atom_entries() {
    let (arts, skips) = split(parse_file("feed_atom.xml"));
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(arts.len(), 3);
    assert_eq!(arts[0].source.as_deref(), Some("Dyad Example Wire"));
    assert_eq!(arts[0].id, "urn:dyad-example:wire:2021-05-14:1");
    assert_eq!(
        arts[0].url.as_deref(),
        Some("https://wire.example.org/2021/05/14/border-talks")
    );
    assert_eq!(
        arts[0].raw_text,
        "Ruritania and Borduria will resume talks on their disputed border in June, mediators said on Friday.\n\nThe UN envoy welcomed the decision."
    );
    assert_eq!(
        arts[0].published.unwrap().to_string(),
        "2021-05-14T07:30:00+00:00"
    );
    assert_eq!(
        arts[1].title.as_deref(),
        Some("Aid convoy reaches northern province")
    );
    assert!(arts[1].raw_text.starts_with("A convoy of 40 trucks"));
    assert_eq!(arts[1].published.unwrap().date.to_string(), "2021-05-13");
    assert!(arts[2]
        .raw_text
        .starts_with("Negotiators from the two countries"));
}

#[test]
fn json_lines_with_a_broken_line() {
    let (arts, skips) = split(parse_file("articles.jsonl"));
    assert_eq!(arts.len(), 3);
    assert_eq!(arts[0].id, "jl-001");
    assert_eq!(arts[0].origin.line, 1);
    assert_eq!(arts[0].published.unwrap().to_string(), "2021-03-02");
    assert_eq!(arts[0].source.as_deref(), Some("Dyad Example News"));
    assert_eq!(arts[1].title.as_deref(), Some("Ministers meet in Riga"));
    assert_eq!(
        arts[1].url.as_deref(),
        Some("https://news.example.org/world/riga")
    );
    assert_eq!(arts[1].id, stable_id("https://news.example.org/world/riga"));
    assert_eq!(arts[2].origin.line, 4);
    assert_eq!(
        arts[2].raw_text,
        "Trade talks resumed in Ottawa on Wednesday.\n\nBoth sides called the first day constructive."
    );
    assert_eq!(arts[2].source.as_deref(), Some("Example Wire"));
    assert_eq!(arts[2].published.unwrap().date.to_string(), "2021-03-04");
    assert_eq!(skips.len(), 3, "{skips:?}");
    assert!(matches!(
        skips[0].reason,
        SkipReason::MalformedJson { line: 3, .. }
    ));
    assert_eq!(skips[1].reason, SkipReason::NoText);
    assert_eq!(skips[1].origin.line, 5);
    assert!(matches!(
        skips[2].reason,
        SkipReason::MalformedJson { line: 7, .. }
    ));
    assert!(skips[0]
        .to_string()
        .starts_with("articles.jsonl:3: malformed JSON on line 3"));
}

#[test]
fn json_field_overrides_and_arrays() {
    let input = br#"[{"meta": {"when": "2020-02-03"}, "story_text": "Talks ended.", "ref": "r-9"},
                     {"story_text": "Talks began."}]"#;
    let opts = IngestOptions {
        json: JsonFields {
            text: Some("story_text".into()),
            date: Some("meta.when".into()),
            id: Some("ref".into()),
            ..JsonFields::default()
        },
        date: PubDate::parse("2020-01-01"),
        ..IngestOptions::default()
    };
    let (arts, skips) = split(parse_bytes(input, origin("x.json"), &opts));
    assert!(skips.is_empty());
    assert_eq!(arts[0].id, "r-9");
    assert_eq!(arts[0].published.unwrap().to_string(), "2020-02-03");
    assert_eq!(
        arts[1].published.unwrap().to_string(),
        "2020-01-01",
        "fallback date"
    );
    assert_eq!(arts[1].origin.record, 1);
}

fn check_warc(records: Vec<Record>, expect_truncated: bool) {
    let (arts, skips) = split(records);
    let reasons: Vec<String> = skips.iter().map(|s| s.reason.to_string()).collect();
    if expect_truncated {
        assert_eq!(arts.len(), 1, "{reasons:?}");
    } else {
        assert_eq!(arts.len(), 2, "{reasons:?}");
    }
    let a = &arts[0];
    assert_eq!(
        a.url.as_deref(),
        Some("https://port.example.org/news/harbour-strike-ends")
    );
    assert_eq!(
        a.published.unwrap().to_string(),
        "2021-06-02T08:00:00+00:00",
        "page date wins"
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Harbour strike ends | Example Port News")
    );
    assert_eq!(a.origin.record, 2);
    assert!(a
        .raw_text
        .starts_with("Dock workers at the northern harbour"));
    assert!(!a.raw_text.contains("Home"));
    assert_eq!(
        skips[0].reason,
        SkipReason::WarcRecord {
            kind: "warcinfo".into()
        }
    );
    assert_eq!(
        skips[1].reason,
        SkipReason::WarcRecord {
            kind: "request".into()
        }
    );
    assert_eq!(
        skips[2].reason,
        SkipReason::NotHtmlResponse {
            content_type: "application/json".into()
        }
    );
    assert_eq!(skips[3].reason, SkipReason::HttpStatus { code: 404 });
    if expect_truncated {
        assert_eq!(skips.len(), 5);
        assert!(
            matches!(skips[4].reason, SkipReason::Truncated { .. }),
            "{reasons:?}"
        );
        assert_eq!(skips[4].origin.record, 5);
    } else {
        let b = &arts[1];
        assert_eq!(
            b.published.unwrap().to_string(),
            "2021-06-04T07:45:00+00:00",
            "WARC-Date"
        );
        assert_eq!(b.raw_text.split("\n\n").count(), 2, "{}", b.raw_text);
        assert!(
            b.raw_text.contains("regional governor dismissed"),
            "de-chunked"
        );
        assert!(!b.raw_text.contains("Share this story"));
        assert_eq!(
            skips[4].reason,
            SkipReason::WarcRecord {
                kind: "metadata".into()
            }
        );
        assert_eq!(skips.len(), 5);
    }
}

#[test]
fn warc_plain_and_gzipped() {
    check_warc(parse_file("sample.warc"), false);
    check_warc(parse_file("sample.warc.gz"), false);
}

#[test]
fn warc_gzipped_whole_file() {
    let gz = {
        use std::io::Write;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&common::warc_plain()).unwrap();
        e.finish().unwrap()
    };
    check_warc(
        parse_bytes(&gz, origin("whole.warc.gz"), &IngestOptions::default()),
        false,
    );
}

#[test]
fn warc_truncated_keeps_earlier_records() {
    check_warc(parse_file("truncated.warc.gz"), true);
    // Cut inside a record's block, uncompressed.
    let plain = common::warc_plain();
    let five: usize = common::warc_records()[..5].iter().map(Vec::len).sum();
    let cut = &plain[..five + 100];
    let (arts, skips) = split(parse_bytes(
        cut,
        origin("cut.warc"),
        &IngestOptions::default(),
    ));
    assert_eq!(arts.len(), 1);
    assert!(matches!(
        skips.last().unwrap().reason,
        SkipReason::Truncated { .. }
    ));
}

#[test]
fn plain_text_date_marker_and_option() {
    let text = "date 2021-03-04 Jane Roe/AFP A caption.\n\nThe council met on Tuesday.\n";
    let (arts, _) = split(parse_bytes(
        text.as_bytes(),
        origin("a.txt"),
        &IngestOptions::default(),
    ));
    assert_eq!(arts[0].published.unwrap().to_string(), "2021-03-04");
    assert_eq!(arts[0].raw_text, text, "the marker stays for the cleaner");
    assert_eq!(arts[0].id, stable_id(text));
    assert_eq!(arts[0].title, None);
    let opts = IngestOptions {
        date: PubDate::parse("2022-02-02"),
        ..IngestOptions::default()
    };
    let (arts, _) = split(parse_bytes(text.as_bytes(), origin("a.txt"), &opts));
    assert_eq!(arts[0].published.unwrap().to_string(), "2022-02-02");
}

#[test]
fn bad_inputs_are_skipped_or_warned() {
    let o = IngestOptions::default();
    let skip = |bytes: &[u8], path: &str| match &parse_bytes(bytes, origin(path), &o)[..] {
        [Record::Skipped(s)] => Some(s.reason.clone()),
        _ => None,
    };
    assert_eq!(skip(b"", "a.txt"), Some(SkipReason::Empty));
    assert_eq!(skip(b" \n\t ", "a.txt"), Some(SkipReason::Empty));
    assert_eq!(
        skip(b"\x00\x01\x02binary\x00", "a.txt"),
        Some(SkipReason::Binary)
    );
    assert_eq!(skip(b"not a feed", "a.rss"), skip(b"not a feed", "b.rss"));
    assert!(matches!(
        skip(b"<rss version='2.0'><chan", "a.rss"),
        Some(SkipReason::Malformed { .. })
    ));
    assert!(matches!(
        skip(b"HTTP/1.1 200", "a.warc"),
        Some(SkipReason::Malformed { .. })
    ));
    let small = IngestOptions {
        max_article_bytes: 10,
        ..IngestOptions::default()
    };
    let r = parse_bytes(
        b"A sentence longer than ten bytes.",
        origin("a.txt"),
        &small,
    );
    assert!(
        matches!(&r[..], [Record::Skipped(s)] if s.reason == SkipReason::TooLarge { bytes: 33, limit: 10 })
    );
    let r = parse_bytes(b"Caf\xe9 talks resumed.", origin("a.txt"), &o);
    let [Record::Article(a)] = &r[..] else {
        panic!("{r:?}")
    };
    assert_eq!(a.raw_text, "Caf\u{FFFD} talks resumed.");
    assert_eq!(a.warnings.len(), 1);
}

#[test]
fn gzipped_json_lines() {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b"{\"text\": \"Talks resumed.\"}\n").unwrap();
    let gz = e.finish().unwrap();
    let (arts, skips) = split(parse_bytes(
        &gz,
        origin("a.jsonl.gz"),
        &IngestOptions::default(),
    ));
    assert_eq!((arts.len(), skips.len()), (1, 0));
    assert_eq!(arts[0].raw_text, "Talks resumed.");
}

#[test]
fn forced_format_overrides_detection() {
    let opts = IngestOptions {
        format: Some(InputFormat::Text),
        ..IngestOptions::default()
    };
    let (arts, _) = split(parse_bytes(b"<p>Hello</p>", origin("a.html"), &opts));
    assert_eq!(arts[0].raw_text, "<p>Hello</p>");
    assert_eq!("atom".parse::<InputFormat>(), Ok(InputFormat::Feed));
    assert!("pdf".parse::<InputFormat>().is_err());
}

#[test]
fn inputs_expand_deterministically() {
    let dir = data("").display().to_string();
    let got = expand_inputs(&[
        dir.clone(),
        format!("{dir}/*.xml"),
        "-".into(),
        format!("{dir}/nope.txt"),
        format!("{dir}/*.nothing"),
    ]);
    let names: Vec<String> = got
        .iter()
        .map(|r| match r {
            Ok(s) => s
                .path
                .file_name()
                .map_or("-".into(), |n| n.to_string_lossy().into_owned()),
            Err(s) => format!("skip:{}", s.reason),
        })
        .collect();
    let mut dir_files: Vec<String> = std::fs::read_dir(data(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    dir_files.sort();
    let mut want = dir_files.clone();
    want.extend([
        "feed_atom.xml".to_string(),
        "feed_rss.xml".into(),
        "-".into(),
    ]);
    want.push("skip:no such file or directory".into());
    want.push("skip:pattern matched no file".into());
    assert_eq!(names, want);
    // Reading every file of the directory never fails as a whole.
    for src in got.into_iter().flatten().filter(|s| !s.is_stdin()) {
        let records = read_source(&src, &IngestOptions::default());
        assert!(!records.is_empty(), "{}", src.path.display());
    }
}
