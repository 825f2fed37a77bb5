//! `recoupe`: cross-check the news. A thin command line over the libraries.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use recoupe_core::{Analysis, Article};
use recoupe_pipeline::{Analyzer, ReadOptions, Store, StoryConfig, StoryStorage};

/// The exit codes (documented in README.md): every input fine; some inputs
/// failed (each named on stderr); a usage or user error (bad id, broken
/// `--entities` table, no inputs); an internal error (store, I/O, bug).
mod exit {
    pub const SOME_FAILED: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const INTERNAL: u8 = 3;
}

/// An error the user can fix (exit 2), as opposed to an internal one (exit 3).
#[derive(Debug)]
struct UserError(String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

/// Returns early with a [`UserError`].
macro_rules! user_error {
    ($($t:tt)*) => { return Err(UserError(format!($($t)*)).into()) };
}

/// `println!` that returns write errors (a closed stdout) instead of panicking.
macro_rules! outln {
    ($($t:tt)*) => { writeln!(std::io::stdout().lock(), $($t)*)? };
}

/// `print!` that returns write errors instead of panicking.
macro_rules! out {
    ($($t:tt)*) => { write!(std::io::stdout().lock(), $($t)*)? };
}

#[derive(Parser)]
#[command(
    name = "recoupe",
    version,
    about = "Cross-check the news: stories, claims, corroboration and disagreements, every line cited."
)]
struct Cli {
    /// Data folder of the store (default: the user's data directory, or $RECOUPE_DATA).
    #[arg(long, global = true)]
    data: Option<PathBuf>,
    /// The store: a data folder (embedded SQLite, the default) or a PostgreSQL
    /// address (`postgres://user@host:5432/db`) that several workers share.
    /// Also `$RECOUPE_STORE`; `--data` and `$RECOUPE_DATA` name a folder.
    #[arg(long, global = true, value_name = "FOLDER_OR_URL")]
    store: Option<String>,
    /// No progress bar.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Extra entity table (TOML, the format of `data/gazetteer.toml`): names
    /// in any language mapped to one key, so that articles naming an entity differently join.
    /// Repeatable; also `$RECOUPE_ENTITIES` (paths separated like `$PATH`).
    #[arg(long = "entities", global = true)]
    entities: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Json,
    Md,
    Html,
    Table,
}

/// Output of `recoupe extract`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExtractFormat {
    /// JSON Lines: one record per document, `{"input": …, <article fields>}` or
    /// `{"input": …, "error": {"code": …, "message": …}}`.
    Json,
}

/// Order of `recoupe search`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum SearchSort {
    Relevance,
    Newest,
    Oldest,
}

