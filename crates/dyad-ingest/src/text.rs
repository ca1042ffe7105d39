//! Plain-text inputs: the whole file is one article. A leading `date YYYY-MM-DD` marker
//! (as some scrapes carry) gives the publication date; the marker itself stays in
//! `raw_text`, for the cleaner to remove and record.

use dyad_types::{Origin, PubDate};

use crate::common::{decode, finish, Meta};
use crate::{IngestOptions, Record};

/// The date of a leading `date YYYY-MM-DD` marker, and the byte range of the marker
/// (leading whitespace, the word `date`, the date and the whitespace after it).
pub(crate) fn date_marker(text: &str) -> Option<(PubDate, std::ops::Range<usize>)> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let after_word = rest
        .get(..4)
        .filter(|w| w.eq_ignore_ascii_case("date"))
        .map(|_| &rest[4..])?;
    // `date:` and `date ` both occur; the date must follow directly.
    let after_word = after_word.strip_prefix(':').unwrap_or(after_word);
    let trimmed = after_word.trim_start_matches([' ', '\t']);
    if trimmed.len() == after_word.len() && !rest[4..].starts_with(':') {
        return None; // `dated`, `dates`: not a marker
    }
    let token_len = trimmed
        .find(|c: char| c.is_whitespace())
        .unwrap_or(trimmed.len());
    let date = PubDate::parse(&trimmed[..token_len])?;
    let mut end = text.len() - trimmed.len() + token_len;
    end += text[end..].len() - text[end..].trim_start_matches([' ', '\t']).len();
    Some((date, 0..end))
}

pub(crate) fn parse(bytes: &[u8], origin: Origin, opts: &IngestOptions) -> Record {
    let mut meta = Meta::default();
    let text = decode(bytes, &mut meta.warnings);
    meta.published = opts.date.or_else(|| date_marker(&text).map(|(d, _)| d));
    finish(text, meta, origin, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_shares_the_line_with_a_caption() {
        let t = " date 2020-01-11 Jane Roe/Getty images A minister speaking.\n\nBody.";
        let (d, r) = date_marker(t).unwrap();
        assert_eq!(d.to_string(), "2020-01-11");
        assert_eq!(&t[r.end..r.end + 8], "Jane Roe");
    }

    #[test]
    fn not_a_marker() {
        assert!(date_marker("dated 2020-01-11 letters").is_none());
        assert!(date_marker("Date night is over.").is_none());
        assert!(date_marker("The date 2020-01-11").is_none());
        assert!(date_marker("date: 2020-01-11\nBody").is_some());
    }
}
