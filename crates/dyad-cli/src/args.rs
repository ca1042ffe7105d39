//! Command-line definitions (clap): every subcommand, flag and its help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// dyad turns news text into political event data: who did what to whom, when, where.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show what one pipeline stage makes of the input, for a person.
    #[command(subcommand)]
    Debug(DebugCommand),
    /// Work with event dictionaries (TABARI, PETRARCH-1, PETRARCH-2 formats).
    #[command(subcommand)]
    Dict(DictCommand),
    /// Code articles into events: who did what to whom (JSON lines or TSV on stdout).
    Code(CodeArgs),
    /// Show for a person how one sentence is coded: parse, actors, patterns, events, and
    /// why each rejected candidate was rejected.
    Explain(ExplainArgs),
    /// Measure accuracy against gold standards: the peer coders' validation suites
    /// (`--suite`), or segmentation against UD treebanks (`eval segment`).
    Eval(EvalArgs),
    /// Tag, lemmatize and parse articles; write CoNLL-U (or score against a gold file).
    Parse(ParseArgs),
    /// Train the tagger, lemmatizer or parser on UD treebanks (deterministic, fixed seed).
    Train(TrainArgs),
    /// Measure speed and memory of a stage (release builds give the real figures).
    #[command(subcommand)]
    Bench(BenchCommand),
}

/// Arguments of `dyad parse`.
#[derive(Debug, Args, Clone)]
pub struct ParseArgs {
    /// Where the articles come from.
    #[command(flatten)]
    pub input: InputArgs,
    /// Instead of parsing INPUTs, score against these gold CoNLL-U files from their raw
    /// text (rebuilt from `# text` lines), printing the CoNLL 2018 shared-task metrics.
    #[arg(long, value_name = "GOLD.conllu", num_args = 1.., conflicts_with = "inputs")]
    pub eval: Vec<PathBuf>,
    /// With `--eval`: use the gold tokenization instead of dyad's own.
    #[arg(long, requires = "eval")]
    pub gold_tokens: bool,
    /// Which tagger and parser models.
    #[command(flatten)]
    pub models: ModelArgs,
}

/// Which model `dyad train` builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrainWhat {
    /// The part-of-speech and features tagger.
    Tagger,
    /// The lemmatizer.
    Lemmatizer,
    /// The dependency parser (trains on the tagger's output, so train the tagger first).
    /// `--accurate` parses with the same model (another search).
    Parser,
    /// All three, in order.
    All,
}

/// Arguments of `dyad train`.
#[derive(Debug, Args, Clone)]
pub struct TrainArgs {
    /// What to train.
    #[arg(value_enum)]
    pub what: TrainWhat,
    /// Folder holding the UD English EWT and GUM train and dev files.
    #[arg(long, value_name = "DIR", default_value = "../shared/ud")]
    pub ud: PathBuf,
    /// Folder to write the model files into.
    #[arg(long, value_name = "DIR", default_value = "models")]
    pub out: PathBuf,
    /// WordNet 3.0's dictionary files, for the parser's word classes (Debian, Ubuntu:
    /// `apt-get install wordnet-base` puts them here).
    #[arg(long, value_name = "DIR", default_value = dyad_nlp::train::WORDNET_DIR)]
    pub wordnet: PathBuf,
    /// Train the parser as shipped until 2026-11-27: without the supertagger, coarse tags
    /// and word classes (needs no WordNet; see models/README.md).
    #[arg(long)]
    pub plain: bool,
    /// Seed of the training shuffles.
    #[arg(long)]
    pub seed: Option<u64>,
}

/// `dyad bench …`.
#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Tag + lemmatize + parse the words of CoNLL-U files on one core (after a warm-up, three
    /// passes): tokens per second (wall and CPU) and peak memory.
    Parse(BenchParseArgs),
    /// Split and tokenize the raw text of CoNLL-U files on one core: tokens/s.
    Segment(Paths),
    /// Code raw text end to end on one core (segment, tag, parse, code) with the given
    /// dictionaries: sentences/s and peak memory. The text is rebuilt from CoNLL-U files'
    /// `# text` lines (UD GUM's news documents are real news) or read as plain-text
    /// articles.
    Code(BenchCodeArgs),
}

