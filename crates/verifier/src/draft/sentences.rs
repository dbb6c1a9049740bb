//! Splitting an article into sentences and clauses, each a span of the text that a claim quotes.
//!
//! Sentence boundaries are those of Unicode (UAX #29, from unicode-segmentation), within each line:
//! they do not break inside `10.5` or `10,5`, and keep closing quotes with their sentence. UAX #29
//! does break after an abbreviation or an initial followed by a capital (`Dr. Subandrio`, `Jl.
//! Thamrin`, `U.S. President`) and inside a quotation of several sentences; those breaks are undone
//! here, with each language's list of abbreviations. A sentence is then cut into clauses where its
//! language's rules say a new clause begins after a comma (`, dimana`, `, which`), or after the
//! first comma of a sentence that opens with a subordinate clause (`Meskipun …,`, `Although …,`).

use std::ops::Range;

use claims_parser::fold;
use unicode_segmentation::UnicodeSegmentation;

use super::rules::{LanguageRules, position};

/// The sentences of `text` as UAX #29 finds them, each trimmed, line by line.
pub(crate) fn unicode_sentences(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    for (line_start, line) in lines(text) {
        for (offset, segment) in line.split_sentence_bound_indices() {
            push_trimmed(&mut sentences, line_start + offset, segment);
        }
    }
    sentences
}

/// The sentences of `text`: those of UAX #29, joined again where a segment ends with an
/// abbreviation or an initial, or inside a quotation.
pub(crate) fn sentences(text: &str, rules: &LanguageRules) -> Vec<Range<usize>> {
    let mut sentences: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    for segment in unicode_sentences(text) {
        let joined = match sentences.last_mut() {
            Some(last) if open && same_line(text, last.end, segment.start) => {
                last.end = segment.end;
                true
            }
            _ => false,
        };
        if !joined {
            sentences.push(segment);
        }
        let current = sentences.last().expect("a sentence was pushed").clone();
        let body = &text[current];
        open = quotation_open(body) || ends_with_abbreviation(body, &rules.abbreviations);
    }
    sentences
}

/// Cuts a sentence (`span` of `text`) into clauses by the language's rules.
pub(crate) fn clauses(text: &str, span: Range<usize>, rules: &LanguageRules) -> Vec<Range<usize>> {
    let sentence = &text[span.clone()];
    // The commas outside quotations, as byte offsets in the sentence.
    let mut commas = Vec::new();
    let mut depth = 0i32;
    let mut straight = false;
    for (at, c) in sentence.char_indices() {
        match c {
            '“' | '‘' | '«' => depth += 1,
            '”' | '’' | '»' => depth -= 1,
            '"' => straight = !straight,
            ',' if depth <= 0 && !straight => commas.push(at),
            _ => {}
        }
    }
    // The first words of a text, folded (only as many as a rule's phrase can have).
    let first_words = |text: &str| -> Vec<String> {
        let start: Vec<&str> = text.split_whitespace().take(4).collect();
        fold(&start.join(" "))
            .split(' ')
            .map(str::to_owned)
            .collect()
    };
    let words_after = |at: usize| first_words(&sentence[at + 1..]);
    let starts_with = |words: &[String], phrase: &str| {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        position(&words, phrase) == Some(0)
    };
    let mut cuts: Vec<usize> = Vec::new();
    let first = first_words(sentence);
    if rules
        .leading_clauses
        .iter()
        .any(|opener| starts_with(&first, opener))
        && let Some(&comma) = commas.first()
    {
        cuts.push(comma);
    }
    for &comma in &commas {
        let after = words_after(comma);
        if rules
            .clause_openers
            .iter()
            .any(|opener| starts_with(&after, opener))
            && !cuts.contains(&comma)
        {
            cuts.push(comma);
        }
    }
    cuts.sort_unstable();
    let mut clauses = Vec::new();
    let mut start = 0;
    for cut in cuts {
        let (before, after) = (&sentence[start..cut], &sentence[cut + 1..]);
        if word_count(before) < 3 || word_count(after) < 3 {
            continue;
        }
        push_trimmed(&mut clauses, span.start + start, before);
        start = cut + 1;
        // A conjunction that joins the clauses is not part of the next one's quote.
        let rest = &sentence[start..];
        let lead = rest.len() - rest.trim_start().len();
        if let Some(word) = rest.split_whitespace().next()
            && rules
                .conjunctions
                .iter()
                .any(|conjunction| *conjunction == fold(word))
            && word_count(rest) > 3
        {
            start += lead + word.len();
        }
    }
    push_trimmed(&mut clauses, span.start + start, &sentence[start..]);
    clauses
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The lines of `text` with their byte offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |offset, line| {
        let start = *offset;
        *offset += line.len();
        Some((start, line))
    })
}

fn same_line(text: &str, from: usize, to: usize) -> bool {
    !text[from..to].contains('\n')
}

/// Pushes the span of `segment` (at `offset`) without the white space at its ends, if anything
/// is left.
fn push_trimmed(spans: &mut Vec<Range<usize>>, offset: usize, segment: &str) {
    let leading = segment.len() - segment.trim_start().len();
    let trimmed = segment.trim();
    if !trimmed.is_empty() {
        spans.push(offset + leading..offset + leading + trimmed.len());
    }
}

/// Whether a quotation opened in `text` is still open at its end.
fn quotation_open(text: &str) -> bool {
    let opened = text.matches(['“', '«']).count();
    let closed = text.matches(['”', '»']).count();
    opened > closed || text.matches('"').count() % 2 == 1
}

/// Whether `text` ends with an abbreviation of the list (lower case, with its full stop) or an
/// initial (`H.`, `J.`).
fn ends_with_abbreviation(text: &str, abbreviations: &[String]) -> bool {
    let Some(last) = text.split_whitespace().last() else {
        return false;
    };
    let last = last.trim_start_matches(['(', '"', '“', '\'']);
    let initial = last.len() == 2 && last.starts_with(char::is_uppercase) && last.ends_with('.');
    initial
        || abbreviations
            .iter()
            .any(|abbreviation| *abbreviation == last.to_lowercase())
}
