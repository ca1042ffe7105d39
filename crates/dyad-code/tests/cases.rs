//! Case table for the coder: hand-written CoNLL-U parses (tests/data/cases.conllu) coded
//! with small hand-written dictionaries, each sentence with its expected events.

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
        let mut got: Vec<String> = coded
            .events
            .iter()
            .map(|e| {
                format!(
                    "{} {} {}",
                    e.source.code,
                    e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("---"),
                    e.code
                )
            })
            .collect();
        got.sort();
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
    assert!(json.contains("\"schema_version\":1"));
    assert_eq!(
        r.to_tsv().split('\t').count(),
        TSV_HEADER.split('\t').count()
    );
}
