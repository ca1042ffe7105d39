//! Coreference within one article: which earlier actor a pronoun ("he", "it", "his"), a
//! definite description ("the prime minister", "the ministry") or a short name
//! ("Abdul-Mahdi" after "Adel Abdul-Mahdi") stands for, so that a sentence's events can be
//! coded with that actor's code.
//!
//! Input: the article's sentences as parsed words (form, lemma, POS, head, relation) with
//! the actor mentions the coder found in each (a word range and a code). Output: one
//! [`Link`] per resolved anaphor, naming the antecedent mention, the code it carries and
//! the rule that fired. Nothing here knows dictionaries; nothing does I/O.
//!
//! How it decides, sentence by sentence and left to right:
//! - **Entities.** Every coder mention opens an entity, or joins one when its name (the
//!   proper nouns after its titles: "Iraqi Prime Minister Adel Abdul-Mahdi" → "Adel
//!   Abdul-Mahdi") repeats an earlier one, or when it is the same name or country with
//!   the same code ("Iraq" … "Iraq"). A resolved anaphor joins its antecedent's entity,
//!   so chains carry on ("he" … "his request" … "the prime minister"). A role whose
//!   country is unknown and that follows a country's possessive ("Iraq's caretaker prime
//!   minister") takes that country (a `possessor` link: the coder does this itself when
//!   the parse shows the possessive).
//! - **Pronouns** (`he him she her it they them`, and the possessive determiners `his her
//!   its their`) look back at most three sentences. Salience, tier by tier: subjects
//!   before the pronoun in its own sentence, objects before it in its own sentence,
//!   subjects of the previous sentence, other mentions of its own sentence (inside
//!   adjuncts: "In talks with the secretary, he …"), objects then other mentions of the
//!   previous sentence, then the sentences before (subjects first). Within a tier the
//!   subject of the nearest clause above the pronoun wins in its own sentence, the main
//!   clause's subject in earlier ones. Agreement: `he`/`she` take persons (titles, role
//!   nouns, names) whose gender cues (`spokeswoman`, `Mr.`, an earlier `she`) do not
//!   contradict them;
//!   `it`/`they` take only organisations, countries and groups (`they` also plural
//!   persons: "the officials"), and only as subjects or possessives. Two different
//!   entities equally salient leave the pronoun unresolved, as do pronouns inside
//!   quotation marks (they speak from the quoted person's point of view) and expletive
//!   `it` ("it is likely that").
//! - **Definite descriptions** ("the (Iraqi) prime minister", "the secretary", "the
//!   department", "the militants", "the group", "the country"): the most recent entity
//!   whose words hold the description's role words ("prime minister" ↔ "Prime Minister
//!   Adel Abdul-Mahdi"; "the secretary" ↔ "Secretary of State Mike Pompeo"); a
//!   nationality in the description must agree with the entity's country code. "The
//!   group" takes a non-state organisation, "the country" a country. Two entities in the
//!   same, most recent, sentence that both fit leave it unresolved.
//! - **Short names**: a run of proper nouns that is not itself a coded mention and that
//!   ends an earlier person's name ("Pompeo", "Mr. Pompeo", "Abdul-Mahdi") links to that
//!   person when exactly one entity has that name.
//!
//! Quote attribution ([`crate::quotes`]) shares this module's gender and person-noun
//! lexicons.

use std::collections::HashMap;

/// One syntactic word of a sentence, as the resolver needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorefWord {
    /// The form as written.
    pub form: String,
    /// The lemma (compared lower-cased).
    pub lemma: String,
    /// Universal part of speech (`PROPN`, `PRON`, …).
    pub upos: String,
    /// Penn tag (`PRP$` tells a possessive "her" from an object "her").
    pub xpos: String,
    /// 1-based index of the head word; 0 for the root.
    pub head: usize,
    /// Dependency relation (`nsubj`, `nsubj:pass`, …).
    pub deprel: String,
    /// True when a space follows the word (to write mention texts back).
    pub space_after: bool,
}

/// What kind of phrase an actor mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A proper name: "Mike Pompeo", "Hezbollah".
    Name,
    /// A title or role with a name: "Secretary of State Mike Pompeo".
    TitleName,
    /// A role or agent phrase without a name: "Iraqi lawmakers", "the foreign ministry".
    Agent,
    /// A country or its adjective: "Iraq", "Iranian".
    Country,
}

/// An actor mention the coder found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorefMention {
    /// First word (0-based).
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The actor code (`IRQGOV`; `---GOV` when the country is unknown).
    pub code: String,
    /// Name, title+name, agent phrase or country.
    pub kind: MentionKind,
}

/// One sentence of the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorefSentence {
    /// 0-based paragraph index (quotation state is reset at a new paragraph).
    pub paragraph: usize,
    /// The words.
    pub words: Vec<CorefWord>,
    /// The actor mentions found in it.
    pub mentions: Vec<CorefMention>,
}

/// What kind of anaphor was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnaphorKind {
    /// A personal pronoun: "he", "they", "him".
    Pronoun,
    /// A possessive determiner: "his", "its", "their".
    Possessive,
    /// A definite description: "the prime minister", "the ministry".
    Description,
    /// A short form of an earlier name: "Abdul-Mahdi", "Mr. Pompeo".
    ShortName,
    /// A role whose country is its possessor's: "Iraq's prime minister" (the parse may
    /// have missed the possessive that tells the coder).
    Possessor,
}

impl AnaphorKind {
    /// The kind's name in rules: `pronoun`, `possessive`, `description`, `short-name`.
    pub fn name(self) -> &'static str {
        match self {
            AnaphorKind::Pronoun => "pronoun",
            AnaphorKind::Possessive => "possessive",
            AnaphorKind::Description => "description",
            AnaphorKind::ShortName => "short-name",
            AnaphorKind::Possessor => "possessor",
        }
    }
}

/// A mention in the article: a sentence and a word range, with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionRef {
    /// Index of the sentence in the slice given to [`resolve`].
    pub sentence: usize,
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The words as written.
    pub text: String,
}

/// A resolved anaphor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The anaphor: its sentence and words.
    pub anaphor: MentionRef,
    /// Pronoun, possessive, description or short name.
    pub kind: AnaphorKind,
    /// The antecedent: the entity's latest mention before the anaphor that is not a
    /// pronoun (its name when it has one, "Adel Abdul-Mahdi").
    pub antecedent: MentionRef,
    /// The code the anaphor takes: the entity's code (the first of its mentions with a
    /// known country), or the anaphor's own when it has a more specific one.
    pub code: String,
    /// The rule that fired, for event records: `coref:pronoun <- sentence 2 "Adel
    /// Abdul-Mahdi"`.
    pub rule: String,
}

// ---------------------------------------------------------------------------------------
// Lexicons (shared with quote attribution)

/// Words that mark a woman.
pub(crate) const FEMALE: &[&str] = &[
    "she",
    "her",
    "hers",
    "herself",
    "spokeswoman",
    "woman",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "madam",
    "chairwoman",
    "congresswoman",
    "queen",
    "princess",
    "mother",
    "wife",
    "daughter",
    "sister",
    "lady",
    "businesswoman",
    "actress",
];

/// Words that mark a man.
pub(crate) const MALE: &[&str] = &[
    "he",
    "him",
    "his",
    "himself",
    "spokesman",
    "man",
    "mr",
    "mr.",
    "chairman",
    "congressman",
    "king",
    "prince",
    "father",
    "husband",
    "son",
    "brother",
    "sir",
    "lord",
    "businessman",
];

