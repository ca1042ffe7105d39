//! Golden files for the cleaner: each `testdata/clean/NNNN_name.txt` input is cleaned and
//! compared with `NNNN_name.clean.txt` (the cleaned text) and `NNNN_name.actions.txt`
//! (one action a line: kind, raw span, note). Run with `DYAD_BLESS=1` to rewrite the
//! expected files after an intended change, then review the diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dyad_clean::{clean, CleanOptions};
use dyad_types::Article;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/clean")
}

fn render_actions(a: &Article) -> String {
    let mut s = String::new();
    for act in &a.actions {
        let _ = writeln!(
            s,
            "{:?} {}..{} {}",
            act.kind, act.raw.start, act.raw.end, act.note
        );
    }
    s
}

#[test]
fn golden_files() {
    let bless = std::env::var_os("DYAD_BLESS").is_some();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("testdata/clean exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.ends_with(".txt") && !n.ends_with(".clean.txt") && !n.ends_with(".actions.txt")
        })
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 4, "golden inputs missing");
    let mut failures = Vec::new();
    for input in &inputs {
        let raw = std::fs::read_to_string(input).expect("readable input");
        let mut a = Article::new("golden", raw);
        clean(&mut a, &CleanOptions::default());
        let got_text = format!("{}\n", a.text);
        let got_actions = render_actions(&a);
        let stem = input.with_extension("");
        for (ext, got) in [("clean.txt", &got_text), ("actions.txt", &got_actions)] {
            let path = stem.with_extension(ext);
            if bless {
                std::fs::write(&path, got).expect("writable testdata");
                continue;
            }
            let want = std::fs::read_to_string(&path).unwrap_or_default();
            if &want != got {
                failures.push(format!(
                    "{}:\n--- want\n{want}--- got\n{got}",
                    path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
