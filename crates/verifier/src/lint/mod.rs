//! Checks of the reference data beyond what loading refuses: what a curator should look at before
//! a change is merged. Each finding has a level, a location and a message.
//!
//! One module per kind of check: `overlaps.rs` (single-valued relations), `contradictions.rs`
//! (negative facts and completeness records against the facts), `announced.rs` (events and ends
//! only announced by their sources), `names.rs` (aliases that read alike) and `unused.rs`; each
//! sweeps what it checks per key, so that lint's cost grows with the data, not with its pairs
//! (`sweep.rs`).

mod announced;
mod contradictions;
mod names;
mod overlaps;
mod sweep;
mod unused;

pub(crate) use announced::scheduled;
use announced::{announced_ends, scheduled_events};
use contradictions::{against_completeness, positive_and_negative};
use names::alias_lookalikes;
use overlaps::single_valued_overlaps;
use unused::unused;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::kb::{Fact, FactTime, KnowledgeBase, SpanEnd};
use crate::load::{LoadProblem, Location, Root};

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
    /// The file, cited under its root's name.
    pub file: String,
    /// Where in the file.
    pub location: Location,
    /// The line of the file it is on, once located ([`locate`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
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
            line: None,
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

fn at_fact(kb: &KnowledgeBase, fact: &Fact) -> Location {
    Location::Item {
        path: format!("facts[{}]", fact.index),
        id: Some(kb.fact_id(fact).to_owned()),
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

/// Gives each finding the line of its file it stands on, where that can be told: the position of
/// a YAML error, or the line of the item it is about (`facts[12]`) when its section is a block
/// sequence. The files of `roots` that have findings are read again, once each.
pub fn locate(findings: &mut [Finding], roots: &[Root]) {
    let mut paths: HashMap<String, std::path::PathBuf> = HashMap::new();
    let mut seen = HashSet::new();
    for root in roots {
        for file in crate::load::reference_files(&root.path, &mut seen).files {
            paths.insert(root.cite(&file), file);
        }
    }
    let mut by_file: BTreeMap<String, Vec<&mut Finding>> = BTreeMap::new();
    for finding in findings.iter_mut() {
        match &finding.location {
            Location::Position { line, .. } => finding.line = Some(*line),
            Location::Item { .. } => by_file
                .entry(finding.file.clone())
                .or_default()
                .push(finding),
            Location::File => {}
        }
    }
    for (file, findings) in by_file {
        let Some(text) = paths
            .get(&file)
            .and_then(|path| std::fs::read_to_string(path).ok())
        else {
            continue;
        };
        let lines = crate::yaml::Lines::of(&text);
        let mut sections: HashMap<String, Option<Vec<usize>>> = HashMap::new();
        for finding in findings {
            let Location::Item { path, .. } = &finding.location else {
                continue;
            };
            let Some((section, rest)) = path.split_once('[') else {
                continue;
            };
            let Some(index) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok()) else {
                continue;
            };
            let items = sections
                .entry(section.to_owned())
                .or_insert_with(|| crate::yaml::section_items(&text, section));
            if let Some(&offset) = items.as_ref().and_then(|items| items.get(index)) {
                finding.line = Some(lines.at(offset).0);
            }
        }
    }
}

/// The findings about the files under `layer`, when a desk's layer is linted with the base it
/// extends (loaded before it): the base's own findings are left out, and errors in the base are
/// counted in one finding, since the layer cannot be judged against a base that does not load.
pub fn in_layer(findings: Vec<Finding>, layer: &[Root]) -> Vec<Finding> {
    let mut files = HashSet::new();
    for root in layer {
        let walk = crate::load::reference_files(&root.path, &mut HashSet::new());
        files.extend(walk.files.iter().map(|file| root.cite(file)));
    }
    let in_layer = |file: &str| {
        files.contains(file)
            || layer.iter().any(|root| {
                let shown = root.shown.as_str();
                !shown.is_empty() && (file == shown || file.starts_with(&format!("{shown}/")))
            })
    };
    let (kept, base): (Vec<Finding>, Vec<Finding>) = findings
        .into_iter()
        .partition(|finding| in_layer(&finding.file));
    let base_errors = base
        .iter()
        .filter(|finding| finding.level == Level::Error)
        .count();
    let mut kept = kept;
    if base_errors > 0 {
        kept.insert(
            0,
            Finding {
                level: Level::Error,
                file: base[0].file.clone(),
                location: Location::File,
                line: None,
                message: format!(
                    "the base has {base_errors} error(s) of its own, so the layer cannot be checked against it"
                ),
                help: Some("lint the base on its own, and fix it first".to_owned()),
            },
        );
    }
    kept
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
fn fact_list<'k>(
    kb: &KnowledgeBase,
    facts: impl Iterator<Item = &'k Fact>,
    total: usize,
    in_file: bool,
) -> String {
    let mut named: Vec<String> = facts
        .take(NAMED_FACTS)
        .map(|fact| {
            let name = format!("'{}' ({})", kb.fact_id(fact), span_text(fact));
            if in_file {
                format!("{name} in {}", kb.file_name(fact.file))
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

/// The day `offset` days after 2000-01-01, for the tests of the checks.
#[cfg(test)]
fn test_day(offset: i64) -> jiff::civil::Date {
    use jiff::ToSpan;
    jiff::civil::date(2000, 1, 1)
        .checked_add(offset.days())
        .unwrap()
}
