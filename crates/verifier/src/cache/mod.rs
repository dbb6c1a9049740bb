//! A cache of the loaded knowledge base, so that a run on unchanged reference data skips parsing,
//! validating and indexing it.
//!
//! A [`Cache`] is a folder of entries. An entry is the [`KnowledgeBase`] as postcard bytes in
//! sections (`entry.rs`), under a key that hashes (BLAKE3) every input of the load: the tool that
//! wrote it, the cited name and the bytes of every reference file, in load order. [`load_cached`]
//! reads every file anyway, hashes them, and uses an entry only when its key matches and its bytes
//! match the checksums they were written with; anything else (no entry, a damaged entry,
//! reference data with problems) is a cold load, so the cache never changes a verdict or an error
//! message. Entries are written atomically (a temporary file, then a rename) and only for data
//! that loads without problems; writing one removes the older entries of the same reference
//! roots.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::kb::KnowledgeBase;
use crate::load::{LoadError, Root, find_files};
use crate::yaml;

mod entry;

use entry::FORMAT;

/// How an entry's file name ends.
const ENTRY_EXTENSION: &str = ".postcard";

/// Where entries are kept, and the tool they are written by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
    tool: String,
}

/// What the cache did during a load that succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheUse {
    /// No cache was given: the data was loaded cold.
    Off,
    /// The knowledge base was read from an entry.
    Hit,
    /// The data was loaded cold and an entry written.
    Stored,
    /// The data was loaded cold and no entry written, for this reason (a folder that cannot be
    /// written, a full disk). The load itself succeeded.
    NotStored(String),
}

impl Cache {
    /// A cache in `dir` (created when the first entry is written), for entries written by `tool`:
    /// a name that changes whenever the tool's loading could (its version and build). Entries of
    /// another tool are never read.
    pub fn new(dir: impl Into<PathBuf>, tool: impl Into<String>) -> Cache {
        Cache {
            dir: dir.into(),
            tool: tool.into(),
        }
    }

    /// The default folder: `factcheck` in the platform's cache folder (`$XDG_CACHE_HOME` or
    /// `~/.cache` on Linux, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows), if it has
    /// one.
    pub fn default_dir() -> Option<PathBuf> {
        dirs::cache_dir().map(|dir| dir.join("factcheck"))
    }

    /// The folder entries are kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The entries of `roots` are named for them, so that writing one replaces the roots' older
    /// entry and leaves other roots' alone.
    fn prefix(&self, roots: &[Root]) -> String {
        let mut hasher = blake3::Hasher::new();
        for root in roots {
            let path = fs::canonicalize(&root.path).unwrap_or_else(|_| root.path.clone());
            hash_field(&mut hasher, path.as_os_str().as_encoded_bytes());
            hash_field(&mut hasher, root.shown.as_bytes());
        }
        format!("kb-{}-", &hasher.finalize().to_hex()[..16])
    }

    /// The entry `name`, if there is one that decodes and whose bytes match their checksums,
    /// unless `abandoned` is set while it is read.
    fn read(&self, name: &str, abandoned: &AtomicBool) -> Option<KnowledgeBase> {
        entry::read(&self.dir.join(name), abandoned)
    }

    /// The name of the entry of the roots named by `prefix`, if they have exactly one: writing an
    /// entry removes the older ones of its roots, so it is the one a load of unchanged data reads.
    fn only_entry(&self, prefix: &str) -> Option<String> {
        let mut names = fs::read_dir(&self.dir).ok()?.flatten().filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            (name.starts_with(prefix) && name.ends_with(ENTRY_EXTENSION)).then_some(name)
        });
        let only = names.next()?;
        names.next().is_none().then_some(only)
    }

    fn write(&self, prefix: &str, name: &str, kb: &KnowledgeBase) -> Result<(), String> {
        fs::create_dir_all(&self.dir)
            .map_err(|error| format!("cannot create {}: {error}", self.dir.display()))?;
        let cannot_write = |error: &dyn std::fmt::Display| {
            format!("cannot write in {}: {error}", self.dir.display())
        };
        let mut file = tempfile::Builder::new()
            .prefix(".entry-")
            .tempfile_in(&self.dir)
            .map_err(|error| cannot_write(&error))?;
        entry::write(kb, file.as_file_mut()).map_err(|error| cannot_write(&error))?;
        file.persist(self.dir.join(name))
            .map_err(|error| cannot_write(&error.error))?;
        if let Ok(entries) = fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let old = entry.file_name();
                let old = old.to_string_lossy();
                if old.starts_with(prefix) && old != name {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        Ok(())
    }
}

