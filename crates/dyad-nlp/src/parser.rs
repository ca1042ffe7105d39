//! Labelled dependency parser: arc-hybrid transitions scored by an averaged perceptron,
//! trained greedily with the dynamic oracle of Goldberg & Nivre (2013). Each transition
//! that builds an arc also chooses its label (joint labelled transitions). It parses
//! greedily (the default: fastest), or with a selective beam (`--accurate`): greedy where
//! one transition clearly wins, and where others score close, several configurations are
//! followed until the words after them decide (see [`Selective`]).
//!
//! The stack starts with the artificial root; `SHIFT` moves the next buffer word onto the
//! stack, `LEFT` makes the buffer front the head of the stack top, `RIGHT` makes the
//! second stack item the head of the top. Attaching to the root is only allowed as the
//! very last transition, so every parse has exactly one root word. A sentence of `n`
//! words takes exactly `2n` transitions, each costing constant time: parsing is linear.

use crate::feat::{f1, f2, f3, hash_str, mix, norm};
use crate::perceptron::{put_names, put_u32, Model, Reader, Trainer};
use crate::supertag::Supertagger;
use crate::wordclass::{Kind, WordClasses};

/// Transition ids.
pub const SHIFT: usize = 0;
/// Buffer front becomes head of stack top.
pub const LEFT: usize = 1;
/// Second stack item becomes head of stack top.
pub const RIGHT: usize = 2;

const NONE: u64 = 0x0dd;
const NO_WORD: usize = usize::MAX;
/// The features' stand-in for a position with no word.
const NO_NODE: Node = Node {
    w: NONE,
    t: NONE,
    c: NONE,
    u: NONE,
    s: NONE,
};

/// How [`Parser::parse`] searches for a transition sequence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Search {
    /// The best-scoring transition at each step.
    Greedy,
    /// Greedy where the model is sure, a small beam where it is not.
    Selective(Selective),
}

/// The selective beam of the accurate setting (`--accurate`). Chosen on the EWT + GUM dev
/// files with `nlp tune-search` (see models/README.md): width 4 and margin 2 for the plain
/// parser (dev LAS 83.65 against 82.58 greedy, at 2.4 times the speed of the globally
/// trained beam parser it replaced); temperature 20 for the parser with supertags shipped
/// on 2026-11-27 (dev LAS 84.36 against 84.19 at 25 and 83.52 greedy). The temperature is
/// in the model's score units: a parser retrained with other features or epochs may want
/// it tuned again.
pub const ACCURATE_SEARCH: Selective = Selective {
    width: 4,
    temperature: 20.0,
    margin: 2.0,
};

/// A selective beam. The perceptron's raw scores are not comparable across
/// configurations (it was trained on one decision at a time), so each step's scores are
/// turned into log-probabilities by a softmax at `temperature`, and a sequence is scored
/// by their sum. A configuration is kept only while its sum is within `margin` of the best
/// one's (and among the `width` best), so where one transition clearly wins (most steps)
/// the parser stays greedy and costs what the greedy parser costs; where two are close,
/// both are followed until the words after them decide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Selective {
    /// At most this many configurations at once.
    pub width: usize,
    /// Softmax temperature, in score units.
    pub temperature: f32,
    /// How far below the best sequence's log-probability another may stay in the beam.
    pub margin: f32,
}

/// The trained parser.
#[derive(Debug, Clone)]
pub struct Parser {
    /// Label id → dependency relation.
    pub labels: Vec<String>,
    /// Scores the classes `SHIFT`, then `LEFT`/`RIGHT` for each label (see [`class_move`]).
    pub(crate) model: Model,
    /// Feature templates left out (bit `k`: the `k`-th template of [`features`]), chosen
    /// at training time; stored with the model so training and parsing always agree.
    pub(crate) skip: u128,
    /// How it parses: greedily as read from a file (see [`Parser::with_search`]).
    pub(crate) search: Search,
    /// Word classes of forms (WordNet supersenses), for the class templates; empty in a
    /// parser trained without them (every word's class is then its tag).
    pub(crate) classes: WordClasses,
    /// What each tag class id of the tagger it was trained with is, for [`Self::classes`].
    pub(crate) kinds: Vec<Kind>,
    /// The universal tag (number in [`UPOS`]) of each tag id of its tagger, for the coarse
    /// templates; empty in a parser trained without them.
    pub(crate) coarse: Vec<u8>,
    /// Predicts each word's supertag for the supertag templates; run on the nodes before
    /// every parse (see [`set_supertags`]).
    pub(crate) supertagger: Option<Box<Supertagger>>,
}

/// The move of a joint class: 0 is `SHIFT`, odd classes `LEFT`, even ones `RIGHT`.
pub fn class_move(c: usize) -> usize {
    if c == 0 {
        SHIFT
    } else if c % 2 == 1 {
        LEFT
    } else {
        RIGHT
    }
}

/// The label id of a joint class (0 for `SHIFT`).
pub fn class_label(c: usize) -> u8 {
    (c.saturating_sub(1) / 2).min(255) as u8
}

/// Number of joint classes for `nlabels` labels.
pub fn nclasses(nlabels: usize) -> usize {
    1 + 2 * nlabels
}

/// Parser input for one word: its form hash and tag class.
#[derive(Debug, Clone, Copy)]
pub struct Node {
    /// Hash of the normalised form.
    pub w: u64,
    /// Tag class id (from the tagger).
    pub t: u64,
    /// Word class: its WordNet lexicographer file (`0x1000` + its number) where it has
    /// one, else its tag. Set by the parser from its own table ([`set_classes`]).
    pub c: u64,
    /// Universal part of speech of its tag (`0x3000` + its number in [`UPOS`]), for the
    /// coarse templates; its tag in a parser without them. Set by the parser
    /// ([`set_coarse`]).
    pub u: u64,
    /// Supertag (`0x4000` + class of the parser's supertagger: the word's relation and
    /// the side of its head); its tag in a parser without one ([`set_supertags`]).
    pub s: u64,
}

impl Node {
    /// A node from a form and the tagger's class for it.
    pub fn new(form: &str, tag: u8) -> Node {
        Node::from_hash(hash_str(&norm(form)), tag)
    }

    /// A node from the hash of a normalised form and the tagger's class for it.
    pub fn from_hash(w: u64, tag: u8) -> Node {
        let t = u64::from(tag);
        Node {
            w,
            t,
            c: t,
            u: t,
            s: t,
        }
    }
}

/// Sets the word class [`Node::c`] of each node: the class of its form read as its tag's
/// kind (`kinds`, by tag id), or its tag.
pub(crate) fn set_classes(classes: &WordClasses, kinds: &[Kind], nodes: &mut [Node]) {
    for n in nodes {
        let kind = usize::try_from(n.t)
            .ok()
            .and_then(|t| kinds.get(t))
            .copied()
            .unwrap_or(Kind::Other);
        n.c = classes
            .class(n.w, kind)
            .map_or(n.t, |c| 0x1000 + u64::from(c));
    }
}

