//! Quotations with their speakers: direct quotes in an article's cleaned text and who said
//! them, from attribution patterns around the quote.
//!
//! What counts as a quote:
//! - text between double marks (`“ ”`, `„`, straight `"`) or, outside a double quote,
//!   single marks (`‘ ’`, straight `'`). A single mark between letters or after a letter
//!   is an apostrophe (`Iraq‘s`, `parliament’s`, `ministers’`), never a quote mark;
//! - a quote interrupted by its attribution (`“There does,” she added, “need to be …”`)
//!   is one quote of several pieces;
//! - news convention for long quotes: a paragraph that ends inside a quote, followed by a
//!   paragraph opening with a quote mark, continues the quote; a paragraph that ends
//!   inside a quote otherwise closes it there (marked `closed: false`);
//! - a quote of fewer than three words with no speaker is a scare quote ("so-called
//!   “deal”") and is dropped.
//!
//! Speakers, tried in this order, within the quote's sentence unless said otherwise:
//! 1. after the quote: `, X said`, `, said X`, `, X told Y`, `, X added`, `, a statement
//!    from X's office reads`, `, according to X` (a subject before the verb wins over
//!    "according to": `the resolution read, according to Reuters` is the resolution's);
//! 2. before the quote: `X said: “…”`, `X said that … “…”`, `according to X, “…”`;
//! 3. a short next sentence that is only an attribution (`“…” Smith said.`), or a
//!    previous sentence ending in a colon (`Smith said:`);
//! 4. the speaker of the previous quote, when it is in the same paragraph or ends the
//!    previous paragraph and this quote opens its own: consecutive quotes without
//!    attribution belong to the last speaker.
//!
//! Pronoun speakers (`he`, `she`, `they`, `it`) get an antecedent: the nearest preceding
//! non-pronoun speaker in the article whose gender cues (`spokeswoman`, `Mr.` …) do not
//! contradict the pronoun; `it` and `they` take only speakers without a personal gender
//! cue. `I`/`we` are left unresolved. When a person noun of compatible gender ("the prime
//! minister", "Mr.") stands outside quotes between that speaker and the pronoun, the
//! pronoun is ambiguous and stays unresolved; so it does beyond 3,000 bytes from it. Actor codes are the coder's business: `code` is
//! left unset here.

use dyad_types::{Sentence, Span};

use crate::coref::{gender, Gender, PERSON_NOUNS};

/// What kind of phrase names a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpeakerKind {
    /// A proper name: "Morgan Ortagus", "President Donald Trump", "the Department of
    /// Defence".
    Name,
    /// A personal pronoun: "she", "he", "they".
    Pronoun,
    /// A description: "a statement from his office", "the non-binding resolution".
    Description,
}

/// The earlier speaker a pronoun refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Antecedent {
    /// Its text.
    pub text: String,
    /// Its span in the article text.
    pub span: Span,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The speaker phrase as written.
    pub text: String,
    /// Its byte span in the article text.
    pub span: Span,
    /// Name, pronoun or description.
    pub kind: SpeakerKind,
    /// For a pronoun, the earlier speaker it refers to, when obvious.
    pub antecedent: Option<Antecedent>,
    /// The speaker's actor code; set by the coder, never here.
    pub code: Option<String>,
}

/// One direct quotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// From the start of the first piece to the end of the last, inside the marks.
    pub text: Span,
    /// The quoted pieces (inside the marks); several when the quote is interrupted by its
    /// attribution or runs over paragraphs.
    pub pieces: Vec<Span>,
    /// From the first opening mark to the last closing mark (or to the end of the
    /// paragraph where the quote is left open).
    pub full: Span,
    /// Indices of the sentences the quote overlaps.
    pub sentences: Vec<usize>,
    /// False when the quote was never closed and ends with its paragraph.
    pub closed: bool,
    /// The speaker, when found.
    pub speaker: Option<Speaker>,
    /// The attribution verb ("said", "added", "reads", "according to").
    pub verb: Option<Span>,
}

impl Quote {
    /// The quoted words: the pieces joined by single spaces.
    pub fn quoted(&self, text: &str) -> String {
        let parts: Vec<&str> = self.pieces.iter().map(|p| p.slice(text).trim()).collect();
        parts.join(" ")
    }
}

// ---------------------------------------------------------------------------------------
// Quote marks

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    len: usize,
    family: Family,
    role: Role,
}

