//! The executable specification of the verdicts: the definition of the README's "Verdict rules",
//! written to be read, by brute force over a short window of days.
//!
//! A *world* is a full history over the days of [`Universe`]: for every pair read, on which days
//! the state holds (`h`); which events happen on which days with which qualifier; for every fact
//! and record, the day its imprecise start and end fall on; and, for a count, the day it speaks
//! of. The data rules worlds out; each rule of the definition is one function below that writes it
//! as clauses, restricted to the days the assertion reads. A SAT solver then answers the three
//! questions the verdict needs: does some world agree with the data (else `conflicting`), does some
//! world make the assertion hold (else `false`), does some make it fail (else `true`)?
//!
//! Nothing here shares code with the judge: it reads the loaded data, and encodes what it says.

// Days are indexes into parallel per-day literal vectors; an index loop reads as the definition.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;

use claims_parser::{
    Assertion, Bound, Comparison, Ordinal, PartialDate, Quantity, RelationKind, Side, TimeSpec,
    Unit,
};
use jiff::ToSpan;
use jiff::civil::Date;
use verifier::kb::{Fact, FactTime, SpanEnd};
use verifier::model::SingleValued;
use verifier::{KnowledgeBase, Verdict};

/// The days worlds are made of. Every date of the data lies well inside, so that the days at
/// either end are free in every world, as the days beyond are for the judge.
pub struct Universe {
    pub first: Date,
    pub last: Date,
}

impl Universe {
    fn days(&self) -> usize {
        self.last.since(self.first).unwrap().get_days() as usize + 1
    }

    fn index(&self, day: Date) -> Option<usize> {
        (self.first <= day && day <= self.last)
            .then(|| day.since(self.first).unwrap().get_days() as usize)
    }

    fn day(&self, index: usize) -> Date {
        self.first.checked_add((index as i64).days()).unwrap()
    }

    /// The indexes of the days of `first..=last` within the universe.
    fn range(&self, first: Date, last: Date) -> Vec<usize> {
        let first = first.max(self.first);
        let last = last.min(self.last);
        if first > last {
            return Vec::new();
        }
        (self.index(first).unwrap()..=self.index(last).unwrap()).collect()
    }
}

/// Clauses over numbered variables (DIMACS literals).
struct Cnf {
    variables: i32,
    clauses: Vec<Vec<i32>>,
    truth: i32,
}

impl Default for Cnf {
    fn default() -> Self {
        Cnf {
            variables: 1,
            clauses: vec![vec![1]],
            truth: 1,
        }
    }
}

impl Cnf {
    fn var(&mut self) -> i32 {
        self.variables += 1;
        self.variables
    }

    fn clause(&mut self, literals: &[i32]) {
        self.clauses.push(literals.to_vec());
    }

    fn constant(&mut self, value: bool) -> i32 {
        if value { self.truth } else { -self.truth }
    }

    /// A variable equal to the disjunction of `literals`.
    fn or(&mut self, literals: &[i32]) -> i32 {
        match literals {
            [] => return self.constant(false),
            [one] => return *one,
            _ => {}
        }
        let v = self.var();
        let mut long = vec![-v];
        long.extend_from_slice(literals);
        self.clause(&long);
        for &literal in literals {
            self.clause(&[v, -literal]);
        }
        v
    }

    /// A variable equal to the conjunction of `literals`.
    fn and(&mut self, literals: &[i32]) -> i32 {
        let negated: Vec<i32> = literals.iter().map(|l| -l).collect();
        -self.or(&negated)
    }

    /// Exactly one of `literals` is true (at most one by a ladder of "some earlier one is").
    fn one_of(&mut self, literals: &[i32]) {
        self.clause(literals);
        let mut earlier: Option<i32> = None;
        for &literal in literals {
            if let Some(earlier) = earlier {
                self.clause(&[-literal, -earlier]);
            }
            let next = self.var();
            self.clause(&[-literal, next]);
            if let Some(earlier) = earlier {
                self.clause(&[-earlier, next]);
            }
            earlier = Some(next);
        }
    }

    fn satisfiable(&self, extra: &[i32]) -> bool {
        let mut clauses = self.clauses.clone();
        for &literal in extra {
            clauses.push(vec![literal]);
        }
        match splr::Certificate::try_from(clauses) {
            Ok(splr::Certificate::SAT(_)) => true,
            Ok(splr::Certificate::UNSAT) => false,
            Err(splr::SolverError::EmptyClause | splr::SolverError::RootLevelConflict(_)) => false,
            Err(error) => panic!("solver: {error:?}"),
        }
    }
}

