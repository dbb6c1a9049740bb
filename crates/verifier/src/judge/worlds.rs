//! The one structure every form is judged over: what the worlds allowed by the data make of a
//! relation pair on each day of a window.
//!
//! The facts and records an assertion reads are [`Item`]s. An item with an imprecise date may be
//! realized in several ways (a fact `from: 2021-03` may begin on any day of March); the judge
//! enumerates those ways on the days where the choice can matter (the first and last day of each
//! interval, and the days around every date that another item or the assertion names), which is
//! exact because between two such days all choices are alike. For one [`Realization`], the days of
//! the window fall into [`Stretch`]es on which the state certainly holds, certainly does not, is
//! free, or is contradicted, each with the facts and records behind it; days are independent of
//! each other once the realization is fixed.

use jiff::civil::Date;

use crate::kb::{EntityId, FactId, FactTime, KnowledgeBase, SpanEnd};

/// A fact or a completeness record that decides something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Cause {
    /// A fact.
    Fact(FactId),
    /// A completeness record, by index.
    Record(usize),
}

/// How an item bears on the pair's days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bearing {
    /// A positive fact of the pair: the state holds from its start to its end.
    Holds,
    /// A negative fact of the pair: the state does not hold from its start to its end.
    Lacks,
    /// A completeness record covering the pair: over its span, only what a positive fact lists.
    Complete,
    /// A positive fact of another value of a single-valued side: the pair cannot hold while it
    /// does, but for a handover day.
    Excludes(EntityId),
}

/// One fact or record read by an assertion, with the ways its dates can fall.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub(crate) cause: Cause,
    pub(crate) bearing: Bearing,
    /// Every realization considered: its first and its last day.
    pub(crate) ways: Vec<(Date, Date)>,
    /// Whether its last day is a recorded end (`to`), rather than presumed or known-until.
    pub(crate) recorded_end: bool,
    /// Whether, for a completeness record, its facts list the pair beyond their last day (an
    /// open or known-until fact lists every later day).
    pub(crate) lists_onwards: bool,
}

/// How many realizations the judge enumerates at most before it gives up on settling an
/// assertion (an `unverifiable` with a reason): only many facts with imprecise dates reach it.
pub(crate) const MOST_REALIZATIONS: usize = 4096;

/// The first day the language can name (`0001-01-01`): the beginning of every window that reaches
/// back without a bound ("ever", "never", durations, "the first … before").
pub(crate) const EARLIEST: Date = jiff::civil::date(1, 1, 1);

/// The day before, staying at the earliest day.
pub(crate) fn before(day: Date) -> Date {
    day.yesterday().unwrap_or(Date::MIN)
}

/// The day after, staying at the latest day.
pub(crate) fn after(day: Date) -> Date {
    day.tomorrow().unwrap_or(Date::MAX)
}

/// The days of `first..=last` where the choice of a realized day can matter, given the days that
/// other items and the assertion name.
fn candidates(first: Date, last: Date, marks: &[Date]) -> Vec<Date> {
    let mut days = vec![first, last];
    for &mark in marks {
        for day in [before(mark), mark, after(mark)] {
            if first <= day && day <= last {
                days.push(day);
            }
        }
    }
    days.sort();
    days.dedup();
    days
}

impl Item {
    /// The item of a fact read as `bearing`, realized against `marks` and the judgment date.
    pub(crate) fn fact(
        kb: &KnowledgeBase,
        id: FactId,
        bearing: Bearing,
        as_of: Date,
        marks: &[Date],
    ) -> Item {
        let fact = kb.fact(id);
        let (ways, recorded_end, lists_onwards) = match fact.time {
            FactTime::Always => (vec![(Date::MIN, Date::MAX)], false, false),
            FactTime::On(on) => {
                let days = candidates(on.first_day(), on.last_day(), marks);
                (
                    days.into_iter().map(|day| (day, day)).collect(),
                    false,
                    false,
                )
            }
            FactTime::Span { from, end } => {
                let starts = candidates(from.first_day(), from.last_day(), marks);
                let mut ways = Vec::new();
                match end {
                    SpanEnd::To(to) | SpanEnd::KnownUntil(to) => {
                        let ends = candidates(to.first_day(), to.last_day(), marks);
                        for &start in &starts {
                            ways.extend(ends.iter().filter(|&&e| e >= start).map(|&e| (start, e)));
                        }
                    }
                    SpanEnd::Open => ways.extend(starts.iter().map(|&s| (s, s.max(as_of)))),
                }
                (
                    ways,
                    matches!(end, SpanEnd::To(_)),
                    !matches!(end, SpanEnd::To(_)),
                )
            }
        };
        Item {
            cause: Cause::Fact(id),
            bearing,
            ways,
            recorded_end,
            lists_onwards,
        }
    }

