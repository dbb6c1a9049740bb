//! Reading an assertion written in a natural language into its [`Assertion`].
//!
//! The parser tries every frame of the language (a relation sentence, an ordinal event, a count, a
//! measure) with every phrasing of the lexicon, exploring each way a name or clause could be read.
//! Every complete reading is kept; one reading is the result, several are an ambiguity, none is an
//! error reported where the most promising attempt stopped.

use crate::ast::{Assertion, Ordinal, Qualifier, RelationAssertion, Restriction, Side};
use crate::canonical;
use crate::date::PartialDate;
use crate::error::{ParseError, ParseErrorKind};
use crate::grammar::{Grammar, Negation, grammar};
use std::cell::OnceCell;

use crate::lexicon::{Language, LexEntity, Lexicon, TemplatePart, TemplateRole};
use crate::normalize::{Token, tokenize};

mod clauses;
mod failures;
mod frames;
mod literals;
mod qualifiers;
mod restrictions;
mod templates;
mod titles;
mod words;

use qualifiers::split_qualifiers;
pub use titles::titles_in;

/// Parses one assertion written in `language` (or in canonical form) against `lexicon`.
/// Relative dates (`late Monday`, `18 months ago`) count from `written_on`, the day the assertion's
/// text was written (its article's publication date); without it they are an error.
///
/// ```
/// use claims_parser::{Language, LexRelation, LexiconBuilder, RelationKind, Tense, parse_assertion};
///
/// let mut lexicon = LexiconBuilder::new();
/// lexicon.entity("azerbaijan", "Azerbaijan", "country");
/// lexicon.alias("azerbaijan", Language::En, "Azerbaijan")?;
/// lexicon.entity("rome-statute", "Rome Statute", "treaty");
/// lexicon.alias("rome-statute", Language::En, "Rome Statute")?;
/// lexicon.relation(LexRelation::new("party_to", RelationKind::State));
/// lexicon.phrasing("party_to", Language::En, Tense::Present, "{subject} is {not} a {object} party")?;
/// let lexicon = lexicon.build();
///
/// let assertion = parse_assertion("Azerbaijan is not a Rome Statute party", Language::En, &lexicon, None)?;
/// assert_eq!(assertion.to_string(), "NOT party_to(azerbaijan, rome-statute)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_assertion(
    text: &str,
    language: Language,
    lexicon: &Lexicon,
    written_on: Option<PartialDate>,
) -> Result<Assertion, ParseError> {
    read(text, language, lexicon, written_on, true)
}

/// The assertion `text` reads as, if it reads as one: [`parse_assertion`] without working out
/// what an error would say (the nearest names and phrasings), for tools that try many texts,
/// most of which are not assertions.
pub fn reads_as(
    text: &str,
    language: Language,
    lexicon: &Lexicon,
    written_on: Option<PartialDate>,
) -> Option<Assertion> {
    read(text, language, lexicon, written_on, false).ok()
}

