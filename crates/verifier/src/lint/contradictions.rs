//! Negative facts and completeness records that facts contradict.

use rustc_hash::FxHashMap;

use crate::kb::{Days, EntityId, Fact, FactId, KnowledgeBase, RelationId};

use super::sweep::for_each_meeting;
use super::{Finding, Level, at_fact, fact_list, span_text};

/// A negative fact and positive facts of its pair over a common time: one finding per negative
/// fact, naming the positive facts it contradicts. The negative facts are grouped by pair, each
/// pair's positive facts are found through the knowledge base's indexes, and each pair is swept
/// once (see [`for_each_meeting`]).
pub(super) fn positive_and_negative(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    type Pair = (RelationId, EntityId, Option<EntityId>);
    let mut pairs: FxHashMap<Pair, Vec<&Fact>> = FxHashMap::default();
    for fact in kb.facts().iter().filter(|fact| fact.negative) {
        pairs
            .entry((fact.relation, fact.subject, fact.object))
            .or_default()
            .push(fact);
    }
    let mut positives = Vec::new();
    for (&(relation, subject, object), negatives) in &pairs {
        let candidates = match object {
            Some(object) => kb.facts_of_pair(relation, subject, object),
            None => kb.facts_by_subject(relation, subject),
        };
        positives.clear();
        positives.extend(
            candidates
                .iter()
                .map(|&id| kb.fact(id))
                .filter(|fact| !fact.negative && fact.object == object),
        );
        if positives.is_empty() {
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
                        kb.fact_id(positive),
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
                location: at_fact(kb, negative),
                line: None,
                message: format!(
                    "negative fact '{}' ({}) contradicts {contradicted}",
                    kb.fact_id(negative),
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
/// The records are taken in their groups by relation and fixed sides (the knowledge base's
/// index), each group's facts are found through the indexes, and each group is swept once (see [`for_each_meeting`]): the cost
/// grows with the facts and records, and with the pairs of them whose spans meet.
pub(super) fn against_completeness(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let (mut records, mut facts, mut spans, mut held) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for ((relation, subject, object), positions) in kb.completeness_groups() {
        records.clear();
        records.extend(
            positions
                .iter()
                .map(|&at| &kb.completeness_records()[at as usize]),
        );
        let candidates: &[FactId] = match (subject, object) {
            (Some(subject), Some(object)) => kb.facts_of_pair(relation, subject, object),
            (Some(subject), None) => kb.facts_by_subject(relation, subject),
            (None, Some(object)) => kb.facts_by_object(relation, object),
            // Loading refuses a record that fixes neither side.
            (None, None) => &[],
        };
        facts.clear();
        facts.extend(
            candidates
                .iter()
                .map(|&id| kb.fact(id))
                .filter(|fact| !fact.negative),
        );
        spans.clear();
        spans.extend(records.iter().map(|record| Days {
            first: record.from.first_day(),
            last: record.to.last_day(),
        }));
        held.clear();
        held.extend(facts.iter().map(|fact| fact.days().1));
        for_each_meeting(&spans, &held, |index, meeting| {
            let fact = facts[index];
            for record in meeting.items().map(|item| records[item]) {
                if fact.reviewed.first_day() > record.reviewed.last_day() {
                    findings.push(Finding {
                        level: Level::Error,
                        file: kb.file_name(fact.file).to_owned(),
                        location: at_fact(kb, fact),
                        line: None,
                        message: format!(
                            "'{}' ({}) falls within completeness record '{}' ({} to {}), which was reviewed on {} before it: the record's sources did not list it",
                            kb.fact_id(fact), span_text(fact), kb.record_id(record), record.from, record.to, record.reviewed
                        ),
                        help: Some("check the fact against the record's sources, then review the record again or correct the fact".to_owned()),
                    });
                }
            }
        });
    }
}
