//! Fuzz target: cleaning any text must never panic, and every cleaned word must map back
//! to an in-bounds, char-aligned raw span.

#![no_main]

use dyad_clean::{clean, CleanOptions};
use dyad_types::{Article, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data).into_owned();
    let mut a = Article::new("fuzz", raw.clone());
    clean(&mut a, &CleanOptions::default());
    assert_eq!(a.offsets.clean_len(), a.text.len());
    let mut start = None;
    for (i, c) in a
        .text
        .char_indices()
        .chain(std::iter::once((a.text.len(), ' ')))
    {
        match (start, c.is_whitespace()) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let r = a.offsets.span_to_raw(Span::new(s, i));
                assert!(r.end <= raw.len());
                assert!(raw.is_char_boundary(r.start) && raw.is_char_boundary(r.end));
                start = None;
            }
            _ => {}
        }
    }
});
