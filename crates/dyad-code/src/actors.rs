//! Actor mentions: dictionary actor and agent matches over the sentence's words, gathered
//! into noun phrases by the dependency parse and composed into codes — the actor's own
//! code (date-aware), or a country code plus the sectors of agent nouns ("Iraqi
//! lawmakers" → IRQ + LEG), with the country found inside the phrase or in an attached
//! "of / in / from" phrase ("the government of Gondor", "lawmakers in Arnor").

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use dyad_dict::matcher::FxHasher;
use dyad_dict::{AgentPlacement, DictDate, Dictionaries};
use dyad_types::Span;
use serde::Serialize;

use crate::coder::CoderOptions;
use crate::parsed::ParsedSentence;
use crate::tree::{Rel, Tree};

/// One dictionary match (actor or agent) over the sentence's words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DictHit {
    /// First word (0-based).
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The word the match stands for in the tree (its head inside the match).
    pub anchor: usize,
    /// The code that applies (actor code on the date, or agent code without `~`).
    pub code: String,
    /// True for agents (role nouns), false for actors (names).
    pub agent: bool,
    /// For agents: true when the code goes before the actor's (`[NGO~]`).
    pub prefix: bool,
    /// The entry that fired, as `file:line` (the code's line for dated actor codes).
    pub rule: String,
}

/// An actor mentioned in the sentence: a noun phrase and its composed code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorMention {
    /// The composed code (`IRQLEG`); `---` starts a code whose country is unknown.
    pub code: String,
    /// The words of the phrase, as text.
    pub text: String,
    /// Byte span (first to last word of the phrase).
    pub span: Span,
    /// The phrase's head word (0-based).
    pub head: usize,
    /// The dictionary entries used, as `file:line`.
    pub rules: Vec<String>,
}

/// Every actor and agent match of a sentence, and the mentions per head word.
#[derive(Debug, Clone, Default)]
pub(crate) struct Mentions {
    pub hits: Vec<DictHit>,
    /// For each word: the mentions whose phrase it heads (several when the country is a
    /// coordination: "lawmakers in Arnor and Gondor").
    pub at: Vec<Vec<ActorMention>>,
}

fn anchor_of(tree: &Tree, start: usize, end: usize) -> usize {
    (start..end)
        .find(|&i| tree.head[i].is_none_or(|h| h < start || h >= end))
        .unwrap_or(end.saturating_sub(1))
}

/// Finds dictionary matches and builds mentions, following `opts`'s
/// `split_slash_codes`, `noun_endings` and `adjacent_agents`.
pub(crate) fn find(
    d: &Dictionaries,
    s: &ParsedSentence,
    tree: &Tree,
    date: Option<DictDate>,
    opts: &CoderOptions,
    gapped: &GappedNames,
) -> Mentions {
    let (split, endings) = (opts.split_slash_codes, opts.noun_endings);
    let adjacent_agents = opts.adjacent_agents;
    let n = s.words.len();
    let (forms, map) = joined_forms(s);
    let stripped = if endings {
        Some(without_endings(&forms))
    } else {
        None
    };
    let back = |start: usize, end: usize| -> Option<(usize, usize)> {
        let a = map.get(start)?.0;
        let b = map.get(end.checked_sub(1)?)?.1;
        Some((a, b))
    };
    let mut hits = Vec::new();
    let mut covered = vec![false; n];
    let mut actor_matches = with_endings(&forms, stripped.as_deref(), |f| d.match_actors(f));
    add_gapped(&mut actor_matches, gapped, &forms);
    if !adjacent_agents {
        extend_in_phrase(d, tree, &forms, &map, &mut actor_matches);
    }
    // A match's word range in the sentence and its first entry; none when out of range.
    let place = |m: &dyad_dict::Match<'_, u32>| -> Option<(usize, usize, usize)> {
        let (start, end) = back(m.start, m.end)?;
        let id = *m.values.first()? as usize;
        (end <= n && start < end).then_some((start, end, id))
    };
    let mut placed: Vec<(usize, usize, usize)> = actor_matches.iter().filter_map(place).collect();
    if adjacent_agents {
        placed.extend(hyphen_matches(d, &forms, &map, &placed));
    }
    for (start, end, id) in placed {
        let Some(entry) = d.actors.get(id) else {
            continue;
        };
        let Some(code) = code_on(entry, date) else {
            continue;
        };
        covered[start..end].iter_mut().for_each(|c| *c = true);
        let line = if code.line > 0 { code.line } else { entry.line };
        hits.push(DictHit {
            start,
            end,
            anchor: anchor_of(tree, start, end),
            code: code.code.clone(),
            agent: false,
            prefix: false,
            rule: d.loc(entry.file, line),
        });
    }
    // Agents may be written as lemmas or forms; match forms (plurals are spelled out).
    for m in with_endings(&forms, stripped.as_deref(), |f| d.match_agents(f)) {
        let Some((start, end, id)) = place(&m) else {
            continue;
        };
        let Some(entry) = d.agents.get(id) else {
            continue;
        };
        if covered[start..end].iter().any(|&c| c) {
            continue;
        }
        let anchor = anchor_of(tree, start, end);
        let code = if former_holder(tree, anchor, start) {
            FORMER_CODE.to_string()
        } else {
            entry.code.clone()
        };
        hits.push(DictHit {
            start,
            end,
            anchor,
            code,
            agent: true,
            prefix: entry.placement == AgentPlacement::Prefix,
            rule: d.loc(entry.file, entry.line),
        });
    }
    hits.sort_by_key(|h| (h.start, h.end));
    let mut at = vec![Vec::new(); n];
    // Phrase-internal mentions first, then agent phrases that borrow a country from an
    // attached phrase (which needs the first pass done).
    let mut own: Vec<Vec<ActorMention>> = (0..n)
        .map(|h| own_mentions(s, tree, &hits, h, split, adjacent_agents))
        .collect();
    for h in 0..n {
        for m in std::mem::take(&mut own[h]) {
            if no_country(&m.code) {
                let countries = borrowed_countries(s, tree, &hits, h);
                if !countries.is_empty() {
                    for (k, c) in countries.into_iter().enumerate() {
                        let mut mm = m.clone();
                        // "The ambassadors of Arnor, Osgiliath and Gondor": TABARI
                        // joins the agent to the country next to it only (ARNGOV, OSG,
                        // GON); PETRARCH to each.
                        mm.code = if k == 0 || !adjacent_agents {
                            compose(&c.code, &agent_hits(tree, &hits, h))
                        } else {
                            c.code.clone()
                        };
                        mm.rules.extend(c.rules.iter().cloned());
                        let (a, b) = (m.span.start.min(c.span.start), m.span.end.max(c.span.end));
                        mm.span = Span::new(a, b);
                        mm.text = s.text_between(mm.span);
                        at[h].push(mm);
                    }
                    continue;
                }
            }
            at[h].push(m);
        }
    }
    Mentions { hits, at }
}

