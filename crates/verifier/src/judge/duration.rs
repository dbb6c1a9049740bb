//! Durations: `X controlled Y for about 30 years`.
//!
//! A duration holds in a world when some term of the state, up to the judgment date (a term still
//! holding then is measured up to it), lasted as stated: its length is the number of days from its
//! first day to its last, in units of 365.2425 days a year, 30.436875 a month, 7 a week. An exact
//! number counts completed units (`208 weeks` is 208 or more, under 209).
//!
//! The days an imprecise date is tried on are those where the order of the dates read changes,
//! as for every form, and those where a term from or to a date read would cross the accepted
//! lengths ([`threshold_days`]): a length, unlike an order, changes from one day to the next.

use claims_parser::{Comparison, DurationAssertion, RelationKind, Unit};
use jiff::civil::Date;

use super::evidence::Sentence;
use super::worlds::{EARLIEST, Item, Reading, Stretch, Timeline, after, before, merge};
use super::{Judge, JudgeError};
use crate::verdict::Judgment;

/// Days in one unit.
fn unit_days(unit: &Unit) -> f64 {
    match unit {
        Unit::Year => 365.2425,
        Unit::Month => 30.436875,
        Unit::Week => 7.0,
        Unit::Day | Unit::Other(_) => 1.0,
    }
}

/// The lengths in days that a stated duration accepts, as an inclusive range.
pub(crate) fn accepted_days(comparison: Comparison, amount: f64, unit: &Unit) -> (i64, i64) {
    let per = unit_days(unit);
    let days = amount * per;
    let ceil = |x: f64| x.ceil() as i64;
    let floor = |x: f64| x.floor() as i64;
    match comparison {
        Comparison::Exactly => (ceil(days), ceil((amount + 1.0) * per) - 1),
        Comparison::About => {
            let margin = days.abs() * claims_parser::ABOUT_TOLERANCE;
            (ceil(days - margin), floor(days + margin))
        }
        Comparison::MoreThan => (floor(days) + 1, i64::MAX),
        Comparison::AtLeast => (ceil(days), i64::MAX),
        Comparison::LessThan => (0, ceil(days) - 1),
        Comparison::AtMost => (0, floor(days)),
    }
}

/// The days at the accepted lengths' edges from each of `anchors` (the dates read and the
/// judgment date), before and after: where a term that begins or ends on an anchor starts or stops
/// lasting as stated.
fn threshold_days(anchors: &[Date], (shortest, longest): (i64, i64)) -> Vec<Date> {
    let mut lengths = vec![shortest];
    if let Some(past_longest) = longest.checked_add(1) {
        lengths.push(past_longest);
    }
    let mut days = Vec::new();
    for &anchor in anchors {
        for &length in &lengths {
            for signed in [length, -length] {
                let span = jiff::Span::new().try_days(signed);
                if let Some(day) = span.ok().and_then(|span| anchor.checked_add(span).ok()) {
                    days.push(day);
                }
            }
        }
    }
    days
}

fn days_between(first: Date, last: Date) -> i64 {
    last.since(first)
        .map_or(i64::MAX, |span| i64::from(span.get_days()))
}

impl Judge<'_> {
    pub(crate) fn duration(&self, assertion: &DurationAssertion) -> Result<Judgment, JudgeError> {
        let pair = self.pair(&assertion.relation, &assertion.subject, &assertion.object)?;
        if self.kb.relation(pair.relation).kind != RelationKind::State {
            return Err(JudgeError::Unsupported(format!(
                "'{}' is not a state relation",
                assertion.relation
            )));
        }
        let unit = assertion.quantity.unit.clone().unwrap_or(Unit::Year);
        if !unit.is_duration() {
            return Err(JudgeError::Unsupported(format!(
                "a duration is in years, months, weeks or days, not '{}'",
                unit.name()
            )));
        }
        let range = accepted_days(
            assertion.quantity.comparison,
            assertion.quantity.amount,
            &unit,
        );
        let as_of = self.as_of;
        let mut anchors = vec![as_of];
        for (cause, _) in self.state_reads(pair, EARLIEST, as_of) {
            Item::marks(self.kb, cause, &mut anchors);
        }
        let marks = threshold_days(&anchors, range);
        let outcome = self.read_state(pair, EARLIEST, as_of, &marks, |timeline| {
            duration_reading(timeline, range, as_of)
        });
        let texts = |which| {
            let text = self.pair_text(pair);
            let quantity = super::count::said_text(&assertion.quantity);
            match which {
                Sentence::Holds => format!("a term of {text} up to {as_of} lasted {quantity}"),
                Sentence::Fails => {
                    format!("no term of {text} up to {as_of} can have lasted {quantity}")
                }
                Sentence::Open => {
                    format!("the data does not settle whether a term of {text} lasted {quantity}")
                }
                Sentence::Settle => format!("the first and last days of the terms of {text}"),
            }
        };
        Ok(self.conclude(outcome, texts, as_of, Vec::new()))
    }
}

