//! Event-coding dictionaries: reads TABARI, PETRARCH-1 and PETRARCH-2 actor, agent, verb,
//! discard and issue files as they are, compiles them for fast matching, and lints them.
//!
//! # Loading
//!
//! [`load_paths`] reads files and folders (the kind of each file is told from its name,
//! and for verbs its pattern style from its content; [`LoadOptions`] can override both).
//! A malformed line becomes a [`Diagnostic`] (`file:line: message`, the line, a caret) and
//! reading goes on; with [`LoadOptions::strict`] any error fails the load. Every entry
//! keeps its file and line, so a coder can report which entries fired as `file:line`
//! ([`Dictionaries::loc`]). [`Dictionaries::version`] hashes the files' contents.
//!
//! # Match semantics
//!
//! * **Normalisation.** Dictionary words and text tokens are compared in upper case. In
//!   names and phrases, `_` and spaces both separate words (PETRARCH-2 reads them so; the
//!   TABARI distinction between "adjacent" and "may skip words" is kept in the parsed form
//!   of verb patterns but not in actor, agent, discard or issue matching, where words are
//!   always consecutive).
//! * **Stems.** An actor name or discard phrase that does not end with `_` is a TABARI
//!   stem: its last word matches any token that starts with it (`ARGENTIN` matches
//!   `ARGENTINA`); a trailing `_` asks for the whole word. So is a verb of a TABARI file
//!   (one without `---` families). [`CompileOptions::stems`] turns stems off, which is
//!   PETRARCH-2's reading (complete words only). Agents and issues never stem: their
//!   plurals and verb forms are spelled out instead (`{...}`, `n:`, `v:`, or PETRARCH's
//!   regular forms).
//! * **Acronyms.** A one-word actor match of at most three letters is dropped when the
//!   text writes it all in lower case (`US` the country, `us` the pronoun).
//! * **Leftmost-longest.** Scanning tokens left to right, the longest phrase starting at
//!   the leftmost position wins; at equal length an exact phrase beats a stem. Matches do
//!   not overlap.
//! * **First entry wins.** When several entries share a phrase they are kept in file order
//!   (files in load order) and the first is the one that applies.
//! * **Dates.** An actor's dated codes are tried in order and the first whose range holds
//!   on the article's date applies; an undated `[C]` applies when none does, wherever it
//!   is written. `[C >D]` holds from D on, `[C <D]` before D, `[C D1-D2]` on D1 through
//!   D2, both days (PETRARCH's reading; [`DateRange`]). A role that ends on the day the
//!   next begins leaves that day to the code written first.
//! * **Verbs** are indexed by the head word of each verb (its lemma), and by every
//!   inflected form (`{...}` forms, or PETRARCH's regular forms); a verb leads to its
//!   family, whose patterns (in file order) and default code apply to all its verbs.
//!   A multi-word verb (`+CORDON_OFF`, `WIRE_+TAP`) is indexed by its `+` word; the
//!   caller checks the other words ([`VerbForm`]).
//! * **Diagnostics and provenance.** Lines that cannot be read are errors (skipped);
//!   lines read with a repair are warnings; nothing stops a load unless it is strict.
//!
//! ```
//! use dyad_dict::{DictDate, Dictionaries, DictKind};
//! let actors = "GEORGE_W._BUSH_\n\t[USAELI 19460706-20010120]\n\t[USAGOV 20010120-20090120]\n\t[USAELI]\n\
//!               UNITED_STATES_ [USA]\n+AMERICAN_\nUNITED_ [---]\n";
//! let (d, diags) = Dictionaries::from_texts(&[("test.actors", actors, Some(DictKind::Actors))]);
//! assert!(diags.is_empty());
//! let toks = ["The", "United", "States", "and", "George", "W.", "Bush"];
//! let found = d.match_actors(&toks);
//! assert_eq!((found[0].start, found[0].end), (1, 3));   // longest: not `UNITED`
//! let bush = found[1].values[0];
//! let on = |s| d.actor_code(bush, DictDate::parse(s)).map(|c| c.code.as_str());
//! assert_eq!(on("20050101"), Some("USAGOV"));
//! assert_eq!(on("20090120"), Some("USAGOV"));           // an interval holds on both days
//! assert_eq!(on("20090121"), Some("USAELI"));
//! assert_eq!(d.loc(d.actors[bush as usize].file, d.actors[bush as usize].line), "test.actors:1");
//! ```

