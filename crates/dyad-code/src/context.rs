//! Actors from the rest of the article: the coder's hook for coreference. A
//! [`ContextActor`] gives a code to some words of a sentence ("he" → IRQGOV, because the
//! article's coreference linked it to "Adel Abdul-Mahdi"); [`apply`] turns it into an
//! actor mention, so that the sentence's events can take it as source or target.

use dyad_types::Span;

use crate::actors::{ActorMention, Mentions};
use crate::parsed::ParsedSentence;
use crate::tree::Tree;

/// An actor known from elsewhere in the article for words `start..end` of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextActor {
    /// First word (0-based).
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The actor code the words stand for.
    pub code: String,
    /// Why, for the event's `rules`: `coref:pronoun <- sentence 2 "Adel Abdul-Mahdi"`.
    pub rule: String,
}

/// Adds the context actors to the sentence's mentions. Words the dictionaries already
/// coded keep their code, unless its country is unknown (`---GOV` for "the prime
/// minister"): then the context's code replaces it. Context for words out of range, or
/// with an unknown-country code itself, is ignored.
pub(crate) fn apply(m: &mut Mentions, s: &ParsedSentence, tree: &Tree, context: &[ContextActor]) {
    let n = s.words.len();
    for c in context {
        if c.start >= c.end || c.end > n || c.code.is_empty() || c.code.starts_with("---") {
            continue;
        }
        let span = Span::new(s.words[c.start].span.start, s.words[c.end - 1].span.end);
        // The phrase's heads: its words whose head lies outside it — one for a phrase the
        // parser kept whole, several where it split it ("caretaker prime minister |
        // Adel Abdul-Mahdi told").
        let heads: Vec<usize> = (c.start..c.end)
            .filter(|&i| tree.head[i].is_none_or(|h| h < c.start || h >= c.end))
            .collect();
        for i in c.start..c.end {
            for a in &mut m.at[i] {
                if a.code.starts_with("---") {
                    a.code.clone_from(&c.code);
                    a.rules.push(c.rule.clone());
                }
            }
        }
        for h in heads {
            let covered = !m.at[h].is_empty() || m.hits.iter().any(|x| x.start <= h && h < x.end);
            if !covered {
                m.at[h].push(ActorMention {
                    code: c.code.clone(),
                    text: s.text_between(span),
                    span,
                    head: h,
                    rules: vec![c.rule.clone()],
                });
            }
        }
    }
}
