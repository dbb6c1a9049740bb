//! Rendering [`DocumentReport`]s: terminal text, JSON, Markdown and schema.org ClaimReview JSON-LD.
//! Every renderer returns a string, or writes to a writer it is given ([`write_json`]); none
//! prints.

use std::collections::BTreeMap;
use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::check::DocumentReport;
use crate::check::SourceCitation;
use crate::verdict::{ClaimVerdict, Role, Verdict};

mod annotations;
mod claim_review;
mod github;
mod markdown;
mod sarif;
mod text;

pub use claim_review::claim_review;
pub use markdown::markdown;
pub use text::{assertion_text, text};

/// The version of the JSON report's schema; it changes only when a field changes meaning or goes.
pub const JSON_SCHEMA_VERSION: u32 = 2;

/// How many facts the text and Markdown reports list per assertion before summing up the rest.
const LISTED_FACTS: usize = 5;

/// Every report of a run, as the JSON report writes it.
#[derive(Debug, serde::Serialize)]
struct JsonReport<'a> {
    schema_version: u32,
    documents: &'a [DocumentReport],
    summary: BTreeMap<ClaimVerdict, usize>,
}

/// How many claims got each verdict across the reports.
pub fn summary(reports: &[DocumentReport]) -> BTreeMap<ClaimVerdict, usize> {
    let mut total = BTreeMap::new();
    for report in reports {
        for (verdict, count) in &report.summary {
            *total.entry(*verdict).or_insert(0) += count;
        }
    }
    total
}

/// The JSON report (schema in the README).
pub fn json(reports: &[DocumentReport]) -> String {
    let mut bytes = Vec::new();
    write_json(reports, &mut bytes).expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// Writes the JSON report (schema in the README) to `writer` as it is encoded: a report of a
/// hundred thousand claims, a hundred megabytes of JSON, is never held whole.
pub fn write_json(
    reports: &[DocumentReport],
    mut writer: impl std::io::Write,
) -> std::io::Result<()> {
    let report = JsonReport {
        schema_version: JSON_SCHEMA_VERSION,
        documents: reports,
        summary: summary(reports),
    };
    serde_json::to_writer_pretty(&mut writer, &report)?;
    writer.write_all(b"\n")
}

fn claim_style(verdict: ClaimVerdict) -> Style {
    let color = match verdict {
        ClaimVerdict::True => AnsiColor::Green,
        ClaimVerdict::False => AnsiColor::Red,
        ClaimVerdict::Mixed => AnsiColor::Yellow,
        ClaimVerdict::Unverifiable => AnsiColor::Cyan,
        ClaimVerdict::Conflicting => AnsiColor::Magenta,
        ClaimVerdict::NotCheckable => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn verdict_style(verdict: Verdict) -> Style {
    claim_style(match verdict {
        Verdict::True => ClaimVerdict::True,
        Verdict::False => ClaimVerdict::False,
        Verdict::Unverifiable => ClaimVerdict::Unverifiable,
        Verdict::Conflicting => ClaimVerdict::Conflicting,
    })
}

fn paint(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_owned()
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Supports => "supports",
        Role::Refutes => "refutes",
        Role::Context => "context",
    }
}

fn source_line(source: &SourceCitation) -> String {
    format!(
        "{}, \"{}\" <{}> (accessed {})",
        source.publisher, source.title, source.url, source.accessed
    )
}

/// The summary line: `3 true, 1 false, 2 unverifiable`.
pub fn summary_line(summary: &BTreeMap<ClaimVerdict, usize>) -> String {
    let parts: Vec<String> = summary
        .iter()
        .map(|(verdict, count)| format!("{count} {verdict}"))
        .collect();
    if parts.is_empty() {
        "no claims".to_owned()
    } else {
        parts.join(", ")
    }
}

/// The findings of `factcheck ref lint`, one a paragraph, and a count.
pub fn findings_text(findings: &[crate::lint::Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        let _ = writeln!(out, "{finding}");
    }
    let errors = findings
        .iter()
        .filter(|f| f.level == crate::lint::Level::Error)
        .count();
    let _ = writeln!(
        out,
        "{errors} error(s), {} warning(s)",
        findings.len() - errors
    );
    out
}

/// Any serializable report as pretty JSON with a final newline.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("reports serialize");
    text.push('\n');
    text
}

/// The to-do list of `factcheck ref stale`, oldest first.
pub fn stale_text(items: &[crate::stale::StaleItem]) -> String {
    let mut out = String::new();
    for item in items {
        let location = match &item.location {
            crate::load::Location::Item { path, .. } => path.clone(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{}  {}: {location}  {}",
            item.since, item.file, item.message
        );
    }
    let _ = writeln!(out, "{} item(s) to review", items.len());
    out
}

/// An entity's timeline, as `factcheck ref show` prints it.
pub fn timeline_text(timeline: &crate::timeline::Timeline) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}), {}",
        timeline.name, timeline.id, timeline.kind
    );
    if let Some(wikidata) = &timeline.wikidata {
        let _ = writeln!(out, "  wikidata: {wikidata}");
    }
    for (language, aliases) in &timeline.aliases {
        let _ = writeln!(out, "  aliases ({language}): {}", aliases.join(", "));
    }
    if timeline.facts.is_empty() {
        let _ = writeln!(out, "  no facts name it");
    }
    for entry in &timeline.facts {
        let when = match (entry.from, entry.to) {
            (None, _) => "always".to_owned(),
            (Some(from), Some(to)) => format!("{from} to {to}"),
            (Some(from), None) => from.to_string(),
        };
        let _ = writeln!(
            out,
            "  {when:<24} {}  {}#{}",
            entry.fact.statement, entry.fact.file, entry.fact.id
        );
        for source in &entry.fact.sources {
            let _ = writeln!(out, "  {:<24}   {}", "", source_line(source));
        }
    }
    out
}