pub mod actors;
pub mod agents;
pub mod cameo;
mod check;
mod date;
pub mod defaults;
mod diag;
pub mod discards;
pub mod issues;
mod lines;
pub mod matcher;
pub mod other;
mod stats;
pub mod verbs;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use actors::{ActorCode, ActorEntry, ActorName, ActorWordLists};
pub use agents::{AgentEntry, AgentMarker, AgentPlacement};
pub use check::{check, check_with, CheckOptions};
pub use date::{DateRange, DictDate};
pub use diag::{Diagnostic, Severity};
pub use discards::DiscardEntry;
pub use issues::{IssueEntry, IssueKind};
pub use matcher::{FxMap, Match, PhraseMatcher};
pub use other::{PicoEntry, TabariSetting};
pub use stats::{FileStats, Stats};
pub use verbs::{
    Elem, Item, Pattern, Synset, SynsetMember, TimeEntry, Transformation, VerbCode, VerbEntry,
    VerbFamily, VerbFile, VerbForm, VerbStyle,
};

/// Index of a file in [`Dictionaries::files`].
pub type FileId = u16;

/// What a dictionary file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DictKind {
    /// Actors (names → codes with dates).
    Actors,
    /// Agents (role nouns → sector codes).
    Agents,
    /// Verbs with TABARI / PETRARCH-1 patterns.
    VerbsTabari,
    /// Verbs with PETRARCH-2 patterns.
    VerbsPetrarch2,
    /// Discard phrases.
    Discards,
    /// Issue phrases.
    Issues,
    /// UniversalPetrarch's internal coding ontology (PICO).
    Ontology,
    /// TABARI `.options`.
    TabariOptions,
    /// TABARI `.project`.
    TabariProject,
    /// A plain word list (PETRARCH's prepositions).
    WordList,
}

impl DictKind {
    /// Short name, as accepted by [`DictKind::parse`].
    pub fn name(self) -> &'static str {
        match self {
            DictKind::Actors => "actors",
            DictKind::Agents => "agents",
            DictKind::VerbsTabari => "verbs-tabari",
            DictKind::VerbsPetrarch2 => "verbs-petrarch2",
            DictKind::Discards => "discards",
            DictKind::Issues => "issues",
            DictKind::Ontology => "ontology",
            DictKind::TabariOptions => "options",
            DictKind::TabariProject => "project",
            DictKind::WordList => "words",
        }
    }

    /// Parses a short name as printed by [`DictKind::name`]; `verbs-petrarch1` is an alias
    /// of `verbs-tabari` (PETRARCH-1 kept TABARI's pattern language).
    pub fn parse(s: &str) -> Option<DictKind> {
        if s == "verbs-petrarch1" {
            return Some(DictKind::VerbsTabari);
        }
        let all = [
            DictKind::Actors,
            DictKind::Agents,
            DictKind::VerbsTabari,
            DictKind::VerbsPetrarch2,
            DictKind::Discards,
            DictKind::Issues,
            DictKind::Ontology,
            DictKind::TabariOptions,
            DictKind::TabariProject,
            DictKind::WordList,
        ];
        all.into_iter().find(|k| k.name() == s)
    }

    /// Tells the kind from a file name, and for verbs the style from the content.
    /// `None` for files that are not dictionaries (texts, records, configs).
    pub fn detect(name: &str, text: &str) -> Option<DictKind> {
        let base = Path::new(name)
            .file_name()
            .map(|s| s.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let has = |s: &str| base.contains(s);
        if base.ends_with(".xml")
            || base.ends_with(".text")
            || base.ends_with(".md")
            || base.ends_with(".json")
            || base.ends_with(".jsonl")
            || base.ends_with(".ini")
        {
            return None;
        }
        Some(if has("ontology") {
            DictKind::Ontology
        } else if base.ends_with(".options") {
            DictKind::TabariOptions
        } else if base.ends_with(".project") {
            DictKind::TabariProject
        } else if has("actor") {
            DictKind::Actors
        } else if has("agent") {
            DictKind::Agents
        } else if has("discard") {
            DictKind::Discards
        } else if has("issue") {
            DictKind::Issues
        } else if has("preposition") {
            DictKind::WordList
        } else if has("verb") || (base.starts_with("cameo") && base.ends_with(".txt")) {
            match verbs::sniff_style(text) {
                VerbStyle::Tabari => DictKind::VerbsTabari,
                VerbStyle::Petrarch2 => DictKind::VerbsPetrarch2,
            }
        } else {
            return None;
        })
    }
}

