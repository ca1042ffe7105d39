//! dyad's syntactic analysis: part-of-speech tagging (UPOS, XPOS, FEATS), lemmatization and
//! labelled dependency parsing (UD relations) of tokenized sentences, in pure Rust.
//!
//! Small models, trained on UD English EWT and GUM (see `models/README.md`): a greedy
//! averaged-perceptron tagger ([`tagger`]), a lexicon-plus-suffix-rules lemmatizer
//! ([`lemma`]) and an arc-hybrid parser ([`parser`]) trained greedily with a dynamic
//! oracle (optionally also on the WordNet class of nouns and verbs: [`wordclass`], on
//! universal-tag triples, and on supertags predicted before parsing: [`supertag`]), which
//! parses greedily (the default) or with a selective beam (the accurate
//! setting: greedy where it is sure, several configurations where it is not). The shipped
//! models are compiled into the binary ([`Analyzer::embedded`],
//! [`Analyzer::embedded_accurate`]).
//!
//! ```
//! let a = dyad_nlp::Analyzer::embedded().expect("models load");
//! let words = a.analyze(&["Iraq", "said", "that", "the", "US", "attacked", "Iran", "."]);
//! assert_eq!(words[1].lemma, "say");
//! assert_eq!(words[1].deprel, "root");
//! ```

pub mod evaluate;
pub mod feat;
mod huge;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod supertag;
pub mod tagger;
pub mod train;
pub mod wordclass;

use std::path::Path;
use std::time::Instant;

use lemma::Lemmatizer;
use parser::Parser;
use perceptron::Reader;
use tagger::Tagger;

/// A model could not be read or trained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnalyzedWord {
    /// The form, as given.
    pub form: String,
    /// Lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Penn Treebank tag.
    pub xpos: String,
    /// UD morphological features (`_` when none).
    pub feats: String,
    /// 1-based index of the head word; 0 for the root.
    pub head: usize,
    /// UD relation to the head.
    pub deprel: String,
}

/// Tagger, lemmatizer and parser together.
#[derive(Debug, Clone)]
pub struct Analyzer {
    tagger: Tagger,
    lemmatizer: Lemmatizer,
    parser: Parser,
}

static TAGGER_BIN: &[u8] = include_bytes!("../../../models/tagger.bin");
static LEMMATIZER_BIN: &[u8] = include_bytes!("../../../models/lemmatizer.bin");
static PARSER_BIN: &[u8] = include_bytes!("../../../models/parser.bin");

impl Analyzer {
    /// The models shipped inside the binary.
    pub fn embedded() -> Result<Analyzer, ModelError> {
        Analyzer::from_bytes(TAGGER_BIN, LEMMATIZER_BIN, PARSER_BIN)
    }

    /// The models shipped inside the binary, parsing with the accurate setting's
    /// selective beam ([`parser::ACCURATE_SEARCH`]) instead of greedily.
    pub fn embedded_accurate() -> Result<Analyzer, ModelError> {
        Ok(Analyzer::embedded()?.accurate())
    }

    /// The same models, parsing with the accurate setting's selective beam
    /// ([`parser::ACCURATE_SEARCH`]): better trees, at about half the speed of the whole analysis.
    pub fn accurate(self) -> Analyzer {
        let search = parser::Search::Selective(parser::ACCURATE_SEARCH);
        Analyzer {
            parser: self.parser.with_search(search),
            ..self
        }
    }

