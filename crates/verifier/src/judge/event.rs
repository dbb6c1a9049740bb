//! Events (relations that happen on days) and ordinal events: what each form says in a world.
//!
//! | form | holds in a world when |
//! |---|---|
//! | `@ D` (and now, `EVER`, `SINCE D`, `FROM D1 TO D2`) | an event of the pair happens on some day of that time |
//! | `NOT …` | no event of the pair happens on any day of that time |
//! | `… [key=value]` | such an event has that qualifier |
//! | `LAST … BEFORE B = P` | an event happens in P before B, and none after it before B |
//! | `FIRST … AFTER B = P` | an event happens in P after B, and none between B and it |
//!
//! A world has every recorded event, on a day its date allows, with its recorded qualifiers (the
//! others are free), and any other events, except where a negative fact or a completeness record
//! rules them out. A recorded event of another kind rules out only itself.

use claims_parser::{
    Bound, Ordinal, OrdinalAssertion, PartialDate, RelationKind, Side, Term, TimeSpec,
};
use jiff::civil::Date;

use super::evidence::Sentence;
use super::worlds::{
    Bearing, Cause, EARLIEST, Item, Outcome, Reading, Realization, after, before, merge,
    realizations,
};
use super::{Judge, JudgeError, Pair};
use crate::kb::{EntityId, FactId};
use crate::verdict::Judgment;

/// The events of one realization, and what it allows of events not recorded.
pub(crate) struct Events<'a> {
    judge: &'a Judge<'a>,
    items: &'a [Item],
    realization: &'a Realization,
    wanted: &'a [(String, EntityId)],
}

