//! The words a draft is read by, per language: abbreviations, clause openers, pronouns and the cue
//! words of each class. They are data (`crates/verifier/data/draft/*.yaml`), read once.

use std::sync::OnceLock;

use claims_parser::{Language, fold};

/// The rules of one language, as written in its data file.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LanguageRules {
    /// Words ending in a full stop that do not end a sentence.
    pub(crate) abbreviations: Vec<String>,
    /// Words after a comma at which a new clause begins.
    pub(crate) clause_openers: Vec<String>,
    /// Conjunctions that open a clause without belonging to its quote.
    pub(crate) conjunctions: Vec<String>,
    /// Words that open a sentence whose first clause ends at the first comma.
    pub(crate) leading_clauses: Vec<String>,
    /// Words that stand for the person named last before them.
    pub(crate) pronouns: Vec<String>,
    /// Words that open a relative clause.
    pub(crate) relative_pronouns: Vec<String>,
    /// Words that make the date after them the start of a continuing state.
    pub(crate) since: Vec<String>,
    /// Frequent words, to tell the language of an article.
    pub(crate) common_words: Vec<String>,
    /// The cue words of each class.
    pub(crate) cues: Cues,
}

/// The cue words of the classes of sentences.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cues {
    pub(crate) attribution: Cue,
    pub(crate) hope: Cue,
    pub(crate) schedule: Cue,
    pub(crate) prediction: Cue,
    pub(crate) opinion: Cue,
    pub(crate) vague: Cue,
}

/// One class's cue words, and what the class means.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cue {
    /// What a sentence of this class is, in a sentence, for the draft's comments.
    pub(crate) explain: String,
    /// The words (or phrases) that mark it.
    pub(crate) words: Vec<String>,
}

impl Cue {
    /// The first cue phrase found in `words` (folded), if any.
    pub(crate) fn find<'c>(&'c self, words: &[&str]) -> Option<&'c str> {
        self.words
            .iter()
            .find(|cue| position(words, cue).is_some())
            .map(String::as_str)
    }
}

/// Where the phrase `phrase` (as written; it is folded here) first stands in `words`.
pub(crate) fn position(words: &[&str], phrase: &str) -> Option<usize> {
    let folded = fold(phrase);
    let phrase: Vec<&str> = folded.split(' ').collect();
    if phrase.is_empty() || phrase.len() > words.len() {
        return None;
    }
    (0..=words.len() - phrase.len()).find(|&at| words[at..at + phrase.len()] == phrase[..])
}

/// The rules of `language`.
pub(crate) fn rules(language: Language) -> &'static LanguageRules {
    static ENGLISH: OnceLock<LanguageRules> = OnceLock::new();
    static INDONESIAN: OnceLock<LanguageRules> = OnceLock::new();
    let (cell, text) = match language {
        Language::En => (&ENGLISH, include_str!("../../data/draft/en.yaml")),
        Language::Id => (&INDONESIAN, include_str!("../../data/draft/id.yaml")),
    };
    cell.get_or_init(|| {
        crate::yaml::read_draft_rules(text)
            .expect("the drafting rules are valid (a test reads them)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_of_each_language_read() {
        for language in Language::ALL {
            let rules = rules(language);
            assert!(!rules.abbreviations.is_empty());
            assert!(!rules.cues.hope.words.is_empty());
        }
        let words = ["putin", "dijadwalkan", "akan", "bertemu"];
        assert_eq!(
            rules(Language::Id).cues.schedule.find(&words),
            Some("dijadwalkan")
        );
        assert_eq!(position(&["is", "due", "to"], "is due to"), Some(0));
    }
}
