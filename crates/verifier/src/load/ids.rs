//! Every fact and completeness record has an id of its own across all files. Duplicates are found
//! by sorting the ids once every file is resolved, not by a map that each file's task would share.

use rayon::prelude::*;

use super::LoadProblem;
use super::builder::Item;
use super::facts::{ItemKey, Section};
use crate::kb::KnowledgeBase;

/// A problem for every fact or record whose id an earlier one (in file order) already has, at
/// the later one, naming the file of the first.
pub(super) fn duplicate_ids(kb: &KnowledgeBase) -> Vec<(ItemKey, LoadProblem)> {
    let facts = kb
        .facts
        .par_iter()
        .map(|fact| (&*fact.id, (fact.file, Section::Facts, fact.index)));
    let records = kb.completeness.par_iter().map(|record| {
        let key = (record.file, Section::Completeness, record.index);
        (&*record.id, key)
    });
    let mut ids: Vec<(&str, ItemKey)> = facts.chain(records).collect();
    ids.par_sort_unstable();
    let mut problems = Vec::new();
    for run in ids.chunk_by(|a, b| a.0 == b.0) {
        let (_, (first, _, _)) = run[0];
        let other = kb.file_name(first);
        for &(id, key) in &run[1..] {
            let (file, section, index) = key;
            let (section_name, message, help) = match section {
                Section::Facts => (
                    "facts",
                    format!("duplicate fact id '{id}' (also in {other})"),
                    Some("give one of the facts an `id` of its own".to_owned()),
                ),
                Section::Completeness => (
                    "completeness",
                    format!("duplicate id '{id}' (also in {other})"),
                    None,
                ),
            };
            let item = Item::new(kb.file_name(file), section_name, index as usize, Some(id));
            problems.push((key, item.field("id").problem(message, help)));
        }
    }
    problems
}
