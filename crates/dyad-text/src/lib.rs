//! Sentence splitting and tokenization of English news text, the Universal Dependencies
//! way, with byte offsets into the original text.
//!
//! - [`segment`] splits a text into paragraphs (blank lines), sentences and tokens.
//! - [`segment_article`] does the same for an [`Article`]'s cleaned text and maps every
//!   span back to the raw text.
//! - [`tokenize`] tokenizes a piece of text without splitting sentences.
//! - [`eval_segmentation`] scores segmentation against a UD treebank with the CoNLL 2018
//!   shared-task definitions.
//!
//! Tokens are UD syntactic words: `don't` is `do` + `n't`, `Bush's` is `Bush` + `'s`, and
//! the surface token they came from is recorded as a [`MultiwordToken`].
//!
//! ```
//! let s = dyad_text::segment("Gen. Smith met U.S. officials. He didn't speak.");
//! assert_eq!(s.len(), 2);
//! let words: Vec<&str> = s[1].tokens.iter().map(|t| t.text.as_str()).collect();
//! assert_eq!(words, ["He", "did", "n't", "speak", "."]);
//! assert_eq!(s[1].multiword.len(), 1);
//! ```

mod eval;
mod lexicon;
mod split;
mod tokenize;

pub use eval::{
    benchmark, eval_segmentation, rebuild_documents, sentences_to_conllu, BenchResult, SegEval,
    SegEvalError,
};

use dyad_types::{Article, MultiwordToken, Sentence, Span, Token};
use tokenize::Tok;

/// Splits `text` into sentences of tokens. All spans are byte offsets into `text` (`raw`
/// equals `span`); paragraphs are separated by blank lines.
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    for (pi, &(ps, pe)) in split::paragraphs(text).iter().enumerate() {
        toks.clear();
        tokenize::tokenize_range(text, ps, pe, &mut toks);
        if toks.is_empty() {
            continue;
        }
        let cuts = split::boundaries(text, &toks);
        let mut from = 0;
        for to in cuts.into_iter().chain(std::iter::once(toks.len())) {
            if to > from {
                let index = out.len();
                out.push(make_sentence(text, &toks[from..to], index, pi));
            }
            from = to;
        }
    }
    out
}

/// Segments an article's cleaned text; `span`s point into `article.text` and `raw`
/// spans into `article.raw_text` through the article's offset map.
pub fn segment_article(article: &Article) -> Vec<Sentence> {
    let mut sents = segment(&article.text);
    for s in &mut sents {
        s.raw = article.offsets.span_to_raw(s.span);
        for t in &mut s.tokens {
            t.raw = article.offsets.span_to_raw(t.span);
        }
    }
    sents
}

/// Sentences of the paragraphs the cleaner dropped as near-duplicates of kept ones
/// ([`dyad_types::CleanKind::DuplicateParagraph`]), segmented from the raw text. An article
/// that tells the same thing twice reports its events twice, and the second wording may
/// carry what the first lacks (a date, a name), so the article level codes them as more
/// mentions. Both `span` and `raw` of every sentence and token are byte spans in
/// `article.raw_text`; sentence indices continue from `first_index`; `paragraph` counts
/// the dropped paragraphs (0 for the first).
pub fn segment_duplicates(article: &Article, first_index: usize) -> Vec<Sentence> {
    let mut out: Vec<Sentence> = Vec::new();
    let dropped = article
        .actions
        .iter()
        .filter(|a| a.kind == dyad_types::CleanKind::DuplicateParagraph);
    for (k, a) in dropped.enumerate() {
        let Some(text) = article.raw_text.get(a.raw.start..a.raw.end) else {
            continue;
        };
        for mut s in segment(text) {
            s.index = first_index + out.len();
            s.paragraph = k;
            s.span = Span::new(s.span.start + a.raw.start, s.span.end + a.raw.start);
            s.raw = s.span;
            for t in &mut s.tokens {
                t.span = Span::new(t.span.start + a.raw.start, t.span.end + a.raw.start);
                t.raw = t.span;
            }
            out.push(s);
        }
    }
    out
}

/// Tokenizes one piece of text with the same rules as [`segment`], without splitting
/// sentences. Spans are byte offsets into `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut toks = Vec::new();
    tokenize::tokenize_range(text, 0, text.len(), &mut toks);
    toks.iter().map(|t| make_token(text, t)).collect()
}

fn make_token(text: &str, t: &Tok) -> Token {
    let span = Span::new(t.start, t.end);
    Token {
        text: text[t.start..t.end].to_string(),
        span,
        raw: span,
        space_after: t.space_after,
    }
}

fn make_sentence(text: &str, toks: &[Tok], index: usize, paragraph: usize) -> Sentence {
    let span = Span::new(
        toks.first().map_or(0, |t| t.start),
        toks.last().map_or(0, |t| t.end),
    );
    let mut multiword = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].joins_next {
            let first = i;
            while i + 1 < toks.len() && toks[i].joins_next {
                i += 1;
            }
            if i > first {
                multiword.push(MultiwordToken { first, last: i });
            }
        }
        i += 1;
    }
    Sentence {
        index,
        span,
        raw: span,
        paragraph,
        tokens: toks.iter().map(|t| make_token(text, t)).collect(),
        multiword,
    }
}
