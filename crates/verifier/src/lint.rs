//! Checks of the reference data beyond what loading refuses: what a curator should look at before
//! a change is merged. Each finding has a level, a location and a message.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};

use claims_parser::fold;
use jiff::civil::Date;

use crate::kb::{
    Completeness, Days, EntityId, Fact, FactId, FactTime, KnowledgeBase, Relation, RelationId,
    SpanEnd,
};
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
    findings.sort_by_cached_key(|f| {
        (
            f.file.clone(),
            location_key(&f.location),
            f.level,
            f.message.clone(),
        )
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

/// How many facts a finding names before it counts the rest.
const NAMED_FACTS: usize = 5;

/// How many stretches of days a finding names before it counts the rest.
const NAMED_STRETCHES: usize = 3;

/// `'a' (span), 'b' (span) and 3 more`: the first [`NAMED_FACTS`] of `facts` (of `total`), each
/// with its span and, when `in_file`, its file.
fn fact_list<'k>(facts: impl Iterator<Item = &'k Fact>, total: usize, in_file: bool) -> String {
    let mut named: Vec<String> = facts
        .take(NAMED_FACTS)
        .map(|fact| {
            let name = format!("'{}' ({})", fact.id, span_text(fact));
            if in_file {
                format!("{name} in {}", fact.file)
            } else {
                name
            }
        })
        .collect();
    if total > named.len() {
        named.push(format!("{} more", total - named.len()));
    }
    and_list(named)
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(mut items: Vec<String>) -> String {
    match items.pop() {
        Some(last) if !items.is_empty() => format!("{} and {last}", items.join(", ")),
        Some(last) => last,
        None => String::new(),
    }
}

/// The days on which a fact of a single-valued relation certainly holds, and its value: the side
/// that may hold one value at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Held {
    /// The first day.
    first: Date,
    /// The last day (jiff's maximum date when it holds still).
    last: Date,
    /// The value.
    value: Option<EntityId>,
}

/// Values of a single-valued relation that certainly hold on more than one common day. Two facts
/// of different values overlap when the later begins before the earlier's last day (a same-day
/// handover is allowed); one finding reports each run, a maximal set of facts linked by overlaps,
/// with the days on which two of them hold at once.
///
/// Facts are grouped by relation and fixed side through the knowledge base's indexes, and each
/// group is swept in order of first day: the cost grows with the facts, not with their pairs.
fn single_valued_overlaps(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
    let groups = kb
        .by_object
        .iter()
        .map(|(&(relation, _), facts)| (relation, SingleValued::PerObject, facts))
        .chain(
            kb.by_subject
                .iter()
                .map(|(&(relation, _), facts)| (relation, SingleValued::PerSubject, facts)),
        );
    for (relation_id, side, ids) in groups {
        let relation = kb.relation(relation_id);
        if relation.single_valued != Some(side) {
            continue;
        }
        let (facts, held): (Vec<FactId>, Vec<Held>) = ids
            .iter()
            .filter_map(|&id| {
                let fact = kb.fact(id);
                let days = fact.days().0.filter(|_| !fact.negative)?;
                // A fact that certainly holds on one day at most shares two days with none.
                (days.first < days.last).then_some((
                    id,
                    Held {
                        first: days.first,
                        last: days.last,
                        value: match side {
                            SingleValued::PerObject => Some(fact.subject),
                            SingleValued::PerSubject => fact.object,
                        },
                    },
                ))
            })
            .unzip();
        for run in overlapping_runs(&held) {
            findings.push(overlap_finding(kb, relation, &facts, &held, run));
        }
    }
}

/// The runs of `held`, as indices: the sets of two or more linked by overlaps of different values.
///
/// One sweep in order of first day, with a union-find of the runs. When a fact begins, the facts
/// that still hold on its first day and the next (the active ones) overlap it if their value
/// differs. Any two active facts of different values overlap each other, so when the active facts
/// have two or more values they are all in one run, and a fact that overlaps one of them joins it.
fn overlapping_runs(held: &[Held]) -> Vec<Vec<usize>> {
    fn root(parent: &mut [usize], mut at: usize) -> usize {
        while parent[at] != at {
            parent[at] = parent[parent[at]];
            at = parent[at];
        }
        at
    }
    let mut order: Vec<usize> = (0..held.len()).collect();
    order.sort_by_key(|&index| (held[index].first, index));
    let mut parent: Vec<usize> = (0..held.len()).collect();
    // The active facts: by last day, to retire them; how many of each value; how many of each
    // run (by its root).
    let mut ending: BinaryHeap<Reverse<(Date, usize)>> = BinaryHeap::new();
    let mut values: HashMap<Option<EntityId>, usize> = HashMap::new();
    let mut runs: HashMap<usize, usize> = HashMap::new();
    for index in order {
        let Held { first, last, value } = held[index];
        while let Some(&Reverse((end, ended))) = ending.peek()
            && end <= first
        {
            ending.pop();
            let retired = held[ended].value;
            decrement(&mut values, retired);
            let run = root(&mut parent, ended);
            decrement(&mut runs, run);
        }
        if values.keys().any(|&other| other != value) {
            let active: usize = runs.values().sum();
            for (run, _) in runs.drain() {
                parent[run] = index;
            }
            runs.insert(index, active + 1);
        } else {
            runs.insert(index, 1);
        }
        *values.entry(value).or_default() += 1;
        ending.push(Reverse((last, index)));
    }
    let mut grouped: HashMap<usize, Vec<usize>> = HashMap::new();
    for index in 0..held.len() {
        grouped
            .entry(root(&mut parent, index))
            .or_default()
            .push(index);
    }
    grouped
        .into_values()
        .filter(|members| members.len() > 1)
        .collect()
}

/// Counts one fewer of `key`, forgetting it at none.
fn decrement<K: std::hash::Hash + Eq>(counts: &mut HashMap<K, usize>, key: K) {
    if let Some(count) = counts.get_mut(&key) {
        *count -= 1;
        if *count == 0 {
            counts.remove(&key);
        }
    }
}

/// The days on which two of `held` of different values both hold, as (first day, last day)
/// stretches in order: a sweep over the days they begin and end, counting the values held.
///
/// A fact is counted from its first day up to, not including, its last: two facts share two days
/// exactly when these ranges meet, and what they share is reported to the earlier last day.
fn overlap_stretches<'h>(held: impl Iterator<Item = &'h Held>) -> Vec<(Date, Date)> {
    let mut changes: Vec<(Date, bool, Option<EntityId>)> = held
        .flat_map(|h| [(h.first, true, h.value), (h.last, false, h.value)])
        .collect();
    changes.sort_unstable_by_key(|&(day, ..)| day);
    let mut values: HashMap<Option<EntityId>, usize> = HashMap::new();
    let mut stretches = Vec::new();
    let mut open = None;
    for on_one_day in changes.chunk_by(|a, b| a.0 == b.0) {
        let day = on_one_day[0].0;
        for &(_, begins, value) in on_one_day {
            if begins {
                *values.entry(value).or_default() += 1;
            } else {
                decrement(&mut values, value);
            }
        }
        match (open, values.len() > 1) {
            (None, true) => open = Some(day),
            (Some(from), false) => {
                stretches.push((from, day));
                open = None;
            }
            _ => {}
        }
    }
    stretches
}

