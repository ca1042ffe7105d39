//! Event dates: finding temporal expressions in a sentence and resolving them against the
//! article's date.
//!
//! [`find_expressions`] scans a sentence for expressions such as "Thursday night", "last
//! year", "two days ago", "earlier this month", "in March", "February 11, 2019",
//! "2019-02-11"; [`resolve`] turns one into a calendar date with a [`Precision`];
//! [`event_date`] picks the expression governing an event's verb and falls back to the
//! article date (marked `from_article`).
//!
//! Conventions (news style, chosen so that results are predictable):
//! - A bare weekday ("on Thursday", "Thursday night", "this Thursday") is the most recent
//!   such day on or before the article date; a weekday equal to the article's own weekday
//!   is the article date itself ("said Saturday" in a Saturday paper). With a future
//!   tense it is the first such day on or after the article date.
//! - "last Thursday" is the most recent Thursday strictly before the article date, "next
//!   Thursday" the first one strictly after it, whatever the tense.
//! - A month or month-and-day without a year ("in March", "on March 5") is the most recent
//!   one not after the article date, or with a future tense the first one not before it.
//! - Present tense resolves like the past (news reports "says Thursday" of past events).
//! - A date of week, month or year precision is the first day of that period: weeks start
//!   on Monday (ISO 8601), so "last week" is the Monday of the previous week, and "two
//!   months ago" is the first of the month two months back.
//! - "overnight", "tonight", "this morning" are the article date; "last night" the day
//!   before.
//! - "the weekend" / "this weekend" is the most recent weekend (the article's own when it
//!   falls on one), or with a future tense the coming one; "last weekend" is the one before
//!   the article's own weekend, "next weekend" the one after the most recent. A weekend has
//!   week precision: its date is the Monday of its ISO week.
//! - A rough count ("a few days ago", "several weeks ago") counts 3 units back and
//!   resolves one precision coarser: "a few days ago" is the week holding that day.
//! - A decade ("the 1990s") resolves to its first year with year precision.
//! - Numeric dates with slashes are read the US way, month/day/year ("11/02/2019" is
//!   November 2), unless the first number cannot be a month (> 12).
//! - Spans cover the expression without a leading preposition: in "on Thursday" the span
//!   is "Thursday", in "in 2019" it is "2019"; modifiers that change the meaning stay in
//!   ("last Thursday", "earlier this month", "two days ago", "in two weeks").
//!
//! A weekday inside a name is no date: after "Good", "Black", "Bloody", "Palm" …, or
//! before "Times", "Telegraph", "prayers" ….
//!
//! Month names must be capitalised ("may" and "march" are verbs); a bare month or year
//! needs a preposition or modifier before it ("in March", "since 2019", "early 2019") so
//! that "the 2019 election" or "May I" are not taken for dates.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use dyad_types::Span;

/// The tense of the verb an expression governs; it decides which way bare weekdays and
/// months are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// Past: "said", "has met".
    Past,
    /// Present: "says", "is meeting"; resolved like the past.
    Present,
    /// Future: "will meet", "is going to meet", "plans to meet".
    Future,
}

impl Tense {
    /// Parses `past`, `present` or `future` (case-insensitive).
    pub fn parse(s: &str) -> Option<Tense> {
        match s.trim().to_ascii_lowercase().as_str() {
            "past" => Some(Tense::Past),
            "present" => Some(Tense::Present),
            "future" => Some(Tense::Future),
            _ => None,
        }
    }
}

/// How precise a resolved date is. The date of a coarser precision is the first day of
/// the period (Monday for weeks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// A single day.
    Day,
    /// An ISO week (Monday to Sunday).
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Precision {
    /// The lower-case name: `day`, `week`, `month`, `year`.
    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    /// Parses a name as written by [`Precision::name`].
    pub fn parse(s: &str) -> Option<Precision> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" => Some(Precision::Day),
            "week" => Some(Precision::Week),
            "month" => Some(Precision::Month),
            "year" => Some(Precision::Year),
            _ => None,
        }
    }
}

/// A calendar unit in relative expressions ("last week", "two months ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Days.
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
}

/// A modifier in front of a weekday or month name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modifier {
    /// No modifier, or "this": resolved by tense.
    None,
    /// "last", "this past": strictly before the article date.
    Last,
    /// "next", "this coming": strictly after the article date.
    Next,
}

