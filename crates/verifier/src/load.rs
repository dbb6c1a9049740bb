//! Loading reference data: find the files of each root, parse each on its own (in parallel), then
//! merge, validate and index. Every problem is reported, not only the first.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use claims_parser::{
    Language, LexRelation, LexiconBuilder, PartialDate, RelationKind, Tense, fold,
};
use rayon::prelude::*;

use crate::kb::{
    Completeness, Entity, EntityId, Fact, FactId, FactTime, KnowledgeBase, Relation, RelationId,
    Source, SourceId, SpanEnd, Value,
};
use crate::model::{
    CompletenessDef, EntityDef, FactDef, ReferenceFile, RelationDef, SourceDef, SourceRef,
};
use crate::yaml;

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    /// The whole file.
    File,
    /// A line and column (1-based), for YAML syntax and type errors.
    Position {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
    },
    /// An item by its path in the file, such as `facts[12].subject`, and its id if it has one.
    Item {
        /// The path.
        path: String,
        /// The item's id.
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
}

/// One problem found while loading reference data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LoadProblem {
    /// The file, relative to the parent of its root (`reference/countries.yaml`).
    pub file: String,
    /// Where in the file.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How it could be fixed, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::File => write!(f, "{}: {}", self.file, self.message)?,
            Location::Position { line, column } => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)?
            }
            Location::Item { path, id: Some(id) } => {
                write!(f, "{}: {path} (id '{id}'): {}", self.file, self.message)?
            }
            Location::Item { path, id: None } => {
                write!(f, "{}: {path}: {}", self.file, self.message)?
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Reference data that cannot be loaded: every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in the reference data", problems.len())]
pub struct LoadError {
    /// The problems, by file and position.
    pub problems: Vec<LoadProblem>,
}

/// The `.yaml` and `.yml` files under `root`, sorted, or the file itself if `root` is a file.
pub fn reference_files(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, found)?;
            } else if path
                .extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
            {
                found.push(path);
            }
        }
        Ok(())
    }
    if root.is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut found = Vec::new();
    walk(root, &mut found)?;
    found.sort();
    Ok(found)
}

