//! The verdicts: how an assertion is judged against the reference data as of a date.
//!
//! # One definition
//!
//! The reference data does not describe one history; it rules histories out. A *world* is a full
//! history that agrees with everything recorded: a positive fact holds on every day from its start
//! to its end (an imprecise date lets the exact day be any day of its interval; a fact without an
//! end is presumed to hold up to the judgment date; a fact *known to hold until* a day holds up to
//! that day, and nothing is presumed after); a negative fact's state does not hold (its event does
//! not happen) on any of its days; a completeness record lets nothing hold or happen in its span
//! that its facts do not list; a single-valued relation has at most one value on a day, but for the
//! handover day of a recorded succession. Everything else is free. An assertion is then
//!
//! - `true` when it holds in every world, `false` when it holds in none,
//! - `unverifiable` when it holds in some and not in others,
//! - `conflicting` when no world agrees with the data on the days the assertion reads.
//!
//! The data an assertion reads is the facts and completeness records of its relation pair (for a
//! count, of every pair with its fixed side) and, for a single-valued relation, the facts of the
//! other values of the same side. What each form says in a world is in the README's "Verdict
//! rules" and in the module of each form.
//!
//! # How it is computed
//!
//! `worlds` holds the one shared structure: for a relation pair and a window of days, for each way
//! the imprecise dates of the facts read can fall (a *realization*), which days certainly hold,
//! certainly do not, are free, or are contradicted, with the facts and records behind each. Every
//! form is a pair of questions over it, asked in every realization: can the assertion hold, and can
//! it fail? `reads` gathers what an assertion reads; `state`, `timeless`, `event`, `count` and
//! `duration` ask the questions; `evidence` turns the answers into a [`Judgment`]. Quantities
//! measured at a time (`measure`) compare recorded values. The executable specification in
//! `crates/verifier/tests/semantics/spec/` writes the definition as clauses for a SAT solver, and a
//! property test holds the judge to it.

mod conjunction;
mod count;
mod duration;
mod event;
mod evidence;
mod measure;
mod open;
mod reads;
mod restriction;
mod state;
mod timeless;
mod worlds;

use claims_parser::{Assertion, Qualifier, Side};
use jiff::civil::Date;

use crate::kb::{EntityId, KnowledgeBase, RelationId};
use crate::verdict::Judgment;

/// An assertion that names something the reference data does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JudgeError {
    /// An id of an entity or relation that is not loaded.
    #[error("unknown {what} '{id}'")]
    Unknown {
        /// `entity` or `relation`.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// A qualifier the relation does not declare.
    #[error("'{relation}' has no qualifier '{key}'")]
    UnknownQualifier {
        /// The relation.
        relation: String,
        /// The qualifier's name.
        key: String,
    },
    /// An assertion form that does not fit its relation's kind.
    #[error("{0}")]
    Unsupported(String),
}

impl KnowledgeBase {
    /// Judges `assertion` as of the date `as_of`.
    pub fn judge(&self, assertion: &Assertion, as_of: Date) -> Result<Judgment, JudgeError> {
        let judge = Judge { kb: self, as_of };
        match assertion {
            Assertion::Relation(a) => judge.relation(a),
            Assertion::Ordinal(a) => judge.ordinal(a),
            Assertion::Count(a) => judge.count(a),
            Assertion::Duration(a) => judge.duration(a),
            Assertion::Measure(a) => judge.measure(a),
            Assertion::Conjunction(parts) => judge.conjunction(parts),
        }
    }
}

/// A relation pair as its facts are stored: an inverse relation's assertions are judged on the
/// relation it mirrors, with the sides swapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pair {
    pub(crate) relation: RelationId,
    pub(crate) subject: EntityId,
    pub(crate) object: EntityId,
}

pub(crate) struct Judge<'a> {
    pub(crate) kb: &'a KnowledgeBase,
    pub(crate) as_of: Date,
}

impl Judge<'_> {
    fn relation_id(&self, id: &str) -> Result<RelationId, JudgeError> {
        self.kb.relation_id(id).ok_or_else(|| JudgeError::Unknown {
            what: "relation",
            id: id.to_owned(),
        })
    }

    fn entity_id(&self, id: &str) -> Result<EntityId, JudgeError> {
        self.kb.entity_id(id).ok_or_else(|| JudgeError::Unknown {
            what: "entity",
            id: id.to_owned(),
        })
    }

    /// The stored pair an assertion about `relation(subject, object)` reads.
    fn pair(&self, relation: &str, subject: &str, object: &str) -> Result<Pair, JudgeError> {
        let relation = self.relation_id(relation)?;
        let subject = self.entity_id(subject)?;
        let object = self.entity_id(object)?;
        Ok(match self.kb.relation(relation).inverse {
            Some(mirrored) => Pair {
                relation: mirrored,
                subject: object,
                object: subject,
            },
            None => Pair {
                relation,
                subject,
                object,
            },
        })
    }

    /// The stored relation and counted side of a count over `relation`.
    fn counted(&self, relation: &str, counted: Side) -> Result<(RelationId, Side), JudgeError> {
        let relation = self.relation_id(relation)?;
        Ok(match self.kb.relation(relation).inverse {
            Some(mirrored) => (
                mirrored,
                match counted {
                    Side::Subject => Side::Object,
                    Side::Object => Side::Subject,
                },
            ),
            None => (relation, counted),
        })
    }

    fn qualifier_values(
        &self,
        relation: RelationId,
        qualifiers: &[Qualifier],
    ) -> Result<Vec<(String, EntityId)>, JudgeError> {
        let declared = &self.kb.relation(relation).qualifiers;
        qualifiers
            .iter()
            .map(|qualifier| {
                if !declared.contains_key(&qualifier.key) {
                    return Err(JudgeError::UnknownQualifier {
                        relation: self.kb.relation(relation).id.clone(),
                        key: qualifier.key.clone(),
                    });
                }
                Ok((qualifier.key.clone(), self.entity_id(&qualifier.value)?))
            })
            .collect()
    }

    fn pair_text(&self, pair: Pair) -> String {
        format!(
            "{}({}, {})",
            self.kb.relation(pair.relation).id,
            self.kb.entity(pair.subject).id,
            self.kb.entity(pair.object).id
        )
    }
}
