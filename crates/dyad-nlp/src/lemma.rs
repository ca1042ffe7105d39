//! Lemmatizer: an exception lexicon learnt from the treebank, a hand-written table of
//! irregular verbs, and suffix edit rules learnt per (suffix, XPOS) for unseen words.

use std::borrow::Cow;

use crate::feat::changes_when_lowercased;
use crate::perceptron::{put_str, put_u32, FastMap, FastSet, Reader};

/// Irregular English verb forms → lemma. The treebank lexicon covers most of them; the
/// table guarantees the forms event coding depends on even when a form is rare in
/// training or was tagged with an unusual verb tag.
const IRREGULAR: &[(&str, &str)] = &[
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("met", "meet"),
    ("said", "say"),
    ("says", "say"),
    ("struck", "strike"),
    ("stricken", "strike"),
    ("fought", "fight"),
    ("sought", "seek"),
    ("brought", "bring"),
    ("bought", "buy"),
    ("thought", "think"),
    ("caught", "catch"),
    ("taught", "teach"),
    ("fled", "flee"),
    ("led", "lead"),
    ("fed", "feed"),
    ("bled", "bleed"),
    ("shot", "shoot"),
    ("hit", "hit"),
    ("beat", "beat"),
    ("beaten", "beat"),
    ("began", "begin"),
    ("begun", "begin"),
    ("broke", "break"),
    ("broken", "break"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("came", "come"),
    ("did", "do"),
    ("done", "do"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("ate", "eat"),
    ("eaten", "eat"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("felt", "feel"),
    ("found", "find"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("got", "get"),
    ("gotten", "get"),
    ("gave", "give"),
    ("given", "give"),
    ("went", "go"),
    ("gone", "go"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("had", "have"),
    ("has", "have"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("laid", "lay"),
    ("left", "leave"),
    ("lent", "lend"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("paid", "pay"),
    ("ran", "run"),
    ("rang", "ring"),
    ("rode", "ride"),
    ("ridden", "ride"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("saw", "see"),
    ("seen", "see"),
    ("sold", "sell"),
    ("sent", "send"),
    ("shook", "shake"),
    ("shaken", "shake"),
    ("slew", "slay"),
    ("slain", "slay"),
    ("sang", "sing"),
    ("sung", "sing"),
    ("sank", "sink"),
    ("sunk", "sink"),
    ("sat", "sit"),
    ("slept", "sleep"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("spent", "spend"),
    ("stood", "stand"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("took", "take"),
    ("taken", "take"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("told", "tell"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("understood", "understand"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("won", "win"),
    ("wrote", "write"),
    ("written", "write"),
    ("was", "be"),
    ("were", "be"),
    ("been", "be"),
    ("is", "be"),
    ("are", "be"),
    ("am", "be"),
    ("built", "build"),
    ("bound", "bind"),
    ("dealt", "deal"),
    ("dug", "dig"),
    ("fought", "fight"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("hung", "hang"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("overtook", "overtake"),
    ("overtaken", "overtake"),
    ("seized", "seize"),
    ("shut", "shut"),
    ("spread", "spread"),
    ("sped", "speed"),
    ("stuck", "stick"),
    ("swept", "sweep"),
    ("swung", "swing"),
    ("upheld", "uphold"),
    ("withheld", "withhold"),
    ("wounded", "wound"),
];

/// An edit turning a form into its lemma: optionally lowercase, strip `strip` characters,
/// append `add`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rule {
    lower: bool,
    strip: u8,
    add: String,
}

impl Rule {
    /// The rule that maps `form` to `lemma`.
    pub fn learn(form: &str, lemma: &str) -> Rule {
        let lower_form = form.to_lowercase();
        let (base, lower) = if lemma.starts_with(|c: char| c.is_lowercase())
            && form.starts_with(|c: char| c.is_uppercase())
        {
            (lower_form.as_str(), true)
        } else {
            (form, false)
        };
        let common = base
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = base.chars().count() - common;
        let add: String = lemma.chars().skip(common).collect();
        Rule {
            lower,
            strip: strip.min(255) as u8,
            add,
        }
    }

    /// Applies the rule, or `None` when the form is too short for it.
    pub fn apply(&self, form: &str) -> Option<String> {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        let keep = n.checked_sub(usize::from(self.strip))?;
        if keep == 0 && self.add.is_empty() {
            return None;
        }
        let mut out: String = base.chars().take(keep).collect();
        out.push_str(&self.add);
        Some(out)
    }
}

/// The trained lemmatizer.
#[derive(Debug, Clone, Default)]
pub struct Lemmatizer {
    /// `form\tXPOS` → lemma (exact form first, then lowercased).
    pub(crate) lexicon: FastMap<String, String>,
    /// `suffix\tXPOS` → rule (suffixes of the lowercased form, longest first at lookup).
    pub(crate) rules: FastMap<String, Rule>,
    /// Every lemma seen in training (lowercased): among the rules that fit an unknown
    /// word, one giving a known lemma wins (`bombed` → `bomb`, not `bombe` after
    /// `described` → `describe`).
    pub(crate) known: FastSet<String>,
    irregular: FastMap<&'static str, &'static str>,
}

/// Longest suffix length the rules look at.
pub const MAX_SUFFIX: usize = 6;

impl Lemmatizer {
    /// A lemmatizer from learnt tables.
    pub fn new(
        lexicon: FastMap<String, String>,
        rules: FastMap<String, Rule>,
        known: FastSet<String>,
    ) -> Lemmatizer {
        Lemmatizer {
            lexicon,
            rules,
            known,
            irregular: IRREGULAR.iter().copied().collect(),
        }
    }

    /// The lemma of `form` tagged `upos`/`xpos`.
    pub fn lemma(&self, form: &str, upos: &str, xpos: &str) -> String {
        // Most forms are lowercase already: no copy for them.
        let lower: Cow<str> = if changes_when_lowercased(form) {
            Cow::Owned(form.to_lowercase())
        } else {
            Cow::Borrowed(form)
        };
        if upos == "VERB" || upos == "AUX" || xpos.starts_with("VB") {
            if let Some(l) = self.irregular.get(&*lower) {
                return (*l).to_string();
            }
        }
        if let Some(l) = with_key(form, xpos, |k| self.lexicon.get(k)) {
            return l.clone();
        }
        // UD English writes the lemma of a shouted proper noun in title case (`TEHRAN` →
        // `Tehran`), but keeps short acronyms (`DR`, `GISB`) as they are.
        if upos == "PROPN" && is_shouted_word(form) {
            return self.lemma(&title_case(form), upos, xpos);
        }
        // Numbers drop their thousands separators (`1,100` → `1100`).
        if xpos == "CD" {
            if let Some(n) = strip_thousands(form) {
                return n;
            }
        }
        if let Some(l) = with_key(&lower, xpos, |k| self.lexicon.get(k)) {
            if upos == "PROPN" {
                return form.to_string();
            }
            return l.clone();
        }
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        let mut first: Option<String> = None;
        for k in (0..=MAX_SUFFIX.min(chars.len())).rev() {
            let start = if k == 0 {
                lower.len()
            } else {
                chars[chars.len() - k].0
            };
            if let Some(rule) = with_key(&lower[start..], xpos, |k| self.rules.get(k)) {
                // Only proper nouns keep their capitals (UD English convention): an
                // unknown capitalised common word (`Glad`, `RFP`) is lemmatised lowercased.
                let base = if upos == "PROPN" { form } else { &lower };
                if let Some(l) = rule.apply(base) {
                    if self.known.contains(&l.to_lowercase()) {
                        return l;
                    }
                    first.get_or_insert(l);
                }
            }
        }
        if let Some(l) = first {
            return l;
        }
        if upos == "PROPN" {
            form.to_string()
        } else {
            lower.into_owned()
        }
    }

    /// Serialises the lemmatizer.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"DLM2");
        let mut lex: Vec<(&String, &String)> = self.lexicon.iter().collect();
        lex.sort();
        put_u32(out, lex.len() as u32);
        for (k, v) in lex {
            put_str(out, k);
            put_str(out, v);
        }
        let mut rules: Vec<(&String, &Rule)> = self.rules.iter().collect();
        rules.sort();
        put_u32(out, rules.len() as u32);
        for (k, r) in rules {
            put_str(out, k);
            out.push(u8::from(r.lower));
            out.push(r.strip);
            put_str(out, &r.add);
        }
        let mut known: Vec<&String> = self.known.iter().collect();
        known.sort();
        put_u32(out, known.len() as u32);
        for k in known {
            put_str(out, k);
        }
    }

    /// Reads a lemmatizer written by [`Lemmatizer::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Lemmatizer, String> {
        if r.bytes(4)? != b"DLM2" {
            return Err("not a dyad lemmatizer model".into());
        }
        let n = r.u32()? as usize;
        let mut lexicon = FastMap::with_capacity_and_hasher(n.min(1 << 20), Default::default());
        for _ in 0..n {
            let k = r.str()?;
            let v = r.str()?;
            lexicon.insert(k, v);
        }
        let n = r.u32()? as usize;
        let mut rules = FastMap::with_capacity_and_hasher(n.min(1 << 20), Default::default());
        for _ in 0..n {
            let k = r.str()?;
            let b = r.bytes(2)?;
            let (lower, strip) = (b[0] != 0, b[1]);
            let add = r.str()?;
            rules.insert(k, Rule { lower, strip, add });
        }
        let n = r.u32()? as usize;
        let mut known = FastSet::with_capacity_and_hasher(n.min(1 << 20), Default::default());
        for _ in 0..n {
            known.insert(r.str()?);
        }
        Ok(Lemmatizer::new(lexicon, rules, known))
    }
}

/// All letters, all upper case, at least five of them: a shouted word, not an acronym.
fn is_shouted_word(form: &str) -> bool {
    form.chars().count() >= 5 && form.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
}

/// Calls `f` with the table key `a\tb`, built on the stack when it is short (most are):
/// the lexicon and rule lookups run for every word, and a `String` per lookup showed in
/// profiles.
fn with_key<R>(a: &str, b: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    let n = a.len() + 1 + b.len();
    if let Some(out) = buf.get_mut(..n) {
        let (head, tail) = out.split_at_mut(a.len());
        head.copy_from_slice(a.as_bytes());
        if let Some((tab, rest)) = tail.split_first_mut() {
            *tab = b'\t';
            rest.copy_from_slice(b.as_bytes());
        }
        if let Ok(k) = std::str::from_utf8(out) {
            return f(k);
        }
    }
    f(&format!("{a}\t{b}"))
}

/// `TEHRAN` → `Tehran`.
fn title_case(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for (i, c) in form.chars().enumerate() {
        if i == 0 {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// `1,100` → `1100`, `12,345.5` → `12345.5`; `None` unless the commas group thousands.
fn strip_thousands(form: &str) -> Option<String> {
    let (int, frac) = match form.split_once('.') {
        Some((i, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (i, Some(f)),
        Some(_) => return None,
        None => (form, None),
    };
    let mut groups = int.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = first.to_string();
    let mut n = 0;
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(g);
        n += 1;
    }
    if n == 0 {
        return None;
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Some(out)
}

/// Whether a contracted `'s` (lemmatised `be` out of context) is `have`: UD English
/// lemmatises the perfect and possessive-`got` auxiliary as `have` (`she's been`, `he's
/// got`), looking past one adverb (`it's already been`).
pub fn clitic_s_is_have(next: &[&str]) -> bool {
    const ADVERBS: &[&str] = &["only", "always", "already", "also", "just", "never", "ever"];
    const PERFECT: &[&str] = &["been", "got", "gotten", "had"];
    let is = |w: &str, set: &[&str]| set.iter().any(|s| w.eq_ignore_ascii_case(s));
    match next {
        [a, b, ..] if is(a, ADVERBS) => is(b, PERFECT),
        [a, ..] => is(a, PERFECT),
        [] => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_learn_and_apply() {
        let r = Rule::learn("walked", "walk");
        assert_eq!(r.apply("talked").as_deref(), Some("talk"));
        let r = Rule::learn("The", "the");
        assert_eq!(r.apply("A").as_deref(), Some("a"));
        let r = Rule::learn("studies", "study");
        assert_eq!(r.apply("flies").as_deref(), Some("fly"));
        assert_eq!(Rule::learn("x", "xyz").apply("").as_deref(), Some("yz"));
        assert_eq!(Rule::learn("abc", "").apply("ab"), None);
    }

    #[test]
    fn a_rule_giving_a_known_lemma_wins() {
        let rules = [
            ("bed\tVBD", Rule::learn("described", "describe")),
            ("ed\tVBD", Rule::learn("walked", "walk")),
        ]
        .into_iter()
        .map(|(k, r)| (k.to_string(), r))
        .collect();
        let known = ["bomb".to_string()].into_iter().collect();
        let lem = Lemmatizer::new(FastMap::default(), rules, known);
        assert_eq!(lem.lemma("bombed", "VERB", "VBD"), "bomb");
        assert_eq!(lem.lemma("scribed", "VERB", "VBD"), "scribe");
    }

    #[test]
    fn lexicon_keys_longer_than_the_stack_buffer_are_found() {
        // The lookup key `form\tXPOS` is built on the stack up to 64 bytes; a longer one
        // (and a capitalised one, looked up exactly then lowercased) must still match.
        let long = "counter".repeat(10);
        let lexicon = [
            (format!("{long}s\tNNS"), long.clone()),
            ("talks\tNNS".to_string(), "talk".to_string()),
        ]
        .into_iter()
        .collect();
        let lem = Lemmatizer::new(lexicon, FastMap::default(), FastSet::default());
        assert_eq!(lem.lemma(&format!("{long}s"), "NOUN", "NNS"), long);
        assert_eq!(lem.lemma("Talks", "NOUN", "NNS"), "talk");
        assert_eq!(lem.lemma("ÉTATS", "NOUN", "NNS"), "états");
    }

    #[test]
    fn irregular_verbs_win_over_rules() {
        let lem = Lemmatizer::new(FastMap::default(), FastMap::default(), FastSet::default());
        assert_eq!(lem.lemma("withdrew", "VERB", "VBD"), "withdraw");
        assert_eq!(lem.lemma("Met", "VERB", "VBD"), "meet");
        assert_eq!(lem.lemma("Paris", "PROPN", "NNP"), "Paris");
        assert_eq!(lem.lemma("Tables", "NOUN", "NNS"), "tables");
    }

    #[test]
    fn shouted_proper_nouns_are_title_cased_and_acronyms_kept() {
        let lem = Lemmatizer::new(FastMap::default(), FastMap::default(), FastSet::default());
        assert_eq!(lem.lemma("TEHRAN", "PROPN", "NNP"), "Tehran");
        assert_eq!(lem.lemma("GISB", "PROPN", "NNP"), "GISB");
        assert_eq!(lem.lemma("NASA's", "PROPN", "NNP"), "NASA's");
    }

    #[test]
    fn numbers_lose_thousands_separators_only() {
        let lem = Lemmatizer::new(FastMap::default(), FastMap::default(), FastSet::default());
        for (form, want) in [
            ("1,100", "1100"),
            ("12,345.50", "12345.50"),
            ("1,000,000", "1000000"),
            ("7,5", "7,5"),
            ("1,10", "1,10"),
            (",100", ",100"),
            ("1,100.", "1,100."),
            ("2020", "2020"),
        ] {
            assert_eq!(lem.lemma(form, "NUM", "CD"), want, "{form}");
        }
    }

    #[test]
    fn contracted_s_before_a_perfect_is_have() {
        assert!(clitic_s_is_have(&["been", "there"]));
        assert!(clitic_s_is_have(&["already", "got"]));
        assert!(!clitic_s_is_have(&["done"]));
        assert!(!clitic_s_is_have(&["very", "been"]));
        assert!(!clitic_s_is_have(&[]));
    }
}