/// Gender cue of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Female,
    Male,
    Unknown,
}

/// The gender a word marks.
pub(crate) fn word_gender(w: &str) -> Gender {
    let l = w.to_lowercase();
    if FEMALE.contains(&l.as_str()) {
        Gender::Female
    } else if MALE.contains(&l.as_str()) {
        Gender::Male
    } else {
        Gender::Unknown
    }
}

/// The gender a phrase marks: its last gendered word.
pub(crate) fn gender(s: &str) -> Gender {
    let mut g = Gender::Unknown;
    for w in s.split(|c: char| c.is_whitespace() || c == ',') {
        match word_gender(w) {
            Gender::Unknown => {}
            x => g = x,
        }
    }
    g
}

/// Person nouns: titles and roles held by one person. Met between a speaker and a
/// pronoun they make the pronoun ambiguous (quotes); in a mention they make it a person.
pub(crate) const PERSON_NOUNS: &[&str] = &[
    "minister",
    "president",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "official",
    "leader",
    "general",
    "ambassador",
    "chancellor",
    "king",
    "queen",
    "senator",
    "governor",
    "mayor",
    "chief",
    "commander",
    "envoy",
    "diplomat",
    "mr.",
    "mrs.",
    "ms.",
    "mr",
    "mrs",
    "ms",
    "man",
    "woman",
    "premier",
    "prince",
    "princess",
    "emir",
    "sultan",
    "sheikh",
    "ayatollah",
    "cleric",
    "pope",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "judge",
    "prosecutor",
    "director",
    "chairman",
    "chairwoman",
    "dr.",
    "gen.",
    "maj.",
    "col.",
    "lt.",
    "sgt.",
    "adm.",
    "capt.",
    "sen.",
    "rep.",
    "gov.",
    "pres.",
    "colonel",
    "captain",
    "admiral",
    "lieutenant",
    "sergeant",
    "speaker",
    "representative",
    "negotiator",
    "mediator",
    "head",
    "aide",
    "adviser",
    "advisor",
    "deputy",
    "monarch",
    "dictator",
    "strongman",
    "warlord",
    "bishop",
    "imam",
    "rabbi",
    "businessman",
    "businesswoman",
];

/// Plural nouns for groups of people ("the militants … they").
const GROUP_NOUNS: &[&str] = &[
    "militants",
    "rebels",
    "insurgents",
    "fighters",
    "troops",
    "forces",
    "soldiers",
    "officials",
    "leaders",
    "ministers",
    "lawmakers",
    "legislators",
    "protesters",
    "protestors",
    "demonstrators",
    "authorities",
    "police",
    "militiamen",
    "gunmen",
    "separatists",
    "jihadists",
    "extremists",
    "terrorists",
    "diplomats",
    "negotiators",
    "activists",
    "workers",
    "students",
    "settlers",
    "refugees",
    "residents",
    "villagers",
    "citizens",
    "investigators",
    "prosecutors",
    "judges",
    "generals",
    "commanders",
    "envoys",
    "delegates",
    "militias",
];

/// Nouns that make a phrase an organisation ("it").
const ORG_NOUNS: &[&str] = &[
    "ministry",
    "department",
    "government",
    "administration",
    "party",
    "agency",
    "council",
    "group",
    "organization",
    "organisation",
    "movement",
    "front",
    "union",
    "committee",
    "commission",
    "parliament",
    "assembly",
    "congress",
    "senate",
    "court",
    "bank",
    "company",
    "corporation",
    "press",
    "news",
    "office",
    "cabinet",
    "coalition",
    "alliance",
    "embassy",
    "corps",
    "brigade",
    "brigades",
    "regime",
    "service",
    "institute",
    "authority",
    "federation",
    "league",
    "association",
    "fund",
    "pentagon",
    "kremlin",
    "university",
    "college",
    "school",
    "hospital",
    "museum",
    "church",
    "mosque",
    "club",
    "team",
    "airport",
    "summit",
    "conference",
    "navy",
    "army",
    "military",
    "militia",
    "opposition",
    "junta",
    "network",
    "state",
];

/// Code parts (3 letters) of non-state organisations: "the group".
const GROUP_SECTORS: &[&str] = &[
    "REB", "INS", "UAF", "TER", "RAD", "SEP", "OPP", "MOD", "NGO", "IGO", "IMG", "NGM", "PTY",
    "MED", "BUS", "MNC", "CRM",
];

/// Codes that start with a three-letter part that is not a country.
const NON_COUNTRY: &[&str] = &[
    "---", "IGO", "NGO", "IMG", "NGM", "MNC", "MED", "UAF", "REB", "INS", "OPP", "GOV", "MIL",
    "BUS", "CVL", "EDU", "ELI", "HLH", "JUD", "LAB", "LEG", "REF", "RAD", "SPY", "TER", "COP",
    "AGR", "ENV", "CRM", "MOD", "SEP", "PTY", "HRI", "DEV",
];

/// Last words of country names of several words ("United States", "Saudi Arabia").
const COUNTRY_LAST_WORDS: &[&str] = &[
    "states",
    "kingdom",
    "korea",
    "arabia",
    "africa",
    "zealand",
    "lanka",
    "leone",
    "rica",
    "salvador",
    "guinea",
    "emirates",
    "republic",
    "islands",
    "sudan",
    "ossetia",
    "timor",
    "verde",
    "marino",
    "lucia",
    "faso",
    "herzegovina",
    "tobago",
    "barbuda",
    "nevis",
    "principe",
    "grenadines",
    "coast",
    "union",
    "bank",
    "strip",
    "macedonia",
    "congo",
    "samoa",
    "rico",
    "kong",
    "america",
    "east",
    "caledonia",
    "polynesia",
    "gaza",
    "heights",
    "vatican",
    "federation",
    "emirate",
    "city",
    "see",
    "territories",
    "cyprus",
    "ireland",
    "germany",
    "yemen",
    "vietnam",
    "arab",
];

/// Words standing before a name that are titles, not part of it.
const TITLE_WORDS: &[&str] = &[
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "dr.",
    "dr",
    "gen.",
    "maj.",
    "col.",
    "lt.",
    "sgt.",
    "adm.",
    "capt.",
    "sen.",
    "rep.",
    "gov.",
    "pres.",
    "sir",
    "sheikh",
    "ayatollah",
    "president",
    "minister",
    "prime",
    "secretary",
    "state",
    "general",
    "foreign",
    "defense",
    "defence",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "emir",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "senator",
    "governor",
    "mayor",
    "commander",
    "envoy",
    "chief",
    "pope",
    "deputy",
    "vice",
    "speaker",
    "leader",
    "grand",
    "imam",
];

/// Modifiers that are part of a role ("prime minister", "foreign minister"): a
/// description's modifier among these must be found in the antecedent; others
/// ("caretaker", "acting", "former", "top") need not.
const ROLE_MODIFIERS: &[&str] = &[
    "prime",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "state",
    "deputy",
    "vice",
    "justice",
    "health",
    "oil",
    "energy",
    "trade",
    "economy",
    "education",
    "attorney",
    "supreme",
    "grand",
    "army",
    "military",
    "intelligence",
    "police",
    "security",
    "treasury",
    "labor",
    "labour",
    "agriculture",
    "information",
    "culture",
    "transport",
    "home",
    "war",
    "navy",
];

