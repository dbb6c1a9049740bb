//! Proposing assertions for a checkable sentence: what the lexicon can express with the words and
//! names the sentence holds. A proposal must parse; the draft shows its canonical form beside it.
//! Better none than a wrong one: a phrasing is proposed only when all its words stand in the
//! sentence in order (those of one stretch of the phrasing at most two words apart), and each slot
//! is filled by a name of the right kind next to where the phrasing has it.
//!
//! Four sources, in order: the sentence itself, when it reads as an assertion; the titles in it
//! (`Presiden Rusia Vladimir Putin`: Vladimir Putin is president of Russia); and each phrasing of
//! each relation, with the sentence's date (`pada`/`on` it, or `sejak`/`since` it, resolved), or,
//! for an event the sentence does not date, the month of publication.

use std::ops::Range;

use claims_parser::{Language, RelationKind, TemplatePart, TemplateRole, negations, reads_as};

use super::{DraftOptions, Proposal, Reading, rules::LanguageRules};
use crate::kb::KnowledgeBase;

/// The longest sentence tried as an assertion as it stands, in words: an assertion states one
/// claim in a short sentence.
const MOST_WORDS: usize = 30;
/// How far apart two words of one stretch of a phrasing may stand in the sentence.
const MOST_GAP: usize = 2;
/// How far from the phrasing's words a name that fills a slot at its start or end may stand.
const MOST_REACH: usize = 5;

pub(crate) fn propose(
    reading: &Reading,
    kb: &KnowledgeBase,
    language: Language,
    options: &DraftOptions,
    last_person: Option<&str>,
    rules: &LanguageRules,
) -> Vec<Proposal> {
    let lexicon = kb.lexicon();
    let written = Some(options.published);
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut add = |text: String| {
        if let Some(assertion) = reads_as(&text, language, lexicon, written) {
            let canonical = assertion.to_string();
            if !proposals
                .iter()
                .any(|proposal| proposal.canonical == canonical)
            {
                proposals.push(Proposal { text, canonical });
            }
        }
    };
    // The sentence itself, when it is an assertion (one short enough to be one).
    if reading.tokens.len() <= MOST_WORDS {
        let sentence = reading.text.trim_end_matches(['.', ',', ';']);
        add(sentence.to_owned());
    }
    // What its titles say, as sentences of their relations.
    for (_, title) in &reading.titles {
        if let Some(text) = title_sentence(
            reading,
            kb,
            language,
            &title.relation,
            &title.subject,
            &title.object,
        ) {
            add(text);
        }
    }
    // Each phrasing of each relation whose words the sentence holds, outside its titles.
    let words = reading.words();
    for relation in lexicon.relations() {
        for phrasing in &relation.phrasings {
            if phrasing.language != language
                || phrasing.role != TemplateRole::Sentence
                || phrasing.names.is_some()
            {
                continue;
            }
            let parts = &phrasing.template.parts;
            // Two slots side by side cannot be told apart by where they stand.
            let slot =
                |part: &TemplatePart| matches!(part, TemplatePart::Subject | TemplatePart::Object);
            if parts
                .windows(2)
                .any(|pair| slot(&pair[0]) && slot(&pair[1]))
                || parts.windows(3).any(|three| {
                    slot(&three[0]) && three[1] == TemplatePart::Not && slot(&three[2])
                })
            {
                continue;
            }
            let Some(at) = place_words(parts, &words) else {
                continue;
            };
            if at.iter().flatten().any(|&at| reading.in_title(at)) {
                continue;
            }
            let mut text = Vec::new();
            let mut complete = true;
            for (index, part) in parts.iter().enumerate() {
                match part {
                    TemplatePart::Word(word) => text.push(word.clone()),
                    TemplatePart::Subject | TemplatePart::Object => {
                        let kind = if *part == TemplatePart::Subject {
                            relation.subject_kind.as_deref()
                        } else {
                            relation.object_kind.as_deref()
                        };
                        let region = region(&at, index, words.len());
                        let first = at[..index].iter().all(Option::is_none);
                        match slot_name(reading, region, kind, first, last_person, rules) {
                            Some(name) => text.push(name),
                            None => {
                                complete = false;
                                break;
                            }
                        }
                    }
                    TemplatePart::Not => {
                        let region = region(&at, index, words.len());
                        if let Some(negation) = negation_in(&words[region], language) {
                            text.push(negation);
                        }
                    }
                    TemplatePart::Ordinal => {
                        complete = false;
                        break;
                    }
                }
            }
            if !complete {
                continue;
            }
            let mut text = text.join(" ");
            if relation.kind != RelationKind::Timeless {
                text.push_str(&time_clause(reading, relation.kind, language, options));
            }
            if let Some(qualifiers) = qualifiers(reading, kb, &relation.id) {
                text.push_str(&qualifiers);
            }
            add(text);
        }
    }
    proposals
}

