//! The loaded, validated and indexed reference data.

use std::collections::HashMap;

use claims_parser::{Lexicon, PartialDate};

mod entity_index;
mod file_texts;
mod postings;
pub(crate) mod reserved;
mod rows;

pub(crate) use entity_index::EntityIndex;
pub(crate) use file_texts::{FileText, FileTexts};
pub use file_texts::{SourceSpans, SourceTexts, TextSpan};
pub(crate) use postings::{Postings, Refinement};
pub(crate) use rows::Days;
pub use rows::{
    Completeness, Entity, Fact, FactExtras, FactTime, Names, Relation, Source, SourceIds, SpanEnd,
    Value,
};

/// The index of an entity in a [`KnowledgeBase`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct EntityId(pub(crate) u32);

/// The index of a relation in a [`KnowledgeBase`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct RelationId(pub(crate) u32);

/// The index of a fact in a [`KnowledgeBase`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct FactId(pub(crate) u32);

/// The index of a reference file in a [`KnowledgeBase`]: [`KnowledgeBase::file_name`] gives the
/// name it is cited under.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct FileId(pub(crate) u32);

/// The index of a source in a [`KnowledgeBase`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct SourceId(pub(crate) u32);

/// The reference data, validated and indexed: what assertions are judged against.
///
/// Build one with [`crate::load`]. Lookups by relation and subject, or relation and object, are
/// hash-indexed, and those of a pair searched within its subject's group: none scans the facts.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    /// The reference files, by [`FileId`]: the name each is cited under.
    pub(crate) files: Vec<String>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) entity_index: EntityIndex,
    pub(crate) relations: Vec<Relation>,
    pub(crate) relation_index: HashMap<String, RelationId, foldhash::fast::RandomState>,
    pub(crate) facts: Vec<Fact>,
    /// The ids of facts and completeness records and the texts of sources, one text per file.
    pub(crate) texts: FileTexts,
    pub(crate) completeness: Vec<Completeness>,
    pub(crate) sources: Vec<Source>,
    pub(crate) by_subject: Postings<(RelationId, EntityId), FactId>,
    /// The groups of `by_subject` again, each ordered by object ([`NO_ENTITY`] for none): the
    /// facts of a pair are found by the lookup of their subject and a search in its group.
    pub(crate) by_pair: Refinement<FactId>,
    pub(crate) by_object: Postings<(RelationId, EntityId), FactId>,
    /// Completeness records that fix the subject (and perhaps the object), by relation and
    /// subject, so that the records that can cover a pair are found by key, never by a scan.
    pub(crate) records_by_subject: Postings<(RelationId, EntityId), u32>,
    /// The groups of `records_by_subject` again, each ordered by the object its records fix
    /// ([`NO_ENTITY`] for none).
    pub(crate) records_by_pair: Refinement<u32>,
    /// Completeness records that fix the object only, by relation and object.
    pub(crate) records_by_object: Postings<(RelationId, EntityId), u32>,
    pub(crate) lexicon: Lexicon,
}

/// A relation and the sides a completeness record fixes (`None`: not fixed).
pub(crate) type Sides = (RelationId, Option<EntityId>, Option<EntityId>);

/// The second key of a fact or record that has no object, or fixes none: no entity's number
/// reaches it.
const NO_ENTITY: u32 = u32::MAX;

/// An entity's number, or [`NO_ENTITY`].
fn entity_or_none(entity: Option<EntityId>) -> u32 {
    entity.map_or(NO_ENTITY, |entity| entity.0)
}

impl KnowledgeBase {
    /// The lexicon the assertion language reads names and phrasings from.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The name a reference file is cited under (`claims/reference/rome-statute.yaml`).
    pub fn file_name(&self, file: FileId) -> &str {
        &self.files[file.0 as usize]
    }

    /// Every entity.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Every relation.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// Every fact.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// Every completeness record.
    pub fn completeness_records(&self) -> &[Completeness] {
        &self.completeness
    }

    /// The completeness records grouped by relation and fixed sides: each group's positions in
    /// [`KnowledgeBase::completeness_records`], in file order.
    pub(crate) fn completeness_groups(&self) -> impl Iterator<Item = (Sides, &[u32])> {
        let fixing_the_subject = self
            .records_by_subject
            .refined_groups(&self.records_by_pair)
            .map(|(&(relation, subject), object, records)| {
                let object = (object != NO_ENTITY).then_some(EntityId(object));
                ((relation, Some(subject), object), records)
            });
        let fixing_the_object = self
            .records_by_object
            .groups()
            .map(|(&(relation, object), records)| ((relation, None, Some(object)), records));
        fixing_the_subject.chain(fixing_the_object)
    }

    /// The positions of the completeness records of `relation` that fix exactly these sides
    /// (`None`: not fixed), in file order.
    pub(crate) fn records_fixing(
        &self,
        relation: RelationId,
        subject: Option<EntityId>,
        object: Option<EntityId>,
    ) -> &[u32] {
        match (subject, object) {
            (Some(subject), object) => self.records_by_subject.refined(
                &self.records_by_pair,
                &(relation, subject),
                entity_or_none(object),
            ),
            (None, Some(object)) => self.records_by_object.get(&(relation, object)),
            (None, None) => &[],
        }
    }

    /// The entity with this id.
    pub fn entity_id(&self, id: &str) -> Option<EntityId> {
        self.entity_index.get(&self.entities, id)
    }

    /// The relation with this id.
    pub fn relation_id(&self, id: &str) -> Option<RelationId> {
        self.relation_index.get(id).copied()
    }

    /// An entity.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    /// A relation.
    pub fn relation(&self, id: RelationId) -> &Relation {
        &self.relations[id.0 as usize]
    }

