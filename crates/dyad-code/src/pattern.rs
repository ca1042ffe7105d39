//! Verb-pattern matching over a clause. Both pattern styles are read as ordered element
//! sequences split at the verb (`*`): elements before it match, in order, words of the
//! clause before the verb; elements after it match words after the verb. Words match by
//! form or lemma (TABARI words without `_` also as stems); synsets by any member;
//! PETRARCH-2 `{... HEAD}` groups by a word (no verb) whose noun phrase holds the rest;
//! `(PREP ...)` phrases by a preposition whose phrase holds the rest; `$`, `+` mark the
//! words where the source and target stand; `%` asks for a compound (reciprocal) actor.

use std::collections::HashMap;
use std::ops::Range;

use dyad_dict::{Elem, FxMap, Item, Pattern, Synset, SynsetMember, VerbFile};

use crate::tree::{Rel, Tree};

/// What a pattern matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PatMatch {
    /// Specificity: matched literal words (more is better).
    pub score: usize,
    /// Word where `+` matched.
    pub target: Option<usize>,
    /// Word where `$` matched.
    pub source: Option<usize>,
    /// The pattern has `%`.
    pub compound: bool,
    /// Words the pattern's literals matched.
    pub words: Vec<usize>,
    /// The last word a `^` skipped over, so that a `(PREP ^)` phrase ends after the
    /// noun phrase it skipped ("IFTAR (IN ^) +": the target comes after "in Osgiliath").
    pub skipped_to: Option<usize>,
}

/// A point to come back to while backtracking: restoring it undoes everything matched
/// since, without cloning the matched-word list (backtracking is the coder's hot loop).
#[derive(Clone, Copy)]
struct Mark {
    score: usize,
    target: Option<usize>,
    source: Option<usize>,
    compound: bool,
    words: usize,
    skipped_to: Option<usize>,
}

impl PatMatch {
    fn mark(&self) -> Mark {
        Mark {
            score: self.score,
            target: self.target,
            source: self.source,
            compound: self.compound,
            words: self.words.len(),
            skipped_to: self.skipped_to,
        }
    }

    fn reset(&mut self, m: Mark) {
        self.score = m.score;
        self.target = m.target;
        self.source = m.source;
        self.compound = m.compound;
        self.words.truncate(m.words);
        self.skipped_to = m.skipped_to;
    }
}

pub(crate) struct Ctx<'a> {
    pub tree: &'a Tree,
    pub file: &'a VerbFile,
    /// True for a word that heads (or lies in) an actor mention.
    pub actor_at: &'a dyn Fn(usize) -> Option<usize>,
    pub budget: std::cell::Cell<u32>,
    /// TABARI-style words (not closed by `_`) match as stems; PETRARCH-2 words do not.
    pub stems: bool,
    /// The dictionaries are read as TABARI itself reads them (the TABARI suite's):
    /// stems of any length (`IN` matches INTO, `YEN` YENER), where otherwise only stems
    /// of four letters or more match (PETRARCH-1's dictionaries in TABARI's format read
    /// short words whole); and the words of a synset member written with a space may
    /// have other words between them (`AUSTRIAN FLORIN` matches "austrian gold florin").
    pub tabari_own: bool,
    /// The file's synsets by upper-case name (without a trailing `_`).
    pub synsets: &'a HashMap<String, usize>,
    /// The file's synsets' [`member_keys`].
    pub member_keys: &'a [Vec<Option<Key>>],
    /// The first letters of every word of the sentence: a synset member whose first
    /// word's key they cannot hold matches nowhere in it.
    pub letters: Letters,
}

impl Ctx<'_> {
    /// The synset `name` and, for each member, whether it may match in this sentence.
    fn synset_members(&self, name: &str) -> Option<(&Synset, impl Fn(usize) -> bool + '_)> {
        let i = synset_position(self.file, self.synsets, name)?;
        let syn = self.file.synsets.get(i)?;
        let keys = self.member_keys.get(i);
        let may = move |m: usize| match keys.and_then(|k| k.get(m)) {
            Some(Some(k)) => self.letters.may_hold(*k),
            _ => true,
        };
        Some((syn, may))
    }
}

/// The synset of `file` that a pattern names, by `index` ([`synset_index`]).
pub(crate) fn synset_by_name<'d>(
    file: &'d VerbFile,
    index: &HashMap<String, usize>,
    name: &str,
) -> Option<&'d Synset> {
    file.synsets.get(synset_position(file, index, name)?)
}

