//! Verb dictionaries in both pattern styles.
//!
//! **TABARI / PETRARCH-1** (`*.verbs`, `CAMEO.verbpatterns.*.txt`): optional verb families
//! under `--- NAME [CODE] ---` headers; verb lines `VERB {IRREGULAR FORMS} [CODE]` (compound
//! verbs join words with `_` and mark the parser's verb with `+`: `+CORDON_OFF`,
//! `WIRE_+TAP`); pattern lines `- WORDS * WORDS [CODE]` where `*` is the verb, `$` the
//! source, `+` the target, `%` a compound actor, `^` skips a noun phrase, `&NAME` a synset,
//! `{ A | B }` alternatives, and a word followed by `_` must match whole and be adjacent
//! to what follows. Codes may be paired (`[A:B]`) or null (`[---]`). TABARI files may also
//! have `<SYNSETS>` and `<TIME>` sections.
//!
//! **PETRARCH-2** (`CAMEO.2.0.txt`, UniversalPetrarch): the same families, synsets and verb
//! lines, but patterns are syntactic: `- {NOUN PHRASE} (PREP OBJECT) * (PREP {NOUN}) [CODE]`
//! with `{}` noun phrases (last word is the head) and `()` prepositional phrases; `~ ... =
//! ...` lines are verb transformations.

use std::collections::BTreeSet;

use crate::diag::Sink;
use crate::lines::{logical_lines, normalize_word, offset_of, Line};
use crate::FileId;

/// Which pattern language a verbs file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbStyle {
    /// TABARI and PETRARCH-1: word-sequence patterns.
    Tabari,
    /// PETRARCH-2: noun-phrase / prepositional-phrase patterns.
    Petrarch2,
}

/// An event code in brackets: `[042]`, `[042:043]`, `[---]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VerbCode {
    /// The bracket content as written.
    pub raw: String,
    /// The code before `:` (or the whole code); `---` is the null code.
    pub primary: String,
    /// The code after `:`, for paired codes.
    pub secondary: Option<String>,
}

impl VerbCode {
    /// Parses bracket content.
    pub fn parse(raw: &str) -> VerbCode {
        let raw = raw.trim();
        let compact: String = raw.split_whitespace().collect();
        let (p, s) = match compact.split_once(':') {
            Some((a, b)) => (a.to_string(), Some(b.to_string())),
            None => (compact.clone(), None),
        };
        VerbCode {
            raw: raw.to_string(),
            primary: p,
            secondary: s,
        }
    }

    /// True for the null code `---`: the verb or pattern produces no event.
    pub fn is_null(&self) -> bool {
        self.primary == "---" && self.secondary.as_deref().is_none_or(|s| s == "---")
    }
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Item {
    /// A word (upper case).
    Word(String),
    /// A synset reference, with its `&`.
    Synset(String),
    /// `*`: the verb.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor (source and target).
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
    /// `{A B}` (PETRARCH-2 noun phrase; the last word is the head).
    Group(Vec<Elem>),
    /// `(PREP ...)` (PETRARCH-2 prepositional phrase).
    Prep(Vec<Elem>),
    /// `{ A | B }`: alternatives (TABARI).
    Alternatives(Vec<Vec<Elem>>),
}

/// A pattern element and its connector.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Elem {
    /// What it is.
    pub item: Item,
    /// True when `_` followed it: matched whole, and adjacent to the next element.
    pub joined: bool,
    /// True when that `_` was written right against the next element (`IN_*`), not
    /// before a space (`KNOWN_ * IN_ $`, where it only asks for the whole word).
    pub tight: bool,
}

/// One form of a verb: `SAY`, `+CORDON_OFF`, `WIRE_+TAP`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForm {
    /// As written.
    pub text: String,
    /// Upper-case words.
    pub words: Vec<String>,
    /// Index in `words` of the word the parser tags as the verb.
    pub head: usize,
    /// True when the form ends with `_` (TABARI: no stem matching).
    pub exact: bool,
}

