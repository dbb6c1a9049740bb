//! Entities, relations and sources that nothing uses.

use crate::kb::{EntityId, KnowledgeBase};
use crate::load::Location;

use super::{Finding, Level};

/// Entities, relations and sources that nothing uses, marked by number as facts and records use
/// them.
pub(super) fn unused(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let mut entities = vec![false; kb.entities().len()];
    let mut relations = vec![false; kb.relations().len()];
    let mut sources = vec![false; kb.sources.len()];
    let mut use_entity = |entity: EntityId| entities[entity.0 as usize] = true;
    for fact in kb.facts() {
        use_entity(fact.subject);
        fact.object.into_iter().for_each(&mut use_entity);
        fact.qualifiers()
            .values()
            .copied()
            .for_each(&mut use_entity);
        relations[fact.relation.0 as usize] = true;
        for source in fact.sources.iter() {
            sources[source.0 as usize] = true;
        }
    }
    for record in kb.completeness_records() {
        record.subject.into_iter().for_each(&mut use_entity);
        record.object.into_iter().for_each(&mut use_entity);
        relations[record.relation.0 as usize] = true;
        for source in record.sources.iter() {
            sources[source.0 as usize] = true;
        }
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
        if !entities[index] {
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
        let used = relations[index]
            || relation
                .inverse
                .is_some_and(|mirrored| relations[mirrored.0 as usize]);
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
            && !sources[index]
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
