//! The frames of the language: a relation sentence, an ordinal event, a count, a measure.

use super::{Parser, RANK_NAME};
use crate::ast::{
    Assertion, Bound, CountAssertion, DurationAssertion, MeasureAssertion, OrdinalAssertion,
    Qualifier, RelationAssertion, Side, Term, TimeSpec,
};
use crate::error::{ParseError, ParseErrorKind};
use crate::grammar::Negation;
use crate::lexicon::{LexRelation, Phrasing, RelationKind, Tense};

impl Parser<'_> {
    /// `{subject} is {not} a party to {object} [time clause | for DURATION]`.
    pub(super) fn read_sentence(
        &mut self,
        relation: &LexRelation,
        phrasing: &Phrasing,
        qualifiers: &[Qualifier],
    ) {
        let matches = self.match_template(relation, phrasing, 0, false);
        let before = std::mem::replace(&mut self.after_match, true);
        for (pos, bindings) in matches {
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
                self.time_clauses(pos, phrasing.tense)
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
                self.accept(
                    Assertion::Relation(RelationAssertion {
                        negated,
                        relation: relation.id.clone(),
                        subject: subject.clone(),
                        object: object.clone(),
                        time,
                        qualifiers: qualifiers.to_vec(),
                    }),
                    &bindings.titles,
                );
            }
            if relation.kind == RelationKind::State
                && bindings.negation.is_none()
                && qualifiers.is_empty()
                && let Some(next) = self.require(pos, self.grammar.duration)
            {
                for (quantity, end) in self.quantity(next, true, None) {
                    if self.at_end(end) {
                        self.accept(
                            Assertion::Duration(DurationAssertion {
                                relation: relation.id.clone(),
                                subject: subject.clone(),
                                object: object.clone(),
                                quantity,
                            }),
                            &bindings.titles,
                        );
                    }
                }
            }
        }
        self.after_match = before;
    }

    /// `[the] {ordinal} visit of {subject} to {object} [before|after DATE] was [in] DATE`.
    pub(super) fn read_ordinal(
        &mut self,
        relation: &LexRelation,
        phrasing: &Phrasing,
        qualifiers: &[Qualifier],
    ) {
        let grammar = self.grammar;
        for start in self.optional(0, grammar.article) {
            let matches = self.match_template(relation, phrasing, start, true);
            let before = std::mem::replace(&mut self.after_match, true);
            for (pos, bindings) in matches {
                let Some(ordinal) = bindings.ordinal else {
                    continue;
                };
                let term = |side: Side, named: Option<String>| match (named, &bindings.open) {
                    (Some(id), _) => Some(Term::Entity(id)),
                    (None, Some((open, restriction))) if *open == side => {
                        Some(Term::Any(Some(restriction.clone())))
                    }
                    (None, _) => None,
                };
                let (Some(subject), Some(object)) = (
                    term(Side::Subject, bindings.subject.clone()),
                    term(Side::Object, bindings.object.clone()),
                ) else {
                    continue;
                };
                if bindings.open.is_some() && !qualifiers.is_empty() {
                    let span = 0..self.text.trim_end().len();
                    let kind = ParseErrorKind::Unsupported(
                        "qualifiers cannot be combined with an open side (a value described by a relation, such as 'a Rome Statute party')".to_owned(),
                    );
                    self.fail(self.tokens.len(), RANK_NAME, ParseError { span, kind });
                    continue;
                }
                let mut bounds = vec![(None, pos)];
                if let Some(next) = self.require(pos, grammar.before)
                    && let Some((date, end)) = self.date(next, Tense::Past)
                {
                    bounds.push((Some(Bound::Before(date)), end));
                }
                if let Some(next) = self.require(pos, grammar.after)
                    && let Some((date, end)) = self.date(next, Tense::Past)
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
                            let Some((when, end)) = self.date(date_pos, Tense::Past) else {
                                continue;
                            };
                            if self.at_end(end) {
                                self.accept(
                                    Assertion::Ordinal(OrdinalAssertion {
                                        ordinal,
                                        relation: relation.id.clone(),
                                        subject: subject.clone(),
                                        object: object.clone(),
                                        bound,
                                        when,
                                        qualifiers: qualifiers.to_vec(),
                                    }),
                                    &bindings.titles,
                                );
                            }
                        }
                    }
                }
            }
            self.after_match = before;
        }
    }

    /// `[the] number of {object} parties [in Africa] [on DATE] is QUANTITY`.
    pub(super) fn read_count(&mut self, relation: &LexRelation, phrasing: &Phrasing) {
        let grammar = self.grammar;
        for start in self.optional(0, grammar.article) {
            let Some(noun) = self.require(start, grammar.count_opener) else {
                continue;
            };
            let matches = self.match_template(relation, phrasing, noun, false);
            let before = std::mem::replace(&mut self.after_match, true);
            for (pos, bindings) in matches {
                let (counted, fixed) = match (bindings.subject, bindings.object) {
                    (Some(subject), None) => (Side::Object, subject),
                    (None, Some(object)) => (Side::Subject, object),
                    _ => continue,
                };
                let kind = match counted {
                    Side::Subject => relation.subject_kind.as_deref(),
                    Side::Object => relation.object_kind.as_deref(),
                };
                let mut restricted = vec![(pos, None)];
                restricted.extend(
                    self.restriction_phrases(pos, kind)
                        .into_iter()
                        .map(|(end, restriction)| (end, Some(restriction))),
                );
                for (after_restriction, restriction) in restricted {
                    for (at, after_at) in self.at_clauses(after_restriction, phrasing.tense) {
                        for after_copula in self.copulas(after_at) {
                            for (quantity, end) in self.quantity(after_copula, false, None) {
                                if self.at_end(end) {
                                    self.accept(
                                        Assertion::Count(CountAssertion {
                                            relation: relation.id.clone(),
                                            counted,
                                            fixed: fixed.clone(),
                                            restriction: restriction.clone(),
                                            at,
                                            quantity,
                                        }),
                                        &bindings.titles,
                                    );
                                }
                            }
                        }
                    }
                }
            }
            self.after_match = before;
        }
    }

    /// `[the] population of {subject} [in DATE] is QUANTITY`.
    pub(super) fn read_measure(&mut self, relation: &LexRelation, phrasing: &Phrasing) {
        let grammar = self.grammar;
        for start in self.optional(0, grammar.article) {
            let matches = self.match_template(relation, phrasing, start, false);
            let before = std::mem::replace(&mut self.after_match, true);
            for (pos, bindings) in matches {
                let Some(subject) = bindings.subject else {
                    continue;
                };
                for (at, after_at) in self.at_clauses(pos, phrasing.tense) {
                    for after_copula in self.copulas(after_at) {
                        for (quantity, end) in
                            self.quantity(after_copula, false, relation.unit.as_deref())
                        {
                            if self.at_end(end) {
                                self.accept(
                                    Assertion::Measure(MeasureAssertion {
                                        relation: relation.id.clone(),
                                        subject: subject.clone(),
                                        at,
                                        quantity,
                                    }),
                                    &bindings.titles,
                                );
                            }
                        }
                    }
                }
            }
            self.after_match = before;
        }
    }
}
