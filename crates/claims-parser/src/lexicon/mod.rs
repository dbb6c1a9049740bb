//! The names and phrasings the assertion language is read with.
//!
//! A [`Lexicon`] is given to the parser: the verifier builds one from the reference data, and tests
//! build small ones in code with [`LexiconBuilder`]. It maps folded aliases to entities and holds
//! each relation's phrasings as [`Template`]s per [`Language`].

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;
use std::str::FromStr;

use hashbrown::HashTable;

use crate::ast::Side;
use crate::normalize::fold;

mod builder;
mod names;
mod template;

pub use builder::LexiconBuilder;
use names::{NameRow, NameTable};
pub use template::{Template, TemplateError, TemplatePart, TemplateRole};

/// A language in which assertions, aliases and phrasings are written.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English (`en`).
    En,
    /// Indonesian (`id`).
    Id,
}

impl Language {
    /// Every supported language.
    pub const ALL: [Language; 2] = [Language::En, Language::Id];

    /// The ISO 639-1 code: `en`, `id`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Id => "id",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is not supported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language '{0}': expected 'en' or 'id'")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;
    fn from_str(code: &str) -> Result<Self, UnknownLanguage> {
        Language::ALL
            .into_iter()
            .find(|language| language.code() == code)
            .ok_or_else(|| UnknownLanguage(code.to_owned()))
    }
}

/// How a relation holds in time.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum RelationKind {
    /// Holds over intervals (`from`/`to`): being party to a treaty, holding an office.
    State,
    /// Happens at a point (`on`): a visit, a statement.
    Event,
    /// Holds regardless of time: being someone's father.
    Timeless,
    /// A measured value of a subject (`on` or `from`/`to`): a population.
    Quantity,
}

/// Whether a phrasing speaks of the present (or a stated time) or of the past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Tense {
    /// `X is president of Y`: at the judgment date unless a time is stated.
    Present,
    /// `X was president of Y`: at some time before the judgment date unless a time is stated.
    Past,
}

/// An entity as the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LexEntity {
    /// Its stable id, as canonical forms print it.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its kind (`country`, `person`, …).
    pub kind: String,
}

/// A relation as the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LexRelation {
    /// Its stable id, as canonical forms print it.
    pub id: String,
    /// How it holds in time.
    pub kind: RelationKind,
    /// The kind of entity its subject must be, if restricted.
    pub subject_kind: Option<String>,
    /// The kind of entity its object must be, if restricted.
    pub object_kind: Option<String>,
    /// The unit of its values (quantity relations only).
    pub unit: Option<String>,
    /// Its phrasings.
    pub phrasings: Vec<Phrasing>,
}

/// One phrasing of a relation in one language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Phrasing {
    /// The language it is written in.
    pub language: Language,
    /// Whether it speaks of the past (a title speaks of the present).
    pub tense: Tense,
    /// What it phrases.
    pub role: TemplateRole,
    /// The template.
    pub template: Template,
    /// The side the phrasing names in its own words, and the entity it names there: `{subject}
    /// is {not} an ICC member state` names the Rome Statute as its object.
    pub names: Option<(Side, String)>,
}

/// A map by name, hashed with foldhash: fast, and seeded per process, so that names chosen to
/// collide cannot slow it down.
type NameMap<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// Every name and phrasing the assertion language can use. Build one with [`LexiconBuilder`].
///
/// Its indexes are not stored: a lexicon read back (from the verifier's cache) is checked and
/// indexed again.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Stored")]
pub struct Lexicon {
    entities: Vec<LexEntity>,
    relations: Vec<LexRelation>,
    relation_index: NameMap<usize>,
    aliases: NameTable,
    /// Adjectives naming an entity in a title only (`Mongolian` in `Mongolian President X`).
    demonyms: NameTable,
    longest_alias: usize,
    /// The position of each entity, by id.
    #[serde(skip)]
    entity_index: HashTable<u32>,
    #[serde(skip)]
    hasher: foldhash::fast::RandomState,
}

/// A lexicon as it is stored: its fields but the indexes, in the same order.
#[derive(serde::Deserialize)]
struct Stored {
    entities: Vec<LexEntity>,
    relations: Vec<LexRelation>,
    relation_index: NameMap<usize>,
    aliases: NameTable,
    demonyms: NameTable,
    longest_alias: usize,
}

impl TryFrom<Stored> for Lexicon {
    type Error = String;

    fn try_from(stored: Stored) -> Result<Self, String> {
        let Stored {
            entities,
            relations,
            relation_index,
            mut aliases,
            mut demonyms,
            longest_alias,
        } = stored;
        if relation_index.values().any(|&at| at >= relations.len()) {
            return Err("a relation outside the lexicon".to_owned());
        }
        aliases.check_and_index(entities.len())?;
        demonyms.check_and_index(entities.len())?;
        let mut lexicon = Lexicon {
            entities,
            relations,
            relation_index,
            aliases,
            demonyms,
            longest_alias,
            ..Lexicon::default()
        };
        lexicon.index_entities();
        Ok(lexicon)
    }
}

