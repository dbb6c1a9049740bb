//! The merge of parsed files into one knowledge base: the [`Builder`] that accumulates it and
//! the problems found, and the [`Item`] a problem is located at.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use claims_parser::{Language, RelationKind, fold};

use rayon::prelude::*;

use super::facts::{FileRows, Headers};
use super::ids::duplicate_ids;
use super::lexicon::build_lexicon;
use super::stage::{StagedBody, StagedFile};
use super::{LoadProblem, Location};
use crate::kb::{
    Entity, EntityId, FileId, FileText, KnowledgeBase, Names, Relation, RelationId, Source,
    SourceId,
};
use crate::model::{EntityDef, ReferenceFile, RelationDef, SourceDef};

/// The entity kinds a relation requires of its subject and object, if any.
pub(super) type SideKinds = (Option<Arc<str>>, Option<Arc<str>>);

/// Accumulates the merged data and the problems found.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) kb: KnowledgeBase,
    pub(super) problems: Vec<LoadProblem>,
    pub(super) source_index: HashMap<String, SourceId>,
    /// Who has each name, per kind of name and language, while entities are merged.
    pub(super) name_owner:
        HashMap<(NameKind, Language, String), EntityId, foldhash::fast::RandomState>,
    /// The relations that another relation mirrors.
    pub(super) inverse_targets: Vec<String>,
    /// The subject and object kinds each relation requires.
    pub(super) definitions: HashMap<String, SideKinds>,
}

/// An item's position in its file's section, as stored: a file of at most 256 MiB holds fewer
/// than 2^32 items.
pub(super) fn item_index(index: usize) -> u32 {
    u32::try_from(index).expect("a file holds fewer than 2^32 items")
}

/// A file being merged: its id in the knowledge base, and the name problems cite it under.
pub(super) struct FileRef {
    pub(super) id: FileId,
    pub(super) name: Arc<str>,
}

/// The kinds of names an entity has, each naming one entity per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum NameKind {
    /// `aliases`: names that stand for it anywhere.
    Alias,
    /// `demonyms`: adjectives that stand for it in titles.
    Demonym,
}

/// Where an item is, for problems. Its path is formatted only when a problem is reported, so
/// that loading a million valid facts allocates no paths.
pub(super) struct Item<'a> {
    pub(super) file: &'a str,
    pub(super) section: &'static str,
    pub(super) index: usize,
    pub(super) field: Option<Cow<'static, str>>,
    pub(super) id: Option<Cow<'a, str>>,
}

impl<'a> Item<'a> {
    pub(super) fn new(
        file: &'a str,
        section: &'static str,
        index: usize,
        id: Option<&'a str>,
    ) -> Self {
        Item {
            file,
            section,
            index,
            field: None,
            id: id.map(Cow::Borrowed),
        }
    }

    /// The item's field `name` (`subject`, `[2]`, `qualifiers.kind`).
    pub(super) fn field(&self, name: impl Into<Cow<'static, str>>) -> Item<'a> {
        let name = name.into();
        let field = match &self.field {
            None => name,
            Some(parent) if name.starts_with('[') => Cow::Owned(format!("{parent}{name}")),
            Some(parent) => Cow::Owned(format!("{parent}.{name}")),
        };
        Item {
            field: Some(field),
            id: self.id.clone(),
            ..*self
        }
    }

    pub(super) fn path(&self) -> String {
        match &self.field {
            Some(field) => format!("{}[{}].{field}", self.section, self.index),
            None => format!("{}[{}]", self.section, self.index),
        }
    }

    pub(super) fn problem(&self, message: impl Into<String>, help: Option<String>) -> LoadProblem {
        LoadProblem {
            file: self.file.to_owned(),
            location: Location::Item {
                path: self.path(),
                id: self.id.as_ref().map(|id| id.to_string()),
            },
            message: message.into(),
            help,
        }
    }
}

pub(super) fn is_valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
}

pub(super) fn closest<'a>(
    id: &str,
    known: impl Iterator<Item = &'a String> + Clone,
) -> Option<String> {
    claims_parser::suggest::closest(id, known.map(|known| (known.as_str(), ())), 1)
        .first()
        .map(|(candidate, ())| format!("did you mean '{candidate}'?"))
}

impl Builder {
    pub(super) fn problem(
        &mut self,
        item: &Item<'_>,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.problems.push(item.problem(message, help));
    }

