//! An entry of the cache: a [`KnowledgeBase`] as postcard bytes, in sections that are encoded one
//! after another and decoded side by side, one task per section.
//!
//! An entry is a table, then the sections. The table holds each section's length and BLAKE3
//! checksum, and is itself preceded by its own checksum. Each section is decoded from its own
//! handle on the file, through one reused buffer, hashed as it is read; a section whose bytes do
//! not match their checksum, or that does not decode to exactly its length, makes the whole entry
//! a miss, and whatever was decoded is dropped.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use claims_parser::Lexicon;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::kb::{
    Completeness, Entity, EntityId, EntityIndex, Fact, FactId, FileTexts, KnowledgeBase, Postings,
    Refinement, Relation, RelationId, Source, reserved,
};

/// The layout of an entry. Part of every key, so that an entry of another layout is never read.
pub(super) const FORMAT: &str = "factcheck knowledge base, postcard, layout 7";

/// How many sections an entry has.
const SECTIONS: usize = 7;

/// The bytes of the table: each section's length (8 bytes) and checksum.
const TABLE: usize = SECTIONS * (8 + blake3::OUT_LEN);

/// The first section: the files, entities and relations, and their indexes by id.
#[derive(serde::Deserialize)]
struct Names {
    files: Vec<String>,
    #[serde(deserialize_with = "reserved::vec")]
    entities: Vec<Entity>,
    relations: Vec<Relation>,
    relation_index: HashMap<String, RelationId, foldhash::fast::RandomState>,
}

