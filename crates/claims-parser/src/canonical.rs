//! The canonical form of assertions: one language-independent line per [`Assertion`].
//!
//! ```text
//! [NOT] relation(subject, object) [@ DATE | SINCE DATE | FROM DATE TO DATE | EVER] [[key=value, …]]
//! relation(subject, object) NO LONGER
//! (FIRST|LAST) relation(TERM, TERM) [(BEFORE|AFTER) DATE] = DATE [[key=value, …]]
//! COUNT relation(OPEN, object) [@ DATE] CMP NUMBER        (or relation(subject, OPEN))
//! TERM: an entity id, or OPEN (at most one side); qualifiers only without an OPEN side
//! OPEN: * | *: relation(*, entity) | *: relation(entity, *)   (a state or timeless relation)
//! DURATION relation(subject, object) CMP NUMBER (year|month|week|day)
//! VALUE relation(subject) [@ DATE] CMP NUMBER [UNIT]
//! CMP: = ~ > >= < <=
//! ASSERTION AND ASSERTION [AND …]                          (all of them)
//! ```
//!
//! Reports print assertions in this form, and [`parse_canonical`] reads it back to the same
//! [`Assertion`], so what a reader sees is exactly what was checked.

use std::ops::Range;

use crate::ast::{
    Assertion, Bound, Comparison, CountAssertion, DurationAssertion, MeasureAssertion, Ordinal,
    OrdinalAssertion, Qualifier, Quantity, RelationAssertion, Restriction, Side, Term, TimeSpec,
    Unit,
};
use crate::date::PartialDate;
use crate::error::{ParseError, ParseErrorKind};
use crate::lexicon::{Lexicon, RelationKind};
use crate::normalize::fold;