    /// Merges parsed files: every file's sources, then entities, then relations; then, at once,
    /// the lexicon and every file's facts and records, each file in a task of its own; then the
    /// ids of all facts and records, which must differ, and the indexes.
    pub(super) fn merge(&mut self, parsed: Vec<(String, StagedFile)>) {
        let (names, (mut headers, mut bodies)): (
            Vec<FileRef>,
            (Vec<ReferenceFile>, Vec<StagedBody>),
        ) = parsed
            .into_iter()
            .map(|(name, staged)| {
                let id = FileId(self.kb.files.len() as u32);
                let file = FileRef {
                    id,
                    name: Arc::from(name.as_str()),
                };
                self.kb.files.push(name);
                (file, (staged.header, staged.body))
            })
            .unzip();
        let entities: Vec<Vec<EntityDef>> = headers
            .iter_mut()
            .map(|header| std::mem::take(&mut header.entities))
            .collect();
        let files: Vec<(&FileRef, &ReferenceFile)> = names.iter().zip(&headers).collect();
        let files = &files;
        for (&(file, reference), body) in files.iter().zip(&mut bodies) {
            for (index, source) in reference.sources.iter().enumerate() {
                let item = Item::new(&file.name, "sources", index, source.id.as_deref());
                match &source.id {
                    None => self.problem(&item, "a source in `sources` needs an `id`", None),
                    Some(id) if self.source_index.contains_key(id) => {
                        self.problem(&item, format!("duplicate source id '{id}'"), None)
                    }
                    Some(id) => {
                        let source_id = SourceId(self.kb.sources.len() as u32);
                        let index = item_index(index);
                        self.kb
                            .sources
                            .push(source_of(file.id, index, source, &mut body.text));
                        self.source_index.insert(id.clone(), source_id);
                    }
                }
            }
        }
        for (file, entities) in names.iter().zip(entities) {
            for (index, entity) in entities.into_iter().enumerate() {
                self.add_entity(file, index, entity);
            }
        }
        self.name_owner = HashMap::default();
        for &(file, reference) in files {
            for (index, relation) in reference.relations.iter().enumerate() {
                self.add_relation(file, index, relation);
            }
        }
        for &(file, reference) in files {
            for (index, relation) in reference.relations.iter().enumerate() {
                self.link_inverse(&file.name, index, relation);
            }
        }
        let mut next = self.kb.sources.len() as u32;
        let inline_bases: Vec<u32> = bodies
            .iter()
            .map(|body| {
                let base = next;
                next += body.inline.len() as u32;
                base
            })
            .collect();
        let resolved = Headers {
            kb: &self.kb,
            definitions: &self.definitions,
            source_index: &self.source_index,
        };
        let ((lexicon, lexicon_problems), rows) = rayon::join(
            || build_lexicon(&self.kb, files),
            || {
                names
                    .par_iter()
                    .zip(bodies)
                    .zip(inline_bases)
                    .map(|((file, body), base)| resolved.resolve(file, body, base))
                    .collect::<Vec<FileRows>>()
            },
        );
        self.kb.lexicon = lexicon;
        self.kb
            .facts
            .reserve(rows.iter().map(|rows| rows.facts.len()).sum());
        let records = rows.iter().map(|rows| rows.completeness.len()).sum();
        self.kb.completeness.reserve(records);
        self.kb
            .sources
            .reserve(rows.iter().map(|rows| rows.sources.len()).sum());
        let mut problems = Vec::new();
        for (file, rows) in names.iter().zip(rows) {
            self.kb.texts.set(file.id, rows.text.into_text());
            self.kb.facts.extend(rows.facts);
            self.kb.completeness.extend(rows.completeness);
            self.kb.sources.extend(rows.sources);
            problems.extend(rows.problems);
        }
        problems.extend(duplicate_ids(&self.kb));
        problems.sort_by_key(|&(key, _)| key);
        self.problems
            .extend(problems.into_iter().map(|(_, problem)| problem));
        self.kb.index();
        self.problems.extend(lexicon_problems);
    }

    pub(super) fn add_entity(&mut self, file: &FileRef, index: usize, entity: EntityDef) {
        let item = Item::new(&file.name, "entities", index, Some(&entity.id));
        if !is_valid_id(&entity.id) {
            self.problem(
                &item.field("id"),
                "an id may only hold letters, digits, '-', '_', '.' and ':'",
                None,
            );
            return;
        }
        if let Some(existing) = self.kb.entity_id(&entity.id) {
            let other = self.kb.file_name(self.kb.entity(existing).file).to_owned();
            self.problem(
                &item.field("id"),
                format!("duplicate entity id '{}' (also in {other})", entity.id),
                None,
            );
            return;
        }
        let id = EntityId(self.kb.entities.len() as u32);
        let aliases = self.names(&item, id, NameKind::Alias, entity.aliases);
        let demonyms = self.names(&item, id, NameKind::Demonym, entity.demonyms);
        self.kb.entities.push(Entity {
            index,
            id: entity.id,
            name: entity.name,
            kind: entity.kind,
            aliases,
            demonyms,
            wikidata: entity.wikidata,
            file: file.id,
        });
        self.kb.entity_index.insert(&self.kb.entities, id);
    }