/// The universal part-of-speech tags, numbered for the coarse templates (any other: 17).
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// The number in [`UPOS`] of a universal tag (17 for an unknown one).
pub fn upos_number(upos: &str) -> u8 {
    UPOS.iter().position(|u| *u == upos).unwrap_or(UPOS.len()) as u8
}

/// Sets the coarse tag [`Node::u`] of each node from `coarse` (by tag id).
pub(crate) fn set_coarse(coarse: &[u8], nodes: &mut [Node]) {
    for n in nodes {
        n.u = usize::try_from(n.t)
            .ok()
            .and_then(|t| coarse.get(t))
            .map_or(n.t, |u| 0x3000 + u64::from(*u));
    }
}

/// Sets the supertag [`Node::s`] of each node from its supertagger class id.
pub(crate) fn set_supertags(classes: &[u8], nodes: &mut [Node]) {
    for (n, c) in nodes.iter_mut().zip(classes) {
        n.s = 0x4000 + u64::from(*c);
    }
}

/// A parser configuration. Index 0 is the root; words are 1..=n.
#[derive(Clone)]
pub(crate) struct State {
    pub(crate) stack: Vec<usize>,
    pub(crate) b: usize,
    n: usize,
    pub(crate) heads: Vec<usize>,
    pub(crate) labels: Vec<u8>,
    lc1: Vec<usize>,
    lc2: Vec<usize>,
    rc1: Vec<usize>,
    rc2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    pub(crate) fn new(n: usize) -> State {
        let mut stack = Vec::with_capacity(n + 1);
        stack.push(0);
        State {
            stack,
            b: 1,
            n,
            heads: vec![NO_WORD; n + 1],
            labels: vec![0; n + 1],
            lc1: vec![NO_WORD; n + 1],
            lc2: vec![NO_WORD; n + 1],
            rc1: vec![NO_WORD; n + 1],
            rc2: vec![NO_WORD; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    pub(crate) fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() <= 1
    }

    pub(crate) fn legal(&self, m: usize) -> bool {
        let sl = self.stack.len();
        let buf = self.b <= self.n;
        match m {
            SHIFT => buf,
            LEFT => sl >= 2 && buf,
            RIGHT => sl >= 3 || (sl == 2 && !buf),
            _ => false,
        }
    }

    /// Which moves are legal, indexed by move. Legality depends only on the move: decided
    /// three times, not once per class.
    pub(crate) fn legal_moves(&self) -> [bool; 3] {
        [self.legal(SHIFT), self.legal(LEFT), self.legal(RIGHT)]
    }

    fn s(&self, i: usize) -> usize {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i]
        } else {
            NO_WORD
        }
    }

    /// The arc a move would add, as (head, dependent).
    pub(crate) fn arc(&self, m: usize) -> Option<(usize, usize)> {
        match m {
            LEFT => Some((self.b, self.s(0))),
            RIGHT => Some((self.s(1), self.s(0))),
            _ => None,
        }
    }

    pub(crate) fn apply(&mut self, m: usize, label: u8) {
        match m {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            LEFT | RIGHT => {
                let Some((h, d)) = self.arc(m) else { return };
                self.stack.pop();
                self.heads[d] = h;
                self.labels[d] = label;
                let bit = 1u64 << (label % 64);
                if d < h {
                    // d is a new leftmost child of h (arcs are built inside-out).
                    self.lc2[h] = self.lc1[h];
                    self.lc1[h] = d;
                    self.nl[h] = self.nl[h].saturating_add(1);
                    self.lset[h] |= bit;
                } else {
                    self.rc2[h] = self.rc1[h];
                    self.rc1[h] = d;
                    self.nr[h] = self.nr[h].saturating_add(1);
                    self.rset[h] |= bit;
                }
            }
            _ => {}
        }
    }

    /// Dynamic-oracle cost of move `m` against gold heads `g` (index 0 unused).
    pub(crate) fn cost(&self, m: usize, g: &[usize]) -> usize {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let deps_in_buffer = |x: usize| (self.b..=self.n).filter(|&k| g[k] == x).count();
        match m {
            LEFT => {
                let h = g[s0];
                deps_in_buffer(s0)
                    + usize::from((s1 != NO_WORD && h == s1) || (h > self.b && h <= self.n))
            }
            RIGHT => {
                let h = g[s0];
                deps_in_buffer(s0) + usize::from(h >= self.b && h <= self.n)
            }
            SHIFT => {
                let b0 = self.b;
                let mut c = 0;
                for &k in &self.stack {
                    if k != 0 && g[k] == b0 {
                        c += 1;
                    }
                    if g[b0] == k && k != s0 {
                        c += 1;
                    }
                }
                c
            }
            _ => usize::MAX,
        }
    }
}

