//! Averaged multiclass perceptron over hashed sparse features: a trainer and a compact,
//! quantised, read-only model with a small binary format.
//!
//! Features are 64-bit hashes (built by [`crate::feat`]); a class is a `u8`. Training keeps
//! one sparse row of weights per feature, only for the classes a perceptron update ever
//! touched, and averages lazily (Collins 2002 with the timestamp trick). Freezing averages,
//! quantises each weight to `i16` with one global scale and drops weights that round to
//! zero, which keeps model files small and loading a straight copy of arrays.

use crate::huge::HugeTable;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already good 64-bit hashes: it passes them through.
#[derive(Clone, Copy)]
pub struct IdHasher(u64);

impl Default for IdHasher {
    fn default() -> IdHasher {
        IdHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A `HashMap` keyed by pre-hashed `u64`s.
pub type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// A `HashMap` with the FNV-1a hasher: the lexicon maps are hit for every word, and
/// their short string keys hash several times faster than with SipHash (no adversarial
/// keys here: the maps are built from training data).
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// A `HashSet` with the FNV-1a hasher.
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u8,
    w: f32,
    total: f64,
    stamp: u32,
}

/// Trains an averaged perceptron.
pub struct Trainer {
    nclasses: usize,
    rows: IdMap<Vec<Entry>>,
    /// Number of training instances seen (the averaging clock).
    now: u32,
}

impl Trainer {
    /// A trainer for `nclasses` classes (at most 256).
    pub fn new(nclasses: usize) -> Trainer {
        Trainer {
            nclasses: nclasses.min(256),
            rows: IdMap::default(),
            now: 0,
        }
    }

    /// Number of classes.
    pub fn nclasses(&self) -> usize {
        self.nclasses
    }

    /// Adds the current (non-averaged) weights of `feats` into `scores`.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    if let Some(s) = scores.get_mut(e.class as usize) {
                        *s += e.w;
                    }
                }
            }
        }
    }

    /// Best class among `allowed` (all when `None`) by current weights.
    pub fn predict(&self, feats: &[u64], scores: &mut [f32]) -> usize {
        self.score(feats, scores);
        argmax(scores)
    }

    /// One training instance: ticks the clock and, when `guess != truth`, moves weights.
    pub fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        self.now += 1;
        if truth == guess {
            return;
        }
        for f in feats {
            let row = self.rows.entry(*f).or_default();
            Self::bump(row, truth as u8, 1.0, self.now);
            Self::bump(row, guess as u8, -1.0, self.now);
        }
    }

    /// Adds `delta` to the weight of `class` for each of `feats`, at the current clock
    /// (the step-by-step updates of a history in beam training).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        for f in feats {
            let row = self.rows.entry(*f).or_default();
            Self::bump(row, class as u8, delta, self.now);
        }
    }

    /// Ticks the averaging clock without an update.
    pub fn tick(&mut self) {
        self.now += 1;
    }

    fn bump(row: &mut Vec<Entry>, class: u8, delta: f32, now: u32) {
        let e = match row.iter_mut().find(|e| e.class == class) {
            Some(e) => e,
            None => {
                row.push(Entry {
                    class,
                    w: 0.0,
                    total: 0.0,
                    stamp: now,
                });
                let n = row.len() - 1;
                &mut row[n]
            }
        };
        e.total += f64::from(now - e.stamp) * f64::from(e.w);
        e.stamp = now;
        e.w += delta;
    }

    /// Averages and quantises the weights into a frozen [`Model`].
    pub fn freeze(&self) -> Model {
        self.freeze_top(usize::MAX)
    }

    /// Like [`Trainer::freeze`], keeping only the `max_entries` weights of largest
    /// magnitude: the many tiny weights of rare features cost memory and cache misses but
    /// barely change a decision.
    pub fn freeze_top(&self, max_entries: usize) -> Model {
        quantise(self.nclasses, self.averaged(), max_entries)
    }

    /// The averaged weights, rows in feature order.
    fn averaged(&self) -> Vec<(u64, Vec<(u8, f32)>)> {
        let now = f64::from(self.now.max(1));
        let mut avg: Vec<(u64, Vec<(u8, f32)>)> = Vec::with_capacity(self.rows.len());
        let mut keys: Vec<u64> = self.rows.keys().copied().collect();
        keys.sort_unstable();
        for k in keys {
            let row = &self.rows[&k];
            let mut out = Vec::with_capacity(row.len());
            for e in row {
                let total = e.total + f64::from(self.now - e.stamp) * f64::from(e.w);
                out.push((e.class, (total / now) as f32));
            }
            avg.push((k, out));
        }
        avg
    }

    /// One model from several trainers of the same features and classes (trained on other
    /// orders of the data): the mean of their averaged weights, pruned and quantised as by
    /// [`Trainer::freeze_top`]. Averaging independently trained perceptrons smooths the
    /// accidents of one training order.
    pub fn freeze_mixed(trainers: &[Trainer], max_entries: usize) -> Model {
        let nclasses = trainers.first().map_or(1, |t| t.nclasses);
        let k = trainers.len().max(1) as f32;
        let mut sum: BTreeMap<u64, Vec<f32>> = BTreeMap::new();
        for t in trainers {
            for (f, row) in t.averaged() {
                let acc = sum.entry(f).or_insert_with(|| vec![0.0; nclasses]);
                for (c, w) in row {
                    if let Some(v) = acc.get_mut(usize::from(c)) {
                        *v += w / k;
                    }
                }
            }
        }
        let avg = sum
            .into_iter()
            .map(|(f, ws)| {
                let row = ws
                    .into_iter()
                    .enumerate()
                    .filter(|(_, w)| *w != 0.0)
                    .map(|(c, w)| (c as u8, w))
                    .collect();
                (f, row)
            })
            .collect();
        quantise(nclasses, avg, max_entries)
    }
}

