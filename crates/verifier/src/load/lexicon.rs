//! The lexicon the parser reads names and phrasings by, built from the loaded entities and
//! relations.

use std::sync::Arc;

use claims_parser::{Language, LexRelation, LexiconBuilder, Tense};

use super::builder::{Builder, Item};
use crate::model::ReferenceFile;

impl Builder {
    pub(super) fn build_lexicon(&mut self, files: &[(&Arc<str>, &ReferenceFile)]) {
        let mut lexicon = LexiconBuilder::new();
        for entity in &self.kb.entities {
            lexicon.entity(&entity.id, &entity.name, &entity.kind);
            for (language, names) in &entity.aliases {
                for name in names {
                    // Empty aliases were reported when the entity was added.
                    let _ = lexicon.alias(&entity.id, *language, name);
                }
            }
            for (language, names) in &entity.demonyms {
                for name in names {
                    // Empty demonyms were reported when the entity was added.
                    let _ = lexicon.demonym(&entity.id, *language, name);
                }
            }
        }
        let mut problems = Vec::new();
        for &(file, reference) in files {
            for (index, relation) in reference.relations.iter().enumerate() {
                if self
                    .kb
                    .relation_index
                    .get(&relation.id)
                    .map(|id| &self.kb.relation(*id).file)
                    != Some(file)
                {
                    continue;
                }
                let mut lex_relation = LexRelation::new(&relation.id, relation.kind);
                lex_relation.subject_kind = relation.subject.clone();
                lex_relation.object_kind = relation.object.clone();
                lex_relation.unit = relation.unit.clone();
                lexicon.relation(lex_relation);
                for (tense, phrasings, field) in [
                    (Some(Tense::Present), &relation.phrasings, "phrasings"),
                    (
                        Some(Tense::Past),
                        &relation.past_phrasings,
                        "past_phrasings",
                    ),
                    (None, &relation.titles, "titles"),
                ] {
                    for (code, templates) in phrasings {
                        let item = Item::new(file, "relations", index, Some(&relation.id))
                            .field(format!("{field}.{code}"));
                        let Ok(language) = code.parse::<Language>() else {
                            problems.push(item.problem(format!("unknown language '{code}'"), None));
                            continue;
                        };
                        for (number, template) in templates.iter().enumerate() {
                            let added = match tense {
                                Some(tense) => {
                                    lexicon.phrasing(&relation.id, language, tense, template)
                                }
                                None => lexicon.title(&relation.id, language, template),
                            };
                            if let Err(error) = added {
                                let item = item.field(format!("[{number}]"));
                                problems.push(item.problem(error.to_string(), None));
                            }
                        }
                    }
                }
            }
        }
        self.problems.extend(problems);
        self.kb.lexicon = lexicon.build();
    }
}