impl Events<'_> {
    /// The recorded events, with the day each happens on.
    fn recorded(&self) -> impl Iterator<Item = (FactId, Date)> + '_ {
        self.items
            .iter()
            .zip(self.realization)
            .filter_map(|(item, &(day, _))| match (item.bearing, item.cause) {
                (Bearing::Holds, Cause::Fact(id)) => Some((id, day)),
                _ => None,
            })
    }

    /// The negative facts and completeness records in force on `day`, as (cause, the qualifiers a
    /// negative fact is limited to; `None` for a record).
    fn blockers(
        &self,
        day: Date,
    ) -> impl Iterator<Item = (Cause, Option<Vec<(String, EntityId)>>)> + '_ {
        self.items
            .iter()
            .zip(self.realization)
            .filter(move |&(item, &(first, last))| {
                item.bearing != Bearing::Holds && first <= day && day <= last
            })
            .map(|(item, _)| match item.cause {
                Cause::Fact(id) => {
                    let fact = self.judge.kb.fact(id);
                    let limited = fact
                        .qualifiers()
                        .iter()
                        .map(|(key, &value)| (key.clone(), value))
                        .collect();
                    (item.cause, Some(limited))
                }
                Cause::Record(_) => (item.cause, None),
            })
    }

    /// The negative fact that rules out an event with these (known) qualifiers on `day`, if any.
    fn negated_by(&self, day: Date, known: &[(String, EntityId)]) -> Option<Cause> {
        self.blockers(day).find_map(|(cause, limited)| {
            let limited = limited?;
            limited
                .iter()
                .all(|wanted| known.contains(wanted))
                .then_some(cause)
        })
    }

    /// A recorded event's qualifiers as recorded.
    fn qualifiers(&self, id: FactId) -> Vec<(String, EntityId)> {
        self.judge
            .kb
            .fact(id)
            .qualifiers()
            .iter()
            .map(|(key, &value)| (key.clone(), value))
            .collect()
    }

    /// Whether a recorded event on `day` can have the qualifiers asked about.
    fn can_match(&self, id: FactId, day: Date) -> bool {
        let mut known = self.qualifiers(id);
        for (key, value) in self.wanted {
            match known.iter().find(|(k, _)| k == key) {
                Some((_, recorded)) if recorded != value => return false,
                Some(_) => {}
                None => known.push((key.clone(), *value)),
            }
        }
        self.negated_by(day, &known).is_none()
    }

    /// Whether a recorded event can lack the qualifiers asked about (a free qualifier may take
    /// another value).
    fn can_differ(&self, id: FactId) -> bool {
        let known = self.qualifiers(id);
        self.wanted.iter().any(|wanted| !known.contains(wanted))
    }

    /// Whether an event with the qualifiers asked about, recorded nowhere, may happen on `day`.
    fn unrecorded_on(&self, day: Date) -> bool {
        self.blockers(day).all(|(_, limited)| {
            limited.is_some_and(|limited| !limited.iter().all(|q| self.wanted.contains(q)))
        })
    }

    /// The latest (or earliest) day of `first..=last` on which such an unrecorded event may happen.
    fn unrecorded_within(&self, first: Date, last: Date, latest: bool) -> Option<Date> {
        if first > last {
            return None;
        }
        let mut cuts = vec![first, last];
        for (item, &(start, end)) in self.items.iter().zip(self.realization) {
            if item.bearing != Bearing::Holds {
                for day in [before(start), start, end, after(end)] {
                    if first <= day && day <= last {
                        cuts.push(day);
                    }
                }
            }
        }
        cuts.sort();
        cuts.dedup();
        if latest {
            cuts.into_iter().rev().find(|&day| self.unrecorded_on(day))
        } else {
            cuts.into_iter().find(|&day| self.unrecorded_on(day))
        }
    }

    /// What rules out events on the days of `first..=last`.
    fn blocking_causes(&self, first: Date, last: Date) -> Vec<Cause> {
        let mut causes = Vec::new();
        for (item, &(start, end)) in self.items.iter().zip(self.realization) {
            if item.bearing != Bearing::Holds && start <= last && first <= end {
                merge(&mut causes, &[item.cause]);
            }
        }
        causes
    }

    /// The recorded events on days of `first..=last`.
    fn recorded_within(&self, first: Date, last: Date) -> Vec<(FactId, Date)> {
        self.recorded()
            .filter(|&(_, day)| first <= day && day <= last)
            .collect()
    }

    /// An event with the qualifiers asked about happens on some day of `first..=last`.
    fn some_day(&self, first: Date, last: Date) -> Reading {
        let within = self.recorded_within(first, last);
        let mut reading = Reading {
            can_hold: within.iter().any(|&(id, day)| self.can_match(id, day))
                || self.unrecorded_within(first, last, true).is_some(),
            can_fail: within.iter().all(|&(id, _)| self.can_differ(id)),
            ..Reading::default()
        };
        for &(id, day) in &within {
            if !self.can_differ(id) {
                merge(&mut reading.supports, &[Cause::Fact(id)]);
            }
            if !self.can_match(id, day) {
                merge(&mut reading.refutes, &[Cause::Fact(id)]);
            }
        }
        merge(&mut reading.refutes, &self.blocking_causes(first, last));
        reading
    }

    /// A recorded event on a day outside the window that contradicts a negative fact.
    fn contradiction(&self, first: Date, last: Date) -> Option<Vec<Cause>> {
        self.recorded_within(first, last)
            .into_iter()
            .find_map(|(id, day)| {
                self.negated_by(day, &self.qualifiers(id))
                    .map(|negative| vec![Cause::Fact(id), negative])
            })
    }
}

