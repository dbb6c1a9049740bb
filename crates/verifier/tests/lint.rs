//! Lint findings, driven by data: each file under `resources/lint/` is loaded after
//! `resources/common.yaml` and linted (or, if it does not load, its loading problems are the
//! findings); its snapshot shows every finding with its level and location.

use verifier::lint::{Finding, lint};
use verifier::load_texts;

#[test]
fn lint_findings() {
    let common = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/resources/common.yaml"
    ))
    .unwrap();
    insta::glob!("../resources/lint", "*.yaml", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let name = format!("reference/{}", path.file_name().unwrap().to_string_lossy());
        let files = [
            ("reference/common.yaml".to_owned(), common.as_str()),
            (name, text.as_str()),
        ];
        let findings = match load_texts(&files) {
            Ok(kb) => lint(&kb),
            Err(error) => error.problems.iter().map(Finding::from_problem).collect(),
        };
        insta::assert_snapshot!(verifier::report::findings_text(&findings));
    });
}