/// Quantises averaged weights to `i16` (one scale per model), keeping the `max_entries`
/// weights of largest magnitude.
fn quantise(nclasses: usize, avg: Vec<(u64, Vec<(u8, f32)>)>, max_entries: usize) -> Model {
    let maxabs = avg
        .iter()
        .flat_map(|(_, r)| r.iter().map(|(_, a)| a.abs()))
        .fold(0f32, f32::max);
    // Weights beyond ±32767·scale are clipped; a scale set by the 99.99th percentile
    // would be finer, but the largest weights are the bias-like ones that matter most.
    let scale = if maxabs > 0.0 { maxabs / 32767.0 } else { 1.0 };
    let mut mags: Vec<f32> = avg
        .iter()
        .flat_map(|(_, r)| r.iter().map(|(_, a)| a.abs()))
        .collect();
    let floor = if mags.len() > max_entries && max_entries > 0 {
        let k = mags.len() - max_entries;
        let (_, v, _) = mags.select_nth_unstable_by(k, f32::total_cmp);
        *v
    } else {
        0.0
    };
    drop(mags);
    let mut b = ModelBuilder::new(nclasses, scale);
    for (k, row) in avg {
        let q: Vec<(u8, i16)> = row
            .into_iter()
            .filter_map(|(c, a)| {
                let v = (a / scale).round();
                (v.abs() >= 1.0 && a.abs() >= floor)
                    .then_some((c, v.clamp(-32767.0, 32767.0) as i16))
            })
            .collect();
        b.push(k, &q);
    }
    b.finish()
}

/// Index of the largest score (first on ties; 0 when empty).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    let mut bv = f32::NEG_INFINITY;
    for (i, s) in scores.iter().enumerate() {
        if *s > bv {
            bv = *s;
            best = i;
        }
    }
    best
}

struct ModelBuilder {
    nclasses: usize,
    scale: f32,
    keys: Vec<u64>,
    starts: Vec<u32>,
    classes: Vec<u8>,
    weights: Vec<i16>,
}

impl ModelBuilder {
    fn new(nclasses: usize, scale: f32) -> ModelBuilder {
        ModelBuilder {
            nclasses,
            scale,
            keys: Vec::new(),
            starts: vec![0],
            classes: Vec::new(),
            weights: Vec::new(),
        }
    }
    fn push(&mut self, key: u64, row: &[(u8, i16)]) {
        if row.is_empty() {
            return;
        }
        self.keys.push(key);
        for (c, w) in row {
            self.classes.push(*c);
            self.weights.push(*w);
        }
        self.starts.push(self.classes.len() as u32);
    }
    fn finish(self) -> Model {
        Model::from_parts(
            self.nclasses,
            self.scale,
            self.keys,
            self.starts,
            self.classes,
            self.weights,
        )
    }
}

/// A frozen, quantised perceptron: an open-addressing table from feature hash to a sparse
/// row of `(class, weight)`.
///
/// Lookups are memory-bound (the tables are far larger than the CPU caches), so a slot
/// holds the key's fingerprint and its row together. Most rows are tiny: every perceptron
/// update adds `+1` to one class and `-1` to another, so a feature updated only with one
/// (truth, guess) pair keeps exactly two weights `w` and `-w`. Such rows, and one-weight
/// rows, live inside the 8-byte slot itself (one cache miss per feature, not two); other
/// rows are packed `class << 16 | weight` in one array, long ones expanded densely.
///
/// The long (dense) rows are few but make more than half of all lookups, so their layout
/// counts most: cache-line blocks summed with the running sums in registers, classes
/// renumbered so that a row's weights gather in its first blocks, and no block after a
/// row's last weight. Their slots are placed first, so that each sits in its home slot
/// (see `slot_table`). The big tables (slots, sparse rows) live in huge pages where Linux
/// gives them (see `crate::huge`). The runtime layout is rebuilt from the file layout at
/// every load; the scores (integer sums, scaled once) are exactly those of the file's rows.
#[derive(Debug, Clone)]
pub struct Model {
    nclasses: usize,
    scale: f32,
    /// Keys in file order, with their row lengths (kept for writing).
    keys: Vec<u64>,
    lens: Vec<u8>,
    /// Packed entries, rows in key order (the file layout).
    entries: Vec<u32>,
    /// Runtime sparse rows, their packed entries one after the other (the slot holds a
    /// row's offset and length, so reading a row needs no dependent load of a header).
    rows: HugeTable<u32>,
    /// Long rows, expanded to one `i16` per class in cache-line blocks of [`BLOCK`]
    /// classes: adding a dense row is a vectorised loop, far cheaper than scattering its
    /// entries one by one. A row stops after its last block with a weight, and the classes
    /// are renumbered at load (see `perm`) so that most rows need fewer blocks.
    dense: HugeTable<Block>,
    /// Runtime class number of each class. Inside the model, classes are numbered by how
    /// many dense rows weigh them, most first: the weights of a dense row then gather in
    /// its first blocks, and a row that leaves the rarely weighted classes at zero takes
    /// fewer cache lines. Scores are put back in the caller's class order.
    perm: Vec<u8>,
    /// Open-addressing slots; `fp == 0` marks an empty slot. Power-of-two length.
    slots: HugeTable<Slot>,
}