/// Extracts the move features of a configuration, leaving out the templates in `skip`.
pub(crate) fn features(st: &State, nodes: &[Node], skip: u128, out: &mut Vec<u64>) {
    out.clear();
    let root = Node {
        w: 0x2007,
        t: 0x2007,
        c: 0x2007,
        u: 0x2007,
        s: 0x2007,
    };
    let node = |i: usize| -> Node {
        if i == NO_WORD {
            NO_NODE
        } else if i == 0 {
            root
        } else {
            nodes.get(i - 1).copied().unwrap_or(NO_NODE)
        }
    };
    let lab = |i: usize| -> u64 {
        if i == NO_WORD {
            NONE
        } else {
            u64::from(st.labels[i])
        }
    };
    let get = |v: &Vec<usize>, i: usize| -> usize {
        if i == NO_WORD {
            NO_WORD
        } else {
            v[i]
        }
    };
    let s0i = st.s(0);
    let s1i = st.s(1);
    let s2i = st.s(2);
    let b0i = if st.b <= st.n { st.b } else { NO_WORD };
    let b1i = if st.b < st.n { st.b + 1 } else { NO_WORD };
    let b2i = if st.b + 1 < st.n { st.b + 2 } else { NO_WORD };
    let (s0, s1, s2, b0, b1, b2) = (
        node(s0i),
        node(s1i),
        node(s2i),
        node(b0i),
        node(b1i),
        node(b2i),
    );
    let s0l1 = get(&st.lc1, s0i);
    let s0l2 = get(&st.lc2, s0i);
    let s0r1 = get(&st.rc1, s0i);
    let s0r2 = get(&st.rc2, s0i);
    let b0l1 = get(&st.lc1, b0i);
    let b0l2 = get(&st.lc2, b0i);
    let s1l1 = get(&st.lc1, s1i);
    let s1r1 = get(&st.rc1, s1i);
    let (s0l1n, s0l2n, s0r1n, s0r2n, b0l1n, b0l2n, s1r1n, s1l1n) = (
        node(s0l1),
        node(s0l2),
        node(s0r1),
        node(s0r2),
        node(b0l1),
        node(b0l2),
        node(s1r1),
        node(s1l1),
    );
    let dist = |a: usize, b: usize| -> u64 {
        if a == NO_WORD || b == NO_WORD || a == 0 {
            NONE
        } else {
            (b.abs_diff(a)).min(6) as u64
        }
    };
    let d0 = dist(s0i, b0i);
    let d1 = dist(s1i, s0i);
    let val = |v: &Vec<u8>, i: usize| -> u64 {
        if i == NO_WORD {
            NONE
        } else {
            u64::from(v[i].min(4))
        }
    };
    let set = |v: &Vec<u64>, i: usize| -> u64 {
        if i == NO_WORD {
            NONE
        } else {
            v[i]
        }
    };
    let wt = |n: Node| mix(n.w, n.t);
    // The template position: its bit in `skip`, and part of its features' keys.
    let t = std::cell::Cell::new(0u64);
    let mut p = |v: u64| {
        let k = t.get();
        if k >= 128 || skip & (1u128 << k) == 0 {
            out.push(mix(k, v));
        }
        t.set(k + 1);
    };
    p(0);
    // Unigrams.
    p(s0.w);
    p(s0.t);
    p(wt(s0));
    p(s1.w);
    p(s1.t);
    p(wt(s1));
    p(b0.w);
    p(b0.t);
    p(wt(b0));
    p(b1.w);
    p(b1.t);
    p(wt(b1));
    p(b2.t);
    p(s2.t);
    // Pairs.
    p(f2(1, wt(s0), wt(b0)));
    p(f2(2, wt(s0), b0.w));
    p(f2(3, s0.w, wt(b0)));
    p(f2(4, wt(s0), b0.t));
    p(f2(5, s0.t, wt(b0)));
    p(f2(6, s0.w, b0.w));
    p(f2(7, s0.t, b0.t));
    p(f2(8, b0.t, b1.t));
    p(f2(9, wt(s1), wt(s0)));
    p(f2(10, s1.w, s0.w));
    p(f2(11, s1.t, s0.t));
    p(f2(12, s1.t, s0.w));
    p(f2(13, s1.w, s0.t));
    p(f2(14, s1.t, b0.t));
    p(f2(15, s1.w, b0.w));
    // Triples of tags.
    p(f3(20, b0.t, b1.t, b2.t));
    p(f3(21, s0.t, b0.t, b1.t));
    p(f3(22, s1.t, s0.t, b0.t));
    p(f3(23, s0.t, s0l1n.t, b0.t));
    p(f3(24, s0.t, s0r1n.t, b0.t));
    p(f3(25, s0.t, b0.t, b0l1n.t));
    p(f3(26, s1.t, s0.t, s0l1n.t));
    p(f3(27, s1.t, s0.t, s0r1n.t));
    p(f3(28, s1.t, s1r1n.t, s0.t));
    p(f3(29, s2.t, s1.t, s0.t));
    p(f3(30, s1.t, s1l1n.t, s0.t));
    // Distance.
    p(f2(40, s0.w, d0));
    p(f2(41, s0.t, d0));
    p(f2(42, b0.w, d0));
    p(f2(43, b0.t, d0));
    p(f3(44, s0.w, b0.w, d0));
    p(f3(45, s0.t, b0.t, d0));
    p(f3(46, s1.t, s0.t, d1));
    p(f3(47, s1.w, s0.w, d1));
    // Valency.
    p(f2(50, s0.w, val(&st.nr, s0i)));
    p(f2(51, s0.t, val(&st.nr, s0i)));
    p(f2(52, s0.w, val(&st.nl, s0i)));
    p(f2(53, s0.t, val(&st.nl, s0i)));
    p(f2(54, b0.w, val(&st.nl, b0i)));
    p(f2(55, b0.t, val(&st.nl, b0i)));
    p(f2(56, s1.t, val(&st.nr, s1i)));
    // Children: words, tags, labels.
    p(f1(60, s0l1n.w));
    p(f1(61, s0l1n.t));
    p(f1(62, lab(s0l1)));
    p(f1(63, s0r1n.w));
    p(f1(64, s0r1n.t));
    p(f1(65, lab(s0r1)));
    p(f1(66, b0l1n.w));
    p(f1(67, b0l1n.t));
    p(f1(68, lab(b0l1)));
    p(f1(69, s0l2n.t));
    p(f1(70, lab(s0l2)));
    p(f1(71, s0r2n.t));
    p(f1(72, lab(s0r2)));
    p(f1(73, b0l2n.t));
    p(f1(74, lab(b0l2)));
    p(f3(75, s0.t, s0l1n.t, s0l2n.t));
    p(f3(76, s0.t, s0r1n.t, s0r2n.t));
    p(f3(77, b0.t, b0l1n.t, b0l2n.t));
    p(f2(78, s1.t, lab(s1r1)));
    p(f2(79, s1.t, lab(s1l1)));
    // Label sets.
    p(f2(80, s0.w, set(&st.rset, s0i)));
    p(f2(81, s0.t, set(&st.rset, s0i)));
    p(f2(82, s0.w, set(&st.lset, s0i)));
    p(f2(83, s0.t, set(&st.lset, s0i)));
    p(f2(84, b0.w, set(&st.lset, b0i)));
    p(f2(85, b0.t, set(&st.lset, b0i)));
    p(f2(86, s1.t, set(&st.lset, s1i)));
    // Label-conditioned pairs.
    p(f3(90, s0.t, lab(s0l1), b0.t));
    p(f3(91, s0.t, b0.t, lab(b0l1)));
    p(f3(92, s1.t, s0.t, lab(s0l1)));
    // Word classes (WordNet supersenses, else tags): what a word means, for words the
    // treebanks barely show. 102 and 103 are prepositional attachment: the classes of a
    // candidate head and of the noun, with its preposition (b0's left child). They come
    // after the others, so a parser without classes (all five left out) skips hashing them.
    if skip & class_template_mask() != class_template_mask() {
        p(f2(100, s0.c, b0.c));
        p(f2(101, s1.c, s0.c));
        p(f3(102, s0.c, b0.c, b0l1n.w));
        p(f3(103, s1.c, b0.c, b0l1n.w));
        p(f2(105, b0.c, b1.c));
    } else {
        t.set(t.get() + CLASS_TEMPLATES.len() as u64);
    }
    // Coarse tags (the 17 universal ones): triples of the tagger's ~100 classes are mostly
    // rare; the same triples over universal tags are seen often enough to learn.
    if skip & coarse_template_mask() != coarse_template_mask() {
        p(f3(110, s0.u, b0.u, b1.u));
        p(f3(111, s1.u, s0.u, b0.u));
        p(f3(112, s2.u, s1.u, s0.u));
        p(f3(113, b0.u, b1.u, b2.u));
        p(f3(114, s0.u, s0l1n.u, b0.u));
        p(f3(115, s0.u, s0r1n.u, b0.u));
        p(f3(116, s0.u, b0.u, b0l1n.u));
        p(mix(f3(117, s0.u, lab(s0l1), b0.u), d0));
    } else {
        t.set(t.get() + COARSE_TEMPLATES.len() as u64);
    }
    // Supertags: each word's relation and the side of its head, predicted from the words
    // around it (both sides) before parsing: what the words to the right say about the
    // attachments to be made now.
    if skip & supertag_template_mask() != supertag_template_mask() {
        p(f1(120, s0.s));
        p(f1(121, b0.s));
        p(f1(122, s1.s));
        p(f1(123, b1.s));
        p(f2(124, s0.s, b0.s));
        p(f2(125, s1.s, s0.s));
        p(f2(126, b0.s, b1.s));
        p(f3(127, s0.s, b0.s, b1.s));
        p(f3(128, s1.s, s0.s, b0.s));
        p(f1(129, b2.s));
    } else {
        t.set(t.get() + SUPERTAG_TEMPLATES.len() as u64);
    }
}