/// Where in `file.synsets` the synset a pattern names is.
fn synset_position(file: &VerbFile, index: &HashMap<String, usize>, name: &str) -> Option<usize> {
    let key = name.trim_end_matches('_');
    match index.get(key) {
        Some(&i) => Some(i),
        // Names are indexed upper case; a reference written otherwise is rare.
        None if key.bytes().any(|b| b.is_ascii_lowercase()) => {
            let found = file.synset(name)?;
            file.synsets.iter().position(|s| std::ptr::eq(s, found))
        }
        None => None,
    }
}

/// For each synset of `file`, for each member: the [`Key`] of its first word (`None`
/// where it starts otherwise), which matching a member needs first.
pub(crate) fn member_keys(file: &VerbFile) -> Vec<Vec<Option<Key>>> {
    file.synsets
        .iter()
        .map(|s| {
            s.members
                .iter()
                .map(|m| first_word(m).map(Key::of))
                .collect()
        })
        .collect()
}

/// The first element of a synset member when it is a word (matching the member needs it
/// first); `None` for a member that starts otherwise (a nested synset) or is empty.
fn first_word(m: &SynsetMember) -> Option<&str> {
    match m.elems.first().map(|e| &e.item) {
        Some(Item::Word(w)) => Some(w),
        _ => None,
    }
}

/// The synsets of `file` by upper-case name, for [`Ctx::synsets`]; the first definition
/// of a name wins, as in [`VerbFile::synset`].
pub(crate) fn synset_index(file: &VerbFile) -> HashMap<String, usize> {
    let mut out = HashMap::with_capacity(file.synsets.len());
    for (i, s) in file.synsets.iter().enumerate() {
        out.entry(s.name.trim_end_matches('_').to_ascii_uppercase())
            .or_insert(i);
    }
    out
}

/// Matches `p` with the verb at `verb`; `before` and `after` are the clause words on each
/// side (sorted). The caller rules most patterns out first ([`NeedCheck`]).
pub(crate) fn match_pattern(
    cx: &Ctx<'_>,
    p: &Pattern,
    before: &[usize],
    after: &[usize],
) -> Option<PatMatch> {
    let split = p.elems.iter().position(|e| matches!(e.item, Item::Verb));
    let (pre, post): (&[Elem], &[Elem]) = match split {
        Some(k) => (&p.elems[..k], &p.elems[k + 1..]),
        None => (&[], &p.elems[..]),
    };
    let mut m = PatMatch {
        compound: has_compound(&p.elems),
        ..PatMatch::default()
    };
    cx.budget.set(20_000);
    // Words joined to `*` by `_` written against it (`RECENTLY_*`, `DID_NOT_*`) are the
    // clause's last words before the verb: "recently did allow" is no `RECENTLY_*`, whose
    // word must come right before the verb (`KNOWN_ *`, with a space, only asks for the
    // whole word). The rest keeps its order; adjacency is asked only where `_` joins
    // words.
    let (mut pre_end, mut list_end) = (pre.len(), before.len());
    let mut anchored = Vec::new();
    while pre_end > 0 && pre[pre_end - 1].joined && pre[pre_end - 1].tight {
        let Item::Word(wd) = &pre[pre_end - 1].item else {
            break;
        };
        if list_end == 0 || !word_is(cx, before[list_end - 1], wd, true) {
            return None;
        }
        anchored.push(before[list_end - 1]);
        pre_end -= 1;
        list_end -= 1;
    }
    if !seq(cx, &pre[..pre_end], &before[..list_end], 0, false, &mut m) {
        return None;
    }
    m.score += anchored.len();
    m.words.extend(anchored.into_iter().rev());
    if !seq(cx, post, after, 0, false, &mut m) {
        return None;
    }
    Some(m)
}

/// What the patterns of one verb family cannot do without, gathered once per family: the
/// literal words (a top-level word, the preposition of a `(PREP …)`, the head of a
/// `{… HEAD}`) and top-level synsets of each pattern, on each side of the verb. Before a
/// pattern is matched, each of its needs must be present in the clause ([`NeedCheck`]);
/// most patterns of a verb name a word the clause lacks, and a production verb such as
/// SAY has hundreds of patterns that share their words.
#[derive(Debug, Clone, Default)]
pub(crate) struct FamilyNeeds<'d> {
    /// The distinct needs of the family.
    needs: Vec<Need<'d>>,
    /// For each pattern of the family, in order: where its needs start in `ids`, and how
    /// many stand before the verb and after it.
    pats: Vec<(u32, u16, u16)>,
    /// Indices into `needs`, pattern after pattern (one allocation: the check walks
    /// hundreds of patterns per clause).
    ids: Vec<u32>,
}