/// The positions in `words` of the phrasing's words, each after the last, the words of one
/// stretch (not parted by a slot) at most [`MOST_GAP`] apart; `None` if they do not all stand
/// there. Phrasings of short words only (`is`, `in`) must stand together.
fn place_words(parts: &[TemplatePart], words: &[&str]) -> Option<Vec<Option<usize>>> {
    let long = parts
        .iter()
        .any(|part| matches!(part, TemplatePart::Word(word) if word.chars().count() > 3));
    let gap = if long { MOST_GAP } else { 0 };
    let mut placed = Vec::with_capacity(parts.len());
    let mut next = 0;
    let mut previous_word: Option<usize> = None;
    for part in parts {
        match part {
            TemplatePart::Word(word) => {
                let found = (next..words.len()).find(|&at| words[at] == word)?;
                if let Some(previous) = previous_word
                    && found - previous - 1 > gap
                {
                    return None;
                }
                placed.push(Some(found));
                previous_word = Some(found);
                next = found + 1;
            }
            TemplatePart::Subject | TemplatePart::Object => {
                placed.push(None);
                previous_word = None;
            }
            TemplatePart::Not | TemplatePart::Ordinal => placed.push(None),
        }
    }
    placed.iter().any(Option::is_some).then_some(placed)
}

/// The words in which the slot at `index` may be filled: between the phrasing's words around it,
/// at most [`MOST_REACH`] words out at the ends.
fn region(at: &[Option<usize>], index: usize, length: usize) -> Range<usize> {
    let before = at[..index].iter().rev().flatten().next().copied();
    let after = at[index + 1..].iter().flatten().next().copied();
    match (before, after) {
        (Some(before), Some(after)) => before + 1..after,
        (None, Some(after)) => after.saturating_sub(MOST_REACH)..after,
        (Some(before), None) => before + 1..(before + 1 + MOST_REACH).min(length),
        (None, None) => 0..length,
    }
}

/// The name that fills a slot of `kind` within `region`, as written in the sentence: the one
/// nearest the phrasing's words (the last of the region for a slot that opens the phrasing, else
/// the first); a pronoun there stands for the person named last before. A name that a relative
/// clause parts from the phrasing (`Heydar Aliyev, ayah Ilham Aliyev, yang … mantan presiden`) is
/// not its subject: nothing is proposed.
fn slot_name(
    reading: &Reading,
    region: Range<usize>,
    kind: Option<&str>,
    opens: bool,
    last_person: Option<&str>,
    rules: &LanguageRules,
) -> Option<String> {
    let fits = |entity_kind: &str| kind.is_none_or(|kind| kind == entity_kind);
    let inside: Vec<&super::names::Name> = reading
        .names
        .iter()
        .filter(|name| {
            region.start <= name.words.start && name.words.end <= region.end && fits(&name.kind)
        })
        .collect();
    let chosen = if opens { inside.last() } else { inside.first() };
    let relative = |from: usize, to: usize| {
        reading.tokens[from..to]
            .iter()
            .any(|token| rules.relative_pronouns.contains(&token.text))
    };
    if let Some(name) = chosen {
        if opens && relative(name.words.end, region.end) {
            return None;
        }
        return Some(reading.span_text(name.words.clone()).to_owned());
    }
    let pronoun = reading.tokens[region.clone()]
        .iter()
        .any(|token| rules.pronouns.contains(&token.text));
    if pronoun && fits("person") {
        return last_person.map(str::to_owned);
    }
    None
}