/// The skip mask (see [`Parser::skipped`]) that leaves out templates `ks`; numbers of
/// 128 and more have no bit and are ignored.
pub fn skip_mask(ks: impl IntoIterator<Item = u32>) -> u128 {
    ks.into_iter()
        .filter(|k| *k < 128)
        .fold(0, |m, k| m | (1u128 << k))
}

/// Positions (in [`features`]) of the word-class templates, which only a parser with a
/// word-class table scores.
pub const CLASS_TEMPLATES: [u32; 5] = [86, 87, 88, 89, 90];

/// Positions (in [`features`]) of the coarse-tag templates, which only a parser with a
/// coarse tag table scores.
pub const COARSE_TEMPLATES: [u32; 8] = [91, 92, 93, 94, 95, 96, 97, 98];

/// Positions (in [`features`]) of the supertag templates, which only a parser with a
/// supertagger scores.
pub const SUPERTAG_TEMPLATES: [u32; 10] = [99, 100, 101, 102, 103, 104, 105, 106, 107, 108];

/// The skip mask of the supertag templates.
pub fn supertag_template_mask() -> u128 {
    skip_mask(SUPERTAG_TEMPLATES)
}

/// The skip mask of the coarse-tag templates.
pub fn coarse_template_mask() -> u128 {
    skip_mask(COARSE_TEMPLATES)
}

/// The skip mask of the templates of the parts a parser lacks: word classes, coarse tags,
/// a supertagger. Such a parser never scores them; [`Parser::read`] adds them to its mask
/// and [`Parser::write`] leaves them out of the file.
pub(crate) fn missing_parts_mask(
    classes: &WordClasses,
    coarse: &[u8],
    supertagger: Option<&Supertagger>,
) -> u128 {
    let mut m = 0;
    if classes.is_empty() {
        m |= class_template_mask();
    }
    if coarse.is_empty() {
        m |= coarse_template_mask();
    }
    if supertagger.is_none() {
        m |= supertag_template_mask();
    }
    m
}

/// The skip mask of the word-class templates.
pub fn class_template_mask() -> u128 {
    skip_mask(CLASS_TEMPLATES)
}

/// The number of feature templates (the bits of [`Parser::skipped`] that mean something).
pub fn template_count() -> u32 {
    let nodes = [Node::new("a", 1), Node::new("b", 2)];
    let mut st = State::new(2);
    st.apply(SHIFT, 0);
    let mut out = Vec::new();
    features(&st, &nodes, 0, &mut out);
    out.len() as u32
}

impl Parser {
    /// Parses one sentence: returns (head, label id) per word; head 0 is the root.
    pub fn parse(&self, nodes: &[Node]) -> Vec<(usize, u8)> {
        match self.search {
            Search::Greedy => self.parse_greedy(nodes),
            Search::Selective(s) => self.parse_selective(nodes, s),
        }
    }

