//! States (relations that hold over days): what each form says in a world,
//! and whether some world of a realization makes it hold, and some makes it fail.
//!
//! | form | holds in a world when |
//! |---|---|
//! | now | the state holds on the judgment day |
//! | `@ D` | it holds on some day of D |
//! | `NOT … @ D` | it holds on no day of D |
//! | `EVER` | it holds on some day up to the judgment day |
//! | `NOT … EVER` (never) | it holds on no day up to the judgment day |
//! | `NO LONGER` | it held on some day before the judgment day and not on it |
//! | `SINCE D` | a term began within D (on or before the judgment day) and it held on every day from then to the judgment day |
//! | `NOT … SINCE D` | it holds on no day from the start of D to the judgment day (or the end of D, if later) |
//! | `FROM D1 TO D2` | a term began within D1 and ended within D2 and it held on every day between |
//! | `NOT … FROM D1 TO D2` | it holds on no day from the start of D1 to the end of D2 |
//!
//! A term begins on a day the state holds that follows a day it does not, or on the first day of a
//! recorded fact (a recorded term may begin inside a longer run: acting, then elected); it ends
//! on a day it holds that precedes a day it does not, or on a fact's recorded `to`.

use claims_parser::{PartialDate, RelationAssertion, RelationKind, TimeSpec};
use jiff::civil::Date;

use super::evidence::Sentence;
use super::worlds::{EARLIEST, Outcome, Reading, Timeline, after, before, merge};
use super::{Judge, JudgeError, Pair};
use crate::verdict::{Judgment, Verdict};

