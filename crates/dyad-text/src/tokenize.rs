//! Tokenization the Universal Dependencies English way: words, numbers, abbreviations,
//! URLs and punctuation as tokens, contractions and possessives split into syntactic words.
//!
//! The tokenizer is a single forward scan over characters with no backtracking beyond a
//! few characters of look-ahead, so it runs in linear time. Each whitespace-separated
//! chunk is scanned for word runs (letters and digits with the connectors UD keeps inside a
//! token: `U.S.`, `3.5`, `5,000`, `AT&T`, `3:30`, `non-profit`) and punctuation runs
//! (`...`, `--`, `!!`). Word runs are then split into UD syntactic words (`do` + `n't`).

use crate::lexicon;

/// One token found by the scanner: a byte range of the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whitespace (or the end of the text) follows directly.
    pub space_after: bool,
    /// This word and the next one form one surface token (a UD multiword token).
    pub joins_next: bool,
}

/// True for the characters that make up words.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('\u{300}'..='\u{36f}').contains(&c)
}

/// Whitespace for tokenization: Unicode whitespace plus invisible format characters that
/// web text scatters between words (zero-width space, byte-order mark).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{200c}' | '\u{200d}')
}

/// Tokenizes `text[from..to]` (character boundaries), appending to `out`.
pub(crate) fn tokenize_range(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    let mut chunk_start: Option<usize> = None;
    let mut state = ScanState::default();
    for (i, c) in text[from..to].char_indices() {
        let i = i + from;
        if is_space(c) {
            if let Some(s) = chunk_start.take() {
                scan_chunk(text, s, i, out, &mut state);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        scan_chunk(text, s, to, out, &mut state);
    }
}

/// State carried across chunks: whether a single quote is open (so that a later `s'`
/// closes the quote rather than marking a plural possessive).
#[derive(Default)]
struct ScanState {
    single_quote_open: bool,
}

fn push(out: &mut Vec<Tok>, start: usize, end: usize) {
    if end > start {
        out.push(Tok {
            start,
            end,
            space_after: false,
            joins_next: false,
        });
    }
}

/// Scans one whitespace-free chunk `text[start..end]`.
fn scan_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Tok>, st: &mut ScanState) {
    let first_new = out.len();
    let chunk = &text[start..end];
    if let Some((a, b)) = url_like(chunk) {
        scan_plain(text, start, start + a, out, st, true);
        push(out, start + a, start + b);
        scan_plain(text, start + b, end, out, st, false);
    } else {
        scan_plain(text, start, end, out, st, true);
    }
    if out.len() > first_new {
        if let Some(last) = out.last_mut() {
            last.space_after = true;
        }
    }
}

/// Finds a URL or e-mail address inside a chunk: returns its byte range, without the
/// punctuation around it (`(http://x.org/a).` → `http://x.org/a`).
fn url_like(chunk: &str) -> Option<(usize, usize)> {
    url_range(chunk).or_else(|| email_range(chunk))
}

/// A URL starting with a scheme or `www.` after a non-word character, to the end of the
/// chunk less trailing punctuation.
fn url_range(chunk: &str) -> Option<(usize, usize)> {
    let b = chunk.as_bytes();
    let starts = |i: usize, p: &str| {
        b.len() >= i + p.len() && b[i..i + p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    let a = (0..b.len()).find(|&i| {
        (i == 0 || !b[i - 1].is_ascii_alphanumeric())
            && matches!(b[i], b'h' | b'H' | b'f' | b'F' | b'w' | b'W')
            && (starts(i, "http://")
                || starts(i, "https://")
                || starts(i, "ftp://")
                || (starts(i, "www.") && b.len() > i + 5))
    })?;
    let opened_paren = chunk[a..].contains('(');
    let mut z = chunk.len();
    while z > a {
        let Some(c) = chunk[..z].chars().next_back() else {
            break;
        };
        let strip = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | ']' | '>' | '}' | '”' | '’' | '»' => {
                true
            }
            ')' => !opened_paren,
            _ => false,
        };
        if !strip {
            break;
        }
        z -= c.len_utf8();
    }
    (z > a + 4).then_some((a, z))
}

/// An e-mail address around the first `@`: `name@example.com`, the `Name@COMPANY` of mail
/// headers, the `name...@example.com` of archived posts.
fn email_range(chunk: &str) -> Option<(usize, usize)> {
    let at = chunk.find('@')?;
    let local_ok = |c: char| c.is_alphanumeric() || "._-+".contains(c);
    let a = chunk[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| local_ok(c))
        .last()
        .map_or(at, |(i, _)| i);
    // The local part starts with a letter or digit.
    let a = a + chunk[a..at].find(|c: char| c.is_alphanumeric())?;
    let after = &chunk[at + 1..];
    let mut z = at
        + 1
        + after
            .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
            .unwrap_or(after.len());
    while z > at + 1 && matches!(chunk.as_bytes()[z - 1], b'.' | b'-') {
        z -= 1;
    }
    (a < at && z > at + 1).then_some((a, z))
}

/// Scans text without URLs. `at_chunk_start` says whether `from` begins the chunk (for
/// telling an opening quote from a closing one).
fn scan_plain(
    text: &str,
    from: usize,
    to: usize,
    out: &mut Vec<Tok>,
    st: &mut ScanState,
    at_chunk_start: bool,
) {
    let s = &text[from..to];
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if is_word_char(c) {
            let end = scan_word(s, i);
            // Attach a final period to an abbreviation (`Mr.`, `U.S.`, `W.`); in `Inc..`
            // the second period ends the sentence, but `word...` is an ellipsis.
            let periods = bytes[end..].iter().take_while(|&&b| b == b'.').count();
            let attach = ((periods == 1 || periods == 2)
                && lexicon::takes_period(&s[i..end], &text[from + end + 1..]))
                // `Yahoo!` is a name.
                || (bytes.get(end) == Some(&b'!') && &s[i..end] == "Yahoo")
                // A cut-off word of speech (`th-`), or a prefix standing alone (`re-`).
                || (bytes.get(end) == Some(&b'-')
                    && end + 1 == s.len()
                    && end - i <= 3
                    && s[i..end].chars().all(char::is_alphabetic));
            let mut word_end = if attach { end + 1 } else { end };
            // A possessive after an abbreviation: `U.S.'s`.
            if attach && bytes.get(end) == Some(&b'.') {
                if let Some(a) = s[word_end..].chars().next().filter(|&a| is_apostrophe(a)) {
                    let after = word_end + a.len_utf8();
                    if matches!(bytes.get(after), Some(b's' | b'S'))
                        && !s[after + 1..].chars().next().is_some_and(is_word_char)
                    {
                        word_end = after + 1;
                    }
                }
            }
            split_word(text, from + i, from + word_end, out);
            i = word_end;
            continue;
        }
        // `'90s`, `'08`: a year with its apostrophe is one token.
        let n = c.len_utf8();
        if (c == '\'' || c == '’') && i + n + 2 <= s.len() {
            let d = &bytes[i + n..];
            if d.len() >= 2 && d[0].is_ascii_digit() && d[1].is_ascii_digit() {
                let mut e = i + n + 2;
                if bytes.get(e) == Some(&b's') {
                    e += 1;
                }
                if !s[e..].chars().next().is_some_and(is_word_char) {
                    push(out, from + i, from + e);
                    i = e;
                    continue;
                }
            }
        }
        // `'n'` in `rock 'n' roll`, `'em` in `let 'em go`.
        if is_apostrophe(c) && at_chunk_start && i == 0 {
            let rest = &s[n..];
            let clipped = rest.starts_with("n'")
                || (rest.len() >= 2
                    && rest.as_bytes()[..2].eq_ignore_ascii_case(b"em")
                    && !rest[2..].chars().next().is_some_and(is_word_char));
            let len = if clipped { n + 2 } else { 0 };
            if len > 0 {
                push(out, from, from + len);
                i = len;
                continue;
            }
        }
        // A hashtag is one token: `#MeToo`.
        if c == '#' && s[i + 1..].chars().next().is_some_and(char::is_alphabetic) {
            let mut e = i + 1;
            while let Some(d) = s[e..].chars().next().filter(|&d| is_word_char(d)) {
                e += d.len_utf8();
            }
            push(out, from + i, from + e);
            i = e;
            continue;
        }
        // Emoticons.
        if let Some(n) = emoticon_len(&s[i..]) {
            push(out, from + i, from + i + n);
            i += n;
            continue;
        }
        let run = match c {
            '.' | '-' | '!' | '?' | '*' | '=' | '_' | '`' | '~' | '#' | '+' | '<' | '>' | '$' => {
                // A run of the same punctuation (`...`, `--`, `!!`), or a mixed `?!`/`!?`
                // run, or a period run ending in `?`/`!`.
                let mut j = i + n;
                while j < s.len() {
                    let d = bytes[j];
                    let same =
                        d == c as u8 || (matches!(c, '!' | '?' | '.') && matches!(d, b'!' | b'?'));
                    if !same {
                        break;
                    }
                    j += 1;
                }
                j - i
            }
            '\'' => {
                // `''` as a closing quote.
                if bytes.get(i + 1) == Some(&b'\'') {
                    2
                } else {
                    1
                }
            }
            _ => n,
        };
        // A plural possessive `s'` right after a word: a multiword token, unless a single
        // quote is open (then the apostrophe closes it).
        let is_apos = c == '\'' || c == '’';
        if is_apos && run == n {
            let after_word = i > 0
                && s[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p == 's' || p == 'S');
            let followed_by_word = s[i + n..].chars().next().is_some_and(is_word_char);
            if after_word && !followed_by_word && !st.single_quote_open {
                if let Some(last) = out.last_mut() {
                    if last.end == from + i {
                        last.joins_next = true;
                    }
                }
                push(out, from + i, from + i + n);
                i += n;
                continue;
            }
            if c == '\'' || c == '’' {
                let opening = i == 0 && at_chunk_start;
                if opening {
                    st.single_quote_open = true;
                } else if !followed_by_word {
                    st.single_quote_open = false;
                }
            }
        } else if c == '‘' {
            st.single_quote_open = true;
        }
        push(out, from + i, from + i + run);
        i += run;
    }
}

/// Emoticons that UD keeps as one token.
fn emoticon_len(s: &str) -> Option<usize> {
    const EMOTICONS: [&str; 18] = [
        ":-)", ":-(", ":-D", ":-P", ";-)", ":)", ":(", ":D", ":P", ":p", ";)", ":/", "=)", "^_^",
        "<3", ":-/", ":'(", "(:",
    ];
    EMOTICONS.iter().find_map(|e| {
        let rest = s.strip_prefix(e)?;
        // Not followed by a word character (`:Parliament` is not `:P`).
        let next = rest.chars().next();
        (!next.is_some_and(is_word_char) || e.len() > 2).then_some(e.len())
    })
}

/// End (byte index into `s`) of the word run starting at `i`, with inner connectors.
fn scan_word(s: &str, i: usize) -> usize {
    let bytes = s.as_bytes();
    // An ISO date `2020-01-11` is one token.
    if let Some(d) = bytes.get(i..i + 10) {
        let digit = |k: usize| d[k].is_ascii_digit();
        if (0..4).all(digit)
            && d[4] == b'-'
            && digit(5)
            && digit(6)
            && d[7] == b'-'
            && digit(8)
            && digit(9)
            && !bytes.get(i + 10).is_some_and(u8::is_ascii_alphanumeric)
        {
            return i + 10;
        }
    }
    let mut j = i;
    // Start of the current hyphen-separated segment, for the prefix rule.
    let mut seg_start = i;
    loop {
        while j < s.len() {
            let Some(c) = s[j..].chars().next() else {
                break;
            };
            if !is_word_char(c) {
                break;
            }
            j += c.len_utf8();
        }
        if j >= s.len() {
            return j;
        }
        let c = bytes[j];
        let (conn_len, conn) = match s[j..].chars().next() {
            Some(ch) => (ch.len_utf8(), ch),
            None => return j,
        };
        let next = s[j + conn_len..].chars().next();
        let Some(next) = next.filter(|&n| is_word_char(n)) else {
            return j;
        };
        let prev = s[..j].chars().next_back().unwrap_or(' ');
        let join = match conn {
            '.' => {
                // `U.S`, `3.5`, `e.g`, `www.example.com`; but not two words glued by a
                // missing space (`said.The`).
                !(prev.is_lowercase()
                    && next.is_uppercase()
                    && j - seg_start >= 3
                    && s[j + 1..].chars().nth(1).is_some_and(|c| c.is_lowercase()))
            }
            // `5,000`, and a European decimal `3,40`.
            ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
            // `O'Brien`, `don't`; and `1990's` (a decade, or a year's possessive).
            c if is_apostrophe(c) => {
                (prev.is_alphabetic() && next.is_alphabetic())
                    || (prev.is_ascii_digit()
                        && matches!(next, 's' | 'S')
                        && !s[j + conn_len + 1..]
                            .chars()
                            .next()
                            .is_some_and(is_word_char))
            }
            '&' => prev.is_uppercase() && next.is_uppercase(),
            ':' | '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
            '-' => hyphen_joins(&s[seg_start..j], &s[j + 1..]),
            _ => false,
        };
        if !join {
            return j;
        }
        let _ = c;
        j += conn_len;
        if conn == '-' {
            seg_start = j;
        }
    }
}

/// Whether a hyphen between `left` (the segment before it) and `right` (the text after
/// it) stays inside the token. UD English splits hyphenated compounds (`long - term`)
/// but keeps prefixes (`non-profit`, `e-mail`) and phone/ID numbers (`555-1212`) whole.
fn hyphen_joins(left: &str, right: &str) -> bool {
    if left.bytes().all(|b| b.is_ascii_digit()) {
        let r = right.bytes().take_while(u8::is_ascii_digit).count();
        let r_all = right
            .as_bytes()
            .get(r)
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        // Phone numbers, extensions and ZIP+4: 555-1212, 713-853-1234, 3-5213, 77415-0027.
        return r_all && (matches!((left.len(), r), (3, 3) | (3, 4) | (5, 4) | (1, 4)));
    }
    lexicon::is_hyphen_prefix(left)
}

/// Splits a word into UD syntactic words (contractions, possessives) and pushes them.
fn split_word(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let w = &text[start..end];
    if let Some(cut) = contraction_cut(w) {
        let first_new = out.len();
        // `shouldn't've`: split the head again.
        split_word(text, start, start + cut, out);
        for t in &mut out[first_new..] {
            t.joins_next = true;
        }
        push(out, start + cut, end);
        return;
    }
    push(out, start, end);
}

/// Byte index where a contraction's clitic starts, if the word is one UD splits:
/// `do|n't`, `ca|n't`, `it|'s`, `Bush|'s`, `I|'m`, `we|'re`, `I|'ve`, `you|'ll`, `he|'d`,
/// with any apostrophe news text uses (`'`, `’`, and the misused `‘`, `` ` ``, `´`).
fn contraction_cut(w: &str) -> Option<usize> {
    if let Some((a, apos)) = w.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let head = &w[..a];
        let tail = &w[a + apos.len_utf8()..];
        // `1990's`, `60's` name a decade: one token, as UD writes it.
        let decade = head.ends_with('0') && head.bytes().all(|b| b.is_ascii_digit());
        if !head.is_empty() && !decade {
            let t = tail.as_bytes();
            let clitic = match t.len() {
                1 => matches!(t[0] | 0x20, b's' | b'm' | b'd'),
                2 => {
                    t.eq_ignore_ascii_case(b"re")
                        || t.eq_ignore_ascii_case(b"ve")
                        || t.eq_ignore_ascii_case(b"ll")
                }
                _ => false,
            };
            if clitic {
                return Some(a);
            }
            if t.len() == 1 && t[0] | 0x20 == b't' && head.len() > 1 && head.ends_with(['n', 'N']) {
                return Some(a - 1);
            }
        }
    }
    lexicon::fused_cut(w)
}

/// Characters written as an apostrophe.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '´' | 'ʼ')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize_range(s, 0, s.len(), &mut out);
        out.iter().map(|t| &s[t.start..t.end]).collect()
    }

    #[test]
    fn basic_words_and_punctuation() {
        assert_eq!(toks("Hello, world!"), ["Hello", ",", "world", "!"]);
        assert_eq!(toks("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(toks("the U.S. and"), ["the", "U.S.", "and"]);
        assert_eq!(toks("5,000 and 3.5"), ["5,000", "and", "3.5"]);
        assert_eq!(toks("long-term"), ["long", "-", "term"]);
        assert_eq!(toks("non-profit"), ["non-profit"]);
        assert_eq!(toks("Wait..."), ["Wait", "..."]);
    }
}
