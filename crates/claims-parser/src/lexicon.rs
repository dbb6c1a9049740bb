//! The names and phrasings the assertion language is read with.
//!
//! A [`Lexicon`] is given to the parser: the verifier builds one from the reference data, and tests
//! build small ones in code with [`LexiconBuilder`]. It maps folded aliases to entities and holds
//! each relation's phrasings as [`Template`]s per [`Language`].

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use crate::normalize::{fold, tokenize};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tense {
    /// `X is president of Y`: at the judgment date unless a time is stated.
    Present,
    /// `X was president of Y`: at some time before the judgment date unless a time is stated.
    Past,
}

/// One element of a phrasing template.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TemplatePart {
    /// A word that must be present, folded.
    Word(String),
    /// `{subject}`: an alias of the subject.
    Subject,
    /// `{object}`: an alias of the object.
    Object,
    /// `{not}`: where a negation may stand.
    Not,
    /// `{ordinal}`: where `first` or `last` stands in an ordinal noun phrase.
    Ordinal,
}

/// What a template phrases: a sentence or one of the noun phrases the language's frames embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateRole {
    /// A whole statement with both slots: `{subject} is {not} a party to {object}`.
    Sentence,
    /// A noun phrase for ordinal events: `{ordinal} visit of {subject} to {object}`.
    OrdinalNoun,
    /// A noun phrase naming one side and counting the other: `parties to {object}`.
    CountNoun,
    /// A noun phrase naming a measured quantity of a subject: `population of {subject}`.
    MeasureNoun,
}

/// A relation phrasing such as `{subject} is {not} a party to {object}`: words and slots.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Template {
    /// The template as written.
    pub text: String,
    /// Its words and slots in order.
    pub parts: Vec<TemplatePart>,
}

/// Why a phrasing template is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A `{…}` slot other than `{subject}`, `{object}`, `{not}`, `{ordinal}`.
    #[error("unknown slot '{{{0}}}': expected {{subject}}, {{object}}, {{not}} or {{ordinal}}")]
    UnknownSlot(String),
    /// A slot glued to other characters, such as `{subject}'s`.
    #[error("the slot in '{0}' must stand as a word of its own, separated by spaces")]
    GluedSlot(String),
    /// A slot used twice.
    #[error("the slot {{{0}}} appears more than once")]
    RepeatedSlot(String),
    /// No slot for either side.
    #[error("a phrasing needs {{subject}} or {{object}}")]
    NoSide,
    /// A slot the relation's kind cannot use.
    #[error("{0}")]
    Misplaced(String),
}

impl Template {
    /// Reads a template: words separated by spaces, slots written `{subject}`, `{object}`,
    /// `{not}` and `{ordinal}`.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        for word in text.split_whitespace() {
            let slot = match word {
                "{subject}" => Some(TemplatePart::Subject),
                "{object}" => Some(TemplatePart::Object),
                "{not}" => Some(TemplatePart::Not),
                "{ordinal}" => Some(TemplatePart::Ordinal),
                _ if word.starts_with('{') && word.ends_with('}') => {
                    return Err(TemplateError::UnknownSlot(
                        word[1..word.len() - 1].to_owned(),
                    ));
                }
                _ if word.contains('{') || word.contains('}') => {
                    return Err(TemplateError::GluedSlot(word.to_owned()));
                }
                _ => None,
            };
            match slot {
                Some(slot) if parts.contains(&slot) => {
                    let name = word.trim_matches(|c| c == '{' || c == '}');
                    return Err(TemplateError::RepeatedSlot(name.to_owned()));
                }
                Some(slot) => parts.push(slot),
                None => parts.extend(
                    tokenize(word)
                        .into_iter()
                        .map(|t| TemplatePart::Word(t.text)),
                ),
            }
        }
        if !parts.contains(&TemplatePart::Subject) && !parts.contains(&TemplatePart::Object) {
            return Err(TemplateError::NoSide);
        }
        Ok(Template {
            text: text.to_owned(),
            parts,
        })
    }

    /// What this template phrases for a relation of `kind`, or why it cannot phrase it.
    pub fn role(&self, kind: RelationKind) -> Result<TemplateRole, TemplateError> {
        let has = |part: TemplatePart| self.parts.contains(&part);
        let both = has(TemplatePart::Subject) && has(TemplatePart::Object);
        let misplaced = |why: &str| Err(TemplateError::Misplaced(why.to_owned()));
        if has(TemplatePart::Ordinal) {
            return match (kind, both, has(TemplatePart::Not)) {
                (RelationKind::Event, true, false) => Ok(TemplateRole::OrdinalNoun),
                (RelationKind::Event, _, true) => {
                    misplaced("an {ordinal} phrasing cannot have {not}")
                }
                (RelationKind::Event, false, _) => {
                    misplaced("an {ordinal} phrasing needs both {subject} and {object}")
                }
                _ => misplaced("only event relations have {ordinal} phrasings"),
            };
        }
        match (kind, both) {
            (RelationKind::Quantity, _) if has(TemplatePart::Object) || has(TemplatePart::Not) => {
                misplaced("a quantity phrasing names the {subject} only, without {not}")
            }
            (RelationKind::Quantity, _) => Ok(TemplateRole::MeasureNoun),
            (_, true) => Ok(TemplateRole::Sentence),
            (_, false) if has(TemplatePart::Not) => {
                misplaced("a counting phrasing (one side only) cannot have {not}")
            }
            (_, false) => Ok(TemplateRole::CountNoun),
        }
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// An entity as the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexEntity {
    /// Its stable id, as canonical forms print it.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its kind (`country`, `person`, …).
    pub kind: String,
}

