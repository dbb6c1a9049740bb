//! What an assertion reads: the facts and completeness records of its relation pair and, for a
//! single-valued relation, the positive facts of the other values of the same side, as the
//! [`Item`]s whose realizations the worlds are made of.

use jiff::civil::Date;

use super::worlds::{Bearing, Cause, Item, Outcome, Reading, Timeline, realizations};
use super::{Judge, Pair};
use crate::kb::FactTime;
use crate::model::SingleValued;

impl Judge<'_> {
    /// The facts and records a state assertion about `pair` reads on `first..=last`, realized
    /// against `marks`.
    pub(crate) fn state_items(
        &self,
        pair: Pair,
        first: Date,
        last: Date,
        marks: &mut Vec<Date>,
    ) -> Vec<Item> {
        let read = self.state_reads(pair, first, last);
        self.realize(read, first, last, marks)
    }

    /// The facts and records a state assertion about `pair` reads on `first..=last`, and how
    /// each bears on it.
    pub(crate) fn state_reads(&self, pair: Pair, first: Date, last: Date) -> Vec<(Cause, Bearing)> {
        let mut read = self.pair_reads(pair);
        if let Some(single) = self.kb.relation(pair.relation).single_valued {
            let (others, ours) = match single {
                SingleValued::PerObject => (
                    self.kb.facts_by_object(pair.relation, pair.object),
                    pair.subject,
                ),
                SingleValued::PerSubject => (
                    self.kb.facts_by_subject(pair.relation, pair.subject),
                    pair.object,
                ),
            };
            for &id in others {
                let fact = self.kb.fact(id);
                let value = match single {
                    SingleValued::PerObject => Some(fact.subject),
                    SingleValued::PerSubject => fact.object,
                };
                if let Some(value) = value
                    && value != ours
                    && !fact.negative
                {
                    read.push((Cause::Fact(id), Bearing::Excludes(value)));
                }
            }
        }
        read.retain(|&(cause, bearing)| self.may_bear(cause, bearing, first, last));
        read
    }

    /// The facts of a pair (positive ones hold, negative ones lack) and the completeness records
    /// that cover it.
    pub(crate) fn pair_reads(&self, pair: Pair) -> Vec<(Cause, Bearing)> {
        let mut read: Vec<(Cause, Bearing)> = self
            .kb
            .facts_of_pair(pair.relation, pair.subject, pair.object)
            .iter()
            .map(|&id| {
                let bearing = if self.kb.fact(id).negative {
                    Bearing::Lacks
                } else {
                    Bearing::Holds
                };
                (Cause::Fact(id), bearing)
            })
            .collect();
        for index in self.records_covering(pair.relation, Some(pair.subject), Some(pair.object)) {
            read.push((Cause::Record(index), Bearing::Complete));
        }
        read
    }

    /// The items of what is read, realized on the days their dates, the window's ends, the
    /// judgment date and `marks` name (which gains them).
    pub(crate) fn realize(
        &self,
        read: Vec<(Cause, Bearing)>,
        first: Date,
        last: Date,
        marks: &mut Vec<Date>,
    ) -> Vec<Item> {
        for &(cause, _) in &read {
            Item::marks(self.kb, cause, marks);
        }
        marks.extend([first, last, self.as_of]);
        marks.sort();
        marks.dedup();
        read.into_iter()
            .map(|(cause, bearing)| match cause {
                Cause::Fact(id) => Item::fact(self.kb, id, bearing, self.as_of, marks),
                Cause::Record(index) => Item::record(self.kb, index, marks),
            })
            .collect()
    }

    /// The completeness records of `relation` whose fixed sides agree with these: a record fixes
    /// one side or both, and each side it fixes is the one given. Found by key (at most three
    /// lookups), whatever the number of records; in the order they were loaded.
    pub(crate) fn records_covering(
        &self,
        relation: crate::kb::RelationId,
        subject: Option<crate::kb::EntityId>,
        object: Option<crate::kb::EntityId>,
    ) -> impl Iterator<Item = usize> + '_ {
        let fixed = [
            subject.map(|subject| (Some(subject), None)),
            object.map(|object| (None, Some(object))),
            subject
                .zip(object)
                .map(|(subject, object)| (Some(subject), Some(object))),
        ];
        let mut found: Vec<usize> = fixed
            .into_iter()
            .flatten()
            .flat_map(|(subject, object)| self.kb.records_fixing(relation, subject, object))
            .map(|&index| index as usize)
            .collect();
        found.sort_unstable();
        found.into_iter()
    }

    /// Whether a fact or record can bear on any day of `first..=last`.
    fn may_bear(&self, cause: Cause, bearing: Bearing, first: Date, last: Date) -> bool {
        let (start, end) = match cause {
            Cause::Fact(id) => {
                let fact = self.kb.fact(id);
                match fact.time {
                    FactTime::Always => (Date::MIN, Date::MAX),
                    FactTime::On(on) => (on.first_day(), on.last_day()),
                    FactTime::Span { from, end } => {
                        let listed_onwards =
                            bearing == Bearing::Holds && !matches!(end, crate::kb::SpanEnd::To(_));
                        let last = match end {
                            _ if listed_onwards => Date::MAX,
                            crate::kb::SpanEnd::To(to) | crate::kb::SpanEnd::KnownUntil(to) => {
                                to.last_day()
                            }
                            crate::kb::SpanEnd::Open => from.last_day().max(self.as_of),
                        };
                        (from.first_day(), last)
                    }
                }
            }
            Cause::Record(index) => {
                let record = &self.kb.completeness_records()[index];
                (record.from.first_day(), record.to.last_day())
            }
        };
        start <= last && first <= end
    }

    /// Reads a state assertion about `pair` over `first..=last` with `form`, in every realization.
    pub(crate) fn read_state(
        &self,
        pair: Pair,
        first: Date,
        last: Date,
        extra_marks: &[Date],
        form: impl Fn(&Timeline) -> Reading,
    ) -> Outcome {
        let mut marks = extra_marks.to_vec();
        let items = self.state_items(pair, first, last, &mut marks);
        let Some(all) = realizations(&items) else {
            return Outcome::TooImprecise;
        };
        Outcome::of(all.iter().map(|realization| {
            let timeline = Timeline::build(&items, realization, first, last, &marks);
            match timeline.contradiction() {
                Some(stretch) => Err(stretch.causes().collect()),
                None => Ok(form(&timeline)),
            }
        }))
    }
}
