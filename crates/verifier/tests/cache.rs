//! The cache of loaded reference data: an entry is used only when every input matches, and a run
//! through the cache reports exactly what a cold run reports.

use std::fs;
use std::path::{Path, PathBuf};

use verifier::cache::{Cache, CacheUse, load_cached};
use verifier::{Dates, KnowledgeBase, Root, check_document, report};

const TOOL: &str = "factcheck test build";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A copy of the bundled reference data, to change.
fn copy_of_bundled_reference() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let bundled = workspace().join("claims/reference");
    for entry in fs::read_dir(&bundled).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, copy.path().join(path.file_name().unwrap())).unwrap();
    }
    copy
}

fn roots(dir: &Path) -> Vec<Root> {
    vec![Root::named(dir, "claims/reference")]
}

fn load(dir: &Path, cache: &Cache) -> (KnowledgeBase, CacheUse) {
    load_cached(&roots(dir), Some(cache)).expect("the reference data loads")
}

/// Every bundled claim document, judged and rendered as the JSON report.
fn report_of(kb: &KnowledgeBase) -> String {
    let articles = workspace().join("claims/articles");
    let mut names: Vec<PathBuf> = fs::read_dir(&articles)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    names.sort();
    let reports: Vec<_> = names
        .iter()
        .map(|path| {
            let text = fs::read_to_string(path).unwrap();
            let document = verifier::yaml::read_claim_document(&text).unwrap();
            let name = path.file_name().unwrap().to_string_lossy();
            check_document(kb, &document, &name, Dates::default()).unwrap()
        })
        .collect();
    report::json(&reports)
}

#[test]
fn a_warm_load_reports_exactly_what_a_cold_load_does() {
    let data = copy_of_bundled_reference();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    let (cold, first) = load(data.path(), &cache);
    assert_eq!(first, CacheUse::Stored);
    let (warm, second) = load(data.path(), &cache);
    assert_eq!(second, CacheUse::Hit);
    let uncached = verifier::load(&roots(data.path())).unwrap();
    assert_eq!(report_of(&warm), report_of(&cold));
    assert_eq!(report_of(&warm), report_of(&uncached));
    assert_eq!(
        verifier::lint::lint(&warm),
        verifier::lint::lint(&uncached),
        "lint reads the same base"
    );
}

/// Loads once to store an entry, changes the data with `change`, and loads again: the entry must
/// not be used, and the second load must see the change.
fn after_change(change: impl FnOnce(&Path)) -> (CacheUse, KnowledgeBase) {
    let data = copy_of_bundled_reference();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    assert_eq!(load(data.path(), &cache).1, CacheUse::Stored);
    change(data.path());
    let (kb, used) = load(data.path(), &cache);
    (used, kb)
}

const NEW_ENTITY: &str = "entities:\n  - id: testland\n    name: Testland\n    kind: country\n    aliases:\n      en: [Testland]\n";

#[test]
fn a_changed_byte_is_a_miss() {
    let (used, kb) = after_change(|dir| {
        let file = dir.join("rome-statute.yaml");
        let text = fs::read_to_string(&file).unwrap();
        // One byte: Azerbaijan's display name.
        let changed = text.replacen("name: \"Azerbaijan\"", "name: \"Azerbaijam\"", 1);
        assert_ne!(text, changed, "the fixture names Azerbaijan");
        fs::write(&file, changed).unwrap();
    });
    assert_eq!(used, CacheUse::Stored);
    let azerbaijan = kb.entity(kb.entity_id("azerbaijan").unwrap());
    assert_eq!(azerbaijan.name, "Azerbaijam");
}

#[test]
fn a_new_file_is_a_miss() {
    let (used, kb) = after_change(|dir| fs::write(dir.join("testland.yaml"), NEW_ENTITY).unwrap());
    assert_eq!(used, CacheUse::Stored);
    assert!(kb.entity_id("testland").is_some());
}

#[test]
fn a_removed_file_is_a_miss() {
    let data = copy_of_bundled_reference();
    fs::write(data.path().join("testland.yaml"), NEW_ENTITY).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    assert!(load(data.path(), &cache).0.entity_id("testland").is_some());
    fs::remove_file(data.path().join("testland.yaml")).unwrap();
    let (kb, used) = load(data.path(), &cache);
    assert_eq!(used, CacheUse::Stored);
    assert!(kb.entity_id("testland").is_none());
}

#[test]
fn another_tool_version_is_a_miss() {
    let data = copy_of_bundled_reference();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    assert_eq!(load(data.path(), &cache).1, CacheUse::Stored);
    let other = Cache::new(folder.path(), "factcheck another build");
    assert_eq!(load(data.path(), &other).1, CacheUse::Stored);
    assert_eq!(load(data.path(), &other).1, CacheUse::Hit);
}