fn classify(text: &str) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((pos, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let prev_alnum = prev.is_some_and(char::is_alphanumeric);
        let prev_space = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p));
        let next_alnum = next.is_some_and(char::is_alphanumeric);
        let next_space = next.is_none_or(char::is_whitespace);
        let mark = |family, role| Mark {
            pos,
            len: c.len_utf8(),
            family,
            role,
        };
        match c {
            '“' | '„' => out.push(mark(Family::Double, Role::Open)),
            '”' => {
                // A right mark used as an opener ("”Yes”, he said") after a space.
                let role = if prev_space && !next_space {
                    Role::Either
                } else {
                    Role::Close
                };
                out.push(mark(Family::Double, role));
            }
            '"' => {
                let role = if prev_space && !next_space {
                    Role::Open
                } else if !prev_space && (next_space || !next_alnum) {
                    Role::Close
                } else {
                    Role::Either
                };
                out.push(mark(Family::Double, role));
            }
            '‘' | '\'' | '’' => {
                let digit_next = next.is_some_and(|n| n.is_ascii_digit());
                if (prev_space || prev.is_some_and(|p| "“\"".contains(p)))
                    && next_alnum
                    && !digit_next
                    && c != '’'
                {
                    out.push(mark(Family::Single, Role::Open));
                } else if !prev_alnum && !prev_space && !next_alnum && c != '‘' {
                    // After punctuation: ",’" closes.
                    out.push(mark(Family::Single, Role::Close));
                } else if prev_alnum && !next_alnum && c != '‘' {
                    // "word’ " closes a single quote, or is a plural possessive; only
                    // an open single quote makes it a closer.
                    out.push(mark(Family::Single, Role::Close));
                }
            }
            _ => {}
        }
        prev = Some(c);
    }
    out
}

/// Paragraph spans: maximal runs of non-blank lines, trimmed.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push(Span::new(s, end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            end = pos + line.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, end));
    }
    out
}

/// A quote as paired from its marks, before attribution.
#[derive(Debug, Clone)]
struct Raw {
    open: usize,
    end: usize,
    pieces: Vec<Span>,
    closed: bool,
    /// For a quote merged across an interrupting attribution: the text between.
    interruption: Option<Span>,
}

fn trim_span(text: &str, s: Span) -> Span {
    let t = s.slice(text);
    let lead = t.len() - t.trim_start().len();
    let body = t.trim();
    Span::new(s.start + lead, s.start + lead + body.len())
}

fn pair(text: &str) -> Vec<Raw> {
    let marks = classify(text);
    let paras = paragraphs(text);
    let mut out: Vec<Raw> = Vec::new();
    let mut mi = 0;
    // The open quote: (family, first opening mark, current piece start, pieces).
    let mut open: Option<(Family, usize, usize, Vec<Span>)> = None;
    let mut pi = 0;
    while pi < paras.len() {
        let para = paras[pi];
        while mi < marks.len() && marks[mi].pos < para.end {
            let m = marks[mi];
            mi += 1;
            if m.pos < para.start {
                continue;
            }
            match open.take() {
                None => {
                    if m.role != Role::Close {
                        open = Some((m.family, m.pos, m.pos + m.len, Vec::new()));
                    }
                }
                Some((fam, first, start, mut pieces)) => {
                    if m.family == fam && m.role != Role::Open {
                        pieces.push(Span::new(start, m.pos));
                        out.push(Raw {
                            open: first,
                            end: m.pos + m.len,
                            pieces,
                            closed: true,
                            interruption: None,
                        });
                    } else if m.family == Family::Double && m.role == Role::Open {
                        // A new double quote opens: an open single quote was an
                        // apostrophe after all; an open double quote was never closed.
                        if fam == Family::Double {
                            pieces.push(trim_span(text, Span::new(start, m.pos)));
                            out.push(Raw {
                                open: first,
                                end: m.pos,
                                pieces,
                                closed: false,
                                interruption: None,
                            });
                        }
                        open = Some((m.family, m.pos, m.pos + m.len, Vec::new()));
                    } else {
                        // Single marks inside a double quote are nested quotes; other
                        // marks of the wrong family are ignored.
                        open = Some((fam, first, start, pieces));
                    }
                }
            }
        }
        if let Some((fam, first, start, mut pieces)) = open.take() {
            pieces.push(trim_span(text, Span::new(start, para.end)));
            // Continued in the next paragraph when it opens with a quote mark.
            let cont = paras.get(pi + 1).and_then(|np| {
                let m = marks.get(mi)?;
                (m.pos == np.start && m.family == fam && m.role != Role::Close).then_some(*m)
            });
            if let Some(m) = cont {
                mi += 1;
                open = Some((fam, first, m.pos + m.len, pieces));
            } else if fam == Family::Double {
                out.push(Raw {
                    open: first,
                    end: para.end,
                    pieces,
                    closed: false,
                    interruption: None,
                });
            }
        }
        pi += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------
// Words of an attribution context

#[derive(Debug, Clone, Copy)]
struct W<'t> {
    s: &'t str,
    span: Span,
    punct: bool,
}

impl W<'_> {
    fn lower(&self) -> String {
        self.s.to_lowercase()
    }
}

