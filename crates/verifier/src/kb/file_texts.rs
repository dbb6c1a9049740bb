//! The texts of facts, records and sources that each file has many of: the ids of its facts and
//! records, and the address, title and publisher of each of its sources. A file's are written
//! back to back in one text, and each row holds where its own are: a million facts with a source
//! each are one allocation per file, not two million.

use super::FileId;

/// Where one text (the id of a fact or completeness record) is in the text of its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct TextSpan {
    start: u32,
    len: u32,
}

impl TextSpan {
    fn end(self) -> usize {
        self.start as usize + self.len as usize
    }
}

/// Where a source's address, title and publisher are in the text of its file: one after the
/// other from `start`, each of its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct SourceSpans {
    start: u32,
    lengths: [u32; 3],
}

impl SourceSpans {
    /// The spans of the address, the title and the publisher.
    fn spans(self) -> [TextSpan; 3] {
        let [url, title, publisher] = self.lengths;
        let title_start = self.start + url;
        [
            TextSpan {
                start: self.start,
                len: url,
            },
            TextSpan {
                start: title_start,
                len: title,
            },
            TextSpan {
                start: title_start + title,
                len: publisher,
            },
        ]
    }
}

/// A source's address, title and publisher, as read from its file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceTexts<'a> {
    /// Its address.
    pub url: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its publisher.
    pub publisher: &'a str,
}

/// The texts of the files of a base, by [`FileId`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct FileTexts(Vec<String>);

impl FileTexts {
    /// The text at `at` in the text of `file`.
    ///
    /// # Panics
    ///
    /// If `at` is not a span of that text, which no base built or read back here has: a loaded
    /// base's spans are pushed with their texts, and a cache entry's are checked
    /// ([`Self::holds`], [`Self::holds_source`]).
    pub(crate) fn get(&self, file: FileId, at: TextSpan) -> &str {
        &self.0[file.0 as usize][at.start as usize..at.end()]
    }

    /// The address, title and publisher at `at` in the text of `file`.
    ///
    /// # Panics
    ///
    /// As [`Self::get`] does.
    pub(crate) fn source(&self, file: FileId, at: SourceSpans) -> SourceTexts<'_> {
        let [url, title, publisher] = at.spans().map(|span| self.get(file, span));
        SourceTexts {
            url,
            title,
            publisher,
        }
    }

    /// Whether `at` is a span of the text of `file` that begins and ends on character
    /// boundaries.
    pub(crate) fn holds(&self, file: FileId, at: TextSpan) -> bool {
        let Some(text) = self.0.get(file.0 as usize) else {
            return false;
        };
        text.get(at.start as usize..at.end()).is_some()
    }

    /// Whether each of a source's spans holds in the text of `file`.
    pub(crate) fn holds_source(&self, file: FileId, at: SourceSpans) -> bool {
        let fits = at
            .lengths
            .iter()
            .try_fold(at.start, |end, &len| end.checked_add(len));
        fits.is_some() && at.spans().into_iter().all(|span| self.holds(file, span))
    }

    /// Sets the text of `file`, which the base's files must include.
    pub(crate) fn set(&mut self, file: FileId, text: String) {
        let at = file.0 as usize;
        if self.0.len() <= at {
            self.0.resize(at + 1, String::new());
        }
        self.0[at] = text;
    }
}

/// One file's text as its sources, facts and records are stored.
#[derive(Debug, Default)]
pub(crate) struct FileText(String);

impl FileText {
    /// Adds a text, and gives where it is.
    ///
    /// A file is at most [`crate::yaml::MOST_FILE_BYTES`] (256 MiB), and everything added is
    /// written in it or derived from names written in it (with aliases expanding to at most
    /// [`crate::yaml::scan::MOST_EXPANDED_BYTES`] in all), so a file's text stays far below the
    /// 4 GiB a `u32` counts.
    pub(crate) fn push(&mut self, text: &str) -> TextSpan {
        let start = u32::try_from(self.0.len()).expect("a file's texts are under 4 GiB");
        let len = u32::try_from(text.len()).expect("a text is under 4 GiB");
        self.0.push_str(text);
        TextSpan { start, len }
    }

    /// Adds a source's address, title and publisher, and gives where they are.
    pub(crate) fn push_source(&mut self, url: &str, title: &str, publisher: &str) -> SourceSpans {
        let [url, title, publisher] = [url, title, publisher].map(|text| self.push(text));
        SourceSpans {
            start: url.start,
            lengths: [url.len, title.len, publisher.len],
        }
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
    fn each_text_is_read_back_from_its_files_text() {
        let (mut one, mut two) = (FileText::default(), FileText::default());
        let first = one.push("party_to:armenia");
        let source = one.push_source("https://example.org/é", "Un titre", "AP");
        let second = one.push("négatif");
        let third = two.push("x");
        let mut texts = FileTexts::default();
        texts.set(FileId(1), two.into_text());
        texts.set(FileId(0), one.into_text());
        assert_eq!(texts.get(FileId(0), first), "party_to:armenia");
        assert_eq!(texts.get(FileId(0), second), "négatif");
        assert_eq!(texts.get(FileId(1), third), "x");
        assert_eq!(
            texts.source(FileId(0), source),
            SourceTexts {
                url: "https://example.org/é",
                title: "Un titre",
                publisher: "AP"
            }
        );
        assert!(texts.holds_source(FileId(0), source));
    }

    #[test]
    fn a_span_outside_its_text_or_inside_a_character_does_not_hold() {
        let mut file = FileText::default();
        let id = file.push("é");
        let mut texts = FileTexts::default();
        texts.set(FileId(0), file.into_text());
        assert!(texts.holds(FileId(0), id));
        assert!(!texts.holds(FileId(1), id), "no such file");
        let inside = TextSpan { start: 1, len: 1 };
        assert!(!texts.holds(FileId(0), inside), "inside 'é'");
        let past = TextSpan { start: 0, len: 3 };
        assert!(!texts.holds(FileId(0), past), "past the end");
    }

    #[test]
    fn a_source_holds_only_if_each_of_its_texts_does() {
        let mut file = FileText::default();
        let source = file.push_source("a", "é", "b");
        let mut texts = FileTexts::default();
        texts.set(FileId(0), file.into_text());
        assert!(texts.holds_source(FileId(0), source));
        let cut = SourceSpans {
            start: 0,
            lengths: [2, 1, 1],
        };
        assert!(
            !texts.holds_source(FileId(0), cut),
            "the title begins inside 'é'"
        );
        let overflowing = SourceSpans {
            start: u32::MAX,
            lengths: [1, 0, 0],
        };
        assert!(!texts.holds_source(FileId(0), overflowing));
    }
}