/// Which kinds of dictionary match a sentence's forms hold, as far as [`find`] could make
/// hits of them (a superset: dates and word ranges are not checked).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MatchKinds {
    /// An actor name (plain, gapped, or with a noun ending stripped).
    pub actor: bool,
    /// An agent whose code goes before the actor's (`[NGO~]`).
    pub prefix_agent: bool,
    /// Any agent.
    pub agent: bool,
    /// How many matches, actors and agents (at least as many as [`find`]'s hits: a match
    /// found both with and without a noun ending counts twice).
    pub matches: usize,
    /// A matched entry has a code that names several actors (`FRO/BIL/SAM`), so one
    /// hit may give mentions with different codes.
    pub several: bool,
}

impl MatchKinds {
    /// Both kinds' matches together.
    pub fn add(&mut self, o: MatchKinds) {
        self.actor |= o.actor;
        self.prefix_agent |= o.prefix_agent;
        self.agent |= o.agent;
        self.matches += o.matches;
        self.several |= o.several;
    }
}

/// The kinds of match [`find`] could turn into hits over these joined forms (see
/// [`joined_forms`]), with the same noun-ending and gapped-name rules.
pub(crate) fn match_kinds(
    d: &Dictionaries,
    forms: &[String],
    endings: bool,
    gapped: &GappedNames,
) -> MatchKinds {
    // Matching the forms with their endings stripped finds every match `with_endings`
    // could add.
    let alt: Option<Vec<String>> = endings.then(|| {
        forms
            .iter()
            .zip(without_endings(forms))
            .map(|(f, s)| s.unwrap_or_else(|| f.clone()))
            .collect()
    });
    let mut kinds = MatchKinds::default();
    // An actor entry any of whose codes (on any date) names several actors.
    let several = |id: usize| {
        d.actors
            .get(id)
            .is_some_and(|e| e.codes.iter().any(|c| c.code.contains('/')))
    };
    // Over the forms as they are and, with noun endings, as stripped.
    fn both<'d>(
        forms: &[String],
        alt: Option<&[String]>,
        find: impl Fn(&[String]) -> Vec<dyad_dict::Match<'d, u32>>,
    ) -> Vec<dyad_dict::Match<'d, u32>> {
        let mut v = find(forms);
        v.extend(alt.map(find).unwrap_or_default());
        v
    }
    for m in &both(forms, alt.as_deref(), |f| d.match_actors(f)) {
        kinds.actor = true;
        kinds.matches += 1;
        kinds.several |= m.values.iter().any(|&id| several(id as usize));
    }
    for g in gapped.candidates(forms) {
        if match_gapped(g, forms).is_some() {
            kinds.actor = true;
            kinds.matches += 1;
            kinds.several |= several(g.id as usize);
        }
    }
    for m in &both(forms, alt.as_deref(), |f| d.match_agents(f)) {
        kinds.agent = true;
        kinds.matches += 1;
        for e in m.values.iter().filter_map(|&id| d.agents.get(id as usize)) {
            kinds.prefix_agent |= e.placement == AgentPlacement::Prefix;
            kinds.several |= e.code.contains('/');
        }
    }
    kinds
}