/// The verdicts that changed between two versions of the reference data.
pub fn changes_text(changes: &[crate::check::ClaimChange]) -> String {
    let mut out = String::new();
    for change in changes {
        let _ = writeln!(
            out,
            "{}: {}  {} -> {}",
            change.file,
            change.claim,
            before_text(change.before),
            change.after
        );
        for assertion in &change.assertions {
            let _ = writeln!(
                out,
                "  - {}  {} -> {}",
                assertion.canonical,
                before_text(assertion.before),
                assertion.after
            );
            let _ = writeln!(out, "      {}", assertion.reason);
        }
    }
    let _ = writeln!(out, "{} claim(s) changed", changes.len());
    out
}

/// The claims of `reports` a CI job is told about (false, conflicting, mixed, or changed since
/// publication), as GitHub Actions workflow commands: annotations on their lines.
pub fn github(reports: &[DocumentReport]) -> String {
    github::commands(&annotations::of_reports(reports))
}

/// The same claims as [`github`], as a SARIF 2.1.0 log.
pub fn sarif(reports: &[DocumentReport]) -> String {
    sarif::log(&annotations::of_reports(reports))
}

/// `ref lint`'s findings as GitHub Actions workflow commands.
pub fn findings_github(findings: &[crate::lint::Finding]) -> String {
    github::commands(&annotations::of_findings(findings))
}

/// `ref lint`'s findings as a SARIF 2.1.0 log.
pub fn findings_sarif(findings: &[crate::lint::Finding]) -> String {
    sarif::log(&annotations::of_findings(findings))
}

/// The claims whose verdict a change of the reference data changes, as GitHub Actions workflow
/// commands.
pub fn changes_github(changes: &[crate::check::ClaimChange]) -> String {
    github::commands(&annotations::of_changes(changes))
}

/// A verdict with the base data, or `(new)` when the base data cannot read the claim.
pub(crate) fn before_text(verdict: Option<impl std::fmt::Display>) -> String {
    verdict.map_or_else(|| "(new)".to_owned(), |verdict| verdict.to_string())
}