/// A negation of the language standing among `words`, as written there (folded).
fn negation_in(words: &[&str], language: Language) -> Option<String> {
    let mut found: Option<&[&str]> = None;
    for negation in negations(language) {
        let stands = words
            .windows(negation.len())
            .any(|window| window == negation);
        if stands && found.is_none_or(|longest| negation.len() > longest.len()) {
            found = Some(negation);
        }
    }
    found.map(|negation| negation.join(" "))
}

/// ` pada 2024-08-18`, ` sejak 2023-03`: the sentence's first date as a time clause; for an event
/// it does not date, the month of publication.
fn time_clause(
    reading: &Reading,
    kind: RelationKind,
    language: Language,
    options: &DraftOptions,
) -> String {
    let (at, since) = match language {
        Language::En => ("on", "since"),
        Language::Id => ("pada", "sejak"),
    };
    match reading.dates.first() {
        Some((_, date, true)) => format!(" {since} {date}"),
        Some((_, date, false)) => format!(" {at} {date}"),
        None if kind == RelationKind::Event => {
            let published = options.published.first_day();
            format!(" {at} {:04}-{:02}", published.year(), published.month())
        }
        None => String::new(),
    }
}

/// ` [kind: kunjungan kerja]`: the qualifiers of `relation` whose kind of value the sentence names.
fn qualifiers(reading: &Reading, kb: &KnowledgeBase, relation: &str) -> Option<String> {
    let declared = &kb.relation(kb.relation_id(relation)?).qualifiers;
    let written: Vec<String> = declared
        .iter()
        .filter_map(|(key, kind)| {
            let name = reading.names.iter().find(|name| name.kind == *kind)?;
            Some(format!("{key}: {}", reading.span_text(name.words.clone())))
        })
        .collect();
    (!written.is_empty()).then(|| format!(" [{}]", written.join(", ")))
}

/// A title's relation as a sentence: the first present-tense phrasing with both sides, filled
/// with the names as the sentence writes them (a proposal that does not read is dropped).
fn title_sentence(
    reading: &Reading,
    kb: &KnowledgeBase,
    language: Language,
    relation: &str,
    subject: &str,
    object: &str,
) -> Option<String> {
    let lexicon = kb.lexicon();
    // A name as the sentence writes it, or, for one it names by a demonym (`Mongolian`), the
    // entity's name.
    let written = |entity: &str| {
        reading
            .names
            .iter()
            .find(|name| name.entity == entity)
            .map(|name| reading.span_text(name.words.clone()).to_owned())
            .or_else(|| lexicon.entity(entity).map(|entity| entity.name.clone()))
    };
    let (subject, object) = (written(subject)?, written(object)?);
    let phrasing = lexicon
        .relation(relation)?
        .phrasings
        .iter()
        .find(|phrasing| {
            phrasing.language == language
                && phrasing.role == TemplateRole::Sentence
                && phrasing.names.is_none()
                && phrasing.tense == claims_parser::Tense::Present
                && phrasing.template.parts.first() == Some(&TemplatePart::Subject)
        })?;
    let text: Vec<String> = phrasing
        .template
        .parts
        .iter()
        .filter_map(|part| match part {
            TemplatePart::Word(word) => Some(word.clone()),
            TemplatePart::Subject => Some(subject.clone()),
            TemplatePart::Object => Some(object.clone()),
            TemplatePart::Not | TemplatePart::Ordinal => None,
        })
        .collect();
    Some(text.join(" "))
}
