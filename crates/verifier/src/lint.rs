//! Checks of the reference data beyond what loading refuses: what a curator should look at before
//! a change is merged. Each finding has a level, a location and a message.

use std::collections::{BTreeMap, HashMap, HashSet};

use claims_parser::fold;

use crate::kb::{Days, EntityId, Fact, FactTime, KnowledgeBase, RelationId, SpanEnd};
use crate::load::{LoadProblem, Location};
use crate::model::SingleValued;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The data is wrong or contradicts itself: `ref lint` exits with 1.
    Error,
    /// Worth a look, but not wrong.
    Warning,
}

/// One finding of `ref lint`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// How serious it is.
    pub level: Level,
    /// The file, relative to the parent of its root.
    pub file: String,
    /// Where in the file.
    pub location: Location,
    /// What was found.
    pub message: String,
    /// What to do about it, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Finding {
    /// A loading problem as an error finding.
    pub fn from_problem(problem: &LoadProblem) -> Finding {
        Finding {
            level: Level::Error,
            file: problem.file.clone(),
            location: problem.location.clone(),
            message: problem.message.clone(),
            help: problem.help.clone(),
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let problem = LoadProblem {
            file: self.file.clone(),
            location: self.location.clone(),
            message: self.message.clone(),
            help: self.help.clone(),
        };
        write!(f, "{level}: {problem}")
    }
}

fn at_fact(fact: &Fact) -> Location {
    Location::Item {
        path: format!("facts[{}]", fact.index),
        id: Some(fact.id.to_string()),
    }
}

