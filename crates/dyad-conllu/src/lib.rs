//! CoNLL-U reading and writing (<https://universaldependencies.org/format.html>).
//!
//! Reads UD treebanks for training and evaluation, and the output of other parsers
//! (UDPipe, Stanza, spaCy exports) so a user can bring a parser of their choice. Reading
//! is forgiving: a malformed line becomes a [`ParseError`] with its line number, the
//! sentence it belongs to is still returned (without that line), and reading goes on.
//!
//! ```
//! let text = "# sent_id = 1\n# text = Hi there.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\
//!             2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n\
//!             3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
//! let (sents, errors) = dyad_conllu::parse(text);
//! assert!(errors.is_empty());
//! assert_eq!(sents[0].text.as_deref(), Some("Hi there."));
//! assert_eq!(sents[0].words[1].head, Some(1));
//! assert!(!sents[0].words[1].space_after());
//! ```

use std::fmt;

pub mod eval;

/// One syntactic word (a line whose ID is an integer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// 1-based word index.
    pub id: usize,
    /// FORM.
    pub form: String,
    /// LEMMA (`_` when absent).
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// FEATS, as written (`_` when none).
    pub feats: String,
    /// HEAD: `Some(0)` for the root, `None` when `_`.
    pub head: Option<usize>,
    /// DEPREL.
    pub deprel: String,
    /// DEPS, as written.
    pub deps: String,
    /// MISC, as written.
    pub misc: String,
}

impl Word {
    /// False when MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }

    /// The value of feature `name` in FEATS (`Tense` → `Past`).
    pub fn feat(&self, name: &str) -> Option<&str> {
        misc_value(&self.feats, name)
    }

    /// The value of attribute `name` in MISC.
    pub fn misc_value(&self, name: &str) -> Option<&str> {
        misc_value(&self.misc, name)
    }
}

fn misc_value<'a>(field: &'a str, name: &str) -> Option<&'a str> {
    field.split('|').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then_some(v)
    })
}

/// A multiword token line (`3-4 don't …`): surface form over words `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Multiword {
    /// First word id.
    pub first: usize,
    /// Last word id (inclusive).
    pub last: usize,
    /// Surface form.
    pub form: String,
    /// MISC, as written.
    pub misc: String,
}

impl Multiword {
    /// False when MISC says `SpaceAfter=No`.
    pub fn space_after(&self) -> bool {
        !self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// One sentence block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// All comment lines, without the leading `#` and one space.
    pub comments: Vec<String>,
    /// `# sent_id = …`.
    pub sent_id: Option<String>,
    /// `# text = …`.
    pub text: Option<String>,
    /// A `# newdoc` comment precedes this sentence.
    pub newdoc: bool,
    /// A `# newpar` comment precedes this sentence.
    pub newpar: bool,
    /// The words, in order (ids 1..=n).
    pub words: Vec<Word>,
    /// Multiword token lines.
    pub multiword: Vec<Multiword>,
    /// Empty-node lines (`8.1 …`), kept verbatim: enhanced dependencies only.
    pub empty_nodes: Vec<String>,
}

impl Sentence {
    /// The multiword token starting at word `id`, if any.
    pub fn multiword_at(&self, id: usize) -> Option<&Multiword> {
        self.multiword.iter().find(|m| m.first == id)
    }

