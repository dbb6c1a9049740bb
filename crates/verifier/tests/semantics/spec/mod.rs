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
//! States are in `states.rs`, events in `events.rs`.

// Days are indexes into parallel per-day literal vectors; an index loop reads as the definition.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;

use claims_parser::{
    Assertion, Bound, Ordinal, PartialDate, Quantity, RelationKind, Side, Term, TimeSpec,
};
use jiff::ToSpan;
use jiff::civil::Date;
use verifier::kb::{Fact, FactTime, SpanEnd};
use verifier::{KnowledgeBase, Verdict};

mod events;
mod open;
mod states;

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
}

impl Spec<'_> {
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
                let (first, last) = match a.bound {
                    Some(Bound::Before(date)) => (earliest, date.first_day().yesterday().unwrap()),
                    Some(Bound::After(date)) => (date.last_day().tomorrow().unwrap(), j),
                    None => (earliest, j.yesterday().unwrap()),
                };
                self.reads(first, last);
                let wanted = self.wanted(&a.qualifiers);
                let events = match (&a.subject, &a.object) {
                    (Term::Entity(subject), Term::Entity(object)) => {
                        let (relation, subject, object) = self.ids(&a.relation, subject, object);
                        self.events(&relation, Some(&subject), Some(&object), &wanted, 2)
                    }
                    (Term::Any(restriction), Term::Entity(fixed)) => self.qualifying_events(
                        &a.relation,
                        Side::Subject,
                        fixed,
                        restriction.as_ref(),
                    ),
                    (Term::Entity(fixed), Term::Any(restriction)) => self.qualifying_events(
                        &a.relation,
                        Side::Object,
                        fixed,
                        restriction.as_ref(),
                    ),
                    (Term::Any(_), Term::Any(_)) => unreachable!("refused by the reader"),
                };
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
                let relation = a.relation.clone();
                let restriction = a.restriction.as_ref();
                let values = self.open_values(&relation, a.counted, &a.fixed, restriction);
                let side = |value: Option<&str>| match a.counted {
                    Side::Subject => (value.map(str::to_owned), Some(a.fixed.clone())),
                    Side::Object => (Some(a.fixed.clone()), value.map(str::to_owned)),
                };
                if kind == RelationKind::Event {
                    // Every recorded event, and up to seven more of values the data may not name.
                    // (each satisfying the restriction on its day).
                    let mut events = Vec::new();
                    for value in &values {
                        let (s, o) = side(Some(value));
                        let satisfied = self.satisfies(restriction, Some(value));
                        for event in
                            self.events(&relation, s.as_deref(), o.as_deref(), &BTreeMap::new(), 0)
                        {
                            events.push((event, satisfied.clone()));
                        }
                    }
                    let (s, o) = side(None);
                    for event in
                        self.events(&relation, s.as_deref(), o.as_deref(), &BTreeMap::new(), 7)
                    {
                        events.push((event, self.satisfies(restriction, None)));
                    }
                    let mut within = Vec::new();
                    for (event, satisfied) in events {
                        let days: Vec<i32> = self
                            .universe
                            .range(first, last)
                            .into_iter()
                            .map(|d| self.cnf.and(&[event[d], satisfied[d]]))
                            .collect();
                        within.push(self.cnf.or(&days));
                    }
                    self.count_within(&within, accept_low, accept_high)
                } else {
                    // The values that hold on the day the assertion speaks of, picked within its
                    // date, and up to seven values the data does not name.
                    // (each satisfying the restriction on the day).
                    let mut pairs = Vec::new();
                    for value in &values {
                        let (s, o) = side(Some(value));
                        let pair = self.state_pair(&relation, s.as_deref(), o.as_deref());
                        pairs.push((pair, self.satisfies(restriction, Some(value))));
                    }
                    for _ in 0..7 {
                        let (s, o) = side(None);
                        let pair = self.state_pair(&relation, s.as_deref(), o.as_deref());
                        pairs.push((pair, self.satisfies(restriction, None)));
                    }
                    let days = self.universe.range(first, last);
                    let choices: Vec<i32> = days.iter().map(|_| self.cnf.var()).collect();
                    self.cnf.one_of(&choices);
                    let mut agreeing = Vec::new();
                    for (&d, &chosen) in days.iter().zip(&choices) {
                        let holding: Vec<i32> = pairs
                            .iter()
                            .map(|(p, satisfied)| self.cnf.and(&[p.h[d], satisfied[d]]))
                            .collect();
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
            Assertion::Conjunction(parts) => {
                // Each part reads its own pairs on its own days: the days one part reads bring no
                // other part's data into play. (The parts generated, as a title makes them, read
                // different relations.)
                let n = self.universe.days();
                let mut holds = Vec::new();
                for part in parts {
                    let others = std::mem::replace(&mut self.read, vec![false; n]);
                    holds.push(self.assertion(part));
                    self.read = others;
                }
                self.cnf.and(&holds)
            }
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