/// How a file is cited: its path relative to the parent of its root, with `/` separators.
fn display_path(root: &Path, file: &Path) -> String {
    let base = root.parent().unwrap_or(Path::new(""));
    let relative = file.strip_prefix(base).unwrap_or(file);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Loads the reference data under each root, later roots adding to earlier ones, and builds the
/// indexed [`KnowledgeBase`].
pub fn load(roots: &[PathBuf]) -> Result<KnowledgeBase, LoadError> {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    for root in roots {
        match reference_files(root) {
            Ok(found) if found.is_empty() => problems.push(LoadProblem {
                file: root.display().to_string(),
                location: Location::File,
                message: "no .yaml files found here".to_owned(),
                help: Some(
                    "pass the directory that holds the reference data, such as claims/reference"
                        .to_owned(),
                ),
            }),
            Ok(found) => files.extend(
                found
                    .into_iter()
                    .map(|file| (display_path(root, &file), file)),
            ),
            Err(error) => problems.push(LoadProblem {
                file: root.display().to_string(),
                location: Location::File,
                message: format!("cannot read: {error}"),
                help: None,
            }),
        }
    }
    let texts: Vec<(String, Result<String, String>)> = files
        .into_iter()
        .map(|(name, path)| {
            (
                name,
                std::fs::read_to_string(&path).map_err(|e| e.to_string()),
            )
        })
        .collect();
    let sources: Vec<(String, &str)> = texts
        .iter()
        .filter_map(|(name, text)| match text {
            Ok(text) => Some((name.clone(), text.as_str())),
            Err(error) => {
                problems.push(LoadProblem {
                    file: name.clone(),
                    location: Location::File,
                    message: format!("cannot read: {error}"),
                    help: None,
                });
                None
            }
        })
        .collect();
    match load_texts(&sources) {
        Ok(kb) if problems.is_empty() => Ok(kb),
        Ok(_) => Err(LoadError { problems }),
        Err(error) => {
            problems.extend(error.problems);
            Err(LoadError { problems })
        }
    }
}

/// Loads reference data from `(file name, YAML text)` pairs, in order: the same as [`load`]
/// without the file system.
pub fn load_texts(files: &[(String, &str)]) -> Result<KnowledgeBase, LoadError> {
    let parsed: Vec<(String, Result<ReferenceFile, yaml::YamlError>)> = files
        .par_iter()
        .map(|(name, text)| (name.clone(), yaml::read_reference(text)))
        .collect();
    let mut builder = Builder::default();
    let mut good = Vec::new();
    for (file, result) in parsed {
        match result {
            Ok(reference) => good.push((file, reference)),
            Err(error) => builder.problems.push(LoadProblem {
                file,
                location: match (error.line, error.column) {
                    (Some(line), Some(column)) => Location::Position { line, column },
                    _ => Location::File,
                },
                message: error.message,
                help: None,
            }),
        }
    }
    builder.merge(&good);
    if builder.problems.is_empty() {
        Ok(builder.kb)
    } else {
        Err(LoadError {
            problems: builder.problems,
        })
    }
}

/// The entity kinds a relation requires of its subject and object, if any.
type SideKinds = (Option<Arc<str>>, Option<Arc<str>>);

/// Accumulates the merged data and the problems found.
#[derive(Default)]
struct Builder {
    kb: KnowledgeBase,
    problems: Vec<LoadProblem>,
    source_index: HashMap<String, SourceId>,
    /// The ids of facts and completeness records, with the file of each.
    ids: HashMap<Arc<str>, Arc<str>>,
    alias_owner: HashMap<(Language, String), (String, Arc<str>)>,
    /// The relations that another relation mirrors.
    inverse_targets: Vec<String>,
    /// The subject and object kinds each relation requires.
    definitions: HashMap<String, SideKinds>,
}

/// Where an item is, for problems. Its path is formatted only when a problem is reported, so
/// that loading a million valid facts allocates no paths.
struct Item<'a> {
    file: &'a str,
    section: &'static str,
    index: usize,
    field: Option<Cow<'static, str>>,
    id: Option<Cow<'a, str>>,
}

impl<'a> Item<'a> {
    fn new(file: &'a str, section: &'static str, index: usize, id: Option<&'a str>) -> Self {
        Item {
            file,
            section,
            index,
            field: None,
            id: id.map(Cow::Borrowed),
        }
    }

