//! Aliases of two entities that read alike.

use std::collections::{HashMap, HashSet};

use claims_parser::fold;

use crate::kb::KnowledgeBase;
use crate::load::Location;

use super::{Finding, Level};

/// Aliases of two entities that read as the same name (by `fold`, as the parser reads names) in
/// different languages: a warning. In the same language, loading refuses them.
///
/// The lexicon tells which folded names several entities share; only those entities' aliases are
/// read, in the order of the entities.
pub(super) fn alias_lookalikes(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let mut shared: HashSet<&str, foldhash::fast::RandomState> = HashSet::default();
    let mut involved: Vec<usize> = Vec::new();
    for (folded, entities) in kb.lexicon().shared_aliases() {
        shared.insert(folded);
        involved.extend(
            entities
                .iter()
                .filter_map(|entity| kb.entity_id(&entity.id))
                .map(|id| id.0 as usize),
        );
    }
    involved.sort_unstable();
    involved.dedup();
    let mut seen: HashMap<String, (usize, &str), foldhash::fast::RandomState> = HashMap::default();
    for index in involved {
        let entity = &kb.entities()[index];
        for (language, name) in entity.aliases.iter() {
            let folded = fold(name);
            if !shared.contains(folded.as_str()) {
                continue;
            }
            match seen.get(&folded) {
                Some((other, other_name)) if *other != index => {
                    let other = &kb.entities()[*other];
                    findings.push(Finding {
                        level: Level::Warning,
                        file: kb.file_name(entity.file).to_owned(),
                        location: Location::Item {
                            path: format!("entities[{}].aliases.{language}", entity.index),
                            id: Some(entity.id.clone()),
                        },
                        line: None,
                        message: format!(
                            "alias '{name}' of '{}' reads as the same name as alias '{other_name}' of '{}' (case, accents and punctuation aside)",
                            entity.id, other.id
                        ),
                        help: Some("assertions in other languages fall back to it; use a more specific alias".to_owned()),
                    });
                }
                Some(_) => {}
                None => {
                    seen.insert(folded, (index, name));
                }
            }
        }
    }
}