impl Judge<'_> {
    pub(crate) fn relation(&self, assertion: &RelationAssertion) -> Result<Judgment, JudgeError> {
        let pair = self.pair(&assertion.relation, &assertion.subject, &assertion.object)?;
        let wanted = self.qualifier_values(pair.relation, &assertion.qualifiers)?;
        match self.kb.relation(pair.relation).kind {
            RelationKind::Quantity => Err(JudgeError::Unsupported(format!(
                "'{}' is a quantity relation",
                assertion.relation
            ))),
            RelationKind::Timeless => Ok(self.timeless(pair, assertion.negated)),
            RelationKind::Event => {
                if assertion.time == TimeSpec::NoLonger {
                    return Err(JudgeError::Unsupported(format!(
                        "'{}' is an event relation: an event happens, it does not stop holding",
                        assertion.relation
                    )));
                }
                Ok(self.event(pair, &wanted, assertion.negated, assertion.time))
            }
            RelationKind::State => {
                if !wanted.is_empty() {
                    return Err(JudgeError::Unsupported(format!(
                        "'{}' is a state relation: qualifiers belong to events",
                        assertion.relation
                    )));
                }
                Ok(self.state(pair, assertion.negated, assertion.time))
            }
        }
    }

    fn state(&self, pair: Pair, negated: bool, time: TimeSpec) -> Judgment {
        let text = || self.pair_text(pair);
        let as_of = self.as_of;
        let settle = || {
            format!(
                "a sourced fact of {} for that time, a negative fact, or a completeness record of '{}' covering it",
                text(),
                self.kb.relation(pair.relation).id
            )
        };
        let ever = (EARLIEST, as_of);
        match (negated, time) {
            (false, TimeSpec::NoLonger) => {
                let outcome = self.read_state(pair, EARLIEST, as_of, &[], |t| no_longer(t, as_of));
                let texts = |which| match which {
                    Sentence::Holds => format!("{} held before {as_of} and not on it", text()),
                    Sentence::Fails => {
                        format!("{} holds on {as_of}, or held on no day before it", text())
                    }
                    Sentence::Open => format!(
                        "the data does not settle whether {} held before {as_of} and ended",
                        text()
                    ),
                    Sentence::Settle => settle(),
                };
                self.conclude(outcome, texts, as_of, Vec::new())
            }
            (_, TimeSpec::NoLonger) => Judgment {
                verdict: Verdict::Unverifiable,
                reason: "NOT … NO LONGER is not a form of the language".to_owned(),
                facts: Vec::new(),
                completeness: Vec::new(),
                would_settle: None,
                warnings: Vec::new(),
            },
            (false, TimeSpec::Since(since)) => self.since(pair, since),
            (false, TimeSpec::Span(from, to)) => self.span(pair, from, to),
            (negated, time) => {
                let (first, last, when) = match time {
                    TimeSpec::Judgment => (as_of, as_of, format!("on {as_of}")),
                    TimeSpec::Ever => (ever.0, ever.1, format!("up to {as_of}")),
                    TimeSpec::At(date) => (date.first_day(), date.last_day(), at_text(date)),
                    TimeSpec::Since(date) => (
                        date.first_day(),
                        as_of.max(date.last_day()),
                        format!("from {date} to {}", as_of.max(date.last_day())),
                    ),
                    TimeSpec::Span(from, to) => (
                        from.first_day(),
                        to.last_day(),
                        format!("from {from} to {to}"),
                    ),
                    TimeSpec::NoLonger => unreachable!("handled above"),
                };
                let warnings = self.future(first, || {
                    when.trim_start_matches("on ")
                        .trim_start_matches("in ")
                        .to_owned()
                });
                // The sentences of the assertion without NOT.
                let affirmed = |which| match which {
                    Sentence::Holds if first == last => format!("{} holds {when}", text()),
                    Sentence::Fails if first == last => format!("{} does not hold {when}", text()),
                    Sentence::Holds => format!("{} holds on some day {when}", text()),
                    Sentence::Fails => format!("{} holds on no day {when}", text()),
                    Sentence::Open => {
                        format!("the data does not settle whether {} holds {when}", text())
                    }
                    Sentence::Settle => settle(),
                };
                let outcome = if negated {
                    self.read_state(pair, first, last, &[], |t| no_day(t, first, last))
                } else {
                    self.read_state(pair, first, last, &[], |t| some_day(t, first, last))
                };
                let texts = |which: Sentence| affirmed(which.affirmed(negated));
                self.conclude(outcome, texts, last, warnings)
            }
        }
    }

    fn since(&self, pair: Pair, since: PartialDate) -> Judgment {
        let as_of = self.as_of;
        let texts = |which| {
            let text = self.pair_text(pair);
            match which {
                Sentence::Holds => format!(
                    "{text} began in {since} and has held on every day since, up to {as_of}"
                ),
                Sentence::Fails => format!(
                    "no term of {text} began in {since} and held on every day up to {as_of}"
                ),
                Sentence::Open => format!(
                    "the data does not settle whether a term of {text} began in {since} and held up to {as_of}"
                ),
                Sentence::Settle => format!(
                    "the day {text} began, and a fact, negative fact or completeness record for the day before"
                ),
            }
        };
        if since.first_day() > as_of {
            // Nothing can have held since a later day; the day before it is still read, if it is
            // the judgment day, and the data may contradict itself there.
            let never = |_: &Timeline| Reading {
                can_hold: false,
                can_fail: true,
                ..Reading::default()
            };
            let first = before(since.first_day());
            let outcome = if first <= as_of {
                self.read_state(pair, first, as_of, &[], never)
            } else {
                Outcome::Decided(never(&Timeline {
                    stretches: Vec::new(),
                }))
            };
            let texts = |which| match which {
                Sentence::Fails => {
                    format!("{since} is after {as_of}: nothing has held since then yet")
                }
                other => texts(other),
            };
            return self.conclude(outcome, texts, as_of, Vec::new());
        }
        let first = before(since.first_day());
        let marks = [
            since.first_day(),
            since.last_day(),
            before(since.first_day()),
        ];
        let outcome = self.read_state(pair, first, as_of, &marks, |t| {
            since_reading(t, since.first_day(), since.last_day(), as_of)
        });
        self.conclude(outcome, texts, as_of, Vec::new())
    }

    fn span(&self, pair: Pair, from: PartialDate, to: PartialDate) -> Judgment {
        let texts = |which| {
            let text = self.pair_text(pair);
            match which {
                Sentence::Holds => format!("a term of {text} began in {from} and ended in {to}"),
                Sentence::Fails => format!("no term of {text} began in {from} and ended in {to}"),
                Sentence::Open => format!(
                    "the data does not settle whether a term of {text} began in {from} and ended in {to}"
                ),
                Sentence::Settle => format!(
                    "facts of {text} with their start and end days, and what held on the days around them"
                ),
            }
        };
        let (first, last) = (before(from.first_day()), after(to.last_day()));
        let marks = [
            from.first_day(),
            from.last_day(),
            to.first_day(),
            to.last_day(),
        ];
        let outcome = self.read_state(pair, first, last, &marks, |t| {
            span_reading(
                t,
                (from.first_day(), from.last_day()),
                (to.first_day(), to.last_day()),
            )
        });
        let warnings = self.future(from.first_day(), || from.to_string());
        self.conclude(outcome, texts, to.last_day(), warnings)
    }
}

