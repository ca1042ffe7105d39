//! Helpers shared by dyad-code's test files: a sentence from inline CoNLL-U, a coded
//! sentence's events as sorted `SOURCE TARGET CODE` strings, and the small test
//! dictionaries of `tests/data`. Each test file uses some of them.
#![allow(dead_code)]

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

/// The small test dictionaries of `tests/data` (actors, agents, PETRARCH-2 verbs).
pub fn test_dictionaries() -> dyad_dict::Dictionaries {
    use dyad_dict::{DictKind, Dictionaries};
    let (d, _) = Dictionaries::from_texts(&[
        (
            "t.actors.txt",
            include_str!("../data/test.actors.txt"),
            Some(DictKind::Actors),
        ),
        (
            "t.agents.txt",
            include_str!("../data/test.agents.txt"),
            Some(DictKind::Agents),
        ),
        (
            "t.verbs.txt",
            include_str!("../data/test.verbs.txt"),
            Some(DictKind::VerbsPetrarch2),
        ),
    ]);
    d
}