#[test]
fn a_file_cited_under_another_name_is_a_miss() {
    let data = copy_of_bundled_reference();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    assert_eq!(load(data.path(), &cache).1, CacheUse::Stored);
    let cited_otherwise = vec![Root::named(data.path(), "desk/reference")];
    let (kb, used) = load_cached(&cited_otherwise, Some(&cache)).unwrap();
    assert_eq!(used, CacheUse::Stored);
    let azerbaijan = kb.entity(kb.entity_id("azerbaijan").unwrap());
    assert!(kb.file_name(azerbaijan.file).starts_with("desk/reference/"));
}

/// The cache's entries, by name.
fn entries(folder: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    entries
}

#[test]
fn a_damaged_entry_is_loaded_cold_and_replaced() {
    let data = copy_of_bundled_reference();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    let (cold, _) = load(data.path(), &cache);
    let [entry] = entries(folder.path()).try_into().unwrap();
    let good = fs::read(&entry).unwrap();
    // The table's checksum, the table, and points through every section.
    let mut positions = vec![0, 40, 100, good.len() - 1];
    positions.extend((1..24).map(|step| good.len() * step / 24));
    for position in positions {
        let mut bytes = good.clone();
        bytes[position] ^= 0x10;
        fs::write(&entry, &bytes).unwrap();
        let (kb, used) = load(data.path(), &cache);
        assert_eq!(used, CacheUse::Stored, "byte {position} changed");
        assert_eq!(report_of(&kb), report_of(&cold));
    }
    let mut longer = good.clone();
    longer.push(0);
    fs::write(&entry, &longer).unwrap();
    assert_eq!(
        load(data.path(), &cache).1,
        CacheUse::Stored,
        "a byte added"
    );
    fs::write(&entry, &good[..good.len() / 2]).unwrap();
    assert_eq!(
        load(data.path(), &cache).1,
        CacheUse::Stored,
        "a truncated entry"
    );
    assert_eq!(load(data.path(), &cache).1, CacheUse::Hit);
}

#[test]
fn a_new_entry_replaces_the_old_entry_of_the_same_roots_only() {
    let data = copy_of_bundled_reference();
    let other = copy_of_bundled_reference();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    load(data.path(), &cache);
    load(other.path(), &cache);
    assert_eq!(entries(folder.path()).len(), 2);
    fs::write(data.path().join("testland.yaml"), NEW_ENTITY).unwrap();
    load(data.path(), &cache);
    assert_eq!(
        entries(folder.path()).len(),
        2,
        "one entry per set of roots"
    );
    assert_eq!(load(other.path(), &cache).1, CacheUse::Hit);
}

/// The entry of the roots is decoded while the files are hashed only when it is their one entry;
/// beside another entry of the same roots (as two runs on different data at once can leave), the
/// entry the hashes name is still the one read.
#[test]
fn an_entry_beside_another_of_the_same_roots_is_still_a_hit() {
    let data = copy_of_bundled_reference();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    assert_eq!(load(data.path(), &cache).1, CacheUse::Stored);
    let entry = entries(folder.path()).pop().unwrap();
    let name = entry.file_name().unwrap().to_string_lossy().into_owned();
    let prefix = &name[..=name.rfind('-').unwrap()];
    let other = folder
        .path()
        .join(format!("{prefix}{}.postcard", "0".repeat(64)));
    fs::write(&other, b"an entry of other data").unwrap();
    assert_eq!(load(data.path(), &cache).1, CacheUse::Hit);
    fs::remove_file(&entry).unwrap();
    assert_eq!(
        load(data.path(), &cache).1,
        CacheUse::Stored,
        "the other entry is not read for this data"
    );
}

#[test]
fn data_with_problems_gives_the_same_problems_and_stores_nothing() {
    let data = copy_of_bundled_reference();
    fs::write(
        data.path().join("broken.yaml"),
        "facts:\n  - relation: party_to\n    subject: nowhere\n",
    )
    .unwrap();
    let folder = tempfile::tempdir().unwrap();
    let cache = Cache::new(folder.path(), TOOL);
    let cached = load_cached(&roots(data.path()), Some(&cache)).unwrap_err();
    let uncached = verifier::load(&roots(data.path())).unwrap_err();
    assert_eq!(cached, uncached);
    assert!(entries(folder.path()).is_empty());
}

#[test]
fn a_folder_that_cannot_be_written_still_loads() {
    let data = copy_of_bundled_reference();
    let file = tempfile::NamedTempFile::new().unwrap();
    // A file where the folder should be: nothing can be created under it.
    let cache = Cache::new(file.path().join("cache"), TOOL);
    let (kb, used) = load(data.path(), &cache);
    assert!(
        matches!(&used, CacheUse::NotStored(reason) if reason.starts_with("cannot create")),
        "{used:?}"
    );
    assert!(kb.entity_id("azerbaijan").is_some());
}
