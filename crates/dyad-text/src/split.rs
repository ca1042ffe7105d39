//! Sentence boundaries: paragraphs by blank lines, then sentence ends inside a paragraph
//! from terminal punctuation, abbreviations, closing quotes and line breaks.
//!
//! Boundary decisions look at the tokens, not the characters, so that the tokenizer's
//! abbreviation handling (`U.S.`, `Gen.`, `W.`) is reused: a period glued to an
//! abbreviation is not a sentence end unless the next word is a typical sentence opener.

use crate::lexicon;
use crate::tokenize::Tok;

/// Byte ranges of the paragraphs of `text`: maximal runs of non-blank lines.
pub(crate) fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut para: Option<(usize, usize)> = None;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    loop {
        let line_end = memchr_nl(bytes, line_start).unwrap_or(text.len());
        let line = &text[line_start..line_end];
        let blank = line.chars().all(crate::tokenize::is_space);
        if blank {
            if let Some(p) = para.take() {
                out.push(p);
            }
        } else {
            match &mut para {
                Some(p) => p.1 = line_end,
                None => para = Some((line_start, line_end)),
            }
        }
        if line_end >= text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    if let Some(p) = para {
        out.push(p);
    }
    out
}

fn memchr_nl(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|p| p + from)
}

/// What kind of sentence-final mark a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminal {
    /// `.`
    Period,
    /// `!`, `?`, `?!`, `!!`
    Strong,
    /// `...`, `…`
    Ellipsis,
    /// A word with its period attached (`U.S.`, `Inc.`, `W.`).
    Abbrev,
    /// An emoticon (`:)`), which ends a sentence before a capital.
    Emoticon,
}

fn terminal(t: &str) -> Option<Terminal> {
    match t {
        "." => Some(Terminal::Period),
        "…" => Some(Terminal::Ellipsis),
        _ if t.len() > 1 && t.bytes().all(|b| b == b'.') => Some(Terminal::Ellipsis),
        _ if t.bytes().all(|b| matches!(b, b'!' | b'?' | b'.')) && t.bytes().any(|b| b != b'.') => {
            Some(Terminal::Strong)
        }
        _ if t.len() > 1 && t.ends_with('.') => Some(Terminal::Abbrev),
        ":)" | ":-)" | ":(" | ":-(" | ";)" | ";-)" | ":D" | ":-D" | ":P" | ":-P" | "=)" | "^_^" => {
            Some(Terminal::Emoticon)
        }
        _ => None,
    }
}

fn is_closer(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "”" | "’" | "''" | ")" | "]" | "}" | "»" | "›"
    )
}

fn is_opener(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "“" | "‘" | "``" | "`" | "(" | "[" | "{" | "«" | "‹"
    )
}

/// Token indices at which a new sentence starts inside one paragraph (each > 0).
pub(crate) fn boundaries(text: &str, toks: &[Tok]) -> Vec<usize> {
    let n = toks.len();
    let s = |k: usize| &text[toks[k].start..toks[k].end];
    let mut cuts = Vec::new();
    let mut k = 0;
    while k + 1 < n {
        if !toks[k].joins_next {
            if let Some(kind) = terminal(s(k)) {
                // Closing quotes and brackets glued to the mark belong to the sentence.
                let mut e = k + 1;
                while e < n && !toks[e - 1].space_after && is_closer(s(e)) {
                    e += 1;
                }
                // A reference mark (`[17]`) after the period belongs to the sentence.
                if e + 2 < n
                    && s(e) == "["
                    && s(e + 2) == "]"
                    && s(e + 1).len() <= 4
                    && s(e + 1).bytes().all(|b| b.is_ascii_alphanumeric())
                {
                    e += 3;
                }
                // An emoticon after the mark closes the sentence it comments on.
                while e < n && terminal(s(e)) == Some(Terminal::Emoticon) {
                    e += 1;
                }
                if e >= n {
                    break;
                }
                if punct_split(kind, s(k), text, toks, e, e > k + 1) && !list_number(text, toks, k)
                {
                    cuts.push(e);
                    k = e;
                    continue;
                }
            }
        }
        if newline_between(text, toks, k) && line_break_splits(text, toks, k) {
            cuts.push(k + 1);
        }
        k += 1;
    }
    cuts
}

