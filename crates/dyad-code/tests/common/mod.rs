//! Helpers shared by dyad-code's test files: a sentence from inline CoNLL-U, and a
//! coded sentence's events as sorted `SOURCE TARGET CODE` strings.

use dyad_code::{Coded, ParsedSentence};

/// One sentence from CoNLL-U written with spaces instead of tabs (comment lines kept).
pub fn parse_one(conllu: &str) -> ParsedSentence {
    let conllu: String = conllu
        .lines()
        .map(|l| {
            if l.starts_with('#') {
                l.to_string()
            } else {
                l.split_whitespace().collect::<Vec<_>>().join("\t")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (sents, errors) = dyad_conllu::parse(&format!("{conllu}\n\n"));
    assert!(errors.is_empty(), "{errors:?}");
    ParsedSentence::from_conllu(&sents[0], 0)
}

/// The events as `SOURCE TARGET CODE` (`---` for no target), sorted.
pub fn codes(c: &Coded) -> Vec<String> {
    let mut v: Vec<String> = c
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {} {}",
                e.source.code,
                e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("---"),
                e.code
            )
        })
        .collect();
    v.sort();
    v
}
