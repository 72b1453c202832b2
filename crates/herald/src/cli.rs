//! The command line. Flags win over environment variables, which win over the config file,
//! which wins over the defaults.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Herald: ingest news from many outlets, translate it, and publish a multilingual site.
#[derive(Debug, Parser)]
#[command(name = "herald", version, propagate_version = true)]
pub struct Cli {
    /// Settings file (TOML). Without it, `./herald.toml` is read when present.
    #[arg(long, global = true, value_name = "FILE", env = "HERALD_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a data folder with a sample newsroom (if it has none yet) and serve it.
    ///
    /// The sample has articles written for Herald in Vietnamese and English, with human
    /// versions in English, Vietnamese and Persian. A second run reuses the folder and its data.
    Demo(ServeArgs),
    /// Serve the site from a data folder, applying pending database migrations first.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DataArgs),
    /// Inspect settings: print the documented defaults, or check a file.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Manage the outlets Herald polls: add, list, import and export as OPML.
    #[command(subcommand)]
    Source(SourceCommand),
    /// Poll sources when due and run background jobs until Ctrl-C (what `herald serve` also
    /// does); with --once, poll every source now, run the jobs that follow, and exit.
    Ingest(IngestArgs),
    /// Print what Herald reads from one feed (a file or an http(s) URL): title, language and
    /// items with link, date and media. Exits 1, with the reason, if it cannot read it.
    Feed {
        /// A feed file, or an http:// or https:// URL.
        #[arg(value_name = "FILE_OR_URL")]
        target: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Print what Herald extracts from a saved article page (metadata, then the main text);
    /// with --dir or --manifest, write the main text of many pages to --out, one
    /// `<name>.txt` each, one block per line. Needs no data folder.
    Extract(ExtractArgs),
    /// Translate articles by machine, show coverage or the engines, or score an engine.
    ///
    /// Without flags: every article missing a language or whose translation is stale, into
    /// every site language an engine serves.
    Translate(TranslateArgs),
    /// Manage the machine-translation glossary: terms forced to a translation, kept as
    /// written, or names; list, add, remove, and import or export as CSV.
    #[command(subcommand)]
    Glossary(GlossaryCommand),
    /// Install neural translation models (Argos Translate packages) in the models folder,
    /// and list what is installed with the pairs each serves.
    #[command(subcommand)]
    Models(ModelsCommand),
    /// Rebuild the search index of every site language (or of the --language ones) from the
    /// store, with a progress bar. Stop `herald serve` first: one process writes the index.
    Reindex(ReindexArgs),
    /// Manage newsroom accounts: add one (the first admin, say) or list them. The rest is
    /// done in the admin at /admin/users.
    #[command(subcommand)]
    User(UserCommand),
}

/// `herald user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account. The password is read from standard input with --password-stdin, else
    /// asked for at a prompt; it is never an argument (arguments show in process lists).
    Add(UserAddArgs),
    /// List the accounts with their role, languages and state.
    List(DataArgs),
}

/// `herald user add`
#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The e-mail the person signs in with.
    #[arg(value_name = "EMAIL")]
    pub email: String,
    /// admin, editor, translator or moderator.
    #[arg(long)]
    pub role: String,
    /// For a translator: a language they translate into (repeatable).
    #[arg(long = "language", value_name = "LANG")]
    pub languages: Vec<String>,
    /// The name shown in the admin and the audit log [default: the part of the e-mail
    /// before @].
    #[arg(long)]
    pub name: Option<String>,
    /// Read the password from the first line of standard input.
    #[arg(long)]
    pub password_stdin: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// `herald reindex`
