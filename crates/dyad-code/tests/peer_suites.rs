//! Floors under the peer suites' exact-match counts, so a coder or parser regression fails
//! the build: the three suites from raw text with our own parse, and UniversalPetrarch with
//! its own parses (which isolates the coder from our parser). Skips when `../shared` (the
//! peer suites, never copied into the repo) is absent.

use std::path::PathBuf;

use dyad_code::suite::{run_suite, suite_dictionary_paths};
use dyad_dict::{load_paths, LoadOptions};
use dyad_eval::{read_suite, SuiteKind};

/// The suite at `rel` (under `../shared/peers`) scored with its own dictionaries; `None`
/// when the shared folder is absent.
fn exact(kind: SuiteKind, rel: &str, given_parse: bool) -> Option<(usize, usize)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/peers")
        .join(rel);
    if !path.exists() {
        return None;
    }
    let suite = read_suite(kind, &path).expect("suite reads");
    let files = suite_dictionary_paths(&suite);
    let opts = LoadOptions {
        kinds: files
            .iter()
            .filter_map(|(p, k)| k.map(|k| (p.clone(), k)))
            .collect(),
        ..LoadOptions::default()
    };
    let paths: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    let (dicts, _) = load_paths(&paths, &opts).expect("dictionaries load");
    let analyzer = (!given_parse).then(|| dyad_nlp::Analyzer::embedded().expect("models load"));
    let report = run_suite(&suite, &dicts, analyzer.as_ref(), given_parse);
    Some((report.exact, report.evaluated))
}

const UP: &str = "UniversalPetrarch/validate_en/PETR_Validate_records_2_02.xml";

#[test]
fn universal_petrarch_given_parse_floor() {
    // Measured 214/245 when this floor was last raised (212 before purpose infinitives,
    // 206 before PETRARCH-2 complete-word matching and adverb-free pre-verb patterns);
    // UniversalPetrarch itself gets 194.
    if let Some((n, of)) = exact(SuiteKind::Up, UP, true) {
        assert!(n >= 212, "exact {n}/{of}");
    }
}

/// (suite, file, floor): each floor a little under what was measured when it was set
/// (2026-11-25: TABARI 426/471, PETRARCH 255/284, UniversalPetrarch 208/245), so that
/// retraining the models, whose runs move a few records either way, does not trip it.
const RAW_TEXT_FLOORS: [(SuiteKind, &str, usize); 3] = [
    (SuiteKind::Tabari, "tabari/validation/Validate.project", 420),
    (
        SuiteKind::Petrarch,
        "petrarch2/validation/PETR.UnitTest.records.xml",
        251,
    ),
    (SuiteKind::Up, UP, 203),
];

#[test]
fn peer_suites_from_raw_text_floors() {
    let mut failed = Vec::new();
    for (kind, rel, floor) in RAW_TEXT_FLOORS {
        if let Some((n, of)) = exact(kind, rel, false) {
            if n < floor {
                failed.push(format!("{rel}: exact {n}/{of}, floor {floor}"));
            }
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}