#[derive(Subcommand)]
enum Command {
    /// Read inputs (files, folders, feeds, WARC, JSONL, URLs, `-` for stdin) into the store,
    /// then bring its persisted stories up to date.
    Ingest { inputs: Vec<String> },
    /// List stored articles.
    List,
    /// Show a stored article (id or id prefix).
    Show {
        id: String,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Extract files, folders, feeds, WARC or URLs to clean article JSON, without the store:
    /// one JSON record per line per document, naming its input; errors are records too.
    Extract {
        #[arg(required = true)]
        inputs: Vec<String>,
        #[arg(long, value_enum, default_value = "json")]
        format: ExtractFormat,
    },
    /// Analyse an article (stored id, or a file): entities, dates, figures, quotes.
    Analyze {
        target: String,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Group articles into stories (inputs; without inputs, the store's persisted stories, brought up to date).
    Stories {
        inputs: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// One story's members and why each joined (story id from `recoupe stories`).
    Story { id: String, inputs: Vec<String> },
    /// Copies of one dispatch among the articles.
    Copies { inputs: Vec<String> },
    /// The whole path: read, analyse, group and write a cited dossier per story.
    Brief {
        inputs: Vec<String>,
        #[arg(long, value_enum, default_value = "md")]
        format: Format,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Also keep the inputs in the store (the one `--store` names, or the default).
        #[arg(long)]
        keep: bool,
    },
    /// Same-story score of two files (title on the first line, then the text); the score is the last line.
    Similarity { a: PathBuf, b: PathBuf },
    /// Full-text search in the store (the server's engine): French and English stems,
    /// accents and elision folded; every word required.
    Search {
        query: Vec<String>,
        /// Results per page (at most 50).
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long, default_value_t = 1)]
        page: usize,
        /// Only articles in this language (ISO 639-1).
        #[arg(long)]
        lang: Option<String>,
        /// Only articles of this outlet (exact name).
        #[arg(long)]
        outlet: Option<String>,
        /// First publication day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Last publication day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_enum, default_value = "relevance")]
        sort: SearchSort,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Export stored articles as JSON Lines.
    Export,
    /// Publish inputs (files, folders, feeds, WARC, JSONL, URLs) as documents to a NATS
    /// JetStream stream for `recoupe worker`s; a document already in the stream is not sent twice.
    Feed {
        #[arg(required = true)]
        inputs: Vec<String>,
        #[command(flatten)]
        queue: QueueArgs,
    },
    /// Pull documents from the stream, extract, analyse and store them (use a shared
    /// `--store postgres://…` for several workers), acknowledging each after its commit.
    /// Stops gracefully on SIGTERM or Ctrl-C.
    Worker {
        #[command(flatten)]
        queue: QueueArgs,
        /// Messages pulled and committed together (the bound on messages in flight).
        #[arg(long, default_value_t = 32)]
        batch: usize,
        /// Seconds the server waits for an acknowledgement before redelivering to another worker.
        #[arg(long, default_value_t = 30)]
        ack_wait: u64,
        /// Serve `/healthz` and `/metrics` (Prometheus) on this address.
        #[arg(long)]
        metrics: Option<std::net::SocketAddr>,
        /// Stop when the queue is empty and nothing is pending.
        #[arg(long)]
        drain: bool,
        /// Log lines as JSON objects (filter with $RECOUPE_LOG, e.g. `debug`).
        #[arg(long, value_enum, default_value = "text")]
        log_format: LogFormat,
        /// Bring the store's persisted stories up to date at most every SECS seconds
        /// after a committed batch (0: after every batch), and when stopping.
        #[arg(long, value_name = "SECS", default_value_t = 10)]
        story_interval: u64,
        /// Leave the persisted stories to another process (`recoupe ingest`, `serve`).
        #[arg(long)]
        no_stories: bool,
    },
    /// HTTP API (JSON, OpenAPI at /api/openapi.json) and web UI over the store; inputs given
    /// are ingested into the store first. Writes (POST /api/ingest) need $RECOUPE_TOKEN.
    Serve {
        inputs: Vec<String>,
        /// Address to listen on (loopback unless told otherwise).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// A host name the server may be reached by besides loopback ones (repeatable);
        /// other `Host` headers are refused (DNS-rebinding guard).
        #[arg(long = "allow-host")]
        allow_hosts: Vec<String>,
    },
}

/// Where the queue is.
#[derive(clap::Args)]
struct QueueArgs {
    /// NATS server with JetStream (default: $RECOUPE_NATS).
    #[arg(long)]
    nats: Option<String>,
    /// Stream name; the subject is `<name>.documents`, the workers' consumer `<name>-workers`.
    #[arg(long, default_value = "RECOUPE")]
    stream: String,
}

impl QueueArgs {
    fn url(&self) -> Result<String> {
        match self.nats.clone().or_else(|| std::env::var("RECOUPE_NATS").ok()) {
            Some(url) => Ok(url),
            None => user_error!("no NATS server: pass --nats nats://host:4222 or set $RECOUPE_NATS"),
        }
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum LogFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        // A reader that stopped reading (`recoupe … | head -1`) is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            if e.chain().any(|c| c.is::<UserError>()) {
                ExitCode::from(exit::USAGE)
            } else {
                ExitCode::from(exit::INTERNAL)
            }
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn data_dir(cli_data: &Option<PathBuf>) -> Result<PathBuf> {
    if let Some(d) = cli_data {
        return Ok(d.clone());
    }
    if let Some(d) = std::env::var_os("RECOUPE_DATA") {
        return Ok(PathBuf::from(d));
    }
    directories::ProjectDirs::from("org", "recoupe", "recoupe")
        .map(|p| p.data_dir().to_path_buf())
        .context("no data folder could be found for this user; pass --data")
}

/// The store named by `--store`, `--data`, `$RECOUPE_STORE`, `$RECOUPE_DATA`, in
/// that order, else the user's data folder: embedded SQLite for a folder,
/// PostgreSQL for a `postgres://` address.
fn open_store(cli: &Cli) -> Result<Box<dyn StoryStorage + Send>> {
    let spec = match (&cli.store, &cli.data, std::env::var("RECOUPE_STORE")) {
        (Some(spec), _, _) => Some(spec.clone()),
        (None, Some(_), _) => None,
        (None, None, Ok(spec)) if !spec.is_empty() => Some(spec),
        _ => None,
    };
    match spec {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Box::new(recoupe_store_pg::PgStore::open(&url)?))
        }
        Some(folder) => Ok(Box::new(Store::open(std::path::Path::new(&folder))?)),
        None => Ok(Box::new(Store::open(&data_dir(&cli.data)?)?)),
    }
}

fn progress_bar(quiet: bool, what: &str) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(what.to_string());
    bar
}

fn print_errors(errors: &[recoupe_pipeline::ItemError]) {
    for e in errors {
        match e {
            recoupe_pipeline::ItemError::Analysis { .. } => eprintln!("warning: {e}"),
            _ => eprintln!("error: {e}"),
        }
    }
}

/// Warnings shown one per line (up to a limit), then counted by code.
const SHOWN_WARNINGS: usize = 50;

fn print_warnings(report: &recoupe_pipeline::IngestReport) {
    for (label, w) in report.warnings.iter().take(SHOWN_WARNINGS) {
        eprintln!("warning: {label}: {} [{}]", w.message, w.code);
    }
    if report.warnings.len() > SHOWN_WARNINGS {
        eprintln!(
            "warning: {} more warning(s) not shown",
            report.warnings.len() - SHOWN_WARNINGS
        );
    }
}

/// "3 warning(s): 2 malformed_bytes, 1 encoding_guessed", or nothing.
fn warning_summary(report: &recoupe_pipeline::IngestReport) -> String {
    let counts = report.warning_summary();
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts.iter().map(|(code, n)| format!("{n} {code}")).collect();
    format!(", {} warning(s): {}", report.warnings.len(), parts.join(", "))
}

/// The analyser, with the users' entity tables when given.
fn analyzer(cli: &Cli) -> Result<Analyzer> {
    // The flag's paths first, then those of the variable (split as the platform
    // splits `$PATH`, so a Windows drive letter stays whole; empty parts skipped).
    let mut paths: Vec<PathBuf> = cli.entities.clone();
    if let Some(list) = std::env::var_os("RECOUPE_ENTITIES") {
        paths.extend(std::env::split_paths(&list).filter(|p| !p.as_os_str().is_empty()));
    }
    if paths.is_empty() {
        return Ok(Analyzer::new());
    }
    let mut tables: Vec<(String, String)> = Vec::new();
    for path in &paths {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => user_error!("cannot read the entity table {}: {e}", path.display()),
        };
        tables.push((path.display().to_string(), text));
    }
    let borrowed: Vec<(&str, &str)> = tables.iter().map(|(f, t)| (f.as_str(), t.as_str())).collect();
    match Analyzer::with_entity_tables(&borrowed) {
        Ok(a) => Ok(a),
        Err(e) => user_error!("{e}"),
    }
}