    /// The nodes with their word classes set from this parser's table (as they are for a
    /// parser without one: its class templates are left out).
    fn classed<'a>(&self, nodes: &'a [Node]) -> std::borrow::Cow<'a, [Node]> {
        if self.classes.is_empty() && self.coarse.is_empty() && self.supertagger.is_none() {
            return std::borrow::Cow::Borrowed(nodes);
        }
        let mut v = nodes.to_vec();
        if !self.classes.is_empty() {
            set_classes(&self.classes, &self.kinds, &mut v);
        }
        if !self.coarse.is_empty() {
            set_coarse(&self.coarse, &mut v);
        }
        if let Some(st) = &self.supertagger {
            set_supertags(&st.tag(&v), &mut v);
        }
        std::borrow::Cow::Owned(v)
    }

    /// The supertagger whose supertags the supertag templates read, if it has one.
    pub fn supertagger(&self) -> Option<&Supertagger> {
        self.supertagger.as_deref()
    }

    /// Forms with a word class in this parser's table (0: trained without classes).
    pub fn word_classes(&self) -> usize {
        self.classes.len()
    }

    /// How [`Parser::parse`] searches.
    pub fn search(&self) -> Search {
        self.search
    }

    /// The same model searching another way.
    pub fn with_search(&self, search: Search) -> Parser {
        Parser {
            search,
            ..self.clone()
        }
    }

    /// The feature templates left out (bit `k`: the `k`-th template of the feature
    /// extractor).
    pub fn skipped(&self) -> u128 {
        self.skip
    }

    /// The same model with other templates left out at parse time, to measure what each
    /// adds (`nlp ablate`); a template's weights stay in the model.
    pub fn with_skipped(&self, skip: u128) -> Parser {
        Parser {
            skip,
            ..self.clone()
        }
    }

    /// Parses one sentence greedily: the best-scoring legal transition at each step.
    pub fn parse_greedy(&self, nodes: &[Node]) -> Vec<(usize, u8)> {
        let nodes = &self.classed(nodes);
        let n = nodes.len();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(128);
        let mut scores = Vec::new();
        // 2n transitions exactly; the bound is a guard against any logic slip.
        for _ in 0..(2 * n + 2) {
            if st.terminal() {
                break;
            }
            if st.stack.len() == 1 {
                // Only SHIFT is legal: no need to score.
                st.apply(SHIFT, 0);
                continue;
            }
            features(&st, nodes, self.skip, &mut feats);
            self.model.score(&feats, &mut scores);
            let Some((best, _)) = best_legal(&scores, st.legal_moves()) else {
                break;
            };
            st.apply(class_move(best), class_label(best));
        }
        arcs(&st)
    }

    /// Parses one sentence with a selective beam (see [`Selective`]). With a width of 1 or
    /// a margin of 0 this is the greedy parse.
    pub fn parse_selective(&self, nodes: &[Node], sel: Selective) -> Vec<(usize, u8)> {
        let nodes = &self.classed(nodes);
        let n = nodes.len();
        let width = sel.width.max(1);
        let temp = sel.temperature.max(f32::MIN_POSITIVE);
        // Two transitions of one configuration differ in log-probability by their score
        // difference over the temperature.
        let close = sel.margin * temp;
        let mut items: Vec<(State, f32)> = vec![(State::new(n), 0.0)];
        let mut next: Vec<(State, f32)> = Vec::with_capacity(width);
        let mut feats = Vec::with_capacity(128);
        let mut scores = Vec::new();
        // (summed log-probability, item, class)
        let mut cands: Vec<(f32, usize, usize)> = Vec::with_capacity(width + 1);
        for _ in 0..(2 * n + 2) {
            cands.clear();
            let alone = items.len() == 1;
            for (bi, (st, total)) in items.iter().enumerate() {
                if st.terminal() {
                    continue;
                }
                if st.stack.len() == 1 {
                    // Only SHIFT is legal: probability 1, no need to score.
                    push_top(&mut cands, width, (*total, bi, SHIFT));
                    continue;
                }
                features(st, nodes, self.skip, &mut feats);
                self.model.score(&feats, &mut scores);
                let legal = st.legal_moves();
                let Some((best, mx)) = best_legal(&scores, legal) else {
                    continue;
                };
                // The transitions worth following: the best, and those of another move
                // that score close to it. Another label for the best move's arc is not
                // followed: the label barely changes what comes next (on dev, following
                // those too moved LAS by 0.02 at most, for more configurations scored).
                let worth = |c: usize, v: f32| {
                    c == best
                        || (legal[class_move(c)]
                            && class_move(c) != class_move(best)
                            && v >= mx - close)
                };
                if alone {
                    let near = scores.iter().enumerate().filter(|(c, v)| worth(*c, **v));
                    if width == 1 || near.count() == 1 {
                        // The usual step: one transition clearly best, no probabilities
                        // needed.
                        push_top(&mut cands, width, (*total, bi, best));
                        continue;
                    }
                }
                // Classes 20 temperatures below the best add under e^-20 each: nothing
                // to the sum at f32 precision, and no exponential to compute.
                let far = mx - 20.0 * temp;
                let z: f32 = scores
                    .iter()
                    .enumerate()
                    .filter(|(c, v)| **v > far && legal[class_move(*c)])
                    .map(|(_, v)| ((v - mx) / temp).exp())
                    .sum();
                let base = total - z.ln();
                for (c, v) in scores.iter().enumerate() {
                    if worth(c, *v) {
                        push_top(&mut cands, width, (base + (v - mx) / temp, bi, c));
                    }
                }
            }
            let Some(&(top, _, _)) = cands.first() else {
                break;
            };
            cands.retain(|c| c.0 >= top - sel.margin);
            if let ([(st, total)], [(v, 0, c)]) = (items.as_mut_slice(), cands.as_slice()) {
                // Still one configuration: move it in place.
                st.apply(class_move(*c), class_label(*c));
                *total = *v;
                continue;
            }
            next.truncate(cands.len());
            for (i, &(v, bi, c)) in cands.iter().enumerate() {
                if let Some(slot) = next.get_mut(i) {
                    slot.0.clone_from(&items[bi].0);
                    slot.1 = v;
                } else {
                    next.push((items[bi].0.clone(), v));
                }
                next[i].0.apply(class_move(c), class_label(c));
            }
            std::mem::swap(&mut items, &mut next);
        }
        items
            .first()
            .map_or_else(|| vec![(0, 0); n], |(st, _)| arcs(st))
    }

    /// The underlying perceptron.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The relation name of a label id.
    pub fn label(&self, l: u8) -> &str {
        self.labels
            .get(usize::from(l))
            .map_or("dep", |s| s.as_str())
    }

    /// Serialises the parser (the model; not how it searches).
    pub fn write(&self, out: &mut Vec<u8>) {
        // DPR2 is DPR1 with the skipped-template mask (16 bytes) after the magic; DPR4 is
        // DPR2 with the word-class table after the mask: the kind of each tag id (a byte
        // each: 0 other, 1 noun, 2 verb), then the table.
        // The templates of a part the parser does not have are left out when it is read,
        // not recorded.
        let skip = self.skip
            & !missing_parts_mask(&self.classes, &self.coarse, self.supertagger.as_deref());
        // DPR5: DPR4 followed by the coarse tag table (a byte per tag id), then a byte 1
        // and the supertagger, or a byte 0.
        let dpr5 = !self.coarse.is_empty() || self.supertagger.is_some();
        if dpr5 || !self.classes.is_empty() || !self.kinds.is_empty() {
            out.extend_from_slice(if dpr5 { b"DPR5" } else { b"DPR4" });
            out.extend_from_slice(&skip.to_le_bytes());
            put_u32(out, self.kinds.len() as u32);
            out.extend(self.kinds.iter().map(|k| match k {
                Kind::Other => 0u8,
                Kind::Noun => 1,
                Kind::Verb => 2,
            }));
            self.classes.write(out);
            if dpr5 {
                put_u32(out, self.coarse.len() as u32);
                out.extend_from_slice(&self.coarse);
                match &self.supertagger {
                    Some(st) => {
                        out.push(1);
                        st.write(out);
                    }
                    None => out.push(0),
                }
            }
        } else {
            // So that such a parser writes the bytes it did before those templates existed.
            if skip == 0 {
                out.extend_from_slice(b"DPR1");
            } else {
                out.extend_from_slice(b"DPR2");
                out.extend_from_slice(&skip.to_le_bytes());
            }
        }
        put_names(out, &self.labels);
        self.model.write(out);
    }

    /// Reads a parser written by [`Parser::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Parser, String> {
        let (mut classes, mut kinds, mut coarse) = (WordClasses::default(), Vec::new(), Vec::new());
        let mut supertagger = None;
        let magic = r.bytes(4)?;
        let skip = match magic {
            b"DPR1" => 0,
            b"DPR2" => u128::from_le_bytes(r.array::<16>()?),
            b"DPR4" | b"DPR5" => {
                let skip = u128::from_le_bytes(r.array::<16>()?);
                let n = r.u32()? as usize;
                if n > 256 {
                    return Err("bad tag kind count".into());
                }
                for b in r.bytes(n)? {
                    kinds.push(match b {
                        0 => Kind::Other,
                        1 => Kind::Noun,
                        2 => Kind::Verb,
                        _ => return Err("bad tag kind".into()),
                    });
                }
                classes = WordClasses::read(r)?;
                if magic == b"DPR5" {
                    let n = r.u32()? as usize;
                    if n > 256 {
                        return Err("bad coarse tag count".into());
                    }
                    coarse = r.bytes(n)?.to_vec();
                    if coarse.iter().any(|u| usize::from(*u) > UPOS.len()) {
                        return Err("bad coarse tag".into());
                    }
                    if r.bytes(1)? == [1] {
                        supertagger = Some(Box::new(Supertagger::read(r)?));
                    }
                }
                skip
            }
            b"DPR3" => {
                return Err(
                    "a globally trained beam parser (parser-beam.bin of older dyad \
                            versions): no longer read; --accurate now searches parser.bin \
                            with a selective beam"
                        .into(),
                )
            }
            _ => return Err("not a dyad parser model".into()),
        };
        let labels = r.names("label")?;
        let n = labels.len();
        let model = Model::read(r)?;
        if model.nclasses() != nclasses(n) {
            return Err("parser model and label list disagree".into());
        }
        // A parser never scores the templates of a part it lacks.
        let skip = skip | missing_parts_mask(&classes, &coarse, supertagger.as_deref());
        Ok(Parser {
            labels,
            model,
            skip,
            search: Search::Greedy,
            classes,
            kinds,
            coarse,
            supertagger,
        })
    }
}

