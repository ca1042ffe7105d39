//! The CoNLL 2018 shared-task scorer: tokens, sentences, words, tags, lemmas and
//! attachment scores of a system's CoNLL-U output against gold.
//!
//! Definitions follow the shared task's evaluation (`conll18_ud_eval.py`): both files must
//! spell the same characters once whitespace is removed; tokens, multiword tokens and
//! sentences become spans over that character stream; syntactic words are aligned through
//! equal token spans, and inside a stretch covered by a multiword token (on either side)
//! by a longest common subsequence of their lower-cased forms. Tag, lemma and attachment
//! scores count aligned words whose values agree, over all gold and all system words.

use std::fmt;

use crate::Sentence;

/// Counts for one metric: gold items, system items, correct items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Score {
    /// Items in the gold data.
    pub gold: usize,
    /// Items in the system output.
    pub system: usize,
    /// Items counted correct.
    pub correct: usize,
    /// Aligned words (for word-level metrics; the denominator of aligned accuracy).
    pub aligned: Option<usize>,
}

impl Score {
    /// correct / system (0 when the system has none).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.system)
    }

    /// correct / gold (0 when gold has none).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall: 2·correct / (gold + system).
    pub fn f1(&self) -> f64 {
        ratio(2 * self.correct, self.gold + self.system)
    }

    /// correct / aligned, for word-level metrics.
    pub fn aligned_accuracy(&self) -> Option<f64> {
        self.aligned.map(|a| ratio(self.correct, a))
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// All scores of one evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scores {
    /// Surface tokens (multiword tokens count once).
    pub tokens: Score,
    /// Sentences.
    pub sentences: Score,
    /// Syntactic words.
    pub words: Score,
    /// Universal part of speech.
    pub upos: Score,
    /// Language-specific part of speech.
    pub xpos: Score,
    /// Universal features.
    pub ufeats: Score,
    /// Lemmas.
    pub lemmas: Score,
    /// Unlabelled attachment.
    pub uas: Score,
    /// Labelled attachment (universal part of the relation).
    pub las: Score,
}

/// Why two files cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// The gold and system texts differ (whitespace ignored) at this character.
    TextMismatch {
        /// Character index of the first difference.
        index: usize,
        /// A few gold characters from there.
        gold: String,
        /// A few system characters from there.
        system: String,
    },
    /// A multiword token has an empty form or a range outside its sentence.
    BadMultiword {
        /// 0-based sentence index.
        sentence: usize,
        /// Which side.
        side: &'static str,
    },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::TextMismatch {
                index,
                gold,
                system,
            } => write!(
                f,
                "the concatenation of tokens in gold and system differs at character {index}: \
                 gold {gold:?}, system {system:?}"
            ),
            EvalError::BadMultiword { sentence, side } => {
                write!(f, "bad multiword token in {side} sentence {sentence}")
            }
        }
    }
}

impl std::error::Error for EvalError {}

/// One syntactic word with its character span and the columns scored.
struct UdWord<'a> {
    start: usize,
    end: usize,
    multiword: bool,
    form_lower: String,
    upos: &'a str,
    xpos: &'a str,
    feats: String,
    lemma: &'a str,
    deprel: &'a str,
    /// The head word.
    parent: Parent,
}

/// A word's head: the root, another word (index into the file's words), or not given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Parent {
    Root,
    Word(usize),
    Missing,
}

/// A file as character-span sequences.
struct UdFile<'a> {
    chars: Vec<char>,
    tokens: Vec<(usize, usize)>,
    sentences: Vec<(usize, usize)>,
    words: Vec<UdWord<'a>>,
}

const UNIVERSAL_FEATURES: [&str; 21] = [
    "PronType", "NumType", "Poss", "Reflex", "Foreign", "Abbr", "Gender", "Animacy", "Number",
    "Case", "Definite", "Degree", "VerbForm", "Mood", "Tense", "Aspect", "Voice", "Evident",
    "Polarity", "Person", "Polite",
];

fn universal_feats(feats: &str) -> String {
    if feats == "_" || feats.is_empty() {
        return "_".to_string();
    }
    let mut kept: Vec<&str> = feats
        .split('|')
        .filter(|kv| {
            kv.split_once('=')
                .is_some_and(|(k, _)| UNIVERSAL_FEATURES.contains(&k))
        })
        .collect();
    kept.sort_unstable();
    if kept.is_empty() {
        "_".to_string()
    } else {
        kept.join("|")
    }
}

