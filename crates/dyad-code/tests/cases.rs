//! Case table for the coder: hand-written CoNLL-U parses (tests/data/cases.conllu) coded
//! with small hand-written dictionaries, each sentence with its expected events.

mod common;
use common::{codes, parse_one};
use dyad_code::{
    explain, Coder, CoderOptions, EventRecord, ParsedSentence, RejectReason, TSV_HEADER,
};
use dyad_dict::{DictDate, DictKind, Dictionaries};

const ACTORS: &str = include_str!("data/test.actors.txt");
const AGENTS: &str = include_str!("data/test.agents.txt");
const VERBS: &str = include_str!("data/test.verbs.txt");
const DISCARDS: &str = include_str!("data/test.discards.txt");
const CASES: &str = include_str!("data/cases.conllu");

fn dicts() -> Dictionaries {
    let (d, diags) = Dictionaries::from_texts(&[
        ("test.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("test.agents.txt", AGENTS, Some(DictKind::Agents)),
        ("test.verbs.txt", VERBS, Some(DictKind::VerbsPetrarch2)),
        ("test.discards.txt", DISCARDS, Some(DictKind::Discards)),
    ]);
    let errors: Vec<_> = diags
        .iter()
        .filter(|d| d.severity == dyad_dict::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    d
}

fn comment<'a>(s: &'a dyad_conllu::Sentence, key: &str) -> Option<&'a str> {
    s.comments.iter().find_map(|c| {
        let c = c.trim_start_matches('#').trim();
        let (k, v) = c.split_once('=')?;
        (k.trim() == key).then(|| v.trim())
    })
}

