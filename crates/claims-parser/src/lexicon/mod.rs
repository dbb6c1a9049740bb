//! The names and phrasings the assertion language is read with.
//!
//! A [`Lexicon`] is given to the parser: the verifier builds one from the reference data, and tests
//! build small ones in code with [`LexiconBuilder`]. It maps folded aliases to entities and holds
//! each relation's phrasings as [`Template`]s per [`Language`].

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use crate::ast::Side;
use crate::normalize::fold;

mod template;

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

/// Where an alias was declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct AliasEntry {
    pub(crate) entity: usize,
    pub(crate) language: Language,
}

/// A map by name, hashed with foldhash: fast, and seeded per process, so that names chosen to
/// collide cannot slow it down.
type NameMap<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// Every name and phrasing the assertion language can use. Build one with [`LexiconBuilder`].
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Lexicon {
    entities: Vec<LexEntity>,
    entity_index: NameMap<usize>,
    relations: Vec<LexRelation>,
    relation_index: NameMap<usize>,
    aliases: NameMap<Vec<AliasEntry>>,
    alias_texts: Vec<(String, String, usize)>,
    /// Adjectives naming an entity in a title only (`Mongolian` in `Mongolian President X`).
    demonyms: NameMap<Vec<AliasEntry>>,
    longest_alias: usize,
}

impl Lexicon {
    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&LexEntity> {
        self.entity_index
            .get(id)
            .map(|&index| &self.entities[index])
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
        self.entries_of(self.aliases.get(folded), language)
    }

    /// The entities a demonym names (`mongolian`), folded, as [`Lexicon::resolve`] resolves
    /// aliases.
    pub(crate) fn resolve_demonym_folded(
        &self,
        folded: &str,
        language: Language,
    ) -> Vec<&LexEntity> {
        self.entries_of(self.demonyms.get(folded), language)
    }

    fn entries_of(&self, entries: Option<&Vec<AliasEntry>>, language: Language) -> Vec<&LexEntity> {
        let Some(entries) = entries else {
            return Vec::new();
        };
        let in_language: Vec<usize> = entries
            .iter()
            .filter(|entry| entry.language == language)
            .map(|entry| entry.entity)
            .collect();
        let mut found = if in_language.is_empty() {
            entries.iter().map(|entry| entry.entity).collect()
        } else {
            in_language
        };
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .map(|index| &self.entities[index])
            .collect()
    }

    /// Every alias, folded as names are compared, once each, in no particular order: for tools
    /// that look for the names of the lexicon in a text.
    pub fn folded_aliases(&self) -> impl Iterator<Item = &str> {
        self.aliases.keys().map(String::as_str)
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
        let Some(&own) = self.entity_index.get(entity) else {
            return Vec::new();
        };
        let padded = |folded: &str| format!(" {folded} ");
        let mut names: Vec<String> = self
            .alias_texts
            .iter()
            .filter(|(_, _, index)| *index == own)
            .map(|(_, folded, _)| padded(folded))
            .collect();
        names.push(padded(&fold(&self.entities[own].name)));
        let mut linked: Vec<usize> = Vec::new();
        for (_, folded, index) in &self.alias_texts {
            if linked.len() == limit {
                break;
            }
            let candidate = &self.entities[*index];
            if *index == own || candidate.kind != kind || linked.contains(index) {
                continue;
            }
            let text = padded(folded);
            if names.iter().any(|name| text.contains(name.as_str())) {
                linked.push(*index);
            }
        }
        linked
            .into_iter()
            .map(|index| {
                let shortest = self
                    .alias_texts
                    .iter()
                    .filter(|(_, _, of)| *of == index)
                    .find(|(_, folded, _)| {
                        self.aliases[folded]
                            .iter()
                            .any(|entry| entry.entity == index && entry.language == language)
                    })
                    .or_else(|| self.alias_texts.iter().find(|(_, _, of)| *of == index))
                    .map_or_else(
                        || self.entities[index].name.clone(),
                        |(alias, _, _)| alias.clone(),
                    );
                (shortest, self.entities[index].id.clone())
            })
            .collect()
    }

