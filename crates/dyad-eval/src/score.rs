//! Scoring a coder's predictions against a suite: per-record exact match (event
//! multisets), per-root precision / recall / F1 over events, and the report's text.
//!
//! The exact-match rule (see `docs/gold-format.md`): a record passes when the multiset
//! of predicted (source, target, code) triples equals the expected one — duplicates
//! count, order does not; a record expecting no event passes only with no event; a
//! record without a prediction fails. [`Check::AtLeast`] records pass when every
//! expected event is predicted; [`Check::Unchecked`] records pass whatever is predicted,
//! as the suite's own validator passes them. Only evaluated records count.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::{code_root, Check, GoldEvent, Suite, SuiteKind};

/// A coder's output for one record.
#[derive(Debug, Clone, Default)]
pub struct Prediction {
    /// The [`crate::GoldRecord::id`] it answers.
    pub record_id: String,
    /// Events coded, as (source, target, code).
    pub events: Vec<GoldEvent>,
    /// Coder diagnostics for the record (shown in the listing).
    pub diagnostics: Vec<String>,
}

/// The result for one record.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RecordResult {
    /// Record ID.
    pub id: String,
    /// The suite's category, when it has one.
    pub category: Option<String>,
    /// The record's text (shown for failures in the listing).
    pub text: String,
    /// Whether the record counts.
    pub evaluated: bool,
    /// How it was checked.
    pub check: Check,
    /// Whether it passed (meaningful for evaluated records).
    pub passed: bool,
    /// Whether a prediction was given for it.
    pub predicted: bool,
    /// Expected events.
    pub expected: Vec<GoldEvent>,
    /// Predicted events.
    pub got: Vec<GoldEvent>,
    /// Expected but not predicted.
    pub missing: Vec<GoldEvent>,
    /// Predicted but not expected.
    pub extra: Vec<GoldEvent>,
    /// The coder's diagnostics.
    pub diagnostics: Vec<String>,
}

/// Event counts for one CAMEO root (or all roots).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RootStats {
    /// Two-digit root (`"04"`), `"--"` for codes without one, `"all"` for the total.
    pub root: String,
    /// Predicted and expected.
    pub tp: usize,
    /// Predicted, not expected.
    pub fp: usize,
    /// Expected, not predicted.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl RootStats {
    /// tp / (tp + fp); 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    /// tp / (tp + fn); 0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// A suite's score.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// The suite's format.
    pub kind: SuiteKind,
    /// Every record read, in suite order.
    pub records: Vec<RecordResult>,
    /// Evaluated records that passed.
    pub exact: usize,
    /// Records that count.
    pub evaluated: usize,
    /// Evaluated records the suite's rule passes unchecked ([`Check::Unchecked`]).
    pub unchecked: usize,
    /// Evaluated records with no prediction.
    pub missing_predictions: usize,
    /// Prediction IDs that match no record.
    pub unknown_predictions: Vec<String>,
    /// Per-root event counts over evaluated records, by root.
    pub roots: Vec<RootStats>,
    /// All roots together.
    pub total: RootStats,
    /// Per category: (category, passed, evaluated), by category name; records without
    /// a category are under `-`.
    pub categories: Vec<(String, usize, usize)>,
}