const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "added",
    "adds",
    "told",
    "tells",
    "stated",
    "states",
    "declared",
    "wrote",
    "writes",
    "reads",
    "read",
    "asked",
    "asks",
    "insisted",
    "insists",
    "warned",
    "warns",
    "noted",
    "notes",
    "explained",
    "claimed",
    "claims",
    "announced",
    "argued",
    "argues",
    "continued",
    "replied",
    "responded",
    "tweeted",
    "posted",
    "commented",
    "remarked",
    "stressed",
    "urged",
    "cautioned",
    "acknowledged",
    "conceded",
    "admitted",
    "maintained",
    "suggested",
    "predicted",
    "promised",
    "vowed",
    "demanded",
    "recalled",
    "observed",
    "concluded",
    "complained",
    "countered",
    "shouted",
    "testified",
    "alleged",
    "confirmed",
    "saying",
    "adding",
    "quipped",
    "boasted",
    "pledged",
    "assured",
    "chanted",
];

/// Verbs that carry a statement ("issued a statement saying"): the speaker of a
/// following "saying" is their subject.
const CARRIERS: &[&str] = &[
    "issued",
    "released",
    "published",
    "sent",
    "put",
    "gave",
    "made",
    "spoke",
    "posted",
];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Words that end a speaker phrase when walking back from the verb.
const STOP_BACK: &[&str] = &[
    "that",
    "because",
    "which",
    "who",
    "whom",
    "whose",
    "and",
    "but",
    "or",
    "when",
    "while",
    "as",
    "if",
    "so",
    "since",
    "although",
    "though",
    "where",
    "something",
    "what",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "then",
    "also",
    "later",
    "earlier",
    "once",
    "previously",
    "today",
    "yesterday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "during",
    "after",
    "before",
    "recently",
    "again",
    "reportedly",
    "separately",
    "issued",
    "released",
    "published",
    "sent",
    "put",
    "gave",
    "made",
    "spoke",
];

/// Words that end a speaker phrase after the verb ("said Smith in a statement").
const STOP_FORWARD: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "after",
    "before",
    "when",
    "while",
    "to",
    "who",
    "which",
    "that",
    "and",
    "but",
    "as",
    "because",
    "told",
    "said",
    "via",
    "by",
    "with",
    "earlier",
    "later",
    "today",
    "yesterday",
    "adding",
    "saying",
];

const TIME_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
    "on",
    "earlier",
    "later",
    "also",
    "last",
    "night",
    "morning",
    "afternoon",
    "evening",
    "week",
    "this",
];

/// Splits `range` of `text` into words and punctuation. Words keep inner hyphens,
/// apostrophes and abbreviation dots ("Abdul-Mahdi", "U.S.", "Gen."); a glued attribution
/// verb ("saidFriday") is split off.
fn words(text: &str, range: Span) -> Vec<W<'_>> {
    let mut out = Vec::new();
    let r = range.slice(text);
    let base = range.start;
    let mut chunk_start: Option<usize> = None;
    for (i, c) in r.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                push_chunk(&mut out, r, base, s, i);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        push_chunk(&mut out, r, base, s, r.len());
    }
    out
}

