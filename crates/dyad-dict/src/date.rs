//! Dates in actor code restrictions: `YYMMDD` or `YYYYMMDD`, as TABARI and PETRARCH write
//! them. Two-digit years up to 30 are 20xx, later ones 19xx (PETRARCH's rule).

use std::fmt;

/// A calendar date, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DictDate {
    /// Year (four digits).
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 (checked against the month).
    pub day: u8,
}

impl DictDate {
    /// A checked date.
    pub fn new(year: i32, month: u8, day: u8) -> Option<DictDate> {
        if !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let max = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= max).then_some(DictDate { year, month, day })
    }

    /// Parses the dictionary forms `YYMMDD` and `YYYYMMDD`; also `YYYY-MM-DD` for callers
    /// passing an article date.
    pub fn parse(s: &str) -> Option<DictDate> {
        let s = s.trim();
        let digits: String = if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-'
        {
            s.chars().filter(|c| *c != '-').collect()
        } else {
            s.to_string()
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|x| x.parse::<i32>().ok());
        let (year, rest) = match digits.len() {
            6 => {
                let yy = n(0..2)?;
                (if yy <= 30 { 2000 + yy } else { 1900 + yy }, 2)
            }
            8 => (n(0..4)?, 4),
            _ => return None,
        };
        let month = u8::try_from(n(rest..rest + 2)?).ok()?;
        let day = u8::try_from(n(rest + 2..rest + 4)?).ok()?;
        DictDate::new(year, month, day)
    }
}

impl fmt::Display for DictDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

/// When a dated code applies: `[CODE]`, `[CODE <D]`, `[CODE >D]`, `[CODE D1-D2]`.
///
/// PETRARCH's reading, the one place dyad decides it: `>D` holds from D on, `<D` up to
/// the day before D, and an interval `D1-D2` on both of its days, D1 through D2
/// (`[ORCHOB 20100109-20100112]` applies on 2010-01-12). A bounded end is therefore
/// exclusive alone and inclusive after a start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateRange {
    /// First day the code applies (inclusive), if bounded.
    pub start: Option<DictDate>,
    /// The end, if bounded: the first day the code no longer applies when written alone
    /// (`<D`), the last day it applies when written after a start (`D1-D2`).
    pub end: Option<DictDate>,
}

impl DateRange {
    /// True when `date` falls in the range.
    pub fn contains(&self, date: DictDate) -> bool {
        match (self.start, self.end) {
            (Some(s), Some(e)) => s <= date && date <= e,
            (Some(s), None) => s <= date,
            (None, Some(e)) => date < e,
            (None, None) => true,
        }
    }

    /// True when the range has an end and `date` is past it.
    pub fn ends_before(&self, date: DictDate) -> bool {
        match (self.start, self.end) {
            (Some(_), Some(e)) => e < date,
            (None, Some(e)) => e <= date,
            _ => false,
        }
    }

    /// True when no date is excluded.
    pub fn is_unbounded(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }

    /// True when no date can fall in the range (an interval that ends before it starts).
    pub fn is_empty(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if e < s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(DictDate::parse("950601"), DictDate::new(1995, 6, 1));
        assert_eq!(DictDate::parse("300101"), DictDate::new(2030, 1, 1));
        assert_eq!(DictDate::parse("310101"), DictDate::new(1931, 1, 1));
        assert_eq!(DictDate::parse("20181025"), DictDate::new(2018, 10, 25));
        assert_eq!(DictDate::parse("2018-10-25"), DictDate::new(2018, 10, 25));
        assert_eq!(DictDate::parse("9008223"), None);
        assert_eq!(DictDate::parse("990231"), None);
    }

    #[test]
    fn interval_holds_on_both_days_before_bound_is_exclusive() {
        let d = |s| DictDate::parse(s).unwrap();
        let r = DateRange {
            start: Some(d("20100101")),
            end: Some(d("20120101")),
        };
        assert!(r.contains(d("20100101")));
        assert!(r.contains(d("20111231")));
        assert!(r.contains(d("20120101")));
        assert!(!r.contains(d("20120102")));
        assert!(!r.contains(d("20091231")));
        let before = DateRange {
            start: None,
            end: Some(d("20120101")),
        };
        assert!(before.contains(d("20111231")));
        assert!(!before.contains(d("20120101")));
        let one_day = DateRange {
            start: Some(d("20120101")),
            end: Some(d("20120101")),
        };
        assert!(!one_day.is_empty() && one_day.contains(d("20120101")));
    }
}
