//! Segmentation accuracy on the UD English dev files, when `../shared/ud` is present
//! (skipped otherwise). Floors sit a little under the measured figures so a regression
//! fails the test; tuning happens on dev only, test files are for reporting.

#![allow(clippy::print_stderr)] // the skip notice

use std::path::PathBuf;

fn dev_file(name: &str) -> Option<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/ud")
        .join(name);
    std::fs::read_to_string(p).ok()
}

#[test]
fn segmentation_scores_on_ud_dev() {
    for (name, min_tokens, min_sentences) in [
        ("en_ewt-ud-dev.conllu", 0.99, 0.83),
        ("en_gum-cc-by-dev.conllu", 0.995, 0.94),
    ] {
        let Some(text) = dev_file(name) else {
            eprintln!("skipping {name}: ../shared/ud not present");
            continue;
        };
        let r = dyad_text::eval_segmentation(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (t, s) = (r.scores.tokens.f1(), r.scores.sentences.f1());
        assert!(t >= min_tokens, "{name}: tokens F1 {t:.4} < {min_tokens}");
        assert!(
            s >= min_sentences,
            "{name}: sentences F1 {s:.4} < {min_sentences}"
        );
    }
}
