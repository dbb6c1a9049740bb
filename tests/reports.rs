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
    verifier::load(&[verifier::Root::named(
        workspace().join("claims/reference"),
        "claims/reference",
    )])
    .unwrap_or_else(|error| {
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
    let mut report = check_document(kb, &document, &name, verifier::Dates::default())
        .unwrap_or_else(|error| {
            panic!(
                "{}",
                verifier::diagnostics::render_check_error(&name, &text, &document, &error, false)
            )
        });
    report.locate(&text, &document);
    report
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
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|extension| extension != "yaml") {
            continue;
        }
        let report = report_of(&kb, &path);
        for claim in &report.claims {
            for assertion in &claim.assertions {
                let evidence = &assertion.evidence;
                let cited = !evidence.facts.is_empty() || !evidence.completeness.is_empty();
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

/// The example assertions of the product brief, in English and, where it shows them, Indonesian,
/// with the canonical form each must read as against the bundled reference data.
const BRIEF_EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "en",
        "Azerbaijan is not a Rome Statute party",
        "NOT party_to(azerbaijan, rome-statute)",
    ),
    (
        "id",
        "Azerbaijan bukan negara pihak Statuta Roma",
        "NOT party_to(azerbaijan, rome-statute)",
    ),
    (
        "en",
        "Heydar Aliyev is the father of Ilham Aliyev",
        "father_of(heydar-aliyev, ilham-aliyev)",
    ),
    (
        "en",
        "Heydar Aliyev was president of Azerbaijan",
        "president_of(heydar-aliyev, azerbaijan) EVER",
    ),
    (
        "en",
        "Putin visited Azerbaijan in September 2018",
        "visited(vladimir-putin, azerbaijan) @ 2018-09",
    ),
    (
        "en",
        "the last visit of Putin to Azerbaijan before 2024-08-18 was in 2018-09",
        "LAST visited(vladimir-putin, azerbaijan) BEFORE 2024-08-18 = 2018-09",
    ),
    (
        "en",
        "Putin has been subject of an ICC arrest warrant since March 2023",
        "subject_of_arrest_warrant(vladimir-putin, icc) SINCE 2023-03",
    ),
    (
        "en",
        "Armenian separatists controlled Nagorno-Karabakh for about 30 years",
        "DURATION controlled(armenian-separatists, nagorno-karabakh) ~ 30 year",
    ),
    (
        "en",
        "the number of Rome Statute parties on 2024-08-18 is 124",
        "COUNT party_to(*, rome-statute) @ 2024-08-18 = 124",
    ),
    (
        "en",
        "the Kremlin said that the visit will discuss the settlement between Azerbaijan and Armenia",
        "said(kremlin, stmt-kremlin-visit-agenda-azerbaijan-armenia) EVER",
    ),
];

#[test]
fn the_brief_examples_read_as_their_canonical_forms_against_the_reference_data() {
    let kb = reference();
    for (language, text, canonical) in BRIEF_EXAMPLES {
        let language = language.parse().unwrap();
        let parsed = claims_parser::parse_assertion(text, language, kb.lexicon(), None)
            .unwrap_or_else(|error| panic!("{}", error.render(text, None, false)));
        assert_eq!(parsed.to_string(), *canonical, "{text}");
        assert_eq!(
            claims_parser::parse_canonical(canonical, kb.lexicon()),
            Ok(parsed),
            "{canonical}"
        );
    }
}
