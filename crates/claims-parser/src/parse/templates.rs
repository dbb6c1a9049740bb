//! Matching a phrasing's template, and the names that fill its slots.

use super::{Bindings, NameAt, Parser, RANK_NAME};
use crate::ast::{RelationAssertion, Side};
use crate::error::{ParseError, ParseErrorKind};
use crate::lexicon::{LexEntity, LexRelation, Phrasing, TemplatePart};
use crate::normalize::Token;

impl<'a> Parser<'a> {
    pub(super) fn match_template(
        &mut self,
        relation: &LexRelation,
        phrasing: &Phrasing,
        pos: usize,
        open_allowed: bool,
    ) -> Vec<(usize, Bindings)> {
        let mut matches = Vec::new();
        let bindings = Bindings {
            open_allowed,
            ..Bindings::default()
        };
        self.match_parts(
            relation,
            &phrasing.template.parts,
            pos,
            bindings,
            &mut matches,
        );
        // A side the phrasing names in its own words.
        if let Some((side, entity)) = &phrasing.names {
            for (_, bindings) in &mut matches {
                match side {
                    Side::Subject => bindings.subject = Some(entity.clone()),
                    Side::Object => bindings.object = Some(entity.clone()),
                }
            }
        }
        matches
    }

    pub(super) fn match_parts(
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
                for (next, id, deferred, title) in
                    self.slot(relation, side, pos, next_word, negation_next)
                {
                    let mut bound = bindings.clone();
                    bound.deferred = bound.deferred.or(deferred);
                    bound.titles.extend(title);
                    match side {
                        Side::Subject => bound.subject = Some(id),
                        Side::Object => bound.object = Some(id),
                    }
                    self.match_parts(relation, rest, next, bound, matches);
                }
                if bindings.open_allowed && bindings.open.is_none() {
                    let kind = match side {
                        Side::Subject => relation.subject_kind.as_deref(),
                        Side::Object => relation.object_kind.as_deref(),
                    };
                    for (next, restriction) in self.restriction_phrases(pos, kind) {
                        let bound = Bindings {
                            open: Some((side, restriction)),
                            ..bindings.clone()
                        };
                        self.match_parts(relation, rest, next, bound, matches);
                    }
                }
            }
        }
    }

    /// The names that start at the word `start`, as (length in words, the entities named), looked
    /// up once per parse: every phrasing asks.
    pub(super) fn names_at(&self, start: usize) -> &[NameAt<'a>] {
        let Some(cell) = self.names.get(start) else {
            return &[];
        };
        cell.get_or_init(|| {
            let longest = self
                .lexicon
                .longest_alias()
                .min(self.tokens.len().saturating_sub(start));
            let mut phrase = String::new();
            let mut found = Vec::new();
            for length in 1..=longest {
                if length > 1 {
                    phrase.push(' ');
                }
                phrase.push_str(&self.tokens[start + length - 1].text);
                let entities = self.lexicon.resolve_folded(&phrase, self.language);
                if !entities.is_empty() {
                    found.push((length, entities));
                }
            }
            found
        })
    }

    /// Every way a name can fill a slot at `pos`, as (position after it, entity id, the error
    /// to report if the name is of the wrong kind or ambiguous, and what a title before the name
    /// says).
    pub(super) fn slot(
        &mut self,
        relation: &LexRelation,
        side: Side,
        pos: usize,
        next_word: Option<&str>,
        negation_next: bool,
    ) -> Vec<(usize, String, Option<ParseError>, Option<RelationAssertion>)> {
        let wanted_kind = match side {
            Side::Subject => relation.subject_kind.as_deref(),
            Side::Object => relation.object_kind.as_deref(),
        };
        // The name may follow a determiner (`the ICC`): it is read from either start.
        let after_determiner = self.phrase(pos, self.grammar.determiners);
        let starts = std::iter::once(pos).chain(after_determiner);
        let mut fills = Vec::new();
        let mut named_something = false;
        for start in starts.clone() {
            for (end, id, title, error) in self.titles(start) {
                named_something = true;
                let error = error.or_else(|| {
                    let entity = self.lexicon.entity(&id)?;
                    let expected = wanted_kind.filter(|kind| entity.kind != *kind)?;
                    let span = self.span_of(start, end);
                    let kind = ParseErrorKind::WrongKind {
                        text: self.text[span.clone()].to_owned(),
                        entity: entity.id.clone(),
                        kind: entity.kind.clone(),
                        expected: expected.to_owned(),
                        relation: relation.id.clone(),
                        linked: Vec::new(),
                    };
                    Some(ParseError { span, kind })
                });
                fills.push((end, id, error, Some(title)));
            }
        }
        let named: Vec<(usize, usize, Vec<&LexEntity>)> = starts
            .flat_map(|start| {
                self.names_at(start)
                    .iter()
                    .map(move |(length, entities)| (start, *length, entities.clone()))
            })
            .collect();
        for (start, length, entities) in named {
            named_something = true;
            let fitting: Vec<_> = entities
                .iter()
                .filter(|entity| wanted_kind.is_none_or(|kind| entity.kind == kind))
                .collect();
            let span = self.span_of(start, start + length);
            let text = self.text[span.clone()].to_owned();
            match fitting.as_slice() {
                [entity] => fills.push((start + length, entity.id.clone(), None, None)),
                [] => {
                    let entity = entities[0];
                    let kind = ParseErrorKind::WrongKind {
                        text,
                        entity: entity.id.clone(),
                        kind: entity.kind.clone(),
                        expected: wanted_kind.unwrap_or_default().to_owned(),
                        relation: relation.id.clone(),
                        linked: Vec::new(),
                    };
                    fills.push((
                        start + length,
                        entity.id.clone(),
                        Some(ParseError { span, kind }),
                        None,
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
                        None,
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
    pub(super) fn unknown_name(
        &mut self,
        pos: usize,
        next_word: Option<&str>,
        negation_next: bool,
    ) {
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
}
