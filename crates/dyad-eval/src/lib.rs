//! Gold-standard suites for dyad's event coder, and how a coder's output is scored on them.
//!
//! Four suite formats are read into one shape, [`Suite`]: TABARI's `Validate.project` /
//! `Validate.text`, PETRARCH's `PETR.UnitTest.records.xml`, UniversalPetrarch's
//! `PETR_Validate_records_2_02.xml` (with its CoNLL-U parses), and dyad's own gold JSON
//! lines (`docs/gold-format.md`). Each record keeps the suite's expected events as the
//! suite writes them, and how the suite's own validator checks it ([`Check`]).
//!
//! [`score`] compares a coder's [`Prediction`]s with a suite and gives a [`Report`]:
//! per-record pass/fail, exact-match count over evaluated records, and per-root
//! precision/recall. Reading does I/O only in [`read_suite`]; the `parse_*` functions and
//! the scorer are pure.
//!
//! ```
//! use dyad_eval::{parse_gold, score, GoldEvent, Prediction};
//! let gold = r#"{"id":"g1","date":"2024-01-02","text":"Iraq praised the US.","events":[{"source":"IRQ","target":"USA","code":"051"}]}"#;
//! let (records, warnings) = parse_gold(gold);
//! assert!(warnings.is_empty());
//! let suite = dyad_eval::Suite::from_records(dyad_eval::SuiteKind::Gold, records);
//! let got = Prediction {
//!     record_id: "g1".into(),
//!     events: vec![GoldEvent::new("IRQ", "USA", "051")],
//!     diagnostics: vec![],
//! };
//! let report = score(&suite, &[got]);
//! assert_eq!(report.render(false).lines().last(), Some("exact: 1/1 records"));
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

mod gold;
mod score;
mod tabari;
mod xmlsuite;

pub use gold::parse_gold;
pub use score::{
    attribute_errors, score, Attribution, Prediction, RecordResult, Report, RootStats,
};
pub use tabari::{parse_tabari_project, parse_tabari_text, TabariProject};
pub use xmlsuite::{neutralise_xml, parse_petrarch_xml, parse_up_xml, XmlSuite};

/// Which suite format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SuiteKind {
    /// TABARI: a `.project` file naming dictionaries and `.text` record files.
    Tabari,
    /// PETRARCH (PETRARCH-1/2): `PETR.UnitTest.records.xml` with Penn Treebank parses.
    Petrarch,
    /// UniversalPetrarch: `PETR_Validate_records_*.xml` with CoNLL-U parses.
    Up,
    /// dyad's own gold JSON lines (`docs/gold-format.md`).
    Gold,
}

impl SuiteKind {
    /// The name used on the command line (`tabari`, `petrarch`, `up`, `gold`).
    pub fn name(self) -> &'static str {
        match self {
            SuiteKind::Tabari => "tabari",
            SuiteKind::Petrarch => "petrarch",
            SuiteKind::Up => "up",
            SuiteKind::Gold => "gold",
        }
    }

    /// Parses a command-line name (case-insensitive; `universalpetrarch` and `petrarch2`
    /// are accepted too).
    pub fn from_name(name: &str) -> Option<SuiteKind> {
        match name.to_ascii_lowercase().as_str() {
            "tabari" => Some(SuiteKind::Tabari),
            "petrarch" | "petrarch2" | "petr" => Some(SuiteKind::Petrarch),
            "up" | "universalpetrarch" => Some(SuiteKind::Up),
            "gold" | "jsonl" => Some(SuiteKind::Gold),
            _ => None,
        }
    }
}

impl fmt::Display for SuiteKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A dictionary file a suite names, resolved relative to the suite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictFile {
    /// Resolved path (it may not exist: [`Suite::warnings`] says so).
    pub path: PathBuf,
    /// `"actors"`, `"agents"`, `"verbs"`, `"discards"`, `"issues"`, `"options"` or
    /// `"ontology"`.
    pub kind: &'static str,
}

/// One expected (or predicted) event: codes as the suite writes them, whitespace
/// normalised (trimmed, inner runs collapsed to one space).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct GoldEvent {
    /// Source actor code, e.g. `ARNGOV`, `---GOV`, `"INJURY TOLL"`.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO event code, e.g. `064`, `1011`, `174K`.
    pub code: String,
}

impl GoldEvent {
    /// An event from its three codes, whitespace normalised.
    pub fn new(source: &str, target: &str, code: &str) -> GoldEvent {
        GoldEvent {
            source: norm_ws(source),
            target: norm_ws(target),
            code: norm_ws(code),
        }
    }

    /// The CAMEO root: the first two characters of the code when they are digits,
    /// otherwise `"--"` (null or malformed codes are pooled, not dropped).
    pub fn root(&self) -> String {
        code_root(&self.code)
    }
}

impl fmt::Display for GoldEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {} / {}", self.source, self.target, self.code)
    }
}

/// The CAMEO root of a code (first two digits), `"--"` when it has none.
pub fn code_root(code: &str) -> String {
    let b = code.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_digit() && b[1].is_ascii_digit() {
        code[..2].to_string()
    } else {
        "--".to_string()
    }
}

