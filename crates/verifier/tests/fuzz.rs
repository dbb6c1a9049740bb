//! Fuzzing by mutation, as a property test: the bundled claim documents, reference files and
//! assertions, mutated by random edits (bytes that matter to YAML and to the assertion language
//! inserted, deleted or replaced, spans repeated), are read, loaded and judged. Nothing may
//! panic, every error must be located inside its input, and every assertion that parses must
//! print a canonical form that reads back to it. A thousand cases by default; a long run:
//!
//! ```sh
//! PROPTEST_CASES=200000 cargo test --release -p verifier --test fuzz
//! ```

use std::path::Path;

use claims_parser::{Language, parse_assertion, parse_canonical};
use proptest::prelude::*;
use verifier::{Dates, KnowledgeBase, load_texts, yaml};

fn claims_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../claims"))
}

fn files(folder: &str) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(claims_dir().join(folder))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .map(|path| {
            let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
            (name, std::fs::read_to_string(path).unwrap())
        })
        .collect();
    files.sort();
    files
}

fn bundled() -> &'static KnowledgeBase {
    static KB: std::sync::OnceLock<KnowledgeBase> = std::sync::OnceLock::new();
    KB.get_or_init(|| {
        let files = files("reference");
        let texts: Vec<(String, &str)> = files
            .iter()
            .map(|(name, text)| (name.clone(), text.as_str()))
            .collect();
        load_texts(&texts).expect("the bundled data loads")
    })
}

/// One edit of a text.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    Replace(usize, &'static str),
    Repeat(usize, usize, usize),
}

const PIECES: &[&str] = &[
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    "\"",
    "#",
    "&a ",
    "*a",
    "|",
    ">",
    "\n",
    "  ",
    "\t",
    "---\n",
    "?",
    "!",
    "%",
    "@",
    "`",
    "é",
    "\u{200b}",
    "0",
    "9",
    "-",
    ".",
    "NOT ",
    "not ",
    "bukan ",
    "tidak ",
    "never ",
    "2024",
    "2024-02-30",
    "12345678901234567890",
    "1e309",
    "from ",
    " to ",
    "before ",
    "after ",
    "about ",
    "FIRST ",
    "COUNT ",
    "(",
    ")",
    "*",
    "=",
    "~",
    ">=",
    "the ",
    "Putin",
    "Azerbaijan",
    "[kind: ",
    "id: ",
    "claims:",
    "facts:",
    "negative: true",
];

fn edit() -> impl Strategy<Value = Edit> {
    let piece = prop::sample::select(PIECES);
    prop_oneof![
        (any::<usize>(), piece.clone()).prop_map(|(at, piece)| Edit::Insert(at, piece)),
        (any::<usize>(), 1usize..40).prop_map(|(at, length)| Edit::Delete(at, length)),
        (any::<usize>(), piece).prop_map(|(at, piece)| Edit::Replace(at, piece)),
        (any::<usize>(), 1usize..30, 2usize..50)
            .prop_map(|(at, length, times)| Edit::Repeat(at, length, times)),
    ]
}

/// `text` with `edits` applied, each at a character boundary.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_owned();
    let boundary = |text: &str, at: usize| {
        let at = at % (text.len() + 1);
        (0..=at)
            .rev()
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(0)
    };
    for edit in edits {
        match *edit {
            Edit::Insert(at, piece) => {
                let at = boundary(&text, at);
                text.insert_str(at, piece);
            }
            Edit::Delete(at, length) => {
                let at = boundary(&text, at);
                let end = boundary(&text, at + length).max(at);
                text.replace_range(at..end, "");
            }
            Edit::Replace(at, piece) => {
                let at = boundary(&text, at);
                let end = boundary(&text, at + piece.len()).max(at);
                text.replace_range(at..end, piece);
            }
            Edit::Repeat(at, length, times) => {
                let at = boundary(&text, at);
                let end = boundary(&text, at + length).max(at);
                let span = text[at..end].repeat(times);
                text.insert_str(end, &span);
            }
        }
    }
    text
}

fn located(line: Option<usize>, text: &str) -> bool {
    line.is_none_or(|line| line >= 1 && line <= text.lines().count().max(1) + 1)
}

proptest! {
    #[test]
    fn mutated_claim_documents_are_judged_or_refused_with_located_errors(
        index in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let documents = files("articles");
        let (name, text) = index.get(&documents);
        let text = mutate(text, &edits);
        match yaml::read_claim_document(&text) {
            Err(error) => prop_assert!(located(error.line, &text), "{error:?}"),
            Ok(document) => {
                let dates = Dates { as_of: None, also: None };
                let _ = verifier::check_document(bundled(), &document, name, dates);
            }
        }
    }

    #[test]
    fn mutated_reference_files_load_or_are_refused_with_located_errors(
        index in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let mut files = files("reference");
        let at = index.index(files.len());
        files[at].1 = mutate(&files[at].1, &edits);
        let texts: Vec<(String, &str)> = files
            .iter()
            .map(|(name, text)| (name.clone(), text.as_str()))
            .collect();
        if let Err(error) = load_texts(&texts) {
            for problem in &error.problems {
                if let verifier::Location::Position { line, .. } = problem.location {
                    let text = &files.iter().find(|(name, _)| *name == problem.file).unwrap().1;
                    prop_assert!(located(Some(line), text), "{problem:?}");
                }
            }
        }
    }

    #[test]
    fn mutated_assertions_parse_to_forms_that_read_back_or_fail_inside_the_text(
        index in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..4),
        indonesian in any::<bool>(),
    ) {
        let documents = files("articles");
        let assertions: Vec<String> = documents
            .iter()
            .filter_map(|(_, text)| yaml::read_claim_document(text).ok())
            .flat_map(|document| document.claims)
            .flat_map(|claim| claim.assertions)
            .collect();
        let text = mutate(index.get(&assertions).as_str(), &edits);
        let language = if indonesian { Language::Id } else { Language::En };
        let lexicon = bundled().lexicon();
        match parse_assertion(&text, language, lexicon, Some(jiff::civil::date(2024, 9, 3).into())) {
            Ok(assertion) => {
                prop_assert_eq!(parse_canonical(&assertion.to_string(), lexicon), Ok(assertion));
            }
            Err(error) => {
                prop_assert!(error.span.start <= error.span.end && error.span.end <= text.len());
                let _ = error.render(&text, None, false);
            }
        }
    }
}
