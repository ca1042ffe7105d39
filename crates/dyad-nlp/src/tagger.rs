//! Part-of-speech tagger: greedy left-to-right averaged perceptron predicting the
//! `(UPOS, XPOS)` pair as one class, with morphological features looked up by form and tag.
//!
//! Predicting the pair keeps UPOS and XPOS consistent (`VBD` is `VERB` or `AUX`, never
//! `NOUN`). Frequent unambiguous words skip the classifier through a tag dictionary, which
//! is both faster and as accurate. Each word also sees the most frequent class of itself
//! and its right neighbours (an "ambiguity class" from training), a cheap stand-in for
//! a second, right-to-left pass.

use crate::feat::{f1, f2, f3, hash_str, norm, prefix, shape, suffix};
use crate::perceptron::{put_str, put_u32, FastMap, Model, Reader};

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Class id → (UPOS, XPOS).
    pub classes: Vec<(String, String)>,
    pub(crate) model: Model,
    /// Frequent unambiguous forms → class.
    pub(crate) tagdict: FastMap<String, u8>,
    /// Forms seen often enough → their most frequent class (the ambiguity-class feature).
    pub(crate) mfclass: FastMap<String, u8>,
    /// (lowercased form, class) → FEATS.
    pub(crate) feats: FastMap<(String, u8), String>,
    /// Class → most frequent FEATS.
    pub(crate) class_feats: Vec<String>,
}

/// Per-word lexical hashes, computed once per sentence.
pub(crate) struct Lex {
    w: u64,
    exact: u64,
    suf: [u64; 5],
    pre: [u64; 3],
    shape: u64,
    mf: u64,
    /// Most frequent class of the lowercased form, for capitalised words (`Applause`).
    mflow: u64,
    flags: u64,
}

pub(crate) fn lexify(words: &[&str], mfclass: &FastMap<String, u8>) -> Vec<Lex> {
    words
        .iter()
        .map(|w| {
            let n = norm(w);
            let mf = mfclass.get(*w).map_or(0, |c| u64::from(*c) + 1);
            let mflow = if w.chars().any(char::is_uppercase) {
                mfclass
                    .get(&w.to_lowercase())
                    .map_or(1, |c| u64::from(*c) + 2)
            } else {
                0
            };
            let first = w.chars().next().unwrap_or(' ');
            let flags = u64::from(first.is_uppercase())
                | (u64::from(w.chars().any(|c| c.is_ascii_digit())) << 1)
                | (u64::from(w.contains('-')) << 2)
                | (u64::from(w.chars().all(|c| c.is_uppercase())) << 3);
            Lex {
                w: hash_str(&n),
                exact: hash_str(w),
                suf: [
                    hash_str(suffix(&n, 1)),
                    hash_str(suffix(&n, 2)),
                    hash_str(suffix(&n, 3)),
                    hash_str(suffix(&n, 4)),
                    hash_str(suffix(&n, 5)),
                ],
                pre: [
                    hash_str(prefix(&n, 1)),
                    hash_str(prefix(&n, 2)),
                    hash_str(prefix(&n, 3)),
                ],
                shape: hash_str(&shape(w)),
                mf,
                mflow,
                flags,
            }
        })
        .collect()
}

const NONE: u64 = 0x5eed;

/// How capitalised the sentence is, in quarters: headlines and titles capitalise common
/// nouns, which is the commonest source of NOUN/PROPN confusion.
pub(crate) fn caps_bucket(lex: &[Lex]) -> u64 {
    let cap = lex.iter().filter(|l| l.flags & 1 != 0).count();
    (4 * cap / lex.len().max(1)) as u64
}

pub(crate) fn features(lex: &[Lex], i: usize, p1: u64, p2: u64, caps: u64, out: &mut Vec<u64>) {
    out.clear();
    let x = &lex[i];
    let get = |j: isize| -> Option<&Lex> {
        if j < 0 {
            None
        } else {
            lex.get(j as usize)
        }
    };
    let ii = i as isize;
    let wm1 = get(ii - 1).map_or(NONE, |l| l.w);
    let wm2 = get(ii - 2).map_or(NONE, |l| l.w);
    let wp1 = get(ii + 1).map_or(NONE, |l| l.w);
    let wp2 = get(ii + 2).map_or(NONE, |l| l.w);
    let mfp1 = get(ii + 1).map_or(NONE, |l| l.mf);
    let mfp2 = get(ii + 2).map_or(NONE, |l| l.mf);
    let mfm1 = get(ii - 1).map_or(NONE, |l| l.mf);
    out.push(f1(0, 0));
    out.push(f1(1, x.w));
    out.push(f1(2, x.exact));
    for (k, s) in x.suf.iter().take(4).enumerate() {
        out.push(f1(3 + k as u64, *s));
    }
    out.push(f1(7, x.pre[0]));
    out.push(f1(8, x.pre[1]));
    out.push(f1(9, x.shape));
    out.push(f1(10, x.flags | (u64::from(i == 0) << 8)));
    out.push(f1(11, p1));
    out.push(f1(12, p2));
    out.push(f2(13, p1, p2));
    out.push(f2(14, p1, x.w));
    out.push(f1(15, wm1));
    out.push(f1(16, wm2));
    out.push(f1(17, wp1));
    out.push(f1(18, wp2));
    out.push(f2(19, x.w, wp1));
    out.push(f2(20, wm1, x.w));
    out.push(f1(21, get(ii - 1).map_or(NONE, |l| l.suf[2])));
    out.push(f1(22, get(ii + 1).map_or(NONE, |l| l.suf[2])));
    out.push(f1(23, get(ii + 1).map_or(NONE, |l| l.shape)));
    out.push(f1(24, x.mf));
    out.push(f1(25, mfp1));
    out.push(f2(26, mfp1, mfp2));
    out.push(f2(27, x.mf, mfp1));
    out.push(f2(28, p1, x.mf));
    out.push(f2(29, p1, x.suf[2]));
    out.push(f3(30, p1, x.mf, mfp1));
    out.push(f2(31, mfm1, x.mf));
    out.push(f2(32, x.shape, p1));
    out.push(f1(33, x.suf[4]));
    out.push(f1(34, x.pre[2]));
    out.push(f2(35, wm1, wp1));
    out.push(f2(36, p1, wp1));
    out.push(f3(37, p1, p2, x.w));
    out.push(f2(38, x.w, mfp1));
    out.push(f2(39, get(ii - 1).map_or(NONE, |l| l.exact), x.exact));
    out.push(f1(40, x.mflow));
    out.push(f2(41, x.mflow, p1));
    out.push(f2(42, x.mflow, u64::from(i == 0)));
    out.push(f2(43, x.mflow, caps));
    out.push(f2(44, x.flags, caps));
}