/// A section of rows: facts, completeness records or sources.
#[derive(serde::Deserialize)]
#[serde(bound(deserialize = "T: serde::Deserialize<'de>"))]
struct Rows<T>(#[serde(deserialize_with = "reserved::vec")] Vec<T>);

/// The indexes of facts, or of completeness records: by relation and subject, the same by
/// object within each group (the pairs), and by relation and object.
type Indexes<V> = (
    Postings<(RelationId, EntityId), V>,
    Refinement<V>,
    Postings<(RelationId, EntityId), V>,
);

/// Writes `kb` to `file` as an entry: a blank table, each section as it is encoded, then the
/// table.
pub(super) fn write(kb: &KnowledgeBase, file: &mut File) -> io::Result<()> {
    file.write_all(&[0; blake3::OUT_LEN + TABLE])?;
    let mut writer = BufWriter::new(&mut *file);
    let names = (&kb.files, &kb.entities, &kb.relations, &kb.relation_index);
    let table = [
        section(&names, &mut writer)?,
        section(&kb.facts, &mut writer)?,
        section(&kb.completeness, &mut writer)?,
        section(&(&kb.sources, &kb.texts), &mut writer)?,
        section(&(&kb.by_subject, &kb.by_pair, &kb.by_object), &mut writer)?,
        section(
            &(
                &kb.records_by_subject,
                &kb.records_by_pair,
                &kb.records_by_object,
            ),
            &mut writer,
        )?,
        section(&kb.lexicon, &mut writer)?,
    ];
    writer.flush()?;
    drop(writer);
    let mut bytes = Vec::with_capacity(TABLE);
    for (length, checksum) in &table {
        bytes.extend(length.to_le_bytes());
        bytes.extend(checksum.as_bytes());
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(blake3::hash(&bytes).as_bytes())?;
    file.write_all(&bytes)
}

/// Encodes one section to `writer`: its length and checksum.
fn section(
    value: &impl serde::Serialize,
    writer: &mut impl Write,
) -> io::Result<(u64, blake3::Hash)> {
    let Hashing { hasher, .. } = postcard::to_io(
        value,
        Hashing {
            hasher: blake3::Hasher::new(),
            inner: writer,
        },
    )
    .map_err(io::Error::other)?;
    Ok((hasher.count(), hasher.finalize()))
}

/// The base in the entry at `path`, if its table and every section match their checksums and
/// decode. Once `abandoned` is set, every section stops at its next read and there is none.
pub(super) fn read(path: &Path, abandoned: &AtomicBool) -> Option<KnowledgeBase> {
    let mut file = File::open(path).ok()?;
    let mut head = [0; blake3::OUT_LEN + TABLE];
    file.read_exact(&mut head).ok()?;
    let (checksum, table) = head.split_at(blake3::OUT_LEN);
    if blake3::hash(table).as_bytes() != checksum {
        return None;
    }
    let mut sections = [(0, 0, [0; blake3::OUT_LEN]); SECTIONS];
    let mut offset = (blake3::OUT_LEN + TABLE) as u64;
    for (section, entry) in sections
        .iter_mut()
        .zip(table.chunks_exact(8 + blake3::OUT_LEN))
    {
        let (length, checksum) = entry.split_at(8);
        let length = u64::from_le_bytes(length.try_into().ok()?);
        *section = (offset, length, checksum.try_into().ok()?);
        offset = offset.checked_add(length)?;
    }
    if offset != file.metadata().ok()?.len() {
        return None;
    }
    let at = |index: usize| Section {
        path,
        abandoned,
        offset: sections[index].0,
        length: sections[index].1,
        checksum: sections[index].2,
    };
    let ((names, facts), ((completeness, sources), ((fact_indexes, record_indexes), lexicon))) =
        rayon::join(
            || {
                rayon::join(
                    || {
                        let names = at(0).decode::<Names>()?;
                        let index = EntityIndex::of(&names.entities);
                        Some((names, index))
                    },
                    || at(1).decode::<Rows<Fact>>(),
                )
            },
            || {
                rayon::join(
                    || {
                        rayon::join(
                            || at(2).decode::<Rows<Completeness>>(),
                            || at(3).decode::<(Rows<Source>, FileTexts)>(),
                        )
                    },
                    || {
                        rayon::join(
                            || {
                                rayon::join(
                                    || at(4).decode::<Indexes<FactId>>(),
                                    || at(5).decode::<Indexes<u32>>(),
                                )
                            },
                            || at(6).decode::<Lexicon>(),
                        )
                    },
                )
            },
        );
    let (names, entity_index) = names?;
    let (by_subject, by_pair, by_object) = fact_indexes?;
    let (records_by_subject, records_by_pair, records_by_object) = record_indexes?;
    if !(by_pair.fits(&by_subject) && records_by_pair.fits(&records_by_subject)) {
        return None;
    }
    let (facts, completeness, (sources, texts)) = (facts?.0, completeness?.0, sources?);
    let sources = sources.0;
    let spans_hold = facts.par_iter().all(|fact| texts.holds(fact.file, fact.id))
        && completeness
            .par_iter()
            .all(|record| texts.holds(record.file, record.id))
        && sources
            .par_iter()
            .all(|source| texts.holds_source(source.file, source.texts));
    if !spans_hold {
        return None;
    }
    Some(KnowledgeBase {
        files: names.files,
        entities: names.entities,
        entity_index,
        relations: names.relations,
        relation_index: names.relation_index,
        facts,
        texts,
        completeness,
        sources,
        by_subject,
        by_pair,
        by_object,
        records_by_subject,
        records_by_pair,
        records_by_object,
        lexicon: lexicon?,
    })
}

/// Where a section is in its entry, and the checksum of its bytes.
struct Section<'a> {
    path: &'a Path,
    abandoned: &'a AtomicBool,
    offset: u64,
    length: u64,
    checksum: [u8; blake3::OUT_LEN],
}

impl Section<'_> {
    /// The section, decoded from a handle of its own, if it is exactly its length and its bytes
    /// match their checksum.
    fn decode<T: DeserializeOwned>(&self) -> Option<T> {
        let mut file = File::open(self.path).ok()?;
        file.seek(SeekFrom::Start(self.offset)).ok()?;
        let mut decoder = postcard::Deserializer::from_flavor(Chunks::new(
            file.take(self.length),
            self.length,
            self.abandoned,
        ));
        let value = T::deserialize(&mut decoder).ok()?;
        let chunks = decoder.finalize().ok()?;
        let whole = chunks.start == chunks.end && chunks.unread == 0;
        (whole && chunks.hasher.finalize().as_bytes() == &self.checksum).then_some(value)
    }
}