    /// The item of a completeness record.
    pub(crate) fn record(kb: &KnowledgeBase, index: usize, marks: &[Date]) -> Item {
        let record = &kb.completeness_records()[index];
        let starts = candidates(record.from.first_day(), record.from.last_day(), marks);
        let ends = candidates(record.to.first_day(), record.to.last_day(), marks);
        let mut ways = Vec::new();
        for &start in &starts {
            ways.extend(ends.iter().filter(|&&e| e >= start).map(|&e| (start, e)));
        }
        Item {
            cause: Cause::Record(index),
            bearing: Bearing::Complete,
            ways,
            recorded_end: false,
            lists_onwards: false,
        }
    }

    /// The days an item names, where the realizations of others must be tried.
    pub(crate) fn marks(kb: &KnowledgeBase, cause: Cause, marks: &mut Vec<Date>) {
        let mut add = |date: claims_parser::PartialDate| {
            marks.push(date.first_day());
            marks.push(date.last_day());
        };
        match cause {
            Cause::Fact(id) => match kb.fact(id).time {
                FactTime::Always => {}
                FactTime::On(on) => add(on),
                FactTime::Span { from, end } => {
                    add(from);
                    if let SpanEnd::To(to) | SpanEnd::KnownUntil(to) = end {
                        add(to);
                    }
                }
            },
            Cause::Record(index) => {
                let record = &kb.completeness_records()[index];
                add(record.from);
                add(record.to);
            }
        }
    }
}

/// One way every item's dates can fall: the realized first and last day of each, in item order.
pub(crate) type Realization = Vec<(Date, Date)>;

/// Every realization of `items`, or `None` when there are more than [`MOST_REALIZATIONS`].
pub(crate) fn realizations(items: &[Item]) -> Option<Vec<Realization>> {
    let count = items
        .iter()
        .try_fold(1usize, |count, item| count.checked_mul(item.ways.len()))?;
    if count > MOST_REALIZATIONS {
        return None;
    }
    let mut all = Vec::with_capacity(count);
    let mut odometer = vec![0usize; items.len()];
    for _ in 0..count {
        all.push(
            items
                .iter()
                .zip(&odometer)
                .map(|(item, &way)| item.ways[way])
                .collect(),
        );
        for (position, item) in odometer.iter_mut().zip(items) {
            *position += 1;
            if *position < item.ways.len() {
                break;
            }
            *position = 0;
        }
    }
    Some(all)
}

/// Days on which everything about the pair is alike, in one realization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub(crate) first: Date,
    pub(crate) last: Date,
    /// The facts that make the state hold here.
    pub(crate) forced_by: Vec<Cause>,
    /// The facts and records that rule it out here.
    pub(crate) forbidden_by: Vec<Cause>,
    /// A recorded term of the pair begins on this (single) day.
    pub(crate) starts: bool,
    /// A recorded term of the pair ends on this (single) day.
    pub(crate) ends: bool,
}

impl Stretch {
    /// Whether some world of the realization has the state here.
    pub(crate) fn may_hold(&self) -> bool {
        self.forbidden_by.is_empty()
    }

    /// Whether some world of the realization lacks the state here.
    pub(crate) fn may_lack(&self) -> bool {
        self.forced_by.is_empty()
    }

    /// Every cause behind this stretch.
    pub(crate) fn causes(&self) -> impl Iterator<Item = Cause> + '_ {
        self.forced_by.iter().chain(&self.forbidden_by).copied()
    }
}

/// The pair's days over a window in one realization: contiguous stretches, earliest first.
#[derive(Debug, Clone)]
pub(crate) struct Timeline {
    pub(crate) stretches: Vec<Stretch>,
}