fn expected(spec: &str) -> Vec<String> {
    if spec == "none" {
        return Vec::new();
    }
    let mut v: Vec<String> = spec
        .split(';')
        .map(|e| e.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    v.sort();
    v
}

#[test]
fn case_table() {
    let d = dicts();
    let coder = Coder::new(&d, CoderOptions::default());
    let (sents, errors) = dyad_conllu::parse(CASES);
    assert!(errors.is_empty(), "{errors:?}");
    assert!(sents.len() >= 15);
    let mut failures = Vec::new();
    for (i, s) in sents.iter().enumerate() {
        let name = comment(s, "case").unwrap_or("?");
        let date = comment(s, "date").and_then(DictDate::parse);
        let want = expected(comment(s, "expect").unwrap_or("none"));
        let ps = ParsedSentence::from_conllu(s, i);
        let coded = coder.code(&ps, date);
        let got = codes(&coded);
        if got != want {
            failures.push(format!(
                "{name}: want {want:?}, got {got:?}\n{}",
                explain(&ps, &coded)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn case(name: &str) -> ParsedSentence {
    let (sents, _) = dyad_conllu::parse(CASES);
    let (i, s) = sents
        .iter()
        .enumerate()
        .find(|(_, s)| comment(s, "case") == Some(name))
        .expect("case exists");
    ParsedSentence::from_conllu(s, i)
}

#[test]
fn events_carry_spans_rules_and_cameo_facts() {
    let d = dicts();
    let coder = Coder::new(&d, CoderOptions::default());
    let s = case("simple transitive verb");
    let c = coder.code(&s, DictDate::parse("20200101"));
    let e = &c.events[0];
    assert_eq!(&s.text[e.source.span.start..e.source.span.end], "Freedonia");
    assert_eq!(&s.text[e.verb.span.start..e.verb.span.end], "attacked");
    let t = e.target.as_ref().expect("target");
    assert_eq!(&s.text[t.span.start..t.span.end], "Sylvania");
    assert_eq!(e.root, "19");
    assert_eq!(e.quad_class, Some(4));
    assert!(e.goldstein.is_some_and(|g| g < 0.0));
    assert!(
        e.rules.iter().any(|r| r == "test.actors.txt:2"),
        "{:?}",
        e.rules
    );
    assert!(
        e.rules.iter().any(|r| r == "test.verbs.txt:3"),
        "{:?}",
        e.rules
    );
}

#[test]
fn rejections_say_why() {
    let d = dicts();
    let coder = Coder::new(&d, CoderOptions::default());
    let date = DictDate::parse("20200101");
    let reasons = |name: &str| {
        coder
            .code(&case(name), date)
            .rejected
            .iter()
            .map(|r| r.reason)
            .collect::<Vec<_>>()
    };
    assert!(reasons("negated verb without an ontology: no event").contains(&RejectReason::Negated));
    assert!(reasons("discard phrase: the sentence is not coded").contains(&RejectReason::Discard));
    assert!(
        reasons("verb not in the dictionary: no event").contains(&RejectReason::NotInDictionary)
    );
    let text = explain(
        &case("discard phrase: the sentence is not coded"),
        &coder.code(&case("discard phrase: the sentence is not coded"), date),
    );
    assert!(
        text.contains("Discard") && text.contains("test.discards.txt:2"),
        "{text}"
    );
}

#[test]
fn record_json_and_tsv() {
    let d = dicts();
    let coder = Coder::new(&d, CoderOptions::default());
    let mut s = case("compositional actors: country adjective + agent noun");
    s.shift_spans(100);
    let c = coder.code(&s, None);
    let r = EventRecord::new(
        &c.events[0],
        "a1",
        Some("2020-01-01".into()),
        &s.text,
        &d.version(),
    );
    assert_eq!((r.source.start, r.source.end), (100, 120));
    assert_eq!(r.source.text, "Freedonian lawmakers");
    let json = r.to_json();
    let back: EventRecord = serde_json::from_str(&json).expect("round trip");
    assert_eq!(back, r);
    assert!(json.contains("\"schema_version\":2"));
    // A record stands for one mention until article_records merges repeats.
    assert_eq!(r.mention_count, 1);
    assert_eq!(r.mentions, vec![r.own_mention()]);
    assert_eq!(r.to_tsv().rsplit('\t').next(), Some("1"));
    assert_eq!(
        r.to_tsv().split('\t').count(),
        TSV_HEADER.split('\t').count()
    );
}

const NEGATED: &str = "# text = Freedonia did not attack Sylvania.
1 Freedonia Freedonia PROPN NNP _ 4 nsubj _ _
2 did do AUX VBD _ 4 aux _ _
3 not not PART RB _ 4 advmod _ _
4 attack attack VERB VB _ 0 root _ _
5 Sylvania Sylvania PROPN NNP _ 4 obj _ SpaceAfter=No
6 . . PUNCT . _ 4 punct _ _";

#[test]
fn negation_by_the_coding_ontology() {
    // UniversalPetrarch's ontology: a code of value v negates to the code of value
    // v - 0xFFFF (190 "not attack" → 057 in this made-up table).
    let ontology = "190:0x10086#Assault\n057:0x0087#Sign\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.verbs.txt", VERBS, Some(DictKind::VerbsPetrarch2)),
        ("t.ontology.txt", ontology, Some(DictKind::Ontology)),
    ]);
    let c = Coder::new(&d, CoderOptions::default()).code(&parse_one(NEGATED), None);
    assert_eq!(codes(&c), ["FRE SYL 057"]);
    assert!(
        c.events[0].rules.iter().any(|r| r == "t.ontology.txt:2"),
        "{:?}",
        c.events[0].rules
    );
}

#[test]
fn tabari_patterns_are_linear_and_see_modals() {
    let verbs = "SHOULD [101]\n- SUGGESTED + * APPLY CONVENTIONS [151]\nATTACK [190]\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.verbs", verbs, Some(DictKind::VerbsTabari)),
    ]);
    let s = parse_one(
        "# text = Freedonia suggested Sylvania should apply conventions.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 suggested suggest VERB VBD _ 0 root _ _
3 Sylvania Sylvania PROPN NNP _ 5 nsubj _ _
4 should should AUX MD _ 5 aux _ _
5 apply apply VERB VB _ 2 ccomp _ _
6 conventions convention NOUN NNS _ 5 obj _ SpaceAfter=No
7 . . PUNCT . _ 2 punct _ _",
    );
    let c = Coder::new(&d, CoderOptions::default()).code(&s, None);
    assert_eq!(codes(&c), ["FRE SYL 151"], "{}", explain(&s, &c));
}

#[test]
fn one_verb_per_sentence_keeps_the_first_and_its_conjuncts() {
    let d = dicts();
    let s = parse_one(
        "# text = Freedonia criticized Sylvania and praised Marsovia, Sylvania said that Marsovia attacked Freedonia.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 criticized criticize VERB VBD _ 0 root _ _
3 Sylvania Sylvania PROPN NNP _ 2 obj _ _
4 and and CCONJ CC _ 5 cc _ _
5 praised praise VERB VBD _ 2 conj _ _
6 Marsovia Marsovia PROPN NNP _ 5 obj _ SpaceAfter=No
7 , , PUNCT , _ 9 punct _ _
8 Sylvania Sylvania PROPN NNP _ 9 nsubj _ _
9 said say VERB VBD _ 2 parataxis _ _
10 that that SCONJ IN _ 12 mark _ _
11 Marsovia Marsovia PROPN NNP _ 12 nsubj _ _
12 attacked attack VERB VBD _ 9 ccomp _ _
13 Freedonia Freedonia PROPN NNP _ 12 obj _ SpaceAfter=No
14 . . PUNCT . _ 2 punct _ _",
    );
    let all = Coder::new(&d, CoderOptions::default()).code(&s, None);
    assert_eq!(codes(&all).len(), 4, "{}", explain(&s, &all));
    let first = Coder::new(
        &d,
        CoderOptions {
            one_verb_per_sentence: true,
            ..CoderOptions::default()
        },
    )
    .code(&s, None);
    assert_eq!(codes(&first), ["FRE MAR 051", "FRE SYL 111"]);
    assert!(first
        .rejected
        .iter()
        .any(|r| r.reason == RejectReason::Subsumed));
}