fn push_chars(chars: &mut Vec<char>, form: &str) -> (usize, usize) {
    let start = chars.len();
    chars.extend(form.chars().filter(|c| !c.is_whitespace()));
    (start, chars.len())
}

fn load<'a>(sents: &'a [Sentence], side: &'static str) -> Result<UdFile<'a>, EvalError> {
    let mut f = UdFile {
        chars: Vec::new(),
        tokens: Vec::new(),
        sentences: Vec::new(),
        words: Vec::new(),
    };
    for (si, s) in sents.iter().enumerate() {
        if s.words.is_empty() {
            continue;
        }
        let sent_start = f.chars.len();
        let base = f.words.len();
        let mut i = 0;
        while i < s.words.len() {
            let w = &s.words[i];
            if let Some(m) = s.multiword_at(w.id) {
                if m.form.trim().is_empty() || m.last > s.words.len() {
                    return Err(EvalError::BadMultiword { sentence: si, side });
                }
                let (a, b) = push_chars(&mut f.chars, &m.form);
                f.tokens.push((a, b));
                for w in &s.words[i..m.last] {
                    f.words.push(make_word(w, a, b, true, base, s.words.len()));
                }
                i = m.last;
            } else {
                let (a, b) = push_chars(&mut f.chars, &w.form);
                f.tokens.push((a, b));
                f.words.push(make_word(w, a, b, false, base, s.words.len()));
                i += 1;
            }
        }
        f.sentences.push((sent_start, f.chars.len()));
    }
    Ok(f)
}

fn make_word(
    w: &crate::Word,
    start: usize,
    end: usize,
    multiword: bool,
    base: usize,
    n: usize,
) -> UdWord<'_> {
    UdWord {
        start,
        end,
        multiword,
        form_lower: w.form.to_lowercase(),
        upos: &w.upos,
        xpos: &w.xpos,
        feats: universal_feats(&w.feats),
        lemma: &w.lemma,
        deprel: w.deprel.split(':').next().unwrap_or(""),
        parent: match w.head {
            Some(0) => Parent::Root,
            Some(h) if h <= n => Parent::Word(base + h - 1),
            _ => Parent::Missing,
        },
    }
}

fn spans_score(gold: &[(usize, usize)], system: &[(usize, usize)]) -> Score {
    let (mut gi, mut si, mut correct) = (0, 0, 0);
    while gi < gold.len() && si < system.len() {
        if system[si].0 < gold[gi].0 {
            si += 1;
        } else if gold[gi].0 < system[si].0 {
            gi += 1;
        } else {
            correct += usize::from(gold[gi].1 == system[si].1);
            gi += 1;
            si += 1;
        }
    }
    Score {
        gold: gold.len(),
        system: system.len(),
        correct,
        aligned: None,
    }
}

fn beyond_end(words: &[UdWord], i: usize, end: usize) -> bool {
    match words.get(i) {
        None => true,
        Some(w) if w.multiword => w.start >= end,
        Some(w) => w.end > end,
    }
}

fn extend_end(w: &UdWord, end: usize) -> usize {
    if w.multiword && w.end > end {
        w.end
    } else {
        end
    }
}

/// Aligns words: pairs of (gold index, system index).
fn align(gold: &[UdWord], system: &[UdWord]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let (mut gi, mut si) = (0, 0);
    while gi < gold.len() && si < system.len() {
        if gold[gi].multiword || system[si].multiword {
            // The smallest stretch covering the multiword token(s) on both sides.
            let mut end;
            if gold[gi].multiword {
                end = gold[gi].end;
                if !system[si].multiword && system[si].start < gold[gi].start {
                    si += 1;
                }
            } else {
                end = system[si].end;
                if !gold[gi].multiword && gold[gi].start < system[si].start {
                    gi += 1;
                }
            }
            let (gs, ss) = (gi, si);
            while !beyond_end(gold, gi, end) || !beyond_end(system, si, end) {
                if gi < gold.len() && (si >= system.len() || gold[gi].start <= system[si].start) {
                    end = extend_end(&gold[gi], end);
                    gi += 1;
                } else {
                    end = extend_end(&system[si], end);
                    si += 1;
                }
            }
            if gi > gs && si > ss {
                align_lcs(&gold[gs..gi], &system[ss..si], gs, ss, &mut pairs);
            }
        } else if (gold[gi].start, gold[gi].end) == (system[si].start, system[si].end) {
            pairs.push((gi, si));
            gi += 1;
            si += 1;
        } else if gold[gi].start <= system[si].start {
            gi += 1;
        } else {
            si += 1;
        }
    }
    pairs
}

