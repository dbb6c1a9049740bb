//! Skeletons of reference data for curators: a commented entry of each kind in the reference
//! format, to copy into a file and fill in (`factcheck ref new entity`).
//!
//! The five skeletons name each other (the fact cites the source and links the entity to itself
//! through the relation), so together they load as they are; a test holds that.

use jiff::civil::Date;

/// What a skeleton is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An entity: id, name, kind, aliases, demonyms, Wikidata id.
    Entity,
    /// A relation: kind, sides, single-valued, inverse, qualifiers, phrasings, titles.
    Relation,
    /// A source someone read.
    Source,
    /// A fact with its time and sources.
    Fact,
    /// A completeness record.
    Completeness,
}

impl Kind {
    /// Every kind, in the order a file lists its sections.
    pub const ALL: [Kind; 5] = [
        Kind::Source,
        Kind::Entity,
        Kind::Relation,
        Kind::Fact,
        Kind::Completeness,
    ];
}

/// The skeleton of `kind`, dated `today` where a date of reading or review is needed.
pub fn skeleton(kind: Kind, today: Date) -> String {
    let text = match kind {
        Kind::Source => SOURCE,
        Kind::Entity => ENTITY,
        Kind::Relation => RELATION,
        Kind::Fact => FACT,
        Kind::Completeness => COMPLETENESS,
    };
    text.replace("TODAY_DATE", &today.to_string())
}

const SOURCE: &str = r#"sources:
  - id: publisher-yyyy-mm-dd-short-title   # a stable id, cited by facts and records
    url: https://example.org/the-page-you-read
    title: "The page's title, as the page shows it"
    publisher: Example Publisher
    accessed: "TODAY_DATE"        # the day someone read it
    # published: "YYYY-MM-DD"     # the day it was published, when the page says
"#;

const ENTITY: &str = r#"entities:
  - id: example-country           # lower case, digits, '-', '_', '.'
    name: Example Country         # how reports name it
    kind: country                 # country, person, treaty, court, city, statement, …
    aliases:                      # the names an assertion may use, per language
      en: [Example Country]
      id: [Negara Contoh]
    demonyms:                     # adjectives that name it in titles ("Examplish President X")
      en: [Examplish]
    # wikidata: Q0                # its Wikidata id, if it has one
"#;

const RELATION: &str = r#"relations:
  - id: example_ally_of           # lower case, digits, '_'
    kind: state                   # state (holds over spans), event, timeless, or quantity
    subject: country              # the kind of entity each side must be (optional)
    object: country
    # single_valued: per_object   # one subject per object at a time (a country's president)
    # inverse: another_relation   # this relation with the sides swapped
    # qualifiers: {kind: visit-type}
    phrasings:                    # present tense; {not} marks where a negation may stand
      en: ["{subject} is {not} an ally of {object}"]
      id: ["{subject} {not} sekutu {object}"]
    past_phrasings:               # what the past tense says with no time stated
      en: ["{subject} was {not} an ally of {object}"]
    titles:                       # before a name: "Examplish ally Example Country"
      en: ["{object} ally {subject}"]
"#;

const FACT: &str = r#"facts:
  - id: example-country-ally-of-itself-2024   # a stable id; evidence cites it
    relation: example_ally_of
    subject: example-country
    object: example-country
    from: "2024-01"               # a state: from (and to, its last day, once it ended), at the
    # to: "2024-12-31"            # precision the source gives: YYYY, YYYY-MM or YYYY-MM-DD
    # known_until: "YYYY-MM-DD"   # instead of to: an announced end no source confirms yet
    # on: "YYYY-MM-DD"            # an event: the day (or month, or year) it happened
    # negative: true              # the state did not hold (the event did not happen) then
    sources: [publisher-yyyy-mm-dd-short-title]
    reviewed: "TODAY_DATE"        # the day someone checked it against its sources
    note: "What the source says, in its words."
"#;

const COMPLETENESS: &str = r#"completeness:                     # without one, the absence of a fact proves nothing
  - id: example-ally-of-complete-2024
    relation: example_ally_of
    object: example-country       # the fixed side(s): subject, object or both
    from: "2024-01-01"            # every fact of the relation with that side in this span is
    to: "2024-12-31"              # listed: nothing else held or happened
    sources: [publisher-yyyy-mm-dd-short-title]
    reviewed: "TODAY_DATE"
    note: "Which list the source gives, and up to when."
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skeletons_together_load_and_are_dated() {
        let today = jiff::civil::date(2026, 12, 7);
        let text: String = Kind::ALL
            .iter()
            .map(|&kind| skeleton(kind, today))
            .collect();
        assert!(!text.contains("TODAY_DATE"));
        assert!(text.contains("accessed: \"2026-12-07\""));
        let kb = crate::load_texts(&[("new.yaml".to_owned(), text.as_str())])
            .unwrap_or_else(|error| panic!("{:#?}", error.problems));
        assert_eq!(kb.facts().len(), 1);
        assert_eq!(kb.completeness_records().len(), 1);
    }
}
