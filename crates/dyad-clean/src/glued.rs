//! Words glued by lost whitespace (`saidFriday`, `theGovernment`): a space is inserted
//! where a lowercase word runs into a capitalised one inside one whitespace-free run.
//!
//! The left part must be a whole lowercase word from the embedded word list (so
//! `iPhone`, `eBay`, `McDonald`, `YouTube`, `DiCaprio`, `JavaScript` and other camel-case
//! names, whose left part is a letter or capitalised, never split), and the right part a
//! capitalised word (an uppercase letter followed by lowercase letters) that ends the
//! letter run.

use dyad_types::CleanKind;

use crate::words::is_common_word;
use crate::Edit;

/// Where to split a glued letter run: the byte offset of the capital that starts the
/// second word, when `run` (letters only) is `lowercase-word` + `Capitalised`.
pub fn glued_split(run: &str) -> Option<usize> {
    if !run.is_ascii() {
        return None;
    }
    let b = run.as_bytes();
    let split = (1..b.len()).find(|&i| b[i].is_ascii_uppercase())?;
    let (left, right) = run.split_at(split);
    let left_ok =
        left.len() >= 2 && left.bytes().all(|c| c.is_ascii_lowercase()) && is_common_word(left);
    let right_ok = right.len() >= 2
        && right.as_bytes()[0].is_ascii_uppercase()
        && right.bytes().skip(1).all(|c| c.is_ascii_lowercase());
    (left_ok && right_ok).then_some(split)
}

/// Insertion edits (a space) for every glued pair in `text`.
pub(crate) fn glued_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        // A run glued to a following non-ASCII letter or digit is part of a longer token
        // (`fooBar2`, a name with accents): leave it.
        let next = text[i..].chars().next();
        if next.is_some_and(|c| c.is_alphanumeric()) {
            while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            continue;
        }
        let prev = text[..start].chars().next_back();
        if prev.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let run = &text[start..i];
        if let Some(at) = glued_split(run) {
            let (l, r) = run.split_at(at);
            edits.push(Edit {
                range: start + at..start + at,
                replacement: " ".into(),
                action: Some((CleanKind::GluedWords, format!("{run} → {l} {r}"))),
                action_range: None,
            });
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_only_real_glued_words() {
        let yes = [
            ("saidFriday", 4),
            ("theGovernment", 3),
            ("reportedMonday", 8),
            ("inBaghdad", 2),
        ];
        for (w, at) in yes {
            assert_eq!(glued_split(w), Some(at), "{w}");
        }
        let no = [
            "iPhone",
            "YouTube",
            "McDonald",
            "PayPal",
            "JavaScript",
            "eBay",
            "WhatsApp",
            "LinkedIn",
            "McCain",
            "DiCaprio",
            "MacArthur",
            "iOS",
            "saidUS",
            "said",
            "Said",
            "xyzFriday",
            "macOS",
        ];
        for w in no {
            assert_eq!(glued_split(w), None, "{w}");
        }
    }

    #[test]
    fn edits_respect_token_edges() {
        let t = "She saidFriday, and “theGovernment” agreed; fooBar2 saidÉmile.";
        let e = glued_edits(t);
        let at: Vec<usize> = e.iter().map(|e| e.range.start).collect();
        assert_eq!(at.len(), 2, "{e:?}");
        assert_eq!(&t[at[0]..at[0] + 6], "Friday");
        assert_eq!(&t[at[1]..at[1] + 10], "Government");
    }
}
