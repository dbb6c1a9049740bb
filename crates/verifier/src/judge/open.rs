//! Ordinals with an open side: `FIRST visited(vladimir-putin, *: party_to(*, rome-statute)) AFTER
//! 2023-03-17 = 2024-09-02`, the first visit to any value that satisfies the restriction on the
//! day of the visit.
//!
//! In a world, a *qualifying* event is an event of the named side with any value on a day on
//! which that value satisfies the restriction. `FIRST … = P` holds when a qualifying event happens
//! in P and none earlier in the window; `LAST … = P` when one happens in P and none later.
//!
//! The judge answers the two questions of every form over all values at once, reading each
//! recorded event, each value's restriction and the completeness records of the named side on
//! their own: that can leave an assertion `unverifiable` that the data settles, never the other
//! way. An event the data does not record may happen on any day that no completeness record of
//! the named side alone covers, to a value that may satisfy the restriction; so a first or a last
//! is settled only over days such a record covers.

use claims_parser::{Bound, Ordinal, OrdinalAssertion, RelationKind, Side, Term};
use jiff::civil::Date;

use super::event::ordinal_sentence;
use super::restriction::Days;
use super::worlds::{Cause, EARLIEST, Outcome, Reading, after, before, merge};
use super::{Judge, JudgeError};
use crate::kb::{EntityId, FactTime};
use crate::verdict::Judgment;

/// A recorded event of the named side: its fact, the days it may fall on, and its value's
/// restriction.
struct Recorded<'d> {
    cause: Cause,
    days: (Date, Date),
    restriction: &'d Days,
}

/// Everything the reading of an open ordinal needs.
struct Candidates<'d> {
    recorded: Vec<Recorded<'d>>,
    /// The days on which a completeness record of the named side alone covers for certain.
    covered: Vec<(Date, Date, Cause)>,
}

impl Candidates<'_> {
    /// The earliest (or latest) day of `first..=last` that no record covers for certain.
    fn uncovered(&self, first: Date, last: Date, latest: bool) -> Option<Date> {
        if first > last {
            return None;
        }
        let mut cuts = vec![first, last];
        for &(start, end, _) in &self.covered {
            for day in [before(start), after(end)] {
                if first <= day && day <= last {
                    cuts.push(day);
                }
            }
        }
        cuts.sort();
        cuts.dedup();
        let free = |day: &Date| {
            !self
                .covered
                .iter()
                .any(|&(start, end, _)| start <= *day && *day <= end)
        };
        if latest {
            cuts.into_iter().rev().find(free)
        } else {
            cuts.into_iter().find(free)
        }
    }

    /// The records that cover some day of `first..=last`.
    fn covering(&self, first: Date, last: Date) -> Vec<Cause> {
        let mut causes = Vec::new();
        for &(start, end, cause) in &self.covered {
            if start <= last && first <= end {
                merge(&mut causes, &[cause]);
            }
        }
        causes
    }

    /// The earliest (or latest) day of `first..=last` on which a qualifying event may happen.
    fn possible(&self, first: Date, last: Date, latest: bool) -> Option<Date> {
        let recorded = self.recorded.iter().filter_map(|event| {
            let (lo, hi) = (event.days.0.max(first), event.days.1.min(last));
            event.restriction.possible(lo, hi, latest)
        });
        let days = recorded.chain(self.uncovered(first, last, latest));
        if latest { days.max() } else { days.min() }
    }

    /// The recorded events that happen within `first..=last` and qualify, in every world.
    fn forced(&self, first: Date, last: Date) -> impl Iterator<Item = &Recorded<'_>> {
        self.recorded.iter().filter(move |event| {
            first <= event.days.0
                && event.days.1 <= last
                && event.restriction.certain(event.days.0, event.days.1)
        })
    }
}

