//! Training of the tagger, lemmatizer and parser from UD treebanks (CoNLL-U files).
//!
//! Deterministic: sentence order is shuffled each epoch by a seeded SplitMix64 generator,
//! every map that feeds a model is iterated in sorted order, and the best epoch is chosen
//! on the dev files. Test files are never read here.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::lemma::{Lemmatizer, Rule, MAX_SUFFIX};
use crate::parser::{
    missing_parts_mask, nclasses, set_classes, set_coarse, set_supertags, skip_mask,
    train_sentence, upos_number, Node, Parser, Search, ACCURATE_SEARCH,
};
use crate::perceptron::{FastMap, Reader, Trainer};
use crate::supertag::{supertag_of, Supertagger};
use crate::tagger::{caps_bucket, features, features2, lexify, Lex, Tagger};
use crate::wordclass::{Kind, WordClasses, WordNetFiles};
use crate::ModelError;

/// One training sentence with its gold annotation.
#[derive(Debug, Clone, Default)]
pub struct GoldSentence {
    /// Word forms.
    pub forms: Vec<String>,
    /// Lemmas.
    pub lemmas: Vec<String>,
    /// UPOS tags.
    pub upos: Vec<String>,
    /// XPOS tags.
    pub xpos: Vec<String>,
    /// FEATS.
    pub feats: Vec<String>,
    /// Heads (0 = root).
    pub heads: Vec<usize>,
    /// Relations.
    pub deprels: Vec<String>,
}

/// What a training run did.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Human-readable lines (per-epoch dev scores, sizes, time).
    pub lines: Vec<String>,
    /// Best dev score (accuracy in percent; LAS for the parser).
    pub dev_score: f64,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Bytes written.
    pub bytes: usize,
}

/// Reads gold sentences from CoNLL-U files (sentences with a missing head are kept with
/// head 0; malformed lines are skipped by the reader).
pub fn read_gold(paths: &[PathBuf]) -> Result<Vec<GoldSentence>, ModelError> {
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p)
            .map_err(|e| ModelError(format!("cannot read {}: {e}", p.display())))?;
        let (sents, _errors) = dyad_conllu::parse(&text);
        for s in sents {
            if s.words.is_empty() {
                continue;
            }
            let mut g = GoldSentence::default();
            for w in &s.words {
                g.forms.push(w.form.clone());
                g.lemmas.push(w.lemma.clone());
                g.upos.push(w.upos.clone());
                g.xpos.push(w.xpos.clone());
                g.feats.push(w.feats.clone());
                let h = w.head.unwrap_or(0);
                g.heads.push(if h > s.words.len() { 0 } else { h });
                g.deprels.push(w.deprel.clone());
            }
            out.push(g);
        }
    }
    Ok(out)
}

/// SplitMix64: a tiny, well-mixed, seedable generator (determinism without a dependency).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn class_key(u: &str, x: &str) -> (String, String) {
    (u.to_string(), x.to_string())
}

/// For tagger classes (UPOS, XPOS pairs), a function giving each word's gold class id
/// (0 for a pair not among them).
fn gold_class_ids(classes: &[(String, String)]) -> impl Fn(&GoldSentence) -> Vec<u8> {
    let cid: HashMap<(String, String), u8> = classes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), i as u8))
        .collect();
    move |s: &GoldSentence| {
        s.upos
            .iter()
            .zip(&s.xpos)
            .map(|(u, x)| cid.get(&class_key(u, x)).copied().unwrap_or(0))
            .collect()
    }
}

/// The most frequent class of a form from its class counts, if it was seen often enough to
/// get the ambiguity-class feature (ties go to the smaller class id).
fn most_frequent_class(m: &BTreeMap<u8, usize>) -> Option<u8> {
    let total: usize = m.values().sum();
    if total < MFCLASS_MIN_COUNT {
        return None;
    }
    top_class(m).map(|(c, _)| c)
}

/// The class seen most often in `m`, with its count (ties go to the smaller class id).
fn top_class(m: &BTreeMap<u8, usize>) -> Option<(u8, usize)> {
    m.iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(c, n)| (*c, *n))
}

/// The tagger's per-word lexical features of every training sentence. With
/// `leave_one_out`, each word's most-frequent-class feature is counted from the *other*
/// sentences. Counted over all sentences, every training word seen three times or more
/// has its class feature, which is then its own right tag; on new text many words have
/// none, so the tagger would lean on a feature that is often not there.
fn training_lexes(
    train: &[GoldSentence],
    gold: &dyn Fn(&GoldSentence) -> Vec<u8>,
    leave_one_out: bool,
) -> Vec<Vec<Lex>> {
    let mut counts: HashMap<&str, BTreeMap<u8, usize>> = HashMap::new();
    let golds: Vec<Vec<u8>> = train.iter().map(gold).collect();
    for (s, gc) in train.iter().zip(&golds) {
        for (f, c) in s.forms.iter().zip(gc) {
            *counts.entry(f.as_str()).or_default().entry(*c).or_default() += 1;
        }
    }
    train
        .iter()
        .zip(&golds)
        .map(|(s, gc)| {
            let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
            if !leave_one_out {
                return lexify(&words, &|k| counts.get(k).and_then(most_frequent_class));
            }
            // This sentence's own counts, subtracted from the corpus counts.
            let mut own: HashMap<&str, BTreeMap<u8, usize>> = HashMap::new();
            for (f, c) in s.forms.iter().zip(gc) {
                *own.entry(f.as_str()).or_default().entry(*c).or_default() += 1;
            }
            let mf = |k: &str| -> Option<u8> {
                let all = counts.get(k)?;
                let Some(o) = own.get(k) else {
                    return most_frequent_class(all);
                };
                let mut rest = all.clone();
                for (c, n) in o {
                    if let Some(v) = rest.get_mut(c) {
                        *v -= n;
                    }
                }
                most_frequent_class(&rest)
            };
            lexify(&words, &mf)
        })
        .collect()
}

