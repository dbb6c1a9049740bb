//! Judging claim documents: every claim of an article, each assertion with its evidence.
//!
//! The [`DocumentReport`] is the stable model behind every report format; its JSON form is
//! documented in the README ("JSON report").

use std::collections::BTreeMap;

use claims_parser::{Assertion, ClaimDocument, DocumentProblem, PartialDate, Precision};
use jiff::civil::Date;

use crate::judge::JudgeError;
use crate::kb::{KnowledgeBase, SourceId};
use crate::verdict::{ClaimVerdict, Judgment, Role, Verdict};

/// A source cited as evidence: the page, and when it was read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceCitation {
    /// Its id, if it was defined with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its address.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its publisher.
    pub publisher: String,
    /// When it was read.
    pub accessed: PartialDate,
    /// When it was published, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
}

impl KnowledgeBase {
    /// The citation of a source.
    pub(crate) fn citation(&self, id: SourceId) -> SourceCitation {
        let source = self.source(id);
        let texts = self.source_texts(source);
        SourceCitation {
            id: source.id.as_deref().map(str::to_owned),
            url: texts.url.to_owned(),
            title: texts.title.to_owned(),
            publisher: texts.publisher.to_owned(),
            accessed: source.accessed,
            published: source.published,
        }
    }
}

/// A fact cited as evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FactCitation {
    /// The reference file it is written in.
    pub file: String,
    /// Its stable id.
    pub id: String,
    /// How it bears on the assertion.
    pub role: Role,
    /// The fact in one line.
    pub statement: String,
    /// Its note, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its sources.
    pub sources: Vec<SourceCitation>,
}

/// A completeness record cited as evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompletenessCitation {
    /// The reference file it is written in.
    pub file: String,
    /// Its stable id.
    pub id: String,
    /// The record in one line.
    pub statement: String,
    /// Its sources.
    pub sources: Vec<SourceCitation>,
}

/// The evidence behind one assertion's verdict.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EvidenceReport {
    /// Why, in one sentence.
    pub reason: String,
    /// The facts used.
    pub facts: Vec<FactCitation>,
    /// The completeness records used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub completeness: Vec<CompletenessCitation>,
    /// For `unverifiable`: what would settle it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub would_settle: Option<String>,
    /// Caveats.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One assertion's verdict.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AssertionReport {
    /// The assertion as written.
    pub text: String,
    /// The line of its claim document it is written on, once located ([`DocumentReport::locate`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Its canonical form: exactly what was checked.
    pub canonical: String,
    /// The verdict.
    pub verdict: Verdict,
    /// The evidence.
    pub evidence: EvidenceReport,
}

/// One claim's verdict.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClaimReport {
    /// The claim's id.
    pub id: String,
    /// The line of its claim document its item begins on, once located
    /// ([`DocumentReport::locate`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The sentence quoted from the article.
    pub quote: String,
    /// Its English translation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// The verdict.
    pub verdict: ClaimVerdict,
    /// The date it was judged as of.
    pub as_of: Date,
    /// Why it is not checkable, if it is not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_checkable: Option<String>,
    /// The fact-checker's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its assertions.
    pub assertions: Vec<AssertionReport>,
    /// The claim judged again at another date (`--also-today`), if asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<LaterVerdict>,
}

/// A claim judged again at a later date.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LaterVerdict {
    /// The later date.
    pub as_of: Date,
    /// The claim's verdict then.
    pub verdict: ClaimVerdict,
    /// Whether it differs from the verdict at the article's date.
    pub changed: bool,
    /// Each assertion's verdict then, in order.
    pub assertions: Vec<Verdict>,
}

/// The article a report is about.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleReport {
    /// Its headline.
    pub title: String,
    /// Where it was published, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who published it, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When.
    pub published: PartialDate,
    /// Its language.
    pub language: String,
}

/// The verdicts on every claim of one claim document.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentReport {
    /// The claim document's path, as given.
    pub file: String,
    /// The article.
    pub article: ArticleReport,
    /// The claims, in document order.
    pub claims: Vec<ClaimReport>,
    /// How many claims got each verdict.
    pub summary: BTreeMap<ClaimVerdict, usize>,
}

