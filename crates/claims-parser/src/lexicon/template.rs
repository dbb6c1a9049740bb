//! Phrasing templates: the words and slots of a relation's phrasings, and what each phrases.

use std::fmt;

use super::RelationKind;
use crate::ast::Side;
use crate::normalize::tokenize;

/// One element of a phrasing template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TemplatePart {
    /// A word that must be present, folded.
    Word(String),
    /// `{subject}`: an alias of the subject.
    Subject,
    /// `{object}`: an alias of the object.
    Object,
    /// `{not}`: where a negation may stand.
    Not,
    /// `{ordinal}`: where `first` or `last` stands in an ordinal noun phrase.
    Ordinal,
}

/// What a template phrases: a sentence or one of the noun phrases the language's frames embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TemplateRole {
    /// A whole statement with both slots: `{subject} is {not} a party to {object}`.
    Sentence,
    /// A noun phrase for ordinal events: `{ordinal} visit of {subject} to {object}`.
    OrdinalNoun,
    /// A noun phrase naming one side and counting the other: `parties to {object}`.
    CountNoun,
    /// A noun phrase naming a measured quantity of a subject: `population of {subject}`.
    MeasureNoun,
    /// A title before a name, naming the subject and saying that the relation holds on the day
    /// the text was written: `{object} president {subject}` (`Mongolian President Khurelsukh`,
    /// `Mongolia's president Khurelsukh`), `presiden {object} {subject}`.
    Title,
}

/// A relation phrasing such as `{subject} is {not} a party to {object}`: words and slots.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Template {
    /// The template as written.
    pub text: String,
    /// Its words and slots in order.
    pub parts: Vec<TemplatePart>,
}

/// Why a phrasing template is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// A `{…}` slot other than `{subject}`, `{object}`, `{not}`, `{ordinal}`.
    #[error("unknown slot '{{{0}}}': expected {{subject}}, {{object}}, {{not}} or {{ordinal}}")]
    UnknownSlot(String),
    /// A slot glued to other characters, such as `{subject}'s`.
    #[error("the slot in '{0}' must stand as a word of its own, separated by spaces")]
    GluedSlot(String),
    /// A slot used twice.
    #[error("the slot {{{0}}} appears more than once")]
    RepeatedSlot(String),
    /// No slot for either side.
    #[error("a phrasing needs {{subject}} or {{object}}")]
    NoSide,
    /// A slot the relation's kind cannot use.
    #[error("{0}")]
    Misplaced(String),
}

