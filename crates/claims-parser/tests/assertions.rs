//! Data-driven parser tests: each file under `resources/assertions/` holds assertions, one a line
//! (`#` starts a comment; `@id ` before a line reads it as Indonesian; a line `@written DATE` sets
//! the day the following assertions were written, from which relative dates count), and its
//! snapshot shows how each one reads: its canonical form, or the rendered error.

mod common;

use std::fmt::Write;

use claims_parser::{Language, PartialDate, parse_assertion, parse_canonical};

#[test]
fn assertions() {
    let lexicon = common::lexicon();
    insta::glob!("../resources/assertions", "*.txt", |path| {
        let input = std::fs::read_to_string(path).unwrap();
        let mut report = String::new();
        let mut written: Option<PartialDate> = None;
        for line in input
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        {
            if let Some(date) = line.strip_prefix("@written ") {
                written = Some(date.parse().unwrap());
                writeln!(report, "(written on {date})").unwrap();
                continue;
            }
            let (language, text) = match line.strip_prefix("@id ") {
                Some(text) => (Language::Id, text),
                None => (Language::En, line),
            };
            writeln!(report, "[{language}] {text}").unwrap();
            match parse_assertion(text, language, &lexicon, written) {
                Ok(assertion) => {
                    let canonical = assertion.to_string();
                    let reparsed = parse_canonical(&canonical, &lexicon);
                    assert_eq!(
                        reparsed.as_ref(),
                        Ok(&assertion),
                        "canonical round trip of {text}"
                    );
                    writeln!(report, "  => {canonical}").unwrap();
                }
                Err(error) => {
                    for rendered in error.render(text, None, false).lines() {
                        writeln!(report, "  | {rendered}").unwrap();
                    }
                }
            }
        }
        insta::assert_snapshot!(report);
    });
}
