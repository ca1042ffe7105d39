//! The coder's parse-neutral sentence: words with their analysis, dependency tree and
//! byte spans, built from our own segmentation + analysis or from a given CoNLL-U parse.

use dyad_nlp::AnalyzedWord;
use dyad_types::Span;

/// One syntactic word of a parsed sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// The form as it appears.
    pub form: String,
    /// Lemma (lower case for most parsers; compared case-insensitively).
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific tag (Penn Treebank for English).
    pub xpos: String,
    /// UD features (`_` when none).
    pub feats: String,
    /// 1-based index of the head word; 0 for the root.
    pub head: usize,
    /// Dependency relation, as the parser wrote it (UD v1 or v2).
    pub deprel: String,
    /// Byte span of the word in the original article (or in the sentence text when the
    /// sentence stands alone).
    pub span: Span,
}

/// A parsed sentence, ready to be coded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedSentence {
    /// 0-based index of the sentence in its article.
    pub index: usize,
    /// The sentence text.
    pub text: String,
    /// Byte span of the sentence in the original article.
    pub span: Span,
    /// The words, in order (word `i` has id `i + 1`).
    pub words: Vec<Word>,
}

impl ParsedSentence {
    /// Builds a sentence from our segmentation and analysis. `original` is the text the
    /// tokens' `raw` spans point into (the article's raw text); spans in the result are
    /// `raw` spans. Extra analysed words (beyond the tokens) are dropped; missing ones
    /// leave the token unanalysed.
    pub fn from_analysis(
        sent: &dyad_types::Sentence,
        analysis: &[AnalyzedWord],
        original: &str,
    ) -> ParsedSentence {
        let n = sent.tokens.len().min(analysis.len());
        ParsedSentence::from_analysis_owned(sent, analysis[..n].to_vec(), original)
    }

    /// [`ParsedSentence::from_analysis`], taking the analysis by value: its strings move
    /// into the words instead of being copied (the raw-text paths analyse a sentence only
    /// to code it).
    pub fn from_analysis_owned(
        sent: &dyad_types::Sentence,
        analysis: Vec<AnalyzedWord>,
        original: &str,
    ) -> ParsedSentence {
        let n = sent.tokens.len();
        let mut analysis = analysis.into_iter();
        let words = sent
            .tokens
            .iter()
            .map(|t| {
                let a = analysis.next().unwrap_or_default();
                Word {
                    lemma: if a.lemma.is_empty() {
                        t.text.to_lowercase()
                    } else {
                        a.lemma
                    },
                    form: t.text.clone(),
                    upos: a.upos,
                    xpos: a.xpos,
                    feats: a.feats,
                    head: if a.head > n { 0 } else { a.head },
                    deprel: a.deprel,
                    span: t.raw,
                }
            })
            .collect();
        ParsedSentence {
            index: sent.index,
            text: sent.raw.slice(original).to_string(),
            span: sent.raw,
            words,
        }
    }

    /// Builds a sentence from a CoNLL-U parse (another parser's, or a suite's). Word
    /// spans are found by locating each form in the sentence text (`# text`, or the forms
    /// joined by their `SpaceAfter`); a form not found gets an empty span where the
    /// search stands. Heads out of range become 0.
    pub fn from_conllu(s: &dyad_conllu::Sentence, index: usize) -> ParsedSentence {
        let text = match &s.text {
            Some(t) => t.clone(),
            None => {
                let mut t = String::new();
                for w in &s.words {
                    t.push_str(&w.form);
                    if w.space_after() {
                        t.push(' ');
                    }
                }
                t.trim_end().to_string()
            }
        };
        let n = s.words.len();
        let mut at = 0usize;
        let words = s
            .words
            .iter()
            .map(|w| {
                let span = match text.get(at..).and_then(|rest| rest.find(w.form.as_str())) {
                    Some(off) if !w.form.is_empty() => {
                        let st = at + off;
                        at = st + w.form.len();
                        Span::new(st, at)
                    }
                    _ => Span::new(at, at),
                };
                let head = match w.head {
                    Some(h) if h <= n => h,
                    _ => 0,
                };
                let lemma = if w.lemma.is_empty() || w.lemma == "_" {
                    w.form.to_lowercase()
                } else {
                    w.lemma.clone()
                };
                Word {
                    form: w.form.clone(),
                    lemma,
                    upos: w.upos.clone(),
                    xpos: w.xpos.clone(),
                    feats: w.feats.clone(),
                    head,
                    deprel: w.deprel.clone(),
                    span,
                }
            })
            .collect();
        let len = text.len();
        ParsedSentence {
            index,
            text,
            span: Span::new(0, len),
            words,
        }
    }

    /// Shifts every span by `offset` bytes (to place a standalone sentence in an article).
    pub fn shift_spans(&mut self, offset: usize) {
        self.span = Span::new(self.span.start + offset, self.span.end + offset);
        for w in &mut self.words {
            w.span = Span::new(w.span.start + offset, w.span.end + offset);
        }
    }
}

impl ParsedSentence {
    /// The sentence text covered by an article span (spans of this sentence's words);
    /// empty when out of range.
    pub fn text_between(&self, span: Span) -> String {
        let base = self.span.start;
        match (span.start.checked_sub(base), span.end.checked_sub(base)) {
            (Some(a), Some(b)) => self.text.get(a..b).unwrap_or("").to_string(),
            _ => String::new(),
        }
    }
}
