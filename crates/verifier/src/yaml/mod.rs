//! Every YAML read of the workspace happens here, so that the YAML library can be swapped in one
//! place. serde_yaml locates syntax and type errors by line and column. Before it sees a text, the
//! text is held to limits that keep the cost of reading any input bounded: [`MOST_FILE_BYTES`],
//! and the nesting depth and alias expansion of [`scan`].

pub mod scan;

use std::ops::Range;

use claims_parser::ClaimDocument;
use serde::de::DeserializeOwned;

use crate::model::ReferenceFile;

/// A YAML syntax or type error, located where serde_yaml could locate it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// What is wrong, without the position.
    pub message: String,
    /// The 1-based line, if known.
    pub line: Option<usize>,
    /// The 1-based column, if known.
    pub column: Option<usize>,
    /// How it could be fixed, if known.
    pub help: Option<String>,
}

/// The largest file read, in bytes. A larger file is refused before it is read: reference data
/// can be spread over any number of files.
pub const MOST_FILE_BYTES: u64 = 256 << 20;

/// Refuses a file of `length` bytes if it is larger than [`MOST_FILE_BYTES`].
pub fn check_file_size(length: u64) -> Result<(), YamlError> {
    if length <= MOST_FILE_BYTES {
        return Ok(());
    }
    Err(YamlError {
        message: format!(
            "the file is {} MiB; a file read has at most {} MiB",
            length >> 20,
            MOST_FILE_BYTES >> 20
        ),
        line: None,
        column: None,
        help: Some(
            "split it: reference data and claim documents can be spread over many files".to_owned(),
        ),
    })
}

fn is_blank(text: &str) -> bool {
    text.lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
}

/// The text of the file at `path`, refused unread if it is larger than [`MOST_FILE_BYTES`].
pub fn read_text(path: &std::path::Path) -> Result<String, YamlError> {
    let unreadable = |error: std::io::Error| YamlError {
        message: format!("cannot read: {error}"),
        line: None,
        column: None,
        help: None,
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    check_file_size(file.metadata().map_err(unreadable)?.len())?;
    std::io::read_to_string(file).map_err(unreadable)
}

fn read<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    check_file_size(text.len() as u64)?;
    scan::check(text).map_err(|excess| YamlError {
        message: excess.message,
        line: Some(excess.line),
        column: Some(excess.column),
        help: Some(excess.help),
    })?;
    serde_yaml::from_str(text).map_err(|error| {
        let location = error.location();
        let full = error.to_string();
        let message = without_position(&full);
        let (line, column, help) = match location {
            Some(location) => (Some(location.line()), Some(location.column()), None),
            // serde_yaml does not locate a second document: the line of its marker does.
            None if message.contains("more than one document") => (
                second_document(text),
                Some(1),
                Some("a file holds one YAML document: remove the `---` line, or move what follows it to a file of its own".to_owned()),
            ),
            None => (None, None, None),
        };
        YamlError {
            message,
            line,
            column,
            help,
        }
    })
}

/// The 1-based line of the marker (`---`) that begins the second document of `text`.
fn second_document(text: &str) -> Option<usize> {
    let mut content = false;
    for (number, line) in text.lines().enumerate() {
        let is_marker = line == "---" || line.starts_with("--- ");
        if is_marker && content {
            return Some(number + 1);
        }
        content |= !is_marker && !line.trim().is_empty() && !line.trim_start().starts_with('#');
    }
    None
}

/// Drops serde_yaml's " at line L column C" from a message: the position is reported on its own.
fn without_position(message: &str) -> String {
    let Some(start) = message.find(" at line ") else {
        return message.to_owned();
    };
    let rest = &message[start + " at line ".len()..];
    let digits =
        |text: &str| text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut end = start + " at line ".len() + digits(rest);
    if let Some(column) = message[end..].strip_prefix(" column ") {
        end += " column ".len() + digits(column);
    }
    format!("{}{}", &message[..start], &message[end..])
}

/// Reads one reference data file.
pub fn read_reference(text: &str) -> Result<ReferenceFile, YamlError> {
    if is_blank(text) {
        return Ok(ReferenceFile::default());
    }
    read(text)
}

