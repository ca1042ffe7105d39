//! Issue dictionaries (PETRARCH): phrases that tag a sentence with issue codes.
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:school [SCHOOLS]              # n: singular and plural
//! v:massacre [ID_ATROCITY]        # v: the regular verb forms (S, ED, ING)
//! pre+k [EARLY_EDUCATION]         # +: with a space and with a hyphen
//! ~a head start                   # ~: a sentence with this phrase gets no issue
//! ~~armenian genocide             # ~~: a story with this phrase gets no issue
//! </ISSUE>
//! ```

use crate::diag::Sink;
use crate::lines::{logical_lines, offset_of};
use crate::FileId;

/// What an issue line does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssueKind {
    /// Tags the sentence with the code.
    Code,
    /// `~`: suppresses issue coding in the sentence.
    ExcludeSentence,
    /// `~~`: suppresses issue coding in the story.
    ExcludeStory,
}

/// One issue line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    /// The file it comes from.
    pub file: FileId,
    /// Its line.
    pub line: u32,
    /// The `CATEGORY` of the enclosing `<ISSUE>` block, if any.
    pub category: Option<String>,
    /// The phrase as written (with `n:`, `v:`, `+`).
    pub text: String,
    /// The code (empty for exclusions).
    pub code: String,
    /// What the line does.
    pub kind: IssueKind,
    /// Every upper-cased word sequence the phrase expands to.
    pub forms: Vec<Vec<String>>,
}

/// Expands `n:`, `v:` and `+` as PETRARCH does (upper-case input): each marker in turn
/// multiplies the forms, until none is left.
pub fn expand(phrase: &str) -> Vec<Vec<String>> {
    let mut done: Vec<String> = Vec::new();
    let mut todo: Vec<String> = vec![phrase.split_whitespace().collect::<Vec<_>>().join(" ")];
    // Bounded: every step removes one marker, and a phrase has few.
    while let Some(f) = todo.pop() {
        if let Some(i) = f.find('+') {
            todo.push(format!("{}-{}", &f[..i], &f[i + 1..]));
            todo.push(format!("{} {}", &f[..i], &f[i + 1..]));
        } else if let Some(i) = marker(&f, "N:") {
            let (head, rest) = (&f[..i], &f[i + 2..]);
            let (w, tail) = rest.split_once(' ').map_or((rest, ""), |(a, b)| (a, b));
            let pl = match w.strip_suffix('Y') {
                Some(s) => format!("{s}IES"),
                None => format!("{w}S"),
            };
            todo.push(format!("{head}{pl} {tail}"));
            todo.push(format!("{head}{w} {tail}"));
        } else if let Some(i) = marker(&f, "V:") {
            let (head, rest) = (&f[..i], &f[i + 2..]);
            let (w, tail) = rest.split_once(' ').map_or((rest, ""), |(a, b)| (a, b));
            let forms = match w.strip_suffix('E') {
                Some(stem) => vec![
                    format!("{stem}ING"),
                    format!("{w}D"),
                    format!("{w}S"),
                    w.to_string(),
                ],
                None => vec![
                    format!("{w}ING"),
                    format!("{w}ED"),
                    format!("{w}S"),
                    w.to_string(),
                ],
            };
            for v in forms {
                todo.push(format!("{head}{v} {tail}"));
            }
        } else {
            done.push(f);
        }
    }
    done.iter()
        .map(|f| f.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .filter(|f| !f.is_empty())
        .collect()
}

/// Position of `m` where it starts a word (at the start, after a space or a hyphen).
fn marker(s: &str, m: &str) -> Option<usize> {
    s.match_indices(m)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || matches!(s.as_bytes()[i - 1], b' ' | b'-'))
}

/// Parses an issues file.
pub(crate) fn parse(text: &str, file: FileId, sink: &mut Sink<'_>) -> Vec<IssueEntry> {
    let mut out = Vec::new();
    let mut category: Option<String> = None;
    for line in logical_lines(text) {
        let body = line.body.trim();
        let at = offset_of(line.raw, body);
        let upper = body.to_ascii_uppercase();
        if upper.starts_with("<ISSUE") {
            category = attr(body, "CATEGORY");
            if category.is_none() {
                sink.warn(line.no, line.raw, at, "<ISSUE> without CATEGORY=\"...\"");
            }
            continue;
        }
        if upper.starts_with("</ISSUE") {
            category = None;
            continue;
        }
        let (kind, rest) = if let Some(r) = body.strip_prefix("~~") {
            (IssueKind::ExcludeStory, r)
        } else if let Some(r) = body.strip_prefix('~') {
            (IssueKind::ExcludeSentence, r)
        } else {
            (IssueKind::Code, body)
        };
        let (phrase, code) = match (kind, rest.find('[')) {
            (IssueKind::Code, None) => {
                // PETRARCH skips these silently; we skip them too, but say so.
                sink.warn(
                    line.no,
                    line.raw,
                    at,
                    "issue phrase without a code in `[...]`; skipped",
                );
                continue;
            }
            (_, Some(b)) => {
                let Some(e) = rest[b..].find(']') else {
                    sink.error(line.no, line.raw, at + b, "`[` without `]`; ignored");
                    continue;
                };
                (rest[..b].trim(), rest[b + 1..b + e].trim().to_string())
            }
            (_, None) => (rest.trim(), String::new()),
        };
        let forms = expand(&phrase.to_uppercase());
        if forms.is_empty() {
            sink.error(line.no, line.raw, at, "empty issue phrase; ignored");
            continue;
        }
        out.push(IssueEntry {
            file,
            line: line.no as u32,
            category: category.clone(),
            text: phrase.to_string(),
            code,
            kind,
            forms,
        });
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let up = tag.to_ascii_uppercase();
    let i = up.find(&format!("{name}=\""))? + name.len() + 2;
    let e = tag[i..].find('"')?;
    Some(tag[i..i + e].to_string())
}

/// Writes issues back in the issues format (one `<ISSUE>` block per run of a category).
pub fn write(entries: &[IssueEntry]) -> String {
    let mut out = String::new();
    let mut open: Option<&Option<String>> = None;
    for e in entries {
        if open != Some(&e.category) {
            if matches!(open, Some(Some(_))) {
                out.push_str("</ISSUE>\n");
            }
            if let Some(c) = &e.category {
                out.push_str(&format!("<ISSUE CATEGORY=\"{c}\">\n"));
            }
            open = Some(&e.category);
        }
        match e.kind {
            IssueKind::Code => out.push_str(&format!("{} [{}]\n", e.text, e.code)),
            IssueKind::ExcludeSentence => out.push_str(&format!("~{}\n", e.text)),
            IssueKind::ExcludeStory => out.push_str(&format!("~~{}\n", e.text)),
        }
    }
    if matches!(open, Some(Some(_))) {
        out.push_str("</ISSUE>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansions() {
        let f = |s: &str| {
            expand(s)
                .into_iter()
                .map(|w| w.join(" "))
                .collect::<Vec<_>>()
        };
        assert_eq!(f("WAR N:CRIME"), vec!["WAR CRIME", "WAR CRIMES"]);
        assert_eq!(f("N:ACADEMY"), vec!["ACADEMY", "ACADEMIES"]);
        assert_eq!(f("V:PURGE"), vec!["PURGE", "PURGES", "PURGED", "PURGING"]);
        assert_eq!(f("PRE+K"), vec!["PRE K", "PRE-K"]);
        assert_eq!(
            f("PRE+N:SCHOOL"),
            vec!["PRE SCHOOL", "PRE SCHOOLS", "PRE-SCHOOL", "PRE-SCHOOLS"]
        );
    }
}