/// The hash of a file's cited name and bytes, the bytes streamed from the file and followed by
/// their count; `None` if it cannot be read whole or is larger than [`yaml::MOST_FILE_BYTES`].
fn hash_file(name: &str, path: &Path) -> Option<blake3::Hash> {
    let file = fs::File::open(path).ok()?;
    yaml::check_file_size(file.metadata().ok()?.len()).ok()?;
    let mut hasher = blake3::Hasher::new();
    hash_field(&mut hasher, name.as_bytes());
    let before = hasher.count();
    hasher
        .update_reader(file.take(yaml::MOST_FILE_BYTES + 1))
        .ok()?;
    let length = hasher.count() - before;
    yaml::check_file_size(length).ok()?;
    hasher.update(&length.to_le_bytes());
    Some(hasher.finalize())
}

/// The name of the entry of the data in `files`: the hash of every file's cited name and bytes,
/// after the entry format and the tool. `None` if a file cannot be read.
fn entry_name(prefix: &str, cache: &Cache, files: &[(String, PathBuf)]) -> Option<String> {
    let hashes: Vec<blake3::Hash> = files
        .par_iter()
        .map(|(name, path)| hash_file(name, path))
        .collect::<Option<_>>()?;
    let mut hasher = blake3::Hasher::new();
    hash_field(&mut hasher, FORMAT.as_bytes());
    hash_field(&mut hasher, cache.tool.as_bytes());
    for hash in &hashes {
        hasher.update(hash.as_bytes());
    }
    Some(format!(
        "{prefix}{}{ENTRY_EXTENSION}",
        hasher.finalize().to_hex()
    ))
}

/// Adds one length-prefixed field to a key, so that no two sequences of fields hash alike.
fn hash_field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// Loads the reference data under `roots` as [`crate::load`] does, through `cache` when given:
/// the same knowledge base, or the same problems, either way.
///
/// Every file is streamed through its hasher, files in parallel. Meanwhile the roots' one entry,
/// if they have one, is decoded: it is used if the hashes name it, and its decoding is abandoned
/// as soon as they name another. On a miss, the files are read again as a cold load reads them
/// (from the operating system's page cache, by then).
pub fn load_cached(
    roots: &[Root],
    cache: Option<&Cache>,
) -> Result<(KnowledgeBase, CacheUse), LoadError> {
    let found = find_files(roots);
    let Some(cache) = cache else {
        return found.load().map(|kb| (kb, CacheUse::Off));
    };
    if !found.problems.is_empty() {
        return found.load().map(|kb| (kb, CacheUse::Off));
    }
    let prefix = cache.prefix(roots);
    let guess = cache.only_entry(&prefix);
    let abandoned = AtomicBool::new(false);
    let (name, guessed) = rayon::join(
        || {
            let name = entry_name(&prefix, cache, &found.files);
            if name.is_none() || name != guess {
                abandoned.store(true, Ordering::Relaxed);
            }
            name
        },
        || {
            guess
                .as_deref()
                .and_then(|guess| cache.read(guess, &abandoned))
        },
    );
    let Some(name) = name else {
        drop(guessed);
        // A file that cannot be read: the cold load reports it.
        return found.load().map(|kb| (kb, CacheUse::Off));
    };
    let read = if guess.as_ref() == Some(&name) {
        guessed
    } else {
        drop(guessed);
        cache.read(&name, &AtomicBool::new(false))
    };
    if let Some(kb) = read {
        return Ok((kb, CacheUse::Hit));
    }
    let kb = found.load()?;
    let stored = match cache.write(&prefix, &name, &kb) {
        Ok(()) => CacheUse::Stored,
        Err(reason) => CacheUse::NotStored(reason),
    };
    Ok((kb, stored))
}
