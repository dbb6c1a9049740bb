//! The sweep the checks share: which items meet which query spans, in one pass.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use jiff::civil::Date;

use crate::kb::Days;

/// The items that meet one query span (share a day with it), in order of first day.
pub(super) struct Meeting<'s> {
    /// The items that began before the query and had not ended by its first day, by first day.
    begun: &'s BTreeSet<(Date, usize)>,
    /// The items that begin within the query.
    beginning: &'s [usize],
}

impl Meeting<'_> {
    /// How many items meet the query.
    pub(super) fn len(&self) -> usize {
        self.begun.len() + self.beginning.len()
    }

    /// The items, by first day.
    pub(super) fn items(&self) -> impl Iterator<Item = usize> + '_ {
        self.begun
            .iter()
            .map(|&(_, item)| item)
            .chain(self.beginning.iter().copied())
    }
}

/// Calls `each` with every query's index and the items that meet it: one sweep over items and
/// queries in order of first day, so the cost grows with their number, not with their pairs (a
/// caller that walks every meeting item pays for those it walks).
pub(super) fn for_each_meeting(
    items: &[Days],
    queries: &[Days],
    mut each: impl FnMut(usize, Meeting<'_>),
) {
    let mut by_first: Vec<usize> = (0..items.len()).collect();
    by_first.sort_by_key(|&item| (items[item].first, item));
    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by_key(|&query| (queries[query].first, query));
    let mut begun = BTreeSet::new();
    let mut ending = BinaryHeap::new();
    let mut next = 0;
    for query in order {
        let Days { first, last } = queries[query];
        while let Some(&item) = by_first.get(next)
            && items[item].first < first
        {
            begun.insert((items[item].first, item));
            ending.push(Reverse((items[item].last, item)));
            next += 1;
        }
        while let Some(&Reverse((end, item))) = ending.peek()
            && end < first
        {
            ending.pop();
            begun.remove(&(items[item].first, item));
        }
        let beginning = by_first[next..].partition_point(|&item| items[item].first <= last);
        each(
            query,
            Meeting {
                begun: &begun,
                beginning: &by_first[next..next + beginning],
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::lint::test_day as day;

    proptest! {
        #[test]
        fn meetings_are_the_spans_that_share_a_day(
            items in prop::collection::vec((0..100i64, 0..30i64), 0..20),
            queries in prop::collection::vec((0..100i64, 0..30i64), 0..20),
        ) {
            let days = |spans: &[(i64, i64)]| -> Vec<Days> {
                spans
                    .iter()
                    .map(|&(first, length)| Days { first: day(first), last: day(first + length) })
                    .collect()
            };
            let (items, queries) = (days(&items), days(&queries));
            let mut found = vec![None; queries.len()];
            for_each_meeting(&items, &queries, |query, meeting| {
                let met: Vec<usize> = meeting.items().collect();
                assert_eq!(met.len(), meeting.len());
                found[query] = Some(met.into_iter().collect::<BTreeSet<usize>>());
            });
            for (query, span) in queries.iter().enumerate() {
                let expected: BTreeSet<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| item.first <= span.last && span.first <= item.last)
                    .map(|(index, _)| index)
                    .collect();
                prop_assert_eq!(found[query].as_ref(), Some(&expected));
            }
        }
    }
}
