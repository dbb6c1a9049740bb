//! Rendering problems with claim documents and reference data for people: file, line, column,
//! what was expected and a suggestion, like the Rust compiler.

use claims_parser::{ClaimDocument, DocumentProblem, SourceLine};

use crate::check::CheckError;
use crate::load::LoadProblem;
use crate::yaml::{self, Lines, YamlError};

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
    let lines = Lines::of(text);
    let positions = yaml::claim_positions(text, document);
    let mut rendered = Vec::new();
    for problem in problems {
        match problem {
            DocumentProblem::Invalid { path, message } => {
                rendered.push(format!("error: {file}: {path}: {message}"))
            }
            DocumentProblem::Assertion {
                claim_index,
                assertion_index,
                text: assertion,
                error,
                path,
                ..
            } => {
                let found = positions
                    .get(*claim_index)
                    .and_then(|position| position.assertions.get(*assertion_index).copied())
                    .flatten();
                let located = found.map(|offset| lines.at(offset));
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
