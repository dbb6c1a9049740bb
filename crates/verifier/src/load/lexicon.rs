//! The lexicon the parser reads names and phrasings by, built from the loaded entities and
//! relations.

use std::collections::BTreeMap;

use claims_parser::{Language, LexRelation, Lexicon, LexiconBuilder, LexiconError, Tense};

use super::LoadProblem;
use super::builder::{FileRef, Item};
use crate::kb::KnowledgeBase;
use crate::model::ReferenceFile;

/// Builds the lexicon of the merged entities and relations, with the problems of its phrasings.
pub(super) fn build_lexicon(
    kb: &KnowledgeBase,
    files: &[(&FileRef, &ReferenceFile)],
) -> (Lexicon, Vec<LoadProblem>) {
    let mut lexicon = LexiconBuilder::new();
    let mut problems = Vec::new();
    for entity in &kb.entities {
        lexicon.entity(&entity.id, &entity.name, &entity.kind);
        // Empty names were reported when the entity was added; a lexicon too full is not.
        let full = Some(LexiconError::TooManyNames);
        let mut too_many = false;
        for (language, name) in entity.aliases.iter() {
            too_many |= lexicon.alias(&entity.id, language, name).err() == full;
        }
        for (language, name) in entity.demonyms.iter() {
            too_many |= lexicon.demonym(&entity.id, language, name).err() == full;
        }
        if too_many {
            let file = kb.file_name(entity.file);
            let item = Item::new(file, "entities", entity.index, Some(&entity.id));
            problems.push(item.problem(LexiconError::TooManyNames.to_string(), None));
            break;
        }
    }
    for &(file, reference) in files {
        for (index, relation) in reference.relations.iter().enumerate() {
            if kb
                .relation_index
                .get(&relation.id)
                .map(|id| kb.relation(*id).file)
                != Some(file.id)
            {
                continue;
            }
            let mut lex_relation = LexRelation::new(&relation.id, relation.kind);
            lex_relation.subject_kind = relation.subject.clone();
            lex_relation.object_kind = relation.object.clone();
            lex_relation.unit = relation.unit.clone();
            lexicon.relation(lex_relation);
            let item = Item::new(&file.name, "relations", index, Some(&relation.id));
            let id = relation.id.as_str();
            let mut add = |field: &str, phrasings, add: Adder| {
                add_each(&mut lexicon, &mut problems, &item, field, phrasings, add);
            };
            add(
                "phrasings",
                &relation.phrasings,
                &|lexicon, language, template| {
                    lexicon.phrasing(id, language, Tense::Present, template)
                },
            );
            add(
                "past_phrasings",
                &relation.past_phrasings,
                &|lexicon, language, template| {
                    lexicon.phrasing(id, language, Tense::Past, template)
                },
            );
            add(
                "titles",
                &relation.titles,
                &|lexicon, language, template| lexicon.title(id, language, template),
            );
            for (entity, phrasings) in &relation.naming_phrasings {
                let field = format!("naming_phrasings.{entity}");
                add(&field, phrasings, &|lexicon, language, template| {
                    lexicon.naming_phrasing(id, language, template, entity)
                });
            }
        }
    }
    (lexicon.build(), problems)
}

/// Adds one phrasing to the lexicon (a phrasing, a title, a phrasing naming a side).
type Adder<'a> = &'a dyn for<'l> Fn(
    &'l mut LexiconBuilder,
    Language,
    &str,
) -> Result<&'l mut LexiconBuilder, LexiconError>;

/// Adds every template of `phrasings` (per language code) with `add`, reporting an unknown
/// language or a malformed template at `item`'s `field`.
fn add_each(
    lexicon: &mut LexiconBuilder,
    problems: &mut Vec<LoadProblem>,
    item: &Item,
    field: &str,
    phrasings: &BTreeMap<String, Vec<String>>,
    add: Adder,
) {
    for (code, templates) in phrasings {
        let item = item.field(format!("{field}.{code}"));
        let Ok(language) = code.parse::<Language>() else {
            problems.push(item.problem(format!("unknown language '{code}'"), None));
            continue;
        };
        for (number, template) in templates.iter().enumerate() {
            if let Err(error) = add(lexicon, language, template) {
                let item = item.field(format!("[{number}]"));
                problems.push(item.problem(error.to_string(), None));
            }
        }
    }
}
