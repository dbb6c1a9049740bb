//! [`Postings`]: values grouped by key, each group one run of a single array; and a
//! [`Refinement`] of them: each group's values again, ordered by a second key, so that the values
//! of a key and a second key are found by the same lookup and a binary search in the group.

use std::hash::Hash;
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Values grouped by key: every group is one contiguous run of one array, found by one hash
/// lookup. Built once, from every (key, value) pair; a group keeps its values in the order they
/// were given. No group has an allocation of its own, so a million groups cost a million small
/// map entries, not a million vectors.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(bound(
    serialize = "K: serde::Serialize + Hash + Eq, V: serde::Serialize",
    deserialize = "K: serde::Deserialize<'de> + Hash + Eq, V: serde::Deserialize<'de>"
))]
pub(crate) struct Postings<K, V> {
    /// Each key's run in `values`: its start and length.
    #[serde(deserialize_with = "super::reserved::map")]
    runs: FxHashMap<K, (u32, u32)>,
    #[serde(deserialize_with = "super::reserved::vec")]
    values: Vec<V>,
}

impl<K, V> Default for Postings<K, V> {
    fn default() -> Self {
        Postings {
            runs: FxHashMap::default(),
            values: Vec::new(),
        }
    }
}

impl<K: Hash + Eq + Ord + Copy + Send, V: Copy + Send> Postings<K, V> {
    /// Groups `pairs` by key. Values of one key keep their order.
    pub(crate) fn from_pairs(mut pairs: Vec<(K, V)>) -> Self {
        pairs.par_sort_by_key(|&(key, _)| key);
        let groups = || pairs.chunk_by(|a, b| a.0 == b.0);
        let mut runs = FxHashMap::with_capacity_and_hasher(groups().count(), Default::default());
        let mut at = 0;
        for group in groups() {
            let length = group.len() as u32;
            runs.insert(group[0].0, (at, length));
            at += length;
        }
        let values = pairs.iter().map(|&(_, value)| value).collect();
        Postings { runs, values }
    }
}

impl<K: Hash + Eq, V> Postings<K, V> {
    /// The values of `key`, in the order they were given; none if it has none.
    pub(crate) fn get(&self, key: &K) -> &[V] {
        &self.values[self.run(key)]
    }

    /// Where the values of `key` are in the array of every value.
    fn run(&self, key: &K) -> Range<usize> {
        self.runs.get(key).map_or(0..0, |&(start, length)| {
            start as usize..start as usize + length as usize
        })
    }

    /// The values of `key` whose second key is `second`, in the order they were given.
    pub(crate) fn refined<'a>(
        &self,
        refinement: &'a Refinement<V>,
        key: &K,
        second: u32,
    ) -> &'a [V] {
        let run = self.run(key);
        let seconds = &refinement.seconds[run.clone()];
        let first = seconds.partition_point(|&other| other < second);
        let past = first + seconds[first..].partition_point(|&other| other == second);
        &refinement.values[run][first..past]
    }

    /// Every key and second key with their values, in no particular order.
    pub(crate) fn refined_groups<'a>(
        &'a self,
        refinement: &'a Refinement<V>,
    ) -> impl Iterator<Item = (&'a K, u32, &'a [V])> {
        self.runs.iter().flat_map(|(key, &(start, length))| {
            let run = start as usize..start as usize + length as usize;
            let (seconds, values) = (&refinement.seconds[run.clone()], &refinement.values[run]);
            seconds.chunk_by(|a, b| a == b).scan(0, move |at, group| {
                let values = &values[*at..*at + group.len()];
                *at += group.len();
                Some((key, group[0], values))
            })
        })
    }

    /// Every key with its values, in no particular order.
    pub(crate) fn groups(&self) -> impl Iterator<Item = (&K, &[V])> {
        self.runs.iter().map(|(key, &(start, length))| {
            (key, &self.values[start as usize..(start + length) as usize])
        })
    }
}

/// The values of a [`Postings`] again, each group's ordered by a second key (a `u32`) and then as
/// given, with the second key of each beside it: a group is at the same place as in the postings,
/// so the postings' lookup of a key finds it here too.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(bound(
    serialize = "V: serde::Serialize",
    deserialize = "V: serde::Deserialize<'de>"
))]
pub(crate) struct Refinement<V> {
    #[serde(deserialize_with = "super::reserved::vec")]
    seconds: Vec<u32>,
    #[serde(deserialize_with = "super::reserved::vec")]
    values: Vec<V>,
}

