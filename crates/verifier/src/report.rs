//! Rendering [`DocumentReport`]s: terminal text, JSON, Markdown and schema.org ClaimReview JSON-LD.
//! Every renderer returns a string; none prints.

use std::collections::BTreeMap;
use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::check::{AssertionReport, ClaimReport, DocumentReport, FactCitation};
use crate::kb::Source;
use crate::verdict::{ClaimVerdict, Role, Verdict};

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
    let report = JsonReport {
        schema_version: JSON_SCHEMA_VERSION,
        documents: reports,
        summary: summary(reports),
    };
    let mut text = serde_json::to_string_pretty(&report).expect("reports serialize");
    text.push('\n');
    text
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

fn source_line(source: &Source) -> String {
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
        for claim in &report.claims {
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
fn text_sources(out: &mut String, sources: &[Source], color: bool, dim: Style) {
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

fn markdown_escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn markdown_link(source: &Source) -> String {
    format!(
        "[{}]({}) ({}, accessed {})",
        markdown_escape(&source.title)
            .replace('[', "\\[")
            .replace(']', "\\]"),
        source.url,
        markdown_escape(&source.publisher),
        source.accessed
    )
}

/// The Markdown report: a verdict table, then each claim with its evidence and sources as links.
pub fn markdown(reports: &[DocumentReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let article = &report.article;
        let _ = writeln!(out, "# Fact check: {}", markdown_escape(&article.title));
        let _ = writeln!(out);
        let publisher = markdown_escape(
            article
                .publisher
                .as_deref()
                .unwrap_or("Publisher not known"),
        );
        let publisher = match &article.url {
            Some(url) => format!("[{publisher}]({url})"),
            None => publisher,
        };
        let _ = writeln!(
            out,
            "{publisher}, in `{}`, published {}. Claims are judged as of the date shown.",
            article.language, article.published
        );
        let _ = writeln!(out);
        let later = report
            .claims
            .iter()
            .find_map(|claim| claim.today.as_ref().map(|today| today.as_of));
        match later {
            Some(date) => {
                let _ = writeln!(
                    out,
                    "| Claim | Verdict | As of | Verdict as of {date} | Quote |"
                );
                let _ = writeln!(out, "|---|---|---|---|---|");
            }
            None => {
                let _ = writeln!(out, "| Claim | Verdict | As of | Quote |");
                let _ = writeln!(out, "|---|---|---|---|");
            }
        }
        for claim in &report.claims {
            let today = match &claim.today {
                Some(today) if today.changed => format!(" **{}** (changed) |", today.verdict),
                Some(today) => format!(" {} |", today.verdict),
                None => String::new(),
            };
            let quote = markdown_escape(&claim.quote);
            let _ = writeln!(
                out,
                "| [{}](#{}) | **{}** | {} |{today} {quote} |",
                claim.id, claim.id, claim.verdict, claim.as_of
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "Summary: {}.", summary_line(&report.summary));
        for claim in &report.claims {
            let _ = writeln!(out);
            let _ = writeln!(out, "## {}", claim.id);
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "**Verdict: {}** (as of {})",
                claim.verdict, claim.as_of
            );
            let _ = writeln!(out);
            let _ = writeln!(out, "> {}", markdown_escape(&claim.quote));
            if let Some(translation) = &claim.translation {
                let _ = writeln!(out, ">");
                let _ = writeln!(out, "> *{}*", markdown_escape(translation));
            }
            if let Some(reason) = &claim.not_checkable {
                let _ = writeln!(out);
                let _ = writeln!(out, "Not checkable: {reason}.");
            }
            if let Some(note) = &claim.note {
                let _ = writeln!(out);
                let _ = writeln!(out, "Note: {}", markdown_escape(note));
            }
            for assertion in &claim.assertions {
                let evidence = &assertion.evidence;
                let _ = writeln!(out);
                let _ = writeln!(
                    out,
                    "- `{}`: **{}**. {}",
                    assertion.canonical,
                    assertion.verdict,
                    markdown_escape(&evidence.reason)
                );
                for fact in evidence.facts.iter().take(LISTED_FACTS) {
                    let links: Vec<String> = fact.sources.iter().map(markdown_link).collect();
                    let _ = writeln!(
                        out,
                        "  - {} `{}` ({}#{}): {}",
                        role_name(fact.role),
                        fact.statement,
                        fact.file,
                        fact.id,
                        links.join("; ")
                    );
                }
                if evidence.facts.len() > LISTED_FACTS {
                    let _ = writeln!(
                        out,
                        "  - … and {} more facts (see the JSON report)",
                        evidence.facts.len() - LISTED_FACTS
                    );
                }
                for record in &evidence.completeness {
                    let links: Vec<String> = record.sources.iter().map(markdown_link).collect();
                    let _ = writeln!(
                        out,
                        "  - complete `{}` ({}#{}): {}",
                        record.statement,
                        record.file,
                        record.id,
                        links.join("; ")
                    );
                }
                if let Some(settle) = &evidence.would_settle {
                    let _ = writeln!(out, "  - would settle it: {}", markdown_escape(settle));
                }
                for warning in &evidence.warnings {
                    let _ = writeln!(out, "  - warning: {}", markdown_escape(warning));
                }
            }
        }
        let _ = writeln!(out);
    }
    out
}

/// schema.org ClaimReview JSON-LD, one object per checkable claim, by `reviewer`, published on
/// `reviewed_on`.
pub fn claim_review(
    reports: &[DocumentReport],
    reviewer: &str,
    reviewed_on: jiff::civil::Date,
) -> String {
    let mut reviews = Vec::new();
    for report in reports {
        let article = &report.article;
        for claim in report
            .claims
            .iter()
            .filter(|claim| claim.verdict != ClaimVerdict::NotCheckable)
        {
            let rating_value = match claim.verdict {
                ClaimVerdict::True => Some(5),
                ClaimVerdict::Mixed => Some(3),
                ClaimVerdict::False => Some(1),
                _ => None,
            };
            let mut rating = serde_json::json!({
                "@type": "Rating",
                "alternateName": claim.verdict.name(),
                "bestRating": 5,
                "worstRating": 1,
            });
            if let Some(value) = rating_value {
                rating["ratingValue"] = value.into();
            }
            let body = claim.today.as_ref().map(|today| {
                let change = if today.changed {
                    "changed since publication"
                } else {
                    "unchanged"
                };
                format!(
                    "Verdict as of {}: {} ({change}).",
                    today.as_of, today.verdict
                )
            });
            let mut appearance = serde_json::json!({
                "@type": "CreativeWork",
                "headline": article.title,
                "datePublished": article.published.to_string(),
            });
            if let Some(url) = &article.url {
                appearance["url"] = url.as_str().into();
            }
            if let Some(publisher) = &article.publisher {
                appearance["publisher"] =
                    serde_json::json!({ "@type": "Organization", "name": publisher });
            }
            reviews.push(serde_json::json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "datePublished": reviewed_on.to_string(),
                "claimReviewed": claim.translation.as_deref().unwrap_or(&claim.quote),
                "author": { "@type": "Organization", "name": reviewer },
                "itemReviewed": {
                    "@type": "Claim",
                    "datePublished": article.published.to_string(),
                    "appearance": appearance,
                },
                "reviewRating": rating,
            }));
            if let (Some(body), Some(review)) = (body, reviews.last_mut()) {
                review["reviewBody"] = body.into();
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&reviews).expect("reviews serialize");
    text.push('\n');
    text
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
            change.file, change.claim, change.before, change.after
        );
        for assertion in &change.assertions {
            let _ = writeln!(
                out,
                "  - {}  {} -> {}",
                assertion.canonical, assertion.before, assertion.after
            );
            let _ = writeln!(out, "      {}", assertion.reason);
        }
    }
    let _ = writeln!(out, "{} claim(s) changed", changes.len());
    out
}