impl Lexicon {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&LexEntity> {
        self.entity_position(id).map(|at| &self.entities[at])
    }

    /// The position of the entity with this id.
    fn entity_position(&self, id: &str) -> Option<usize> {
        self.entity_index
            .find(self.hasher.hash_one(id), |&at| {
                self.entities[at as usize].id == id
            })
            .map(|&at| at as usize)
    }

    /// Indexes the entities by id; the first of two with one id is found.
    fn index_entities(&mut self) {
        let mut index = HashTable::with_capacity(self.entities.len());
        for (at, entity) in self.entities.iter().enumerate() {
            let hash = self.hasher.hash_one(&entity.id);
            let same = |&seen: &u32| self.entities[seen as usize].id == entity.id;
            if index.find(hash, same).is_none() {
                let rehash = |&at: &u32| self.hasher.hash_one(&self.entities[at as usize].id);
                index.insert_unique(hash, at as u32, rehash);
            }
        }
        self.entity_index = index;
    }

    /// The relation with this id.
    pub fn relation(&self, id: &str) -> Option<&LexRelation> {
        self.relation_index
            .get(id)
            .map(|&index| &self.relations[index])
    }

    /// Every relation, in the order they were added.
    pub fn relations(&self) -> &[LexRelation] {
        &self.relations
    }

    /// Every entity, in the order they were added.
    pub fn entities(&self) -> &[LexEntity] {
        &self.entities
    }

    /// The entities an alias names: those declared in `language` if any, else those declared in any
    /// language. Matching ignores case and accents.
    pub fn resolve(&self, alias: &str, language: Language) -> Vec<&LexEntity> {
        self.resolve_folded(&fold(alias), language)
    }

    pub(crate) fn resolve_folded(&self, folded: &str, language: Language) -> Vec<&LexEntity> {
        self.entities_of(self.aliases.named(folded), language)
    }

    /// The entities a demonym names (`mongolian`), folded, as [`Lexicon::resolve`] resolves
    /// aliases.
    pub(crate) fn resolve_demonym_folded(
        &self,
        folded: &str,
        language: Language,
    ) -> Vec<&LexEntity> {
        self.entities_of(self.demonyms.named(folded), language)
    }

    fn entities_of(&self, rows: &[NameRow], language: Language) -> Vec<&LexEntity> {
        let in_language: Vec<u32> = rows
            .iter()
            .filter(|row| row.language == language)
            .map(|row| row.entity)
            .collect();
        let mut found = if in_language.is_empty() {
            rows.iter().map(|row| row.entity).collect()
        } else {
            in_language
        };
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|at| &self.entities[at as usize])
            .collect()
    }

    /// Every alias, folded as names are compared, once each, in no particular order: for tools
    /// that look for the names of the lexicon in a text.
    pub fn folded_aliases(&self) -> impl Iterator<Item = &str> {
        self.aliases.folded_names()
    }

    /// Every alias, folded, that names more than one entity (in any languages), with those
    /// entities in the order they were added.
    pub fn shared_aliases(&self) -> impl Iterator<Item = (&str, Vec<&LexEntity>)> {
        self.aliases.runs().filter_map(|rows| {
            let mut entities: Vec<u32> = rows.iter().map(|row| row.entity).collect();
            entities.sort_unstable();
            entities.dedup();
            (entities.len() > 1).then(|| {
                let entities = entities
                    .into_iter()
                    .map(|at| &self.entities[at as usize])
                    .collect();
                (self.aliases.folded(&rows[0]), entities)
            })
        })
    }

    /// The longest alias, in words.
    pub(crate) fn longest_alias(&self) -> usize {
        self.longest_alias
    }

    /// Entities of `kind` with a name that contains, as whole words, a name of `entity` (the
    /// Rome Statute, "Rome Statute of the International Criminal Court", for the ICC), as
    /// `(their shortest alias in language, id)`, at most `limit`, those with the shortest linking
    /// name first. It reads every alias once: it is worked out for an error that is reported.
    pub fn linked_by_name(
        &self,
        entity: &str,
        kind: &str,
        language: Language,
        limit: usize,
    ) -> Vec<(String, String)> {
        let Some(own) = self.entity_position(entity) else {
            return Vec::new();
        };
        let aliases = &self.aliases;
        let padded = |folded: &str| format!(" {folded} ");
        let mut names: Vec<String> = aliases
            .rows()
            .iter()
            .filter(|row| row.entity as usize == own)
            .map(|row| padded(aliases.folded(row)))
            .collect();
        names.push(padded(&fold(&self.entities[own].name)));
        let mut linked: Vec<usize> = Vec::new();
        for row in aliases.rows() {
            if linked.len() == limit {
                break;
            }
            let index = row.entity as usize;
            let candidate = &self.entities[index];
            if index == own || candidate.kind != kind || linked.contains(&index) {
                continue;
            }
            let text = padded(aliases.folded(row));
            if names.iter().any(|name| text.contains(name.as_str())) {
                linked.push(index);
            }
        }
        linked
            .into_iter()
            .map(|index| {
                let of_entity = || {
                    aliases
                        .rows()
                        .iter()
                        .filter(move |row| row.entity as usize == index)
                };
                let shortest = of_entity()
                    .find(|row| row.language == language)
                    .or_else(|| of_entity().next())
                    .map_or_else(
                        || self.entities[index].name.clone(),
                        |row| aliases.written(row).to_owned(),
                    );
                (shortest, self.entities[index].id.clone())
            })
            .collect()
    }

    /// The aliases closest to `text` by edit distance, best first, as `(alias, entity id)`.
    pub fn suggest_aliases(&self, text: &str, limit: usize) -> Vec<(String, String)> {
        let folded = fold(text);
        let aliases = &self.aliases;
        let rows = aliases.rows();
        // The aliases are sorted by length: only those in the window can be suggested.
        let window = crate::suggest::length_window(folded.chars().count());
        let length = |row: &NameRow| aliases.folded(row).chars().count();
        let start = rows.partition_point(|row| length(row) < *window.start());
        let end = rows.partition_point(|row| length(row) <= *window.end());
        let candidates = rows[start..end.max(start)]
            .iter()
            .map(|row| (aliases.folded(row), (aliases.written(row), row.entity)));
        let mut suggestions: Vec<(String, String)> = Vec::new();
        for (_, (alias, entity)) in crate::suggest::closest(&folded, candidates, usize::MAX) {
            if !suggestions.iter().any(|(seen, _)| seen == alias) {
                suggestions.push((alias.to_owned(), self.entities[entity as usize].id.clone()));
            }
            if suggestions.len() == limit {
                break;
            }
        }
        suggestions
    }
}

