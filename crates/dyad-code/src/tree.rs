//! Dependency-tree helpers over a [`ParsedSentence`]: children lists, relation
//! normalisation across UD v1 and v2, cycle-safe subtree walks, and the reading of known
//! misparses (the perfect read as a possessive "have", a closing reporting clause read as
//! a complement of the verb before, a clause of time with the span of time as subject, a
//! passive read as a copula with an adverb, a hyphenated modifier split apart,
//! coordinated adjectives before a subject read as a clause, a verb tagged as an
//! interjection). Given parses come from anywhere, so nothing
//! here trusts the tree to be a tree.

use crate::parsed::ParsedSentence;

/// A relation normalised to one vocabulary (UD v2 names, subtypes kept where the coder
/// cares: passive subjects, possessives, agents, temporal modifiers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    Subj,
    SubjPass,
    Obj,
    Iobj,
    /// `obl` / `nmod` (oblique or nominal modifier with a preposition).
    Obl,
    /// `obl:agent` / `nmod:agent`: the by-agent of a passive.
    Agent,
    /// Temporal and other modifiers that never hold participants.
    Tmod,
    Poss,
    /// Words inside a noun phrase: compound, flat, name, amod, det, nummod, fixed, goeswith.
    NpInternal,
    Conj,
    Cc,
    Case,
    Mark,
    Aux,
    AuxPass,
    Cop,
    Neg,
    Advmod,
    Xcomp,
    Ccomp,
    Advcl,
    Acl,
    Relcl,
    Appos,
    Prt,
    Parataxis,
    Punct,
    Root,
    Other,
}

pub(crate) fn rel_of(deprel: &str, form: &str) -> Rel {
    let d = deprel.to_ascii_lowercase();
    let (base, sub) = match d.split_once(':') {
        Some((b, s)) => (b.to_string(), s.to_string()),
        None => (d.clone(), String::new()),
    };
    match (base.as_str(), sub.as_str()) {
        ("nsubj", "pass") | ("nsubjpass", _) | ("csubjpass", _) => Rel::SubjPass,
        ("nsubj", _) | ("csubj", _) => Rel::Subj,
        ("obj", _) | ("dobj", _) => Rel::Obj,
        ("iobj", _) => Rel::Iobj,
        ("obl", "agent") | ("nmod", "agent") => Rel::Agent,
        ("obl", "tmod")
        | ("nmod", "tmod")
        | ("obl", "npmod")
        | ("nmod", "npmod")
        | ("obl", "unmarked")
        | ("nmod", "unmarked") => Rel::Tmod,
        ("nmod", "poss") | ("poss", _) => Rel::Poss,
        // `nmod:desc` (UD 2.13+): a descriptive name modifier, inside the phrase.
        ("nmod", "desc") => Rel::NpInternal,
        ("obl", _) | ("nmod", _) => Rel::Obl,
        ("compound", "prt") | ("prt", _) => Rel::Prt,
        ("compound", _)
        | ("flat", _)
        | ("name", _)
        | ("amod", _)
        | ("det", _)
        | ("nummod", _)
        | ("fixed", _)
        | ("mwe", _)
        | ("goeswith", _)
        | ("foreign", _) => Rel::NpInternal,
        ("conj", _) => Rel::Conj,
        ("cc", _) => Rel::Cc,
        ("case", _) => Rel::Case,
        ("mark", _) => Rel::Mark,
        ("aux", "pass") | ("auxpass", _) => Rel::AuxPass,
        ("aux", _) => Rel::Aux,
        ("cop", _) => Rel::Cop,
        ("neg", _) => Rel::Neg,
        ("advmod", _) => {
            let f = form.to_ascii_lowercase();
            if matches!(f.as_str(), "not" | "n't" | "never") {
                Rel::Neg
            } else {
                Rel::Advmod
            }
        }
        ("xcomp", _) => Rel::Xcomp,
        ("ccomp", _) => Rel::Ccomp,
        ("advcl", _) => Rel::Advcl,
        ("acl", "relcl") | ("relcl", _) | ("rcmod", _) => Rel::Relcl,
        ("acl", _) => Rel::Acl,
        ("appos", _) => Rel::Appos,
        ("parataxis", _) => Rel::Parataxis,
        ("punct", _) => Rel::Punct,
        ("root", _) => Rel::Root,
        _ => Rel::Other,
    }
}

