//! The cleaner on the project's seed article, read by path from `../shared` (never
//! committed). Skips with a note when the shared folder is absent.

use std::path::PathBuf;

use dyad_clean::{clean, paragraph_similarity, parse_duplicate_note, CleanOptions};
use dyad_types::{Article, CleanKind};

fn seed() -> Option<String> {
    let p =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/examples/seed-article.txt");
    std::fs::read_to_string(p).ok()
}

#[test]
#[allow(clippy::print_stderr, reason = "a skipped test says why")]
fn seed_article_is_cleaned() {
    let Some(raw) = seed() else {
        eprintln!("note: ../shared/examples/seed-article.txt absent; seed test skipped");
        return;
    };
    let mut a = Article::new("seed", raw.clone());
    clean(&mut a, &CleanOptions::default());
    if std::env::var_os("DYAD_SHOW").is_some() {
        eprintln!("{}\n----\n{:#?}", a.text, a.actions);
    }
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2020-01-11")
    );
    // Marker and caption gone: the text opens with the lead.
    assert!(
        a.text.starts_with("Iraq‘s caretaker prime minister"),
        "{}",
        &a.text[..80]
    );
    assert!(!a.text.contains("Getty"));
    // The reworded repeat of the two lead paragraphs is dropped, the rest kept.
    let paras: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(
        paras.len(),
        raw.split("\n\n").filter(|p| !p.trim().is_empty()).count() - 3
    );
    assert!(!a
        .text
        .contains("Iraqi Prime Minister Adel Abdul-Mahdi told Secretary"));
    assert!(!a
        .text
        .contains("The Iraqi prime minister asked that the US"));
    assert!(a
        .text
        .contains("Iraq’s parliament passed a resolution Sunday"));
    let dups: Vec<_> = a
        .actions
        .iter()
        .filter(|x| x.kind == CleanKind::DuplicateParagraph)
        .collect();
    assert_eq!(dups.len(), 2);
    let (kept1, span1) = parse_duplicate_note(&dups[0].note).unwrap();
    let (kept2, _) = parse_duplicate_note(&dups[1].note).unwrap();
    assert_eq!((kept1, kept2), (1, 2));
    assert!(raw[span1.start..span1.end].starts_with("Iraq‘s caretaker"));
    assert!(raw[dups[0].raw.start..dups[0].raw.end].starts_with("Iraqi Prime Minister"));
    assert!(raw[dups[0].raw.start..dups[0].raw.end].ends_with("the AP reported."));
    // Calibration: the kept, distinct paragraphs stay well below the threshold.
    let mut max = 0.0f64;
    for (i, p) in paras.iter().enumerate() {
        for q in &paras[..i] {
            max = max.max(paragraph_similarity(p, q));
        }
    }
    if std::env::var_os("DYAD_SHOW").is_some() {
        eprintln!("max similarity of distinct paragraphs: {max:.3}");
    }
    assert!(max < 0.35, "distinct paragraphs reach similarity {max}");
    // The glued word is split, and its raw span is the insertion point.
    assert!(a.text.contains("Ortagus, said Friday."));
    let glued: Vec<_> = a
        .actions
        .iter()
        .filter(|x| x.kind == CleanKind::GluedWords)
        .collect();
    assert_eq!(glued.len(), 1);
    assert_eq!(&raw[glued[0].raw.start..glued[0].raw.start + 6], "Friday");
    // Every cleaned word maps back to the same raw word.
    for (i, w) in a.text.match_indices(|c: char| !c.is_whitespace()) {
        let r = a.offsets.span_to_raw(dyad_types::Span::new(i, i + w.len()));
        assert_eq!(&raw[r.start..r.end], w);
    }
}