/// How a record's prediction is checked, following the suite's own validator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// The predicted event multiset must equal the expected one (no events expected:
    /// no events predicted).
    Exact,
    /// Every expected event must be predicted; further events are allowed. TABARI writes
    /// this as a `-{…}` block after the required ones ("skip check of the remaining").
    AtLeast,
    /// The suite's validator passes the record whatever is coded: TABARI `OPTION:`
    /// records and records whose first block is `-{…}`. Counted as passes (as TABARI
    /// counted them) and reported separately.
    Unchecked,
}

/// One gold record.
#[derive(Debug, Clone)]
pub struct GoldRecord {
    /// Record ID as the suite writes it; a repeated ID gets `#2`, `#3`… so IDs are unique.
    pub id: String,
    /// Date as `YYYYMMDD` (TABARI's `YYMMDD` gets a century: `50`–`99` → 19xx).
    pub date: String,
    /// The raw sentence text, whitespace normalised, suite comments removed.
    pub text: String,
    /// Expected events (empty: the record expects no event).
    pub expected: Vec<GoldEvent>,
    /// Whether the record counts (UniversalPetrarch `evaluate="false"` and categories
    /// outside its `<Include>` list, TABARI's start record and the records after its end
    /// record are read but not evaluated).
    pub evaluate: bool,
    /// UniversalPetrarch's CoNLL-U parse of the text, for `--given-parse`.
    pub parse: Option<dyad_conllu::Sentence>,
    /// The suite's category (`DEMO`, `COMPOUND`…; for TABARI the ID prefix).
    pub category: Option<String>,
    /// 1-based line of the record's start in its file.
    pub line: usize,
    /// How the prediction is checked.
    pub check: Check,
    /// The no-event marker as the suite writes it (`{---}`, `{+++}`, `noevents`,
    /// `error=dateline`…), when the record expects no event because of one.
    pub marker: Option<String>,
    /// Suite settings in force for this record, as `name=value` (PETRARCH/UP `<Config>`)
    /// or TABARI `OPTION:` commands seen so far, in file order.
    pub options: Vec<String>,
}

impl GoldRecord {
    /// A record with the given ID, date and text, expecting `expected`, checked exactly.
    pub fn new(id: &str, date: &str, text: &str, expected: Vec<GoldEvent>) -> GoldRecord {
        GoldRecord {
            id: id.to_string(),
            date: date.to_string(),
            text: norm_ws(text),
            expected,
            evaluate: true,
            parse: None,
            category: None,
            line: 0,
            check: Check::Exact,
            marker: None,
            options: Vec::new(),
        }
    }
}

/// A suite read from disk.
#[derive(Debug, Clone)]
pub struct Suite {
    /// Its format.
    pub kind: SuiteKind,
    /// The file it was read from.
    pub path: PathBuf,
    /// Dictionaries the suite names, resolved relative to the suite file.
    pub dictionaries: Vec<DictFile>,
    /// Its records, in file order.
    pub records: Vec<GoldRecord>,
    /// Things worth knowing about the file: repaired markup, skipped records, missing
    /// dictionaries, malformed lines (with line numbers).
    pub warnings: Vec<String>,
}

impl Suite {
    /// A suite made in memory (tests, or records built by a caller).
    pub fn from_records(kind: SuiteKind, records: Vec<GoldRecord>) -> Suite {
        let mut s = Suite {
            kind,
            path: PathBuf::new(),
            dictionaries: Vec::new(),
            records,
            warnings: Vec::new(),
        };
        dedupe_ids(&mut s.records, &mut s.warnings);
        s
    }

    /// Records that count towards the exact-match score.
    pub fn evaluated(&self) -> impl Iterator<Item = &GoldRecord> {
        self.records.iter().filter(|r| r.evaluate)
    }

    /// The dictionary files of one kind.
    pub fn dictionaries_of(&self, kind: &str) -> Vec<&Path> {
        self.dictionaries
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.path.as_path())
            .collect()
    }
}

/// Why a suite could not be read.
#[derive(Debug)]
pub enum EvalError {
    /// A file could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not in the expected format at all (malformed single records are
    /// warnings, not errors).
    Format {
        /// The file.
        path: PathBuf,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            EvalError::Format {
                path,
                line: Some(l),
                message,
            } => write!(f, "{}:{}: {}", path.display(), l, message),
            EvalError::Format {
                path,
                line: None,
                message,
            } => write!(f, "{}: {}", path.display(), message),
        }
    }
}

impl std::error::Error for EvalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EvalError::Io { source, .. } => Some(source),
            EvalError::Format { .. } => None,
        }
    }
}

fn read_text(path: &Path) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // The peer files are ASCII/UTF-8, but one stray Latin-1 byte must not lose a suite.
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

