//! Coding a whole article with our own models: record offsets point into the raw text.
//! Skips (passes without checking) when the embedded models are not built in yet.

use dyad_code::{article_records, code_article, Coder, CoderOptions};
use dyad_dict::{DictKind, Dictionaries};

#[test]
fn record_offsets_point_into_the_raw_article() {
    let Ok(analyzer) = dyad_nlp::Analyzer::embedded() else {
        return;
    };
    let (d, _) = Dictionaries::from_texts(&[
        (
            "t.actors.txt",
            include_str!("data/test.actors.txt"),
            Some(DictKind::Actors),
        ),
        (
            "t.agents.txt",
            include_str!("data/test.agents.txt"),
            Some(DictKind::Agents),
        ),
        (
            "t.verbs.txt",
            include_str!("data/test.verbs.txt"),
            Some(DictKind::VerbsPetrarch2),
        ),
    ]);
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
