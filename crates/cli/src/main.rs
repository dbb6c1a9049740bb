//! `factcheck`: checks the claims of news articles against curated, sourced reference data.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use claims_parser::Language;
use clap::{Parser, Subcommand, ValueEnum};
use factcheck::{CheckOptions, Format, InputError};
use jiff::civil::Date;
use verifier::ClaimVerdict;

const EXIT_CODES: &str = "Exit codes:
  0  the run completed
  1  --fail-on was given and a claim got one of its verdicts
  2  bad input or usage (the diagnostics say where and why)";

#[derive(Parser)]
#[command(name = "factcheck", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
        /// Report format
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Write the report to this file (atomically) instead of standard output
        #[arg(long)]
        output: Option<PathBuf>,
        /// Exit with 1 when a claim gets one of these verdicts (comma-separated: true, false,
        /// mixed, unverifiable, conflicting, not-checkable)
        #[arg(long, value_name = "VERDICT[,VERDICT]", value_parser = verdict_list)]
        fail_on: Option<VerdictList>,
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
        /// The language it is written in
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// Output format
        #[arg(long, value_enum, default_value_t = ExplainFormat::Text)]
        format: ExplainFormat,
        #[command(flatten)]
        reference: ReferenceArgs,
    },
}

/// The verdicts `--fail-on` lists.
#[derive(Clone)]
struct VerdictList(Vec<ClaimVerdict>);

fn verdict_list(text: &str) -> Result<VerdictList, String> {
    factcheck::parse_verdicts(text).map(VerdictList)
}

#[derive(clap::Args)]
struct ReferenceArgs {
    /// Reference data directory; repeat to layer more data over it [default: claims/reference, found upward]
    #[arg(long = "reference", value_name = "DIR")]
    references: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
    Markdown,
    Claimreview,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExplainFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Id,
}

fn run(cli: Cli) -> Result<ExitCode, InputError> {
    match cli.command {
        Command::Check {
            paths,
            reference,
            as_of,
            format,
            output,
            fail_on,
            reviewer,
        } => {
            let format = match format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
                FormatArg::Markdown => Format::Markdown,
                FormatArg::Claimreview => Format::ClaimReview,
            };
            let options = CheckOptions {
                paths,
                references: reference.references,
                as_of,
                format,
                color: output.is_none(),
                reviewer,
            };
            let outcome = factcheck::check(&options)?;
            match output {
                Some(path) => factcheck::write_atomically(&path, &outcome.output)?,
                None => write!(anstream::stdout(), "{}", outcome.output)
                    .map_err(|e| InputError(e.to_string()))?,
            }
            let failed = fail_on
                .is_some_and(|VerdictList(fail_on)| factcheck::fails(&outcome.verdicts, &fail_on));
            Ok(if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Explain {
            assertion,
            as_of,
            lang,
            format,
            reference,
        } => {
            let language = match lang {
                LangArg::En => Language::En,
                LangArg::Id => Language::Id,
            };
            let as_of = as_of.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
            let json = matches!(format, ExplainFormat::Json);
            let output = factcheck::explain(
                &assertion,
                language,
                &reference.references,
                as_of,
                json,
                true,
            )?;
            print(&output)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes to standard output (colour stripped unless it is a terminal that wants it). A reader
/// that stops early, such as `head`, is not an error.
fn print(text: &str) -> Result<(), InputError> {
    match write!(anstream::stdout(), "{text}") {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(InputError(format!(
            "error: cannot write the report: {error}"
        ))),
        _ => Ok(()),
    }
}

fn main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => Ok(code),
        Err(error) => {
            writeln!(anstream::stderr(), "{error}")?;
            Ok(ExitCode::from(2))
        }
    }
}
