//! States in a world: the rules of a pair's facts and records, and of a single-valued side, and
//! what each state form says.

// Days are indexes into parallel per-day literal vectors; an index loop reads as the definition.
#![allow(clippy::needless_range_loop)]

use claims_parser::{Comparison, Quantity, TimeSpec, Unit};
use jiff::civil::Date;
use verifier::kb::{FactTime, SpanEnd};
use verifier::model::SingleValued;

use super::{Spec, StatePair};

impl Spec<'_> {
    // ---- states ----------------------------------------------------------------------------

    /// The state pair with every rule of its own facts and records, on the days read.
    pub(super) fn state_pair(
        &mut self,
        relation: &str,
        subject: Option<&str>,
        object: Option<&str>,
    ) -> StatePair {
        let n = self.universe.days();
        let h: Vec<i32> = (0..n).map(|_| self.cnf.var()).collect();
        let mut recorded_start = vec![Vec::new(); n];
        let mut recorded_end = vec![Vec::new(); n];
        let mut listed = vec![Vec::new(); n];
        let facts = match (subject, object) {
            (Some(s), Some(o)) => self.facts_of(relation, s, o),
            _ => Vec::new(),
        };
        for fact in facts {
            let (covers, realized) = self.covers(fact);
            for d in 0..n {
                if !self.read[d] {
                    continue;
                }
                if fact.negative {
                    // A negative fact: the state does not hold on its days.
                    self.cnf.clause(&[-covers[d], -h[d]]);
                } else {
                    // A positive fact: the state holds on every day it covers.
                    self.cnf.clause(&[-covers[d], h[d]]);
                }
            }
            if !fact.negative {
                let onwards = !matches!(
                    fact.time,
                    FactTime::Span {
                        end: SpanEnd::To(_),
                        ..
                    }
                );
                for d in 0..n {
                    recorded_start[d].push(realized.starts[d]);
                    if !onwards {
                        recorded_end[d].push(realized.ends[d]);
                    }
                    // A completeness record lets the state hold only where a fact lists it: over
                    // the fact's days, or from its start on, for a fact without a recorded end.
                    listed[d].push(if onwards {
                        realized.started[d]
                    } else {
                        covers[d]
                    });
                }
            }
        }
        for index in self.records(relation, subject, object) {
            let span = self.record_span(index);
            for d in 0..n {
                if self.read[d] {
                    let mut clause = vec![-span[d], -h[d]];
                    clause.extend(&listed[d]);
                    self.cnf.clause(&clause);
                }
            }
        }
        let recorded_start = recorded_start.iter().map(|l| self.cnf.or(l)).collect();
        let recorded_end = recorded_end.iter().map(|l| self.cnf.or(l)).collect();
        StatePair {
            h,
            recorded_start,
            recorded_end,
        }
    }

    /// The pair an assertion is about, with the other values of a single-valued side: on a day,
    /// two values hold together only when one's recorded term ends and the other's begins.
    pub(super) fn state(&mut self, relation: &str, subject: &str, object: &str) -> StatePair {
        let ours = self.state_pair(relation, Some(subject), Some(object));
        let id = self.kb.relation_id(relation).unwrap();
        let Some(single) = self.kb.relation(id).single_valued else {
            return ours;
        };
        let kb = self.kb;
        let mut others: Vec<String> = kb
            .facts()
            .iter()
            .filter(|f| kb.relation(f.relation).id == relation && !f.negative)
            .filter_map(|f| {
                let (value, fixed) = match single {
                    SingleValued::PerObject => (kb.entity(f.subject).id.clone(), f.object),
                    SingleValued::PerSubject => (kb.entity(f.object?).id.clone(), Some(f.subject)),
                };
                let fixed_id = kb.entity(fixed?).id.clone();
                let (our_fixed, our_value) = match single {
                    SingleValued::PerObject => (object, subject),
                    SingleValued::PerSubject => (subject, object),
                };
                (fixed_id == our_fixed && value != our_value).then_some(value)
            })
            .collect();
        others.sort();
        others.dedup();
        for value in others {
            // Only the other value's positive facts are read: they make it hold.
            let (s, o) = match single {
                SingleValued::PerObject => (value.as_str(), object),
                SingleValued::PerSubject => (subject, value.as_str()),
            };
            let n = self.universe.days();
            let mut holds = vec![Vec::new(); n];
            let mut starts = vec![Vec::new(); n];
            let mut ends = vec![Vec::new(); n];
            for fact in self.facts_of(relation, s, o) {
                if fact.negative {
                    continue;
                }
                let recorded = matches!(
                    fact.time,
                    FactTime::Span {
                        end: SpanEnd::To(_),
                        ..
                    }
                );
                let (covers, realized) = self.covers(fact);
                for d in 0..n {
                    holds[d].push(covers[d]);
                    starts[d].push(realized.starts[d]);
                    if recorded {
                        ends[d].push(realized.ends[d]);
                    }
                }
            }
            for d in 0..n {
                if !self.read[d] {
                    continue;
                }
                let theirs = self.cnf.or(&holds[d]);
                let they_end = self.cnf.or(&ends[d]);
                let they_start = self.cnf.or(&starts[d]);
                let handover_in = self.cnf.and(&[ours.recorded_start[d], they_end]);
                let handover_out = self.cnf.and(&[ours.recorded_end[d], they_start]);
                self.cnf
                    .clause(&[-ours.h[d], -theirs, handover_in, handover_out]);
            }
        }
        ours
    }

    /// `h` on a day, with a free day just outside the universe.
    pub(super) fn held(&mut self, pair: &StatePair, index: Option<usize>) -> i32 {
        match index {
            Some(d) => pair.h[d],
            None => self.cnf.var(),
        }
    }

    pub(super) fn begins(&mut self, pair: &StatePair, d: usize) -> i32 {
        let previous = if d == 0 { None } else { Some(d - 1) };
        let before = self.held(pair, previous);
        let fresh = self.cnf.or(&[-before, pair.recorded_start[d]]);
        self.cnf.and(&[pair.h[d], fresh])
    }

    pub(super) fn ends(&mut self, pair: &StatePair, d: usize, at_judgment: bool) -> i32 {
        let next = (d + 1 < self.universe.days()).then_some(d + 1);
        let after = self.held(pair, next);
        let mut reasons = vec![-after, pair.recorded_end[d]];
        if at_judgment && self.universe.day(d) == self.as_of {
            reasons.push(self.cnf.constant(true));
        }
        let done = self.cnf.or(&reasons);
        self.cnf.and(&[pair.h[d], done])
    }

    /// `run[d]`: a term that began within `from..=to` has held on every day up to d.
    pub(super) fn runs(&mut self, pair: &StatePair, from: Date, to: Date) -> Vec<i32> {
        let n = self.universe.days();
        let mut run: Vec<i32> = Vec::with_capacity(n);
        for d in 0..n {
            let day = self.universe.day(d);
            let mut ways = Vec::new();
            if from <= day && day <= to {
                ways.push(self.begins(pair, d));
            }
            if d > 0 {
                ways.push(run[d - 1]);
            }
            let begun = self.cnf.or(&ways);
            run.push(self.cnf.and(&[pair.h[d], begun]));
        }
        run
    }

    pub(super) fn state_assertion(
        &mut self,
        negated: bool,
        relation: &str,
        subject: &str,
        object: &str,
        time: TimeSpec,
    ) -> i32 {
        let (relation, subject, object) = self.ids(relation, subject, object);
        let earliest = jiff::civil::date(1, 1, 1);
        let j = self.as_of;
        let yesterday = j.yesterday().unwrap();
        let some_day = |spec: &mut Self, pair: &StatePair, first: Date, last: Date| {
            let days: Vec<i32> = spec
                .universe
                .range(first, last)
                .into_iter()
                .map(|d| pair.h[d])
                .collect();
            spec.cnf.or(&days)
        };
        let (first, last) = match (negated, time) {
            (_, TimeSpec::Judgment) => (j, j),
            (_, TimeSpec::At(date)) => (date.first_day(), date.last_day()),
            (_, TimeSpec::Ever | TimeSpec::NoLonger) => (earliest, j),
            (false, TimeSpec::Since(date)) => (date.first_day().yesterday().unwrap(), j),
            (true, TimeSpec::Since(date)) => (date.first_day(), j.max(date.last_day())),
            (false, TimeSpec::Span(from, to)) => (
                from.first_day().yesterday().unwrap(),
                to.last_day().tomorrow().unwrap(),
            ),
            (true, TimeSpec::Span(from, to)) => (from.first_day(), to.last_day()),
        };
        self.reads(first, last);
        let pair = self.state(&relation, &subject, &object);
        let holds = match time {
            TimeSpec::Judgment | TimeSpec::At(_) | TimeSpec::Ever => {
                some_day(self, &pair, first, last)
            }
            TimeSpec::NoLonger => {
                let before = some_day(self, &pair, earliest, yesterday);
                let today = pair.h[self.universe.index(j).unwrap()];
                self.cnf.and(&[before, -today])
            }
            TimeSpec::Since(date) if negated => {
                some_day(self, &pair, date.first_day(), j.max(date.last_day()))
            }
            TimeSpec::Since(date) => {
                if date.first_day() > j {
                    self.cnf.constant(false)
                } else {
                    let run = self.runs(&pair, date.first_day(), date.last_day());
                    run[self.universe.index(j).unwrap()]
                }
            }
            TimeSpec::Span(from, to) if negated => {
                some_day(self, &pair, from.first_day(), to.last_day())
            }
            TimeSpec::Span(from, to) => {
                let run = self.runs(&pair, from.first_day(), from.last_day());
                let mut terms = Vec::new();
                for e in self.universe.range(to.first_day(), to.last_day()) {
                    let ends = self.ends(&pair, e, false);
                    terms.push(self.cnf.and(&[run[e], ends]));
                }
                self.cnf.or(&terms)
            }
        };
        if negated { -holds } else { holds }
    }

    pub(super) fn duration(
        &mut self,
        relation: &str,
        subject: &str,
        object: &str,
        quantity: &Quantity,
    ) -> i32 {
        let (relation, subject, object) = self.ids(relation, subject, object);
        let j = self.as_of;
        self.reads(jiff::civil::date(1, 1, 1), j);
        let pair = self.state(&relation, &subject, &object);
        let per = match quantity.unit.clone().unwrap_or(Unit::Year) {
            Unit::Year => 365.2425,
            Unit::Month => 30.436875,
            Unit::Week => 7.0,
            _ => 1.0,
        };
        let said = quantity.amount;
        // Whether a term of `days` days (first day to last) lasted as stated; an exact number
        // counts completed units.
        let lasted = |days: f64| -> bool {
            let units = days / per;
            match quantity.comparison {
                Comparison::Exactly => units.floor() == said,
                Comparison::About => {
                    (units - said).abs() <= said.abs() * claims_parser::ABOUT_TOLERANCE
                }
                Comparison::MoreThan => units > said,
                Comparison::AtLeast => units >= said,
                Comparison::LessThan => units < said,
                Comparison::AtMost => units <= said,
            }
        };
        let last = self.universe.index(j).unwrap();
        let longest = (0..=last).rev().find(|&days| lasted(days as f64));
        let mut terms = Vec::new();
        for b in 0..=last {
            let mut held = self.begins(&pair, b);
            for e in b..=last.min(b + longest.unwrap_or(0)) {
                if e > b {
                    held = self.cnf.and(&[held, pair.h[e]]);
                }
                if longest.is_some() && lasted((e - b) as f64) {
                    let ends = self.ends(&pair, e, true);
                    terms.push(self.cnf.and(&[held, ends]));
                }
            }
        }
        self.cnf.or(&terms)
    }
}
