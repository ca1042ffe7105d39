//! The committed CAMEO table (`data/cameo_codes.tsv`) must be what `generate_table` makes
//! from `../shared/ontology` (codegen --check). Skips when `../shared` is absent; with
//! `DYAD_REGENERATE=1` it rewrites the table instead.

use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ontology");
    p.join("cameo_event_codes.tsv").exists().then_some(p)
}

#[test]
fn committed_table_is_up_to_date() {
    let Some(dir) = shared() else {
        return; // ../shared is absent (a user's checkout): nothing to compare against
    };
    let ev = std::fs::read_to_string(dir.join("cameo_event_codes.tsv")).unwrap();
    let pl = std::fs::read_to_string(dir.join("cameo_to_plover.tsv")).unwrap();
    let fresh = dyad_dict::cameo::generate_table(&ev, &pl).unwrap();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/cameo_codes.tsv");
    if std::env::var_os("DYAD_REGENERATE").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    assert!(
        fresh == dyad_dict::cameo::TABLE,
        "data/cameo_codes.tsv is stale: run DYAD_REGENERATE=1 cargo test -p dyad-dict --test cameo_table"
    );
}

#[test]
fn embedded_table_has_the_facts_the_coder_needs() {
    let all = dyad_dict::cameo::all();
    assert!(all.len() >= 300, "only {} codes", all.len());
    for c in all {
        assert!(
            (1..=4).contains(&c.quad_class),
            "{} quad class {}",
            c.code,
            c.quad_class
        );
        assert!(
            (-10.0..=10.0).contains(&c.goldstein),
            "{} goldstein {}",
            c.code,
            c.goldstein
        );
        assert!(c.code.starts_with(c.root), "{} root {}", c.code, c.root);
    }
    let c = dyad_dict::cameo::lookup("010").unwrap();
    assert_eq!((c.quad_class, c.root), (1, "01"));
    let c = dyad_dict::cameo::lookup("0231").unwrap();
    assert_eq!(c.quad_class, 1);
    assert!(c.goldstein > 0.0);
    assert_eq!(
        dyad_dict::cameo::lookup("183").map(|c| c.quad_class),
        Some(4)
    );
    assert!(dyad_dict::cameo::lookup("10").is_some());
    assert!(dyad_dict::cameo::lookup("1").is_none());
}
