//! Loading, caching, judging and linting at scale, on bases shaped like real reference data
//! (`scale/data.rs`: entities with aliases, five relations, an inline source per fact, and a
//! completeness record per pair or negative facts over the gaps) of 100,000 and 1,000,000 facts,
//! written to a temporary directory and read as `factcheck` reads them:
//!
//! - `floor`: serde_yaml parsing every file into `IgnoredAny`, on every core, after reading it:
//!   no loader can read the YAML faster with this parser;
//! - `cold_load`: `verifier::load`, reading, parsing, validating and indexing (the base is
//!   returned, and divan drops it after timing, as it does the warm load's);
//! - `warm_load`: the same through the cache, its entry written beforehand (reading and hashing
//!   every file, then reading the entry);
//! - `judge`: judging 10,000 parsed assertions on one core (divan's throughput is assertions per
//!   second);
//! - `judge_again`: the same, each assertion judged ten times running, so that all but the first
//!   find what they read in the processor's caches: the work of judging, apart from the memory
//!   latency that `judge` adds as the base grows;
//! - `lint`: `verifier::lint::lint` on the loaded base.
//!
//! Every figure is taken with mimalloc, the allocator the command line runs with. Run with `cargo
//! bench -p verifier --bench scale`; the README records the figures. Peak memory is measured on
//! the command line instead (`examples/scale_data.rs` writes the same data).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use claims_parser::{Assertion, Language, parse_assertion};
use rayon::prelude::*;
use verifier::cache::{Cache, CacheUse, load_cached};
use verifier::{KnowledgeBase, Root};

#[path = "scale/data.rs"]
mod data;

use data::Closure;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const SIZES: [usize; 2] = [100_000, 1_000_000];
const CLOSURES: [&str; 2] = ["completeness", "negative"];

fn closure(name: &str) -> Closure {
    match name {
        "completeness" => Closure::Completeness,
        _ => Closure::Negative,
    }
}

/// A generated base on disk, kept for the whole run: its directory and its assertions.
struct OnDisk {
    _dir: tempfile::TempDir,
    root: PathBuf,
    assertions: Vec<String>,
}

fn on_disk(facts: usize, closure_name: &str) -> &'static OnDisk {
    type Bases = HashMap<(usize, String), &'static OnDisk>;
    static BASES: OnceLock<Mutex<Bases>> = OnceLock::new();
    let mut bases = BASES.get_or_init(Default::default).lock().unwrap();
    bases
        .entry((facts, closure_name.to_owned()))
        .or_insert_with(|| {
            let base = data::generate(facts, closure(closure_name));
            let dir = tempfile::tempdir().unwrap();
            for (name, text) in &base.files {
                let path = dir.path().join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            let root = dir.path().join("reference");
            Box::leak(Box::new(OnDisk {
                _dir: dir,
                root,
                assertions: base.assertions,
            }))
        })
}

fn roots(base: &OnDisk) -> Vec<Root> {
    vec![Root::given(&base.root)]
}

fn loaded(facts: usize, closure_name: &str) -> &'static KnowledgeBase {
    type Loaded = HashMap<(usize, String), &'static KnowledgeBase>;
    static LOADED: OnceLock<Mutex<Loaded>> = OnceLock::new();
    let base = on_disk(facts, closure_name);
    let mut loaded = LOADED.get_or_init(Default::default).lock().unwrap();
    loaded
        .entry((facts, closure_name.to_owned()))
        .or_insert_with(|| Box::leak(Box::new(verifier::load(&roots(base)).unwrap())))
}

/// Reading every file and parsing it into `IgnoredAny`, on every core.
#[divan::bench(args = SIZES, consts = [0, 1], sample_count = 3, sample_size = 1)]
fn floor<const CLOSURE: usize>(bencher: divan::Bencher, facts: usize) {
    let base = on_disk(facts, CLOSURES[CLOSURE]);
    let files: Vec<PathBuf> = walkdir(&base.root);
    bencher.bench(|| {
        files
            .par_iter()
            .map(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                serde_yaml::from_str::<serde::de::IgnoredAny>(&text).is_ok()
            })
            .filter(|parsed| *parsed)
            .count()
    });
}

fn walkdir(root: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The whole load, cold: read, parse, validate, index, build the lexicon.
#[divan::bench(args = SIZES, consts = [0, 1], sample_count = 3, sample_size = 1)]
fn cold_load<const CLOSURE: usize>(bencher: divan::Bencher, facts: usize) {
    let base = on_disk(facts, CLOSURES[CLOSURE]);
    bencher.bench(|| verifier::load(&roots(base)).unwrap());
}

/// The load through the cache, its entry written beforehand.
#[divan::bench(args = SIZES, consts = [0, 1], sample_count = 3, sample_size = 1)]
fn warm_load<const CLOSURE: usize>(bencher: divan::Bencher, facts: usize) {
    let base = on_disk(facts, CLOSURES[CLOSURE]);
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), "scale bench");
    load_cached(&roots(base), Some(&cache)).unwrap();
    bencher.bench(|| {
        let (kb, used) = load_cached(&roots(base), Some(&cache)).unwrap();
        assert_eq!(used, CacheUse::Hit);
        kb
    });
}

/// The first 10,000 assertions of a base, parsed.
fn first_assertions(base: &OnDisk, kb: &KnowledgeBase) -> Vec<Assertion> {
    base.assertions
        .iter()
        .take(10_000)
        .map(|text| parse_assertion(text, Language::En, kb.lexicon(), None).unwrap())
        .collect()
}

/// Judging 10,000 parsed assertions on one core.
#[divan::bench(args = SIZES, consts = [0, 1], sample_count = 10)]
fn judge<const CLOSURE: usize>(bencher: divan::Bencher, facts: usize) {
    let base = on_disk(facts, CLOSURES[CLOSURE]);
    let kb = loaded(facts, CLOSURES[CLOSURE]);
    let assertions = first_assertions(base, kb);
    let date = jiff::civil::date(2026, 12, 7);
    bencher
        .counter(divan::counter::ItemsCount::new(assertions.len()))
        .bench(|| {
            assertions
                .iter()
                .map(|assertion| kb.judge(divan::black_box(assertion), date).is_ok())
                .filter(|judged| *judged)
                .count()
        });
}

/// Judging 10,000 parsed assertions on one core, each ten times running: the work of judging
/// without the cache misses of a first look at its facts and indexes, which grow with the size of
/// the base (divan's throughput is judgments per second).
#[divan::bench(args = SIZES, consts = [0, 1], sample_count = 10)]
fn judge_again<const CLOSURE: usize>(bencher: divan::Bencher, facts: usize) {
    let base = on_disk(facts, CLOSURES[CLOSURE]);
    let kb = loaded(facts, CLOSURES[CLOSURE]);
    let assertions = first_assertions(base, kb);
    let date = jiff::civil::date(2026, 12, 7);
    bencher
        .counter(divan::counter::ItemsCount::new(assertions.len() * 10))
        .bench(|| {
            assertions
                .iter()
                .flat_map(|assertion| std::iter::repeat_n(assertion, 10))
                .map(|assertion| kb.judge(divan::black_box(assertion), date).is_ok())
                .filter(|judged| *judged)
                .count()
        });
}

/// Every lint check on the loaded base.
#[divan::bench(args = SIZES, consts = [0, 1], sample_count = 3, sample_size = 1)]
fn lint<const CLOSURE: usize>(bencher: divan::Bencher, facts: usize) {
    let kb = loaded(facts, CLOSURES[CLOSURE]);
    bencher.bench(|| verifier::lint::lint(kb).len());
}