/// One need: some word of the clause could match one of these literals (a pattern word:
/// one literal; a synset: the first word of each member), each with its [`Key`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need<'d> {
    /// The literals, and the union of what their keys ask ([`Letters::meets`]).
    AnyOf(Vec<(Key, &'d str)>, Letters),
    /// A synset with a member that starts otherwise (a nested synset, or nothing): not
    /// checked.
    Always,
}

/// What a literal asks of a word's first letters (see [`Letters::may_hold`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    Any,
    First(u8),
    Pair(u8, u8),
}

impl Key {
    fn of(lit: &str) -> Key {
        match lit.as_bytes() {
            [] | [b'~'] => Key::Any,
            [a] | [a, b'~'] => Key::First(*a),
            [a, b, ..] => Key::Pair(*a, *b),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Wanted<'d> {
    Word(&'d str),
    Synset(&'d str),
}

impl<'d> FamilyNeeds<'d> {
    /// The needs of `patterns` (a family's, in order), whose synsets `synset` finds.
    pub(crate) fn of(
        patterns: &'d [Pattern],
        synset: impl Fn(&str) -> Option<&'d Synset>,
    ) -> FamilyNeeds<'d> {
        let mut out = FamilyNeeds::default();
        let mut index: FxMap<Wanted<'d>, u32> = FxMap::default();
        let mut side = |elems: &'d [Elem], needs: &mut Vec<Need<'d>>| -> Vec<u32> {
            let mut v: Vec<u32> = elems
                .iter()
                .filter_map(wanted)
                .map(|w| {
                    *index.entry(w).or_insert_with(|| {
                        needs.push(resolve(w, &synset));
                        (needs.len() - 1) as u32
                    })
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for p in patterns {
            let (pre, post): (&[Elem], &[Elem]) =
                match p.elems.iter().position(|e| matches!(e.item, Item::Verb)) {
                    Some(k) => (&p.elems[..k], &p.elems[k + 1..]),
                    None => (&[], &p.elems[..]),
                };
            let pre = side(pre, &mut out.needs);
            let post = side(post, &mut out.needs);
            let n = |v: &Vec<u32>| u16::try_from(v.len()).unwrap_or(u16::MAX);
            out.pats.push((out.ids.len() as u32, n(&pre), n(&post)));
            out.ids.extend(pre.iter().take(usize::from(n(&pre))));
            out.ids.extend(post.iter().take(usize::from(n(&post))));
        }
        out
    }
}

impl FamilyNeeds<'static> {
    /// No needs: every pattern may match.
    pub(crate) const EMPTY: FamilyNeeds<'static> = FamilyNeeds {
        needs: Vec::new(),
        pats: Vec::new(),
        ids: Vec::new(),
    };
}

/// What an element cannot match without, if anything.
fn wanted(e: &Elem) -> Option<Wanted<'_>> {
    fn word(x: Option<&Elem>) -> Option<Wanted<'_>> {
        match x.map(|x| &x.item) {
            Some(Item::Word(w)) => Some(Wanted::Word(w.as_str())),
            _ => None,
        }
    }
    match &e.item {
        Item::Word(w) => Some(Wanted::Word(w)),
        Item::Prep(g) => word(g.first()),
        Item::Group(g) => word(g.last()),
        Item::Synset(name) => Some(Wanted::Synset(name)),
        _ => None,
    }
}

/// The need for `w`: a synset that does not exist never matches (no literal to find).
fn resolve<'d>(w: Wanted<'d>, synset: impl Fn(&str) -> Option<&'d Synset>) -> Need<'d> {
    match w {
        Wanted::Word(lit) => any_of(vec![(Key::of(lit), lit)]),
        Wanted::Synset(name) => {
            let Some(syn) = synset(name) else {
                return any_of(Vec::new());
            };
            let mut lits = Vec::with_capacity(syn.members.len());
            for m in &syn.members {
                match first_word(m) {
                    Some(w) => lits.push((Key::of(w), w)),
                    None => return Need::Always,
                }
            }
            any_of(lits)
        }
    }
}

fn any_of(lits: Vec<(Key, &str)>) -> Need<'_> {
    let mut asks = Letters::default();
    for (k, _) in &lits {
        match *k {
            Key::Any => asks.any = true,
            Key::First(a) => set(&mut asks.first, usize::from(a)),
            Key::Pair(a, b) => {
                set(&mut asks.short, usize::from(a));
                set(&mut asks.pair, pair(a, b));
            }
        }
    }
    Need::AnyOf(lits, asks)
}

/// [`FamilyNeeds`] checked against one clause: whether each need is present before and
/// after the verb, found out the first time a pattern asks.
pub(crate) struct NeedCheck<'n, 'd> {
    family: &'n FamilyNeeds<'d>,
    /// Per need: 0 not yet known, 1 absent, 2 present.
    before: Vec<u8>,
    after: Vec<u8>,
    /// The first letters of each side's words, once asked for.
    letters: [Option<Letters>; 2],
}

/// The first letters of a list of words (forms and lemmas): a literal whose first two
/// letters no word starts with, where it could match only a word that does, is ruled out
/// without comparing strings (most are).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Letters {
    /// For a need's union of keys: a literal that any word may match.
    any: bool,
    /// First bytes, one bit each.
    first: [u64; 4],
    /// First byte of words one byte long.
    short: [u64; 4],
    /// First two bytes, hashed to 512 bits.
    pair: [u64; 8],
}

