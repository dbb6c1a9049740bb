//! The assertion language of factcheck, and claim documents.
//!
//! A fact-checker writes each checkable claim of an article as one or more assertions in a small
//! controlled language, in English or Indonesian:
//!
//! ```text
//! Azerbaijan is not a Rome Statute party
//! Azerbaijan bukan negara pihak Statuta Roma
//! the last visit of Putin to Azerbaijan before 2024-08-18 was in 2018-09
//! ```
//!
//! [`parse_assertion`] reads one into an [`Assertion`], the typed AST, whose `Display` is its
//! canonical form (`NOT party_to(azerbaijan, rome-statute)`); [`parse_canonical`] reads that form
//! back. Names and phrasings come from a [`Lexicon`] the caller gives: this crate knows nothing of
//! where reference data lives or how it is stored. Dates are [`PartialDate`]s that keep their
//! precision; [`RelativeDate`]s (`late Monday`, `tahun lalu`) resolve to them from the day a text
//! was written. [`ClaimDocument`] is the serde model of a claim document. Errors are
//! [`ParseError`]s with the span of the problem, rendered like compiler diagnostics by
//! [`ParseError::render`].
#![deny(missing_docs)]
#![allow(
    clippy::result_large_err,
    reason = "a ParseError carries its suggestions; it is built once per failed assertion"
)]

pub mod ast;
pub mod canonical;
pub mod date;
pub mod document;
pub mod error;
mod grammar;
pub mod lexicon;
mod normalize;
mod number;
mod parse;
pub mod relative;
pub mod suggest;

pub use ast::{
    ABOUT_TOLERANCE, Assertion, Bound, Comparison, CountAssertion, DurationAssertion,
    MeasureAssertion, Ordinal, OrdinalAssertion, Qualifier, Quantity, RelationAssertion,
    Restriction, Side, Term, TimeSpec, Unit,
};
pub use canonical::parse_canonical;
pub use date::{DateError, PartialDate, Precision};
pub use document::{Article, Claim, ClaimDocument, DocumentProblem, NotCheckable};
pub use error::{ParseError, ParseErrorKind, SourceLine};
pub use lexicon::{
    Language, LexEntity, LexRelation, Lexicon, LexiconBuilder, LexiconError, Phrasing,
    RelationKind, Template, TemplateError, TemplatePart, TemplateRole, Tense, UnknownLanguage,
};
pub use normalize::{Token, fold, tokenize};
pub use relative::{RelativeDate, RelativeDateError, Way};

/// The longest assertion read, in bytes. An assertion is one claim in one sentence, a few hundred
/// bytes at most; the limit keeps the cost of reading any input small and bounded.
pub const MOST_ASSERTION_BYTES: usize = 1_000;
pub use parse::{parse_assertion, reads_as, titles_in};

/// The negations of `language` (`not`, `never`, `no longer`; `bukan`, `belum pernah`, …), folded,
/// each as the words it is written with: where a phrasing has `{not}`, one of them may stand.
pub fn negations(language: Language) -> impl Iterator<Item = &'static [&'static str]> {
    grammar::grammar(language)
        .negations
        .iter()
        .map(|(phrase, _)| *phrase)
}