/// Arguments of `dyad bench code`.
#[derive(Debug, Args, Clone)]
pub struct BenchCodeArgs {
    /// The dictionaries (for PETRARCH2's production set, its dictionaries folder).
    #[command(flatten)]
    pub dicts: DictArgs,
    /// CoNLL-U files (their raw text is used) or plain-text articles.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Code the text this many times.
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Tag and parse every sentence, even those the prefilter shows can give no event
    /// (same events; for comparison).
    #[arg(long)]
    pub no_prefilter: bool,
    /// Code each document as `dyad code` does (cleaning, coreference, dates, one record
    /// per event with its mentions) instead of sentence by sentence.
    #[arg(long)]
    pub articles: bool,
}

/// `dyad dict …`.
#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Load dictionary files or folders, report every problem as `file:line`, and print
    /// the count of entries of each kind per file. Without FILEs, checks dyad's built-in
    /// default dictionaries.
    Check(DictCheckArgs),
    /// Code test sentences (dyad's gold JSON lines) and print the pass rate per CAMEO root.
    /// Without FILEs, runs the built-in defaults' own tests (`dictionaries/tests`).
    Test(DictTestArgs),
}

/// Arguments of `dyad dict test`.
#[derive(Debug, Args, Clone)]
pub struct DictTestArgs {
    /// Gold JSON-lines files (see docs/gold-format.md); default: the built-in tests.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The dictionaries.
    #[command(flatten)]
    pub dicts: DictArgs,
    /// List every record (PASS/FAIL, expected and coded events).
    #[arg(long)]
    pub list: bool,
    /// Which tagger and parser models.
    #[command(flatten)]
    pub models: ModelArgs,
}

/// Arguments of `dyad dict check`.
#[derive(Debug, Args, Clone)]
pub struct DictCheckArgs {
    /// Dictionary files or folders (default: the built-in defaults).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Fail on the first malformed line instead of skipping it.
    #[arg(long)]
    pub strict: bool,
    /// Read every file as this kind (actors, agents, verbs-tabari, verbs-petrarch2,
    /// discards, issues, ontology, options, project, words) instead of detecting it.
    #[arg(long, value_name = "KIND")]
    pub kind: Option<String>,
    /// Report date-restricted codes that have expired by this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// Dictionaries for coding.
#[derive(Debug, Args, Clone)]
pub struct DictArgs {
    /// A dictionary file or folder (repeat the flag for more), in TABARI, PETRARCH-1 or PETRARCH-2 formats (actors,
    /// agents, verbs, discards, issues; the kind is told from each file's name). Without
    /// `--dict`, dyad's built-in default dictionaries (the repository's `dictionaries/`).
    #[arg(long = "dict", value_name = "FILE|DIR")]
    pub dict: Vec<PathBuf>,
}

/// Arguments of `dyad code`.
#[derive(Debug, Args, Clone)]
pub struct CodeArgs {
    /// Where the articles come from.
    #[command(flatten)]
    pub input: InputArgs,
    /// The dictionaries.
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Output format.
    #[arg(long, value_parser = ["jsonl", "tsv"], default_value = "jsonl")]
    pub format: String,
    /// Also write a quote record (`"record":"quote"`) for every direct quotation: quote
    /// text, speaker and speaker's code, spans.
    #[arg(long)]
    pub quotes: bool,
    /// The INPUTs are CoNLL-U parses (from dyad or another parser: UDPipe, Stanza, spaCy)
    /// to code as they are; `--date` gives their date.
    #[arg(long)]
    pub conllu: bool,
    /// Which tagger and parser models.
    #[command(flatten)]
    pub models: ModelArgs,
    /// Tag and parse every sentence, even those the prefilter shows can give no event
    /// (same output; for comparison).
    #[arg(long)]
    pub no_prefilter: bool,
}

/// Arguments of `dyad explain`.
#[derive(Debug, Args, Clone)]
pub struct ExplainArgs {
    /// The sentence (or short text) to code.
    #[arg(value_name = "SENTENCE")]
    pub sentence: String,
    /// The date the text is from (YYYY-MM-DD), for date-restricted actor codes.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The dictionaries.
    #[command(flatten)]
    pub dicts: DictArgs,
    /// Which tagger and parser models.
    #[command(flatten)]
    pub models: ModelArgs,
}

/// Arguments of `dyad eval`.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct EvalArgs {
    /// Other evaluations.
    #[command(subcommand)]
    pub command: Option<EvalCommand>,
    /// The suite's format: tabari (a `.project` file), petrarch (PETRARCH's unit-test XML),
    /// up (UniversalPetrarch's validation XML), gold (dyad's JSON lines, with `--dict`).
    #[arg(long, value_name = "KIND", value_parser = ["tabari", "petrarch", "up", "gold"], required = true)]
    pub suite: Option<String>,
    /// The suite file.
    #[arg(value_name = "PATH", required = true)]
    pub path: Option<PathBuf>,
    /// Also code from the suite's own parses (UniversalPetrarch's CoNLL-U) and sort each
    /// failure into a parser error or a coder error.
    #[arg(long)]
    pub given_parse: bool,
    /// List every record with pass or fail, expected and coded events.
    #[arg(long)]
    pub list: bool,
    /// Dictionaries for a gold suite (peer suites name their own).
    #[arg(long = "dict", value_name = "FILE|DIR")]
    pub dict: Vec<PathBuf>,
    /// Which tagger and parser models.
    #[command(flatten)]
    pub models: ModelArgs,
}