impl Letters {
    fn of(cx: &Ctx<'_>, list: &[usize]) -> Letters {
        Letters::of_words(cx.tree, list.iter().copied())
    }

    /// The first letters of these words of `tree`.
    pub(crate) fn of_words(tree: &Tree, words: impl Iterator<Item = usize>) -> Letters {
        let mut l = Letters::default();
        for w in words {
            for x in [tree.upper[w].as_bytes(), tree.lemma[w].as_bytes()] {
                match x {
                    [] => {}
                    [a] => {
                        set(&mut l.first, usize::from(*a));
                        set(&mut l.short, usize::from(*a));
                    }
                    [a, b, ..] => {
                        set(&mut l.first, usize::from(*a));
                        set(&mut l.pair, pair(*a, *b));
                    }
                }
            }
        }
        l
    }

    /// False only when no word of the list can match a literal with key `k` by
    /// [`literal_present`]'s test: each way needs a word with the same first byte,
    /// and with the same second byte too unless the word or the literal is one byte long.
    fn may_hold(&self, k: Key) -> bool {
        match k {
            Key::Any => true,
            Key::First(a) => get(&self.first, usize::from(a)),
            Key::Pair(a, b) => get(&self.short, usize::from(a)) || get(&self.pair, pair(a, b)),
        }
    }

    /// Whether some literal of a need whose keys' union is `asks` may match here: false
    /// when [`Letters::may_hold`] is false for each of them.
    fn meets(&self, asks: &Letters) -> bool {
        let overlap = |a: &[u64], b: &[u64]| a.iter().zip(b).any(|(x, y)| x & y != 0);
        asks.any
            || overlap(&asks.first, &self.first)
            || overlap(&asks.short, &self.short)
            || overlap(&asks.pair, &self.pair)
    }
}

fn pair(a: u8, b: u8) -> usize {
    (usize::from(a) * 31 + usize::from(b)) & 511
}

fn set(bits: &mut [u64], i: usize) {
    bits[i / 64 % bits.len()] |= 1 << (i % 64);
}

fn get(bits: &[u64], i: usize) -> bool {
    bits[i / 64 % bits.len()] & (1 << (i % 64)) != 0
}

impl<'n, 'd> NeedCheck<'n, 'd> {
    pub(crate) fn new(family: &'n FamilyNeeds<'d>) -> Self {
        let n = family.needs.len();
        NeedCheck {
            family,
            before: vec![0; n],
            after: vec![0; n],
            letters: [None, None],
        }
    }

    /// A quick necessary condition for pattern `i` of the family to match with these
    /// clause words: every need could match some word of its side.
    pub(crate) fn may_match(
        &mut self,
        cx: &Ctx<'_>,
        i: usize,
        before: &[usize],
        after: &[usize],
    ) -> bool {
        let Some(&(start, npre, npost)) = self.family.pats.get(i) else {
            return true;
        };
        let start = start as usize;
        let mid = start + usize::from(npre);
        let (pre, post) = match (
            self.family.ids.get(start..mid),
            self.family.ids.get(mid..mid + usize::from(npost)),
        ) {
            (Some(a), Some(b)) => (a, b),
            _ => return true,
        };
        let needs = &self.family.needs;
        let side =
            |ids: &[u32], known: &mut [u8], letters: &mut Option<Letters>, list: &[usize]| {
                ids.iter().all(|&k| {
                    let k = k as usize;
                    if known[k] == 0 {
                        let letters = letters.get_or_insert_with(|| Letters::of(cx, list));
                        known[k] = 1 + u8::from(need_present(cx, &needs[k], list, letters));
                    }
                    known[k] == 2
                })
            };
        let [lb, la] = &mut self.letters;
        side(pre, &mut self.before, lb, before) && side(post, &mut self.after, la, after)
    }
}