/// Pushes the words and punctuation of one whitespace-free chunk `r[s..e]`.
fn push_chunk<'t>(out: &mut Vec<W<'t>>, r: &'t str, base: usize, s: usize, e: usize) {
    {
        // Peel leading and trailing punctuation off the chunk.
        let chunk = &r[s..e];
        let mut a = 0;
        let mut pre = Vec::new();
        for (i, c) in chunk.char_indices() {
            if c.is_alphanumeric() {
                break;
            }
            pre.push((i, i + c.len_utf8()));
            a = i + c.len_utf8();
        }
        let mut b = chunk.len();
        let mut post = Vec::new();
        for (i, c) in chunk.char_indices().rev() {
            if i < a || c.is_alphanumeric() {
                break;
            }
            // Keep an abbreviation's dot ("Gen.", "U.S.").
            if c == '.' && post.is_empty() {
                let word = &chunk[a..i];
                let abbrev = word.contains('.')
                    || (word.len() <= 4
                        && word.chars().next().is_some_and(char::is_uppercase)
                        && matches!(
                            word,
                            "Mr" | "Mrs"
                                | "Ms"
                                | "Dr"
                                | "Gen"
                                | "Maj"
                                | "Col"
                                | "Lt"
                                | "Sgt"
                                | "Sen"
                                | "Rep"
                                | "Gov"
                                | "Capt"
                                | "St"
                                | "Jr"
                                | "Sr"
                                | "Prof"
                                | "Adm"
                                | "Cpl"
                                | "Pres"
                        ));
                if abbrev {
                    break;
                }
            }
            post.push((i, i + c.len_utf8()));
            b = i;
        }
        for (x, y) in pre {
            out.push(W {
                s: &r[s + x..s + y],
                span: Span::new(base + s + x, base + s + y),
                punct: true,
            });
        }
        if b > a {
            let word = &chunk[a..b];
            // "saidFriday": a verb glued to a capitalised word.
            let split = VERBS.iter().find_map(|v| {
                let rest = word.get(v.len()..)?;
                (word.get(..v.len()) == Some(*v)
                    && rest.chars().next().is_some_and(char::is_uppercase))
                .then_some(v.len())
            });
            match split {
                Some(k) => {
                    out.push(W {
                        s: &word[..k],
                        span: Span::new(base + s + a, base + s + a + k),
                        punct: false,
                    });
                    out.push(W {
                        s: &word[k..],
                        span: Span::new(base + s + a + k, base + s + b),
                        punct: false,
                    });
                }
                None => out.push(W {
                    s: word,
                    span: Span::new(base + s + a, base + s + b),
                    punct: false,
                }),
            }
        }
        for (x, y) in post.into_iter().rev() {
            out.push(W {
                s: &r[s + x..s + y],
                span: Span::new(base + s + x, base + s + y),
                punct: true,
            });
        }
    }
}

/// An attribution verb: lower-case in the text ("States" is a noun) and not passive
/// ("has been told to prepare …" attributes nothing).
fn is_verb(w: &W<'_>) -> bool {
    !w.punct
        && w.s.chars().next().is_some_and(char::is_lowercase)
        && VERBS.contains(&w.lower().as_str())
}

