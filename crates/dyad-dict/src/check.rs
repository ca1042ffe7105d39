//! The lint pass behind `dyad dict check`: duplicates, unreachable or shadowed entries,
//! malformed or unknown CAMEO codes, empty and (optionally) expired date ranges.
//! Pure: it reads a loaded [`Dictionaries`] and returns diagnostics, in file order.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diag::{Diagnostic, Severity};
use crate::verbs::{write_elems, Elem, Item, VerbCode, VerbStyle};
use crate::{cameo, DictDate, Dictionaries, FileId};

/// Options for [`check_with`].
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Report actors all of whose codes ended before this date (as notes).
    pub as_of: Option<DictDate>,
}

/// The lint pass with default options.
pub fn check(dicts: &Dictionaries) -> Vec<Diagnostic> {
    check_with(dicts, &CheckOptions::default())
}

struct Out<'a> {
    d: &'a Dictionaries,
    diags: Vec<Diagnostic>,
}

impl Out<'_> {
    fn push(&mut self, file: FileId, line: u32, sev: Severity, msg: String, shown: &str) {
        let path = self
            .d
            .files
            .get(usize::from(file))
            .map(|f| f.path.as_str())
            .unwrap_or("?");
        self.diags
            .push(Diagnostic::new(path, line as usize, sev, msg, shown, 0));
    }
}

/// The lint pass.
pub fn check_with(dicts: &Dictionaries, opts: &CheckOptions) -> Vec<Diagnostic> {
    let mut o = Out {
        d: dicts,
        diags: Vec::new(),
    };
    check_actors(&mut o, opts);
    check_agents(&mut o);
    for vi in 0..dicts.verbs.len() {
        check_verbs(&mut o, vi);
    }
    check_phrases(&mut o);
    for p in &dicts.ontology {
        if let Some(msg) = code_problem(&p.cameo) {
            o.push(p.file, p.line, Severity::Warning, msg, &p.cameo);
        }
    }
    let mut diags = o.diags;
    // Deterministic order: by file load order, then line.
    let order: HashMap<&str, usize> = dicts
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), i))
        .collect();
    diags.sort_by_key(|x| {
        (
            order.get(x.file.as_str()).copied().unwrap_or(usize::MAX),
            x.line,
        )
    });
    diags
}

fn check_actors(o: &mut Out<'_>, opts: &CheckOptions) {
    let d = o.d;
    let mut seen: HashMap<(&[String], bool), (FileId, u32)> = HashMap::new();
    for a in &d.actors {
        for n in &a.names {
            let key = (n.words.as_slice(), n.stem);
            match seen.get(&key) {
                Some(&(f, l)) => {
                    let msg = format!(
                        "duplicate actor name `{}` (first at {}; the first entry wins)",
                        n.text,
                        d.loc(f, l)
                    );
                    o.push(a.file, n.line, Severity::Warning, msg, &n.text);
                }
                None => {
                    seen.insert(key, (a.file, n.line));
                }
            }
        }
        let mut open_at: Option<u32> = None;
        for c in &a.codes {
            let shown = format!("[{}]", c.code);
            // Dated codes win over an undated one wherever it is written
            // (`ActorEntry::code_on`), so only a second undated code is never reached.
            if let (Some(l), true) = (open_at, c.range.is_unbounded()) {
                let msg = format!(
                    "unreachable code `{}`: the unrestricted code at line {l} applies first",
                    c.code
                );
                o.push(a.file, c.line, Severity::Warning, msg, &shown);
            }
            if c.range.is_unbounded() && open_at.is_none() {
                open_at = Some(c.line);
            }
            if c.range.is_empty() {
                let msg = format!(
                    "empty date range for `{}`: it ends before it starts",
                    c.code
                );
                o.push(a.file, c.line, Severity::Warning, msg, &shown);
            }
            if !c
                .code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"-+#/~".contains(&b))
            {
                let msg = format!("malformed actor code `{}`", c.code);
                o.push(a.file, c.line, Severity::Warning, msg, &shown);
            }
        }
        if let Some(as_of) = opts.as_of {
            if !a.codes.is_empty() && a.codes.iter().all(|c| c.range.ends_before(as_of)) {
                let msg = format!("every code of `{}` expired before {as_of}", a.names[0].text);
                o.push(a.file, a.line, Severity::Note, msg, &a.names[0].text);
            }
        }
    }
}