/// Scores predictions against a suite (pure). Predictions are matched to records by ID;
/// a second prediction for the same ID adds its events to the first.
pub fn score(suite: &Suite, predictions: &[Prediction]) -> Report {
    let mut by_id: BTreeMap<&str, (Vec<GoldEvent>, Vec<String>)> = BTreeMap::new();
    for p in predictions {
        let e = by_id.entry(p.record_id.as_str()).or_default();
        e.0.extend(p.events.iter().cloned());
        e.1.extend(p.diagnostics.iter().cloned());
    }
    let known: std::collections::BTreeSet<&str> =
        suite.records.iter().map(|r| r.id.as_str()).collect();
    let unknown_predictions = by_id
        .keys()
        .filter(|k| !known.contains(*k))
        .map(|k| k.to_string())
        .collect();

    let mut roots: BTreeMap<String, RootStats> = BTreeMap::new();
    let mut records = Vec::with_capacity(suite.records.len());
    let (mut exact, mut evaluated, mut unchecked, mut missing_predictions) = (0, 0, 0, 0);
    for rec in &suite.records {
        let pred = by_id.get(rec.id.as_str());
        let got: Vec<GoldEvent> = pred.map(|p| p.0.clone()).unwrap_or_default();
        let diagnostics = pred.map(|p| p.1.clone()).unwrap_or_default();
        let (missing, extra) = multiset_diff(&rec.expected, &got);
        let passed = match (pred.is_some(), rec.check) {
            (false, _) => false,
            (true, Check::Exact) => missing.is_empty() && extra.is_empty(),
            (true, Check::AtLeast) => missing.is_empty(),
            (true, Check::Unchecked) => true,
        };
        if rec.evaluate {
            evaluated += 1;
            exact += usize::from(passed);
            if rec.check == Check::Unchecked {
                unchecked += 1;
            }
            if pred.is_none() {
                missing_predictions += 1;
            }
            if rec.check != Check::Unchecked {
                let mut bump = |code: &str, f: &dyn Fn(&mut RootStats)| {
                    let root = code_root(code);
                    let s = roots.entry(root.clone()).or_insert_with(|| RootStats {
                        root,
                        ..RootStats::default()
                    });
                    f(s);
                };
                // Matched events: expected minus missing.
                let (matched, _) = multiset_diff(&rec.expected, &missing);
                for e in &matched {
                    bump(&e.code, &|s| s.tp += 1);
                }
                for e in &missing {
                    bump(&e.code, &|s| s.fn_ += 1);
                }
                if rec.check == Check::Exact {
                    for e in &extra {
                        bump(&e.code, &|s| s.fp += 1);
                    }
                }
            }
        }
        records.push(RecordResult {
            id: rec.id.clone(),
            category: rec.category.clone(),
            text: rec.text.clone(),
            evaluated: rec.evaluate,
            check: rec.check,
            passed,
            predicted: pred.is_some(),
            expected: rec.expected.clone(),
            got,
            missing,
            extra,
            diagnostics,
        });
    }
    let roots: Vec<RootStats> = roots.into_values().collect();
    let mut cats: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in records.iter().filter(|r| r.evaluated) {
        let c = cats
            .entry(r.category.clone().unwrap_or_else(|| "-".into()))
            .or_default();
        c.0 += usize::from(r.passed);
        c.1 += 1;
    }
    let categories = cats.into_iter().map(|(k, (p, n))| (k, p, n)).collect();
    let mut total = RootStats {
        root: "all".into(),
        ..RootStats::default()
    };
    for r in &roots {
        total.tp += r.tp;
        total.fp += r.fp;
        total.fn_ += r.fn_;
    }
    Report {
        kind: suite.kind,
        records,
        exact,
        evaluated,
        unchecked,
        missing_predictions,
        unknown_predictions,
        roots,
        total,
        categories,
    }
}

/// (in `a` but not `b`, in `b` but not `a`), as multisets, each in its input's order.
fn multiset_diff(a: &[GoldEvent], b: &[GoldEvent]) -> (Vec<GoldEvent>, Vec<GoldEvent>) {
    let mut counts: BTreeMap<&GoldEvent, isize> = BTreeMap::new();
    for e in b {
        *counts.entry(e).or_default() += 1;
    }
    let mut only_a = Vec::new();
    for e in a {
        match counts.get_mut(e) {
            Some(n) if *n > 0 => *n -= 1,
            _ => only_a.push(e.clone()),
        }
    }
    let mut counts: BTreeMap<&GoldEvent, isize> = BTreeMap::new();
    for e in a {
        *counts.entry(e).or_default() += 1;
    }
    let mut only_b = Vec::new();
    for e in b {
        match counts.get_mut(e) {
            Some(n) if *n > 0 => *n -= 1,
            _ => only_b.push(e.clone()),
        }
    }
    (only_a, only_b)
}

