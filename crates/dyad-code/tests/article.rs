//! Coding a whole article with our own models: record offsets point into the raw text.
//! Skips (passes without checking) when the embedded models are not built in yet.

mod common;

use common::test_dictionaries;
use dyad_code::{article_records, code_article, Coder, CoderOptions};

#[test]
fn record_offsets_point_into_the_raw_article() {
    let Ok(analyzer) = dyad_nlp::Analyzer::embedded() else {
        return;
    };
    let d = test_dictionaries();
    let coder = Coder::new(&d, CoderOptions::default());
    let mut a = dyad_types::Article::new("a1", "Héadline with ünicode\n\nFreedonia attacked Sylvania. Freedonian lawmakers criticized Marsovia.");
    a.published = dyad_types::PubDate::parse("2020-01-02");
    let coded = code_article(&coder, &a, &analyzer);
    assert_eq!(coded.len(), 3);
    let recs = article_records(&coder, &a, &coded);
    for r in &recs {
        assert_eq!(
            a.raw_text.get(r.source.start..r.source.end),
            Some(r.source.text.as_str())
        );
        assert_eq!(
            a.raw_text
                .get(r.verb.start..r.verb.end)
                .map(|v| v.split_whitespace().count()),
            Some(r.verb.text.split_whitespace().count())
        );
        assert_eq!(r.date.as_deref(), Some("2020-01-02"));
        assert!(a.raw_text.contains(&r.sentence));
    }
    // "Freedonia attacked Sylvania." is as plain as news gets: any usable model codes it.
    assert!(!recs.is_empty(), "{recs:?}");
}

/// Regression for issue #7: a pronoun takes its antecedent's code across sentences, an
/// event repeated in the article is written once with all its mentions, and a report
/// without a date of its own continues the previous sentence's occasion.
#[test]
fn pronoun_across_sentences_and_one_event_per_article() {
    let Ok(analyzer) = dyad_nlp::Analyzer::embedded() else {
        return;
    };
    let d = test_dictionaries();
    let coder = Coder::new(&d, CoderOptions::default());
    let text = "Rufus Firefly attacked Sylvania on Thursday.\n\nHe criticized Marsovia.\n\n\
                Freedonian lawmakers praised Sylvania. Later, Freedonian lawmakers praised Sylvania again.";
    let mut a = dyad_types::Article::new("a2", text);
    a.published = dyad_types::PubDate::parse("2020-01-11");
    let coded = code_article(&coder, &a, &analyzer);
    let recs = article_records(&coder, &a, &coded);
    let he = recs
        .iter()
        .find(|r| r.source.text == "He")
        .unwrap_or_else(|| panic!("no event with the pronoun as source: {recs:#?}"));
    assert_eq!(he.source.code, "FRE");
    assert_eq!(a.raw_text.get(he.source.start..he.source.end), Some("He"));
    assert!(
        he.rules
            .iter()
            .any(|r| r.starts_with("coref:pronoun <- sentence 0") && r.contains("Rufus Firefly")),
        "{:?}",
        he.rules
    );
    // "He criticized …" continues Thursday's occasion (2020-01-11 is a Saturday).
    assert_eq!(he.date.as_deref(), Some("2020-01-09"));
    let praised: Vec<_> = recs.iter().filter(|r| r.code == "051").collect();
    assert_eq!(praised.len(), 1, "{praised:#?}");
    assert_eq!(praised[0].mention_count, 2);
    let ids: Vec<usize> = praised[0].mentions.iter().map(|m| m.sentence_id).collect();
    assert_eq!(ids, vec![2, 3]);
}