    /// The aliases closest to `text` by edit distance, best first, as `(alias, entity id)`.
    pub fn suggest_aliases(&self, text: &str, limit: usize) -> Vec<(String, String)> {
        let folded = fold(text);
        // The aliases are sorted by length: only those in the window can be suggested.
        let window = crate::suggest::length_window(folded.chars().count());
        let start = self
            .alias_texts
            .partition_point(|entry| entry.1.chars().count() < *window.start());
        let end = self
            .alias_texts
            .partition_point(|entry| entry.1.chars().count() <= *window.end());
        let candidates = self.alias_texts[start..end.max(start)]
            .iter()
            .map(|(alias, folded, entity)| (folded.as_str(), (alias.as_str(), *entity)));
        let mut suggestions: Vec<(String, String)> = Vec::new();
        for (_, (alias, entity)) in crate::suggest::closest(&folded, candidates, usize::MAX) {
            if !suggestions.iter().any(|(seen, _)| seen == alias) {
                suggestions.push((alias.to_owned(), self.entities[entity].id.clone()));
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

/// Builds a [`Lexicon`] entry by entry.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    lexicon: Lexicon,
}

impl LexiconBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an entity. Adding an id twice replaces its name and kind.
    pub fn entity(&mut self, id: &str, name: &str, kind: &str) -> &mut Self {
        let entity = LexEntity {
            id: id.to_owned(),
            name: name.to_owned(),
            kind: kind.to_owned(),
        };
        let lexicon = &mut self.lexicon;
        match lexicon.entity_index.get(id) {
            Some(&index) => lexicon.entities[index] = entity,
            None => {
                lexicon
                    .entity_index
                    .insert(id.to_owned(), lexicon.entities.len());
                lexicon.entities.push(entity);
            }
        }
        self
    }

    /// Adds an alias of an entity in a language.
    pub fn alias(
        &mut self,
        entity: &str,
        language: Language,
        alias: &str,
    ) -> Result<&mut Self, LexiconError> {
        let lexicon = &mut self.lexicon;
        let &index = lexicon
            .entity_index
            .get(entity)
            .ok_or_else(|| LexiconError::Unknown {
                what: "entity",
                id: entity.to_owned(),
            })?;
        let folded = fold(alias);
        if folded.is_empty() {
            return Err(LexiconError::EmptyAlias(entity.to_owned()));
        }
        lexicon.longest_alias = lexicon.longest_alias.max(folded.split(' ').count());
        let entries = lexicon.aliases.entry(folded.clone()).or_default();
        let entry = AliasEntry {
            entity: index,
            language,
        };
        if !entries.contains(&entry) {
            entries.push(entry);
            lexicon.alias_texts.push((alias.to_owned(), folded, index));
        }
        Ok(self)
    }

    /// Adds a demonym of an entity in a language: an adjective that names it in a title
    /// (`Mongolian` in `Mongolian President Khurelsukh`), and nowhere else.
    pub fn demonym(
        &mut self,
        entity: &str,
        language: Language,
        demonym: &str,
    ) -> Result<&mut Self, LexiconError> {
        let lexicon = &mut self.lexicon;
        let &index = lexicon
            .entity_index
            .get(entity)
            .ok_or_else(|| LexiconError::Unknown {
                what: "entity",
                id: entity.to_owned(),
            })?;
        let folded = fold(demonym);
        if folded.is_empty() {
            return Err(LexiconError::EmptyAlias(entity.to_owned()));
        }
        lexicon.longest_alias = lexicon.longest_alias.max(folded.split(' ').count());
        let entries = lexicon.demonyms.entry(folded).or_default();
        let entry = AliasEntry {
            entity: index,
            language,
        };
        if !entries.contains(&entry) {
            entries.push(entry);
        }
        Ok(self)
    }

    /// Adds a relation with no phrasings yet. Adding an id twice keeps the phrasings.
    pub fn relation(&mut self, relation: LexRelation) -> &mut Self {
        let lexicon = &mut self.lexicon;
        match lexicon.relation_index.get(&relation.id) {
            Some(&index) => {
                let mut phrasings = std::mem::take(&mut lexicon.relations[index].phrasings);
                phrasings.extend(relation.phrasings);
                lexicon.relations[index] = LexRelation {
                    phrasings,
                    ..relation
                };
            }
            None => {
                lexicon
                    .relation_index
                    .insert(relation.id.clone(), lexicon.relations.len());
                lexicon.relations.push(relation);
            }
        }
        self
    }

    /// Adds a phrasing of a relation.
    pub fn phrasing(
        &mut self,
        relation: &str,
        language: Language,
        tense: Tense,
        template: &str,
    ) -> Result<&mut Self, LexiconError> {
        self.add_phrasing(relation, language, Some(tense), template)
    }

    /// Adds a present-tense sentence phrasing that names one side in its own words, so that its
    /// template has a slot for the other side only: `{subject} is {not} an ICC member state`
    /// for `party_to`, naming the entity `rome-statute` as its object.
    pub fn naming_phrasing(
        &mut self,
        relation: &str,
        language: Language,
        template: &str,
        entity: &str,
    ) -> Result<&mut Self, LexiconError> {
        if !self.lexicon.entity_index.contains_key(entity) {
            return Err(LexiconError::Unknown {
                what: "entity",
                id: entity.to_owned(),
            });
        }
        let lexicon = &mut self.lexicon;
        let &index = lexicon
            .relation_index
            .get(relation)
            .ok_or_else(|| LexiconError::Unknown {
                what: "relation",
                id: relation.to_owned(),
            })?;
        let relation = &mut lexicon.relations[index];
        let error = |error| LexiconError::Template {
            relation: relation.id.clone(),
            text: template.to_owned(),
            error,
        };
        let parsed = Template::parse(template).map_err(error)?;
        let named = parsed.named_side().map_err(error)?;
        let wanted = match named {
            Side::Subject => relation.subject_kind.as_deref(),
            Side::Object => relation.object_kind.as_deref(),
        };
        let entity_kind = &lexicon.entities[lexicon.entity_index[entity]].kind;
        if let Some(wanted) = wanted.filter(|wanted| wanted != entity_kind) {
            return Err(error(TemplateError::Misplaced(format!(
                "it names '{entity}', a {entity_kind}, where {} needs a {wanted}",
                relation.id
            ))));
        }
        relation.phrasings.push(Phrasing {
            language,
            tense: Tense::Present,
            role: TemplateRole::Sentence,
            template: parsed,
            names: Some((named, entity.to_owned())),
        });
        Ok(self)
    }

    /// Adds a title of a state or timeless relation: a phrase before a name that names its
    /// `{subject}` and says the relation holds on the day the text was written, such as
    /// `{object} president {subject}`. Its `{object}` may be an alias, a demonym (`Mongolian`) or,
    /// in English, an alias with `'s` (`Mongolia's`).
    pub fn title(
        &mut self,
        relation: &str,
        language: Language,
        template: &str,
    ) -> Result<&mut Self, LexiconError> {
        self.add_phrasing(relation, language, None, template)
    }

    /// Adds a phrasing, or a title when there is no tense.
    fn add_phrasing(
        &mut self,
        relation: &str,
        language: Language,
        tense: Option<Tense>,
        template: &str,
    ) -> Result<&mut Self, LexiconError> {
        let lexicon = &mut self.lexicon;
        let &index = lexicon
            .relation_index
            .get(relation)
            .ok_or_else(|| LexiconError::Unknown {
                what: "relation",
                id: relation.to_owned(),
            })?;
        let relation = &mut lexicon.relations[index];
        let error = |error| LexiconError::Template {
            relation: relation.id.clone(),
            text: template.to_owned(),
            error,
        };
        let parsed = Template::parse(template).map_err(error)?;
        let role = match tense {
            Some(_) => parsed.role(relation.kind),
            None => parsed.title_role(relation.kind),
        }
        .map_err(error)?;
        relation.phrasings.push(Phrasing {
            language,
            tense: tense.unwrap_or(Tense::Present),
            role,
            template: parsed,
            names: None,
        });
        Ok(self)
    }

    /// The finished lexicon.
    pub fn build(mut self) -> Lexicon {
        fn key((alias, folded, _): &(String, String, usize)) -> (usize, &str, &str) {
            (folded.chars().count(), folded, alias)
        }
        self.lexicon.alias_texts.sort_by(|a, b| key(a).cmp(&key(b)));
        self.lexicon
    }
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
    }
}
