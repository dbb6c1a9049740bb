//! The trailing `[key: value, …]` of an assertion.

use crate::ast::Qualifier;
use crate::error::{ParseError, ParseErrorKind};
use crate::lexicon::{Language, Lexicon};

/// Splits a trailing `[key: value, …]` off an assertion and resolves each value as an alias.
pub(super) fn split_qualifiers<'t>(
    text: &'t str,
    language: Language,
    lexicon: &Lexicon,
) -> Result<(&'t str, Vec<Qualifier>), ParseError> {
    let trimmed = text.trim_end();
    let Some(open) = trimmed.rfind('[').filter(|_| trimmed.ends_with(']')) else {
        return Ok((text, Vec::new()));
    };
    let inner_start = open + 1;
    let inner = &trimmed[inner_start..trimmed.len() - 1];
    let mut qualifiers = Vec::new();
    let mut offset = inner_start;
    for item in inner.split(',') {
        let item_span = offset..offset + item.len();
        offset += item.len() + 1;
        let Some((key, value)) = item.split_once([':', '=']) else {
            return Err(ParseError {
                span: item_span,
                kind: ParseErrorKind::Expected {
                    expected: vec!["key: value".to_owned()],
                    found: Some(item.trim().to_owned()),
                    close: Vec::new(),
                },
            });
        };
        let key_text = key.trim();
        let value_text = value.trim();
        let value_start =
            item_span.start + key.len() + 1 + (value.len() - value.trim_start().len());
        let value_span = value_start..value_start + value_text.len();
        if key_text.is_empty()
            || !key_text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(ParseError {
                span: item_span,
                kind: ParseErrorKind::Expected {
                    expected: vec!["a qualifier name such as 'kind'".to_owned()],
                    found: Some(key_text.to_owned()),
                    close: Vec::new(),
                },
            });
        }
        let entities = lexicon.resolve(value_text, language);
        let entity = match entities.as_slice() {
            [entity] => entity,
            [] => {
                return Err(ParseError {
                    span: value_span,
                    kind: ParseErrorKind::UnknownName {
                        text: value_text.to_owned(),
                        suggestions: lexicon.suggest_aliases(value_text, 3),
                    },
                });
            }
            several => {
                return Err(ParseError {
                    span: value_span,
                    kind: ParseErrorKind::AmbiguousName {
                        text: value_text.to_owned(),
                        candidates: several.iter().map(|e| e.id.clone()).collect(),
                    },
                });
            }
        };
        qualifiers.push(Qualifier {
            key: key_text.to_owned(),
            value: entity.id.clone(),
        });
    }
    qualifiers.sort();
    Ok((&text[..open], qualifiers))
}
