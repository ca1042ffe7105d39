//! Line-level removals: the leading `date` marker, photo credit and caption lines, and
//! boilerplate lines. Only whole short lines are removed, and only on patterns that real
//! news sentences do not have, so a sentence is never deleted for mentioning a word like
//! "share" or "copyright".

use std::ops::Range;

use dyad_types::{CleanKind, PubDate};

use crate::{short, Edit};

/// The date of a leading `date YYYY-MM-DD` marker and the byte range to remove: leading
/// whitespace, `date` (or `date:`), the date, and the spaces after it.
pub(crate) fn date_marker(text: &str) -> Option<(PubDate, Range<usize>)> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    if !rest
        .get(..4)
        .is_some_and(|w| w.eq_ignore_ascii_case("date"))
    {
        return None;
    }
    let after = &rest[4..];
    let colon = after.starts_with(':');
    let after = after.strip_prefix(':').unwrap_or(after);
    let trimmed = after.trim_start_matches([' ', '\t']);
    if !colon && trimmed.len() == after.len() {
        return None; // `dated`, `dates`
    }
    let token_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
    let date = PubDate::parse(&trimmed[..token_len])?;
    let mut end = text.len() - trimmed.len() + token_len;
    end += text[end..].len() - text[end..].trim_start_matches([' ', '\t']).len();
    Some((date, 0..end))
}

/// Photo agencies as they appear after a slash in a credit (`Jane Roe/Getty Images`).
const AGENCIES: &[&str] = &[
    "getty images",
    "getty",
    "afp",
    "reuters",
    "ap photo",
    "ap",
    "epa-efe",
    "epa",
    "efe",
    "anadolu agency",
    "anadolu",
    "shutterstock",
    "bloomberg",
    "xinhua",
    "tass",
    "sputnik",
    "ria novosti",
    "nurphoto",
    "sipa",
    "alamy",
    "pool",
    "zuma press",
    "zuma wire",
    "zuma",
    "rex features",
    "rex",
    "pa images",
    "pa wire",
    "pa",
    "dpa",
    "ansa",
    "kyodo",
    "yonhap",
    "imago",
    "abaca",
    "corbis",
    "redux",
    "wireimage",
    "istockphoto",
    "istock",
    "sopa images",
    "lightrocket",
    "picture alliance",
    "upi",
    "the associated press",
    "associated press",
];

/// Credits that name the agency first, in capitals as agencies write them
/// (`REUTERS/Jane Roe`, `AFP PHOTO`).
const AGENCY_FIRST: &[&str] = &[
    "REUTERS/",
    "AFP/",
    "AFP PHOTO",
    "AP Photo/",
    "AP PHOTO/",
    "EPA/",
    "EPA-EFE/",
    "XINHUA/",
    "ANADOLU/",
];

/// Line openings that mark a caption or credit.
const CAPTION_PREFIXES: &[&str] = &[
    "photo:",
    "photos:",
    "photo credit",
    "photograph:",
    "image:",
    "image caption",
    "image copyright",
    "image source",
    "picture:",
    "pictured:",
    "caption:",
    "credit:",
    "credits:",
    "file photo",
    "(photo",
    "[photo",
    "(image",
    "© ",
];

/// Markers of a credit anywhere in a (short) line.
const CAPTION_INNER: &[&str] = &[
    "(photo by",
    "(photo:",
    "(photo credit",
    "(image:",
    "(credit:",
    "(pictured",
    "photo by getty",
    "via getty images",
    "| photo:",
    "/ photo:",
];

/// True when `line` is a photo credit or caption (at most 400 bytes).
pub fn is_caption(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.len() > 400 {
        return false;
    }
    let lower = line.to_lowercase();
    if CAPTION_PREFIXES.iter().any(|p| lower.starts_with(p))
        || CAPTION_INNER.iter().any(|p| lower.contains(p))
        || AGENCY_FIRST.iter().any(|p| line.contains(p))
    {
        return true;
    }
    has_slash_credit(line, &lower)
}