/// "on 2024-08-18", "in 2024-08", "in 2024".
pub(crate) fn at_text(date: PartialDate) -> String {
    match date.precision() {
        claims_parser::Precision::Day => format!("on {date}"),
        _ => format!("in {date}"),
    }
}

/// It holds on some day of `first..=last`.
pub(crate) fn some_day(timeline: &Timeline, first: Date, last: Date) -> Reading {
    let mut reading = Reading {
        can_fail: true,
        ..Reading::default()
    };
    for stretch in timeline.over(first, last) {
        reading.can_hold |= stretch.may_hold();
        if !stretch.may_lack() && reading.can_fail {
            reading.can_fail = false;
            reading.supports = stretch.forced_by.clone();
        }
        merge(&mut reading.refutes, &stretch.forbidden_by);
    }
    reading
}

/// It holds on no day of `first..=last`.
pub(crate) fn no_day(timeline: &Timeline, first: Date, last: Date) -> Reading {
    let some = some_day(timeline, first, last);
    Reading {
        can_hold: some.can_fail,
        can_fail: some.can_hold,
        supports: some.refutes,
        refutes: some.supports,
    }
}

/// It held on some day before `today` and not on `today`.
fn no_longer(timeline: &Timeline, today: Date) -> Reading {
    let earlier = some_day(timeline, EARLIEST, before(today));
    let now = timeline
        .at(today)
        .expect("the window ends on the judgment day");
    let mut reading = Reading {
        can_hold: earlier.can_hold && now.may_lack(),
        can_fail: earlier.can_fail || now.may_hold(),
        ..Reading::default()
    };
    reading.supports = earlier.supports;
    merge(&mut reading.supports, &now.forbidden_by);
    if !now.may_lack() {
        reading.refutes = now.forced_by.clone();
    } else {
        reading.refutes = earlier.refutes;
    }
    reading
}