/// What a temporal expression says, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeKind {
    /// A named weekday ("Thursday", "last Thursday", "Sunday night").
    Weekday {
        /// The day.
        day: Weekday,
        /// "last", "next" or none.
        modifier: Modifier,
    },
    /// A day counted from the article date: today/tonight/this morning/overnight (0),
    /// yesterday/last night (-1), the day before yesterday (-2), tomorrow (+1).
    DayOffset(i32),
    /// The week, month or year of the article date moved by `offset` ("last week" is
    /// -1, "this month" and "earlier this month" 0, "next year" +1).
    Relative {
        /// Which period.
        unit: Unit,
        /// How many periods from the article's.
        offset: i32,
    },
    /// `n` units before (negative `n`: after) the article date ("two days ago", "in
    /// three weeks").
    Ago {
        /// How many units back; negative for "in N units".
        n: i64,
        /// The unit.
        unit: Unit,
    },
    /// About `n` units before the article date ("a few days ago", "several weeks ago"):
    /// resolved one precision coarser than the unit.
    About {
        /// The rough count (3 for "a few" and "several").
        n: i64,
        /// The unit.
        unit: Unit,
    },
    /// A year ("in 2019").
    Year(i32),
    /// A decade ("the 1990s"), by its first year.
    Decade(i32),
    /// A month, with or without a year ("in March", "March 2019", "last March").
    Month {
        /// 1–12.
        month: u32,
        /// The year when given.
        year: Option<i32>,
        /// "last", "next" or none.
        modifier: Modifier,
    },
    /// A month and day without a year ("March 5", "5 March").
    MonthDay {
        /// 1–12.
        month: u32,
        /// 1–31.
        day: u32,
    },
    /// A full date ("February 11, 2019", "11 Feb 2019", "2019-02-11", "2/11/2019").
    Date(NaiveDate),
    /// A weekend ("over the weekend", "last weekend", "next weekend"), resolved to the
    /// ISO week holding it.
    Weekend(Modifier),
}

/// A temporal expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte span in the sentence text given to [`find_expressions`].
    pub span: Span,
    /// What it says.
    pub kind: TimeKind,
}

/// A resolved expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedDate {
    /// The date (first day of the period for coarser precisions).
    pub date: NaiveDate,
    /// How precise it is.
    pub precision: Precision,
    /// The expression's span in the sentence.
    pub span: Span,
    /// The expression's kind.
    pub expression: TimeKind,
}

/// The date of an event: from a temporal expression, or the article's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDate {
    /// The date.
    pub date: NaiveDate,
    /// Its precision.
    pub precision: Precision,
    /// The governing expression's span in the sentence (None when from the article).
    pub span: Option<Span>,
    /// The governing expression's text (None when from the article).
    pub expression: Option<String>,
    /// True when no expression governs the verb and the article date was used.
    pub from_article: bool,
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Num,
    Punct,
}

#[derive(Debug, Clone)]
struct Tok {
    lower: String,
    upper_initial: bool,
    span: Span,
    kind: TokKind,
}

/// Splits a sentence into words, numbers and single punctuation characters. Words are
/// also split at a lower-to-upper case change, so that glued text ("saidFriday") still
/// shows its weekday.
fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let kind = if c.is_ascii_digit() {
            TokKind::Num
        } else if c.is_alphabetic() {
            TokKind::Word
        } else {
            TokKind::Punct
        };
        let mut j = i + 1;
        if kind != TokKind::Punct {
            while j < chars.len() {
                let d = chars[j].1;
                let same = match kind {
                    TokKind::Num => d.is_ascii_digit(),
                    _ => d.is_alphabetic() && !(d.is_uppercase() && chars[j - 1].1.is_lowercase()),
                };
                if !same {
                    break;
                }
                j += 1;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        let s = &text[start..end];
        out.push(Tok {
            lower: s.to_lowercase(),
            upper_initial: c.is_uppercase(),
            span: Span::new(start, end),
            kind,
        });
        i = j;
    }
    out
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Month names and their usual abbreviations.
fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

fn unit(w: &str) -> Option<Unit> {
    Some(match w {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        _ => return None,
    })
}

/// Small numbers in words, as news writes them ("two days ago", "a week ago").
fn number_word(w: &str) -> Option<i64> {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    match w {
        "a" | "an" => Some(1),
        "thirty" => Some(30),
        "forty" => Some(40),
        "fifty" => Some(50),
        _ => WORDS.iter().position(|&x| x == w).map(|p| p as i64),
    }
}

/// Words after which a bare month or year is a date ("in March", "since 2019").
const DATE_PREPS: &[&str] = &[
    "in",
    "since",
    "during",
    "until",
    "till",
    "by",
    "through",
    "throughout",
    "from",
    "early",
    "late",
    "mid",
    "before",
    "after",
    "of",
    "to",
];

fn parse_num(t: &Tok) -> Option<i64> {
    if t.kind != TokKind::Num || t.lower.len() > 6 {
        return None;
    }
    t.lower.parse().ok()
}

struct Scanner<'a> {
    t: &'a [Tok],
}

