//! Counts: `the number of parties to Y on D is N`.
//!
//! For a state, a world has a number of values holding on each day; the assertion speaks of one
//! day of D, whichever is meant, so it holds in a world when that number compares as stated (the
//! day meant is part of what the data leaves open: a count that changes within D is settled only
//! if every count it takes agrees). Values the data does not name may hold too, unless a
//! completeness record of the fixed side covers the day: known facts are a lower bound. For an
//! event, the number is that of the events within D (up to the judgment date without a date).

use claims_parser::{Comparison, CountAssertion, Quantity, RelationKind, Side};
use jiff::civil::Date;

use super::evidence::Sentence;
use super::restriction::Days;
use super::worlds::{
    Bearing, Cause, EARLIEST, Item, Outcome, Reading, Timeline, merge, realizations,
};
use super::{Judge, JudgeError, Pair};
use crate::kb::EntityId;
use crate::verdict::Judgment;

/// The whole numbers a stated quantity accepts, as an inclusive range (`None`: unbounded above).
pub(crate) fn accepted(quantity: &Quantity) -> (u64, Option<u64>) {
    let said = quantity.amount;
    let floor = |x: f64| x.floor().max(0.0) as u64;
    let ceil = |x: f64| x.ceil().max(0.0) as u64;
    match quantity.comparison {
        Comparison::Exactly if said.fract() == 0.0 => (floor(said), Some(floor(said))),
        Comparison::Exactly => (1, Some(0)),
        Comparison::About => {
            let margin = said.abs() * claims_parser::ABOUT_TOLERANCE;
            let low = said - margin;
            let high = said + margin;
            if high < 0.0 {
                (1, Some(0))
            } else {
                (ceil(low), Some(floor(high)))
            }
        }
        Comparison::MoreThan => (floor(said) + 1, None),
        Comparison::AtLeast => (ceil(said), None),
        Comparison::LessThan if said <= 0.0 => (1, Some(0)),
        Comparison::LessThan => (0, Some(ceil(said) - 1)),
        Comparison::AtMost if said < 0.0 => (1, Some(0)),
        Comparison::AtMost => (0, Some(floor(said))),
    }
}

/// Whether some count in `low..=high` (`None`: unbounded) is accepted, and whether some is not.
fn compare(quantity: &Quantity, low: u64, high: Option<u64>) -> (bool, bool) {
    let (ok_low, ok_high) = accepted(quantity);
    let top = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (Some(a), None) | (None, Some(a)) => Some(a),
        (None, None) => None,
    };
    let meet_low = low.max(ok_low);
    let some_ok = top(high, ok_high).is_none_or(|top| meet_low <= top);
    let all_ok = ok_low <= low
        && match (high, ok_high) {
            (_, None) => true,
            (Some(high), Some(ok_high)) => high <= ok_high,
            (None, Some(_)) => false,
        };
    (some_ok, !all_ok)
}