/// Brings the store's persisted stories up to date (analysing what is new),
/// with a progress bar; true when some analysis failed.
fn update_persisted_stories(cli: &Cli, store: &mut dyn StoryStorage) -> Result<bool> {
    let analyzer = analyzer(cli)?;
    let bar = progress_bar(cli.quiet, "article(s) grouped into stories");
    let report = recoupe_pipeline::update_stories_in(store, &analyzer, &StoryConfig::default(), &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    if let Some(why) = &report.rebuilt {
        eprintln!("note: {why}");
    }
    print_errors(&report.errors);
    if !cli.quiet && report.fed > 0 {
        eprintln!(
            "stories: {} new article(s) grouped, {} stories changed, {} merged ({} article(s) in all)",
            report.fed, report.changed, report.merged, report.total_articles
        );
    }
    Ok(!report.errors.is_empty())
}

/// Every persisted story, in the engine's order (the order `recoupe stories`
/// prints), after bringing them up to date.
type StoryStore = Box<dyn StoryStorage + Send>;

fn persisted_stories(cli: &Cli) -> Result<(StoryStore, Vec<recoupe_pipeline::StorySummary>, bool)> {
    let mut store = open_store(cli)?;
    let failed = update_persisted_stories(cli, &mut *store)?;
    let page = recoupe_pipeline::story_page(
        &*store,
        &recoupe_pipeline::StoryQuery {
            sort: recoupe_pipeline::StorySort::Arrival,
            ..Default::default()
        },
    )?;
    Ok((store, page.stories, failed))
}

/// Articles from the inputs (no store), or from the store when there are no
/// inputs; with the analyses, and whether some input failed.
fn load(cli: &Cli, inputs: &[String]) -> Result<(Vec<Article>, Vec<Analysis>, bool)> {
    let quiet = cli.quiet;
    let analyzer = analyzer(cli)?;
    if inputs.is_empty() {
        let store = open_store(cli)?;
        let articles = store.articles()?;
        let (analyses, errors) = recoupe_pipeline::analyze_stored(&*store, &analyzer, &articles)?;
        print_errors(&errors);
        return Ok((articles, analyses, !errors.is_empty()));
    }
    let bar = progress_bar(quiet, "documents read");
    let (pairs, report) =
        recoupe_pipeline::read_articles(inputs, &ReadOptions::default(), &mut |n, _| bar.set_position(n as u64));
    bar.finish_and_clear();
    print_errors(&report.errors);
    print_warnings(&report);
    let labels: Vec<(String, String)> = pairs.iter().map(|(d, a)| (a.id.clone(), d.origin.label())).collect();
    let articles: Vec<Article> = pairs.into_iter().map(|(_, a)| a).collect();
    let bar = progress_bar(quiet, &format!("of {} article(s) analysed", articles.len()));
    let (analyses, mut errors) =
        recoupe_pipeline::analyze_all_with_progress(&analyzer, &articles, &|n| bar.set_position(n as u64));
    bar.finish_and_clear();
    recoupe_pipeline::name_failures(&mut errors, &labels);
    print_errors(&errors);
    if !report.errors.is_empty() || !report.warnings.is_empty() || report.copies > 0 || !errors.is_empty() {
        eprintln!(
            "{} document(s) read, {} article(s), {} copies of another source's text, {} error(s){}",
            report.documents,
            report.articles,
            report.copies,
            report.errors.len() + errors.len(),
            warning_summary(&report)
        );
    }
    Ok((articles, analyses, !report.errors.is_empty() || !errors.is_empty()))
}

fn write_out(output: &Option<PathBuf>, text: &str) -> Result<()> {
    match output {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display())),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            if !text.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            out.flush()?;
            Ok(())
        }
    }
}

