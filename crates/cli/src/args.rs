//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;
use verifier::cache::Cache;

const EXIT_CODES: &str = "Exit codes:
  0  the run completed
  1  --fail-on was given and a claim got one of its verdicts (check); verdicts changed (diff);
     the reference data has errors (ref lint)
  2  bad input or usage (the diagnostics say where and why)";

/// Checks the claims of news articles against curated, sourced reference data.
#[derive(Parser)]
#[command(name = "factcheck", version, about, after_help = EXIT_CODES, term_width = 0)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Check claim documents against the reference data and report a verdict per claim.
    #[command(after_help = EXIT_CODES)]
    Check {
        /// Claim documents, or directories of them [default: claims/articles, found upward]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        reference: ReferenceArgs,
        /// Judge every claim as of this date (YYYY-MM-DD) instead of its article's date
        #[arg(long, value_parser = factcheck::parse_day)]
        as_of: Option<Date>,
        /// Also judge every claim as of today, and flag verdicts that changed since publication
        #[arg(long)]
        also_today: bool,
        /// The date that stands for today (YYYY-MM-DD), for --also-today and as the date of
        /// ClaimReview output [default: the system date]
        #[arg(long, value_parser = factcheck::parse_day)]
        today: Option<Date>,
        /// Report format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the report to this file (atomically) instead of standard output
        #[arg(long)]
        output: Option<PathBuf>,
        /// Exit with 1 when a claim gets one of these verdicts (comma-separated: true, false,
        /// mixed, unverifiable, conflicting, not-checkable), or, with `changed` and --also-today,
        /// when a claim's verdict today differs from its verdict at publication
        #[arg(long, value_name = "VERDICT[,VERDICT]", value_parser = factcheck::parse_fail_on)]
        fail_on: Option<factcheck::FailOn>,
        /// The organization named as the author of ClaimReview output
        #[arg(long, default_value = "factcheck")]
        reviewer: String,
    },
    /// Judge one assertion and show its verdict and evidence.
    #[command(after_help = EXIT_CODES)]
    Explain {
        /// The assertion, in the assertion language or in canonical form
        assertion: String,
        /// Judge it as of this date (YYYY-MM-DD) [default: today]
        #[arg(long, value_parser = factcheck::parse_day)]
        as_of: Option<Date>,
        /// The language it is written in [default: whichever reads it]
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// Output format
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
        #[command(flatten)]
        reference: ReferenceArgs,
    },
    /// Show the claims whose verdicts differ between two versions of the reference data.
    #[command(after_help = EXIT_CODES)]
    Diff {
        /// Claim documents, or directories of them [default: claims/articles, found upward]
        paths: Vec<PathBuf>,
        /// The reference data before the change (such as a checkout of the base branch)
        #[arg(long, value_name = "DIR")]
        base_reference: PathBuf,
        #[command(flatten)]
        reference: ReferenceArgs,
        /// Judge every claim as of this date instead of its article's date
        #[arg(long, value_parser = factcheck::parse_day)]
        as_of: Option<Date>,
        /// Output format
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Draft a claim document from an article's text, for a person to review: its sentences as
    /// claims, classed, with proposed assertions and the claims already checked that come closest.
    #[command(after_help = EXIT_CODES)]
    Draft {
        /// The article, as plain text
        article: PathBuf,
        /// The article's language [default: told from its words]
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// The day it was published (YYYY-MM-DD): relative dates count from it [default: today,
        /// marked in the draft to correct]
        #[arg(long, value_parser = factcheck::parse_day)]
        published: Option<Date>,
        /// Its headline
        #[arg(long)]
        title: Option<String>,
        /// Its address
        #[arg(long)]
        url: Option<String>,
        #[command(flatten)]
        reference: ReferenceArgs,
        /// Claim documents already checked, or directories of them, to find the claims checked
        /// before [default: claims/articles, found upward, if there is one]
        #[arg(long = "articles", value_name = "DIR")]
        articles: Vec<PathBuf>,
        /// Write the draft to this file (atomically) instead of standard output
        #[arg(long)]
        output: Option<PathBuf>,
        /// The date that stands for today (YYYY-MM-DD) [default: the system date]
        #[arg(long, value_parser = factcheck::parse_day)]
        today: Option<Date>,
    },
    /// Keep the reference data: lint it, list what to review, show an entity, print its schema.
    #[command(name = "ref", subcommand)]
    Reference(ReferenceCommand),
}

