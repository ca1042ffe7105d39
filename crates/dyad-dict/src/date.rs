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
/// Start dates are inclusive and end dates exclusive: `>D` holds from D on, `<D` up to
/// the day before D, `D1-D2` from D1 up to the day before D2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DateRange {
    /// First day the code applies (inclusive), if bounded.
    pub start: Option<DictDate>,
    /// First day the code no longer applies (exclusive), if bounded.
    pub end: Option<DictDate>,
}

impl DateRange {
    /// True when `date` falls in the range.
    pub fn contains(&self, date: DictDate) -> bool {
        self.start.is_none_or(|s| date >= s) && self.end.is_none_or(|e| date < e)
    }

    /// True when no date is excluded.
    pub fn is_unbounded(&self) -> bool {
        self.start.is_none() && self.end.is_none()
    }

    /// True when no date can fall in the range (end on or before start).
    pub fn is_empty(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if e <= s)
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
    fn range_bounds_start_inclusive_end_exclusive() {
        let d = |s| DictDate::parse(s).unwrap();
        let r = DateRange {
            start: Some(d("20100101")),
            end: Some(d("20120101")),
        };
        assert!(r.contains(d("20100101")));
        assert!(r.contains(d("20111231")));
        assert!(!r.contains(d("20120101")));
        assert!(!r.contains(d("20091231")));
    }
}
