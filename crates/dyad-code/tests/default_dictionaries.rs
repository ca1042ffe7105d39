//! The default dictionaries' own test sentences (`dictionaries/tests/*.jsonl`, embedded in
//! `dyad-dict`) coded from raw text with dyad's models: the same run as `dyad dict test`.
//! Every root must have its tests, and the pass rate must not fall below the floor that
//! `dictionaries/tests/README.md` records.

use dyad_code::suite::run_suite;
use dyad_dict::defaults;
use dyad_eval::{parse_gold, Suite, SuiteKind};
use dyad_nlp::Analyzer;

/// The lowest share of test records that must pass, in percent (see the tests' README).
const FLOOR_PERCENT: f64 = 90.0;

#[test]
fn default_dictionary_tests_pass() {
    let mut records = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    for (name, text) in defaults::tests() {
        let (recs, warnings) = parse_gold(text);
        assert!(warnings.is_empty(), "{name}: {warnings:?}");
        for r in &recs {
            assert!(
                ids.insert(r.id.clone()),
                "{name}: record ID {} is used twice",
                r.id
            );
        }
        records.extend(recs);
    }
    if records.is_empty() {
        return; // a build without tests
    }
    let suite = Suite::from_records(SuiteKind::Gold, records);
    let (dicts, _) = defaults::load();
    let analyzer = Analyzer::shared().expect("embedded models load");
    let report = run_suite(&suite, &dicts, Some(analyzer), false);
    let failures: Vec<String> = report
        .records
        .iter()
        .filter(|r| r.evaluated && !r.passed)
        .map(|r| format!("{}: {}", r.id, r.text))
        .collect();
    for (root, _, n) in &report.categories {
        assert!(
            *n >= 10 || root == "-",
            "root {root} has only {n} test sentences"
        );
    }
    let rate = 100.0 * report.exact as f64 / report.evaluated.max(1) as f64;
    assert!(
        rate >= FLOOR_PERCENT,
        "{}/{} = {rate:.1}% pass, floor {FLOOR_PERCENT}%; failing:\n{}",
        report.exact,
        report.evaluated,
        failures.join("\n")
    );
}