    /// Checks an entity's names of one kind per language code: a known language, no empty name,
    /// and no name that reads as another entity's name of that kind in the same language.
    fn names(
        &mut self,
        item: &Item,
        entity: EntityId,
        kind: NameKind,
        names: BTreeMap<String, Vec<String>>,
    ) -> Names {
        let (field, noun, article) = match kind {
            NameKind::Alias => ("aliases", "alias", "an"),
            NameKind::Demonym => ("demonyms", "demonym", "a"),
        };
        let mut checked = Vec::new();
        for (code, names) in names {
            let Ok(language) = code.parse::<Language>() else {
                self.problem(
                    &item.field(format!("{field}.{code}")),
                    format!("unknown language '{code}'"),
                    Some("languages are 'en' and 'id'".to_owned()),
                );
                continue;
            };
            for (number, name) in names.iter().enumerate() {
                let located = || item.field(format!("{field}.{code}[{number}]"));
                let folded = fold(name);
                if folded.is_empty() {
                    self.problem(&located(), format!("{article} {noun} is empty"), None);
                    continue;
                }
                let owner = match self.name_owner.entry((kind, language, folded)) {
                    Entry::Vacant(vacant) => {
                        vacant.insert(entity);
                        continue;
                    }
                    Entry::Occupied(occupied) if *occupied.get() == entity => continue,
                    Entry::Occupied(occupied) => (occupied.key().2.clone(), *occupied.get()),
                };
                let (folded, owner) = (owner.0, self.kb.entity(owner.1));
                let message = format!(
                    "{noun} '{name}' ({code}) reads as '{folded}', already {article} {noun} of '{}' in {}",
                    owner.id,
                    self.kb.file_name(owner.file)
                );
                let help = Some(format!(
                    "{article} {noun} names one entity per language: use a longer name"
                ));
                self.problem(&located(), message, help);
            }
            checked.extend(
                names
                    .into_iter()
                    .map(|name| (language, name.into_boxed_str())),
            );
        }
        checked.into_iter().collect()
    }

    pub(super) fn add_relation(&mut self, file: &FileRef, index: usize, relation: &RelationDef) {
        let item = Item::new(&file.name, "relations", index, Some(&relation.id));
        if !is_valid_id(&relation.id) {
            self.problem(
                &item.field("id"),
                "an id may only hold letters, digits, '-', '_', '.' and ':'",
                None,
            );
            return;
        }
        if let Some(existing) = self.kb.relation_index.get(&relation.id) {
            let other = self
                .kb
                .file_name(self.kb.relation(*existing).file)
                .to_owned();
            self.problem(
                &item.field("id"),
                format!("duplicate relation id '{}' (also in {other})", relation.id),
                None,
            );
            return;
        }
        if relation.kind == RelationKind::Quantity && relation.object.is_some() {
            self.problem(
                &item.field("object"),
                "a quantity relation has no object",
                None,
            );
        }
        let id = RelationId(self.kb.relations.len() as u32);
        self.kb.relation_index.insert(relation.id.clone(), id);
        let kinds = (
            relation.subject.as_deref().map(Arc::from),
            relation.object.as_deref().map(Arc::from),
        );
        self.definitions.insert(relation.id.clone(), kinds);
        self.kb.relations.push(Relation {
            index,
            id: relation.id.clone(),
            kind: relation.kind,
            single_valued: relation.single_valued,
            inverse: None,
            unit: relation.unit.clone(),
            qualifiers: relation.qualifiers.clone(),
            file: file.id,
        });
    }

    pub(super) fn link_inverse(&mut self, file: &str, index: usize, relation: &RelationDef) {
        let Some(inverse) = &relation.inverse else {
            return;
        };
        let item = Item::new(file, "relations", index, Some(&relation.id)).field("inverse");
        let (Some(&this), Some(&other)) = (
            self.kb.relation_index.get(&relation.id),
            self.kb.relation_index.get(inverse),
        ) else {
            let help = closest(inverse, self.kb.relation_index.keys());
            self.problem(&item, format!("unknown relation '{inverse}'"), help);
            return;
        };
        if self.kb.relation(other).kind != relation.kind {
            self.problem(
                &item,
                format!("'{inverse}' is not of the same kind as '{}'", relation.id),
                None,
            );
            return;
        }
        if self.inverse_targets.contains(&relation.id)
            || self.kb.relation(other).inverse.is_some()
            || other == this
        {
            let help = Some("declare `inverse` on one relation of the pair only".to_owned());
            let message = format!(
                "'{inverse}' cannot be mirrored by '{}': one of them is itself an inverse",
                relation.id
            );
            self.problem(&item, message, help);
            return;
        }
        self.inverse_targets.push(inverse.clone());
        self.kb.relations[this.0 as usize].inverse = Some(other);
    }
}

/// A source as stored: defined in `file`, at `index` in its `sources` section (an inline source:
/// its fact's or record's position), its address, title and publisher added to its file's `text`.
pub(super) fn source_of(
    file: FileId,
    index: u32,
    source: &SourceDef,
    text: &mut FileText,
) -> Source {
    Source {
        id: source.id.as_deref().map(Box::from),
        texts: text.push_source(&source.url, &source.title, &source.publisher),
        accessed: source.accessed,
        published: source.published,
        file,
        index,
    }
}