    /// A fact's id.
    pub fn fact_id(&self, fact: &Fact) -> &str {
        self.texts.get(fact.file, fact.id)
    }

    /// A completeness record's id.
    pub fn record_id(&self, record: &Completeness) -> &str {
        self.texts.get(record.file, record.id)
    }

    /// A fact.
    pub fn fact(&self, id: FactId) -> &Fact {
        &self.facts[id.0 as usize]
    }

    /// A source.
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.0 as usize]
    }

    /// A source's address, title and publisher.
    pub fn source_texts(&self, source: &Source) -> SourceTexts<'_> {
        self.texts.source(source.file, source.texts)
    }

    /// The facts of `relation` with this subject.
    pub fn facts_by_subject(&self, relation: RelationId, subject: EntityId) -> &[FactId] {
        self.by_subject.get(&(relation, subject))
    }

    /// The facts of `relation` with this object.
    pub fn facts_by_object(&self, relation: RelationId, object: EntityId) -> &[FactId] {
        self.by_object.get(&(relation, object))
    }

    /// The facts of `relation` between exactly `subject` and `object`.
    pub fn facts_of_pair(
        &self,
        relation: RelationId,
        subject: EntityId,
        object: EntityId,
    ) -> &[FactId] {
        self.by_subject
            .refined(&self.by_pair, &(relation, subject), object.0)
    }

    /// Builds the indexes of facts and completeness records, once every one is in, side by side.
    pub(crate) fn index(&mut self) {
        let facts = &self.facts;
        let ids = || {
            facts
                .iter()
                .enumerate()
                .map(|(index, fact)| (FactId(index as u32), fact))
        };
        let by_object = || {
            Postings::from_pairs(
                ids()
                    .filter_map(|(id, fact)| Some(((fact.relation, fact.object?), id)))
                    .collect(),
            )
        };
        let by_subject = || {
            let by_subject = Postings::from_pairs(
                ids()
                    .map(|(id, fact)| ((fact.relation, fact.subject), id))
                    .collect(),
            );
            let objects = |id: FactId| entity_or_none(facts[id.0 as usize].object);
            let by_pair = Refinement::of(&by_subject, objects);
            (by_subject, by_pair)
        };
        let records = &self.completeness;
        let positions = || {
            records
                .iter()
                .enumerate()
                .map(|(at, record)| (at as u32, record))
        };
        let records_by_subject = || {
            let by_subject = Postings::from_pairs(
                positions()
                    .filter_map(|(at, record)| Some(((record.relation, record.subject?), at)))
                    .collect(),
            );
            let objects = |at: u32| entity_or_none(records[at as usize].object);
            let by_pair = Refinement::of(&by_subject, objects);
            (by_subject, by_pair)
        };
        let records_by_object = || {
            Postings::from_pairs(
                positions()
                    .filter(|(_, record)| record.subject.is_none())
                    .filter_map(|(at, record)| Some(((record.relation, record.object?), at)))
                    .collect(),
            )
        };
        let (
            ((by_subject, by_pair), by_object),
            ((records_by_subject, records_by_pair), records_by_object),
        ) = rayon::join(
            || rayon::join(by_subject, by_object),
            || rayon::join(records_by_subject, records_by_object),
        );
        self.by_subject = by_subject;
        self.by_pair = by_pair;
        self.by_object = by_object;
        self.records_by_subject = records_by_subject;
        self.records_by_pair = records_by_pair;
        self.records_by_object = records_by_object;
    }

    /// The latest date any of a fact's sources was read, or its review date if later.
    pub fn last_checked(&self, fact: &Fact) -> PartialDate {
        fact.sources
            .iter()
            .map(|&source| self.source(source).accessed)
            .chain([fact.reviewed])
            .max_by_key(|date| date.last_day())
            .expect("the review date is always there")
    }

    /// A fact as one line: `party_to(armenia, rome-statute) FROM 2024-02-01`.
    pub fn describe_fact(&self, fact: &Fact) -> String {
        let relation = &self.relation(fact.relation).id;
        let subject = &self.entity(fact.subject).id;
        let mut line = String::new();
        if fact.negative {
            line.push_str("NOT ");
        }
        match (fact.object, fact.value()) {
            (Some(object), _) => line.push_str(&format!(
                "{relation}({subject}, {})",
                self.entity(object).id
            )),
            (None, Some(value)) => {
                line.push_str(&format!("{relation}({subject}) = {}", value.amount));
                if let Some(unit) = &value.unit {
                    line.push_str(&format!(" {unit}"));
                }
            }
            (None, None) => line.push_str(&format!("{relation}({subject})")),
        }
        match fact.time {
            FactTime::Always => {}
            FactTime::Span {
                from,
                end: SpanEnd::To(to),
            } => line.push_str(&format!(" FROM {from} TO {to}")),
            FactTime::Span {
                from,
                end: SpanEnd::Open,
            } => line.push_str(&format!(" FROM {from}")),
            FactTime::Span {
                from,
                end: SpanEnd::KnownUntil(until),
            } => line.push_str(&format!(" FROM {from} KNOWN UNTIL {until}")),
            FactTime::On(on) => line.push_str(&format!(" @ {on}")),
        }
        for (key, value) in fact.qualifiers() {
            line.push_str(&format!(" [{key}={}]", self.entity(*value).id));
        }
        line
    }

    /// A completeness record as one line: `all visited(vladimir-putin, azerbaijan) FROM … TO …`.
    pub fn describe_completeness(&self, record: &Completeness) -> String {
        let side =
            |side: Option<EntityId>| side.map_or("*".to_owned(), |id| self.entity(id).id.clone());
        format!(
            "all {}({}, {}) FROM {} TO {}",
            self.relation(record.relation).id,
            side(record.subject),
            side(record.object),
            record.from,
            record.to
        )
    }
}
