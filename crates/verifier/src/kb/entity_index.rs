//! Entities by id: the position of each, hashed by its id, which stays in the entity. A map keyed
//! by ids held a second copy of every one, and a lookup read that copy and then, for the
//! entity's other fields, the entity too.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::{Entity, EntityId};

/// The positions of entities in the base's list, found by id. Not stored in the cache: it is
/// built again from the entities read back.
#[derive(Debug, Clone, Default)]
pub(crate) struct EntityIndex {
    table: HashTable<EntityId>,
    hasher: foldhash::fast::RandomState,
}

impl EntityIndex {
    /// The index of `entities`.
    pub(crate) fn of(entities: &[Entity]) -> EntityIndex {
        let mut index = EntityIndex {
            table: HashTable::with_capacity(entities.len()),
            ..EntityIndex::default()
        };
        for at in 0..entities.len() {
            index.insert(entities, EntityId(at as u32));
        }
        index
    }

    /// The entity of `entities` with this id.
    pub(crate) fn get(&self, entities: &[Entity], id: &str) -> Option<EntityId> {
        self.table
            .find(self.hasher.hash_one(id), |at| {
                entities[at.0 as usize].id == id
            })
            .copied()
    }

    /// Indexes the entity at `at` in `entities`, unless one with its id is indexed already (the
    /// first of two with one id is found).
    pub(crate) fn insert(&mut self, entities: &[Entity], at: EntityId) {
        let id = &entities[at.0 as usize].id;
        if self.get(entities, id).is_some() {
            return;
        }
        let hasher = &self.hasher;
        self.table.insert_unique(hasher.hash_one(id), at, |at| {
            hasher.hash_one(&entities[at.0 as usize].id)
        });
    }
}
