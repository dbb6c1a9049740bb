//! Loading and checking at scale: reference bases of 100k and 1M facts, generated in the real YAML
//! format (files of 10,000 facts each, as a curated tree would hold them), measured against the floor
//! of a plain serde_yaml parse of the same files into `IgnoredAny`.
//!
//! Run with `cargo bench -p verifier --bench scale`; the README records the figures.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Mutex, OnceLock};

use claims_parser::{Language, parse_assertion};
use rayon::prelude::*;
use verifier::{KnowledgeBase, load_texts};

const FACTS_PER_FILE: usize = 10_000;
const PEOPLE: usize = 1_000;
const ORGANIZATIONS: usize = 1_000;

fn main() {
    divan::main();
}

/// The header file: relations, entities and the one source every fact cites.
fn header() -> String {
    let mut text = String::from(
        "sources:\n  - {id: bench, url: https://example.org/bench, title: Bench, publisher: Bench, accessed: \"2026-01-01\"}\n\
         relations:\n  - id: member_of\n    kind: state\n    subject: person\n    object: organization\n    \
         phrasings:\n      en: [\"{subject} is {not} a member of {object}\"]\nentities:\n",
    );
    for person in 0..PEOPLE {
        let _ = writeln!(
            text,
            "  - {{id: person-{person}, name: Person {person}, kind: person, aliases: {{en: [Person {person}]}}}}"
        );
    }
    for organization in 0..ORGANIZATIONS {
        let _ = writeln!(
            text,
            "  - {{id: org-{organization}, name: Organization {organization}, kind: organization, aliases: {{en: [Organization {organization}]}}}}"
        );
    }
    text
}

/// `facts` facts in files of [`FACTS_PER_FILE`], each fact in the block style curators write.
fn generate(facts: usize) -> Vec<(String, String)> {
    let mut files = vec![("reference/header.yaml".to_owned(), header())];
    for chunk in 0..facts.div_ceil(FACTS_PER_FILE) {
        let mut text = String::from("facts:\n");
        for index in chunk * FACTS_PER_FILE..((chunk + 1) * FACTS_PER_FILE).min(facts) {
            let person = index % PEOPLE;
            let organization = (index / PEOPLE) % ORGANIZATIONS;
            let year = 1950 + index % 70;
            let _ = write!(
                text,
                "  - id: fact-{index}\n    relation: member_of\n    subject: person-{person}\n    object: org-{organization}\n    \
                 from: \"{year}-{:02}-01\"\n    to: \"{}-12-31\"\n    sources: [bench]\n    reviewed: \"2026-01-01\"\n",
                1 + index % 12,
                year + 5
            );
        }
        files.push((format!("reference/facts-{chunk:04}.yaml"), text));
    }
    files
}

/// Generated files, as (name, YAML text).
type Files = &'static [(String, String)];

fn files(facts: usize) -> Files {
    static CACHE: OnceLock<Mutex<HashMap<usize, Files>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache
        .entry(facts)
        .or_insert_with(|| Vec::leak(generate(facts)))
}

fn borrowed(files: &[(String, String)]) -> Vec<(String, &str)> {
    files
        .iter()
        .map(|(name, text)| (name.clone(), text.as_str()))
        .collect()
}

/// The floor: serde_yaml reading every file into `IgnoredAny`, in parallel as the loader does.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 3, sample_size = 1)]
fn floor_serde_yaml_ignored_any(bencher: divan::Bencher, facts: usize) {
    let files = files(facts);
    bencher.bench(|| {
        files
            .par_iter()
            .map(|(_, text)| serde_yaml::from_str::<serde::de::IgnoredAny>(text).is_ok())
            .filter(|ok| *ok)
            .count()
    });
}

/// Reading every file into the typed model, without validating, merging or indexing.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 3, sample_size = 1)]
fn parse_without_index(bencher: divan::Bencher, facts: usize) {
    let files = files(facts);
    bencher.bench(|| {
        files
            .par_iter()
            .map(|(_, text)| {
                verifier::yaml::read_reference(text)
                    .map(|file| file.facts.len())
                    .unwrap_or(0)
            })
            .sum::<usize>()
    });
}

/// The whole load: parse, merge, validate, index and build the lexicon.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 3, sample_size = 1)]
fn load_with_index(bencher: divan::Bencher, facts: usize) {
    let files = borrowed(files(facts));
    bencher.bench(|| load_texts(&files).map(|kb| kb.facts().len()).unwrap_or(0));
}

fn knowledge_base(facts: usize) -> &'static KnowledgeBase {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static KnowledgeBase>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache.entry(facts).or_insert_with(|| {
        Box::leak(Box::new(
            load_texts(&borrowed(files(facts))).expect("generated data loads"),
        ))
    })
}

/// Judging one parsed assertion against the indexed base.
#[divan::bench(args = [100_000, 1_000_000])]
fn judge_one_assertion(bencher: divan::Bencher, facts: usize) {
    let kb = knowledge_base(facts);
    let assertion = parse_assertion(
        "Person 17 is a member of Organization 3 on 1972-06-01",
        Language::En,
        kb.lexicon(),
        None,
    )
    .unwrap();
    let date = jiff::civil::date(2024, 8, 18);
    bencher.bench(|| {
        kb.judge(divan::black_box(&assertion), date)
            .map(|judgment| judgment.verdict)
    });
}

/// Parsing one assertion against the base's lexicon (2,000 entities).
#[divan::bench(args = [100_000])]
fn parse_one_assertion(bencher: divan::Bencher, facts: usize) {
    let kb = knowledge_base(facts);
    bencher.bench(|| {
        parse_assertion(
            divan::black_box("Person 17 is not a member of Organization 3 on 1972-06-01"),
            Language::En,
            kb.lexicon(),
            None,
        )
        .is_ok()
    });
}