/// `Name/Agency`: a capitalised word, a slash, then an agency name ending at a word
/// boundary.
fn has_slash_credit(line: &str, lower: &str) -> bool {
    // `lower` may differ in length from `line` for some characters; work on `line` with
    // ASCII case-insensitive comparison instead.
    let _ = lower;
    for (i, _) in line.match_indices('/') {
        let before = &line[..i];
        let word = before
            .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[')
            .next()
            .unwrap_or("");
        if !word.chars().next().is_some_and(char::is_uppercase)
            || !word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
        {
            continue;
        }
        let after = &line[i + 1..];
        for agency in AGENCIES {
            let Some(head) = after.get(..agency.len()) else {
                continue;
            };
            if head.eq_ignore_ascii_case(agency)
                && after[agency.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            {
                return true;
            }
        }
    }
    false
}

/// Whole-line boilerplate, after trimming bullets and punctuation.
const BOILER_EXACT: &[&str] = &[
    "ad",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "read more",
    "read next",
    "more",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "follow us",
    "subscribe",
    "subscribe now",
    "sign up",
    "sign in",
    "log in",
    "click here",
    "related",
    "related articles",
    "related stories",
    "related content",
    "recommended",
    "recommended for you",
    "most read",
    "most popular",
    "trending",
    "trending now",
    "skip to content",
    "skip to main content",
    "back to top",
    "top stories",
    "continue reading",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "scroll to continue",
    "scroll to continue with content",
    "loading",
    "play video",
    "watch video",
    "close",
    "menu",
    "copyright",
    "all rights reserved",
    "newsletter",
    "accept cookies",
    "accept all cookies",
];

/// Openings of boilerplate lines (for lines of at most 15 words).
const BOILER_PREFIXES: &[&str] = &[
    "read more:",
    "read more about",
    "read more at",
    "read more from",
    "read more on",
    "read more here",
    "also read",
    "see also:",
    "related:",
    "related coverage",
    "related story",
    "related article",
    "more:",
    "recommended:",
    "sign up for",
    "sign up to",
    "sign up now",
    "subscribe to",
    "subscribe for",
    "follow us on",
    "follow us at",
    "click here",
    "share this",
    "share on",
    "share via",
    "copyright ©",
    "copyright (c)",
    "© ",
    "this article was originally published",
    "this story was originally published",
    "this article originally appeared",
    "download the app",
    "get the app",
    "listen to this article",
    "story continues",
    "continue reading",
    "join our",
    "like us on facebook",
    "watch:",
    "click to",
    "tap here",
];

/// Boilerplate phrases anywhere in a line of at most 60 words (cookie and script notices).
const BOILER_INNER: &[&str] = &[
    "we use cookies",
    "this site uses cookies",
    "this website uses cookies",
    "uses cookies to",
    "cookie policy",
    "accept all cookies",
    "by continuing to use this",
    "all rights reserved",
    "your browser does not support",
    "enable javascript",
    "javascript is disabled",
];

/// True when `line` is a boilerplate line (Advertisement, Read more, Sign up, Share this,
/// copyright and cookie notices …). Lines that report speech (`said`, `told`) never are.
pub fn is_boilerplate(line: &str) -> bool {
    let trimmed = line
        .trim()
        .trim_start_matches(['•', '-', '–', '—', '|', '>', '»', '*', '·', ' '])
        .trim_end_matches(['.', '!', '»', '›', '>', ' ', '→', '|', ':']);
    let words = trimmed.split_whitespace().count();
    if trimmed.is_empty() || words > 60 {
        return false;
    }
    let lower = trimmed.to_lowercase();
    if [" said", " says", " told", " according to"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return false;
    }
    if BOILER_EXACT.contains(&lower.as_str()) {
        return true;
    }
    if words <= 15 && BOILER_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if words <= 15 && lower.starts_with("copyright") && lower.split_whitespace().any(is_year) {
        return true;
    }
    words <= 60 && BOILER_INNER.iter().any(|p| lower.contains(p))
}

fn is_year(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_ascii_digit());
    w.len() == 4 && (w.starts_with("19") || w.starts_with("20"))
}

/// Removal edits for caption and boilerplate lines (each with its line break).
///
/// In text whose paragraphs are separated by blank lines, a paragraph may be wrapped over
/// several lines; then only lines at a paragraph's edges are candidates (peeled from its
/// start and its end), so a wrapped sentence never loses a middle line that happens to
/// start like boilerplate. Text without blank lines has one paragraph per line, and every
/// line is a candidate.
pub(crate) fn line_edits(text: &str, captions: bool, boilerplate: bool) -> Vec<Edit> {
    let classify = |line: &str| {
        if captions && is_caption(line) {
            Some(CleanKind::Caption)
        } else if boilerplate && is_boilerplate(line) {
            Some(CleanKind::Boilerplate)
        } else {
            None
        }
    };
    // Lines as (range with its line break, text without it).
    let mut lines: Vec<(Range<usize>, &str)> = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        lines.push((start..end, text[start..end].trim_end_matches('\n')));
        start = end;
    }
    let blank = |l: &str| l.trim().is_empty();
    // A blank line after the first line means blank-line paragraphs (as the layout pass
    // decides too).
    let wrapped = lines.iter().skip(1).any(|l| blank(l.1));
    let mut edits = Vec::new();
    let mut push = |i: usize, kind: CleanKind| {
        let (range, line) = &lines[i];
        edits.push(Edit::remove(range.clone(), kind, short(line)));
    };
    if !wrapped {
        for (range, line) in &lines {
            if let Some(kind) = classify(line) {
                edits.push(Edit::remove(range.clone(), kind, short(line)));
            }
        }
        return edits;
    }
    let mut i = 0;
    while i < lines.len() {
        if blank(lines[i].1) {
            i += 1;
            continue;
        }
        let first = i;
        while i < lines.len() && !blank(lines[i].1) {
            i += 1;
        }
        // Paragraph lines first..i: peel matching lines from both edges.
        let (mut lo, mut hi) = (first, i);
        while lo < hi {
            match classify(lines[lo].1) {
                Some(kind) => {
                    push(lo, kind);
                    lo += 1;
                }
                None => break,
            }
        }
        while hi > lo {
            match classify(lines[hi - 1].1) {
                Some(kind) => {
                    push(hi - 1, kind);
                    hi -= 1;
                }
                None => break,
            }
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions() {
        let yes = [
            "Jane Roe/Getty images A minister speaking in Vienna, Austria on March 3, 2019.",
            "Protesters gather outside the embassy. (Photo by John Smith/AFP via Getty Images)",
            "Photo: Reuters",
            "Image caption The minister arrived on Monday",
            "Soldiers patrol the border. REUTERS/Jane Roe",
            "The president waves to supporters. (AP Photo/John Doe)",
            "Credit: Jane Roe for The Daily",
            "A view of the city. Ahmet Yilmaz/Anadolu Agency",
        ];
        for l in yes {
            assert!(is_caption(l), "{l}");
        }
        let no = [
            "The ministry said 24/7 patrols would continue along the border.",
            "A Reuters/Ipsos poll found most voters opposed the plan.",
            "The talks and/or sanctions would follow, officials said.",
            "Getty Images said on Monday it would cut jobs.",
            "The photo shows the minister in Vienna.",
        ];
        for l in no {
            assert!(!is_caption(l), "{l}");
        }
    }

    #[test]
    fn boilerplate() {
        let yes = [
            "Advertisement",
            "ADVERTISEMENT",
            "Read more: Iran vows revenge for strike",
            "Sign up for our daily newsletter",
            "Follow us on Twitter",
            "Share this article",
            "• Related: Talks collapse in Geneva",
            "Copyright 2020 Example News. All rights reserved.",
            "© 2020 Example Media",
            "We use cookies to improve your experience. By continuing to use this site you agree.",
            "Story continues below advertisement",
            "Click here to subscribe",
        ];
        for l in yes {
            assert!(is_boilerplate(l), "{l}");
        }
        let no = [
            "Share prices fell sharply on Friday after the announcement.",
            "Copyright law was the focus of the hearing in Brussels.",
            "Advertising revenue fell by a third, the company said.",
            "Read more about the plan, the minister told reporters.",
            "More than 5,000 troops remain in the country.",
            "Sign-ups for the programme rose in March.",
            "Related talks will take place in Doha next week.",
        ];
        for l in no {
            assert!(!is_boilerplate(l), "{l}");
        }
    }

    #[test]
    fn only_paragraph_edges_of_wrapped_text() {
        let t = "Advertisement\nOfficials said the ministers would\nshare this view, officials\nadded on Monday.\nRead more: Talks\n\nNext.";
        let removed: Vec<String> = line_edits(t, true, true)
            .iter()
            .map(|e| t[e.range.clone()].to_string())
            .collect();
        assert_eq!(removed, ["Advertisement\n", "Read more: Talks\n"]);
    }

    #[test]
    fn marker() {
        let (d, r) = date_marker(" date 2020-01-11 Jane Roe/Getty images").unwrap();
        assert_eq!(d.to_string(), "2020-01-11");
        assert_eq!(r, 0..17);
        assert!(date_marker("dated 2020-01-11").is_none());
        assert!(date_marker("Date night").is_none());
        assert!(date_marker("date").is_none());
    }
}
