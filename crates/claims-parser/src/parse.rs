//! Reading an assertion written in a natural language into its [`Assertion`].
//!
//! The parser tries every frame of the language (a relation sentence, an ordinal event, a count, a
//! measure) with every phrasing of the lexicon, exploring each way a name or clause could be read.
//! Every complete reading is kept; one reading is the result, several are an ambiguity, none is an
//! error reported where the most promising attempt stopped.

use std::ops::Range;

use crate::ast::{
    Assertion, Bound, Comparison, CountAssertion, DurationAssertion, MeasureAssertion, Ordinal,
    OrdinalAssertion, Qualifier, Quantity, RelationAssertion, Side, TimeSpec, Unit,
};
use crate::canonical;
use crate::date::{PartialDate, month_number};
use crate::error::{ParseError, ParseErrorKind};
use crate::grammar::{Grammar, Negation, Phrase, grammar};
use crate::lexicon::{
    Language, LexRelation, Lexicon, Phrasing, RelationKind, TemplatePart, TemplateRole, Tense,
};
use crate::normalize::{Token, fold, tokenize};

/// Parses one assertion written in `language` (or in canonical form) against `lexicon`.
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
/// let assertion = parse_assertion("Azerbaijan is not a Rome Statute party", Language::En, &lexicon)?;
/// assert_eq!(assertion.to_string(), "NOT party_to(azerbaijan, rome-statute)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_assertion(
    text: &str,
    language: Language,
    lexicon: &Lexicon,
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
    let mut parser = Parser {
        lexicon,
        language,
        grammar: grammar(language),
        text,
        tokens: tokenize(sentence),
        best: None,
        readings: Vec::new(),
        phrasing_matched: false,
    };
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
            match &mut error.kind {
                ParseErrorKind::Expected { close, .. } if !phrasing_matched => {
                    *close = close_phrasings(&tokens, language, lexicon);
                }
                ParseErrorKind::UnknownName { text, suggestions } => {
                    *suggestions = lexicon.suggest_aliases(text, 3);
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

/// Splits a trailing `[key: value, …]` off an assertion and resolves each value as an alias.
fn split_qualifiers<'t>(
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

/// The furthest point an attempt reached before it failed, and why it failed there.
struct Failure {
    reach: usize,
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
                    TemplateRole::CountNoun | TemplateRole::MeasureNoun => {}
                }
            }
        }
    }

    fn accept(&mut self, assertion: Assertion) {
        if !self.readings.contains(&assertion) {
            self.readings.push(assertion);
        }
    }

    // ---- failures -------------------------------------------------------------------------

    fn span_at(&self, pos: usize) -> Range<usize> {
        match self.tokens.get(pos) {
            Some(token) => token.span.clone(),
            None => {
                let end = self.text.trim_end().len();
                end..end
            }
        }
    }

    fn span_of(&self, from: usize, to: usize) -> Range<usize> {
        self.tokens[from].span.start..self.tokens[to - 1].span.end
    }

    fn fail(&mut self, reach: usize, rank: u8, error: ParseError) {
        let better = match &self.best {
            None => true,
            // Two readings of one unknown name that stop at different words: the shorter is the
            // name, the longer ran on into the sentence (a phrasing with {not} before its verb).
            Some(best)
                if matches!(best.error.kind, ParseErrorKind::UnknownName { .. })
                    && matches!(error.kind, ParseErrorKind::UnknownName { .. })
                    && best.error.span.start == error.span.start =>
            {
                error.span.end < best.error.span.end
            }
            Some(best) => (reach, rank) > (best.reach, best.rank),
        };
        if better {
            self.best = Some(Failure { reach, rank, error });
        } else if let Some(best) = &mut self.best
            && (best.reach, best.rank) == (reach, rank)
            && let (
                ParseErrorKind::Expected { expected, .. },
                ParseErrorKind::Expected { expected: more, .. },
            ) = (&mut best.error.kind, error.kind)
        {
            for item in more {
                if !expected.contains(&item) {
                    expected.push(item);
                }
            }
        }
    }

    fn expect(&mut self, pos: usize, expected: &[String]) {
        let found = self
            .tokens
            .get(pos)
            .map(|token| self.text[token.span.clone()].to_owned());
        let error = ParseError {
            span: self.span_at(pos),
            kind: ParseErrorKind::Expected {
                expected: expected.to_vec(),
                found,
                close: Vec::new(),
            },
        };
        self.fail(pos, RANK_EXPECTED, error);
    }

    fn expect_phrases(&mut self, pos: usize, phrases: &[Phrase]) {
        let expected: Vec<String> = phrases.iter().map(|phrase| phrase.join(" ")).collect();
        self.expect(pos, &expected);
    }

    fn at_end(&mut self, pos: usize) -> bool {
        if pos == self.tokens.len() {
            return true;
        }
        self.expect(pos, &["the end of the assertion".to_owned()]);
        false
    }

    // ---- words ----------------------------------------------------------------------------

    fn word_is(&self, pos: usize, word: &str) -> bool {
        self.tokens.get(pos).is_some_and(|token| token.text == word)
    }

    /// The position after the longest of `phrases` at `pos`, if one is there.
    fn phrase(&self, pos: usize, phrases: &[Phrase]) -> Option<usize> {
        phrases
            .iter()
            .filter(|phrase| {
                phrase
                    .iter()
                    .enumerate()
                    .all(|(index, word)| self.word_is(pos + index, word))
            })
            .map(|phrase| pos + phrase.len())
            .max()
    }

    /// Like [`Parser::phrase`], recording what was expected when none is there.
    fn require(&mut self, pos: usize, phrases: &[Phrase]) -> Option<usize> {
        let found = self.phrase(pos, phrases);
        if found.is_none() {
            self.expect_phrases(pos, phrases);
        }
        found
    }

    /// `pos`, and the position after an optional phrase if one is there.
    fn optional(&self, pos: usize, phrases: &[Phrase]) -> Vec<usize> {
        let mut positions = vec![pos];
        positions.extend(self.phrase(pos, phrases));
        positions
    }

    // ---- templates ------------------------------------------------------------------------

    fn match_template(
        &mut self,
        relation: &LexRelation,
        phrasing: &Phrasing,
        pos: usize,
    ) -> Vec<(usize, Bindings)> {
        let mut matches = Vec::new();
        self.match_parts(
            relation,
            &phrasing.template.parts,
            pos,
            Bindings::default(),
            &mut matches,
        );
        matches
    }

    fn match_parts(
        &mut self,
        relation: &LexRelation,
        parts: &[TemplatePart],
        pos: usize,
        bindings: Bindings,
        matches: &mut Vec<(usize, Bindings)>,
    ) {
        let Some((part, rest)) = parts.split_first() else {
            match bindings.deferred {
                Some(error) => self.fail(pos, RANK_NAME, error),
                None => {
                    self.phrasing_matched = true;
                    matches.push((pos, bindings));
                }
            }
            return;
        };
        match part {
            TemplatePart::Word(word) => {
                if self.word_is(pos, word) {
                    self.match_parts(relation, rest, pos + 1, bindings, matches);
                } else {
                    self.expect(pos, std::slice::from_ref(word));
                }
            }
            TemplatePart::Not => {
                self.match_parts(relation, rest, pos, bindings.clone(), matches);
                for &(phrase, negation) in self.grammar.negations {
                    if let Some(next) = self.phrase(pos, &[phrase]) {
                        let negated = Bindings {
                            negation: Some(negation),
                            ..bindings.clone()
                        };
                        self.match_parts(relation, rest, next, negated, matches);
                    }
                }
            }
            TemplatePart::Ordinal => {
                let found = self.tokens.get(pos).and_then(|token| {
                    self.grammar
                        .ordinals
                        .iter()
                        .find(|(word, _)| *word == token.text)
                });
                match found {
                    Some(&(_, ordinal)) => {
                        let bound = Bindings {
                            ordinal: Some(ordinal),
                            ..bindings
                        };
                        self.match_parts(relation, rest, pos + 1, bound, matches);
                    }
                    None => {
                        let words: Vec<String> = self
                            .grammar
                            .ordinals
                            .iter()
                            .map(|(word, _)| (*word).to_owned())
                            .collect();
                        self.expect(pos, &words);
                    }
                }
            }
            TemplatePart::Subject | TemplatePart::Object => {
                let side = if *part == TemplatePart::Subject {
                    Side::Subject
                } else {
                    Side::Object
                };
                let negation_next = rest.first() == Some(&TemplatePart::Not);
                let next_word = rest.iter().find_map(|part| match part {
                    TemplatePart::Word(word) => Some(word.as_str()),
                    _ => None,
                });
                for (next, id, deferred) in self.slot(relation, side, pos, next_word, negation_next)
                {
                    let mut bound = bindings.clone();
                    bound.deferred = bound.deferred.or(deferred);
                    match side {
                        Side::Subject => bound.subject = Some(id),
                        Side::Object => bound.object = Some(id),
                    }
                    self.match_parts(relation, rest, next, bound, matches);
                }
            }
        }
    }

    /// Every way a name can fill a slot at `pos`, as (position after it, entity id, and the error
    /// to report if the name is of the wrong kind or ambiguous).
    fn slot(
        &mut self,
        relation: &LexRelation,
        side: Side,
        pos: usize,
        next_word: Option<&str>,
        negation_next: bool,
    ) -> Vec<(usize, String, Option<ParseError>)> {
        let wanted_kind = match side {
            Side::Subject => relation.subject_kind.as_deref(),
            Side::Object => relation.object_kind.as_deref(),
        };
        // The name may follow a determiner (`the ICC`): it is read from either start.
        let after_determiner = self.phrase(pos, self.grammar.determiners);
        let starts = std::iter::once(pos).chain(after_determiner);
        let mut fills = Vec::new();
        let mut named_something = false;
        for (start, length) in starts.flat_map(|start| {
            let longest = self
                .lexicon
                .longest_alias()
                .min(self.tokens.len().saturating_sub(start));
            (1..=longest).map(move |length| (start, length))
        }) {
            let phrase: Vec<&str> = self.tokens[start..start + length]
                .iter()
                .map(|t| t.text.as_str())
                .collect();
            let entities = self
                .lexicon
                .resolve_folded(&phrase.join(" "), self.language);
            if entities.is_empty() {
                continue;
            }
            named_something = true;
            let fitting: Vec<_> = entities
                .iter()
                .filter(|entity| wanted_kind.is_none_or(|kind| entity.kind == kind))
                .collect();
            let span = self.span_of(start, start + length);
            let text = self.text[span.clone()].to_owned();
            match fitting.as_slice() {
                [entity] => fills.push((start + length, entity.id.clone(), None)),
                [] => {
                    let entity = entities[0];
                    let kind = ParseErrorKind::WrongKind {
                        text,
                        entity: entity.id.clone(),
                        kind: entity.kind.clone(),
                        expected: wanted_kind.unwrap_or_default().to_owned(),
                        relation: relation.id.clone(),
                    };
                    fills.push((
                        start + length,
                        entity.id.clone(),
                        Some(ParseError { span, kind }),
                    ));
                }
                several => {
                    let kind = ParseErrorKind::AmbiguousName {
                        text,
                        candidates: several.iter().map(|entity| entity.id.clone()).collect(),
                    };
                    fills.push((
                        start + length,
                        several[0].id.clone(),
                        Some(ParseError { span, kind }),
                    ));
                }
            }
        }
        if !named_something {
            self.unknown_name(after_determiner.unwrap_or(pos), next_word, negation_next);
        }
        fills
    }

    /// Reports the words from `pos` up to the next expected word (or a negation, or a clause) as
    /// an unknown name.
    fn unknown_name(&mut self, pos: usize, next_word: Option<&str>, negation_next: bool) {
        let grammar = self.grammar;
        let stops_at = |token: &Token| {
            (negation_next
                && grammar
                    .negations
                    .iter()
                    .any(|(phrase, _)| phrase[0] == token.text))
                || match next_word {
                    Some(word) => token.text == word,
                    None => grammar.clause_openers().any(|opener| opener == token.text),
                }
        };
        let end = self.tokens[pos..]
            .iter()
            .position(stops_at)
            .map(|offset| pos + offset)
            .unwrap_or(if next_word.is_some() {
                pos
            } else {
                self.tokens.len()
            });
        if end <= pos {
            return;
        }
        let span = self.span_of(pos, end);
        let text = self.text[span.clone()].to_owned();
        // Suggestions are added to the failure that is reported (see `parse_assertion`).
        let kind = ParseErrorKind::UnknownName {
            text,
            suggestions: Vec::new(),
        };
        self.fail(end, RANK_NAME, ParseError { span, kind });
    }

    // ---- dates and numbers ----------------------------------------------------------------

    /// A date at `pos`: `2024`, `2024-08`, `2024-08-18`, `September 2018`, `18 Agustus 2024`,
    /// `March 18, 2023`, optionally after a noun such as `bulan`.
    fn date(&mut self, pos: usize) -> Option<(PartialDate, usize)> {
        let pos = if self
            .tokens
            .get(pos)
            .is_some_and(|token| self.grammar.date_nouns.contains(&token.text.as_str()))
        {
            pos + 1
        } else {
            pos
        };
        let word = |offset: usize| {
            self.tokens
                .get(pos + offset)
                .map(|token| token.text.as_str())
        };
        let year = |text: Option<&str>| {
            text.filter(|text| text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|text| text.parse::<i16>().ok())
        };
        let day = |text: Option<&str>| {
            text.filter(|text| {
                (1..=2).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
            })
            .and_then(|text| text.parse::<i8>().ok())
        };
        let month = |text: Option<&str>| text.and_then(month_number);
        let (built, length) = if let (Some(d), Some(m), Some(y)) =
            (day(word(0)), month(word(1)), year(word(2)))
        {
            (PartialDate::day(y, m, d), 3)
        } else if let (Some(m), Some(d), Some(y)) = (month(word(0)), day(word(1)), year(word(2))) {
            (PartialDate::day(y, m, d), 3)
        } else if let (Some(m), Some(y)) = (month(word(0)), year(word(1))) {
            (PartialDate::month(y, m), 2)
        } else if let Some(text) =
            word(0).filter(|text| text.starts_with(|c: char| c.is_ascii_digit()))
        {
            (text.parse::<PartialDate>(), 1)
        } else {
            self.expect(
                pos,
                &["a date such as 2024-08-18, 2024-08, 2024 or September 2018".to_owned()],
            );
            return None;
        };
        match built {
            Ok(date) => Some((date, pos + length)),
            Err(error) => {
                let span = self.span_of(pos, pos + length);
                let kind = ParseErrorKind::BadDate {
                    text: self.text[span.clone()].to_owned(),
                    reason: error.reason,
                };
                self.fail(pos + length, RANK_LITERAL, ParseError { span, kind });
                None
            }
        }
    }

    /// A number at `pos`, digits or a number word, with its thousands and decimal separators,
    /// times the multiplier word after it if there is one (`1,5 juta`), and the position after
    /// it. A number that cannot be held exactly is reported and read as none.
    fn number(&mut self, pos: usize) -> Option<(f64, usize)> {
        let text = &self.tokens.get(pos)?.text;
        let shift = self.tokens.get(pos + 1).and_then(|token| {
            self.grammar
                .multipliers
                .iter()
                .find(|(word, _)| *word == token.text)
                .map(|&(_, factor)| factor.log10().round() as u32)
        });
        let end = pos + 1 + usize::from(shift.is_some());
        let plain = match self.grammar.numbers.iter().find(|(word, _)| word == text) {
            Some(&(_, value)) => value.to_string(),
            None => {
                let thousands = if self.grammar.decimal == '.' {
                    ','
                } else {
                    '.'
                };
                let (whole, fraction) = match text.split_once(self.grammar.decimal) {
                    Some((whole, fraction)) => (whole, Some(fraction)),
                    None => (text.as_str(), None),
                };
                let groups: Vec<&str> = whole.split(thousands).collect();
                let grouped_right = groups.len() == 1
                    || (groups[0].len() <= 3 && groups[1..].iter().all(|group| group.len() == 3));
                let digits =
                    |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
                if !grouped_right
                    || !groups.iter().all(|group| digits(group))
                    || !fraction.is_none_or(digits)
                {
                    return None;
                }
                match fraction {
                    Some(fraction) => format!("{}.{fraction}", groups.concat()),
                    None => groups.concat(),
                }
            }
        };
        match crate::number::exact(&plain, shift.unwrap_or(0)) {
            Ok(value) => Some((value, end)),
            Err(error) => {
                let span = self.span_of(pos, end);
                let kind = ParseErrorKind::BadNumber {
                    text: self.text[span.clone()].to_owned(),
                    reason: error.reason,
                };
                self.fail(end, RANK_LITERAL, ParseError { span, kind });
                None
            }
        }
    }

    /// A quantity at `pos`: `[comparison] number [multiplier] [unit]`. Units are time units when
    /// `durations` is set, else the relation's `unit` if it has one. A duration in decades with no
    /// comparison (`three decades`) is a round figure, read as `about`.
    fn quantity(
        &mut self,
        pos: usize,
        durations: bool,
        unit: Option<&str>,
    ) -> Vec<(Quantity, usize)> {
        let mut comparison = Comparison::Exactly;
        let mut at = pos;
        let longest = self
            .grammar
            .comparisons
            .iter()
            .filter(|(phrase, _)| self.phrase(pos, &[phrase]).is_some())
            .max_by_key(|(phrase, _)| phrase.len());
        if let Some((phrase, found)) = longest {
            comparison = *found;
            at = pos + phrase.len();
        }
        let Some((amount, after)) = self.number(at) else {
            let mut expected = vec!["a number".to_owned()];
            if at == pos {
                expected.push("about".to_owned());
                expected.push("more than".to_owned());
            }
            self.expect(at, &expected);
            return Vec::new();
        };
        at = after;
        let mut readings = Vec::new();
        if durations {
            let found = self.tokens.get(at).and_then(|token| {
                self.grammar
                    .units
                    .iter()
                    .find(|(word, _, _)| *word == token.text)
            });
            match found {
                Some((_, unit, factor)) => {
                    let round_unit = *factor >= 10.0 && comparison == Comparison::Exactly;
                    let quantity = Quantity {
                        comparison: if round_unit {
                            Comparison::About
                        } else {
                            comparison
                        },
                        amount: amount * factor,
                        unit: Some(unit.clone()),
                    };
                    readings.push((quantity, at + 1));
                }
                None => {
                    let units: Vec<String> =
                        ["years", "months", "days"].map(str::to_owned).to_vec();
                    self.expect(at, &units);
                }
            }
            return readings;
        }
        readings.push((
            Quantity {
                comparison,
                amount,
                unit: None,
            },
            at,
        ));
        if let Some(unit) = unit {
            let folded = fold(unit);
            let matches_unit = self
                .tokens
                .get(at)
                .is_some_and(|token| token.text == folded || token.text == format!("{folded}s"));
            if matches_unit {
                let quantity = Quantity {
                    comparison,
                    amount,
                    unit: Some(Unit::Other(folded)),
                };
                readings.push((quantity, at + 1));
            } else if at < self.tokens.len() {
                self.expect(at, &[folded]);
            }
        }
        readings
    }

    // ---- clauses --------------------------------------------------------------------------

    /// Every time clause that can start at `pos`, with the position after it; `None` for no clause.
    fn time_clauses(&mut self, pos: usize) -> Vec<(Option<TimeSpec>, usize)> {
        let mut clauses = vec![(None, pos)];
        if pos == self.tokens.len() {
            return clauses;
        }
        let grammar = self.grammar;
        if let Some(next) = self.require(pos, grammar.at)
            && let Some((date, end)) = self.date(next)
        {
            clauses.push((Some(TimeSpec::At(date)), end));
        }
        if let Some(next) = self.require(pos, grammar.since)
            && let Some((date, end)) = self.date(next)
        {
            clauses.push((Some(TimeSpec::Since(date)), end));
        }
        if let Some(next) = self.require(pos, grammar.span_from)
            && let Some((from, after_from)) = self.date(next)
            && let Some(next) = self.require(after_from, grammar.span_to)
            && let Some((to, end)) = self.date(next)
        {
            match canonical::reversed_span(from, to, self.span_of(pos, end)) {
                Ok(()) => clauses.push((Some(TimeSpec::Span(from, to)), end)),
                Err(error) => self.fail(end, RANK_LITERAL, error),
            }
        }
        clauses
    }

    /// An optional `on DATE` clause for counts and measures.
    fn at_clauses(&mut self, pos: usize) -> Vec<(Option<PartialDate>, usize)> {
        let mut clauses = vec![(None, pos)];
        if let Some(next) = self.require(pos, self.grammar.at)
            && let Some((date, end)) = self.date(next)
        {
            clauses.push((Some(date), end));
        }
        clauses
    }

    fn copulas(&mut self, pos: usize) -> Vec<usize> {
        let copulas = self.grammar.copulas;
        if self.grammar.copula_required {
            self.require(pos, copulas).into_iter().collect()
        } else {
            self.optional(pos, copulas)
        }
    }

    // ---- frames ---------------------------------------------------------------------------

    /// `{subject} is {not} a party to {object} [time clause | for DURATION]`.
    fn read_sentence(
        &mut self,
        relation: &LexRelation,
        phrasing: &Phrasing,
        qualifiers: &[Qualifier],
    ) {
        for (pos, bindings) in self.match_template(relation, phrasing, 0) {
            let (Some(subject), Some(object)) = (bindings.subject, bindings.object) else {
                continue;
            };
            let untimed = match (relation.kind, phrasing.tense, bindings.negation) {
                (RelationKind::Timeless, _, _) => TimeSpec::Judgment,
                (_, _, Some(Negation::Never)) | (_, Tense::Past, _) => TimeSpec::Ever,
                (_, Tense::Present, _) => TimeSpec::Judgment,
            };
            let clauses = if relation.kind == RelationKind::Timeless {
                vec![(None, pos)]
            } else {
                self.time_clauses(pos)
            };
            for (time, end) in clauses {
                if !self.at_end(end) {
                    continue;
                }
                // "No longer" speaks of the judgment date and of an ended state: it takes no time
                // clause, and neither an event nor a timeless relation can have ended.
                let (negated, time) = match (bindings.negation, time) {
                    (Some(Negation::NoLonger), None) if relation.kind == RelationKind::State => {
                        (false, TimeSpec::NoLonger)
                    }
                    (Some(Negation::NoLonger), _) => continue,
                    (negation, time) => (negation.is_some(), time.unwrap_or(untimed)),
                };
                self.accept(Assertion::Relation(RelationAssertion {
                    negated,
                    relation: relation.id.clone(),
                    subject: subject.clone(),
                    object: object.clone(),
                    time,
                    qualifiers: qualifiers.to_vec(),
                }));
            }
            if relation.kind == RelationKind::State
                && bindings.negation.is_none()
                && qualifiers.is_empty()
                && let Some(next) = self.require(pos, self.grammar.duration)
            {
                for (quantity, end) in self.quantity(next, true, None) {
                    if self.at_end(end) {
                        self.accept(Assertion::Duration(DurationAssertion {
                            relation: relation.id.clone(),
                            subject: subject.clone(),
                            object: object.clone(),
                            quantity,
                        }));
                    }
                }
            }
        }
    }

    /// `[the] {ordinal} visit of {subject} to {object} [before|after DATE] was [in] DATE`.
    fn read_ordinal(
        &mut self,
        relation: &LexRelation,
        phrasing: &Phrasing,
        qualifiers: &[Qualifier],
    ) {
        let grammar = self.grammar;
        for start in self.optional(0, grammar.article) {
            for (pos, bindings) in self.match_template(relation, phrasing, start) {
                let (Some(subject), Some(object), Some(ordinal)) =
                    (bindings.subject, bindings.object, bindings.ordinal)
                else {
                    continue;
                };
                let mut bounds = vec![(None, pos)];
                if let Some(next) = self.require(pos, grammar.before)
                    && let Some((date, end)) = self.date(next)
                {
                    bounds.push((Some(Bound::Before(date)), end));
                }
                if let Some(next) = self.require(pos, grammar.after)
                    && let Some((date, end)) = self.date(next)
                {
                    bounds.push((Some(Bound::After(date)), end));
                }
                for (bound, after_bound) in bounds {
                    for after_copula in self.copulas(after_bound) {
                        let mut dates = vec![after_copula];
                        if let Some(next) = self.require(after_copula, grammar.at) {
                            dates.push(next);
                        }
                        for date_pos in dates {
                            let Some((when, end)) = self.date(date_pos) else {
                                continue;
                            };
                            if self.at_end(end) {
                                self.accept(Assertion::Ordinal(OrdinalAssertion {
                                    ordinal,
                                    relation: relation.id.clone(),
                                    subject: subject.clone(),
                                    object: object.clone(),
                                    bound,
                                    when,
                                    qualifiers: qualifiers.to_vec(),
                                }));
                            }
                        }
                    }
                }
            }
        }
    }

    /// `[the] number of {object} parties [on DATE] is QUANTITY`.
    fn read_count(&mut self, relation: &LexRelation, phrasing: &Phrasing) {
        let grammar = self.grammar;
        for start in self.optional(0, grammar.article) {
            let Some(noun) = self.require(start, grammar.count_opener) else {
                continue;
            };
            for (pos, bindings) in self.match_template(relation, phrasing, noun) {
                let (counted, fixed) = match (bindings.subject, bindings.object) {
                    (Some(subject), None) => (Side::Object, subject),
                    (None, Some(object)) => (Side::Subject, object),
                    _ => continue,
                };
                for (at, after_at) in self.at_clauses(pos) {
                    for after_copula in self.copulas(after_at) {
                        for (quantity, end) in self.quantity(after_copula, false, None) {
                            if self.at_end(end) {
                                self.accept(Assertion::Count(CountAssertion {
                                    relation: relation.id.clone(),
                                    counted,
                                    fixed: fixed.clone(),
                                    at,
                                    quantity,
                                }));
                            }
                        }
                    }
                }
            }
        }
    }

    /// `[the] population of {subject} [in DATE] is QUANTITY`.
    fn read_measure(&mut self, relation: &LexRelation, phrasing: &Phrasing) {
        let grammar = self.grammar;
        for start in self.optional(0, grammar.article) {
            for (pos, bindings) in self.match_template(relation, phrasing, start) {
                let Some(subject) = bindings.subject else {
                    continue;
                };
                for (at, after_at) in self.at_clauses(pos) {
                    for after_copula in self.copulas(after_at) {
                        for (quantity, end) in
                            self.quantity(after_copula, false, relation.unit.as_deref())
                        {
                            if self.at_end(end) {
                                self.accept(Assertion::Measure(MeasureAssertion {
                                    relation: relation.id.clone(),
                                    subject: subject.clone(),
                                    at,
                                    quantity,
                                }));
                            }
                        }
                    }
                }
            }
        }
    }
}
