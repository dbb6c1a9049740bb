//! The terminal report.

use std::fmt::Write;

use anstyle::Style;

use super::{
    LISTED_FACTS, claim_style, paint, role_name, source_line, summary, summary_line, verdict_style,
};
use crate::check::SourceCitation;
use crate::check::{AssertionReport, ClaimReport, DocumentReport, FactCitation};

/// The terminal report: a line per claim with its verdict (in colour when `color`), the quote,
/// each assertion in canonical form with its evidence, and a summary.
pub fn text(reports: &[DocumentReport], color: bool) -> String {
    let mut out = String::new();
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    for report in reports {
        let article = &report.article;
        let _ = writeln!(
            out,
            "{}",
            paint(&format!("{} — {}", report.file, article.title), bold, color)
        );
        let publisher = article
            .publisher
            .as_deref()
            .unwrap_or("publisher not known");
        let url = article
            .url
            .as_deref()
            .map_or(String::new(), |url| format!(" <{url}>"));
        let _ = writeln!(out, "{publisher}, published {}{url}", article.published);
        let _ = writeln!(out);
        for claim in super::annotations::ordered(report) {
            text_claim(&mut out, claim, color, dim);
        }
        let _ = writeln!(
            out,
            "{}: {}",
            paint("summary", bold, color),
            summary_line(&report.summary)
        );
        let _ = writeln!(out);
    }
    if reports.len() > 1 {
        let _ = writeln!(
            out,
            "{}: {}",
            paint("total", bold, color),
            summary_line(&summary(reports))
        );
    }
    out
}

fn text_claim(out: &mut String, claim: &ClaimReport, color: bool, dim: Style) {
    let label = format!("{:<13}", claim.verdict.name().to_uppercase());
    let _ = writeln!(
        out,
        "{} {}  (as of {})",
        paint(&label, claim_style(claim.verdict), color),
        claim.id,
        claim.as_of
    );
    let _ = writeln!(out, "  “{}”", claim.quote);
    if let Some(translation) = &claim.translation {
        let _ = writeln!(out, "  {}", paint(&format!("({translation})"), dim, color));
    }
    if let Some(today) = &claim.today {
        let label = today.verdict.name().to_uppercase();
        let change = if today.changed {
            "  changed since publication"
        } else {
            "  unchanged"
        };
        let _ = writeln!(
            out,
            "  as of {}: {}{change}",
            today.as_of,
            paint(&label, claim_style(today.verdict), color)
        );
    }
    if let Some(reason) = &claim.not_checkable {
        let _ = writeln!(out, "  not checkable: {reason}");
    }
    if let Some(note) = &claim.note {
        let _ = writeln!(out, "  note: {note}");
    }
    for assertion in &claim.assertions {
        text_assertion(out, assertion, color, dim);
    }
    let _ = writeln!(out);
}

fn text_assertion(out: &mut String, assertion: &AssertionReport, color: bool, dim: Style) {
    let verdict = paint(
        assertion.verdict.name(),
        verdict_style(assertion.verdict),
        color,
    );
    let _ = writeln!(out, "  - {}  → {verdict}", assertion.canonical);
    let evidence = &assertion.evidence;
    let _ = writeln!(out, "      {}", evidence.reason);
    for fact in evidence.facts.iter().take(LISTED_FACTS) {
        text_fact(out, fact, color, dim);
    }
    if evidence.facts.len() > LISTED_FACTS {
        let _ = writeln!(
            out,
            "      … and {} more facts (see the JSON report)",
            evidence.facts.len() - LISTED_FACTS
        );
    }
    for record in &evidence.completeness {
        let _ = writeln!(
            out,
            "      complete  {}#{}  {}",
            record.file, record.id, record.statement
        );
        text_sources(out, &record.sources, color, dim);
    }
    if let Some(settle) = &evidence.would_settle {
        let _ = writeln!(out, "      would settle it: {settle}");
    }
    for warning in &evidence.warnings {
        let _ = writeln!(out, "      warning: {warning}");
    }
}

fn text_fact(out: &mut String, fact: &FactCitation, color: bool, dim: Style) {
    let _ = writeln!(
        out,
        "      {:<9} {}#{}  {}",
        role_name(fact.role),
        fact.file,
        fact.id,
        fact.statement
    );
    text_sources(out, &fact.sources, color, dim);
}

fn more_sources(count: usize) -> String {
    match count {
        1 => "+ 1 more source".to_owned(),
        _ => format!("+ {count} more sources"),
    }
}

/// The first source of a fact or record, and how many more the JSON report lists.
fn text_sources(out: &mut String, sources: &[SourceCitation], color: bool, dim: Style) {
    if let Some(source) = sources.first() {
        let _ = writeln!(
            out,
            "                {}",
            paint(&source_line(source), dim, color)
        );
    }
    if sources.len() > 1 {
        let _ = writeln!(
            out,
            "                {}",
            paint(&more_sources(sources.len() - 1), dim, color)
        );
    }
}

/// One assertion's verdict and evidence for the terminal, as `factcheck explain` shows it.
pub fn assertion_text(
    assertion: &AssertionReport,
    as_of: jiff::civil::Date,
    color: bool,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", assertion.text);
    let _ = writeln!(out, "  judged as of {as_of}");
    text_assertion(&mut out, assertion, color, Style::new().dimmed());
    out
}
