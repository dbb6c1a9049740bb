//! What a CI job is told about: the claims whose verdict is false, conflicting or mixed, or has
//! changed since publication; the findings of `ref lint`; the claims whose verdict a change of the
//! reference data changes. Each is an [`Annotation`] on a line of a file, which the GitHub and
//! SARIF formats write each in their own way.

use std::fmt::Write;

use crate::check::{ClaimChange, ClaimReport, DocumentReport, LaterVerdict};
use crate::lint::{Finding, Level};
use crate::verdict::{ClaimVerdict, Verdict};

/// How serious an annotation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// What an annotation is about: each a rule of the SARIF run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    FalseClaim,
    ConflictingData,
    MixedClaim,
    ChangedSincePublication,
    ChangedByData,
    ReferenceData,
}

impl Rule {
    pub(crate) const ALL: [Rule; 6] = [
        Rule::FalseClaim,
        Rule::ConflictingData,
        Rule::MixedClaim,
        Rule::ChangedSincePublication,
        Rule::ChangedByData,
        Rule::ReferenceData,
    ];

    /// Its stable id.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Rule::FalseClaim => "false-claim",
            Rule::ConflictingData => "conflicting-data",
            Rule::MixedClaim => "mixed-claim",
            Rule::ChangedSincePublication => "changed-since-publication",
            Rule::ChangedByData => "changed-by-data",
            Rule::ReferenceData => "reference-data",
        }
    }

    /// What it says, in a sentence.
    pub(crate) fn description(self) -> &'static str {
        match self {
            Rule::FalseClaim => "A claim is false: the reference data refutes it.",
            Rule::ConflictingData => {
                "The reference data contradicts itself on a claim: no history agrees with it."
            }
            Rule::MixedClaim => "A claim is mixed: some of its assertions are true, some false.",
            Rule::ChangedSincePublication => {
                "A claim's verdict today differs from its verdict when it was published."
            }
            Rule::ChangedByData => "A change of the reference data changes a claim's verdict.",
            Rule::ReferenceData => "A problem in the reference data, found by `ref lint`.",
        }
    }
}

/// One thing to show on a line of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Annotation {
    pub(crate) severity: Severity,
    pub(crate) rule: Rule,
    pub(crate) file: String,
    pub(crate) line: Option<usize>,
    pub(crate) title: String,
    pub(crate) message: String,
}

/// The claims in the order reports list them: those whose verdict changed since publication
/// first, then the rest, each in document order.
pub(crate) fn ordered(report: &DocumentReport) -> Vec<&ClaimReport> {
    let changed = |claim: &&ClaimReport| claim.today.as_ref().is_some_and(|today| today.changed);
    let (mut first, rest): (Vec<&ClaimReport>, Vec<&ClaimReport>) =
        report.claims.iter().partition(changed);
    first.extend(rest);
    first
}

/// The annotations of checked claim documents.
pub(crate) fn of_reports(reports: &[DocumentReport]) -> Vec<Annotation> {
    let mut annotations = Vec::new();
    for report in reports {
        for claim in ordered(report) {
            if let Some(today) = claim.today.as_ref().filter(|today| today.changed) {
                annotations.push(Annotation {
                    severity: Severity::Warning,
                    rule: Rule::ChangedSincePublication,
                    file: report.file.clone(),
                    line: claim.line,
                    title: format!(
                        "{}: {} when published, {} as of {}",
                        claim.id, claim.verdict, today.verdict, today.as_of
                    ),
                    message: change_message(claim, today),
                });
            }
            let (severity, rule) = match claim.verdict {
                ClaimVerdict::False => (Severity::Error, Rule::FalseClaim),
                ClaimVerdict::Conflicting => (Severity::Error, Rule::ConflictingData),
                ClaimVerdict::Mixed => (Severity::Warning, Rule::MixedClaim),
                _ => continue,
            };
            annotations.push(Annotation {
                severity,
                rule,
                file: report.file.clone(),
                line: claim.line,
                title: format!("{}: {} as of {}", claim.id, claim.verdict, claim.as_of),
                message: claim_message(claim),
            });
        }
    }
    annotations
}

/// The quote, then each assertion that is not true, with its verdict and reason.
fn claim_message(claim: &ClaimReport) -> String {
    let mut message = format!("“{}”", claim.quote);
    for assertion in &claim.assertions {
        if assertion.verdict != Verdict::True {
            let _ = write!(
                message,
                "\n{} → {}: {}",
                assertion.canonical, assertion.verdict, assertion.evidence.reason
            );
        }
    }
    message
}

/// The quote, then each assertion whose verdict changed, with its verdict then and now.
fn change_message(claim: &ClaimReport, today: &LaterVerdict) -> String {
    let mut message = format!("“{}”", claim.quote);
    for (assertion, now) in claim.assertions.iter().zip(&today.assertions) {
        if assertion.verdict != *now {
            let _ = write!(
                message,
                "\n{}: {} as of {} → {} as of {}",
                assertion.canonical, assertion.verdict, claim.as_of, now, today.as_of
            );
        }
    }
    message
}

/// The annotations of `ref lint`'s findings.
pub(crate) fn of_findings(findings: &[Finding]) -> Vec<Annotation> {
    findings
        .iter()
        .map(|finding| {
            let mut message = finding.message.clone();
            if let Some(help) = &finding.help {
                let _ = write!(message, "\nhelp: {help}");
            }
            let location = match &finding.location {
                crate::load::Location::Item { path, id: Some(id) } => format!("{path} (id '{id}')"),
                crate::load::Location::Item { path, id: None } => path.clone(),
                _ => String::new(),
            };
            Annotation {
                severity: match finding.level {
                    Level::Error => Severity::Error,
                    Level::Warning => Severity::Warning,
                },
                rule: Rule::ReferenceData,
                file: finding.file.clone(),
                line: finding.line,
                title: if location.is_empty() {
                    "factcheck ref lint".to_owned()
                } else {
                    location
                },
                message,
            }
        })
        .collect()
}

/// The annotations of the claims whose verdict a change of the reference data changes.
pub(crate) fn of_changes(changes: &[ClaimChange]) -> Vec<Annotation> {
    changes
        .iter()
        .map(|change| {
            let mut message = String::new();
            for assertion in &change.assertions {
                let _ = writeln!(
                    message,
                    "{}: {} → {}: {}",
                    assertion.canonical,
                    super::before_text(assertion.before),
                    assertion.after,
                    assertion.reason
                );
            }
            Annotation {
                severity: Severity::Warning,
                rule: Rule::ChangedByData,
                file: change.file.clone(),
                line: change.line,
                title: format!(
                    "{}: {} → {} with the new reference data",
                    change.claim,
                    super::before_text(change.before),
                    change.after
                ),
                message: message.trim_end().to_owned(),
            }
        })
        .collect()
}