/// Whether `text` is written in canonical form rather than in a natural language.
pub(crate) fn looks_canonical(text: &str) -> bool {
    let Some(open) = text.find('(') else {
        return false;
    };
    // A relation id stands right before the parenthesis; in a sentence a word does not
    // (`Senin (2/9)`).
    text[..open].ends_with(is_id_char)
        && text[..open]
            .split_whitespace()
            .last()
            .is_some_and(|name| name.chars().all(is_id_char))
        && text.contains(')')
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// Reads an assertion in canonical form, checking its ids and its shape against `lexicon`.
pub fn parse_canonical(text: &str, lexicon: &Lexicon) -> Result<Assertion, ParseError> {
    crate::parse::within_limit(text)?;
    let mut reader = Reader {
        text,
        pos: 0,
        lexicon,
    };
    let mut parts = vec![reader.assertion()?];
    while reader.eat("AND") {
        parts.push(reader.assertion()?);
    }
    reader.skip_space();
    if reader.pos < text.len() {
        return Err(reader.expected(&["AND", "the end of the assertion"]));
    }
    Ok(match parts.len() {
        1 => parts.pop().expect("one part"),
        _ => Assertion::Conjunction(parts),
    })
}

/// The units a quantity may state.
#[derive(Clone, Copy)]
enum Units<'u> {
    /// None: a count.
    None,
    /// A unit of time, which must be stated: a duration.
    Time,
    /// The relation's unit (folded), or none: a measure.
    Of(&'u str),
}

/// Refuses a span that certainly ends before it begins (the latest day `to` can mean is before
/// the earliest `from` can), with `span` the text to underline.
pub(crate) fn reversed_span(
    from: PartialDate,
    to: PartialDate,
    span: Range<usize>,
) -> Result<(), ParseError> {
    if to.last_day() < from.first_day() {
        return Err(ParseError {
            span,
            kind: ParseErrorKind::ReversedSpan {
                from: from.to_string(),
                to: to.to_string(),
            },
        });
    }
    Ok(())
}

struct Reader<'a> {
    text: &'a str,
    pos: usize,
    lexicon: &'a Lexicon,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        let rest = &self.text[self.pos..];
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn expected(&self, expected: &[&str]) -> ParseError {
        let rest = self.rest();
        let found_len = rest
            .find(char::is_whitespace)
            .unwrap_or(rest.len())
            .max(rest.chars().next().map_or(0, char::len_utf8));
        let found = (!rest.is_empty()).then(|| rest[..found_len].to_owned());
        ParseError {
            span: self.pos..self.pos + found_len,
            kind: ParseErrorKind::Expected {
                expected: expected.iter().map(|e| (*e).to_owned()).collect(),
                found,
                close: Vec::new(),
            },
        }
    }

    /// Consumes `symbol` if it comes next (after white space).
    fn eat(&mut self, symbol: &str) -> bool {
        self.skip_space();
        let rest = self.rest();
        let is_word = symbol.chars().all(|c| c.is_ascii_uppercase());
        let Some(after) = rest.strip_prefix(symbol) else {
            return false;
        };
        if after
            .chars()
            .next()
            .is_none_or(|c| !is_word || !is_id_char(c))
        {
            self.pos += symbol.len();
            true
        } else {
            false
        }
    }

    fn require(&mut self, symbol: &str) -> Result<(), ParseError> {
        if self.eat(symbol) {
            Ok(())
        } else {
            Err(self.expected(&[symbol]))
        }
    }

    fn word(&mut self, what: &str) -> Result<(String, Range<usize>), ParseError> {
        self.skip_space();
        let length = self
            .rest()
            .find(|c: char| !is_id_char(c))
            .unwrap_or(self.rest().len());
        if length == 0 {
            return Err(self.expected(&[what]));
        }
        let span = self.pos..self.pos + length;
        self.pos += length;
        Ok((self.text[span.clone()].to_owned(), span))
    }

    fn relation(&mut self) -> Result<(String, RelationKind, Range<usize>), ParseError> {
        let (id, span) = self.word("a relation id")?;
        match self.lexicon.relation(&id) {
            Some(relation) => Ok((id, relation.kind, span)),
            None => {
                let ids: Vec<&str> = self
                    .lexicon
                    .relations()
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect();
                Err(unknown_id("relation", &id, span, &ids))
            }
        }
    }

    fn entity(&mut self) -> Result<String, ParseError> {
        let (id, span) = self.word("an entity id")?;
        if self.lexicon.entity(&id).is_some() {
            return Ok(id);
        }
        let ids: Vec<&str> = self
            .lexicon
            .entities()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        Err(unknown_id("entity", &id, span, &ids))
    }

    /// An entity id, `*`, or `*: relation(*, entity)` (or `relation(entity, *)`).
    fn term(&mut self) -> Result<Term, ParseError> {
        if !self.eat("*") {
            return self.entity().map(Term::Entity);
        }
        if !self.eat(":") {
            return Ok(Term::Any(None));
        }
        let (relation, kind, span) = self.relation()?;
        if !matches!(kind, RelationKind::State | RelationKind::Timeless) {
            return Err(ParseError {
                span,
                kind: ParseErrorKind::Unsupported(format!(
                    "a restriction needs a state or timeless relation; '{relation}' is not one"
                )),
            });
        }
        self.require("(")?;
        let (side, other) = if self.eat("*") {
            self.require(",")?;
            (Side::Subject, self.entity()?)
        } else {
            let other = self.entity()?;
            self.require(",")?;
            self.require("*")?;
            (Side::Object, other)
        };
        self.require(")")?;
        Ok(Term::Any(Some(Restriction {
            relation,
            side,
            other,
        })))
    }

    fn date(&mut self) -> Result<PartialDate, ParseError> {
        let (text, span) = self.word("a date")?;
        text.parse()
            .map_err(|error: crate::date::DateError| ParseError {
                span,
                kind: ParseErrorKind::BadDate {
                    text,
                    reason: error.reason,
                },
            })
    }

    /// `COMPARISON NUMBER [UNIT]`, with the units `units` allows.
    fn quantity(&mut self, units: Units<'_>) -> Result<Quantity, ParseError> {
        self.skip_space();
        let comparison = [">=", "<=", "=", "~", ">", "<"]
            .into_iter()
            .find(|symbol| self.eat(symbol))
            .and_then(Comparison::from_symbol)
            .ok_or_else(|| self.expected(&["=", "~", ">", ">=", "<", "<="]))?;
        self.skip_space();
        let length = self
            .rest()
            .find(char::is_whitespace)
            .unwrap_or(self.rest().len());
        if length == 0 {
            return Err(self.expected(&["a number"]));
        }
        let span = self.pos..self.pos + length;
        let number = &self.text[span.clone()];
        let amount = crate::number::exact(number, 0).map_err(|error| ParseError {
            span: span.clone(),
            kind: ParseErrorKind::BadNumber {
                text: number.to_owned(),
                reason: error.reason,
            },
        })?;
        self.pos = span.end;
        self.skip_space();
        // What follows the number up to the next part of a conjunction, if any.
        let rest = self.rest();
        let part_end = match rest.strip_prefix("AND") {
            Some(after) if after.starts_with(char::is_whitespace) => 0,
            _ => rest.find(" AND ").unwrap_or(rest.len()),
        };
        let rest = rest[..part_end].trim_end();
        let end = "the end of the assertion";
        let unit = match units {
            Units::None if rest.is_empty() => None,
            Units::None => return Err(self.expected(&[end])),
            Units::Time => {
                let (name, span) = self.word("a unit")?;
                let unit = Unit::from_name(&name);
                if !unit.is_duration() {
                    self.pos = span.start;
                    return Err(self.expected(&["year", "month", "week", "day"]));
                }
                Some(unit)
            }
            Units::Of(_) if rest.is_empty() => None,
            Units::Of(unit) if rest == unit => {
                self.pos += rest.len();
                Some(Unit::Other(unit.to_owned()))
            }
            Units::Of(unit) => return Err(self.expected(&[unit, end])),
        };
        Ok(Quantity {
            comparison,
            amount,
            unit,
        })
    }

    /// `FROM DATE TO DATE`, after `FROM`: refused if it ends before it begins.
    fn span(&mut self, start: usize) -> Result<TimeSpec, ParseError> {
        let from = self.date()?;
        self.require("TO")?;
        let to = self.date()?;
        reversed_span(from, to, start..self.pos)?;
        Ok(TimeSpec::Span(from, to))
    }

    fn qualifiers(&mut self) -> Result<Vec<Qualifier>, ParseError> {
        let mut qualifiers = Vec::new();
        if !self.eat("[") {
            return Ok(qualifiers);
        }
        loop {
            let (key, _) = self.word("a qualifier name")?;
            self.require("=")?;
            let value = self.entity()?;
            qualifiers.push(Qualifier { key, value });
            if self.eat("]") {
                break;
            }
            self.require(",")?;
        }
        qualifiers.sort();
        Ok(qualifiers)
    }

    fn pair(&mut self) -> Result<(String, String), ParseError> {
        self.require("(")?;
        let subject = self.entity()?;
        self.require(",")?;
        let object = self.entity()?;
        self.require(")")?;
        Ok((subject, object))
    }

    fn assertion(&mut self) -> Result<Assertion, ParseError> {
        self.skip_space();
        let start = self.pos;
        let unsupported = |span: Range<usize>, why: String| ParseError {
            span,
            kind: ParseErrorKind::Unsupported(why),
        };
        if self.eat("COUNT") {
            let (relation, kind, span) = self.relation()?;
            if !matches!(kind, RelationKind::State | RelationKind::Event) {
                return Err(unsupported(
                    span,
                    format!("COUNT needs a state or event relation; '{relation}' is not one"),
                ));
            }
            self.require("(")?;
            let subject = self.term()?;
            self.require(",")?;
            let object = self.term()?;
            self.require(")")?;
            let (counted, fixed, restriction) = match (subject, object) {
                (Term::Any(restriction), Term::Entity(object)) => {
                    (Side::Subject, object, restriction)
                }
                (Term::Entity(subject), Term::Any(restriction)) => {
                    (Side::Object, subject, restriction)
                }
                _ => {
                    return Err(unsupported(
                        start..self.pos,
                        "COUNT needs exactly one side written as *".to_owned(),
                    ));
                }
            };
            let at = if self.eat("@") {
                Some(self.date()?)
            } else {
                None
            };
            let quantity = self.quantity(Units::None)?;
            return Ok(Assertion::Count(CountAssertion {
                relation,
                counted,
                fixed,
                restriction,
                at,
                quantity,
            }));
        }
        if self.eat("DURATION") {
            let (relation, kind, span) = self.relation()?;
            if kind != RelationKind::State {
                return Err(unsupported(
                    span,
                    format!("DURATION needs a state relation; '{relation}' is not one"),
                ));
            }
            let (subject, object) = self.pair()?;
            let quantity = self.quantity(Units::Time)?;
            return Ok(Assertion::Duration(DurationAssertion {
                relation,
                subject,
                object,
                quantity,
            }));
        }
        if self.eat("VALUE") {
            let (relation, kind, span) = self.relation()?;
            if kind != RelationKind::Quantity {
                return Err(unsupported(
                    span,
                    format!("VALUE needs a quantity relation; '{relation}' is not one"),
                ));
            }
            self.require("(")?;
            let subject = self.entity()?;
            self.require(")")?;
            let at = if self.eat("@") {
                Some(self.date()?)
            } else {
                None
            };
            let unit = self
                .lexicon
                .relation(&relation)
                .and_then(|relation| relation.unit.as_deref())
                .map(fold);
            let units = match &unit {
                Some(unit) => Units::Of(unit),
                None => Units::None,
            };
            let quantity = self.quantity(units)?;
            return Ok(Assertion::Measure(MeasureAssertion {
                relation,
                subject,
                at,
                quantity,
            }));
        }
        let ordinal = if self.eat("FIRST") {
            Some(Ordinal::First)
        } else if self.eat("LAST") {
            Some(Ordinal::Last)
        } else {
            None
        };
        if let Some(ordinal) = ordinal {
            let (relation, kind, span) = self.relation()?;
            if kind != RelationKind::Event {
                return Err(unsupported(
                    span,
                    format!("FIRST and LAST need an event relation; '{relation}' is not one"),
                ));
            }
            self.require("(")?;
            let subject = self.term()?;
            self.require(",")?;
            let object = self.term()?;
            self.require(")")?;
            let open = [&subject, &object]
                .iter()
                .filter(|term| matches!(term, Term::Any(_)))
                .count();
            if open == 2 {
                return Err(unsupported(
                    start..self.pos,
                    "FIRST and LAST need at least one side named".to_owned(),
                ));
            }
            let bound = if self.eat("BEFORE") {
                Some(Bound::Before(self.date()?))
            } else if self.eat("AFTER") {
                Some(Bound::After(self.date()?))
            } else {
                None
            };
            self.require("=")?;
            let when = self.date()?;
            self.skip_space();
            let qualifiers_start = self.pos;
            let qualifiers = self.qualifiers()?;
            if open == 1 && !qualifiers.is_empty() {
                return Err(unsupported(
                    qualifiers_start..self.pos,
                    "qualifiers cannot be combined with an open side (*)".to_owned(),
                ));
            }
            return Ok(Assertion::Ordinal(OrdinalAssertion {
                ordinal,
                relation,
                subject,
                object,
                bound,
                when,
                qualifiers,
            }));
        }
        let negated = self.eat("NOT");
        let (relation, kind, span) = self.relation()?;
        if kind == RelationKind::Quantity {
            return Err(unsupported(
                span,
                format!("'{relation}' is a quantity relation: write VALUE {relation}(subject) = N"),
            ));
        }
        let (subject, object) = self.pair()?;
        self.skip_space();
        let time_start = self.pos;
        let time = if self.eat("@") {
            TimeSpec::At(self.date()?)
        } else if self.eat("SINCE") {
            TimeSpec::Since(self.date()?)
        } else if self.eat("FROM") {
            self.span(time_start)?
        } else if self.eat("EVER") {
            TimeSpec::Ever
        } else if self.eat("NO") {
            self.require("LONGER")?;
            TimeSpec::NoLonger
        } else {
            TimeSpec::Judgment
        };
        if kind == RelationKind::Timeless && time != TimeSpec::Judgment {
            return Err(unsupported(
                time_start..self.pos,
                format!("'{relation}' holds regardless of time and takes no time"),
            ));
        }
        if time == TimeSpec::NoLonger && (negated || kind != RelationKind::State) {
            return Err(unsupported(
                time_start..self.pos,
                "NO LONGER speaks of a state that has ended, and takes no NOT".to_owned(),
            ));
        }
        let qualifiers = self.qualifiers()?;
        Ok(Assertion::Relation(RelationAssertion {
            negated,
            relation,
            subject,
            object,
            time,
            qualifiers,
        }))
    }
}

fn unknown_id(what: &'static str, id: &str, span: Range<usize>, known: &[&str]) -> ParseError {
    let suggestions = crate::suggest::closest(id, known.iter().map(|id| (*id, ())), 3);
    ParseError {
        span,
        kind: ParseErrorKind::UnknownId {
            what,
            id: id.to_owned(),
            suggestions: suggestions
                .into_iter()
                .map(|(id, ())| id.to_owned())
                .collect(),
        },
    }
}