/// Ranges of days, as inclusive (first, last) pairs.
type Ranges = Vec<(Date, Date)>;

/// Days a term may begin on and days it may end on within one run of days that may hold.
fn boundaries(run: &[&Stretch], today: Date) -> (Ranges, Ranges) {
    let (first, last) = (run[0].first, run[run.len() - 1].last);
    let mut begins: Ranges = vec![(first, first)];
    let mut ends: Ranges = vec![(last, last)];
    for stretch in run {
        if stretch.may_lack() {
            begins.push((after(stretch.first), after(stretch.last).min(last)));
            ends.push((before(stretch.first).max(first), before(stretch.last)));
        }
        if stretch.starts {
            begins.push((stretch.first, stretch.first));
        }
        if stretch.ends || (stretch.first <= today && today <= stretch.last) {
            let day = if stretch.ends { stretch.first } else { today };
            ends.push((day, day));
        }
    }
    (begins, ends)
}

/// Some term of an accepted length.
fn duration_reading(timeline: &Timeline, (shortest, longest): (i64, i64), today: Date) -> Reading {
    let mut can_hold = false;
    let mut forced = false;
    let mut supports = Vec::new();
    let mut refutes = Vec::new();
    for stretch in &timeline.stretches {
        merge(&mut refutes, &stretch.causes().collect::<Vec<_>>());
    }
    // Runs of days that may hold: a term lies within one.
    let mut runs: Vec<Vec<&Stretch>> = Vec::new();
    for stretch in &timeline.stretches {
        if !stretch.may_hold() {
            runs.push(Vec::new());
        } else if let Some(run) = runs.last_mut() {
            run.push(stretch);
        } else {
            runs.push(vec![stretch]);
        }
    }
    for run in runs.iter().filter(|run| !run.is_empty()) {
        let (begins, ends) = boundaries(run, today);
        for &(b1, b2) in &begins {
            for &(e1, e2) in &ends {
                if b1 > b2 || e1 > e2 || e2 < b1 {
                    continue;
                }
                let least = if e1 <= b2 { 0 } else { days_between(b2, e1) };
                let most = days_between(b1, e2);
                if least <= longest && shortest <= most {
                    can_hold = true;
                }
            }
        }
    }
    // A term present in every world: within a run of days that certainly hold, from a day after
    // a day that cannot hold (or a recorded start) to a day before one (or a recorded end, or the
    // judgment day).
    let stretches = &timeline.stretches;
    let mut index = 0;
    while index < stretches.len() {
        if stretches[index].may_lack() {
            index += 1;
            continue;
        }
        let start = index;
        while index < stretches.len() && !stretches[index].may_lack() {
            index += 1;
        }
        let run = &stretches[start..index];
        let opens = start > 0 && !stretches[start - 1].may_hold();
        let closes = index < stretches.len() && !stretches[index].may_hold();
        let mut begins: Vec<Date> = run.iter().filter(|s| s.starts).map(|s| s.first).collect();
        if opens {
            begins.push(run[0].first);
        }
        let mut ends: Vec<Date> = run.iter().filter(|s| s.ends).map(|s| s.first).collect();
        let last = run[run.len() - 1].last;
        if closes || last == today {
            ends.push(last);
        }
        for &b in &begins {
            for &e in &ends {
                let length = days_between(b, e);
                if b <= e && shortest <= length && length <= longest && !forced {
                    forced = true;
                    for stretch in run {
                        merge(&mut supports, &stretch.forced_by);
                    }
                    if opens {
                        merge(&mut supports, &stretches[start - 1].forbidden_by);
                    }
                    if closes {
                        merge(&mut supports, &stretches[index].forbidden_by);
                    }
                }
            }
        }
    }
    Reading {
        can_hold: can_hold || forced,
        can_fail: !forced,
        supports,
        refutes,
    }
}