/// Classes per block of a dense row: 32 weights of 2 bytes fill one 64-byte cache line.
const BLOCK: usize = 32;

/// One cache line of a dense row: the weights of [`BLOCK`] consecutive classes. Summing
/// rows block by block keeps the block's running sums in registers.
#[derive(Debug, Clone, Copy, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C, align(64))]
struct Block([i16; BLOCK]);

/// Rows with more entries than this are stored densely.
const DENSE_MIN: u32 = 16;
// A sparse row's length minus one must fit the 4 bits it has in a slot.
const _: () = assert!(DENSE_MIN <= 16);
/// [`Slot::val`] kinds, in its top two bits.
const KIND_SHIFT: u32 = 30;
/// `val` is a sparse row: its length minus one in bits `SPARSE_LEN_SHIFT..30` (rows this
/// short are sparse: at most [`DENSE_MIN`] entries) and its offset into `rows` below.
const KIND_SPARSE: u32 = 0;
/// Where the length of a sparse row starts in [`Slot::val`].
const SPARSE_LEN_SHIFT: u32 = 26;
/// Sparse-row offsets fit below the length (a model has at most 2^26 weights: see
/// [`Model::read`]).
const SPARSE_MAX_OFFSET: usize = (1 << SPARSE_LEN_SHIFT) - 1;
/// `val` is a dense row: its number of blocks minus one in bits `DENSE_LEN_SHIFT..30`,
/// and its offset into `dense`, in blocks, below.
const KIND_DENSE: u32 = 1;
/// Where the block count of a dense row starts in [`Slot::val`].
const DENSE_LEN_SHIFT: u32 = 27;
/// Dense-row offsets fit below the block count (at most 2^26 weights make at most
/// 2^26 / 17 dense rows of at most 8 blocks: below 2^25).
const DENSE_MAX_OFFSET: usize = (1 << DENSE_LEN_SHIFT) - 1;
/// `val` is one inline weight: class in bits 16..24, weight in bits 0..16.
const KIND_ONE: u32 = 2;
/// A row with no weight: one inline weight 0 of class 0.
const EMPTY_ROW: u32 = KIND_ONE << KIND_SHIFT;
/// `val` is an inline pair: class `a` in bits 23..30, class `b` in bits 16..23, and the
/// weight `w` of `a` in bits 0..16; `b` has `-w`.
const KIND_PAIR: u32 = 3;

/// A hash-table slot: 8 bytes, so more of the table stays in cache. `fp` is a 32-bit
/// fingerprint of the key (never 0; 0 marks an empty slot) — with the slot position
/// also derived from the key, two live features colliding on both is vanishingly rare.
/// `val` holds a row inline or points to it (see the `KIND_*` constants).
#[derive(Debug, Clone, Copy, Default, bytemuck::Pod, bytemuck::Zeroable)]
#[repr(C)]
struct Slot {
    fp: u32,
    val: u32,
}

fn fingerprint(key: u64) -> u32 {
    ((key >> 32) as u32) | 1
}

/// The inline encoding of a row, when it has one.
fn inline_row(classes: &[u8], weights: &[i16]) -> Option<u32> {
    match (classes, weights) {
        ([c], [w]) => Some((KIND_ONE << KIND_SHIFT) | (u32::from(*c) << 16) | u32::from(*w as u16)),
        ([a, b], [wa, wb]) if *a < 128 && *b < 128 && i32::from(*wa) == -i32::from(*wb) => Some(
            (KIND_PAIR << KIND_SHIFT)
                | (u32::from(*a) << 23)
                | (u32::from(*b) << 16)
                | u32::from(*wa as u16),
        ),
        _ => None,
    }
}

