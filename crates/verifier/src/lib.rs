//! Reference data and verdicts for factcheck.
//!
//! [`load`] reads the curated YAML reference data (the serde model is in [`model`]; all YAML
//! reading is in [`yaml`]) into a [`KnowledgeBase`]: entities, relations, facts and completeness
//! records, validated and indexed, with the [`claims_parser::Lexicon`] the assertion language is
//! read with; [`cache`] keeps loaded bases between runs. [`KnowledgeBase::judge`] applies the verdict rules (see [`judge`]) to one
//! assertion and gives a [`Judgment`]: a [`Verdict`] with its evidence. [`check`] judges whole
//! claim documents into a [`DocumentReport`], and [`report`] renders reports as text, JSON,
//! Markdown and ClaimReview JSON-LD. For curators, [`lint`] checks the data beyond what loading
//! refuses, [`stale`] lists what to review again, [`timeline`] shows all that is known of one
//! entity, and [`skeleton`] gives commented entries to start new data from. [`draft`] drafts a
//! claim document from an article's text, for review.
#![deny(missing_docs)]

pub mod cache;
pub mod check;
pub mod diagnostics;
pub mod draft;
pub mod judge;
pub mod kb;
pub mod lint;
pub mod load;
pub mod model;
pub mod report;
pub mod skeleton;
pub mod stale;
pub mod timeline;
pub mod verdict;
pub mod yaml;

pub use check::{
    AssertionReport, ClaimReport, Dates, DocumentReport, FactCitation, check_document,
};
pub use judge::JudgeError;
pub use kb::{Completeness, Entity, Fact, FactTime, KnowledgeBase, Relation, Source};
pub use load::{LoadError, LoadProblem, Location, Root, load, load_texts};
pub use verdict::{ClaimVerdict, Judgment, Role, Verdict};
