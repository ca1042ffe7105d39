//! The prefilters (sentences that need no tagging and parsing, and tagged sentences that
//! need no parsing) change no output: fixture articles (`tests/data/prefilter-articles.txt`)
//! give the same records and quotes coded with the prefilter and without it, their
//! sentences coded alone give the same events parsed or skipped by the verb test, and the
//! tests they rest on behave as documented. The tests that analyse skip (pass without
//! checking) when the embedded models are not built.

mod common;

use common::test_dictionaries;
use dyad_code::{article_quotes_coded, article_records, code_article_with, Coder, CoderOptions};

/// The fixture articles: (id, date, text).
fn articles() -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = Vec::new();
    for line in include_str!("data/prefilter-articles.txt").lines() {
        if let Some(head) = line.strip_prefix("=== ") {
            let mut it = head.split_whitespace();
            let id = it.next().unwrap_or_default().to_string();
            let date = it.next().unwrap_or_default().to_string();
            out.push((id, date, String::new()));
        } else if let Some((_, _, text)) = out.last_mut() {
            text.push_str(line);
            text.push('\n');
        }
    }
    out
}

#[test]
fn articles_code_the_same_with_and_without_the_prefilter() {
    let Ok(analyzer) = dyad_nlp::Analyzer::embedded() else {
        return;
    };
    let d = test_dictionaries();
    let coder = Coder::new(&d, CoderOptions::default());
    let (mut skipped, mut events) = (0, 0);
    let fixtures = articles();
    assert_eq!(fixtures.len(), 5);
    for (id, date, text) in fixtures {
        let mut a = dyad_types::Article::new(id.as_str(), text.trim_end());
        a.published = dyad_types::PubDate::parse(&date);
        let sentences = dyad_text::segment_article(&a);
        let mut out = Vec::new();
        for prefilter in [true, false] {
            let (coded, n) = code_article_with(&coder, &a, &analyzer, prefilter);
            assert_eq!(coded.len(), sentences.len(), "{id}");
            if prefilter {
                skipped += n;
            } else {
                assert_eq!(n, 0);
            }
            let records: Vec<String> = article_records(&coder, &a, &coded)
                .iter()
                .map(|r| r.to_json())
                .collect();
            let quotes: Vec<String> = article_quotes_coded(&coder, &a, &sentences, &coded)
                .iter()
                .map(|q| q.to_json())
                .collect();
            out.push((records, quotes));
        }
        assert_eq!(out[0], out[1], "article {id}");
        events += out[0].0.len();
    }
    // The fixtures hold sentences to skip and events to keep: the test compares something.
    assert!(skipped >= 3, "only {skipped} sentences skipped");
    assert!(events >= 3, "only {events} events");
}

/// Tokens of one sentence, as the segmenter gives them.
fn sentence(text: &str) -> dyad_types::Sentence {
    dyad_text::segment(text)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no sentence in {text:?}"))
}