impl VerbForm {
    /// Parses a verb form.
    pub fn parse(text: &str) -> Option<VerbForm> {
        let text = text.trim();
        let mut words = Vec::new();
        let mut head = None;
        for w in text
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            let (plus, w) = match w.strip_prefix('+') {
                Some(rest) => (true, rest),
                None => (false, w),
            };
            if w.is_empty() {
                continue;
            }
            if plus && head.is_none() {
                head = Some(words.len());
            }
            words.push(normalize_word(w));
        }
        if words.is_empty() {
            return None;
        }
        Some(VerbForm {
            exact: text.ends_with('_'),
            head: head.unwrap_or(0),
            words,
            text: text.to_string(),
        })
    }

    /// The word the parser tags as the verb.
    pub fn head_word(&self) -> &str {
        self.words.get(self.head).map(String::as_str).unwrap_or("")
    }
}

/// A verb line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// Its line.
    pub line: u32,
    /// The base form.
    pub form: VerbForm,
    /// Irregular forms given in `{...}` (then no regular forms are made).
    pub forms: Option<Vec<VerbForm>>,
    /// The verb's own code, if any (else the family's).
    pub code: Option<VerbCode>,
    /// The comment, if any.
    pub comment: Option<String>,
}

impl VerbEntry {
    /// Every inflected head word of this verb: the `{}` forms, or the regular forms made
    /// as PETRARCH makes them (`S`/`ES`/`IES`, `D`/`ED`, `ING`).
    pub fn inflections(&self) -> Vec<String> {
        match &self.forms {
            Some(f) => f.iter().map(|f| f.head_word().to_string()).collect(),
            None => regular_verb_forms(self.form.head_word()),
        }
    }
}

/// PETRARCH's regular verb forms of `stem` (upper case), the stem itself first.
pub fn regular_verb_forms(stem: &str) -> Vec<String> {
    let mut out = vec![stem.to_string()];
    if stem.is_empty() {
        return out;
    }
    if stem.ends_with(['S', 'X', 'Z']) {
        out.push(format!("{stem}ES"));
    } else if let Some(s) = stem.strip_suffix('Y') {
        out.push(format!("{s}IES"));
    } else {
        out.push(format!("{stem}S"));
    }
    if stem.ends_with('E') {
        out.push(format!("{stem}D"));
    } else {
        out.push(format!("{stem}ED"));
    }
    let b = stem.as_bytes();
    if stem.ends_with('E') && b.len() >= 2 && !b"AEIOU".contains(&b[b.len() - 2]) {
        out.push(format!("{}ING", &stem[..stem.len() - 1]));
    } else {
        out.push(format!("{stem}ING"));
    }
    out
}

/// A pattern line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// Its line.
    pub line: u32,
    /// The elements.
    pub elems: Vec<Elem>,
    /// Its code (`None` when the line has none: the family's code applies).
    pub code: Option<VerbCode>,
    /// The comment, if any.
    pub comment: Option<String>,
}

impl Pattern {
    /// Every synset the pattern refers to (with `&`).
    pub fn synsets(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        collect_synsets(&self.elems, &mut out);
        out
    }

    /// The pattern text in the dictionary notation.
    pub fn text(&self) -> String {
        write_elems(&self.elems)
    }
}

fn collect_synsets<'a>(elems: &'a [Elem], out: &mut BTreeSet<&'a str>) {
    for e in elems {
        match &e.item {
            Item::Synset(s) => {
                out.insert(s);
            }
            Item::Group(g) | Item::Prep(g) => collect_synsets(g, out),
            Item::Alternatives(alts) => alts.iter().for_each(|a| collect_synsets(a, out)),
            _ => {}
        }
    }
}

/// A verb family: the verbs under one `---` header (or, without headers, one verb) and
/// the patterns that apply to all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbFamily {
    /// Line of the header (or of the verb that opened an implicit family).
    pub line: u32,
    /// The family name (`ACCELERATE`), or the verb's text for implicit families.
    pub name: String,
    /// The family's default code.
    pub code: Option<VerbCode>,
    /// True when it came from a `---` header.
    pub header: bool,
    /// Its verbs.
    pub verbs: Vec<VerbEntry>,
    /// Its patterns, in file order.
    pub patterns: Vec<Pattern>,
}

