//! Conjunctions: an assertion written with a title (`Putin met Mongolian President Khurelsukh on
//! Tuesday`) holds in a world when every part holds in it.
//!
//! So a conjunction is `conflicting` when no world agrees with the data on the days some part
//! reads, `false` when some part holds in no world, `true` when every part holds in every world,
//! and otherwise `unverifiable`. The last is the one approximation: parts that are each
//! unverifiable may still never hold together, when they read the same facts; the parts a title
//! adds read another relation than the sentence it stands in.

use claims_parser::Assertion;

use super::{Judge, JudgeError};
use crate::verdict::{Judgment, Role, Verdict};

impl Judge<'_> {
    pub(super) fn conjunction(&self, parts: &[Assertion]) -> Result<Judgment, JudgeError> {
        let judged: Vec<Judgment> = parts
            .iter()
            .map(|part| self.kb.judge(part, self.as_of))
            .collect::<Result<_, _>>()?;
        let any = |verdict: Verdict| judged.iter().any(|part| part.verdict == verdict);
        let verdict = if any(Verdict::Conflicting) {
            Verdict::Conflicting
        } else if any(Verdict::False) {
            Verdict::False
        } else if any(Verdict::Unverifiable) {
            Verdict::Unverifiable
        } else {
            Verdict::True
        };
        // The parts that decide the verdict come first and keep their roles; the others are
        // context.
        let (deciding, others): (Vec<&Judgment>, Vec<&Judgment>) =
            judged.iter().partition(|part| part.verdict == verdict);
        let mut combined = Judgment {
            verdict,
            reason: deciding
                .iter()
                .map(|part| part.reason.as_str())
                .collect::<Vec<_>>()
                .join("; and "),
            facts: Vec::new(),
            completeness: Vec::new(),
            would_settle: None,
            warnings: Vec::new(),
        };
        for (part, decides) in deciding
            .iter()
            .map(|part| (part, true))
            .chain(others.iter().map(|part| (part, false)))
        {
            for &(fact, role) in &part.facts {
                if !combined.facts.iter().any(|(seen, _)| *seen == fact) {
                    let role = if decides { role } else { Role::Context };
                    combined.facts.push((fact, role));
                }
            }
            for &record in &part.completeness {
                if !combined.completeness.contains(&record) {
                    combined.completeness.push(record);
                }
            }
            for warning in &part.warnings {
                if !combined.warnings.contains(warning) {
                    combined.warnings.push(warning.clone());
                }
            }
        }
        let settle: Vec<&str> = deciding
            .iter()
            .filter_map(|part| part.would_settle.as_deref())
            .collect();
        if !settle.is_empty() {
            combined.would_settle = Some(settle.join("; and "));
        }
        Ok(combined)
    }
}