/// The best-scoring class whose move is `legal` (indexed by move), with its score; the
/// first on ties; `None` when no move is legal.
#[inline]
fn best_legal(scores: &[f32], legal: [bool; 3]) -> Option<(usize, f32)> {
    let mut best = None;
    for (c, v) in scores.iter().enumerate() {
        if legal[class_move(c)] && best.is_none_or(|(_, bv)| *v > bv) {
            best = Some((c, *v));
        }
    }
    best
}

/// The (head, label id) of every word of a final configuration; head 0 is the root, and a
/// word left without a head (only after a logic slip) is given to the root.
fn arcs(st: &State) -> Vec<(usize, u8)> {
    (1..st.heads.len())
        .map(|i| match st.heads[i] {
            NO_WORD => (0, 0),
            h => (h, st.labels[i]),
        })
        .collect()
}

/// One training pass over a sentence with the dynamic oracle. `gold_heads` and
/// `gold_labels` hold heads and label ids per word (index 0 unused). With `explore`, the
/// parser follows its own prediction even when it is wrong, so it learns to recover from
/// its mistakes. Returns the number of correct (head, label) attachments.
pub(crate) fn train_sentence(
    model: &mut Trainer,
    nodes: &[Node],
    gold_heads: &[usize],
    gold_labels: &[u8],
    explore: bool,
    skip: u128,
) -> usize {
    let n = nodes.len();
    let nc = model.nclasses();
    let mut st = State::new(n);
    let mut feats = Vec::with_capacity(128);
    let mut scores = vec![0f32; nc];
    let mut costs = vec![usize::MAX; nc];
    for _ in 0..(2 * n + 2) {
        if st.terminal() {
            break;
        }
        features(&st, nodes, skip, &mut feats);
        model.score(&feats, &mut scores);
        let mut move_cost = [usize::MAX; 3];
        for m in [SHIFT, LEFT, RIGHT] {
            if st.legal(m) {
                move_cost[m] = st.cost(m, gold_heads);
            }
        }
        for (c, cost) in costs.iter_mut().enumerate() {
            let m = class_move(c);
            *cost = move_cost[m];
            if *cost == usize::MAX || m == SHIFT {
                continue;
            }
            if let Some((h, d)) = st.arc(m) {
                if gold_heads[d] == h && gold_labels[d] != class_label(c) {
                    *cost += 1;
                }
            }
        }
        let minc = costs.iter().copied().min().unwrap_or(usize::MAX);
        if minc == usize::MAX {
            break;
        }
        let (mut pred, mut gold) = (usize::MAX, usize::MAX);
        for c in 0..nc {
            if costs[c] == usize::MAX {
                continue;
            }
            if pred == usize::MAX || scores[c] > scores[pred] {
                pred = c;
            }
            if costs[c] == minc && (gold == usize::MAX || scores[c] > scores[gold]) {
                gold = c;
            }
        }
        if costs[pred] == minc {
            model.tick();
        } else {
            model.update(&feats, gold, pred);
        }
        let c = if costs[pred] == minc || explore {
            pred
        } else {
            gold
        };
        st.apply(class_move(c), class_label(c));
    }
    (1..=n)
        .filter(|&i| st.heads[i] == gold_heads[i] && st.labels[i] == gold_labels[i])
        .count()
}

