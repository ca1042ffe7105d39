//! Runs the hand-written segmentation cases of `testdata/text/cases.txt` and reports all
//! failures together.

use std::path::PathBuf;

struct Case {
    line: usize,
    input: String,
    sentences: Vec<String>,
}

fn parse_cases(text: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    let mut cur: Option<Case> = None;
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            cases.extend(cur.take());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if let Some(input) = line.strip_prefix("in: ") {
            if let Some(c) = cur.take() {
                return Err(format!(
                    "line {lineno}: case at line {} has no blank line after it",
                    c.line
                ));
            }
            cur = Some(Case {
                line: lineno,
                input: input.replace("\\n", "\n"),
                sentences: Vec::new(),
            });
        } else if let Some(s) = line.strip_prefix("s: ") {
            match &mut cur {
                Some(c) => c.sentences.push(s.to_string()),
                None => return Err(format!("line {lineno}: `s:` outside a case")),
            }
        } else {
            return Err(format!("line {lineno}: unknown line {line:?}"));
        }
    }
    cases.extend(cur);
    Ok(cases)
}

/// A sentence written the way the case file writes it.
fn render(s: &dyad_types::Sentence) -> String {
    let mut out = String::new();
    for (i, t) in s.tokens.iter().enumerate() {
        if i > 0 {
            let inside = s.multiword.iter().any(|m| m.first < i && i <= m.last);
            out.push_str(if inside { "|" } else { " " });
        }
        out.push_str(&t.text);
    }
    out
}

#[test]
fn hand_written_cases() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/text/cases.txt");
    let text = std::fs::read_to_string(&path).expect("testdata/text/cases.txt");
    let cases = parse_cases(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(cases.len() >= 200, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        assert!(
            !c.sentences.is_empty(),
            "case at line {} expects nothing",
            c.line
        );
        let got: Vec<String> = dyad_text::segment(&c.input).iter().map(render).collect();
        if got != c.sentences {
            failures.push(format!(
                "line {}: {:?}\n  want: {}\n  got:  {}",
                c.line,
                c.input,
                c.sentences.join("  ‖  "),
                got.join("  ‖  ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn case_parser_rejects_malformed_files() {
    assert!(parse_cases("s: a\n").is_err());
    assert!(parse_cases("in: a\nin: b\n").is_err());
    assert!(parse_cases("in: a\nx: b\n").is_err());
    let ok = parse_cases("# c\nin: a\\nb\ns: a\ns: b\n\nin: c\ns: c\n").unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!(ok[0].input, "a\nb");
}
