//! Each file's facts and completeness records, staged by the task that parsed the file: every
//! name they use interned once in a table of the file's own, dates and flags kept as they are,
//! sources written in place converted to the form the base stores. What waits for the merge is a
//! fraction of the serde model, which is dropped in the task: a million facts never exist twice
//! over.

use std::collections::{BTreeMap, HashMap};

use claims_parser::PartialDate;

use super::builder::{item_index, source_of};
use crate::kb::{FileId, FileText, Source};
use crate::model::{CompletenessDef, FactDef, ReferenceFile, SourceRef, ValueDef};

/// The file of a staged inline source until its file is resolved.
const UNRESOLVED: FileId = FileId(u32::MAX);

/// A name in a [`StagedFile`]'s table.
pub(super) type Name = u32;

/// A reference file after its parsing task: the sources, entities and relations it defines as
/// parsed, and its facts and records staged.
pub(super) struct StagedFile {
    /// Its sources, entities and relations (its facts and records taken out).
    pub(super) header: ReferenceFile,
    /// Its facts and records.
    pub(super) body: StagedBody,
}

/// A file's facts and completeness records, staged.
pub(super) struct StagedBody {
    /// Every name its facts and records use, once.
    pub(super) names: Vec<Box<str>>,
    pub(super) facts: Vec<StagedFact>,
    pub(super) completeness: Vec<StagedRecord>,
    /// The sources written in place, in the order they were written, already in the form the
    /// base stores (their `index` the position of their fact or record in its section); their
    /// `file` is set when the file is resolved.
    pub(super) inline: Vec<Source>,
    /// The file's text: its inline sources' texts so far; the merge adds those of the sources
    /// of its `sources` section, and resolving it the ids of its facts and records.
    pub(super) text: FileText,
}

/// A source of a staged fact or record: by id, or written in place.
#[derive(Debug, Clone, Copy)]
pub(super) enum StagedSource {
    /// The id of a source defined in a `sources` section.
    Id(Name),
    /// The position of an inline source in [`StagedBody::inline`].
    Inline(u32),
}

/// When a fact holds, as written.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Times {
    pub(super) from: Option<PartialDate>,
    pub(super) to: Option<PartialDate>,
    pub(super) known_until: Option<PartialDate>,
    pub(super) on: Option<PartialDate>,
}

/// A fact as written, its names interned.
pub(super) struct StagedFact {
    pub(super) id: Option<Name>,
    pub(super) relation: Name,
    pub(super) subject: Name,
    pub(super) object: Option<Name>,
    pub(super) value: Option<Box<ValueDef>>,
    pub(super) times: Times,
    pub(super) negative: bool,
    /// Qualifier names and values, by name.
    pub(super) qualifiers: Box<[(Name, Name)]>,
    pub(super) sources: Box<[StagedSource]>,
    pub(super) reviewed: PartialDate,
    pub(super) note: Option<Box<str>>,
}

/// A completeness record as written, its names interned.
pub(super) struct StagedRecord {
    pub(super) id: Option<Name>,
    pub(super) relation: Name,
    pub(super) subject: Option<Name>,
    pub(super) object: Option<Name>,
    pub(super) from: PartialDate,
    pub(super) to: PartialDate,
    pub(super) sources: Box<[StagedSource]>,
    pub(super) reviewed: PartialDate,
    pub(super) note: Option<Box<str>>,
}

/// Builds a file's name table: each name kept once, as the key of its number.
#[derive(Default)]
struct Interner {
    index: HashMap<String, Name, foldhash::fast::RandomState>,
}

impl Interner {
    fn name(&mut self, name: String) -> Name {
        let next = self.index.len() as Name;
        *self.index.entry(name).or_insert(next)
    }

    /// The names, each at its number.
    fn into_names(self) -> Vec<Box<str>> {
        let mut names = vec![Box::<str>::default(); self.index.len()];
        for (name, number) in self.index {
            names[number as usize] = name.into_boxed_str();
        }
        names
    }
}

/// Stages a parsed file.
pub(super) fn stage(mut file: ReferenceFile) -> StagedFile {
    let facts = std::mem::take(&mut file.facts);
    let records = std::mem::take(&mut file.completeness);
    let mut interner = Interner::default();
    let mut inline = Vec::new();
    let mut text = FileText::default();
    let mut sources =
        |interner: &mut Interner, index: usize, refs: Vec<SourceRef>| -> Box<[StagedSource]> {
            refs.into_iter()
                .map(|source| match source {
                    SourceRef::Id(id) => StagedSource::Id(interner.name(id)),
                    SourceRef::Inline(source) => {
                        inline.push(source_of(UNRESOLVED, item_index(index), &source, &mut text));
                        StagedSource::Inline((inline.len() - 1) as u32)
                    }
                })
                .collect()
        };
    let mut staged_facts = Vec::with_capacity(facts.len());
    for (index, fact) in facts.into_iter().enumerate() {
        let FactDef {
            id,
            relation,
            subject,
            object,
            value,
            from,
            to,
            known_until,
            on,
            negative,
            qualifiers,
            sources: refs,
            reviewed,
            note,
        } = fact;
        staged_facts.push(StagedFact {
            id: id.map(|id| interner.name(id)),
            relation: interner.name(relation),
            subject: interner.name(subject),
            object: object.map(|object| interner.name(object)),
            value: value.map(Box::new),
            times: Times {
                from,
                to,
                known_until,
                on,
            },
            negative,
            qualifiers: qualifiers_of(&mut interner, qualifiers),
            sources: sources(&mut interner, index, refs),
            reviewed,
            note: note.map(String::into_boxed_str),
        });
    }
    let mut staged_records = Vec::with_capacity(records.len());
    for (index, record) in records.into_iter().enumerate() {
        let CompletenessDef {
            id,
            relation,
            subject,
            object,
            from,
            to,
            sources: refs,
            reviewed,
            note,
        } = record;
        staged_records.push(StagedRecord {
            id: id.map(|id| interner.name(id)),
            relation: interner.name(relation),
            subject: subject.map(|subject| interner.name(subject)),
            object: object.map(|object| interner.name(object)),
            from,
            to,
            sources: sources(&mut interner, index, refs),
            reviewed,
            note: note.map(String::into_boxed_str),
        });
    }
    StagedFile {
        header: file,
        body: StagedBody {
            names: interner.into_names(),
            facts: staged_facts,
            completeness: staged_records,
            inline,
            text,
        },
    }
}

fn qualifiers_of(
    interner: &mut Interner,
    qualifiers: BTreeMap<String, String>,
) -> Box<[(Name, Name)]> {
    qualifiers
        .into_iter()
        .map(|(key, value)| (interner.name(key), interner.name(value)))
        .collect()
}
