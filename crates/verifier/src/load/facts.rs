//! Facts and completeness records: their sides, times and sources, checked and indexed.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use claims_parser::{PartialDate, RelationKind};

use super::builder::Staged;
use super::builder::{Builder, FileRef, Item, SideKinds, closest, is_valid_id, item_index};
use super::stage::{Name, StagedFact, StagedRecord, Times};
use crate::kb::{Completeness, Fact, FactTime, SpanEnd, Value};

impl Builder {
    pub(super) fn add_fact(
        &mut self,
        file: &FileRef,
        staged: &mut Staged<'_>,
        index: usize,
        fact: StagedFact,
    ) {
        let names = staged.names;
        let name_of = |name: Name| -> &str { &names[name as usize] };
        let mut item = Item::new(&file.name, "facts", index, fact.id.map(name_of));
        let name = name_of(fact.relation);
        let Some(&declared_id) = self.kb.relation_index.get(name) else {
            let help = closest(name, self.kb.relation_index.keys());
            self.problem(
                &item.field("relation"),
                format!("unknown relation '{name}'"),
                help,
            );
            return;
        };
        let (kind, inverse) = {
            let relation = self.kb.relation(declared_id);
            (relation.kind, relation.inverse)
        };
        let (subject_kind, object_kind) = self.relation_definition(name);
        let subject = self.entity_ref(
            &item.field("subject"),
            name_of(fact.subject),
            subject_kind.as_deref(),
        );
        let object = match (fact.object.map(name_of), kind) {
            (Some(_), RelationKind::Quantity) => {
                self.problem(
                    &item.field("object"),
                    "a quantity fact has a `value`, not an `object`",
                    None,
                );
                None
            }
            (Some(object), _) => {
                self.entity_ref(&item.field("object"), object, object_kind.as_deref())
            }
            (None, RelationKind::Quantity) => None,
            (None, _) => {
                self.problem(&item, format!("a fact of '{name}' needs an `object`"), None);
                None
            }
        };
        let value = match (fact.value.as_deref(), kind) {
            (Some(value), RelationKind::Quantity) => {
                let unit = &self.kb.relation(declared_id).unit;
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
            let (key, value) = (name_of(key), name_of(value));
            let field = item.field(format!("qualifiers.{key}"));
            let declared = self.kb.relation(declared_id).qualifiers.get(key).cloned();
            match declared {
                None => {
                    let known = &self.kb.relation(declared_id).qualifiers;
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
        let sources = self.source_refs(file, staged, &item.field("sources"), &fact.sources);
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
        let id: Arc<str> = match fact.id {
            Some(id) => Arc::from(name_of(id)),
            None => {
                let derived = derive_fact_id(&fact, names);
                item.id = Some(Cow::Owned(derived.clone()));
                Arc::from(derived)
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
        if let Some(other) = self.ids.get(&id) {
            let message = format!("duplicate fact id '{id}' (also in {other})");
            let help = Some("give one of the facts an `id` of its own".to_owned());
            self.problem(&item.field("id"), message, help);
            return;
        }
        self.ids.insert(Arc::clone(&id), Arc::clone(&file.name));
        self.kb.facts.push(Fact {
            index: item_index(index),
            id,
            file: file.id,
            relation: relation_id,
            subject,
            object,
            value,
            time,
            negative: fact.negative,
            qualifiers,
            sources: sources.into(),
            reviewed: fact.reviewed,
            note: fact.note,
        });
    }

    /// The subject and object kinds a relation requires, from its definition.
    pub(super) fn relation_definition(&self, relation: &str) -> SideKinds {
        self.definitions
            .get(relation)
            .cloned()
            .unwrap_or((None, None))
    }

    pub(super) fn fact_time(
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

    pub(super) fn add_completeness(
        &mut self,
        file: &FileRef,
        staged: &mut Staged<'_>,
        index: usize,
        record: StagedRecord,
    ) {
        let names = staged.names;
        let name_of = |name: Name| -> &str { &names[name as usize] };
        let item = Item::new(&file.name, "completeness", index, record.id.map(name_of));
        let relation_name = name_of(record.relation);
        let Some(&relation) = self.kb.relation_index.get(relation_name) else {
            let help = closest(relation_name, self.kb.relation_index.keys());
            self.problem(
                &item.field("relation"),
                format!("unknown relation '{relation_name}'"),
                help,
            );
            return;
        };
        let mirrored = self.kb.relation(relation).inverse;
        let (subject_kind, object_kind) = self.relation_definition(relation_name);
        let subject_name = record.subject.map(name_of);
        let object_name = record.object.map(name_of);
        let subject = subject_name
            .map(|id| self.entity_ref(&item.field("subject"), id, subject_kind.as_deref()));
        let object = object_name
            .map(|id| self.entity_ref(&item.field("object"), id, object_kind.as_deref()));
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
        let sources = self.source_refs(file, staged, &item.field("sources"), &record.sources);
        if matches!(subject, Some(None)) || matches!(object, Some(None)) {
            return;
        }
        let id = record
            .id
            .map(name_of)
            .map(str::to_owned)
            .unwrap_or_else(|| {
                format!(
                    "complete:{}:{}:{}:{}..{}",
                    relation_name,
                    subject_name.unwrap_or("*"),
                    object_name.unwrap_or("*"),
                    record.from,
                    record.to
                )
            });
        if let Some(other) = self.ids.get(id.as_str()) {
            self.problem(
                &item.field("id"),
                format!("duplicate id '{id}' (also in {other})"),
                None,
            );
            return;
        }
        self.ids
            .insert(Arc::from(id.as_str()), Arc::clone(&file.name));
        let (relation, subject, object) = match mirrored {
            Some(mirrored) => (mirrored, object.flatten(), subject.flatten()),
            None => (relation, subject.flatten(), object.flatten()),
        };
        self.kb.completeness.push(Completeness {
            index: item_index(index),
            id: id.into(),
            file: file.id,
            relation,
            subject,
            object,
            from: record.from,
            to: record.to,
            sources: sources.into(),
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