#[derive(Debug, Args)]
pub struct ReindexArgs {
    /// A language to rebuild (repeatable) [default: every site language].
    #[arg(long = "language", value_name = "LANG")]
    pub languages: Vec<String>,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// `herald models …`
#[derive(Debug, Subcommand)]
pub enum ModelsCommand {
    /// Download a model package by catalogue name or URL, check it, and install it in the
    /// models folder; prints the settings that put it to work. An interrupted download resumes
    /// where it stopped when run again.
    Fetch(ModelsFetchArgs),
    /// List the installed models with their kind, pairs, version and size, and the folders
    /// that are not usable models, with the reason.
    List {
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `herald models fetch`
#[derive(Debug, Args)]
pub struct ModelsFetchArgs {
    /// A catalogue name such as argos-en-vi (an unknown name lists them all), or the http(s)
    /// URL of an `.argosmodel` or `.zip` package.
    #[arg(value_name = "NAME|URL")]
    pub target: String,
    /// The package's SHA-256 (64 hex digits): the download is refused if it differs.
    #[arg(long, value_name = "HEX")]
    pub sha256: Option<String>,
    /// Replace a model already installed under the same name.
    #[arg(long)]
    pub force: bool,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// `herald extract`
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["page", "dir", "manifest"])))]
pub struct ExtractArgs {
    /// A saved page (`.html`, or `.html.gz`).
    #[arg(value_name = "PAGE")]
    pub page: Option<PathBuf>,
    /// The page's address: the base of its relative links and a hint for its encoding.
    #[arg(long, value_name = "URL", requires = "page")]
    pub url: Option<url::Url>,
    /// Extract every `*.html` and `*.html.gz` directly in this folder.
    #[arg(long, value_name = "IN", requires = "out")]
    pub dir: Option<PathBuf>,
    /// Extract the pages of a manifest (TSV with `id` and `html` columns, paths relative to
    /// it), writing `<id>.txt`.
    #[arg(long, value_name = "FILE.tsv", requires = "out")]
    pub manifest: Option<PathBuf>,
    /// Folder for the texts (created if missing).
    #[arg(long, value_name = "OUT")]
    pub out: Option<PathBuf>,
    /// Pages extracted at once (default 1: one core, as the speed figures are measured).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub jobs: usize,
}