/// Why an entry cannot be added to a lexicon.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LexiconError {
    /// An alias or phrasing names an entity or relation that was not added.
    #[error("unknown {what} '{id}'")]
    Unknown {
        /// `entity` or `relation`.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// An alias with no words.
    #[error("an alias of '{0}' is empty")]
    EmptyAlias(String),
    /// More names than a lexicon holds: their text past 4 GiB, or past 4,294,967,295 entities.
    #[error("more names than a lexicon holds (4 GiB of text)")]
    TooManyNames,
    /// A malformed phrasing.
    #[error("phrasing '{text}' of '{relation}': {error}")]
    Template {
        /// The relation.
        relation: String,
        /// The phrasing as written.
        text: String,
        /// What is wrong with it.
        error: TemplateError,
    },
}

impl LexRelation {
    /// A relation of `kind` with no kind restrictions, no unit and no phrasings yet.
    pub fn new(id: &str, kind: RelationKind) -> Self {
        Self {
            id: id.to_owned(),
            kind,
            subject_kind: None,
            object_kind: None,
            unit: None,
            phrasings: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_resolve_by_language_then_any_language() {
        let mut builder = LexiconBuilder::new();
        builder.entity("united-states", "United States", "country");
        builder
            .alias("united-states", Language::En, "United States")
            .unwrap();
        builder
            .alias("united-states", Language::Id, "Amerika Serikat")
            .unwrap();
        let lexicon = builder.build();
        assert_eq!(
            lexicon.resolve("amerika serikat", Language::Id)[0].id,
            "united-states"
        );
        assert_eq!(
            lexicon.resolve("UNITED STATES", Language::Id)[0].id,
            "united-states"
        );
        assert!(lexicon.resolve("United Kingdom", Language::En).is_empty());
        assert_eq!(
            lexicon.suggest_aliases("United Stats", 3)[0].0,
            "United States"
        );
        assert_eq!(lexicon.shared_aliases().count(), 0);
    }

    #[test]
    fn shared_aliases_are_those_of_several_entities() {
        let mut builder = LexiconBuilder::new();
        builder.entity("georgia", "Georgia", "country");
        builder.entity("georgia-us", "Georgia", "state");
        builder.alias("georgia", Language::En, "Georgia").unwrap();
        builder.alias("georgia", Language::Id, "Georgia").unwrap();
        builder
            .alias("georgia-us", Language::En, "GEORGIA")
            .unwrap();
        builder
            .alias("georgia-us", Language::En, "Peach State")
            .unwrap();
        let lexicon = builder.build();
        let shared: Vec<(&str, Vec<&str>)> = lexicon
            .shared_aliases()
            .map(|(folded, entities)| {
                (
                    folded,
                    entities.iter().map(|entity| entity.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(shared, [("georgia", vec!["georgia", "georgia-us"])]);
    }
}