fn check_agents(o: &mut Out<'_>) {
    let d = o.d;
    let mut seen: HashMap<&[String], (FileId, u32, &str)> = HashMap::new();
    for a in &d.agents {
        for f in &a.forms {
            match seen.get(f.as_slice()) {
                Some(&(file, line, code)) => {
                    let same = if code == a.code {
                        "same code"
                    } else {
                        "a different code; the first wins"
                    };
                    let msg = format!(
                        "duplicate agent `{}` (first at {}, {same})",
                        f.join(" "),
                        d.loc(file, line)
                    );
                    o.push(a.file, a.line, Severity::Warning, msg, &a.text);
                }
                None => {
                    seen.insert(f, (a.file, a.line, &a.code));
                }
            }
        }
    }
}

/// Why `code` is not a CAMEO event code, if it is not.
fn code_problem(code: &str) -> Option<String> {
    if code.is_empty() {
        return Some("malformed CAMEO code: empty".into());
    }
    // `---` null; TABARI's `###` (discard) and `+++` (ignore) are special codes.
    if matches!(code, "---" | "###" | "+++") {
        return None;
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) || !(2..=4).contains(&code.len()) {
        return Some(format!("malformed CAMEO code `{code}`"));
    }
    cameo::lookup(code)
        .is_none()
        .then(|| format!("unknown CAMEO code `{code}`"))
}

fn verb_code_problems(c: &VerbCode) -> Vec<String> {
    let mut out = Vec::new();
    // `[:080]` (PETRARCH-2): no event of its own, only the paired one.
    if c.primary.is_empty() && c.secondary.is_some() {
    } else if let Some(p) = code_problem(&c.primary) {
        out.push(p);
    }
    if let Some(s) = &c.secondary {
        if let Some(p) = code_problem(s) {
            out.push(format!("{p} (after `:`)"));
        }
    }
    out
}