impl Judge<'_> {
    fn event_items(&self, pair: Pair, first: Date, last: Date, marks: &mut Vec<Date>) -> Vec<Item> {
        let mut items = self.realize(self.pair_reads(pair), first, last, marks);
        items.retain(|item| {
            item.ways
                .iter()
                .any(|&(start, end)| start <= last && first <= end)
        });
        items
    }

    /// Reads an event assertion about `pair` whose days are `first..=last`, in every realization.
    pub(crate) fn read_events(
        &self,
        pair: Pair,
        wanted: &[(String, EntityId)],
        (first, last): (Date, Date),
        extra_marks: &[Date],
        form: impl Fn(&Events) -> Reading,
    ) -> Outcome {
        let mut marks = extra_marks.to_vec();
        let items = self.event_items(pair, first, last, &mut marks);
        let Some(all) = realizations(&items) else {
            return Outcome::TooImprecise;
        };
        Outcome::of(all.iter().map(|realization| {
            let events = Events {
                judge: self,
                items: &items,
                realization,
                wanted,
            };
            match events.contradiction(first, last) {
                Some(causes) => Err(causes),
                None => Ok(form(&events)),
            }
        }))
    }

    pub(crate) fn event(
        &self,
        pair: Pair,
        wanted: &[(String, EntityId)],
        negated: bool,
        time: TimeSpec,
    ) -> Judgment {
        let as_of = self.as_of;
        let (first, last, when) = match time {
            TimeSpec::Judgment => (as_of, as_of, format!("on {as_of}")),
            TimeSpec::Ever => (EARLIEST, as_of, format!("up to {as_of}")),
            TimeSpec::At(date) => (
                date.first_day(),
                date.last_day(),
                super::state::at_text(date),
            ),
            TimeSpec::Since(date) => (date.first_day(), as_of, format!("from {date} to {as_of}")),
            TimeSpec::Span(from, to) => (
                from.first_day(),
                to.last_day(),
                format!("from {from} to {to}"),
            ),
            TimeSpec::NoLonger => unreachable!("refused for events"),
        };
        let what = self.event_text(pair, wanted);
        let outcome = self.read_events(pair, wanted, (first, last), &[], |events| {
            let reading = events.some_day(first, last);
            if negated {
                Reading {
                    can_hold: reading.can_fail,
                    can_fail: reading.can_hold,
                    supports: reading.refutes,
                    refutes: reading.supports,
                }
            } else {
                reading
            }
        });
        // The sentences of the assertion without NOT.
        let affirmed = |which| match which {
            Sentence::Holds => format!("an event {what} happens {when}"),
            Sentence::Fails => format!("no event {what} happens {when}"),
            Sentence::Open => {
                format!("the data does not settle whether an event {what} happened {when}")
            }
            Sentence::Settle => format!(
                "a sourced event {what} {when}, or a negative fact or completeness record covering that time"
            ),
        };
        let texts = |which: Sentence| affirmed(which.affirmed(negated));
        let warnings = self.future(first, || {
            when.trim_start_matches("on ")
                .trim_start_matches("in ")
                .to_owned()
        });
        self.conclude(outcome, texts, last, warnings)
    }

    pub(crate) fn ordinal(&self, assertion: &OrdinalAssertion) -> Result<Judgment, JudgeError> {
        let (subject, object) = match (&assertion.subject, &assertion.object) {
            (Term::Entity(subject), Term::Entity(object)) => (subject, object),
            (Term::Any(restriction), Term::Entity(object)) => {
                return self.open_ordinal(assertion, Side::Subject, object, restriction.as_ref());
            }
            (Term::Entity(subject), Term::Any(restriction)) => {
                return self.open_ordinal(assertion, Side::Object, subject, restriction.as_ref());
            }
            (Term::Any(_), Term::Any(_)) => {
                return Err(JudgeError::Unsupported(
                    "FIRST and LAST need at least one side named".to_owned(),
                ));
            }
        };
        let pair = self.pair(&assertion.relation, subject, object)?;
        let wanted = self.qualifier_values(pair.relation, &assertion.qualifiers)?;
        if self.kb.relation(pair.relation).kind != RelationKind::Event {
            return Err(JudgeError::Unsupported(format!(
                "'{}' is not an event relation",
                assertion.relation
            )));
        }
        let (window, bound_text) = match assertion.bound {
            Some(Bound::Before(date)) => (
                (EARLIEST, before(date.first_day())),
                format!("before {date}"),
            ),
            Some(Bound::After(date)) => (
                (after(date.last_day()), self.as_of),
                format!("after {date} up to {}", self.as_of),
            ),
            None => (
                (EARLIEST, before(self.as_of)),
                format!("before {}", self.as_of),
            ),
        };
        let claimed = (assertion.when.first_day(), assertion.when.last_day());
        let what = self.event_text(pair, &wanted);
        let ordinal = assertion.ordinal;
        let marks = [claimed.0, claimed.1, window.0, window.1];
        let outcome = self.read_events(pair, &wanted, window, &marks, |events| {
            ordinal_reading(events, ordinal, window, claimed)
        });
        let when = assertion.when;
        let texts = |which| {
            ordinal_sentence(which, ordinal, &what, when, &bound_text, || {
                format!(
                    "a completeness record of '{}' for {} and {} covering the time {bound_text}",
                    self.kb.relation(pair.relation).id,
                    self.kb.entity(pair.subject).id,
                    self.kb.entity(pair.object).id
                )
            })
        };
        let warnings = self.future(claimed.0, || when.to_string());
        Ok(self.conclude(outcome, texts, window.1, warnings))
    }

    fn event_text(&self, pair: Pair, wanted: &[(String, EntityId)]) -> String {
        let mut text = self.pair_text(pair);
        for (key, value) in wanted {
            text.push_str(&format!(" [{key}={}]", self.kb.entity(*value).id));
        }
        text
    }
}