#[test]
fn a_sentence_alone_needs_two_actors_to_give_an_event() {
    let d = test_dictionaries();
    let plain = CoderOptions::default();
    // A statement with no addressee needs only its source.
    let no_target = CoderOptions {
        allow_no_target: true,
        ..CoderOptions::default()
    };
    // TABARI's FORWARD, and PETRARCH-2's `new_actor_length`, make actors of words no
    // dictionary matched: they need every sentence.
    let forward = CoderOptions {
        forward_actor: Some("FRE".into()),
        ..CoderOptions::default()
    };
    let invent = CoderOptions {
        new_actor_length: 4,
        ..CoderOptions::default()
    };
    // An agent without a country is kept as `---` only on request.
    let keep = CoderOptions {
        keep_unknown_country: true,
        ..CoderOptions::default()
    };
    let endings = CoderOptions {
        noun_endings: true,
        ..CoderOptions::default()
    };
    let cases: [(&CoderOptions, &str, bool); 17] = [
        (&plain, "Freedonia attacked Sylvania.", true),
        // An actor and an agent may make two codes (FRE, FRELEG).
        (&plain, "Freedonian lawmakers praised it.", true),
        (&plain, "Freedonia praised the soldiers.", true),
        // One actor alone cannot be both source and target.
        (&plain, "Freedonia praised it.", false),
        (&no_target, "Freedonia praised it.", true),
        // One entry that names several actors can.
        (&plain, "The Three Sisters praised it.", true),
        // The stripped plural ending is only tried with TABARI's noun endings.
        (&plain, "Freedonias praised Sylvania.", false),
        (&endings, "Freedonias praised Sylvania.", true),
        (&plain, "He attacked them.", false),
        (&forward, "He attacked them.", true),
        (
            &plain,
            "Lawmakers of unknown origin praised the soldiers.",
            false,
        ),
        (
            &keep,
            "Lawmakers of unknown origin praised the soldiers.",
            true,
        ),
        (&keep, "Lawmakers of unknown origin praised it.", false),
        (&plain, "It rained all week.", false),
        (&no_target, "It rained all week.", false),
        (
            &invent,
            "The Ministry of Magic praised the committee.",
            true,
        ),
        (
            &plain,
            "The Ministry of Magic praised the committee.",
            false,
        ),
    ];
    for (opts, text, want) in cases {
        let coder = Coder::new(&d, opts.clone());
        assert_eq!(
            coder.may_code(&sentence(text)),
            want,
            "{text} with {opts:?}"
        );
    }
    assert!(dyad_text::segment("").is_empty());
}

#[test]
fn an_article_plan_keeps_what_coreference_can_reach() {
    let d = test_dictionaries();
    let coder = Coder::new(&d, CoderOptions::default());
    let text = "It rained. He slept.\n\nRufus Firefly attacked Sylvania. Crowds gathered. \
                He left. The minister spoke. Firefly smiled. Nobody came. Prices attacked records.";
    let sentences = dyad_text::segment(text);
    let refs: Vec<&dyad_types::Sentence> = sentences.iter().collect();
    // Unanalysed words stand in for the analysis: capitalised words are name-like.
    let plan: Vec<bool> = dyad_code::prefilter::article_plan(&coder, &refs, |s| {
        dyad_code::ParsedSentence::from_analysis(s, &[], text)
    })
    .iter()
    .map(Option::is_some)
    .collect();
    // Nothing to refer to yet (twice); the actor; no anaphor; a pronoun; a description;
    // a short name of an earlier name; no anaphor; a word of the actor's sentence that
    // ends no name ("attacked").
    assert_eq!(
        plan,
        vec![false, false, true, false, true, true, true, false, false],
        "{sentences:#?}"
    );
}

#[test]
fn name_keys_follow_how_names_are_written() {
    use dyad_article::coref::{may_hold_anaphor, name_keys};
    let keys = name_keys(
        &["Adel", "Abdul", "-", "Mahdi", "'s"],
        &[true, false, false, false, true],
    );
    let want = [
        "adel",
        "abdul",
        "mahdi",
        "abdul-mahdi",
        "s",
        "mahdi's",
        "abdul-mahdi's",
    ];
    assert_eq!(keys, Some(want.iter().map(|s| s.to_string()).collect()));
    // An Arabic article is not part of the key.
    assert_eq!(
        name_keys(&["al-Sisi"], &[false]),
        Some(vec!["sisi".to_string()])
    );
    // Names end at name-like words: "said" files no name.
    let words: Vec<dyad_article::coref::CorefWord> = [("Pompeo", "PROPN"), ("said", "VERB")]
        .iter()
        .map(|&(form, upos)| dyad_article::coref::CorefWord {
            form: form.into(),
            upos: upos.into(),
            space_after: true,
            ..Default::default()
        })
        .collect();
    assert_eq!(
        dyad_article::coref::filed_name_keys(&words),
        Some(vec!["pompeo".to_string()])
    );
    // A long run of words without spaces (a URL in pieces) gives up.
    let url: Vec<&str> = std::iter::repeat_n("a.", 60).collect();
    assert_eq!(name_keys(&url, &[false; 60]), None);
    assert!(may_hold_anaphor(&["Its", "forces"]));
    assert!(may_hold_anaphor(&["the", "Prime", "Minister", "spoke"]));
    assert!(!may_hold_anaphor(&["a", "minister", "spoke"]));
    assert!(!may_hold_anaphor(&["The", "river", "rose"]));
}

