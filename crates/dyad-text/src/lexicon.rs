//! Word lists for tokenization and sentence splitting: abbreviations, hyphen prefixes,
//! fused forms UD splits (`gonna`, `cannot`) and words that typically start a sentence.
//!
//! The lists are written by hand for English news and checked against the UD English
//! training treebanks (EWT, GUM): which prefixes UD keeps attached by a hyphen, which fused
//! forms it writes as multiword tokens. Lookups are linear scans over short sorted slices
//! or binary searches; none allocates except where a lowercase copy is unavoidable.

/// Abbreviations written with a capital (`Mr.`, `Jan.`, `Inc.`, `Calif.`). Case-sensitive,
/// so a sentence-final `no.` is not taken for `No.`. Sorted for binary search.
const CAP_ABBREVS: &[&str] = &[
    "Adm", "Ala", "Amb", "Apr", "Apt", "Ariz", "Ark", "Art", "Assn", "Attn", "Atty", "Aug", "Ave",
    "Blvd", "Brig", "Bros", "Calif", "Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cos",
    "Cpl", "Dec", "Del", "Dept", "Det", "Dr", "Drs", "Feb", "Fig", "Fla", "Fr", "Fri", "Ft", "Ga",
    "Gen", "Gov", "Govt", "Hon", "Hwy", "Ill", "Inc", "Ind", "Insp", "Jan", "Jr", "Jul", "Jun",
    "Kan", "Kans", "Ky", "La", "Lt", "Ltd", "Maj", "Mar", "Mass", "Md", "Messrs", "Mich", "Minn",
    "Miss", "Mo", "Mon", "Mont", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Neb", "Nev", "No", "Nos", "Nov",
    "Oct", "Okla", "Ore", "Pa", "Pfc", "Pl", "Pres", "Prof", "Pvt", "Rd", "Rep", "Reps", "Rev",
    "Sat", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Ste", "Sun", "Supt", "Tenn", "Tex",
    "Thu", "Thur", "Thurs", "Tue", "Tues", "Univ", "Va", "Vol", "Vt", "Wash", "Wed", "Wis", "Wyo",
    "vs",
];

/// Abbreviations that also appear in lower case (`etc.`, `vs.`, `approx.`). Compared
/// case-insensitively. Sorted.
const ANY_CASE_ABBREVS: &[&str] = &[
    "al", "approx", "cf", "dept", "est", "etc", "fig", "inc", "incl", "jr", "ltd", "misc", "sr",
    "vol", "vs",
];

/// Titles and other abbreviations that are practically never the last word of a
/// sentence: after them a capitalised word continues the sentence (`Gen. Smith`).
const NEVER_FINAL: &[&str] = &[
    "Adm", "Amb", "Atty", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Drs", "Fr", "Gen", "Gov",
    "Hon", "Insp", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Msgr", "Mt", "No", "Nos", "Pfc",
    "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St", "Supt", "vs",
];

/// Prefixes UD English keeps attached by a hyphen (`non-profit`, `e-mail`, `co-author`);
/// other hyphenated compounds are split into three tokens. Sorted, lower case.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "inter", "intra", "macro", "micro", "mid", "mini",
    "mis", "multi", "neo", "non", "over", "post", "pre", "pro", "psycho", "re", "semi", "socio",
    "sub", "super", "trans", "ultra", "un",
];

/// Whether a word run followed by a period takes the period as part of the token:
/// abbreviations with inner periods (`U.S.`, `e.g.`, `Ph.D.`), single-letter initials
/// (`W.`), and listed abbreviations. `after` is the text after the period, used for
/// `No.` (only before a number).
pub(crate) fn takes_period(word: &str, after: &str) -> bool {
    if word.contains('.') {
        // `U.S`, `a.m`, `Ph.D`, but not a number `3.5`, `4.5bn` or a domain `example.com`.
        return word
            .split('.')
            .all(|p| p.chars().count() <= 3 && p.chars().all(char::is_alphabetic));
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if word == "No" || word == "Nos" {
        let next = after.trim_start().chars().next();
        return next.is_some_and(|c| c.is_ascii_digit());
    }
    if CAP_ABBREVS.binary_search(&word).is_ok() {
        return true;
    }
    if word.len() <= 6 {
        let mut buf = [0u8; 6];
        if word.is_ascii() {
            let lw = &mut buf[..word.len()];
            lw.copy_from_slice(word.as_bytes());
            lw.make_ascii_lowercase();
            if let Ok(lw) = std::str::from_utf8(lw) {
                return ANY_CASE_ABBREVS.binary_search(&lw).is_ok();
            }
        }
    }
    false
}

/// Whether an abbreviation token (with its period) practically never ends a sentence.
pub(crate) fn never_final(token: &str) -> bool {
    let w = token.strip_suffix('.').unwrap_or(token);
    NEVER_FINAL.binary_search(&w).is_ok()
}

/// Abbreviations of months and weekdays and `a.m.`/`p.m.`: they may end a sentence, and
/// a capitalised word after them other than a date or time word starts a new one.
pub(crate) fn is_time_or_date_abbrev(token: &str) -> bool {
    matches!(
        token,
        "a.m."
            | "p.m."
            | "A.M."
            | "P.M."
            | "Jan."
            | "Feb."
            | "Mar."
            | "Apr."
            | "Jun."
            | "Jul."
            | "Aug."
            | "Sep."
            | "Sept."
            | "Oct."
            | "Nov."
            | "Dec."
            | "Mon."
            | "Tue."
            | "Tues."
            | "Wed."
            | "Thu."
            | "Thur."
            | "Thurs."
            | "Fri."
            | "Sat."
            | "Sun."
    )
}

/// Words that continue a date or time after an abbreviation (`p.m. Monday`, `p.m. EST`).
pub(crate) fn is_time_or_date_word(word: &str) -> bool {
    matches!(
        word,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "Mon."
            | "Tue."
            | "Wed."
            | "Thu."
            | "Fri."
            | "Sat."
            | "Sun."
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "ET"
            | "EST"
            | "EDT"
            | "CT"
            | "CST"
            | "CDT"
            | "MT"
            | "MST"
            | "PT"
            | "PST"
            | "PDT"
            | "GMT"
            | "UTC"
            | "BST"
            | "CET"
            | "Eastern"
            | "Central"
            | "Pacific"
            | "Mountain"
            | "local"
            | "Local"
    )
}

/// Whether `left` is a prefix that keeps its hyphen (`non` in `non-profit`).
pub(crate) fn is_hyphen_prefix(left: &str) -> bool {
    if left.len() > 7 || !left.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 7];
    let lw = &mut buf[..left.len()];
    lw.copy_from_slice(left.as_bytes());
    lw.make_ascii_lowercase();
    std::str::from_utf8(lw).is_ok_and(|lw| HYPHEN_PREFIXES.binary_search(&lw).is_ok())
}

