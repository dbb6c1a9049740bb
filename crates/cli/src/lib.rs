//! The work of the `factcheck` command, apart from reading arguments and printing (`main.rs`):
//! finding the reference data and claim documents, checking them, rendering reports, and writing
//! output files atomically. Every function returns its output; none prints.
#![deny(missing_docs)]

mod atomic;
mod draft;
mod explain;

use std::collections::HashSet;
use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use verifier::Root;
use verifier::cache::Cache;
use verifier::lint::{Finding, Level};
use verifier::load::slash_path;
use verifier::{ClaimVerdict, Dates, DocumentReport, KnowledgeBase, diagnostics, report};

pub use atomic::{abandon_write, write_atomically, write_atomically_with};
pub use draft::{DraftInput, draft};
pub use explain::{Reading, ReadingError, explain, read_in_either_language};

/// Where the reference data is looked for, from the current directory upward.
pub const DEFAULT_REFERENCE: &str = "claims/reference";
/// Where claim documents are looked for, from the current directory upward.
pub const DEFAULT_ARTICLES: &str = "claims/articles";

/// Bad input or usage: the rendered diagnostics. The command exits with code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

/// The reference data a command reads: its directories, and the cache of loaded data to use.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    /// Reference data roots, later ones layered over earlier ones; empty means the default.
    pub dirs: Vec<PathBuf>,
    /// Where loaded data is kept between runs; `None` loads cold every time.
    pub cache: Option<Cache>,
}

impl Reference {
    /// The same cache, over other directories.
    fn with_dirs(&self, dirs: Vec<PathBuf>) -> Reference {
        Reference {
            dirs,
            cache: self.cache.clone(),
        }
    }
}

/// The name of this build of the tool, for the cache: its version and a hash of its executable,
/// so that an entry written by another build (a rebuild during development included) is never
/// read, while the same build, rebuilt on a fresh CI machine, reads the entries it wrote. `None`
/// when the executable cannot be read: then nothing is cached.
pub fn tool_identity() -> Option<String> {
    let executable = std::fs::read(std::env::current_exe().ok()?).ok()?;
    Some(format!(
        "factcheck {} (executable {})",
        env!("CARGO_PKG_VERSION"),
        blake3::hash(&executable).to_hex()
    ))
}

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For the terminal, in colour where it can be.
    Text,
    /// The stable JSON report.
    Json,
    /// A Markdown report to publish.
    Markdown,
    /// schema.org ClaimReview JSON-LD.
    ClaimReview,
    /// GitHub Actions workflow commands: annotations on the lines of a pull request.
    Github,
    /// SARIF 2.1.0, for code-scanning views.
    Sarif,
}

/// What makes `check` exit with 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FailOn {
    /// These claim verdicts.
    pub verdicts: Vec<ClaimVerdict>,
    /// A verdict today that differs from the verdict at publication (`changed`, with
    /// `--also-today`).
    pub changed: bool,
}

/// The `check` command's inputs.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Claim documents or directories of them; empty means the default articles directory.
    pub paths: Vec<PathBuf>,
    /// The reference data.
    pub reference: Reference,
    /// Judge every claim as of this date instead of its article's.
    pub as_of: Option<Date>,
    /// Also judge every claim as of today, flagging changed verdicts.
    pub also_today: bool,
    /// The date that stands for today: for `also_today`, and as the publication date of ClaimReview.
    pub today: Date,
    /// The report format.
    pub format: Format,
    /// Whether the text report may carry colour codes.
    pub color: bool,
    /// The organization named as author of ClaimReview output.
    pub reviewer: String,
}

/// What a `check` produced.
#[derive(Debug, Clone)]
pub struct CheckOutcome {
    /// The report.
    pub report: Report,
    /// Every claim's verdict, for `--fail-on`.
    pub verdicts: Vec<ClaimVerdict>,
    /// Whether some claim's verdict today differs from its verdict at publication.
    pub changed: bool,
}

/// A check's report: rendered, or, as JSON, the reports themselves, encoded as they are written
/// so that the text of a large report is never held whole beside them.
#[derive(Debug, Clone)]
pub enum Report {
    /// A report rendered as text, Markdown, ClaimReview, GitHub annotations or SARIF.
    Rendered(String),
    /// The reports, to be written as the JSON report.
    Json(Vec<DocumentReport>),
}

