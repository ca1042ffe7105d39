//! End to end on the project's seed article (read by path from `../shared`, never
//! committed): input expansion, plain-text ingestion with its `date` marker, cleaning.
//! Skips with a note when the shared folder is absent.

use std::path::PathBuf;

use dyad_clean::{clean, CleanOptions};
use dyad_ingest::{expand_inputs, read_source, IngestOptions, Record};
use dyad_types::CleanKind;

#[test]
#[allow(clippy::print_stderr, reason = "a skipped test says why")]
fn seed_article_end_to_end() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/seed-article.txt");
    if !path.exists() {
        eprintln!("note: ../shared/examples/seed-article.txt absent; seed test skipped");
        return;
    }
    let sources = expand_inputs(&[path.display().to_string()]);
    let [Ok(src)] = &sources[..] else {
        panic!("{sources:?}")
    };
    let records = read_source(src, &IngestOptions::default());
    let [Record::Article(a)] = &records[..] else {
        panic!("{records:?}")
    };
    let mut a = (**a).clone();
    assert_eq!(a.published.unwrap().to_string(), "2020-01-11");
    assert!(a
        .raw_text
        .starts_with(" date 2020-01-11 Laszlo Balogh/Getty"));
    clean(&mut a, &CleanOptions::default());
    assert!(a
        .text
        .starts_with("Iraq‘s caretaker prime minister Adel Abdul-Mahdi"));
    assert!(!a.text.contains("Getty") && !a.text.contains("Budapest"));
    assert_eq!(
        a.text
            .matches("told Secretary of State Mike Pompeo")
            .count(),
        1
    );
    assert_eq!(a.text.matches("send delegates to Iraq").count(), 1);
    assert!(a.text.contains("Morgan Ortagus, said Friday."));
    let kinds: Vec<CleanKind> = a.actions.iter().map(|x| x.kind).collect();
    assert_eq!(
        kinds,
        [
            CleanKind::Marker,
            CleanKind::Caption,
            CleanKind::GluedWords,
            CleanKind::DuplicateParagraph,
            CleanKind::DuplicateParagraph
        ]
    );
}
