//! Reader tests on the small suites under `testdata/eval/`, one per format.

use std::path::{Path, PathBuf};

use dyad_eval::{detect_kind, read_suite, Check, GoldEvent, GoldRecord, Suite, SuiteKind};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/eval")
        .join(name)
}

fn rec<'a>(s: &'a Suite, id: &str) -> &'a GoldRecord {
    s.records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

fn ev(s: &str, t: &str, c: &str) -> GoldEvent {
    GoldEvent::new(s, t, c)
}

#[test]
fn kinds_are_detected() {
    assert_eq!(detect_kind(&data("mini.project")), Some(SuiteKind::Tabari));
    assert_eq!(detect_kind(&data("mini.text")), Some(SuiteKind::Tabari));
    assert_eq!(
        detect_kind(&data("mini-petrarch.xml")),
        Some(SuiteKind::Petrarch)
    );
    assert_eq!(detect_kind(&data("mini-up.xml")), Some(SuiteKind::Up));
    assert_eq!(detect_kind(&data("mini-gold.jsonl")), Some(SuiteKind::Gold));
    assert_eq!(detect_kind(Path::new("notes.md")), None);
}

#[test]
fn tabari_project_and_text() {
    let s = read_suite(SuiteKind::Tabari, &data("mini.project")).expect("reads");
    let kinds: Vec<&str> = s.dictionaries.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["actors", "verbs", "options", "agents"]);
    assert!(s.dictionaries[0]
        .path
        .ends_with("testdata/eval/mini.actors"));
    // The bad-date record is skipped; the rest are read.
    let ids: Vec<&str> = s.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "START-00", "OPT-01", "ONE-01", "TWO-01", "NONE-01", "DASH-01", "DASH-02", "ONE-01#2",
            "FINAL-01", "AFTER-01"
        ]
    );
    assert!(
        s.warnings.iter().any(|w| w.contains("24xx09")),
        "{:?}",
        s.warnings
    );
    assert!(s.warnings.iter().any(|w| w.contains("repeats")));
    // Start record, end record and what follows are not evaluated.
    let evaluated: Vec<&str> = s.evaluated().map(|r| r.id.as_str()).collect();
    assert_eq!(
        evaluated,
        ["OPT-01", "ONE-01", "TWO-01", "NONE-01", "DASH-01", "DASH-02", "ONE-01#2"]
    );

    let one = rec(&s, "ONE-01");
    assert_eq!(one.date, "20240103");
    assert_eq!(one.text, "Ruritania attacked Freedonia on Monday.");
    assert_eq!(one.expected, [ev("RUR", "FRE", "190")]);
    assert_eq!(one.check, Check::Exact);
    assert_eq!(one.category.as_deref(), Some("ONE"));
    assert_eq!(one.line, 12);

    let two = rec(&s, "TWO-01");
    assert_eq!(two.text, "Ruritania and Freedonia signed a trade pact.");
    assert_eq!(
        two.expected,
        [ev("RUR", "FRE", "057"), ev("FRE", "RUR", "057")]
    );

    let none = rec(&s, "NONE-01");
    assert!(none.expected.is_empty());
    assert_eq!(none.marker.as_deref(), Some("{---}"));

    let opt = rec(&s, "OPT-01");
    assert_eq!(opt.check, Check::Unchecked);
    assert_eq!(one.options, ["SET: MINIMUM WORDS = 4"]);

    let dash = rec(&s, "DASH-01");
    assert_eq!(dash.check, Check::AtLeast);
    assert_eq!(dash.expected, [ev("RUR", "FRE", "051")]);
    assert_eq!(rec(&s, "DASH-02").check, Check::Unchecked);
}

