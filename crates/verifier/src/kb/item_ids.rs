//! The ids of facts and completeness records: each file's, back to back in one text, and each
//! fact or record holding where its own is. A million ids are one allocation per file, not a
//! million.

use super::FileId;

/// Where the id of a fact or completeness record is in the id text of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ItemId {
    start: u32,
    len: u32,
}

/// The id texts of the files of a base, by [`FileId`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ItemIds(Vec<String>);

impl ItemIds {
    /// The id at `at` in the text of `file`.
    ///
    /// # Panics
    ///
    /// If `at` is not a span of that text, which no base built or read back here has: a loaded
    /// base's ids are pushed with their texts, and a cache entry's are checked ([`Self::holds`]).
    pub(crate) fn get(&self, file: FileId, at: ItemId) -> &str {
        let start = at.start as usize;
        &self.0[file.0 as usize][start..start + at.len as usize]
    }

    /// Whether `at` is a span of the text of `file` that begins and ends on character
    /// boundaries.
    pub(crate) fn holds(&self, file: FileId, at: ItemId) -> bool {
        let Some(text) = self.0.get(file.0 as usize) else {
            return false;
        };
        let (start, end) = (at.start as usize, at.start as usize + at.len as usize);
        text.get(start..end).is_some()
    }

    /// Sets the id text of `file`, which the base's files must include.
    pub(crate) fn set(&mut self, file: FileId, text: String) {
        let at = file.0 as usize;
        if self.0.len() <= at {
            self.0.resize(at + 1, String::new());
        }
        self.0[at] = text;
    }
}

/// One file's id text as its facts and records are resolved.
#[derive(Debug, Default)]
pub(crate) struct FileIds(String);

impl FileIds {
    /// Adds an id to the text, and gives where it is.
    ///
    /// A file is at most [`crate::yaml::MOST_FILE_BYTES`] (256 MiB), and an id is written in it
    /// or derived from names written in it (with aliases expanding to at most
    /// [`crate::yaml::scan::MOST_EXPANDED_BYTES`] in all), so a file's ids stay far below the
    /// 4 GiB a `u32` counts.
    pub(crate) fn push(&mut self, id: &str) -> ItemId {
        let start = u32::try_from(self.0.len()).expect("a file's ids are under 4 GiB");
        let len = u32::try_from(id.len()).expect("an id is under 4 GiB");
        self.0.push_str(id);
        ItemId { start, len }
    }

    /// The text.
    pub(crate) fn into_text(self) -> String {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_id_is_read_back_from_its_files_text() {
        let (mut one, mut two) = (FileIds::default(), FileIds::default());
        let first = one.push("party_to:armenia");
        let second = one.push("négatif");
        let third = two.push("x");
        let mut ids = ItemIds::default();
        ids.set(FileId(1), two.into_text());
        ids.set(FileId(0), one.into_text());
        assert_eq!(ids.get(FileId(0), first), "party_to:armenia");
        assert_eq!(ids.get(FileId(0), second), "négatif");
        assert_eq!(ids.get(FileId(1), third), "x");
    }

    #[test]
    fn a_span_outside_its_text_or_inside_a_character_does_not_hold() {
        let mut file = FileIds::default();
        let id = file.push("é");
        let mut ids = ItemIds::default();
        ids.set(FileId(0), file.into_text());
        assert!(ids.holds(FileId(0), id));
        assert!(!ids.holds(FileId(1), id), "no such file");
        assert!(
            !ids.holds(FileId(0), ItemId { start: 1, len: 1 }),
            "inside 'é'"
        );
        assert!(
            !ids.holds(FileId(0), ItemId { start: 0, len: 3 }),
            "past the end"
        );
    }
}
