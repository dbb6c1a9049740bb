//! The cost of hostile input, as it grows: assertions up to the length limit (a long unknown
//! name, a sentence repeated, many unknown words), name suggestions on lexicons of growing size,
//! and YAML nested or aliased past the limits. Each series should grow at most linearly in its
//! input, and the refused YAML should cost the same however far past the limit it goes.
//!
//! Run with `cargo bench -p verifier --bench hostile`; the README records the figures.

use claims_parser::{Language, Lexicon, LexiconBuilder, parse_assertion};
use verifier::{KnowledgeBase, load_texts, yaml};

fn main() {
    divan::main();
}

fn bundled() -> &'static KnowledgeBase {
    static KB: std::sync::OnceLock<KnowledgeBase> = std::sync::OnceLock::new();
    KB.get_or_init(|| {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../claims/reference");
        let texts: Vec<(String, String)> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| {
                let path = entry.unwrap().path();
                let name = path.display().to_string();
                (name, std::fs::read_to_string(path).unwrap())
            })
            .collect();
        let texts: Vec<(String, &str)> = texts
            .iter()
            .map(|(name, text)| (name.clone(), text.as_str()))
            .collect();
        load_texts(&texts).unwrap()
    })
}

/// Assertions of about `bytes` bytes, in three hostile shapes.
fn assertion(shape: &str, bytes: usize) -> String {
    let tail = " is a party to the Rome Statute";
    match shape {
        "long-unknown-name" => format!("{}{tail}", "x".repeat(bytes - tail.len())),
        "repeated-sentence" => {
            let sentence = "Putin visited Azerbaijan ";
            sentence.repeat(bytes / sentence.len())
        }
        _ => format!("{}{tail}", "qqq ".repeat((bytes - tail.len()) / 4)),
    }
}

const LENGTHS: [usize; 4] = [125, 250, 500, 1000];

#[divan::bench(args = LENGTHS)]
fn parse_long_unknown_name(bencher: divan::Bencher, bytes: usize) {
    let text = assertion("long-unknown-name", bytes);
    bencher.bench(|| parse_assertion(&text, Language::En, bundled().lexicon(), None).is_ok());
}

#[divan::bench(args = LENGTHS)]
fn parse_repeated_sentence(bencher: divan::Bencher, bytes: usize) {
    let text = assertion("repeated-sentence", bytes);
    bencher.bench(|| parse_assertion(&text, Language::En, bundled().lexicon(), None).is_ok());
}

#[divan::bench(args = LENGTHS)]
fn parse_many_unknown_words(bencher: divan::Bencher, bytes: usize) {
    let text = assertion("many-unknown-words", bytes);
    bencher.bench(|| parse_assertion(&text, Language::En, bundled().lexicon(), None).is_ok());
}

/// A lexicon of `aliases` entities, each with one alias.
fn lexicon(aliases: usize) -> Lexicon {
    let mut lexicon = LexiconBuilder::new();
    for index in 0..aliases {
        let id = format!("entity-{index}");
        lexicon.entity(&id, &id, "country");
        lexicon
            .alias(&id, Language::En, &format!("Country number {index}"))
            .unwrap();
    }
    lexicon.build()
}

#[divan::bench(args = [1_000, 10_000, 100_000, 1_000_000])]
fn suggest_a_misspelt_name(bencher: divan::Bencher, aliases: usize) {
    let lexicon = lexicon(aliases);
    bencher.bench(|| lexicon.suggest_aliases("Cuontry number 12345", 3));
}

#[divan::bench(args = [1_000, 10_000, 100_000])]
fn yaml_flow_nesting(bencher: divan::Bencher, depth: usize) {
    let text = format!("entities: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    bencher.bench(|| yaml::read_reference(&text));
}

#[divan::bench(args = [100, 1_000, 10_000])]
fn yaml_aliases_of_a_large_string(bencher: divan::Bencher, uses: usize) {
    let mut text = format!("notes:\n  big: &big {}\n  uses:\n", "x".repeat(1 << 20));
    for _ in 0..uses {
        text.push_str("    - *big\n");
    }
    bencher.bench(|| yaml::read_reference(&text));
}