#[test]
fn petrarch_xml() {
    let s = read_suite(SuiteKind::Petrarch, &data("mini-petrarch.xml")).expect("reads");
    let kinds: Vec<&str> = s.dictionaries.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["verbs", "actors", "agents", "discards"]);
    assert_eq!(s.records.len(), 4);
    // PETRARCH counts every record, whatever <Include> says, and says so.
    assert_eq!(s.evaluated().count(), 4);
    assert!(
        s.warnings
            .iter()
            .any(|w| w.contains("outside <Include> (P-02, P-04)")),
        "{:?}",
        s.warnings
    );
    let p1 = rec(&s, "P-01");
    assert_eq!(p1.text, "Ruritania attacked Freedonia.");
    assert_eq!(p1.date, "20240101");
    assert_eq!(p1.expected, [ev("RUR", "FRE", "190")]);
    assert_eq!(p1.options, ["require_dyad=False"]);
    assert!(p1.parse.is_none());
    let p2 = rec(&s, "P-02");
    assert_eq!(p2.text, "Nothing happened & nobody came.");
    assert_eq!(p2.date, "20240102");
    assert_eq!(p2.marker.as_deref(), Some("noevents"));
    assert!(p2.expected.is_empty());
    let p3 = rec(&s, "P-03");
    assert_eq!(
        p3.expected,
        [ev("\"SOME GROUP\"", "---", "1011"), ev("RUR", "FRE", "057")]
    );
    assert_eq!(rec(&s, "P-04").marker.as_deref(), Some("error=dateline"));
}

#[test]
fn up_xml_with_malformed_header_and_json_tags() {
    let s = read_suite(SuiteKind::Up, &data("mini-up.xml")).expect("reads despite bad markup");
    assert!(
        s.warnings
            .iter()
            .any(|w| w.contains("nested comment") && w.contains("line 5")),
        "{:?}",
        s.warnings
    );
    assert!(s
        .warnings
        .iter()
        .any(|w| w.contains("PLEvent") && w.contains("line 31")));
    let kinds: Vec<&str> = s.dictionaries.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["verbs", "actors", "agents", "discards", "ontology"]);
    assert_eq!(s.records.len(), 5);
    let evaluated: Vec<&str> = s.evaluated().map(|r| r.id.as_str()).collect();
    // U-03 is evaluate="false"; U-05's category is not in <Include>.
    assert_eq!(evaluated, ["U-01", "U-02", "U-04"]);
    let u1 = rec(&s, "U-01");
    let parse = u1.parse.as_ref().expect("CoNLL-U parse");
    assert_eq!(parse.words.len(), 4);
    assert_eq!(parse.words[1].lemma, "attack");
    assert_eq!(parse.words[0].head, Some(2));
    assert!(!parse.words[2].space_after());
    let u2 = rec(&s, "U-02");
    assert_eq!(
        u2.expected,
        [ev("RUR", "FRE", "057"), ev("FRE", "RUR", "057")]
    );
    assert_eq!(u2.text, "Ruritania and Freedonia signed a pact.");
    assert_eq!(rec(&s, "U-04").marker.as_deref(), Some("noevents"));
    assert_eq!(rec(&s, "U-03").expected, [ev("RUR", "FRE", "051")]);
}

#[test]
fn gold_jsonl_reads_past_a_malformed_line() {
    let s = read_suite(SuiteKind::Gold, &data("mini-gold.jsonl")).expect("reads");
    let ids: Vec<&str> = s.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["g-01", "g-02", "g-04", "g-05"]);
    assert!(
        s.warnings.iter().any(|w| w.starts_with("line 4:")),
        "{:?}",
        s.warnings
    );
    let kinds: Vec<&str> = s.dictionaries.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["actors", "verbs"]);
    let g1 = rec(&s, "g-01");
    assert_eq!(g1.date, "20240101");
    assert_eq!(g1.expected, [ev("RUR", "FRE", "190")]);
    assert!(rec(&s, "g-02").expected.is_empty());
    assert_eq!(rec(&s, "g-04").category.as_deref(), Some("COMPOUND"));
    assert!(!rec(&s, "g-05").evaluate);
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let err = read_suite(SuiteKind::Petrarch, &data("no-such-file.xml")).unwrap_err();
    assert!(err.to_string().contains("no-such-file.xml"));
}

#[test]
fn broken_xml_is_an_error_with_a_line() {
    let dir = std::env::temp_dir().join(format!("dyad-eval-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("broken.xml");
    std::fs::write(
        &path,
        "<Validation>\n<Sentences>\n<Sentence id=\"a\">\n</Oops>\n",
    )
    .expect("write");
    let err = read_suite(SuiteKind::Petrarch, &path).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("broken.xml:4"), "{msg}");
    let _ = std::fs::remove_dir_all(&dir);
}