/// The tree: 0-based word indices; `head[i]` is `None` for the root (and for words whose
/// head is out of range).
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    pub head: Vec<Option<usize>>,
    pub rel: Vec<Rel>,
    pub children: Vec<Vec<usize>>,
    pub upper: Vec<String>,
    pub lemma: Vec<String>,
    /// Word `i` is written directly before word `i + 1` (no space between).
    pub glued: Vec<bool>,
    /// Word `i` is tagged a verb (UPOS `VERB`), or is read as one whatever its tag: a
    /// participle of the perfect ([`read_perfect`]), an interjection between a subject
    /// and an object ([`read_interjection_verb`]).
    pub verb: Vec<bool>,
}

/// A perfect the parse read as a possessive "have" ("Arnor has celebrated Eid with Gondor"
/// parsed with "has" as the verb and "celebrated" an adjective on its object "Eid") is read
/// as the perfect: the past participle heads the clause, "have" is its auxiliary, and the
/// noun is the participle's object. Only where the participle comes right after a finite
/// "have" that has a subject of its own (adverbs may come between), and modifies that
/// "have"'s object further on. In the UD English treebanks a finite "have" right before a
/// word tagged `VBN` is that word's auxiliary over a hundred times for each time it is a
/// possessive with an adjective ("has limited options"): the tagger's `VBN` already chose
/// the verb. A word tagged `JJ` counts as the participle where it looks like one (ends in
/// "-ed" or "-en") and `verb_form` knows it as a form of a verb: taggers differ on
/// participles they have not seen ("has celebrated" tagged `JJ`), and a coder that reads
/// the perfect only where one tagger says `VBN` loses the event with another. Returns the
/// participles so read (the coder takes them as verbs whatever their tags).
fn read_perfect(
    s: &ParsedSentence,
    head: &mut [Option<usize>],
    rel: &mut [Rel],
    verb_form: &dyn Fn(&str) -> bool,
) -> Vec<usize> {
    let w = &s.words;
    let mut read = Vec::new();
    for h in 0..w.len() {
        let finite_have = finite_have(&w[h].lemma, &w[h].xpos)
            && matches!(
                rel[h],
                Rel::Root | Rel::Conj | Rel::Ccomp | Rel::Advcl | Rel::Parataxis
            );
        if !finite_have || !(0..w.len()).any(|c| head[c] == Some(h) && rel[c] == Rel::Subj) {
            continue;
        }
        let Some(p) = (h + 1..w.len()).find(|&i| !w[i].xpos.starts_with("RB")) else {
            continue;
        };
        let Some(o) = head[p] else { continue };
        let modifies_object = participle(&w[p].form, &w[p].xpos, verb_form)
            && w[p].deprel.eq_ignore_ascii_case("amod")
            && o > p
            && head[o] == Some(h)
            && rel[o] == Rel::Obj;
        if !modifies_object {
            continue;
        }
        for x in head.iter_mut() {
            if *x == Some(h) {
                *x = Some(p);
            }
        }
        head[p] = head[h];
        rel[p] = rel[h];
        head[h] = Some(p);
        rel[h] = Rel::Aux;
        read.push(p);
    }
    read
}