impl Scanner<'_> {
    fn word(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.lower.as_str())
    }

    fn is_punct(&self, i: usize, c: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.lower == c)
    }

    /// True when token `i` directly follows token `i - 1` (no space between).
    fn adjacent(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i - 1].span.end == self.t[i].span.start
    }

    fn span(&self, from: usize, to_incl: usize) -> Span {
        Span::new(self.t[from].span.start, self.t[to_incl].span.end)
    }

    fn num(&self, i: usize) -> Option<i64> {
        self.t.get(i).and_then(parse_num)
    }

    /// A capitalised month name (or abbreviation, optionally with its full stop) at `i`:
    /// (month, index after it).
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        if t.kind != TokKind::Word || !t.upper_initial {
            return None;
        }
        let m = month(&t.lower)?;
        let mut next = i + 1;
        // Only an abbreviation takes its full stop: "Feb. 11" but not "in June."
        let abbrev = matches!(
            t.lower.as_str(),
            "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
        );
        if abbrev && self.is_punct(next, ".") && self.adjacent(next) {
            next += 1;
        }
        Some((m, next))
    }

    /// A day-of-month number at `i`, with an optional ordinal suffix: (day, index after).
    fn day_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.t.get(i)?;
        if t.kind != TokKind::Num || t.lower.len() > 2 {
            return None;
        }
        let d = parse_num(t)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut next = i + 1;
        if matches!(self.word(next), "st" | "nd" | "rd" | "th") && self.adjacent(next) {
            next += 1;
        }
        Some((d as u32, next))
    }

    /// A four-digit year at `i` in a plausible range.
    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if t.kind != TokKind::Num || t.lower.len() != 4 {
            return None;
        }
        let y = parse_num(t)?;
        (1000..=2999).contains(&y).then_some(y as i32)
    }

    /// Longest expression starting at token `i`: (kind, span, index after).
    fn match_at(&self, i: usize) -> Option<(TimeKind, Span, usize)> {
        let w = self.word(i);
        let t = &self.t[i];
        // Numeric dates: 2019-02-11 and 2/11/2019, written without spaces.
        if t.kind == TokKind::Num {
            if let Some(m) = self.numeric_date(i) {
                return Some(m);
            }
        }
        // "the day before yesterday", "the day after tomorrow".
        if w == "the" && self.word(i + 1) == "day" {
            let off = match (self.word(i + 2), self.word(i + 3)) {
                ("before", "yesterday") => Some(-2),
                ("after", "tomorrow") => Some(2),
                _ => None,
            };
            if let Some(off) = off {
                return Some((TimeKind::DayOffset(off), self.span(i, i + 3), i + 4));
            }
        }
        // "the 1990s", "in the 1980s".
        if t.kind == TokKind::Num && t.lower.len() == 4 && t.lower.ends_with('0') {
            let mut j = i + 1;
            if matches!(self.word(j), "'" | "’") && self.adjacent(j) {
                j += 1;
            }
            if self.word(j) == "s" && self.adjacent(j) {
                if let Some(y) = self.year_at(i) {
                    return Some((TimeKind::Decade(y), self.span(i, j), j + 1));
                }
            }
        }
        match w {
            "today" | "tonight" => {
                return Some((TimeKind::DayOffset(0), t.span, i + 1));
            }
            "overnight" => return Some((TimeKind::DayOffset(0), t.span, i + 1)),
            "yesterday" | "tomorrow" => {
                let off = if w == "yesterday" { -1 } else { 1 };
                let end = if is_day_part(self.word(i + 1)) {
                    i + 1
                } else {
                    i
                };
                return Some((TimeKind::DayOffset(off), self.span(i, end), end + 1));
            }
            "earlier" | "later" if self.word(i + 1) == "today" => {
                return Some((TimeKind::DayOffset(0), self.span(i, i + 1), i + 2));
            }
            "earlier" | "later" if self.word(i + 1) == "this" => {
                if let Some(u) = unit(self.word(i + 2)).filter(|&u| u != Unit::Day) {
                    let k = TimeKind::Relative { unit: u, offset: 0 };
                    return Some((k, self.span(i, i + 2), i + 3));
                }
            }
            // "over the weekend", "at the weekend", "the weekend".
            "the" if self.word(i + 1) == "weekend" => {
                let k = TimeKind::Weekend(Modifier::None);
                return Some((k, self.span(i, i + 1), i + 2));
            }
            "last" | "this" | "next" | "past" => {
                if let Some(m) = self.modified(i) {
                    return Some(m);
                }
            }
            "in" | "within" => {
                // "in two days", "in three weeks": a future offset.
                let n = self.num(i + 1).or_else(|| number_word(self.word(i + 1)));
                if let (Some(n), Some(u)) = (n, unit(self.word(i + 2))) {
                    if self.word(i + 3) != "ago" && w == "in" {
                        let k = TimeKind::Ago { n: -n, unit: u };
                        return Some((k, self.span(i, i + 2), i + 3));
                    }
                }
            }
            _ => {}
        }
        // "a few days ago", "several weeks ago", "a couple of days ago".
        let (rough, k) = match (w, self.word(i + 1), self.word(i + 2)) {
            ("a", "few", _) => (Some((3, true)), i + 2),
            ("several", _, _) => (Some((3, true)), i + 1),
            ("a", "couple", "of") => (Some((2, false)), i + 3),
            _ => (None, i),
        };
        if let Some((n, about)) = rough {
            if let (Some(u), "ago") = (unit(self.word(k)), self.word(k + 1)) {
                let kind = if about {
                    TimeKind::About { n, unit: u }
                } else {
                    TimeKind::Ago { n, unit: u }
                };
                return Some((kind, self.span(i, k + 1), k + 2));
            }
        }
        // "N days ago", "a year ago", "two weeks ago".
        if let Some(n) = self.num(i).or_else(|| number_word(w)) {
            if let Some(u) = unit(self.word(i + 1)) {
                if self.word(i + 2) == "ago" {
                    return Some((TimeKind::Ago { n, unit: u }, self.span(i, i + 2), i + 3));
                }
            }
        }
        if let Some(day) = weekday(w) {
            // Named days and titles: "Good Friday", "Bloody Sunday", "the Sunday Times".
            let named = i > 0
                && matches!(
                    self.word(i - 1),
                    "good"
                        | "black"
                        | "bloody"
                        | "ash"
                        | "palm"
                        | "easter"
                        | "super"
                        | "cyber"
                        | "holy"
                        | "maundy"
                );
            let title = matches!(
                self.word(i + 1),
                "times"
                    | "telegraph"
                    | "mirror"
                    | "express"
                    | "post"
                    | "herald"
                    | "mail"
                    | "prayers"
                    | "sermon"
                    | "school"
            );
            if named || title {
                return None;
            }
            return self.weekday_expr(i, i, day, Modifier::None);
        }
        if let Some(m) = self.month_first(i) {
            return Some(m);
        }
        if let Some(m) = self.day_first(i) {
            return Some(m);
        }
        // A bare year or month after a preposition: "in 2019", "since March", "mid-2019".
        let prep = (i > 0 && DATE_PREPS.contains(&self.word(i - 1)))
            || (i > 1 && self.word(i - 1) == "-" && self.word(i - 2) == "mid");
        if prep {
            if let Some(y) = self.year_at(i) {
                if !self.is_punct(i + 1, "-") {
                    return Some((TimeKind::Year(y), t.span, i + 1));
                }
            }
            if let Some((m, next)) = self.month_at(i) {
                let k = TimeKind::Month {
                    month: m,
                    year: None,
                    modifier: Modifier::None,
                };
                return Some((k, self.span(i, next - 1), next));
            }
        }
        None
    }

    /// "last/this/next/past" + week, month, year, weekday, month name, night, morning.
    fn modified(&self, i: usize) -> Option<(TimeKind, Span, usize)> {
        let w = self.word(i);
        let mut j = i + 1;
        let mut modifier = match w {
            "last" => Modifier::Last,
            "next" => Modifier::Next,
            _ => Modifier::None,
        };
        // "this past Thursday", "this coming week".
        if w == "this" && matches!(self.word(j), "past" | "coming") {
            modifier = if self.word(j) == "past" {
                Modifier::Last
            } else {
                Modifier::Next
            };
            j += 1;
        }
        let next = self.word(j);
        if w == "past" && modifier == Modifier::None {
            // "the past week" is a span of time, not a calendar week: left alone.
            return None;
        }
        if let Some(u) = unit(next) {
            // "last years" means "recent years", not a calendar year.
            if u == Unit::Day || next.ends_with('s') {
                return None;
            }
            let offset = match (w, modifier) {
                ("this", Modifier::Last) | ("last", _) => -1,
                ("this", Modifier::Next) | ("next", _) => 1,
                _ => 0,
            };
            return Some((
                TimeKind::Relative { unit: u, offset },
                self.span(i, j),
                j + 1,
            ));
        }
        if let Some(day) = weekday(next) {
            return self.weekday_expr(i, j, day, modifier);
        }
        if next == "weekend" {
            return Some((TimeKind::Weekend(modifier), self.span(i, j), j + 1));
        }
        if w == "last" && matches!(next, "night" | "evening") {
            return Some((TimeKind::DayOffset(-1), self.span(i, j), j + 1));
        }
        if w == "this" && matches!(next, "morning" | "afternoon" | "evening") {
            return Some((TimeKind::DayOffset(0), self.span(i, j), j + 1));
        }
        if let Some((m, after)) = self.month_at(j) {
            // "last March"; but "this March 5" is a month-day, left to month_first.
            if self.day_at(after).is_none() {
                let k = TimeKind::Month {
                    month: m,
                    year: None,
                    modifier,
                };
                return Some((k, self.span(i, after - 1), after));
            }
        }
        None
    }

    /// A weekday at `day_i` (its modifier starting at `from`), with an optional part of
    /// the day after it. A weekday followed by a full date ("Thursday, Jan. 9") yields
    /// nothing so that the date is matched on its own.
    fn weekday_expr(
        &self,
        from: usize,
        day_i: usize,
        day: Weekday,
        modifier: Modifier,
    ) -> Option<(TimeKind, Span, usize)> {
        let mut k = day_i + 1;
        if self.is_punct(k, ",") {
            k += 1;
        }
        if self.month_first(k).is_some() || self.day_first(k).is_some() {
            return None;
        }
        let mut end = day_i;
        if is_day_part(self.word(day_i + 1)) {
            end = day_i + 1;
        }
        let kind = TimeKind::Weekday { day, modifier };
        Some((kind, self.span(from, end), end + 1))
    }

    /// "February 11, 2019", "Feb. 11", "March 2019", "March 5th".
    fn month_first(&self, i: usize) -> Option<(TimeKind, Span, usize)> {
        let (m, next) = self.month_at(i)?;
        if let Some((d, after_day)) = self.day_at(next) {
            let mut j = after_day;
            if self.is_punct(j, ",") {
                j += 1;
            }
            if let Some(y) = self.year_at(j) {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some((TimeKind::Date(date), self.span(i, j), j + 1));
            }
            // Validate against a leap year so that "February 29" is accepted.
            NaiveDate::from_ymd_opt(2000, m, d)?;
            let k = TimeKind::MonthDay { month: m, day: d };
            return Some((k, self.span(i, after_day - 1), after_day));
        }
        // "March 2019", "March, 2019", "March of 2019".
        let mut j = next;
        if self.is_punct(j, ",") || self.word(j) == "of" {
            j += 1;
        }
        if let Some(y) = self.year_at(j) {
            let k = TimeKind::Month {
                month: m,
                year: Some(y),
                modifier: Modifier::None,
            };
            return Some((k, self.span(i, j), j + 1));
        }
        None
    }

    /// "11 February 2019", "5 March", "5th of March".
    fn day_first(&self, i: usize) -> Option<(TimeKind, Span, usize)> {
        let (d, mut j) = self.day_at(i)?;
        if self.word(j) == "of" {
            j += 1;
        }
        let (m, after_month) = self.month_at(j)?;
        let mut k = after_month;
        if self.is_punct(k, ",") {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some((TimeKind::Date(date), self.span(i, k), k + 1));
        }
        NaiveDate::from_ymd_opt(2000, m, d)?;
        let kind = TimeKind::MonthDay { month: m, day: d };
        Some((kind, self.span(i, after_month - 1), after_month))
    }

    /// "2019-02-11" (ISO) and "2/11/2019" (US month/day/year).
    fn numeric_date(&self, i: usize) -> Option<(TimeKind, Span, usize)> {
        let sep = self.word(i + 1);
        if !matches!(sep, "-" | "/") || !(1..=4).all(|k| self.adjacent(i + k)) {
            return None;
        }
        if self.word(i + 3) != sep {
            return None;
        }
        let (a, b, c) = (self.num(i)?, self.num(i + 2)?, self.num(i + 4)?);
        let la = self.t[i].lower.len();
        let lc = self.t[i + 4].lower.len();
        let date = if sep == "-" && la == 4 {
            NaiveDate::from_ymd_opt(a as i32, b as u32, c as u32)?
        } else if sep == "/" && (lc == 4 || lc == 2) && la <= 2 {
            let year = if lc == 2 {
                if c < 50 {
                    2000 + c
                } else {
                    1900 + c
                }
            } else {
                c
            };
            let (m, d) = if a > 12 { (b, a) } else { (a, b) };
            NaiveDate::from_ymd_opt(year as i32, m as u32, d as u32)?
        } else {
            return None;
        };
        // Not part of a longer number run ("2019-02-11-3").
        if self.adjacent(i + 5) && matches!(self.word(i + 5), "-" | "/") {
            return None;
        }
        Some((TimeKind::Date(date), self.span(i, i + 4), i + 5))
    }
}

