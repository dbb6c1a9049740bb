//! `factcheck draft`, driven by data: each file under `resources/draft/` is an article's text
//! after a header (`lang: en`, `published: YYYY-MM-DD`, then `---`). Its snapshot shows the
//! sentences as Unicode's boundaries alone would give them and as the draft splits them, then the
//! draft; every draft must load as a claim document whose assertions all parse.

use std::fmt::Write;
use std::path::Path;

use claims_parser::{Language, PartialDate};
use verifier::draft::{DraftOptions, draft, sentence_spans};
use verifier::{KnowledgeBase, Root};

fn bundled() -> KnowledgeBase {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../claims/reference");
    verifier::load(&[Root::named(root, "claims/reference")]).expect("the bundled data loads")
}

#[test]
fn drafts() {
    let kb = bundled();
    insta::glob!("../resources/draft", "*.txt", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let (header, text) = input.split_once("---\n").expect("a header, then ---");
        let mut language = None;
        let mut published = None;
        for line in header.lines() {
            match line.split_once(": ") {
                Some(("lang", code)) => language = Some(code.parse::<Language>().unwrap()),
                Some(("published", day)) => published = Some(day.parse::<PartialDate>().unwrap()),
                _ => panic!("unknown header line {line}"),
            }
        }
        let language = language.expect("lang:");
        let (sentences, unicode) = sentence_spans(text, language);
        let mut report = format!(
            "UAX #29 alone: {} sentences; with the abbreviation and quotation rules: {}\n",
            unicode.len(),
            sentences.len()
        );
        for span in &sentences {
            writeln!(report, "  | {}", &text[span.clone()]).unwrap();
        }
        let options = DraftOptions {
            language: Some(language),
            published: published.expect("published:"),
            published_given: true,
            title: None,
            url: None,
            file: path.file_name().unwrap().to_string_lossy().into_owned(),
        };
        let yaml = draft(text, &kb, &[], options).to_yaml();
        let document = verifier::yaml::read_claim_document(&yaml)
            .unwrap_or_else(|error| panic!("{error}\n{yaml}"));
        document
            .parse_assertions(kb.lexicon())
            .unwrap_or_else(|problems| panic!("{problems:#?}\n{yaml}"));
        report.push('\n');
        report.push_str(&yaml);
        insta::assert_snapshot!(report);
    });
}