/// A `recoupe extract` record of an article: its input, then the article's fields.
#[derive(serde::Serialize)]
struct ArticleRecord<'a> {
    input: &'a str,
    #[serde(flatten)]
    article: &'a Article,
}

/// A `recoupe extract` record of an input or document that gave no article.
#[derive(serde::Serialize)]
struct ErrorRecord<'a> {
    input: &'a str,
    error: ErrorBody,
}

#[derive(serde::Serialize)]
struct ErrorBody {
    code: &'static str,
    message: String,
}

fn status(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Ingest { inputs } => {
            if inputs.is_empty() {
                user_error!("nothing to ingest: give files, folders, URLs or `-`");
            }
            let mut store = open_store(&cli)?;
            let bar = progress_bar(cli.quiet, "documents");
            let report = recoupe_pipeline::ingest(&mut *store, inputs, &ReadOptions::default(), &mut |n, label| {
                bar.set_position(n as u64);
                bar.set_message(label.to_string());
            })?;
            bar.finish_and_clear();
            print_errors(&report.errors);
            print_warnings(&report);
            eprintln!(
                "{} document(s) read, {} already stored, {} article(s) extracted, {} new copies of another source's text, {} error(s){}",
                report.documents,
                report.duplicates,
                report.articles,
                report.copies,
                report.errors.len(),
                warning_summary(&report)
            );
            let stories_failed = update_persisted_stories(&cli, &mut *store)?;
            Ok(status(!report.errors.is_empty() || stories_failed))
        }
        Command::List => {
            let store = open_store(&cli)?;
            for row in store.list()? {
                outln!(
                    "{}  {}  {:<2}  {:<24}  {}{}",
                    row.id,
                    row.published
                        .as_deref()
                        .unwrap_or("----------")
                        .get(..10)
                        .unwrap_or("----------"),
                    row.language.as_deref().unwrap_or("?"),
                    row.outlet
                        .as_deref()
                        .unwrap_or("-")
                        .chars()
                        .take(24)
                        .collect::<String>(),
                    row.title.as_deref().unwrap_or(""),
                    row.copy_of
                        .as_deref()
                        .map(|c| format!("  (copy of {c})"))
                        .unwrap_or_default()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, format } => {
            let store = open_store(&cli)?;
            let Some((article, _)) = store.article(id)? else {
                user_error!("no stored article with id {id:?}")
            };
            match format {
                Format::Md => outln!("{}", article_markdown(&article)),
                _ => outln!("{}", serde_json::to_string_pretty(&article)?),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract {
            inputs,
            format: ExtractFormat::Json,
        } => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut failed = 0usize;
            let mut write_error: Option<std::io::Error> = None;
            let report = recoupe_pipeline::extract_batch(inputs, &ReadOptions::default(), &mut |record| {
                if write_error.is_some() {
                    return;
                }
                let line = match &record {
                    recoupe_pipeline::ExtractRecord::Article { input, article } => {
                        serde_json::to_string(&ArticleRecord { input, article })
                    }
                    recoupe_pipeline::ExtractRecord::Error(error) => {
                        failed += 1;
                        eprintln!("error: {error}");
                        serde_json::to_string(&ErrorRecord {
                            input: error.input(),
                            error: ErrorBody {
                                code: error.code(),
                                message: error.to_string(),
                            },
                        })
                    }
                };
                let written = line
                    .map_err(std::io::Error::other)
                    .and_then(|line| writeln!(out, "{line}"));
                if let Err(error) = written {
                    write_error = Some(error);
                }
            });
            if let Some(error) = write_error {
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                if error.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(error).context("writing the records");
                }
                return Ok(status(failed > 0));
            }
            if let Err(error) = out.flush() {
                if error.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(error).context("writing the records");
                }
            }
            Ok(status(failed > 0 || report.articles == 0))
        }
        Command::Analyze { target, format } => {
            let analyzer = analyzer(&cli)?;
            let failed;
            let (article, analysis) =
                if std::path::Path::new(target).exists() || target == "-" || target.starts_with("http") {
                    let (pairs, report) = recoupe_pipeline::read_articles(
                        std::slice::from_ref(target),
                        &ReadOptions::default(),
                        &mut |_, _| {},
                    );
                    print_errors(&report.errors);
                    print_warnings(&report);
                    let Some((_, article)) = pairs.into_iter().next() else {
                        return Ok(ExitCode::from(exit::SOME_FAILED));
                    };
                    let (mut analyses, errors) =
                        recoupe_pipeline::analyze_all(&analyzer, std::slice::from_ref(&article));
                    print_errors(&errors);
                    failed = !report.errors.is_empty() || !errors.is_empty();
                    let Some(analysis) = analyses.pop() else {
                        anyhow::bail!("{target}: no analysis was made")
                    };
                    (article, analysis)
                } else {
                    // A stored article: its analysis is stored too, and recomputed
                    // only when the analyser version changed.
                    let store = open_store(&cli)?;
                    let Some((article, _)) = store.article(target)? else {
                        user_error!("{target}: neither a file nor a stored article id")
                    };
                    let (mut analyses, errors) =
                        recoupe_pipeline::analyze_stored(&*store, &analyzer, std::slice::from_ref(&article))?;
                    print_errors(&errors);
                    failed = !errors.is_empty();
                    let Some(analysis) = analyses.pop() else {
                        anyhow::bail!("{target}: no analysis was made")
                    };
                    (article, analysis)
                };
            match format {
                Format::Table | Format::Md => out!("{}", analysis_table(&article, &analysis)),
                _ => outln!("{}", serde_json::to_string_pretty(&analysis)?),
            }
            Ok(status(failed))
        }
        Command::Stories { inputs, format } if inputs.is_empty() => {
            // The store's persisted stories: brought up to date, then read.
            let (store, summaries, failed) = persisted_stories(&cli)?;
            if *format == Format::Json {
                let mut stories = Vec::with_capacity(summaries.len());
                for summary in &summaries {
                    if let Some(story) = recoupe_pipeline::story(&*store, &summary.id)? {
                        stories.push(story);
                    }
                }
                outln!("{}", serde_json::to_string_pretty(&stories)?);
            } else {
                for summary in &summaries {
                    out!("{}", summary_line(summary));
                }
            }
            Ok(status(failed))
        }
        Command::Story { id, inputs } if inputs.is_empty() => {
            let (store, summaries, failed) = persisted_stories(&cli)?;
            // An exact id (or the id of a story merged since), else a prefix.
            let found = match recoupe_pipeline::story(&*store, id)? {
                Some(story) => Some(story),
                None => match summaries.iter().find(|s| s.id.starts_with(id.as_str())) {
                    Some(summary) => recoupe_pipeline::story(&*store, &summary.id)?,
                    None => None,
                },
            };
            let Some(story) = found else {
                user_error!("no story with id {id:?}")
            };
            outln!("{}", serde_json::to_string_pretty(&story)?);
            Ok(status(failed))
        }
        Command::Stories { inputs, format } => {
            let (articles, analyses, failed) = load(&cli, inputs)?;
            let stories = recoupe_pipeline::stories(&articles, &analyses, &StoryConfig::default());
            if *format == Format::Json {
                outln!("{}", serde_json::to_string_pretty(&stories)?);
            } else {
                out!("{}", stories_table(&stories, &articles));
            }
            Ok(status(failed))
        }
        Command::Story { id, inputs } => {
            let (articles, analyses, failed) = load(&cli, inputs)?;
            let stories = recoupe_pipeline::stories(&articles, &analyses, &StoryConfig::default());
            let Some(story) = stories.iter().find(|s| s.id.starts_with(id.as_str())) else {
                user_error!("no story with id {id:?}")
            };
            outln!("{}", serde_json::to_string_pretty(story)?);
            Ok(status(failed))
        }
        Command::Copies { inputs } => {
            let (articles, analyses, failed) = load(&cli, inputs)?;
            let items: Vec<(&Article, &Analysis)> = articles.iter().zip(&analyses).collect();
            let groups = recoupe_pipeline::find_copies(&items);
            outln!("{}", serde_json::to_string_pretty(&groups)?);
            Ok(status(failed))
        }
        Command::Brief {
            inputs,
            format,
            output,
            keep,
        } => {
            if inputs.is_empty() {
                user_error!("nothing to brief: give files, folders, URLs or `-`");
            }
            let (articles, analyses, failed) = if *keep {
                // Read once: the inputs are stored and their articles kept.
                let mut s = open_store(&cli)?;
                let bar = progress_bar(cli.quiet, "documents stored");
                let (articles, report) =
                    recoupe_pipeline::ingest_articles(&mut *s, inputs, &ReadOptions::default(), &mut |n, _| {
                        bar.set_position(n as u64)
                    })?;
                bar.finish_and_clear();
                print_errors(&report.errors);
                eprintln!(
                    "stored {} document(s), {} new article(s)",
                    report.documents, report.articles
                );
                let (analyses, errors) = recoupe_pipeline::analyze_stored(&*s, &analyzer(&cli)?, &articles)?;
                print_errors(&errors);
                // The store's persisted stories take the new articles in too.
                let stories_failed = update_persisted_stories(&cli, &mut *s)?;
                (
                    articles,
                    analyses,
                    !report.errors.is_empty() || !errors.is_empty() || stories_failed,
                )
            } else {
                load(&cli, inputs)?
            };
            if articles.is_empty() {
                eprintln!("error: no article could be read from the inputs");
                return Ok(ExitCode::from(exit::SOME_FAILED));
            }
            let started = std::time::Instant::now();
            let bar = progress_bar(cli.quiet, "grouping articles into stories");
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
            let stories = recoupe_pipeline::stories(&articles, &analyses, &StoryConfig::default());
            bar.set_message(format!("building dossiers of {} stories", stories.len()));
            let dossiers = recoupe_pipeline::dossiers(&stories, &articles, &analyses);
            bar.set_message("writing");
            let text = match format {
                Format::Json => {
                    let values: Vec<serde_json::Value> = dossiers
                        .iter()
                        .map(|d| serde_json::from_str(&recoupe_pipeline::render_json(d)))
                        .collect::<Result<_, _>>()?;
                    serde_json::to_string_pretty(&serde_json::json!({ "dossiers": values }))?
                }
                Format::Html => recoupe_pipeline::render_html_many(&dossiers),
                Format::Md | Format::Table => dossiers
                    .iter()
                    .map(recoupe_pipeline::render_markdown)
                    .collect::<Vec<_>>()
                    .join("\n---\n\n"),
            };
            write_out(output, &text)?;
            bar.finish_and_clear();
            if !cli.quiet {
                eprintln!(
                    "{} article(s), {} story(ies), {} dossier(s) written to {} ({:.1} s after reading)",
                    articles.len(),
                    stories.len(),
                    dossiers.len(),
                    output
                        .as_ref()
                        .map_or_else(|| "standard output".to_string(), |p| p.display().to_string()),
                    started.elapsed().as_secs_f64()
                );
            }
            Ok(status(failed))
        }
        Command::Similarity { a, b } => {
            let read = |p: &PathBuf| -> Result<Article> {
                let text = match std::fs::read(p) {
                    Ok(t) => t,
                    Err(e) => user_error!("cannot read {}: {e}", p.display()),
                };
                let text = String::from_utf8_lossy(&text);
                Ok(recoupe_pipeline::article_from_text(&p.display().to_string(), &text)?)
            };
            let (x, y) = (read(a)?, read(b)?);
            let analyzer = analyzer(&cli)?;
            let (pair, errors) = recoupe_pipeline::analyze_all(&analyzer, &[x.clone(), y.clone()]);
            print_errors(&errors);
            let [ax, ay] = <[Analysis; 2]>::try_from(pair).map_err(|_| anyhow::anyhow!("two analyses expected"))?;
            // The semantic signal when the process's encoder is loaded and covers
            // both languages; otherwise the lexical signals alone, as before.
            let (ex, ey) = (
                recoupe_pipeline::article_embedding(&x),
                recoupe_pipeline::article_embedding(&y),
            );
            let embeddings = ex.as_deref().zip(ey.as_deref());
            let signals = recoupe_pipeline::pair_signals_with((&x, &ax), (&y, &ay), embeddings);
            let shown = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.2}"));
            outln!("a: {} [{}]", x.display_title(), x.language());
            outln!("b: {} [{}]", y.display_title(), y.language());
            outln!(
                "signals: text {:.2}, entities {}, figures and dates {}{}{}",
                signals.text,
                shown(signals.entities),
                shown(signals.figures),
                signals
                    .semantic
                    .map_or_else(String::new, |c| format!(", encoder cosine {c:.2}")),
                if signals.same_language {
                    ""
                } else {
                    " (across languages)"
                }
            );
            // The score alone on the last line, for scripts.
            outln!("{:.4}", signals.score);
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            query,
            limit,
            page,
            lang,
            outlet,
            from,
            to,
            sort,
            format,
        } => {
            use recoupe_pipeline::search::{SearchOrder, SearchQuery};
            let store = Store::open(&data_dir(&cli.data)?)?;
            let q = SearchQuery {
                text: query.join(" "),
                from: from.clone(),
                to: to.clone(),
                language: lang.clone(),
                outlet: outlet.clone(),
                article_ids: None,
                order: match sort {
                    SearchSort::Relevance => SearchOrder::Relevance,
                    SearchSort::Newest => SearchOrder::Newest,
                    SearchSort::Oldest => SearchOrder::Oldest,
                },
                page: *page,
                per_page: *limit,
            };
            let results = match store.search_index(&q)? {
                Ok(r) => r,
                Err(e) => user_error!("{e}"),
            };
            if *format == Format::Json {
                outln!("{}", serde_json::to_string_pretty(&results)?);
                return Ok(ExitCode::SUCCESS);
            }
            for hit in &results.hits {
                outln!(
                    "{}  {}  {}  {}",
                    hit.article_id,
                    hit.published
                        .as_deref()
                        .and_then(|p| p.get(..10))
                        .unwrap_or("----------"),
                    hit.outlet.as_deref().unwrap_or("-"),
                    hit.title
                );
                outln!("    {}", snippet_text(&hit.snippet_html));
            }
            eprintln!(
                "{}{} article(s), page {}",
                if results.total_is_lower_bound { "more than " } else { "" },
                results.total,
                results.page
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            inputs,
            addr,
            allow_hosts,
        } => {
            let dir = data_dir(&cli.data)?;
            if !inputs.is_empty() {
                let mut store = Store::open(&dir)?;
                let report = recoupe_pipeline::ingest(&mut store, inputs, &ReadOptions::default(), &mut |_, _| {})?;
                print_errors(&report.errors);
                // Inputs given on the command line are served with their stories,
                // as after `recoupe ingest`, not caught up in the background.
                update_persisted_stories(&cli, &mut store)?;
            }
            let source = recoupe_server::PersistedSource::open(dir, analyzer(&cli)?)?;
            let mut config = recoupe_server::ServeConfig::new(*addr);
            config.allowed_hosts = allow_hosts.clone();
            config.token = std::env::var("RECOUPE_TOKEN").ok().filter(|t| !t.trim().is_empty());
            recoupe_server::serve(std::sync::Arc::new(source), config)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Feed { inputs, queue } => {
            let url = queue.url()?;
            let names = recoupe_queue::QueueNames::new(&queue.stream);
            let report = recoupe_queue::feed(&url, &names, inputs, &ReadOptions::default())?;
            for error in &report.errors {
                eprintln!("error: {error}");
            }
            eprintln!(
                "{} document(s) read, {} published to {}, {} already in the stream, {} error(s)",
                report.documents,
                report.published,
                names.subject,
                report.duplicates,
                report.errors.len()
            );
            Ok(status(!report.errors.is_empty()))
        }
        Command::Worker {
            queue,
            batch,
            ack_wait,
            metrics,
            drain,
            log_format,
            story_interval,
            no_stories,
        } => {
            recoupe_queue::init_logs(match log_format {
                LogFormat::Text => recoupe_queue::LogFormat::Text,
                LogFormat::Json => recoupe_queue::LogFormat::Json,
            });
            let mut options =
                recoupe_queue::WorkerOptions::new(&queue.url()?, recoupe_queue::QueueNames::new(&queue.stream));
            options.batch = (*batch).max(1);
            options.ack_wait = std::time::Duration::from_secs((*ack_wait).max(1));
            options.metrics_addr = *metrics;
            options.exit_when_drained = *drain;
            options.story_interval = (!*no_stories).then(|| std::time::Duration::from_secs(*story_interval));
            let store = open_store(&cli)?;
            let report = recoupe_queue::run_worker(
                store,
                analyzer(&cli)?,
                options,
                recoupe_queue::Stop::new(),
                recoupe_queue::Metrics::new(),
            )?;
            eprintln!(
                "{} message(s) received ({} redelivered), {} acknowledged, {} article(s) stored, {} already stored, {} input error(s), {:.2} s in the store; {} story update(s) ({} left to another worker's, {} failed)",
                report.received,
                report.redelivered,
                report.acked,
                report.articles,
                report.duplicates,
                report.item_errors,
                report.store_time.as_secs_f64(),
                report.story_updates,
                report.story_conflicts,
                report.story_errors
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Export => {
            let store = open_store(&cli)?;
            let mut out = std::io::stdout().lock();
            for a in store.articles()? {
                writeln!(out, "{}", serde_json::to_string(&a)?)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A search snippet for the terminal: marks as [brackets], entities decoded.
fn snippet_text(html: &str) -> String {
    let marked = html.replace("<mark>", "[").replace("</mark>", "]");
    // The search module escapes exactly these five characters.
    marked
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        .replace('\n', " ")
}

fn article_markdown(a: &Article) -> String {
    let m = &a.meta;
    let mut s = format!("# {}\n\n", a.display_title());
    for (k, v) in [
        ("id", Some(a.id.clone())),
        ("outlet", m.outlet.clone()),
        ("published", m.published.map(|d| format!("{d:?}"))),
        ("author", m.author.clone()),
        ("agency", m.agency.clone()),
        ("language", m.language.clone()),
        ("url", m.url.clone()),
    ] {
        if let Some(v) = v {
            s.push_str(&format!("- **{k}**: {v}\n"));
        }
    }
    s.push('\n');
    s.push_str(&a.text);
    s.push('\n');
    s
}

fn analysis_table(article: &Article, an: &Analysis) -> String {
    let mut s = format!("{} [{}]\n\nENTITIES\n", article.display_title(), an.language);
    for e in &an.entities {
        s.push_str(&format!(
            "  {:>5}..{:<5} {:<12} {:<30} key={}{}\n",
            e.span.start,
            e.span.end,
            format!("{:?}", e.kind),
            e.text,
            e.key,
            e.role.as_ref().map(|r| format!(" role={r}")).unwrap_or_default()
        ));
    }
    s.push_str("TIMES\n");
    for t in &an.times {
        s.push_str(&format!(
            "  {:>5}..{:<5} {:<30} {}\n",
            t.span.start,
            t.span.end,
            t.text,
            t.value.as_deref().unwrap_or("(unresolved)")
        ));
    }
    s.push_str("QUANTITIES\n");
    for q in &an.quantities {
        s.push_str(&format!(
            "  {:>5}..{:<5} {:<30} {} {}\n",
            q.span.start,
            q.span.end,
            q.text,
            q.value,
            q.unit.as_deref().unwrap_or("")
        ));
    }
    s.push_str("QUOTES\n");
    for q in &an.quotes {
        s.push_str(&format!(
            "  {:>5}..{:<5} {} — {}\n",
            q.span.start,
            q.span.end,
            q.text.chars().take(60).collect::<String>(),
            q.speaker.as_deref().unwrap_or("?")
        ));
    }
    s
}

/// A story line of `recoupe stories` from a persisted summary (the same
/// format as [`stories_table`]).
fn summary_line(s: &recoupe_pipeline::StorySummary) -> String {
    let span = match (&s.first_published, &s.last_published) {
        (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
        (Some(a), _) => a.clone(),
        _ => "undated".to_string(),
    };
    format!(
        "{}  {} article(s), {} independent source(s), {} copy(ies), {}, {}\n    {}\n",
        s.id,
        s.size,
        s.outlets,
        s.copies,
        s.languages.join("+"),
        span,
        s.title
    )
}

fn stories_table(stories: &[recoupe_core::Story], articles: &[Article]) -> String {
    let mut s = String::new();
    for story in stories {
        let members: Vec<&Article> = story
            .article_ids
            .iter()
            .filter_map(|id| articles.iter().find(|a| &a.id == id))
            .collect();
        let copies: usize = story.copy_groups.iter().map(|g| g.copies.len()).sum();
        let mut outlets: Vec<String> = members
            .iter()
            .filter(|a| story.original_of(&a.id).is_none())
            // One outlet counts once; without an outlet, one agency counts once (as in the dossier).
            .map(|a| {
                a.meta
                    .outlet
                    .clone()
                    .or_else(|| a.meta.agency.clone())
                    .unwrap_or_else(|| a.id.clone())
            })
            .collect();
        outlets.sort();
        outlets.dedup();
        let mut langs: Vec<&str> = members.iter().map(|a| a.language()).collect();
        langs.sort();
        langs.dedup();
        let mut days: Vec<String> = members
            .iter()
            .filter_map(|a| a.meta.published.map(|d| d.date().to_string()))
            .collect();
        days.sort();
        let span = match (days.first(), days.last()) {
            (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
            (Some(a), _) => a.clone(),
            _ => "undated".to_string(),
        };
        s.push_str(&format!(
            "{}  {} article(s), {} independent source(s), {} copy(ies), {}, {}\n    {}\n",
            story.id,
            members.len(),
            outlets.len(),
            copies,
            langs.join("+"),
            span,
            story.title
        ));
    }
    s
}