/// Longest-common-subsequence alignment of lower-cased forms inside a multiword stretch.
fn align_lcs(g: &[UdWord], s: &[UdWord], gs: usize, ss: usize, pairs: &mut Vec<(usize, usize)>) {
    let (ng, ns) = (g.len(), s.len());
    // lcs[i][j] = LCS length of g[i..] and s[j..]; (ng+1) x (ns+1) with zero borders.
    let w = ns + 1;
    let mut lcs = vec![0usize; (ng + 1) * w];
    for i in (0..ng).rev() {
        for j in (0..ns).rev() {
            let v = if g[i].form_lower == s[j].form_lower {
                1 + lcs[(i + 1) * w + j + 1]
            } else {
                0
            };
            lcs[i * w + j] = v.max(lcs[(i + 1) * w + j]).max(lcs[i * w + j + 1]);
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < ng && j < ns {
        if g[i].form_lower == s[j].form_lower {
            pairs.push((gs + i, ss + j));
            i += 1;
            j += 1;
        } else if lcs[i * w + j] == lcs[(i + 1) * w + j] {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// Scores `system` against `gold`.
pub fn evaluate(gold: &[Sentence], system: &[Sentence]) -> Result<Scores, EvalError> {
    let g = load(gold, "gold")?;
    let s = load(system, "system")?;
    let same = g
        .chars
        .iter()
        .zip(&s.chars)
        .take_while(|(a, b)| a == b)
        .count();
    if same < g.chars.len() || same < s.chars.len() {
        let snippet = |c: &[char]| c.iter().skip(same).take(20).collect::<String>();
        return Err(EvalError::TextMismatch {
            index: same,
            gold: snippet(&g.chars),
            system: snippet(&s.chars),
        });
    }
    let pairs = align(&g.words, &s.words);
    // System word index → aligned gold word index, for comparing heads.
    let mut sys_to_gold = vec![None; s.words.len()];
    for &(gi, si) in &pairs {
        sys_to_gold[si] = Some(gi);
    }
    let (ng, ns, na) = (g.words.len(), s.words.len(), pairs.len());
    let score = |correct: usize| Score {
        gold: ng,
        system: ns,
        correct,
        aligned: Some(na),
    };
    let count = |f: &dyn Fn(&UdWord, &UdWord) -> bool| {
        pairs
            .iter()
            .filter(|&&(gi, si)| f(&g.words[gi], &s.words[si]))
            .count()
    };
    // Heads agree when both are the root, or the system head is aligned to the gold head.
    // A missing head never agrees (the official script refuses such files).
    let head_match = |gw: &UdWord, sw: &UdWord| match (gw.parent, sw.parent) {
        (Parent::Root, Parent::Root) => true,
        (Parent::Word(gp), Parent::Word(sp)) => sys_to_gold[sp] == Some(gp),
        _ => false,
    };
    Ok(Scores {
        tokens: spans_score(&g.tokens, &s.tokens),
        sentences: spans_score(&g.sentences, &s.sentences),
        words: Score {
            gold: ng,
            system: ns,
            correct: na,
            aligned: None,
        },
        upos: score(count(&|a, b| a.upos == b.upos)),
        xpos: score(count(&|a, b| a.xpos == b.xpos)),
        ufeats: score(count(&|a, b| a.feats == b.feats)),
        lemmas: score(count(&|a, b| a.lemma == "_" || a.lemma == b.lemma)),
        uas: score(count(&head_match)),
        las: score(count(&|a, b| head_match(a, b) && a.deprel == b.deprel)),
    })
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Metric     | Precision |    Recall |  F1 Score | AligndAcc"
        )?;
        writeln!(
            f,
            "-----------+-----------+-----------+-----------+-----------"
        )?;
        let rows = [
            ("Tokens", &self.tokens),
            ("Sentences", &self.sentences),
            ("Words", &self.words),
            ("UPOS", &self.upos),
            ("XPOS", &self.xpos),
            ("UFeats", &self.ufeats),
            ("Lemmas", &self.lemmas),
            ("UAS", &self.uas),
            ("LAS", &self.las),
        ];
        for (name, s) in rows {
            let acc = s
                .aligned_accuracy()
                .map_or_else(String::new, |a| format!("{:>9.2}", 100.0 * a));
            writeln!(
                f,
                "{:<11}| {:>9.2} | {:>9.2} | {:>9.2} | {}",
                name,
                100.0 * s.precision(),
                100.0 * s.recall(),
                100.0 * s.f1(),
                acc
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn conllu(rows: &[&str]) -> String {
        // Rows: "ID FORM LEMMA UPOS HEAD DEPREL [SpaceAfter=No]", one sentence per "" row.
        let mut out = String::new();
        for r in rows {
            if r.is_empty() {
                out.push('\n');
                continue;
            }
            let c: Vec<&str> = r.split(' ').collect();
            let misc = c.get(6).copied().unwrap_or("_");
            if c[0].contains('-') {
                out.push_str(&format!(
                    "{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n",
                    c[0], c[1]
                ));
            } else {
                out.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{misc}\n",
                    c[0], c[1], c[2], c[3], c[3], c[4], c[5]
                ));
            }
        }
        out.push('\n');
        out
    }

    fn eval(gold: &[&str], sys: &[&str]) -> Result<Scores, EvalError> {
        let (g, ge) = parse(&conllu(gold));
        let (s, se) = parse(&conllu(sys));
        assert!(ge.is_empty() && se.is_empty(), "{ge:?} {se:?}");
        evaluate(&g, &s)
    }

    const GOLD: [&str; 7] = [
        "1 I I PRON 3 nsubj",
        "2-3 don't",
        "2 do do AUX 4 aux",
        "3 n't not PART 4 advmod",
        "4 know know VERB 0 root",
        "5 it it PRON 4 obj",
        "6 . . PUNCT 4 punct",
    ];

    #[test]
    fn identical_files_score_100() {
        let s = eval(&GOLD, &GOLD).unwrap();
        for m in [
            s.tokens,
            s.sentences,
            s.words,
            s.upos,
            s.uas,
            s.las,
            s.lemmas,
        ] {
            assert_eq!(m.f1(), 1.0, "{m:?}");
        }
        assert_eq!(s.tokens.gold, 5);
        assert_eq!(s.words.gold, 6);
    }

    #[test]
    fn unsplit_contraction_loses_words_not_tokens() {
        let sys = [
            "1 I I PRON 2 nsubj",
            "2 don't do AUX 3 aux",
            "3 know know VERB 0 root",
            "4 it it PRON 3 obj",
            "5 . . PUNCT 3 punct",
        ];
        let s = eval(&GOLD, &sys).unwrap();
        assert_eq!(s.tokens.correct, 5);
        assert_eq!((s.words.gold, s.words.system, s.words.correct), (6, 5, 4));
        // Words: P = 4/5, R = 4/6, F1 = 8/11.
        assert!((s.words.f1() - 8.0 / 11.0).abs() < 1e-12);
        assert_eq!(s.upos.correct, 4);
        // `know`, `it`, `.` heads agree; `I` points to `don't` (unaligned) in the system.
        assert_eq!(s.uas.correct, 3);
    }

    #[test]
    fn multiword_tokens_align_by_lcs() {
        let sys = [
            "1 I I PRON 4 nsubj",
            "2-3 don't",
            "2 do do AUX 4 aux",
            "3 not not PART 4 advmod",
            "4 know know VERB 0 root",
            "5 it it PRON 4 obj",
            "6 . . PUNCT 4 punct",
        ];
        let s = eval(&GOLD, &sys).unwrap();
        assert_eq!(s.tokens.correct, 5);
        // `n't` vs `not` does not align: 5 of 6 words.
        assert_eq!(s.words.correct, 5);
        // System `I` attaches to `know` (gold: to word 3) → UAS 4 of the 5 aligned.
        assert_eq!(s.uas.correct, 4);
        assert_eq!(s.uas.aligned_accuracy(), Some(0.8));
    }

    #[test]
    fn sentence_and_token_spans() {
        let gold = [
            "1 Hi hi INTJ 0 root _ SpaceAfter=No",
            "2 . . PUNCT 1 punct",
            "",
            "1 Bye bye INTJ 0 root _ SpaceAfter=No",
            "2 . . PUNCT 1 punct",
        ];
        let sys = [
            "1 Hi hi INTJ 0 root _ SpaceAfter=No",
            "2 . . PUNCT 1 punct",
            "3 Bye bye INTJ 1 dep _ SpaceAfter=No",
            "4 . . PUNCT 1 punct",
        ];
        let s = eval(&gold, &sys).unwrap();
        assert_eq!(
            (s.sentences.gold, s.sentences.system, s.sentences.correct),
            (2, 1, 0)
        );
        assert_eq!(s.tokens.correct, 4);
        // A merged token: "Hi." as one token.
        let sys2 = ["1 Hi. hi INTJ 0 root", "", "1 Bye. bye INTJ 0 root"];
        let s = eval(&gold, &sys2).unwrap();
        assert_eq!(
            (s.tokens.gold, s.tokens.system, s.tokens.correct),
            (4, 2, 0)
        );
        assert_eq!(s.sentences.correct, 2);
        assert!((s.tokens.f1() - 0.0).abs() < 1e-12);
    }

    /// One sentence from a compact spec: `"ab a b"` is a multiword token `ab` over words
    /// `a`, `b`; `"c"` is a plain word. Heads form a chain so the tree is valid.
    fn spec(tokens: &[&str]) -> Vec<Sentence> {
        let mut rows = String::new();
        let mut n = 0;
        for t in tokens {
            let parts: Vec<&str> = t.split(' ').collect();
            if parts.len() > 1 {
                rows.push_str(&format!(
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t_\n",
                    n + 1,
                    n + parts.len() - 1,
                    parts[0]
                ));
            }
            for w in parts.iter().skip(usize::from(parts.len() > 1)) {
                n += 1;
                rows.push_str(&format!("{n}\t{w}\t_\t_\t_\t_\t{}\t_\t_\t_\n", n - 1));
            }
        }
        rows.push('\n');
        parse(&rows).0
    }

    #[test]
    fn word_alignment_through_multiword_spans() {
        // (gold, system, aligned words)
        let cases: [(&[&str], &[&str], usize); 9] = [
            (&["xyz x y z"], &["x", "y", "z"], 3),
            (&["p", "qr q r", "s"], &["p", "q", "r", "s"], 4),
            (&["wxyz w x y z"], &["wx w x", "yz y z"], 4),
            (&["wxyz"], &["w", "x", "y", "z"], 0),
            (&["wxy", "z"], &["w", "x", "y", "z"], 1),
            (&["p", "qr", "s"], &["p", "q", "r", "s"], 2),
            (&["p", "qr q r", "s"], &["p", "q", "rs"], 2),
            // Forms are compared in lower case inside a multiword span.
            (&["Dont DO NT"], &["Do", "nt"], 2),
            // A word spelled differently from the surface does not align.
            (&["cannot can not"], &["can", "not"], 2),
        ];
        for (g, s, want) in cases {
            let r = evaluate(&spec(g), &spec(s)).unwrap();
            assert_eq!(r.words.correct, want, "{g:?} vs {s:?}");
        }
    }

    #[test]
    fn different_text_is_an_error() {
        let sys = ["1 I I PRON 0 root", "2 do do AUX 1 aux"];
        match eval(&GOLD, &sys) {
            Err(EvalError::TextMismatch { index, .. }) => assert_eq!(index, 3),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn las_uses_universal_relation_and_lemma_underscore_matches() {
        let gold = ["1 big big ADJ 2 amod:x", "2 dog _ NOUN 0 root"];
        let sys = ["1 big bag ADJ 2 amod", "2 dog dog NOUN 0 root"];
        let s = eval(&gold, &sys).unwrap();
        assert_eq!(s.las.correct, 2);
        assert_eq!(s.lemmas.correct, 1);
        let table = s.to_string();
        assert!(table.contains("LAS") && table.contains("100.00"), "{table}");
    }
}
