//! Near-duplicate paragraphs: a paragraph that repeats an earlier one, even reworded, is
//! dropped and the first kept. Scrapes often carry a story's lead twice (a teaser and the
//! body, or two wire versions), and coding both would double-count its events.
//!
//! Similarity is the Jaccard index of the two paragraphs' *content words*: lowercased,
//! stop words and one-letter tokens removed, possessive `'s` and plural `s` stripped. A
//! reworded lead keeps most of its names, verbs and nouns (≈0.6 on the seed article's
//! repeated lead), while distinct paragraphs of one story share few (< 0.35 there).
//! Containment (shared / smaller set) would mistake a short follow-up that restates a
//! detail for a duplicate, so it is not used.
//!
//! The dropped paragraph is recorded with a note naming the kept paragraph, so a later
//! stage can count the repeat as a second mention: see [`parse_duplicate_note`].

use dyad_types::{CleanKind, OffsetMap, Span};

use crate::{short, Edit};

/// Default similarity threshold.
pub(crate) const DEFAULT_THRESHOLD: f64 = 0.5;

/// A paragraph is compared with at most this many kept paragraphs before it, so that a
/// huge input stays linear; news articles are far shorter.
const WINDOW: usize = 400;

/// Fewer content words than this and only an exact repeat counts as a duplicate.
const MIN_WORDS: usize = 6;

/// Sorted, for binary search.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "for",
    "from", "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "just", "may", "me", "might", "more", "most", "my", "no",
    "not", "now", "of", "on", "one", "only", "or", "other", "our", "out", "over", "she", "should",
    "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "to", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
];

/// The content-word set of a paragraph, as sorted 64-bit hashes (FNV-1a) of the words:
/// comparing integers keeps the pairwise comparisons cheap.
fn content_words(p: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut w = String::new();
    for token in p.split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c)) {
        w.clear();
        for c in token.trim_matches(is_apostrophe).chars() {
            if c.is_ascii() {
                w.push(c.to_ascii_lowercase());
            } else {
                w.extend(c.to_lowercase());
            }
        }
        // Possessive `'s` goes; the token's other apostrophes stay.
        let base = ["'s", "’s", "‘s"]
            .iter()
            .find_map(|s| w.strip_suffix(s))
            .unwrap_or(&w);
        if base.chars().nth(1).is_none() || STOP_WORDS.binary_search(&base).is_ok() {
            continue;
        }
        // Plural `s` (troops/troop), not `ss`, `us`, `is` (press, bonus, crisis).
        let stem = if base.len() > 3
            && base.ends_with('s')
            && !base.ends_with("ss")
            && !base.ends_with("us")
            && !base.ends_with("is")
        {
            &base[..base.len() - 1]
        } else {
            base
        };
        out.push(fnv(stem));
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

fn fnv(w: &str) -> u64 {
    w.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    // Both sorted and deduplicated: count the intersection by merging.
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Similarity of two paragraphs as the cleaner measures it (0–1).
pub fn paragraph_similarity(a: &str, b: &str) -> f64 {
    jaccard(&content_words(a), &content_words(b))
}

/// Reads a duplicate-paragraph action's note: the 1-based index of the kept paragraph in
/// the cleaned text, and its raw span. Notes look like
/// `duplicates paragraph 1 at raw 84..290 (similarity 0.63): Iraqi Prime Minister…`.
pub fn parse_duplicate_note(note: &str) -> Option<(usize, Span)> {
    let rest = note.strip_prefix("duplicates paragraph ")?;
    let (index, rest) = rest.split_once(" at raw ")?;
    let (range, _) = rest.split_once(' ').unwrap_or((rest, ""));
    let (a, b) = range.split_once("..")?;
    Some((
        index.parse().ok()?,
        Span::new(a.parse().ok()?, b.parse().ok()?),
    ))
}

/// Removal edits for paragraphs (separated by "\n\n") that nearly repeat an earlier kept
/// one. `map` maps `text` to the raw text, for the note.
pub(crate) fn duplicate_edits(text: &str, map: &OffsetMap, threshold: f64) -> Vec<Edit> {
    struct Kept<'t> {
        index: usize,
        span: Span,
        words: Vec<u64>,
        exact: &'t str,
    }
    let mut kept: Vec<Kept> = Vec::new();
    let mut edits = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
        let para = &text[start..end];
        let words = content_words(para);
        let exact = para;
        let dup = kept[kept.len().saturating_sub(WINDOW)..]
            .iter()
            .find_map(|k| {
                if k.exact == exact && words.len() >= 2 {
                    return Some((k, 1.0));
                }
                if words.len() < MIN_WORDS || k.words.len() < MIN_WORDS {
                    return None;
                }
                let s = jaccard(&k.words, &words);
                (s >= threshold).then_some((k, s))
            });
        match dup {
            Some((k, s)) => {
                let raw = map.span_to_raw(k.span);
                let note = format!(
                    "duplicates paragraph {} at raw {}..{} (similarity {:.2}): {}",
                    k.index,
                    raw.start,
                    raw.end,
                    s,
                    short(para)
                );
                // Remove the paragraph with the separator before it (there is always an
                // earlier, kept paragraph).
                let from = start.saturating_sub(2);
                let mut edit = Edit::remove(from..end, CleanKind::DuplicateParagraph, note);
                edit.action_range = Some(start..end);
                edits.push(edit);
            }
            None => kept.push(Kept {
                index: kept.len() + 1,
                span: Span::new(start, end),
                words,
                exact,
            }),
        }
        start = end + 2;
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn note_round_trip() {
        let n = "duplicates paragraph 3 at raw 10..250 (similarity 0.61): The minister…";
        assert_eq!(parse_duplicate_note(n), Some((3, Span::new(10, 250))));
        assert_eq!(parse_duplicate_note("removed U+00A0"), None);
    }

    #[test]
    fn reworded_lead_is_similar_but_a_restated_detail_is_not() {
        let a = "Ruritania's interim president Anna Varga told the visiting envoy that the government wants foreign advisers to leave the country, state radio reported.";
        let b = "Ruritanian President Anna Varga told the envoy in a meeting Tuesday evening that the government wants foreign advisers to leave, the radio reported.";
        assert!(
            paragraph_similarity(a, b) >= DEFAULT_THRESHOLD,
            "{}",
            paragraph_similarity(a, b)
        );
        let c = "Her demand follows a vote by Ruritania's assembly on a resolution calling for the departure of foreign advisers, a response to a border clash that killed two soldiers.";
        let d = "Ruritania's assembly passed a resolution Monday calling for the departure of foreign advisers.";
        assert!(
            paragraph_similarity(c, d) < DEFAULT_THRESHOLD,
            "{}",
            paragraph_similarity(c, d)
        );
    }
}
