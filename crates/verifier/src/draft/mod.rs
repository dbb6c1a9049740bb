//! Drafting a claim document from an article's text, for a person to review (`factcheck draft`).
//!
//! [`draft`] splits the text into sentences and clauses (`sentences`), finds in each the names of
//! the reference data (`names`), its dates (absolute, and relative to the publication date, with
//! the parser's readers) and numbers, classes it by the cue words of its language (`rules`: an
//! attribution, a schedule, a hope, a prediction, an opinion, vague, or checkable), proposes the
//! assertions the lexicon can express (`proposals`) and finds the claims already checked that come
//! closest (`before`). [`Draft::to_yaml`] writes the claim document, with the rest as comments
//! (`render`). A draft never decides a verdict: its proposals are suggestions marked for review.

mod before;
mod names;
mod proposals;
mod render;
mod rules;
mod sentences;

use std::ops::Range;

use claims_parser::{
    Language, NotCheckable, PartialDate, RelationAssertion, RelativeDate, Tense, Token, fold,
    titles_in, tokenize,
};

use crate::kb::KnowledgeBase;
pub use before::{Checked, Closest};
pub(crate) use rules::LanguageRules;
use rules::rules;

/// What is known of the article besides its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftOptions {
    /// Its language; told from its words when `None`.
    pub language: Option<Language>,
    /// The day it was published: relative dates count from it.
    pub published: PartialDate,
    /// Whether `published` was given, or stands in for it (today).
    pub published_given: bool,
    /// Its headline, if known.
    pub title: Option<String>,
    /// Its address, if known.
    pub url: Option<String>,
    /// How the article file is named in the draft's comments.
    pub file: String,
}

/// A drafted claim document.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The options it was drafted with, and the language used.
    pub options: DraftOptions,
    /// The language of the article.
    pub language: Language,
    /// Whether the language was told from the text.
    pub language_guessed: bool,
    /// One claim per sentence or clause, in the article's order.
    pub claims: Vec<DraftClaim>,
}

/// How a drafted claim is classed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A statement of fact a source can settle.
    Checkable,
    /// What someone said: checkable as the statement made.
    Attribution,
    /// A plan with a time: checkable as what happened then.
    Schedule,
    /// Not a matter of fact.
    NotCheckable(NotCheckable),
}

impl Class {
    /// Whether a claim of this class gets assertions.
    pub fn is_checkable(self) -> bool {
        !matches!(self, Class::NotCheckable(_))
    }
}

/// One drafted claim: a sentence or clause of the article, and what was found in it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftClaim {
    /// A stable id: its number and first words.
    pub id: String,
    /// The exact text of the sentence or clause.
    pub quote: String,
    /// Where it stands in the article, in bytes.
    pub span: Range<usize>,
    /// Its class.
    pub class: Class,
    /// The cue word that classed it, if one did.
    pub cue: Option<String>,
    /// The names of the reference data in it, as (text, entity id).
    pub names: Vec<(String, String)>,
    /// The capitalised words that name no entity of the reference data.
    pub unknown_names: Vec<String>,
    /// The dates in it, as (text, date).
    pub dates: Vec<(String, PartialDate)>,
    /// The assertions proposed for it.
    pub proposals: Vec<Proposal>,
    /// The claims already checked that come closest.
    pub closest: Vec<Closest>,
}

/// A proposed assertion: its text in the article's language, and how the parser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The assertion as written into the draft.
    pub text: String,
    /// Its canonical form.
    pub canonical: String,
}

/// What is found in one sentence or clause, before it is classed.
pub(crate) struct Reading<'t> {
    pub(crate) text: &'t str,
    pub(crate) tokens: Vec<Token>,
    pub(crate) names: Vec<names::Name>,
    /// Dates, with the token range they span, and whether a `since` word stands before them.
    pub(crate) dates: Vec<(Range<usize>, PartialDate, bool)>,
    pub(crate) numbers: usize,
    /// The titles in it (`Presiden Rusia Vladimir Putin`): their byte spans and what they say.
    pub(crate) titles: Vec<(Range<usize>, RelationAssertion)>,
}

impl Reading<'_> {
    /// Whether the word at `at` belongs to a title.
    pub(crate) fn in_title(&self, at: usize) -> bool {
        let word = &self.tokens[at].span;
        self.titles
            .iter()
            .any(|(span, _)| span.start <= word.start && word.end <= span.end)
    }

    pub(crate) fn words(&self) -> Vec<&str> {
        self.tokens
            .iter()
            .map(|token| token.text.as_str())
            .collect()
    }

    /// The text of the words `words`, with a closing parenthesis the tokenizer trimmed when the
    /// words open one (`malam Minggu (18/8)`).
    pub(crate) fn span_text(&self, words: Range<usize>) -> &str {
        let start = self.tokens[words.start].span.start;
        let mut end = self.tokens[words.end - 1].span.end;
        if self.text[start..end].contains('(') && self.text[end..].starts_with(')') {
            end += 1;
        }
        &self.text[start..end]
    }
}

