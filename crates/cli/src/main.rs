//! `factcheck`: checks the claims of news articles against curated, sourced reference data.
//! This file reads the command line, calls the library, prints, and maps errors to exit codes.

mod args;

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use args::{Cli, Command, DataFormat, DiffFormat, Format, LintFormat, ReferenceCommand, SchemaArg};
use clap::Parser;
use factcheck::{CheckOptions, InputError, SchemaKind};

/// mimalloc: loading a large base makes millions of small allocations on several threads, which
/// it serves faster than the system allocator, with less memory kept from freed ones (at 1M facts:
/// a cold `check` 11% faster and 23% smaller, a warm one 35% faster; README, "Performance").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mi_option_e` in its `mimalloc.h`, in both its v2 and v3):
/// how many milliseconds freed memory is kept before it is given back to the system.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system at once: a cold load frees each file's parsed model and
/// staged rows as the next are built, and kept for mimalloc's default 10 ms they add to the peak
/// (at 1M facts: 0.98-1.00 GB instead of 1.34-1.35 GB; README, "Performance").
fn give_freed_memory_back_at_once() {
    // SAFETY: `mi_option_set` only stores an option's value; PURGE_DELAY is an option mimalloc
    // knows, and 0 one of its documented values.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) };
}

fn today() -> jiff::civil::Date {
    jiff::ZonedDateTime::now().date()
}

/// Writes to standard output (colour stripped unless it is a terminal that wants it).
fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = anstream::stdout();
    written(write!(stdout, "{text}").and_then(|()| stdout.flush()))
}

/// The error of a failed write to standard output or standard error. A reader that stops early,
/// such as `head`, is not an error.
fn written(result: std::io::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write the output")
        }
        _ => Ok(()),
    }
}