fn check_verbs(o: &mut Out<'_>, vi: usize) {
    let d = o.d;
    let vf = &d.verbs[vi];
    let file = vf.file;
    let defined: BTreeSet<&str> = vf.synsets.iter().map(|s| s.name.as_str()).collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for s in &vf.synsets {
        for m in &s.members {
            let mut refs = BTreeSet::new();
            synsets_in(&m.elems, &mut refs);
            for r in refs {
                used.insert(r);
                if !defined.contains(r) {
                    o.push(
                        file,
                        m.line,
                        Severity::Warning,
                        format!("synset `{r}` is not defined"),
                        &m.text,
                    );
                }
            }
        }
    }
    let mut verbs_seen: HashMap<&[String], (u32, &str)> = HashMap::new();
    for fam in &vf.families {
        if let Some(c) = &fam.code {
            for p in verb_code_problems(c) {
                o.push(file, fam.line, Severity::Warning, p, &fam.name);
            }
        }
        for v in &fam.verbs {
            if let Some(c) = &v.code {
                for p in verb_code_problems(c) {
                    o.push(file, v.line, Severity::Warning, p, &v.form.text);
                }
            }
            match verbs_seen.get(v.form.words.as_slice()) {
                Some(&(l, name)) => {
                    let msg = format!("verb `{}` also in family `{name}` at line {l}", v.form.text);
                    o.push(file, v.line, Severity::Warning, msg, &v.form.text);
                }
                None => {
                    verbs_seen.insert(&v.form.words, (v.line, &fam.name));
                }
            }
        }
        let mut pats: HashMap<&[Elem], (u32, Option<&VerbCode>)> = HashMap::new();
        for p in &fam.patterns {
            let shown = format!("- {}", write_elems(&p.elems));
            if let Some(c) = &p.code {
                for msg in verb_code_problems(c) {
                    o.push(file, p.line, Severity::Warning, msg, &shown);
                }
            }
            for s in p.synsets() {
                used.insert(s);
                if !defined.contains(s) {
                    let msg = format!("unreachable pattern: synset `{s}` is not defined");
                    o.push(file, p.line, Severity::Warning, msg, &shown);
                }
            }
            if vf.style == VerbStyle::Tabari
                && p.elems.iter().filter(|e| e.item == Item::Verb).count() > 1
            {
                o.push(
                    file,
                    p.line,
                    Severity::Warning,
                    "pattern with more than one `*`".into(),
                    &shown,
                );
            }
            match pats.get(p.elems.as_slice()) {
                Some(&(l, c)) if c == p.code.as_ref() => {
                    o.push(
                        file,
                        p.line,
                        Severity::Warning,
                        format!("duplicate of the pattern at line {l}"),
                        &shown,
                    );
                }
                Some(&(l, c)) => {
                    let code = c.map(|c| c.raw.as_str()).unwrap_or("none");
                    // TABARI tries patterns in order; PETRARCH-2 stores them in a tree where
                    // the later one overwrites the earlier. Either way one of them is dead.
                    let msg = match vf.style {
                        VerbStyle::Tabari => format!(
                            "shadowed: the same pattern at line {l} (code [{code}]) matches first; this never fires"
                        ),
                        VerbStyle::Petrarch2 => format!(
                            "same pattern as line {l} with another code ([{code}]); PETRARCH-2 keeps only this one, the earlier never fires"
                        ),
                    };
                    o.push(file, p.line, Severity::Warning, msg, &shown);
                }
                None => {
                    pats.insert(&p.elems, (p.line, p.code.as_ref()));
                }
            }
        }
    }
    for s in &vf.synsets {
        if !used.contains(s.name.as_str()) {
            o.push(
                file,
                s.line,
                Severity::Note,
                format!("synset `{}` is never used", s.name),
                &s.name,
            );
        }
    }
}

fn synsets_in<'a>(elems: &'a [Elem], out: &mut BTreeSet<&'a str>) {
    for e in elems {
        match &e.item {
            Item::Synset(s) => {
                out.insert(s);
            }
            Item::Group(g) | Item::Prep(g) => synsets_in(g, out),
            Item::Alternatives(a) => a.iter().for_each(|x| synsets_in(x, out)),
            _ => {}
        }
    }
}

fn check_phrases(o: &mut Out<'_>) {
    let d = o.d;
    let mut seen: BTreeMap<(&[String], bool, bool), (FileId, u32)> = BTreeMap::new();
    for x in &d.discards {
        match seen.get(&(x.words.as_slice(), x.stem, x.story)) {
            Some(&(f, l)) => {
                let msg = format!("duplicate discard `{}` (first at {})", x.text, d.loc(f, l));
                o.push(x.file, x.line, Severity::Warning, msg, &x.text);
            }
            None => {
                seen.insert((&x.words, x.stem, x.story), (x.file, x.line));
            }
        }
    }
    let mut iseen: HashMap<&[String], (FileId, u32, &str)> = HashMap::new();
    for x in &d.issues {
        for f in &x.forms {
            match iseen.get(f.as_slice()) {
                Some(&(file, line, code)) if code == x.code => {
                    let msg = format!(
                        "duplicate issue phrase `{}` (first at {})",
                        f.join(" "),
                        d.loc(file, line)
                    );
                    o.push(x.file, x.line, Severity::Warning, msg, &x.text);
                }
                Some(&(file, line, code)) => {
                    let msg = format!(
                        "issue phrase `{}` also at {} with code [{code}]; both codes apply",
                        f.join(" "),
                        d.loc(file, line)
                    );
                    o.push(x.file, x.line, Severity::Note, msg, &x.text);
                }
                None => {
                    iseen.insert(f, (x.file, x.line, &x.code));
                }
            }
        }
    }
}
