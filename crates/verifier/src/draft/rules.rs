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

/// Where the phrase `phrase` (folded, its words parted by single spaces) first stands in `words`.
pub(crate) fn position(words: &[&str], phrase: &str) -> Option<usize> {
    let length = phrase.split(' ').count();
    if length > words.len() {
        return None;
    }
    (0..=words.len() - length).find(|&at| {
        words[at..at + length]
            .iter()
            .zip(phrase.split(' '))
            .all(|(word, part)| *word == part)
    })
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
            .folded()
    })
}

impl LanguageRules {
    /// The rules with every word folded as the text's words are, once, so that they compare as
    /// they are. Abbreviations keep their full stops, in lower case.
    fn folded(mut self) -> Self {
        for words in [
            &mut self.clause_openers,
            &mut self.conjunctions,
            &mut self.leading_clauses,
            &mut self.pronouns,
            &mut self.relative_pronouns,
            &mut self.since,
            &mut self.common_words,
            &mut self.cues.attribution.words,
            &mut self.cues.hope.words,
            &mut self.cues.schedule.words,
            &mut self.cues.prediction.words,
            &mut self.cues.opinion.words,
            &mut self.cues.vague.words,
        ] {
            for word in words.iter_mut() {
                *word = fold(word);
            }
        }
        for abbreviation in &mut self.abbreviations {
            *abbreviation = abbreviation.to_lowercase();
        }
        self
    }
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
        assert_eq!(position(&["a", "is", "due"], "is due to"), None);
    }
}
