//! Labelled dependency parser: arc-hybrid transitions scored by an averaged perceptron.
//! The fast parser is greedy, trained with the dynamic oracle of Goldberg & Nivre (2013);
//! the accurate one keeps a beam of configurations and is trained on whole transition
//! sequences (global training with max-violation updates, Huang et al. 2012). Each
//! transition that builds an arc also chooses its label (joint labelled transitions).
//!
//! The stack starts with the artificial root; `SHIFT` moves the next buffer word onto the
//! stack, `LEFT` makes the buffer front the head of the stack top, `RIGHT` makes the
//! second stack item the head of the top. Attaching to the root is only allowed as the
//! very last transition, so every parse has exactly one root word. A sentence of `n`
//! words takes exactly `2n` transitions, each costing constant time: parsing is linear.

use crate::feat::{f1, f2, f3, hash_str, mix, norm};
use crate::perceptron::{put_str, put_u32, Model, Reader, Trainer};

/// Transition ids.
pub const SHIFT: usize = 0;
/// Buffer front becomes head of stack top.
pub const LEFT: usize = 1;
/// Second stack item becomes head of stack top.
pub const RIGHT: usize = 2;

const NONE: u64 = 0x0dd;
/// The widest beam a model file may ask for (parsing time grows with the width).
pub const MAX_BEAM: usize = 64;
const NO_WORD: usize = usize::MAX;

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
    /// Beam width: 1 parses greedily; a model trained with a beam ([`train_sentence_beam`])
    /// stores its width and parses with it ([`Parser::parse_beam`]).
    pub(crate) beam: usize,
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
}

