//! Floors under the peer suites' exact-match counts, so a coder or parser regression fails
//! the build: the three suites from raw text with our own parse, and UniversalPetrarch with
//! its own parses (which isolates the coder from our parser); and the prefilter, which
//! leaves sentences unanalysed, checked on the suites' sentences, which were written to
//! reach the coders' corners. Skips when `../shared` (the peer suites, never copied into
//! the repo) is absent.

use std::path::PathBuf;

use dyad_code::suite::{
    forwarding, run_suite, suite_dictionary_paths, suite_options, suite_record_options, suite_stems,
};
use dyad_code::{Coder, ParsedSentence};
use dyad_dict::{load_paths, CompileOptions, DictDate, Dictionaries, LoadOptions};
use dyad_eval::{read_suite, Suite, SuiteKind};

/// The suite at `rel` (under `../shared/peers`) and its own dictionaries, compiled as the
/// suite's coder reads them; `None` when the shared folder is absent.
fn load(kind: SuiteKind, rel: &str) -> Option<(Suite, Dictionaries)> {
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
    Some((suite, dicts))
}

/// The suite at `rel` scored with its own dictionaries; `None` when the shared folder is
/// absent.
fn exact(kind: SuiteKind, rel: &str, given_parse: bool) -> Option<(usize, usize)> {
    let (suite, dicts) = load(kind, rel)?;
    let analyzer = (!given_parse).then(|| dyad_nlp::Analyzer::embedded().expect("models load"));
    let report = run_suite(&suite, &dicts, analyzer.as_ref(), given_parse);
    Some((report.exact, report.evaluated))
}

const UP: &str = "UniversalPetrarch/validate_en/PETR_Validate_records_2_02.xml";

#[test]
fn universal_petrarch_given_parse_floor() {
    // Measured 220/245 with the mixed tagger and parser (218 when this floor was last
    // raised; 217, 214, 212 and 206 at earlier stops); UniversalPetrarch itself gets 194.
    if let Some((n, of)) = exact(SuiteKind::Up, UP, true) {
        assert!(n >= 217, "exact {n}/{of}");
    }
}

/// (suite, file, floor): each floor a little under what was measured (TABARI 427/471,
/// PETRARCH 256/284, UniversalPetrarch 215/245 with the parser shipped on 2026-11-27,
/// which reads supertags; 432, 262 and 220 with the plain parser before it, 434, 260 and
/// 223 with the models before that), so that retraining the models, whose runs move a
/// few records either way, does not trip it. The suites' sentences are odd on purpose,
/// and each new parser misparses some of them where the old one was right and the other
/// way round (models/README.md, "The parser shipped on 2026-11-27").
const RAW_TEXT_FLOORS: [(SuiteKind, &str, usize); 3] = [
    (SuiteKind::Tabari, "tabari/validation/Validate.project", 424),
    (
        SuiteKind::Petrarch,
        "petrarch2/validation/PETR.UnitTest.records.xml",
        253,
    ),
    (SuiteKind::Up, UP, 212),
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

/// Every suite sentence the prefilter would leave unanalysed ([`Coder::may_code`], with
/// the options in force for its record) gives no event when it is analysed and coded.
#[test]
fn the_prefilter_skips_no_sentence_of_the_suites_that_gives_an_event() {
    let Ok(analyzer) = dyad_nlp::Analyzer::embedded() else {
        return;
    };
    let suites = [
        (SuiteKind::Tabari, "tabari/validation/Validate.project"),
        (
            SuiteKind::Petrarch,
            "petrarch2/validation/PETR.UnitTest.records.xml",
        ),
        (SuiteKind::Up, UP),
    ];
    let mut failed = Vec::new();
    for (kind, rel) in suites {
        let Some((suite, mut dicts)) = load(kind, rel) else {
            continue;
        };
        if !suite_stems(&suite) {
            dicts.compile_with(CompileOptions { stems: false });
        }
        let base = suite_options(&suite);
        let (mut skipped, mut analysed) = (0, 0);
        for r in &suite.records {
            let mut opts = suite_record_options(&suite, &base, r);
            if forwarding(&r.options) {
                // Any actor carried over from the record before.
                opts.forward_actor = Some("FWD".into());
            }
            let coder = Coder::new(&dicts, opts);
            for s in dyad_text::segment(&r.text) {
                if coder.may_code(&s) {
                    analysed += 1;
                    continue;
                }
                skipped += 1;
                let words: Vec<&str> = s.tokens.iter().map(|t| t.text.as_str()).collect();
                let ps = ParsedSentence::from_analysis_owned(&s, analyzer.analyze(&words), &r.text);
                let events = coder.code(&ps, DictDate::parse(&r.date)).events;
                if !events.is_empty() {
                    failed.push(format!("{} {}: {events:?}", r.id, s.raw.slice(&r.text)));
                }
            }
        }
        // The suites hold sentences on both sides: the check compares something.
        assert!(
            skipped > 0 && analysed > 0,
            "{rel}: {skipped} skipped, {analysed} analysed"
        );
    }
    assert!(failed.is_empty(), "{failed:#?}");
}
