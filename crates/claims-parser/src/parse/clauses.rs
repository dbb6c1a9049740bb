//! Time clauses, `on DATE` clauses and copulas.

use super::{Parser, RANK_LITERAL};
use crate::ast::TimeSpec;
use crate::canonical;
use crate::date::PartialDate;
use crate::lexicon::Tense;

impl Parser<'_> {
    /// Every time clause that can start at `pos`, with the position after it; `None` for no clause.
    /// A relative date needs no preposition (`late Monday`, `tahun lalu`). `tense` is the
    /// phrasing's: it decides which weekday a bare one names.
    pub(super) fn time_clauses(
        &mut self,
        pos: usize,
        tense: Tense,
    ) -> Vec<(Option<TimeSpec>, usize)> {
        let mut clauses = vec![(None, pos)];
        if pos == self.tokens.len() {
            return clauses;
        }
        let grammar = self.grammar;
        if let Some(Some((date, end))) = self.relative_date(pos, tense) {
            clauses.push((Some(TimeSpec::At(date)), end));
        }
        if let Some(next) = self.require(pos, grammar.at)
            && let Some((date, end)) = self.date(next, tense)
        {
            clauses.push((Some(TimeSpec::At(date)), end));
        }
        if let Some(next) = self.require(pos, grammar.since)
            && let Some((date, end)) = self.date(next, tense)
        {
            clauses.push((Some(TimeSpec::Since(date)), end));
        }
        if let Some(next) = self.require(pos, grammar.span_from)
            && let Some((from, after_from)) = self.date(next, tense)
            && let Some(next) = self.require(after_from, grammar.span_to)
            && let Some((to, end)) = self.date(next, tense)
        {
            match canonical::reversed_span(from, to, self.span_of(pos, end)) {
                Ok(()) => clauses.push((Some(TimeSpec::Span(from, to)), end)),
                Err(error) => self.fail(end, RANK_LITERAL, error),
            }
        }
        clauses
    }

    /// An optional `on DATE` clause for counts and measures (or a relative date alone).
    pub(super) fn at_clauses(
        &mut self,
        pos: usize,
        tense: Tense,
    ) -> Vec<(Option<PartialDate>, usize)> {
        let mut clauses = vec![(None, pos)];
        if let Some(Some((date, end))) = self.relative_date(pos, tense) {
            clauses.push((Some(date), end));
        }
        if let Some(next) = self.require(pos, self.grammar.at)
            && let Some((date, end)) = self.date(next, tense)
        {
            clauses.push((Some(date), end));
        }
        clauses
    }

    pub(super) fn copulas(&mut self, pos: usize) -> Vec<usize> {
        let copulas = self.grammar.copulas;
        if self.grammar.copula_required {
            self.require(pos, copulas).into_iter().collect()
        } else {
            self.optional(pos, copulas)
        }
    }
}
