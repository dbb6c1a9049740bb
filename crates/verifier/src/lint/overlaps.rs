//! Values of a single-valued relation that hold at once.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use jiff::civil::Date;

use crate::kb::{EntityId, Fact, FactId, KnowledgeBase, Relation};
use crate::model::SingleValued;

use super::{Finding, Level, NAMED_STRETCHES, and_list, at_fact, fact_list, span_text};

/// The days on which a fact of a single-valued relation certainly holds, and its value: the side
/// that may hold one value at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Held {
    /// The first day.
    first: Date,
    /// The last day (jiff's maximum date when it holds still).
    last: Date,
    /// The value.
    value: Option<EntityId>,
}

/// Values of a single-valued relation that certainly hold on more than one common day. Two facts
/// of different values overlap when the later begins before the earlier's last day (a same-day
/// handover is allowed); one finding reports each run, a maximal set of facts linked by overlaps,
/// with the days on which two of them hold at once.
///
/// Facts are grouped by relation and fixed side through the knowledge base's indexes, and each
/// group is swept in order of first day: the cost grows with the facts, not with their pairs.
pub(super) fn single_valued_overlaps(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let groups = kb
        .by_object
        .groups()
        .map(|(&(relation, _), facts)| (relation, SingleValued::PerObject, facts))
        .chain(
            kb.by_subject
                .groups()
                .map(|(&(relation, _), facts)| (relation, SingleValued::PerSubject, facts)),
        );
    for (relation_id, side, ids) in groups {
        let relation = kb.relation(relation_id);
        if relation.single_valued != Some(side) {
            continue;
        }
        let (facts, held): (Vec<FactId>, Vec<Held>) = ids
            .iter()
            .filter_map(|&id| {
                let fact = kb.fact(id);
                let days = fact.days().0.filter(|_| !fact.negative)?;
                // A fact that certainly holds on one day at most shares two days with none.
                (days.first < days.last).then_some((
                    id,
                    Held {
                        first: days.first,
                        last: days.last,
                        value: match side {
                            SingleValued::PerObject => Some(fact.subject),
                            SingleValued::PerSubject => fact.object,
                        },
                    },
                ))
            })
            .unzip();
        for run in overlapping_runs(&held) {
            findings.push(overlap_finding(kb, relation, &facts, &held, run));
        }
    }
}

/// The runs of `held`, as indices: the sets of two or more linked by overlaps of different values.
///
/// One sweep in order of first day, with a union-find of the runs. When a fact begins, the facts
/// that still hold on its first day and the next (the active ones) overlap it if their value
/// differs. Any two active facts of different values overlap each other, so when the active facts
/// have two or more values they are all in one run, and a fact that overlaps one of them joins it.
pub(super) fn overlapping_runs(held: &[Held]) -> Vec<Vec<usize>> {
    fn root(parent: &mut [usize], mut at: usize) -> usize {
        while parent[at] != at {
            parent[at] = parent[parent[at]];
            at = parent[at];
        }
        at
    }
    let mut order: Vec<usize> = (0..held.len()).collect();
    order.sort_by_key(|&index| (held[index].first, index));
    let mut parent: Vec<usize> = (0..held.len()).collect();
    // The active facts: by last day, to retire them; how many of each value; how many of each
    // run (by its root).
    let mut ending: BinaryHeap<Reverse<(Date, usize)>> = BinaryHeap::new();
    let mut values: HashMap<Option<EntityId>, usize> = HashMap::new();
    let mut runs: HashMap<usize, usize> = HashMap::new();
    for index in order {
        let Held { first, last, value } = held[index];
        while let Some(&Reverse((end, ended))) = ending.peek()
            && end <= first
        {
            ending.pop();
            let retired = held[ended].value;
            decrement(&mut values, retired);
            let run = root(&mut parent, ended);
            decrement(&mut runs, run);
        }
        if values.keys().any(|&other| other != value) {
            let active: usize = runs.values().sum();
            for (run, _) in runs.drain() {
                parent[run] = index;
            }
            runs.insert(index, active + 1);
        } else {
            runs.insert(index, 1);
        }
        *values.entry(value).or_default() += 1;
        ending.push(Reverse((last, index)));
    }
    let mut grouped: HashMap<usize, Vec<usize>> = HashMap::new();
    for index in 0..held.len() {
        grouped
            .entry(root(&mut parent, index))
            .or_default()
            .push(index);
    }
    grouped
        .into_values()
        .filter(|members| members.len() > 1)
        .collect()
}

/// Counts one fewer of `key`, forgetting it at none.
pub(super) fn decrement<K: std::hash::Hash + Eq>(counts: &mut HashMap<K, usize>, key: K) {
    if let Some(count) = counts.get_mut(&key) {
        *count -= 1;
        if *count == 0 {
            counts.remove(&key);
        }
    }
}

/// The days on which two of `held` of different values both hold, as (first day, last day)
/// stretches in order: a sweep over the days they begin and end, counting the values held.
///
/// A fact is counted from its first day up to, not including, its last: two facts share two days
/// exactly when these ranges meet, and what they share is reported to the earlier last day.
pub(super) fn overlap_stretches<'h>(held: impl Iterator<Item = &'h Held>) -> Vec<(Date, Date)> {
    let mut changes: Vec<(Date, bool, Option<EntityId>)> = held
        .flat_map(|h| [(h.first, true, h.value), (h.last, false, h.value)])
        .collect();
    changes.sort_unstable_by_key(|&(day, ..)| day);
    let mut values: HashMap<Option<EntityId>, usize> = HashMap::new();
    let mut stretches = Vec::new();
    let mut open = None;
    for on_one_day in changes.chunk_by(|a, b| a.0 == b.0) {
        let day = on_one_day[0].0;
        for &(_, begins, value) in on_one_day {
            if begins {
                *values.entry(value).or_default() += 1;
            } else {
                decrement(&mut values, value);
            }
        }
        match (open, values.len() > 1) {
            (None, true) => open = Some(day),
            (Some(from), false) => {
                stretches.push((from, day));
                open = None;
            }
            _ => {}
        }
    }
    stretches
}