/// Reads one claim document.
pub fn read_claim_document(text: &str) -> Result<ClaimDocument, YamlError> {
    if is_blank(text) {
        return Err(YamlError {
            message: "the claim document is empty: it needs `article` and `claims`".to_owned(),
            line: None,
            column: None,
            help: None,
        });
    }
    read(text)
}

/// Reads the drafting rules of one language (data shipped with the tool).
pub(crate) fn read_draft_rules(text: &str) -> Result<crate::draft::LanguageRules, YamlError> {
    read(text)
}

/// Any YAML document, as a tree of values: for tests and tools that look into YAML the project
/// does not model (such as a CI workflow).
pub fn read_value(text: &str) -> Result<serde_json::Value, YamlError> {
    read(text)
}

/// A text as one YAML scalar (quoted when it must be), for documents written by the tool.
pub fn scalar(text: &str) -> String {
    let mut written = serde_yaml::to_string(text).expect("a string serializes");
    while written.ends_with('\n') {
        written.pop();
    }
    written
}

/// The JSON Schema of reference data files, for editors that validate YAML as it is typed.
pub fn reference_schema() -> String {
    let schema = schemars::schema_for!(ReferenceFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

/// The JSON Schema of claim documents.
pub fn claim_document_schema() -> String {
    let schema = schemars::schema_for!(ClaimDocument);
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

/// Where a plain or quoted scalar with the value `value` stands in the YAML `text`, searching the
/// bytes `within`: the byte offset of its first character. Block scalars and escaped strings are
/// not found; callers then fall back to the item's path.
pub fn locate_scalar(text: &str, value: &str, within: Range<usize>) -> Option<usize> {
    let searched = text.get(within.clone())?;
    if value.is_empty() {
        return None;
    }
    searched.find(value).map(|offset| within.start + offset)
}

/// The lines of a text, to find the line and column of a byte offset without counting from the
/// start each time.
pub struct Lines<'t> {
    text: &'t str,
    /// The byte offset where each line begins.
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    /// The lines of `text`.
    pub fn of(text: &'t str) -> Lines<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(newline, _)| newline + 1))
            .collect();
        Lines { text, starts }
    }

    /// The 1-based line of a byte offset, with the line's text and the offset within it.
    pub fn at(&self, offset: usize) -> (usize, &'t str, usize) {
        let index = self.starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.starts[index];
        let line_end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |newline| offset + newline);
        (
            index + 1,
            &self.text[line_start..line_end],
            offset - line_start,
        )
    }
}

/// Where a claim of a claim document stands in its YAML text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimPosition {
    /// The byte offset of its item (the `-` of the sequence), when the items can be told apart.
    pub item: Option<usize>,
    /// The byte offset of each of its assertions' text, in order, where it was found.
    pub assertions: Vec<Option<usize>>,
}

/// Where each claim of `document` and each of its assertions stands in `text`, its YAML: each
/// claim's assertions are looked for in its own item, after its `assertions:` key (an assertion may
/// repeat the quote), each after the one before; when the items cannot be told apart (a flow
/// sequence), after the last assertion found. One pass over the text.
pub fn claim_positions(text: &str, document: &ClaimDocument) -> Vec<ClaimPosition> {
    let items = claim_items(text, document.claims.len());
    let mut after = 0;
    let mut positions = Vec::with_capacity(document.claims.len());
    for (index, claim) in document.claims.iter().enumerate() {
        let (item, mut cursor, end) = match &items {
            Some(items) => {
                let end = items.get(index + 1).copied().unwrap_or(text.len());
                let start =
                    after_key(text, "assertions", items[index]..end).unwrap_or(items[index]);
                (Some(items[index]), start, end)
            }
            None => (None, after, text.len()),
        };
        let mut assertions = Vec::with_capacity(claim.assertions.len());
        for assertion in &claim.assertions {
            let found = locate_scalar(text, assertion, cursor.min(end)..end);
            if let Some(offset) = found {
                cursor = offset + assertion.len();
                after = after.max(cursor);
            }
            assertions.push(found);
        }
        positions.push(ClaimPosition { item, assertions });
    }
    positions
}