/// The sentences of `text` in `language`, as the draft splits them (before clauses), and as
/// Unicode's sentence boundaries alone (UAX #29) would: for the measure of what the rules add.
pub fn sentence_spans(text: &str, language: Language) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    (
        sentences::sentences(text, rules(language)),
        sentences::unicode_sentences(text),
    )
}

/// Drafts a claim document from an article's `text`, with the names and phrasings of `kb` and the
/// claims already checked, `checked`.
pub fn draft(text: &str, kb: &KnowledgeBase, checked: &[Checked], options: DraftOptions) -> Draft {
    let (language, language_guessed) = match options.language {
        Some(language) => (language, false),
        None => (guess_language(text), true),
    };
    let rules = rules(language);
    let finder = names::NameFinder::new(kb.lexicon());
    let mut claims = Vec::new();
    // The person named last, as (entity id, the name as written): what a pronoun stands for.
    let mut last_person: Option<(String, String)> = None;
    for sentence in sentences::sentences(text, rules) {
        for span in sentences::clauses(text, sentence, rules) {
            let quote = &text[span.clone()];
            let tokens = tokenize(quote);
            let names = finder.find(&tokens, language);
            let words: Vec<&str> = tokens.iter().map(|token| token.text.as_str()).collect();
            let (class, cue) = class_of(&words, rules);
            let tense = match class {
                Some(Class::Schedule | Class::NotCheckable(NotCheckable::Prediction)) => {
                    Tense::Present
                }
                _ => Tense::Past,
            };
            let mut reading = Reading {
                text: quote,
                dates: dates(&tokens, language, rules, options.published, tense),
                numbers: 0,
                titles: titles_in(quote, language, kb.lexicon(), None),
                tokens,
                names,
            };
            reading.numbers = numbers(&reading);
            let (class, cue) = settle_class(class, cue, &reading, options.published);
            let number = claims.len() + 1;
            let mut claim = DraftClaim {
                id: claim_id(number, &reading),
                quote: quote.to_owned(),
                span: span.clone(),
                class,
                cue,
                names: reading
                    .names
                    .iter()
                    .map(|name| {
                        (
                            reading.span_text(name.words.clone()).to_owned(),
                            name.entity.clone(),
                        )
                    })
                    .collect(),
                unknown_names: unknown_names(&reading, rules),
                dates: reading
                    .dates
                    .iter()
                    .map(|(words, date, _)| (reading.span_text(words.clone()).to_owned(), *date))
                    .collect(),
                proposals: Vec::new(),
                closest: Vec::new(),
            };
            if class.is_checkable() {
                claim.proposals = proposals::propose(
                    &reading,
                    kb,
                    language,
                    &options,
                    last_person.as_ref().map(|(_, written)| written.as_str()),
                    rules,
                );
            }
            claim.closest = before::closest(&claim, &reading, checked);
            if let Some(person) = reading
                .names
                .iter()
                .rev()
                .find(|name| name.kind == "person")
            {
                let written = reading.span_text(person.words.clone()).to_owned();
                last_person = Some((person.entity.clone(), written));
            }
            claims.push(claim);
        }
    }
    Draft {
        options,
        language,
        language_guessed,
        claims,
    }
}

/// The language whose frequent words the text holds more of (English when as many).
fn guess_language(text: &str) -> Language {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(' ').collect();
    let count = |language: Language| {
        let common = &rules(language).common_words;
        words
            .iter()
            .filter(|word| common.iter().any(|c| c == *word))
            .count()
    };
    if count(Language::Id) > count(Language::En) {
        Language::Id
    } else {
        Language::En
    }
}

/// The class the cue words give, in order of precedence: what someone said is checkable as said,
/// a hope is never a fact, a plan is checkable later; a prediction, an opinion or vague wording
/// are not checkable. Without a cue the sentence is checkable if it names something (see
/// [`settle_class`]).
fn class_of(words: &[&str], rules: &LanguageRules) -> (Option<Class>, Option<String>) {
    let cues = &rules.cues;
    let classes = [
        (&cues.attribution, Class::Attribution),
        (&cues.hope, Class::NotCheckable(NotCheckable::Hope)),
        (&cues.schedule, Class::Schedule),
        (
            &cues.prediction,
            Class::NotCheckable(NotCheckable::Prediction),
        ),
        (&cues.opinion, Class::NotCheckable(NotCheckable::Opinion)),
        (&cues.vague, Class::NotCheckable(NotCheckable::Vague)),
    ];
    for (cue, class) in classes {
        if let Some(word) = cue.find(words) {
            return (Some(class), Some(word.to_owned()));
        }
    }
    (None, None)
}