fn is_day_part(w: &str) -> bool {
    matches!(w, "night" | "morning" | "afternoon" | "evening")
}

/// Finds the temporal expressions in a sentence, left to right, without overlaps (the
/// longest match at each position wins). Spans are byte offsets into `sentence_text`.
pub fn find_expressions(sentence_text: &str) -> Vec<TimeExpr> {
    let toks = tokens(sentence_text);
    let sc = Scanner { t: &toks };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match sc.match_at(i) {
            Some((kind, span, next)) => {
                out.push(TimeExpr { span, kind });
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

fn add_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let n32 = u32::try_from(n.unsigned_abs()).ok()?;
    if n >= 0 {
        d.checked_add_months(Months::new(n32))
    } else {
        d.checked_sub_months(Months::new(n32))
    }
}

fn first_of_month(d: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1)
}

fn monday_of(d: NaiveDate) -> Option<NaiveDate> {
    add_days(d, -i64::from(d.weekday().num_days_from_monday()))
}

/// The first day of the `unit` period holding `d`.
fn period_start(d: NaiveDate, unit: Unit) -> Option<NaiveDate> {
    match unit {
        Unit::Day => Some(d),
        Unit::Week => monday_of(d),
        Unit::Month => first_of_month(d),
        Unit::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1),
    }
}