/// How a tagger pass is trained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaggerRecipe {
    /// Each training sentence's most-frequent-class features leave that sentence out
    /// (see `training_lexes`).
    pub leave_one_out: bool,
    /// Perceptrons trained side by side on other orders of the data, whose mean weights
    /// make the model (see [`Trainer::freeze_mixed`]).
    pub mix: usize,
}

/// The shipped tagger's recipe (both passes). EWT dev UPOS, gold tokens, 12 epochs: 95.36
/// before (8 epochs), 95.40 leaving one sentence out, 95.49 with three or five mixed
/// perceptrons as well (five are kept: the same dev accuracy in fewer weights after
/// pruning, see [`TAGGER_MAX_WEIGHTS`]).
pub const TAGGER_RECIPE: TaggerRecipe = TaggerRecipe {
    leave_one_out: true,
    mix: 5,
};

/// The recipe of the taggers whose jackknifed tags the parsers are trained on: one
/// perceptron, counts over all sentences (the recipe the shipped parsers were trained
/// with; jackknifing only needs tags as noisy as a tagger's on new text).
pub const PARSER_JACKKNIFE_RECIPE: TaggerRecipe = TaggerRecipe {
    leave_one_out: false,
    mix: 1,
};

/// Trains a tagger in memory; `epochs` passes, best dev epoch kept (dev may be empty).
pub fn fit_tagger(
    train: &[GoldSentence],
    dev: &[GoldSentence],
    epochs: usize,
    seed: u64,
    recipe: TaggerRecipe,
    log: &mut Vec<String>,
) -> (Tagger, f64) {
    // Classes in sorted order, so ids are stable across runs.
    let mut class_set: BTreeMap<(String, String), usize> = BTreeMap::new();
    for s in train {
        for (u, x) in s.upos.iter().zip(&s.xpos) {
            *class_set.entry(class_key(u, x)).or_default() += 1;
        }
    }
    let classes: Vec<(String, String)> = class_set.keys().take(256).cloned().collect();
    let gold_classes = gold_class_ids(&classes);
    // Form statistics: tag dictionary and most-frequent class.
    let mut form_counts: BTreeMap<String, BTreeMap<u8, usize>> = BTreeMap::new();
    let mut feat_counts: BTreeMap<(String, u8), BTreeMap<String, usize>> = BTreeMap::new();
    let mut class_feat_counts: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); classes.len()];
    for s in train {
        let gc = gold_classes(s);
        for (i, f) in s.forms.iter().enumerate() {
            *form_counts
                .entry(f.clone())
                .or_default()
                .entry(gc[i])
                .or_default() += 1;
            *feat_counts
                .entry((f.to_lowercase(), gc[i]))
                .or_default()
                .entry(s.feats[i].clone())
                .or_default() += 1;
            *class_feat_counts[usize::from(gc[i])]
                .entry(s.feats[i].clone())
                .or_default() += 1;
        }
    }
    let best_of = |m: &BTreeMap<String, usize>| -> String {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| "_".into())
    };
    let class_feats: Vec<String> = class_feat_counts.iter().map(best_of).collect();
    let mut feats: FastMap<String, Vec<(u8, String)>> = FastMap::default();
    for ((w, c), m) in &feat_counts {
        let b = best_of(m);
        if b != class_feats[usize::from(*c)] {
            feats.entry(w.clone()).or_default().push((*c, b));
        }
    }
    let mut tagdict = FastMap::default();
    let mut mfclass = FastMap::default();
    for (w, m) in &form_counts {
        let total: usize = m.values().sum();
        let (bc, bn) = top_class(m).unwrap_or((0, 0));
        if let Some(c) = most_frequent_class(m) {
            mfclass.insert(w.clone(), c);
        }
        if total >= 20 && bn as f64 / total as f64 >= 0.995 {
            tagdict.insert(w.clone(), bc);
        }
    }
    let mut tagger = Tagger {
        classes: classes.clone(),
        model: Trainer::new(classes.len().max(1)).freeze(),
        model2: None,
        margin: f32::INFINITY,
        tagdict,
        mfclass,
        feats,
        class_feats,
    };
    let mut mixed = Mixed::new(recipe.mix, classes.len().max(1), train.len(), seed);
    let mut best = (-1.0f64, None);
    let mut feats_buf = Vec::new();
    let mut scores = vec![0f32; classes.len().max(1)];
    let lexes = training_lexes(train, &gold_classes, recipe.leave_one_out);
    for epoch in 0..epochs {
        let (mut correct, mut total) = (0usize, 0usize);
        mixed.epoch(|trainer, si| {
            let s = &train[si];
            let lex = &lexes[si];
            let caps = caps_bucket(lex);
            let gc = gold_classes(s);
            let mut pred: Vec<u8> = Vec::with_capacity(lex.len());
            for (i, gold) in gc.iter().enumerate() {
                let p1 = if i >= 1 {
                    u64::from(pred[i - 1])
                } else {
                    0x5eed
                };
                let p2 = if i >= 2 {
                    u64::from(pred[i - 2])
                } else {
                    0x5eed
                };
                features(lex, i, p1, p2, caps, &mut feats_buf);
                let g = trainer.predict(&feats_buf, &mut scores);
                trainer.update(&feats_buf, usize::from(*gold), g);
                correct += usize::from(g == usize::from(*gold));
                total += 1;
                pred.push(g as u8);
            }
        });
        tagger.model = mixed.freeze(TAGGER_MAX_WEIGHTS);
        let acc = if dev.is_empty() {
            epoch as f64
        } else {
            tag_accuracy(&tagger, dev, &gold_classes)
        };
        log.push(format!(
            "tagger epoch {}: train {:.2}% dev UPOS+XPOS {:.2}% ({} features)",
            epoch + 1,
            100.0 * correct as f64 / total.max(1) as f64,
            acc,
            tagger.model.nfeatures()
        ));
        if acc > best.0 {
            best = (acc, Some(tagger.model.clone()));
        }
    }
    if let (_, Some(m)) = &best {
        tagger.model = m.clone();
    }
    (tagger, best.0)
}

