//! Facts and completeness records, each file's resolved in a task of its own against the merged
//! sources, entities and relations ([`Headers`]): their sides, times and sources checked, and
//! inline sources stored.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use claims_parser::{PartialDate, RelationKind};

use super::LoadProblem;
use super::builder::{FileRef, Item, SideKinds, closest, is_valid_id, item_index};
use super::stage::{Name, StagedBody, StagedFact, StagedRecord, StagedSource, Times};
use crate::kb::{
    Completeness, EntityId, Fact, FactExtras, FactTime, FileId, FileText, KnowledgeBase, Source,
    SourceId, SourceIds, SpanEnd, Value,
};

/// What every file's facts and records are resolved against, read by every task at once.
pub(super) struct Headers<'a> {
    /// The knowledge base with every source, entity and relation in.
    pub(super) kb: &'a KnowledgeBase,
    /// The subject and object kinds each relation requires.
    pub(super) definitions: &'a HashMap<String, SideKinds>,
    /// The sources defined in `sources` sections, by id.
    pub(super) source_index: &'a HashMap<String, SourceId>,
}

/// The sections of a reference file whose items are resolved per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Section {
    /// `facts`.
    Facts,
    /// `completeness`.
    Completeness,
}

/// Where a fact or record is: its file, section and position. Problems found in different tasks
/// are put in file order by it.
pub(super) type ItemKey = (FileId, Section, u32);

/// One file's facts, records and inline sources, resolved, and the problems found in them.
pub(super) struct FileRows {
    /// Its text: its sources' texts, and the ids of its facts and records.
    pub(super) text: FileText,
    pub(super) facts: Vec<Fact>,
    pub(super) completeness: Vec<Completeness>,
    /// Its inline sources, every one, in the order they were written.
    pub(super) sources: Vec<Source>,
    pub(super) problems: Vec<(ItemKey, LoadProblem)>,
}

/// Resolves one file's staged facts and records.
struct FileResolver<'a> {
    headers: &'a Headers<'a>,
    file: &'a FileRef,
    names: &'a [Box<str>],
    /// The entity each name of the file is, once looked up (`Some(None)`: none is).
    entities: Vec<Option<Option<EntityId>>>,
    /// The id the file's first inline source is stored under.
    inline_base: u32,
    rows: FileRows,
}

impl Headers<'_> {
    /// Resolves a file's facts and records; its inline sources are stored from `inline_base` on.
    pub(super) fn resolve(&self, file: &FileRef, body: StagedBody, inline_base: u32) -> FileRows {
        let StagedBody {
            names,
            facts,
            completeness,
            inline,
            text,
        } = body;
        let mut resolver = FileResolver {
            headers: self,
            file,
            names: &names,
            entities: vec![None; names.len()],
            inline_base,
            rows: FileRows {
                text,
                facts: Vec::with_capacity(facts.len()),
                completeness: Vec::with_capacity(completeness.len()),
                sources: inline
                    .into_iter()
                    .map(|source| Source {
                        file: file.id,
                        ..source
                    })
                    .collect(),
                problems: Vec::new(),
            },
        };
        for (index, fact) in facts.into_iter().enumerate() {
            resolver.add_fact(index, fact);
        }
        for (index, record) in completeness.into_iter().enumerate() {
            resolver.add_completeness(index, record);
        }
        resolver.rows
    }
}

impl<'a> FileResolver<'a> {
    fn problem(&mut self, item: &Item<'_>, message: impl Into<String>, help: Option<String>) {
        let section = match item.section {
            "completeness" => Section::Completeness,
            _ => Section::Facts,
        };
        let key = (self.file.id, section, item_index(item.index));
        self.rows.problems.push((key, item.problem(message, help)));
    }