impl Tagger {
    /// Class ids for `words`, greedily left to right.
    pub fn tag(&self, words: &[&str]) -> Vec<u8> {
        let lex = lexify(words, &self.mfclass);
        let caps = caps_bucket(&lex);
        let mut out: Vec<u8> = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(40);
        let mut scores = Vec::new();
        for i in 0..words.len() {
            let c = if let Some(c) = self.tagdict.get(words[i]) {
                *c
            } else {
                let p1 = if i >= 1 { u64::from(out[i - 1]) } else { NONE };
                let p2 = if i >= 2 { u64::from(out[i - 2]) } else { NONE };
                features(&lex, i, p1, p2, caps, &mut feats);
                self.model.score(&feats, &mut scores);
                crate::perceptron::argmax(&scores) as u8
            };
            out.push(c);
        }
        out
    }

    /// UPOS of a class.
    pub fn upos(&self, c: u8) -> &str {
        self.classes
            .get(usize::from(c))
            .map_or("X", |p| p.0.as_str())
    }

    /// XPOS of a class.
    pub fn xpos(&self, c: u8) -> &str {
        self.classes
            .get(usize::from(c))
            .map_or("_", |p| p.1.as_str())
    }

    /// FEATS for a word with class `c`.
    pub fn feats_for(&self, form: &str, c: u8) -> &str {
        let lower = form.to_lowercase();
        if let Some(f) = self.feats.get(&(lower, c)) {
            return f;
        }
        self.class_feats
            .get(usize::from(c))
            .map_or("_", |s| s.as_str())
    }

    /// Serialises the tagger.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"DTG1");
        put_u32(out, self.classes.len() as u32);
        for (u, x) in &self.classes {
            put_str(out, u);
            put_str(out, x);
        }
        for f in &self.class_feats {
            put_str(out, f);
        }
        let mut td: Vec<(&String, &u8)> = self.tagdict.iter().collect();
        td.sort();
        put_u32(out, td.len() as u32);
        for (w, c) in td {
            put_str(out, w);
            out.push(*c);
        }
        let mut mf: Vec<(&String, &u8)> = self.mfclass.iter().collect();
        mf.sort();
        put_u32(out, mf.len() as u32);
        for (w, c) in mf {
            put_str(out, w);
            out.push(*c);
        }
        let mut fe: Vec<(&(String, u8), &String)> = self.feats.iter().collect();
        fe.sort();
        put_u32(out, fe.len() as u32);
        for ((w, c), f) in fe {
            put_str(out, w);
            out.push(*c);
            put_str(out, f);
        }
        self.model.write(out);
    }

    /// Reads a tagger written by [`Tagger::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Tagger, String> {
        if r.bytes(4)? != b"DTG1" {
            return Err("not a dyad tagger model".into());
        }
        let n = r.u32()? as usize;
        if n == 0 || n > 256 {
            return Err("bad tagger class count".into());
        }
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            classes.push((r.str()?, r.str()?));
        }
        let mut class_feats = Vec::with_capacity(n);
        for _ in 0..n {
            class_feats.push(r.str()?);
        }
        let read_map = |r: &mut Reader<'_>| -> Result<FastMap<String, u8>, String> {
            let m = r.u32()? as usize;
            let mut map = FastMap::with_capacity_and_hasher(m.min(1 << 20), Default::default());
            for _ in 0..m {
                let w = r.str()?;
                let c = r.bytes(1)?[0];
                map.insert(w, c);
            }
            Ok(map)
        };
        let tagdict = read_map(r)?;
        let mfclass = read_map(r)?;
        let m = r.u32()? as usize;
        let mut feats = FastMap::with_capacity_and_hasher(m.min(1 << 20), Default::default());
        for _ in 0..m {
            let w = r.str()?;
            let c = r.bytes(1)?[0];
            let f = r.str()?;
            feats.insert((w, c), f);
        }
        let model = Model::read(r)?;
        if model.nclasses() != n {
            return Err("tagger model and class list disagree".into());
        }
        let max_ok = |c: &u8| usize::from(*c) < n;
        if !tagdict.values().all(max_ok) || !mfclass.values().all(max_ok) {
            return Err("tagger dictionary class out of range".into());
        }
        Ok(Tagger {
            classes,
            model,
            tagdict,
            mfclass,
            feats,
            class_feats,
        })
    }
}
