//! `explain`: one assertion, read in the language given or in whichever reads it, judged with its
//! evidence.

use claims_parser::{Assertion, Language, ParseError, parse_assertion};
use jiff::civil::Date;
use verifier::report;

use crate::{InputError, Reference, load_reference};

/// Judges one assertion and renders its verdict and evidence as text or JSON.
pub fn explain(
    assertion: &str,
    language: Option<Language>,
    reference: &Reference,
    as_of: Date,
    json: bool,
    color: bool,
) -> Result<String, InputError> {
    let kb = load_reference(reference)?;
    let reading = read_in_either_language(assertion, language, kb.lexicon(), as_of)
        .map_err(|error| InputError(error.render(assertion, color)))?;
    let report = kb
        .assess(assertion, &reading.assertion, as_of)
        .map_err(|error| InputError(format!("error: {error}")))?;
    if json {
        let mut text = serde_json::to_string_pretty(&report).expect("reports serialize");
        text.push('\n');
        return Ok(text);
    }
    let mut text = report::assertion_text(&report, as_of, color);
    if let Some(language) = reading.chosen {
        let line = format!(
            "  read as {} (the other language does not read it; --lang chooses)\n",
            language_name(language)
        );
        let first_line = text.find('\n').map_or(text.len(), |end| end + 1);
        text.insert_str(first_line, &line);
    }
    Ok(text)
}

fn language_name(language: Language) -> &'static str {
    match language {
        Language::En => "English",
        Language::Id => "Indonesian",
    }
}

/// An assertion as read, and the language chosen for it when none was given and only one reads it.
#[derive(Debug, PartialEq)]
pub struct Reading {
    /// The assertion.
    pub assertion: Assertion,
    /// The language it was read in, when it was chosen because the other does not read it.
    pub chosen: Option<Language>,
}

/// Why an assertion read in either language was not read.
#[derive(Debug)]
pub enum ReadingError {
    /// It does not parse (in the language given, or in either): the error of the reading that got
    /// further.
    Parse(Box<ParseError>),
    /// Both languages read it, differently.
    Differs {
        /// The canonical form of the English reading.
        english: String,
        /// The canonical form of the Indonesian reading.
        indonesian: String,
    },
}

impl ReadingError {
    /// The error as shown to the user.
    pub fn render(&self, assertion: &str, color: bool) -> String {
        match self {
            ReadingError::Parse(error) => error.render(assertion, None, color),
            ReadingError::Differs {
                english,
                indonesian,
            } => format!(
                "error: the assertion reads as {english} in English and as {indonesian} in Indonesian\n  help: pass --lang en or --lang id"
            ),
        }
    }
}

/// Reads `text` in `language`, or, when none is given, in whichever language reads it: both are
/// tried; one that reads is used (and said), two that agree are one reading, two that differ are
/// an error, and when neither reads, the error shown is the one found further into the text.
/// Relative dates count from `written_on`.
pub fn read_in_either_language(
    text: &str,
    language: Option<Language>,
    lexicon: &claims_parser::Lexicon,
    written_on: Date,
) -> Result<Reading, ReadingError> {
    let written_on = Some(written_on.into());
    if let Some(language) = language {
        return parse_assertion(text, language, lexicon, written_on)
            .map(|assertion| Reading {
                assertion,
                chosen: None,
            })
            .map_err(|error| ReadingError::Parse(Box::new(error)));
    }
    let english = parse_assertion(text, Language::En, lexicon, written_on);
    let indonesian = parse_assertion(text, Language::Id, lexicon, written_on);
    match (english, indonesian) {
        (Ok(english), Ok(indonesian)) if english == indonesian => Ok(Reading {
            assertion: english,
            chosen: None,
        }),
        (Ok(english), Ok(indonesian)) => Err(ReadingError::Differs {
            english: english.to_string(),
            indonesian: indonesian.to_string(),
        }),
        (Ok(assertion), Err(_)) => Ok(Reading {
            assertion,
            chosen: Some(Language::En),
        }),
        (Err(_), Ok(assertion)) => Ok(Reading {
            assertion,
            chosen: Some(Language::Id),
        }),
        (Err(english), Err(indonesian)) => {
            // The error found further in, and at the same place the one that names a fault (an
            // unknown name, a bad date) over a list of what could have stood there.
            let reach = |error: &ParseError| {
                let specific =
                    !matches!(error.kind, claims_parser::ParseErrorKind::Expected { .. });
                (error.span.start, specific)
            };
            let further = if reach(&indonesian) > reach(&english) {
                indonesian
            } else {
                english
            };
            Err(ReadingError::Parse(Box::new(further)))
        }
    }
}

#[cfg(test)]
mod tests {
    use claims_parser::{LexRelation, LexiconBuilder, RelationKind, Tense};

    use super::*;

    /// A lexicon where `Alice met Bob` reads in both languages: as `met` in English and as
    /// `visited` in Indonesian, and `Alice mengunjungi Bob` only in Indonesian.
    fn lexicon(same_relation: bool) -> claims_parser::Lexicon {
        let mut lexicon = LexiconBuilder::new();
        for (id, name) in [("alice", "Alice"), ("bob", "Bob")] {
            lexicon.entity(id, name, "person");
            for language in Language::ALL {
                lexicon.alias(id, language, name).unwrap();
            }
        }
        for relation in ["met", "visited"] {
            lexicon.relation(LexRelation::new(relation, RelationKind::Event));
        }
        let indonesian = if same_relation { "met" } else { "visited" };
        let phrase = "{subject} met {object}";
        lexicon
            .phrasing("met", Language::En, Tense::Past, phrase)
            .unwrap();
        lexicon
            .phrasing(indonesian, Language::Id, Tense::Past, phrase)
            .unwrap();
        let visit = "{subject} mengunjungi {object}";
        lexicon
            .phrasing("visited", Language::Id, Tense::Past, visit)
            .unwrap();
        lexicon.build()
    }

    const TODAY: Date = jiff::civil::date(2024, 9, 3);

    #[test]
    fn the_language_that_reads_is_chosen_and_said() {
        let reading =
            read_in_either_language("Alice mengunjungi Bob", None, &lexicon(false), TODAY);
        let reading = reading.unwrap();
        assert_eq!(reading.chosen, Some(Language::Id));
        assert_eq!(reading.assertion.to_string(), "visited(alice, bob) EVER");
    }

    #[test]
    fn two_readings_that_agree_are_one() {
        let reading =
            read_in_either_language("Alice met Bob", None, &lexicon(true), TODAY).unwrap();
        assert_eq!(reading.chosen, None);
    }

    #[test]
    fn two_readings_that_differ_ask_for_a_language() {
        let error =
            read_in_either_language("Alice met Bob", None, &lexicon(false), TODAY).unwrap_err();
        let shown = error.render("Alice met Bob", false);
        assert!(shown.contains("met(alice, bob) EVER in English"), "{shown}");
        assert!(
            shown.contains("visited(alice, bob) EVER in Indonesian"),
            "{shown}"
        );
        assert!(shown.contains("--lang en or --lang id"), "{shown}");
    }

    #[test]
    fn a_language_given_is_the_only_one_tried() {
        let error = read_in_either_language(
            "Alice mengunjungi Bob",
            Some(Language::En),
            &lexicon(false),
            TODAY,
        );
        assert!(matches!(error, Err(ReadingError::Parse(_))));
    }
}