fn is_passive(ws: &[W<'_>], v: usize) -> bool {
    v > 0
        && matches!(
            ws[v - 1].lower().as_str(),
            "been" | "was" | "were" | "is" | "are" | "be" | "being"
        )
}

/// Words that cannot make up a speaker on their own ("and", "However", "been").
fn is_function_word(w: &W<'_>) -> bool {
    let l = w.lower();
    STOP_BACK.contains(&l.as_str())
        || DETERMINERS.contains(&l.as_str())
        || matches!(
            l.as_str(),
            "however"
                | "been"
                | "being"
                | "be"
                | "in"
                | "on"
                | "at"
                | "of"
                | "for"
                | "to"
                | "by"
                | "with"
                | "from"
                | "there"
                | "here"
                | "not"
                | "yet"
                | "nor"
                | "did"
                | "do"
                | "does"
                | "will"
                | "would"
                | "can"
                | "could"
                | "should"
                | "may"
                | "might"
        )
}

fn kind_of(ws: &[W<'_>]) -> SpeakerKind {
    if ws.len() == 1 && PRONOUNS.contains(&ws[0].lower().as_str()) {
        return SpeakerKind::Pronoun;
    }
    // The head (last word) decides: "foreign ministry spokesman Abbas Mousavi" and "the
    // Department of Defence" are names, "Iran’s foreign minister" a description.
    let head = ws.iter().rev().find(|w| !w.punct);
    if head.is_some_and(|w| w.s.chars().next().is_some_and(char::is_uppercase)) {
        SpeakerKind::Name
    } else {
        SpeakerKind::Description
    }
}

fn speaker_from(text: &str, ws: &[W<'_>]) -> Option<Speaker> {
    // Trim punctuation at both ends.
    let a = ws.iter().position(|w| !w.punct)?;
    let b = ws.iter().rposition(|w| !w.punct)?;
    let ws = &ws[a..=b];
    let has_word = ws.iter().any(|w| {
        !w.punct && w.s.chars().any(char::is_alphabetic) && !is_function_word(w)
            || PRONOUNS.contains(&w.lower().as_str())
    });
    if !has_word {
        return None;
    }
    let span = Span::new(ws[0].span.start, ws[ws.len() - 1].span.end);
    Some(Speaker {
        text: span.slice(text).to_string(),
        span,
        kind: kind_of(ws),
        antecedent: None,
        code: None,
    })
}

/// A speaker phrase after a verb or "according to": up to punctuation or a stop word.
fn phrase_forward<'t>(ws: &'t [W<'t>]) -> &'t [W<'t>] {
    let mut i = 0;
    // Skip time words right after the verb ("said Thursday that …" is not a speaker).
    while i < ws.len() && !ws[i].punct && TIME_WORDS.contains(&ws[i].lower().as_str()) {
        i += 1;
    }
    let start = i;
    while i < ws.len() {
        let w = &ws[i];
        if w.punct || STOP_FORWARD.contains(&w.lower().as_str()) {
            break;
        }
        i += 1;
    }
    &ws[start..i.min(start + 12)]
}

/// The subject phrase ending just before `v`, walking back to a boundary.
fn phrase_back<'t>(ws: &'t [W<'t>], v: usize) -> &'t [W<'t>] {
    let mut end = v;
    // "Baird has asked", "Smith would later say".
    while end > 0
        && matches!(
            ws[end - 1].lower().as_str(),
            "has" | "have" | "had" | "will" | "would" | "could" | "did" | "does" | "do"
        )
    {
        end -= 1;
    }
    // "Smith on Thursday said", "Smith also said".
    while end > 0 && !ws[end - 1].punct && TIME_WORDS.contains(&ws[end - 1].lower().as_str()) {
        end -= 1;
    }
    if end > 0 && PRONOUNS.contains(&ws[end - 1].lower().as_str()) {
        return &ws[end - 1..end];
    }
    let mut start = end;
    while start > 0 {
        let w = &ws[start - 1];
        if w.punct {
            // Keep an abbreviation-less hyphen or possessive inside a name.
            break;
        }
        // Function words stop the phrase even when capitalised ("As coauthor X said");
        // a capitalised weekday may belong to a name ("the Sunday Times").
        let l = w.lower();
        let capital_day = w.s.chars().next().is_some_and(char::is_uppercase)
            && matches!(
                l.as_str(),
                "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            );
        if STOP_BACK.contains(&l.as_str()) && !capital_day {
            break;
        }
        start -= 1;
        if end - start >= 12 {
            break;
        }
    }
    &ws[start..end]
}

/// Attribution after a quote: `, X said`, `, said X`, `, according to X`.
fn after_quote(text: &str, ctx: Span) -> Option<(Speaker, Span)> {
    let ws = words(text, ctx);
    let a = ws.iter().position(|w| !w.punct)?;
    // Only text that follows the quote as its attribution: after a comma inside or after
    // the closing mark, or directly.
    let limit = (a + 14).min(ws.len());
    let mut according: Option<usize> = None;
    for i in a..limit {
        let w = &ws[i];
        if w.punct && matches!(w.s, "." | "!" | "?" | ";" | "“" | "\"") {
            break;
        }
        if w.lower() == "according" && ws.get(i + 1).is_some_and(|n| n.lower() == "to") {
            according.get_or_insert(i);
            continue;
        }
        if is_verb(w) && matches!(w.lower().as_str(), "saying" | "adding") {
            // ", adding that …" goes on with more speech; it attributes nothing here.
            break;
        }
        if is_verb(w) && is_passive(&ws, i) {
            continue;
        }
        if is_verb(w) && according.is_none() {
            // ", and told the police": narrative goes on, no attribution here (but "… and
            // ordered a response, his office said" has its speaker after a comma).
            let comma = ws[a..i].iter().any(|w| w.punct && w.s == ",");
            if !comma
                && ws[a..i].first().is_some_and(|f| {
                    matches!(
                        f.lower().as_str(),
                        "and" | "but" | "or" | "then" | "so" | "yet" | "while"
                    )
                })
            {
                return None;
            }
            let pre: Vec<W<'_>> = ws[a..i].to_vec();
            // "X, a spokesman for Y, said": the part before the first comma names X; but
            // "… and ordered a response, his office said": a part opening with a
            // lower-case word that is no determiner is narrative, the last part speaks.
            let has_comma = pre.iter().any(|w| w.punct && w.s == ",");
            let narrative = has_comma
                && pre.first().is_some_and(|w| {
                    let l = w.lower();
                    w.s.chars().next().is_some_and(char::is_lowercase)
                        && !DETERMINERS.contains(&l.as_str())
                        && !PRONOUNS.contains(&l.as_str())
                });
            let pre: Vec<W<'_>> = if narrative {
                match pre.iter().rposition(|w| w.punct && w.s == ",") {
                    Some(c) => pre[c + 1..].to_vec(),
                    None => Vec::new(),
                }
            } else {
                match pre.iter().position(|w| w.punct && w.s == ",") {
                    Some(c) if c > 0 => pre[..c].to_vec(),
                    _ => pre,
                }
            };
            let pre: Vec<W<'_>> = strip_time_tail(pre);
            if let Some(sp) = speaker_from(text, &pre) {
                return Some((sp, w.span));
            }
            let fwd = phrase_forward(&ws[i + 1..]);
            if let Some(sp) = speaker_from(text, fwd) {
                return Some((sp, w.span));
            }
            return None;
        }
    }
    let i = according?;
    let fwd = phrase_forward(&ws[i + 2..]);
    let verb = Span::new(ws[i].span.start, ws[i + 1].span.end);
    speaker_from(text, fwd).map(|sp| (sp, verb))
}

fn strip_time_tail(mut ws: Vec<W<'_>>) -> Vec<W<'_>> {
    while ws
        .last()
        .is_some_and(|w| w.punct || TIME_WORDS.contains(&w.lower().as_str()))
    {
        ws.pop();
    }
    ws
}

/// Attribution before a quote: `X said: “…”`, `X said that … “…”`, `according to X, “…”`.
fn before_quote(text: &str, ctx: Span) -> Option<(Speaker, Span)> {
    let ws = words(text, ctx);
    for i in (0..ws.len()).rev() {
        if ws[i].lower() == "according" && ws.get(i + 1).is_some_and(|n| n.lower() == "to") {
            let fwd = phrase_forward(&ws[i + 2..]);
            let verb = Span::new(ws[i].span.start, ws[i + 1].span.end);
            return speaker_from(text, fwd).map(|sp| (sp, verb));
        }
        if is_verb(&ws[i]) && !is_passive(&ws, i) {
            // "adding"/"saying" take the clause's subject: the phrase before the
            // comma or verb before them.
            let mut back = phrase_back(&ws, i);
            let start = i - back.len();
            let participle = matches!(ws[i].lower().as_str(), "saying" | "adding");
            if participle && start > 0 && CARRIERS.contains(&ws[start - 1].lower().as_str()) {
                // "The ministry issued a statement saying …": the carrier's subject.
                back = phrase_back(&ws, start - 1);
            } else if participle && back.is_empty() {
                // "Esper spoke to reporters, adding …": the sentence's subject.
                back = leading_subject(&ws[..i]);
            }
            if let Some(sp) = speaker_from(text, back) {
                return Some((sp, ws[i].span));
            }
            // "said Smith: “…”": a phrase after the verb speaks only when it runs up to
            // a colon or comma, or to the quote itself.
            let fwd = phrase_forward(&ws[i + 1..]);
            let after = i + 1 + fwd.len();
            let tail = ws.get(after..).unwrap_or_default();
            let ends_ok = match tail.iter().find(|w| !(w.punct && w.s == "—")) {
                None => true,
                Some(w) => w.punct && matches!(w.s, ":" | ","),
            };
            // After "told"/"asked" comes the hearer, never the speaker.
            let hearer = matches!(
                ws[i].lower().as_str(),
                "told" | "tells" | "asked" | "asks" | "urged" | "assured" | "warned" | "warns"
            );
            if !ends_ok || participle || hearer {
                return None;
            }
            return speaker_from(text, fwd).map(|sp| (sp, ws[i].span));
        }
    }
    None
}

/// The capitalised phrase opening a clause ("Esper spoke …" → "Esper"), with determiners
/// and "of" inside it.
fn leading_subject<'t>(ws: &'t [W<'t>]) -> &'t [W<'t>] {
    if ws.first().is_some_and(is_function_word) {
        return &ws[..0];
    }
    let n = ws
        .iter()
        .take_while(|w| {
            !w.punct
                && (w.s.chars().next().is_some_and(char::is_uppercase)
                    || matches!(w.lower().as_str(), "the" | "of"))
        })
        .count();
    &ws[..n.min(12)]
}

/// Finds the quotations in an article's cleaned `text` and their speakers. `sentences`
/// are the article's sentences (from `dyad_text::segment`) with spans into `text`; with
/// none, paragraphs stand in for sentences.
pub fn find_quotes(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let mut raws = pair(text);
    merge_interrupted(text, &mut raws);
    let mut units: Vec<Span> = if sentences.is_empty() {
        paragraphs(text)
    } else {
        sentences.iter().map(|s| s.span).collect()
    };
    units.sort();
    // Sentences by start, for finding those a quote overlaps by binary search.
    let mut by_start: Vec<(Span, usize)> = sentences.iter().map(|s| (s.span, s.index)).collect();
    by_start.sort();
    let paras = paragraphs(text);
    // Binary searches keep long articles with many quotes linear-logarithmic.
    let para_of = |pos: usize| {
        let k = paras.partition_point(|p| p.start <= pos);
        (k > 0 && pos <= paras[k - 1].end).then(|| k - 1)
    };
    let unit_of = |pos: usize| units.partition_point(|u| u.start <= pos).saturating_sub(1);
    let mut out: Vec<Quote> = Vec::new();
    for (qi, r) in raws.iter().enumerate() {
        let full = Span::new(r.open, r.end);
        let first = r.pieces.first().copied().unwrap_or(full);
        let last = r.pieces.last().copied().unwrap_or(full);
        let mut sentence_ids: Vec<usize> = Vec::new();
        let k = by_start.partition_point(|(sp, _)| sp.start < full.end);
        for &(sp, index) in by_start[..k].iter().rev() {
            if sp.end <= full.start {
                break;
            }
            sentence_ids.push(index);
        }
        sentence_ids.reverse();
        let next_open = raws.get(qi + 1).map_or(text.len(), |n| n.open);
        let prev_end = if qi > 0 { raws[qi - 1].end } else { 0 };
        let mut found: Option<(Speaker, Span)> = None;
        if let Some(between) = r.interruption {
            found = after_quote(text, between);
        }
        // 1. After the quote, within the closing mark's sentence.
        if found.is_none() && r.closed {
            let u = units.get(unit_of(r.end.saturating_sub(1))).copied();
            let stop = u.map_or(r.end, |u| u.end).min(next_open).max(r.end);
            found = after_quote(text, Span::new(r.end, stop));
        }
        // 2. Before the quote, within the opening mark's sentence.
        if found.is_none() {
            let u = units.get(unit_of(r.open)).copied();
            let from = u.map_or(r.open, |u| u.start).max(prev_end).min(r.open);
            found = before_quote(text, Span::new(from, r.open));
        }
        // 3. A short next sentence that is only an attribution; a previous one ending
        //    in a colon.
        if found.is_none() && r.closed {
            let ui = unit_of(r.end.saturating_sub(1));
            if let Some(nu) = units.get(ui + 1) {
                let ns = nu.slice(text);
                let same_para = para_of(nu.start) == para_of(r.end.saturating_sub(1));
                let rest = Span::new(r.end, nu.start).slice(text);
                if same_para
                    && nu.len() <= 200
                    && rest.trim().is_empty()
                    && ns.split_whitespace().count() <= 10
                    && !ns.contains(['“', '"', '”'])
                    && nu.start < next_open
                {
                    found = after_quote(text, *nu);
                }
            }
        }
        if found.is_none() {
            let ui = unit_of(r.open);
            if ui > 0
                && units
                    .get(ui)
                    .is_some_and(|u| u.start >= r.open.saturating_sub(2))
            {
                if let Some(pu) = units.get(ui - 1) {
                    if pu.slice(text).trim_end().ends_with(':') && pu.end <= r.open {
                        found = before_quote(text, Span::new(pu.start.max(prev_end), pu.end));
                    }
                }
            }
        }
        let mut q = Quote {
            text: Span::new(first.start, last.end),
            pieces: r.pieces.clone(),
            full,
            sentences: sentence_ids,
            closed: r.closed,
            speaker: None,
            verb: None,
        };
        match found {
            Some((sp, verb)) => {
                q.speaker = Some(sp);
                q.verb = Some(verb);
            }
            None => {
                // 4. The previous quote's speaker, for a run of quotes.
                if let Some(prev) = out.last() {
                    let pp = para_of(prev.full.end.saturating_sub(1));
                    let this = para_of(r.open);
                    let between = Span::new(prev.full.end, r.open).slice(text);
                    let opens_para = this.is_some_and(|t| paras[t].start == r.open);
                    let adjacent = match (pp, this) {
                        (Some(a), Some(b)) => a == b || (b == a + 1 && opens_para),
                        _ => false,
                    };
                    if adjacent && between.split_whitespace().count() <= 12 {
                        q.speaker.clone_from(&prev.speaker);
                        q.verb = prev.verb;
                    }
                }
            }
        }
        out.push(q);
    }
    resolve_pronouns(text, &mut out);
    out.retain(|q| {
        let quoted = q.quoted(text);
        quoted.chars().any(char::is_alphanumeric)
            && (q.speaker.is_some() || quoted.split_whitespace().count() >= 3)
    });
    out
}

/// Joins `“A,” she added, “B”` into one quote of two pieces.
fn merge_interrupted(text: &str, raws: &mut Vec<Raw>) {
    let mut i = 0;
    while i + 1 < raws.len() {
        let (a, b) = (&raws[i], &raws[i + 1]);
        let between = Span::new(a.end, b.open);
        let bt = between.slice(text);
        let a_last = a.pieces.last().map_or("", |p| p.slice(text)).trim_end();
        let comma_before = a_last.ends_with(',') || bt.trim_start().starts_with(',');
        let ws = words(text, between);
        let n_words = ws.iter().filter(|w| !w.punct).count();
        let ok = a.closed
            && comma_before
            && bt.trim_end().ends_with(',')
            && !bt.contains(['.', '!', '?', '\n'])
            && (1..=10).contains(&n_words)
            && ws.iter().any(is_verb)
            && after_quote(text, between).is_some();
        if ok {
            let b = raws.remove(i + 1);
            let a = &mut raws[i];
            a.pieces.extend(b.pieces);
            a.end = b.end;
            a.closed = b.closed;
            a.interruption = Some(between);
        } else {
            i += 1;
        }
    }
}

/// The farthest (in bytes) a pronoun may stand from the speaker it resolves to.
const MAX_PRONOUN_DISTANCE: usize = 3000;

/// True when a person noun compatible with `want` stands between `from` and `to`, outside
/// every quote.
fn competitor(text: &str, quotes: &[Quote], from: usize, to: usize, want: Option<Gender>) -> bool {
    if from >= to {
        return false;
    }
    // Far apart, a pronoun is not "obviously" the earlier speaker.
    if to - from > MAX_PRONOUN_DISTANCE {
        return true;
    }
    words(text, Span::new(from, to)).iter().any(|w| {
        let l = w.lower();
        let inside = quotes
            .iter()
            .any(|q| q.full.start <= w.span.start && w.span.end <= q.full.end);
        if w.punct || inside || !(PERSON_NOUNS.contains(&l.as_str()) || l == "officials") {
            return false;
        }
        match (want, gender(&l)) {
            (Some(w), g) => g == w || g == Gender::Unknown,
            (None, _) => false,
        }
    })
}

fn resolve_pronouns(text: &str, quotes: &mut [Quote]) {
    for i in 0..quotes.len() {
        let Some(sp) = &quotes[i].speaker else {
            continue;
        };
        if sp.kind != SpeakerKind::Pronoun || sp.antecedent.is_some() {
            continue;
        }
        let p = sp.text.to_lowercase();
        let want = match p.as_str() {
            "she" => Some(Gender::Female),
            "he" => Some(Gender::Male),
            "it" | "they" => None,
            _ => continue,
        };
        let mut ante = None;
        for j in (0..i).rev() {
            // Quotes far before the pronoun cannot hold an obvious antecedent (and the
            // look-back stays linear on long articles).
            if quotes[j].full.end.saturating_add(MAX_PRONOUN_DISTANCE) < sp.span.start {
                break;
            }
            let Some(c) = &quotes[j].speaker else {
                continue;
            };
            if c.kind == SpeakerKind::Pronoun || c.span.start >= sp.span.start {
                continue;
            }
            let g = gender(&c.text);
            let ok = match want {
                Some(w) => g == w || g == Gender::Unknown && c.kind == SpeakerKind::Name,
                None => g == Gender::Unknown,
            };
            if ok {
                if competitor(text, &quotes[j..=i], c.span.end, sp.span.start, want) {
                    break;
                }
                ante = Some(Antecedent {
                    text: c.text.clone(),
                    span: c.span,
                });
                break;
            }
        }
        if let Some(sp) = &mut quotes[i].speaker {
            sp.antecedent = ante;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_are_not_quotes() {
        let t = "Iraq‘s parliament’s vote and the ministers’ talks went on.";
        assert!(pair(t).is_empty());
    }

    #[test]
    fn interrupted_quote_is_one() {
        let t = "“There does,” she added, “need to be a conversation.”";
        let q = find_quotes(t, &[]);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].pieces.len(), 2);
        assert_eq!(q[0].speaker.as_ref().map(|s| s.text.as_str()), Some("she"));
    }

    #[test]
    fn speaker_kinds() {
        let kind = |t: &str| {
            let q = find_quotes(t, &[]);
            q[0].speaker.as_ref().map(|s| s.kind)
        };
        let t = "“We will act,” foreign ministry spokesman Abbas Mousavi said.";
        assert_eq!(kind(t), Some(SpeakerKind::Name));
        let t = "“We will act,” Iran’s foreign minister said.";
        assert_eq!(kind(t), Some(SpeakerKind::Description));
        let t = "“We will act,” she said.";
        assert_eq!(kind(t), Some(SpeakerKind::Pronoun));
        let t = "“We will act,” a statement from his office reads.";
        assert_eq!(kind(t), Some(SpeakerKind::Description));
    }

    #[test]
    fn paragraph_continuation() {
        let t = "“We will go on.\n\n“And we will win,” Smith said.";
        let q = find_quotes(t, &[]);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].pieces.len(), 2);
        assert_eq!(
            q[0].speaker.as_ref().map(|s| s.text.as_str()),
            Some("Smith")
        );
    }
}