/// Where the value of the block mapping key `key` begins in `text[within]`: just after the first
/// `key:` that starts a line there (after its indentation, or after the `- ` of a sequence item).
pub fn after_key(text: &str, key: &str, within: Range<usize>) -> Option<usize> {
    let searched = text.get(within.clone())?;
    let mut offset = within.start;
    for line in searched.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let content = content
            .strip_prefix("- ")
            .map_or(content, |rest| rest.trim_start_matches(' '));
        if let Some(rest) = content.strip_prefix(key)
            && rest.trim_start_matches(' ').starts_with(':')
        {
            let colon = line.len() - rest.len() + rest.find(':')?;
            return Some(offset + colon + 1);
        }
        offset += line.len();
    }
    None
}

/// Where each item of the top-level `claims` sequence of a claim document's YAML `text` begins,
/// when the sequence is written in block style (each item a line starting with `-`) and has
/// `count` items: the byte offsets of their dashes. One pass over the text.
pub fn claim_items(text: &str, count: usize) -> Option<Vec<usize>> {
    section_items(text, "claims").filter(|items| items.len() == count)
}

/// Where each item of the top-level sequence `key` of a YAML `text` begins (`claims`, `facts`,
/// `entities`, …), when it is written in block style: the byte offsets of their dashes. One pass
/// over the text.
pub fn section_items(text: &str, key: &str) -> Option<Vec<usize>> {
    let mut lines = text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    });
    lines.find(|(_, line)| {
        line.strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .is_some_and(|rest| {
                let rest = rest.trim();
                rest.is_empty() || rest.starts_with('#')
            })
    })?;
    let is_item = |content: &str| {
        content
            .strip_prefix('-')
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\n', '\r']))
    };
    let mut indent = None;
    let mut items = Vec::new();
    for (start, line) in lines {
        let content = line.trim_start_matches(' ');
        if content.trim().is_empty() || content.starts_with('#') {
            continue;
        }
        let depth = line.len() - content.len();
        match indent {
            None if is_item(content) => indent = Some(depth),
            None => return None,
            Some(item) if depth > item => continue,
            Some(item) if depth < item || !is_item(content) => break,
            Some(_) => {}
        }
        items.push(start + depth);
    }
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::{after_key, claim_items};

    #[test]
    fn a_key_is_found_at_the_start_of_a_line_of_the_item() {
        let text = "  - id: a\n    quote: \"assertions: x\"\n    assertions:\n      - \"x\"\n";
        let at = after_key(text, "assertions", 0..text.len()).unwrap();
        assert!(text[at..].starts_with("\n      - \"x\""));
        let first = "- assertions: [x]\n";
        assert_eq!(after_key(first, "assertions", 0..first.len()), Some(13));
        assert_eq!(after_key(text, "note", 0..text.len()), None);
    }

    #[test]
    fn claim_items_are_the_dashes_of_the_block_sequence() {
        let text = "article:\n  title: T\nclaims:   # the claims\n  - id: a\n    quote: |\n      - not an item\n\n    assertions:\n      - \"x\"\n  # - a comment\n  - {id: b, quote: q, not_checkable: vague}\nnote: after\n";
        let items = claim_items(text, 2).unwrap();
        assert_eq!(items.len(), 2);
        assert!(text[items[0]..].starts_with("- id: a"));
        assert!(text[items[1]..].starts_with("- {id: b"));
        assert_eq!(claim_items(text, 3), None);
    }

    #[test]
    fn claim_items_may_be_unindented() {
        let text = "claims:\n- id: a\n  assertions: [x]\n-\n  id: b\n";
        let items = claim_items(text, 2).unwrap();
        assert!(text[items[0]..].starts_with("- id: a"));
        assert!(text[items[1]..].starts_with("-\n  id: b"));
    }

    #[test]
    fn a_flow_sequence_has_no_items() {
        assert_eq!(claim_items("claims: [{id: a}]\n", 1), None);
        assert_eq!(claim_items("claims:\n  [{id: a}]\n", 1), None);
        assert_eq!(claim_items("article: {}\n", 0), None);
    }
}