#[derive(Subcommand)]
pub enum ReferenceCommand {
    /// Report every problem in the reference data, errors and warnings, each with its location.
    #[command(after_help = EXIT_CODES)]
    Lint {
        /// Reference data directories [default: claims/reference, found upward]; with --base, the
        /// layer to lint
        dirs: Vec<PathBuf>,
        /// The reference data a layer extends: loaded first, its own findings left out (repeat
        /// for several)
        #[arg(long, value_name = "DIR")]
        base: Vec<PathBuf>,
        /// Output format
        #[arg(long, value_enum, default_value_t = LintFormat::Text)]
        format: LintFormat,
        #[command(flatten)]
        cache: CacheArgs,
    },
    /// List facts and completeness records not reviewed for a while, and scheduled events whose
    /// date has passed, oldest first.
    Stale {
        /// Reference data directories [default: claims/reference, found upward]
        dirs: Vec<PathBuf>,
        /// How old a review or reading may be: days, weeks or years, such as 365d, 52w, 1y
        #[arg(long, default_value = "365d", value_parser = factcheck::parse_age)]
        older_than: i32,
        /// The date that stands for today (YYYY-MM-DD) [default: the system date]
        #[arg(long, value_parser = factcheck::parse_day)]
        today: Option<Date>,
        /// Output format
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
        #[command(flatten)]
        cache: CacheArgs,
    },
    /// Show everything known about one entity, found by its id or any alias, as a timeline.
    Show {
        /// The entity's id or any of its aliases, in any language
        name: String,
        #[command(flatten)]
        reference: ReferenceArgs,
        /// Output format
        #[arg(long, value_enum, default_value_t = DataFormat::Text)]
        format: DataFormat,
    },
    /// Print a commented skeleton of a new entry in the reference format, to fill in.
    New {
        /// What to start
        #[arg(value_enum)]
        kind: NewKind,
        /// The date that stands for today (YYYY-MM-DD), for `accessed` and `reviewed` [default:
        /// the system date]
        #[arg(long, value_parser = factcheck::parse_day)]
        today: Option<Date>,
    },
    /// Print the JSON Schema of reference files or of claim documents, for editors.
    Schema {
        /// Which schema
        #[arg(value_enum, default_value_t = SchemaArg::Reference)]
        kind: SchemaArg,
    },
}

#[derive(clap::Args)]
pub struct ReferenceArgs {
    /// Reference data directory; repeat to layer more data over it [default: claims/reference, found upward]
    #[arg(long = "reference", value_name = "DIR")]
    pub references: Vec<PathBuf>,
    #[command(flatten)]
    pub cache: CacheArgs,
}

impl ReferenceArgs {
    pub fn reference(self) -> factcheck::Reference {
        self.cache.reference(self.references)
    }
}

/// Where loaded reference data is kept between runs.
#[derive(clap::Args)]
pub struct CacheArgs {
    /// Load the reference data without the cache, and write no entry to it
    #[arg(long)]
    pub no_cache: bool,
    /// Keep loaded reference data in this folder [default: factcheck in the platform's cache
    /// folder, such as ~/.cache/factcheck]
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,
}

impl CacheArgs {
    /// The reference data in `dirs`, with the cache these arguments ask for.
    pub fn reference(self, dirs: Vec<PathBuf>) -> factcheck::Reference {
        let cache = if self.no_cache {
            None
        } else {
            self.cache_dir
                .or_else(Cache::default_dir)
                .zip(factcheck::tool_identity())
                .map(|(dir, tool)| Cache::new(dir, tool))
        };
        factcheck::Reference { dirs, cache }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Claimreview,
    Github,
    Sarif,
}

/// The formats of `ref lint`.
#[derive(Clone, Copy, ValueEnum)]
pub enum LintFormat {
    Text,
    Json,
    Github,
    Sarif,
}

/// The formats of `diff`.
#[derive(Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Lang {
    En,
    Id,
}

impl From<Lang> for claims_parser::Language {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::En => Self::En,
            Lang::Id => Self::Id,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum NewKind {
    Entity,
    Relation,
    Source,
    Fact,
    Completeness,
}

impl From<NewKind> for verifier::skeleton::Kind {
    fn from(kind: NewKind) -> Self {
        match kind {
            NewKind::Entity => Self::Entity,
            NewKind::Relation => Self::Relation,
            NewKind::Source => Self::Source,
            NewKind::Fact => Self::Fact,
            NewKind::Completeness => Self::Completeness,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SchemaArg {
    /// Reference data files (claims/reference)
    Reference,
    /// Claim documents (claims/articles)
    Claims,
}