/// Role heads a definite description may have.
const DESCRIPTION_HEADS: &[&str] = &[
    "minister",
    "president",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "emir",
    "sultan",
    "general",
    "ambassador",
    "envoy",
    "governor",
    "mayor",
    "senator",
    "commander",
    "leader",
    "chief",
    "cleric",
    "ayatollah",
    "pope",
    "ministry",
    "department",
    "government",
    "administration",
    "agency",
    "council",
    "parliament",
    "militants",
    "rebels",
    "insurgents",
    "militia",
    "group",
    "organization",
    "organisation",
    "movement",
    "country",
    "pentagon",
    "kremlin",
    "army",
    "military",
    "party",
    "cabinet",
    "regime",
    "junta",
    "coalition",
    "alliance",
];

const PRONOUNS_PERSONAL: &[&str] = &["he", "him", "she", "her", "it", "they", "them"];
const PRONOUNS_POSSESSIVE: &[&str] = &["his", "her", "its", "their"];

/// How far back (in sentences) a pronoun looks for its antecedent.
const PRONOUN_WINDOW: usize = 3;

/// How many mentions back a definite description looks for its antecedent.
const DESCRIPTION_WINDOW: usize = 400;

// ---------------------------------------------------------------------------------------
// Entities

/// What sort of thing an entity is, for agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Person,
    /// Several persons: "the officials", "militants".
    People,
    Org,
    Country,
    /// A name nothing tells apart (one proper noun, no role word).
    Unknown,
}

#[derive(Debug, Clone)]
struct Entity {
    code: String,
    class: Class,
    gender: Gender,
    /// Lower-cased words of all its mentions (role matching).
    words: Vec<String>,
    /// Lower-cased name words ("adel", "abdul-mahdi"), from the first mention with one.
    name: Vec<String>,
    /// Its mentions (indices into `State::ments`), in article order.
    ments: Vec<usize>,
}

/// A mention's grammatical role, for salience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Subject,
    Object,
    Other,
}

impl Ment {
    fn role(&self) -> Role {
        if self.subject {
            Role::Subject
        } else if self.object {
            Role::Object
        } else {
            Role::Other
        }
    }
}

#[derive(Debug, Clone)]
struct Ment {
    sentence: usize,
    start: usize,
    end: usize,
    entity: usize,
    subject: bool,
    /// A direct or indirect object ("led the prime minister to …").
    object: bool,
    depth: usize,
    /// The word the mention's head depends on (for a conjunct: the first conjunct's).
    governor: Option<usize>,
    pronoun: bool,
    /// The name inside the mention (word range), when it has one.
    name: Option<(usize, usize)>,
}

fn lower(w: &CorefWord) -> String {
    w.form.to_lowercase()
}

fn is_propn(w: &CorefWord) -> bool {
    w.upos == "PROPN"
        || (w.upos.is_empty() && w.form.chars().next().is_some_and(char::is_uppercase))
}

/// A word that may be part of a name: a proper noun, or a capitalised word the tagger
/// took for something else ("Ortagus said" tagged as a noun).
fn is_namelike(w: &CorefWord) -> bool {
    is_propn(w)
        || (w.form.chars().next().is_some_and(char::is_uppercase)
            && matches!(w.upos.as_str(), "NOUN" | "X" | "ADJ" | "VERB")
            && w.form.chars().any(char::is_lowercase))
}