fn precision_of(unit: Unit) -> Precision {
    match unit {
        Unit::Day => Precision::Day,
        Unit::Week => Precision::Week,
        Unit::Month => Precision::Month,
        Unit::Year => Precision::Year,
    }
}

/// `d` moved by `n` units.
fn shift(d: NaiveDate, unit: Unit, n: i64) -> Option<NaiveDate> {
    match unit {
        Unit::Day => add_days(d, n),
        Unit::Week => add_days(d, n.checked_mul(7)?),
        Unit::Month => add_months(d, n),
        Unit::Year => add_months(d, n.checked_mul(12)?),
    }
}

/// Resolves an expression against the article date. `None` only when the arithmetic
/// leaves the calendar's range (absurd article dates or counts).
pub fn resolve(expr: &TimeExpr, article_date: NaiveDate, tense: Tense) -> Option<ResolvedDate> {
    let a = article_date;
    let future = tense == Tense::Future;
    let (date, precision) = match expr.kind {
        TimeKind::Weekday { day, modifier } => {
            let back = i64::from(
                (7 + a.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7,
            );
            let fwd = (7 - back) % 7;
            let off = match modifier {
                Modifier::Last => -(if back == 0 { 7 } else { back }),
                Modifier::Next => {
                    if fwd == 0 {
                        7
                    } else {
                        fwd
                    }
                }
                Modifier::None if future => fwd,
                Modifier::None => -back,
            };
            (add_days(a, off)?, Precision::Day)
        }
        TimeKind::DayOffset(n) => (add_days(a, i64::from(n))?, Precision::Day),
        TimeKind::Relative { unit, offset } => {
            let start = period_start(a, unit)?;
            (shift(start, unit, i64::from(offset))?, precision_of(unit))
        }
        TimeKind::Ago { n, unit } => {
            let d = shift(a, unit, n.checked_neg()?)?;
            (period_start(d, unit)?, precision_of(unit))
        }
        TimeKind::About { n, unit } => {
            let coarser = match unit {
                Unit::Day => Unit::Week,
                Unit::Week => Unit::Month,
                Unit::Month | Unit::Year => Unit::Year,
            };
            let d = shift(a, unit, n.checked_neg()?)?;
            (period_start(d, coarser)?, precision_of(coarser))
        }
        TimeKind::Year(y) | TimeKind::Decade(y) => {
            (NaiveDate::from_ymd_opt(y, 1, 1)?, Precision::Year)
        }
        TimeKind::Month {
            month,
            year,
            modifier,
        } => {
            let y = match year {
                Some(y) => y,
                None => {
                    let am = a.month();
                    let (before, after) = match modifier {
                        Modifier::Last => (month < am, false),
                        Modifier::Next => (false, month > am),
                        Modifier::None if future => (false, month >= am),
                        Modifier::None => (month <= am, false),
                    };
                    match modifier {
                        Modifier::Next => {
                            if after {
                                a.year()
                            } else {
                                a.year().checked_add(1)?
                            }
                        }
                        Modifier::None if future => {
                            if after {
                                a.year()
                            } else {
                                a.year().checked_add(1)?
                            }
                        }
                        _ => {
                            if before {
                                a.year()
                            } else {
                                a.year().checked_sub(1)?
                            }
                        }
                    }
                }
            };
            (NaiveDate::from_ymd_opt(y, month, 1)?, Precision::Month)
        }
        TimeKind::MonthDay { month, day } => {
            // The nearest such day on the tense's side of the article date; February 29
            // looks through up to eight years for a leap year.
            let mut found = None;
            for k in 0..=8i32 {
                let y = if future {
                    a.year().checked_add(k)?
                } else {
                    a.year().checked_sub(k)?
                };
                if let Some(d) = NaiveDate::from_ymd_opt(y, month, day) {
                    if (future && d >= a) || (!future && d <= a) {
                        found = Some(d);
                        break;
                    }
                }
            }
            (found?, Precision::Day)
        }
        TimeKind::Date(d) => (d, Precision::Day),
        TimeKind::Weekend(modifier) => {
            // Saturday of the weekend meant, then the Monday of its ISO week.
            let wd = i64::from(a.weekday().num_days_from_monday()); // Sat = 5, Sun = 6
            let recent = a.checked_sub_days(Days::new(((wd + 2) % 7) as u64))?; // Sat on/before
            let in_weekend = wd >= 5;
            let sat = match modifier {
                Modifier::Last if in_weekend => add_days(recent, -7)?,
                Modifier::Last => recent,
                Modifier::Next => add_days(recent, 7)?,
                Modifier::None if future && !in_weekend => add_days(recent, 7)?,
                Modifier::None => recent,
            };
            (monday_of(sat)?, Precision::Week)
        }
    };
    Some(ResolvedDate {
        date,
        precision,
        span: expr.span,
        expression: expr.kind,
    })
}

/// Punctuation and words that end a clause ("resigned last year and spoke Thursday"):
/// an expression beyond one of them is less likely to govern the verb.
fn clause_breaks(text: &str) -> usize {
    let punct = text
        .chars()
        .filter(|c| matches!(c, ',' | ';' | ':' | '(' | ')' | '“' | '”' | '"'))
        .count();
    let words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "and"
                    | "but"
                    | "or"
                    | "that"
                    | "which"
                    | "who"
                    | "whom"
                    | "while"
                    | "whereas"
                    | "because"
                    | "although"
                    | "though"
            )
        })
        .count();
    punct + words
}