/// A term began within `d_first..=d_last`, on or before `today`, and has held on every day since,
/// up to `today`.
///
/// In a world with the state on `today`, let `c` be the last day before it without the state: the
/// term holding on `today` began on the day after `c`, or on a recorded start after `c`. So `c` is
/// the day the timeline cannot hold (`gap`, the latest such), or a free day after it, or, when
/// there is no such day, a day before the window, where nothing is read.
fn since_reading(timeline: &Timeline, d_first: Date, d_last: Date, today: Date) -> Reading {
    let mut all_causes = Vec::new();
    for stretch in &timeline.stretches {
        merge(&mut all_causes, &stretch.causes().collect::<Vec<_>>());
    }
    let now = timeline
        .at(today)
        .expect("the window ends on the judgment day");
    if !now.may_hold() {
        return Reading {
            can_hold: false,
            can_fail: true,
            supports: Vec::new(),
            refutes: now.forbidden_by.clone(),
        };
    }
    let gap = timeline
        .stretches
        .iter()
        .filter(|s| s.last < today && !s.may_hold())
        .map(|s| s.last)
        .max();
    let recorded_starts: Vec<Date> = timeline
        .stretches
        .iter()
        .filter(|s| {
            s.starts
                && d_first <= s.first
                && s.first <= d_last.min(today)
                && gap.is_none_or(|g| s.first > g)
        })
        .map(|s| s.first)
        .collect();
    // Whether `c` can fall in `from..=to`.
    let lack_in = |from: Date, to: Date| -> bool {
        let to = to.min(before(today));
        if from > to {
            return false;
        }
        if gap.is_some_and(|g| from <= g && g <= to) {
            return true;
        }
        let from = gap.map_or(from, |g| from.max(after(g)));
        from <= to && timeline.over(from, to).any(|s| s.may_lack())
    };
    let can_hold = !recorded_starts.is_empty() || lack_in(before(d_first), before(d_last));
    let latest_start = recorded_starts.iter().max().copied();
    let can_fail = now.may_lack()
        || (gap.is_none() && recorded_starts.is_empty())
        || lack_in(d_last.max(latest_start.unwrap_or(Date::MIN)), before(today));
    let mut supports = Vec::new();
    for stretch in timeline.over(gap.map_or(Date::MIN, after), today) {
        merge(&mut supports, &stretch.forced_by);
    }
    if let Some(gap_stretch) = gap.and_then(|g| timeline.at(g)) {
        merge(&mut supports, &gap_stretch.forbidden_by);
    }
    Reading {
        can_hold,
        can_fail,
        supports,
        refutes: all_causes,
    }
}

/// A term began within `from` and ended within `to`, holding on every day between.
fn span_reading(timeline: &Timeline, from: (Date, Date), to: (Date, Date)) -> Reading {
    const OUT: usize = 0;
    const IN: usize = 1;
    const BEGUN: usize = 2;
    let mut all_causes = Vec::new();
    let mut supports = Vec::new();
    for stretch in &timeline.stretches {
        merge(&mut all_causes, &stretch.causes().collect::<Vec<_>>());
        merge(&mut supports, &stretch.forced_by);
    }
    if from.0 > to.1 {
        return Reading {
            can_hold: false,
            can_fail: true,
            supports: Vec::new(),
            refutes: all_causes,
        };
    }
    // Worlds as paths through the days: outside a run, in a run that has not begun within `from`,
    // in a run that has. A path that ends such a run within `to` makes the assertion hold.
    let mut alive = [true, true, false];
    let mut held = false;
    let mut previous_in_to = false;
    for stretch in &timeline.stretches {
        let in_from = from.0 <= stretch.first && stretch.last <= from.1;
        let in_to = to.0 <= stretch.first && stretch.last <= to.1;
        let length = stretch
            .last
            .since(stretch.first)
            .map_or(3, |span| usize::try_from(span.get_days()).unwrap_or(3) + 1);
        for _ in 0..length.min(3) {
            let mut next = [false; 3];
            for state in [OUT, IN, BEGUN] {
                if !alive[state] {
                    continue;
                }
                if stretch.may_lack() {
                    if state == BEGUN && previous_in_to {
                        held = true;
                    } else {
                        next[OUT] = true;
                    }
                }
                if stretch.may_hold() {
                    let begins = state == OUT || stretch.starts;
                    let now = if begins && in_from {
                        BEGUN
                    } else if state == OUT {
                        IN
                    } else {
                        state
                    };
                    if now == BEGUN && in_to && stretch.ends {
                        held = true;
                    } else {
                        next[now] = true;
                    }
                }
            }
            alive = next;
            previous_in_to = in_to;
        }
    }
    Reading {
        can_hold: held,
        can_fail: alive.iter().any(|&a| a),
        supports,
        refutes: all_causes,
    }
}
