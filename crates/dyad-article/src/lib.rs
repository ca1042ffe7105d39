//! Article-level understanding: what a sentence-level coder cannot see on its own.
//!
//! - [`dates`] finds temporal expressions ("Thursday night", "last year", "two days ago",
//!   "February 11, 2019") and resolves them against the article's date, so that an event
//!   is dated to when it happened rather than to the publication day.
//! - [`quotes`] finds direct quotations (straight and curly marks, partial quotes,
//!   quotes interrupted by their attribution or running over several paragraphs) and
//!   their speakers from attribution patterns ("X said", "said X", "according to X").
//! - [`coref`] links pronouns ("he", "its"), definite descriptions ("the prime minister",
//!   "the ministry") and short names ("Abdul-Mahdi") to the actor mention they refer to
//!   earlier in the article, so that their events can be coded with that actor.
//!
//! All three modules are pure: they read text and return values, never do I/O, and never panic.
//!
//! ```
//! use chrono::NaiveDate;
//! use dyad_article::dates::{event_date, Precision, Tense};
//! use dyad_article::quotes::find_quotes;
//! use dyad_types::Span;
//!
//! let day = NaiveDate::from_ymd_opt(2020, 1, 11).unwrap(); // a Saturday
//! let s = "Abdul-Mahdi resigned last year and spoke to Pompeo Thursday night.";
//! let verb = s.find("spoke").map(|p| Span::new(p, p + 5));
//! let e = event_date(s, verb, day, Tense::Past);
//! assert_eq!(e.date.to_string(), "2020-01-09");
//! assert_eq!(e.expression.as_deref(), Some("Thursday night"));
//! let verb = s.find("resigned").map(|p| Span::new(p, p + 8));
//! assert_eq!(event_date(s, verb, day, Tense::Past).precision, Precision::Year);
//!
//! let text = "“We will not leave,” the minister said.";
//! let quotes = find_quotes(text, &[]);
//! assert_eq!(quotes[0].quoted(text), "We will not leave,");
//! assert_eq!(quotes[0].speaker.as_ref().unwrap().text, "the minister");
//! ```

pub mod coref;
pub mod dates;
pub mod quotes;
