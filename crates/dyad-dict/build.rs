//! Embeds dyad's default dictionaries (the repository's `dictionaries/` folder) and their
//! test sentences in the library, so that an installed binary codes with no `--dict` and
//! no files beside it. Generates `$OUT_DIR/defaults.rs` with one `include_str!` per file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets this"));
    let root = manifest.join("../../dictionaries");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut dicts = Vec::new();
    let mut tests = Vec::new();
    if root.is_dir() {
        walk(&root, &mut |p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if rel.starts_with("tests/") {
                if name.ends_with(".jsonl") {
                    tests.push((rel, p.to_path_buf()));
                }
            } else if name.ends_with(".txt") {
                dicts.push((rel, p.to_path_buf()));
            }
        });
    }
    dicts.sort();
    tests.sort();
    let version = std::fs::read_to_string(root.join("VERSION")).unwrap_or_default();
    let mut out = String::new();
    let _ = writeln!(out, "/// The defaults' release (`dictionaries/VERSION`).");
    let _ = writeln!(out, "pub const RELEASE: &str = {:?};", version.trim());
    for (what, list) in [("FILES", &dicts), ("TESTS", &tests)] {
        let _ = writeln!(
            out,
            "/// `dictionaries/` {} as (path under `dictionaries/`, text).",
            what.to_lowercase()
        );
        let _ = writeln!(out, "pub const {what}: &[(&str, &str)] = &[");
        for (rel, path) in list.iter() {
            println!("cargo:rerun-if-changed={}", path.display());
            let _ = writeln!(
                out,
                "    ({rel:?}, include_str!({:?})),",
                path.display().to_string()
            );
        }
        let _ = writeln!(out, "];");
    }
    println!("cargo:rerun-if-changed={}", root.join("VERSION").display());
    let dest =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets this")).join("defaults.rs");
    std::fs::write(dest, out).expect("writing defaults.rs");
}

fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in rd.flatten() {
        let p = entry.path();
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            walk(&p, f);
        } else {
            f(&p);
        }
    }
}