/// The forms with each hyphenated one split into its parts ("Al-Gore" → "Al", "Gore"),
/// and for each part the form it came from; `None` when no form has a hyphen between
/// parts.
pub(crate) fn hyphen_parts(forms: &[String]) -> Option<(Vec<String>, Vec<usize>)> {
    if !forms.iter().any(|f| f.len() > 1 && f.contains('-')) {
        return None;
    }
    let mut parts: Vec<String> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (k, f) in forms.iter().enumerate() {
        let pieces: Vec<&str> = f.split('-').filter(|p| !p.is_empty()).collect();
        if pieces.len() > 1 {
            for p in pieces {
                parts.push(p.to_string());
                owner.push(k);
            }
        } else {
            parts.push(f.clone());
            owner.push(k);
        }
    }
    Some((parts, owner))
}

/// TABARI reads a hyphen as `_`: "Al-Gore" is `AL_GORE`. Matches over the words with
/// their hyphenated tokens split into parts, as `(first word, one past last, actor)`,
/// each covering whole tokens and at least one hyphenated one, where `placed` has no
/// match.
fn hyphen_matches(
    d: &Dictionaries,
    forms: &[String],
    map: &[(usize, usize)],
    placed: &[(usize, usize, usize)],
) -> Vec<(usize, usize, usize)> {
    let Some((parts, owner)) = hyphen_parts(forms) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in d.match_actors(&parts) {
        let (Some(&a), Some(&b)) = (
            owner.get(m.start),
            m.end.checked_sub(1).and_then(|e| owner.get(e)),
        ) else {
            continue;
        };
        let whole =
            (m.start == 0 || owner[m.start - 1] != a) && owner.get(m.end).is_none_or(|&o| o != b);
        let split = (a..=b).any(|k| forms[k].contains('-'));
        let (Some(&(start, _)), Some(&(_, end)), Some(&id)) =
            (map.get(a), map.get(b), m.values.first())
        else {
            continue;
        };
        let free = !placed.iter().any(|&(s, e, _)| s < end && start < e);
        if whole && split && free {
            out.push((start, end, id as usize));
        }
    }
    out
}

/// Whether a composed code has no country: `---GOV`, or `NGM---` where a prefixed agent
/// (`[NGM~]`) stands before the missing country.
pub(crate) fn no_country(code: &str) -> bool {
    code.contains("---")
}

/// An actor name written with a space between its parts (`PRINCE DOL_AMROTH`,
/// `ITHILEN TELEVISION`): in TABARI a space lets other words stand between the parts
/// ("the Prince of Dol Amroth", "Ithilen state-run television"); `_` joins adjacent
/// words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GappedName {
    /// The parts, each a run of adjacent upper-case words.
    parts: Vec<Vec<String>>,
    /// The last word is a stem (the name does not end with `_`).
    stem: bool,
    /// The actor (index into [`Dictionaries::actors`]).
    id: u32,
}

/// Most words that may stand between two parts of a gapped name.
const MAX_GAP: usize = 3;

/// The gapped names of a dictionary, indexed by their first word: a sentence is tried
/// only against the names whose first word it holds (most sentences hold none), instead
/// of every name being scanned over every sentence.
#[derive(Debug, Clone, Default)]
pub(crate) struct GappedNames {
    /// In dictionary order (the order [`add_gapped`] tries them in).
    names: Vec<GappedName>,
    /// Positions in `names` by the first word, ASCII upper case (how [`match_gapped`]
    /// compares it: exactly, never as a stem, since a name has at least two parts).
    by_first: HashMap<String, Vec<usize>, BuildHasherDefault<FxHasher>>,
}

impl GappedNames {
    /// The names that may match `forms`, in dictionary order.
    fn candidates(&self, forms: &[String]) -> Vec<&GappedName> {
        if self.names.is_empty() {
            return Vec::new();
        }
        let mut at: Vec<usize> = forms
            .iter()
            .filter_map(|f| self.by_first.get(f.to_ascii_uppercase().as_str()))
            .flatten()
            .copied()
            .collect();
        at.sort_unstable();
        at.dedup();
        at.into_iter().filter_map(|i| self.names.get(i)).collect()
    }
}

/// The gapped names of `d`'s actors.
pub(crate) fn gapped_names(d: &Dictionaries) -> GappedNames {
    let names = gapped_name_list(d);
    let mut by_first: HashMap<String, Vec<usize>, BuildHasherDefault<FxHasher>> =
        HashMap::default();
    for (i, g) in names.iter().enumerate() {
        if let Some(w) = g.parts.first().and_then(|p| p.first()) {
            by_first.entry(w.to_ascii_uppercase()).or_default().push(i);
        }
    }
    GappedNames { names, by_first }
}