impl Report {
    /// Writes the report to `writer`.
    pub fn write_to(&self, mut writer: impl std::io::Write) -> std::io::Result<()> {
        match self {
            Report::Rendered(text) => writer.write_all(text.as_bytes()),
            Report::Json(reports) => report::write_json(reports, writer),
        }
    }
}

/// Finds `relative` in `start` or one of its ancestors.
pub fn find_upward(start: &Path, relative: &str) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(relative))
        .find(|candidate| candidate.exists())
}

pub(crate) fn default_path(relative: &str) -> Result<PathBuf, InputError> {
    let cwd = std::env::current_dir()
        .map_err(|e| InputError(format!("error: cannot read the current directory: {e}")))?;
    let found = find_upward(&cwd, relative).ok_or_else(|| {
        InputError(format!(
            "error: no {relative} directory here or in any parent directory\n  help: run factcheck inside a factcheck repository, or pass the path"
        ))
    })?;
    Ok(found
        .strip_prefix(&cwd)
        .map(Path::to_path_buf)
        .unwrap_or(found))
}

/// The reference roots to load: `references`, each cited as given, or the default directory,
/// cited as `claims/reference` wherever it was found.
fn reference_roots(references: &[PathBuf]) -> Result<Vec<Root>, InputError> {
    let roots = if references.is_empty() {
        vec![Root::named(
            default_path(DEFAULT_REFERENCE)?,
            DEFAULT_REFERENCE,
        )]
    } else {
        references.iter().cloned().map(Root::given).collect()
    };
    for root in &roots {
        if !root.path.exists() {
            return Err(InputError(format!(
                "error: reference data '{}' does not exist",
                root.shown
            )));
        }
    }
    Ok(roots)
}

/// Loads the reference data from its directories, or from the default directory when there are
/// none, through its cache if it has one.
///
/// The base is never dropped: a command loads it once and ends soon after, and freeing a million
/// facts one allocation at a time would cost a sixth of a warm run. The operating system takes
/// the memory back at exit.
pub fn load_reference(reference: &Reference) -> Result<ManuallyDrop<KnowledgeBase>, InputError> {
    let roots = reference_roots(&reference.dirs)?;
    verifier::cache::load_cached(&roots, reference.cache.as_ref())
        .map(|(kb, _)| ManuallyDrop::new(kb))
        .map_err(|error| InputError(diagnostics::render_load_problems(&error.problems)))
}

/// The claim documents named by `paths` (directories are searched for `.yaml` files), or in the
/// default articles directory when empty, with their display names.
pub fn claim_documents(paths: &[PathBuf]) -> Result<Vec<(String, PathBuf)>, InputError> {
    let paths = if paths.is_empty() {
        vec![default_path(DEFAULT_ARTICLES)?]
    } else {
        paths.to_vec()
    };
    let mut documents = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        if path.is_dir() {
            let walk = verifier::load::reference_files(&path, &mut seen);
            if !walk.problems.is_empty() {
                let problems: Vec<String> = walk
                    .problems
                    .iter()
                    .map(|problem| {
                        let help = problem
                            .help()
                            .map(|help| format!("\n  help: {help}"))
                            .unwrap_or_default();
                        format!(
                            "error: {}: {}{help}",
                            slash_path(problem.path()),
                            problem.message(&path, slash_path)
                        )
                    })
                    .collect();
                return Err(InputError(problems.join("\n\n")));
            }
            let files = walk.files;
            if files.is_empty() {
                return Err(InputError(format!(
                    "error: no .yaml claim documents in {}",
                    path.display()
                )));
            }
            documents.extend(files.into_iter().map(|file| (slash_path(&file), file)));
        } else if path.is_file() {
            documents.push((slash_path(&path), path));
        } else {
            return Err(InputError(format!(
                "error: '{}' does not exist",
                path.display()
            )));
        }
    }
    Ok(documents)
}

