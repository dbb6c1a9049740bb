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
        .map(|fact| (kb.fact_id(fact), (fact.file, Section::Facts, fact.index)));
    let records = kb.completeness.par_iter().map(|record| {
        let key = (record.file, Section::Completeness, record.index);
        (kb.record_id(record), key)
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

#[cfg(test)]
mod tests {
    use crate::load::load_texts;

    const HEADERS: &str = r#"
sources:
  - {id: s, url: "https://example.org/s", title: S, publisher: P, accessed: "2026-01-01"}
entities:
  - {id: a, name: A, kind: country}
  - {id: t, name: T, kind: treaty}
relations:
  - {id: party_to, kind: state, subject: country, object: treaty}
"#;

    fn fact(id: &str, subject: &str) -> String {
        format!(
            "  - {{id: {id}, relation: party_to, subject: {subject}, object: t, from: \"2000-01-01\", sources: [s], reviewed: \"2026-01-01\"}}\n"
        )
    }

    #[test]
    fn problems_of_files_resolved_apart_come_in_file_order_citing_the_first_holder() {
        let first = format!("{HEADERS}facts:\n{}{}", fact("x", "a"), fact("y", "nobody"));
        let second = format!("facts:\n{}{}", fact("y", "a"), fact("x", "a"));
        let third = "completeness:\n  - {id: x, relation: party_to, subject: a, from: \"2000-01-01\", to: \"2001-01-01\", sources: [s], reviewed: \"2026-01-01\"}\n";
        let files = [
            ("one.yaml".to_owned(), first.as_str()),
            ("two.yaml".to_owned(), second.as_str()),
            ("three.yaml".to_owned(), third),
        ];
        let problems: Vec<String> = load_texts(&files)
            .expect_err("the ids repeat")
            .problems
            .iter()
            .map(|problem| problem.to_string().lines().next().unwrap().to_owned())
            .collect();
        assert_eq!(
            problems,
            [
                "one.yaml: facts[1].subject (id 'y'): unknown entity 'nobody'",
                "two.yaml: facts[1].id (id 'x'): duplicate fact id 'x' (also in one.yaml)",
                "three.yaml: completeness[0].id (id 'x'): duplicate id 'x' (also in one.yaml)",
            ]
        );
    }
}
