//! Finding the names of the reference data in a text: every alias at once, with one Aho-Corasick
//! automaton over the words as the parser folds them, so that the cost grows with the text, not
//! with the number of aliases.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use claims_parser::{Language, Lexicon, Token};

/// Separates words in the searched text and in the patterns: no alias holds it, so a match
/// starts and ends on whole words.
const GAP: char = '\u{1}';

/// The aliases of a lexicon, ready to be looked for.
pub(crate) struct NameFinder<'l> {
    lexicon: &'l Lexicon,
    automaton: AhoCorasick,
    aliases: Vec<String>,
}

/// A name found: the words it spans, what was written, and the entity it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Name {
    /// The range of token indexes.
    pub(crate) words: Range<usize>,
    /// The entity's id.
    pub(crate) entity: String,
    /// The entity's kind.
    pub(crate) kind: String,
}

impl<'l> NameFinder<'l> {
    pub(crate) fn new(lexicon: &'l Lexicon) -> Self {
        let mut aliases: Vec<String> = lexicon.folded_aliases().map(str::to_owned).collect();
        aliases.sort_unstable();
        let patterns = aliases.iter().map(|alias| wrap(alias.split(' ')));
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .expect("aliases make a valid automaton");
        NameFinder {
            lexicon,
            automaton,
            aliases,
        }
    }

    /// Every name among `tokens` that names one entity in `language`, longest first where names
    /// overlap, left to right.
    pub(crate) fn find(&self, tokens: &[Token], language: Language) -> Vec<Name> {
        let text = wrap(tokens.iter().map(|token| token.text.as_str()));
        // The token each byte of `text` belongs to.
        let mut starts = Vec::with_capacity(tokens.len());
        let mut offset = 0;
        for token in tokens {
            starts.push(offset);
            offset += token.text.len() + 2 * GAP.len_utf8();
        }
        let token_at = |byte: usize| starts.partition_point(|&start| start <= byte) - 1;
        let mut names = Vec::new();
        for found in self.automaton.find_iter(&text) {
            let alias = &self.aliases[found.pattern().as_usize()];
            let entities = self.lexicon.resolve(alias, language);
            let [entity] = entities.as_slice() else {
                continue;
            };
            let first = token_at(found.start());
            let last = token_at(found.end() - 1);
            names.push(Name {
                words: first..last + 1,
                entity: entity.id.clone(),
                kind: entity.kind.clone(),
            });
        }
        names
    }
}

/// Words each wrapped in [`GAP`]s: `\u{1}ilham\u{1}\u{1}aliyev\u{1}`.
fn wrap<'w>(words: impl Iterator<Item = &'w str>) -> String {
    let mut wrapped = String::new();
    for word in words {
        wrapped.push(GAP);
        wrapped.push_str(word);
        wrapped.push(GAP);
    }
    wrapped
}
