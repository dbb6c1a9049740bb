//! The tables of names a [`Lexicon`](super::Lexicon) resolves: one of aliases, one of demonyms.
//!
//! A [`NameTable`] keeps every name in one string and a row per declared name, so that a base of
//! hundreds of thousands of aliases costs a few allocations rather than several per alias. Its
//! rows are sorted by the folded name's length in characters, then the folded name, so that the
//! rows of one folded name are side by side and suggestions can look at names of a given length
//! only; an index by folded name points at the first row of each.

use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::HashTable;

use super::{Language, LexiconError};

/// Where a name is in its table's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// A name of an entity in a language: as written, and folded as names are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct NameRow {
    written: Span,
    folded: Span,
    /// The entity's position in the lexicon.
    pub(crate) entity: u32,
    /// The language it was declared in.
    pub(crate) language: Language,
}

/// The names of entities, as rows over one text, with an index by folded name. The index is not
/// stored: it is built again when a table is read (see [`NameTable::check_and_index`]).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct NameTable {
    /// Every name as written, then as folded, back to back.
    text: String,
    /// One row per folded name, entity and language; in order once the table is finished.
    rows: Vec<NameRow>,
    /// The first row of each folded name, by that name.
    #[serde(skip)]
    index: HashTable<u32>,
    #[serde(skip)]
    hasher: foldhash::fast::RandomState,
}

impl NameTable {
    /// Adds a name of `entity`, written and folded. A row that repeats the folded name, entity
    /// and language of an earlier one is dropped when the table is finished.
    pub(crate) fn push(
        &mut self,
        written: &str,
        folded: &str,
        entity: usize,
        language: Language,
    ) -> Result<(), LexiconError> {
        let mut span = |name: &str| {
            let start = u32::try_from(self.text.len()).ok()?;
            let len = u32::try_from(name.len()).ok()?;
            start.checked_add(len)?;
            self.text.push_str(name);
            Some(Span { start, len })
        };
        let (Some(written), Some(folded), Ok(entity)) =
            (span(written), span(folded), u32::try_from(entity))
        else {
            return Err(LexiconError::TooManyNames);
        };
        self.rows.push(NameRow {
            written,
            folded,
            entity,
            language,
        });
        Ok(())
    }

    /// Drops repeated rows (keeping the first added), puts the rows in order and indexes them.
    pub(crate) fn finish(&mut self) {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        order.sort_unstable_by_key(|&at| {
            let row = &self.rows[at];
            (self.folded(row), row.entity, row.language, at)
        });
        let mut kept = vec![false; self.rows.len()];
        let mut previous: Option<&NameRow> = None;
        for &at in &order {
            let row = &self.rows[at];
            let repeated = previous.is_some_and(|previous| {
                (self.folded(previous), previous.entity, previous.language)
                    == (self.folded(row), row.entity, row.language)
            });
            kept[at] = !repeated;
            previous = Some(row);
        }
        let mut rows: Vec<(usize, NameRow)> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(at, _)| kept[*at])
            .map(|(at, row)| (at, *row))
            .collect();
        rows.sort_by_cached_key(|(at, row)| {
            let folded = self.folded(row);
            (folded.chars().count(), folded, self.written(row), *at)
        });
        self.rows = rows.into_iter().map(|(_, row)| row).collect();
        self.index_rows();
    }

    /// Checks a table that was read, as [`NameTable::finish`] left it, against the number of
    /// entities its rows may name, and builds its index.
    pub(crate) fn check_and_index(&mut self, entities: usize) -> Result<(), String> {
        for row in &self.rows {
            let inside = |span: Span| {
                span.start.checked_add(span.len).is_some() && self.text.get(span.range()).is_some()
            };
            if !inside(row.written) || !inside(row.folded) || row.entity as usize >= entities {
                return Err("a name outside its table".to_owned());
            }
        }
        self.index_rows();
        Ok(())
    }

    fn index_rows(&mut self) {
        let mut index = HashTable::with_capacity(self.rows.len());
        for (at, row) in self.rows.iter().enumerate() {
            let folded = self.folded(row);
            if at > 0 && self.folded(&self.rows[at - 1]) == folded {
                continue;
            }
            let hasher = |&at: &u32| self.hasher.hash_one(self.folded(&self.rows[at as usize]));
            index.insert_unique(self.hasher.hash_one(folded), at as u32, hasher);
        }
        self.index = index;
    }

    /// The rows of a folded name, side by side.
    pub(crate) fn named(&self, folded: &str) -> &[NameRow] {
        let Some(&first) = self.index.find(self.hasher.hash_one(folded), |&at| {
            self.folded(&self.rows[at as usize]) == folded
        }) else {
            return &[];
        };
        let rows = &self.rows[first as usize..];
        let count = rows
            .iter()
            .take_while(|row| self.folded(row) == folded)
            .count();
        &rows[..count]
    }

    /// The rows of each folded name, side by side, in order.
    pub(crate) fn runs(&self) -> impl Iterator<Item = &[NameRow]> {
        self.rows.chunk_by(|a, b| self.folded(a) == self.folded(b))
    }

    /// Every row, in order.
    pub(crate) fn rows(&self) -> &[NameRow] {
        &self.rows
    }

    /// Each folded name once, in no particular order.
    pub(crate) fn folded_names(&self) -> impl Iterator<Item = &str> {
        self.index
            .iter()
            .map(|&at| self.folded(&self.rows[at as usize]))
    }

    /// A row's name as written.
    pub(crate) fn written(&self, row: &NameRow) -> &str {
        &self.text[row.written.range()]
    }

    /// A row's name, folded.
    pub(crate) fn folded(&self, row: &NameRow) -> &str {
        &self.text[row.folded.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(names: &[(&str, usize, Language)]) -> NameTable {
        let mut table = NameTable::default();
        for &(written, entity, language) in names {
            let folded = crate::normalize::fold(written);
            table.push(written, &folded, entity, language).unwrap();
        }
        table.finish();
        table
    }

    #[test]
    fn a_folded_name_finds_its_rows_and_repeats_keep_the_first_spelling() {
        let table = table(&[
            ("Amerika Serikat", 0, Language::Id),
            ("United States", 0, Language::En),
            ("UNITED STATES", 0, Language::En),
            ("United States", 1, Language::En),
            ("US", 0, Language::En),
        ]);
        let rows = table.named("united states");
        let found: Vec<(&str, u32)> = rows
            .iter()
            .map(|row| (table.written(row), row.entity))
            .collect();
        assert_eq!(found, [("United States", 0), ("United States", 1)]);
        assert!(table.named("united").is_empty());
        let order: Vec<&str> = table.rows().iter().map(|row| table.written(row)).collect();
        assert_eq!(
            order,
            ["US", "United States", "United States", "Amerika Serikat"]
        );
        let mut folded: Vec<&str> = table.folded_names().collect();
        folded.sort_unstable();
        assert_eq!(folded, ["amerika serikat", "united states", "us"]);
    }

    #[test]
    fn a_table_read_back_is_checked_and_indexed() {
        let mut read = table(&[("Mongolia", 0, Language::En)]);
        read.index = HashTable::new();
        assert!(read.named("mongolia").is_empty());
        read.check_and_index(1).unwrap();
        assert_eq!(read.named("mongolia").len(), 1);
        assert!(read.check_and_index(0).is_err());
        read.rows[0].folded.len = 100;
        assert!(read.check_and_index(1).is_err());
    }
}