/// Tags every training sentence with a tagger trained on the other folds (sentence `i`
/// is in fold `i % folds`), so the tags are as noisy as on unseen text. Class ids are
/// mapped onto `classes` by name.
pub fn jackknife_tags(
    train: &[GoldSentence],
    classes: &[(String, String)],
    folds: usize,
    seed: u64,
    recipe: TaggerRecipe,
    log: &mut Vec<String>,
) -> Vec<Vec<u8>> {
    let t0 = Instant::now();
    let folds = folds.max(2);
    let mut tags: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
    for fold in 0..folds {
        let rest = other_folds(train, folds, fold);
        let mut flog = Vec::new();
        let (ft, _) = fit_tagger(&rest, &[], 5, seed ^ (fold as u64 + 1), recipe, &mut flog);
        // The fold tagger has its own class numbering; map to the main one by name.
        let remap: Vec<u8> = ft
            .classes
            .iter()
            .map(|c| classes.iter().position(|d| d == c).unwrap_or(0) as u8)
            .collect();
        for (i, s) in train.iter().enumerate() {
            if i % folds == fold {
                let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
                tags[i] = ft
                    .tag(&words)
                    .iter()
                    .map(|c| remap.get(usize::from(*c)).copied().unwrap_or(0))
                    .collect();
            }
        }
        log.push(format!(
            "jackknife fold {} tagged ({:.0}s)",
            fold + 1,
            t0.elapsed().as_secs_f64()
        ));
    }
    tags
}

/// The items outside fold `fold` of `folds` (item `i` is in fold `i % folds`): what a
/// jackknife model for that fold is trained on.
fn other_folds<T: Clone>(items: &[T], folds: usize, fold: usize) -> Vec<T> {
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| i % folds != fold)
        .map(|(_, x)| x.clone())
        .collect()
}

/// Trains the two-pass tagger: the first pass as [`fit_tagger`], then a second pass on
/// jackknifed first-pass tags of the training data (its right-context features must be
/// as noisy in training as on unseen text); the best dev epoch of each is kept.
pub fn fit_tagger_two_pass(
    train: &[GoldSentence],
    dev: &[GoldSentence],
    epochs: usize,
    seed: u64,
    recipe: TaggerRecipe,
    log: &mut Vec<String>,
) -> (Tagger, f64) {
    let (mut tagger, acc1) = fit_tagger(train, dev, epochs, seed, recipe, log);
    // The fold taggers train one perceptron each: mixing would only make them slower.
    let fold_recipe = TaggerRecipe { mix: 1, ..recipe };
    let first = jackknife_tags(
        train,
        &tagger.classes,
        JACKKNIFE_FOLDS,
        seed,
        fold_recipe,
        log,
    );
    let gold_classes = gold_class_ids(&tagger.classes);
    let nc = tagger.classes.len().max(1);
    tagger.margin = TAGGER_SECOND_PASS_MARGIN;
    let mut mixed = Mixed::new(recipe.mix, nc, train.len(), seed ^ 0x2222);
    let mut best = (acc1, None);
    let mut feats_buf = Vec::new();
    let mut scores = vec![0f32; nc];
    const B: u64 = 0x5eed;
    let lexes = training_lexes(train, &gold_classes, recipe.leave_one_out);
    for epoch in 0..epochs {
        let (mut correct, mut total) = (0usize, 0usize);
        mixed.epoch(|trainer, si| {
            let s = &train[si];
            let lex = &lexes[si];
            let caps = caps_bucket(lex);
            let gc = gold_classes(s);
            let t1 = &first[si];
            let at = |v: &[u8], j: usize| v.get(j).map_or(B, |c| u64::from(*c));
            let mut pred: Vec<u8> = Vec::with_capacity(lex.len());
            for (i, gold) in gc.iter().enumerate() {
                let p = (
                    if i >= 1 { at(&pred, i - 1) } else { B },
                    if i >= 2 { at(&pred, i - 2) } else { B },
                );
                features2(lex, i, p, t1, caps, &mut feats_buf);
                let g = trainer.predict(&feats_buf, &mut scores);
                trainer.update(&feats_buf, usize::from(*gold), g);
                correct += usize::from(g == usize::from(*gold));
                total += 1;
                pred.push(g as u8);
            }
        });
        tagger.model2 = Some(mixed.freeze(TAGGER_MAX_WEIGHTS));
        let acc = tag_accuracy(&tagger, dev, &gold_classes);
        log.push(format!(
            "tagger pass 2 epoch {}: train {:.2}% dev UPOS+XPOS {:.2}%",
            epoch + 1,
            100.0 * correct as f64 / total.max(1) as f64,
            acc,
        ));
        if acc > best.0 {
            best = (acc, tagger.model2.clone());
        }
    }
    // Without a dev gain the second pass is dropped (it would only cost time).
    tagger.model2 = best.1;
    (tagger, best.0)
}

/// Perceptrons trained side by side, each on its own order of the training items; the
/// model is the only one's weights, or the mean of all (see [`Trainer::freeze_mixed`]).
struct Mixed {
    trainers: Vec<Trainer>,
    orders: Vec<Vec<usize>>,
    rngs: Vec<Rng>,
}

impl Mixed {
    /// `mix` perceptrons (at least one) of `nclasses` classes over `items` training items;
    /// the first shuffles with `seed` itself, so one perceptron trains as it always did.
    fn new(mix: usize, nclasses: usize, items: usize, seed: u64) -> Mixed {
        let mix = mix.max(1);
        Mixed {
            trainers: (0..mix).map(|_| Trainer::new(nclasses)).collect(),
            orders: vec![(0..items).collect(); mix],
            rngs: (0..mix as u64)
                .map(|k| Rng::new(seed ^ k.wrapping_mul(0x9e37_79b9_7f4a_7c15)))
                .collect(),
        }
    }