impl Template {
    /// Reads a template: words separated by spaces, slots written `{subject}`, `{object}`,
    /// `{not}` and `{ordinal}`.
    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let mut parts = Vec::new();
        for word in text.split_whitespace() {
            let slot = match word {
                "{subject}" => Some(TemplatePart::Subject),
                "{object}" => Some(TemplatePart::Object),
                "{not}" => Some(TemplatePart::Not),
                "{ordinal}" => Some(TemplatePart::Ordinal),
                _ if word.starts_with('{') && word.ends_with('}') => {
                    return Err(TemplateError::UnknownSlot(
                        word[1..word.len() - 1].to_owned(),
                    ));
                }
                _ if word.contains('{') || word.contains('}') => {
                    return Err(TemplateError::GluedSlot(word.to_owned()));
                }
                _ => None,
            };
            match slot {
                Some(slot) if parts.contains(&slot) => {
                    let name = word.trim_matches(|c| c == '{' || c == '}');
                    return Err(TemplateError::RepeatedSlot(name.to_owned()));
                }
                Some(slot) => parts.push(slot),
                None => parts.extend(
                    tokenize(word)
                        .into_iter()
                        .map(|t| TemplatePart::Word(t.text)),
                ),
            }
        }
        if !parts.contains(&TemplatePart::Subject) && !parts.contains(&TemplatePart::Object) {
            return Err(TemplateError::NoSide);
        }
        Ok(Template {
            text: text.to_owned(),
            parts,
        })
    }

    /// What this template phrases for a relation of `kind`, or why it cannot phrase it.
    pub fn role(&self, kind: RelationKind) -> Result<TemplateRole, TemplateError> {
        let has = |part: TemplatePart| self.parts.contains(&part);
        let both = has(TemplatePart::Subject) && has(TemplatePart::Object);
        let misplaced = |why: &str| Err(TemplateError::Misplaced(why.to_owned()));
        if has(TemplatePart::Ordinal) {
            return match (kind, both, has(TemplatePart::Not)) {
                (RelationKind::Event, true, false) => Ok(TemplateRole::OrdinalNoun),
                (RelationKind::Event, _, true) => {
                    misplaced("an {ordinal} phrasing cannot have {not}")
                }
                (RelationKind::Event, false, _) => {
                    misplaced("an {ordinal} phrasing needs both {subject} and {object}")
                }
                _ => misplaced("only event relations have {ordinal} phrasings"),
            };
        }
        match (kind, both) {
            (RelationKind::Quantity, _) if has(TemplatePart::Object) || has(TemplatePart::Not) => {
                misplaced("a quantity phrasing names the {subject} only, without {not}")
            }
            (RelationKind::Quantity, _) => Ok(TemplateRole::MeasureNoun),
            (_, true) => Ok(TemplateRole::Sentence),
            (_, false) if has(TemplatePart::Not) => {
                misplaced("a counting phrasing (one side only) cannot have {not}")
            }
            (_, false) => Ok(TemplateRole::CountNoun),
        }
    }

    /// The side a phrasing with one slot names in its own words (the one it has no slot for), or
    /// why the template cannot name one: it must be a sentence with one of `{subject}` and
    /// `{object}`, without `{ordinal}`.
    pub fn named_side(&self) -> Result<Side, TemplateError> {
        let has = |part: TemplatePart| self.parts.contains(&part);
        let misplaced = |why: &str| Err(TemplateError::Misplaced(why.to_owned()));
        match (has(TemplatePart::Subject), has(TemplatePart::Object)) {
            _ if has(TemplatePart::Ordinal) => {
                misplaced("a phrasing that names a side in words cannot have {ordinal}")
            }
            (true, false) => Ok(Side::Object),
            (false, true) => Ok(Side::Subject),
            _ => misplaced(
                "a phrasing that names a side in words has a slot for the other side only",
            ),
        }
    }

    /// What this template phrases as a title of a relation of `kind`, or why it cannot be one.
    pub fn title_role(&self, kind: RelationKind) -> Result<TemplateRole, TemplateError> {
        let has = |part: TemplatePart| self.parts.contains(&part);
        let misplaced = |why: &str| Err(TemplateError::Misplaced(why.to_owned()));
        if !matches!(kind, RelationKind::State | RelationKind::Timeless) {
            return misplaced("only state and timeless relations have titles");
        }
        if has(TemplatePart::Not) || has(TemplatePart::Ordinal) {
            return misplaced("a title cannot have {not} or {ordinal}");
        }
        if !(has(TemplatePart::Subject) && has(TemplatePart::Object)) {
            return misplaced(
                "a title needs both {subject} (the name it stands before) and {object}",
            );
        }
        Ok(TemplateRole::Title)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_read_words_and_slots() {
        let template = Template::parse("{subject} is {not} a party to {object}").unwrap();
        assert_eq!(
            template.parts,
            [
                TemplatePart::Subject,
                TemplatePart::Word("is".into()),
                TemplatePart::Not,
                TemplatePart::Word("a".into()),
                TemplatePart::Word("party".into()),
                TemplatePart::Word("to".into()),
                TemplatePart::Object,
            ]
        );
        assert_eq!(
            template.role(RelationKind::State),
            Ok(TemplateRole::Sentence)
        );
    }

    #[test]
    fn template_roles_follow_their_slots() {
        let role = |text: &str, kind| Template::parse(text).unwrap().role(kind);
        assert_eq!(
            role(
                "{ordinal} visit of {subject} to {object}",
                RelationKind::Event
            ),
            Ok(TemplateRole::OrdinalNoun)
        );
        assert_eq!(
            role("parties to {object}", RelationKind::State),
            Ok(TemplateRole::CountNoun)
        );
        assert_eq!(
            role("population of {subject}", RelationKind::Quantity),
            Ok(TemplateRole::MeasureNoun)
        );
        assert!(
            role(
                "{ordinal} term of {subject} in {object}",
                RelationKind::State
            )
            .is_err()
        );
        assert!(role("{not} parties to {object}", RelationKind::State).is_err());
        let title = |text: &str, kind| Template::parse(text).unwrap().title_role(kind);
        assert_eq!(
            title("{object} president {subject}", RelationKind::State),
            Ok(TemplateRole::Title)
        );
        assert!(title("president {subject}", RelationKind::State).is_err());
        assert!(title("{object} visitor {subject}", RelationKind::Event).is_err());
    }

    #[test]
    fn malformed_templates_are_refused() {
        assert_eq!(
            Template::parse("{subject}'s population"),
            Err(TemplateError::GluedSlot("{subject}'s".into()))
        );
        assert_eq!(
            Template::parse("{who} is"),
            Err(TemplateError::UnknownSlot("who".into()))
        );
        assert_eq!(
            Template::parse("{subject} and {subject}"),
            Err(TemplateError::RepeatedSlot("subject".into()))
        );
        assert_eq!(Template::parse("nothing here"), Err(TemplateError::NoSide));
    }
}