/// From now on, SIGINT and SIGTERM remove the temporary file of the report being written (if it
/// has one), then end the process as the signal does when it is not caught: the shell reports 130
/// or 143, and a script interrupted with Ctrl-C stops (it would go on after a plain exit with 130).
#[cfg(unix)]
fn remove_the_temporary_file_on_signal() -> anyhow::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    use signal_hook::low_level::emulate_default_handler;

    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGTERM]).context("cannot handle signals")?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            // Does not return: the default action of both signals ends the process (and should
            // re-raising fail, signal-hook aborts it).
            let _ = factcheck::abandon_write(|| emulate_default_handler(signal));
        }
    });
    Ok(())
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check {
            paths,
            reference,
            as_of,
            also_today,
            today: date,
            format,
            output,
            fail_on,
            reviewer,
        } => {
            let format = match format {
                Format::Text => factcheck::Format::Text,
                Format::Json => factcheck::Format::Json,
                Format::Markdown => factcheck::Format::Markdown,
                Format::Claimreview => factcheck::Format::ClaimReview,
                Format::Github => factcheck::Format::Github,
                Format::Sarif => factcheck::Format::Sarif,
            };
            if fail_on.as_ref().is_some_and(|fail_on| fail_on.changed) && !also_today {
                return Err(factcheck::InputError(
                    "error: --fail-on changed compares each verdict with today's: it needs --also-today".to_owned(),
                )
                .into());
            }
            let options = CheckOptions {
                paths,
                reference: reference.reference(),
                as_of,
                also_today,
                today: date.unwrap_or_else(today),
                format,
                color: output.is_none(),
                reviewer,
            };
            let outcome = factcheck::check(&options)?;
            match output {
                Some(path) => {
                    #[cfg(unix)]
                    remove_the_temporary_file_on_signal()?;
                    factcheck::write_atomically_with(&path, |file| outcome.report.write_to(file))?;
                }
                None => match &outcome.report {
                    factcheck::Report::Rendered(text) => print(text)?,
                    report => {
                        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
                        written(report.write_to(&mut stdout).and_then(|()| stdout.flush()))?
                    }
                },
            }
            Ok(exit(fail_on.is_some_and(|fail_on| {
                factcheck::fails(&outcome, &fail_on)
            })))
        }
        Command::Explain {
            assertion,
            as_of,
            lang,
            format,
            reference,
        } => {
            let language = lang.map(claims_parser::Language::from);
            let json = format == DataFormat::Json;
            let as_of = as_of.unwrap_or_else(today);
            print(&factcheck::explain(
                &assertion,
                language,
                &reference.reference(),
                as_of,
                json,
                true,
            )?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff {
            paths,
            base_reference,
            reference,
            as_of,
            format,
        } => {
            let format = match format {
                DiffFormat::Text => factcheck::Format::Text,
                DiffFormat::Json => factcheck::Format::Json,
                DiffFormat::Github => factcheck::Format::Github,
            };
            let (output, changed) = factcheck::diff(
                &base_reference,
                &reference.reference(),
                &paths,
                as_of,
                format,
            )?;
            print(&output)?;
            Ok(exit(changed))
        }
        Command::Draft {
            article,
            lang,
            published,
            title,
            url,
            reference,
            articles,
            output,
            today: date,
        } => {
            let input = factcheck::DraftInput {
                article,
                language: lang.map(claims_parser::Language::from),
                published,
                title,
                url,
                reference: reference.reference(),
                articles,
                today: date.unwrap_or_else(today),
            };
            let draft = factcheck::draft(&input)?;
            match output {
                Some(path) => {
                    #[cfg(unix)]
                    remove_the_temporary_file_on_signal()?;
                    factcheck::write_atomically(&path, &draft)?;
                }
                None => print(&draft)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Reference(ReferenceCommand::Lint {
            dirs,
            base,
            format,
            cache,
        }) => {
            let format = match format {
                LintFormat::Text => factcheck::Format::Text,
                LintFormat::Json => factcheck::Format::Json,
                LintFormat::Github => factcheck::Format::Github,
                LintFormat::Sarif => factcheck::Format::Sarif,
            };
            let (output, errors) = factcheck::lint(&cache.reference(dirs), &base, format)?;
            print(&output)?;
            Ok(exit(errors))
        }
        Command::Reference(ReferenceCommand::Stale {
            dirs,
            older_than,
            today: date,
            format,
            cache,
        }) => {
            let date = date.unwrap_or_else(today);
            print(&factcheck::stale(
                &cache.reference(dirs),
                date,
                older_than,
                format == DataFormat::Json,
            )?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Reference(ReferenceCommand::Show {
            name,
            reference,
            format,
        }) => {
            print(&factcheck::show(
                &name,
                &reference.reference(),
                format == DataFormat::Json,
            )?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Reference(ReferenceCommand::New { kind, today: date }) => {
            let date = date.unwrap_or_else(today);
            print(&verifier::skeleton::skeleton(kind.into(), date))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Reference(ReferenceCommand::Schema { kind }) => {
            let kind = match kind {
                SchemaArg::Reference => SchemaKind::Reference,
                SchemaArg::Claims => SchemaKind::Claims,
            };
            print(&factcheck::schema(kind))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Prints clap's help, version or usage error, and exits as `clap::Error::exit` would, except
/// that a failure to print it is an error, as for any other output.
fn parse_error(error: &clap::Error) -> anyhow::Result<ExitCode> {
    written(error.print().and_then(|()| std::io::stdout().flush()))?;
    Ok(ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2)))
}

fn main() -> ExitCode {
    give_freed_memory_back_at_once();
    let result = match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(error) => parse_error(&error),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            // Bad input carries its rendered diagnostics; anything else (output that cannot be
            // written, signals that cannot be handled) is one line with its causes. Either way
            // the command failed, whether or not this can be shown: it exits with 2.
            let _ = match error.downcast_ref::<InputError>() {
                Some(input) => writeln!(anstream::stderr(), "{input}"),
                None => writeln!(anstream::stderr(), "error: {error:#}"),
            };
            ExitCode::from(2)
        }
    }
}
