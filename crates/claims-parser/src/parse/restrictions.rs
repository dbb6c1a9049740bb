//! Restricted sides in words: `a Rome Statute party` fills the open side of an ordinal, `in
//! Africa` restricts what a count counts.
//!
//! A restriction phrase is not written anywhere: it is the predicate of a relation's sentence
//! phrasing. A present-tense phrasing that begins with its subject, then copulas and negation
//! only (`{subject} is {not} a party to {object}`), says of its subject what follows
//! (`a party to {object}`); that rest, with the object named, describes a value by the relation.
//! Only state and timeless relations restrict: the restriction is judged on the day of each event,
//! or on the day counted.

use super::{Bindings, Parser};
use crate::ast::{Restriction, Side};
use crate::lexicon::{LexRelation, RelationKind, TemplatePart, TemplateRole, Tense};

impl Parser<'_> {
    /// Every restriction phrase at `pos` that describes a value of `kind`, with the position
    /// after it.
    pub(super) fn restriction_phrases(
        &mut self,
        pos: usize,
        kind: Option<&str>,
    ) -> Vec<(usize, Restriction)> {
        let (lexicon, language) = (self.lexicon, self.language);
        let mut found = Vec::new();
        for relation in lexicon.relations() {
            if !matches!(relation.kind, RelationKind::State | RelationKind::Timeless)
                || (kind.is_some()
                    && relation.subject_kind.is_some()
                    && relation.subject_kind.as_deref() != kind)
            {
                continue;
            }
            for phrasing in &relation.phrasings {
                if phrasing.language != language
                    || phrasing.tense != Tense::Present
                    || phrasing.role != TemplateRole::Sentence
                {
                    continue;
                }
                // The object is named by a slot, or by the phrasing's own words (`an ICC member
                // state`: the Rome Statute).
                let named = match &phrasing.names {
                    None => None,
                    Some((Side::Object, entity)) => Some(entity.as_str()),
                    Some((Side::Subject, _)) => continue,
                };
                let Some(predicate) = self.predicate(&phrasing.template.parts, named.is_some())
                else {
                    continue;
                };
                found.extend(self.read_predicate(relation, predicate, pos, named));
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.relation.cmp(&b.1.relation)));
        found.dedup();
        found
    }

    /// The predicate of a sentence template: what follows its subject, its copulas and its
    /// negation, if it names the object (in a slot, or in words when `object_in_words`) and
    /// nothing else of the sentence.
    fn predicate<'p>(
        &self,
        parts: &'p [TemplatePart],
        object_in_words: bool,
    ) -> Option<&'p [TemplatePart]> {
        let (TemplatePart::Subject, mut rest) = parts.split_first()? else {
            return None;
        };
        let copula = |word: &str| {
            self.grammar
                .copulas
                .iter()
                .any(|phrase| phrase.len() == 1 && phrase[0] == word)
        };
        while let Some((part, after)) = rest.split_first() {
            match part {
                TemplatePart::Not => rest = after,
                TemplatePart::Word(word) if copula(word) => rest = after,
                _ => break,
            }
        }
        let names_object = object_in_words || rest.contains(&TemplatePart::Object);
        let only_words = rest
            .iter()
            .all(|part| matches!(part, TemplatePart::Word(_) | TemplatePart::Object));
        (names_object && only_words && rest.len() > 1).then_some(rest)
    }

    /// Reads `predicate` at `pos`, as a restriction of `relation`'s subject; `named` is the object
    /// the phrasing names in its words, if it does.
    fn read_predicate(
        &mut self,
        relation: &LexRelation,
        predicate: &[TemplatePart],
        pos: usize,
        named: Option<&str>,
    ) -> Vec<(usize, Restriction)> {
        // A partial match of a predicate is not a phrasing that matched.
        let matched_before = self.phrasing_matched;
        let mut matches = Vec::new();
        self.match_parts(relation, predicate, pos, Bindings::default(), &mut matches);
        self.phrasing_matched = matched_before;
        matches
            .into_iter()
            .filter_map(|(end, bindings)| {
                Some((
                    end,
                    Restriction {
                        relation: relation.id.clone(),
                        side: Side::Subject,
                        other: bindings.object.or_else(|| named.map(str::to_owned))?,
                    },
                ))
            })
            .collect()
    }
}