/// postcard's input, read from a file through one reused buffer and hashed a chunk at a time as
/// it is read: as fast to decode as a slice, without holding the entry whole.
struct Chunks<'a, R> {
    reader: R,
    /// Set when the entry is no longer wanted: the next read fails.
    abandoned: &'a AtomicBool,
    hasher: blake3::Hasher,
    buffer: Vec<u8>,
    /// The unread bytes are `buffer[start..end]`.
    start: usize,
    end: usize,
    /// The bytes of the section not yet read into the buffer.
    unread: u64,
}

impl<'a, R: Read> Chunks<'a, R> {
    /// Reads `length` bytes from `reader`, until `abandoned` is set.
    fn new(reader: R, length: u64, abandoned: &'a AtomicBool) -> Self {
        Chunks {
            reader,
            abandoned,
            hasher: blake3::Hasher::new(),
            buffer: vec![0; 1 << 20],
            start: 0,
            end: 0,
            unread: length,
        }
    }

    /// Makes `wanted` unread bytes available, reading more (and growing the buffer for an item
    /// longer than it). An item longer than what is left of the section is an error, before
    /// anything is allocated for it.
    fn fill(&mut self, wanted: usize) -> postcard::Result<()> {
        let available = self.end - self.start;
        if available >= wanted {
            return Ok(());
        }
        if (wanted - available) as u64 > self.unread || self.abandoned.load(Ordering::Relaxed) {
            return Err(postcard::Error::DeserializeUnexpectedEnd);
        }
        self.buffer.copy_within(self.start..self.end, 0);
        self.end = available;
        self.start = 0;
        if self.buffer.len() < wanted {
            self.buffer.resize(wanted, 0);
        }
        while self.end < wanted {
            let room = (self.buffer.len() - self.end).min(self.unread as usize);
            let read = self
                .reader
                .read(&mut self.buffer[self.end..self.end + room])
                .map_err(|_| postcard::Error::DeserializeUnexpectedEnd)?;
            if read == 0 {
                return Err(postcard::Error::DeserializeUnexpectedEnd);
            }
            self.hasher.update(&self.buffer[self.end..self.end + read]);
            self.end += read;
            self.unread -= read as u64;
        }
        Ok(())
    }
}

impl<'de, 'flag: 'de, R: Read + 'de> postcard::de_flavors::Flavor<'de> for Chunks<'flag, R> {
    type Remainder = Self;
    type Source = R;

    fn pop(&mut self) -> postcard::Result<u8> {
        self.fill(1)?;
        self.start += 1;
        Ok(self.buffer[self.start - 1])
    }

    /// Nothing in the base borrows from its input.
    fn try_take_n(&mut self, _: usize) -> postcard::Result<&'de [u8]> {
        Err(postcard::Error::DeserializeUnexpectedEnd)
    }

    fn try_take_n_temp<'a>(&'a mut self, count: usize) -> postcard::Result<&'a [u8]>
    where
        'de: 'a,
    {
        self.fill(count)?;
        self.start += count;
        Ok(&self.buffer[self.start - count..self.start])
    }

    fn finalize(self) -> postcard::Result<Self> {
        Ok(self)
    }
}

/// A writer that hashes what passes through it on its way to `inner`.
struct Hashing<W> {
    hasher: blake3::Hasher,
    inner: W,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> KnowledgeBase {
        let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../claims/reference");
        crate::load(&[crate::Root::given(&reference)]).expect("the bundled data loads")
    }

    #[test]
    fn an_abandoned_read_has_no_base() {
        let kb = bundled();
        let mut file = tempfile::NamedTempFile::new().unwrap();
        write(&kb, file.as_file_mut()).unwrap();
        let read = |abandoned: bool| super::read(file.path(), &AtomicBool::new(abandoned));
        assert!(read(false).is_some());
        assert!(read(true).is_none());
    }
}