#[test]
fn slash_codes_kept_whole_when_asked() {
    let d = dicts();
    let s = case("a slash code stands for several actors");
    let c = Coder::new(
        &d,
        CoderOptions {
            split_slash_codes: false,
            ..CoderOptions::default()
        },
    )
    .code(&s, None);
    assert_eq!(codes(&c), ["FRE/SYL/MAR MOR 111"]);
}

#[test]
fn complex_marks_set_the_sentence_aside_only_when_asked() {
    let verbs = "--- BLAST [+++] ---\nBLAST\n\n--- ATTACK [190] ---\nATTACK\n";
    let (d, _) = Dictionaries::from_texts(&[
        ("t.actors.txt", ACTORS, Some(DictKind::Actors)),
        ("t.verbs.txt", verbs, Some(DictKind::VerbsPetrarch2)),
    ]);
    let s = parse_one(
        "# text = Freedonia blasted Marsovia and attacked Sylvania.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 blasted blast VERB VBD _ 0 root _ _
3 Marsovia Marsovia PROPN NNP _ 2 obj _ _
4 and and CCONJ CC _ 5 cc _ _
5 attacked attack VERB VBD _ 2 conj _ _
6 Sylvania Sylvania PROPN NNP _ 5 obj _ SpaceAfter=No
7 . . PUNCT . _ 2 punct _ _",
    );
    let petrarch = Coder::new(&d, CoderOptions::default()).code(&s, None);
    assert_eq!(codes(&petrarch), ["FRE SYL 190"]);
    assert!(petrarch
        .rejected
        .iter()
        .any(|r| r.reason == RejectReason::Complex));
    let tabari = Coder::new(
        &d,
        CoderOptions {
            complex_stops_sentence: true,
            ..CoderOptions::default()
        },
    )
    .code(&s, None);
    assert!(tabari.events.is_empty(), "{}", explain(&s, &tabari));
}

#[test]
fn tabari_option_commands_change_a_records_options() {
    use dyad_code::suite::record_options;
    let base = CoderOptions {
        one_verb_per_sentence: true,
        ..CoderOptions::default()
    };
    let cmds = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let o = record_options(
        &base,
        &cmds(&[
            "OPTION:  DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER",
            "OPTION: SET: CODE ALL",
        ]),
    );
    assert_eq!(o.default_source.as_deref(), Some("DEFSRC"));
    assert_eq!(o.default_target.as_deref(), Some("DEFTAR"));
    assert!(!o.one_verb_per_sentence);
    let o = record_options(
        &base,
        &cmds(&[
            "OPTION: DEFAULT: SOURCE [X] TARGET [Y]",
            "OPTION: DEFAULT: OFF",
            "OPTION: SET: CODE BY SENTENCE",
        ]),
    );
    assert_eq!((o.default_source, o.default_target), (None, None));
    assert!(o.one_verb_per_sentence);
    let o = record_options(&base, &cmds(&["OPTION: DEFAULT: TARGET [ONLY]"]));
    assert_eq!(
        (o.default_source.as_deref(), o.default_target.as_deref()),
        (None, Some("ONLY"))
    );
}

#[test]
fn a_broken_parse_is_coded_with_diagnostics() {
    let d = dicts();
    // Heads form a cycle (1 → 2 → 1) and word 3 points outside the sentence.
    let s = parse_one(
        "# text = Freedonia attacked Sylvania.
1 Freedonia Freedonia PROPN NNP _ 2 nsubj _ _
2 attacked attack VERB VBD _ 1 root _ _
3 Sylvania Sylvania PROPN NNP _ 9 obj _ SpaceAfter=No
4 . . PUNCT . _ 2 punct _ _",
    );
    let mut s = s;
    // `from_conllu` reads an out-of-range head as 0; a hand-built sentence may keep one.
    s.words[2].head = 9;
    let c = Coder::new(&d, CoderOptions::default()).code(&s, None);
    assert!(
        c.diagnostics.iter().any(|m| m.contains("cycle")),
        "{:?}",
        c.diagnostics
    );
    assert!(
        c.diagnostics.iter().any(|m| m.contains("head 9")),
        "{:?}",
        c.diagnostics
    );
}