/// A reporting clause the parse hung on the object before it ("… crowds burned down its
/// embassy, a senior official said": "said" read as a complement of "burned", its subject
/// "embassy" with "a senior official" in apposition) is read as a reporting clause: the
/// appositive is the subject of the reporting verb, the noun it hung on is the object of
/// the verb right before that noun (particles may come between), and the reporting
/// clause is a parataxis, neither complement nor adverbial clause of the verb before it.
/// Only where the appositive comes after a comma and runs up to the reporting verb with no
/// comma closing it: an appositive inside a sentence is closed by a comma ("its embassy,
/// a new building, was burned"), so one that runs into a verb is that verb's subject.
fn read_reporting_clause(s: &ParsedSentence, head: &mut [Option<usize>], rel: &mut [Rel]) {
    let w = &s.words;
    let n = w.len();
    let kids = |head: &[Option<usize>], x: usize| -> Vec<usize> {
        (0..n).filter(|&c| head[c] == Some(x)).collect()
    };
    for v in 1..n {
        if !matches!(rel[v], Rel::Ccomp | Rel::Advcl) || head[v].is_none_or(|h| h > v) {
            continue;
        }
        let Some(subj) = kids(head, v)
            .into_iter()
            .find(|&c| c < v && rel[c] == Rel::Subj)
        else {
            continue;
        };
        let Some(app) = kids(head, subj)
            .into_iter()
            .find(|&c| c > subj && rel[c] == Rel::Appos)
        else {
            continue;
        };
        let (a_first, a_last, _) = content_span(head, rel, app);
        if a_last + 1 != v || a_first == 0 || w[a_first - 1].form != "," {
            continue;
        }
        // The noun phrase without its appositive, and the verb right before it.
        let (s_first, _, s_sub) = content_span(head, rel, subj);
        let Some(p) = (0..s_first).rev().find(|&i| w[i].xpos != "RP") else {
            continue;
        };
        let takes_object = w[p].xpos.starts_with("VB")
            && w[p].upos != "AUX"
            && !s_sub.contains(&p)
            && !kids(head, p).into_iter().any(|c| rel[c] == Rel::Obj);
        if !takes_object {
            continue;
        }
        head[subj] = Some(p);
        rel[subj] = Rel::Obj;
        head[app] = Some(v);
        rel[app] = Rel::Subj;
        rel[v] = Rel::Parataxis;
    }
}

/// Whether one of `kids` (the children of `word`) is a copula "be" before it.
fn has_copula_be(s: &ParsedSentence, rel: &[Rel], kids: &[usize], word: usize) -> bool {
    kids.iter()
        .any(|&c| rel[c] == Rel::Cop && s.words[c].lemma.eq_ignore_ascii_case("be") && c < word)
}

/// A child's relation once its head is read as a passive: its subject is the passive
/// subject, its copula the passive auxiliary.
fn as_passive(r: Rel) -> Rel {
    match r {
        Rel::Subj => Rel::SubjPass,
        Rel::Cop => Rel::AuxPass,
        r => r,
    }
}

/// A passive with adverbs before its participle that the parse read as a copula with an
/// adverb for predicate ("Freedonia was sharply and unfairly criticized …" with "was" the
/// copula of "sharply" and "criticized" coordinated with that adverb) is read as the
/// passive: the participle heads the clause, the adverb modifies it, "be" is its passive
/// auxiliary and the subject its passive subject. Only where the adverb has a copula
/// "be" and a participle (tagged `VBN` or `VBD`) with no subject of its own after it
/// among its conjuncts: an adverb is no predicate of "be" coordinated with a verb.
fn read_adverb_passive(s: &ParsedSentence, head: &mut [Option<usize>], rel: &mut [Rel]) {
    let w = &s.words;
    let n = w.len();
    for a in 0..n {
        if !w[a].xpos.starts_with("RB") {
            continue;
        }
        let kids: Vec<usize> = (0..n).filter(|&c| head[c] == Some(a)).collect();
        let copula = has_copula_be(s, rel, &kids, a);
        let participle = kids.iter().copied().find(|&p| {
            p > a
                && rel[p] == Rel::Conj
                && matches!(w[p].xpos.as_str(), "VBN" | "VBD")
                && !(0..n)
                    .any(|c| head[c] == Some(p) && matches!(rel[c], Rel::Subj | Rel::SubjPass))
        });
        let Some(p) = participle.filter(|_| copula) else {
            continue;
        };
        for &c in &kids {
            if c == p {
                continue;
            }
            head[c] = Some(p);
            rel[c] = as_passive(rel[c]);
        }
        head[p] = head[a];
        rel[p] = rel[a];
        head[a] = Some(p);
        rel[a] = Rel::Advmod;
    }
}