/// The realized days of one fact or record: a start and an end picked from its dates.
struct Realized {
    /// `starts[d]`: it starts on day d.
    starts: Vec<i32>,
    /// `started[d]`: it started on or before day d.
    started: Vec<i32>,
    /// `ended_after[d]`: its end falls on or after day d.
    ending: Vec<i32>,
    /// `ends[d]`: its end falls on day d (all false without a recorded or known end).
    ends: Vec<i32>,
}

/// What the data says of one state pair, as literals per day.
struct StatePair {
    h: Vec<i32>,
    /// A recorded term starts on the day (a positive fact's start).
    recorded_start: Vec<i32>,
    /// A recorded term ends on the day (a positive fact's `to`).
    recorded_end: Vec<i32>,
}

/// Writes the definition for one knowledge base, judgment date and assertion.
pub struct Spec<'a> {
    pub kb: &'a KnowledgeBase,
    pub universe: &'a Universe,
    pub as_of: Date,
    cnf: Cnf,
    read: Vec<bool>,
}

/// Where an assertion's facts are stored: an inverse relation's with the sides swapped.
fn stored(
    kb: &KnowledgeBase,
    relation: &str,
    subject: &str,
    object: &str,
) -> (String, String, String) {
    let id = kb.relation_id(relation).unwrap();
    match kb.relation(id).inverse {
        Some(mirrored) => (
            kb.relation(mirrored).id.clone(),
            object.to_owned(),
            subject.to_owned(),
        ),
        None => (relation.to_owned(), subject.to_owned(), object.to_owned()),
    }
}

impl<'a> Spec<'a> {
    pub fn new(kb: &'a KnowledgeBase, universe: &'a Universe, as_of: Date) -> Self {
        Spec {
            kb,
            universe,
            as_of,
            cnf: Cnf::default(),
            read: vec![false; universe.days()],
        }
    }

    /// The verdict the definition gives `assertion`.
    pub fn verdict(mut self, assertion: &Assertion) -> Verdict {
        let holds = self.assertion(assertion);
        if !self.cnf.satisfiable(&[]) {
            Verdict::Conflicting
        } else if !self.cnf.satisfiable(&[holds]) {
            Verdict::False
        } else if !self.cnf.satisfiable(&[-holds]) {
            Verdict::True
        } else {
            Verdict::Unverifiable
        }
    }

    fn ids(&self, relation: &str, subject: &str, object: &str) -> (String, String, String) {
        stored(self.kb, relation, subject, object)
    }

    /// Marks the days of `first..=last` as read: the data's rules apply there.
    fn reads(&mut self, first: Date, last: Date) {
        for index in self.universe.range(first, last) {
            self.read[index] = true;
        }
    }