/// A name word without its Arabic article ("al-Sisi" and "Sisi" are one name).
fn bare_name(w: &str) -> &str {
    for p in [
        "al-", "el-", "ad-", "an-", "as-", "ash-", "at-", "az-", "ar-",
    ] {
        if let Some(rest) = w.strip_prefix(p) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    w
}

fn is_hyphen(w: &CorefWord) -> bool {
    w.form == "-" || w.form == "‐"
}

/// The words `start..end` as written.
fn text_of(words: &[CorefWord], start: usize, end: usize) -> String {
    let mut out = String::new();
    let end = end.min(words.len());
    for (i, w) in words.iter().enumerate().take(end).skip(start) {
        out.push_str(&w.form);
        if i + 1 < end && w.space_after {
            out.push(' ');
        }
    }
    out
}

/// The name words of `text_of(start..end)` split as a reader would ("Abdul - Mahdi" is one
/// word when written without spaces).
fn name_words(words: &[CorefWord], start: usize, end: usize) -> Vec<String> {
    text_of(words, start, end)
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The word of `start..end` whose head lies outside the range.
fn range_head(words: &[CorefWord], start: usize, end: usize) -> usize {
    (start..end)
        .find(|&i| {
            let h = words[i].head;
            h == 0 || h - 1 < start || h > end
        })
        .unwrap_or(end.saturating_sub(1))
}

fn depth(words: &[CorefWord], w: usize) -> usize {
    let mut x = w;
    for d in 0..words.len() + 1 {
        match words.get(x).map(|w| w.head) {
            Some(h) if h > 0 && h <= words.len() => x = h - 1,
            _ => return d,
        }
    }
    words.len()
}

/// How many heads up from word `w` the word `anc` stands; `None` when it is no ancestor.
fn ancestor_distance(words: &[CorefWord], w: usize, anc: usize) -> Option<usize> {
    let mut x = w;
    for d in 0..=words.len() {
        if x == anc {
            return Some(d);
        }
        x = words.get(x)?.head.checked_sub(1)?;
    }
    None
}

fn is_subject(w: &CorefWord) -> bool {
    w.deprel.starts_with("nsubj")
}

/// True when the code's first three letters are a country.
fn has_country(code: &str) -> bool {
    code.len() >= 3 && code.get(..3).is_some_and(|p| !NON_COUNTRY.contains(&p))
}

fn code_parts(code: &str) -> impl Iterator<Item = &str> {
    (0..code.len() / 3).filter_map(move |i| code.get(i * 3..i * 3 + 3))
}

/// The kind of a coder mention, from its words and code: a bare country code on words
/// without role nouns is a country; role nouns with a proper name make a title+name;
/// role nouns alone an agent phrase; anything else a name.
pub fn classify_mention(words: &[CorefWord], start: usize, end: usize, code: &str) -> MentionKind {
    let end = end.min(words.len());
    let ws = words.get(start..end).unwrap_or_default();
    let role = |w: &CorefWord| {
        let l = lower(w);
        PERSON_NOUNS.contains(&l.as_str())
            || GROUP_NOUNS.contains(&l.as_str())
            || ORG_NOUNS.contains(&l.as_str())
    };
    let has_role = ws.iter().any(role);
    let has_name = ws.iter().any(|w| is_propn(w) && !role(w));
    // A bare country code on a name of several words is a person or a group ("Rufus
    // Firefly" [FRE]) unless the name ends like a country's ("United States").
    let names: Vec<&CorefWord> = ws
        .iter()
        .filter(|w| !matches!(lower(w).as_str(), "the" | "of" | "and") && !is_hyphen(w))
        .collect();
    let country_like = names.len() <= 1
        || names
            .last()
            .is_some_and(|w| COUNTRY_LAST_WORDS.contains(&lower(w).as_str()));
    if code.len() == 3 && has_country(code) && !has_role && country_like {
        MentionKind::Country
    } else if has_role && has_name {
        MentionKind::TitleName
    } else if has_role {
        MentionKind::Agent
    } else {
        MentionKind::Name
    }
}

/// The trailing proper-noun run of a mention that is a person's name, titles left out:
/// "Secretary of State Mike Pompeo" → "Mike Pompeo".
fn name_range(words: &[CorefWord], start: usize, end: usize) -> Option<(usize, usize)> {
    let mut s = end;
    while s > start {
        let w = &words[s - 1];
        let l = lower(w);
        let ok = (is_namelike(w) || (is_hyphen(w) && s - 1 > start))
            && !TITLE_WORDS.contains(&l.as_str())
            && !ORG_NOUNS.contains(&l.as_str())
            && !GROUP_NOUNS.contains(&l.as_str());
        if !ok {
            break;
        }
        s -= 1;
    }
    // A hyphen cannot open a name.
    while s < end && is_hyphen(&words[s]) {
        s += 1;
    }
    (s < end).then_some((s, end))
}

fn classify(words: &[CorefWord], start: usize, end: usize, kind: MentionKind, code: &str) -> Class {
    if kind == MentionKind::Country {
        return Class::Country;
    }
    let ws = &words[start..end];
    let head = lower(&words[range_head(words, start, end)]);
    let any = |list: &[&str]| ws.iter().any(|w| list.contains(&lower(w).as_str()));
    // A person noun followed by a name is a person, whatever the parse made the head
    // ("Department of State spokeswoman Morgan Ortagus").
    if let Some((ns, _)) = name_range(words, start, end) {
        if words[start..ns]
            .iter()
            .any(|w| PERSON_NOUNS.contains(&lower(w).as_str()))
        {
            return Class::Person;
        }
    }
    if GROUP_NOUNS.contains(&head.as_str()) {
        return Class::People;
    }
    if ORG_NOUNS.contains(&head.as_str()) {
        return Class::Org;
    }
    if PERSON_NOUNS.contains(&head.as_str()) || kind == MentionKind::TitleName {
        return Class::Person;
    }
    if any(ORG_NOUNS) {
        return Class::Org;
    }
    if any(PERSON_NOUNS) {
        return Class::Person;
    }
    if code_parts(code)
        .skip(usize::from(has_country(code)))
        .any(|p| GROUP_SECTORS.contains(&p))
        || code.starts_with("IGO")
        || code.starts_with("NGO")
    {
        return Class::Org;
    }
    if any(GROUP_NOUNS) {
        return Class::People;
    }
    let names = ws.iter().filter(|w| is_propn(w) && !is_hyphen(w)).count();
    if names >= 2 && ws.iter().all(|w| is_propn(w) || is_hyphen(w)) {
        // "Morgan Ortagus": a first and a last name.
        return Class::Person;
    }
    if has_country(code) && code.len() == 3 {
        return Class::Country;
    }
    // A name of proper nouns only may be a person ("Pompeo"); one with common words is a
    // named thing ("University of Paris").
    if ws.iter().all(|w| is_namelike(w) || is_hyphen(w)) {
        Class::Unknown
    } else {
        Class::Org
    }
}

/// The entity's code: the first code with a known country among its mentions.
fn better_code(old: &str, new: &str) -> bool {
    (!has_country(old) && has_country(new)) || (old.starts_with("---") && !new.starts_with("---"))
}

// ---------------------------------------------------------------------------------------
// Anaphors

#[derive(Debug, Clone)]
struct Anaphor {
    start: usize,
    end: usize,
    kind: AnaphorKind,
    /// For a description: its required role words and nationality-free head.
    role: Vec<String>,
    head: String,
    /// For a description: capitalised modifiers ("Iraqi", "US"), lower-cased.
    nationality: Vec<String>,
    /// For a description or short name that the coder coded: its own mention index.
    own: Option<usize>,
}

/// Expletive "it": "it is likely that", "it seems", "it was agreed to".
fn expletive(words: &[CorefWord], i: usize) -> bool {
    let Some(next) = words.get(i + 1) else {
        return false;
    };
    let nl = next.lemma.to_lowercase();
    if !matches!(
        nl.as_str(),
        "be" | "seem" | "appear" | "remain" | "'s" | "take"
    ) {
        return false;
    }
    words.iter().skip(i + 2).take(6).any(|w| {
        matches!(
            lower(w).as_str(),
            "that" | "to" | "whether" | "unclear" | "clear"
        )
    })
}

/// The definite descriptions of a sentence: "the" + modifiers + a role head.
fn descriptions(words: &[CorefWord]) -> Vec<Anaphor> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if lower(&words[i]) != "the" {
            i += 1;
            continue;
        }
        // The noun phrase after "the": adjectives, nouns, proper nouns; "of" + a noun
        // continues a role ("secretary of state").
        let mut j = i + 1;
        while j < words.len()
            && matches!(words[j].upos.as_str(), "ADJ" | "NOUN" | "PROPN" | "NUM")
            && !matches!(lower(&words[j]).as_str(), "the")
        {
            j += 1;
        }
        if j == i + 1 {
            i += 1;
            continue;
        }
        // The head is the last word; a following proper noun means a name ("the
        // Secretary of State Mike Pompeo") — not a description.
        let mut end = j;
        let mut head_at = j - 1;
        if lower(&words[j - 1]) == "secretary"
            && words.get(j).is_some_and(|w| lower(w) == "of")
            && words.get(j + 1).is_some_and(|w| {
                matches!(
                    lower(w).as_str(),
                    "state" | "defense" | "defence" | "war" | "energy" | "treasury"
                )
            })
        {
            head_at = j - 1;
            end = j + 2;
        }
        let head = lower(&words[head_at]);
        let after_name = words.get(end).is_some_and(is_propn);
        if !DESCRIPTION_HEADS.contains(&head.as_str()) || after_name {
            i = j.max(i + 1);
            continue;
        }
        let mut role: Vec<String> = words[i + 1..head_at]
            .iter()
            .map(lower)
            .filter(|l| ROLE_MODIFIERS.contains(&l.as_str()))
            .collect();
        role.push(head.clone());
        let nationality = words[i + 1..head_at]
            .iter()
            .filter(|w| w.form.chars().next().is_some_and(char::is_uppercase))
            .map(lower)
            .filter(|l| {
                !ROLE_MODIFIERS.contains(&l.as_str())
                    && !TITLE_WORDS.contains(&l.as_str())
                    && !DESCRIPTION_HEADS.contains(&l.as_str())
            })
            .collect();
        out.push(Anaphor {
            start: i,
            end,
            kind: AnaphorKind::Description,
            role,
            head,
            nationality,
            own: None,
        });
        i = end;
    }
    out
}

/// Words inside quotation marks, with the state carried from the previous sentence of
/// the same paragraph.
fn quoted_words(words: &[CorefWord], mut open: bool) -> (Vec<bool>, bool) {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        match w.form.as_str() {
            "“" | "``" => {
                open = true;
                out.push(true);
            }
            "”" | "''" => {
                out.push(true);
                open = false;
            }
            "\"" => {
                out.push(true);
                open = !open;
            }
            _ => out.push(open),
        }
    }
    (out, open)
}

// ---------------------------------------------------------------------------------------
// Resolution

struct State<'a> {
    sents: &'a [CorefSentence],
    entities: Vec<Entity>,
    /// Every mention, in article order (sentence, then position).
    ments: Vec<Ment>,
    /// Entities by the last word of their name (without its Arabic article), for short
    /// names.
    by_last_name: HashMap<String, Vec<usize>>,
    /// Entities by (code, lower-cased text) of a name or country mention: "Iraq" twice
    /// is one entity.
    by_text: HashMap<(String, String), usize>,
}

