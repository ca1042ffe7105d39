//! Property tests: neither module panics on any input, and what they return stays inside
//! the text they were given.

use chrono::NaiveDate;
use dyad_article::dates::{event_date, find_expressions, resolve, Tense};
use dyad_article::quotes::find_quotes;
use dyad_types::{Sentence, Span};
use proptest::prelude::*;

/// Text built from pieces that exercise the scanners: quote marks, apostrophes, digits,
/// dates, month and weekday names, attribution verbs, paragraph breaks.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("\n\n".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(" said ".to_string()),
        Just(" she added ".to_string()),
        Just(" according to ".to_string()),
        Just("Thursday night".to_string()),
        Just("last year".to_string()),
        Just("Feb. 29, 2019".to_string()),
        Just("2019-02-30".to_string()),
        Just("99/99/9999".to_string()),
        Just("999999 years ago".to_string()),
        Just("the 1990s".to_string()),
        Just("a few weeks ago over the weekend".to_string()),
        Just("March 5".to_string()),
        "[A-Za-z0-9 ]{0,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn dates_never_panic(s in newsish(), y in -200_000i32..200_000, o in 0u32..366, a in 0usize..200, b in 0usize..200) {
        let day = NaiveDate::from_yo_opt(y, o.max(1)).unwrap_or(NaiveDate::MIN);
        for e in find_expressions(&s) {
            prop_assert!(e.span.end <= s.len() && s.is_char_boundary(e.span.start));
            for t in [Tense::Past, Tense::Present, Tense::Future] {
                let _ = resolve(&e, day, t);
                let _ = resolve(&e, NaiveDate::MAX, t);
                let _ = resolve(&e, NaiveDate::MIN, t);
            }
        }
        let e = event_date(&s, Some(Span::new(a, b)), day, Tense::Past);
        prop_assert!(e.from_article || e.span.is_some());
        let _ = event_date(&s, None, day, Tense::Future);
    }

    #[test]
    fn quotes_never_panic(s in newsish()) {
        let sents = dyad_text::segment(&s);
        for q in find_quotes(&s, &sents).into_iter().chain(find_quotes(&s, &[])) {
            prop_assert!(q.full.end <= s.len());
            prop_assert!(q.full.start <= q.text.start || q.pieces.is_empty());
            for p in &q.pieces {
                prop_assert!(p.end <= s.len());
            }
            if let Some(sp) = &q.speaker {
                prop_assert_eq!(sp.span.slice(&s), sp.text.as_str());
            }
        }
    }

    #[test]
    fn quotes_survive_bogus_sentences(s in newsish(), spans in prop::collection::vec((0usize..300, 0usize..300), 0..6)) {
        let sents: Vec<Sentence> = spans
            .iter()
            .enumerate()
            .map(|(index, &(a, b))| Sentence {
                index,
                span: Span::new(a, b),
                raw: Span::new(a, b),
                paragraph: 0,
                tokens: Vec::new(),
                multiword: Vec::new(),
            })
            .collect();
        let _ = find_quotes(&s, &sents);
    }
}
