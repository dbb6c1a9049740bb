//! The rows of a [`KnowledgeBase`](super::KnowledgeBase): entities, relations, sources, facts
//! and completeness records, as they are stored once loaded.

use std::collections::BTreeMap;
use std::fmt;

use claims_parser::{Language, PartialDate, RelationKind};
use jiff::civil::Date;

#[cfg(doc)]
use super::KnowledgeBase;
use super::{EntityId, FileId, RelationId, SourceId, SourceSpans, TextSpan};
use crate::model::SingleValued;

/// Something facts are about.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// Its position in its file's section (`facts[index]`).
    pub index: usize,
    /// Its stable id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its kind.
    pub kind: String,
    /// Its aliases, each with its language.
    pub aliases: Names,
    /// Its demonyms, each with its language: adjectives that name it in titles.
    pub demonyms: Names,
    /// Its Wikidata id.
    pub wikidata: Option<String>,
    /// The file it is defined in.
    pub file: FileId,
}

/// An entity's names of one kind, each with its language, in order of language and then as
/// written: one allocation for them all, where a map of vectors took a tree node and a vector.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Names(Box<[(Language, Box<str>)]>);

impl Names {
    /// The names, each with its language.
    pub fn iter(&self) -> impl Iterator<Item = (Language, &str)> {
        self.0.iter().map(|(language, name)| (*language, &**name))
    }
}

impl FromIterator<(Language, Box<str>)> for Names {
    fn from_iter<I: IntoIterator<Item = (Language, Box<str>)>>(names: I) -> Names {
        let mut names: Vec<(Language, Box<str>)> = names.into_iter().collect();
        names.sort_by_key(|&(language, _)| language);
        Names(names.into_boxed_slice())
    }
}

/// A relation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Relation {
    /// Its position in its file's section (`facts[index]`).
    pub index: usize,
    /// Its stable id.
    pub id: String,
    /// How it holds in time.
    pub kind: RelationKind,
    /// Which side has one value at a time, if any.
    pub single_valued: Option<SingleValued>,
    /// The relation that is this one with the sides swapped.
    pub inverse: Option<RelationId>,
    /// The unit of its values.
    pub unit: Option<String>,
    /// Its qualifiers and the kind of entity each takes.
    pub qualifiers: BTreeMap<String, String>,
    /// The file it is defined in.
    pub file: FileId,
}

/// A page someone read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// Its id, if it was defined with one.
    pub id: Option<Box<str>>,
    /// Where its address, title and publisher are in its file's text:
    /// [`KnowledgeBase::source_texts`] reads them.
    pub texts: SourceSpans,
    /// When it was read.
    pub accessed: PartialDate,
    /// When it was published, if known.
    pub published: Option<PartialDate>,
    /// The file it is defined in.
    pub file: FileId,
    /// Its position in its file's `sources` (for a source written inline in a fact, the fact's).
    pub index: u32,
}

/// The sources of a fact or record: one kept in place, as most have, or several boxed. It reads
/// as a slice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SourceIds {
    /// One source.
    One([SourceId; 1]),
    /// None, or several.
    Several(Box<[SourceId]>),
}

impl std::ops::Deref for SourceIds {
    type Target = [SourceId];

    fn deref(&self) -> &[SourceId] {
        match self {
            SourceIds::One(one) => one,
            SourceIds::Several(several) => several,
        }
    }
}

impl From<Vec<SourceId>> for SourceIds {
    fn from(ids: Vec<SourceId>) -> SourceIds {
        match ids[..] {
            [one] => SourceIds::One([one]),
            _ => SourceIds::Several(ids.into_boxed_slice()),
        }
    }
}

/// When a fact holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FactTime {
    /// Regardless of time (timeless relations).
    Always,
    /// From a date, to a date or still.
    Span {
        /// When it began.
        from: PartialDate,
        /// How it ends.
        end: SpanEnd,
    },
    /// At a point: an event, or a measurement.
    On(PartialDate),
}

/// How a fact that holds over a span ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SpanEnd {
    /// It ended: this is the last day it held (`to`).
    To(PartialDate),
    /// It still held when its sources were read: it is presumed to continue up to the judgment
    /// date, with a warning when that date is later than its sources.
    Open,
    /// It is known to hold up to this day (`known_until`), and nothing is presumed after: an
    /// announced end that no source confirms.
    KnownUntil(PartialDate),
}

/// A measured value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Value {
    /// The number.
    pub amount: f64,
    /// Its unit.
    pub unit: Option<String>,
}