/// Adds a candidate to `cands`, which holds the best `k` so far, best first. Candidates
/// come in increasing item and class order and a tie keeps the one already there first,
/// so the beam is deterministic. Most candidates are turned away by one comparison.
fn push_top(cands: &mut Vec<(f32, usize, usize)>, k: usize, x: (f32, usize, usize)) {
    if cands.len() >= k && cands.last().is_some_and(|w| w.0.total_cmp(&x.0).is_ge()) {
        return;
    }
    let at = cands.partition_point(|c| c.0.total_cmp(&x.0).is_ge());
    cands.insert(at, x);
    cands.truncate(k);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_oracle_rebuilds_a_projective_tree() {
        // "She gave him a book": gave is root.
        let g = [0usize, 2, 0, 2, 5, 2];
        let mut st = State::new(5);
        let mut steps = 0;
        while !st.terminal() {
            let m = [SHIFT, LEFT, RIGHT]
                .into_iter()
                .filter(|m| st.legal(*m))
                .min_by_key(|m| st.cost(*m, &g))
                .expect("a legal move");
            assert_eq!(st.cost(m, &g), 0);
            st.apply(m, 0);
            steps += 1;
        }
        assert_eq!(steps, 10);
        assert_eq!(&st.heads[1..], &g[1..]);
    }

    #[test]
    fn skipped_templates_are_left_out_and_saved_with_the_model() {
        let nodes = [Node::new("She", 1), Node::new("left", 2), Node::new(".", 3)];
        let mut st = State::new(3);
        st.apply(SHIFT, 0);
        st.apply(SHIFT, 0);
        let mut all = Vec::new();
        features(&st, &nodes, 0, &mut all);
        let mut fewer = Vec::new();
        features(&st, &nodes, 0b110, &mut fewer);
        assert_eq!(fewer.len() + 2, all.len());
        assert_eq!(fewer[0], all[0]);
        assert_eq!(fewer[1..], all[3..]);
        for skip in [0u128, 0b110, 1 << 120] {
            let p = Parser {
                labels: vec!["nsubj".into(), "root".into()],
                model: Trainer::new(nclasses(2)).freeze(),
                skip,
                search: Search::Greedy,
                classes: WordClasses::default(),
                kinds: Vec::new(),
                coarse: Vec::new(),
                supertagger: None,
            };
            let mut bytes = Vec::new();
            p.write(&mut bytes);
            let back = Parser::read(&mut Reader::new(&bytes)).expect("reads back");
            // Without word classes, coarse tags or supertags, their templates are left out
            // too, and not written.
            assert_eq!(
                back.skip,
                skip | class_template_mask() | coarse_template_mask() | supertag_template_mask()
            );
            assert_eq!(&bytes[..4], if skip == 0 { b"DPR1" } else { b"DPR2" });
            let mut again = Vec::new();
            back.write(&mut again);
            assert_eq!(again, bytes);
        }
    }

    #[test]
    fn word_classes_come_from_the_parsers_table_and_are_saved_with_it() {
        // Lexicographer files 06 (noun.artifact) and 32 (verb.communication).
        let classes = WordClasses::from_wordnet(&crate::wordclass::WordNetFiles {
            index_noun: "fork n 1 0 1 0 03381231\n",
            data_noun: "03381231 06 n 01 fork 0 000 | cutlery\n",
            index_verb: "tell v 1 0 1 0 00952524\n",
            data_verb: "00952524 32 v 01 tell 0 000 | inform\n",
            exc_verb: "told tell\n",
            ..Default::default()
        });
        // Tag ids: 0 a determiner, 1 a noun, 2 a verb.
        let kinds = vec![Kind::Other, Kind::Noun, Kind::Verb];
        let mut nodes = [
            Node::new("the", 0),
            Node::new("Forks", 1),
            Node::new("told", 2),
            Node::new("told", 1),
            Node::new("spoon", 1),
            Node::new("fork", 7),
        ];
        set_classes(&classes, &kinds, &mut nodes);
        let got: Vec<u64> = nodes.iter().map(|n| n.c).collect();
        // A class where the form has one for its tag's kind; else the tag (also for a
        // tag id the parser does not know).
        assert_eq!(got, [0, 0x1006, 0x1020, 1, 1, 7]);
        let p = Parser {
            labels: vec!["nsubj".into(), "root".into()],
            model: Trainer::new(nclasses(2)).freeze(),
            skip: 0b110,
            search: Search::Greedy,
            classes,
            kinds,
            coarse: Vec::new(),
            supertagger: None,
        };
        let mut bytes = Vec::new();
        p.write(&mut bytes);
        assert_eq!(&bytes[..4], b"DPR4");
        let back = Parser::read(&mut Reader::new(&bytes)).expect("reads back");
        // fork, forks; tell, tells, telled, telling, told.
        assert_eq!(
            (back.skip, back.word_classes()),
            (0b110 | coarse_template_mask() | supertag_template_mask(), 7)
        );
        assert_eq!(back.kinds, p.kinds);
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(again, bytes);
        assert!(Parser::read(&mut Reader::new(&bytes[..30])).is_err());
    }

    #[test]
    fn the_class_templates_are_the_features_that_read_word_classes() {
        let mut nodes = [Node::new("She", 1), Node::new("left", 2), Node::new(".", 3)];
        let mut st = State::new(3);
        st.apply(SHIFT, 0);
        st.apply(SHIFT, 0);
        let mut before = Vec::new();
        features(&st, &nodes, 0, &mut before);
        for n in &mut nodes {
            n.c += 0x1000;
        }
        let mut after = Vec::new();
        features(&st, &nodes, 0, &mut after);
        let changed: Vec<u32> = (0..before.len() as u32)
            .filter(|&k| before[k as usize] != after[k as usize])
            .collect();
        assert_eq!(changed, CLASS_TEMPLATES);
    }

    #[test]
    fn template_count_is_the_feature_count_and_with_skipped_parses_without_them() {
        let nodes = [Node::new("She", 1), Node::new("left", 2), Node::new(".", 3)];
        let mut st = State::new(3);
        st.apply(SHIFT, 0);
        let mut all = Vec::new();
        features(&st, &nodes, 0, &mut all);
        assert_eq!(template_count() as usize, all.len());
        assert!(template_count() <= 128, "the skip mask has 128 bits");
        let p = toy_parser();
        assert_eq!(skip_mask([1, 2, 200]), 0b110, "no bit past the 128th");
        let q = p.with_skipped(skip_mask([1]));
        assert_eq!((p.skipped(), q.skipped()), (0, 0b10));
        let mut fewer = Vec::new();
        features(&st, &nodes, q.skipped(), &mut fewer);
        assert_eq!(fewer.len() + 1, all.len());
        // Parsing with a template left out still gives a tree for every word.
        for (nodes, _, _) in toy() {
            assert_eq!(q.parse(&nodes).len(), nodes.len());
        }
    }

    /// A toy treebank: "DET NOUN VERB DET NOUN ." and "NOUN VERB ." with varying words;
    /// label ids: 0 root, 1 det, 2 nsubj, 3 obj, 4 punct.
    fn toy() -> Vec<(Vec<Node>, Vec<usize>, Vec<u8>)> {
        let nouns = ["dog", "cat", "rebel", "army", "town"];
        let verbs = ["saw", "attacked", "met"];
        let mut out = Vec::new();
        for (i, n1) in nouns.iter().enumerate() {
            for (j, v) in verbs.iter().enumerate() {
                let n2 = nouns[(i + j + 1) % nouns.len()];
                let nodes = ["the", n1, v, "a", n2, "."]
                    .iter()
                    .zip([1u8, 2, 3, 1, 2, 4])
                    .map(|(w, t)| Node::new(w, t))
                    .collect();
                out.push((nodes, vec![0, 2, 3, 0, 5, 3, 3], vec![0, 1, 2, 0, 1, 3, 4]));
                let nodes = [n1, v, "."]
                    .iter()
                    .zip([2u8, 3, 4])
                    .map(|(w, t)| Node::new(w, t))
                    .collect();
                out.push((nodes, vec![0, 2, 0, 2], vec![0, 2, 0, 4]));
            }
        }
        out
    }

    #[test]
    fn coarse_tags_and_the_supertagger_are_saved_with_the_parser() {
        use crate::supertag::Supertagger;
        // Tag ids: 0 NN, 1 NNS (both NOUN), 2 VBD (VERB), 3 an unknown universal tag.
        let coarse = vec![
            upos_number("NOUN"),
            upos_number("NOUN"),
            upos_number("VERB"),
            upos_number("WHAT"),
        ];
        assert_eq!(coarse, [7, 7, 15, 17]);
        let mut nodes = [Node::new("dogs", 1), Node::new("ran", 2), Node::new("x", 9)];
        set_coarse(&coarse, &mut nodes);
        let got: Vec<u64> = nodes.iter().map(|n| n.u).collect();
        // A tag id it does not know keeps the tag itself.
        assert_eq!(got, [0x3007, 0x300f, 9]);
        let st = Supertagger {
            classes: vec!["nsubj/R".into(), "root/0".into()],
            verbs: vec![false, false, true, false],
            model: Trainer::new(2).freeze(),
        };
        let p = Parser {
            labels: vec!["nsubj".into(), "root".into()],
            model: Trainer::new(nclasses(2)).freeze(),
            skip: 0b110,
            search: Search::Greedy,
            classes: WordClasses::default(),
            kinds: Vec::new(),
            coarse,
            supertagger: Some(Box::new(st)),
        };
        let mut bytes = Vec::new();
        p.write(&mut bytes);
        assert_eq!(&bytes[..4], b"DPR5");
        let back = Parser::read(&mut Reader::new(&bytes)).expect("reads back");
        // Only the word-class templates are left out besides the file's own.
        assert_eq!(back.skip, 0b110 | class_template_mask());
        assert_eq!(back.coarse, p.coarse);
        assert_eq!(back.supertagger().map(|s| s.classes.len()), Some(2));
        let mut again = Vec::new();
        back.write(&mut again);
        assert_eq!(again, bytes);
        assert!(Parser::read(&mut Reader::new(&bytes[..bytes.len() - 5])).is_err());
        // Parsing runs the supertagger on the nodes first.
        let arcs = back.parse(&[Node::new("dogs", 1), Node::new("ran", 2)]);
        assert_eq!(arcs.len(), 2);
    }

    fn toy_parser() -> Parser {
        let mut model = Trainer::new(nclasses(5));
        for epoch in 0..8 {
            for (nodes, heads, labels) in &toy() {
                train_sentence(&mut model, nodes, heads, labels, epoch > 0, 0);
            }
        }
        Parser {
            labels: ["root", "det", "nsubj", "obj", "punct"]
                .map(String::from)
                .to_vec(),
            model: model.freeze(),
            skip: 0,
            search: Search::Greedy,
            classes: WordClasses::default(),
            kinds: Vec::new(),
            coarse: Vec::new(),
            supertagger: None,
        }
    }

    #[test]
    fn greedy_training_learns_the_toy_treebank() {
        let p = toy_parser();
        for (nodes, heads, labels) in toy() {
            let want: Vec<(usize, u8)> = heads[1..]
                .iter()
                .copied()
                .zip(labels[1..].iter().copied())
                .collect();
            assert_eq!(p.parse(&nodes), want);
        }
    }

    /// Sentences the toy parser has not seen, so that it is unsure and makes mistakes.
    fn odd() -> Vec<Vec<Node>> {
        vec![
            vec![Node::new("a", 1), Node::new(".", 4), Node::new("met", 3)],
            vec![
                Node::new("dog", 2),
                Node::new("dog", 2),
                Node::new("the", 1),
            ],
            vec![Node::new("x", 9); 7],
            vec![
                Node::new("the", 1),
                Node::new("met", 3),
                Node::new("army", 2),
                Node::new("saw", 3),
                Node::new(".", 4),
                Node::new("town", 2),
            ],
        ]
    }

    /// A plain beam search over log-softmax scores, every configuration scored at every
    /// step, following each one's best transition and those of other moves: the
    /// reference for [`Parser::parse_selective`]'s shortcuts.
    fn reference_selective(p: &Parser, nodes: &[Node], sel: Selective) -> Vec<(usize, u8)> {
        let mut items = vec![(State::new(nodes.len()), 0f32)];
        let (mut feats, mut scores) = (Vec::new(), Vec::new());
        while !items[0].0.terminal() {
            let mut cands = Vec::new();
            for (bi, (st, total)) in items.iter().enumerate() {
                features(st, nodes, p.skip, &mut feats);
                p.model.score(&feats, &mut scores);
                let legal: Vec<usize> = (0..scores.len())
                    .filter(|c| st.legal(class_move(*c)))
                    .collect();
                let mx = legal.iter().map(|c| scores[*c]).fold(f32::MIN, f32::max);
                let best = legal
                    .iter()
                    .copied()
                    .find(|c| scores[*c] == mx)
                    .unwrap_or(0);
                let z: f32 = legal
                    .iter()
                    .map(|c| ((scores[*c] - mx) / sel.temperature).exp())
                    .sum();
                let others = legal.iter().filter(|c| class_move(**c) != class_move(best));
                for &c in std::iter::once(&best).chain(others) {
                    let lp = (scores[c] - mx) / sel.temperature - z.ln();
                    push_top(&mut cands, sel.width, (total + lp, bi, c));
                }
            }
            let top = cands[0].0;
            cands.retain(|c| c.0 >= top - sel.margin);
            items = cands
                .iter()
                .map(|&(v, bi, c)| {
                    let mut st = items[bi].0.clone();
                    st.apply(class_move(c), class_label(c));
                    (st, v)
                })
                .collect();
        }
        arcs(&items[0].0)
    }

    #[test]
    fn a_selective_beam_of_width_one_or_margin_zero_is_the_greedy_parse() {
        let p = toy_parser();
        for nodes in toy().into_iter().map(|t| t.0).chain(odd()) {
            let greedy = p.parse_greedy(&nodes);
            for (width, margin) in [(1, 5.0), (4, 0.0)] {
                let sel = Selective {
                    width,
                    temperature: 1.0,
                    margin,
                };
                assert_eq!(p.parse_selective(&nodes, sel), greedy);
            }
        }
    }

    #[test]
    fn a_selective_beam_finds_what_a_plain_log_softmax_beam_finds() {
        let p = toy_parser();
        let mut differs = 0;
        for nodes in toy().into_iter().map(|t| t.0).chain(odd()) {
            for (width, temperature, margin) in [
                (2, 1.0, 1.0),
                (3, 4.0, 3.0),
                (4, 100.0, 100.0),
                (8, 1e3, 1e3),
            ] {
                let sel = Selective {
                    width,
                    temperature,
                    margin,
                };
                let got = p.parse_selective(&nodes, sel);
                assert_eq!(got, reference_selective(&p, &nodes, sel), "{sel:?}");
                differs += usize::from(got != p.parse_greedy(&nodes));
            }
        }
        // The beam is not a no-op: on the unseen sentences it finds other parses.
        assert!(differs > 0);
    }

    #[test]
    fn a_parser_reads_back_greedy_and_an_old_beam_parser_file_is_refused() {
        let sel = Search::Selective(ACCURATE_SEARCH);
        let p = toy_parser().with_search(sel);
        assert_eq!(p.search(), sel);
        let mut bytes = Vec::new();
        p.write(&mut bytes);
        let back = Parser::read(&mut Reader::new(&bytes)).expect("reads back");
        assert_eq!(back.search(), Search::Greedy);
        for nodes in odd() {
            assert_eq!(back.parse(&nodes), p.parse_greedy(&nodes));
        }
        // The magic of the globally trained beam parser that `--accurate` used to read.
        let mut old = bytes.clone();
        old[..4].copy_from_slice(b"DPR3");
        let err = Parser::read(&mut Reader::new(&old)).expect_err("refused");
        assert!(err.contains("no longer read"), "{err}");
    }
}