/// One member of a synset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynsetMember {
    /// Its line.
    pub line: u32,
    /// As written, without the `+`.
    pub text: String,
    /// Parsed as pattern elements (a member may hold another synset).
    pub elems: Vec<Elem>,
}

/// A synset: `&NAME` then `+MEMBER` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Its line.
    pub line: u32,
    /// The name with its `&`, without the trailing `_` of the definition (references may
    /// be written with or without it).
    pub name: String,
    /// True when the definition ended with `_`: no plurals are made for the members.
    pub no_plurals: bool,
    /// Members.
    pub members: Vec<SynsetMember>,
}

impl Synset {
    /// The word sequences the synset stands for, as PETRARCH expands them: each member
    /// made only of words, plus its plural (last word: `Y` → `IES`, `S`/`X`/`Z` → `ES`,
    /// else `S`) unless the member or the synset's definition ends with `_`. Members that
    /// hold other synsets or pattern symbols are left to the caller (see `members`).
    pub fn word_forms(&self) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for m in &self.members {
            let words: Option<Vec<String>> = m
                .elems
                .iter()
                .map(|e| match &e.item {
                    Item::Word(w) => Some(w.clone()),
                    _ => None,
                })
                .collect();
            let Some(words) = words else {
                continue;
            };
            if words.is_empty() {
                continue;
            }
            let plural = !self.no_plurals && !m.text.trim_end().ends_with('_');
            if plural {
                let mut p = words.clone();
                if let Some(last) = p.last_mut() {
                    *last = if let Some(s) = last.strip_suffix('Y') {
                        format!("{s}IES")
                    } else if last.ends_with(['S', 'X', 'Z']) {
                        format!("{last}ES")
                    } else {
                        format!("{last}S")
                    };
                }
                out.push(words);
                out.push(p);
            } else {
                out.push(words);
            }
        }
        out
    }
}

/// A PETRARCH-2 verb transformation `~ a (b . ATTACK) SAY = a b 112`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// Its line.
    pub line: u32,
    /// The left side (the nested event pattern).
    pub pattern: Vec<String>,
    /// The right side (the resulting source, target and code).
    pub result: Vec<String>,
}

/// An entry of a TABARI `<TIME>` section: a phrase and its day shift.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeEntry {
    /// Its line.
    pub line: u32,
    /// The phrase (or pattern, for `-` lines).
    pub text: String,
    /// True for a `-` pattern line.
    pub pattern: bool,
    /// The shift as written (`-7`, `+30`, `###`).
    pub shift: String,
}

/// One verbs file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbFile {
    /// The file.
    pub file: FileId,
    /// Its pattern style.
    pub style: VerbStyle,
    /// True for TABARI files (no `---` families): a verb not ending in `_` is a stem that
    /// matches any word starting with it (`ADVANC`). PETRARCH reads complete words only.
    pub stemmed: bool,
    /// Synsets, in file order.
    pub synsets: Vec<Synset>,
    /// Families, in file order.
    pub families: Vec<VerbFamily>,
    /// PETRARCH-2 transformations.
    pub transformations: Vec<Transformation>,
    /// TABARI `<TIME>` entries.
    pub time: Vec<TimeEntry>,
}

impl VerbFile {
    /// Finds a synset by name (with `&`; a trailing `_` is ignored, as in definitions).
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        let name = name.trim_end_matches('_');
        self.synsets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }
}