    /// One epoch: each perceptron, in turn, is trained by `step` on every item, in a new
    /// order of its own.
    fn epoch(&mut self, mut step: impl FnMut(&mut Trainer, usize)) {
        for ((trainer, order), rng) in self
            .trainers
            .iter_mut()
            .zip(&mut self.orders)
            .zip(&mut self.rngs)
        {
            rng.shuffle(order);
            for &i in order.iter() {
                step(trainer, i);
            }
        }
    }

    /// The model, keeping the `max` weights of largest magnitude.
    fn freeze(&self, max: usize) -> crate::perceptron::Model {
        match self.trainers.as_slice() {
            [one] => one.freeze_top(max),
            many => Trainer::freeze_mixed(many, max),
        }
    }
}

fn tag_accuracy(
    tagger: &Tagger,
    dev: &[GoldSentence],
    gold: &dyn Fn(&GoldSentence) -> Vec<u8>,
) -> f64 {
    let (mut c, mut t) = (0usize, 0usize);
    for s in dev {
        let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
        let pred = tagger.tag(&words);
        for (p, g) in pred.iter().zip(gold(s)) {
            c += usize::from(*p == g);
            t += 1;
        }
    }
    100.0 * c as f64 / t.max(1) as f64
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ModelError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| ModelError(format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, bytes)
        .map_err(|e| ModelError(format!("cannot write {}: {e}", path.display())))
}

/// The training and development files of the shipped models inside a UD folder laid out
/// as `../shared/ud`: EWT and GUM train, EWT and GUM dev (test files are never used).
pub fn ud_files(ud: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    (
        vec![
            ud.join("en_ewt-ud-train.conllu"),
            ud.join("en_gum-cc-by-train.conllu"),
        ],
        vec![
            ud.join("en_ewt-ud-dev.conllu"),
            ud.join("en_gum-cc-by-dev.conllu"),
        ],
    )
}

/// The fixed seed of the shipped models.
pub const SEED: u64 = 20_260_101;
/// Number of tagger epochs (the best on dev is kept).
pub const TAGGER_EPOCHS: usize = 12;
/// Number of parser epochs (the best on dev is kept).
pub const PARSER_EPOCHS: usize = 10;
/// Greedy parser perceptrons trained side by side, whose mean weights make `parser.bin`:
/// with the shipped tagger, EWT + GUM dev LAS 82.38 with one, 82.58 with three, 82.63
/// with five (kept at three: within the run-to-run spread of five, at 60 % of its
/// training time).
pub const PARSER_MIX: usize = 3;
/// The parser keeps this many weights (largest magnitude): the model-size budget.
pub const PARSER_MAX_WEIGHTS: usize = 3_000_000;
/// Each tagger pass keeps this many weights (largest magnitude): a mixed model has more
/// non-zero weights than one perceptron, and 1.2 M per pass keeps `tagger.bin` at about
/// 15 MB, inside the 60 MB budget of all models.
pub const TAGGER_MAX_WEIGHTS: usize = 1_200_000;
/// A form seen at least this often in training gets the most-frequent-class feature.
pub const MFCLASS_MIN_COUNT: usize = 3;
/// Whether the tagger gets a second pass with right-context tags.
pub const TAGGER_SECOND_PASS: bool = true;
/// Parser feature templates left out (positions in `parser::features`, from 0): each
/// changed dev LAS by less than nothing when removed (an ablation on EWT + GUM dev), and
/// every template costs a memory lookup per transition.
pub const PARSER_SKIPPED_TEMPLATES: &[u32] = &[14, 26, 67, 38, 68, 70, 16, 20, 53, 23];
/// Templates also left out by a parser trained with word classes (`nlp ablate` on a
/// parser with them; the classes say much of what these said): s1 s0 b0 tags, s0 and its
/// leftmost child's tags with b0's, s0's tag and leftmost child's label with b0's, s1 with
/// its leftmost child and s0, s0's tag with its left label set, the s0 b0 word-tag pair.
/// The word-class templates and these together cost no speed.
pub const PARSER_SKIPPED_WITH_CLASSES: &[u32] = &[83, 32, 33, 40, 79, 15];
/// Templates also left out by a parser trained with a supertagger: those whose information
/// the supertags, coarse tags and word classes carry (each changed dev LAS by 0.04 or less
/// when left out at parse time from a parser with supertags, `nlp ablate`), and the
/// weakest supertag and coarse ones. Every template costs a memory lookup per
/// transition; these 35 pay for the supertagger's lookups and the 24 templates the three
/// add, so that the parser with them parses about as fast as without.
pub const PARSER_SKIPPED_WITH_SUPERTAGS: &[u32] = &[
    2, 31, 40, 36, 60, 63, 47, 85, 25, 80, 43, 82, 46, 41, 39, 83, 17, 45, 29, 33, 106, 101, 92,
    93, 27, 48, 9, 24, 3, 19, 30, 34, 12, 13, 84,
];
/// The second pass re-tags only words whose first-pass margin is below this (in score
/// units): on dev, 20 keeps all of the second pass's gain at a fraction of its cost.
pub const TAGGER_SECOND_PASS_MARGIN: f32 = 20.0;
/// Folds for jackknife tagging of the parser's training data.
pub const JACKKNIFE_FOLDS: usize = 4;

/// Trains the tagger on `train`, picks the epoch on `dev`, writes `out/tagger.bin`.
pub fn train_tagger(
    train: &[PathBuf],
    dev: &[PathBuf],
    out: &Path,
    seed: u64,
) -> Result<Report, ModelError> {
    let t0 = Instant::now();
    let tr = read_gold(train)?;
    let dv = read_gold(dev)?;
    let mut lines = vec![format!(
        "tagger: {} train, {} dev sentences",
        tr.len(),
        dv.len()
    )];
    let (tagger, acc) = if TAGGER_SECOND_PASS {
        fit_tagger_two_pass(&tr, &dv, TAGGER_EPOCHS, seed, TAGGER_RECIPE, &mut lines)
    } else {
        fit_tagger(&tr, &dv, TAGGER_EPOCHS, seed, TAGGER_RECIPE, &mut lines)
    };
    let mut bytes = Vec::new();
    tagger.write(&mut bytes);
    write_file(&out.join("tagger.bin"), &bytes)?;
    Ok(Report {
        lines,
        dev_score: acc,
        seconds: t0.elapsed().as_secs_f64(),
        bytes: bytes.len(),
    })
}