impl<'a> State<'a> {
    fn words(&self, s: usize) -> &'a [CorefWord] {
        &self.sents[s].words
    }

    fn add_mention(
        &mut self,
        sentence: usize,
        start: usize,
        end: usize,
        entity: usize,
        pronoun: bool,
    ) {
        let words = self.words(sentence);
        // The phrase's head, or a subject inside it whose head lies outside it (a parse
        // that split "caretaker prime minister | Adel Abdul-Mahdi told").
        let outside = |i: usize| {
            let hd = words[i].head;
            hd == 0 || hd - 1 < start || hd > end
        };
        let mut h = (start..end)
            .find(|&i| is_subject(&words[i]) && outside(i))
            .unwrap_or_else(|| range_head(words, start, end));
        // A later conjunct of a subject is a subject too ("Macron and Johnson met").
        if words[h].deprel == "conj" {
            if let Some(first) = words[h].head.checked_sub(1).filter(|&f| f < words.len()) {
                if is_subject(&words[first]) {
                    h = first;
                }
            }
        }
        let subject = is_subject(&words[h]);
        let object = matches!(words[h].deprel.as_str(), "obj" | "iobj" | "dobj");
        let depth = depth(words, h);
        let governor = words[h].head.checked_sub(1).filter(|&g| g < words.len());
        // Only persons (and bare names) have a name to repeat.
        let personal = matches!(self.entities[entity].class, Class::Person | Class::Unknown);
        let name = if pronoun || !personal {
            None
        } else {
            name_range(words, start, end)
        };
        let lw: Vec<String> = words[start..end].iter().map(lower).collect();
        let g = lw
            .iter()
            .map(|w| word_gender(w))
            .fold(
                Gender::Unknown,
                |a, g| if g == Gender::Unknown { a } else { g },
            );
        let names = name.map(|(a, b)| name_words(words, a, b));
        let e = &mut self.entities[entity];
        if g != Gender::Unknown {
            e.gender = g;
        }
        if !pronoun {
            e.words.extend(lw);
        }
        if e.name.is_empty() {
            if let Some(n) = names {
                if n.len() >= 2 || e.class == Class::Person {
                    if let Some(last) = n.last() {
                        self.by_last_name
                            .entry(bare_name(last).to_string())
                            .or_default()
                            .push(entity);
                    }
                    e.name = n;
                }
            }
        }
        e.ments.push(self.ments.len());
        self.ments.push(Ment {
            sentence,
            start,
            end,
            entity,
            subject,
            object,
            depth,
            governor,
            pronoun,
            name,
        });
    }

    fn new_entity(&mut self, s: usize, m: &CorefMention, start: usize, end: usize) -> usize {
        let words = self.words(s);
        let class = classify(words, start, end, m.kind, &m.code);
        self.entities.push(Entity {
            code: m.code.clone(),
            class,
            gender: Gender::Unknown,
            words: Vec::new(),
            name: Vec::new(),
            ments: Vec::new(),
        });
        self.entities.len() - 1
    }

    /// The entity's latest named mention before (sentence, word), else its latest that
    /// is not a pronoun.
    fn representative(&self, entity: usize, sentence: usize, before: usize) -> Option<&Ment> {
        let earlier = || {
            self.entities[entity]
                .ments
                .iter()
                .filter_map(|&i| self.ments.get(i))
                .filter(move |m| {
                    !m.pronoun
                        && (m.sentence < sentence || (m.sentence == sentence && m.end <= before))
                })
        };
        earlier()
            .filter(|m| m.name.is_some())
            .max_by_key(|m| (m.sentence, m.start))
            .or_else(|| earlier().max_by_key(|m| (m.sentence, m.start)))
    }

    fn link(&self, s: usize, a: &Anaphor, entity: usize, own: Option<&str>) -> Option<Link> {
        let rep = self.representative(entity, s, a.start)?;
        let rw = self.words(rep.sentence);
        let (ns, ne) = rep.name.unwrap_or((rep.start, rep.end));
        let text = text_of(rw, ns, ne);
        let ecode = &self.entities[entity].code;
        let code = match own {
            Some(c) if has_country(c) && c.len() > ecode.len() => c.to_string(),
            Some(c) if !c.starts_with("---") && !has_country(ecode) => c.to_string(),
            _ => ecode.clone(),
        };
        Some(Link {
            anaphor: MentionRef {
                sentence: s,
                start: a.start,
                end: a.end,
                text: text_of(self.words(s), a.start, a.end),
            },
            kind: a.kind,
            antecedent: MentionRef {
                sentence: rep.sentence,
                start: ns,
                end: ne,
                text: text.clone(),
            },
            code,
            rule: format!(
                "coref:{} <- sentence {} \"{}\"",
                a.kind.name(),
                rep.sentence,
                text
            ),
        })
    }

    fn pronoun(&self, s: usize, i: usize) -> Option<usize> {
        let words = self.words(s);
        let w = &words[i];
        let l = lower(w);
        let possessive =
            PRONOUNS_POSSESSIVE.contains(&l.as_str()) && (l != "her" || w.xpos == "PRP$");
        let (want_person, want_gender) = match l.as_str() {
            "he" | "him" | "his" => (true, Gender::Male),
            "she" | "her" => (true, Gender::Female),
            _ => (false, Gender::Unknown),
        };
        let plural = matches!(l.as_str(), "they" | "them" | "their");
        let ok = |e: &Entity| -> Option<u8> {
            if want_person {
                let class_ok = matches!(e.class, Class::Person | Class::Unknown);
                let gender_ok = e.gender == Gender::Unknown || e.gender == want_gender;
                (class_ok && gender_ok).then_some(u8::from(e.class != Class::Person))
            } else if plural {
                match e.class {
                    Class::People => Some(0),
                    Class::Org | Class::Country => Some(1),
                    _ => None,
                }
            } else {
                match e.class {
                    Class::Org | Class::Country => Some(0),
                    Class::Unknown => Some(1),
                    _ => None,
                }
            }
        };
        // "it"/"they" only as subjects or possessives: as objects they are mostly things.
        if !want_person && !possessive && !is_subject(w) {
            return None;
        }
        // Tiers: (sentence distance, grammatical role). Subjects before objects before
        // the rest; an object of the pronoun's own sentence before the previous
        // sentence's subject ("led the prime minister to call …, something he said"),
        // a phrase inside an adjunct after it ("In talks with the secretary, he …").
        let mut tiers: Vec<(usize, Role)> = vec![
            (0, Role::Subject),
            (0, Role::Object),
            (1, Role::Subject),
            (0, Role::Other),
            (1, Role::Object),
            (1, Role::Other),
        ];
        for d in 2..=PRONOUN_WINDOW {
            tiers.push((d, Role::Subject));
            tiers.push((d, Role::Object));
            tiers.push((d, Role::Other));
        }
        for (d, role) in tiers {
            let Some(ts) = s.checked_sub(d) else {
                continue;
            };
            // (agreement preference, clause distance, depth, position, entity).
            let mut cands: Vec<(u8, usize, usize, usize, usize)> = Vec::new();
            // Mentions are in article order: those of sentence `ts` are one run.
            let from = self.ments.partition_point(|m| m.sentence < ts);
            let to = self.ments.partition_point(|m| m.sentence <= ts);
            for m in &self.ments[from..to] {
                if m.role() != role {
                    continue;
                }
                if d == 0 && m.end > i {
                    continue;
                }
                let Some(pref) = ok(&self.entities[m.entity]) else {
                    continue;
                };
                // A pronoun mention of an entity counts (chains), but is no subject
                // for a pronoun of the same clause.
                // In the pronoun's own sentence the subject of the nearest clause above
                // it wins ("Trump said Soleimani was killed because he …").
                let near = if d == 0 {
                    m.governor
                        .and_then(|g| ancestor_distance(words, i, g))
                        .unwrap_or(usize::MAX)
                } else {
                    0
                };
                cands.push((pref, near, m.depth, m.start, m.entity));
            }
            if cands.is_empty() {
                continue;
            }
            cands.sort();
            let best = cands[0];
            let tie = cands
                .iter()
                .skip(1)
                .any(|c| c.0 == best.0 && c.1 == best.1 && c.2 == best.2 && c.4 != best.4);
            if tie {
                return None;
            }
            return Some(best.4);
        }
        None
    }

    fn description(&self, s: usize, a: &Anaphor, own_code: Option<&str>) -> Option<usize> {
        let fits = |e: &Entity| -> bool {
            let role_ok = match a.head.as_str() {
                // A non-state organisation, or the fighters of one ("Islamic State
                // militants … the group").
                "group" => {
                    matches!(e.class, Class::Org | Class::People)
                        && (e.words.iter().any(|w| w == "group")
                            || code_parts(&e.code)
                                .skip(usize::from(has_country(&e.code)))
                                .any(|p| GROUP_SECTORS.contains(&p)))
                }
                "country" => e.class == Class::Country,
                _ => a.role.iter().all(|r| {
                    e.words.iter().any(|w| {
                        w == r
                            || (w.len() > r.len() && w.starts_with(r.as_str()) && w.ends_with('s'))
                    })
                }),
            };
            if !role_ok {
                return false;
            }
            // A nationality in the description must agree with the entity's country:
            // by code when the coder coded the description, else by the words
            // ("Iraqi" ~ "Iraq's").
            match own_code {
                Some(c) if has_country(c) && has_country(&e.code) => c.get(..3) == e.code.get(..3),
                _ => a.nationality.iter().all(|n| {
                    e.words.iter().any(|w| {
                        let k = n.chars().count().min(w.chars().count()).min(4);
                        k >= 2 && n.chars().take(k).eq(w.chars().take(k))
                    })
                }),
            }
        };
        let mut found: Option<(usize, usize)> = None; // (sentence, entity)
                                                      // Most recent first; a description looks back at most this many mentions.
        let order = self
            .ments
            .iter()
            .rev()
            .filter(|m| m.sentence < s || (m.sentence == s && m.end <= a.start))
            .take(DESCRIPTION_WINDOW);
        for m in order {
            if let Some((fs, fe)) = found {
                if m.sentence != fs {
                    break;
                }
                if m.entity != fe && fits(&self.entities[m.entity]) && !m.pronoun {
                    // Two different entities fit in the nearest sentence.
                    if self.entities[m.entity].code != self.entities[fe].code {
                        return None;
                    }
                }
                continue;
            }
            if fits(&self.entities[m.entity]) && !m.pronoun {
                found = Some((m.sentence, m.entity));
            }
        }
        found.map(|(_, e)| e)
    }

    fn short_name(&self, s: usize, start: usize, end: usize) -> Option<usize> {
        let words = self.words(s);
        let mut st = start;
        while st < end && TITLE_WORDS.contains(&lower(&words[st]).as_str()) {
            st += 1;
        }
        let short = name_words(words, st, end);
        if short.is_empty() {
            return None;
        }
        let mut hit: Option<usize> = None;
        let last = short.last().map_or("", |l| bare_name(l));
        let candidates = self.by_last_name.get(last).map_or(&[][..], Vec::as_slice);
        for &ei in candidates {
            let Some(e) = self.entities.get(ei) else {
                continue;
            };
            if e.name.len() < short.len() || !matches!(e.class, Class::Person | Class::Unknown) {
                continue;
            }
            let tail = &e.name[e.name.len() - short.len()..];
            if tail
                .iter()
                .zip(&short)
                .all(|(a, b)| bare_name(a) == bare_name(b))
            {
                match hit {
                    Some(h) if self.entities[h].code != e.code || h != ei => {
                        if self.entities[h].name != e.name {
                            return None;
                        }
                    }
                    _ => hit = Some(ei),
                }
            }
        }
        hit
    }
}