/// Guesses the style of a verbs file from its content: PETRARCH-2 patterns are full of
/// `(PREP ...)` phrases, which TABARI patterns never use.
pub fn sniff_style(text: &str) -> VerbStyle {
    let (mut pats, mut parens) = (0usize, 0usize);
    for l in text.lines() {
        let t = l.trim_start();
        if t.starts_with('-') && !t.starts_with("---") {
            pats += 1;
            if t.contains('(') {
                parens += 1;
            }
        } else if t.starts_with('~') && !t.starts_with("~~") && t.contains('=') {
            return VerbStyle::Petrarch2;
        }
    }
    if pats > 0 && parens * 50 >= pats {
        VerbStyle::Petrarch2
    } else {
        VerbStyle::Tabari
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    Sym(char),
    Under,
}

fn tokenize(s: &str) -> Vec<(Tok<'_>, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap_or(' ');
        let n = c.len_utf8();
        if c.is_whitespace() {
            i += n;
        } else if c == '_' {
            out.push((Tok::Under, i));
            i += 1;
        } else if "*$+%^{}()|".contains(c) {
            out.push((Tok::Sym(c), i));
            i += 1;
        } else {
            let start = i;
            if c == '&' {
                i += 1;
            }
            while i < s.len() {
                let d = s[i..].chars().next().unwrap_or(' ');
                if d.is_whitespace() || "*$+%^{}()|_".contains(d) || (d == '&' && i > start) {
                    break;
                }
                i += d.len_utf8();
            }
            out.push((Tok::Word(&s[start..i]), start));
        }
    }
    out
}

/// Parses pattern text into elements.
fn parse_elems(s: &str, problems: &mut Vec<(usize, String)>) -> Vec<Elem> {
    let toks = tokenize(s);
    let mut pos = 0;
    let elems = parse_seq(&toks, &mut pos, None, problems);
    if pos < toks.len() {
        problems.push((
            toks[pos].1,
            format!("unexpected `{}`", tok_text(toks[pos].0)),
        ));
    }
    elems
}

fn tok_text(t: Tok<'_>) -> String {
    match t {
        Tok::Word(w) => w.to_string(),
        Tok::Sym(c) => c.to_string(),
        Tok::Under => "_".into(),
    }
}