impl fmt::Display for DictKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How to build the compiled matchers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompileOptions {
    /// Honour TABARI stems: a name, or discard phrase, or TABARI verb, that does not end
    /// in `_` matches any word starting with it. Off gives PETRARCH-2's behaviour, which
    /// matches complete words only. Default: on.
    pub stems: bool,
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions { stems: true }
    }
}

/// How to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// How to compile the matchers.
    pub compile: CompileOptions,
    /// Fail when any line has an error (default: report and go on).
    pub strict: bool,
    /// Use this kind for every file given explicitly (not for files found in folders).
    pub kind: Option<DictKind>,
    /// Kinds for particular paths (beat detection and `kind`).
    pub kinds: Vec<(PathBuf, DictKind)>,
}

/// Why a load failed as a whole.
#[derive(Debug)]
pub enum LoadError {
    /// A file or folder could not be read.
    Io {
        /// The path.
        path: String,
        /// The system's message.
        message: String,
    },
    /// A file given by name is not of a kind we can tell; pass its kind explicitly.
    UnknownKind {
        /// The path.
        path: String,
    },
    /// `strict` was set and some lines had errors.
    Strict {
        /// All diagnostics of the load.
        diagnostics: Vec<Diagnostic>,
    },
    /// More files than a [`FileId`] can number.
    TooManyFiles,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, message } => write!(f, "{path}: {message}"),
            LoadError::UnknownKind { path } => {
                write!(
                    f,
                    "{path}: cannot tell what kind of dictionary this is; give its kind"
                )
            }
            LoadError::Strict { diagnostics } => {
                let n = diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                write!(f, "{n} error(s) in dictionaries (strict mode)")
            }
            LoadError::TooManyFiles => write!(f, "too many dictionary files"),
        }
    }
}

impl std::error::Error for LoadError {}

/// One loaded file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as given (or found in a folder).
    pub path: String,
    /// Its kind.
    pub kind: DictKind,
    /// 64-bit FNV-1a hash of its bytes.
    pub hash: u64,
    /// Its size in bytes.
    pub bytes: usize,
}

/// Where a verb is: verb file, family and verb indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VerbRef {
    /// Index in [`Dictionaries::verbs`].
    pub file: u16,
    /// Index in [`VerbFile::families`].
    pub family: u32,
    /// Index in [`VerbFamily::verbs`].
    pub verb: u32,
}

/// The compiled (matching) form of a dictionary set.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    /// Actor names → indices into [`Dictionaries::actors`].
    pub actors: PhraseMatcher<u32>,
    /// Agent forms → indices into [`Dictionaries::agents`].
    pub agents: PhraseMatcher<u32>,
    /// Discard phrases → indices into [`Dictionaries::discards`].
    pub discards: PhraseMatcher<u32>,
    /// Issue forms → indices into [`Dictionaries::issues`].
    pub issues: PhraseMatcher<u32>,
    /// Verb head word (lemma) → verbs.
    pub verb_lemmas: FxMap<String, Vec<VerbRef>>,
    /// Every inflected head word → verbs.
    pub verb_forms: FxMap<String, Vec<VerbRef>>,
    /// TABARI verb stems (head words of verbs in stemmed files that do not end in `_`).
    pub verb_stems: FxMap<String, Vec<VerbRef>>,
}