    fn add_fact(&mut self, index: usize, fact: StagedFact) {
        let (kb, file, names) = (self.headers.kb, self.file, self.names);
        let name_of = |name: Name| -> &str { &names[name as usize] };
        let mut item = Item::new(&file.name, "facts", index, fact.id.map(name_of));
        let name = name_of(fact.relation);
        let Some(&declared_id) = kb.relation_index.get(name) else {
            let help = closest(name, kb.relation_index.keys());
            self.problem(
                &item.field("relation"),
                format!("unknown relation '{name}'"),
                help,
            );
            return;
        };
        let (kind, inverse) = {
            let relation = kb.relation(declared_id);
            (relation.kind, relation.inverse)
        };
        let (subject_kind, object_kind) = self.relation_definition(name);
        let subject = self.entity_ref(&item.field("subject"), fact.subject, subject_kind);
        let object = match (fact.object, kind) {
            (Some(_), RelationKind::Quantity) => {
                self.problem(
                    &item.field("object"),
                    "a quantity fact has a `value`, not an `object`",
                    None,
                );
                None
            }
            (Some(object), _) => self.entity_ref(&item.field("object"), object, object_kind),
            (None, RelationKind::Quantity) => None,
            (None, _) => {
                self.problem(&item, format!("a fact of '{name}' needs an `object`"), None);
                None
            }
        };
        let value = match (fact.value.as_deref(), kind) {
            (Some(value), RelationKind::Quantity) => {
                let unit = &kb.relation(declared_id).unit;
                if value.unit != *unit {
                    let expected = unit.as_deref().unwrap_or("no unit").to_owned();
                    self.problem(
                        &item.field("value.unit"),
                        format!("the unit of '{name}' is {expected}"),
                        None,
                    );
                }
                if !value.amount.is_finite() {
                    self.problem(
                        &item.field("value.amount"),
                        "the amount is not a finite number",
                        Some("write the number in digits, such as 10127874".to_owned()),
                    );
                }
                Some(Value {
                    amount: value.amount,
                    unit: value.unit.clone(),
                })
            }
            (Some(_), _) => {
                let message = format!("'{name}' is not a quantity relation and takes no `value`");
                self.problem(&item.field("value"), message, None);
                None
            }
            (None, RelationKind::Quantity) => {
                self.problem(&item, format!("a fact of '{name}' needs a `value`"), None);
                None
            }
            (None, _) => None,
        };
        let time = self.fact_time(&item, &fact.times, fact.negative, kind);
        let mut qualifiers = BTreeMap::new();
        for &(key, value) in &fact.qualifiers {
            let key = name_of(key);
            let field = item.field(format!("qualifiers.{key}"));
            let declared = kb.relation(declared_id).qualifiers.get(key).cloned();
            match declared {
                None => {
                    let known = &kb.relation(declared_id).qualifiers;
                    let help = if known.is_empty() {
                        Some(format!("'{name}' declares no qualifiers"))
                    } else {
                        closest(key, known.keys())
                    };
                    self.problem(&field, format!("'{name}' has no qualifier '{key}'"), help);
                }
                Some(kind) => {
                    if let Some(entity) = self.entity_ref(&field, value, Some(&kind)) {
                        qualifiers.insert(key.to_owned(), entity);
                    }
                }
            }
        }
        let sources = self.source_refs(&item.field("sources"), &fact.sources);
        let (Some(subject), Some(time)) = (subject, time) else {
            return;
        };
        if kind != RelationKind::Quantity && object.is_none() {
            return;
        }
        // Facts of an inverse relation are stored as facts of the relation it mirrors.
        let (relation_id, subject, object) = match (inverse, object) {
            (Some(mirrored), Some(object)) => (mirrored, object, Some(subject)),
            _ => (declared_id, subject, object),
        };
        let id: Cow<'_, str> = match fact.id {
            Some(id) => Cow::Borrowed(name_of(id)),
            None => {
                let derived = derive_fact_id(&fact, names);
                item.id = Some(Cow::Owned(derived.clone()));
                Cow::Owned(derived)
            }
        };
        if !is_valid_id(&id) {
            self.problem(
                &item.field("id"),
                "an id may only hold letters, digits, '-', '_', '.' and ':'",
                None,
            );
            return;
        }
        let id = self.rows.text.push(&id);
        self.rows.facts.push(Fact {
            index: item_index(index),
            id,
            file: file.id,
            relation: relation_id,
            subject,
            object,
            time,
            negative: fact.negative,
            sources,
            reviewed: fact.reviewed,
            extras: FactExtras {
                value,
                qualifiers,
                note: fact.note,
            }
            .boxed(),
        });
    }

    /// The subject and object kinds a relation requires, from its definition.
    fn relation_definition(&self, relation: &str) -> (Option<&'a str>, Option<&'a str>) {
        let headers: &'a Headers<'a> = self.headers;
        headers
            .definitions
            .get(relation)
            .map_or((None, None), |(subject, object)| {
                (subject.as_deref(), object.as_deref())
            })
    }

    /// The entity a name of the file is, if it is one of `kind`.
    fn entity_ref(&mut self, item: &Item<'_>, name: Name, kind: Option<&str>) -> Option<EntityId> {
        let (kb, id) = (self.headers.kb, &*self.names[name as usize]);
        let known = *self.entities[name as usize].get_or_insert_with(|| kb.entity_id(id));
        let Some(entity) = known else {
            let help = closest(id, kb.entities.iter().map(|entity| &entity.id));
            self.problem(item, format!("unknown entity '{id}'"), help);
            return None;
        };
        if let Some(kind) = kind {
            let actual = &kb.entity(entity).kind;
            if actual != kind {
                self.problem(
                    item,
                    format!("'{id}' is a {actual}, but a {kind} is needed here"),
                    None,
                );
                return None;
            }
        }
        Some(entity)
    }

    fn source_refs(&mut self, item: &Item<'_>, refs: &[StagedSource]) -> SourceIds {
        if refs.is_empty() {
            self.problem(
                item,
                "no source: every fact and record needs at least one source that someone read",
                None,
            );
        }
        let mut ids = Vec::with_capacity(refs.len());
        for (number, source) in refs.iter().enumerate() {
            match *source {
                StagedSource::Id(id) => {
                    let (headers, id) = (self.headers, &*self.names[id as usize]);
                    match headers.source_index.get(id) {
                        Some(&source) => ids.push(source),
                        None => {
                            let help = closest(id, headers.source_index.keys());
                            self.problem(
                                &item.field(format!("[{number}]")),
                                format!("unknown source '{id}'"),
                                help,
                            );
                        }
                    }
                }
                StagedSource::Inline(at) => ids.push(SourceId(self.inline_base + at)),
            }
        }
        ids.into()
    }

    fn fact_time(
        &mut self,
        item: &Item<'_>,
        fact: &Times,
        negative: bool,
        kind: RelationKind,
    ) -> Option<FactTime> {
        let span_allowed = matches!(kind, RelationKind::State | RelationKind::Quantity) || negative;
        if fact.known_until.is_some() && (fact.from.is_none() || fact.on.is_some()) {
            self.problem(
                &item.field("known_until"),
                "`known_until` belongs to a state fact with a `from`",
                None,
            );
            return None;
        }
        match (fact.from, fact.to, fact.on) {
            (None, None, None) if kind == RelationKind::Timeless => Some(FactTime::Always),
            (_, _, _) if kind == RelationKind::Timeless => {
                self.problem(
                    item,
                    "a timeless relation's facts take no `from`, `to` or `on`",
                    None,
                );
                None
            }
            (None, None, Some(on))
                if matches!(kind, RelationKind::Event | RelationKind::Quantity) && !negative =>
            {
                Some(FactTime::On(on))
            }
            (Some(from), to, None) if span_allowed => {
                let end = match (to, fact.known_until) {
                    (Some(_), Some(_)) => {
                        self.problem(
                            &item.field("known_until"),
                            "a fact has `to` (it ended) or `known_until` (it held at least until then), not both",
                            None,
                        );
                        return None;
                    }
                    (Some(to), None) => SpanEnd::To(to),
                    (None, Some(until)) => SpanEnd::KnownUntil(until),
                    (None, None) => SpanEnd::Open,
                };
                let (last, field) = match end {
                    SpanEnd::To(to) => (Some(to), "to"),
                    SpanEnd::KnownUntil(until) => (Some(until), "known_until"),
                    SpanEnd::Open => (None, "to"),
                };
                if let Some(last) = last
                    && last.last_day() < from.first_day()
                {
                    let message = format!("`from` {from} is after `{field}` {last}");
                    self.problem(&item.field(field), message, None);
                    return None;
                }
                Some(FactTime::Span { from, end })
            }
            _ => {
                let expected = match (kind, negative) {
                    (RelationKind::Event, false) => "an event fact needs `on` (and no `from`/`to`)",
                    (RelationKind::Event, true) => {
                        "a negative event fact needs `from` and optionally `to`: the span with no such event"
                    }
                    (RelationKind::Quantity, _) => {
                        "a quantity fact needs `on`, or `from` and optionally `to`"
                    }
                    _ => "a state fact needs `from`, and `to` once it has ended (no `on`)",
                };
                self.problem(item, expected, None);
                None
            }
        }
    }

    fn add_completeness(&mut self, index: usize, record: StagedRecord) {
        let (kb, file, names) = (self.headers.kb, self.file, self.names);
        let name_of = |name: Name| -> &str { &names[name as usize] };
        let item = Item::new(&file.name, "completeness", index, record.id.map(name_of));
        let relation_name = name_of(record.relation);
        let Some(&relation) = kb.relation_index.get(relation_name) else {
            let help = closest(relation_name, kb.relation_index.keys());
            self.problem(
                &item.field("relation"),
                format!("unknown relation '{relation_name}'"),
                help,
            );
            return;
        };
        let mirrored = kb.relation(relation).inverse;
        let (subject_kind, object_kind) = self.relation_definition(relation_name);
        let subject_name = record.subject.map(name_of);
        let object_name = record.object.map(name_of);
        let subject = record
            .subject
            .map(|name| self.entity_ref(&item.field("subject"), name, subject_kind));
        let object = record
            .object
            .map(|name| self.entity_ref(&item.field("object"), name, object_kind));
        if subject.is_none() && object.is_none() {
            self.problem(
                &item,
                "a completeness record fixes a `subject`, an `object` or both",
                None,
            );
        }
        if record.to.last_day() < record.from.first_day() {
            self.problem(
                &item.field("to"),
                format!("`from` {} is after `to` {}", record.from, record.to),
                None,
            );
        }
        let sources = self.source_refs(&item.field("sources"), &record.sources);
        if matches!(subject, Some(None)) || matches!(object, Some(None)) {
            return;
        }
        let id = match record.id {
            Some(id) => self.rows.text.push(name_of(id)),
            None => self.rows.text.push(&format!(
                "complete:{}:{}:{}:{}..{}",
                relation_name,
                subject_name.unwrap_or("*"),
                object_name.unwrap_or("*"),
                record.from,
                record.to
            )),
        };
        let (relation, subject, object) = match mirrored {
            Some(mirrored) => (mirrored, object.flatten(), subject.flatten()),
            None => (relation, subject.flatten(), object.flatten()),
        };
        self.rows.completeness.push(Completeness {
            index: item_index(index),
            id,
            file: file.id,
            relation,
            subject,
            object,
            from: record.from,
            to: record.to,
            sources,
            reviewed: record.reviewed,
            note: record.note,
        });
    }
}

/// A stable id for a fact written without one: its relation, sides and time.
fn derive_fact_id(fact: &StagedFact, names: &[Box<str>]) -> String {
    let mut id = String::new();
    if fact.negative {
        id.push_str("not:");
    }
    id.push_str(&names[fact.relation as usize]);
    id.push(':');
    id.push_str(&names[fact.subject as usize]);
    if let Some(object) = fact.object {
        id.push(':');
        id.push_str(&names[object as usize]);
    }
    let time: Option<PartialDate> = fact.times.on.or(fact.times.from);
    if let Some(time) = time {
        id.push(':');
        id.push_str(&time.to_string());
    }
    id
}