fn events_str(events: &[GoldEvent]) -> String {
    if events.is_empty() {
        "(none)".to_string()
    } else {
        events
            .iter()
            .map(|e| format!("{{{e}}}"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Report {
    /// The whole report as one JSON object (records, per-root counts, totals), for
    /// tools that compare runs.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
    }

    /// The report as text: optionally one line per record (pass/fail, expected vs got,
    /// the text and the coder's diagnostics for failures), then exact counts per
    /// category, the per-root table and the counts; the last line is exactly
    /// `exact: N/M records`.
    pub fn render(&self, list_records: bool) -> String {
        let mut out = String::new();
        if list_records {
            for r in &self.records {
                let status = match (r.evaluated, r.passed) {
                    (false, _) => "SKIP",
                    (true, true) if r.check == Check::Unchecked => "PASS*",
                    (true, true) => "PASS",
                    (true, false) => "FAIL",
                };
                let _ = write!(out, "{status:<5} {}", r.id);
                if r.evaluated && !r.passed {
                    if !r.predicted {
                        let _ = write!(out, "  no prediction");
                    }
                    let _ = write!(
                        out,
                        "  expected: {}  got: {}",
                        events_str(&r.expected),
                        events_str(&r.got)
                    );
                    if !r.missing.is_empty() && !r.got.is_empty() {
                        let _ = write!(out, "  missing: {}", events_str(&r.missing));
                    }
                    if !r.extra.is_empty() && !r.expected.is_empty() && r.check == Check::Exact {
                        let _ = write!(out, "  extra: {}", events_str(&r.extra));
                    }
                }
                out.push('\n');
                if r.evaluated && !r.passed {
                    let _ = writeln!(out, "      text: {}", r.text);
                    for d in &r.diagnostics {
                        let _ = writeln!(out, "      diagnostic: {d}");
                    }
                }
            }
            let _ = writeln!(
                out,
                "(PASS* = passed unchecked, by the suite's own rule; SKIP = not evaluated)\n"
            );
        }
        if self.categories.len() > 1 {
            let _ = writeln!(out, "{:<12} {:>7} {:>9}", "category", "exact", "evaluated");
            for (c, p, n) in &self.categories {
                let _ = writeln!(out, "{c:<12} {p:>7} {n:>9}");
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{:<5} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
            "root", "tp", "fp", "fn", "precision", "recall", "f1"
        );
        for r in self.roots.iter().chain(std::iter::once(&self.total)) {
            let _ = writeln!(
                out,
                "{:<5} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}",
                r.root,
                r.tp,
                r.fp,
                r.fn_,
                r.precision(),
                r.recall(),
                r.f1()
            );
        }
        let _ = writeln!(
            out,
            "suite: {}  records: {}  evaluated: {}  passed unchecked by the suite's rule: {}  without prediction: {}",
            self.kind,
            self.records.len(),
            self.evaluated,
            self.unchecked,
            self.missing_predictions
        );
        if !self.unknown_predictions.is_empty() {
            let _ = writeln!(
                out,
                "predictions for unknown record IDs: {}",
                self.unknown_predictions.len()
            );
        }
        let _ = write!(out, "exact: {}/{} records", self.exact, self.evaluated);
        out
    }
}

/// Which failures come from the parser and which from the coder, from two runs on the
/// same suite: one on dyad's own parse and one on the suite's given parse
/// (UniversalPetrarch's CoNLL-U, `--given-parse`).
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    /// Evaluated records that pass on both parses.
    pub both_pass: Vec<String>,
    /// Pass with the given parse, fail with ours: parser errors.
    pub parser_errors: Vec<String>,
    /// Fail with the given parse too: coder (or dictionary) errors.
    pub coder_errors: Vec<String>,
    /// Pass with ours, fail with the given parse.
    pub own_parse_only: Vec<String>,
}

/// Compares a report on dyad's own parse with one on the suite's given parse (pure).
/// Records are matched by ID; only records evaluated in both count.
pub fn attribute_errors(own: &Report, given: &Report) -> Attribution {
    let given_by_id: BTreeMap<&str, &RecordResult> =
        given.records.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut a = Attribution::default();
    for r in own.records.iter().filter(|r| r.evaluated) {
        let Some(g) = given_by_id.get(r.id.as_str()).filter(|g| g.evaluated) else {
            continue;
        };
        let list = match (r.passed, g.passed) {
            (true, true) => &mut a.both_pass,
            (false, true) => &mut a.parser_errors,
            (false, false) => &mut a.coder_errors,
            (true, false) => &mut a.own_parse_only,
        };
        list.push(r.id.clone());
    }
    a
}

impl Attribution {
    /// A short text summary, IDs listed for the two kinds of error.
    pub fn render(&self) -> String {
        format!(
            "pass on both parses: {}\nparser errors (pass on the given parse only): {}{}\ncoder errors (fail on the given parse too): {}{}\npass on our parse only: {}\n",
            self.both_pass.len(),
            self.parser_errors.len(),
            list_ids(&self.parser_errors),
            self.coder_errors.len(),
            list_ids(&self.coder_errors),
            self.own_parse_only.len()
        )
    }
}

fn list_ids(ids: &[String]) -> String {
    if ids.is_empty() {
        String::new()
    } else {
        format!(" ({})", ids.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(s: &str, t: &str, c: &str) -> GoldEvent {
        GoldEvent::new(s, t, c)
    }

    #[test]
    fn multiset_diff_counts_duplicates() {
        let a = vec![ev("A", "B", "01"), ev("A", "B", "01")];
        let b = vec![ev("A", "B", "01")];
        let (only_a, only_b) = multiset_diff(&a, &b);
        assert_eq!(only_a, vec![ev("A", "B", "01")]);
        assert!(only_b.is_empty());
    }

    #[test]
    fn root_stats_are_safe_on_zero() {
        let r = RootStats::default();
        assert_eq!((r.precision(), r.recall(), r.f1()), (0.0, 0.0, 0.0));
        let r = RootStats {
            root: "04".into(),
            tp: 1,
            fp: 1,
            fn_: 3,
        };
        assert!((r.precision() - 0.5).abs() < 1e-9);
        assert!((r.recall() - 0.25).abs() < 1e-9);
        assert!((r.f1() - (2.0 * 0.5 * 0.25 / 0.75)).abs() < 1e-9);
    }
}
