//! Rendering problems with claim documents and reference data for people: file, line, column,
//! what was expected and a suggestion, like the Rust compiler.

use claims_parser::{ClaimDocument, DocumentProblem, SourceLine};

use crate::check::CheckError;
use crate::load::LoadProblem;
use crate::yaml::{self, YamlError};

/// The lines of a text, to find the line of a byte offset without counting from the start.
struct Lines<'t> {
    text: &'t str,
    /// The byte offset where each line begins.
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    fn of(text: &'t str) -> Lines<'t> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(newline, _)| newline + 1))
            .collect();
        Lines { text, starts }
    }

    /// The 1-based line of a byte offset, with the line's text and the offset within it.
    fn at(&self, offset: usize) -> (usize, &'t str, usize) {
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
    // Each claim's assertions are looked for in its own item, after its `assertions:` key, or,
    // when the items cannot be told apart, after the last assertion found: never from the start
    // for every problem.
    let items = yaml::claim_items(text, document.claims.len());
    let mut after = 0;
    let mut rendered = Vec::new();
    for problem in problems {
        match problem {
            DocumentProblem::Invalid { path, message } => {
                rendered.push(format!("error: {file}: {path}: {message}"))
            }
            DocumentProblem::Assertion {
                claim_index,
                text: assertion,
                error,
                path,
                ..
            } => {
                let within = match &items {
                    Some(items) => {
                        let end = items.get(claim_index + 1).copied().unwrap_or(text.len());
                        // After its `assertions:` key (an assertion may repeat the quote), and
                        // after an earlier assertion of the same claim found there.
                        let start = yaml::after_key(text, "assertions", items[*claim_index]..end)
                            .unwrap_or(items[*claim_index]);
                        start.max(after).min(end)..end
                    }
                    None => after..text.len(),
                };
                let found = yaml::locate_scalar(text, assertion, within);
                if let Some(offset) = found {
                    after = offset + assertion.len();
                }
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
