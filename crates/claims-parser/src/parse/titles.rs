//! Titles before names: `Mongolian President Khurelsukh`, `Mongolia's president Khurelsukh`,
//! `Presiden Mongolia Khurelsukh`.
//!
//! A title phrasing of a state or timeless relation (`{object} president {subject}`) names its
//! subject wherever a name may stand, and says that the relation holds on the day the text was
//! written: news titles are those of the day of writing. Its object is an alias, a demonym of the
//! entity (`Mongolian`), or in English an alias with a possessive `'s` (`Mongolia's`). The title
//! becomes a conjunct of the assertion the name stands in.

use std::ops::Range;

use super::Parser;
use crate::ast::{RelationAssertion, TimeSpec};
use crate::date::PartialDate;
use crate::error::{ParseError, ParseErrorKind};
use crate::lexicon::Lexicon;
use crate::lexicon::{Language, LexRelation, RelationKind, TemplatePart, TemplateRole};
use crate::normalize::tokenize;

/// Every title in `text` (`Presiden Rusia Vladimir Putin`), with its byte span and what it says:
/// its relation holds on `written_on`, the day the text was written (or on the judgment day). For
/// tools that read an article: the parser reads titles where a name stands.
pub fn titles_in(
    text: &str,
    language: Language,
    lexicon: &Lexicon,
    written_on: Option<PartialDate>,
) -> Vec<(Range<usize>, RelationAssertion)> {
    let parser = Parser::new(lexicon, language, text, tokenize(text), written_on);
    let mut found = Vec::new();
    for pos in 0..parser.tokens.len() {
        for (end, _, says, error) in parser.titles(pos) {
            if error.is_none() {
                found.push((parser.span_of(pos, end), says));
            }
        }
    }
    found
}

/// A title read at a word: the position after it, the entity named, what the title says, and the
/// error to report if a name in it is of the wrong kind for the title.
pub(super) type TitleReading = (usize, String, RelationAssertion, Option<ParseError>);

impl Parser<'_> {
    /// Every title that starts at `pos`, read once per parse.
    pub(super) fn titles(&self, pos: usize) -> Vec<TitleReading> {
        match self.titles.get(pos) {
            Some(cell) => cell.get_or_init(|| self.read_titles(pos)).clone(),
            None => Vec::new(),
        }
    }

    /// Every title that starts at `pos`.
    fn read_titles(&self, pos: usize) -> Vec<TitleReading> {
        let mut found = Vec::new();
        for relation in self.lexicon.relations() {
            let time = match (relation.kind, self.written) {
                (RelationKind::Timeless, _) | (_, None) => TimeSpec::Judgment,
                (_, Some(written)) => TimeSpec::At(written),
            };
            let titles = relation.phrasings.iter().filter(|phrasing| {
                phrasing.language == self.language && phrasing.role == TemplateRole::Title
            });
            for title in titles {
                // Most places hold no title: one whose words do not all follow is not tried.
                let rest = &self.tokens[pos.min(self.tokens.len())..];
                if !title.template.parts.iter().all(|part| match part {
                    TemplatePart::Word(word) => rest.iter().any(|token| token.text == *word),
                    _ => true,
                }) {
                    continue;
                }
                // Every way the title can be read so far: (position, subject, object, error).
                let mut readings = vec![(pos, None::<String>, None::<String>, None)];
                for part in &title.template.parts {
                    let mut next = Vec::new();
                    for (at, subject, object, error) in readings {
                        match part {
                            TemplatePart::Word(word) if self.word_is(at, word) => {
                                next.push((at + 1, subject, object, error));
                            }
                            TemplatePart::Subject => {
                                let kind = relation.subject_kind.as_deref();
                                for (end, entity, wrong) in
                                    self.title_names(at, kind, relation, false)
                                {
                                    next.push((
                                        end,
                                        Some(entity),
                                        object.clone(),
                                        error.clone().or(wrong),
                                    ));
                                }
                            }
                            TemplatePart::Object => {
                                let kind = relation.object_kind.as_deref();
                                for (end, entity, wrong) in
                                    self.title_names(at, kind, relation, true)
                                {
                                    next.push((
                                        end,
                                        subject.clone(),
                                        Some(entity),
                                        error.clone().or(wrong),
                                    ));
                                }
                            }
                            _ => {}
                        }
                    }
                    readings = next;
                }
                for (end, subject, object, error) in readings {
                    if let (Some(subject), Some(object)) = (subject, object) {
                        let says = RelationAssertion {
                            negated: false,
                            relation: relation.id.clone(),
                            subject: subject.clone(),
                            object,
                            time,
                            qualifiers: Vec::new(),
                        };
                        found.push((end, subject, says, error));
                    }
                }
            }
        }
        found
    }

    /// The names at `pos` of exactly one entity, with the position after each and, if the
    /// entity is not of `kind`, the error to report; with `adjectives`, demonyms and possessives
    /// (`Mongolia's`) name entities too.
    fn title_names(
        &self,
        pos: usize,
        kind: Option<&str>,
        relation: &LexRelation,
        adjectives: bool,
    ) -> Vec<(usize, String, Option<ParseError>)> {
        let longest = self
            .lexicon
            .longest_alias()
            .min(self.tokens.len().saturating_sub(pos));
        let mut names = Vec::new();
        for length in 1..=longest {
            let words: Vec<&str> = self.tokens[pos..pos + length]
                .iter()
                .map(|token| token.text.as_str())
                .collect();
            let phrase = words.join(" ");
            let mut entities = self.lexicon.resolve_folded(&phrase, self.language);
            if adjectives {
                entities.extend(self.lexicon.resolve_demonym_folded(&phrase, self.language));
                if let Some(owner) = possessor(&phrase, self.language) {
                    entities.extend(self.lexicon.resolve_folded(owner, self.language));
                }
            }
            entities.sort_unstable_by(|a, b| a.id.cmp(&b.id));
            entities.dedup_by(|a, b| a.id == b.id);
            let [entity] = entities.as_slice() else {
                continue;
            };
            let wrong = kind.filter(|kind| entity.kind != *kind).map(|kind| {
                let span = self.span_of(pos, pos + length);
                ParseError {
                    kind: ParseErrorKind::WrongKind {
                        text: self.text[span.clone()].to_owned(),
                        entity: entity.id.clone(),
                        kind: entity.kind.clone(),
                        expected: kind.to_owned(),
                        relation: relation.id.clone(),
                        linked: Vec::new(),
                    },
                    span,
                }
            });
            names.push((pos + length, entity.id.clone(), wrong));
        }
        names
    }
}

/// The owner a possessive names: `mongolia's` → `mongolia`, `the philippines'` → `the
/// philippines` (English only).
fn possessor(phrase: &str, language: Language) -> Option<&str> {
    if language != Language::En {
        return None;
    }
    phrase
        .strip_suffix("'s")
        .or_else(|| {
            phrase
                .strip_suffix("s'")
                .map(|stem| &phrase[..stem.len() + 1])
        })
        .filter(|owner| !owner.is_empty())
}