/// The finding on one run of overlapping facts (`run` indexes `facts` and `held`), at the fact
/// that began second: for two facts, the later.
fn overlap_finding(
    kb: &KnowledgeBase,
    relation: &Relation,
    facts: &[FactId],
    held: &[Held],
    run: Vec<usize>,
) -> Finding {
    let stretches = overlap_stretches(run.iter().map(|&index| &held[index]));
    // In order of the first day each may hold; facts that may begin on the same day, in the
    // knowledge base's order.
    let mut ids: Vec<FactId> = run.into_iter().map(|index| facts[index]).collect();
    ids.sort_by_key(|&id| (kb.fact(id).days().1.first, id));
    let run: Vec<&Fact> = ids.into_iter().map(|id| kb.fact(id)).collect();
    let day = |date: Date| {
        if date == Date::MAX {
            "now".to_owned()
        } else {
            date.to_string()
        }
    };
    let mut named: Vec<String> = stretches
        .iter()
        .take(NAMED_STRETCHES)
        .map(|&(first, last)| format!("from {first} to {}", day(last)))
        .collect();
    if stretches.len() > named.len() {
        named.push(format!(
            "in {} more stretches",
            stretches.len() - named.len()
        ));
    }
    let when = and_list(named);
    let (earlier, later) = (run[0], run[1]);
    let (message, help) = if run.len() == 2 {
        (
            format!(
                "'{}' is single-valued, but '{}' ({}) overlaps '{}' ({}) {when}",
                relation.id,
                later.id,
                span_text(later),
                earlier.id,
                span_text(earlier),
            ),
            "end the earlier fact when the later begins (a same-day handover is allowed)",
        )
    } else {
        (
            format!(
                "'{}' is single-valued, but {} facts overlap {when}: {}",
                relation.id,
                run.len(),
                fact_list(run.iter().copied(), run.len(), false),
            ),
            "end each fact when the next begins (a same-day handover is allowed)",
        )
    };
    Finding {
        level: Level::Error,
        file: later.file.to_string(),
        location: at_fact(later),
        message,
        help: Some(help.to_owned()),
    }
}

