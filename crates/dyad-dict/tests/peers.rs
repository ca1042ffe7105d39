//! Every dictionary file under `../shared/peers` must parse with zero errors (warnings
//! are allowed: the files have real defects, which we report). Skips cleanly when
//! `../shared` is absent.

use std::path::PathBuf;

use dyad_dict::{DictDate, DictKind, LoadOptions, Severity};

fn peers() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/peers");
    p.join("SOURCES.md").exists().then_some(p)
}

#[test]
fn every_peer_dictionary_parses_without_errors() {
    let Some(root) = peers() else {
        return; // ../shared is absent: nothing to read
    };
    let (d, diags) = dyad_dict::load_paths(&[root], &LoadOptions::default()).unwrap();
    let errors: Vec<String> = diags
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| x.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // 29 dictionary-like files: the SOURCES.md table lists them (texts and records aside).
    assert!(d.files.len() >= 29, "only {} files loaded", d.files.len());
    let stats = d.stats(&diags);
    for f in &stats.files {
        assert!(
            f.counts.iter().any(|(_, n)| *n > 0),
            "nothing read from {}",
            f.path
        );
    }
    // The lint pass runs over everything and never reports errors.
    let lint = dyad_dict::check(&d);
    assert!(lint.iter().all(|x| x.severity != Severity::Error));
}

#[test]
fn petrarch2_production_set_codes_what_petrarch2_codes() {
    let Some(root) = peers() else {
        return;
    };
    let dir = root.join("petrarch2/dictionaries");
    let files: Vec<PathBuf> = [
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "Phoenix.discards.txt",
        "Phoenix.IssueCoding.txt",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect();
    let (d, _) = dyad_dict::load_paths(&files, &LoadOptions::default()).unwrap();
    assert_eq!(d.files[0].kind, DictKind::VerbsPetrarch2);
    let code = |toks: &[&str], date: &str| {
        let m = d.match_actors(toks);
        let id = m.first()?.values[0];
        d.actor_code(id, DictDate::parse(date))
            .map(|c| c.code.clone())
    };
    assert_eq!(code(&["Afghanistan"], "20150101").as_deref(), Some("AFG"));
    assert_eq!(
        code(&["Serzh", "Sarkisyan"], "20100101").as_deref(),
        Some("ARMGOV")
    );
    assert_eq!(
        code(&["Serzh", "Sarkisyan"], "19900101").as_deref(),
        Some("ARMELI")
    );
    let m = d.match_agents(&["the", "police"]);
    assert_eq!(d.agents[m[0].values[0] as usize].code, "COP");
    let say = d.verbs_for_lemma("say");
    assert!(!say.is_empty());
    assert!(d.family(say[0]).is_some_and(|f| !f.patterns.is_empty()));
    assert!(!d.verbs_for_form("accused").is_empty());
}
