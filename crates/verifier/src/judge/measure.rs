//! Measured values: `the population of X in 2023 is about 10.1 million`.
//!
//! A value fact applies to the time asked about when it was measured within it (a point fact) or
//! certainly held over all of it (a span). The assertion is true when the values that apply agree
//! with it, false when they all disagree, conflicting when some agree and some do not.

use claims_parser::{MeasureAssertion, RelationKind, Unit};

use super::evidence::Sentence;
use super::worlds::{Cause, Outcome, Reading};
use super::{Judge, JudgeError};
use crate::kb::{Days, FactTime};
use crate::verdict::Judgment;

impl Judge<'_> {
    pub(crate) fn measure(&self, assertion: &MeasureAssertion) -> Result<Judgment, JudgeError> {
        let relation = self.relation_id(&assertion.relation)?;
        let subject = self.entity_id(&assertion.subject)?;
        if self.kb.relation(relation).kind != RelationKind::Quantity {
            return Err(JudgeError::Unsupported(format!(
                "'{}' is not a quantity relation",
                assertion.relation
            )));
        }
        let when = assertion.at.map_or(Days::day(self.as_of), Days::of);
        let name = format!(
            "{}({})",
            self.kb.relation(relation).id,
            self.kb.entity(subject).id
        );
        let mut agree = Vec::new();
        let mut disagree = Vec::new();
        for &id in self.kb.facts_by_subject(relation, subject) {
            let fact = self.kb.fact(id);
            let (certain, possible) = fact.days();
            let applies = match fact.time {
                FactTime::On(_) => when.contains(&possible),
                _ => certain.is_some_and(|certain| certain.contains(&when)),
            };
            let Some(value) = fact.value().filter(|_| applies && !fact.negative) else {
                continue;
            };
            if let Some(Unit::Other(unit)) = &assertion.quantity.unit
                && value.unit.as_deref().map(claims_parser::fold) != Some(unit.clone())
            {
                continue;
            }
            if assertion
                .quantity
                .comparison
                .accepts(assertion.quantity.amount, value.amount)
            {
                agree.push(Cause::Fact(id));
            } else {
                disagree.push(Cause::Fact(id));
            }
        }
        let values: Vec<String> = agree
            .iter()
            .chain(&disagree)
            .filter_map(|cause| match cause {
                Cause::Fact(id) => Some(self.kb.describe_fact(self.kb.fact(*id))),
                Cause::Record(_) => None,
            })
            .collect();
        let recorded = format!("recorded: {}", values.join("; "));
        let outcome = if !agree.is_empty() && !disagree.is_empty() {
            let mut causes = agree;
            causes.extend(disagree);
            Outcome::Conflicting(causes)
        } else {
            Outcome::Decided(Reading {
                can_hold: disagree.is_empty(),
                can_fail: agree.is_empty(),
                supports: agree,
                refutes: disagree,
            })
        };
        let texts = |which| match which {
            Sentence::Holds | Sentence::Fails => recorded.clone(),
            Sentence::Open => format!("no value of {name} is recorded for {when}"),
            Sentence::Settle => format!("a sourced value of {name} for {when}"),
        };
        Ok(self.conclude(outcome, texts, when.last, Vec::new()))
    }
}