/// A passive whose "be" the parse read as a copula of the participle ("Freedonia was
/// heavily criticized by …" with "was" a `cop` of "criticized"): in UD only a predicate
/// that is no verb takes a copula, so a verb tagged as a past participle (`VBN`) with a
/// copula "be" is a passive. The copula is its passive auxiliary, its subject its passive
/// subject.
fn read_copula_passive(s: &ParsedSentence, head: &[Option<usize>], rel: &mut [Rel]) {
    let n = s.words.len();
    for (p, w) in s.words.iter().enumerate() {
        if w.upos != "VERB" || w.xpos != "VBN" {
            continue;
        }
        let kids: Vec<usize> = (0..n).filter(|&c| head[c] == Some(p)).collect();
        if !has_copula_be(s, rel, &kids, p) {
            continue;
        }
        for c in kids {
            rel[c] = as_passive(rel[c]);
        }
    }
}

/// Coordinated adjectives before a noun ("Freedonian and Sylvanian soldiers attacked …")
/// that the parse read as a clause of their own: the first adjective the root with the
/// verb its conjunct, or a second subject of the verb beside the noun. They modify the
/// noun: the first adjective becomes its modifier (its conjuncts stay with it), and where
/// it headed the sentence, the verb whose subject the noun is heads it instead and takes
/// the adjective's dependents after the noun. Only where the adjectives, their commas and
/// their conjunction run up to the noun with nothing else between, and the noun is the
/// subject of a verb after it.
fn read_coordinated_adjectives(s: &ParsedSentence, head: &mut [Option<usize>], rel: &mut [Rel]) {
    let w = &s.words;
    let n = w.len();
    for a in 0..n {
        if w[a].upos != "ADJ" || !matches!(rel[a], Rel::Root | Rel::Subj) {
            continue;
        }
        // The adjective's conjuncts, commas and conjunctions, up to the first other word.
        let mut noun = a + 1;
        while noun < n {
            let conjunct = rel[noun] == Rel::Conj && head[noun] == Some(a) && w[noun].upos == "ADJ";
            let separator = matches!(rel[noun], Rel::Cc | Rel::Punct)
                && (w[noun].upos == "CCONJ" || w[noun].form == ",")
                && head[noun].is_some_and(|h| h >= a && h <= noun + 1);
            if !conjunct && !separator {
                break;
            }
            noun += 1;
        }
        let last_is_conjunct = noun > a + 1 && rel[noun - 1] == Rel::Conj;
        let Some(v) = head.get(noun).copied().flatten() else {
            continue;
        };
        if !last_is_conjunct
            || !matches!(w[noun].upos.as_str(), "NOUN" | "PROPN")
            || !matches!(rel[noun], Rel::Subj | Rel::SubjPass)
            || v <= noun
        {
            continue;
        }
        match rel[a] {
            Rel::Root if head[v] == Some(a) && rel[v] == Rel::Conj => {
                for (c, h) in head.iter_mut().enumerate().skip(noun + 1) {
                    if *h == Some(a) && c != v {
                        *h = Some(v);
                    }
                }
                head[v] = None;
                rel[v] = Rel::Root;
            }
            Rel::Subj if head[a] == Some(v) => {}
            _ => continue,
        }
        head[a] = Some(noun);
        rel[a] = Rel::NpInternal;
    }
}

