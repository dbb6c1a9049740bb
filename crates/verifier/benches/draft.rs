//! How long `factcheck draft` takes to draft a claim document from an article's text, as the text
//! grows to 1 MB: the seed article (4 KB) repeated, drafted with the bundled reference data and
//! no claims checked before, then written as YAML.
//!
//! Run with `cargo bench -p verifier --bench draft`; the README records the figures.

use std::path::Path;
use std::sync::OnceLock;

use claims_parser::{Language, PartialDate};
use verifier::draft::{DraftOptions, draft};
use verifier::{KnowledgeBase, Root};

fn main() {
    divan::main();
}

/// Sizes of the drafted text, in bytes (about).
const SIZES: [usize; 3] = [16_384, 131_072, 1_048_576];

fn bundled() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../claims/reference");
        verifier::load(&[Root::named(root, "claims/reference")]).expect("the bundled data loads")
    })
}

/// The seed article repeated to about `size` bytes.
fn article(size: usize) -> String {
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../claims/articles/texts/putin-baku-2024-08-id.txt"),
    )
    .expect("the seed article is kept with its claim document");
    let mut text = String::with_capacity(size + seed.len());
    while text.len() < size {
        text.push_str(&seed);
        text.push('\n');
    }
    text
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn draft_text(bencher: divan::Bencher, size: usize) {
    let kb = bundled();
    let text = article(size);
    let options = DraftOptions {
        language: Some(Language::Id),
        published: PartialDate::from(jiff::civil::date(2024, 8, 18)),
        published_given: true,
        title: None,
        url: None,
        file: "article.txt".to_owned(),
    };
    bencher.bench(|| draft(&text, kb, &[], options.clone()).to_yaml().len());
}