fn gapped_name_list(d: &Dictionaries) -> Vec<GappedName> {
    let mut out = Vec::new();
    for (i, e) in d.actors.iter().enumerate() {
        for n in &e.names {
            let parts: Vec<Vec<String>> = n
                .text
                .split_whitespace()
                .map(|p| {
                    p.split('_')
                        .filter(|w| !w.is_empty())
                        .map(str::to_uppercase)
                        .collect::<Vec<_>>()
                })
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() >= 2 {
                out.push(GappedName {
                    parts,
                    stem: !n.text.trim_end().ends_with('_'),
                    id: i as u32,
                });
            }
        }
    }
    out
}

/// Adds the matches of gapped names to `ms`: a gapped match replaces the plain matches
/// it overlaps when it matches more words ("ITHILEN TELEVISION" over "ITHILEN").
fn add_gapped<'a>(
    ms: &mut Vec<dyad_dict::Match<'a, u32>>,
    gapped: &'a GappedNames,
    forms: &[String],
) {
    for g in gapped.candidates(forms) {
        let Some((start, end, words)) = match_gapped(g, forms) else {
            continue;
        };
        let beaten = ms
            .iter()
            .any(|m| m.start < end && start < m.end && m.end - m.start >= words);
        if beaten {
            continue;
        }
        ms.retain(|m| !(m.start < end && start < m.end));
        ms.push(dyad_dict::Match {
            start,
            end,
            values: std::slice::from_ref(&g.id),
            stem: false,
        });
    }
    ms.sort_by_key(|m| (m.start, m.end));
}

/// The parse's reading of a name inside a noun phrase (UniversalPetrarch's): a name
/// matched on adjacent words extends to a longer name of the dictionary whose further
/// words come later in the same noun phrase, past at most [`MAX_GAP`] other words of
/// that phrase ("Ithilen state-run television" is `ITHILEN_TELEVISION`, not `ITHILEN`).
/// The phrase is the words that hang, through phrase-internal relations (compound,
/// flat, adjective, determiner) and hyphens, on the noun the matched name hangs on.
/// TABARI's linear reading (`adjacent_agents`) keeps `_` adjacent. An extension replaces
/// its match one for one, and never to a name that codes several actors, so the
/// prefilter's count of matches still holds.
fn extend_in_phrase<'a>(
    d: &'a Dictionaries,
    tree: &Tree,
    forms: &[String],
    map: &[(usize, usize)],
    ms: &mut [dyad_dict::Match<'a, u32>],
) {
    let n = tree.len();
    let inside = |r: Rel| matches!(r, Rel::NpInternal | Rel::Punct);
    // The noun whose phrase word `w` is in.
    let phrase_head = |w: usize| {
        let mut x = w;
        for _ in 0..n {
            match tree.head[x] {
                Some(h) if inside(tree.rel[x]) => x = h,
                _ => break,
            }
        }
        x
    };
    let several = |id: u32| {
        d.actors
            .get(id as usize)
            .is_some_and(|e| e.codes.iter().any(|c| c.code.contains('/')))
    };
    let starts: Vec<(usize, usize)> = ms.iter().map(|m| (m.start, m.end)).collect();
    for m in ms.iter_mut() {
        let (Some(&(ws, _)), Some(&(_, we))) = (map.get(m.start), map.get(m.end - 1)) else {
            continue;
        };
        if we > n || ws >= we {
            continue;
        }
        let h = phrase_head(anchor_of(tree, ws, we));
        if h < we {
            continue;
        }
        // The forms after the match that are words of the same phrase, up to its noun.
        let later: Vec<usize> = (m.end..forms.len())
            .take_while(|&k| {
                map.get(k).is_some_and(|&(a, b)| {
                    b <= h + 1 && (a..b).all(|w| w == h || phrase_head(w) == h)
                })
            })
            .collect();
        // Another name there is another actor: leave both alone.
        if starts.iter().any(|&(a, _)| later.contains(&a)) {
            continue;
        }
        let own = m.end - m.start;
        let found = (1..=MAX_GAP.min(later.len().saturating_sub(1))).find_map(|gap| {
            let rest = &later[gap..];
            let seq: Vec<String> = forms[m.start..m.end]
                .iter()
                .chain(rest.iter().map(|&k| &forms[k]))
                .cloned()
                .collect();
            d.match_actors(&seq)
                .into_iter()
                .find(|x| x.start == 0 && x.end > own)
                .map(|x| (rest[x.end - own - 1] + 1, x))
        });
        if let Some((end, x)) = found {
            if !x.values.iter().any(|&id| several(id)) {
                m.end = end;
                m.values = x.values;
                m.stem = x.stem;
            }
        }
    }
}