/// Checks claim documents and renders the report. Every problem in every document is reported
/// before anything is rendered.
pub fn check(options: &CheckOptions) -> Result<CheckOutcome, InputError> {
    let kb = load_reference(&options.reference)?;
    let dates = Dates {
        as_of: options.as_of,
        also: options.also_today.then_some(options.today),
    };
    let reports = check_all(&kb, &options.paths, dates, options.color)?;
    let claims = || reports.iter().flat_map(|report| &report.claims);
    let verdicts = claims().map(|claim| claim.verdict).collect();
    let changed = claims().any(|claim| claim.today.as_ref().is_some_and(|today| today.changed));
    let report = match options.format {
        Format::Text => Report::Rendered(report::text(&reports, options.color)),
        Format::Json => Report::Json(reports),
        Format::Markdown => Report::Rendered(report::markdown(&reports)),
        Format::ClaimReview => Report::Rendered(report::claim_review(
            &reports,
            &options.reviewer,
            options.today,
        )),
        Format::Github => Report::Rendered(report::github(&reports)),
        Format::Sarif => Report::Rendered(report::sarif(&reports)),
    };
    Ok(CheckOutcome {
        report,
        verdicts,
        changed,
    })
}

/// Judges every claim document named by `paths` against `kb`, or reports every problem in them.
fn check_all(
    kb: &KnowledgeBase,
    paths: &[PathBuf],
    dates: Dates,
    color: bool,
) -> Result<Vec<DocumentReport>, InputError> {
    let mut reports: Vec<DocumentReport> = Vec::new();
    let mut problems = Vec::new();
    for (name, path) in claim_documents(paths)? {
        match check_one(kb, &name, &path, dates, color) {
            Ok(report) => reports.push(report),
            Err(rendered) => problems.push(rendered),
        }
    }
    if !problems.is_empty() {
        return Err(InputError(problems.join("\n\n")));
    }
    Ok(reports)
}

/// Judges one claim document (`path`, shown as `name`) against `kb`, each claim and assertion
/// located on its line; or its problems, rendered.
fn check_one(
    kb: &KnowledgeBase,
    name: &str,
    path: &Path,
    dates: Dates,
    color: bool,
) -> Result<DocumentReport, String> {
    let text = verifier::yaml::read_text(path)
        .map_err(|error| diagnostics::render_yaml_error(name, &error))?;
    let document = verifier::yaml::read_claim_document(&text)
        .map_err(|error| diagnostics::render_yaml_error(name, &error))?;
    let mut report = verifier::check_document(kb, &document, name, dates)
        .map_err(|error| diagnostics::render_check_error(name, &text, &document, &error, color))?;
    report.locate(&text, &document);
    Ok(report)
}

/// The claims whose verdicts differ between the reference data in `base` and in `reference`
/// (rendered), and whether there are any.
pub fn diff(
    base: &Path,
    reference: &Reference,
    paths: &[PathBuf],
    as_of: Option<Date>,
    format: Format,
) -> Result<(String, bool), InputError> {
    let before = load_reference(&reference.with_dirs(vec![base.to_path_buf()]))?;
    let after = load_reference(reference)?;
    let dates = Dates { as_of, also: None };
    let mut changes = Vec::new();
    let mut problems = Vec::new();
    for (name, path) in claim_documents(paths)? {
        // Every document must read with the new data; one the base cannot read is new with it.
        let new = match check_one(&after, &name, &path, dates, false) {
            Ok(new) => new,
            Err(rendered) => {
                problems.push(rendered);
                continue;
            }
        };
        match check_one(&before, &name, &path, dates, false) {
            Ok(old) => changes.extend(verifier::check::compare(&old, &new)),
            Err(_) => changes.extend(verifier::check::new_claims(&new)),
        }
    }
    if !problems.is_empty() {
        return Err(InputError(problems.join("\n\n")));
    }
    let output = match format {
        Format::Json => report::to_json(&changes),
        Format::Github => report::changes_github(&changes),
        _ => report::changes_text(&changes),
    };
    Ok((output, !changes.is_empty()))
}

