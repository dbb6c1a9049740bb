//! Words and fixed phrases at a position.

use super::Parser;
use crate::grammar::Phrase;

impl Parser<'_> {
    pub(super) fn word_is(&self, pos: usize, word: &str) -> bool {
        self.tokens.get(pos).is_some_and(|token| token.text == word)
    }

    /// The position after the longest of `phrases` at `pos`, if one is there.
    pub(super) fn phrase(&self, pos: usize, phrases: &[Phrase]) -> Option<usize> {
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
    pub(super) fn require(&mut self, pos: usize, phrases: &[Phrase]) -> Option<usize> {
        let found = self.phrase(pos, phrases);
        if found.is_none() {
            self.expect_phrases(pos, phrases);
        }
        found
    }

    /// `pos`, and the position after an optional phrase if one is there.
    pub(super) fn optional(&self, pos: usize, phrases: &[Phrase]) -> Vec<usize> {
        let mut positions = vec![pos];
        positions.extend(self.phrase(pos, phrases));
        positions
    }
}
