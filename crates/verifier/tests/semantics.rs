//! The differential test of the judge against the executable specification (`semantics/spec/`):
//! random reference data and assertions of every form in a short window of days
//! (`semantics/generate.rs`), judged by both.
//!
//! A definite verdict of the judge that differs from the specification's is a failure. Where the
//! judge is less definite (`unverifiable` where the specification settles it), the case is counted
//! by form and printed; each such kind is a documented approximation (README, "Verdict rules").
//! `PROPTEST_CASES` sets the number of cases (default 1000); a shrunk failure becomes a fixture
//! under `resources/rules/`.

#[path = "semantics/generate.rs"]
mod generate;
#[path = "semantics/spec/mod.rs"]
mod spec;

use std::cell::RefCell;
use std::collections::BTreeMap;

use claims_parser::parse_canonical;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use verifier::{Verdict, load_texts};

/// The default number of cases in `cargo test`.
const CASES: u32 = 1000;

fn form(assertion: &str) -> String {
    if let Some((first, second)) = assertion.split_once(" AND ") {
        return format!("({}) AND ({})", form(first), form(second));
    }
    let words: Vec<&str> = assertion.split_whitespace().collect();
    let mut form = String::new();
    if words[0] == "NOT" {
        form.push_str("NOT ");
    }
    let head = if words[0] == "NOT" {
        words[1]
    } else {
        words[0]
    };
    let keyword = |w: &&&str| {
        matches!(
            **w,
            "EVER" | "@" | "SINCE" | "FROM" | "NO" | "BEFORE" | "AFTER"
        )
    };
    form.push_str(head.split('(').next().unwrap());
    if let Some(word) = words.iter().find(keyword) {
        form.push(' ');
        form.push_str(word);
    }
    if assertion.contains('[') {
        form.push_str(" [qualifier]");
    }
    form
}

#[test]
fn the_judge_agrees_with_the_specification() {
    // Generating and shrinking nested cases recurses deeply in an unoptimized build: the test
    // runs on a thread with a stack of its own, whatever the harness's default (2 MiB).
    std::thread::Builder::new()
        .name("semantics".to_owned())
        .stack_size(64 << 20)
        .spawn(judge_and_specification_agree)
        .expect("a thread for the test")
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
}

#[allow(clippy::print_stderr)] // the tally of approximations is the test's report
fn judge_and_specification_agree() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(CASES);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let universe = spec::Universe {
        first: jiff::civil::date(2020, 12, 24),
        last: jiff::civil::date(2021, 3, 24),
    };
    // Per form: how many cases, and the first one (for a fixture).
    let less_definite: RefCell<BTreeMap<String, (usize, String)>> = RefCell::default();
    let settled = RefCell::new(0usize);
    let result = runner.run(&generate::case(), |case| {
        let files = [
            ("vocabulary.yaml".to_owned(), generate::VOCABULARY),
            ("case.yaml".to_owned(), case.data.as_str()),
        ];
        let kb = load_texts(&files).map_err(|error| {
            TestCaseError::fail(format!("{:#?}\n{}", error.problems, case.data))
        })?;
        let assertion = parse_canonical(&case.assertion, kb.lexicon())
            .map_err(|error| TestCaseError::fail(format!("{}: {error}", case.assertion)))?;
        let as_of: jiff::civil::Date = case.as_of.parse().unwrap();
        let judged = kb
            .judge(&assertion, as_of)
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        let specified = spec::Spec::new(&kb, &universe, as_of).verdict(&assertion);
        if judged.verdict == specified {
            if specified != Verdict::Unverifiable {
                *settled.borrow_mut() += 1;
            }
            return Ok(());
        }
        if judged.verdict == Verdict::Unverifiable {
            let mut tally = less_definite.borrow_mut();
            let entry = tally
                .entry(format!(
                    "{} (specification: {specified})",
                    form(&case.assertion)
                ))
                .or_insert_with(|| {
                    (
                        0,
                        format!("as of {as_of}: {}\n{}", case.assertion, case.data),
                    )
                });
            entry.0 += 1;
            return Ok(());
        }
        Err(TestCaseError::fail(format!(
            "as of {as_of}: {}\njudge: {} ({})\nspecification: {specified}\n{}",
            case.assertion, judged.verdict, judged.reason, case.data
        )))
    });
    let less_definite = less_definite.into_inner();
    let total: usize = less_definite.values().map(|(count, _)| count).sum();
    eprintln!(
        "{cases} cases, {} settled by both; the judge less definite in {total}:",
        settled.into_inner()
    );
    for (form, (count, example)) in &less_definite {
        eprintln!("  {count:5}  {form}, for example {example}");
    }
    if let Err(failure) = result {
        panic!("{failure}");
    }
}
