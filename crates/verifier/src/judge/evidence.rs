//! Evidence assembly: from what the worlds say of an assertion to a [`Judgment`] a reader can
//! follow, with the facts that decide it, their roles, and the warnings that qualify it.

use jiff::civil::Date;

use super::Judge;
use super::worlds::{Cause, MOST_REALIZATIONS, Outcome, Reading};
use crate::kb::{FactTime, SpanEnd};
use crate::verdict::{Judgment, Role, Verdict};

/// One of the sentences of a judgment. A form gives [`Judge::conclude`] a function from these to
/// their text, and only the sentences of the verdict reached are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sentence {
    /// Why it is true.
    Holds,
    /// Why it is false.
    Fails,
    /// Why the data cannot settle it.
    Open,
    /// What fact or record would settle it.
    Settle,
}

impl Sentence {
    /// For an assertion that is `negated`, the sentence of the assertion without NOT that says
    /// the same: what makes an assertion true makes its negation false.
    pub(crate) fn affirmed(self, negated: bool) -> Sentence {
        match self {
            Sentence::Holds if negated => Sentence::Fails,
            Sentence::Fails if negated => Sentence::Holds,
            other => other,
        }
    }
}

impl Judge<'_> {
    /// The judgment an outcome gives, citing what decides it. `reach` is the last day the
    /// assertion reads, for the warning on facts presumed to continue.
    pub(crate) fn conclude(
        &self,
        outcome: Outcome,
        texts: impl Fn(Sentence) -> String,
        reach: Date,
        mut warnings: Vec<String>,
    ) -> Judgment {
        let (verdict, cited, reason, would_settle) = match outcome {
            Outcome::Conflicting(causes) => {
                let cited = causes.into_iter().map(|c| (c, Role::Context)).collect();
                (
                    Verdict::Conflicting,
                    cited,
                    "the data contradicts itself on the days this assertion reads".to_owned(),
                    None,
                )
            }
            Outcome::TooImprecise => (
                Verdict::Unverifiable,
                Vec::new(),
                format!(
                    "the facts read have too many imprecise dates to try every way they can fall (more than {MOST_REALIZATIONS})"
                ),
                Some("facts dated to the day".to_owned()),
            ),
            Outcome::Decided(Reading {
                can_hold,
                can_fail,
                supports,
                refutes,
            }) => match (can_hold, can_fail) {
                (true, false) => (
                    Verdict::True,
                    with_role(supports, Role::Supports),
                    texts(Sentence::Holds),
                    None,
                ),
                (false, _) => (
                    Verdict::False,
                    with_role(refutes, Role::Refutes),
                    texts(Sentence::Fails),
                    None,
                ),
                (true, true) => {
                    let mut context = supports;
                    super::worlds::merge(&mut context, &refutes);
                    (
                        Verdict::Unverifiable,
                        with_role(context, Role::Context),
                        texts(Sentence::Open),
                        Some(texts(Sentence::Settle)),
                    )
                }
            },
        };
        let mut facts = Vec::new();
        let mut completeness = Vec::new();
        for (cause, role) in cited {
            match cause {
                Cause::Fact(id) => {
                    if !facts.iter().any(|&(known, _)| known == id) {
                        facts.push((id, role));
                        self.presumption(&mut warnings, id, reach);
                    }
                }
                Cause::Record(index) => {
                    if !completeness.contains(&index) {
                        completeness.push(index);
                    }
                }
            }
        }
        Judgment {
            verdict,
            reason,
            facts,
            completeness,
            would_settle,
            warnings,
        }
    }

    /// Warns when an open-ended fact is read on days after its sources were last read: there, it
    /// is presumed to continue, not read.
    fn presumption(&self, warnings: &mut Vec<String>, id: crate::kb::FactId, reach: Date) {
        let fact = self.kb.fact(id);
        if let FactTime::Span {
            end: SpanEnd::Open, ..
        } = fact.time
        {
            let checked = self.kb.last_checked(fact);
            let presumed_to = reach.min(self.as_of);
            if presumed_to > checked.last_day() {
                warnings.push(format!(
                    "fact '{}' has no end date and is presumed to continue to {}; its sources were last read on {checked}",
                    self.kb.fact_id(fact), self.as_of
                ));
            }
        }
    }

    /// The warning for an assertion about a time (`what` writes it; its first day is `first`)
    /// after the judgment date.
    pub(crate) fn future(&self, first: Date, what: impl FnOnce() -> String) -> Vec<String> {
        if first > self.as_of {
            vec![format!(
                "the assertion speaks of a time ({}) after {}, the date it is judged as of: when made, it spoke of the future",
                what(),
                self.as_of
            )]
        } else {
            Vec::new()
        }
    }
}

fn with_role(causes: Vec<Cause>, role: Role) -> Vec<(Cause, Role)> {
    causes.into_iter().map(|cause| (cause, role)).collect()
}