/// True for the possessive marker `'s` (however the apostrophe is written).
fn is_possessive_marker(w: &CorefWord) -> bool {
    w.xpos == "POS" || matches!(w.form.as_str(), "'s" | "’s" | "‘s" | "'" | "’")
}

/// Gives a role whose country is unknown the country of its possessor ("Iraq's caretaker
/// prime minister" → IRQ + GOV). Returns, per composed mention, its range and its
/// possessor's range.
fn compose_possessors(
    words: &[CorefWord],
    ms: &mut [CorefMention],
) -> Vec<(usize, usize, (usize, usize))> {
    let countries: Vec<(usize, usize, String)> = ms
        .iter()
        .filter(|c| c.kind == MentionKind::Country && c.code.len() == 3 && has_country(&c.code))
        .map(|c| (c.start, c.end, c.code.clone()))
        .collect();
    let mut out = Vec::new();
    for m in ms.iter_mut() {
        if !m.code.starts_with("---") || m.code.len() <= 3 {
            continue;
        }
        let Some((cs, ce, code)) = countries.iter().find(|(_, ce, _)| {
            *ce < m.start
                && words.get(*ce).is_some_and(is_possessive_marker)
                && words.get(ce + 1..m.start).is_some_and(|between| {
                    between
                        .iter()
                        .all(|w| matches!(w.upos.as_str(), "ADJ" | "NOUN"))
                })
        }) else {
            continue;
        };
        m.code = format!("{code}{}", m.code.get(3..).unwrap_or(""));
        out.push((m.start, m.end, (*cs, *ce)));
    }
    out
}

