//! Why an assertion does not parse, and how that is shown: like the Rust compiler's diagnostics.

use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// An assertion that does not parse: where, what was expected, and a suggestion where one exists.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.kind)]
pub struct ParseError {
    /// The byte span within the assertion text.
    pub span: Range<usize>,
    /// What went wrong.
    pub kind: ParseErrorKind,
}

/// What went wrong in an assertion.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseErrorKind {
    /// Nothing to parse.
    Empty,
    /// An assertion longer than [`crate::MOST_ASSERTION_BYTES`].
    TooLong {
        /// Its length in bytes.
        length: usize,
    },
    /// A name that no alias matches.
    UnknownName {
        /// The name as written.
        text: String,
        /// The closest aliases, as `(alias, entity id)`.
        suggestions: Vec<(String, String)>,
    },
    /// An alias of several entities.
    AmbiguousName {
        /// The name as written.
        text: String,
        /// The ids of the entities it names.
        candidates: Vec<String>,
    },
    /// A name of an entity of another kind than the phrasing needs.
    WrongKind {
        /// The name as written.
        text: String,
        /// The entity it names.
        entity: String,
        /// That entity's kind.
        kind: String,
        /// The kind the relation needs there.
        expected: String,
        /// The relation.
        relation: String,
        /// Entities of the expected kind whose names contain a name of the one written, as
        /// (alias, id): the Rome Statute for the ICC.
        linked: Vec<(String, String)>,
    },
    /// Something else stood where one of these was expected.
    Expected {
        /// What could have stood there.
        expected: Vec<String>,
        /// What stood there, if anything.
        found: Option<String>,
        /// Phrasings of the language that share the most words with the assertion.
        close: Vec<String>,
    },
    /// A date that does not exist or is malformed.
    BadDate {
        /// The date as written.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A number that is malformed or that cannot be held exactly.
    BadNumber {
        /// The number as written.
        text: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A time span that ends before it begins.
    ReversedSpan {
        /// The span's start as written.
        from: String,
        /// Its end.
        to: String,
    },
    /// An id of a canonical form that the lexicon does not have.
    UnknownId {
        /// `relation` or `entity`.
        what: &'static str,
        /// The id.
        id: String,
        /// The closest ids.
        suggestions: Vec<String>,
    },
    /// A canonical form that does not fit its relation's kind.
    Unsupported(String),
    /// The assertion reads in several ways.
    Ambiguous {
        /// The canonical form of each reading.
        readings: Vec<String>,
    },
}

fn quoted_list(items: &[String], last: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("'{item}'")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

/// Text of the assertion quoted in a message: whole, or for a long one its start and end with its
/// length (the diagnostic underlines all of it).
fn shown(text: &str) -> String {
    let length = text.chars().count();
    if length <= 40 {
        return format!("'{text}'");
    }
    let head: String = text.chars().take(12).collect();
    let tail: String = text.chars().skip(length - 4).collect();
    format!("'{head}…{tail}' ({length} characters)")
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::Empty => f.write_str("the assertion is empty"),
            ParseErrorKind::TooLong { length } => write!(
                f,
                "the assertion is {length} bytes long; an assertion has at most {}",
                crate::MOST_ASSERTION_BYTES
            ),
            ParseErrorKind::UnknownName { text, .. } => write!(f, "unknown name {}", shown(text)),
            ParseErrorKind::AmbiguousName { text, candidates } => {
                write!(
                    f,
                    "ambiguous name '{text}': it names {}",
                    quoted_list(candidates, "and")
                )
            }
            ParseErrorKind::WrongKind {
                text,
                entity,
                kind,
                expected,
                relation,
                ..
            } => write!(
                f,
                "'{text}' is {entity}, a {kind}, but {relation} needs a {expected} there"
            ),
            ParseErrorKind::Expected {
                expected, found, ..
            } => {
                write!(f, "expected {}", quoted_list(expected, "or"))?;
                match found {
                    Some(found) => write!(f, ", found '{found}'"),
                    None => f.write_str(", found the end of the assertion"),
                }
            }
            ParseErrorKind::BadDate { text, reason } => {
                write!(f, "{} is not a date: {reason}", shown(text))
            }
            ParseErrorKind::BadNumber { text, reason } => {
                write!(f, "{} cannot be read as a number: {reason}", shown(text))
            }
            ParseErrorKind::ReversedSpan { from, to } => {
                write!(f, "the span from {from} to {to} ends before it begins")
            }
            ParseErrorKind::UnknownId { what, id, .. } => write!(f, "unknown {what} id '{id}'"),
            ParseErrorKind::Unsupported(why) => f.write_str(why),
            ParseErrorKind::Ambiguous { readings } => {
                write!(f, "the assertion reads in {} ways", readings.len())
            }
        }
    }
}