impl Model {
    fn from_parts(
        nclasses: usize,
        scale: f32,
        keys: Vec<u64>,
        starts: Vec<u32>,
        classes: Vec<u8>,
        weights: Vec<i16>,
    ) -> Model {
        let mut lens = Vec::with_capacity(keys.len());
        let mut dense = Vec::new();
        let mut rows = Vec::new();
        let row_of = |i: usize| {
            let (a, b) = (starts[i] as usize, starts[i + 1] as usize);
            (&classes[a..b], &weights[a..b])
        };
        // Classes by how many dense rows give them a weight, most first (then by number).
        let mut weighed = vec![0usize; nclasses];
        for i in 0..keys.len() {
            let (cs, ws) = row_of(i);
            if cs.len() > DENSE_MIN as usize {
                for (c, w) in cs.iter().zip(ws) {
                    if let Some(n) = weighed.get_mut(usize::from(*c)).filter(|_| *w != 0) {
                        *n += 1;
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..nclasses).collect();
        order.sort_by_key(|c| (std::cmp::Reverse(weighed[*c]), *c));
        let mut perm = vec![0u8; nclasses];
        for (new, old) in order.iter().enumerate() {
            perm[*old] = new as u8;
        }
        let mut cs = Vec::new();
        let mut vals = Vec::with_capacity(keys.len());
        for i in 0..keys.len() {
            let (orig, ws) = row_of(i);
            lens.push(orig.len().min(255) as u8);
            cs.clear();
            cs.extend(
                orig.iter()
                    .map(|c| perm.get(usize::from(*c)).copied().unwrap_or(0)),
            );
            let cs = &cs[..];
            let val = if let Some(v) = inline_row(cs, ws) {
                v
            } else if cs.is_empty()
                || rows.len() > SPARSE_MAX_OFFSET
                || dense.len() > DENSE_MAX_OFFSET
            {
                // An empty row adds nothing, like an absent feature's zero weight. Rows
                // beyond the offsets a slot can hold (beyond any model this format is used
                // for) are dropped, not a panic.
                EMPTY_ROW
            } else if cs.len() > DENSE_MIN as usize {
                let off = dense.len();
                let last = cs
                    .iter()
                    .zip(ws)
                    .filter(|(_, w)| **w != 0)
                    .map(|(c, _)| usize::from(*c))
                    .max()
                    .unwrap_or(0);
                let nb = last / BLOCK + 1;
                dense.resize(off + nb, Block([0; BLOCK]));
                for (c, w) in cs.iter().zip(ws).filter(|(_, w)| **w != 0) {
                    let c = usize::from(*c);
                    if let Some(b) = dense.get_mut(off + c / BLOCK) {
                        b.0[c % BLOCK] = *w;
                    }
                }
                (KIND_DENSE << KIND_SHIFT) | ((nb - 1) as u32) << DENSE_LEN_SHIFT | off as u32
            } else {
                let off = rows.len();
                for (c, w) in cs.iter().zip(ws) {
                    rows.push((u32::from(*c) << 16) | u32::from(*w as u16));
                }
                (KIND_SPARSE << KIND_SHIFT)
                    | ((cs.len() - 1) as u32) << SPARSE_LEN_SHIFT
                    | off as u32
            };
            vals.push(val);
        }
        rows.shrink_to_fit();
        let table = slot_table(&keys, &lens, &vals);
        let entries = classes
            .iter()
            .zip(&weights)
            .map(|(c, w)| (u32::from(*c) << 16) | u32::from(*w as u16))
            .collect();
        Model {
            nclasses,
            scale,
            keys,
            lens,
            entries,
            rows: HugeTable::from_slice(&rows),
            dense: HugeTable::from_slice(&dense),
            perm,
            slots: table,
        }
    }

    /// Number of classes.
    pub fn nclasses(&self) -> usize {
        self.nclasses
    }

    /// Number of stored features.
    pub fn nfeatures(&self) -> usize {
        self.keys.len()
    }

    fn row(slots: &[Slot], key: u64) -> Option<u32> {
        let mask = slots.len() - 1;
        let fp = fingerprint(key);
        let mut p = (mix(key) as usize) & mask;
        loop {
            let s = slots[p];
            if s.fp == 0 {
                return None;
            }
            if s.fp == fp {
                return Some(s.val);
            }
            p = (p + 1) & mask;
        }
    }

    /// Scores of every class for `feats` (in `scores`, resized to the class count).
    pub fn score(&self, feats: &[u64], scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(self.nclasses, 0.0);
        let mut acc = [0i32; 256];
        let nc = self.nclasses;
        let (slots, rows) = (self.slots.as_slice(), self.rows.as_slice());
        let dense_blocks = self.dense.as_slice();
        let mask = slots.len() - 1;
        let nblocks = nc.div_ceil(BLOCK);
        // Out-of-line rows met so far: sparse ones, and the offsets of dense ones.
        let mut found = [0u32; 160];
        let mut dense = [0u32; 160];
        for chunk in feats.chunks(found.len()) {
            // Every feature's home slot is asked for first, so that the misses overlap.
            for f in chunk {
                prefetch(&slots[(mix(*f) as usize) & mask]);
            }
            // Inline rows are added at once; the others are collected for later passes.
            let (mut ns, mut nd) = (0, 0);
            for f in chunk {
                let Some(v) = Self::row(slots, *f) else {
                    continue;
                };
                match v >> KIND_SHIFT {
                    KIND_ONE => acc[(v >> 16) as usize & 0xff] += i32::from(v as u16 as i16),
                    KIND_PAIR => {
                        let w = i32::from(v as u16 as i16);
                        acc[(v >> 23) as usize & 0x7f] += w;
                        acc[(v >> 16) as usize & 0x7f] -= w;
                    }
                    KIND_DENSE => {
                        dense[nd] = v;
                        nd += 1;
                    }
                    _ => {
                        found[ns] = v;
                        ns += 1;
                    }
                }
            }
            let (sparse, dense) = (&found[..ns], &dense[..nd]);
            // The same for the out-of-line rows: every cache line of a dense row, the
            // first and last of a sparse one.
            for &v in dense {
                let (a, nb) = dense_row(v);
                for b in dense_blocks.iter().skip(a).take(nb) {
                    prefetch(b);
                }
            }
            for &v in sparse {
                let (a, len) = sparse_row(v);
                if let Some(first) = rows.get(a) {
                    prefetch(first);
                }
                if let Some(last) = rows.get(a + len - 1) {
                    prefetch(last);
                }
            }
            for &v in sparse {
                let (a, len) = sparse_row(v);
                for e in rows.get(a..a + len).unwrap_or(&[]) {
                    acc[(*e >> 16) as usize & 0xff] += i32::from(*e as u16 as i16);
                }
            }
            // Dense rows block by block: the block's sums stay in registers while every
            // row's block is added, instead of a load and a store of the sums per row.
            for (j, out) in acc.chunks_exact_mut(BLOCK).take(nblocks).enumerate() {
                let mut sum = [0i32; BLOCK];
                for &v in dense {
                    let (a, nb) = dense_row(v);
                    if j >= nb {
                        continue;
                    }
                    if let Some(b) = dense_blocks.get(a + j) {
                        for (x, w) in sum.iter_mut().zip(b.0.iter()) {
                            *x += i32::from(*w);
                        }
                    }
                }
                for (x, y) in out.iter_mut().zip(sum) {
                    *x += y;
                }
            }
        }
        for (s, p) in scores.iter_mut().zip(&self.perm) {
            *s = acc[usize::from(*p)] as f32 * self.scale;
        }
    }

    /// Keeps only the `max_entries` weights of largest magnitude (features left with no
    /// weight are dropped): trades a little accuracy for size and speed.
    pub fn prune(&self, max_entries: usize) -> Model {
        if self.entries.len() <= max_entries {
            return self.clone();
        }
        let w = |e: u32| (e as u16 as i16).unsigned_abs();
        let mut mags: Vec<u16> = self.entries.iter().map(|e| w(*e)).collect();
        let k = mags.len() - max_entries;
        let floor = *mags.select_nth_unstable(k).1;
        let mut b = ModelBuilder::new(self.nclasses, self.scale);
        let mut start = 0usize;
        for (key, len) in self.keys.iter().zip(&self.lens) {
            let end = start + usize::from(*len);
            let row: Vec<(u8, i16)> = self.entries[start..end]
                .iter()
                .filter(|e| w(**e) > floor)
                .map(|e| ((*e >> 16) as u8, *e as u16 as i16))
                .collect();
            b.push(*key, &row);
            start = end;
        }
        b.finish()
    }

    /// A one-line summary of the runtime layout (features, dense rows, bytes per array).
    pub fn stats(&self) -> String {
        let dense_rows = self
            .slots
            .as_slice()
            .iter()
            .filter(|s| s.fp != 0 && s.val >> KIND_SHIFT == KIND_DENSE)
            .count();
        let inline = self
            .slots
            .as_slice()
            .iter()
            .filter(|s| s.fp != 0 && s.val >> KIND_SHIFT >= KIND_ONE)
            .count();
        let mut hist = [0usize; 6];
        for l in &self.lens {
            hist[match *l {
                0 | 1 => 0,
                2 => 1,
                3 | 4 => 2,
                5..=8 => 3,
                9..=16 => 4,
                _ => 5,
            }] += 1;
        }
        format!(
            "row lengths 1/2/3-4/5-8/9-16/17+: {hist:?} ({inline} inline); {} classes, {} features ({} dense rows), {} weights; slots {} KiB, rows {} KiB, dense {} KiB",
            self.nclasses,
            self.keys.len(),
            dense_rows,
            self.entries.len(),
            self.slots.len() * 8 / 1024,
            self.rows.len() * 4 / 1024,
            self.dense.len() * 64 / 1024
        )
    }

    /// Number of stored weights.
    pub fn nweights(&self) -> usize {
        self.entries.len()
    }

    /// Serialises the model (little-endian, see [`Model::read`]).
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"DPM1");
        put_u32(out, self.nclasses as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        put_u32(out, self.keys.len() as u32);
        put_u32(out, self.entries.len() as u32);
        for k in &self.keys {
            out.extend_from_slice(&k.to_le_bytes());
        }
        // Row lengths (u8 is enough: a row holds at most one weight per class, ≤ 256)
        // instead of u32 offsets: a quarter of the bytes.
        out.extend_from_slice(&self.lens);
        out.extend(self.entries.iter().map(|e| (*e >> 16) as u8));
        for e in &self.entries {
            out.extend_from_slice(&(*e as u16).to_le_bytes());
        }
    }

    /// Reads a model written by [`Model::write`], advancing `r`.
    pub fn read(r: &mut Reader<'_>) -> Result<Model, String> {
        if r.bytes(4)? != b"DPM1" {
            return Err("not a dyad perceptron model (bad magic)".into());
        }
        let nclasses = r.u32()? as usize;
        let scale = f32::from_le_bytes(r.array::<4>()?);
        let nkeys = r.u32()? as usize;
        let nentries = r.u32()? as usize;
        if nclasses == 0 || nclasses > 256 {
            return Err(format!("bad class count {nclasses}"));
        }
        // Far beyond any real model, and keeps every runtime offset below its limit.
        if nkeys > 1 << 26 || nentries > 1 << 26 {
            return Err(format!(
                "model too large ({nkeys} features, {nentries} weights)"
            ));
        }
        let kb = r.bytes(nkeys.checked_mul(8).ok_or("size overflow")?)?;
        let keys: Vec<u64> = kb
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        let lens = r.bytes(nkeys)?;
        let mut starts = Vec::with_capacity(nkeys + 1);
        let mut acc = 0u32;
        starts.push(0);
        for l in lens {
            acc += u32::from(*l);
            starts.push(acc);
        }
        if acc as usize != nentries {
            return Err("row lengths do not add up".into());
        }
        let classes = r.bytes(nentries)?.to_vec();
        if classes.iter().any(|c| usize::from(*c) >= nclasses) {
            return Err("class id out of range".into());
        }
        let wb = r.bytes(nentries.checked_mul(2).ok_or("size overflow")?)?;
        let weights = wb
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model::from_parts(
            nclasses, scale, keys, starts, classes, weights,
        ))
    }
}

/// Slots per key, at least: the table is kept at most half full, so that an absent key
/// (about one lookup in thirteen) meets an empty slot within a few probes and few keys are
/// pushed away from their home slot.
const SLOTS_PER_KEY: usize = 2;

/// The open-addressing table of `keys` (with their rows' lengths and slot values).
///
/// Keys are placed longest row first. A long row belongs to a feature that training met
/// often, and such features make most of the lookups: placed first, each sits in its home
/// slot, the one that [`Model::score`] asks for ahead of time, and never one or more cache
/// lines past it behind rarer keys. Placing keys in file (hash) order instead made the
/// parser about 15 % slower.
fn slot_table(keys: &[u64], lens: &[u8], vals: &[u32]) -> HugeTable<Slot> {
    let cap = (keys.len() * SLOTS_PER_KEY).next_power_of_two().max(16);
    let mask = cap - 1;
    let mut table = HugeTable::<Slot>::zeroed(cap);
    let slots = table.as_mut_slice();
    // Key indices by row length, longest first (a counting sort; ties in file order).
    let mut first = [0usize; 257];
    for l in lens {
        first[255 - usize::from(*l) + 1] += 1;
    }
    for b in 1..first.len() {
        first[b] += first[b - 1];
    }
    let mut order = vec![0u32; keys.len()];
    for (i, l) in lens.iter().enumerate() {
        let b = &mut first[255 - usize::from(*l)];
        order[*b] = i as u32;
        *b += 1;
    }
    // In batches whose home slots are asked for first: the stores miss the cache at
    // random, and the batch's misses then overlap.
    for batch in order.chunks(16) {
        for i in batch {
            prefetch(&slots[(mix(keys[*i as usize]) as usize) & mask]);
        }
        for i in batch {
            let (k, val) = (keys[*i as usize], vals[*i as usize]);
            let mut p = (mix(k) as usize) & mask;
            while slots[p].fp != 0 {
                p = (p + 1) & mask;
            }
            slots[p] = Slot {
                fp: fingerprint(k),
                val,
            };
        }
    }
    table
}

/// The offset into `dense` and the number of blocks of a dense row's [`Slot::val`].
#[inline]
fn dense_row(v: u32) -> (usize, usize) {
    (
        v as usize & DENSE_MAX_OFFSET,
        ((v >> DENSE_LEN_SHIFT) & 0x7) as usize + 1,
    )
}

/// The offset into `rows` and the length of a sparse row's [`Slot::val`].
#[inline]
fn sparse_row(v: u32) -> (usize, usize) {
    (
        v as usize & SPARSE_MAX_OFFSET,
        ((v >> SPARSE_LEN_SHIFT) & 0xf) as usize + 1,
    )
}

/// Asks the CPU to start loading the cache line of `x`, without waiting for it: a model's
/// lookups miss the caches, and issuing all of a step's loads before using any lets their
/// misses overlap. A hint only; it changes no result. On x86-64 this is the `prefetcht0`
/// instruction, which retires at once, so the CPU goes on issuing the next ones; an
/// ordinary load there (as before) held about half of the scoring time at these loops, and
/// made the analysis about 15 % slower. Elsewhere it is an ordinary load.
#[inline(always)]
fn prefetch<T: Copy>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    safe_arch::prefetch_t0(x);
    #[cfg(not(target_arch = "x86_64"))]
    std::hint::black_box(*x);
}