/// A word written with hyphens and no spaces ("state-run", split by the tokenizer into
/// "state", "-", "run") whose last part modifies a noun after it, inside that noun's
/// phrase, modifies it as one word: where the parse hangs a part before the last
/// outside the word (a hyphen mistagged as a comma can split "Ithilen state-run
/// television" into two phrases), that part hangs on the last part. The last part keeps
/// its place; a part whose subtree holds the last part stays. A hyphenated name whose
/// parts the parse reads otherwise ("Fornost and Barad-Dur", "Barad" the conjunct) is
/// left alone.
fn read_hyphenated_word(
    s: &ParsedSentence,
    glued: &[bool],
    head: &mut [Option<usize>],
    rel: &mut [Rel],
) {
    let w = &s.words;
    let n = w.len();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && glued[j] {
            j += 1;
        }
        let hyphen_inside = (i + 1..j).any(|k| w[k].form == "-");
        let modifier = head[j].is_some_and(|h| h > j) && rel[j] == Rel::NpInternal;
        if j > i && hyphen_inside && modifier {
            for p in i..j {
                if head[p].is_some_and(|h| (i..=j).contains(&h)) {
                    continue;
                }
                if subtree_of(head, p).contains(&j) {
                    continue;
                }
                head[p] = Some(j);
                rel[p] = if w[p].form == "-" {
                    Rel::Punct
                } else {
                    Rel::NpInternal
                };
            }
        }
        i = j + 1;
    }
}

/// A verb tagged as an interjection between two noun phrases that the parse made
/// subjects of one later verb ("Arnor and Gondor welcome a resumption of ties …, the
/// agency said" with "welcome" an interjection and both "Arnor" and "resumption"
/// subjects of "said") is read as the verb of its own clause: the phrase before it is
/// its subject, the phrase after it its object, and the clause is the complement of the
/// later verb. Only where `verb_form` knows the word as a verb form and the two phrases
/// meet it on each side: an interjection inside a sentence, between a subject and a
/// noun phrase, is no interjection. Returns the words so read.
fn read_interjection_verb(
    s: &ParsedSentence,
    head: &mut [Option<usize>],
    rel: &mut [Rel],
    verb_form: &dyn Fn(&str) -> bool,
) -> Vec<usize> {
    let w = &s.words;
    let n = w.len();
    let mut read = Vec::new();
    for x in 1..n.saturating_sub(1) {
        if w[x].upos != "INTJ" || !verb_form(&w[x].form) {
            continue;
        }
        let before = (0..x).find(|&c| rel[c] == Rel::Subj && content_span(head, rel, c).1 + 1 == x);
        let Some(subj) = before else { continue };
        let Some(v) = head[subj].filter(|&v| v > x) else {
            continue;
        };
        let after = (x + 1..v).find(|&c| {
            head[c] == Some(v)
                && matches!(rel[c], Rel::Subj | Rel::Obj)
                && content_span(head, rel, c).0 == x + 1
        });
        let Some(obj) = after else { continue };
        if subtree_of(head, x).contains(&v) {
            continue;
        }
        head[x] = Some(v);
        rel[x] = Rel::Ccomp;
        head[subj] = Some(x);
        rel[subj] = Rel::Subj;
        head[obj] = Some(x);
        rel[obj] = Rel::Obj;
        read.push(x);
    }
    read
}

/// Nouns of a span of time, by lemma: "five years after …" measures a time, it does
/// nothing.
const TIME_NOUNS: [&str; 7] = ["minute", "hour", "day", "week", "month", "year", "decade"];

