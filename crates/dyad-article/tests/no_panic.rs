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

/// Sentences of words drawn from pronouns, titles, names and role nouns, with arbitrary
/// (often invalid) heads, relations and mention ranges.
fn coref_sentences() -> impl Strategy<Value = Vec<dyad_article::coref::CorefSentence>> {
    use dyad_article::coref::{CorefMention, CorefSentence, CorefWord, MentionKind};
    let form = prop_oneof![
        Just("he"),
        Just("she"),
        Just("it"),
        Just("they"),
        Just("his"),
        Just("her"),
        Just("its"),
        Just("the"),
        Just("prime"),
        Just("minister"),
        Just("Secretary"),
        Just("of"),
        Just("State"),
        Just("Mr."),
        Just("Abdul"),
        Just("-"),
        Just("Mahdi"),
        Just("militants"),
        Just("group"),
        Just("country"),
        Just("'s"),
        Just("“"),
        Just("”"),
        Just("said"),
        Just(""),
    ];
    let upos = prop_oneof![
        Just("PRON"),
        Just("PROPN"),
        Just("NOUN"),
        Just("DET"),
        Just("ADJ"),
        Just("VERB"),
        Just(""),
    ];
    let deprel = prop_oneof![
        Just("nsubj"),
        Just("obj"),
        Just("conj"),
        Just("root"),
        Just("")
    ];
    let word =
        (form, upos, 0usize..12, deprel, any::<bool>()).prop_map(|(f, u, h, d, sp)| CorefWord {
            form: f.to_string(),
            lemma: f.to_lowercase(),
            upos: u.to_string(),
            xpos: if f == "her" {
                "PRP$".into()
            } else {
                String::new()
            },
            head: h,
            deprel: d.to_string(),
            space_after: sp,
        });
    let code = prop_oneof![
        Just("IRQGOV"),
        Just("---GOV"),
        Just("USA"),
        Just(""),
        Just("X")
    ];
    let kind = prop_oneof![
        Just(MentionKind::Name),
        Just(MentionKind::TitleName),
        Just(MentionKind::Agent),
        Just(MentionKind::Country),
    ];
    let mention =
        (0usize..14, 0usize..14, code, kind).prop_map(|(start, end, c, kind)| CorefMention {
            start,
            end,
            code: c.to_string(),
            kind,
        });
    let sentence = (
        0usize..3,
        prop::collection::vec(word, 0..12),
        prop::collection::vec(mention, 0..4),
    )
        .prop_map(|(paragraph, words, mentions)| CorefSentence {
            paragraph,
            words,
            mentions,
        });
    prop::collection::vec(sentence, 0..6)
}

proptest! {
    #[test]
    fn coref_never_panics_and_links_point_inside(sents in coref_sentences()) {
        for l in dyad_article::coref::resolve(&sents) {
            for m in [&l.anaphor, &l.antecedent] {
                prop_assert!(m.sentence < sents.len());
                prop_assert!(m.start < m.end && m.end <= sents[m.sentence].words.len());
            }
            prop_assert!(l.rule.starts_with("coref:"));
        }
    }
}
