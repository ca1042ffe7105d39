//! The embedded list of common lowercase English words used by the glued-word splitter.

use std::collections::BTreeSet;
use std::sync::LazyLock;

static WORDS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| {
    include_str!("words.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .collect()
});

/// True when `w` (lowercase) is in the word list.
pub(crate) fn is_common_word(w: &str) -> bool {
    WORDS.contains(w)
}
