//! Part-of-speech tagger: greedy left-to-right averaged perceptron predicting the
//! `(UPOS, XPOS)` pair as one class, with morphological features looked up by form and tag.
//!
//! Predicting the pair keeps UPOS and XPOS consistent (`VBD` is `VERB` or `AUX`, never
//! `NOUN`). Frequent unambiguous words skip the classifier through a tag dictionary, which
//! is both faster and as accurate. Each word also sees the most frequent class of itself
//! and its right neighbours (an "ambiguity class" from training). An optional second
//! pass re-tags the words the first pass was unsure of, seeing the first pass's tags of
//! the words to their right, which a greedy left-to-right pass cannot know.

use crate::feat::{
    changes_when_lowercased, f1, f2, f3, hash_str, norm_into, prefix, shape_into, suffix,
};
use crate::parser::Node;
use crate::perceptron::{put_str, put_u32, FastMap, Model, Reader};

/// The trained tagger.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// Class id → (UPOS, XPOS).
    pub classes: Vec<(String, String)>,
    pub(crate) model: Model,
    /// The second pass (the first pass's features plus its tags of the word and of the
    /// next two words), if any.
    pub(crate) model2: Option<Model>,
    /// Words whose first-pass margin (best score minus runner-up) reaches this keep the
    /// first-pass tag: the second pass rarely changes a confident decision, and skipping
    /// it saves most of its time.
    pub(crate) margin: f32,
    /// Frequent unambiguous forms → class.
    pub(crate) tagdict: FastMap<String, u8>,
    /// Forms seen often enough → their most frequent class (the ambiguity-class feature).
    pub(crate) mfclass: FastMap<String, u8>,
    /// Lowercased form → (class, FEATS) pairs (keyed by the form alone, so looking up an
    /// already lowercase word needs no allocation).
    pub(crate) feats: FastMap<String, Vec<(u8, String)>>,
    /// Class → most frequent FEATS.
    pub(crate) class_feats: Vec<String>,
}