/// A clause of time the parse read with the span of time as its subject ("almost five
/// years after Calenardhon crowds burned down its embassy" with "years" the subject of
/// "burned" and "after Calenardhon crowds" a modifier of "years") is read as the clause it
/// is: the noun after "after" (or "before", "since", "until") is the verb's subject, the
/// preposition opens the clause, the span of time is a temporal modifier, and the clause
/// is adverbial (neither a coordinated nor a reported clause). Only where the subject is a
/// noun of time (a minute … a decade) and the phrase with the preposition comes between
/// it and the verb.
fn read_time_clause(s: &ParsedSentence, head: &mut [Option<usize>], rel: &mut [Rel]) {
    let w = &s.words;
    let n = w.len();
    for v in 1..n {
        if !(w[v].upos == "VERB" || w[v].xpos.starts_with("VB")) {
            continue;
        }
        let Some(subj) = (0..v).find(|&c| head[c] == Some(v) && rel[c] == Rel::Subj) else {
            continue;
        };
        if !TIME_NOUNS.contains(&w[subj].lemma.to_ascii_lowercase().as_str()) {
            continue;
        }
        let opener = |c: usize| {
            matches!(
                w[c].form.to_ascii_lowercase().as_str(),
                "after" | "before" | "since" | "until"
            )
        };
        let found = (subj + 1..v).find_map(|o| {
            if head[o] != Some(subj) || rel[o] != Rel::Obl {
                return None;
            }
            (subj + 1..o)
                .find(|&c| head[c] == Some(o) && rel[c] == Rel::Case && opener(c))
                .map(|c| (o, c))
        });
        let Some((o, c)) = found else {
            continue;
        };
        head[o] = Some(v);
        rel[o] = Rel::Subj;
        head[c] = Some(v);
        rel[c] = Rel::Mark;
        rel[subj] = Rel::Tmod;
        if matches!(rel[v], Rel::Conj | Rel::Parataxis | Rel::Ccomp) {
            rel[v] = Rel::Advcl;
        }
    }
}

/// The first and last words under `x` and all of them, punctuation left out (the comma
/// before an appositive may hang on it).
fn content_span(head: &[Option<usize>], rel: &[Rel], x: usize) -> (usize, usize, Vec<usize>) {
    let sub: Vec<usize> = subtree_of(head, x)
        .into_iter()
        .filter(|&i| rel[i] != Rel::Punct || i == x)
        .collect();
    (sub[0], sub[sub.len() - 1], sub)
}

/// The words under `x` (itself included), sorted; cycle-safe.
fn subtree_of(head: &[Option<usize>], x: usize) -> Vec<usize> {
    let n = head.len();
    let mut seen = vec![false; n];
    let mut stack = vec![x];
    let mut out = Vec::new();
    while let Some(y) = stack.pop() {
        if seen[y] {
            continue;
        }
        seen[y] = true;
        out.push(y);
        stack.extend((0..n).filter(|&c| head[c] == Some(y)));
    }
    out.sort_unstable();
    out
}

/// A finite "have" (the auxiliary of a perfect, or a possessive verb).
pub(crate) fn finite_have(lemma: &str, xpos: &str) -> bool {
    lemma.eq_ignore_ascii_case("have") && matches!(xpos, "VBZ" | "VBP" | "VBD")
}

/// Whether a word may be the past participle of a perfect after a finite "have"
/// ([`read_perfect`]): tagged `VBN`, or tagged `JJ`, ending in "-ed" or "-en", and a form
/// of a verb `verb_form` knows.
pub(crate) fn participle(form: &str, xpos: &str, verb_form: &dyn Fn(&str) -> bool) -> bool {
    xpos == "VBN"
        || (xpos == "JJ" && {
            let f = form.to_ascii_lowercase();
            (f.ends_with("ed") || f.ends_with("en")) && verb_form(form)
        })
}

