//! The reference data as it is written: the serde model of one YAML file under `claims/reference/`.
//!
//! Every struct refuses unknown fields, so a misspelt key is an error and not a silently ignored fact.

use std::collections::BTreeMap;

use claims_parser::{PartialDate, RelationKind};

/// One file of reference data. Every section is optional.
#[derive(
    Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct ReferenceFile {
    /// Sources that facts and completeness records refer to by id.
    #[serde(default)]
    pub sources: Vec<SourceDef>,
    /// Entities: countries, people, treaties, statements.
    #[serde(default)]
    pub entities: Vec<EntityDef>,
    /// Relations and their phrasings.
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    /// Facts.
    #[serde(default)]
    pub facts: Vec<FactDef>,
    /// Completeness records.
    #[serde(default)]
    pub completeness: Vec<CompletenessDef>,
}

/// Where a fact comes from: a page someone read.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct SourceDef {
    /// An id to refer to it by; optional for a source written inline in a fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The address of the page.
    pub url: String,
    /// The page's title as it reads.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// When it was read.
    pub accessed: PartialDate,
    /// When it was published, if the page says: a fact's end or an event's day after the
    /// publication of every source it cites was announced by them, not reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
}

/// A source given inline or by the id of a [`SourceDef`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum SourceRef {
    /// The id of a source defined in a `sources` section.
    Id(String),
    /// A source written in place.
    Inline(SourceDef),
}

/// Read by what the YAML holds, a text or a mapping, rather than by trying each variant in turn
/// (serde's untagged enums buffer every value first): a million inline sources parse without a
/// copy each, and a mapping's errors are the source's own (`missing field `url``).
impl<'de> serde::Deserialize<'de> for SourceRef {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SourceRef;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "the id of a source in `sources`, or a source written in place (url, title, publisher, accessed)",
                )
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<SourceRef, E> {
                Ok(SourceRef::Id(id.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, id: String) -> Result<SourceRef, E> {
                Ok(SourceRef::Id(id))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<SourceRef, A::Error> {
                use serde::Deserialize;
                SourceDef::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(SourceRef::Inline)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Something facts are about.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    /// A stable id: lower case, digits, `-`, `_`, `.`.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its kind: `country`, `person`, `treaty`, `statement`, …
    pub kind: String,
    /// Its names per language code (`en`, `id`).
    #[serde(default)]
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Adjectives that name it in a title, per language code: `Mongolian` in `Mongolian
    /// President Khurelsukh`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub demonyms: BTreeMap<String, Vec<String>>,
    /// Its Wikidata id, such as `Q227`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
}

/// Which side of a single-valued relation has one value at a time.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    serde::Deserialize,
    serde::Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SingleValued {
    /// Each object has at most one subject at a time (a country has one president).
    PerObject,
    /// Each subject has at most one object at a time.
    PerSubject,
}

/// A relation between entities, and how the assertion language phrases it.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct RelationDef {
    /// A stable id, such as `party_to`.
    pub id: String,
    /// How it holds in time.
    pub kind: RelationKind,
    /// The kind of entity its subject must be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The kind of entity its object must be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// Whether one side has one value at a time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub single_valued: Option<SingleValued>,
    /// A relation that is this one with subject and object swapped: facts of either answer both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverse: Option<String>,
    /// The unit of a quantity relation's values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The qualifiers its facts may carry, with the kind of entity each takes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub qualifiers: BTreeMap<String, String>,
    /// Present-tense phrasings per language code.
    #[serde(default)]
    pub phrasings: BTreeMap<String, Vec<String>>,
    /// Past-tense phrasings per language code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub past_phrasings: BTreeMap<String, Vec<String>>,
    /// Present-tense phrasings that name one side in their own words, per entity they name and
    /// language code: `{rome-statute: {en: ["{subject} is {not} an ICC member state"]}}` for
    /// `party_to`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub naming_phrasings: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Titles before a name per language code (state and timeless relations): `{object}
    /// president {subject}` reads `Mongolian President Khurelsukh` as Khurelsukh, and as
    /// president of Mongolia on the day the text was written.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, Vec<String>>,
}

/// A measured value.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueDef {
    /// The number.
    pub amount: f64,
    /// Its unit, if the relation has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// One sourced fact.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    /// A stable id; derived from the content when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The relation id.
    pub relation: String,
    /// The subject's entity id.
    pub subject: String,
    /// The object's entity id (not for quantity relations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// The value (quantity relations only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueDef>,
    /// When a state began to hold (or a negative fact's span began).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    /// The last day a state held; absent while it still holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// Instead of `to`: the last day a state is known to hold, when its end is announced but no
    /// source read confirms it. Nothing is presumed after this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_until: Option<PartialDate>,
    /// When an event happened, or when a value was measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<PartialDate>,
    /// An explicitly negative fact: the relation did not hold (or no such event happened) over
    /// `from`–`to`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub negative: bool,
    /// Qualifier values (entity ids) by name, such as `kind: state-visit`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub qualifiers: BTreeMap<String, String>,
    /// Where it comes from: at least one source.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// When a curator last checked it against its sources.
    pub reviewed: PartialDate,
    /// A note for the reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A statement that the facts of a relation for a fixed subject and/or object are complete over a
/// span: with it, a missing fact is evidence of absence.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompletenessDef {
    /// A stable id; derived from the content when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The relation id.
    pub relation: String,
    /// The fixed subject, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The fixed object, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// The first day covered.
    pub from: PartialDate,
    /// The last day covered.
    pub to: PartialDate,
    /// Where the completeness comes from.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// When a curator last checked it.
    pub reviewed: PartialDate,
    /// A note for the reader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