/// Where an assertion stands in its file, for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine<'a> {
    /// The file's path as it should be shown.
    pub path: &'a str,
    /// The 1-based line number.
    pub line: usize,
    /// The whole text of that line.
    pub text: &'a str,
    /// The byte offset of the assertion within the line.
    pub offset: usize,
}

impl ParseError {
    /// A one-line hint that could fix the error, if there is one.
    pub fn help(&self) -> Option<String> {
        match &self.kind {
            ParseErrorKind::UnknownName { suggestions, .. } if !suggestions.is_empty() => {
                let names: Vec<String> = suggestions
                    .iter()
                    .map(|(alias, id)| format!("'{alias}' ({id})"))
                    .collect();
                Some(format!("did you mean {}?", names.join(" or ")))
            }
            ParseErrorKind::UnknownName { .. } => Some(
                "add the name as an alias of an entity in the reference data, or check its spelling"
                    .to_owned(),
            ),
            ParseErrorKind::AmbiguousName { candidates, .. } => Some(format!(
                "use a longer name, or the canonical form with one of the ids {}",
                quoted_list(candidates, "or")
            )),
            ParseErrorKind::UnknownId { suggestions, .. } if !suggestions.is_empty() => {
                Some(format!("did you mean {}?", quoted_list(suggestions, "or")))
            }
            ParseErrorKind::WrongKind {
                linked, expected, ..
            } if !linked.is_empty() => {
                let names: Vec<String> = linked
                    .iter()
                    .map(|(alias, id)| format!("'{alias}' ({id})"))
                    .collect();
                Some(format!(
                    "did you mean a {expected} whose name contains it: {}?",
                    names.join(" or ")
                ))
            }
            ParseErrorKind::ReversedSpan { from, to } => {
                Some(format!("did you mean from {to} to {from}?"))
            }
            ParseErrorKind::TooLong { .. } => Some(
                "an assertion states one claim in a sentence: split this into several assertions"
                    .to_owned(),
            ),
            ParseErrorKind::Ambiguous { readings } => Some(format!(
                "write one of the canonical forms instead: {}",
                quoted_list(readings, "or")
            )),
            ParseErrorKind::Expected { close, .. } if !close.is_empty() => Some(format!(
                "phrasings that come close: {}",
                quoted_list(close, "or")
            )),
            ParseErrorKind::Expected { .. } => Some(
                "the README's assertion language lists the shapes of assertions; the phrasings of each relation are in the reference data"
                    .to_owned(),
            ),
            _ => None,
        }
    }

    /// A short label for the underlined span.
    fn label(&self) -> String {
        match &self.kind {
            ParseErrorKind::UnknownName { .. } => "no entity has this alias".to_owned(),
            ParseErrorKind::AmbiguousName { .. } => "several entities have this alias".to_owned(),
            ParseErrorKind::WrongKind { expected, .. } => format!("expected a {expected}"),
            ParseErrorKind::Expected { expected, .. } => {
                format!("expected {}", quoted_list(expected, "or"))
            }
            ParseErrorKind::BadDate { .. } => "not a valid date".to_owned(),
            ParseErrorKind::BadNumber { .. } => "not an exact number".to_owned(),
            ParseErrorKind::ReversedSpan { .. } => "the end is before the start".to_owned(),
            ParseErrorKind::TooLong { .. } => "past the limit".to_owned(),
            ParseErrorKind::UnknownId { .. } => "not in the reference data".to_owned(),
            _ => "here".to_owned(),
        }
    }

    /// Renders the error as a compiler-style diagnostic: the message, the assertion with the span
    /// underlined (at its file, line and column when `at` is given), and the help.
    pub fn render(&self, assertion: &str, at: Option<SourceLine<'_>>, color: bool) -> String {
        let message = self.to_string();
        let label = self.label();
        let (source, line, offset, path) = match &at {
            Some(at) => (at.text, at.line, at.offset, Some(at.path)),
            None => (assertion, 1, 0, None),
        };
        let start = (offset + self.span.start).min(source.len());
        let end = (offset + self.span.end).clamp(start, source.len());
        let mut snippet = Snippet::source(source).line_start(line).annotation(
            AnnotationKind::Primary
                .span(start..end)
                .label(label.as_str()),
        );
        if let Some(path) = path {
            snippet = snippet.path(path);
        }
        let help = self.help();
        let mut group = Level::ERROR
            .primary_title(message.as_str())
            .element(snippet);
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}
