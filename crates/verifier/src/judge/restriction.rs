//! Restrictions of an open side (`*: party_to(*, rome-statute)`): for one value, on which days of a
//! window the restriction holds in every world, and on which in some.
//!
//! A value's restriction is read like a state or timeless assertion about its pair, on its own:
//! in every way the imprecise dates of the pair's facts can fall. A value satisfies "any" (`*`)
//! on every day.

use claims_parser::{RelationKind, Restriction, Side};
use jiff::civil::Date;

use super::worlds::{Cause, Outcome, Timeline, merge, realizations};
use super::{Judge, JudgeError, Pair};
use crate::kb::{EntityId, RelationId};

/// A restriction resolved to stored ids.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Resolved {
    relation: RelationId,
    kind: RelationKind,
    /// The stored side the value stands on.
    side: Side,
    other: EntityId,
}

/// What the data says of one value's restriction over a window.
pub(crate) enum Days {
    /// No restriction: every day.
    Always,
    /// A timeless relation: it holds on every day or on none.
    Timeless {
        can_hold: bool,
        can_lack: bool,
        causes: Vec<Cause>,
    },
    /// A state: the timelines of the realizations that agree with the data.
    State(Vec<Timeline>),
}

impl Days {
    /// Whether the restriction holds on every day of `first..=last` in every world.
    pub(crate) fn certain(&self, first: Date, last: Date) -> bool {
        match self {
            Days::Always => true,
            Days::Timeless { can_lack, .. } => !can_lack,
            Days::State(timelines) => timelines.iter().all(|timeline| {
                timeline
                    .over(first, last)
                    .all(|stretch| !stretch.may_lack())
                    && covers(timeline, first, last)
            }),
        }
    }

    /// The earliest (or latest) day of `first..=last` on which the restriction holds in some world.
    pub(crate) fn possible(&self, first: Date, last: Date, latest: bool) -> Option<Date> {
        if first > last {
            return None;
        }
        let pick = |day: Date| Some(day);
        match self {
            Days::Always => pick(if latest { last } else { first }),
            Days::Timeless { can_hold, .. } => {
                can_hold.then_some(if latest { last } else { first })
            }
            Days::State(timelines) => {
                let days = timelines.iter().flat_map(|timeline| {
                    timeline
                        .over(first, last)
                        .filter(|stretch| stretch.may_hold())
                        .map(|stretch| {
                            if latest {
                                stretch.last.min(last)
                            } else {
                                stretch.first.max(first)
                            }
                        })
                });
                if latest { days.max() } else { days.min() }
            }
        }
    }

    /// The days of `first..=last` on which what the data says of the restriction may change.
    pub(crate) fn changes(&self, first: Date, last: Date) -> Vec<Date> {
        match self {
            Days::Always | Days::Timeless { .. } => Vec::new(),
            Days::State(timelines) => timelines
                .iter()
                .flat_map(|timeline| timeline.over(first, last).map(|stretch| stretch.first))
                .collect(),
        }
    }

    /// The facts and records that decide the restriction on the days of `first..=last`.
    pub(crate) fn causes(&self, first: Date, last: Date) -> Vec<Cause> {
        let mut causes = Vec::new();
        match self {
            Days::Always => {}
            Days::Timeless {
                causes: decided, ..
            } => merge(&mut causes, decided),
            Days::State(timelines) => {
                for timeline in timelines {
                    for stretch in timeline.over(first, last) {
                        let decided: Vec<Cause> = stretch.causes().collect();
                        merge(&mut causes, &decided);
                    }
                }
            }
        }
        causes
    }
}

/// Whether a timeline's stretches reach over every day of `first..=last`.
fn covers(timeline: &Timeline, first: Date, last: Date) -> bool {
    timeline
        .stretches
        .first()
        .is_some_and(|stretch| stretch.first <= first)
        && timeline
            .stretches
            .last()
            .is_some_and(|stretch| last <= stretch.last)
}

impl Judge<'_> {
    /// Resolves a restriction's ids, refusing a relation that is not a state or timeless one.
    pub(crate) fn resolve_restriction(
        &self,
        restriction: &Restriction,
    ) -> Result<Resolved, JudgeError> {
        let (relation, side) = self.counted(&restriction.relation, restriction.side)?;
        let kind = self.kb.relation(relation).kind;
        if !matches!(kind, RelationKind::State | RelationKind::Timeless) {
            return Err(JudgeError::Unsupported(format!(
                "a restriction needs a state or timeless relation; '{}' is not one",
                restriction.relation
            )));
        }
        Ok(Resolved {
            relation,
            kind,
            side,
            other: self.entity_id(&restriction.other)?,
        })
    }

    /// The values the restriction's facts name, in id order.
    pub(crate) fn restriction_values(&self, restriction: &Resolved) -> Vec<EntityId> {
        let facts = match restriction.side {
            Side::Subject => self
                .kb
                .facts_by_object(restriction.relation, restriction.other),
            Side::Object => self
                .kb
                .facts_by_subject(restriction.relation, restriction.other),
        };
        let mut values: Vec<EntityId> = facts
            .iter()
            .filter_map(|&id| {
                let fact = self.kb.fact(id);
                match restriction.side {
                    Side::Subject => Some(fact.subject),
                    Side::Object => fact.object,
                }
            })
            .collect();
        values.sort();
        values.dedup();
        values
    }

    /// The completeness records of the restriction's relation with only its other side fixed:
    /// over their spans, a value the data does not name does not satisfy it.
    pub(crate) fn restriction_records(&self, restriction: &Resolved) -> Vec<usize> {
        let (subject, object) = match restriction.side {
            Side::Subject => (None, Some(restriction.other)),
            Side::Object => (Some(restriction.other), None),
        };
        self.records_covering(restriction.relation, subject, object)
            .collect()
    }

    /// What the data says of `value`'s restriction over `first..=last`, or the facts that
    /// contradict each other there.
    pub(crate) fn restriction_days(
        &self,
        restriction: Option<&Resolved>,
        value: EntityId,
        (first, last): (Date, Date),
    ) -> Result<Days, Option<Vec<Cause>>> {
        let Some(restriction) = restriction else {
            return Ok(Days::Always);
        };
        let pair = match restriction.side {
            Side::Subject => Pair {
                relation: restriction.relation,
                subject: value,
                object: restriction.other,
            },
            Side::Object => Pair {
                relation: restriction.relation,
                subject: restriction.other,
                object: value,
            },
        };
        if restriction.kind == RelationKind::Timeless {
            let judgment = self.timeless_outcome(pair, false);
            return match judgment {
                Outcome::Decided(reading) => {
                    let mut causes = reading.supports;
                    merge(&mut causes, &reading.refutes);
                    Ok(Days::Timeless {
                        can_hold: reading.can_hold,
                        can_lack: reading.can_fail,
                        causes,
                    })
                }
                Outcome::Conflicting(causes) => Err(Some(causes)),
                Outcome::TooImprecise => Err(None),
            };
        }
        let mut marks = Vec::new();
        let items = self.state_items(pair, first, last, &mut marks);
        let all = realizations(&items).ok_or(None)?;
        let mut timelines = Vec::new();
        let mut contradiction = None;
        for realization in &all {
            let timeline = Timeline::build(&items, realization, first, last, &marks);
            match timeline.contradiction() {
                Some(stretch) => {
                    contradiction.get_or_insert_with(|| stretch.causes().collect::<Vec<_>>());
                }
                None => timelines.push(timeline),
            }
        }
        if timelines.is_empty() {
            return Err(Some(contradiction.unwrap_or_default()));
        }
        Ok(Days::State(timelines))
    }
}
