//! Claim documents: an article's metadata and the claims a fact-checker wrote down from it.
//!
//! The types deserialize with serde from any format (the verifier reads them from YAML); unknown
//! fields are errors. [`ClaimDocument::parse_assertions`] reads every assertion against a lexicon and
//! reports every problem, each with its path in the document (`claims[3].assertions[0]`).

use std::collections::HashSet;

use crate::ast::Assertion;
use crate::date::PartialDate;
use crate::error::ParseError;
use crate::lexicon::{Language, Lexicon};
use crate::parse::parse_assertion;

/// A checked article and its claims.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimDocument {
    /// The article the claims come from.
    pub article: Article,
    /// Its claims, in the order they appear in the article.
    pub claims: Vec<Claim>,
}

/// The metadata of a published article.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Its headline, or a description of it when the headline is not known.
    pub title: String,
    /// Where it was published, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who published it, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// When it was published: its claims are judged as of this date.
    pub published: PartialDate,
    /// The language it is written in, and the default language of its assertions.
    pub language: Language,
    /// The path of a local copy of its text, relative to the document, if one is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One claim of an article.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// A stable id, unique in the document.
    pub id: String,
    /// The sentence quoted from the article.
    pub quote: String,
    /// An English translation of the quote, if the article is in another language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// The language the assertions are written in, if not the article's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The checkable assertions the claim makes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assertions: Vec<String>,
    /// Why the claim cannot be checked, instead of assertions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_checkable: Option<NotCheckable>,
    /// A note for the reader of the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Why a claim cannot be checked against facts.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum NotCheckable {
    /// A judgement of value.
    Opinion,
    /// A statement about the future.
    Prediction,
    /// A wish or expectation.
    Hope,
    /// Too vague to be settled by facts.
    Vague,
}

impl NotCheckable {
    /// The reason's name as documents write it.
    pub fn name(self) -> &'static str {
        match self {
            NotCheckable::Opinion => "opinion",
            NotCheckable::Prediction => "prediction",
            NotCheckable::Hope => "hope",
            NotCheckable::Vague => "vague",
        }
    }
}

/// A problem with a claim document, located by its path in the document.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocumentProblem {
    /// A structural problem: a duplicate id, a claim with both or neither of assertions and
    /// `not_checkable`.
    #[error("{path}: {message}")]
    Invalid {
        /// The path of the item, such as `claims[3]`.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// An assertion that does not parse.
    #[error("{path}: {error}")]
    Assertion {
        /// The path of the assertion, such as `claims[3].assertions[0]`.
        path: String,
        /// The position of its claim in the document's `claims` (ids may repeat).
        claim_index: usize,
        /// Its position in its claim's `assertions`.
        assertion_index: usize,
        /// The id of its claim.
        claim: String,
        /// The assertion as written.
        text: String,
        /// Why it does not parse.
        error: ParseError,
    },
}

impl Claim {
    /// The language of this claim's assertions.
    pub fn assertion_language(&self, article: &Article) -> Language {
        self.language.unwrap_or(article.language)
    }
}

impl ClaimDocument {
    /// Parses every assertion of every claim, in order, with relative dates counted from the
    /// article's publication date. Returns, per claim, its parsed assertions
    /// (empty for a claim that is not checkable), or every problem found.
    pub fn parse_assertions(
        &self,
        lexicon: &Lexicon,
    ) -> Result<Vec<Vec<Assertion>>, Vec<DocumentProblem>> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        let mut parsed = Vec::with_capacity(self.claims.len());
        for (index, claim) in self.claims.iter().enumerate() {
            let path = format!("claims[{index}]");
            let invalid = |message: String| DocumentProblem::Invalid {
                path: format!("{path} (id '{}')", claim.id),
                message,
            };
            if !seen.insert(claim.id.as_str()) {
                problems.push(invalid(format!("duplicate claim id '{}'", claim.id)));
            }
            match (claim.assertions.is_empty(), claim.not_checkable) {
                (true, None) => problems.push(invalid(
                    "a claim needs `assertions` or `not_checkable`".to_owned(),
                )),
                (false, Some(_)) => problems.push(invalid(
                    "a claim has either `assertions` or `not_checkable`, not both".to_owned(),
                )),
                _ => {}
            }
            let language = claim.assertion_language(&self.article);
            let mut assertions = Vec::with_capacity(claim.assertions.len());
            for (number, text) in claim.assertions.iter().enumerate() {
                match parse_assertion(text, language, lexicon, Some(self.article.published)) {
                    Ok(assertion) => assertions.push(assertion),
                    Err(error) => problems.push(DocumentProblem::Assertion {
                        path: format!("{path}.assertions[{number}]"),
                        claim_index: index,
                        assertion_index: number,
                        claim: claim.id.clone(),
                        text: text.clone(),
                        error,
                    }),
                }
            }
            parsed.push(assertions);
        }
        if problems.is_empty() {
            Ok(parsed)
        } else {
            Err(problems)
        }
    }
}