/// Builds a lemmatizer from gold sentences.
pub fn fit_lemmatizer(train: &[GoldSentence]) -> Lemmatizer {
    let mut lex_counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut rule_counts: BTreeMap<String, BTreeMap<Rule, usize>> = BTreeMap::new();
    for s in train {
        for i in 0..s.forms.len() {
            let (f, x, l) = (&s.forms[i], &s.xpos[i], &s.lemmas[i]);
            if l == "_" || l.is_empty() {
                continue;
            }
            *lex_counts
                .entry(format!("{f}\t{x}"))
                .or_default()
                .entry(l.clone())
                .or_default() += 1;
            let lower = f.to_lowercase();
            if lower != *f {
                *lex_counts
                    .entry(format!("{lower}\t{x}"))
                    .or_default()
                    .entry(l.clone())
                    .or_default() += 1;
            }
            let rule = Rule::learn(f, l);
            let chars: Vec<(usize, char)> = lower.char_indices().collect();
            for k in 0..=MAX_SUFFIX.min(chars.len()) {
                let start = if k == 0 {
                    lower.len()
                } else {
                    chars[chars.len() - k].0
                };
                *rule_counts
                    .entry(format!("{}\t{x}", &lower[start..]))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
        }
    }
    let mut lexicon = FastMap::default();
    for (k, m) in lex_counts {
        if let Some((l, _)) = m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            lexicon.insert(k, l.clone());
        }
    }
    let mut rules = FastMap::default();
    for (k, m) in rule_counts {
        let total: usize = m.values().sum();
        if let Some((r, n)) = m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
            // A suffix seen once says little; the shorter suffixes decide then.
            if total >= 2 || k.starts_with('\t') {
                let _ = n;
                rules.insert(k, r.clone());
            }
        }
    }
    let known = train
        .iter()
        .flat_map(|s| s.lemmas.iter())
        .filter(|l| l.as_str() != "_" && !l.is_empty())
        .map(|l| l.to_lowercase())
        .collect();
    Lemmatizer::new(lexicon, rules, known)
}

/// Trains the lemmatizer on `train`, reports gold-tag lemma accuracy on `dev`, writes
/// `out/lemmatizer.bin`. (Deterministic; `seed` is unused but kept for a uniform API.)
pub fn train_lemmatizer(
    train: &[PathBuf],
    dev: &[PathBuf],
    out: &Path,
    _seed: u64,
) -> Result<Report, ModelError> {
    let t0 = Instant::now();
    let tr = read_gold(train)?;
    let dv = read_gold(dev)?;
    let lem = fit_lemmatizer(&tr);
    let (mut c, mut t) = (0usize, 0usize);
    for s in &dv {
        for i in 0..s.forms.len() {
            c += usize::from(lem.lemma(&s.forms[i], &s.upos[i], &s.xpos[i]) == s.lemmas[i]);
            t += 1;
        }
    }
    let acc = 100.0 * c as f64 / t.max(1) as f64;
    let mut bytes = Vec::new();
    lem.write(&mut bytes);
    write_file(&out.join("lemmatizer.bin"), &bytes)?;
    Ok(Report {
        lines: vec![format!(
            "lemmatizer: {} lexicon entries, {} rules; dev lemma accuracy with gold tags {acc:.2}%",
            lem.lexicon.len(),
            lem.rules.len()
        )],
        dev_score: acc,
        seconds: t0.elapsed().as_secs_f64(),
        bytes: bytes.len(),
    })
}

/// Where Debian and Ubuntu install WordNet 3.0's dictionary files (package
/// `wordnet-base`), the source of the parser's word classes.
pub const WORDNET_DIR: &str = "/usr/share/wordnet";

/// The word-class table of the WordNet 3.0 dictionary files in `dir` (see
/// [`crate::wordclass`]).
pub fn read_wordnet(dir: &Path) -> Result<WordClasses, ModelError> {
    let read = |name: &str| {
        let p = dir.join(name);
        std::fs::read(&p)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| {
                ModelError(format!(
                    "WordNet 3.0 file {} unreadable ({e}): the parser's word classes \
                     come from WordNet's dictionary files (Debian, Ubuntu: apt-get \
                     install wordnet-base, which puts them in {WORDNET_DIR}; or give \
                     their folder)",
                    p.display()
                ))
            })
    };
    let texts = [
        read("index.noun")?,
        read("data.noun")?,
        read("noun.exc")?,
        read("index.verb")?,
        read("data.verb")?,
        read("verb.exc")?,
    ];
    let classes = WordClasses::from_wordnet(&WordNetFiles {
        index_noun: &texts[0],
        data_noun: &texts[1],
        exc_noun: &texts[2],
        index_verb: &texts[3],
        data_verb: &texts[4],
        exc_verb: &texts[5],
    });
    if classes.is_empty() {
        return Err(ModelError(format!(
            "no WordNet entries read from {}",
            dir.display()
        )));
    }
    Ok(classes)
}