/// The class once names, dates and numbers are known: a prediction about a time already past is
/// checkable; with no cue, a sentence that names an entity, a date or a number is checkable, and
/// one that names none is vague, for review.
fn settle_class(
    class: Option<Class>,
    cue: Option<String>,
    reading: &Reading,
    published: PartialDate,
) -> (Class, Option<String>) {
    let names_something =
        !reading.names.is_empty() || !reading.dates.is_empty() || reading.numbers > 0;
    match class {
        Some(Class::NotCheckable(NotCheckable::Prediction))
            if reading
                .dates
                .iter()
                .any(|(_, date, _)| date.last_day() < published.first_day()) =>
        {
            (Class::Checkable, None)
        }
        Some(class) => (class, cue),
        None if names_something => (Class::Checkable, None),
        None => (Class::NotCheckable(NotCheckable::Vague), None),
    }
}

/// The dates among `tokens`: relative ones resolved from `published` in a sentence of `tense`,
/// and absolute ones; each with whether a `since` word stands before it.
fn dates(
    tokens: &[Token],
    language: Language,
    rules: &LanguageRules,
    published: PartialDate,
    tense: Tense,
) -> Vec<(Range<usize>, PartialDate, bool)> {
    let words: Vec<&str> = tokens.iter().map(|token| token.text.as_str()).collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let since = at > 0 && rules.since.iter().any(|word| word == words[at - 1]);
        let ahead = &words[at..words.len().min(at + 6)];
        if let Some((relative, length)) = RelativeDate::read(ahead, language)
            && let Ok(date) = relative.resolve(Some(published), tense)
        {
            found.push((at..at + length, date, since));
            at += length;
            continue;
        }
        if let Some((Ok(date), length)) = PartialDate::read_words(&ahead[..ahead.len().min(3)]) {
            found.push((at..at + length, date, since));
            at += length;
            continue;
        }
        at += 1;
    }
    found
}

/// How many numbers the reading holds besides its dates.
fn numbers(reading: &Reading) -> usize {
    reading
        .tokens
        .iter()
        .enumerate()
        .filter(|(at, token)| {
            token.text.starts_with(|c: char| c.is_ascii_digit())
                && !reading.dates.iter().any(|(words, _, _)| words.contains(at))
        })
        .count()
}

/// Runs of capitalised words that name no entity: names the reference data lacks. The first word
/// of a sentence counts only when the next is capitalised too; names, titles, pronouns, dates and
/// the words of the language's rules do not; a run goes on past the full stop of an abbreviation
/// or an initial (`Dr. Bambang`), and does not end with one.
fn unknown_names(reading: &Reading, rules: &LanguageRules) -> Vec<String> {
    let word = |at: usize| &reading.text[reading.tokens[at].span.clone()];
    let capitalised = |at: usize| word(at).chars().next().is_some_and(char::is_uppercase);
    let cues = &rules.cues;
    let listed = |at: usize| {
        let folded = &reading.tokens[at].text;
        [
            &rules.pronouns,
            &rules.common_words,
            &rules.conjunctions,
            &cues.attribution.words,
            &cues.hope.words,
            &cues.schedule.words,
            &cues.prediction.words,
            &cues.opinion.words,
            &cues.vague.words,
        ]
        .iter()
        .any(|words| words.contains(folded))
    };
    let known = |at: usize| {
        reading.names.iter().any(|name| name.words.contains(&at))
            || reading.in_title(at)
            || reading
                .dates
                .iter()
                .any(|(words, _, _)| words.contains(&at))
            || listed(at)
    };
    let abbreviation = |at: usize| {
        let written = format!("{}.", word(at)).to_lowercase();
        written.chars().count() == 2 || rules.abbreviations.contains(&written)
    };
    let joined = |at: usize| {
        let between = &reading.text[reading.tokens[at - 1].span.end..reading.tokens[at].span.start];
        between.trim().is_empty() || (between.trim() == "." && abbreviation(at - 1))
    };
    let mut found = Vec::new();
    let mut at = 0;
    while at < reading.tokens.len() {
        if !capitalised(at) || known(at) {
            at += 1;
            continue;
        }
        let start = at;
        at += 1;
        while at < reading.tokens.len() && capitalised(at) && !known(at) && joined(at) {
            at += 1;
        }
        let mut end = at;
        while end > start && abbreviation(end - 1) {
            end -= 1;
        }
        if end == start || (start == 0 && end == 1) {
            continue;
        }
        let name = reading.span_text(start..end).to_owned();
        if !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// `s03-putin-tiba-di`: the claim's number and its first words.
fn claim_id(number: usize, reading: &Reading) -> String {
    let words: Vec<String> = reading
        .tokens
        .iter()
        .take(4)
        .map(|token| {
            token
                .text
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect();
    if words.is_empty() {
        format!("s{number:02}")
    } else {
        format!("s{number:02}-{}", words.join("-"))
    }
}