/// `dyad eval …` subcommands.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Score tokenization and sentence splitting on UD CoNLL-U files: the raw text is
    /// rebuilt from `# text` lines and segmented (CoNLL 2018 shared-task metrics).
    Segment(Paths),
}

/// `dyad debug …`.
#[derive(Debug, Subcommand)]
pub enum DebugCommand {
    /// Print each article's cleaned text and the cleaning actions taken.
    Clean(InputArgs),
    /// Print each article's sentences, one per line, with byte offsets into the raw text.
    Sentences(InputArgs),
    /// Print each sentence's tokens with byte offsets into the raw text.
    Tokens(InputArgs),
}

/// Where articles come from and how to read them; shared by every command that reads news.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Input files, directories (read recursively), glob patterns, or `-` for stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,

    /// Input format, instead of detecting it from the file name and content.
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "jsonl", "html", "rss", "atom", "feed", "warc"])]
    pub input_format: Option<String>,

    /// Publication date (YYYY-MM-DD) for articles whose input gives none.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// JSON lines: the field holding the article text (default: detected).
    #[arg(long, value_name = "FIELD")]
    pub text_field: Option<String>,
    /// JSON lines: the field holding the title.
    #[arg(long, value_name = "FIELD")]
    pub title_field: Option<String>,
    /// JSON lines: the field holding the publication date.
    #[arg(long, value_name = "FIELD")]
    pub date_field: Option<String>,
    /// JSON lines: the field holding the URL.
    #[arg(long, value_name = "FIELD")]
    pub url_field: Option<String>,
    /// JSON lines: the field holding the source (publisher).
    #[arg(long, value_name = "FIELD")]
    pub source_field: Option<String>,
    /// JSON lines: the field holding the article id.
    #[arg(long, value_name = "FIELD")]
    pub id_field: Option<String>,

    /// Skip articles larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_article_bytes: usize,

    /// Do not clean the text (captions, boilerplate, duplicates and glued words stay).
    #[arg(long)]
    pub no_clean: bool,

    /// Print the reading summary even when everything went well.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Arguments of `dyad bench parse`.
#[derive(Debug, Args, Clone)]
pub struct BenchParseArgs {
    /// Files to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Which tagger and parser models.
    #[command(flatten)]
    pub models: ModelArgs,
}

/// Which tagger and parser models a command uses.
#[derive(Debug, Args, Clone, Default)]
pub struct ModelArgs {
    /// Read the models from this folder instead of those built into dyad.
    #[arg(long, value_name = "DIR")]
    pub models: Option<PathBuf>,
    /// Parse with the accurate setting: the same parser, searching with a selective beam
    /// (greedy where it is sure, up to 4 configurations where it is not) instead of
    /// greedily; about one LAS point better, about half the speed.
    #[arg(long)]
    pub accurate: bool,
}

/// A path argument list, for commands over files that are not news (treebanks, dictionaries).
#[derive(Debug, Args, Clone)]
pub struct Paths {
    /// Files to read.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}