fn mix(k: u64) -> u64 {
    // The keys are hashes already; a multiply spreads any structure in the low bits.
    (k ^ (k >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 7
}

/// Appends a little-endian `u32`.
pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// Appends a length-prefixed UTF-8 string.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// Appends a list of class names (a relation per label, a supertag per class): their
/// count, then each name ([`Reader::names`] reads it back).
pub fn put_names(out: &mut Vec<u8>, names: &[String]) {
    put_u32(out, names.len() as u32);
    for n in names {
        put_str(out, n);
    }
}

/// A bounds-checked cursor over model bytes: every read returns an error, never panics.
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `data`.
    pub fn new(data: &'a [u8]) -> Reader<'a> {
        Reader { data, pos: 0 }
    }

    /// The next `n` bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).ok_or("size overflow")?;
        let s = self
            .data
            .get(self.pos..end)
            .ok_or_else(|| format!("model file truncated at byte {}", self.pos))?;
        self.pos = end;
        Ok(s)
    }

    /// The next `N` bytes as an array.
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let b = self.bytes(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(b);
        Ok(a)
    }

    /// A little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array::<4>()?))
    }

    /// A length-prefixed string.
    pub fn str(&mut self) -> Result<String, String> {
        let n = self.u32()? as usize;
        let b = self.bytes(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| "invalid UTF-8 in model".to_string())
    }

    /// A list written by [`put_names`]: 1 to 256 names (class ids are bytes); `what`
    /// names them in the error for another count.
    pub fn names(&mut self, what: &str) -> Result<Vec<String>, String> {
        let n = self.u32()? as usize;
        if n == 0 || n > 256 {
            return Err(format!("bad {what} count"));
        }
        (0..n).map(|_| self.str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let data: Vec<(Vec<u64>, usize)> = (0..30)
            .map(|i| (vec![1000 + (i % 3) as u64, 7], i % 3))
            .collect();
        let mut scores = vec![0.0; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                let g = t.predict(f, &mut scores);
                t.update(f, *y, g);
            }
        }
        let m = t.freeze();
        let mut bytes = Vec::new();
        m.write(&mut bytes);
        let m2 = Model::read(&mut Reader::new(&bytes)).expect("reads back");
        let mut s = Vec::new();
        for (f, y) in &data {
            m2.score(f, &mut s);
            assert_eq!(argmax(&s), *y);
        }
        assert!(Model::read(&mut Reader::new(&bytes[..bytes.len() - 1])).is_err());
    }

    /// Thirty (features, class) items for the mixing tests: the class follows one feature.
    fn mixing_data() -> Vec<(Vec<u64>, usize)> {
        (0..30)
            .map(|i| (vec![1000 + (i % 3) as u64, 7, 2000 + (i % 5) as u64], i % 3))
            .collect()
    }

    /// A perceptron trained three epochs on `data`, forwards or backwards.
    fn trained(data: &[(Vec<u64>, usize)], order_rev: bool) -> Trainer {
        let mut t = Trainer::new(3);
        let mut scores = vec![0.0; 3];
        for _ in 0..3 {
            let mut items: Vec<&(Vec<u64>, usize)> = data.iter().collect();
            if order_rev {
                items.reverse();
            }
            for (f, y) in items {
                let g = t.predict(f, &mut scores);
                t.update(f, *y, g);
            }
        }
        t
    }

    #[test]
    fn mixing_copies_of_one_trainer_gives_that_trainers_model() {
        let data = mixing_data();
        let (a, b) = (trained(&data, false), trained(&data, false));
        let mixed = Trainer::freeze_mixed(&[a, b], usize::MAX);
        let single = trained(&data, false).freeze();
        assert_eq!(mixed.scale, single.scale);
        let (mut sm, mut ss) = (Vec::new(), Vec::new());
        for (f, _) in &data {
            mixed.score(f, &mut sm);
            single.score(f, &mut ss);
            assert_eq!(sm, ss);
        }
    }

    #[test]
    fn a_mixed_model_scores_with_the_mean_of_its_trainers_weights() {
        let data = mixing_data();
        let (a, b) = (trained(&data, false), trained(&data, true));
        let (ma, mb) = (a.freeze(), b.freeze());
        let mixed = Trainer::freeze_mixed(&[a, b], usize::MAX);
        let (mut sa, mut sb, mut sm) = (Vec::new(), Vec::new(), Vec::new());
        for (f, _) in &data {
            ma.score(f, &mut sa);
            mb.score(f, &mut sb);
            mixed.score(f, &mut sm);
            for c in 0..3 {
                let mean = (sa[c] + sb[c]) / 2.0;
                // Each model is quantised with its own scale: allow a few steps of each.
                let tol = 4.0 * (ma.scale + mb.scale + mixed.scale);
                assert!((sm[c] - mean).abs() <= tol, "{} vs {mean}", sm[c]);
            }
        }
    }

    /// Scores by a plain scan of the file-layout rows: the reference for the runtime layout.
    fn naive_scores(m: &Model, feats: &[u64]) -> Vec<f32> {
        let mut acc = vec![0i32; m.nclasses];
        let mut start = 0usize;
        for (k, len) in m.keys.iter().zip(&m.lens) {
            let end = start + usize::from(*len);
            for f in feats {
                if f == k {
                    for e in &m.entries[start..end] {
                        acc[(*e >> 16) as usize] += i32::from(*e as u16 as i16);
                    }
                }
            }
            start = end;
        }
        acc.iter().map(|a| *a as f32 * m.scale).collect()
    }

    /// A model with rows of every runtime kind (see the test below), as file bytes.
    fn model_bytes() -> (Vec<u8>, Vec<u64>) {
        let k = |i: u64| crate::feat::f1(79, i);
        let mut b = ModelBuilder::new(200, 0.5);
        b.push(k(1), &[(3, 7)]);
        b.push(k(2), &[(5, -9), (100, 9)]);
        b.push(k(3), &[(150, 3), (2, -3)]);
        b.push(k(4), &[(0, 1), (7, -2), (9, 32767)]);
        let dense: Vec<(u8, i16)> = (0..40u8).map(|c| (c * 4, i16::from(c) - 20)).collect();
        b.push(k(5), &dense);
        let mut bytes = Vec::new();
        b.finish().write(&mut bytes);
        (bytes, (0..8).map(k).collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        /// A damaged model file is refused or read into a model that scores without a
        /// panic: a user may load models from any directory.
        #[test]
        fn a_damaged_model_file_is_refused_or_scores_without_panic(
            edits in proptest::collection::vec((0usize..2000, proptest::prelude::any::<u8>()), 1..8),
            cut in 0usize..2000,
        ) {
            let (mut bytes, keys) = model_bytes();
            for (at, v) in edits {
                let n = bytes.len();
                bytes[at % n] = v;
            }
            bytes.truncate(bytes.len() - cut.min(bytes.len()) % 16);
            if let Ok(m) = Model::read(&mut Reader::new(&bytes)) {
                let mut s = Vec::new();
                m.score(&keys, &mut s);
                proptest::prop_assert_eq!(s.len(), m.nclasses());
            }
        }
    }

    #[test]
    fn the_longer_row_takes_the_home_slot_two_keys_share() {
        // Two keys with the same home slot, the short row first in the file: the long row
        // (a frequent feature) must still sit in its home slot, the short one after it.
        let k = |i: u64| crate::feat::f1(78, i);
        // 40 keys make a table of 128 slots; find the first key sharing key 0's home.
        let n = 40;
        let mask = (n * SLOTS_PER_KEY).next_power_of_two() - 1;
        let home = |key: u64| (mix(key) as usize) & mask;
        let twin = (1..10_000)
            .find(|i| home(k(*i)) == home(k(0)))
            .expect("a key with the same home slot");
        let mut b = ModelBuilder::new(4, 1.0);
        let fillers = (1000..).filter(|i| home(k(*i)) != home(k(0)));
        b.push(k(0), &[(1, 5)]);
        b.push(k(twin), &[(0, 1), (1, 2), (2, 3)]);
        for i in fillers.take(n - 2) {
            b.push(k(i), &[(3, 1)]);
        }
        let m = b.finish();
        let slots = m.slots.as_slice();
        assert_eq!(slots.len(), mask + 1);
        assert_eq!(slots[home(k(0))].fp, fingerprint(k(twin)));
        let mut s = Vec::new();
        m.score(&[k(0), k(twin)], &mut s);
        assert_eq!(s, vec![1.0, 7.0, 3.0, 0.0]);
    }

    #[test]
    fn inline_pair_and_dense_rows_score_like_the_file_rows() {
        // One row of each runtime kind: a single weight, an antisymmetric pair (inline), a
        // pair that is not antisymmetric, a pair with a class above 127 (both out of
        // line), a short sparse row and a dense one.
        // Keys are feature hashes in real use (the fingerprint is their high half).
        let k = |i: u64| crate::feat::f1(77, i);
        let nc = 200;
        let mut b = ModelBuilder::new(nc, 0.5);
        b.push(k(11), &[(3, 7)]);
        b.push(k(12), &[(5, -9), (100, 9)]);
        b.push(k(13), &[(1, 4), (2, 5)]);
        b.push(k(14), &[(150, 3), (2, -3)]);
        b.push(k(15), &[(0, 1), (7, -2), (9, 32767)]);
        let dense: Vec<(u8, i16)> = (0..40u8).map(|c| (c * 4, i16::from(c) - 20)).collect();
        b.push(k(16), &dense);
        // The longest sparse row (its length fills the 4 bits it has in the slot).
        let long: Vec<(u8, i16)> = (0..16u8).map(|c| (c * 3, i16::from(c) + 1)).collect();
        b.push(k(17), &long);
        let m = b.finish();
        let inline = m
            .slots
            .as_slice()
            .iter()
            .filter(|s| s.fp != 0 && s.val >> KIND_SHIFT >= KIND_ONE)
            .count();
        assert_eq!(inline, 2);
        // The dense row's 40 classes are renumbered first: 2 blocks, not all 7 of 200.
        assert_eq!(m.dense.len(), 2);
        let feats = [
            k(11),
            k(12),
            k(13),
            k(14),
            k(15),
            k(16),
            k(99),
            k(12),
            k(17),
        ];
        let mut s = Vec::new();
        m.score(&feats, &mut s);
        assert_eq!(s, naive_scores(&m, &feats));
        assert_eq!(s[5], -9.0);
        assert_eq!(s[100], 9.0 + 2.5); // the pair and the dense row
        assert_eq!(s[3], 3.5 + 1.0); // the one-weight row and the long sparse one
                                     // And after a write/read round trip.
        let mut bytes = Vec::new();
        m.write(&mut bytes);
        let m2 = Model::read(&mut Reader::new(&bytes)).expect("reads back");
        let mut s2 = Vec::new();
        m2.score(&feats, &mut s2);
        assert_eq!(s, s2);
    }
}