/// The items that meet one query span (share a day with it), in order of first day.
struct Meeting<'s> {
    /// The items that began before the query and had not ended by its first day, by first day.
    begun: &'s BTreeSet<(Date, usize)>,
    /// The items that begin within the query.
    beginning: &'s [usize],
}

impl Meeting<'_> {
    /// How many items meet the query.
    fn len(&self) -> usize {
        self.begun.len() + self.beginning.len()
    }

    /// The items, by first day.
    fn items(&self) -> impl Iterator<Item = usize> + '_ {
        self.begun
            .iter()
            .map(|&(_, item)| item)
            .chain(self.beginning.iter().copied())
    }
}

/// Calls `each` with every query's index and the items that meet it: one sweep over items and
/// queries in order of first day, so the cost grows with their number, not with their pairs (a
/// caller that walks every meeting item pays for those it walks).
fn for_each_meeting(items: &[Days], queries: &[Days], mut each: impl FnMut(usize, Meeting<'_>)) {
    let mut by_first: Vec<usize> = (0..items.len()).collect();
    by_first.sort_by_key(|&item| (items[item].first, item));
    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by_key(|&query| (queries[query].first, query));
    let mut begun = BTreeSet::new();
    let mut ending = BinaryHeap::new();
    let mut next = 0;
    for query in order {
        let Days { first, last } = queries[query];
        while let Some(&item) = by_first.get(next)
            && items[item].first < first
        {
            begun.insert((items[item].first, item));
            ending.push(Reverse((items[item].last, item)));
            next += 1;
        }
        while let Some(&Reverse((end, item))) = ending.peek()
            && end < first
        {
            ending.pop();
            begun.remove(&(items[item].first, item));
        }
        let beginning = by_first[next..].partition_point(|&item| items[item].first <= last);
        each(
            query,
            Meeting {
                begun: &begun,
                beginning: &by_first[next..next + beginning],
            },
        );
    }
}

/// A negative fact and positive facts of its pair over a common time: one finding per negative
/// fact, naming the positive facts it contradicts. The facts are grouped by pair, and each pair's
/// are swept once (see [`for_each_meeting`]).
fn positive_and_negative(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
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
                        positive.file
                    )
                }
                count => format!(
                    "{count} facts: {}",
                    fact_list(meeting.items().map(|item| positives[item]), count, true)
                ),
            };
            findings.push(Finding {
                level: Level::Error,
                file: negative.file.to_string(),
                location: at_fact(negative),
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
///
/// The records are grouped by relation and fixed sides, each group's facts are found through the
/// knowledge base's indexes, and each group is swept once (see [`for_each_meeting`]): the cost
/// grows with the facts and records, and with the pairs of them whose spans meet.
fn against_completeness(kb: &KnowledgeBase, findings: &mut Vec<Finding>) {
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
        });
    }
}