/// Fused words that UD splits without an apostrophe: `cannot` → `can` + `not`,
/// `gonna` → `gon` + `na`, and the apostrophe-less contractions of web text (`dont`).
/// Returns the byte index of the second part.
pub(crate) fn fused_cut(w: &str) -> Option<usize> {
    if w.len() > 8 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    let lw = &mut buf[..w.len()];
    lw.copy_from_slice(w.as_bytes());
    lw.make_ascii_lowercase();
    let cut = match &*lw {
        b"cannot" => 3,
        b"gonna" | b"wanna" | b"gotta" => 3,
        b"dont" | b"cant" | b"wont" => 2,
        b"didnt" | b"isnt" => w.len() - 2,
        b"doesnt" | b"wasnt" | b"arent" | b"havent" | b"hasnt" | b"werent" | b"hadnt" => {
            w.len() - 2
        }
        b"couldnt" | b"wouldnt" => w.len() - 2,
        b"shouldnt" => 6,
        b"im" if w == "Im" || w == "im" => 1,
        b"ive" if w == "Ive" || w == "ive" => 1,
        b"thats" => 4,
        b"outta" => 3,
        _ => return None,
    };
    Some(cut)
}

/// Function words that never end a sentence: a line break right after one is a wrapped
/// line, not a boundary (`met with\nPresident Obama`). Sorted.
const CONTINUERS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "than",
    "that", "the", "to", "with",
];

/// Whether a word (compared in lower case) usually continues a sentence.
pub(crate) fn continues(word: &str) -> bool {
    if word.len() > 4 || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 4];
    let lw = &mut buf[..word.len()];
    lw.copy_from_slice(word.as_bytes());
    lw.make_ascii_lowercase();
    std::str::from_utf8(lw).is_ok_and(|lw| CONTINUERS.binary_search(&lw).is_ok())
}

/// Words that commonly begin a sentence, lower case, sorted. After an abbreviation that
/// can end a sentence (`U.S.`, `Inc.`), one of these capitalised starts a new sentence.
const STARTERS: &[&str] = &[
    "a",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "during",
    "each",
    "even",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "is",
    "it",
    "its",
    "many",
    "meanwhile",
    "more",
    "most",
    "my",
    "no",
    "not",
    "now",
    "officials",
    "on",
    "one",
    "our",
    "she",
    "since",
    "so",
    "some",
    "still",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "to",
    "under",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "yet",
    "you",
    "your",
];

/// Whether a capitalised word is a common sentence opener (`The`, `He`, `But`).
pub(crate) fn is_starter(word: &str) -> bool {
    if word.len() > 9 || !word.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 9];
    let lw = &mut buf[..word.len()];
    lw.copy_from_slice(word.as_bytes());
    lw.make_ascii_lowercase();
    std::str::from_utf8(lw).is_ok_and(|lw| STARTERS.binary_search(&lw).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [
            CAP_ABBREVS,
            ANY_CASE_ABBREVS,
            NEVER_FINAL,
            HYPHEN_PREFIXES,
            STARTERS,
            CONTINUERS,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{} >= {}", w[0], w[1]);
            }
        }
    }

    #[test]
    fn periods() {
        assert!(takes_period("Mr", " Smith"));
        assert!(takes_period("U.S", " officials"));
        assert!(takes_period("W", " Bush"));
        assert!(takes_period("No", " 5"));
        assert!(!takes_period("No", " one"));
        assert!(!takes_period("no", ""));
        assert!(!takes_period("3.5", ""));
        assert!(takes_period("etc", ""));
    }
}