/// Trains the parser on `train` with jackknifed predicted tags (so the parser learns from
/// tags as noisy as it will see): greedily with the dynamic oracle, [`PARSER_EPOCHS`]
/// epochs of [`PARSER_MIX`] perceptrons; with `wordnet`, also with the word classes of
/// the WordNet files there (see [`read_wordnet`]; not the shipped parser: see
/// models/README.md). Picks the epoch by greedy LAS on `dev` (tagged by the
/// tagger in `out/tagger.bin`, which must exist) and writes `out/parser.bin`. The log
/// also gives the kept parser's dev scores with the accurate setting's search
/// ([`ACCURATE_SEARCH`]).
pub fn train_parser(
    train: &[PathBuf],
    dev: &[PathBuf],
    options: ParserOptions<'_>,
    out: &Path,
    seed: u64,
) -> Result<Report, ModelError> {
    let wordnet = options.wordnet;
    let t0 = Instant::now();
    let classes = wordnet.map(read_wordnet).transpose()?.unwrap_or_default();
    let tr = read_gold(train)?;
    let dv = read_gold(dev)?;
    let tagger_bytes = std::fs::read(out.join("tagger.bin")).map_err(|e| {
        ModelError(format!(
            "train the tagger first ({}): {e}",
            out.join("tagger.bin").display()
        ))
    })?;
    let tagger = Tagger::read(&mut Reader::new(&tagger_bytes)).map_err(ModelError)?;
    let mut lines = Vec::new();
    let kinds: Vec<Kind> = match wordnet {
        Some(dir) => {
            lines.push(format!(
                "word classes: {} forms from WordNet in {}",
                classes.len(),
                dir.display()
            ));
            tagger
                .classes
                .iter()
                .map(|(u, _)| Kind::of_upos(u))
                .collect()
        }
        None => Vec::new(),
    };
    let coarse: Vec<u8> = if options.coarse_tags {
        lines.push("coarse tag templates".into());
        tagger.classes.iter().map(|(u, _)| upos_number(u)).collect()
    } else {
        Vec::new()
    };
    // Jackknife: tag each fold with a (first-pass) tagger trained on the other folds.
    let train_tags = jackknife_tags(
        &tr,
        &tagger.classes,
        JACKKNIFE_FOLDS,
        seed,
        PARSER_JACKKNIFE_RECIPE,
        &mut lines,
    );
    let label_set = sorted_set(tr.iter().flat_map(|s| s.deprels.iter().cloned()), 127);
    let lid = id_map(&label_set);
    let prep = |s: &GoldSentence, tags: &[u8]| -> (Vec<Node>, Vec<usize>, Vec<u8>) {
        let mut nodes: Vec<Node> = s
            .forms
            .iter()
            .zip(tags)
            .map(|(f, t)| Node::new(f, *t))
            .collect();
        set_classes(&classes, &kinds, &mut nodes);
        set_coarse(&coarse, &mut nodes);
        let mut heads = vec![0usize];
        heads.extend(&s.heads);
        let mut labels = vec![0u8];
        labels.extend(
            s.deprels
                .iter()
                .map(|d| lid.get(d.as_str()).copied().unwrap_or(0)),
        );
        (nodes, heads, labels)
    };
    let mut train_data: Vec<_> = tr
        .iter()
        .zip(&train_tags)
        .map(|(s, t)| prep(s, t))
        .collect();
    let dev_data: Vec<_> = dv
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
            prep(s, &tagger.tag(&words))
        })
        .collect();
    // A supertagger trained on the jackknifed tags, and jackknifed supertags for the
    // parser's training sentences.
    let supertagger = if options.supertags {
        let verbs: Vec<bool> = tagger
            .classes
            .iter()
            .map(|(u, _)| u == "VERB" || u == "AUX")
            .collect();
        let gold = |s: &GoldSentence| -> Vec<String> {
            s.deprels
                .iter()
                .zip(&s.heads)
                .enumerate()
                .map(|(i, (d, h))| supertag_of(d, *h, i + 1))
                .collect()
        };
        let names = sorted_set(tr.iter().flat_map(gold), 256);
        let sid = id_map(&names);
        let ids = |s: &GoldSentence| -> Vec<u8> {
            gold(s)
                .iter()
                .map(|n| sid.get(n.as_str()).copied().unwrap_or(0))
                .collect()
        };
        let st_train: Vec<(Vec<Node>, Vec<u8>)> = train_data
            .iter()
            .zip(&tr)
            .map(|((nodes, _, _), s)| (nodes.clone(), ids(s)))
            .collect();
        let st_dev: Vec<(Vec<Node>, Vec<u8>)> = dev_data
            .iter()
            .zip(&dv)
            .map(|((nodes, _, _), s)| (nodes.clone(), ids(s)))
            .collect();
        let (st, acc, best_epochs) = fit_supertagger(
            &st_train,
            &st_dev,
            &names,
            &verbs,
            SUPERTAGGER_EPOCHS,
            seed ^ 0x57,
            &mut lines,
        );
        lines.push(format!(
            "supertagger: dev {acc:.2} % ({} classes, epoch {best_epochs})",
            names.len()
        ));
        // Jackknife: each fold's supertags from a supertagger trained on the other folds.
        let folds = JACKKNIFE_FOLDS;
        for fold in 0..folds {
            let rest = other_folds(&st_train, folds, fold);
            let mut flog = Vec::new();
            let (ft, _, _) = fit_supertagger(
                &rest,
                &[],
                &names,
                &verbs,
                best_epochs,
                seed ^ 0x57 ^ (fold as u64 + 1),
                &mut flog,
            );
            for (i, (nodes, _, _)) in train_data.iter_mut().enumerate() {
                if i % folds == fold {
                    let sts = ft.tag(nodes);
                    set_supertags(&sts, nodes);
                }
            }
        }
        lines.push("supertags jackknifed".into());
        Some(Box::new(st))
    } else {
        None
    };
    // Templates left out: the shipped recipe's, the caller's, and those of the parts this
    // parser is trained without.
    let mut skip = skip_mask(PARSER_SKIPPED_TEMPLATES.iter().chain(options.skip).copied());
    if !classes.is_empty() {
        skip |= skip_mask(PARSER_SKIPPED_WITH_CLASSES.iter().copied());
    }
    if options.supertags {
        skip |= skip_mask(PARSER_SKIPPED_WITH_SUPERTAGS.iter().copied());
    }
    skip |= missing_parts_mask(&classes, &coarse, supertagger.as_deref());
    let mut mixed = Mixed::new(
        PARSER_MIX,
        nclasses(label_set.len()),
        train_data.len(),
        seed,
    );
    let mut best: (f64, Option<Parser>) = (-1.0, None);
    for epoch in 0..PARSER_EPOCHS {
        let (mut c, mut t) = (0usize, 0usize);
        mixed.epoch(|model, i| {
            let (nodes, heads, labels) = &train_data[i];
            c += train_sentence(model, nodes, heads, labels, epoch > 0, skip);
            t += nodes.len();
        });
        let model = mixed.freeze(PARSER_MAX_WEIGHTS);
        let parser = Parser {
            labels: label_set.clone(),
            model,
            skip,
            search: Search::Greedy,
            classes: classes.clone(),
            kinds: kinds.clone(),
            coarse: coarse.clone(),
            supertagger: supertagger.clone(),
        };
        let (uas, las) = dev_attachment(&parser, &dev_data);
        lines.push(format!(
            "parser epoch {}: train LAS {:.2}% dev UAS {uas:.2}% LAS {las:.2}% ({} features, {:.0}s)",
            epoch + 1,
            100.0 * c as f64 / t.max(1) as f64,
            parser.model.nfeatures(),
            t0.elapsed().as_secs_f64()
        ));
        if las > best.0 {
            best = (las, Some(parser));
        }
    }
    let parser = best
        .1
        .ok_or_else(|| ModelError("no parser epochs ran".into()))?;
    let (uas, las) = dev_attachment(
        &parser.with_search(Search::Selective(ACCURATE_SEARCH)),
        &dev_data,
    );
    lines.push(format!(
        "parser kept; with the accurate setting's search {ACCURATE_SEARCH:?}: \
         dev UAS {uas:.2}% LAS {las:.2}%"
    ));
    let mut bytes = Vec::new();
    parser.write(&mut bytes);
    write_file(&out.join("parser.bin"), &bytes)?;
    Ok(Report {
        lines,
        dev_score: best.0,
        seconds: t0.elapsed().as_secs_f64(),
        bytes: bytes.len(),
    })
}

