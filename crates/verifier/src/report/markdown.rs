//! The Markdown report, to publish or paste into a review.

use std::fmt::Write;

use super::{LISTED_FACTS, role_name, summary_line};
use crate::check::DocumentReport;
use crate::check::SourceCitation;

fn markdown_escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn markdown_link(source: &SourceCitation) -> String {
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
        for claim in super::annotations::ordered(report) {
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
        for claim in super::annotations::ordered(report) {
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