impl Judge<'_> {
    pub(crate) fn count(&self, assertion: &CountAssertion) -> Result<Judgment, JudgeError> {
        let (relation, counted) = self.counted(&assertion.relation, assertion.counted)?;
        let fixed = self.entity_id(&assertion.fixed)?;
        let kind = self.kb.relation(relation).kind;
        let name = self.kb.relation(relation).id.clone();
        let (first, last, when) = match (kind, assertion.at) {
            (_, Some(date)) => (
                date.first_day(),
                date.last_day(),
                super::state::at_text(date),
            ),
            (RelationKind::Event, None) => (EARLIEST, self.as_of, format!("up to {}", self.as_of)),
            (RelationKind::State, None) => (self.as_of, self.as_of, format!("on {}", self.as_of)),
            _ => {
                return Err(JudgeError::Unsupported(format!(
                    "'{}' cannot be counted",
                    assertion.relation
                )));
            }
        };
        let resolved = assertion
            .restriction
            .as_ref()
            .map(|restriction| self.resolve_restriction(restriction))
            .transpose()?;
        let (subject, object) = match counted {
            Side::Subject => (None, Some(fixed)),
            Side::Object => (Some(fixed), None),
        };
        let facts = match counted {
            Side::Subject => self.kb.facts_by_object(relation, fixed),
            Side::Object => self.kb.facts_by_subject(relation, fixed),
        };
        let mut values: Vec<EntityId> = facts
            .iter()
            .filter_map(|&id| {
                let fact = self.kb.fact(id);
                match counted {
                    Side::Subject => Some(fact.subject),
                    Side::Object => fact.object,
                }
            })
            .collect();
        if let Some(resolved) = &resolved {
            values.extend(self.restriction_values(resolved));
        }
        values.sort();
        values.dedup();
        let pair_of = |value: EntityId| match counted {
            Side::Subject => Pair {
                relation,
                subject: value,
                object: fixed,
            },
            Side::Object => Pair {
                relation,
                subject: fixed,
                object: value,
            },
        };
        let records: Vec<usize> = self.records_covering(relation, subject, object).collect();
        let quantity = &assertion.quantity;
        // Each value's restriction over the days counted.
        let mut restrictions = Vec::with_capacity(values.len());
        let mut unreadable = None;
        for &value in &values {
            match self.restriction_days(resolved.as_ref(), value, (first, last)) {
                Ok(days) => restrictions.push(days),
                Err(Some(causes)) => {
                    unreadable.get_or_insert(Outcome::Conflicting(causes));
                }
                Err(None) => {
                    unreadable.get_or_insert(Outcome::TooImprecise);
                }
            }
        }
        let restriction_records = resolved
            .as_ref()
            .map(|resolved| self.restriction_records(resolved))
            .unwrap_or_default();
        let contradiction = values.iter().find_map(|&value| {
            // A recorded event that a negative fact of its pair rules out on the days read.
            (kind == RelationKind::Event)
                .then(|| {
                    self.read_events(pair_of(value), &[], (first, last), &[], |_| {
                        Reading::default()
                    })
                })
                .and_then(|outcome| match outcome {
                    Outcome::Conflicting(causes) => Some(causes),
                    _ => None,
                })
        });
        let restricted = Restricted {
            counted,
            values: &values,
            days: &restrictions,
            records: &restriction_records,
        };
        let (outcome, (low, high)) = if let Some(causes) = contradiction {
            (Outcome::Conflicting(causes), (0, None))
        } else if let Some(outcome) = unreadable {
            (outcome, (0, None))
        } else if kind == RelationKind::Event {
            self.count_events(facts, &records, &restricted, (first, last), quantity)
        } else {
            self.count_states(pair_of, &records, &restricted, (first, last), quantity)
        };
        let fixed_name = &self.kb.entity(fixed).id;
        let counts = match high {
            Some(high) if high == low => format!("{low}"),
            Some(high) => format!("{low} to {high}"),
            None => format!("at least {low}"),
        };
        let open = assertion
            .restriction
            .as_ref()
            .map_or_else(|| "*".to_owned(), ToString::to_string);
        let pattern = match assertion.counted {
            Side::Subject => format!("{}({open}, {fixed_name})", assertion.relation),
            Side::Object => format!("{}({fixed_name}, {open})", assertion.relation),
        };
        let found = if kind == RelationKind::Event {
            format!("{pattern} happens {counts} times {when}")
        } else {
            format!("{pattern} holds for {counts} values {when}")
        };
        let said = said_text(quantity);
        let texts = |which| match which {
            Sentence::Holds => format!("{found}, which agrees with {said}"),
            Sentence::Fails => format!("{found}, which rules out {said}"),
            Sentence::Open => {
                format!("{found}: some of these counts agree with {said} and some do not")
            }
            Sentence::Settle => format!(
                "a completeness record of '{name}' for {fixed_name} covering that time, or the exact dates of the facts on its edge"
            ),
        };
        let warnings = self.future(first, || {
            when.trim_start_matches("on ")
                .trim_start_matches("in ")
                .to_owned()
        });
        Ok(self.conclude(outcome, texts, last, warnings))
    }

    /// Counts states: on each day of the window, the values that hold in every world and those that
    /// may, each value's facts read on their own.
    fn count_states(
        &self,
        pair_of: impl Fn(EntityId) -> Pair,
        records: &[usize],
        restricted: &Restricted,
        (first, last): (Date, Date),
        quantity: &Quantity,
    ) -> (Outcome, (u64, Option<u64>)) {
        let values = restricted.values;
        // For each value: the timelines of its consistent realizations.
        let mut per_value: Vec<Vec<Timeline>> = Vec::with_capacity(values.len());
        for &value in values {
            let mut marks = Vec::new();
            let items = self.state_items(pair_of(value), first, last, &mut marks);
            let Some(all) = realizations(&items) else {
                return (Outcome::TooImprecise, (0, None));
            };
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
                return (
                    Outcome::Conflicting(contradiction.unwrap_or_default()),
                    (0, None),
                );
            }
            per_value.push(timelines);
        }
        // Values the data does not name can hold unless a record covers the day in every way its
        // dates can fall.
        let mut marks = vec![first, last];
        for &index in records.iter().chain(restricted.records) {
            Item::marks(self.kb, Cause::Record(index), &mut marks);
        }
        let record_items: Vec<Item> = records
            .iter()
            .chain(restricted.records)
            .map(|&index| Item::record(self.kb, index, &marks))
            .collect();
        let mut days: Vec<Date> = vec![first];
        for timelines in &per_value {
            for timeline in timelines {
                days.extend(timeline.stretches.iter().map(|s| s.first));
            }
        }
        for item in &record_items {
            for &(start, end) in &item.ways {
                days.extend([start, super::worlds::after(end)]);
            }
        }
        for restriction in restricted.days {
            days.extend(restriction.changes(first, last));
        }
        days.retain(|&day| first <= day && day <= last);
        days.sort();
        days.dedup();
        let mut reading = Reading::default();
        let mut fewest = u64::MAX;
        let mut most = Some(0);
        for &day in &days {
            let mut low = 0u64;
            let mut high = 0u64;
            let mut holders = Vec::new();
            for (timelines, restriction) in per_value.iter().zip(restricted.days) {
                let stretches: Vec<_> = timelines.iter().filter_map(|t| t.at(day)).collect();
                if stretches.iter().all(|s| !s.may_lack()) && restriction.certain(day, day) {
                    low += 1;
                    for stretch in &stretches {
                        merge(&mut holders, &stretch.forced_by);
                    }
                    merge(&mut holders, &restriction.causes(day, day));
                }
                if stretches.iter().any(|s| s.may_hold())
                    && restriction.possible(day, day, false).is_some()
                {
                    high += 1;
                }
            }
            let covering: Vec<Cause> = record_items
                .iter()
                .filter(|item| item.ways.iter().all(|&(s, e)| s <= day && day <= e))
                .map(|item| item.cause)
                .collect();
            let high = (!covering.is_empty()).then_some(high);
            fewest = fewest.min(low);
            most = most.zip(high).map(|(most, high)| most.max(high));
            let (some_ok, some_not) = compare(quantity, low, high);
            reading.can_hold |= some_ok;
            reading.can_fail |= some_not;
            merge(&mut reading.supports, &holders);
            merge(&mut reading.supports, &covering);
            merge(&mut reading.refutes, &holders);
            merge(&mut reading.refutes, &covering);
        }
        (Outcome::Decided(reading), (fewest, most))
    }

    /// Counts events within the window: each recorded event certainly or possibly within it, and
    /// any number of others unless a record covers every day of it.
    fn count_events(
        &self,
        facts: &[crate::kb::FactId],
        records: &[usize],
        restricted: &Restricted,
        (first, last): (Date, Date),
        quantity: &Quantity,
    ) -> (Outcome, (u64, Option<u64>)) {
        let marks = [first, last];
        let mut low = 0u64;
        let mut high = 0u64;
        let mut cited = Vec::new();
        for &id in facts {
            if self.kb.fact(id).negative {
                continue;
            }
            let item = Item::fact(self.kb, id, Bearing::Holds, self.as_of, &marks);
            let inside = |&(day, _): &(Date, Date)| first <= day && day <= last;
            let restriction = restricted.of(self.kb.fact(id));
            let earliest = item.ways.iter().map(|&(day, _)| day).min().unwrap_or(first);
            let latest = item.ways.iter().map(|&(day, _)| day).max().unwrap_or(last);
            if item.ways.iter().all(inside) && restriction.certain(earliest, latest) {
                low += 1;
                cited.push(Cause::Fact(id));
                merge(&mut cited, &restriction.causes(earliest, latest));
            }
            if item.ways.iter().any(inside)
                && restriction
                    .possible(earliest.max(first), latest.min(last), false)
                    .is_some()
            {
                high += 1;
            }
        }
        let covering: Vec<Cause> = records
            .iter()
            .filter(|&&index| {
                // Covered in every way its dates can fall (a start is never after its end).
                Item::record(self.kb, index, &marks)
                    .ways
                    .iter()
                    .all(|&(start, end)| start <= first && last <= end)
            })
            .map(|&index| Cause::Record(index))
            .collect();
        let high = (!covering.is_empty()).then_some(high);
        let (can_hold, can_fail) = compare(quantity, low, high);
        merge(&mut cited, &covering);
        let outcome = Outcome::Decided(Reading {
            can_hold,
            can_fail,
            supports: cited.clone(),
            refutes: cited,
        });
        (outcome, (low, high))
    }
}

