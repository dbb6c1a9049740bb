//! The curator's to-do list: facts and completeness records not reviewed or read for a while, and
//! scheduled events whose date has passed.

use claims_parser::PartialDate;
use jiff::civil::Date;

use crate::kb::KnowledgeBase;
use crate::lint::scheduled;
use crate::load::Location;

/// Why an item is on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StaleReason {
    /// Reviewed, or a source read, before the threshold.
    NotReviewed,
    /// An event announced before it happened, whose date has passed: confirm it took place.
    ScheduledEventPassed,
}

/// One item to look at again.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaleItem {
    /// The file.
    pub file: String,
    /// Where in the file.
    pub location: Location,
    /// The oldest date that makes it stale: its review, a source's reading, or the event's date.
    pub since: PartialDate,
    /// Why.
    pub reason: StaleReason,
    /// What to do, in one line.
    pub message: String,
}

/// Every fact and completeness record reviewed or with a source read before `today` less `days`,
/// and every scheduled event dated before `today`, oldest first.
pub fn stale(kb: &KnowledgeBase, today: Date, days: i32) -> Vec<StaleItem> {
    let cutoff = today
        .checked_sub(jiff::Span::new().days(days))
        .unwrap_or(Date::MIN);
    let mut items = Vec::new();
    let oldest = |reviewed: PartialDate, sources: &[crate::kb::SourceId]| {
        sources
            .iter()
            .map(|&s| kb.source(s).accessed)
            .chain([reviewed])
            .min_by_key(|date| date.last_day())
            .expect("the review date is always there")
    };
    for fact in kb.facts() {
        let id = kb.fact_id(fact);
        let location = Location::Item {
            path: format!("facts[{}]", fact.index),
            id: Some(id.to_owned()),
        };
        let since = oldest(fact.reviewed, &fact.sources);
        if since.last_day() < cutoff {
            items.push(StaleItem {
                file: kb.file_name(fact.file).to_owned(),
                location: location.clone(),
                since,
                reason: StaleReason::NotReviewed,
                message: format!(
                    "review '{id}' against its sources: last reviewed or read on {since}"
                ),
            });
        }
        if let (Some(read), crate::kb::FactTime::On(on)) = (scheduled(kb, fact), fact.time)
            && on.last_day() < today
        {
            items.push(StaleItem {
                file: kb.file_name(fact.file).to_owned(),
                location,
                since: on,
                reason: StaleReason::ScheduledEventPassed,
                message: format!("confirm that '{id}' happened on {on}: its sources were read on {read}, before it"),
            });
        }
    }
    for record in kb.completeness_records() {
        let id = kb.record_id(record);
        let since = oldest(record.reviewed, &record.sources);
        if since.last_day() < cutoff {
            items.push(StaleItem {
                file: kb.file_name(record.file).to_owned(),
                location: Location::Item {
                    path: format!("completeness[{}]", record.index),
                    id: Some(id.to_owned()),
                },
                since,
                reason: StaleReason::NotReviewed,
                message: format!(
                    "review completeness record '{id}': last reviewed or read on {since}"
                ),
            });
        }
    }
    items.sort_by(|a, b| {
        (a.since.first_day(), &a.file, &a.message).cmp(&(b.since.first_day(), &b.file, &b.message))
    });
    items
}