/// The date of the event whose verb is at `verb_span` (byte offsets in `sentence_text`):
/// the expression with the fewest clause breaks (punctuation, "and", "that", "who" …)
/// between it and the verb, then one after the verb before one before it (temporal
/// adjuncts follow the verb in English: "troops that arrived on Monday left Friday"),
/// then the nearest in bytes; without a verb, the first expression. With no expression (or one that
/// cannot be resolved) it is the article date, marked `from_article`.
pub fn event_date(
    sentence_text: &str,
    verb_span: Option<Span>,
    article_date: NaiveDate,
    tense: Tense,
) -> EventDate {
    let exprs = find_expressions(sentence_text);
    let chosen = match verb_span {
        None => exprs.first(),
        Some(v) => exprs.iter().min_by_key(|e| {
            let (gap, before, dist) = if e.span.start >= v.end {
                (Span::new(v.end, e.span.start), false, e.span.start - v.end)
            } else if e.span.end <= v.start {
                (Span::new(e.span.end, v.start), true, v.start - e.span.end)
            } else {
                (Span::new(0, 0), false, 0)
            };
            (clause_breaks(gap.slice(sentence_text)), before, dist)
        }),
    };
    if let Some(r) = chosen.and_then(|e| resolve(e, article_date, tense)) {
        return EventDate {
            date: r.date,
            precision: r.precision,
            span: Some(r.span),
            expression: Some(r.span.slice(sentence_text).to_string()),
            from_article: false,
        };
    }
    EventDate {
        date: article_date,
        precision: Precision::Day,
        span: None,
        expression: None,
        from_article: true,
    }
}