impl Node {
    /// A node from a form and the tagger's class for it.
    pub fn new(form: &str, tag: u8) -> Node {
        Node {
            w: hash_str(&norm(form)),
            t: u64::from(tag),
        }
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
    };
    let node = |i: usize| -> Node {
        if i == NO_WORD {
            Node { w: NONE, t: NONE }
        } else if i == 0 {
            root
        } else {
            nodes
                .get(i - 1)
                .copied()
                .unwrap_or(Node { w: NONE, t: NONE })
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
    let mut t = 0u64;
    let mut p = |v: u64| {
        if t >= 128 || skip & (1u128 << t) == 0 {
            out.push(mix(t, v));
        }
        t += 1;
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
}

impl Parser {
    /// Parses one sentence: returns (head, label id) per word; head 0 is the root.
    pub fn parse(&self, nodes: &[Node]) -> Vec<(usize, u8)> {
        if self.beam > 1 {
            return self.parse_beam(nodes, self.beam);
        }
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
            // Legality depends only on the move: decided three times, not once per class.
            let legal = [st.legal(SHIFT), st.legal(LEFT), st.legal(RIGHT)];
            let mut best = usize::MAX;
            let mut bv = f32::NEG_INFINITY;
            for (c, v) in scores.iter().enumerate() {
                if (best == usize::MAX || *v > bv) && legal[class_move(c)] {
                    bv = *v;
                    best = c;
                }
            }
            if best == usize::MAX {
                break;
            }
            st.apply(class_move(best), class_label(best));
        }
        (1..=n)
            .map(|i| {
                let h = st.heads[i];
                if h == NO_WORD {
                    (0, 0)
                } else {
                    (h, st.labels[i])
                }
            })
            .collect()
    }

    /// Parses one sentence keeping the `k` best configurations by summed transition
    /// scores at each step (every transition is scored, as in training). Every parse takes
    /// `2n` transitions, so all configurations end together. With `k = 1` this is the
    /// greedy parse.
    pub fn parse_beam(&self, nodes: &[Node], k: usize) -> Vec<(usize, u8)> {
        let n = nodes.len();
        let k = k.max(1);
        let mut beam: Vec<(State, f32)> = vec![(State::new(n), 0.0)];
        let mut next: Vec<(State, f32)> = Vec::with_capacity(k);
        let mut feats = Vec::with_capacity(128);
        let mut scores = Vec::new();
        // (summed score, beam item, class)
        let mut cands: Vec<(f32, usize, usize)> = Vec::new();
        for _ in 0..(2 * n + 2) {
            cands.clear();
            for (bi, (st, total)) in beam.iter().enumerate() {
                if st.terminal() {
                    continue;
                }
                features(st, nodes, self.skip, &mut feats);
                self.model.score(&feats, &mut scores);
                let legal = [st.legal(SHIFT), st.legal(LEFT), st.legal(RIGHT)];
                for (c, v) in scores.iter().enumerate() {
                    if legal[class_move(c)] {
                        push_top(&mut cands, k, (total + v, bi, c));
                    }
                }
            }
            if cands.is_empty() {
                break;
            }
            // Reuse the states' allocations from two steps back.
            next.truncate(cands.len());
            for (i, &(v, bi, c)) in cands.iter().enumerate() {
                if let Some(slot) = next.get_mut(i) {
                    slot.0.clone_from(&beam[bi].0);
                    slot.1 = v;
                } else {
                    next.push((beam[bi].0.clone(), v));
                }
                next[i].0.apply(class_move(c), class_label(c));
            }
            std::mem::swap(&mut beam, &mut next);
        }
        let best = beam.first().map(|(st, _)| st);
        (1..=n)
            .map(|i| match best {
                Some(st) if st.heads[i] != NO_WORD => (st.heads[i], st.labels[i]),
                _ => (0, 0),
            })
            .collect()
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

    /// Serialises the parser.
    pub fn write(&self, out: &mut Vec<u8>) {
        // DPR2 is DPR1 with the skipped-template mask (16 bytes) after the magic; DPR3 is
        // DPR2 with the beam width (u32) after the mask.
        if self.beam > 1 {
            out.extend_from_slice(b"DPR3");
            out.extend_from_slice(&self.skip.to_le_bytes());
            put_u32(out, self.beam as u32);
        } else if self.skip == 0 {
            out.extend_from_slice(b"DPR1");
        } else {
            out.extend_from_slice(b"DPR2");
            out.extend_from_slice(&self.skip.to_le_bytes());
        }
        put_u32(out, self.labels.len() as u32);
        for l in &self.labels {
            put_str(out, l);
        }
        self.model.write(out);
    }

    /// Reads a parser written by [`Parser::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Parser, String> {
        let (skip, beam) = match r.bytes(4)? {
            b"DPR1" => (0, 1),
            b"DPR2" => (u128::from_le_bytes(r.array::<16>()?), 1),
            b"DPR3" => {
                let skip = u128::from_le_bytes(r.array::<16>()?);
                let beam = r.u32()? as usize;
                if beam == 0 || beam > MAX_BEAM {
                    return Err(format!("beam width {beam} out of range 1..={MAX_BEAM}"));
                }
                (skip, beam)
            }
            _ => return Err("not a dyad parser model".into()),
        };
        let n = r.u32()? as usize;
        if n == 0 || n > 256 {
            return Err("bad label count".into());
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.str()?);
        }
        let model = Model::read(r)?;
        if model.nclasses() != nclasses(n) {
            return Err("parser model and label list disagree".into());
        }
        Ok(Parser {
            labels,
            model,
            skip,
            beam,
        })
    }
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

/// One transition in a beam item's history: the features it was scored on (a range of
/// the sentence's feature arena), the class taken, and the step before it.
struct Step {
    parent: usize,
    feats: std::ops::Range<usize>,
    class: usize,
}

/// A configuration in the training beam.
struct Item {
    st: State,
    score: f32,
    /// Its last [`Step`] (`usize::MAX` before the first).
    last: usize,
    /// Every transition so far had zero dynamic-oracle cost: the gold tree is reachable.
    ok: bool,
}

/// How a beam-trained model's weights move when the search goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeamUpdate {
    /// At the first step where no item in the beam can reach the gold tree
    /// (Collins & Roark 2004).
    Early,
    /// At the step where the best item outscores the correct history by the most
    /// (Huang, Fayong & Guo 2012); searches every sentence to its end.
    MaxViolation,
}

/// The dynamic-oracle cost of class `c` in `st`: the gold arcs it makes unreachable, one
/// more for a right arc with the wrong label; `usize::MAX` when illegal.
fn class_cost(st: &State, c: usize, gold_heads: &[usize], gold_labels: &[u8]) -> usize {
    let m = class_move(c);
    if !st.legal(m) {
        return usize::MAX;
    }
    let mut cost = st.cost(m, gold_heads);
    if let Some((h, d)) = st.arc(m) {
        if gold_heads[d] == h && gold_labels[d] != class_label(c) {
            cost += 1;
        }
    }
    cost
}

/// One global training pass over a sentence with a beam of `k`: the beam is searched with
/// the current weights, and where it goes wrong (see [`BeamUpdate`]) the correct history
/// is rewarded and the best item's history penalised, step by step. The correct history is
/// latent, as the dynamic oracle allows many: the best-scoring item of the beam that can
/// still reach the gold tree, or, once none can, that item continued by its best-scoring
/// zero-cost transitions. Returns the correct (head, label) attachments of the best item.
pub(crate) fn train_sentence_beam(
    model: &mut Trainer,
    nodes: &[Node],
    (gold_heads, gold_labels): (&[usize], &[u8]),
    k: usize,
    how: BeamUpdate,
    skip: u128,
) -> usize {
    let n = nodes.len();
    let mut arena: Vec<u64> = Vec::new();
    let mut steps: Vec<Step> = Vec::new();
    let mut feats = Vec::with_capacity(128);
    let mut scores = vec![0f32; model.nclasses()];
    let fresh = || Item {
        st: State::new(n),
        score: 0.0,
        last: usize::MAX,
        ok: true,
    };
    let mut beam = vec![fresh()];
    let mut gold = fresh();
    // (summed score, beam item, class, step)
    let mut cands: Vec<(f32, usize, usize)> = Vec::new();
    let mut cand_steps: Vec<usize> = Vec::new();
    // The update: (violation, correct history's last step, best item's last step).
    let mut update: Option<(f32, usize, usize)> = None;
    for _ in 0..(2 * n + 2) {
        if gold.st.terminal() {
            break;
        }
        cands.clear();
        cand_steps.clear();
        for (bi, it) in beam.iter().enumerate() {
            features(&it.st, nodes, skip, &mut feats);
            model.score(&feats, &mut scores);
            let range = arena.len()..arena.len() + feats.len();
            arena.extend_from_slice(&feats);
            for (c, v) in scores.iter().enumerate() {
                if it.st.legal(class_move(c)) {
                    cands.push((it.score + v, bi, c));
                    cand_steps.push(steps.len());
                    steps.push(Step {
                        parent: it.last,
                        feats: range.clone(),
                        class: c,
                    });
                }
            }
        }
        // The correct history's own continuation, for when it falls out of the beam.
        features(&gold.st, nodes, skip, &mut feats);
        model.score(&feats, &mut scores);
        let mut best_gold: Option<(usize, f32)> = None;
        for (c, v) in scores.iter().enumerate() {
            if class_cost(&gold.st, c, gold_heads, gold_labels) == 0
                && best_gold.is_none_or(|(_, bv)| *v > bv)
            {
                best_gold = Some((c, *v));
            }
        }
        let Some((gc, gv)) = best_gold else { break };
        let range = arena.len()..arena.len() + feats.len();
        arena.extend_from_slice(&feats);
        steps.push(Step {
            parent: gold.last,
            feats: range,
            class: gc,
        });
        gold.st.apply(class_move(gc), class_label(gc));
        gold.score += gv;
        gold.last = steps.len() - 1;
        // Candidate i's step is cand_steps[i]; keep that link through the selection.
        let mut kept = Vec::with_capacity(k);
        for (i, c) in cands.iter().enumerate() {
            push_top(&mut kept, k, (c.0, i, 0));
        }
        let mut next = Vec::with_capacity(kept.len());
        for &(v, i, _) in &kept {
            let (_, bi, c) = cands[i];
            let parent = &beam[bi];
            let ok = parent.ok && class_cost(&parent.st, c, gold_heads, gold_labels) == 0;
            let mut st = parent.st.clone();
            st.apply(class_move(c), class_label(c));
            next.push(Item {
                st,
                score: v,
                last: cand_steps[i],
                ok,
            });
        }
        beam = next;
        if let Some(g) = beam.iter().find(|it| it.ok) {
            // The best correct item in the beam is the correct history from here on.
            gold = Item {
                st: g.st.clone(),
                score: g.score,
                last: g.last,
                ok: true,
            };
        }
        let Some(top) = beam.first() else { break };
        if !top.ok {
            let violation = top.score - gold.score;
            let lost = !beam.iter().any(|it| it.ok);
            match how {
                BeamUpdate::Early if lost => {
                    update = Some((violation, gold.last, top.last));
                    break;
                }
                BeamUpdate::MaxViolation
                    if violation >= 0.0 && update.is_none_or(|(v, _, _)| violation >= v) =>
                {
                    update = Some((violation, gold.last, top.last));
                }
                _ => {}
            }
        }
    }
    if update.is_none() {
        // The search ended with a correct item in the beam but not on top.
        if let Some(top) = beam.first().filter(|it| !it.ok) {
            update = Some((top.score - gold.score, gold.last, top.last));
        }
    }
    model.tick();
    if let Some((_, g, p)) = update {
        for (last, delta) in [(g, 1.0), (p, -1.0)] {
            let mut i = last;
            while let Some(step) = steps.get(i) {
                model.add(&arena[step.feats.clone()], step.class, delta);
                i = step.parent;
            }
        }
    }
    let best = beam.first().map_or(&gold.st, |it| &it.st);
    (1..=n)
        .filter(|&i| best.heads[i] == gold_heads[i] && best.labels[i] == gold_labels[i])
        .count()
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
        for skip in [0u128, 0b110, 1 << 100] {
            let p = Parser {
                labels: vec!["nsubj".into(), "root".into()],
                model: Trainer::new(nclasses(2)).freeze(),
                skip,
                beam: 1,
            };
            let mut bytes = Vec::new();
            p.write(&mut bytes);
            let back = Parser::read(&mut Reader::new(&bytes)).expect("reads back");
            assert_eq!(back.skip, skip);
            assert_eq!(&bytes[..4], if skip == 0 { b"DPR1" } else { b"DPR2" });
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

    fn toy_parser(beam: usize, update: BeamUpdate) -> Parser {
        let mut model = Trainer::new(nclasses(5));
        for epoch in 0..8 {
            for (nodes, heads, labels) in &toy() {
                if beam > 1 {
                    train_sentence_beam(&mut model, nodes, (heads, labels), beam, update, 0);
                } else {
                    train_sentence(&mut model, nodes, heads, labels, epoch > 0, 0);
                }
            }
        }
        Parser {
            labels: ["root", "det", "nsubj", "obj", "punct"]
                .map(String::from)
                .to_vec(),
            model: model.freeze(),
            skip: 0,
            beam,
        }
    }

    #[test]
    fn beam_training_learns_the_toy_treebank_with_either_update() {
        for update in [BeamUpdate::Early, BeamUpdate::MaxViolation] {
            let p = toy_parser(4, update);
            for (nodes, heads, labels) in toy() {
                let got = p.parse(&nodes);
                let want: Vec<(usize, u8)> = heads[1..]
                    .iter()
                    .copied()
                    .zip(labels[1..].iter().copied())
                    .collect();
                assert_eq!(got, want, "{update:?}");
            }
        }
    }

    #[test]
    fn a_beam_of_one_is_the_greedy_parse() {
        let p = toy_parser(1, BeamUpdate::Early);
        // Sentences the toy parser has not seen, so that it makes mistakes too.
        let odd = [
            vec![Node::new("a", 1), Node::new(".", 4), Node::new("met", 3)],
            vec![
                Node::new("dog", 2),
                Node::new("dog", 2),
                Node::new("the", 1),
            ],
            vec![Node::new("x", 9); 7],
        ];
        for nodes in toy().into_iter().map(|t| t.0).chain(odd) {
            assert_eq!(p.parse_beam(&nodes, 1), p.parse(&nodes));
        }
    }

    #[test]
    fn the_beam_width_is_saved_with_the_model() {
        let p = toy_parser(4, BeamUpdate::MaxViolation);
        let mut bytes = Vec::new();
        p.write(&mut bytes);
        assert_eq!(&bytes[..4], b"DPR3");
        let back = Parser::read(&mut Reader::new(&bytes)).expect("reads back");
        assert_eq!(back.beam, 4);
        let (nodes, _, _) = &toy()[0];
        assert_eq!(back.parse(nodes), p.parse(nodes));
        // A width out of range is refused, not trusted.
        let mut bad = bytes.clone();
        bad[20..24].copy_from_slice(&1000u32.to_le_bytes());
        assert!(Parser::read(&mut Reader::new(&bad)).is_err());
    }
}