/// Lints the reference data under `roots` (or the default): loading problems and the checks of
/// [`verifier::lint`], rendered, and whether any is an error. With `base` directories, `roots`
/// are a layer over them: the layer is loaded over the base, and only its own findings are shown.
pub fn lint(
    reference: &Reference,
    base: &[PathBuf],
    format: Format,
) -> Result<(String, bool), InputError> {
    if !base.is_empty() && reference.dirs.is_empty() {
        return Err(InputError(
            "error: --base needs the layer to lint: factcheck ref lint --base DIR LAYER
  help: a layer is a directory of reference data that adds to the base"
                .to_owned(),
        ));
    }
    let layer = reference_roots(&reference.dirs)?;
    let mut all = if base.is_empty() {
        Vec::new()
    } else {
        reference_roots(base)?
    };
    all.extend(layer.iter().cloned());
    let findings = match verifier::cache::load_cached(&all, reference.cache.as_ref()) {
        // Not dropped, as in `load_reference`.
        Ok((kb, _)) => verifier::lint::lint(&ManuallyDrop::new(kb)),
        Err(error) => error.problems.iter().map(Finding::from_problem).collect(),
    };
    let mut findings = if base.is_empty() {
        findings
    } else {
        verifier::lint::in_layer(findings, &layer)
    };
    verifier::lint::locate(&mut findings, &all);
    let errors = findings.iter().any(|finding| finding.level == Level::Error);
    let output = match format {
        Format::Json => report::to_json(&findings),
        Format::Github => report::findings_github(&findings),
        Format::Sarif => report::findings_sarif(&findings),
        _ => report::findings_text(&findings),
    };
    Ok((output, errors))
}

/// The facts and records to review again, oldest first.
pub fn stale(
    reference: &Reference,
    today: Date,
    older_than_days: i32,
    json: bool,
) -> Result<String, InputError> {
    let kb = load_reference(reference)?;
    let items = verifier::stale::stale(&kb, today, older_than_days);
    Ok(if json {
        report::to_json(&items)
    } else {
        report::stale_text(&items)
    })
}

/// Everything known about the entity called `name`.
pub fn show(name: &str, reference: &Reference, json: bool) -> Result<String, InputError> {
    let kb = load_reference(reference)?;
    let entity = kb
        .find_entity(name)
        .map_err(|error| InputError(format!("error: {error}")))?;
    let timeline = kb.timeline(entity);
    Ok(if json {
        report::to_json(&timeline)
    } else {
        report::timeline_text(&timeline)
    })
}

/// Which JSON Schema `ref schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    /// Reference data files.
    Reference,
    /// Claim documents.
    Claims,
}

/// The JSON Schema of reference files or of claim documents.
pub fn schema(kind: SchemaKind) -> String {
    match kind {
        SchemaKind::Reference => verifier::yaml::reference_schema(),
        SchemaKind::Claims => verifier::yaml::claim_document_schema(),
    }
}

/// Reads an age such as `365d`, `52w` or `1y` (365 days) into days.
pub fn parse_age(text: &str) -> Result<i32, String> {
    let error = || {
        format!(
            "'{text}' is not an age: expected a number of days, weeks or years, such as 365d, 52w or 1y"
        )
    };
    let (number, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit()).ok_or_else(error)?);
    let number: i32 = number.parse().map_err(|_| error())?;
    let factor = match unit {
        "d" => 1,
        "w" => 7,
        "y" => 365,
        _ => return Err(error()),
    };
    number.checked_mul(factor).ok_or_else(error)
}

/// Whether a checked run fails by `fail_on`: a claim got one of its verdicts, or, with `changed`,
/// a claim's verdict changed since publication.
pub fn fails(outcome: &CheckOutcome, fail_on: &FailOn) -> bool {
    outcome
        .verdicts
        .iter()
        .any(|verdict| fail_on.verdicts.contains(verdict))
        || (fail_on.changed && outcome.changed)
}

/// Reads a `--fail-on` list: verdict names and `changed`, separated by commas.
pub fn parse_fail_on(list: &str) -> Result<FailOn, String> {
    let mut fail_on = FailOn::default();
    for name in list.split(',').map(str::trim) {
        if name == "changed" {
            fail_on.changed = true;
            continue;
        }
        let verdict = name.parse::<ClaimVerdict>().map_err(|_| {
            format!(
                "unknown verdict '{name}': expected true, false, mixed, unverifiable, conflicting, not-checkable or changed"
            )
        })?;
        fail_on.verdicts.push(verdict);
    }
    Ok(fail_on)
}

/// Reads a `--as-of` date: a full `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Result<Date, String> {
    let date: claims_parser::PartialDate = text
        .parse()
        .map_err(|e: claims_parser::DateError| e.to_string())?;
    if date.precision() != claims_parser::Precision::Day {
        return Err(format!("'{text}' is not a full date: expected YYYY-MM-DD"));
    }
    Ok(date.first_day())
}
