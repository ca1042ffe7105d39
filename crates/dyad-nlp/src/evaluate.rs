//! Evaluation against gold CoNLL-U: tagging, lemma and attachment scores.
//!
//! With gold tokens, system and gold words align one to one, so the CoNLL 2018 shared-task
//! metrics reduce to per-word accuracies: UPOS, XPOS, UFeats, Lemmas, UAS, and LAS (which,
//! as in the shared task, compares only the universal part of the relation: `nsubj:pass`
//! counts as `nsubj`).

use crate::{AnalyzedWord, Analyzer};

/// Per-word accuracies in percent, over `words` words.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Scores {
    /// Sentences scored.
    pub sentences: usize,
    /// Words scored.
    pub words: usize,
    /// UPOS accuracy.
    pub upos: f64,
    /// XPOS accuracy.
    pub xpos: f64,
    /// Exact FEATS match.
    pub ufeats: f64,
    /// Lemma accuracy.
    pub lemmas: f64,
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score (universal relation part).
    pub las: f64,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Scores system analyses against gold sentences with the same words.
pub fn score(gold: &[dyad_conllu::Sentence], system: &[Vec<AnalyzedWord>]) -> Scores {
    let mut c = [0usize; 6];
    let mut n = 0usize;
    for (g, s) in gold.iter().zip(system) {
        for (gw, sw) in g.words.iter().zip(s) {
            n += 1;
            c[0] += usize::from(gw.upos == sw.upos);
            c[1] += usize::from(gw.xpos == sw.xpos);
            c[2] += usize::from(gw.feats == sw.feats);
            c[3] += usize::from(gw.lemma == sw.lemma);
            if gw.head == Some(sw.head) {
                c[4] += 1;
                c[5] += usize::from(universal(&gw.deprel) == universal(&sw.deprel));
            }
        }
    }
    let pct = |k: usize| 100.0 * c[k] as f64 / n.max(1) as f64;
    Scores {
        sentences: gold.len().min(system.len()),
        words: n,
        upos: pct(0),
        xpos: pct(1),
        ufeats: pct(2),
        lemmas: pct(3),
        uas: pct(4),
        las: pct(5),
    }
}

/// Analyses the gold words of every sentence and scores the result (gold tokenization).
pub fn gold_tokens(analyzer: &Analyzer, gold: &[dyad_conllu::Sentence]) -> Scores {
    let system: Vec<Vec<AnalyzedWord>> = gold
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            analyzer.analyze(&words)
        })
        .collect();
    score(gold, &system)
}

/// Official CoNLL 2018 scores of the analyzer on the gold tokenization: the gold words are
/// analysed and written back with the gold sentence and token structure.
pub fn conll18_gold_tokens(
    analyzer: &Analyzer,
    gold: &[dyad_conllu::Sentence],
) -> Result<dyad_conllu::eval::Scores, dyad_conllu::eval::EvalError> {
    let system: Vec<dyad_conllu::Sentence> = gold
        .iter()
        .map(|g| {
            let words: Vec<&str> = g.words.iter().map(|w| w.form.as_str()).collect();
            let analysis = analyzer.analyze(&words);
            let mut s = g.clone();
            for (w, a) in s.words.iter_mut().zip(analysis) {
                w.lemma = a.lemma;
                w.upos = a.upos;
                w.xpos = a.xpos;
                w.feats = a.feats;
                w.head = Some(a.head);
                w.deprel = a.deprel;
                w.deps = "_".into();
            }
            s
        })
        .collect();
    dyad_conllu::eval::evaluate(gold, &system)
}

/// Official CoNLL 2018 scores from raw text: each document's text is rebuilt from the gold
/// `# text` lines (as the segmentation evaluation does), segmented by [`dyad_text::segment`],
/// analysed, and scored against the gold file.
pub fn conll18_raw_text(
    analyzer: &Analyzer,
    gold: &[dyad_conllu::Sentence],
) -> Result<dyad_conllu::eval::Scores, dyad_conllu::eval::EvalError> {
    let gold: Vec<dyad_conllu::Sentence> = gold
        .iter()
        .filter(|s| !s.words.is_empty())
        .cloned()
        .collect();
    let mut system = Vec::new();
    for (d, doc) in dyad_text::rebuild_documents(&gold).iter().enumerate() {
        for s in dyad_text::segment(doc) {
            let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
            let analysis = analyzer.analyze(&words);
            system.push(crate::to_conllu(
                &s,
                doc,
                &analysis,
                &format!("d{}-s{}", d + 1, s.index + 1),
            ));
        }
    }
    dyad_conllu::eval::evaluate(&gold, &system)
}