/// A sentence of "the first (or last) event `what` `bound` was in `when`"; what would settle it
/// is the form's own (`settle`).
pub(crate) fn ordinal_sentence(
    which: Sentence,
    ordinal: Ordinal,
    what: &str,
    when: PartialDate,
    bound: &str,
    settle: impl FnOnce() -> String,
) -> String {
    let (word, first_or_last) = match ordinal {
        Ordinal::Last => ("later", "last"),
        Ordinal::First => ("earlier", "first"),
    };
    match which {
        Sentence::Holds => format!("an event {what} happens in {when}, and none {word} {bound}"),
        Sentence::Fails => format!("the {first_or_last} event {what} {bound} cannot be in {when}"),
        Sentence::Open => format!(
            "the data does not settle whether the {first_or_last} event {what} {bound} was in {when}"
        ),
        Sentence::Settle => settle(),
    }
}

/// The first or last event of `window` with the qualifiers asked about happens in `claimed`.
fn ordinal_reading(
    events: &Events,
    ordinal: Ordinal,
    window: (Date, Date),
    claimed: (Date, Date),
) -> Reading {
    let (w_first, w_last) = window;
    let inside = (claimed.0.max(w_first), claimed.1.min(w_last));
    let recorded = events.recorded_within(w_first, w_last);
    // The extreme day within `claimed` where a matching event can happen: the latest for LAST,
    // the earliest for FIRST, so that as few other events as possible must be ruled out.
    let candidates = recorded
        .iter()
        .filter(|&&(id, day)| inside.0 <= day && day <= inside.1 && events.can_match(id, day))
        .map(|&(_, day)| day)
        .chain(events.unrecorded_within(inside.0, inside.1, ordinal == Ordinal::Last));
    let extreme = match ordinal {
        Ordinal::Last => candidates.max(),
        Ordinal::First => candidates.min(),
    };
    // The part of the window beyond the claimed time, and the part that is not before it.
    let (beyond, not_short) = match ordinal {
        Ordinal::Last => ((after(claimed.1), w_last), (inside.0, w_last)),
        Ordinal::First => ((w_first, before(claimed.0)), (w_first, inside.1)),
    };
    let can_hold = extreme.is_some_and(|day| {
        let rest = match ordinal {
            Ordinal::Last => (after(day), w_last),
            Ordinal::First => (w_first, before(day)),
        };
        recorded
            .iter()
            .filter(|&&(_, d)| rest.0 <= d && d <= rest.1)
            .all(|&(id, _)| events.can_differ(id))
    });
    let later_possible = recorded
        .iter()
        .any(|&(id, day)| beyond.0 <= day && day <= beyond.1 && events.can_match(id, day))
        || events.unrecorded_within(beyond.0, beyond.1, true).is_some();
    let none_in_claimed = recorded
        .iter()
        .filter(|&&(_, day)| not_short.0 <= day && day <= not_short.1)
        .all(|&(id, _)| events.can_differ(id));
    let mut reading = Reading {
        can_hold,
        can_fail: later_possible || none_in_claimed,
        ..Reading::default()
    };
    for &(id, day) in &recorded {
        let certain = !events.can_differ(id);
        if certain && inside.0 <= day && day <= inside.1 {
            merge(&mut reading.supports, &[Cause::Fact(id)]);
        }
        if certain && beyond.0 <= day && day <= beyond.1 {
            merge(&mut reading.refutes, &[Cause::Fact(id)]);
        }
    }
    merge(
        &mut reading.supports,
        &events.blocking_causes(beyond.0, beyond.1),
    );
    merge(
        &mut reading.refutes,
        &events.blocking_causes(inside.0, inside.1),
    );
    reading
}
