//! Everything known about one entity, in time order: what `factcheck ref show` prints.

use claims_parser::{Language, PartialDate};

use crate::check::FactCitation;
use crate::kb::{EntityId, FactTime, KnowledgeBase, SpanEnd};
use crate::verdict::Role;

/// An entity found by a name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FindError {
    /// No entity has this id or alias.
    #[error("no entity is called '{name}'{}", suggestion(.suggestions))]
    Unknown {
        /// The name asked for.
        name: String,
        /// The closest aliases, as `(alias, entity id)`.
        suggestions: Vec<(String, String)>,
    },
    /// Several entities have this alias.
    #[error("'{name}' names several entities: {}; ask for one by its id", .candidates.join(", "))]
    Ambiguous {
        /// The name asked for.
        name: String,
        /// Their ids.
        candidates: Vec<String>,
    },
}

fn suggestion(suggestions: &[(String, String)]) -> String {
    match suggestions.first() {
        Some((alias, id)) => format!("; did you mean '{alias}' ({id})?"),
        None => String::new(),
    }
}

/// One entity and every fact that names it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Timeline {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// Its Wikidata id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<String>,
    /// Its aliases by language code.
    pub aliases: std::collections::BTreeMap<String, Vec<String>>,
    /// The facts that name it, earliest first (timeless facts first).
    pub facts: Vec<TimelineEntry>,
}

/// One fact in a timeline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimelineEntry {
    /// When it began or happened, if it has a time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    /// When it ended, for states that did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// The day it is known to hold until, for states whose end is announced but not confirmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known_until: Option<PartialDate>,
    /// The fact, with its file, id and sources.
    pub fact: FactCitation,
}

impl KnowledgeBase {
    /// The entity with this id, or this alias in any language (ignoring case and accents).
    pub fn find_entity(&self, name: &str) -> Result<EntityId, FindError> {
        if let Some(id) = self.entity_id(name) {
            return Ok(id);
        }
        let mut found: Vec<&str> = Language::ALL
            .iter()
            .flat_map(|&language| self.lexicon().resolve(name, language))
            .map(|entity| entity.id.as_str())
            .collect();
        found.sort_unstable();
        found.dedup();
        match found.as_slice() {
            [one] => Ok(self
                .entity_id(one)
                .expect("the lexicon names loaded entities")),
            [] => Err(FindError::Unknown {
                name: name.to_owned(),
                suggestions: self.lexicon().suggest_aliases(name, 3),
            }),
            several => Err(FindError::Ambiguous {
                name: name.to_owned(),
                candidates: several.iter().map(|id| (*id).to_owned()).collect(),
            }),
        }
    }

    /// Every fact naming `entity` (as subject, object or qualifier), in time order.
    pub fn timeline(&self, entity: EntityId) -> Timeline {
        let record = self.entity(entity);
        let mut facts: Vec<TimelineEntry> = self
            .facts()
            .iter()
            .filter(|fact| {
                fact.subject == entity
                    || fact.object == Some(entity)
                    || fact.qualifiers().values().any(|&q| q == entity)
            })
            .map(|fact| {
                let (from, to, known_until) = match fact.time {
                    FactTime::Always => (None, None, None),
                    FactTime::Span { from, end } => match end {
                        SpanEnd::To(to) => (Some(from), Some(to), None),
                        SpanEnd::Open => (Some(from), None, None),
                        SpanEnd::KnownUntil(until) => (Some(from), None, Some(until)),
                    },
                    FactTime::On(on) => (Some(on), None, None),
                };
                TimelineEntry {
                    from,
                    to,
                    known_until,
                    fact: FactCitation {
                        file: self.file_name(fact.file).to_owned(),
                        id: self.fact_id(fact).to_owned(),
                        role: Role::Context,
                        statement: self.describe_fact(fact),
                        note: fact.note().map(str::to_owned),
                        sources: fact.sources.iter().map(|&s| self.citation(s)).collect(),
                    },
                }
            })
            .collect();
        facts.sort_by(|a, b| {
            (a.from.map(|d| d.first_day()), &a.fact.id)
                .cmp(&(b.from.map(|d| d.first_day()), &b.fact.id))
        });
        Timeline {
            id: record.id.clone(),
            name: record.name.clone(),
            kind: record.kind.clone(),
            wikidata: record.wikidata.clone(),
            aliases: record.aliases.iter().fold(
                std::collections::BTreeMap::new(),
                |mut aliases, (language, name)| {
                    let names: &mut Vec<String> =
                        aliases.entry(language.code().to_owned()).or_default();
                    names.push(name.to_owned());
                    aliases
                },
            ),
            facts,
        }
    }
}
