//! Negative facts and completeness records that facts contradict.

use std::collections::HashMap;

use crate::kb::{Completeness, Days, EntityId, Fact, FactId, KnowledgeBase, RelationId};

use super::sweep::for_each_meeting;
use super::{Finding, Level, at_fact, fact_list, span_text};

/// A negative fact and positive facts of its pair over a common time: one finding per negative
/// fact, naming the positive facts it contradicts. The facts are grouped by pair, and each pair's
/// are swept once (see [`for_each_meeting`]).
pub(super) fn positive_and_negative(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    type Split<'k> = (Vec<&'k Fact>, Vec<&'k Fact>);
    let mut pairs: HashMap<(RelationId, EntityId, Option<EntityId>), Split> = HashMap::new();
    for fact in kb.facts() {
        let (negatives, positives) = pairs
            .entry((fact.relation, fact.subject, fact.object))
            .or_default();
        if fact.negative {
            negatives.push(fact);
        } else {
            positives.push(fact);
        }
    }
    for (negatives, positives) in pairs.values() {
        if negatives.is_empty() || positives.is_empty() {
            continue;
        }
        // A positive fact contradicts a negative one on the days it certainly holds or, if it
        // holds on none for certain, on the days it may hold.
        let held: Vec<Days> = positives
            .iter()
            .map(|fact| {
                let (certain, possible) = fact.days();
                certain.unwrap_or(possible)
            })
            .collect();
        let (denying, denied): (Vec<&Fact>, Vec<Days>) = negatives
            .iter()
            .filter_map(|&fact| Some((fact, fact.days().0?)))
            .unzip();
        for_each_meeting(&held, &denied, |index, meeting| {
            let negative = denying[index];
            let contradicted = match meeting.len() {
                0 => return,
                1 => {
                    let positive = positives[meeting.items().next().expect("one fact")];
                    format!(
                        "'{}' ({}) in {}",
                        positive.id,
                        span_text(positive),
                        kb.file_name(positive.file)
                    )
                }
                count => format!(
                    "{count} facts: {}",
                    fact_list(kb, meeting.items().map(|item| positives[item]), count, true)
                ),
            };
            findings.push(Finding {
                level: Level::Error,
                file: kb.file_name(negative.file).to_owned(),
                location: at_fact(negative),
                line: None,
                message: format!(
                    "negative fact '{}' ({}) contradicts {contradicted}",
                    negative.id,
                    span_text(negative),
                ),
                help: Some("correct the dates of one of them, or remove the one its sources do not support".to_owned()),
            });
        });
    }
}

/// A fact inside a completeness record's span that was reviewed after the record: the record's
/// sources did not list it, so one of the two is wrong.
///
/// The records are grouped by relation and fixed sides, each group's facts are found through the
/// knowledge base's indexes, and each group is swept once (see [`for_each_meeting`]): the cost
/// grows with the facts and records, and with the pairs of them whose spans meet.
pub(super) fn against_completeness(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    type Key = (RelationId, Option<EntityId>, Option<EntityId>);
    let mut groups: HashMap<Key, Vec<&Completeness>> = HashMap::new();
    for record in kb.completeness_records() {
        groups
            .entry((record.relation, record.subject, record.object))
            .or_default()
            .push(record);
    }
    for (&(relation, subject, object), records) in &groups {
        let candidates: &[FactId] = match (subject, object) {
            (Some(subject), Some(object)) => kb.facts_of_pair(relation, subject, object),
            (Some(subject), None) => kb.facts_by_subject(relation, subject),
            (None, Some(object)) => kb.facts_by_object(relation, object),
            // Loading refuses a record that fixes neither side.
            (None, None) => &[],
        };
        let facts: Vec<&Fact> = candidates
            .iter()
            .map(|&id| kb.fact(id))
            .filter(|fact| !fact.negative)
            .collect();
        let spans: Vec<Days> = records
            .iter()
            .map(|record| Days {
                first: record.from.first_day(),
                last: record.to.last_day(),
            })
            .collect();
        let held: Vec<Days> = facts.iter().map(|fact| fact.days().1).collect();
        for_each_meeting(&spans, &held, |index, meeting| {
            let fact = facts[index];
            for record in meeting.items().map(|item| records[item]) {
                if fact.reviewed.first_day() > record.reviewed.last_day() {
                    findings.push(Finding {
                        level: Level::Error,
                        file: kb.file_name(fact.file).to_owned(),
                        location: at_fact(fact),
                        line: None,
                        message: format!(
                            "'{}' ({}) falls within completeness record '{}' ({} to {}), which was reviewed on {} before it: the record's sources did not list it",
                            fact.id, span_text(fact), record.id, record.from, record.to, record.reviewed
                        ),
                        help: Some("check the fact against the record's sources, then review the record again or correct the fact".to_owned()),
                    });
                }
            }
        });
    }
}
