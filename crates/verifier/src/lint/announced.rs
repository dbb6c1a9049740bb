//! Events and ends that their sources only announced.

use crate::kb::{Fact, FactTime, KnowledgeBase, SpanEnd};

use super::{Finding, Level, at_fact, span_text};

/// An event dated after every one of its sources was read: announced, not confirmed.
pub(super) fn scheduled_events(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    for fact in kb.facts() {
        if let Some(read) = scheduled(kb, fact) {
            findings.push(Finding {
                level: Level::Warning,
                file: kb.file_name(fact.file).to_owned(),
                location: at_fact(kb, fact),
                line: None,
                message: format!("event '{}' on {} is dated after its sources were last read ({read}): it was scheduled, not confirmed", kb.fact_id(fact), span_text(fact)),
                help: Some("once it has happened, cite a source that reports it".to_owned()),
            });
        }
    }
}

/// A fact's recorded end, or an event's day, after the publication of every source it cites: the
/// sources announced it; none reports it.
pub(super) fn announced_ends(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    for fact in kb.facts() {
        let (what, date, help) = match fact.time {
            FactTime::On(on) => (
                "happens",
                on,
                "cite a source published after it that reports it",
            ),
            FactTime::Span {
                end: SpanEnd::To(to),
                ..
            } => (
                "ends",
                to,
                "cite a source published after it that reports it, or record that it is `known_until` that day",
            ),
            _ => continue,
        };
        let published: Option<Vec<claims_parser::PartialDate>> = fact
            .sources
            .iter()
            .map(|&s| kb.source(s).published)
            .collect();
        let Some(latest) =
            published.and_then(|dates| dates.into_iter().max_by_key(|d| d.last_day()))
        else {
            continue;
        };
        if date.first_day() > latest.last_day() {
            findings.push(Finding {
                level: Level::Warning,
                file: kb.file_name(fact.file).to_owned(),
                location: at_fact(kb, fact),
                line: None,
                message: format!(
                    "fact '{}' {what} on {date}, after every source it cites was published (the latest on {latest}): they announced it, they did not report it",
                    kb.fact_id(fact)
                ),
                help: Some(help.to_owned()),
            });
        }
    }
}

/// The date an event's sources were last read, if the event is dated after it.
pub(crate) fn scheduled(kb: &KnowledgeBase, fact: &Fact) -> Option<claims_parser::PartialDate> {
    let FactTime::On(on) = fact.time else {
        return None;
    };
    let read = fact
        .sources
        .iter()
        .map(|&s| kb.source(s).accessed)
        .max_by_key(|d| d.last_day())?;
    (on.first_day() > read.last_day()).then_some(read)
}
