//! Verdicts on the bundled reference data: each file under `tests/verdicts/` holds one check a
//! line, `AS_OF EXPECTED [LANGUAGE]: ASSERTION`, judged against `claims/reference`. Each verdict
//! must be the expected one, and the snapshot of a file shows every check's reason and evidence.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use claims_parser::{Language, parse_assertion};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

#[test]
fn verdicts_on_the_bundled_data() {
    let kb = verifier::load(&[verifier::Root::named(
        workspace().join("claims/reference"),
        "claims/reference",
    )])
    .unwrap();
    insta::glob!("verdicts/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let mut report = String::new();
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (head, assertion) = line.split_once(": ").expect("AS_OF EXPECTED: ASSERTION");
            let mut words = head.split_whitespace();
            let as_of: jiff::civil::Date = words.next().unwrap().parse().unwrap();
            let expected = words.next().expect("an expected verdict");
            let language = match words.next() {
                Some(code) => code.parse::<Language>().unwrap(),
                None => Language::En,
            };
            let parsed = parse_assertion(assertion, language, kb.lexicon(), Some(as_of.into()))
                .unwrap_or_else(|error| panic!("{assertion}: {error}"));
            let judged = kb.assess(assertion, &parsed, as_of).unwrap();
            assert_eq!(judged.verdict.name(), expected, "{line}\n{judged:#?}");
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
            for warning in &evidence.warnings {
                writeln!(report, "  warning: {warning}").unwrap();
            }
        }
        insta::assert_snapshot!(report);
    });
}
