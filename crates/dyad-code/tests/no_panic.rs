//! The coder never panics, whatever the parse: random words, heads (cycles, out of
//! range, self-loops) and relations, coded with small real dictionaries.

use dyad_code::{explain, Coder, CoderOptions, ParsedSentence, Word};
use dyad_dict::{DictDate, DictKind, Dictionaries};
use dyad_types::Span;
use proptest::prelude::*;

const VOCAB: &[&str] = &[
    "Freedonia",
    "Sylvania",
    "Marsovia",
    "Freedonian",
    "lawmakers",
    "soldiers",
    "government",
    "of",
    "by",
    "attacked",
    "attack",
    "said",
    "met",
    "not",
    "n't",
    "and",
    "with",
    "rockets",
    "football",
    "match",
    "the",
    "that",
    "it",
    "who",
    ".",
    ",",
    "Rufus",
    "Firefly",
    "",
];
const RELS: &[&str] = &[
    "nsubj",
    "nsubj:pass",
    "nsubjpass",
    "obj",
    "dobj",
    "iobj",
    "obl",
    "nmod",
    "obl:agent",
    "nmod:poss",
    "compound",
    "flat",
    "amod",
    "conj",
    "cc",
    "case",
    "mark",
    "aux",
    "advmod",
    "neg",
    "xcomp",
    "ccomp",
    "advcl",
    "acl",
    "acl:relcl",
    "root",
    "punct",
    "weird:thing",
];
const UPOS: &[&str] = &[
    "VERB", "NOUN", "PROPN", "ADJ", "ADP", "AUX", "PRON", "PART", "CCONJ", "X",
];

fn dicts() -> Dictionaries {
    Dictionaries::from_texts(&[
        ("a.actors.txt", include_str!("data/test.actors.txt"), Some(DictKind::Actors)),
        ("a.agents.txt", include_str!("data/test.agents.txt"), Some(DictKind::Agents)),
        ("a.verbs.txt", include_str!("data/test.verbs.txt"), Some(DictKind::VerbsPetrarch2)),
        ("a.discards.txt", "FOOTBALL_MATCH_\n", Some(DictKind::Discards)),
        // The same verbs read as TABARI patterns exercise the other matcher.
        ("b.verbs", "ATTACK [190]\n- $ * + WITH_ROCKETS [195]\n- * { A | B } &NOPE [111]\n- REAL~_* DIDN'T [+++]\nSAY {SAID}\n- ^ * +_ [010]\nMEET [###]\n- % * [040:040]\n", Some(DictKind::VerbsTabari)),
        ("c.ontology.txt", "190:0x10086\n057:0x0087\n", Some(DictKind::Ontology)),
    ])
    .0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn coder_never_panics(words in prop::collection::vec((0..VOCAB.len(), 0usize..40, 0..RELS.len(), 0..UPOS.len(), any::<bool>()), 0..30), date in prop::option::of(0u32..40_000_000)) {
        let d = dicts();
        let coder = Coder::new(&d, CoderOptions { keep_unknown_country: true, allow_no_target: true, one_verb_per_sentence: true, complex_stops_sentence: true, hash_discards: true, default_source: Some("DEF".into()), ..CoderOptions::default() });
        let mut text = String::new();
        let ws: Vec<Word> = words.iter().map(|&(v, h, r, u, space)| {
            let start = text.len();
            text.push_str(VOCAB[v]);
            let end = text.len();
            // Words written together exercise the joined-token matching.
            if space {
                text.push(' ');
            }
            Word { form: VOCAB[v].into(), lemma: VOCAB[v].to_lowercase(), upos: UPOS[u].into(), xpos: "VBD".into(), feats: "_".into(), head: h, deprel: RELS[r].into(), span: Span::new(start, end) }
        }).collect();
        let s = ParsedSentence { index: 0, span: Span::new(0, text.len()), text, words: ws };
        let date = date.and_then(|d| DictDate::parse(&format!("{d:08}")));
        let c = coder.code(&s, date);
        let _ = explain(&s, &c);
        for e in &c.events {
            prop_assert!(e.source.span.start <= e.source.span.end);
        }
    }
}