/// The first match of `g` in `forms`: `(first word, one past the last, words matched)`.
fn match_gapped(g: &GappedName, forms: &[String]) -> Option<(usize, usize, usize)> {
    let last_part = g.parts.len() - 1;
    let part_at = |p: usize, k: usize| -> bool {
        let ws = &g.parts[p];
        k + ws.len() <= forms.len()
            && ws.iter().enumerate().all(|(j, w)| {
                let f = &forms[k + j];
                f.eq_ignore_ascii_case(w)
                    || (g.stem
                        && p == last_part
                        && j == ws.len() - 1
                        && f.len() > w.len()
                        && f.get(..w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w)))
            })
    };
    let words: usize = g.parts.iter().map(Vec::len).sum();
    for start in 0..forms.len() {
        if !part_at(0, start) {
            continue;
        }
        let mut at = start + g.parts[0].len();
        let mut ok = true;
        for p in 1..g.parts.len() {
            // The gap counts words, not punctuation (`Al "The Weasel" Gore`).
            let mut words_seen = 0;
            let reach = (at..forms.len())
                .take_while(|&k| {
                    let word = forms[k].chars().any(char::is_alphanumeric);
                    words_seen += usize::from(word);
                    !word || words_seen <= MAX_GAP + 1
                })
                .last()
                .map_or(at, |k| k + 1);
            match (at..reach).find(|&k| part_at(p, k)) {
                Some(k) => at = k + g.parts[p].len(),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some((start, at, words));
        }
    }
    None
}

/// The forms without a regular plural ending (`LIBYAS` → `LIBYA`, `GUERRILLAS` →
/// `GUERRILLA`): TABARI matches a whole-word name with a noun ending. `None` where the
/// word has none.
fn without_endings(forms: &[String]) -> Vec<Option<String>> {
    forms
        .iter()
        .map(|f| {
            let b = f.as_bytes();
            let plural = b.len() >= 4
                && matches!(b[b.len() - 1], b's' | b'S')
                && !matches!(b[b.len() - 2], b's' | b'S' | b'\'' | b'u' | b'U');
            plural.then(|| f[..f.len() - 1].to_string())
        })
        .collect()
}

/// Matches of `find` over `forms` and, where `stripped` is given, over the forms without
/// their noun endings: a match that needs a stripped word wins over the plain matches it
/// overlaps when it is longer ("Ithilen government radios" → ITHILEN_GOVERNMENT_RADIO_,
/// not ITHILEN_).
fn with_endings<'d>(
    forms: &[String],
    stripped: Option<&[Option<String>]>,
    find: impl Fn(&[String]) -> Vec<dyad_dict::Match<'d, u32>>,
) -> Vec<dyad_dict::Match<'d, u32>> {
    let plain = find(forms);
    let Some(stripped) = stripped.filter(|s| s.iter().any(Option::is_some)) else {
        return plain;
    };
    let alt: Vec<String> = forms
        .iter()
        .zip(stripped)
        .map(|(f, s)| s.clone().unwrap_or_else(|| f.clone()))
        .collect();
    let extra: Vec<dyad_dict::Match<'d, u32>> = find(&alt)
        .into_iter()
        .filter(|m| {
            let uses = stripped
                .get(m.start..m.end)
                .is_some_and(|r| r.iter().any(Option::is_some));
            uses && !plain
                .iter()
                .any(|p| p.start < m.end && m.start < p.end && p.end - p.start >= m.end - m.start)
        })
        .collect();
    if extra.is_empty() {
        return plain;
    }
    let mut out: Vec<dyad_dict::Match<'d, u32>> = plain
        .into_iter()
        .filter(|p| !extra.iter().any(|m| p.start < m.end && m.start < p.end))
        .collect();
    out.extend(extra);
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// The code of the first dictionary actor (not agent) in `s` on `date`, the first of a
/// `FRO/BIL/SAM` list: what TABARI forwards to the next sentence's pronouns.
pub(crate) fn first_actor_code(
    d: &Dictionaries,
    s: &ParsedSentence,
    date: Option<DictDate>,
) -> Option<String> {
    let (forms, _) = joined_forms(s);
    d.match_actors(&forms).iter().find_map(|m| {
        let entry = d.actors.get(*m.values.first()? as usize)?;
        let code = code_on(entry, date)?;
        let first = code.code.split('/').find(|c| !c.is_empty())?;
        (first != "---").then(|| first.to_string())
    })
}

/// The code of an actor on `date`: dyad-dict decides it in one place
/// ([`dyad_dict::ActorEntry::code_on`], PETRARCH's reading of dated codes).
pub(crate) fn code_on(
    entry: &dyad_dict::ActorEntry,
    date: Option<DictDate>,
) -> Option<&dyad_dict::ActorCode> {
    entry.code_on(date)
}

/// The words as the dictionaries see them: a hyphenated name our tokenizer split
/// (`Barad` `-` `dur`) is joined back (`Barad-dur`), as dictionaries write it. Each joined
/// token maps to its word range `(first, one past last)`.
pub(crate) fn joined_forms(s: &ParsedSentence) -> (Vec<String>, Vec<(usize, usize)>) {
    joined_forms_by(s.words.len(), |i| {
        (s.words[i].form.as_str(), s.words[i].span)
    })
}

