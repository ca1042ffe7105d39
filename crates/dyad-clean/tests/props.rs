//! Property tests: the cleaner never panics, its output has the promised layout, and every
//! cleaned token maps back to in-bounds, char-aligned raw bytes that hold the same word.

use dyad_clean::{clean, CleanOptions};
use dyad_types::{Article, Span};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// Pieces that exercise every pass, mixed with random text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("date 2020-01-11 ".to_string()),
        Just("Jane Roe/Getty Images A minister in Vienna.\n".to_string()),
        Just("Advertisement\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("saidFriday ".to_string()),
        Just("The minister told envoys in Vienna that the talks would resume soon. ".to_string()),
        Just("The minister told the envoys in Geneva that the talks would resume. ".to_string()),
        Just("caf\u{65}\u{301} ".to_string()),
        Just("a\u{a0}b\u{200b}c\u{feff} ".to_string()),
        Just("Iraq‘s “quote” – dash ".to_string()),
        "[a-zA-Z \n\t.,:/()\u{a0}\u{200b}\u{301}é‘’“”\u{1}\r-]{0,40}",
        any::<String>().prop_map(|s| s.chars().take(20).collect()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|v| v.concat())
}

/// What cleaning may do inside a word: drop invisible characters, compose to NFC.
fn normalise_word(raw: &str) -> String {
    let kept: String = raw
        .chars()
        .filter(|&c| {
            !(matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{AD}' | '\u{202A}'..='\u{202E}'
            ) || (c.is_control() && !c.is_whitespace()))
        })
        .collect();
    kept.nfc().collect()
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
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    #[test]
    fn offsets_trace_every_token(raw in text()) {
        let mut a = Article::new("p", raw.clone());
        clean(&mut a, &CleanOptions::default());
        let t = &a.text;
        prop_assert_eq!(t.trim(), t.as_str());
        prop_assert!(!t.contains("\n\n\n") && !t.contains("  ") && !t.contains(" \n") && !t.contains("\n "));
        prop_assert_eq!(a.offsets.clean_len(), t.len());
        for (i, w) in t.match_indices(|c: char| !c.is_whitespace()).fold(Vec::<(usize, String)>::new(), |mut acc, (i, c)| {
            match acc.last_mut() {
                Some((s, w)) if *s + w.len() == i => w.push_str(c),
                _ => acc.push((i, c.to_string())),
            }
            acc
        }) {
            let r = a.offsets.span_to_raw(Span::new(i, i + w.len()));
            prop_assert!(r.start <= r.end && r.end <= raw.len(), "{:?} out of bounds", r);
            prop_assert!(raw.is_char_boundary(r.start) && raw.is_char_boundary(r.end));
            prop_assert_eq!(normalise_word(&raw[r.start..r.end]), w.clone(), "token at {}", i);
        }
        for act in &a.actions {
            prop_assert!(act.raw.end <= raw.len());
            prop_assert!(raw.is_char_boundary(act.raw.start) && raw.is_char_boundary(act.raw.end));
        }
    }

    #[test]
    fn clean_never_panics_on_any_string(raw in any::<String>()) {
        let mut a = Article::new("p", raw);
        clean(&mut a, &CleanOptions::default());
        prop_assert_eq!(a.offsets.clean_len(), a.text.len());
    }
}

/// Regression: a combining mark separated from its base by a zero-width space did not
/// compose, so the cleaned word differed from the NFC of its raw bytes.
#[test]
fn regression_combining_mark_after_zero_width_space() {
    let mut a = Article::new("r", "i\u{200b}\u{301} x");
    clean(&mut a, &CleanOptions::default());
    assert_eq!(a.text, "\u{ed} x");
    assert_eq!(a.offsets.span_to_raw(Span::new(0, 2)), Span::new(0, 6));
}
