//! Case- and accent-insensitive text folding, and the tokenizer the assertion language is read with.

use std::ops::Range;

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Folds the characters of `text`: Unicode decomposition, accents dropped, lower case,
/// typographic apostrophes made plain, and runs of white space collapsed to one space.
fn fold_characters(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        for c in word.nfd().filter(|c| !is_combining_mark(*c)) {
            match c {
                '\u{2019}' | '\u{2018}' | '`' => folded.push('\''),
                'ı' => folded.push('i'),
                _ => folded.extend(c.to_lowercase()),
            }
        }
    }
    folded
}

/// One word of a text: its folded text and its byte span in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The word folded as names are compared ([`fold`]).
    pub text: String,
    /// Where it stands in the text, in bytes.
    pub span: Range<usize>,
}

/// Characters that separate words but carry no meaning in the assertion language.
fn is_edge_punctuation(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '('
            | ')'
            | '\''
            | '‘'
            | '’'
    )
}

/// Splits `text` into words at white space, trimming punctuation at the edges of each word (and a
/// sentence-final full stop), so that `Azerbaijan, “the host”.` gives `azerbaijan`, `the`, `host`.
/// The one tokenizer: assertions are read, and article texts searched, in its words.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut offset = 0;
    for piece in text.split_inclusive(char::is_whitespace) {
        let word = piece.trim_end();
        let leading = word.len() - word.trim_start_matches(is_edge_punctuation).len();
        let mut inner = word[leading..].trim_end_matches(is_edge_punctuation);
        if inner.ends_with('.') && !inner[..inner.len() - 1].contains('.') {
            inner = inner[..inner.len() - 1].trim_end_matches(is_edge_punctuation);
        }
        if !inner.is_empty() {
            let start = offset + leading;
            tokens.push(Token {
                text: fold_characters(inner),
                span: start..start + inner.len(),
            });
        }
        offset += piece.len();
    }
    tokens
}

/// Folds a name or phrase as the parser reads it: the words the tokenizer finds (punctuation at
/// their edges and a final full stop dropped), each folded (accents dropped, lower case,
/// typographic apostrophes made plain), joined by single spaces. The one comparison of names:
/// the parser, the loader (an alias names one entity per language) and lint all use it.
///
/// `fold("Côte d’Ivoire")` is `"cote d'ivoire"`; `fold("Ilham Aliyev.")` is `"ilham aliyev"`.
pub fn fold(text: &str) -> String {
    tokenize(text)
        .into_iter()
        .map(|token| token.text)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(fold("Côte d’Ivoire"), "cote d'ivoire");
        assert_eq!(
            fold("  AZƏRBAYCAN  Respublikası "),
            "azərbaycan respublikasi"
        );
        assert_eq!(fold("Türkiye"), "turkiye");
    }

    #[test]
    fn fold_reads_names_as_the_tokenizer_does() {
        assert_eq!(fold("Ilham Aliyev."), "ilham aliyev");
        assert_eq!(fold("“Ilham Aliyev”,"), "ilham aliyev");
        assert_eq!(fold("U.S."), "u.s.");
    }

    #[test]
    fn tokenize_keeps_spans_and_trims_punctuation() {
        let text = "Azerbaijan, “the host”.";
        let tokens = tokenize(text);
        let words: Vec<_> = tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(words, ["azerbaijan", "the", "host"]);
        assert_eq!(&text[tokens[2].span.clone()], "host");
    }

    #[test]
    fn tokenize_keeps_inner_full_stops_and_hyphens() {
        let words: Vec<_> = tokenize("about 10.1 million in Nagorno-Karabakh.")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            ["about", "10.1", "million", "in", "nagorno-karabakh"]
        );
    }
}