/// Whether the sentence ends after a terminal mark, looking at what comes at token `e`.
fn punct_split(
    kind: Terminal,
    mark: &str,
    text: &str,
    toks: &[Tok],
    e: usize,
    closed: bool,
) -> bool {
    let s = |k: usize| &text[toks[k].start..toks[k].end];
    // Skip opening quotes and brackets to the first word of the candidate sentence.
    let mut w = e;
    while w < toks.len() && is_opener(s(w)) {
        w += 1;
    }
    let opened = w > e;
    let next = if w < toks.len() { s(w) } else { s(e) };
    let Some(first) = next.chars().next() else {
        return false;
    };
    // More terminal punctuation follows (`. . .`, `!.`): the boundary comes after it.
    if !opened
        && matches!(
            terminal(next),
            Some(Terminal::Period | Terminal::Strong | Terminal::Ellipsis)
        )
    {
        return false;
    }
    if first.is_lowercase() {
        if kind == Terminal::Strong && matches!(next, "and" | "or") {
            return false;
        }
        // Informal text starts sentences in lower case; a bare period or `?`/`!` before a
        // lower-case word still ends the sentence, unless that word usually continues one.
        // After a closing quote (`"Why?" and then`) the quotation was likely embedded.
        return matches!(kind, Terminal::Period | Terminal::Strong) && !opened && !closed;
    }
    // Sentence-internal punctuation after the mark (`Yahoo!, Inc.`, `etc.)`).
    if !opened && matches!(next, "," | ";" | ":" | ")" | "]" | "-" | "--" | "%") {
        return false;
    }
    match kind {
        // A number after a period continues (`ext. 37625`, `Fig. 4`): news style spells
        // out numbers that start a sentence, except years.
        Terminal::Period if !opened && first.is_ascii_digit() => {
            next.len() == 4 && next.bytes().all(|b| b.is_ascii_digit())
        }
        Terminal::Period | Terminal::Strong => true,
        Terminal::Ellipsis | Terminal::Emoticon => first.is_uppercase() || opened,
        Terminal::Abbrev => {
            if lexicon::never_final(mark) {
                return false;
            }
            let initial = mark.chars().count() == 2;
            let starter = lexicon::is_starter(next)
                && !(next.chars().count() == 1 && next != "I")
                && !(next.len() > 1 && next.bytes().all(|b| b.is_ascii_uppercase()));
            if initial {
                starter && mark != "I."
            } else if lexicon::is_time_or_date_abbrev(mark) {
                // `9 p.m. Residents fled`, `in Jan. Two months later`; but `Jan. 5`,
                // `9 p.m. Monday`, `p.m. EST`.
                starter || (first.is_uppercase() && !lexicon::is_time_or_date_word(next))
            } else {
                // An opening quote (not a bracket) after `U.S.` starts a quotation.
                let quoted = opened && !matches!(s(e), "(" | "[" | "{");
                starter || (quoted && first.is_uppercase())
            }
        }
    }
}

/// Whether the period at token `k` follows a list number at the start of a line
/// (`1. Troops withdraw`).
fn list_number(text: &str, toks: &[Tok], k: usize) -> bool {
    if k == 0 || &text[toks[k].start..toks[k].end] != "." {
        return false;
    }
    let num = &text[toks[k - 1].start..toks[k - 1].end];
    if num.is_empty() || num.len() > 3 || !num.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    k == 1 || newline_between(text, toks, k - 2)
}

fn newline_between(text: &str, toks: &[Tok], k: usize) -> bool {
    text[toks[k].end..toks[k + 1].start].contains('\n')
}

/// Whether a single line break between tokens `k` and `k + 1` ends a sentence: lines of a
/// list, a heading or a dateline do; a hard-wrapped line inside running text does not.
fn line_break_splits(text: &str, toks: &[Tok], k: usize) -> bool {
    let s = |i: usize| &text[toks[i].start..toks[i].end];
    let next = s(k + 1);
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return false;
    }
    // A list item or bullet always starts a new sentence.
    if matches!(next, "-" | "*" | "•" | "–" | "—" | "·" | "‣" | "o") {
        return true;
    }
    let prev = s(k);
    if matches!(prev, "," | ";" | ":" | "-" | "--" | "(" | "&") || lexicon::continues(prev) {
        return false;
    }
    // Length of the line that ends at token k.
    let line_start = text[..toks[k].end].rfind('\n').map_or(0, |p| p + 1);
    let line_len = text[line_start..toks[k].end].chars().count();
    line_len < 60 || !first.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_by_blank_lines() {
        let t = "a b\nc\n\n  \nd\n\n";
        let p = paragraphs(t);
        assert_eq!(p, vec![(0, 5), (10, 11)]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n\n \n").is_empty());
    }
}