/// [`joined_forms`] over `n` words given by index as (form, span): the same for a
/// sentence's tokens before analysis (the prefilter) as for its parsed words.
pub(crate) fn joined_forms_by<'a>(
    n: usize,
    word: impl Fn(usize) -> (&'a str, Span),
) -> (Vec<String>, Vec<(usize, usize)>) {
    let form = |i: usize| word(i).0;
    let span = |i: usize| word(i).1;
    let mut forms = Vec::with_capacity(n);
    let mut map = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        let mut text = form(i).to_string();
        while j + 1 < n
            && form(j) == "-"
            && span(j - 1).end == span(j).start
            && span(j).end == span(j + 1).start
            && !span(j).is_empty()
        {
            text.push('-');
            text.push_str(form(j + 1));
            j += 2;
        }
        // A word written with `_` ("Dol_Amroth") is several dictionary words.
        if text.contains('_') && text.split('_').filter(|p| !p.is_empty()).count() > 1 {
            for part in text.split('_').filter(|p| !p.is_empty()) {
                forms.push(part.to_string());
                map.push((i, j));
            }
        } else {
            forms.push(text);
            map.push((i, j));
        }
        i = j;
    }
    (forms, map)
}

/// CAMEO's sector for former office holders ("elites: former government officials").
const FORMER_CODE: &str = "ELI";

/// Whether the agent phrase starting at word `start`, headed by `anchor`, names a
/// *former* holder of the role ("former security officials", "former Gondor
/// prosecutors"): its noun phrase has "former" (or "ex") before the agent words. Such a
/// person is coded with CAMEO's elite sector, ELI, instead of the role's (TABARI's
/// "FORMER conversion"; its validation suite expects ARNELI for "Arnor former security
/// officials").
fn former_holder(tree: &Tree, anchor: usize, start: usize) -> bool {
    np_words(tree, anchor)
        .into_iter()
        .any(|w| w < start && matches!(tree.upper[w].as_str(), "FORMER" | "EX" | "EX-"))
}

fn np_words(tree: &Tree, h: usize) -> Vec<usize> {
    tree.subtree_by(h, &|r| matches!(r, Rel::NpInternal | Rel::Poss | Rel::Case))
}

fn agent_hits<'a>(tree: &Tree, hits: &'a [DictHit], h: usize) -> Vec<&'a DictHit> {
    let np = np_words(tree, h);
    hits.iter()
        .filter(|x| x.agent && np.binary_search(&x.anchor).is_ok())
        .collect()
}

/// Joins an actor code and agent codes: prefixes before, suffixes after, skipping sector
/// codes the actor code already holds (White House officials: USAGOV, not USAGOVGOV).
fn compose(actor: &str, agents: &[&DictHit]) -> String {
    let has = |code: &str, part: &str| {
        let b = code.as_bytes();
        !part.is_empty()
            && (0..b.len())
                .step_by(3)
                .any(|i| code.get(i..i + part.len()) == Some(part))
    };
    let mut pre = String::new();
    let mut out = actor.to_string();
    for a in agents {
        if has(&out, &a.code) || has(&pre, &a.code) {
            continue;
        }
        if a.prefix {
            pre.push_str(&a.code);
        } else {
            out.push_str(&a.code);
        }
    }
    format!("{pre}{out}")
}

/// The words of `h`'s noun phrase: phrase-internal relations from `h`, and coordinated
/// modifiers inside it ("Eriadori and Calenardhon leaders").
fn np_words_coord(tree: &Tree, h: usize) -> Vec<usize> {
    let mut out = np_words(tree, h);
    let extra: Vec<usize> = out
        .iter()
        .filter(|&&x| x != h)
        .flat_map(|&x| tree.conjuncts(x))
        .flat_map(|c| np_words(tree, c))
        .collect();
    out.extend(extra);
    out.sort_unstable();
    out.dedup();
    out
}

/// The agents of `agents` that join `actor` under TABARI's reading: those in an unbroken
/// run of matches with it, where only a possessive ending may stand between two
/// ("Gondor's Prime Minister", "Bree Prime Minister Romendacil"; not "Ithilen's awful
/// and evil minister", nor "Dagolath, officials").
fn adjacent_to<'a>(
    s: &ParsedSentence,
    actor: &DictHit,
    agents: &[&'a DictHit],
) -> Vec<&'a DictHit> {
    let gap_ok = |a: usize, b: usize| {
        a <= b
            && s.words[a..b]
                .iter()
                .all(|w| w.upos == "PART" && w.form.starts_with(['\'', '’']))
    };
    let mut out: Vec<&DictHit> = Vec::new();
    // Outwards from the actor on each side, one touching match at a time.
    let (mut lo, mut hi) = (actor.start, actor.end);
    loop {
        let next = agents.iter().find(|x| {
            !out.iter().any(|o| std::ptr::eq(*o, **x)) && (gap_ok(hi, x.start) || gap_ok(x.end, lo))
        });
        match next {
            Some(x) => {
                lo = lo.min(x.start);
                hi = hi.max(x.end);
                out.push(x);
            }
            None => break,
        }
    }
    out.sort_by_key(|x| x.start);
    out
}

