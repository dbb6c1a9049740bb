//! [`Postings`]: values grouped by key, each group one run of a single array.

use std::hash::Hash;

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
        self.runs.get(key).map_or(&[], |&(start, length)| {
            &self.values[start as usize..(start + length) as usize]
        })
    }

    /// Every key with its values, in no particular order.
    pub(crate) fn groups(&self) -> impl Iterator<Item = (&K, &[V])> {
        self.runs.iter().map(|(key, &(start, length))| {
            (key, &self.values[start as usize..(start + length) as usize])
        })
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
}
