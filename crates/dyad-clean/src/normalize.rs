//! Unicode and whitespace normalisation: line endings, odd spaces, zero-width and control
//! characters, NFC (character pass); then the paragraph layout (whitespace pass).

use dyad_types::CleanKind;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::Edit;

/// Spaces other than U+0020 that become one.
fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{85}'
    )
}

/// Invisible characters that are dropped: zero-width spaces and joiners, word joiner,
/// byte-order mark, soft hyphen, bidi marks, and other control characters.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{AD}' | '\u{202A}'..='\u{202E}'
    ) || (c.is_control() && c != '\n' && c != '\r' && !is_odd_space(c))
}

fn describe(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Character-level edits: CRLF/CR → LF, U+2028/U+2029 → line/paragraph break, odd spaces
/// → space, invisible characters removed.
pub(crate) fn char_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        match c {
            '\r' => {
                if iter.peek().is_some_and(|&(_, n)| n == '\n') {
                    edits.push(Edit::silent(i..end, ""));
                } else {
                    edits.push(Edit::silent(i..end, "\n"));
                }
            }
            '\u{2028}' => edits.push(Edit::silent(i..end, "\n")),
            '\u{2029}' => edits.push(Edit::silent(i..end, "\n\n")),
            c if is_odd_space(c) => edits.push(Edit {
                range: i..end,
                replacement: " ".into(),
                action: (c != '\t')
                    .then(|| (CleanKind::Normalize, format!("{} → space", describe(c)))),
                action_range: None,
            }),
            c if is_invisible(c) => edits.push(Edit::remove(
                i..end,
                CleanKind::Normalize,
                format!("removed {}", describe(c)),
            )),
            _ => {}
        }
    }
    edits
}

/// Each stretch of text not in NFC replaced by its NFC form. Runs after
/// [`char_edits`], so that a combining mark separated from its base by a removed
/// zero-width character still composes.
pub(crate) fn nfc_edits(text: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return edits;
    }
    // Segments start before every ASCII character: no ASCII character is ever the second
    // element of a canonical composition or a mark to reorder, so segments normalise
    // independently, and a replacement never swallows a neighbouring plain word (which
    // would blur the offset map for the glued-word splitter after this pass).
    // Only letters and `<`, `=`, `>` (≮, ≠, ≯) start a composition, so any other ASCII
    // character is a segment of its own.
    let composes = |c: char| c.is_ascii_alphabetic() || matches!(c, '<' | '=' | '>');
    let mut start = 0;
    let mut prev_alone = false;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let boundary = c.is_ascii() || prev_alone;
        prev_alone = c.is_ascii() && !composes(c);
        if !boundary || i == start {
            continue;
        }
        let seg = &text[start..i];
        if !seg.is_ascii() && is_nfc_quick(seg.chars()) != IsNormalized::Yes {
            let nfc: String = seg.nfc().collect();
            if nfc != seg {
                edits.push(Edit {
                    range: start..i,
                    replacement: nfc,
                    action: Some((CleanKind::Normalize, "NFC".into())),
                    action_range: None,
                });
            }
        }
        start = i;
    }
    edits
}

/// Whitespace layout: text trimmed, spaces collapsed, paragraphs separated by exactly
/// "\n\n". A blank line separates paragraphs; when the text has no blank line at all,
/// every line is a paragraph (scrapes often put one paragraph per line); otherwise a
/// single line break inside a paragraph is a wrapped line and becomes a space.
pub(crate) fn layout_edits(text: &str) -> Vec<Edit> {
    let bytes = text.as_bytes();
    let has_blank_line = {
        let mut found = false;
        let mut last_nl: Option<usize> = None;
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => {
                    if last_nl.is_some() {
                        found = true;
                        break;
                    }
                    last_nl = Some(i);
                }
                b' ' => {}
                _ => last_nl = None,
            }
        }
        found
    };
    let mut edits = Vec::new();
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        if bytes[i] != b' ' && bytes[i] != b'\n' {
            i += 1;
            continue;
        }
        let start = i;
        let mut newlines = 0;
        while i < n && (bytes[i] == b' ' || bytes[i] == b'\n') {
            if bytes[i] == b'\n' {
                newlines += 1;
            }
            i += 1;
        }
        let run = &text[start..i];
        let want = if start == 0 || i == n {
            ""
        } else if newlines >= 2 || (newlines == 1 && !has_blank_line) {
            "\n\n"
        } else {
            " "
        };
        if run != want {
            edits.push(Edit::silent(start..i, want));
        }
    }
    edits
}