impl DocumentReport {
    /// Gives each claim and assertion the line of `text` (the YAML `document` was read from) it
    /// stands on, where it can be found.
    pub fn locate(&mut self, text: &str, document: &ClaimDocument) {
        let lines = crate::yaml::Lines::of(text);
        let positions = crate::yaml::claim_positions(text, document);
        for (claim, position) in self.claims.iter_mut().zip(positions) {
            claim.line = position.item.map(|offset| lines.at(offset).0);
            for (assertion, offset) in claim.assertions.iter_mut().zip(position.assertions) {
                assertion.line = offset.map(|offset| lines.at(offset).0);
            }
        }
    }
}

/// Why a claim document cannot be checked.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CheckError {
    /// Claims or assertions that do not parse, or a structural problem.
    #[error("{} problem(s) in the claim document", .0.len())]
    Document(Vec<DocumentProblem>),
    /// An assertion the reference data cannot judge (such as an undeclared qualifier).
    #[error("claim '{claim}': {error}")]
    Judge {
        /// The claim's id.
        claim: String,
        /// Why.
        error: JudgeError,
    },
}

impl KnowledgeBase {
    /// Judges one assertion as of `as_of` into its report.
    pub fn assess(
        &self,
        text: &str,
        assertion: &Assertion,
        as_of: Date,
    ) -> Result<AssertionReport, JudgeError> {
        let judgment = self.judge(assertion, as_of)?;
        Ok(self.assertion_report(text, assertion, judgment))
    }

    fn assertion_report(
        &self,
        text: &str,
        assertion: &Assertion,
        judgment: Judgment,
    ) -> AssertionReport {
        let sources = |ids: &[SourceId]| ids.iter().map(|&id| self.citation(id)).collect();
        let mut facts: Vec<FactCitation> = judgment
            .facts
            .iter()
            .map(|&(id, role)| {
                let fact = self.fact(id);
                FactCitation {
                    file: self.file_name(fact.file).to_owned(),
                    id: self.fact_id(fact).to_owned(),
                    role,
                    statement: self.describe_fact(fact),
                    note: fact.note().map(str::to_owned),
                    sources: sources(&fact.sources),
                }
            })
            .collect();
        facts.sort_by(|a, b| (a.role as u8, &a.file, &a.id).cmp(&(b.role as u8, &b.file, &b.id)));
        let completeness = judgment
            .completeness
            .iter()
            .map(|&index| {
                let record = &self.completeness_records()[index];
                CompletenessCitation {
                    file: self.file_name(record.file).to_owned(),
                    id: self.record_id(record).to_owned(),
                    statement: self.describe_completeness(record),
                    sources: sources(&record.sources),
                }
            })
            .collect();
        AssertionReport {
            text: text.to_owned(),
            line: None,
            canonical: assertion.to_string(),
            verdict: judgment.verdict,
            evidence: EvidenceReport {
                reason: judgment.reason,
                facts,
                completeness,
                would_settle: judgment.would_settle,
                warnings: judgment.warnings,
            },
        }
    }
}

/// The dates claims are judged at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    /// Judge every claim as of this date instead of its article's.
    pub as_of: Option<Date>,
    /// Also judge every claim as of this date, and flag the verdicts that changed.
    pub also: Option<Date>,
}

