//! [`LexiconBuilder`]: a [`Lexicon`] built entry by entry.

use std::hash::BuildHasher;

use super::{
    Language, LexEntity, LexRelation, Lexicon, LexiconError, Phrasing, Template, TemplateError,
    TemplateRole, Tense,
};
use crate::ast::Side;
use crate::normalize::fold;

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
        match lexicon.entity_position(id) {
            Some(at) => lexicon.entities[at] = entity,
            None => {
                let Lexicon {
                    entities,
                    entity_index,
                    hasher,
                    ..
                } = lexicon;
                let rehash = |&at: &u32| hasher.hash_one(&entities[at as usize].id);
                // A lexicon never holds more than u32::MAX entities: see `NameTable::push`.
                entity_index.insert_unique(hasher.hash_one(id), entities.len() as u32, rehash);
                entities.push(entity);
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
        self.name(entity, language, alias, Kind::Alias)
    }

    /// Adds a demonym of an entity in a language: an adjective that names it in a title
    /// (`Mongolian` in `Mongolian President Khurelsukh`), and nowhere else.
    pub fn demonym(
        &mut self,
        entity: &str,
        language: Language,
        demonym: &str,
    ) -> Result<&mut Self, LexiconError> {
        self.name(entity, language, demonym, Kind::Demonym)
    }

    fn name(
        &mut self,
        entity: &str,
        language: Language,
        name: &str,
        kind: Kind,
    ) -> Result<&mut Self, LexiconError> {
        let lexicon = &mut self.lexicon;
        let at = lexicon
            .entity_position(entity)
            .ok_or_else(|| LexiconError::Unknown {
                what: "entity",
                id: entity.to_owned(),
            })?;
        let folded = fold(name);
        if folded.is_empty() {
            return Err(LexiconError::EmptyAlias(entity.to_owned()));
        }
        let table = match kind {
            Kind::Alias => &mut lexicon.aliases,
            Kind::Demonym => &mut lexicon.demonyms,
        };
        table.push(name, &folded, at, language)?;
        lexicon.longest_alias = lexicon.longest_alias.max(folded.split(' ').count());
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
        let Some(entity_at) = self.lexicon.entity_position(entity) else {
            return Err(LexiconError::Unknown {
                what: "entity",
                id: entity.to_owned(),
            });
        };
        let entity_kind = self.lexicon.entities[entity_at].kind.clone();
        let relation = relation_mut(&mut self.lexicon, relation)?;
        let error = template_error(&relation.id, template);
        let parsed = Template::parse(template).map_err(error)?;
        let named = parsed.named_side().map_err(error)?;
        let wanted = match named {
            Side::Subject => relation.subject_kind.as_deref(),
            Side::Object => relation.object_kind.as_deref(),
        };
        if let Some(wanted) = wanted.filter(|wanted| *wanted != entity_kind) {
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
        let relation = relation_mut(&mut self.lexicon, relation)?;
        let error = template_error(&relation.id, template);
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
        self.lexicon.aliases.finish();
        self.lexicon.demonyms.finish();
        self.lexicon
    }
}

/// The relation with this id, to add a phrasing to.
fn relation_mut<'l>(
    lexicon: &'l mut Lexicon,
    relation: &str,
) -> Result<&'l mut LexRelation, LexiconError> {
    let &index = lexicon
        .relation_index
        .get(relation)
        .ok_or_else(|| LexiconError::Unknown {
            what: "relation",
            id: relation.to_owned(),
        })?;
    Ok(&mut lexicon.relations[index])
}

/// Makes what is wrong with a phrasing's template an error of the lexicon.
fn template_error<'a>(
    relation: &'a str,
    template: &'a str,
) -> impl Fn(TemplateError) -> LexiconError + Copy + 'a {
    move |error| LexiconError::Template {
        relation: relation.to_owned(),
        text: template.to_owned(),
        error,
    }
}

/// The table a name goes to.
#[derive(Clone, Copy)]
enum Kind {
    Alias,
    Demonym,
}
