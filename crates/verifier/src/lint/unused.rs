//! Entities, relations and sources that nothing uses.

use std::collections::HashSet;

use crate::kb::{EntityId, KnowledgeBase, RelationId};
use crate::load::Location;

use super::{Finding, Level};

/// Entities, relations and sources that nothing uses.
pub(super) fn unused(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let mut entities: HashSet<EntityId> = HashSet::new();
    let mut relations: HashSet<RelationId> = HashSet::new();
    let mut sources = HashSet::new();
    for fact in kb.facts() {
        entities.insert(fact.subject);
        entities.extend(fact.object);
        entities.extend(fact.qualifiers().values().copied());
        relations.insert(fact.relation);
        sources.extend(fact.sources.iter().copied());
    }
    for record in kb.completeness_records() {
        entities.extend(record.subject);
        entities.extend(record.object);
        relations.insert(record.relation);
        sources.extend(record.sources.iter().copied());
    }
    let warn = |file: &str, path: String, id: Option<&str>, message: String| Finding {
        level: Level::Warning,
        file: file.to_owned(),
        location: Location::Item {
            path,
            id: id.map(str::to_owned),
        },
        line: None,
        message,
        help: None,
    };
    for (index, entity) in kb.entities().iter().enumerate() {
        if !entities.contains(&EntityId(index as u32)) {
            let message = format!(
                "entity '{}' is not used by any fact or completeness record",
                entity.id
            );
            findings.push(warn(
                kb.file_name(entity.file),
                format!("entities[{}]", entity.index),
                Some(&entity.id),
                message,
            ));
        }
    }
    for (index, relation) in kb.relations().iter().enumerate() {
        let used = relations.contains(&RelationId(index as u32))
            || relation
                .inverse
                .is_some_and(|mirrored| relations.contains(&mirrored));
        if !used {
            let message = format!("relation '{}' has no facts", relation.id);
            findings.push(warn(
                kb.file_name(relation.file),
                format!("relations[{}]", relation.index),
                Some(&relation.id),
                message,
            ));
        }
    }
    for (index, source) in kb.sources.iter().enumerate() {
        if let Some(id) = &source.id
            && !sources.contains(&crate::kb::SourceId(index as u32))
        {
            let message = format!("source '{id}' is not cited");
            findings.push(warn(
                kb.file_name(source.file),
                format!("sources[{}]", source.index),
                Some(id),
                message,
            ));
        }
    }
}