/// A relation as the parser knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrasing {
    /// The language it is written in.
    pub language: Language,
    /// Whether it speaks of the past.
    pub tense: Tense,
    /// What it phrases.
    pub role: TemplateRole,
    /// The template.
    pub template: Template,
}

/// Where an alias was declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AliasEntry {
    pub(crate) entity: usize,
    pub(crate) language: Language,
}

/// Every name and phrasing the assertion language can use. Build one with [`LexiconBuilder`].
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entities: Vec<LexEntity>,
    entity_index: HashMap<String, usize>,
    relations: Vec<LexRelation>,
    relation_index: HashMap<String, usize>,
    aliases: HashMap<String, Vec<AliasEntry>>,
    alias_texts: Vec<(String, String, usize)>,
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
        let Some(entries) = self.aliases.get(folded) else {
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

    /// The longest alias, in words.
    pub(crate) fn longest_alias(&self) -> usize {
        self.longest_alias
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
        let role = parsed.role(relation.kind).map_err(error)?;
        relation.phrasings.push(Phrasing {
            language,
            tense,
            role,
            template: parsed,
        });
        Ok(self)
    }

    /// The finished lexicon.
    pub fn build(mut self) -> Lexicon {
        self.lexicon
            .alias_texts
            .sort_by_cached_key(|(alias, folded, _)| {
                (folded.chars().count(), folded.clone(), alias.clone())
            });
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
    fn templates_read_words_and_slots() {
        let template = Template::parse("{subject} is {not} a party to {object}").unwrap();
        assert_eq!(
            template.parts,
            [
                TemplatePart::Subject,
                TemplatePart::Word("is".into()),
                TemplatePart::Not,
                TemplatePart::Word("a".into()),
                TemplatePart::Word("party".into()),
                TemplatePart::Word("to".into()),
                TemplatePart::Object,
            ]
        );
        assert_eq!(
            template.role(RelationKind::State),
            Ok(TemplateRole::Sentence)
        );
    }

    #[test]
    fn template_roles_follow_their_slots() {
        let role = |text: &str, kind| Template::parse(text).unwrap().role(kind);
        assert_eq!(
            role(
                "{ordinal} visit of {subject} to {object}",
                RelationKind::Event
            ),
            Ok(TemplateRole::OrdinalNoun)
        );
        assert_eq!(
            role("parties to {object}", RelationKind::State),
            Ok(TemplateRole::CountNoun)
        );
        assert_eq!(
            role("population of {subject}", RelationKind::Quantity),
            Ok(TemplateRole::MeasureNoun)
        );
        assert!(
            role(
                "{ordinal} term of {subject} in {object}",
                RelationKind::State
            )
            .is_err()
        );
        assert!(role("{not} parties to {object}", RelationKind::State).is_err());
    }

    #[test]
    fn malformed_templates_are_refused() {
        assert_eq!(
            Template::parse("{subject}'s population"),
            Err(TemplateError::GluedSlot("{subject}'s".into()))
        );
        assert_eq!(
            Template::parse("{who} is"),
            Err(TemplateError::UnknownSlot("who".into()))
        );
        assert_eq!(
            Template::parse("{subject} and {subject}"),
            Err(TemplateError::RepeatedSlot("subject".into()))
        );
        assert_eq!(Template::parse("nothing here"), Err(TemplateError::NoSide));
    }

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
