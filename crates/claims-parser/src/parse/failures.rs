//! Recording where an attempt failed, and keeping the most promising failure.

use std::ops::Range;

use super::{Failure, Parser, RANK_EXPECTED};
use crate::error::{ParseError, ParseErrorKind};
use crate::grammar::Phrase;

impl Parser<'_> {
    pub(super) fn span_at(&self, pos: usize) -> Range<usize> {
        match self.tokens.get(pos) {
            Some(token) => token.span.clone(),
            None => {
                let end = self.text.trim_end().len();
                end..end
            }
        }
    }

    pub(super) fn span_of(&self, from: usize, to: usize) -> Range<usize> {
        self.tokens[from].span.start..self.tokens[to - 1].span.end
    }

    pub(super) fn fail(&mut self, reach: usize, rank: u8, error: ParseError) {
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
            Some(best) => {
                (reach, self.after_match, rank) > (best.reach, best.after_match, best.rank)
            }
        };
        let after_match = self.after_match;
        if better {
            self.best = Some(Failure {
                reach,
                after_match,
                rank,
                error,
            });
        } else if let Some(best) = &mut self.best
            && (best.reach, best.after_match, best.rank) == (reach, after_match, rank)
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

    pub(super) fn expect(&mut self, pos: usize, expected: &[String]) {
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

    pub(super) fn expect_phrases(&mut self, pos: usize, phrases: &[Phrase]) {
        let expected: Vec<String> = phrases.iter().map(|phrase| phrase.join(" ")).collect();
        self.expect(pos, &expected);
    }

    pub(super) fn at_end(&mut self, pos: usize) -> bool {
        if pos == self.tokens.len() {
            return true;
        }
        self.expect(pos, &["the end of the assertion".to_owned()]);
        false
    }
}
