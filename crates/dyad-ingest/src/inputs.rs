//! The I/O edge of ingestion: turning command-line inputs (files, directories, glob
//! patterns, `-`) into sources, and reading one source's bytes.

use std::io::Read;
use std::path::{Path, PathBuf};

use dyad_types::Origin;

use crate::common::skipped;
use crate::{parse_bytes, IngestOptions, InputSource, Record, SkipReason, Skipped};

fn skip(input: &str, reason: SkipReason) -> Skipped {
    Skipped {
        origin: Origin {
            path: input.to_string(),
            ..Origin::default()
        },
        reason,
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Expands inputs into sources, in a deterministic order: `-` is standard input; a file is
/// itself; a directory gives its files recursively (sorted by path, hidden files and
/// directories left out); a pattern with `*`, `?` or `[` is a glob (matches sorted). A
/// missing path, a pattern that matches nothing, and unreadable entries are reported as
/// [`Skipped`] in place.
pub fn expand_inputs(inputs: &[String]) -> Vec<Result<InputSource, Skipped>> {
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" {
            out.push(Ok(InputSource {
                path: PathBuf::from("-"),
            }));
            continue;
        }
        let path = Path::new(input);
        if path.is_dir() {
            let walker = walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() => out.push(Ok(InputSource {
                        path: e.into_path(),
                    })),
                    Ok(_) => {}
                    Err(e) => {
                        let p = e
                            .path()
                            .map_or_else(|| input.clone(), |p| p.display().to_string());
                        out.push(Err(skip(
                            &p,
                            SkipReason::Unreadable {
                                message: e.to_string(),
                            },
                        )));
                    }
                }
            }
        } else if path.exists() {
            out.push(Ok(InputSource {
                path: path.to_path_buf(),
            }));
        } else if input.contains(['*', '?', '[']) {
            match glob::glob(input) {
                Ok(paths) => {
                    let mut found: Vec<Result<PathBuf, Skipped>> = paths
                        .map(|r| {
                            r.map_err(|e| {
                                skip(
                                    &e.path().display().to_string(),
                                    SkipReason::Unreadable {
                                        message: e.error().to_string(),
                                    },
                                )
                            })
                        })
                        .filter(|r| r.as_ref().map_or(true, |p| p.is_file()))
                        .collect();
                    if found.is_empty() {
                        out.push(Err(skip(input, SkipReason::NoMatch)));
                    }
                    found.sort_by(|a, b| match (a, b) {
                        (Ok(a), Ok(b)) => a.cmp(b),
                        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
                        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
                        (Err(a), Err(b)) => a.origin.path.cmp(&b.origin.path),
                    });
                    out.extend(
                        found
                            .into_iter()
                            .map(|r| r.map(|path| InputSource { path })),
                    );
                }
                Err(e) => out.push(Err(skip(
                    input,
                    SkipReason::Unreadable {
                        message: format!("bad pattern: {e}"),
                    },
                ))),
            }
        } else {
            out.push(Err(skip(input, SkipReason::NotFound)));
        }
    }
    out
}

/// Reads one source (the file, or all of standard input) and parses it with
/// [`parse_bytes`]. A read error becomes one [`Record::Skipped`].
pub fn read_source(src: &InputSource, opts: &IngestOptions) -> Vec<Record> {
    let name = src.path.display().to_string();
    let origin = Origin {
        path: name,
        ..Origin::default()
    };
    let bytes = if src.is_stdin() {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(&src.path)
    };
    match bytes {
        Ok(b) => parse_bytes(&b, origin, opts),
        Err(e) => vec![skipped(
            origin,
            SkipReason::Unreadable {
                message: e.to_string(),
            },
        )],
    }
}
