//! Decoding the long sequences and maps of a [`KnowledgeBase`](super::KnowledgeBase) with room
//! for their whole length made at once. serde's own decoders reserve at most about 1 MiB up front,
//! against lengths an input could lie about; a cache entry's million facts then grow a vector and
//! rehash a map a dozen times over. Here the stated length is reserved if it can be: an entry
//! whose length is damaged reserves address space it never touches (or nothing, if the system
//! refuses), then fails to decode and is not used.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hash};
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A vector, its stated length reserved.
pub(crate) fn vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Items<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
        type Value = Vec<T>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Vec<T>, A::Error> {
            let mut decoded = Vec::new();
            let _ = decoded.try_reserve_exact(items.size_hint().unwrap_or(0));
            while let Some(item) = items.next_element()? {
                decoded.push(item);
            }
            Ok(decoded)
        }
    }

    deserializer.deserialize_seq(Items(PhantomData))
}

/// A hash map, its stated length reserved.
pub(crate) fn map<'de, D, K, V, S>(deserializer: D) -> Result<HashMap<K, V, S>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de> + Hash + Eq,
    V: Deserialize<'de>,
    S: BuildHasher + Default,
{
    struct Entries<K, V, S>(PhantomData<(K, V, S)>);

    impl<'de, K, V, S> Visitor<'de> for Entries<K, V, S>
    where
        K: Deserialize<'de> + Hash + Eq,
        V: Deserialize<'de>,
        S: BuildHasher + Default,
    {
        type Value = HashMap<K, V, S>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
            let mut decoded = HashMap::with_hasher(S::default());
            let _ = decoded.try_reserve(entries.size_hint().unwrap_or(0));
            while let Some((key, value)) = entries.next_entry()? {
                decoded.insert(key, value);
            }
            Ok(decoded)
        }
    }

    deserializer.deserialize_map(Entries(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Long {
        #[serde(deserialize_with = "vec")]
        items: Vec<u64>,
        #[serde(deserialize_with = "map")]
        entries: HashMap<u32, String, foldhash::fast::FixedState>,
    }

    #[test]
    fn what_was_encoded_decodes() {
        let long = Long {
            items: (0..5000).collect(),
            entries: (0..3000).map(|key| (key, key.to_string())).collect(),
        };
        let bytes = postcard::to_stdvec(&long).unwrap();
        assert_eq!(postcard::from_bytes::<Long>(&bytes).unwrap(), long);
    }

    #[test]
    fn a_length_no_input_could_hold_fails_to_decode() {
        for length in [1u64 << 40, 1 << 62, u64::MAX] {
            let bytes = postcard::to_stdvec(&length).unwrap();
            assert!(postcard::from_bytes::<Long>(&bytes).is_err());
            let mut bytes = postcard::to_stdvec(&0u64).unwrap();
            bytes.extend(postcard::to_stdvec(&length).unwrap());
            assert!(postcard::from_bytes::<Long>(&bytes).is_err());
        }
    }
}
