//! Every YAML read of the workspace happens here, so that the YAML library can be swapped in one
//! place. serde_yaml refuses alias bombs and nesting past 128 levels, and locates syntax and type
//! errors by line and column.

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
}

fn is_blank(text: &str) -> bool {
    text.lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
}

fn read<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|error| {
        let location = error.location();
        let full = error.to_string();
        let message = without_position(&full);
        YamlError {
            message,
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
        }
    })
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
        });
    }
    read(text)
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

/// Where a plain or quoted scalar with the value `value` stands in the YAML `text`, searching from
/// byte `from`: the byte offset of its first character. Block scalars and escaped strings are not
/// found; callers then fall back to the item's path.
pub fn locate_scalar(text: &str, value: &str, from: usize) -> Option<usize> {
    if value.is_empty() || from > text.len() {
        return None;
    }
    text[from..].find(value).map(|offset| from + offset)
}