#[test]
fn a_sentence_without_a_dictionary_verb_is_tagged_not_parsed() {
    let Ok(analyzer) = dyad_nlp::Analyzer::embedded() else {
        return;
    };
    let d = test_dictionaries();
    let coder = Coder::new(&d, CoderOptions::default());
    let cases = [
        ("Freedonia attacked Sylvania.", true),
        // An inflected form listed in the dictionary, and one found by its lemma.
        ("Freedonia said it would come.", true),
        ("Sylvania praises Freedonia.", true),
        // Known actors, but no verb the dictionaries list.
        ("Freedonia slept while Sylvania watched.", false),
        ("Freedonia is a small country near Sylvania.", false),
        ("Freedonia and Sylvania.", false),
    ];
    for (text, want) in cases {
        let s = sentence(text);
        let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
        let tagged = analyzer.tag(&words);
        assert_eq!(coder.may_have_verb(&tagged.words), want, "{text}");
        // Skipped or not, the events are those of the full analysis.
        let full =
            dyad_code::ParsedSentence::from_analysis_owned(&s, analyzer.analyze(&words), text);
        let want_events = coder.code(&full, None).events;
        let got = dyad_code::prefilter::analyse_for_coding(&coder, &analyzer, &s, text)
            .map(|ps| coder.code(&ps, None).events)
            .unwrap_or_default();
        assert_eq!(got, want_events, "{text}");
        if !want {
            assert!(want_events.is_empty(), "{text}");
        }
    }
}

#[test]
fn tagging_then_parsing_is_the_full_analysis() {
    let Ok(analyzer) = dyad_nlp::Analyzer::embedded() else {
        return;
    };
    for (_, _, text) in articles() {
        for s in dyad_text::segment(&text) {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
            let tagged = analyzer.tag(&words);
            let full = analyzer.analyze(&words);
            // Tagging alone gives the same lemmas and tags, with no parse yet.
            assert_eq!(tagged.words.len(), full.len());
            for (t, f) in tagged.words.iter().zip(&full) {
                assert_eq!(
                    (&t.lemma, &t.upos, &t.xpos, &t.feats),
                    (&f.lemma, &f.upos, &f.xpos, &f.feats)
                );
                assert_eq!((t.head, t.deprel.as_str()), (0, ""));
            }
            assert_eq!(analyzer.parse_tagged(tagged), full);
        }
    }
    assert!(analyzer.tag(&[]).words.is_empty());
    assert!(analyzer.parse_tagged(analyzer.tag(&[])).is_empty());
}

#[test]
fn sentences_of_the_fixtures_code_the_same_alone_with_the_verb_test() {
    let Ok(analyzer) = dyad_nlp::Analyzer::embedded() else {
        return;
    };
    let d = test_dictionaries();
    let coder = Coder::new(&d, CoderOptions::default());
    let (mut unparsed, mut events) = (0, 0);
    for (_, _, text) in articles() {
        for s in dyad_text::segment(&text) {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
            let full =
                dyad_code::ParsedSentence::from_analysis_owned(&s, analyzer.analyze(&words), &text);
            let want = coder.code(&full, None).events;
            let got = match dyad_code::prefilter::analyse_for_coding(&coder, &analyzer, &s, &text) {
                Some(ps) => coder.code(&ps, None).events,
                None => {
                    unparsed += 1;
                    Vec::new()
                }
            };
            assert_eq!(got, want, "{}", s.raw.slice(&text));
            events += want.len();
        }
    }
    // The fixtures exercise both sides of the test.
    assert!(
        unparsed > 0 && events > 0,
        "{unparsed} unparsed, {events} events"
    );
}