/// Per-word lexical hashes, computed once per sentence.
pub(crate) struct Lex {
    /// Hash of the normalised form (the same as [`Node::w`]).
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

impl Lex {
    /// The most-frequent-class feature (0: none).
    #[cfg(test)]
    pub(crate) fn mf(&self) -> u64 {
        self.mf
    }
}

/// Per-word lexical features of a sentence; `mf` gives a form's most frequent class in
/// training (if it was seen often enough).
pub(crate) fn lexify(words: &[&str], mf: &dyn Fn(&str) -> Option<u8>) -> Vec<Lex> {
    // One buffer each for the normalised form and the shape, reused across the sentence's
    // words.
    let (mut n, mut shape) = (String::new(), String::new());
    words
        .iter()
        .map(|w| {
            norm_into(w, &mut n);
            let own = mf(w);
            let mflow = if w.chars().any(char::is_uppercase) {
                mf(&w.to_lowercase()).map_or(1, |c| u64::from(c) + 2)
            } else {
                0
            };
            let mf = own.map_or(0, |c| u64::from(c) + 1);
            let first = w.chars().next().unwrap_or(' ');
            let flags = u64::from(first.is_uppercase())
                | (u64::from(w.chars().any(|c| c.is_ascii_digit())) << 1)
                | (u64::from(w.contains('-')) << 2)
                | (u64::from(w.chars().all(|c| c.is_uppercase())) << 3);
            shape_into(w, &mut shape);
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
                shape: hash_str(&shape),
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

/// The second pass's features: the first pass's, plus the first-pass tags `first` of the
/// word itself and of the next two words.
pub(crate) fn features2(
    lex: &[Lex],
    i: usize,
    (p1, p2): (u64, u64),
    first: &[u8],
    caps: u64,
    out: &mut Vec<u64>,
) {
    features(lex, i, p1, p2, caps, out);
    let x = &lex[i];
    let (t0, r1, r2) = (at(first, i), at(first, i + 1), at(first, i + 2));
    out.push(f1(50, r1));
    out.push(f2(51, r1, r2));
    out.push(f2(52, x.w, r1));
    out.push(f2(53, p1, r1));
    out.push(f3(54, p1, x.mf, r1));
    out.push(f2(55, x.suf[2], r1));
    out.push(f2(56, x.mflow, r1));
    out.push(f1(57, t0));
    out.push(f2(58, t0, r1));
    out.push(f3(59, p1, t0, r1));
    out.push(f2(60, t0, x.w));
}

/// The tag of word `i` in `tags`, or the boundary marker.
fn at(tags: &[u8], i: usize) -> u64 {
    tags.get(i).map_or(NONE, |c| u64::from(*c))
}

impl Tagger {
    /// Class ids for `words`, greedily left to right (twice, with a second pass).
    pub fn tag(&self, words: &[&str]) -> Vec<u8> {
        self.tag_nodes(words).0
    }

    /// Class ids for `words` and the parser's input nodes (the word hashes computed for
    /// tagging are reused).
    pub fn tag_nodes(&self, words: &[&str]) -> (Vec<u8>, Vec<Node>) {
        let lex = lexify(words, &|k| self.mfclass.get(k).copied());
        let (first, margins) = self.first_pass(words, &lex);
        let tags = match &self.model2 {
            Some(m2) => self.second_pass(m2, words, &lex, &first, &margins),
            None => first,
        };
        let nodes = lex
            .iter()
            .zip(&tags)
            .map(|(l, t)| Node::from_hash(l.w, *t))
            .collect();
        (tags, nodes)
    }

    /// The first, left-to-right pass: a class per word, and the margin of its score over
    /// the runner-up (infinite for tag-dictionary words).
    pub(crate) fn first_pass(&self, words: &[&str], lex: &[Lex]) -> (Vec<u8>, Vec<f32>) {
        let caps = caps_bucket(lex);
        let mut out: Vec<u8> = Vec::with_capacity(words.len());
        let mut margins: Vec<f32> = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(48);
        let mut scores = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let (c, m) = if let Some(c) = self.tagdict.get(*w) {
                (*c, f32::INFINITY)
            } else {
                let p1 = if i >= 1 { u64::from(out[i - 1]) } else { NONE };
                let p2 = if i >= 2 { u64::from(out[i - 2]) } else { NONE };
                features(lex, i, p1, p2, caps, &mut feats);
                self.model.score(&feats, &mut scores);
                let best = crate::perceptron::argmax(&scores);
                let top = scores.get(best).copied().unwrap_or(0.0);
                let second = scores
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != best)
                    .map(|(_, v)| *v)
                    .fold(f32::NEG_INFINITY, f32::max);
                (best as u8, top - second)
            };
            out.push(c);
            margins.push(m);
        }
        (out, margins)
    }

    /// The second pass over the first pass's tags `first`.
    pub(crate) fn second_pass(
        &self,
        m2: &Model,
        words: &[&str],
        lex: &[Lex],
        first: &[u8],
        margins: &[f32],
    ) -> Vec<u8> {
        let thr = self.margin;
        let caps = caps_bucket(lex);
        let mut out: Vec<u8> = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(56);
        let mut scores = Vec::new();
        for i in 0..words.len() {
            // Tag-dictionary words have an infinite margin: they keep their first tag here
            // without a second lookup.
            let c = if margins
                .get(i)
                .is_some_and(|m| *m == f32::INFINITY || *m >= thr)
            {
                first.get(i).copied().unwrap_or(0)
            } else {
                let p = (
                    if i >= 1 { at(&out, i - 1) } else { NONE },
                    if i >= 2 { at(&out, i - 2) } else { NONE },
                );
                features2(lex, i, p, first, caps, &mut feats);
                m2.score(&feats, &mut scores);
                crate::perceptron::argmax(&scores) as u8
            };
            out.push(c);
        }
        out
    }

    /// The underlying perceptron.
    pub fn model(&self) -> &Model {
        &self.model
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
        let lower;
        let key = if changes_when_lowercased(form) {
            lower = form.to_lowercase();
            lower.as_str()
        } else {
            form
        };
        if let Some(f) = self
            .feats
            .get(key)
            .and_then(|v| v.iter().find(|(k, _)| *k == c))
        {
            return &f.1;
        }
        self.class_feats
            .get(usize::from(c))
            .map_or("_", |s| s.as_str())
    }

    /// Serialises the tagger.
    pub fn write(&self, out: &mut Vec<u8>) {
        // DTG2 is DTG1 followed by the second-pass model and its margin (f32).
        out.extend_from_slice(if self.model2.is_some() {
            b"DTG2"
        } else {
            b"DTG1"
        });
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
        let mut fe: Vec<(&String, u8, &String)> = self
            .feats
            .iter()
            .flat_map(|(w, v)| v.iter().map(move |(c, f)| (w, *c, f)))
            .collect();
        fe.sort();
        put_u32(out, fe.len() as u32);
        for (w, c, f) in fe {
            put_str(out, w);
            out.push(c);
            put_str(out, f);
        }
        self.model.write(out);
        if let Some(m2) = &self.model2 {
            m2.write(out);
            out.extend_from_slice(&self.margin.to_le_bytes());
        }
    }

    /// Reads a tagger written by [`Tagger::write`].
    pub fn read(r: &mut Reader<'_>) -> Result<Tagger, String> {
        let two_pass = match r.bytes(4)? {
            b"DTG1" => false,
            b"DTG2" => true,
            _ => return Err("not a dyad tagger model".into()),
        };
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
        let mut feats: FastMap<String, Vec<(u8, String)>> =
            FastMap::with_capacity_and_hasher(m.min(1 << 20), Default::default());
        for _ in 0..m {
            let w = r.str()?;
            let c = r.bytes(1)?[0];
            let f = r.str()?;
            feats.entry(w).or_default().push((c, f));
        }
        let model = Model::read(r)?;
        let (model2, margin) = if two_pass {
            let m2 = Model::read(r)?;
            let margin = f32::from_le_bytes(r.array::<4>()?);
            if margin.is_nan() {
                return Err("bad second-pass margin".into());
            }
            (Some(m2), margin)
        } else {
            (None, f32::INFINITY)
        };
        if model.nclasses() != n || model2.as_ref().is_some_and(|m| m.nclasses() != n) {
            return Err("tagger model and class list disagree".into());
        }
        let max_ok = |c: &u8| usize::from(*c) < n;
        if !tagdict.values().all(max_ok) || !mfclass.values().all(max_ok) {
            return Err("tagger dictionary class out of range".into());
        }
        Ok(Tagger {
            classes,
            model,
            model2,
            margin,
            tagdict,
            mfclass,
            feats,
            class_feats,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercasing_check_agrees_with_to_lowercase() {
        for w in [
            "the",
            "The",
            "ÉTÉ",
            "été",
            "ǅemal",
            "123",
            "",
            "İstanbul",
            "straße",
        ] {
            assert_eq!(changes_when_lowercased(w), w.to_lowercase() != w, "{w}");
        }
    }
}
