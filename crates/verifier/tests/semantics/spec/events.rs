//! Events in a world: recorded events on a day their date allows, others where nothing rules
//! them out, and the rules of negative facts and completeness records.

// Days are indexes into parallel per-day literal vectors; an index loop reads as the definition.
#![allow(clippy::needless_range_loop)]

use std::collections::BTreeMap;

use verifier::kb::FactTime;

use super::{Cnf, Spec};

impl Spec<'_> {
    // ---- events ----------------------------------------------------------------------------

    /// The literals "an event of the pair with these qualifiers happens on day d", with every
    /// rule of the pair's facts and records on the days read. Recorded events happen on a day their
    /// date allows, with their recorded qualifiers (the others free among the values the data
    /// names and one more); `extra` other events may happen anywhere the data does not rule out.
    pub(super) fn events(
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
                let recorded = fact.qualifiers().get(key).map(|&v| kb.entity(v).id.clone());
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
                .qualifiers()
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

    pub(super) fn wanted(
        &self,
        qualifiers: &[claims_parser::Qualifier],
    ) -> BTreeMap<String, String> {
        qualifiers
            .iter()
            .map(|q| (q.key.clone(), q.value.clone()))
            .collect()
    }
}