/// The finding on one run of overlapping facts (`run` indexes `facts` and `held`), at the fact
/// that began second: for two facts, the later.
pub(super) fn overlap_finding(
    kb: &KnowledgeBase,
    relation: &Relation,
    facts: &[FactId],
    held: &[Held],
    run: Vec<usize>,
) -> Finding {
    let stretches = overlap_stretches(run.iter().map(|&index| &held[index]));
    // In order of the first day each may hold; facts that may begin on the same day, in the
    // knowledge base's order.
    let mut ids: Vec<FactId> = run.into_iter().map(|index| facts[index]).collect();
    ids.sort_by_key(|&id| (kb.fact(id).days().1.first, id));
    let run: Vec<&Fact> = ids.into_iter().map(|id| kb.fact(id)).collect();
    let day = |date: Date| {
        if date == Date::MAX {
            "now".to_owned()
        } else {
            date.to_string()
        }
    };
    let mut named: Vec<String> = stretches
        .iter()
        .take(NAMED_STRETCHES)
        .map(|&(first, last)| format!("from {first} to {}", day(last)))
        .collect();
    if stretches.len() > named.len() {
        named.push(format!(
            "in {} more stretches",
            stretches.len() - named.len()
        ));
    }
    let when = and_list(named);
    let (earlier, later) = (run[0], run[1]);
    let (message, help) = if run.len() == 2 {
        (
            format!(
                "'{}' is single-valued, but '{}' ({}) overlaps '{}' ({}) {when}",
                relation.id,
                kb.fact_id(later),
                span_text(later),
                kb.fact_id(earlier),
                span_text(earlier),
            ),
            "end the earlier fact when the later begins (a same-day handover is allowed)",
        )
    } else {
        (
            format!(
                "'{}' is single-valued, but {} facts overlap {when}: {}",
                relation.id,
                run.len(),
                fact_list(kb, run.iter().copied(), run.len(), false),
            ),
            "end each fact when the next begins (a same-day handover is allowed)",
        )
    };
    Finding {
        level: Level::Error,
        file: kb.file_name(later.file).to_owned(),
        location: at_fact(kb, later),
        line: None,
        message,
        help: Some(help.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::lint::test_day as day;

    /// Facts of up to four values (one of them none), each holding for 1 to 40 days or still.
    fn held() -> impl Strategy<Value = Vec<Held>> {
        prop::collection::vec((0..4u32, 0..120i64, prop::option::of(1..40i64)), 0..24).prop_map(
            |facts| {
                facts
                    .into_iter()
                    .map(|(value, first, length)| Held {
                        first: day(first),
                        last: length.map_or(Date::MAX, |length| day(first + length)),
                        value: (value > 0).then_some(EntityId(value)),
                    })
                    .collect()
            },
        )
    }

    /// What the check reported before it was rebuilt: every pair of different values whose
    /// certain days share more than one day, and the days they share (to the earlier last day).
    fn overlapping_pairs(held: &[Held]) -> Vec<(usize, usize, Date, Date)> {
        let mut pairs = Vec::new();
        for (i, a) in held.iter().enumerate() {
            for (j, b) in held.iter().enumerate().skip(i + 1) {
                let (first, last) = (a.first.max(b.first), a.last.min(b.last));
                if a.value != b.value && first < last {
                    pairs.push((i, j, first, last));
                }
            }
        }
        pairs
    }

    proptest! {
        #[test]
        fn runs_are_the_connected_overlapping_pairs(held in held()) {
            let pairs = overlapping_pairs(&held);
            // The runs, by repeatedly merging the sets the pairs link.
            let mut runs: Vec<BTreeSet<usize>> = Vec::new();
            for &(i, j, ..) in &pairs {
                let (linked, mut rest): (Vec<_>, Vec<_>) =
                    runs.into_iter().partition(|run| run.contains(&i) || run.contains(&j));
                let mut merged: BTreeSet<usize> = linked.into_iter().flatten().collect();
                merged.extend([i, j]);
                rest.push(merged);
                runs = rest;
            }
            let expected: BTreeSet<BTreeSet<usize>> = runs.into_iter().collect();
            let found: BTreeSet<BTreeSet<usize>> = overlapping_runs(&held)
                .into_iter()
                .map(|run| run.into_iter().collect())
                .collect();
            prop_assert_eq!(&found, &expected);
            for run in &found {
                // The shared days of the run's pairs, merged where they meet or touch.
                let mut shared: Vec<(Date, Date)> = pairs
                    .iter()
                    .filter(|(i, ..)| run.contains(i))
                    .map(|&(_, _, first, last)| (first, last))
                    .collect();
                shared.sort();
                let mut merged: Vec<(Date, Date)> = Vec::new();
                for (first, last) in shared {
                    match merged.last_mut() {
                        Some(previous) if first <= previous.1 => previous.1 = previous.1.max(last),
                        _ => merged.push((first, last)),
                    }
                }
                prop_assert_eq!(overlap_stretches(run.iter().map(|&i| &held[i])), merged);
            }
        }

    }
}
