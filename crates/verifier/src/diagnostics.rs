//! Rendering problems with claim documents and reference data for people: file, line, column,
//! what was expected and a suggestion, like the Rust compiler.

use claims_parser::{ClaimDocument, DocumentProblem, SourceLine};

use crate::check::CheckError;
use crate::load::LoadProblem;
use crate::yaml::{self, YamlError};

/// The 1-based line and column of a byte offset, with the line's text and the offset within it.
fn line_at(text: &str, offset: usize) -> (usize, &str, usize) {
    let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let line_end = text[offset..]
        .find('\n')
        .map_or(text.len(), |newline| offset + newline);
    let line = text[..offset].matches('\n').count() + 1;
    (line, &text[line_start..line_end], offset - line_start)
}

/// Renders a claim document's YAML error as `file:line:column: message`.
pub fn render_yaml_error(file: &str, error: &YamlError) -> String {
    let mut rendered = match (error.line, error.column) {
        (Some(line), Some(column)) => format!("error: {file}:{line}:{column}: {}", error.message),
        _ => format!("error: {file}: {}", error.message),
    };
    if let Some(help) = &error.help {
        rendered.push_str(&format!("\n  help: {help}"));
    }
    rendered
}

/// Renders the problems of a claim document (`text` is its YAML, read from `file`): assertions
/// that do not parse as compiler-style diagnostics at their file, line and column; other problems
/// with their path in the document.
pub fn render_check_error(
    file: &str,
    text: &str,
    document: &ClaimDocument,
    error: &CheckError,
    color: bool,
) -> String {
    let problems = match error {
        CheckError::Document(problems) => problems,
        CheckError::Judge { .. } => return format!("error: {file}: {error}"),
    };
    let mut rendered = Vec::new();
    for problem in problems {
        match problem {
            DocumentProblem::Invalid { path, message } => {
                rendered.push(format!("error: {file}: {path}: {message}"))
            }
            DocumentProblem::Assertion {
                claim,
                text: assertion,
                error,
                path,
            } => {
                let claim_at = document
                    .claims
                    .iter()
                    .find(|c| &c.id == claim)
                    .and_then(|c| yaml::locate_scalar(text, &format!("id: {}", c.id), 0))
                    .unwrap_or(0);
                let located = yaml::locate_scalar(text, assertion, claim_at)
                    .map(|offset| line_at(text, offset));
                let at = located.map(|(line, line_text, offset)| SourceLine {
                    path: file,
                    line,
                    text: line_text,
                    offset,
                });
                let mut diagnostic = error.render(assertion, at, color);
                if located.is_none() {
                    diagnostic.push_str(&format!("\n  --> {file}: {path}"));
                }
                rendered.push(diagnostic);
            }
        }
    }
    rendered.join("\n\n")
}

/// Renders reference data problems, one paragraph each.
pub fn render_load_problems(problems: &[LoadProblem]) -> String {
    problems
        .iter()
        .map(|problem| format!("error: {problem}"))
        .collect::<Vec<_>>()
        .join("\n")
}