    /// The embedded models, loaded on first use and shared for the life of the process
    /// (loading takes a few hundred milliseconds; do it once).
    pub fn shared() -> Result<&'static Analyzer, ModelError> {
        static SHARED: std::sync::OnceLock<Result<Analyzer, ModelError>> =
            std::sync::OnceLock::new();
        SHARED
            .get_or_init(Analyzer::embedded)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Models from a directory holding `tagger.bin`, `lemmatizer.bin`, `parser.bin`
    /// (as written by [`train`]).
    pub fn load(dir: &Path) -> Result<Analyzer, ModelError> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read(&p).map_err(|e| ModelError(format!("cannot read {}: {e}", p.display())))
        };
        Analyzer::from_bytes(
            &read("tagger.bin")?,
            &read("lemmatizer.bin")?,
            &read("parser.bin")?,
        )
    }

    /// Models from a directory, parsing with the accurate setting's selective beam.
    pub fn load_accurate(dir: &Path) -> Result<Analyzer, ModelError> {
        Ok(Analyzer::load(dir)?.accurate())
    }

    /// Models from their serialised bytes.
    pub fn from_bytes(
        tagger: &[u8],
        lemmatizer: &[u8],
        parser: &[u8],
    ) -> Result<Analyzer, ModelError> {
        let ctx = |what: &'static str| move |e: String| ModelError(format!("{what} model: {e}"));
        Ok(Analyzer {
            tagger: Tagger::read(&mut Reader::new(tagger)).map_err(ctx("tagger"))?,
            lemmatizer: Lemmatizer::read(&mut Reader::new(lemmatizer))
                .map_err(ctx("lemmatizer"))?,
            parser: Parser::read(&mut Reader::new(parser)).map_err(ctx("parser"))?,
        })
    }

    /// A copy with the tagger, parser and supertagger reduced to their `tagger_weights`,
    /// `parser_weights` and `supertagger_weights` largest weights (see
    /// [`perceptron::Model::prune`]).
    pub fn pruned(
        &self,
        tagger_weights: usize,
        parser_weights: usize,
        supertagger_weights: usize,
    ) -> Analyzer {
        let mut a = self.clone();
        a.tagger.model = a.tagger.model.prune(tagger_weights);
        a.tagger.model2 = a.tagger.model2.map(|m| m.prune(tagger_weights));
        a.parser.model = a.parser.model.prune(parser_weights);
        if let Some(st) = &mut a.parser.supertagger {
            st.model = st.model.prune(supertagger_weights);
        }
        a
    }

    /// Writes the three models into `dir` (`tagger.bin`, `lemmatizer.bin`, `parser.bin`).
    pub fn save(&self, dir: &Path) -> Result<(), ModelError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| ModelError(format!("cannot create {}: {e}", dir.display())))?;
        let mut t = Vec::new();
        self.tagger.write(&mut t);
        let mut l = Vec::new();
        self.lemmatizer.write(&mut l);
        let mut p = Vec::new();
        self.parser.write(&mut p);
        for (name, bytes) in [("tagger.bin", t), ("lemmatizer.bin", l), ("parser.bin", p)] {
            let path = dir.join(name);
            std::fs::write(&path, bytes)
                .map_err(|e| ModelError(format!("cannot write {}: {e}", path.display())))?;
        }
        Ok(())
    }

    /// The tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The parser.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// The same analyzer with another parser (one trained with this analyzer's tagger):
    /// to compare parsers, such as the same model with templates left out (`nlp race`).
    pub fn with_parser(mut self, parser: Parser) -> Analyzer {
        self.parser = parser;
        self
    }

    /// Weights kept by the tagger and the parser.
    pub fn sizes(&self) -> (usize, usize) {
        (self.tagger.model.nweights(), self.parser.model.nweights())
    }

    /// Tags, lemmatizes and parses one sentence of words. Pure; never panics; linear time
    /// in the number of words.
    pub fn analyze(&self, words: &[&str]) -> Vec<AnalyzedWord> {
        self.parse_tagged(self.tag(words))
    }

    /// The first half of [`Analyzer::analyze`]: tags and lemmatizes, without parsing
    /// (every head 0, no relation). A caller that can tell from the lemmas and tags that
    /// the parse is not needed saves it (parsing costs about three times as much as
    /// tagging); [`Analyzer::parse_tagged`] finishes the analysis, with exactly the
    /// result [`Analyzer::analyze`] gives.
    pub fn tag(&self, words: &[&str]) -> Tagged {
        if words.is_empty() {
            return Tagged::default();
        }
        let (tags, nodes) = self.tagger.tag_nodes(words);
        let words = words
            .iter()
            .zip(&tags)
            .enumerate()
            .map(|(i, (w, t))| {
                let upos = self.tagger.upos(*t);
                let xpos = self.tagger.xpos(*t);
                let mut lemma = self.lemmatizer.lemma(w, upos, xpos);
                if lemma == "be"
                    && w.eq_ignore_ascii_case("'s")
                    && lemma::clitic_s_is_have(&words[i + 1..])
                {
                    lemma = "have".to_string();
                }
                AnalyzedWord {
                    form: (*w).to_string(),
                    lemma,
                    upos: upos.to_string(),
                    xpos: xpos.to_string(),
                    feats: self.tagger.feats_for(w, *t).to_string(),
                    head: 0,
                    deprel: String::new(),
                }
            })
            .collect();
        Tagged { words, nodes }
    }

    /// The second half of [`Analyzer::analyze`]: parses a sentence [`Analyzer::tag`]
    /// tagged with this analyzer, filling in heads and relations.
    pub fn parse_tagged(&self, tagged: Tagged) -> Vec<AnalyzedWord> {
        let Tagged { mut words, nodes } = tagged;
        let arcs = self.parser.parse(&nodes);
        for (w, (h, l)) in words.iter_mut().zip(&arcs) {
            w.head = *h;
            w.deprel = self.parser.label(*l).to_string();
        }
        words
    }
}