/// Reads `text`; on failure, with the help of the error worked out when `help` is set.
fn read(
    text: &str,
    language: Language,
    lexicon: &Lexicon,
    written_on: Option<PartialDate>,
    help: bool,
) -> Result<Assertion, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError {
            span: 0..text.len(),
            kind: ParseErrorKind::Empty,
        });
    }
    within_limit(text)?;
    if canonical::looks_canonical(text) {
        return canonical::parse_canonical(text, lexicon);
    }
    let (sentence, qualifiers) = split_qualifiers(text, language, lexicon)?;
    let mut parser = Parser::new(lexicon, language, text, tokenize(sentence), written_on);
    parser.read_all(&qualifiers);
    let Parser {
        readings,
        best,
        tokens,
        phrasing_matched,
        ..
    } = parser;
    match readings.len() {
        1 => Ok(readings.into_iter().next().expect("one reading")),
        0 => {
            let mut error = best.map(|failure| failure.error).unwrap_or(ParseError {
                span: 0..text.len(),
                kind: ParseErrorKind::Expected {
                    expected: vec!["a phrasing of a relation".to_owned()],
                    found: Some(text.trim().to_owned()),
                    close: Vec::new(),
                },
            });
            // The help is worked out for the failure reported only: the attempts that fail on the
            // way to a reading are many, and the nearest aliases cost a pass over the lexicon.
            if !help {
                return Err(error);
            }
            match &mut error.kind {
                ParseErrorKind::Expected { close, .. } if !phrasing_matched => {
                    *close = close_phrasings(&tokens, language, lexicon);
                }
                ParseErrorKind::UnknownName { text, suggestions } => {
                    *suggestions = lexicon.suggest_aliases(text, 3);
                }
                ParseErrorKind::WrongKind {
                    entity,
                    expected,
                    linked,
                    ..
                } => {
                    *linked = lexicon.linked_by_name(entity, expected, language, 3);
                }
                _ => {}
            }
            Err(error)
        }
        _ => Err(ParseError {
            span: 0..sentence.trim_end().len(),
            kind: ParseErrorKind::Ambiguous {
                readings: readings.iter().map(ToString::to_string).collect(),
            },
        }),
    }
}

/// Refuses an assertion longer than [`crate::MOST_ASSERTION_BYTES`], underlining what is past the
/// limit.
pub(crate) fn within_limit(text: &str) -> Result<(), ParseError> {
    if text.len() <= crate::MOST_ASSERTION_BYTES {
        return Ok(());
    }
    let start = (0..=crate::MOST_ASSERTION_BYTES)
        .rev()
        .find(|&at| text.is_char_boundary(at))
        .unwrap_or(0);
    Err(ParseError {
        span: start..text.len(),
        kind: ParseErrorKind::TooLong { length: text.len() },
    })
}

/// The (at most three) phrasings of `language` that share the most words with the assertion, for
/// the help of an assertion that matches none. Short words (`is`, `the`, `of`) do not count.
fn close_phrasings(tokens: &[Token], language: Language, lexicon: &Lexicon) -> Vec<String> {
    let words: std::collections::HashSet<&str> =
        tokens.iter().map(|token| token.text.as_str()).collect();
    let mut scored: Vec<(usize, usize, &str)> = lexicon
        .relations()
        .iter()
        .flat_map(|relation| &relation.phrasings)
        .filter(|phrasing| phrasing.language == language && phrasing.role == TemplateRole::Sentence)
        .map(|phrasing| {
            let shared: Vec<&str> = phrasing
                .template
                .parts
                .iter()
                .filter_map(|part| match part {
                    TemplatePart::Word(word) if words.contains(word.as_str()) => {
                        Some(word.as_str())
                    }
                    _ => None,
                })
                .collect();
            let long = shared
                .iter()
                .filter(|word| word.chars().count() > 3)
                .count();
            (long, shared.len(), phrasing.template.text.as_str())
        })
        .filter(|(long, _, _)| *long > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(b.2)));
    scored.dedup_by(|a, b| a.2 == b.2);
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, text)| text.to_owned())
        .collect()
}

/// The furthest point an attempt reached before it failed, and why it failed there.
struct Failure {
    reach: usize,
    /// Whether the attempt failed after a phrasing matched with names of the right kinds: at the
    /// same word, such a failure names the real fault (`late Monday` after `Putin arrived in
    /// Mongolia`), not the name of the wrong kind that another phrasing took.
    after_match: bool,
    rank: u8,
    error: ParseError,
}

/// When attempts stop at the same word, the most specific failure is reported: a name (unknown,
/// ambiguous, or of the wrong kind in a phrasing that otherwise fits) over a bad date over a
/// missing word.
const RANK_EXPECTED: u8 = 0;
const RANK_LITERAL: u8 = 1;
const RANK_NAME: u8 = 2;