/// The values a count reads, with each one's restriction over the days counted, and the records
/// beyond which a value the data does not name cannot satisfy the restriction.
struct Restricted<'a> {
    counted: Side,
    values: &'a [EntityId],
    days: &'a [Days],
    records: &'a [usize],
}

impl Restricted<'_> {
    /// The restriction of a recorded fact's value.
    fn of(&self, fact: &crate::kb::Fact) -> &Days {
        let value = match self.counted {
            Side::Subject => Some(fact.subject),
            Side::Object => fact.object,
        };
        let index = value
            .and_then(|value| self.values.binary_search(&value).ok())
            .expect("every value is listed");
        &self.days[index]
    }
}

/// A stated quantity in words: "exactly 124", "at least 120".
pub(crate) fn said_text(quantity: &Quantity) -> String {
    let words = match quantity.comparison {
        Comparison::Exactly => "exactly",
        Comparison::About => "about",
        Comparison::MoreThan => "more than",
        Comparison::AtLeast => "at least",
        Comparison::LessThan => "fewer than",
        Comparison::AtMost => "at most",
    };
    let mut text = format!("{words} {}", quantity.amount);
    if let Some(unit) = &quantity.unit {
        text.push_str(&format!(" {}", unit.name()));
        if quantity.amount != 1.0 {
            text.push('s');
        }
    }
    text
}