/// A tagged and lemmatized sentence, not yet parsed ([`Analyzer::tag`]).
#[derive(Debug, Clone, Default)]
pub struct Tagged {
    /// The words with form, lemma, tags and features; head 0 and an empty relation until
    /// [`Analyzer::parse_tagged`].
    pub words: Vec<AnalyzedWord>,
    /// The parser's input, as the tagger left it.
    nodes: Vec<parser::Node>,
}

/// Builds the CoNLL-U block of an analysed sentence: `# sent_id`, `# text`, the words with
/// `TokenRange=start:end` (byte offsets into the raw text) and `SpaceAfter=No` in MISC, and
/// multiword token lines for split contractions.
pub fn to_conllu(
    sentence: &dyad_types::Sentence,
    cleaned_text: &str,
    analysis: &[AnalyzedWord],
    sent_id: &str,
) -> dyad_conllu::Sentence {
    let text = sentence
        .span
        .slice(cleaned_text)
        .replace(['\n', '\r', '\t'], " ");
    let mut out = dyad_conllu::Sentence {
        comments: vec![format!("sent_id = {sent_id}"), format!("text = {text}")],
        sent_id: Some(sent_id.to_string()),
        text: Some(text),
        ..Default::default()
    };
    let in_mwt = |i: usize| {
        sentence
            .multiword
            .iter()
            .any(|m| m.first <= i && i <= m.last)
    };
    for (i, tok) in sentence.tokens.iter().enumerate() {
        let a = analysis.get(i).cloned().unwrap_or_default();
        let mut misc = format!("TokenRange={}:{}", tok.raw.start, tok.raw.end);
        if !tok.space_after && !in_mwt(i) {
            misc.push_str("|SpaceAfter=No");
        }
        out.words.push(dyad_conllu::Word {
            id: i + 1,
            form: tok.text.clone(),
            lemma: if a.lemma.is_empty() {
                tok.text.clone()
            } else {
                a.lemma
            },
            upos: if a.upos.is_empty() {
                "X".into()
            } else {
                a.upos
            },
            xpos: if a.xpos.is_empty() {
                "_".into()
            } else {
                a.xpos
            },
            feats: if a.feats.is_empty() {
                "_".into()
            } else {
                a.feats
            },
            head: Some(if a.head > sentence.tokens.len() {
                0
            } else {
                a.head
            }),
            deprel: if a.deprel.is_empty() {
                "dep".into()
            } else {
                a.deprel
            },
            deps: "_".into(),
            misc,
        });
    }
    for m in &sentence.multiword {
        let (Some(f), Some(l)) = (sentence.tokens.get(m.first), sentence.tokens.get(m.last)) else {
            continue;
        };
        let form = cleaned_text
            .get(f.span.start..l.span.end)
            .map_or_else(|| format!("{}{}", f.text, l.text), str::to_string);
        let mut misc = format!("TokenRange={}:{}", f.raw.start, l.raw.end);
        if !l.space_after {
            misc.push_str("|SpaceAfter=No");
        }
        out.multiword.push(dyad_conllu::Multiword {
            first: m.first + 1,
            last: m.last + 1,
            form,
            misc,
        });
    }
    out
}

