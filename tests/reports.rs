//! Snapshot tests of the fact-check reports of every claim document under `claims/articles`, judged
//! against `claims/reference`: one JSON and one text snapshot per document, so that any change of
//! data or code shows in review as a changed verdict.

use std::path::{Path, PathBuf};

use verifier::{KnowledgeBase, check_document, report, yaml};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn reference() -> KnowledgeBase {
    verifier::load(&[workspace().join("claims/reference")]).unwrap_or_else(|error| {
        panic!(
            "{}",
            verifier::diagnostics::render_load_problems(&error.problems)
        )
    })
}

fn report_of(kb: &KnowledgeBase, path: &Path) -> verifier::DocumentReport {
    let text = std::fs::read_to_string(path).unwrap();
    let document = yaml::read_claim_document(&text).unwrap();
    let name = format!(
        "claims/articles/{}",
        path.file_name().unwrap().to_string_lossy()
    );
    check_document(kb, &document, &name, verifier::Dates::default()).unwrap_or_else(|error| {
        panic!(
            "{}",
            verifier::diagnostics::render_check_error(&name, &text, &document, &error, false)
        )
    })
}

#[test]
fn json_reports() {
    let kb = reference();
    insta::glob!("../claims/articles", "*.yaml", |path| {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({ snapshot_suffix => name }, {
            insta::assert_snapshot!(report::json(&[report_of(&kb, path)]));
        });
    });
}

#[test]
fn text_reports() {
    let kb = reference();
    insta::glob!("../claims/articles", "*.yaml", |path| {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({ snapshot_suffix => name }, {
            insta::assert_snapshot!(report::text(&[report_of(&kb, path)], false));
        });
    });
}

#[test]
fn every_checkable_claim_has_a_verdict_with_evidence() {
    let kb = reference();
    for entry in std::fs::read_dir(workspace().join("claims/articles")).unwrap() {
        let report = report_of(&kb, &entry.unwrap().path());
        for claim in &report.claims {
            for assertion in &claim.assertions {
                let evidence = &assertion.evidence;
                let cited = !evidence.facts.is_empty() || evidence.completeness.is_some();
                let settles = evidence.would_settle.is_some();
                assert!(
                    cited || settles,
                    "{}: {} has neither evidence nor what would settle it",
                    claim.id,
                    assertion.canonical
                );
                for fact in &evidence.facts {
                    assert!(
                        !fact.sources.is_empty(),
                        "{} cites {} without a source",
                        claim.id,
                        fact.id
                    );
                }
            }
        }
    }
}