impl Judge<'_> {
    /// Judges an ordinal whose side `open` is `*`, with or without a restriction.
    pub(crate) fn open_ordinal(
        &self,
        assertion: &OrdinalAssertion,
        open_side: Side,
        fixed: &str,
        restriction: Option<&claims_parser::Restriction>,
    ) -> Result<Judgment, JudgeError> {
        let (relation, open) = self.counted(&assertion.relation, open_side)?;
        if self.kb.relation(relation).kind != RelationKind::Event {
            return Err(JudgeError::Unsupported(format!(
                "'{}' is not an event relation",
                assertion.relation
            )));
        }
        let fixed = self.entity_id(fixed)?;
        let resolved = restriction
            .map(|restriction| self.resolve_restriction(restriction))
            .transpose()?;
        let window = match assertion.bound {
            Some(Bound::Before(date)) => (EARLIEST, before(date.first_day())),
            Some(Bound::After(date)) => (after(date.last_day()), self.as_of),
            None => (EARLIEST, before(self.as_of)),
        };
        let facts = match open {
            Side::Subject => self.kb.facts_by_object(relation, fixed),
            Side::Object => self.kb.facts_by_subject(relation, fixed),
        };
        let value_of = |id| {
            let fact = self.kb.fact(id);
            match open {
                Side::Subject => Some(fact.subject),
                Side::Object => fact.object,
            }
        };
        let mut values: Vec<EntityId> = facts.iter().filter_map(|&id| value_of(id)).collect();
        if let Some(resolved) = &resolved {
            values.extend(self.restriction_values(resolved));
        }
        values.sort();
        values.dedup();
        let pair_of = |value| match open {
            Side::Subject => super::Pair {
                relation,
                subject: value,
                object: fixed,
            },
            Side::Object => super::Pair {
                relation,
                subject: fixed,
                object: value,
            },
        };
        let claimed = (assertion.when.first_day(), assertion.when.last_day());
        // An empty window (a bound after the judgment date) reads no day: no event is in it.
        if window.0 > window.1 {
            let none = Candidates {
                recorded: Vec::new(),
                covered: Vec::new(),
            };
            let reading = open_reading(&none, assertion.ordinal, window, claimed);
            return Ok(self.open_conclusion(assertion, Outcome::Decided(reading), window));
        }
        // Every pair and every restriction read must agree with the data over the window.
        let mut restrictions = Vec::with_capacity(values.len());
        for &value in &values {
            let events = self.read_events(pair_of(value), &[], window, &[], |_| Reading::default());
            match events {
                Outcome::Conflicting(causes) => {
                    return Ok(self.open_conclusion(
                        assertion,
                        Outcome::Conflicting(causes),
                        window,
                    ));
                }
                Outcome::TooImprecise => {
                    return Ok(self.open_conclusion(assertion, Outcome::TooImprecise, window));
                }
                Outcome::Decided(_) => {}
            }
            match self.restriction_days(resolved.as_ref(), value, window) {
                Ok(days) => restrictions.push(days),
                Err(Some(causes)) => {
                    return Ok(self.open_conclusion(
                        assertion,
                        Outcome::Conflicting(causes),
                        window,
                    ));
                }
                Err(None) => {
                    return Ok(self.open_conclusion(assertion, Outcome::TooImprecise, window));
                }
            }
        }
        let mut recorded = Vec::new();
        for &id in facts {
            let fact = self.kb.fact(id);
            let (FactTime::On(on), false) = (fact.time, fact.negative) else {
                continue;
            };
            let Some(value) = value_of(id) else { continue };
            let index = values.binary_search(&value).expect("every value is listed");
            let days = (on.first_day(), on.last_day());
            if days.1 < window.0 || window.1 < days.0 {
                continue;
            }
            recorded.push(Recorded {
                cause: Cause::Fact(id),
                days,
                restriction: &restrictions[index],
            });
        }
        let (subject, object) = match open {
            Side::Subject => (None, Some(fixed)),
            Side::Object => (Some(fixed), None),
        };
        let covered = self
            .records_covering(relation, subject, object)
            .filter_map(|index| {
                // The days the record covers in every way its dates can fall.
                let record = &self.kb.completeness_records()[index];
                let (start, end) = (record.from.last_day(), record.to.first_day());
                (start <= end).then_some((start, end, Cause::Record(index)))
            })
            .collect();
        let candidates = Candidates { recorded, covered };
        let reading = open_reading(&candidates, assertion.ordinal, window, claimed);
        Ok(self.open_conclusion(assertion, Outcome::Decided(reading), window))
    }

    fn open_conclusion(
        &self,
        assertion: &OrdinalAssertion,
        outcome: Outcome,
        window: (Date, Date),
    ) -> Judgment {
        let bound_text = match assertion.bound {
            Some(Bound::Before(date)) => format!("before {date}"),
            Some(Bound::After(date)) => format!("after {date} up to {}", self.as_of),
            None => format!("before {}", self.as_of),
        };
        let what = format!(
            "{}({}, {})",
            assertion.relation, assertion.subject, assertion.object
        );
        let named = match (&assertion.subject, &assertion.object) {
            (Term::Entity(id), _) | (_, Term::Entity(id)) => id.clone(),
            _ => String::new(),
        };
        let when = assertion.when;
        let texts = |which| {
            ordinal_sentence(which, assertion.ordinal, &what, when, &bound_text, || {
                format!(
                    "a completeness record of '{}' for {named} alone covering the time {bound_text}, and the restriction known for each value on the day of its event",
                    assertion.relation
                )
            })
        };
        let warnings = self.future(when.first_day(), || when.to_string());
        self.conclude(outcome, texts, window.1, warnings)
    }
}