/// The distinct `items`, sorted, at most `max` of them (class names, so that ids are stable
/// across runs).
fn sorted_set(items: impl Iterator<Item = String>, max: usize) -> Vec<String> {
    let mut v: Vec<String> = items.collect();
    v.sort();
    v.dedup();
    v.truncate(max);
    v
}

/// Name → id (its position in `names`).
fn id_map(names: &[String]) -> HashMap<&str, u8> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u8))
        .collect()
}

/// What a parser is trained with beyond the plain recipe (the default: the parser shipped
/// until 2026-11-27). The shipped parser has all three parts ([`ParserOptions::shipped`]);
/// models/README.md says what each gains and costs.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParserOptions<'a> {
    /// Word classes from the WordNet 3.0 dictionary files in this folder (see
    /// [`read_wordnet`]).
    pub wordnet: Option<&'a Path>,
    /// The coarse-tag templates: tag triples over the 17 universal tags.
    pub coarse_tags: bool,
    /// A supertagger (see [`crate::supertag`]) and the parser's supertag templates.
    pub supertags: bool,
    /// More feature templates to leave out (positions in the parser's extractor).
    pub skip: &'a [u32],
}

impl<'a> ParserOptions<'a> {
    /// The shipped parser's recipe: a supertagger, coarse tags and word classes from the
    /// WordNet 3.0 dictionary files in `wordnet`.
    pub fn shipped(wordnet: &'a Path) -> ParserOptions<'a> {
        ParserOptions {
            wordnet: Some(wordnet),
            coarse_tags: true,
            supertags: true,
            skip: &[],
        }
    }
}

/// Epochs of the supertagger (the best on dev is kept; its fold supertaggers train as
/// many epochs as that one).
pub const SUPERTAGGER_EPOCHS: usize = 8;

/// The supertagger's weight budget (a third of the tagger's: it has fewer templates).
pub const SUPERTAGGER_MAX_WEIGHTS: usize = 800_000;

/// A training sentence as the supertagger reads it, last word first: its nodes, gold
/// supertag ids and verb distances.
type ReversedSentence = (Vec<Node>, Vec<u8>, Vec<(u64, u64)>);

/// Trains a supertagger on (nodes, gold supertag ids) for up to `epochs` epochs; keeps the
/// best dev epoch (the last where `dev` is empty). Returns it, its dev accuracy and the
/// number of epochs it was trained for.
pub(crate) fn fit_supertagger(
    data: &[(Vec<Node>, Vec<u8>)],
    dev: &[(Vec<Node>, Vec<u8>)],
    classes: &[String],
    verbs: &[bool],
    epochs: usize,
    seed: u64,
    log: &mut Vec<String>,
) -> (Supertagger, f64, usize) {
    use crate::supertag::{features, history, verb_distances};
    let n = classes.len().max(1);
    let mut mixed = Mixed::new(1, n, data.len(), seed);
    // The supertagger tags from the last word to the first: it learns on the sentences
    // reversed.
    let reversed: Vec<ReversedSentence> = data
        .iter()
        .map(|(nodes, gold)| {
            let nodes: Vec<Node> = nodes.iter().rev().copied().collect();
            let dist = verb_distances(&nodes, verbs);
            (nodes, gold.iter().rev().copied().collect(), dist)
        })
        .collect();
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; n];
    let mut best: (f64, Option<Supertagger>, usize) = (-1.0, None, 0);
    for epoch in 0..epochs.max(1) {
        mixed.epoch(|trainer, si| {
            let (nodes, gold, dist) = &reversed[si];
            let mut pred: Vec<u8> = Vec::with_capacity(nodes.len());
            for (i, g) in gold.iter().enumerate() {
                let (p1, p2) = history(&pred, i);
                features(nodes, dist, i, p1, p2, &mut feats);
                let guess = trainer.predict(&feats, &mut scores);
                trainer.update(&feats, usize::from(*g), guess);
                pred.push(guess as u8);
            }
        });
        let st = Supertagger {
            classes: classes.to_vec(),
            verbs: verbs.to_vec(),
            model: mixed.freeze(SUPERTAGGER_MAX_WEIGHTS),
        };
        let acc = if dev.is_empty() {
            epoch as f64
        } else {
            let (mut c, mut t) = (0usize, 0usize);
            for (nodes, gold) in dev {
                for (p, g) in st.tag(nodes).iter().zip(gold) {
                    c += usize::from(p == g);
                    t += 1;
                }
            }
            100.0 * c as f64 / t.max(1) as f64
        };
        log.push(format!("supertagger epoch {}: dev {acc:.2} %", epoch + 1));
        if acc > best.0 {
            best = (acc, Some(st), epoch + 1);
        }
    }
    let st = best.1.unwrap_or_else(|| Supertagger {
        classes: classes.to_vec(),
        verbs: verbs.to_vec(),
        model: Trainer::new(n).freeze(),
    });
    (st, best.0, best.2)
}