/// `herald source …`
/// `herald translate`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("mode").args(["engines", "status", "evaluate"])))]
pub struct TranslateArgs {
    /// List, for every pair of site languages, the engine that serves it or why none does.
    #[arg(long)]
    pub engines: bool,
    /// Show translation coverage per language.
    #[arg(long)]
    pub status: bool,
    /// Score an engine on a test set: chrF and BLEU (sacreBLEU's 0–100 scale) and speed.
    #[arg(long, requires_all = ["src", "reference", "pair"])]
    pub evaluate: bool,
    /// Source segments, one per line (with --evaluate).
    #[arg(long, value_name = "FILE", requires = "evaluate")]
    pub src: Option<PathBuf>,
    /// Reference translations, one per line (with --evaluate).
    #[arg(long = "ref", value_name = "FILE", requires = "evaluate")]
    pub reference: Option<PathBuf>,
    /// Language pair as BCP 47 tags, e.g. en-es (with --evaluate).
    #[arg(long, value_name = "FROM-TO", requires = "evaluate")]
    pub pair: Option<String>,
    /// Engine to score, as --engines names it (with --evaluate; default: the pair's route).
    #[arg(long, value_name = "NAME", requires = "evaluate")]
    pub engine: Option<String>,
    /// Target language (repeatable; default: every site language).
    #[arg(long, value_name = "LANG")]
    pub lang: Vec<String>,
    /// One article, by id.
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Articles with no version in the language.
    #[arg(long)]
    pub missing: bool,
    /// Articles whose machine translation was made from an older revision.
    #[arg(long)]
    pub stale: bool,
    /// No progress bar.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add an outlet from its feed's URL, or from its home page (whose
    /// `<link rel="alternate">` feeds are found and added).
    Add(SourceAddArgs),
    /// List the sources with their health: last success, last error, articles, next poll.
    List(DataArgs),
    /// Add every feed of an OPML file as a source (feeds already known are skipped).
    Import {
        /// The OPML file.
        file: PathBuf,
        /// Language of feeds whose outline does not say (a BCP 47 tag).
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// Whether their articles publish at once (auto) or wait for an editor (review).
        #[arg(long, value_enum, default_value_t = TrustArg::Review)]
        trust: TrustArg,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write every source's feeds as OPML (to standard output, or to --out).
    Export {
        /// File to write.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `herald glossary …`
#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// List the language pairs with a glossary and their number of entries, or with --pair
    /// the entries of one pair.
    List {
        /// The pair to list, as FROM-TO (en-es, or pt-BR>es where a dash is ambiguous).
        #[arg(long, value_name = "FROM-TO")]
        pair: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Add an entry, or change the pair's entry for the same term.
    Add(GlossaryAddArgs),
    /// Remove the pair's entry for a term.
    Remove {
        /// The pair, as FROM-TO.
        #[arg(value_name = "FROM-TO")]
        pair: String,
        /// The term, as listed.
        term: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Add or update every entry of a CSV file (header
    /// `from,to,term,translation,kind,case_sensitive,note`). Every row is checked first: one
    /// bad row, and nothing is stored.
    Import {
        /// The CSV file (UTF-8).
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
        /// The pair of every row, for files without from and to columns (FROM-TO).
        #[arg(long, value_name = "FROM-TO")]
        pair: Option<String>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write the glossary as CSV (to standard output, or to --out), ready to import.
    Export {
        /// Only this pair (FROM-TO).
        #[arg(long, value_name = "FROM-TO")]
        pair: Option<String>,
        /// File to write.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `herald glossary add`
#[derive(Debug, Args)]
pub struct GlossaryAddArgs {
    /// The pair, as FROM-TO (en-es, or pt-BR>es where a dash is ambiguous).
    #[arg(value_name = "FROM-TO")]
    pub pair: String,
    /// The term as written in FROM.
    pub term: String,
    /// Its rendering in TO; not needed for do-not-translate.
    pub translation: Option<String>,
    /// What the entry asks of the machine.
    #[arg(long, value_enum, default_value_t = GlossaryKindArg::Forced)]
    pub kind: GlossaryKindArg,
    /// Match the term only with the same letter case (acronyms, codes).
    #[arg(long)]
    pub case_sensitive: bool,
    /// A note for translators.
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
    #[command(flatten)]
    pub data: DataArgs,
}

/// What a glossary entry asks of the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GlossaryKindArg {
    /// Always translate the term as the given translation.
    Forced,
    /// Keep the term as written.
    DoNotTranslate,
    /// A person's or place's name, with its form in the target language.
    Name,
}

/// Whether a source's articles publish at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TrustArg {
    /// Publish on ingestion.
    Auto,
    /// Hold for an editor.
    Review,
}

/// `herald source add`
#[derive(Debug, Args)]
pub struct SourceAddArgs {
    /// The feed's URL, or the outlet's home page.
    pub url: String,
    /// Language the outlet writes in (BCP 47); defaults to what the feed declares.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Where the outlet stands: central, province:PLACE-KEY, or mission:CC (ISO country code).
    #[arg(long, value_name = "REGION", default_value = "central")]
    pub region: String,
    /// Whether its articles publish at once (auto) or wait for an editor (review).
    #[arg(long, value_enum, default_value_t = TrustArg::Review)]
    pub trust: TrustArg,
    /// Stable key (letters, digits, dashes); defaults to one made from the host name.
    #[arg(long)]
    pub key: Option<String>,
    /// Name shown to readers; defaults to the feed's title.
    #[arg(long)]
    pub name: Option<String>,
    /// Credit line shown with its articles; defaults to the name.
    #[arg(long)]
    pub credit: Option<String>,
    /// Licence or agreement under which Herald republishes it.
    #[arg(long, default_value = "by agreement")]
    pub licence: String,
    /// Minutes between polls.
    #[arg(long, value_name = "MINUTES", default_value_t = 15)]
    pub every: u32,
    /// Filing rules (a TOML file: `default_category = "…"` and `[[rules]]` with
    /// url_path_prefix, feed_category, keywords → category, topics, place).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// `herald ingest`
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Poll every source once now, run the jobs that follow (fetching pages), and exit.
    #[arg(long)]
    pub once: bool,
    /// Only this source (its key).
    #[arg(long, value_name = "KEY")]
    pub source: Option<String>,
    /// No progress bar, even on a terminal.
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// `herald config …`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting with its documentation and default, as a TOML file to start from.
    Defaults,
    /// Check a settings file (default: --config, else ./herald.toml) and name any bad key.
    Check {
        /// The file to check.
        file: Option<PathBuf>,
    },
}

/// Where the data lives.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Data folder: the SQLite database and media files [default: ./herald-data].
    #[arg(long, value_name = "DIR", env = "HERALD_DATA")]
    pub data: Option<PathBuf>,
}

/// Where the data lives and where to listen.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