/// Whether the first (or last) qualifying event of `window` can happen in `claimed`, and whether
/// it can be elsewhere or not be at all.
fn open_reading(
    candidates: &Candidates,
    ordinal: Ordinal,
    window: (Date, Date),
    claimed: (Date, Date),
) -> Reading {
    let latest = ordinal == Ordinal::Last;
    let inside = (claimed.0.max(window.0), claimed.1.min(window.1));
    // The part of the window beyond the claimed time: earlier for FIRST, later for LAST.
    let beyond = match ordinal {
        Ordinal::First => (window.0, before(claimed.0).min(window.1)),
        Ordinal::Last => (after(claimed.1).max(window.0), window.1),
    };
    // The qualifying day in the claimed time nearest the bound: as few events as possible must
    // be ruled out beyond it.
    let extreme = candidates.possible(inside.0, inside.1, latest);
    // A qualifying event that certainly happens beyond that day rules the claim out.
    let blocked_beyond = |day: Date| {
        let (first, last) = match ordinal {
            Ordinal::First => (window.0, before(day)),
            Ordinal::Last => (after(day), window.1),
        };
        candidates.forced(first, last).next().is_some()
    };
    let can_hold = extreme.is_some_and(|day| !blocked_beyond(day));
    let beyond_possible = candidates.possible(beyond.0, beyond.1, latest).is_some();
    let forced_inside: Vec<&Recorded> = candidates.forced(inside.0, inside.1).collect();
    let can_fail = beyond_possible || forced_inside.is_empty();
    let mut reading = Reading {
        can_hold,
        can_fail,
        ..Reading::default()
    };
    for event in &forced_inside {
        merge(&mut reading.supports, &[event.cause]);
        merge(
            &mut reading.supports,
            &event.restriction.causes(event.days.0, event.days.1),
        );
    }
    merge(
        &mut reading.supports,
        &candidates.covering(beyond.0, beyond.1),
    );
    for event in &candidates.recorded {
        let (lo, hi) = (event.days.0.max(beyond.0), event.days.1.min(beyond.1));
        if lo <= hi {
            merge(&mut reading.supports, &event.restriction.causes(lo, hi));
        }
    }
    if let Some(day) = extreme {
        let (first, last) = match ordinal {
            Ordinal::First => (window.0, before(day)),
            Ordinal::Last => (after(day), window.1),
        };
        for event in candidates.forced(first, last) {
            merge(&mut reading.refutes, &[event.cause]);
            merge(
                &mut reading.refutes,
                &event.restriction.causes(event.days.0, event.days.1),
            );
        }
    } else {
        merge(
            &mut reading.refutes,
            &candidates.covering(inside.0, inside.1),
        );
        for event in &candidates.recorded {
            let (lo, hi) = (event.days.0.max(inside.0), event.days.1.min(inside.1));
            if lo <= hi {
                merge(&mut reading.refutes, &event.restriction.causes(lo, hi));
            }
        }
    }
    reading
}
