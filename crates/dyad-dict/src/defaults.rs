//! dyad's own default dictionaries, embedded at build time from the repository's
//! `dictionaries/` folder (see its README): used when a command is given no `--dict`.
//! Also their test sentences (`dictionaries/tests/*.jsonl`, for `dyad dict test`).

use crate::{Diagnostic, Dictionaries};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/defaults.rs"));
}

/// The defaults' release, from `dictionaries/VERSION` (e.g. `2026.11.0`).
pub const RELEASE: &str = embedded::RELEASE;

/// The embedded dictionary files as (path under `dictionaries/`, text), sorted by path.
pub fn files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

/// The embedded test files (`tests/*.jsonl`, dyad's gold JSON lines) as (path, text).
pub fn tests() -> &'static [(&'static str, &'static str)] {
    embedded::TESTS
}

/// Parses and compiles the default dictionaries. Entries are located as
/// `dictionaries/PATH:LINE`; [`Dictionaries::version`] reads `RELEASE+HASH`.
pub fn load() -> (Dictionaries, Vec<Diagnostic>) {
    let names: Vec<String> = files()
        .iter()
        .map(|(p, _)| format!("dictionaries/{p}"))
        .collect();
    let texts: Vec<(&str, &str, Option<crate::DictKind>)> = names
        .iter()
        .zip(files())
        .map(|(n, (_, t))| (n.as_str(), *t, None))
        .collect();
    let (mut d, diags) = Dictionaries::from_texts(&texts);
    d.release = Some(RELEASE.to_string());
    (d, diags)
}
