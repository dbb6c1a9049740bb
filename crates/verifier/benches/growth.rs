//! How the cost of `ref lint` and `check` grows with their input, to see it grow near-linearly:
//! lint on one office with 1,000 to 32,000 successive holders (each hands over on the day the next
//! begins: no finding) or overlapping open-ended holders (one run: one finding), and check on claim
//! documents of 250 to 4,000 claims judged against the bundled reference data, well written or
//! misspelling a name (the error report).
//!
//! Run with `cargo bench -p verifier --bench growth`; the README records the figures.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;
use std::sync::{Mutex, OnceLock};

use claims_parser::ClaimDocument;
use verifier::{Dates, KnowledgeBase, check_document, diagnostics, lint, load_texts, yaml};

fn main() {
    divan::main();
}

const HOLDERS: [usize; 4] = [1_000, 4_000, 16_000, 32_000];
const CLAIMS: [usize; 3] = [250, 1_000, 4_000];

/// One office and `holders` people holding it in turn, two days each: each to the day the next
/// begins when `successive`, or all still holding.
fn office(holders: usize, successive: bool) -> String {
    let mut text = String::from(
        "sources:\n  - {id: bench, url: https://example.org/bench, title: Bench, publisher: Bench, accessed: \"2026-01-01\"}\n\
         relations:\n  - id: holds\n    kind: state\n    subject: person\n    object: office\n    single_valued: per_object\n    \
         phrasings:\n      en: [\"{subject} holds {not} {object}\"]\n\
         entities:\n  - {id: the-office, name: The Office, kind: office, aliases: {en: [The Office]}}\n",
    );
    for person in 0..holders {
        let _ = writeln!(
            text,
            "  - {{id: person-{person}, name: Person {person}, kind: person, aliases: {{en: [Person {person}]}}}}"
        );
    }
    text.push_str("facts:\n");
    let start = jiff::civil::date(1900, 1, 1);
    let day = |offset: usize| {
        start
            .checked_add(jiff::Span::new().days(offset as i64))
            .unwrap()
    };
    for person in 0..holders {
        let to = if successive {
            format!(", to: \"{}\"", day(2 * person + 2))
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "  - {{id: fact-{person}, relation: holds, subject: person-{person}, object: the-office, from: \"{}\"{to}, sources: [bench], reviewed: \"2026-01-01\"}}",
            day(2 * person)
        );
    }
    text
}

fn office_base(holders: usize, successive: bool) -> &'static KnowledgeBase {
    static CACHE: OnceLock<Mutex<HashMap<(usize, bool), &'static KnowledgeBase>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache.entry((holders, successive)).or_insert_with(|| {
        let text = office(holders, successive);
        let kb = load_texts(&[("reference/office.yaml".to_owned(), text.as_str())])
            .expect("generated data loads");
        Box::leak(Box::new(kb))
    })
}

/// `ref lint` on successive holders of one office: no two overlap.
#[divan::bench(args = HOLDERS)]
fn lint_successive_holders(bencher: divan::Bencher, holders: usize) {
    let kb = office_base(holders, true);
    assert!(lint::lint(kb).is_empty());
    bencher.bench(|| lint::lint(divan::black_box(kb)).len());
}

/// `ref lint` on overlapping holders of one office: every one overlaps every other.
#[divan::bench(args = HOLDERS)]
fn lint_overlapping_holders(bencher: divan::Bencher, holders: usize) {
    let kb = office_base(holders, false);
    assert_eq!(lint::lint(kb).len(), 1);
    bencher.bench(|| lint::lint(divan::black_box(kb)).len());
}

fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn bundled_base() -> &'static KnowledgeBase {
    static BASE: OnceLock<KnowledgeBase> = OnceLock::new();
    BASE.get_or_init(|| {
        verifier::load(&[verifier::Root::named(
            workspace().join("claims/reference"),
            "claims/reference",
        )])
        .expect("the bundled data loads")
    })
}

/// A claim document's YAML text and the document read from it.
type Document = &'static (String, ClaimDocument);

/// The bundled article's claim document with `claims` claims: its checkable claims over and over,
/// each copy with an id of its own, and, when `misspelt`, Putin misspelt in every assertion that
/// names him.
fn claim_document(claims: usize, misspelt: bool) -> Document {
    static CACHE: OnceLock<Mutex<HashMap<(usize, bool), Document>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap();
    cache.entry((claims, misspelt)).or_insert_with(|| {
        let path = workspace().join("claims/articles/putin-baku-2024-08-id.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        let mut document = yaml::read_claim_document(&text).unwrap();
        let originals = std::mem::take(&mut document.claims);
        let checkable: Vec<_> = originals
            .into_iter()
            .filter(|claim| !claim.assertions.is_empty())
            .collect();
        document.claims = (0..claims)
            .map(|index| {
                let mut claim = checkable[index % checkable.len()].clone();
                claim.id = format!("{}-{index}", claim.id);
                if misspelt {
                    for assertion in &mut claim.assertions {
                        *assertion = assertion.replace("Putin", "Puttin");
                    }
                }
                claim
            })
            .collect();
        let text = serde_yaml::to_string(&document).unwrap();
        let document = yaml::read_claim_document(&text).unwrap();
        Box::leak(Box::new((text, document)))
    })
}

/// `check` on a document of well-written claims: parsing and judging every assertion.
#[divan::bench(args = CLAIMS)]
fn check_claims(bencher: divan::Bencher, claims: usize) {
    let kb = bundled_base();
    let (_, document) = claim_document(claims, false);
    bencher.bench(|| {
        check_document(
            kb,
            divan::black_box(document),
            "bench.yaml",
            Dates::default(),
        )
        .map(|report| report.claims.len())
        .unwrap()
    });
}

/// `check` on a document that misspells Putin: parsing every assertion, and rendering every
/// problem located in the document's text.
#[divan::bench(args = CLAIMS)]
fn check_misspelt_claims(bencher: divan::Bencher, claims: usize) {
    let kb = bundled_base();
    let (text, document) = claim_document(claims, true);
    bencher.bench(|| {
        let error = check_document(
            kb,
            divan::black_box(document),
            "bench.yaml",
            Dates::default(),
        )
        .unwrap_err();
        diagnostics::render_check_error("bench.yaml", text, document, &error, false).len()
    });
}