/// Judges every claim of `document` (read from `file`) as of its article's date, or as of
/// `dates.as_of` when given, and again as of `dates.also` when given.
pub fn check_document(
    kb: &KnowledgeBase,
    document: &ClaimDocument,
    file: &str,
    dates: Dates,
) -> Result<DocumentReport, CheckError> {
    let Dates { as_of, also } = dates;
    let published = document.article.published;
    if published.precision() != Precision::Day && as_of.is_none() {
        return Err(CheckError::Document(vec![DocumentProblem::Invalid {
            path: "article.published".to_owned(),
            message: format!(
                "'{published}' is not a full date: claims are judged as of the day the article was published"
            ),
        }]));
    }
    let parsed = document
        .parse_assertions(kb.lexicon())
        .map_err(CheckError::Document)?;
    let as_of = as_of.unwrap_or_else(|| published.first_day());
    let mut claims = Vec::with_capacity(document.claims.len());
    let mut summary = BTreeMap::new();
    for (claim, assertions) in document.claims.iter().zip(parsed) {
        let mut reports = Vec::with_capacity(assertions.len());
        for (text, assertion) in claim.assertions.iter().zip(&assertions) {
            let report = kb
                .assess(text, assertion, as_of)
                .map_err(|error| CheckError::Judge {
                    claim: claim.id.clone(),
                    error,
                })?;
            reports.push(report);
        }
        let verdicts: Vec<Verdict> = reports.iter().map(|report| report.verdict).collect();
        let verdict = ClaimVerdict::combine(&verdicts);
        let today = match also {
            Some(later) => {
                let mut later_verdicts = Vec::with_capacity(assertions.len());
                for assertion in &assertions {
                    let judgment =
                        kb.judge(assertion, later)
                            .map_err(|error| CheckError::Judge {
                                claim: claim.id.clone(),
                                error,
                            })?;
                    later_verdicts.push(judgment.verdict);
                }
                let later_verdict = ClaimVerdict::combine(&later_verdicts);
                Some(LaterVerdict {
                    as_of: later,
                    verdict: later_verdict,
                    changed: later_verdict != verdict,
                    assertions: later_verdicts,
                })
            }
            None => None,
        };
        *summary.entry(verdict).or_insert(0) += 1;
        claims.push(ClaimReport {
            line: None,
            id: claim.id.clone(),
            quote: claim.quote.clone(),
            translation: claim.translation.clone(),
            verdict,
            as_of,
            not_checkable: claim.not_checkable.map(|reason| reason.name().to_owned()),
            note: claim.note.clone(),
            assertions: reports,
            today,
        });
    }
    Ok(DocumentReport {
        file: file.to_owned(),
        article: ArticleReport {
            title: document.article.title.clone(),
            url: document.article.url.clone(),
            publisher: document.article.publisher.clone(),
            published,
            language: document.article.language.code().to_owned(),
        },
        claims,
        summary,
    })
}

/// A claim whose verdict differs between two versions of the reference data.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ClaimChange {
    /// The claim document.
    pub file: String,
    /// The claim's id.
    pub claim: String,
    /// The line of the claim document its item begins on, if located.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Its verdict with the base data; `None` when the base data cannot read its claim document
    /// (it names what only the new data has).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<ClaimVerdict>,
    /// Its verdict with the new data.
    pub after: ClaimVerdict,
    /// The assertions whose verdict changed.
    pub assertions: Vec<AssertionChange>,
}

/// An assertion whose verdict differs between two versions of the reference data.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AssertionChange {
    /// Its canonical form.
    pub canonical: String,
    /// Its verdict with the base data, if the base data reads it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<Verdict>,
    /// Its verdict with the new data.
    pub after: Verdict,
    /// Why, with the new data.
    pub reason: String,
}

/// Every claim of a document the base data cannot read, as a change: it is new with the new data.
pub fn new_claims(after: &DocumentReport) -> Vec<ClaimChange> {
    after
        .claims
        .iter()
        .map(|claim| ClaimChange {
            file: after.file.clone(),
            claim: claim.id.clone(),
            line: claim.line,
            before: None,
            after: claim.verdict,
            assertions: claim
                .assertions
                .iter()
                .map(|assertion| AssertionChange {
                    canonical: assertion.canonical.clone(),
                    before: None,
                    after: assertion.verdict,
                    reason: assertion.evidence.reason.clone(),
                })
                .collect(),
        })
        .collect()
}

/// The claims whose verdicts differ between `before` and `after`, reports of the same document
/// judged with two versions of the reference data.
pub fn compare(before: &DocumentReport, after: &DocumentReport) -> Vec<ClaimChange> {
    let mut changes = Vec::new();
    for (old, new) in before.claims.iter().zip(&after.claims) {
        let assertions: Vec<AssertionChange> = old
            .assertions
            .iter()
            .zip(&new.assertions)
            .filter(|(a, b)| a.verdict != b.verdict)
            .map(|(a, b)| AssertionChange {
                canonical: b.canonical.clone(),
                before: Some(a.verdict),
                after: b.verdict,
                reason: b.evidence.reason.clone(),
            })
            .collect();
        if old.verdict != new.verdict || !assertions.is_empty() {
            changes.push(ClaimChange {
                file: after.file.clone(),
                claim: new.id.clone(),
                line: new.line,
                before: Some(old.verdict),
                after: new.verdict,
                assertions,
            });
        }
    }
    changes
}