/// A loaded set of dictionaries: the parsed source form (every entry with its
/// `file:line`) and the compiled matchers.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    /// The files, in load order.
    pub files: Vec<SourceFile>,
    /// Actors, in load order.
    pub actors: Vec<ActorEntry>,
    /// TABARI `<NOUN>` / `<ADJECTIVE>` lists of actor files.
    pub actor_words: Vec<(FileId, ActorWordLists)>,
    /// Agents.
    pub agents: Vec<AgentEntry>,
    /// Agent substitution sets, per file.
    pub agent_markers: Vec<(FileId, Vec<AgentMarker>)>,
    /// Verb files (both styles; PETRARCH-2 synsets live in them).
    pub verbs: Vec<VerbFile>,
    /// Discards.
    pub discards: Vec<DiscardEntry>,
    /// Issues.
    pub issues: Vec<IssueEntry>,
    /// PICO ontology entries.
    pub ontology: Vec<PicoEntry>,
    /// TABARI options and project settings.
    pub settings: Vec<TabariSetting>,
    /// Word lists (e.g. prepositions), per file.
    pub word_lists: Vec<(FileId, Vec<(String, u32)>)>,
    /// The compiled matchers.
    pub compiled: Compiled,
    /// The options the matchers were compiled with.
    pub compile_options: CompileOptions,
    /// A release name for the set (the defaults' `dictionaries/VERSION`), put in front of
    /// the content hash by [`Dictionaries::version`].
    pub release: Option<String>,
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Dictionaries {
    /// Parses in-memory files: `(name, text, kind)`; `None` detects the kind from the name
    /// (files of unknown kind are skipped with a diagnostic). Pure: no I/O.
    pub fn from_texts(files: &[(&str, &str, Option<DictKind>)]) -> (Dictionaries, Vec<Diagnostic>) {
        let mut d = Dictionaries::default();
        let mut diags = Vec::new();
        for (name, text, kind) in files {
            let Some(kind) = kind.or_else(|| DictKind::detect(name, text)) else {
                diags.push(Diagnostic::new(
                    name,
                    0,
                    Severity::Error,
                    "cannot tell the kind of this file; skipped",
                    "",
                    0,
                ));
                continue;
            };
            if d.files.len() >= usize::from(u16::MAX) {
                diags.push(Diagnostic::new(
                    name,
                    0,
                    Severity::Error,
                    "too many files; skipped",
                    "",
                    0,
                ));
                continue;
            }
            diags.extend(d.add_text(name, text.as_bytes(), kind));
        }
        d.compile();
        (d, diags)
    }

    /// Parses one file's bytes into the set (not yet compiled).
    fn add_text(&mut self, name: &str, bytes: &[u8], kind: DictKind) -> Vec<Diagnostic> {
        let id = self.files.len() as FileId;
        self.files.push(SourceFile {
            path: name.to_string(),
            kind,
            hash: fnv1a(bytes),
            bytes: bytes.len(),
        });
        let (text, latin1) = lines::decode(bytes);
        let mut sink = diag::Sink::new(name);
        if latin1 && !matches!(kind, DictKind::TabariOptions | DictKind::TabariProject) {
            sink.warn(0, "", 0, "not UTF-8; read as Latin-1");
        }
        match kind {
            DictKind::Actors => {
                let (a, w) = actors::parse(&text, id, &mut sink);
                self.actors.extend(a);
                if w != ActorWordLists::default() {
                    self.actor_words.push((id, w));
                }
            }
            DictKind::Agents => {
                let (a, m) = agents::parse(&text, id, &mut sink);
                self.agents.extend(a);
                self.agent_markers.push((id, m));
            }
            DictKind::VerbsTabari => {
                self.verbs
                    .push(verbs::parse(&text, id, VerbStyle::Tabari, &mut sink))
            }
            DictKind::VerbsPetrarch2 => {
                self.verbs
                    .push(verbs::parse(&text, id, VerbStyle::Petrarch2, &mut sink))
            }
            DictKind::Discards => self.discards.extend(discards::parse(&text, id, &mut sink)),
            DictKind::Issues => self.issues.extend(issues::parse(&text, id, &mut sink)),
            DictKind::Ontology => self
                .ontology
                .extend(other::parse_pico(&text, id, &mut sink)),
            DictKind::TabariOptions => self
                .settings
                .extend(other::parse_options(&text, id, &mut sink)),
            DictKind::TabariProject => self
                .settings
                .extend(other::parse_project(&text, id, &mut sink)),
            DictKind::WordList => self.word_lists.push((id, other::parse_word_list(&text))),
        }
        sink.diags
    }

    /// Builds the compiled matchers from the parsed entries, with default options.
    pub fn compile(&mut self) {
        self.compile_with(CompileOptions::default());
    }

    /// Builds the compiled matchers from the parsed entries.
    pub fn compile_with(&mut self, opts: CompileOptions) {
        let mut c = Compiled::default();
        self.compile_options = opts;
        for (i, a) in self.actors.iter().enumerate() {
            for n in &a.names {
                c.actors.insert(&n.words, n.stem && opts.stems, i as u32);
            }
        }
        for (i, a) in self.agents.iter().enumerate() {
            // Agents match whole words: PETRARCH-2 spells out plurals instead of stemming.
            for f in &a.forms {
                c.agents.insert(f, false, i as u32);
            }
        }
        for (i, d) in self.discards.iter().enumerate() {
            c.discards.insert(&d.words, d.stem && opts.stems, i as u32);
        }
        for (i, e) in self.issues.iter().enumerate() {
            for f in &e.forms {
                c.issues.insert(f, false, i as u32);
            }
        }
        for (vi, vf) in self.verbs.iter().enumerate() {
            for (fi, fam) in vf.families.iter().enumerate() {
                for (ei, v) in fam.verbs.iter().enumerate() {
                    let r = VerbRef {
                        file: vi as u16,
                        family: fi as u32,
                        verb: ei as u32,
                    };
                    c.verb_lemmas
                        .entry(v.form.head_word().to_string())
                        .or_default()
                        .push(r);
                    if opts.stems && vf.stemmed && !v.form.exact && v.forms.is_none() {
                        c.verb_stems
                            .entry(v.form.head_word().to_string())
                            .or_default()
                            .push(r);
                        continue;
                    }
                    let mut forms = v.inflections();
                    forms.push(v.form.head_word().to_string());
                    forms.sort();
                    forms.dedup();
                    for f in forms {
                        c.verb_forms.entry(f).or_default().push(r);
                    }
                }
            }
        }
        self.compiled = c;
    }

    /// `path:line` of an entry.
    pub fn loc(&self, file: FileId, line: u32) -> String {
        let path = self
            .files
            .get(usize::from(file))
            .map(|f| f.path.as_str())
            .unwrap_or("?");
        format!("{path}:{line}")
    }

    /// A version string for the set: a hash of the files' contents in load order, after
    /// the release name and a `+` when the set has one (`2026.11.0+1f2e…`).
    pub fn version(&self) -> String {
        let mut bytes = Vec::with_capacity(self.files.len() * 8);
        for f in &self.files {
            bytes.extend_from_slice(&f.hash.to_le_bytes());
        }
        match &self.release {
            Some(r) => format!("{r}+{:016x}", fnv1a(&bytes)),
            None => format!("{:016x}", fnv1a(&bytes)),
        }
    }

    /// Actor names in `tokens`, leftmost-longest; values index [`Dictionaries::actors`].
    /// A one-word match of at most three letters written all in lower case is dropped:
    /// such names are acronyms (`US`, `UN`, `EU`), and in lower case the word is something
    /// else ("told us", "un" in a French name).
    pub fn match_actors<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Match<'_, u32>> {
        let mut found = self.compiled.actors.find_all(tokens);
        found.retain(|m| {
            m.end != m.start + 1
                || !tokens.get(m.start).is_some_and(|t| {
                    let t = t.as_ref();
                    t.len() <= 3 && t.chars().all(|c| c.is_ascii_lowercase())
                })
        });
        found
    }

    /// Agent phrases in `tokens`; values index [`Dictionaries::agents`].
    pub fn match_agents<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Match<'_, u32>> {
        self.compiled.agents.find_all(tokens)
    }

    /// Discard phrases in `tokens`; values index [`Dictionaries::discards`].
    pub fn match_discards<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Match<'_, u32>> {
        self.compiled.discards.find_all(tokens)
    }

    /// Issue phrases in `tokens`; values index [`Dictionaries::issues`].
    pub fn match_issues<S: AsRef<str>>(&self, tokens: &[S]) -> Vec<Match<'_, u32>> {
        self.compiled.issues.find_all(tokens)
    }

    /// The code of actor `id` on `date` (see [`ActorEntry::code_on`]).
    pub fn actor_code(&self, id: u32, date: Option<DictDate>) -> Option<&ActorCode> {
        self.actors.get(id as usize)?.code_on(date)
    }

    /// Verbs whose head word (lemma) is `lemma` (any case), then TABARI stems that
    /// `lemma` starts with; in load order, without repeats.
    pub fn verbs_for_lemma(&self, lemma: &str) -> Vec<VerbRef> {
        let w = lines::normalize_word(lemma);
        let mut out: Vec<VerbRef> = self
            .compiled
            .verb_lemmas
            .get(w.as_str())
            .cloned()
            .unwrap_or_default();
        self.add_stems(&w, &mut out);
        out
    }

    /// Verbs with `word` among their inflected forms (any case), then TABARI stems that
    /// `word` starts with; in load order, without repeats.
    pub fn verbs_for_form(&self, word: &str) -> Vec<VerbRef> {
        let w = lines::normalize_word(word);
        let mut out: Vec<VerbRef> = self
            .compiled
            .verb_forms
            .get(w.as_str())
            .cloned()
            .unwrap_or_default();
        self.add_stems(&w, &mut out);
        out
    }

    fn add_stems(&self, w: &str, out: &mut Vec<VerbRef>) {
        if self.compiled.verb_stems.is_empty() {
            return;
        }
        for (i, _) in w
            .char_indices()
            .skip(1)
            .chain(std::iter::once((w.len(), ' ')))
        {
            if let Some(v) = self.compiled.verb_stems.get(&w[..i]) {
                for r in v {
                    if !out.contains(r) {
                        out.push(*r);
                    }
                }
            }
        }
    }

    /// The family (patterns, default code) of a verb.
    pub fn family(&self, r: VerbRef) -> Option<&VerbFamily> {
        self.verbs
            .get(usize::from(r.file))?
            .families
            .get(r.family as usize)
    }

    /// The verb itself.
    pub fn verb(&self, r: VerbRef) -> Option<&VerbEntry> {
        self.family(r)?.verbs.get(r.verb as usize)
    }

    /// A synset by name (`&NAME`; a trailing `_` is ignored), from the first verb file
    /// that defines it.
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        let n = lines::normalize_word(name.trim_end_matches('_'));
        self.verbs.iter().find_map(|v| v.synset(&n))
    }

    /// The code a verb has when no pattern matches: its own, else its family's.
    pub fn verb_code(&self, r: VerbRef) -> Option<&VerbCode> {
        let f = self.family(r)?;
        f.verbs
            .get(r.verb as usize)?
            .code
            .as_ref()
            .or(f.code.as_ref())
    }

    /// TABARI options and project settings with this keyword (case-insensitive), in
    /// file order: e.g. `COMPLEX`, `SET`, `LABEL`, or project tags such as `verbsfile`.
    pub fn settings(&self, key: &str) -> impl Iterator<Item = &TabariSetting> + '_ {
        let key = key.to_string();
        self.settings
            .iter()
            .filter(move |s| s.key.eq_ignore_ascii_case(&key))
    }

    /// Per-file counts.
    pub fn stats(&self, diags: &[Diagnostic]) -> Stats {
        Stats::new(self, diags)
    }
}