/// Whether a need could match some word of `list`: one of its literals could, by
/// [`word_is`] or as the start of a split word.
fn need_present(cx: &Ctx<'_>, need: &Need<'_>, list: &[usize], letters: &Letters) -> bool {
    match need {
        Need::Always => true,
        Need::AnyOf(lits, asks) => {
            letters.meets(asks)
                && lits
                    .iter()
                    .any(|&(k, lit)| letters.may_hold(k) && literal_present(cx, lit, list))
        }
    }
}

fn literal_present(cx: &Ctx<'_>, lit: &str, list: &[usize]) -> bool {
    let stem = lit.strip_suffix('~').unwrap_or(lit);
    list.iter().any(|&w| {
        let f = cx.tree.upper[w].as_str();
        (!f.is_empty() && starts(lit, f))
            || (!stem.is_empty() && starts(f, stem))
            || cx.tree.lemma[w] == *lit
    })
}

/// Whether `p`'s `%` stands after the verb (`- HAS * WITH %`): the compound is then the
/// actors after the verb, not the subject.
pub(crate) fn compound_after_verb(p: &Pattern) -> bool {
    p.elems
        .iter()
        .position(|e| matches!(e.item, Item::Verb))
        .is_some_and(|k| has_compound(&p.elems[k + 1..]))
}

/// Whether `p` names a synset (`&CURRENCY`): at equal length a pattern of literal words
/// is the more specific ("contribute a million dollars": `- * DOLLAR` over
/// `- * &CURRENCY`).
pub(crate) fn uses_synset(p: &Pattern) -> bool {
    fn any(elems: &[Elem]) -> bool {
        elems.iter().any(|e| match &e.item {
            Item::Synset(_) => true,
            Item::Group(g) | Item::Prep(g) => any(g),
            Item::Alternatives(a) => a.iter().any(|x| any(x)),
            _ => false,
        })
    }
    any(&p.elems)
}

fn has_compound(elems: &[Elem]) -> bool {
    elems.iter().any(|e| match &e.item {
        Item::Compound => true,
        Item::Group(g) | Item::Prep(g) => has_compound(g),
        Item::Alternatives(a) => a.iter().any(|x| has_compound(x)),
        _ => false,
    })
}

/// Whether a pattern word also matches a word by its lemma: in PETRARCH-2 patterns,
/// and in TABARI-style ones read with stems. A TABARI-style file read as PETRARCH-2 reads
/// it (no stems) matches the written form only ("ADOPT * RESOLUTION" is no match for
/// "adopt a set of resolutions").
fn lemma_matches(cx: &Ctx<'_>) -> bool {
    cx.stems || cx.file.style == dyad_dict::VerbStyle::Petrarch2
}

/// Does word `w` match literal `lit` (upper case)?
fn word_is(cx: &Ctx<'_>, w: usize, lit: &str, whole: bool) -> bool {
    let t = cx.tree;
    let (f, l) = (&t.upper[w], &t.lemma[w]);
    if f == lit || (l == lit && lemma_matches(cx)) {
        return true;
    }
    // TABARI's `~`: the word is a stem whatever follows (`REAL~` matches REALLY).
    if let Some(stem) = lit.strip_suffix('~') {
        return !stem.is_empty() && starts(f, stem);
    }
    // TABARI stems: a word not closed by `_` matches longer words (ACCORD → ACCORDS).
    cx.stems && !whole && (cx.tabari_own || lit.len() >= 4) && starts(f, lit)
}

/// `s.starts_with(prefix)`, comparing the first bytes before calling `memcmp`: pattern
/// matching tries every literal against every clause word, and almost all differ at once.
#[inline]
fn starts(s: &str, prefix: &str) -> bool {
    let (s, p) = (s.as_bytes(), prefix.as_bytes());
    match (s.first(), p.first()) {
        (_, None) => true,
        (Some(a), Some(b)) => a == b && s.starts_with(p),
        (None, Some(_)) => false,
    }
}