    /// Surface tokens as `(form, first_word, last_word, space_after)`: multiword tokens
    /// once, other words as themselves.
    pub fn surface_tokens(&self) -> Vec<(&str, usize, usize, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut i = 0;
        while i < self.words.len() {
            let w = &self.words[i];
            if let Some(m) = self.multiword_at(w.id) {
                out.push((m.form.as_str(), m.first, m.last, m.space_after()));
                i += m.last.saturating_sub(m.first) + 1;
            } else {
                out.push((w.form.as_str(), w.id, w.id, w.space_after()));
                i += 1;
            }
        }
        out
    }
}

/// A malformed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Parses CoNLL-U text into sentences; malformed lines are reported, not fatal.
pub fn parse(text: &str) -> (Vec<Sentence>, Vec<ParseError>) {
    let mut sents = Vec::new();
    let mut errors = Vec::new();
    let mut cur = Sentence::default();
    let mut open = false;
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if open {
                sents.push(std::mem::take(&mut cur));
                open = false;
            }
            continue;
        }
        open = true;
        if let Some(c) = line.strip_prefix('#') {
            let c = c.strip_prefix(' ').unwrap_or(c);
            if let Some((k, v)) = c.split_once('=') {
                match k.trim() {
                    "sent_id" => cur.sent_id = Some(v.trim().to_string()),
                    "text" => cur.text = Some(v.strip_prefix(' ').unwrap_or(v).to_string()),
                    "newdoc id" => cur.newdoc = true,
                    "newpar id" => cur.newpar = true,
                    _ => {}
                }
            } else {
                match c.trim() {
                    "newdoc" => cur.newdoc = true,
                    "newpar" => cur.newpar = true,
                    _ => {}
                }
            }
            cur.comments.push(c.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            errors.push(ParseError {
                line: lineno,
                message: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
            continue;
        }
        let id = cols[0];
        if id.contains('.') {
            cur.empty_nodes.push(line.to_string());
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(first), Ok(last)) if first >= 1 && last >= first => {
                    cur.multiword.push(Multiword {
                        first,
                        last,
                        form: cols[1].to_string(),
                        misc: cols[9].to_string(),
                    })
                }
                _ => errors.push(ParseError {
                    line: lineno,
                    message: format!("bad multiword range {id:?}"),
                }),
            }
            continue;
        }
        let Ok(id) = id.parse::<usize>() else {
            errors.push(ParseError {
                line: lineno,
                message: format!("bad word id {id:?}"),
            });
            continue;
        };
        if id != cur.words.len() + 1 {
            errors.push(ParseError {
                line: lineno,
                message: format!(
                    "word id {id} out of sequence (expected {})",
                    cur.words.len() + 1
                ),
            });
            continue;
        }
        let head = match cols[6] {
            "_" => None,
            h => match h.parse::<usize>() {
                Ok(h) => Some(h),
                Err(_) => {
                    errors.push(ParseError {
                        line: lineno,
                        message: format!("bad head {h:?}"),
                    });
                    None
                }
            },
        };
        cur.words.push(Word {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if open {
        sents.push(cur);
    }
    // Heads must point inside the sentence.
    for s in &mut sents {
        let n = s.words.len();
        for w in &mut s.words {
            if w.head.is_some_and(|h| h > n) {
                w.head = None;
            }
        }
    }
    (sents, errors)
}

/// Writes one sentence as a CoNLL-U block (comments, multiword lines before their first
/// word, words, a blank line).
pub fn write_sentence(s: &Sentence, out: &mut String) {
    use std::fmt::Write;
    for c in &s.comments {
        let _ = writeln!(out, "# {c}");
    }
    for w in &s.words {
        if let Some(m) = s.multiword_at(w.id) {
            let _ = writeln!(
                out,
                "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                m.first,
                m.last,
                m.form,
                or_(&m.misc)
            );
        }
        let head = w.head.map_or_else(|| "_".to_string(), |h| h.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            w.id,
            w.form,
            or_(&w.lemma),
            or_(&w.upos),
            or_(&w.xpos),
            or_(&w.feats),
            head,
            or_(&w.deprel),
            or_(&w.deps),
            or_(&w.misc)
        );
    }
    out.push('\n');
}

fn or_(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "# newdoc id = d1\n# sent_id = s1\n# newpar id = p1\n# text = I don't know.\n\
1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t_\t_\n\
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdo\tdo\tAUX\tVBP\tMood=Ind\t4\taux\t_\tSpaceAfter=No\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tknow\tknow\tVERB\tVB\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n\
4.1\tx\tx\tX\tX\t_\t_\t_\t4:dep\t_\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_comments_multiwords_and_empty_nodes() {
        let (s, e) = parse(SAMPLE);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert!(s.newdoc && s.newpar);
        assert_eq!(s.sent_id.as_deref(), Some("s1"));
        assert_eq!(s.words.len(), 5);
        assert_eq!(s.multiword.len(), 1);
        assert_eq!(s.empty_nodes.len(), 1);
        let toks: Vec<_> = s.surface_tokens().iter().map(|t| t.0).collect();
        assert_eq!(toks, ["I", "don't", "know", "."]);
        assert_eq!(s.words[3].feat("VerbForm"), Some("Inf"));
    }

    #[test]
    fn round_trips() {
        let (s, _) = parse(SAMPLE);
        let mut out = String::new();
        write_sentence(&s[0], &mut out);
        let (again, e) = parse(&out);
        assert!(e.is_empty());
        assert_eq!(again[0].words, s[0].words);
        assert_eq!(again[0].multiword, s[0].multiword);
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let (s, e) = parse("1\ta\n1\tb\tb\tX\tX\t_\t9\tdep\t_\t_\nx\ty\t_\t_\t_\t_\t_\t_\t_\t_\n");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].line, 1);
        assert_eq!(s[0].words.len(), 1);
        assert_eq!(s[0].words[0].head, None, "head beyond sentence dropped");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(input in "(?s).{0,300}") {
            let _ = parse(&input);
        }
    }
}
