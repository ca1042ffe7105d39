//! Scoring tests with hand-made predictions: known exact counts and per-root
//! precision / recall.

use std::path::Path;

use dyad_eval::{
    attribute_errors, read_suite, score, Check, GoldEvent, GoldRecord, Prediction, Suite, SuiteKind,
};

fn ev(s: &str, t: &str, c: &str) -> GoldEvent {
    GoldEvent::new(s, t, c)
}

fn pred(id: &str, events: &[GoldEvent]) -> Prediction {
    Prediction {
        record_id: id.to_string(),
        events: events.to_vec(),
        diagnostics: vec![],
    }
}

fn suite() -> Suite {
    let mut none = GoldRecord::new("none", "20240101", "Nothing happened.", vec![]);
    none.marker = Some("noevents".into());
    let mut atleast = GoldRecord::new("atleast", "20240101", "x", vec![ev("A", "B", "051")]);
    atleast.check = Check::AtLeast;
    let mut unchecked = GoldRecord::new("unchecked", "20240101", "x", vec![ev("A", "B", "190")]);
    unchecked.check = Check::Unchecked;
    let mut skipped = GoldRecord::new("skipped", "20240101", "x", vec![ev("A", "B", "190")]);
    skipped.evaluate = false;
    Suite::from_records(
        SuiteKind::Gold,
        vec![
            GoldRecord::new("one", "20240101", "x", vec![ev("RUR", "FRE", "190")]),
            GoldRecord::new(
                "two",
                "20240101",
                "x",
                vec![ev("RUR", "FRE", "057"), ev("FRE", "RUR", "057")],
            ),
            none,
            atleast,
            unchecked,
            skipped,
            GoldRecord::new("dup", "20240101", "x", vec![ev("A", "B", "042")]),
        ],
    )
}

/// (case, predictions, passing record IDs)
#[test]
fn exact_match_cases() {
    let cases: Vec<(&str, Vec<Prediction>, Vec<&str>)> = vec![
        (
            "nothing predicted: every record fails, unchecked too",
            vec![],
            vec![],
        ),
        (
            "all right",
            vec![
                pred("one", &[ev("RUR", "FRE", "190")]),
                // Order does not matter.
                pred("two", &[ev("FRE", "RUR", "057"), ev("RUR", "FRE", "057")]),
                pred("none", &[]),
                pred("atleast", &[ev("A", "B", "051"), ev("A", "C", "051")]),
                pred("unchecked", &[ev("X", "Y", "010")]),
                pred("skipped", &[ev("A", "B", "190")]),
                pred("dup", &[ev("A", "B", "042")]),
            ],
            vec![
                "one",
                "two",
                "none",
                "atleast",
                "unchecked",
                "skipped",
                "dup",
            ],
        ),
        (
            "wrong code, half a pair, an event where none is expected, a duplicate",
            vec![
                pred("one", &[ev("RUR", "FRE", "191")]),
                pred("two", &[ev("RUR", "FRE", "057")]),
                pred("none", &[ev("RUR", "FRE", "010")]),
                pred("atleast", &[ev("A", "C", "051")]),
                pred("unchecked", &[]),
                pred("dup", &[ev("A", "B", "042"), ev("A", "B", "042")]),
            ],
            vec!["unchecked"],
        ),
        (
            "whitespace in codes is normalised",
            vec![pred("one", &[ev(" RUR ", "FRE", "190 ")])],
            vec!["one"],
        ),
    ];
    let s = suite();
    for (case, preds, passing) in cases {
        let report = score(&s, &preds);
        let got: Vec<&str> = report
            .records
            .iter()
            .filter(|r| r.passed)
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(got, passing, "{case}");
        let evaluated_passing = passing.iter().filter(|id| **id != "skipped").count();
        assert_eq!(report.exact, evaluated_passing, "{case}");
        assert_eq!(report.evaluated, 6, "{case}");
        let last = report.render(true).lines().last().map(str::to_string);
        assert_eq!(
            last,
            Some(format!("exact: {evaluated_passing}/6 records")),
            "{case}"
        );
    }
}