/// Matches `elems` as an ordered subsequence of `list[pos..]`; `adjacent` asks the first
/// element to sit at `pos` exactly. Backtracks, within a step budget.
fn seq(
    cx: &Ctx<'_>,
    elems: &[Elem],
    list: &[usize],
    pos: usize,
    adjacent: bool,
    st: &mut PatMatch,
) -> bool {
    let b = cx.budget.get();
    if b == 0 {
        return false;
    }
    cx.budget.set(b - 1);
    let Some((e, rest)) = elems.split_first() else {
        return true;
    };
    let next_adj = e.joined;
    match &e.item {
        Item::Verb => seq(cx, rest, list, pos, adjacent, st),
        Item::Skip => {
            // `^` skips a noun phrase: the next actor phrase if there is one ("IFTAR IN ^ +"
            // passes over "in Osgiliath" to "with the leaders of Gondor"), else nothing.
            if let Some(k) = (pos..list.len()).find(|&k| (cx.actor_at)(list[k]).is_some()) {
                let h = (cx.actor_at)(list[k]);
                let mut k2 = k + 1;
                while k2 < list.len() && (cx.actor_at)(list[k2]) == h {
                    k2 += 1;
                }
                let saved = st.mark();
                st.skipped_to = st.skipped_to.max(Some(list[k2 - 1]));
                if seq(cx, rest, list, k2, false, st) {
                    return true;
                }
                st.reset(saved);
            }
            seq(cx, rest, list, pos, adjacent, st)
        }
        Item::Compound => {
            st.compound = true;
            seq(cx, rest, list, pos, adjacent, st)
        }
        Item::Source | Item::Target => {
            for k in candidates(list, pos, adjacent) {
                let w = list[k];
                if let Some(h) = (cx.actor_at)(w) {
                    let saved = st.mark();
                    if matches!(e.item, Item::Target) {
                        st.target = Some(h);
                    } else {
                        st.source = Some(h);
                    }
                    // An actor phrase spans several words: go on after the last one
                    // that belongs to it.
                    let mut k2 = k + 1;
                    while k2 < list.len() && (cx.actor_at)(list[k2]) == Some(h) {
                        k2 += 1;
                    }
                    if seq(cx, rest, list, k2, next_adj, st) {
                        return true;
                    }
                    st.reset(saved);
                }
            }
            false
        }
        Item::Word(wd) => {
            for k in candidates(list, pos, adjacent) {
                let width = if word_is(cx, list[k], wd, e.joined) {
                    1
                } else {
                    split_width(cx, list, k, wd)
                };
                if width > 0 {
                    let saved = st.mark();
                    st.score += 1;
                    st.words.extend(&list[k..k + width]);
                    if seq(cx, rest, list, k + width, next_adj, st) {
                        return true;
                    }
                    st.reset(saved);
                }
            }
            false
        }
        Item::Synset(name) => {
            let Some((syn, may)) = cx.synset_members(name) else {
                return false;
            };
            for (i, mem) in syn.members.iter().enumerate() {
                if !may(i) {
                    continue;
                }
                // A member is a small sequence of its own, matched adjacently.
                let saved = st.mark();
                if let Some(end) = member(cx, &mem.elems, list, pos, adjacent, st) {
                    if seq(cx, rest, list, end, next_adj, st) {
                        return true;
                    }
                }
                st.reset(saved);
            }
            false
        }
        Item::Alternatives(alts) => {
            for a in alts {
                let saved = st.mark();
                if let Some(end) = member(cx, a, list, pos, adjacent, st) {
                    if seq(cx, rest, list, end, next_adj, st) {
                        return true;
                    }
                }
                st.reset(saved);
            }
            false
        }
        Item::Group(g) => {
            let Some((last, inner)) = g.split_last() else {
                return seq(cx, rest, list, pos, adjacent, st);
            };
            for k in candidates(list, pos, false) {
                let w = list[k];
                let saved = st.mark();
                // A `{…}` group is a noun phrase: its head is no verb ("signed an accord
                // to supply Gondor" holds no `{TO SUPPLY}`).
                if !cx.tree.verb[w] && single(cx, last, w, st) {
                    let sub: Vec<usize> = cx
                        .tree
                        .subtree(phrase_head(cx.tree, w))
                        .into_iter()
                        .filter(|&x| x < w)
                        .collect();
                    if seq(cx, inner, &sub, 0, false, st)
                        && seq(cx, rest, list, k + 1, next_adj, st)
                    {
                        return true;
                    }
                }
                st.reset(saved);
            }
            false
        }
        Item::Prep(g) => {
            let Some((first, inner)) = g.split_first() else {
                return seq(cx, rest, list, pos, adjacent, st);
            };
            for k in candidates(list, pos, false) {
                let w = list[k];
                let saved = st.mark();
                if single(cx, first, w, st) {
                    // The preposition's phrase: its head's subtree after it (or, for a
                    // preposition heading its own phrase, its own subtree).
                    let owner = cx.tree.head[w].unwrap_or(w);
                    let owner = if owner < w { w } else { owner };
                    // The phrase lies on the preposition's side of the verb: the verb's
                    // own infinitive marker ("to accord") is no `(TO)` phrase before it.
                    if owner != w && !list.contains(&owner) {
                        st.reset(saved);
                        continue;
                    }
                    let sub: Vec<usize> = cx
                        .tree
                        .subtree(owner)
                        .into_iter()
                        .filter(|&x| x > w)
                        .collect();
                    if seq(cx, inner, &sub, 0, false, st) {
                        let end = st
                            .words
                            .iter()
                            .copied()
                            .filter(|&x| x >= w)
                            .max()
                            .unwrap_or(w)
                            .max(st.target.unwrap_or(w))
                            .max(st.skipped_to.unwrap_or(w));
                        let after = list
                            .iter()
                            .position(|&x| x > end)
                            .unwrap_or(list.len())
                            .max(k + 1);
                        if seq(cx, rest, list, after, next_adj, st) {
                            return true;
                        }
                    }
                }
                st.reset(saved);
            }
            false
        }
    }
}