/// Guesses a suite's format from its name and, for XML, its first bytes.
///
/// `.project`/`.text` → TABARI; `.jsonl`/`.json` → gold; `.xml` → UniversalPetrarch when
/// it has a `<PICOfile>` or `evaluate=` attributes (or CoNLL-U parses), else PETRARCH.
pub fn detect_kind(path: &Path) -> Option<SuiteKind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())?;
    match ext.as_str() {
        "project" | "text" => Some(SuiteKind::Tabari),
        "jsonl" | "json" | "ndjson" => Some(SuiteKind::Gold),
        "xml" => {
            let text = read_text(path).ok()?;
            Some(xmlsuite::sniff_xml(&text))
        }
        _ => None,
    }
}

/// Reads a suite; dictionary paths are resolved relative to the suite file, as each
/// suite names them.
pub fn read_suite(kind: SuiteKind, path: &Path) -> Result<Suite, EvalError> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut suite = Suite {
        kind,
        path: path.to_path_buf(),
        dictionaries: Vec::new(),
        records: Vec::new(),
        warnings: Vec::new(),
    };
    match kind {
        SuiteKind::Tabari => {
            let is_project = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("project"));
            let text_files = if is_project {
                let project = parse_tabari_project(&read_text(path)?);
                suite.warnings.extend(project.warnings);
                for (kind, file) in project.dictionaries {
                    suite.dictionaries.push(DictFile {
                        path: dir.join(file),
                        kind,
                    });
                }
                project.text_files.iter().map(|f| dir.join(f)).collect()
            } else {
                vec![path.to_path_buf()]
            };
            if text_files.is_empty() {
                return Err(EvalError::Format {
                    path: path.to_path_buf(),
                    line: None,
                    message: "the project names no <textfile>".into(),
                });
            }
            for tf in text_files {
                let (records, warnings) = parse_tabari_text(&read_text(&tf)?);
                let name = tf.display().to_string();
                suite
                    .warnings
                    .extend(warnings.into_iter().map(|w| format!("{name}: {w}")));
                suite.records.extend(records);
            }
        }
        SuiteKind::Petrarch | SuiteKind::Up => {
            let text = read_text(path)?;
            let parsed = if kind == SuiteKind::Up {
                parse_up_xml(&text)
            } else {
                parse_petrarch_xml(&text)
            }
            .map_err(|(line, message)| EvalError::Format {
                path: path.to_path_buf(),
                line: Some(line),
                message,
            })?;
            suite.warnings.extend(parsed.warnings);
            if let (SuiteKind::Petrarch, Some(include)) = (kind, &parsed.include) {
                let outside: Vec<&str> = parsed
                    .records
                    .iter()
                    .filter(|r| {
                        r.category
                            .as_deref()
                            .is_some_and(|c| !include.iter().any(|i| i == c))
                    })
                    .map(|r| r.id.as_str())
                    .collect();
                if !outside.is_empty() {
                    suite.warnings.push(format!(
                        "{} record(s) have a category outside <Include> ({}); evaluated anyway, as the PETRARCH-2 baseline counts them",
                        outside.len(),
                        outside.join(", ")
                    ));
                }
            }
            for (kind, file) in parsed.dictionaries {
                suite.dictionaries.push(DictFile {
                    path: dir.join(file),
                    kind,
                });
            }
            suite.records = parsed.records;
        }
        SuiteKind::Gold => {
            let (dicts, records, warnings) = gold::parse_gold_full(&read_text(path)?);
            suite.warnings.extend(warnings);
            for (kind, file) in dicts {
                suite.dictionaries.push(DictFile {
                    path: dir.join(file),
                    kind,
                });
            }
            suite.records = records;
        }
    }
    for d in &suite.dictionaries {
        if !d.path.exists() {
            suite.warnings.push(format!(
                "{} dictionary {} does not exist",
                d.kind,
                d.path.display()
            ));
        }
    }
    dedupe_ids(&mut suite.records, &mut suite.warnings);
    Ok(suite)
}

/// Makes record IDs unique (`ID#2`, `ID#3`…) so predictions can be matched by ID.
fn dedupe_ids(records: &mut [GoldRecord], warnings: &mut Vec<String>) {
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for r in records.iter_mut() {
        let n = seen.entry(r.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let new_id = format!("{}#{}", r.id, n);
            warnings.push(format!(
                "line {}: record ID {:?} repeats; renamed {:?}",
                r.line, r.id, new_id
            ));
            r.id = new_id;
        }
    }
}

/// Trims and collapses inner whitespace runs to one space.
pub(crate) fn norm_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Kind names for dictionary files, as `&'static str` for [`DictFile::kind`].
pub(crate) fn dict_kind(name: &str) -> Option<&'static str> {
    match name.to_ascii_lowercase().as_str() {
        "actors" | "actor" | "actorfile" | "actorsfile" => Some("actors"),
        "agents" | "agent" | "agentfile" | "agentsfile" => Some("agents"),
        "verbs" | "verb" | "verbfile" | "verbsfile" => Some("verbs"),
        "discards" | "discard" | "discardfile" | "discardsfile" => Some("discards"),
        "issues" | "issue" | "issuefile" | "issuesfile" => Some("issues"),
        "options" | "option" | "optionsfile" => Some("options"),
        "ontology" | "pico" | "picofile" => Some("ontology"),
        _ => None,
    }
}
