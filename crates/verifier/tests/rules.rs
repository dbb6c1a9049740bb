//! The verdict rules, driven by data: each file under `resources/rules/` holds reference data (over
//! `resources/common.yaml`) and, after a `# checks` line, one check a line:
//! `AS_OF EXPECTED: ASSERTION`. Each check's verdict must be the expected one, and the snapshot of a
//! file shows every check's verdict with its reason and evidence, for review.

use std::fmt::Write;

use claims_parser::{Language, parse_assertion};
use verifier::load_texts;

fn common() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/resources/common.yaml"
    ))
    .unwrap()
}

#[test]
fn rules() {
    let common = common();
    insta::glob!("../resources/rules", "*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let (data, checks) = text.split_once("# checks\n").expect("a `# checks` line");
        let files = [
            ("common.yaml".to_owned(), common.as_str()),
            ("fixture.yaml".to_owned(), data),
        ];
        let kb =
            load_texts(&files).unwrap_or_else(|error| panic!("{path:?}: {:#?}", error.problems));
        let mut report = String::new();
        for line in checks.lines().filter(|line| !line.trim().is_empty()) {
            let (head, assertion) = line.split_once(": ").expect("AS_OF EXPECTED: ASSERTION");
            let (as_of, expected) = head.split_once(' ').expect("AS_OF EXPECTED");
            let as_of: jiff::civil::Date = as_of.parse().unwrap();
            let parsed = parse_assertion(assertion, Language::En, kb.lexicon(), Some(as_of.into()))
                .unwrap_or_else(|error| panic!("{assertion}: {error}"));
            let judged = kb.assess(assertion, &parsed, as_of).unwrap();
            assert_eq!(
                judged.verdict.name(),
                expected,
                "{path:?}: {line}\n{judged:#?}"
            );
            let evidence = &judged.evidence;
            writeln!(report, "{as_of} {assertion}").unwrap();
            writeln!(report, "  {} => {}", judged.canonical, judged.verdict).unwrap();
            writeln!(report, "  because {}", evidence.reason).unwrap();
            for fact in &evidence.facts {
                writeln!(report, "  {:?} {}", fact.role, fact.id).unwrap();
            }
            for record in &evidence.completeness {
                writeln!(report, "  complete {}", record.id).unwrap();
            }
            if let Some(settle) = &evidence.would_settle {
                writeln!(report, "  would settle: {settle}").unwrap();
            }
            for warning in &evidence.warnings {
                writeln!(report, "  warning: {warning}").unwrap();
            }
        }
        insta::assert_snapshot!(report);
    });
}