#[test]
fn per_root_precision_and_recall() {
    let s = suite();
    let preds = vec![
        pred("one", &[ev("RUR", "FRE", "190"), ev("RUR", "FRE", "111")]), // 19 tp, 11 fp
        pred("two", &[ev("RUR", "FRE", "057")]),                          // 05: 1 tp, 1 fn
        pred("none", &[ev("RUR", "FRE", "010")]),                         // 01 fp
        pred("atleast", &[ev("A", "B", "051"), ev("Q", "R", "120")]), // 05 tp; extra not counted
        pred("unchecked", &[ev("X", "Y", "010")]),                    // not counted
        pred("skipped", &[ev("X", "Y", "010")]),                      // not evaluated
                                                                      // "dup" gets no prediction: 04 fn.
    ];
    let report = score(&s, &preds);
    let row = |root: &str| {
        report
            .roots
            .iter()
            .find(|r| r.root == root)
            .map(|r| (r.tp, r.fp, r.fn_))
    };
    assert_eq!(row("19"), Some((1, 0, 0)));
    assert_eq!(row("11"), Some((0, 1, 0)));
    assert_eq!(row("05"), Some((2, 0, 1)));
    assert_eq!(row("01"), Some((0, 1, 0)));
    assert_eq!(row("04"), Some((0, 0, 1)));
    assert_eq!(row("12"), None);
    assert_eq!(
        (report.total.tp, report.total.fp, report.total.fn_),
        (3, 2, 2)
    );
    assert!((report.total.precision() - 0.6).abs() < 1e-9);
    assert!((report.total.recall() - 0.6).abs() < 1e-9);
    assert_eq!(report.exact, 2); // atleast, unchecked
    assert_eq!(report.missing_predictions, 1);
    let text = report.render(true);
    assert!(text.contains("FAIL  dup  no prediction"), "{text}");
    assert!(text.contains("PASS* unchecked"), "{text}");
    assert!(text.contains("SKIP  skipped"), "{text}");
    assert!(
        text.contains("05         2      0      1     1.000   0.667   0.800"),
        "{text}"
    );
}

#[test]
fn unknown_prediction_ids_are_reported() {
    let s = suite();
    let report = score(&s, &[pred("nope", &[])]);
    assert_eq!(report.unknown_predictions, ["nope"]);
    assert!(report.render(false).contains("unknown record IDs: 1"));
}

#[test]
fn parser_and_coder_errors_are_told_apart() {
    let s = suite();
    let own = score(&s, &[pred("one", &[]), pred("two", &[]), pred("none", &[])]);
    let given = score(
        &s,
        &[
            pred("one", &[ev("RUR", "FRE", "190")]),
            pred("two", &[]),
            pred("none", &[]),
        ],
    );
    let a = attribute_errors(&own, &given);
    assert_eq!(a.parser_errors, ["one"]);
    assert!(a.coder_errors.contains(&"two".to_string()));
    assert_eq!(a.both_pass, ["none"]);
    assert!(a
        .render()
        .contains("parser errors (pass on the given parse only): 1 (one)"));
}

#[test]
fn mini_tabari_suite_scores_as_tabari_would() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/eval/mini.project");
    let s = read_suite(SuiteKind::Tabari, &path).expect("reads");
    let preds = vec![
        pred("OPT-01", &[]),
        pred("ONE-01", &[ev("RUR", "FRE", "190")]),
        pred("TWO-01", &[ev("RUR", "FRE", "057")]),
        pred("NONE-01", &[]),
        pred(
            "DASH-01",
            &[ev("RUR", "FRE", "051"), ev("RUR", "GRF", "051")],
        ),
        pred("DASH-02", &[]),
        pred("ONE-01#2", &[ev("FRE", "RUR", "042")]),
    ];
    let report = score(&s, &preds);
    assert_eq!(report.exact, 6);
    assert_eq!(report.evaluated, 7);
    assert_eq!(report.unchecked, 2);
}

#[test]
fn report_as_json() {
    let s = suite();
    let report = score(&s, &[pred("one", &[ev("RUR", "FRE", "190")])]);
    let v: serde_json::Value = serde_json::from_str(&report.to_json()).expect("valid JSON");
    assert_eq!(v["exact"], 1);
    assert_eq!(v["evaluated"], 6);
    assert_eq!(v["kind"], "gold");
    assert_eq!(v["records"][0]["id"], "one");
    assert_eq!(v["records"][0]["passed"], true);
    assert_eq!(v["records"][0]["got"][0]["code"], "190");
    assert_eq!(v["total"]["fn"], 4); // two (2), atleast, dup
}