/// Expands folders (recursively, sorted) and keeps the files whose kind is known.
fn collect(
    paths: &[PathBuf],
    opts: &LoadOptions,
) -> Result<Vec<(PathBuf, Option<DictKind>, bool)>, LoadError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| LoadError::Io {
            path: p.display().to_string(),
            message: e.to_string(),
        })?;
        if meta.is_dir() {
            let mut stack = vec![p.clone()];
            let mut found = Vec::new();
            while let Some(dir) = stack.pop() {
                let rd = std::fs::read_dir(&dir).map_err(|e| LoadError::Io {
                    path: dir.display().to_string(),
                    message: e.to_string(),
                })?;
                for entry in rd.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else {
                        found.push(path);
                    }
                }
            }
            found.sort();
            out.extend(found.into_iter().map(|f| (f, None, false)));
        } else {
            out.push((p.clone(), opts.kind, true));
        }
    }
    for (path, kind, _) in &mut out {
        if let Some((_, k)) = opts.kinds.iter().find(|(q, _)| q == path) {
            *kind = Some(*k);
        }
    }
    Ok(out)
}

/// Loads dictionary files and folders. Files in folders whose kind cannot be told from
/// their names (texts, records, configs) are skipped; a file named explicitly must be
/// of a known kind.
pub fn load_paths(
    paths: &[PathBuf],
    opts: &LoadOptions,
) -> Result<(Dictionaries, Vec<Diagnostic>), LoadError> {
    let mut d = Dictionaries::default();
    let mut diags = Vec::new();
    for (path, kind, explicit) in collect(paths, opts)? {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| LoadError::Io {
            path: name.clone(),
            message: e.to_string(),
        })?;
        let kind = match kind {
            Some(k) => k,
            None => {
                let (text, _) = lines::decode(&bytes);
                match DictKind::detect(&name, &text) {
                    Some(k) => k,
                    None if explicit => return Err(LoadError::UnknownKind { path: name }),
                    None => continue,
                }
            }
        };
        if d.files.len() >= usize::from(u16::MAX) {
            return Err(LoadError::TooManyFiles);
        }
        diags.extend(d.add_text(&name, &bytes, kind));
    }
    if opts.strict && diags.iter().any(|x| x.severity == Severity::Error) {
        return Err(LoadError::Strict { diagnostics: diags });
    }
    d.compile_with(opts.compile);
    Ok((d, diags))
}

/// Loads `paths` in release conditions and times it: for the load benchmark.
pub fn bench_load(paths: &[PathBuf]) -> Result<(Duration, Stats), LoadError> {
    let t = Instant::now();
    let (d, diags) = load_paths(paths, &LoadOptions::default())?;
    let elapsed = t.elapsed();
    Ok((elapsed, d.stats(&diags)))
}