fn own_mentions(
    s: &ParsedSentence,
    tree: &Tree,
    hits: &[DictHit],
    h: usize,
    split: bool,
    adjacent_agents: bool,
) -> Vec<ActorMention> {
    let np = np_words_coord(tree, h);
    let inside: Vec<&DictHit> = hits
        .iter()
        .filter(|x| np.binary_search(&x.anchor).is_ok())
        .collect();
    if inside.is_empty() {
        return Vec::new();
    }
    let actors: Vec<&DictHit> = inside.iter().filter(|x| !x.agent).copied().collect();
    let agents: Vec<&DictHit> = inside.iter().filter(|x| x.agent).copied().collect();
    // A name inside another word's phrase belongs to that word's mention; it heads a
    // mention of its own only where a match is anchored on it.
    let internal = matches!(tree.rel[h], Rel::NpInternal | Rel::Poss | Rel::Case);
    if internal && !inside.iter().any(|x| x.anchor == h) {
        return Vec::new();
    }
    let own = actors.iter().find(|x| x.anchor == h).map(|p| {
        title_owner(tree, &actors, &agents, h)
            .filter(|o| !p.code.starts_with(&o.code))
            .unwrap_or(p)
    });
    // Coordinated country modifiers give one mention each.
    let primaries: Vec<Option<&DictHit>> = match (own, actors.last()) {
        (Some(p), _) => vec![Some(p)],
        (None, Some(last)) => {
            let first = tree.first_conjunct(last.anchor);
            let co: Vec<&DictHit> = tree
                .conjuncts(first)
                .into_iter()
                .filter_map(|c| actors.iter().find(|x| x.anchor == c).copied())
                .collect();
            if co.len() > 1 {
                co.into_iter().map(Some).collect()
            } else {
                vec![Some(*last)]
            }
        }
        (None, None) => vec![None],
    };
    let first = inside.iter().map(|x| x.start).min().unwrap_or(h).min(h);
    let last = inside
        .iter()
        .map(|x| x.end)
        .max()
        .unwrap_or(h + 1)
        .max(h + 1);
    let span = Span::new(s.words[first].span.start, s.words[last - 1].span.end);
    let shared = shared_role(&primaries, &agents, h);
    let mut out = Vec::new();
    for primary in primaries.iter().copied() {
        if primary.is_some_and(|p| p.code == "---" || p.code.is_empty()) {
            continue;
        }
        // `FRO/BIL/SAM`: one dictionary entry standing for several actors.
        let parts: Vec<&str> = match primary {
            Some(p) if split => p.code.split('/').filter(|c| !c.is_empty()).collect(),
            Some(p) => vec![p.code.as_str()],
            None => vec!["---"],
        };
        for part in parts {
            let mut code = match primary {
                Some(p) if p.anchor == h && part.len() > 3 => part.to_string(),
                Some(p) if adjacent_agents => compose(part, &adjacent_to(s, p, &agents)),
                _ => compose(part, &agents),
            };
            if let Some(role) = shared.filter(|_| country_code(&code)) {
                code.push_str(role);
            }
            let mut rules: Vec<String> = primary.iter().map(|p| p.rule.clone()).collect();
            rules.extend(agents.iter().map(|a| a.rule.clone()));
            out.push(ActorMention {
                code,
                text: s.text_between(span),
                span,
                head: h,
                rules,
            });
        }
    }
    out
}

/// The role that coordinated country modifiers share through their noun when the last
/// modifier and the noun are one dictionary phrase ("Russian and Ukrainian forces", with
/// "Ukrainian forces" an entry of UKRMIL): the phrase's code after its country (`MIL`),
/// for the other modifiers, which meet no agent of their own (RUSMIL, as "Russian and
/// Ukrainian soldiers" gives through the agent "soldiers"). Only where no agent is in the
/// phrase and one conjunct's match covers the noun `h` with a code of whole three-letter
/// parts after a country.
fn shared_role<'a>(
    primaries: &[Option<&'a DictHit>],
    agents: &[&DictHit],
    h: usize,
) -> Option<&'a str> {
    if primaries.len() < 2 || !agents.is_empty() {
        return None;
    }
    primaries.iter().flatten().find_map(|p| {
        let role = p.code.get(3..)?;
        let whole =
            !role.is_empty() && role.len() % 3 == 0 && role.bytes().all(|b| b.is_ascii_uppercase());
        (p.start <= h && h < p.end && p.anchor != h && whole && country_code(&p.code[..3]))
            .then_some(role)
    })
}