impl Timeline {
    /// Builds the timeline of `items` realized as `realization` over `first..=last`, with stretch
    /// boundaries also at every day of `marks`.
    pub(crate) fn build(
        items: &[Item],
        realization: &[(Date, Date)],
        first: Date,
        last: Date,
        marks: &[Date],
    ) -> Timeline {
        let mut cuts = vec![first, after(last)];
        let mut cut = |day: Date| {
            if first < day && day <= last {
                cuts.push(day);
            }
        };
        for &mark in marks {
            cut(mark);
            cut(after(mark));
        }
        for &(start, end) in realization {
            cut(start);
            cut(after(start));
            cut(end);
            cut(after(end));
        }
        cuts.sort();
        cuts.dedup();
        let starts_on = |day: Date| {
            items
                .iter()
                .zip(realization)
                .any(|(item, &(start, _))| item.bearing == Bearing::Holds && start == day)
        };
        let ends_on = |day: Date| {
            items.iter().zip(realization).any(|(item, &(_, end))| {
                item.bearing == Bearing::Holds && item.recorded_end && end == day
            })
        };
        let mut stretches = Vec::with_capacity(cuts.len());
        for window in cuts.windows(2) {
            let (day, end) = (window[0], before(window[1]));
            let single = day == end;
            let (starts, ends) = (single && starts_on(day), single && ends_on(day));
            let mut stretch = Stretch {
                first: day,
                last: end,
                forced_by: Vec::new(),
                forbidden_by: Vec::new(),
                starts,
                ends,
            };
            let listed = items.iter().zip(realization).any(|(item, &(start, end))| {
                item.bearing == Bearing::Holds && start <= day && (day <= end || item.lists_onwards)
            });
            for (item, &(start, end)) in items.iter().zip(realization) {
                if !(start <= day && day <= end) {
                    continue;
                }
                match item.bearing {
                    Bearing::Holds => stretch.forced_by.push(item.cause),
                    Bearing::Lacks => stretch.forbidden_by.push(item.cause),
                    Bearing::Complete if !listed => stretch.forbidden_by.push(item.cause),
                    Bearing::Complete => {}
                    Bearing::Excludes(other) => {
                        // Two values may hold together only on the day one's recorded term
                        // ends and the other's begins.
                        let value_ends = items.iter().zip(realization).any(|(i, &(_, e))| {
                            i.bearing == Bearing::Excludes(other) && i.recorded_end && e == day
                        });
                        let value_starts = items
                            .iter()
                            .zip(realization)
                            .any(|(i, &(s, _))| i.bearing == Bearing::Excludes(other) && s == day);
                        let handover =
                            (starts_on(day) && value_ends) || (ends_on(day) && value_starts);
                        if !handover {
                            stretch.forbidden_by.push(item.cause);
                        }
                    }
                }
            }
            stretches.push(stretch);
        }
        Timeline { stretches }
    }

    /// The stretches meeting `first..=last`.
    pub(crate) fn over(&self, first: Date, last: Date) -> impl Iterator<Item = &Stretch> {
        self.stretches
            .iter()
            .filter(move |s| s.first <= last && first <= s.last)
    }

    /// The stretch containing `day`.
    pub(crate) fn at(&self, day: Date) -> Option<&Stretch> {
        self.over(day, day).next()
    }

    /// A stretch on which the data contradicts itself, if any.
    pub(crate) fn contradiction(&self) -> Option<&Stretch> {
        self.stretches
            .iter()
            .find(|s| !s.may_hold() && !s.may_lack())
    }
}

/// What one realization says of an assertion: whether some of its worlds make it hold, whether
/// some make it fail, and the facts and records behind each.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reading {
    pub(crate) can_hold: bool,
    pub(crate) can_fail: bool,
    /// What makes it hold in every world (cited when it cannot fail).
    pub(crate) supports: Vec<Cause>,
    /// What makes it fail in every world (cited when it cannot hold).
    pub(crate) refutes: Vec<Cause>,
}

/// What all realizations say of an assertion.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    /// No world agrees with the data on the days read: these contradict each other.
    Conflicting(Vec<Cause>),
    /// Too many realizations to enumerate.
    TooImprecise,
    /// Whether some world makes it hold and some makes it fail, with the evidence of each.
    Decided(Reading),
}

impl Outcome {
    /// Combines the readings of every realization: a realization that contradicts itself has no
    /// world; the others' worlds together are all the worlds there are.
    pub(crate) fn of(readings: impl IntoIterator<Item = Result<Reading, Vec<Cause>>>) -> Outcome {
        let mut combined: Option<Reading> = None;
        let mut contradiction = Vec::new();
        for reading in readings {
            match reading {
                Err(causes) => {
                    if contradiction.is_empty() {
                        contradiction = causes;
                    }
                }
                Ok(reading) => {
                    let all = combined.get_or_insert_with(Reading::default);
                    all.can_hold |= reading.can_hold;
                    all.can_fail |= reading.can_fail;
                    merge(&mut all.supports, &reading.supports);
                    merge(&mut all.refutes, &reading.refutes);
                }
            }
        }
        match combined {
            Some(reading) => Outcome::Decided(reading),
            None => Outcome::Conflicting(contradiction),
        }
    }
}

/// Adds the causes of `more` not yet in `causes`.
pub(crate) fn merge(causes: &mut Vec<Cause>, more: &[Cause]) {
    for &cause in more {
        if !causes.contains(&cause) {
            causes.push(cause);
        }
    }
}