/// Resolves the anaphors of an article: `sentences` in article order, each with its
/// words and the coder's actor mentions. Returns the links in article order.
pub fn resolve(sentences: &[CorefSentence]) -> Vec<Link> {
    let mut st = State {
        sents: sentences,
        entities: Vec::new(),
        ments: Vec::new(),
        by_last_name: HashMap::new(),
        by_text: HashMap::new(),
    };
    let mut out = Vec::new();
    let mut open_quote = false;
    let mut paragraph = None;
    for (s, sent) in sentences.iter().enumerate() {
        let words = &sent.words;
        let n = words.len();
        if paragraph != Some(sent.paragraph) {
            open_quote = false;
            paragraph = Some(sent.paragraph);
        }
        let (quoted, still_open) = quoted_words(words, open_quote);
        open_quote = still_open;
        // Coder mentions, widest first, nested ones dropped, extended over a name that
        // follows their title ("Secretary of State" + "Mike Pompeo").
        // A name or country written without a capital letter is a dictionary match on a
        // common word ("us"), no actor to refer back to.
        let mut owned: Vec<CorefMention> = sent
            .mentions
            .iter()
            .filter(|m| m.start < m.end && m.end <= n)
            .filter(|m| {
                !matches!(m.kind, MentionKind::Name | MentionKind::Country)
                    || words[m.start..m.end]
                        .iter()
                        .any(|w| w.form.chars().any(char::is_uppercase))
            })
            .cloned()
            .collect();
        let possessors = compose_possessors(words, &mut owned);
        let mut ms: Vec<(usize, usize, &CorefMention)> =
            owned.iter().map(|m| (m.start, m.end, m)).collect();
        ms.sort_by_key(|&(a, b, _)| (a, std::cmp::Reverse(b)));
        let mut kept: Vec<(usize, usize, &CorefMention)> = Vec::new();
        for (a, b, m) in ms {
            if kept.iter().any(|&(ka, kb, _)| ka <= a && b <= kb) {
                continue;
            }
            // Mentions overlapping a kept one: merge into it, the fuller code winning.
            if let Some(k) = kept.iter_mut().find(|k| a < k.1 && k.0 < b) {
                k.1 = k.1.max(b);
                if better_code(&k.2.code, &m.code) {
                    k.2 = m;
                }
                continue;
            }
            kept.push((a, b, m));
        }
        let mut extended: Vec<(usize, usize, &CorefMention)> = Vec::new();
        for (i, &(a, b, m)) in kept.iter().enumerate() {
            let limit = kept.get(i + 1).map_or(n, |k| k.0);
            let mut e = b;
            while e < limit
                && (is_propn(&words[e])
                    || (is_hyphen(&words[e])
                        && words.get(e + 1).is_some_and(is_propn)
                        && e + 1 < limit))
                && !quoted[e]
                && lower(&words[e]) != "the"
            {
                e += 1;
            }
            extended.push((a, e, m));
        }
        // Candidate anaphors: pronouns, descriptions, short names.
        let mut anaphors: Vec<Anaphor> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let l = lower(w);
            if quoted[i] {
                continue;
            }
            let personal =
                PRONOUNS_PERSONAL.contains(&l.as_str()) && !(l == "her" && w.xpos == "PRP$");
            let possessive =
                PRONOUNS_POSSESSIVE.contains(&l.as_str()) && (l != "her" || w.xpos == "PRP$");
            if (personal || possessive) && w.upos != "PROPN" && !(l == "it" && expletive(words, i))
            {
                anaphors.push(Anaphor {
                    start: i,
                    end: i + 1,
                    kind: if possessive && !personal {
                        AnaphorKind::Possessive
                    } else {
                        AnaphorKind::Pronoun
                    },
                    role: Vec::new(),
                    head: l,
                    nationality: Vec::new(),
                    own: None,
                });
            }
        }
        for d in descriptions(words) {
            if quoted[d.start] {
                continue;
            }
            // A description inside a coder mention's words is that mention; one that
            // holds a name is not a description.
            let own = extended
                .iter()
                .position(|&(a, b, _)| a <= d.start && d.end <= b || (d.start <= a && b <= d.end));
            if let Some(k) = own {
                let (a, b, _) = extended[k];
                if name_range(words, a, b).is_some_and(|(x, y)| y > d.end || x >= d.end) {
                    continue;
                }
            }
            anaphors.push(Anaphor { own, ..d });
        }
        // Short names: proper-noun runs outside every coder mention, or a coder mention
        // that is only a name.
        let mut i = 0;
        while i < n {
            let inside = extended.iter().any(|&(a, b, _)| a <= i && i < b);
            let title =
                TITLE_WORDS.contains(&lower(&words[i]).as_str()) && words[i].form.ends_with('.');
            if inside || quoted[i] || !(is_namelike(&words[i]) || title) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < n
                && !extended.iter().any(|&(a, b, _)| a <= j && j < b)
                && (is_namelike(&words[j])
                    || (is_hyphen(&words[j]) && j > i && words.get(j + 1).is_some_and(is_namelike))
                    || (j == i && TITLE_WORDS.contains(&lower(&words[j]).as_str())))
            {
                j += 1;
            }
            if j > i {
                anaphors.push(Anaphor {
                    start: i,
                    end: j,
                    kind: AnaphorKind::ShortName,
                    role: Vec::new(),
                    head: String::new(),
                    nationality: Vec::new(),
                    own: None,
                });
            }
            i = j.max(i + 1);
        }
        // Walk the sentence left to right: coder mentions open or join entities,
        // anaphors are resolved against what stands before them.
        #[derive(Clone, Copy)]
        enum Item {
            Mention(usize),
            Anaphor(usize),
        }
        let mut items: Vec<(usize, Item)> = extended
            .iter()
            .enumerate()
            .filter(|(k, _)| !anaphors.iter().any(|a| a.own == Some(*k)))
            .map(|(k, &(a, _, _))| (a, Item::Mention(k)))
            .chain(
                anaphors
                    .iter()
                    .enumerate()
                    .map(|(k, a)| (a.start, Item::Anaphor(k))),
            )
            .collect();
        items.sort_by_key(|&(p, it)| (p, matches!(it, Item::Anaphor(_))));
        for (_, it) in items {
            match it {
                Item::Mention(k) => {
                    let (a, b, m) = extended[k];
                    // "Iraq's prime minister": the role took its possessor's country.
                    if let Some(&(_, _, c)) = possessors.iter().find(|p| a <= p.0 && p.1 <= b) {
                        let text = text_of(words, c.0, c.1);
                        out.push(Link {
                            anaphor: MentionRef {
                                sentence: s,
                                start: a,
                                end: b,
                                text: text_of(words, a, b),
                            },
                            kind: AnaphorKind::Possessor,
                            antecedent: MentionRef {
                                sentence: s,
                                start: c.0,
                                end: c.1,
                                text: text.clone(),
                            },
                            code: m.code.clone(),
                            rule: format!("coref:possessor <- sentence {s} \"{text}\""),
                        });
                    }
                    // A name repeated in full joins its entity.
                    let names = name_range(words, a, b).map(|(x, y)| name_words(words, x, y));
                    let text = (m.code.clone(), name_words(words, a, b).join(" "));
                    let plain = matches!(m.kind, MentionKind::Country | MentionKind::Name);
                    let same = names
                        .filter(|n| n.len() >= 2)
                        .and_then(|n| {
                            let last = bare_name(n.last()?);
                            st.by_last_name
                                .get(last)?
                                .iter()
                                .copied()
                                .find(|&e| st.entities.get(e).is_some_and(|e| e.name == n))
                        })
                        .or_else(|| plain.then(|| st.by_text.get(&text).copied()).flatten());
                    let e = match same {
                        Some(e) => {
                            if better_code(&st.entities[e].code, &m.code) {
                                st.entities[e].code = m.code.clone();
                            }
                            e
                        }
                        None => st.new_entity(s, m, a, b),
                    };
                    if plain {
                        st.by_text.entry(text).or_insert(e);
                    }
                    st.add_mention(s, a, b, e, false);
                }
                Item::Anaphor(k) => {
                    let an = &anaphors[k];
                    let own = an.own.map(|o| extended[o]);
                    let own_code = own.map(|(_, _, m)| m.code.as_str());
                    let entity = match an.kind {
                        AnaphorKind::Pronoun | AnaphorKind::Possessive => st.pronoun(s, an.start),
                        AnaphorKind::Description => st.description(s, an, own_code),
                        AnaphorKind::ShortName => st.short_name(s, an.start, an.end),
                        AnaphorKind::Possessor => None,
                    };
                    let (a, b) = own.map_or((an.start, an.end), |(a, b, _)| (a, b));
                    match entity {
                        Some(e) => {
                            let mut an = an.clone();
                            if own.is_some() {
                                an.start = a;
                                an.end = b;
                            }
                            if let Some(l) = st.link(s, &an, e, own_code) {
                                out.push(l);
                            }
                            let pronoun =
                                matches!(an.kind, AnaphorKind::Pronoun | AnaphorKind::Possessive);
                            if pronoun {
                                let g = word_gender(&words[an.start].form);
                                if g != Gender::Unknown && st.entities[e].class != Class::Unknown {
                                    st.entities[e].gender = g;
                                } else if g != Gender::Unknown {
                                    st.entities[e].gender = g;
                                    st.entities[e].class = Class::Person;
                                }
                            }
                            st.add_mention(s, a, b, e, pronoun);
                        }
                        None => {
                            // An unresolved coder mention still opens an entity.
                            if let Some((a, b, m)) = own {
                                let e = st.new_entity(s, m, a, b);
                                st.add_mention(s, a, b, e, false);
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// What a sentence can take part in, from its forms alone (lets a caller skip analysing
// sentences that cannot matter; see `dyad_code::code_article`)

/// True when a sentence with these word forms holds, whatever its analysis, a word that
/// [`resolve`] would try as a pronoun or possessive, or the makings of a definite
/// description ("the" and a role head). A sentence for which this is false, that has no
/// actor mentions and none of whose [`name_keys`] an earlier name was filed under,
/// resolves nothing and changes nothing in the resolver's state but its quotation state
/// (which it reads from forms alone).
pub fn may_hold_anaphor<S: AsRef<str>>(forms: &[S]) -> bool {
    let lower: Vec<String> = forms.iter().map(|f| f.as_ref().to_lowercase()).collect();
    let pronoun = lower.iter().any(|l| {
        PRONOUNS_PERSONAL.contains(&l.as_str()) || PRONOUNS_POSSESSIVE.contains(&l.as_str())
    });
    pronoun
        || (lower.iter().any(|l| l == "the")
            && lower
                .iter()
                .any(|l| DESCRIPTION_HEADS.contains(&l.as_str())))
}

/// Longest run of words written without spaces between them that [`name_keys`] expands;
/// a longer one (a URL split into pieces) gives `None`: the caller must assume anything.
const MAX_KEY_RUN: usize = 48;

/// Every key a name of words `start..end` of this sentence, for any range, could be filed
/// or looked up under by the resolver (the last of its name words, lower case, without an
/// Arabic article: what short names are matched by). `space_after` tells, per word,
/// whether a space follows it. A short name resolves only to an entity whose key is among
/// the keys of an earlier sentence's names, so two sentences whose key sets are disjoint
/// cannot link by name. `None` when the sentence holds an unusually long run of words
/// without spaces.
pub fn name_keys<S: AsRef<str>>(forms: &[S], space_after: &[bool]) -> Option<Vec<String>> {
    keys_ending(forms, space_after, |_| true)
}

/// The keys (see [`name_keys`]) under which [`resolve`] may file a name of this analysed
/// sentence: a name ends at a name-like word or a hyphen (how names are cut from
/// mentions and descriptions), so only keys of ranges ending at one count. `None` as for
/// [`name_keys`].
pub fn filed_name_keys(words: &[CorefWord]) -> Option<Vec<String>> {
    let forms: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
    let space_after: Vec<bool> = words.iter().map(|w| w.space_after).collect();
    keys_ending(&forms, &space_after, |e| {
        words.get(e).is_some_and(|w| is_namelike(w) || is_hyphen(w))
    })
}

/// [`name_keys`] of the ranges whose last word `e` passes `ends(e)`.
fn keys_ending<S: AsRef<str>>(
    forms: &[S],
    space_after: &[bool],
    ends: impl Fn(usize) -> bool,
) -> Option<Vec<String>> {
    let mut keys = Vec::new();
    // The last name word of a range ending at word `e` is written by the words `k..=e`
    // that no space separates (`k` at most the range's start), trimmed like `name_words`.
    for e in (0..forms.len()).filter(|&e| ends(e)) {
        let mut text = String::new();
        let mut k = e + 1;
        while k > 0 && (k == e + 1 || !space_after.get(k - 1).copied().unwrap_or(true)) {
            k -= 1;
            if e - k >= MAX_KEY_RUN {
                return None;
            }
            text.insert_str(0, forms[k].as_ref());
            if let Some(last) = text.split_whitespace().last() {
                let w = last
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                let key = bare_name(&w);
                if !key.is_empty() && !keys.iter().any(|x: &String| x == key) {
                    keys.push(key.to_string());
                }
            }
        }
    }
    Some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds words from "form/UPOS/head/deprel" items.
    fn sent(spec: &str, mentions: &[(usize, usize, &str)]) -> CorefSentence {
        let words: Vec<CorefWord> = spec
            .split_whitespace()
            .map(|item| {
                let p: Vec<&str> = item.split('/').collect();
                CorefWord {
                    form: p[0].replace('_', " "),
                    lemma: p[0].to_lowercase(),
                    upos: p.get(1).unwrap_or(&"").to_string(),
                    xpos: String::new(),
                    head: p.get(2).and_then(|h| h.parse().ok()).unwrap_or(0),
                    deprel: p.get(3).unwrap_or(&"").to_string(),
                    space_after: true,
                }
            })
            .collect();
        let mentions = mentions
            .iter()
            .map(|&(start, end, code)| CorefMention {
                start,
                end,
                code: code.to_string(),
                kind: classify_mention(&words, start, end, code),
            })
            .collect();
        CorefSentence {
            paragraph: 0,
            words,
            mentions,
        }
    }

    #[test]
    fn pronoun_takes_previous_subject() {
        let s0 = sent(
            "Prime/PROPN/2/compound Minister/PROPN/5/compound Adel/PROPN/5/compound \
             Abdul-Mahdi/PROPN/5/flat called/VERB/0/root Mike/PROPN/7/compound Pompeo/PROPN/5/obj",
            &[(0, 4, "IRQGOV"), (5, 7, "USAGOV")],
        );
        let s0 = CorefSentence {
            words: s0
                .words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let mut w = w.clone();
                    if i == 3 {
                        w.deprel = "nsubj".into();
                        w.head = 5;
                    }
                    if i < 3 {
                        w.head = 4;
                    }
                    w
                })
                .collect(),
            ..s0
        };
        let s1 = sent("He/PRON/2/nsubj asked/VERB/0/root ./PUNCT/2/punct", &[]);
        let links = resolve(&[s0, s1]);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!(links[0].code, "IRQGOV");
        assert_eq!(links[0].antecedent.text, "Adel Abdul-Mahdi");
        assert_eq!(
            links[0].rule,
            "coref:pronoun <- sentence 0 \"Adel Abdul-Mahdi\""
        );
    }

    #[test]
    fn it_never_takes_a_person() {
        let s0 = sent(
            "Mike/PROPN/2/compound Pompeo/PROPN/3/nsubj spoke/VERB/0/root",
            &[(0, 2, "USAGOV")],
        );
        let s1 = sent("It/PRON/2/nsubj ended/VERB/0/root", &[]);
        assert!(resolve(&[s0, s1]).is_empty());
    }

    #[test]
    fn empty_and_malformed_input_do_not_panic() {
        assert!(resolve(&[]).is_empty());
        let mut s = sent("he/PRON/9/nsubj", &[(0, 5, "USA"), (3, 2, "USA")]);
        s.words[0].head = 99;
        assert!(resolve(&[s.clone(), s]).is_empty());
    }
}