/// A speed measurement.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bench {
    /// Words analysed.
    pub tokens: usize,
    /// Seconds spent in [`Analyzer::analyze`].
    pub seconds: f64,
    /// Words per second of wall time.
    pub tokens_per_sec: f64,
    /// CPU seconds this thread's process spent in the run (user + system), when the OS
    /// reports it: on a shared machine, words per CPU second is the fair one-core figure.
    pub cpu_seconds: Option<f64>,
    /// Peak resident memory of the process in KiB (`VmHWM`), when the OS reports it.
    pub peak_rss_kib: Option<u64>,
}

/// Analyses every sentence (tag + lemmatize + parse, one thread) and times it.
pub fn bench(analyzer: &Analyzer, sentences: &[Vec<String>]) -> Bench {
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    let mut tokens = 0;
    for s in sentences {
        let words: Vec<&str> = s.iter().map(String::as_str).collect();
        tokens += analyzer.analyze(&words).len();
    }
    let seconds = t0.elapsed().as_secs_f64();
    let cpu = match (c0, cpu_seconds()) {
        (Some(a), Some(b)) => Some(b - a),
        _ => None,
    };
    Bench {
        tokens,
        seconds,
        tokens_per_sec: tokens as f64 / seconds.max(1e-9),
        cpu_seconds: cpu,
        peak_rss_kib: peak_rss_kib(),
    }
}

/// The process's peak resident set size in KiB, from `/proc/self/status` (Linux only).
pub fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time (user + system) of this process in seconds, from the operating system's
/// process CPU clock (nanosecond resolution; `/proc/self/stat`'s 10 ms ticks made a
/// quarter-second benchmark read 4 % apart from one run to the next).
pub fn cpu_seconds() -> Option<f64> {
    cpu_time::ProcessTime::try_now()
        .ok()
        .map(|t| t.as_duration().as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_types::{MultiwordToken, Sentence, Span, Token};

    fn tok(text: &str, start: usize, raw_shift: usize, space_after: bool) -> Token {
        Token {
            text: text.into(),
            span: Span::new(start, start + text.len()),
            raw: Span::new(start + raw_shift, start + raw_shift + text.len()),
            space_after,
        }
    }

    #[test]
    fn conllu_has_offsets_spaces_and_multiword_lines() {
        let text = "I don't know.";
        let s = Sentence {
            index: 0,
            span: Span::new(0, text.len()),
            raw: Span::new(10, 10 + text.len()),
            paragraph: 0,
            tokens: vec![
                tok("I", 0, 10, true),
                tok("do", 2, 10, false),
                tok("n't", 4, 10, true),
                tok("know", 8, 10, false),
                tok(".", 12, 10, false),
            ],
            multiword: vec![MultiwordToken { first: 1, last: 2 }],
        };
        let analysis: Vec<AnalyzedWord> = ["I", "do", "n't", "know", "."]
            .iter()
            .map(|f| AnalyzedWord {
                form: (*f).into(),
                lemma: f.to_lowercase(),
                upos: "X".into(),
                xpos: "XX".into(),
                feats: "_".into(),
                head: 4,
                deprel: "dep".into(),
            })
            .collect();
        let c = to_conllu(&s, text, &analysis[..4], "doc1-1");
        let mut out = String::new();
        dyad_conllu::write_sentence(&c, &mut out);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "# sent_id = doc1-1");
        assert_eq!(lines[1], "# text = I don't know.");
        assert_eq!(
            lines[3],
            "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tTokenRange=12:17"
        );
        assert!(lines[2].ends_with("\tTokenRange=10:11"), "{}", lines[2]);
        assert!(lines[4].ends_with("\tTokenRange=12:14"), "{}", lines[4]);
        assert!(
            lines[6].ends_with("TokenRange=18:22|SpaceAfter=No"),
            "{}",
            lines[6]
        );
        // The fifth word had no analysis: it still gets a valid line.
        assert!(
            lines[7].starts_with("5\t.\t.\tX\t_\t_\t0\tdep"),
            "{}",
            lines[7]
        );
        let (back, errors) = dyad_conllu::parse(&out);
        assert!(errors.is_empty());
        assert_eq!(back[0].words.len(), 5);
    }
}
