//! Timeless relations (`father_of`): a world has the pair or not, once and for all. A positive
//! fact makes it hold, a negative fact or another value of a single-valued side rules it out.

use super::evidence::Sentence;
use super::worlds::{Cause, Outcome, Reading, merge};
use super::{Judge, Pair};
use crate::kb::FactId;
use crate::model::SingleValued;
use crate::verdict::Judgment;

impl Judge<'_> {
    pub(crate) fn timeless(&self, pair: Pair, negated: bool) -> Judgment {
        let outcome = self.timeless_outcome(pair, negated);
        let texts = |which| {
            let text = self.pair_text(pair);
            match (which, negated) {
                (Sentence::Holds, true) => format!("no fact states {text}, and one rules it out"),
                (Sentence::Holds, false) | (Sentence::Fails, true) => {
                    format!("a fact states {text}")
                }
                (Sentence::Fails, false) => format!("a fact rules out {text}"),
                (Sentence::Open, _) => format!("no fact states or rules out {text}"),
                (Sentence::Settle, _) => format!("a sourced fact {text}, or its negation"),
            }
        };
        self.conclude(outcome, texts, self.as_of, Vec::new())
    }

    /// Whether the pair (or, `negated`, its absence) holds in some world and fails in some.
    pub(crate) fn timeless_outcome(&self, pair: Pair, negated: bool) -> Outcome {
        let mut holds = Vec::new();
        let mut lacks = Vec::new();
        for &id in self
            .kb
            .facts_of_pair(pair.relation, pair.subject, pair.object)
        {
            if self.kb.fact(id).negative {
                lacks.push(Cause::Fact(id));
            } else {
                holds.push(Cause::Fact(id));
            }
        }
        lacks.extend(self.timeless_others(pair).into_iter().map(Cause::Fact));
        if !holds.is_empty() && !lacks.is_empty() {
            let mut causes = holds;
            merge(&mut causes, &lacks);
            Outcome::Conflicting(causes)
        } else {
            let (can_hold, can_fail) = (lacks.is_empty(), holds.is_empty());
            let (supports, refutes) = if negated {
                (lacks, holds)
            } else {
                (holds, lacks)
            };
            Outcome::Decided(if negated {
                Reading {
                    can_hold: can_fail,
                    can_fail: can_hold,
                    supports,
                    refutes,
                }
            } else {
                Reading {
                    can_hold,
                    can_fail,
                    supports,
                    refutes,
                }
            })
        }
    }

    /// The positive facts of other values of a single-valued timeless relation.
    fn timeless_others(&self, pair: Pair) -> Vec<FactId> {
        let Some(single) = self.kb.relation(pair.relation).single_valued else {
            return Vec::new();
        };
        let (facts, ours) = match single {
            SingleValued::PerObject => (
                self.kb.facts_by_object(pair.relation, pair.object),
                Some(pair.subject),
            ),
            SingleValued::PerSubject => (
                self.kb.facts_by_subject(pair.relation, pair.subject),
                Some(pair.object),
            ),
        };
        facts
            .iter()
            .copied()
            .filter(|&id| {
                let fact = self.kb.fact(id);
                let value = match single {
                    SingleValued::PerObject => Some(fact.subject),
                    SingleValued::PerSubject => fact.object,
                };
                !fact.negative && value != ours
            })
            .collect()
    }
}