/// What a template match bound.
#[derive(Debug, Clone, Default)]
struct Bindings {
    subject: Option<String>,
    object: Option<String>,
    negation: Option<Negation>,
    ordinal: Option<Ordinal>,
    /// A name of the wrong kind, or an ambiguous one, that filled a slot: reported if the rest of
    /// the template matches, so that the error is the one of the phrasing that fits best.
    deferred: Option<ParseError>,
    /// Whether a slot may be filled by a restriction phrase (the open side of an ordinal).
    open_allowed: bool,
    /// The side a restriction phrase filled, and the restriction.
    open: Option<(Side, Restriction)>,
    /// What the titles before names say (`Mongolian President Khurelsukh`: Khurelsukh is
    /// president of Mongolia on the day written), in the order read.
    titles: Vec<RelationAssertion>,
}

struct Parser<'a> {
    lexicon: &'a Lexicon,
    language: Language,
    grammar: &'static Grammar,
    text: &'a str,
    tokens: Vec<Token>,
    best: Option<Failure>,
    readings: Vec<Assertion>,
    /// Whether some phrasing matched in full (then a failure lies in what follows it).
    phrasing_matched: bool,
    /// Whether the words read now follow a phrasing that matched with names of the right kinds.
    after_match: bool,
    /// The day the assertion was written, from which relative dates count.
    written: Option<PartialDate>,
    /// The names that start at each word (`Parser::names_at`), looked up once.
    names: Vec<OnceCell<Vec<NameAt<'a>>>>,
    /// The titles that start at each word (`Parser::titles`), read once.
    titles: Vec<OnceCell<Vec<titles::TitleReading>>>,
}

/// A name that starts at a word: its length in words, and the entities it names.
type NameAt<'a> = (usize, Vec<&'a LexEntity>);

impl<'a> Parser<'a> {
    fn new(
        lexicon: &'a Lexicon,
        language: Language,
        text: &'a str,
        tokens: Vec<Token>,
        written: Option<PartialDate>,
    ) -> Self {
        let words = tokens.len();
        Parser {
            lexicon,
            language,
            grammar: grammar(language),
            text,
            tokens,
            best: None,
            readings: Vec::new(),
            phrasing_matched: false,
            after_match: false,
            written,
            names: (0..words).map(|_| OnceCell::new()).collect(),
            titles: (0..words).map(|_| OnceCell::new()).collect(),
        }
    }
}

impl<'a> Parser<'a> {
    fn read_all(&mut self, qualifiers: &[Qualifier]) {
        let (lexicon, language) = (self.lexicon, self.language);
        for relation in lexicon.relations() {
            for phrasing in relation.phrasings.iter().filter(|p| p.language == language) {
                match phrasing.role {
                    TemplateRole::Sentence => self.read_sentence(relation, phrasing, qualifiers),
                    TemplateRole::OrdinalNoun => self.read_ordinal(relation, phrasing, qualifiers),
                    TemplateRole::CountNoun if qualifiers.is_empty() => {
                        self.read_count(relation, phrasing)
                    }
                    TemplateRole::MeasureNoun if qualifiers.is_empty() => {
                        self.read_measure(relation, phrasing)
                    }
                    // Titles are read where a name stands (`Parser::titles`).
                    TemplateRole::CountNoun | TemplateRole::MeasureNoun | TemplateRole::Title => {}
                }
            }
        }
    }

    /// Keeps a complete reading; the titles its names were written with are conjuncts of it.
    fn accept(&mut self, assertion: Assertion, titles: &[RelationAssertion]) {
        let assertion = if titles.is_empty() {
            assertion
        } else {
            let mut parts = vec![assertion];
            parts.extend(titles.iter().cloned().map(Assertion::Relation));
            Assertion::Conjunction(parts)
        };
        if !self.readings.contains(&assertion) {
            self.readings.push(assertion);
        }
    }
}