/// Unlabelled and labelled attachment scores (%) of `parser` on `dev` (nodes, gold heads
/// and label ids, index 0 unused).
fn dev_attachment(parser: &Parser, dev: &[(Vec<Node>, Vec<usize>, Vec<u8>)]) -> (f64, f64) {
    let (mut uc, mut lc, mut tt) = (0usize, 0usize, 0usize);
    for (nodes, heads, labels) in dev {
        for (i, (h, l)) in parser.parse(nodes).into_iter().enumerate() {
            if h == heads[i + 1] {
                uc += 1;
                lc += usize::from(l == labels[i + 1]);
            }
            tt += 1;
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / tt.max(1) as f64;
    (pct(uc), pct(lc))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy treebank where a word's tag depends on the word to its right (`can` is a
    /// noun before `of`, an auxiliary before a verb), which only the second pass sees.
    fn toy() -> Vec<GoldSentence> {
        let mut out = Vec::new();
        let pats: [&[(&str, &str, &str)]; 2] = [
            &[
                ("a", "DET", "DT"),
                ("can", "NOUN", "NN"),
                ("of", "ADP", "IN"),
                ("beans", "NOUN", "NNS"),
            ],
            &[
                ("we", "PRON", "PRP"),
                ("can", "AUX", "MD"),
                ("go", "VERB", "VB"),
                ("home", "ADV", "RB"),
            ],
        ];
        for i in 0..40 {
            let p = pats[i % 2];
            out.push(GoldSentence {
                forms: p.iter().map(|w| w.0.to_string()).collect(),
                lemmas: p.iter().map(|w| w.0.to_string()).collect(),
                upos: p.iter().map(|w| w.1.to_string()).collect(),
                xpos: p.iter().map(|w| w.2.to_string()).collect(),
                feats: vec!["_".into(); p.len()],
                heads: vec![0; p.len()],
                deprels: vec!["dep".into(); p.len()],
            });
        }
        out
    }

    /// Three sentences, each with the made-up word "zorp" once.
    fn zorp_corpus() -> Vec<GoldSentence> {
        let mut data = toy();
        for s in data.iter_mut().take(3) {
            s.forms[3] = "zorp".into();
        }
        data
    }

    #[test]
    fn leave_one_out_hides_the_class_of_a_word_seen_three_times() {
        let data = zorp_corpus();
        let classes: Vec<(String, String)> = vec![
            ("NOUN".into(), "NN".into()),
            ("NOUN".into(), "NNS".into()),
            ("ADV".into(), "RB".into()),
        ];
        let gold = gold_class_ids(&classes);
        // Counted over all sentences, "zorp" (3 times) gets its class feature everywhere;
        // counted from the other sentences (2 times), it gets none, as on new text.
        let all = training_lexes(&data, &gold, false);
        let loo = training_lexes(&data, &gold, true);
        for s in 0..3 {
            assert_ne!(all[s][3].mf(), 0, "sentence {s}");
            assert_eq!(loo[s][3].mf(), 0, "sentence {s}");
        }
        // A word in many sentences keeps its class either way.
        assert_eq!(all[5][1].mf(), loo[5][1].mf());
        assert_ne!(loo[5][1].mf(), 0);
    }

    #[test]
    fn a_mixed_leave_one_out_tagger_learns_the_toy_data() {
        let data = zorp_corpus();
        let mut log = Vec::new();
        let (t, _) = fit_tagger(&data, &data, 2, SEED, TAGGER_RECIPE, &mut log);
        let words: Vec<&str> = data[0].forms.iter().map(String::as_str).collect();
        let upos: Vec<&str> = t.tag(&words).iter().map(|c| t.upos(*c)).collect();
        assert_eq!(upos, data[0].upos);
    }

    #[test]
    fn two_pass_tagger_round_trips_and_tags_the_toy_data() {
        let data = toy();
        let mut log = Vec::new();
        let (t, acc) = fit_tagger_two_pass(&data, &data, 3, SEED, TAGGER_RECIPE, &mut log);
        assert!(acc > 99.0, "{log:?}");
        let mut bytes = Vec::new();
        t.write(&mut bytes);
        let back = Tagger::read(&mut Reader::new(&bytes)).expect("reads back");
        assert_eq!(back.model2.is_some(), t.model2.is_some());
        for s in &data[..2] {
            let words: Vec<&str> = s.forms.iter().map(String::as_str).collect();
            let tags = back.tag(&words);
            let upos: Vec<&str> = tags.iter().map(|c| back.upos(*c)).collect();
            assert_eq!(upos, s.upos);
            assert_eq!(tags, t.tag(&words));
        }
        assert!(Tagger::read(&mut Reader::new(&bytes[..bytes.len() - 2])).is_err());
    }
}
