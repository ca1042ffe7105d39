//! No-panic property tests: `parse_bytes` on arbitrary bytes, and on mutilated versions of
//! the sample inputs, with each format forced, always returns records and never panics.

mod common;

use dyad_ingest::{parse_bytes, IngestOptions, InputFormat, Record};
use dyad_types::Origin;
use proptest::prelude::*;

const FORMATS: [InputFormat; 5] = [
    InputFormat::Text,
    InputFormat::Jsonl,
    InputFormat::Html,
    InputFormat::Feed,
    InputFormat::Warc,
];

fn check(bytes: &[u8], format: Option<InputFormat>) -> Result<(), TestCaseError> {
    let opts = IngestOptions {
        format,
        ..IngestOptions::default()
    };
    let records = parse_bytes(bytes, Origin::default(), &opts);
    prop_assert!(!records.is_empty() || bytes.is_empty() || format == Some(InputFormat::Jsonl));
    for r in records {
        if let Record::Article(a) = r {
            prop_assert_eq!(&a.text, &a.raw_text);
            prop_assert!(!a.raw_text.trim().is_empty());
            prop_assert!(!a.id.is_empty());
        }
    }
    Ok(())
}

/// A sample input with a random slice replaced by random bytes.
fn mutilated() -> impl Strategy<Value = Vec<u8>> {
    let samples: Vec<Vec<u8>> = [
        "news_page.html",
        "feed_rss.xml",
        "feed_atom.xml",
        "articles.jsonl",
    ]
    .iter()
    .filter_map(|n| std::fs::read(common::data(n)).ok())
    .chain([common::warc_plain(), common::warc_gz()])
    .collect();
    (
        prop::sample::select(samples),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(|(s, a, b, junk)| {
            let (i, j) = (a.index(s.len() + 1), b.index(s.len() + 1));
            let (i, j) = (i.min(j), i.max(j));
            let mut out = s[..i].to_vec();
            out.extend(junk);
            out.extend_from_slice(&s[j..]);
            out
        })
}

/// The case count: small by default so `cargo test` stays fast; `PROPTEST_CASES=N` for
/// a longer run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), f in 0usize..6) {
        check(&bytes, FORMATS.get(f).copied())?;
    }

    #[test]
    fn arbitrary_text_never_panics(s in "[<>/a-z{}\\[\\]\":,\r\n WARC1.0-]{0,300}", f in 0usize..6) {
        check(s.as_bytes(), FORMATS.get(f).copied())?;
    }

    #[test]
    fn mutilated_samples_never_panic(bytes in mutilated(), f in 0usize..6) {
        check(&bytes, FORMATS.get(f).copied())?;
    }
}