fn parse_seq(
    toks: &[(Tok<'_>, usize)],
    pos: &mut usize,
    close: Option<char>,
    problems: &mut Vec<(usize, String)>,
) -> Vec<Elem> {
    let mut out: Vec<Elem> = Vec::new();
    while *pos < toks.len() {
        let (t, at) = toks[*pos];
        match t {
            Tok::Sym(c) if Some(c) == close || (c == '|' && close == Some('}')) => return out,
            Tok::Sym(c @ ('}' | ')' | '|')) => {
                problems.push((at, format!("unbalanced `{c}` ignored")));
                *pos += 1;
            }
            Tok::Under => {
                // A leading `_` (`_ b ATTACK` in transformations) joins nothing.
                if let Some(e) = out.last_mut() {
                    e.joined = true;
                    e.tight = toks.get(*pos + 1).is_some_and(|&(_, next)| next == at + 1);
                }
                *pos += 1;
            }
            Tok::Sym('{') => {
                *pos += 1;
                let mut alts = vec![parse_seq(toks, pos, Some('}'), problems)];
                let mut had_bar = false;
                loop {
                    match toks.get(*pos) {
                        Some((Tok::Sym('|'), _)) => {
                            had_bar = true;
                            *pos += 1;
                            alts.push(parse_seq(toks, pos, Some('}'), problems));
                        }
                        Some((Tok::Sym('}'), _)) => {
                            *pos += 1;
                            break;
                        }
                        _ => {
                            problems.push((at, "`{` without `}`".into()));
                            break;
                        }
                    }
                }
                let item = if had_bar {
                    Item::Alternatives(alts)
                } else {
                    Item::Group(alts.pop().unwrap_or_default())
                };
                out.push(Elem {
                    item,
                    joined: false,
                    tight: false,
                });
            }
            Tok::Sym('(') => {
                *pos += 1;
                let inner = parse_seq(toks, pos, Some(')'), problems);
                if matches!(toks.get(*pos), Some((Tok::Sym(')'), _))) {
                    *pos += 1;
                } else {
                    problems.push((at, "`(` without `)`".into()));
                }
                out.push(Elem {
                    item: Item::Prep(inner),
                    joined: false,
                    tight: false,
                });
            }
            Tok::Sym(c) => {
                let item = match c {
                    '*' => Item::Verb,
                    '$' => Item::Source,
                    '+' => Item::Target,
                    '%' => Item::Compound,
                    _ => Item::Skip,
                };
                out.push(Elem {
                    item,
                    joined: false,
                    tight: false,
                });
                *pos += 1;
            }
            Tok::Word(w) => {
                *pos += 1;
                if w.starts_with('&') {
                    // `&NAME_` reads as `&NAME` joined: a definition's trailing `_` is not
                    // part of its name (PETRARCH-1 drops it too).
                    out.push(Elem {
                        item: Item::Synset(normalize_word(w)),
                        joined: false,
                        tight: false,
                    });
                } else {
                    out.push(Elem {
                        item: Item::Word(normalize_word(w)),
                        joined: false,
                        tight: false,
                    });
                }
            }
        }
    }
    out
}

/// Writes elements in the dictionary notation.
pub fn write_elems(elems: &[Elem]) -> String {
    let mut out = String::new();
    for (i, e) in elems.iter().enumerate() {
        // `_` written against the next element, or before a space (`KNOWN_ *`).
        if i > 0 && !(elems[i - 1].joined && elems[i - 1].tight) {
            out.push(' ');
        }
        match &e.item {
            Item::Word(w) | Item::Synset(w) => out.push_str(w),
            Item::Verb => out.push('*'),
            Item::Source => out.push('$'),
            Item::Target => out.push('+'),
            Item::Compound => out.push('%'),
            Item::Skip => out.push('^'),
            Item::Group(g) => {
                out.push('{');
                out.push_str(&write_elems(g));
                out.push('}');
            }
            Item::Prep(g) => {
                out.push('(');
                out.push_str(&write_elems(g));
                out.push(')');
            }
            Item::Alternatives(alts) => {
                out.push_str("{ ");
                let parts: Vec<String> = alts.iter().map(|a| write_elems(a)).collect();
                out.push_str(&parts.join(" | "));
                out.push_str(" }");
            }
        }
        if e.joined {
            out.push('_');
        }
    }
    out
}

/// Splits `text` at its last `[...]`: (before, code content, offset of the code).
fn split_code(text: &str) -> (&str, Option<(&str, usize)>) {
    match text.rfind('[') {
        Some(b) => {
            let end = text[b..].find(']').map(|e| b + e).unwrap_or(text.len());
            (&text[..b], Some((&text[b + 1..end], b + 1)))
        }
        None => (text, None),
    }
}

#[derive(PartialEq)]
enum Ctx {
    None,
    Synset,
    Time,
}

/// Parses a verbs file in the given style.
pub(crate) fn parse(text: &str, file: FileId, style: VerbStyle, sink: &mut Sink<'_>) -> VerbFile {
    let lines = logical_lines(text);
    let has_headers = lines.iter().any(|l| l.body.trim_start().starts_with("---"));
    let mut vf = VerbFile {
        file,
        style,
        stemmed: style == VerbStyle::Tabari && !has_headers,
        synsets: Vec::new(),
        families: Vec::new(),
        transformations: Vec::new(),
        time: Vec::new(),
    };
    let mut ctx = Ctx::None;
    let mut in_synset = false;
    for line in &lines {
        let body = line.body.trim();
        let at = offset_of(line.raw, body);
        let upper = body.to_ascii_uppercase();
        match upper.as_str() {
            "<SYNSETS>" => {
                ctx = Ctx::Synset;
                continue;
            }
            "<TIME>" => {
                ctx = Ctx::Time;
                in_synset = false;
                continue;
            }
            "</SYNSETS>" | "</TIME>" => {
                ctx = Ctx::None;
                in_synset = false;
                continue;
            }
            _ => {}
        }
        if ctx == Ctx::Time {
            let (before, code) = split_code(body.trim_start_matches('-').trim());
            match code {
                Some((c, _)) => vf.time.push(TimeEntry {
                    line: line.no as u32,
                    text: before.trim().to_string(),
                    pattern: body.starts_with('-'),
                    shift: c.trim().to_string(),
                }),
                None => sink.error(
                    line.no,
                    line.raw,
                    at,
                    "<TIME> entry without a shift in `[...]`; ignored",
                ),
            }
            continue;
        }
        if body.starts_with('&') {
            let full = normalize_word(body.split_whitespace().next().unwrap_or(body));
            let name = full.trim_end_matches('_').to_string();
            if vf.synsets.iter().any(|s| s.name == name) {
                sink.warn(
                    line.no,
                    line.raw,
                    at,
                    format!(
                        "synset `{name}` defined again; members are added to the first definition"
                    ),
                );
            } else {
                vf.synsets.push(Synset {
                    line: line.no as u32,
                    no_plurals: full.ends_with('_'),
                    name,
                    members: Vec::new(),
                });
            }
            if body.split_whitespace().count() > 1 {
                sink.warn(line.no, line.raw, at, "text after the synset name ignored");
            }
            in_synset = true;
            continue;
        }
        if in_synset && body.starts_with('+') {
            let member = body[1..].trim();
            let mut problems = Vec::new();
            let elems = parse_elems(member, &mut problems);
            report(sink, line, offset_of(line.raw, member), problems);
            if let Some(s) = vf.synsets.last_mut() {
                s.members.push(SynsetMember {
                    line: line.no as u32,
                    text: member.to_string(),
                    elems,
                });
            }
            continue;
        }
        in_synset = false;
        if body.starts_with("---") {
            let inner = body.trim_matches('-').trim();
            let (name_part, code) = split_code(inner);
            let name = name_part.trim().to_string();
            if name.is_empty() {
                sink.warn(line.no, line.raw, at, "verb family header without a name");
            }
            vf.families.push(VerbFamily {
                line: line.no as u32,
                name,
                code: code.map(|(c, _)| VerbCode::parse(c)),
                header: true,
                verbs: Vec::new(),
                patterns: Vec::new(),
            });
            continue;
        }
        if let Some(rest) = body.strip_prefix('~') {
            if style == VerbStyle::Tabari {
                sink.warn(
                    line.no,
                    line.raw,
                    at,
                    "`~` transformation in a TABARI-style file; read anyway",
                );
            }
            match rest.split_once('=') {
                Some((l, r)) => vf.transformations.push(Transformation {
                    line: line.no as u32,
                    pattern: l.split_whitespace().map(str::to_string).collect(),
                    result: r.split_whitespace().map(str::to_string).collect(),
                }),
                None => sink.error(line.no, line.raw, at, "transformation without `=`; ignored"),
            }
            continue;
        }
        let missing_dash = body.starts_with('*');
        if missing_dash {
            sink.warn(
                line.no,
                line.raw,
                at,
                "pattern line without its leading `-`; read as a pattern",
            );
        }
        if let Some(rest) = body.strip_prefix('-').or(missing_dash.then_some(body)) {
            let Some(fam) = vf.families.last_mut() else {
                sink.error(line.no, line.raw, at, "pattern before any verb; ignored");
                continue;
            };
            let (pat, code) = split_code(rest);
            let mut problems = Vec::new();
            let elems = parse_elems(pat, &mut problems);
            report(sink, line, offset_of(line.raw, pat), problems);
            if code.is_none() {
                sink.warn(
                    line.no,
                    line.raw,
                    at,
                    "pattern without a code; the verb's code applies",
                );
            }
            if elems.is_empty() {
                sink.error(line.no, line.raw, at, "empty pattern; ignored");
                continue;
            }
            if style == VerbStyle::Tabari && !elems.iter().any(|e| e.item == Item::Verb) {
                sink.warn(line.no, line.raw, at, "pattern without `*` (the verb)");
            }
            fam.patterns.push(Pattern {
                line: line.no as u32,
                elems,
                code: code.map(|(c, _)| VerbCode::parse(c)),
                comment: line.comment.map(str::to_string),
            });
            continue;
        }
        if body.starts_with('{') {
            // TABARI: irregular forms on the line after the verb.
            let Some(v) = vf.families.last_mut().and_then(|f| f.verbs.last_mut()) else {
                sink.error(line.no, line.raw, at, "verb forms before any verb; ignored");
                continue;
            };
            let inner = body.trim_start_matches('{').trim_end_matches('}');
            let forms: Vec<VerbForm> = inner
                .split_whitespace()
                .filter_map(VerbForm::parse)
                .collect();
            v.forms.get_or_insert_with(Vec::new).extend(forms);
            continue;
        }
        if body.starts_with(|c: char| c.is_alphanumeric() || c == '+' || c == '\'') {
            let (before, code) = split_code(body);
            let (base, forms) = match before.find('{') {
                Some(b) => {
                    let e = before[b..].find('}').map(|e| b + e);
                    if e.is_none() {
                        sink.warn(
                            line.no,
                            line.raw,
                            at + b,
                            "`{` without `}`; forms read to the end",
                        );
                    }
                    let inner = &before[b + 1..e.unwrap_or(before.len())];
                    let forms: Vec<VerbForm> = inner
                        .split_whitespace()
                        .filter_map(VerbForm::parse)
                        .collect();
                    (&before[..b], Some(forms))
                }
                None => (before, None),
            };
            // TABARI allows multi-word verb phrases written with spaces
            // (`HAVE NOTHING TO DO WITH`); the first word is the verb unless `+` marks one.
            let Some(form) = VerbForm::parse(base) else {
                sink.error(line.no, line.raw, at, "verb line without a verb; ignored");
                continue;
            };
            let entry = VerbEntry {
                line: line.no as u32,
                form,
                forms,
                code: code.map(|(c, _)| VerbCode::parse(c)),
                comment: line.comment.map(str::to_string),
            };
            let start_new = !has_headers || vf.families.is_empty();
            if start_new {
                vf.families.push(VerbFamily {
                    line: line.no as u32,
                    name: entry.form.text.clone(),
                    code: entry.code.clone(),
                    header: false,
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                });
            }
            if let Some(f) = vf.families.last_mut() {
                f.verbs.push(entry);
            }
            continue;
        }
        sink.error(
            line.no,
            line.raw,
            at,
            "line not understood in a verbs file; ignored",
        );
    }
    for f in &vf.families {
        if f.verbs.is_empty() && f.header {
            sink.warn(
                f.line as usize,
                &f.name,
                0,
                format!("verb family `{}` has no verbs", f.name),
            );
        }
    }
    vf
}

fn report(sink: &mut Sink<'_>, line: &Line<'_>, base: usize, problems: Vec<(usize, String)>) {
    for (off, msg) in problems {
        sink.warn(line.no, line.raw, base + off, msg);
    }
}

/// Writes a verbs file back in its notation.
pub fn write(vf: &VerbFile) -> String {
    let mut out = String::new();
    for s in &vf.synsets {
        out.push_str(&s.name);
        if s.no_plurals {
            out.push('_');
        }
        out.push('\n');
        for m in &s.members {
            out.push('+');
            out.push_str(&write_elems(&m.elems));
            out.push('\n');
        }
        out.push('\n');
    }
    let code = |c: &Option<VerbCode>| {
        c.as_ref()
            .map(|c| format!(" [{}]", c.raw))
            .unwrap_or_default()
    };
    for f in &vf.families {
        if f.header {
            out.push_str(&format!("--- {}{} ---\n", f.name, code(&f.code)));
        }
        for v in &f.verbs {
            out.push_str(&v.form.text);
            if let Some(forms) = &v.forms {
                let t: Vec<&str> = forms.iter().map(|f| f.text.as_str()).collect();
                out.push_str(&format!(" {{{}}}", t.join(" ")));
            }
            out.push_str(&code(&v.code));
            out.push('\n');
        }
        for p in &f.patterns {
            out.push_str("- ");
            out.push_str(&write_elems(&p.elems));
            out.push_str(&code(&p.code));
            out.push('\n');
        }
        out.push('\n');
    }
    if !vf.time.is_empty() {
        out.push_str("<TIME>\n");
        for t in &vf.time {
            let dash = if t.pattern { "- " } else { "" };
            out.push_str(&format!("{dash}{} [{}]\n", t.text, t.shift));
        }
        out.push_str("</TIME>\n");
    }
    for t in &vf.transformations {
        out.push_str(&format!(
            "~ {} = {}\n",
            t.pattern.join(" "),
            t.result.join(" ")
        ));
    }
    out
}
