//! The draft of the seed article, measured against the claim document a person wrote for it
//! (`claims/articles/putin-baku-2024-08-id.yaml`, drafted from the copy of the text it keeps):
//! how many of its checked quotes come out as checkable claims with the same quote, how many of
//! its not-checkable sentences get the same class, and how many of its assertions are proposed
//! with the same canonical form. The figures are in the README; here they are held as lower
//! bounds, and the draft itself is a snapshot.

use std::path::{Path, PathBuf};

use verifier::draft::{Class, DraftOptions, draft};
use verifier::{KnowledgeBase, yaml};

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
    .unwrap()
}

/// A quote as compared: without the white space and the punctuation at its ends.
fn same_quote(a: &str, b: &str) -> bool {
    let trim = |quote: &str| {
        quote
            .trim()
            .trim_end_matches(['.', ',', ';'])
            .trim()
            .to_owned()
    };
    trim(a) == trim(b)
}

#[test]
fn the_seed_article_is_drafted_close_to_the_document_a_person_wrote() {
    let kb = reference();
    let articles = workspace().join("claims/articles");
    let text = std::fs::read_to_string(articles.join("putin-baku-2024-08-id.yaml")).unwrap();
    let written = yaml::read_claim_document(&text).unwrap();
    let article = written
        .article
        .text
        .as_deref()
        .expect("the document keeps its text");
    let article = std::fs::read_to_string(articles.join(article)).unwrap();
    let options = DraftOptions {
        language: Some(written.article.language),
        published: written.article.published,
        published_given: true,
        title: Some(written.article.title.clone()),
        url: None,
        file: "claims/articles/texts/putin-baku-2024-08-id.txt".to_owned(),
    };
    let drafted = draft(&article, &kb, &[], options);
    let parsed = written.parse_assertions(kb.lexicon()).unwrap();

    let (mut quotes, mut quotes_of) = (0, 0);
    let (mut classes, mut classes_of) = (0, 0);
    let (mut assertions, mut assertions_of) = (0, 0);
    for (claim, claim_assertions) in written.claims.iter().zip(&parsed) {
        let twin = drafted
            .claims
            .iter()
            .find(|drafted| same_quote(&drafted.quote, &claim.quote));
        match claim.not_checkable {
            None => {
                quotes_of += 1;
                assertions_of += claim_assertions.len();
                let Some(twin) = twin.filter(|twin| twin.class.is_checkable()) else {
                    continue;
                };
                quotes += 1;
                assertions += claim_assertions
                    .iter()
                    .filter(|assertion| {
                        let canonical = assertion.to_string();
                        twin.proposals.iter().any(|p| p.canonical == canonical)
                    })
                    .count();
            }
            Some(reason) => {
                classes_of += 1;
                if twin.is_some_and(|twin| twin.class == Class::NotCheckable(reason)) {
                    classes += 1;
                }
            }
        }
    }
    let figures = format!(
        "checked quotes drafted as checkable claims with the same quote: {quotes} of {quotes_of}\n\
         not-checkable sentences given the same class: {classes} of {classes_of}\n\
         assertions proposed with the same canonical form: {assertions} of {assertions_of}\n"
    );
    insta::assert_snapshot!("seed-figures", figures);
    insta::assert_snapshot!("seed-draft", drafted.to_yaml());
    assert!(quotes >= 12, "{figures}");
    assert!(classes >= 5, "{figures}");
    assert!(assertions >= 9, "{figures}");
}