/// Whether `code` is a bare three-letter country code (not `---`, not a sector).
fn country_code(code: &str) -> bool {
    code.len() == 3 && code != "---" && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// A match that is a country: an actor with a three-letter code other than `---`.
fn country(x: &DictHit) -> bool {
    !x.agent && x.code.len() == 3 && x.code != "---"
}

/// The country whose official the name `h` is said to be, when a title before it has
/// that country as possessor: "Ithilen's awful and evil minister Calimehtar" is
/// Ithilen's minister (ITHGOV, as PETRARCH-2 codes it; TABARI, joining only adjacent
/// agents, ITH), though the dictionary gives the name another country (the caller keeps
/// the name's own code where it is of the same country: "Russia's foreign minister
/// Sergei Lavrov" stays what the dictionary says of Lavrov). Only a title attached to
/// the name inside its phrase counts (`compound`, `nmod:desc`): where the parser makes
/// the title and the name two subjects, the title's phrase is a mention of its own.
fn title_owner<'a>(
    tree: &Tree,
    actors: &[&'a DictHit],
    agents: &[&DictHit],
    h: usize,
) -> Option<&'a DictHit> {
    agents
        .iter()
        .map(|t| t.anchor)
        .filter(|&t| t < h && tree.head[t] == Some(h) && tree.rel[t] == Rel::NpInternal)
        .find_map(|t| {
            actors.iter().copied().find(|x| {
                tree.head[x.anchor] == Some(t) && tree.rel[x.anchor] == Rel::Poss && country(x)
            })
        })
}

/// Countries for an agent-only phrase: from an attached "of / in / from …" phrase of the
/// head or, for a later conjunct ("lawmakers and officials in Arnor"), of the first.
/// The words whose "of / in / from …" phrase may give the agent phrase headed by `h` a
/// country: the head, its first conjunct, then every word of the agent matches anchored
/// there. A misparse can hang the phrase on the agent's last word while the head is
/// another ("human rights | activists of Gonzo GMO": the phrase is on "activists").
fn borrowing_words(tree: &Tree, hits: &[DictHit], h: usize) -> Vec<usize> {
    let mut words = vec![h, tree.first_conjunct(h)];
    for x in hits.iter().filter(|x| x.agent && x.anchor == h) {
        words.extend((x.start..x.end).filter(|&w| w != h && w < tree.len()));
    }
    words
}

fn borrowed_countries(
    s: &ParsedSentence,
    tree: &Tree,
    hits: &[DictHit],
    h: usize,
) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for owner in borrowing_words(tree, hits, h) {
        for c in tree.kids(owner, Rel::Obl) {
            let prep = tree.children[c]
                .iter()
                .find(|&&k| tree.rel[k] == Rel::Case)
                .map(|&k| tree.upper[k].as_str())
                .unwrap_or("");
            if !matches!(prep, "OF" | "IN" | "FROM" | "") {
                continue;
            }
            for cj in tree.conjuncts(c) {
                for m in own_mentions(s, tree, hits, cj, true, false) {
                    if !no_country(&m.code) {
                        out.push(m);
                    }
                }
            }
            if !out.is_empty() {
                return out;
            }
        }
    }
    // A name right beside the agent phrase gives its country, whatever the parser made
    // of the two (TABARI joins an agent to the actor next to it): before it first
    // ("Fornost | President Umbardacil"), else after it ("human rights activists |
    // Amnesty International").
    let np = np_words(tree, h);
    let in_phrase = || {
        hits.iter()
            .filter(|x| x.agent && np.binary_search(&x.anchor).is_ok())
    };
    // Adjectives of the phrase before its agent do not part them ("Arnor | former
    // security officials", where the parser made "Arnor" a subject of its own).
    let phrase_start = |mut first: usize| {
        while first > 0
            && np.binary_search(&(first - 1)).is_ok()
            && s.words[first - 1].upos == "ADJ"
        {
            first -= 1;
        }
        first
    };
    let before = in_phrase()
        .map(|x| x.start)
        .min()
        .map(phrase_start)
        .and_then(|first| hits.iter().find(|x| country(x) && x.end == first));
    let beside = before.or_else(|| {
        in_phrase()
            .map(|x| x.end)
            .max()
            .and_then(|last| hits.iter().find(|x| country(x) && x.start == last))
    });
    if let Some(x) = beside {
        out.push(hit_mention(s, x));
        return out;
    }
    // "Danish media and government": a later conjunct shares the first one's country.
    let first = tree.first_conjunct(h);
    if first != h {
        let np = np_words(tree, first);
        if let Some(x) = hits
            .iter()
            .find(|x| !x.agent && np.binary_search(&x.anchor).is_ok() && x.code.len() == 3)
        {
            out.push(hit_mention(s, x));
        }
    }
    out
}

/// A dictionary hit as an actor mention under its own code.
fn hit_mention(s: &ParsedSentence, x: &DictHit) -> ActorMention {
    let span = Span::new(s.words[x.start].span.start, s.words[x.end - 1].span.end);
    ActorMention {
        code: x.code.clone(),
        text: s.text_between(span),
        span,
        head: x.anchor,
        rules: vec![x.rule.clone()],
    }
}
