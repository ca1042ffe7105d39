//! Reads the three peer validation suites under `../shared/peers` (by path; never
//! copied) and checks their record counts. Skips cleanly when `../shared` is absent.

use std::path::{Path, PathBuf};

use dyad_eval::{read_suite, score, Check, Prediction, SuiteKind};

fn peers() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/peers");
    p.is_dir().then_some(p)
}

/// Predictions equal to the expected events: every checked record must pass, which
/// exercises the scorer on real data (a reader that lost events would still pass, so
/// the counts below are checked separately).
fn perfect(s: &dyad_eval::Suite) -> Vec<Prediction> {
    s.records
        .iter()
        .map(|r| Prediction {
            record_id: r.id.clone(),
            events: r.expected.clone(),
            diagnostics: vec![],
        })
        .collect()
}

#[test]
fn tabari_suite_counts() {
    let Some(p) = peers() else { return };
    let s = read_suite(
        SuiteKind::Tabari,
        &p.join("tabari/validation/Validate.project"),
    )
    .expect("TABARI suite reads");
    // 481 records; the validator checks 471 (not the start record, nor FINAL-01 and
    // the 8 records after it) — the same 471 IDs as baseline/tabari_validation_results.txt.
    assert_eq!(s.records.len(), 481);
    assert_eq!(s.evaluated().count(), 471);
    let first = s.evaluated().next().expect("records");
    assert_eq!(first.id, "TIME-Modify");
    assert_eq!(
        s.evaluated().last().map(|r| r.id.as_str()),
        Some("MINWRD-05")
    );
    assert_eq!(
        s.evaluated()
            .filter(|r| r.check == Check::Unchecked)
            .count(),
        28
    );
    assert_eq!(s.dictionaries.len(), 4);
    assert!(s.dictionaries.iter().all(|d| d.path.exists()));
    let demo6 = s
        .records
        .iter()
        .find(|r| r.id == "DEMO-06")
        .expect("DEMO-06");
    assert_eq!(demo6.expected.len(), 2);
    assert_eq!(demo6.expected[1].to_string(), "CALGOV / ITH / 050");
    let report = score(&s, &perfect(&s));
    assert_eq!(report.exact, 471);
    assert!(report.render(false).ends_with("exact: 471/471 records"));
}

#[test]
fn petrarch_suite_counts() {
    let Some(p) = peers() else { return };
    let s = read_suite(
        SuiteKind::Petrarch,
        &p.join("petrarch2/validation/PETR.UnitTest.records.xml"),
    )
    .expect("PETRARCH suite reads");
    assert_eq!(s.records.len(), 284);
    assert_eq!(s.evaluated().count(), 284);
    // 20 noevents records and 7 error= records expect nothing; one record has no
    // <EventCoding> at all (PATTERN-06), as in the PETRARCH-2 baseline.
    assert_eq!(s.records.iter().filter(|r| r.marker.is_some()).count(), 26);
    assert_eq!(
        s.records.iter().map(|r| r.expected.len()).sum::<usize>(),
        359
    );
    let kinds: Vec<&str> = s.dictionaries.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["verbs", "actors", "agents", "discards"]);
    assert!(s.dictionaries.iter().all(|d| d.path.exists()));
    let report = score(&s, &perfect(&s));
    assert!(report.render(false).ends_with("exact: 284/284 records"));
}

#[test]
fn universalpetrarch_suite_counts() {
    let Some(p) = peers() else { return };
    let s = read_suite(
        SuiteKind::Up,
        &p.join("UniversalPetrarch/validate_en/PETR_Validate_records_2_02.xml"),
    )
    .expect("UniversalPetrarch suite reads despite its malformed header");
    assert!(s.warnings.iter().any(|w| w.contains("nested comment")));
    assert_eq!(s.records.len(), 274);
    assert_eq!(s.records.iter().filter(|r| r.parse.is_some()).count(), 274);
    // 10 evaluate="false", 19 in categories outside <Include> (PARSING, ERROR): 245.
    // UniversalPetrarch's own line-based reader evaluates 244: it merges PATTERN-21
    // into PATTERN-20 because `</Parse></Sentence>` shares a line there.
    assert_eq!(s.evaluated().count(), 245);
    let p21 = s
        .records
        .iter()
        .find(|r| r.id == "PATTERN-21")
        .expect("PATTERN-21");
    assert!(
        p21.evaluate
            && p21
                .text
                .starts_with("Arnor has celebrated Iftar at Osgiliath")
    );
    let kinds: Vec<&str> = s.dictionaries.iter().map(|d| d.kind).collect();
    assert_eq!(kinds, ["verbs", "actors", "agents", "discards", "ontology"]);
    assert!(s.dictionaries.iter().all(|d| d.path.exists()));
    let report = score(&s, &perfect(&s));
    assert!(report.render(false).ends_with("exact: 245/245 records"));
}
