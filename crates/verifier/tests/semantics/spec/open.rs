//! Open sides: any value, or any that satisfies a restriction on the day that matters.
//!
//! The values are those the data names on the open side (with the named side) or in the
//! restriction's facts (with its other side), and, where the data does not rule them out, values
//! it does not name: each of those satisfies the restriction on a day unless a completeness record
//! of the restriction's other side alone covers it.

use std::collections::BTreeMap;

use claims_parser::{Restriction, Side};

use super::{Spec, stored};

fn flip(side: Side) -> Side {
    match side {
        Side::Subject => Side::Object,
        Side::Object => Side::Subject,
    }
}

impl Spec<'_> {
    /// `relation` and the open side as the facts are stored (an inverse's sides swapped).
    fn stored_side(&self, relation: &str, open: Side) -> (String, Side) {
        let kb = self.kb;
        let id = kb.relation_id(relation).unwrap();
        match kb.relation(id).inverse {
            Some(mirrored) => (kb.relation(mirrored).id.clone(), flip(open)),
            None => (relation.to_owned(), open),
        }
    }

    /// The values the facts of `relation` name on the side `open`, with `fixed` on the other.
    pub(super) fn named_values(&self, relation: &str, open: Side, fixed: &str) -> Vec<String> {
        let kb = self.kb;
        let (relation, open) = self.stored_side(relation, open);
        let mut values: Vec<String> = kb
            .facts()
            .iter()
            .filter(|f| kb.relation(f.relation).id == relation)
            .filter_map(|f| {
                let (value, other) = match open {
                    Side::Subject => (
                        kb.entity(f.subject).id.clone(),
                        kb.entity(f.object?).id.clone(),
                    ),
                    Side::Object => (
                        kb.entity(f.object?).id.clone(),
                        kb.entity(f.subject).id.clone(),
                    ),
                };
                (other == fixed).then_some(value)
            })
            .collect();
        values.sort();
        values.dedup();
        values
    }

    /// The values a count or an ordinal with an open side reads.
    pub(super) fn open_values(
        &self,
        relation: &str,
        open: Side,
        fixed: &str,
        restriction: Option<&Restriction>,
    ) -> Vec<String> {
        let mut values = self.named_values(relation, open, fixed);
        if let Some(r) = restriction {
            values.extend(self.named_values(&r.relation, r.side, &r.other));
        }
        values.sort();
        values.dedup();
        values
    }

    /// Per day: `value` (`None`: one the data does not name) satisfies the restriction.
    pub(super) fn satisfies(
        &mut self,
        restriction: Option<&Restriction>,
        value: Option<&str>,
    ) -> Vec<i32> {
        let n = self.universe.days();
        let Some(r) = restriction else {
            return vec![self.cnf.constant(true); n];
        };
        match value {
            Some(value) => {
                let (subject, object) = match r.side {
                    Side::Subject => (value, r.other.as_str()),
                    Side::Object => (r.other.as_str(), value),
                };
                let (relation, subject, object) = stored(self.kb, &r.relation, subject, object);
                self.state(&relation, &subject, &object).h
            }
            None => {
                let (relation, side) = self.stored_side(&r.relation, r.side);
                let (subject, object) = match side {
                    Side::Subject => (None, Some(r.other.as_str())),
                    Side::Object => (Some(r.other.as_str()), None),
                };
                self.state_pair(&relation, subject, object).h
            }
        }
    }

    /// Per event of the named side `fixed` with any value on the side `open`: on which days it
    /// happens to a value that satisfies the restriction on that day. Recorded events, two more per
    /// value, and two to values the data does not name.
    pub(super) fn qualifying_events(
        &mut self,
        relation: &str,
        open: Side,
        fixed: &str,
        restriction: Option<&Restriction>,
    ) -> Vec<Vec<i32>> {
        let n = self.universe.days();
        let values = self.open_values(relation, open, fixed, restriction);
        let (relation, open) = self.stored_side(relation, open);
        let none = BTreeMap::new();
        let mut qualifying = Vec::new();
        let mut add = |spec: &mut Self, value: Option<&str>, extra: usize| {
            let (subject, object) = match open {
                Side::Subject => (value, Some(fixed)),
                Side::Object => (Some(fixed), value),
            };
            let satisfied = spec.satisfies(restriction, value);
            let events = spec.events(&relation, subject, object, &none, extra);
            for event in events {
                let days: Vec<i32> = (0..n)
                    .map(|d| spec.cnf.and(&[event[d], satisfied[d]]))
                    .collect();
                qualifying.push(days);
            }
        };
        for value in &values {
            add(self, Some(value), 2);
        }
        // Two values the data does not name, each with its own restriction.
        for _ in 0..2 {
            add(self, None, 1);
        }
        qualifying
    }
}