/// The head of the noun phrase word `w` ends: `w` itself, or, for a conjunct right
/// after another conjunct of the same word with no conjunction or comma of its own,
/// the word they are conjuncts of (the parse split "death and injury toll" into three
/// conjuncts; "toll" ends the phrase "death and injury toll", where in "death and
/// injury total" parsed as "death" and "injury total" it ends "injury total").
fn phrase_head(tree: &Tree, w: usize) -> usize {
    match tree.head[w] {
        Some(x)
            if x < w
                && w > 0
                && tree.rel[w] == Rel::Conj
                && tree.rel[w - 1] == Rel::Conj
                && tree.head[w - 1] == Some(x)
                && !tree.children[w]
                    .iter()
                    .any(|&c| c < w && matches!(tree.rel[c], Rel::Cc | Rel::Punct)) =>
        {
            x
        }
        _ => w,
    }
}

/// Positions to try for the next element.
fn candidates(list: &[usize], pos: usize, adjacent: bool) -> Range<usize> {
    if pos >= list.len() {
        return 0..0;
    }
    if adjacent {
        pos..pos + 1
    } else {
        pos..list.len()
    }
}

/// Matches a one-word element (word, synset of one-word members) on word `w`.
fn single(cx: &Ctx<'_>, e: &Elem, w: usize, st: &mut PatMatch) -> bool {
    match &e.item {
        Item::Word(wd) => {
            let ok = word_is(cx, w, wd, e.joined);
            if ok {
                st.score += 1;
                st.words.push(w);
            }
            ok
        }
        Item::Synset(name) => {
            let Some((syn, may)) = cx.synset_members(name) else {
                return false;
            };
            syn.members
                .iter()
                .enumerate()
                .any(|(i, m)| m.elems.len() == 1 && may(i) && single(cx, &m.elems[0], w, st))
        }
        Item::Alternatives(a) => a.iter().any(|x| x.len() == 1 && single(cx, &x[0], w, st)),
        Item::Source | Item::Target => match (cx.actor_at)(w) {
            Some(h) => {
                if matches!(e.item, Item::Target) {
                    st.target = Some(h);
                } else {
                    st.source = Some(h);
                }
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// Matches a synset member or alternative (its words adjacent) from `pos`; returns the
/// position after it.
/// Most words that may stand between two words of a synset member written with a space.
const MEMBER_GAP: usize = 3;

fn member(
    cx: &Ctx<'_>,
    elems: &[Elem],
    list: &[usize],
    pos: usize,
    adjacent: bool,
    st: &mut PatMatch,
) -> Option<usize> {
    let Some(first) = elems.first() else {
        return Some(pos);
    };
    if elems.len() == 1 && !matches!(first.item, Item::Word(_)) {
        // Nested synset or phrase: match it as a sequence and find where it ended.
        let saved = st.mark();
        if seq(cx, elems, list, pos, adjacent, st) {
            let end = st.words[saved.words..]
                .iter()
                .max()
                .map(|&m| list.iter().position(|&x| x > m).unwrap_or(list.len()));
            return Some(end.unwrap_or(pos));
        }
        st.reset(saved);
        return None;
    }
    let saved = st.mark();
    for k in candidates(list, pos, adjacent) {
        let mut ok = true;
        let mut at = k;
        for (i, e) in elems.iter().enumerate() {
            if at >= list.len() {
                ok = false;
                break;
            }
            if single(cx, e, list[at], st) {
                at += 1;
                continue;
            }
            // TABARI: a space (not `_`) before this word lets a few words stand between.
            if cx.tabari_own && i > 0 && !elems[i - 1].joined {
                let gap = (at + 1..(at + 1 + MEMBER_GAP).min(list.len()))
                    .find(|&g| single(cx, e, list[g], st));
                if let Some(g) = gap {
                    at = g + 1;
                    continue;
                }
            }
            // "DIDN'T" against the tokens "did" "n't".
            let width = match &e.item {
                Item::Word(wd) => split_width(cx, list, at, wd),
                _ => 0,
            };
            if width == 0 {
                ok = false;
                break;
            }
            st.score += 1;
            st.words.extend(&list[at..at + width]);
            at += width;
        }
        if ok {
            return Some(at);
        }
        st.reset(saved);
    }
    None
}

/// A dictionary word our tokenizer split ("DIDN'T" → "did" "n't", "CEASE-FIRE" →
/// "cease" "-" "fire"): how many adjacent words from `list[k]` spell it (0: none).
fn split_width(cx: &Ctx<'_>, list: &[usize], k: usize, lit: &str) -> usize {
    // Walks `lit` word by word; no string is built (this runs for every literal tried).
    // A word with no word glued after it spells no split word: the common case, decided
    // without comparing text.
    if k + 1 >= list.len() || !cx.tree.glued.get(list[k]).copied().unwrap_or(false) {
        return 0;
    }
    let mut rest = lit;
    for (j, &w) in list.iter().enumerate().skip(k).take(4) {
        if j > k
            && (w != list[j - 1] + 1 || !cx.tree.glued.get(list[j - 1]).copied().unwrap_or(false))
        {
            return 0;
        }
        let f = cx.tree.upper[w].as_str();
        if !starts(rest, f) {
            return 0;
        }
        let Some(r) = rest.get(f.len()..) else {
            return 0;
        };
        if r.is_empty() {
            return if j > k { j - k + 1 } else { 0 };
        }
        rest = r;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-sentence tree of these (form, lemma) words, no parse.
    fn tree(words: &[(&str, &str)]) -> Tree {
        let mut text = String::from("# text = x\n");
        for (i, (f, l)) in words.iter().enumerate() {
            text.push_str(&format!("{}\t{f}\t{l}\tX\tX\t_\t0\tdep\t_\t_\n", i + 1));
        }
        let (sentences, _) = dyad_conllu::parse(&text);
        let s = sentences.first().expect("one sentence");
        Tree::new(&crate::parsed::ParsedSentence::from_conllu(s, 0), &|_| {
            false
        })
    }

    #[test]
    fn the_first_letters_filter_never_rules_out_a_literal_that_is_there() {
        let words = [
            ("Gondor", "Gondor"),
            ("a", "a"),
            ("resolutions", "resolution"),
            ("anti-", "anti-"),
            ("I", "I"),
            ("met", "meet"),
        ];
        let t = tree(&words);
        let list: Vec<usize> = (0..words.len()).collect();
        let letters = Letters::of_words(&t, list.iter().copied());
        let file = VerbFile {
            file: 0,
            style: dyad_dict::VerbStyle::Tabari,
            stemmed: true,
            synsets: Vec::new(),
            families: Vec::new(),
            transformations: Vec::new(),
            time: Vec::new(),
        };
        let synsets = HashMap::new();
        let cx = Ctx {
            tree: &t,
            file: &file,
            actor_at: &|_| None,
            budget: std::cell::Cell::new(0),
            stems: true,
            tabari_own: true,
            synsets: &synsets,
            member_keys: &[],
            letters,
        };
        // (literal, present): forms, lemmas, stems, `~` stems, a split word's start,
        // one-letter words and literals, and literals that are absent.
        let cases = [
            ("GONDOR", true),
            ("GON", true),
            // A literal that a word starts (the word may be split from the next).
            ("GONDORIAN", true),
            ("A", true),
            ("AN", true),
            ("A~", true),
            ("RESOLUTION", true),
            ("RESOLUT~", true),
            ("ANTI-GONDOR", true),
            ("I", true),
            ("IN", true),
            ("MEET", true),
            ("MET", true),
            ("MEETING", false),
            ("ZEBRA", false),
            ("Q", false),
            ("~", false),
        ];
        for (lit, want) in cases {
            let found = literal_present(&cx, lit, &list);
            assert_eq!(found, want, "{lit}");
            // The filter is a necessary condition: it lets every present literal through.
            if found {
                assert!(letters.may_hold(Key::of(lit)), "{lit}");
            }
        }
        // And it rules out what no word starts like.
        assert!(!letters.may_hold(Key::of("ZEBRA")));
        assert!(!letters.may_hold(Key::of("Q")));
    }
}
