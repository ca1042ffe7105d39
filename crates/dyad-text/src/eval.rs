//! Measuring segmentation against a UD treebank, and a throughput benchmark.
//!
//! The raw text is rebuilt from the gold file's `# text` lines: sentences of a paragraph
//! joined by a space (or nothing when the last gold token has `SpaceAfter=No`),
//! paragraphs (`# newpar`) by a blank line, each document (`# newdoc`) segmented on its
//! own. The output is converted to CoNLL-U sentences and scored with the CoNLL 2018
//! definitions ([`dyad_conllu::eval::evaluate`]).

use std::fmt;
use std::time::Instant;

use dyad_conllu::eval::{evaluate, EvalError, Scores};
use dyad_conllu::{Multiword, Word};

use crate::segment;

/// Why a segmentation evaluation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SegEvalError {
    /// The gold file has no sentences.
    Empty,
    /// The scorer refused the pair (for instance the rebuilt text lost characters).
    Eval(EvalError),
}

impl fmt::Display for SegEvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SegEvalError::Empty => write!(f, "the gold file has no sentences"),
            SegEvalError::Eval(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for SegEvalError {}

/// Result of [`eval_segmentation`].
#[derive(Debug, Clone, PartialEq)]
pub struct SegEval {
    /// CoNLL 2018 scores (tokens, sentences, words are the meaningful ones).
    pub scores: Scores,
    /// Documents segmented.
    pub documents: usize,
    /// Malformed gold lines skipped by the CoNLL-U reader.
    pub parse_errors: usize,
}

/// Rebuilds the raw text of each document of a gold treebank: one string per `# newdoc`.
pub fn rebuild_documents(gold: &[dyad_conllu::Sentence]) -> Vec<String> {
    let mut docs: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut glue_next = false;
    for (i, s) in gold.iter().enumerate() {
        if s.newdoc && i > 0 {
            docs.push(std::mem::take(&mut cur));
        }
        let text = s.text.clone().unwrap_or_else(|| surface_text(s));
        if !cur.is_empty() {
            if s.newpar && !s.newdoc {
                cur.push_str("\n\n");
            } else if !glue_next {
                cur.push(' ');
            }
        }
        cur.push_str(text.trim());
        glue_next = s
            .surface_tokens()
            .last()
            .is_some_and(|&(_, _, _, space)| !space);
    }
    if !cur.is_empty() {
        docs.push(cur);
    }
    docs
}

/// A sentence's text from its tokens and `SpaceAfter=No` marks.
fn surface_text(s: &dyad_conllu::Sentence) -> String {
    let mut out = String::new();
    for (form, _, _, space) in s.surface_tokens() {
        out.push_str(form);
        if space {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Converts segmenter output for `text` into CoNLL-U sentences (forms and multiword lines
/// only), for scoring or writing.
pub fn sentences_to_conllu(
    text: &str,
    sents: &[dyad_types::Sentence],
) -> Vec<dyad_conllu::Sentence> {
    sents
        .iter()
        .map(|s| {
            let words = s
                .tokens
                .iter()
                .enumerate()
                .map(|(i, t)| Word {
                    id: i + 1,
                    form: t.text.clone(),
                    lemma: "_".into(),
                    upos: "_".into(),
                    xpos: "_".into(),
                    feats: "_".into(),
                    head: None,
                    deprel: "_".into(),
                    deps: "_".into(),
                    misc: if t.space_after { "_" } else { "SpaceAfter=No" }.into(),
                })
                .collect();
            let multiword = s
                .multiword
                .iter()
                .filter(|m| m.first < m.last && m.last < s.tokens.len())
                .map(|m| Multiword {
                    first: m.first + 1,
                    last: m.last + 1,
                    form: text
                        .get(s.tokens[m.first].span.start..s.tokens[m.last].span.end)
                        .unwrap_or("")
                        .to_string(),
                    misc: "_".into(),
                })
                .collect();
            dyad_conllu::Sentence {
                text: Some(s.text(text).to_string()),
                words,
                multiword,
                ..Default::default()
            }
        })
        .collect()
}

/// Scores [`segment`] on a gold CoNLL-U text (the whole file's contents).
pub fn eval_segmentation(gold_conllu: &str) -> Result<SegEval, SegEvalError> {
    let (gold, errors) = dyad_conllu::parse(gold_conllu);
    let gold: Vec<_> = gold.into_iter().filter(|s| !s.words.is_empty()).collect();
    if gold.is_empty() {
        return Err(SegEvalError::Empty);
    }
    let docs = rebuild_documents(&gold);
    let mut system = Vec::new();
    for d in &docs {
        system.extend(sentences_to_conllu(d, &segment(d)));
    }
    let scores = evaluate(&gold, &system).map_err(SegEvalError::Eval)?;
    Ok(SegEval {
        scores,
        documents: docs.len(),
        parse_errors: errors.len(),
    })
}

/// Throughput of [`segment`] measured by [`benchmark`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchResult {
    /// Bytes of text segmented (all rounds).
    pub bytes: usize,
    /// Tokens produced (all rounds).
    pub tokens: usize,
    /// Sentences produced (all rounds).
    pub sentences: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl BenchResult {
    /// Tokens per second.
    pub fn tokens_per_sec(&self) -> f64 {
        self.tokens as f64 / self.seconds.max(1e-9)
    }

    /// Sentences per second.
    pub fn sentences_per_sec(&self) -> f64 {
        self.sentences as f64 / self.seconds.max(1e-9)
    }
}

impl fmt::Display for BenchResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} tokens, {} sentences, {:.1} MB in {:.3} s: {:.0} tokens/s, {:.0} sentences/s, {:.1} MB/s",
            self.tokens,
            self.sentences,
            self.bytes as f64 / 1e6,
            self.seconds,
            self.tokens_per_sec(),
            self.sentences_per_sec(),
            self.bytes as f64 / 1e6 / self.seconds.max(1e-9)
        )
    }
}

/// Segments each text `rounds` times and measures throughput (run it in release mode).
pub fn benchmark(texts: &[String], rounds: usize) -> BenchResult {
    let start = Instant::now();
    let (mut bytes, mut tokens, mut sentences) = (0, 0, 0);
    for _ in 0..rounds.max(1) {
        for t in texts {
            let s = segment(t);
            bytes += t.len();
            sentences += s.len();
            tokens += s.iter().map(|s| s.tokens.len()).sum::<usize>();
        }
    }
    BenchResult {
        bytes,
        tokens,
        sentences,
        seconds: start.elapsed().as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-document gold file written for this test: a paragraph break, a sentence glued
    /// to the next by `SpaceAfter=No`, and a contraction.
    const GOLD: &str = "# newdoc id = d1\n# newpar id = p1\n# text = He left.\n\
1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n\
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
# newpar id = p2\n# text = They don't know.\n\
1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\tSpaceAfter=No\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\tSpaceAfter=No\n\n\
# text = Why?\n\
1\tWhy\twhy\tADV\tWRB\t_\t0\troot\t_\tSpaceAfter=No\n\
2\t?\t?\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n\
# newdoc id = d2\n# text = Yes\n\
1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn rebuilds_documents_with_paragraphs_and_glue() {
        let (gold, errors) = dyad_conllu::parse(GOLD);
        assert!(errors.is_empty(), "{errors:?}");
        let docs = rebuild_documents(&gold);
        assert_eq!(docs, ["He left.\n\nThey don't know.Why?", "Yes"]);
    }

    #[test]
    fn scores_segmentation_against_gold() {
        let r = eval_segmentation(GOLD).unwrap();
        assert_eq!(r.documents, 2);
        assert_eq!(r.scores.tokens.gold, 10);
        // `know.Why?` glued: the segmenter still finds all tokens and words.
        assert_eq!(r.scores.tokens.correct, 10);
        assert_eq!(r.scores.words.correct, 11);
        assert_eq!(r.scores.sentences.gold, 4);
        assert_eq!(r.scores.sentences.correct, 4, "{}", r.scores);
    }

    #[test]
    fn empty_gold_is_an_error() {
        assert_eq!(eval_segmentation("# nothing\n"), Err(SegEvalError::Empty));
    }

    #[test]
    fn benchmark_counts_tokens() {
        let r = benchmark(&["One two. Three.".to_string()], 2);
        assert_eq!((r.tokens, r.sentences, r.bytes), (10, 4, 30));
        assert!(r.to_string().contains("tokens/s"));
    }
}