/// The tense of the verb at `verb_index` in a parsed sentence given as (form, xpos)
/// pairs (Penn tags): a future auxiliary or construction before it ("will", "shall",
/// "'ll", "is going to", "plans to", "is expected to", "is set to", "is due to") makes it
/// [`Tense::Future`]; a VBD or VBN verb, or a "was/were/had/has/have" auxiliary before
/// it, [`Tense::Past`]; anything else is [`Tense::Present`].
pub fn tense_from_words(words: &[(&str, &str)], verb_index: usize) -> Tense {
    let Some(&(_, xpos)) = words.get(verb_index) else {
        return Tense::Present;
    };
    let lower = |i: usize| words.get(i).map_or(String::new(), |w| w.0.to_lowercase());
    let from = verb_index.saturating_sub(4);
    for i in (from..verb_index).rev() {
        let w = lower(i);
        if matches!(w.as_str(), "will" | "shall" | "'ll" | "’ll" | "wo") {
            return Tense::Future;
        }
        // A clause boundary before the verb: auxiliaries further left belong elsewhere.
        if matches!(w.as_str(), "," | ";" | "that" | "and" | "but") {
            break;
        }
    }
    if verb_index >= 2 && lower(verb_index - 1) == "to" {
        let lead = lower(verb_index - 2);
        if matches!(
            lead.as_str(),
            "going"
                | "plans"
                | "plan"
                | "planning"
                | "expected"
                | "set"
                | "due"
                | "scheduled"
                | "poised"
                | "intends"
                | "intend"
                | "vowed"
                | "promised"
                | "pledged"
        ) {
            return Tense::Future;
        }
    }
    if matches!(xpos, "VBD" | "VBN") {
        return Tense::Past;
    }
    for i in (from..verb_index).rev() {
        match lower(i).as_str() {
            "was" | "were" | "had" | "has" | "have" | "did" => return Tense::Past,
            "," | ";" | "that" | "and" | "but" => break,
            _ => {}
        }
    }
    Tense::Present
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn seed_sentences() {
        let a = d("2020-01-11");
        let s =
            "Adel Abdul-Mahdi told Mike Pompeo in a call Thursday night that the US should leave.";
        let v = s.find("told").map(|p| Span::new(p, p + 4));
        let e = event_date(s, v, a, Tense::Past);
        assert_eq!(e.date, d("2020-01-09"));
        assert_eq!(e.expression.as_deref(), Some("Thursday night"));
        let e = event_date(
            "The minister saidFriday that talks go on.",
            None,
            a,
            Tense::Past,
        );
        assert_eq!(e.date, d("2020-01-10"));
        let e = event_date("Nothing happened.", None, a, Tense::Past);
        assert!(e.from_article);
        assert_eq!(e.date, a);
    }

    #[test]
    fn nearest_expression_to_the_verb_wins() {
        let a = d("2020-01-11");
        let s = "Trump, who took office in 2017, said Thursday that he would act.";
        let p = s.find("said").unwrap();
        let e = event_date(s, Some(Span::new(p, p + 4)), a, Tense::Past);
        assert_eq!(e.date, d("2020-01-09"));
    }

    #[test]
    fn full_month_name_does_not_take_the_sentence_stop() {
        // Regression: "in June." spanned "June." because short names took a full stop.
        let s = "The rebels seized the town in June.";
        let e = find_expressions(s);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].span.slice(s), "June");
        let s = "It was signed on Feb. 11, 2019.";
        assert_eq!(find_expressions(s)[0].span.slice(s), "Feb. 11, 2019");
    }

    #[test]
    fn tense_from_parse() {
        let w = [
            ("He", "PRP"),
            ("will", "MD"),
            ("meet", "VB"),
            ("them", "PRP"),
        ];
        assert_eq!(tense_from_words(&w, 2), Tense::Future);
        let w = [("He", "PRP"), ("met", "VBD")];
        assert_eq!(tense_from_words(&w, 1), Tense::Past);
        let w = [
            ("He", "PRP"),
            ("is", "VBZ"),
            ("going", "VBG"),
            ("to", "TO"),
            ("go", "VB"),
        ];
        assert_eq!(tense_from_words(&w, 4), Tense::Future);
        let w = [("He", "PRP"), ("says", "VBZ")];
        assert_eq!(tense_from_words(&w, 1), Tense::Present);
        assert_eq!(tense_from_words(&w, 9), Tense::Present);
    }

    #[test]
    fn extreme_article_dates_do_not_panic() {
        for s in [
            "last year",
            "next Monday",
            "in two weeks",
            "5,000,000 years ago",
            "March 5",
        ] {
            for e in find_expressions(s) {
                let _ = resolve(&e, NaiveDate::MIN, Tense::Past);
                let _ = resolve(&e, NaiveDate::MAX, Tense::Future);
            }
        }
    }
}