impl<V> Default for Refinement<V> {
    fn default() -> Self {
        Refinement {
            seconds: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<V: Copy + Send + Sync> Refinement<V> {
    /// The values of `postings`, each group's ordered by `second`.
    pub(crate) fn of<K>(postings: &Postings<K, V>, second: impl Fn(V) -> u32 + Sync) -> Self {
        let mut ordered: Vec<(u32, V)> = postings
            .values
            .iter()
            .map(|&value| (second(value), value))
            .collect();
        let mut runs: Vec<(u32, u32)> = postings.runs.values().copied().collect();
        runs.sort_unstable();
        let mut groups = Vec::with_capacity(runs.len());
        let mut rest = &mut ordered[..];
        let mut at = 0;
        for (start, length) in runs {
            let (_, from_start) = rest.split_at_mut((start - at) as usize);
            let (group, after) = from_start.split_at_mut(length as usize);
            groups.push(group);
            rest = after;
            at = start + length;
        }
        groups
            .into_par_iter()
            .for_each(|group| group.sort_by_key(|&(second, _)| second));
        let (seconds, values) = ordered.into_iter().unzip();
        Refinement { seconds, values }
    }
}

impl<V> Refinement<V> {
    /// Whether this can refine `postings`: it has as many values.
    pub(crate) fn fits<K>(&self, postings: &Postings<K, V>) -> bool {
        self.seconds.len() == postings.values.len() && self.values.len() == postings.values.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_their_values_in_order() {
        let postings = Postings::from_pairs(vec![(2, 'a'), (1, 'b'), (2, 'c'), (3, 'd'), (2, 'e')]);
        assert_eq!(postings.get(&2), ['a', 'c', 'e']);
        assert_eq!(postings.get(&1), ['b']);
        assert_eq!(postings.get(&4), [] as [char; 0]);
        let mut groups: Vec<_> = postings
            .groups()
            .map(|(&key, values)| (key, values.len()))
            .collect();
        groups.sort();
        assert_eq!(groups, [(1, 1), (2, 3), (3, 1)]);
    }

    #[test]
    fn a_refinement_finds_a_groups_values_of_one_second_key_in_order() {
        let pairs = vec![
            (2, 25),
            (1, 13),
            (2, 14),
            (3, 31),
            (2, 22),
            (2, 21),
            (1, 10),
        ];
        let postings = Postings::from_pairs(pairs);
        let refinement = Refinement::of(&postings, |value: i32| (value % 10) as u32);
        assert!(refinement.fits(&postings));
        assert_eq!(postings.refined(&refinement, &2, 5), [25]);
        assert_eq!(postings.refined(&refinement, &2, 1), [21]);
        assert_eq!(postings.refined(&refinement, &2, 4), [14]);
        assert_eq!(postings.refined(&refinement, &1, 3), [13]);
        assert_eq!(postings.refined(&refinement, &1, 0), [10]);
        assert_eq!(postings.refined(&refinement, &2, 3), [] as [i32; 0]);
        assert_eq!(postings.refined(&refinement, &4, 1), [] as [i32; 0]);
        let mut groups: Vec<_> = postings
            .refined_groups(&refinement)
            .map(|(&key, second, values)| (key, second, values.to_vec()))
            .collect();
        groups.sort();
        let expected = [
            (1, 0, vec![10]),
            (1, 3, vec![13]),
            (2, 1, vec![21]),
            (2, 2, vec![22]),
            (2, 4, vec![14]),
            (2, 5, vec![25]),
            (3, 1, vec![31]),
        ];
        assert_eq!(groups, expected);
        let repeated = Postings::from_pairs(vec![(1, 12), (1, 31), (1, 2), (1, 20)]);
        let refinement = Refinement::of(&repeated, |value: i32| (value % 10) as u32);
        assert_eq!(repeated.refined(&refinement, &1, 2), [12, 2]);
        assert_eq!(repeated.refined(&refinement, &1, 0), [20]);
    }
}
