//! `dyad explain`: a person-readable account of how one sentence was coded — the parse,
//! the actor matches, the patterns, the events, and why each rejected candidate was
//! rejected. A pure function returning text.

use std::fmt::Write;

use crate::coder::Coded;
use crate::parsed::ParsedSentence;

/// Renders the parse, actors, patterns, events and rejections of a coded sentence.
pub fn explain(sent: &ParsedSentence, coded: &Coded) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "sentence {}: {}", sent.index, sent.text);
    let _ = writeln!(o, "\nparse:");
    let _ = writeln!(
        o,
        "  {:>3}  {:<16} {:<14} {:<6} {:<5} {:>4}  deprel",
        "id", "form", "lemma", "upos", "xpos", "head"
    );
    for (i, w) in sent.words.iter().enumerate() {
        let _ = writeln!(
            o,
            "  {:>3}  {:<16} {:<14} {:<6} {:<5} {:>4}  {}",
            i + 1,
            w.form,
            w.lemma,
            w.upos,
            w.xpos,
            w.head,
            w.deprel
        );
    }
    let _ = writeln!(o, "\nactors:");
    if coded.actors.is_empty() {
        let _ = writeln!(o, "  (none)");
    }
    for a in &coded.actors {
        let _ = writeln!(
            o,
            "  {:<12} \"{}\" (head {})  [{}]",
            a.code,
            a.text,
            a.head + 1,
            a.rules.join(", ")
        );
    }
    let _ = writeln!(o, "\npatterns:");
    if coded.patterns.is_empty() {
        let _ = writeln!(o, "  (none)");
    }
    for p in &coded.patterns {
        let pat = if p.pattern.is_empty() {
            "(verb's own code)".to_string()
        } else {
            format!("- {}", p.pattern)
        };
        let _ = writeln!(o, "  {:<14} {}  [{}]  {}", p.verb.text, pat, p.code, p.rule);
    }
    if !coded.issues.is_empty() {
        let _ = writeln!(o, "\nissues: {}", coded.issues.join(", "));
    }
    let _ = writeln!(o, "\nevents:");
    if coded.events.is_empty() {
        let _ = writeln!(o, "  (none)");
    }
    for e in &coded.events {
        let tgt = e
            .target
            .as_ref()
            .map(|t| format!("{} \"{}\"", t.code, t.text))
            .unwrap_or_else(|| "-".into());
        let gs = e
            .goldstein
            .map(|g| format!(" goldstein {g}"))
            .unwrap_or_default();
        let qc = e
            .quad_class
            .map(|q| format!(" quad {q}"))
            .unwrap_or_default();
        let pl = e
            .plover
            .as_ref()
            .map(|p| format!(" plover {p}"))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "  {} \"{}\" -> {}  {} ({}){gs}{qc}{pl}  verb \"{}\"",
            e.source.code, e.source.text, tgt, e.code, e.root, e.verb.text
        );
        let _ = writeln!(o, "      rules: {}", e.rules.join(", "));
    }
    let _ = writeln!(o, "\nrejected:");
    if coded.rejected.is_empty() {
        let _ = writeln!(o, "  (none)");
    }
    for r in &coded.rejected {
        let v = r
            .verb
            .as_ref()
            .map(|v| format!("\"{}\" ", v.text))
            .unwrap_or_default();
        let rules = if r.rules.is_empty() {
            String::new()
        } else {
            format!("  [{}]", r.rules.join(", "))
        };
        let _ = writeln!(o, "  {v}{:?}: {}{rules}", r.reason, r.detail);
    }
    for d in &coded.diagnostics {
        let _ = writeln!(o, "diagnostic: {d}");
    }
    o
}
