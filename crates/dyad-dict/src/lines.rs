//! Line reading shared by every dictionary format: line terminators, encodings, and the
//! comment conventions of TABARI (`;`, `~~FINISH`) and PETRARCH (`#`, `<!-- -->`).

use std::borrow::Cow;

/// One logical line of a dictionary file, with comments removed.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the file.
    pub no: usize,
    /// The raw line, without its terminator.
    pub raw: &'a str,
    /// The line with comments removed and trailing whitespace trimmed. Never empty.
    pub body: Cow<'a, str>,
    /// The trailing comment (text after `#` or `;`), trimmed, if any.
    pub comment: Option<&'a str>,
}

/// Decodes file bytes: UTF-8 when valid (a BOM is dropped), otherwise Latin-1, which is
/// what the older TABARI files are written in. Never fails.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (bytes.iter().map(|&b| b as char).collect(), true),
    }
}

/// Finds where a trailing comment starts: the first `#` or `;` that is not inside
/// `[...]` (TABARI's `[###]` code and PETRARCH's `#` comments must both work).
pub fn comment_start(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth = (depth - 1).max(0),
            '#' | ';' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Splits a file into comment-free, non-blank lines.
///
/// Rules (the union of what TABARI and PETRARCH accept, so either's files read the same):
/// a line whose first character is `#` is a comment; a line starting `<!` is a comment
/// (PETRARCH skips such a line whole, even when its `<!--` is not closed on it); a
/// `<!-- ... -->` later in a line is removed, and when it is not closed on that line,
/// lines are skipped up to and including the one holding `-->`; `#` or `;` outside
/// brackets starts a trailing comment; `~~FINISH` ends a TABARI file.
pub fn logical_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let no = i + 1;
        if in_block {
            if raw.contains("-->") {
                in_block = false;
            }
            continue;
        }
        let t = raw.trim_start();
        if t.is_empty() || raw.starts_with('#') || t.starts_with("<!") {
            continue;
        }
        if t.starts_with("~~FINISH") {
            break;
        }
        let mut body: Cow<'_, str> = Cow::Borrowed(raw);
        if let Some(open) = raw.find("<!--") {
            match raw[open..].find("-->") {
                Some(close) => {
                    let mut s = String::with_capacity(raw.len());
                    s.push_str(&raw[..open]);
                    s.push_str(&" ".repeat(close + 3));
                    s.push_str(&raw[open + close + 3..]);
                    body = Cow::Owned(s);
                }
                None => {
                    in_block = true;
                    body = Cow::Borrowed(&raw[..open]);
                }
            }
        }
        let mut comment = None;
        if let Some(c) = comment_start(&body) {
            comment = Some(raw.get(c + 1..).unwrap_or("").trim());
            body = match body {
                Cow::Borrowed(b) => Cow::Borrowed(&b[..c]),
                Cow::Owned(mut s) => {
                    s.truncate(c);
                    Cow::Owned(s)
                }
            };
        }
        let trimmed_len = body.trim_end().len();
        if trimmed_len == 0 || body.trim().is_empty() {
            continue;
        }
        let body = match body {
            Cow::Borrowed(b) => Cow::Borrowed(&b[..trimmed_len]),
            Cow::Owned(mut s) => {
                s.truncate(trimmed_len);
                Cow::Owned(s)
            }
        };
        out.push(Line {
            no,
            raw,
            body,
            comment,
        });
    }
    out
}

/// Splits a phrase written with `_` joins and/or spaces into upper-cased words.
pub fn phrase_words(s: &str) -> Vec<String> {
    s.split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(normalize_word)
        .collect()
}

/// The normalisation all formats share: matching is case-insensitive, done in upper case.
pub fn normalize_word(w: &str) -> String {
    normalized(w).into_owned()
}

/// [`normalize_word`] without a copy where the word is already normalized (the phrase
/// matcher looks up every token of every sentence, and most are found absent).
pub fn normalized(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| !b.is_ascii_lowercase() && b.is_ascii()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_uppercase())
    }
}

/// Byte offset of `needle` (a subslice or substring) in `hay`, for carets; 0 if absent.
pub fn offset_of(hay: &str, needle: &str) -> usize {
    let (h, n) = (hay.as_ptr() as usize, needle.as_ptr() as usize);
    if n >= h && n <= h + hay.len() {
        n - h
    } else {
        hay.find(needle).unwrap_or(0)
    }
}

/// Raw lines with their 1-based numbers, for formats with their own comment rules.
pub fn decode_free_lines(text: &str) -> Vec<(usize, &str)> {
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blocks() {
        let text = "# head\nA [X] # c\n<!-- one\nB\n  x <!-- open\nC\nend -->\nD ;tabari\n[###] E\n~~FINISH\nZ\n";
        let lines = logical_lines(text);
        let bodies: Vec<&str> = lines.iter().map(|l| l.body.as_ref()).collect();
        assert_eq!(bodies, vec!["A [X]", "B", "  x", "D", "[###] E"]);
        assert_eq!(lines[0].comment, Some("c"));
        assert_eq!(lines[3].comment, Some("tabari"));
        assert_eq!(lines[1].no, 4);
    }

    #[test]
    fn latin1_fallback() {
        let (s, lossy) = decode(b"caf\xe9");
        assert!(lossy);
        assert_eq!(s, "caf\u{e9}");
    }
}