/// One sourced fact.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    /// Its position in its file's section (`facts[index]`).
    pub index: u32,
    /// Its stable id, given or derived from its content: [`KnowledgeBase::fact_id`] reads it.
    pub id: TextSpan,
    /// The file it is written in.
    pub file: FileId,
    /// The relation.
    pub relation: RelationId,
    /// The subject.
    pub subject: EntityId,
    /// The object, except for quantity relations.
    pub object: Option<EntityId>,
    /// When it holds.
    pub time: FactTime,
    /// Whether it states that the relation did not hold.
    pub negative: bool,
    /// Its sources.
    pub sources: SourceIds,
    /// When a curator last checked it.
    pub reviewed: PartialDate,
    /// Its value, qualifiers and note, if it has any: boxed once, and absent from most facts.
    pub extras: Option<Box<FactExtras>>,
}

/// What only some facts have.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FactExtras {
    /// The value, for quantity relations.
    pub value: Option<Value>,
    /// Its qualifiers.
    pub qualifiers: BTreeMap<String, EntityId>,
    /// A note for the reader.
    pub note: Option<Box<str>>,
}

impl FactExtras {
    /// These, boxed, unless there are none.
    pub(crate) fn boxed(self) -> Option<Box<FactExtras>> {
        (self != FactExtras::default()).then(|| Box::new(self))
    }
}

/// The qualifiers of a fact that has none.
static NO_QUALIFIERS: BTreeMap<String, EntityId> = BTreeMap::new();

impl Fact {
    /// Its value, for quantity relations.
    pub fn value(&self) -> Option<&Value> {
        self.extras.as_ref()?.value.as_ref()
    }

    /// Its qualifiers.
    pub fn qualifiers(&self) -> &BTreeMap<String, EntityId> {
        self.extras
            .as_ref()
            .map_or(&NO_QUALIFIERS, |extras| &extras.qualifiers)
    }

    /// Its note for the reader.
    pub fn note(&self) -> Option<&str> {
        self.extras.as_ref()?.note.as_deref()
    }
}

/// A completeness record: over its span, the facts of its relation for its fixed side are complete.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Completeness {
    /// Its position in its file's section (`facts[index]`).
    pub index: u32,
    /// Its stable id, given or derived: [`KnowledgeBase::record_id`] reads it.
    pub id: TextSpan,
    /// The file it is written in.
    pub file: FileId,
    /// The relation.
    pub relation: RelationId,
    /// The fixed subject, if any.
    pub subject: Option<EntityId>,
    /// The fixed object, if any.
    pub object: Option<EntityId>,
    /// The first day covered.
    pub from: PartialDate,
    /// The last day covered.
    pub to: PartialDate,
    /// Its sources.
    pub sources: SourceIds,
    /// When a curator last checked it.
    pub reviewed: PartialDate,
    /// A note for the reader.
    pub note: Option<Box<str>>,
}

/// An inclusive range of days; unbounded ends use jiff's minimum and maximum dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Days {
    pub(crate) first: Date,
    pub(crate) last: Date,
}

impl Days {
    pub(crate) fn of(date: PartialDate) -> Days {
        Days {
            first: date.first_day(),
            last: date.last_day(),
        }
    }

    pub(crate) fn day(day: Date) -> Days {
        Days {
            first: day,
            last: day,
        }
    }

    pub(crate) fn contains(&self, other: &Days) -> bool {
        self.first <= other.first && other.last <= self.last
    }
}

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{} to {}", self.first, self.last)
        }
    }
}

impl Fact {
    /// The days on which the fact certainly holds (`None` if on none for certain), and the days on
    /// which it may hold. Facts without an end are presumed to continue.
    pub(crate) fn days(&self) -> (Option<Days>, Days) {
        match self.time {
            FactTime::Always => {
                let all = Days {
                    first: Date::MIN,
                    last: Date::MAX,
                };
                (Some(all), all)
            }
            FactTime::Span { from, end } => {
                let (certain_last, possible_last) = match end {
                    SpanEnd::To(to) => (to.first_day(), to.last_day()),
                    SpanEnd::Open => (Date::MAX, Date::MAX),
                    SpanEnd::KnownUntil(until) => (until.first_day(), Date::MAX),
                };
                let certain = (from.last_day() <= certain_last).then_some(Days {
                    first: from.last_day(),
                    last: certain_last,
                });
                (
                    certain,
                    Days {
                        first: from.first_day(),
                        last: possible_last,
                    },
                )
            }
            FactTime::On(on) => {
                let days = Days::of(on);
                let certain = (on.precision() == claims_parser::Precision::Day).then_some(days);
                (certain, days)
            }
        }
    }
}