    fn facts_of(&self, relation: &str, subject: &str, object: &str) -> Vec<&'a Fact> {
        let kb = self.kb;
        kb.facts()
            .iter()
            .filter(|fact| {
                kb.relation(fact.relation).id == relation
                    && kb.entity(fact.subject).id == subject
                    && fact.object.map(|o| kb.entity(o).id.as_str()) == Some(object)
            })
            .collect()
    }

    // ---- realizations ----------------------------------------------------------------------

    fn pick(&mut self, dates: (Date, Date)) -> Vec<i32> {
        let n = self.universe.days();
        let mut literals = Vec::with_capacity(n);
        let mut choices = Vec::new();
        for index in 0..n {
            let day = self.universe.day(index);
            if dates.0 <= day && day <= dates.1 {
                let v = self.cnf.var();
                choices.push(v);
                literals.push(v);
            } else {
                literals.push(self.cnf.constant(false));
            }
        }
        assert!(!choices.is_empty(), "a date outside the universe");
        self.cnf.one_of(&choices);
        literals
    }

    /// A start picked within `from` and an end within `to` (or none), the end not before the start.
    fn realize(&mut self, from: PartialDate, to: Option<PartialDate>) -> Realized {
        let n = self.universe.days();
        let starts = self.pick((from.first_day(), from.last_day()));
        let mut started = Vec::with_capacity(n);
        for index in 0..n {
            let mut parts = vec![starts[index]];
            if index > 0 {
                parts.push(started[index - 1]);
            }
            started.push(self.cnf.or(&parts));
        }
        let (ends, ending) = match to {
            Some(to) => {
                let ends = self.pick((to.first_day(), to.last_day()));
                let mut ending = vec![0; n];
                for index in (0..n).rev() {
                    let mut parts = vec![ends[index]];
                    if index + 1 < n {
                        parts.push(ending[index + 1]);
                    }
                    ending[index] = self.cnf.or(&parts);
                }
                for index in 0..n {
                    // The end is not before the start.
                    self.cnf.clause(&[-starts[index], ending[index]]);
                }
                (ends, ending)
            }
            None => {
                let never = self.cnf.constant(false);
                let always = self.cnf.constant(true);
                (vec![never; n], vec![always; n])
            }
        };
        Realized {
            starts,
            started,
            ending,
            ends,
        }
    }

    /// The days a fact covers in a world: a positive fact's state holds on them, a negative fact's
    /// does not. An open fact is presumed to hold up to the judgment date (or its first day, if
    /// later); a fact known to hold until a day holds up to it.
    fn covers(&mut self, fact: &Fact) -> (Vec<i32>, Realized) {
        let n = self.universe.days();
        let (from, end) = match fact.time {
            FactTime::Span { from, end } => (from, end),
            FactTime::On(on) => (on, SpanEnd::To(on)),
            FactTime::Always => unreachable!("timeless relations are not generated"),
        };
        let to = match end {
            SpanEnd::To(to) | SpanEnd::KnownUntil(to) => Some(to),
            SpanEnd::Open => None,
        };
        let realized = self.realize(from, to);
        let mut covers = Vec::with_capacity(n);
        for index in 0..n {
            let covered = match end {
                SpanEnd::Open => {
                    let not_late = self.cnf.constant(self.universe.day(index) <= self.as_of);
                    let upto = self.cnf.or(&[not_late, realized.starts[index]]);
                    self.cnf.and(&[realized.started[index], upto])
                }
                _ => self
                    .cnf
                    .and(&[realized.started[index], realized.ending[index]]),
            };
            covers.push(covered);
        }
        (covers, realized)
    }

    fn record_span(&mut self, index: usize) -> Vec<i32> {
        let record = &self.kb.completeness_records()[index];
        let realized = self.realize(record.from, Some(record.to));
        (0..self.universe.days())
            .map(|d| self.cnf.and(&[realized.started[d], realized.ending[d]]))
            .collect()
    }

    /// The completeness records of `relation` whose fixed sides agree with the pair (`None`: a
    /// value the data does not name, which only a record of the other side alone covers).
    fn records(&self, relation: &str, subject: Option<&str>, object: Option<&str>) -> Vec<usize> {
        let kb = self.kb;
        kb.completeness_records()
            .iter()
            .enumerate()
            .filter(|(_, record)| {
                let side = |fixed: Option<verifier::kb::EntityId>, ours: Option<&str>| match fixed {
                    None => true,
                    Some(fixed) => Some(kb.entity(fixed).id.as_str()) == ours,
                };
                kb.relation(record.relation).id == relation
                    && side(record.subject, subject)
                    && side(record.object, object)
            })
            .map(|(index, _)| index)
            .collect()
    }

    // ---- states ----------------------------------------------------------------------------

    /// The state pair with every rule of its own facts and records, on the days read.
    fn state_pair(
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
    fn state(&mut self, relation: &str, subject: &str, object: &str) -> StatePair {
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
    fn held(&mut self, pair: &StatePair, index: Option<usize>) -> i32 {
        match index {
            Some(d) => pair.h[d],
            None => self.cnf.var(),
        }
    }

    fn begins(&mut self, pair: &StatePair, d: usize) -> i32 {
        let previous = if d == 0 { None } else { Some(d - 1) };
        let before = self.held(pair, previous);
        let fresh = self.cnf.or(&[-before, pair.recorded_start[d]]);
        self.cnf.and(&[pair.h[d], fresh])
    }

    fn ends(&mut self, pair: &StatePair, d: usize, at_judgment: bool) -> i32 {
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
    fn runs(&mut self, pair: &StatePair, from: Date, to: Date) -> Vec<i32> {
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

    fn state_assertion(
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

    fn duration(
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

    // ---- events ----------------------------------------------------------------------------

    /// The literals "an event of the pair with these qualifiers happens on day d", with every
    /// rule of the pair's facts and records on the days read. Recorded events happen on a day their
    /// date allows, with their recorded qualifiers (the others free among the values the data
    /// names and one more); `extra` other events may happen anywhere the data does not rule out.
    fn events(
        &mut self,
        relation: &str,
        subject: Option<&str>,
        object: Option<&str>,
        wanted: &BTreeMap<String, String>,
        extra: usize,
    ) -> Vec<Vec<i32>> {
        let n = self.universe.days();
        let kb = self.kb;
        let relation_id = kb.relation_id(relation).unwrap();
        let keys: Vec<(String, Vec<String>)> = kb
            .relation(relation_id)
            .qualifiers
            .iter()
            .map(|(key, kind)| {
                let mut values: Vec<String> = kb
                    .entities()
                    .iter()
                    .filter(|e| &e.kind == kind)
                    .map(|e| e.id.clone())
                    .collect();
                values.push("(another)".to_owned());
                (key.clone(), values)
            })
            .collect();
        // Every event: its day literals and its qualifier literals (key -> value -> literal).
        struct Event {
            days: Vec<i32>,
            qualifiers: BTreeMap<String, BTreeMap<String, i32>>,
        }
        let mut events = Vec::new();
        let facts = match (subject, object) {
            (Some(s), Some(o)) => self.facts_of(relation, s, o),
            _ => Vec::new(),
        };
        let mut negatives = Vec::new();
        for fact in &facts {
            if fact.negative {
                negatives.push(*fact);
                continue;
            }
            let FactTime::On(on) = fact.time else {
                unreachable!()
            };
            let days = self.pick((on.first_day(), on.last_day()));
            let mut qualifiers = BTreeMap::new();
            for (key, values) in &keys {
                let recorded = fact.qualifiers.get(key).map(|&v| kb.entity(v).id.clone());
                let literals: BTreeMap<String, i32> = match recorded {
                    Some(value) => values
                        .iter()
                        .map(|v| (v.clone(), self.cnf.constant(*v == value)))
                        .collect(),
                    None => {
                        let literals: BTreeMap<String, i32> =
                            values.iter().map(|v| (v.clone(), self.cnf.var())).collect();
                        let all: Vec<i32> = literals.values().copied().collect();
                        self.cnf.one_of(&all);
                        literals
                    }
                };
                qualifiers.insert(key.clone(), literals);
            }
            events.push((Event { days, qualifiers }, true));
        }
        for _ in 0..extra {
            let active = self.cnf.var();
            let chosen: Vec<i32> = (0..n).map(|_| self.cnf.var()).collect();
            let mut choice = chosen.clone();
            choice.push(-active);
            self.cnf.one_of(&choice);
            let mut qualifiers = BTreeMap::new();
            for (key, values) in &keys {
                let literals: BTreeMap<String, i32> =
                    values.iter().map(|v| (v.clone(), self.cnf.var())).collect();
                let all: Vec<i32> = literals.values().copied().collect();
                self.cnf.one_of(&all);
                qualifiers.insert(key.clone(), literals);
            }
            events.push((
                Event {
                    days: chosen,
                    qualifiers,
                },
                false,
            ));
        }
        let matches = |cnf: &mut Cnf, event: &Event, wanted: &BTreeMap<String, String>| -> i32 {
            let parts: Vec<i32> = wanted
                .iter()
                .map(|(key, value)| event.qualifiers[key][value])
                .collect();
            cnf.and(&parts)
        };
        // A negative fact: no event with its qualifiers on its days.
        for negative in negatives {
            let (covers, _) = self.covers(negative);
            let limited: BTreeMap<String, String> = negative
                .qualifiers
                .iter()
                .map(|(k, &v)| (k.clone(), kb.entity(v).id.clone()))
                .collect();
            for (event, _) in &events {
                let kind = matches(&mut self.cnf, event, &limited);
                for d in 0..n {
                    if self.read[d] {
                        self.cnf.clause(&[-covers[d], -event.days[d], -kind]);
                    }
                }
            }
        }
        // A completeness record: no event it does not list (no other event) in its span.
        for index in self.records(relation, subject, object) {
            let span = self.record_span(index);
            for (event, recorded) in &events {
                if !recorded {
                    for d in 0..n {
                        if self.read[d] {
                            self.cnf.clause(&[-span[d], -event.days[d]]);
                        }
                    }
                }
            }
        }
        events
            .iter()
            .map(|(event, _)| {
                let kind = matches(&mut self.cnf, event, wanted);
                (0..n)
                    .map(|d| self.cnf.and(&[event.days[d], kind]))
                    .collect()
            })
            .collect()
    }

    fn wanted(&self, qualifiers: &[claims_parser::Qualifier]) -> BTreeMap<String, String> {
        qualifiers
            .iter()
            .map(|q| (q.key.clone(), q.value.clone()))
            .collect()
    }

    // ---- the assertion ---------------------------------------------------------------------

    fn assertion(&mut self, assertion: &Assertion) -> i32 {
        let j = self.as_of;
        let earliest = jiff::civil::date(1, 1, 1);
        match assertion {
            Assertion::Relation(a) => {
                let kind = self
                    .kb
                    .relation(self.kb.relation_id(&a.relation).unwrap())
                    .kind;
                if kind == RelationKind::State {
                    return self.state_assertion(
                        a.negated,
                        &a.relation,
                        &a.subject,
                        &a.object,
                        a.time,
                    );
                }
                let (relation, subject, object) = self.ids(&a.relation, &a.subject, &a.object);
                let (first, last) = match a.time {
                    TimeSpec::Judgment => (j, j),
                    TimeSpec::Ever => (earliest, j),
                    TimeSpec::At(date) => (date.first_day(), date.last_day()),
                    TimeSpec::Since(date) => (date.first_day(), j),
                    TimeSpec::Span(from, to) => (from.first_day(), to.last_day()),
                    TimeSpec::NoLonger => unreachable!(),
                };
                self.reads(first, last);
                let wanted = self.wanted(&a.qualifiers);
                let events = self.events(&relation, Some(&subject), Some(&object), &wanted, 2);
                let mut happens = Vec::new();
                for d in self.universe.range(first, last) {
                    happens.extend(events.iter().map(|e| e[d]));
                }
                let holds = self.cnf.or(&happens);
                if a.negated { -holds } else { holds }
            }
            Assertion::Ordinal(a) => {
                let (relation, subject, object) = self.ids(&a.relation, &a.subject, &a.object);
                let (first, last) = match a.bound {
                    Some(Bound::Before(date)) => (earliest, date.first_day().yesterday().unwrap()),
                    Some(Bound::After(date)) => (date.last_day().tomorrow().unwrap(), j),
                    None => (earliest, j.yesterday().unwrap()),
                };
                self.reads(first, last);
                let wanted = self.wanted(&a.qualifiers);
                let events = self.events(&relation, Some(&subject), Some(&object), &wanted, 2);
                let window = self.universe.range(first, last);
                let on: Vec<i32> = window
                    .iter()
                    .map(|&d| {
                        let all: Vec<i32> = events.iter().map(|e| e[d]).collect();
                        self.cnf.or(&all)
                    })
                    .collect();
                let mut witnesses = Vec::new();
                for (position, &d) in window.iter().enumerate() {
                    let day = self.universe.day(d);
                    if day < a.when.first_day() || day > a.when.last_day() {
                        continue;
                    }
                    // An event in the claimed time, and none beyond it in the window.
                    let beyond: Vec<i32> = match a.ordinal {
                        Ordinal::Last => on[position + 1..].to_vec(),
                        Ordinal::First => on[..position].to_vec(),
                    };
                    let any_beyond = self.cnf.or(&beyond);
                    witnesses.push(self.cnf.and(&[on[position], -any_beyond]));
                }
                self.cnf.or(&witnesses)
            }
            Assertion::Count(a) => {
                let relation_id = self.kb.relation_id(&a.relation).unwrap();
                let kind = self.kb.relation(relation_id).kind;
                let (first, last) = match (kind, a.at) {
                    (_, Some(date)) => (date.first_day(), date.last_day()),
                    (RelationKind::Event, None) => (earliest, j),
                    _ => (j, j),
                };
                self.reads(first, last);
                let (accept_low, accept_high) = accepted(&a.quantity);
                let kb = self.kb;
                let relation = a.relation.clone();
                let mut values: Vec<String> = kb
                    .facts()
                    .iter()
                    .filter(|f| kb.relation(f.relation).id == relation)
                    .filter_map(|f| {
                        let (fixed, value) = match a.counted {
                            Side::Subject => (
                                kb.entity(f.object?).id.clone(),
                                kb.entity(f.subject).id.clone(),
                            ),
                            Side::Object => (
                                kb.entity(f.subject).id.clone(),
                                kb.entity(f.object?).id.clone(),
                            ),
                        };
                        (fixed == a.fixed).then_some(value)
                    })
                    .collect();
                values.sort();
                values.dedup();
                let side = |value: Option<&str>| match a.counted {
                    Side::Subject => (value.map(str::to_owned), Some(a.fixed.clone())),
                    Side::Object => (Some(a.fixed.clone()), value.map(str::to_owned)),
                };
                if kind == RelationKind::Event {
                    // Every recorded event, and up to seven more of values the data may not name.
                    let mut events = Vec::new();
                    for value in &values {
                        let (s, o) = side(Some(value));
                        events.extend(self.events(
                            &relation,
                            s.as_deref(),
                            o.as_deref(),
                            &BTreeMap::new(),
                            0,
                        ));
                    }
                    let (s, o) = side(None);
                    events.extend(self.events(
                        &relation,
                        s.as_deref(),
                        o.as_deref(),
                        &BTreeMap::new(),
                        7,
                    ));
                    let mut within = Vec::new();
                    for event in events {
                        let days: Vec<i32> = self
                            .universe
                            .range(first, last)
                            .into_iter()
                            .map(|d| event[d])
                            .collect();
                        within.push(self.cnf.or(&days));
                    }
                    self.count_within(&within, accept_low, accept_high)
                } else {
                    // The values that hold on the day the assertion speaks of, picked within its
                    // date, and up to seven values the data does not name.
                    let mut pairs = Vec::new();
                    for value in &values {
                        let (s, o) = side(Some(value));
                        pairs.push(self.state_pair(&relation, s.as_deref(), o.as_deref()));
                    }
                    for _ in 0..7 {
                        let (s, o) = side(None);
                        pairs.push(self.state_pair(&relation, s.as_deref(), o.as_deref()));
                    }
                    let days = self.universe.range(first, last);
                    let choices: Vec<i32> = days.iter().map(|_| self.cnf.var()).collect();
                    self.cnf.one_of(&choices);
                    let mut agreeing = Vec::new();
                    for (&d, &chosen) in days.iter().zip(&choices) {
                        let holding: Vec<i32> = pairs.iter().map(|p| p.h[d]).collect();
                        let agrees = self.count_within(&holding, accept_low, accept_high);
                        agreeing.push(self.cnf.and(&[chosen, agrees]));
                    }
                    self.cnf.or(&agreeing)
                }
            }
            Assertion::Duration(a) => {
                self.duration(&a.relation, &a.subject, &a.object, &a.quantity)
            }
            Assertion::Measure(_) => unreachable!("measures are not generated"),
        }
    }

    /// "The number of true literals among `items` is within `low..=high`."
    fn count_within(&mut self, items: &[i32], low: u64, high: Option<u64>) -> i32 {
        // at_least[k]: at least k of the items seen so far are true (sequential counter).
        let n = items.len();
        let mut at_least: Vec<i32> = vec![self.cnf.constant(true)];
        at_least.extend((0..n).map(|_| self.cnf.constant(false)));
        for &item in items {
            let mut next = vec![at_least[0]];
            for k in 1..=n {
                let carried = self.cnf.and(&[at_least[k - 1], item]);
                next.push(self.cnf.or(&[at_least[k], carried]));
            }
            at_least = next;
        }
        let enough = if low as usize > n {
            self.cnf.constant(false)
        } else {
            at_least[low as usize]
        };
        let not_too_many = match high {
            Some(high) if (high as usize) < n => -at_least[high as usize + 1],
            _ => self.cnf.constant(true),
        };
        self.cnf.and(&[enough, not_too_many])
    }
}

/// The whole numbers a stated count accepts, as an inclusive range (`None`: no upper bound).
fn accepted(quantity: &Quantity) -> (u64, Option<u64>) {
    let said = quantity.amount;
    let ok = |n: u64| quantity.comparison.accepts(said, n as f64);
    let low = (0..200).find(|&n| ok(n)).unwrap_or(200);
    if low == 200 {
        return (1, Some(0));
    }
    let high = (low..200).take_while(|&n| ok(n)).last().unwrap();
    (low, (high < 199).then_some(high))
}
