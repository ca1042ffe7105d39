//! `segment_duplicates`: the paragraphs the cleaner drops as reworded repeats come back
//! as sentences whose spans point at their words in the raw text.

use dyad_clean::{clean, CleanOptions};
use dyad_text::{segment_article, segment_duplicates};
use dyad_types::Article;

const RAW: &str =
    "Iraq's prime minister told the US secretary of state that troops must leave.\n\n\
The talks went on for an hour.\n\n\
Iraq's prime minister told the US secretary of state on Thursday that the troops must leave.\n\n\
Nothing else was agreed.";

#[test]
fn dropped_duplicate_paragraph_is_segmented_from_the_raw_text() {
    let mut a = Article::new("a", RAW);
    clean(&mut a, &CleanOptions::default());
    let kept = segment_article(&a);
    assert_eq!(kept.len(), 3, "{:?}", a.text);
    let dup = segment_duplicates(&a, kept.len());
    assert_eq!(dup.len(), 1);
    let s = &dup[0];
    assert_eq!(s.index, 3);
    assert!(s.raw.slice(RAW).contains("on Thursday"));
    for t in &s.tokens {
        assert_eq!(t.raw.slice(RAW), t.text);
    }
}

#[test]
fn article_without_duplicates_has_no_extra_sentences() {
    let mut a = Article::new("b", "One sentence here.\n\nAnother one there.");
    clean(&mut a, &CleanOptions::default());
    assert!(segment_duplicates(&a, 2).is_empty());
}