impl Tree {
    /// The tree the coder reads: the parse's, with the known misparses of the perfect
    /// ([`read_perfect`]; `verb_form` tells whether a word form is a form of a dictionary
    /// verb), of a closing reporting clause ([`read_reporting_clause`]), of a clause of
    /// time ([`read_time_clause`]), of a passive with adverbs ([`read_adverb_passive`])
    /// or with a copula for its auxiliary ([`read_copula_passive`]), of a hyphenated
    /// modifier ([`read_hyphenated_word`]), of coordinated adjectives before a subject
    /// ([`read_coordinated_adjectives`]) and of a verb tagged as an interjection
    /// ([`read_interjection_verb`]) undone.
    pub fn new(s: &ParsedSentence, verb_form: &dyn Fn(&str) -> bool) -> Tree {
        let n = s.words.len();
        let mut head: Vec<Option<usize>> = s
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.head >= 1 && w.head <= n && w.head - 1 != i).then(|| w.head - 1))
            .collect();
        let mut rel: Vec<Rel> = s.words.iter().map(|w| rel_of(&w.deprel, &w.form)).collect();
        let glued: Vec<bool> = (0..n)
            .map(|i| {
                i + 1 < n
                    && s.words[i].span.end == s.words[i + 1].span.start
                    && !s.words[i].span.is_empty()
            })
            .collect();
        read_hyphenated_word(s, &glued, &mut head, &mut rel);
        read_coordinated_adjectives(s, &mut head, &mut rel);
        let mut read_as_verbs = read_perfect(s, &mut head, &mut rel, verb_form);
        read_as_verbs.extend(read_interjection_verb(s, &mut head, &mut rel, verb_form));
        read_reporting_clause(s, &mut head, &mut rel);
        read_time_clause(s, &mut head, &mut rel);
        read_adverb_passive(s, &mut head, &mut rel);
        read_copula_passive(s, &head, &mut rel);
        let mut children = vec![Vec::new(); n];
        for (i, h) in head.iter().enumerate() {
            if let Some(h) = h {
                children[*h].push(i);
            }
        }
        let upper = s.words.iter().map(|w| w.form.to_uppercase()).collect();
        let lemma = s.words.iter().map(|w| w.lemma.to_uppercase()).collect();
        let mut verb: Vec<bool> = s.words.iter().map(|w| w.upos == "VERB").collect();
        for p in read_as_verbs {
            verb[p] = true;
        }
        Tree {
            head,
            rel,
            children,
            upper,
            lemma,
            glued,
            verb,
        }
    }

    pub fn len(&self) -> usize {
        self.head.len()
    }

    /// Children of `i` with relation `r`.
    pub fn kids(&self, i: usize, r: Rel) -> impl Iterator<Item = usize> + '_ {
        self.children
            .get(i)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&c| self.rel[c] == r)
    }

    /// The first child of `i` with relation `r`.
    pub fn kid(&self, i: usize, r: Rel) -> Option<usize> {
        self.kids(i, r).next()
    }

    /// The words under `i` (itself included) reached through relations `keep` accepts;
    /// sorted. Cycle-safe.
    pub fn subtree_by(&self, i: usize, keep: &dyn Fn(Rel) -> bool) -> Vec<usize> {
        let mut seen = vec![false; self.len()];
        let mut out = Vec::new();
        let mut stack = vec![i];
        while let Some(x) = stack.pop() {
            if x >= self.len() || seen[x] {
                continue;
            }
            seen[x] = true;
            out.push(x);
            for &c in &self.children[x] {
                if keep(self.rel[c]) {
                    stack.push(c);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The whole subtree of `i`.
    pub fn subtree(&self, i: usize) -> Vec<usize> {
        self.subtree_by(i, &|_| true)
    }

    /// The conjuncts of `i`: itself and its `conj` children, recursively (UD attaches all
    /// conjuncts to the first).
    pub fn conjuncts(&self, i: usize) -> Vec<usize> {
        self.subtree_by(i, &|r| r == Rel::Conj)
            .into_iter()
            .filter(|&x| x == i || self.rel[x] == Rel::Conj)
            .collect()
    }

    /// The first conjunct of the coordination `i` belongs to.
    pub fn first_conjunct(&self, i: usize) -> usize {
        let mut x = i;
        let mut steps = 0;
        while self.rel[x] == Rel::Conj {
            match self.head[x] {
                Some(h) if steps <= self.len() => {
                    x = h;
                    steps += 1;
                }
                _ => break,
            }
        }
        x
    }
}