/// Lints a loaded knowledge base. Findings are sorted by file, then position.
pub fn lint(kb: &KnowledgeBase) -> Vec<Finding> {
    let mut findings = Vec::new();
    single_valued_overlaps(kb, &mut findings);
    positive_and_negative(kb, &mut findings);
    scheduled_events(kb, &mut findings);
    announced_ends(kb, &mut findings);
    against_completeness(kb, &mut findings);
    alias_lookalikes(kb, &mut findings);
    unused(kb, &mut findings);
    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            (
                f.file.clone(),
                location_key(&f.location),
                f.level,
                f.message.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    findings
}

/// Sorts `facts[2]` before `facts[10]`.
fn location_key(location: &Location) -> (String, usize, String) {
    match location {
        Location::Item { path, .. } => {
            let (section, rest) = path.split_once('[').unwrap_or((path, ""));
            let index = rest
                .split(']')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            (section.to_owned(), index, path.clone())
        }
        Location::Position { line, .. } => (String::new(), *line, String::new()),
        Location::File => (String::new(), 0, String::new()),
    }
}

fn span_text(fact: &Fact) -> String {
    match fact.time {
        FactTime::Span {
            from,
            end: SpanEnd::To(to),
        } => format!("{from} to {to}"),
        FactTime::Span {
            from,
            end: SpanEnd::Open,
        } => format!("from {from}"),
        FactTime::Span {
            from,
            end: SpanEnd::KnownUntil(until),
        } => format!("from {from}, known to hold until {until}"),
        FactTime::On(on) => on.to_string(),
        FactTime::Always => "always".to_owned(),
    }
}

/// Two values of a single-valued relation that certainly hold on more than one common day.
fn single_valued_overlaps(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    for (index, relation) in kb.relations().iter().enumerate() {
        let Some(single) = relation.single_valued else {
            continue;
        };
        let relation_id = RelationId(index as u32);
        let mut groups: BTreeMap<EntityId, Vec<&Fact>> = BTreeMap::new();
        for fact in kb
            .facts()
            .iter()
            .filter(|f| f.relation == relation_id && !f.negative)
        {
            let fixed = match single {
                SingleValued::PerObject => fact.object,
                SingleValued::PerSubject => Some(fact.subject),
            };
            if let Some(fixed) = fixed {
                groups.entry(fixed).or_default().push(fact);
            }
        }
        for facts in groups.values() {
            for (i, a) in facts.iter().enumerate() {
                for b in &facts[i + 1..] {
                    let other = |fact: &Fact| match single {
                        SingleValued::PerObject => Some(fact.subject),
                        SingleValued::PerSubject => fact.object,
                    };
                    if other(a) == other(b) {
                        continue;
                    }
                    let (Some(x), Some(y)) = (a.days().0, b.days().0) else {
                        continue;
                    };
                    let first = x.first.max(y.first);
                    let last = x.last.min(y.last);
                    if first < last {
                        let (later, earlier) = if b.days().1.first >= a.days().1.first {
                            (b, a)
                        } else {
                            (a, b)
                        };
                        findings.push(Finding {
                            level: Level::Error,
                            file: later.file.to_string(),
                            location: at_fact(later),
                            message: format!(
                                "'{}' is single-valued, but '{}' ({}) overlaps '{}' ({}) from {first} to {}",
                                relation.id,
                                later.id,
                                span_text(later),
                                earlier.id,
                                span_text(earlier),
                                if last == jiff::civil::Date::MAX { "now".to_owned() } else { last.to_string() }
                            ),
                            help: Some("end the earlier fact when the later begins (a same-day handover is allowed)".to_owned()),
                        });
                    }
                }
            }
        }
    }
}

/// A positive and a negative fact of one pair over a common time.
fn positive_and_negative(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let mut pairs: BTreeMap<(RelationId, EntityId, Option<EntityId>), Vec<&Fact>> = BTreeMap::new();
    for fact in kb.facts() {
        pairs
            .entry((fact.relation, fact.subject, fact.object))
            .or_default()
            .push(fact);
    }
    for facts in pairs.values() {
        for negative in facts.iter().filter(|f| f.negative) {
            for positive in facts.iter().filter(|f| !f.negative) {
                let (Some(denied), (_, held)) = (negative.days().0, positive.days()) else {
                    continue;
                };
                let certain = positive.days().0;
                if certain.is_some_and(|c| c.meets(&denied))
                    || (positive.days().0.is_none() && held.meets(&denied))
                {
                    findings.push(Finding {
                        level: Level::Error,
                        file: negative.file.to_string(),
                        location: at_fact(negative),
                        message: format!(
                            "negative fact '{}' ({}) contradicts '{}' ({}) in {}",
                            negative.id,
                            span_text(negative),
                            positive.id,
                            span_text(positive),
                            positive.file
                        ),
                        help: Some("correct the dates of one of them, or remove the one its sources do not support".to_owned()),
                    });
                }
            }
        }
    }
}

/// An event dated after every one of its sources was read: announced, not confirmed.
fn scheduled_events(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    for fact in kb.facts() {
        if let Some(read) = scheduled(kb, fact) {
            findings.push(Finding {
                level: Level::Warning,
                file: fact.file.to_string(),
                location: at_fact(fact),
                message: format!("event '{}' on {} is dated after its sources were last read ({read}): it was scheduled, not confirmed", fact.id, span_text(fact)),
                help: Some("once it has happened, cite a source that reports it".to_owned()),
            });
        }
    }
}

/// A fact's recorded end, or an event's day, after the publication of every source it cites: the
/// sources announced it; none reports it.
fn announced_ends(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
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
                file: fact.file.to_string(),
                location: at_fact(fact),
                message: format!(
                    "fact '{}' {what} on {date}, after every source it cites was published (the latest on {latest}): they announced it, they did not report it",
                    fact.id
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

/// A fact inside a completeness record's span that was reviewed after the record: the record's
/// sources did not list it, so one of the two is wrong.
fn against_completeness(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    for record in kb.completeness_records() {
        let span = Days {
            first: record.from.first_day(),
            last: record.to.last_day(),
        };
        for fact in kb.facts() {
            if fact.relation != record.relation
                || fact.negative
                || record.subject.is_some_and(|s| s != fact.subject)
                || record.object.is_some_and(|o| Some(o) != fact.object)
            {
                continue;
            }
            let (_, days) = fact.days();
            if span.meets(&days) && fact.reviewed.first_day() > record.reviewed.last_day() {
                findings.push(Finding {
                    level: Level::Error,
                    file: fact.file.to_string(),
                    location: at_fact(fact),
                    message: format!(
                        "'{}' ({}) falls within completeness record '{}' ({} to {}), which was reviewed on {} before it: the record's sources did not list it",
                        fact.id, span_text(fact), record.id, record.from, record.to, record.reviewed
                    ),
                    help: Some("check the fact against the record's sources, then review the record again or correct the fact".to_owned()),
                });
            }
        }
    }
}

/// Aliases of two entities that read as the same name (by `fold`, as the parser reads names) in
/// different languages: a warning. In the same language, loading refuses them.
fn alias_lookalikes(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let mut seen: HashMap<String, (usize, String)> = HashMap::new();
    for (index, entity) in kb.entities().iter().enumerate() {
        for (language, names) in &entity.aliases {
            for name in names {
                let folded = fold(name);
                match seen.get(&folded) {
                    Some((other, other_name)) if *other != index => {
                        let other = &kb.entities()[*other];
                        findings.push(Finding {
                            level: Level::Warning,
                            file: entity.file.to_string(),
                            location: Location::Item {
                                path: format!("entities[{}].aliases.{language}", entity.index),
                                id: Some(entity.id.clone()),
                            },
                            message: format!(
                                "alias '{name}' of '{}' reads as the same name as alias '{other_name}' of '{}' (case, accents and punctuation aside)",
                                entity.id, other.id
                            ),
                            help: Some("assertions in other languages fall back to it; use a more specific alias".to_owned()),
                        });
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(folded, (index, name.clone()));
                    }
                }
            }
        }
    }
}

/// Entities, relations and sources that nothing uses.
fn unused(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let mut entities: HashSet<EntityId> = HashSet::new();
    let mut relations: HashSet<RelationId> = HashSet::new();
    let mut sources = HashSet::new();
    for fact in kb.facts() {
        entities.insert(fact.subject);
        entities.extend(fact.object);
        entities.extend(fact.qualifiers.values().copied());
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
                &entity.file,
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
                &relation.file,
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
                &source.file,
                format!("sources[{}]", source.index),
                Some(id),
                message,
            ));
        }
    }
}
