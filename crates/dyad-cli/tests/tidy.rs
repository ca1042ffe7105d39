//! Repository hygiene checks: every Rust source file opens with a `//!` line saying what it
//! is for, and no third-party material from ../shared is committed.

use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if p.is_dir() {
            if name != "target" && !name.starts_with('.') && !name.starts_with("target-") {
                rust_files(&p, out);
            }
        } else if name.ends_with(".rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let root = repo_root();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("fuzz"), &mut files);
    assert!(
        files.len() > 5,
        "found too few source files under {}",
        root.display()
    );
    let missing: Vec<String> = files
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` header: {missing:#?}"
    );
}

#[test]
fn no_treebank_or_peer_files_are_in_the_repository() {
    // Names of files that live in ../shared and must only be used by path.
    let forbidden = [
        "en_ewt-ud-train.conllu",
        "en_ewt-ud-dev.conllu",
        "en_ewt-ud-test.conllu",
        "en_gum-cc-by-train.conllu",
        "seed-article.txt",
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "PETR.UnitTest.records.xml",
        "TABARI.Demo.verbs",
        "Validate.text",
    ];
    let out = std::process::Command::new("git")
        .args(["ls-files"])
        .current_dir(repo_root())
        .output();
    let Ok(out) = out else { return }; // not a git checkout (e.g. a packaged crate)
    let listing = String::from_utf8_lossy(&out.stdout);
    for f in listing.lines() {
        let name = f.rsplit('/').next().unwrap_or(f);
        assert!(
            !forbidden.contains(&name),
            "third-party file committed: {f}"
        );
    }
}