    /// The item's field `name` (`subject`, `[2]`, `qualifiers.kind`).
    fn field(&self, name: impl Into<Cow<'static, str>>) -> Item<'a> {
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

    fn path(&self) -> String {
        match &self.field {
            Some(field) => format!("{}[{}].{field}", self.section, self.index),
            None => format!("{}[{}]", self.section, self.index),
        }
    }

    fn problem(&self, message: impl Into<String>, help: Option<String>) -> LoadProblem {
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

fn is_valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
}

fn closest<'a>(id: &str, known: impl Iterator<Item = &'a String>) -> Option<String> {
    known
        .map(|candidate| {
            (
                strsim::normalized_damerau_levenshtein(id, candidate),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| format!("did you mean '{candidate}'?"))
}

impl Builder {
    fn problem(&mut self, item: &Item<'_>, message: impl Into<String>, help: Option<String>) {
        self.problems.push(item.problem(message, help));
    }

    fn merge(&mut self, files: &[(String, ReferenceFile)]) {
        let names: Vec<Arc<str>> = files
            .iter()
            .map(|(name, _)| Arc::from(name.as_str()))
            .collect();
        let files: Vec<(&Arc<str>, &ReferenceFile)> = names
            .iter()
            .zip(files.iter().map(|(_, file)| file))
            .collect();
        for &(file, reference) in &files {
            for (index, source) in reference.sources.iter().enumerate() {
                let item = Item::new(file, "sources", index, source.id.as_deref());
                match &source.id {
                    None => self.problem(&item, "a source in `sources` needs an `id`", None),
                    Some(id) if self.source_index.contains_key(id) => {
                        self.problem(&item, format!("duplicate source id '{id}'"), None)
                    }
                    Some(id) => {
                        let source_id = self.add_source(file, index, source);
                        self.source_index.insert(id.clone(), source_id);
                    }
                }
            }
        }
        for &(file, reference) in &files {
            for (index, entity) in reference.entities.iter().enumerate() {
                self.add_entity(file, index, entity);
            }
        }
        for &(file, reference) in &files {
            for (index, relation) in reference.relations.iter().enumerate() {
                self.add_relation(file, index, relation);
            }
        }
        for &(file, reference) in &files {
            for (index, relation) in reference.relations.iter().enumerate() {
                self.link_inverse(file, index, relation);
            }
        }
        for &(file, reference) in &files {
            for (index, fact) in reference.facts.iter().enumerate() {
                self.add_fact(file, index, fact);
            }
            for (index, record) in reference.completeness.iter().enumerate() {
                self.add_completeness(file, index, record);
            }
        }
        self.build_lexicon(&files);
    }

    fn add_source(&mut self, file: &Arc<str>, index: usize, source: &SourceDef) -> SourceId {
        let id = SourceId(self.kb.sources.len() as u32);
        self.kb.sources.push(Source {
            id: source.id.clone(),
            url: source.url.clone(),
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            accessed: source.accessed,
            published: source.published,
            file: Arc::clone(file),
            index,
        });
        id
    }

    fn add_entity(&mut self, file: &Arc<str>, index: usize, entity: &EntityDef) {
        let item = Item::new(file, "entities", index, Some(&entity.id));
        if !is_valid_id(&entity.id) {
            self.problem(
                &item.field("id"),
                "an id may only hold letters, digits, '-', '_', '.' and ':'",
                None,
            );
            return;
        }
        if let Some(existing) = self.kb.entity_index.get(&entity.id) {
            let other = self.kb.entity(*existing).file.clone();
            self.problem(
                &item.field("id"),
                format!("duplicate entity id '{}' (also in {other})", entity.id),
                None,
            );
            return;
        }
        let mut aliases = BTreeMap::new();
        for (code, names) in &entity.aliases {
            let Ok(language) = code.parse::<Language>() else {
                self.problem(
                    &item.field(format!("aliases.{code}")),
                    format!("unknown language '{code}'"),
                    Some("languages are 'en' and 'id'".to_owned()),
                );
                continue;
            };
            for (number, name) in names.iter().enumerate() {
                let folded = fold(name);
                if folded.is_empty() {
                    self.problem(
                        &item.field(format!("aliases.{code}[{number}]")),
                        "an alias is empty",
                        None,
                    );
                    continue;
                }
                let key = (language, folded);
                match self.alias_owner.get(&key) {
                    Some((owner, owner_file)) if *owner != entity.id => {
                        let message = format!(
                            "alias '{name}' ({code}) is already an alias of '{owner}' in {owner_file}"
                        );
                        let help = Some(
                            "an alias names one entity per language: use a longer name".to_owned(),
                        );
                        self.problem(
                            &item.field(format!("aliases.{code}[{number}]")),
                            message,
                            help,
                        );
                    }
                    _ => {
                        self.alias_owner
                            .insert(key, (entity.id.clone(), Arc::clone(file)));
                    }
                }
            }
            aliases.insert(language, names.clone());
        }
        let id = EntityId(self.kb.entities.len() as u32);
        self.kb.entity_index.insert(entity.id.clone(), id);
        self.kb.entities.push(Entity {
            index,
            id: entity.id.clone(),
            name: entity.name.clone(),
            kind: entity.kind.clone(),
            aliases,
            wikidata: entity.wikidata.clone(),
            file: Arc::clone(file),
        });
    }

    fn add_relation(&mut self, file: &Arc<str>, index: usize, relation: &RelationDef) {
        let item = Item::new(file, "relations", index, Some(&relation.id));
        if !is_valid_id(&relation.id) {
            self.problem(
                &item.field("id"),
                "an id may only hold letters, digits, '-', '_', '.' and ':'",
                None,
            );
            return;
        }
        if let Some(existing) = self.kb.relation_index.get(&relation.id) {
            let other = self.kb.relation(*existing).file.clone();
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
            file: Arc::clone(file),
        });
    }

    fn link_inverse(&mut self, file: &str, index: usize, relation: &RelationDef) {
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

    fn entity_ref(&mut self, item: &Item<'_>, id: &str, kind: Option<&str>) -> Option<EntityId> {
        let Some(&entity) = self.kb.entity_index.get(id) else {
            let help = closest(id, self.kb.entity_index.keys());
            self.problem(item, format!("unknown entity '{id}'"), help);
            return None;
        };
        if let Some(kind) = kind {
            let actual = &self.kb.entity(entity).kind;
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

    fn source_refs(&mut self, item: &Item<'_>, refs: &[SourceRef]) -> Vec<SourceId> {
        if refs.is_empty() {
            self.problem(
                item,
                "no source: every fact and record needs at least one source that someone read",
                None,
            );
        }
        let mut ids = Vec::new();
        for (number, source) in refs.iter().enumerate() {
            match source {
                SourceRef::Id(id) => match self.source_index.get(id) {
                    Some(&source) => ids.push(source),
                    None => {
                        let help = closest(id, self.source_index.keys());
                        self.problem(
                            &item.field(format!("[{number}]")),
                            format!("unknown source '{id}'"),
                            help,
                        );
                    }
                },
                SourceRef::Inline(source) => {
                    let file = Arc::from(item.file);
                    ids.push(self.add_source(&file, item.index, source));
                }
            }
        }
        ids
    }

    fn add_fact(&mut self, file: &Arc<str>, index: usize, fact: &FactDef) {
        let mut item = Item::new(file, "facts", index, fact.id.as_deref());
        let name = fact.relation.as_str();
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
            &fact.subject,
            subject_kind.as_deref(),
        );
        let object = match (&fact.object, kind) {
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
        let value = match (&fact.value, kind) {
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
        let time = self.fact_time(&item, fact, kind);
        let mut qualifiers = BTreeMap::new();
        for (key, value) in &fact.qualifiers {
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
                        qualifiers.insert(key.clone(), entity);
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
        let id: Arc<str> = match &fact.id {
            Some(id) => Arc::from(id.as_str()),
            None => {
                let derived = derive_fact_id(fact);
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
        self.ids.insert(Arc::clone(&id), Arc::clone(file));
        let fact_id = FactId(self.kb.facts.len() as u32);
        self.kb
            .by_subject
            .entry((relation_id, subject))
            .or_default()
            .push(fact_id);
        if let Some(object) = object {
            self.kb
                .by_object
                .entry((relation_id, object))
                .or_default()
                .push(fact_id);
            self.kb
                .by_pair
                .entry((relation_id, subject, object))
                .or_default()
                .push(fact_id);
        }
        self.kb.facts.push(Fact {
            index,
            id,
            file: Arc::clone(file),
            relation: relation_id,
            subject,
            object,
            value,
            time,
            negative: fact.negative,
            qualifiers,
            sources,
            reviewed: fact.reviewed,
            note: fact.note.clone(),
        });
    }

    /// The subject and object kinds a relation requires, from its definition.
    fn relation_definition(&self, relation: &str) -> SideKinds {
        self.definitions
            .get(relation)
            .cloned()
            .unwrap_or((None, None))
    }

    fn fact_time(
        &mut self,
        item: &Item<'_>,
        fact: &FactDef,
        kind: RelationKind,
    ) -> Option<FactTime> {
        let span_allowed =
            matches!(kind, RelationKind::State | RelationKind::Quantity) || fact.negative;
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
                if matches!(kind, RelationKind::Event | RelationKind::Quantity)
                    && !fact.negative =>
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
                let expected = match (kind, fact.negative) {
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

    fn add_completeness(&mut self, file: &Arc<str>, index: usize, record: &CompletenessDef) {
        let item = Item::new(file, "completeness", index, record.id.as_deref());
        let Some(&relation) = self.kb.relation_index.get(&record.relation) else {
            let help = closest(&record.relation, self.kb.relation_index.keys());
            self.problem(
                &item.field("relation"),
                format!("unknown relation '{}'", record.relation),
                help,
            );
            return;
        };
        let mirrored = self.kb.relation(relation).inverse;
        let (subject_kind, object_kind) = self.relation_definition(&record.relation);
        let subject = record
            .subject
            .as_ref()
            .map(|id| self.entity_ref(&item.field("subject"), id, subject_kind.as_deref()));
        let object = record
            .object
            .as_ref()
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
        let sources = self.source_refs(&item.field("sources"), &record.sources);
        if matches!(subject, Some(None)) || matches!(object, Some(None)) {
            return;
        }
        let id = record.id.clone().unwrap_or_else(|| {
            format!(
                "complete:{}:{}:{}:{}..{}",
                record.relation,
                record.subject.as_deref().unwrap_or("*"),
                record.object.as_deref().unwrap_or("*"),
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
        self.ids.insert(Arc::from(id.as_str()), Arc::clone(file));
        let (relation, subject, object) = match mirrored {
            Some(mirrored) => (mirrored, object.flatten(), subject.flatten()),
            None => (relation, subject.flatten(), object.flatten()),
        };
        self.kb
            .completeness_by_relation
            .entry(relation)
            .or_default()
            .push(self.kb.completeness.len());
        self.kb.completeness.push(Completeness {
            index,
            id,
            file: Arc::clone(file),
            relation,
            subject,
            object,
            from: record.from,
            to: record.to,
            sources,
            reviewed: record.reviewed,
            note: record.note.clone(),
        });
    }

    fn build_lexicon(&mut self, files: &[(&Arc<str>, &ReferenceFile)]) {
        let mut lexicon = LexiconBuilder::new();
        for entity in &self.kb.entities {
            lexicon.entity(&entity.id, &entity.name, &entity.kind);
            for (language, names) in &entity.aliases {
                for name in names {
                    // Empty aliases were reported when the entity was added.
                    let _ = lexicon.alias(&entity.id, *language, name);
                }
            }
        }
        let mut problems = Vec::new();
        for &(file, reference) in files {
            for (index, relation) in reference.relations.iter().enumerate() {
                if self
                    .kb
                    .relation_index
                    .get(&relation.id)
                    .map(|id| &self.kb.relation(*id).file)
                    != Some(file)
                {
                    continue;
                }
                let mut lex_relation = LexRelation::new(&relation.id, relation.kind);
                lex_relation.subject_kind = relation.subject.clone();
                lex_relation.object_kind = relation.object.clone();
                lex_relation.unit = relation.unit.clone();
                lexicon.relation(lex_relation);
                for (tense, phrasings, field) in [
                    (Tense::Present, &relation.phrasings, "phrasings"),
                    (Tense::Past, &relation.past_phrasings, "past_phrasings"),
                ] {
                    for (code, templates) in phrasings {
                        let item = Item::new(file, "relations", index, Some(&relation.id))
                            .field(format!("{field}.{code}"));
                        let Ok(language) = code.parse::<Language>() else {
                            problems.push(item.problem(format!("unknown language '{code}'"), None));
                            continue;
                        };
                        for (number, template) in templates.iter().enumerate() {
                            if let Err(error) =
                                lexicon.phrasing(&relation.id, language, tense, template)
                            {
                                let item = item.field(format!("[{number}]"));
                                problems.push(item.problem(error.to_string(), None));
                            }
                        }
                    }
                }
            }
        }
        self.problems.extend(problems);
        self.kb.lexicon = lexicon.build();
    }
}

/// A stable id for a fact written without one: its relation, sides and time.
fn derive_fact_id(fact: &FactDef) -> String {
    let mut id = String::new();
    if fact.negative {
        id.push_str("not:");
    }
    id.push_str(&fact.relation);
    id.push(':');
    id.push_str(&fact.subject);
    if let Some(object) = &fact.object {
        id.push(':');
        id.push_str(object);
    }
    let time: Option<PartialDate> = fact.on.or(fact.from);
    if let Some(time) = time {
        id.push(':');
        id.push_str(&time.to_string());
    }
    id
}