/// Aliases of two entities that differ only in case or accents (in the same language, loading
/// refuses them; across languages they are a warning).
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
                                "alias '{name}' of '{}' differs only in case or accents from alias '{other_name}' of '{}'",
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use jiff::ToSpan;
    use proptest::prelude::*;

    use super::*;

    fn day(offset: i64) -> Date {
        jiff::civil::date(2000, 1, 1)
            .checked_add(offset.days())
            .unwrap()
    }

    /// Facts of up to four values (one of them none), each holding for 1 to 40 days or still.
    fn held() -> impl Strategy<Value = Vec<Held>> {
        prop::collection::vec((0..4u32, 0..120i64, prop::option::of(1..40i64)), 0..24).prop_map(
            |facts| {
                facts
                    .into_iter()
                    .map(|(value, first, length)| Held {
                        first: day(first),
                        last: length.map_or(Date::MAX, |length| day(first + length)),
                        value: (value > 0).then_some(EntityId(value)),
                    })
                    .collect()
            },
        )
    }

    /// What the check reported before it was rebuilt: every pair of different values whose
    /// certain days share more than one day, and the days they share (to the earlier last day).
    fn overlapping_pairs(held: &[Held]) -> Vec<(usize, usize, Date, Date)> {
        let mut pairs = Vec::new();
        for (i, a) in held.iter().enumerate() {
            for (j, b) in held.iter().enumerate().skip(i + 1) {
                let (first, last) = (a.first.max(b.first), a.last.min(b.last));
                if a.value != b.value && first < last {
                    pairs.push((i, j, first, last));
                }
            }
        }
        pairs
    }

    proptest! {
        #[test]
        fn runs_are_the_connected_overlapping_pairs(held in held()) {
            let pairs = overlapping_pairs(&held);
            // The runs, by repeatedly merging the sets the pairs link.
            let mut runs: Vec<BTreeSet<usize>> = Vec::new();
            for &(i, j, ..) in &pairs {
                let (linked, mut rest): (Vec<_>, Vec<_>) =
                    runs.into_iter().partition(|run| run.contains(&i) || run.contains(&j));
                let mut merged: BTreeSet<usize> = linked.into_iter().flatten().collect();
                merged.extend([i, j]);
                rest.push(merged);
                runs = rest;
            }
            let expected: BTreeSet<BTreeSet<usize>> = runs.into_iter().collect();
            let found: BTreeSet<BTreeSet<usize>> = overlapping_runs(&held)
                .into_iter()
                .map(|run| run.into_iter().collect())
                .collect();
            prop_assert_eq!(&found, &expected);
            for run in &found {
                // The shared days of the run's pairs, merged where they meet or touch.
                let mut shared: Vec<(Date, Date)> = pairs
                    .iter()
                    .filter(|(i, ..)| run.contains(i))
                    .map(|&(_, _, first, last)| (first, last))
                    .collect();
                shared.sort();
                let mut merged: Vec<(Date, Date)> = Vec::new();
                for (first, last) in shared {
                    match merged.last_mut() {
                        Some(previous) if first <= previous.1 => previous.1 = previous.1.max(last),
                        _ => merged.push((first, last)),
                    }
                }
                prop_assert_eq!(overlap_stretches(run.iter().map(|&i| &held[i])), merged);
            }
        }

        #[test]
        fn meetings_are_the_spans_that_share_a_day(
            items in prop::collection::vec((0..100i64, 0..30i64), 0..20),
            queries in prop::collection::vec((0..100i64, 0..30i64), 0..20),
        ) {
            let days = |spans: &[(i64, i64)]| -> Vec<Days> {
                spans
                    .iter()
                    .map(|&(first, length)| Days { first: day(first), last: day(first + length) })
                    .collect()
            };
            let (items, queries) = (days(&items), days(&queries));
            let mut found = vec![None; queries.len()];
            for_each_meeting(&items, &queries, |query, meeting| {
                let met: Vec<usize> = meeting.items().collect();
                assert_eq!(met.len(), meeting.len());
                found[query] = Some(met.into_iter().collect::<BTreeSet<usize>>());
            });
            for (query, span) in queries.iter().enumerate() {
                let expected: BTreeSet<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| item.first <= span.last && span.first <= item.last)
                    .map(|(index, _)| index)
                    .collect();
                prop_assert_eq!(found[query].as_ref(), Some(&expected));
            }
        }
    }
}
