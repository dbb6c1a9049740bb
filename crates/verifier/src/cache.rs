//! A cache of the loaded knowledge base, so that a run on unchanged reference data skips parsing,
//! validating and indexing it.
//!
//! A [`Cache`] is a folder of entries. An entry is the [`KnowledgeBase`] as postcard bytes, under
//! a key that hashes (BLAKE3) every input of the load: the tool that wrote it, the cited name and
//! the bytes of every reference file, in load order. [`load_cached`] reads every file anyway,
//! hashes them, and uses an entry only when its key matches and its bytes match the checksum
//! they were written with; anything else (no entry, a damaged entry, reference data with
//! problems) is a cold load, so the cache never changes a verdict or an error message. Entries are written atomically (a temporary file,
//! then a rename) and only for data that loads without problems; writing one removes the older
//! entries of the same reference roots.

use std::fs;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::kb::KnowledgeBase;
use crate::load::{LoadError, Root, find_files};
use crate::yaml;

/// The layout of an entry. Part of every key, so that an entry of another layout is never read.
const FORMAT: &str = "factcheck knowledge base, postcard, layout 1";

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

    /// The entry `name`, if there is one that decodes and whose bytes match their checksum. The
    /// entry is decoded as it is read, through one buffer, and its checksum compared once every
    /// byte has passed: a base decoded from a damaged entry is dropped, never returned.
    fn read(&self, name: &str) -> Option<KnowledgeBase> {
        let mut file = fs::File::open(self.dir.join(name)).ok()?;
        let mut checksum = [0; blake3::OUT_LEN];
        file.read_exact(&mut checksum).ok()?;
        let mut decoder = postcard::Deserializer::from_flavor(Chunks::new(file));
        let kb = serde::Deserialize::deserialize(&mut decoder).ok()?;
        let hashed = decoder.finalize().ok()?.rest_hashed().ok()?;
        (hashed.as_bytes() == &checksum).then_some(kb)
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
        // The body is written as it is encoded, hashed on its way; its checksum, in front of
        // it, is written last.
        file.write_all(&[0; blake3::OUT_LEN])
            .map_err(|error| cannot_write(&error))?;
        let body = Hashing {
            hasher: blake3::Hasher::new(),
            inner: BufWriter::new(file),
        };
        let Hashing { hasher, inner } =
            postcard::to_io(kb, body).map_err(|error| cannot_write(&error))?;
        let mut file = inner
            .into_inner()
            .map_err(|error| cannot_write(&error.error().to_string()))?;
        file.seek(SeekFrom::Start(0))
            .and_then(|_| file.write_all(hasher.finalize().as_bytes()))
            .map_err(|error| cannot_write(&error))?;
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

/// postcard's input, read from a file through one reused buffer and hashed a chunk at a time as
/// it is read: as fast to decode as a slice, without holding the entry whole.
struct Chunks<R> {
    reader: R,
    hasher: blake3::Hasher,
    buffer: Vec<u8>,
    /// The unread bytes are `buffer[start..end]`.
    start: usize,
    end: usize,
}

impl<R: Read> Chunks<R> {
    fn new(reader: R) -> Self {
        Chunks {
            reader,
            hasher: blake3::Hasher::new(),
            buffer: vec![0; 1 << 20],
            start: 0,
            end: 0,
        }
    }

    /// Makes `wanted` unread bytes available, reading more (and growing the buffer for an item
    /// longer than it).
    fn fill(&mut self, wanted: usize) -> postcard::Result<()> {
        if self.end - self.start >= wanted {
            return Ok(());
        }
        self.buffer.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if self.buffer.len() < wanted {
            self.buffer.resize(wanted, 0);
        }
        while self.end < wanted {
            let read = self
                .reader
                .read(&mut self.buffer[self.end..])
                .map_err(|_| postcard::Error::DeserializeUnexpectedEnd)?;
            if read == 0 {
                return Err(postcard::Error::DeserializeUnexpectedEnd);
            }
            self.hasher.update(&self.buffer[self.end..self.end + read]);
            self.end += read;
        }
        Ok(())
    }

    /// The hash of every byte of the reader, those after the decoded base included.
    fn rest_hashed(mut self) -> std::io::Result<blake3::Hash> {
        let mut rest = Hashing {
            hasher: self.hasher,
            inner: std::io::sink(),
        };
        std::io::copy(&mut self.reader, &mut rest)?;
        Ok(rest.hasher.finalize())
    }
}

/// A writer that hashes what passes through it on its way to `inner`.
struct Hashing<W> {
    hasher: blake3::Hasher,
    inner: W,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<'de, R: Read + 'de> postcard::de_flavors::Flavor<'de> for Chunks<R> {
    type Remainder = Self;
    type Source = R;

    fn pop(&mut self) -> postcard::Result<u8> {
        self.fill(1)?;
        self.start += 1;
        Ok(self.buffer[self.start - 1])
    }

    /// Nothing in the base borrows from its input.
    fn try_take_n(&mut self, _: usize) -> postcard::Result<&'de [u8]> {
        Err(postcard::Error::DeserializeUnexpectedEnd)
    }

    fn try_take_n_temp<'a>(&'a mut self, count: usize) -> postcard::Result<&'a [u8]>
    where
        'de: 'a,
    {
        self.fill(count)?;
        self.start += count;
        Ok(&self.buffer[self.start - count..self.start])
    }

    fn finalize(self) -> postcard::Result<Self> {
        Ok(self)
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

/// Adds one length-prefixed field to a key, so that no two sequences of fields hash alike.
fn hash_field(hasher: &mut blake3::Hasher, bytes: &[u8]) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// Loads the reference data under `roots` as [`crate::load`] does, through `cache` when given:
/// the same knowledge base, or the same problems, either way.
///
/// Every file is streamed through its hasher, files in parallel; on a miss, the files
/// are read again as a cold load reads them (from the operating system's page cache, by then).
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
    let hashes: Option<Vec<blake3::Hash>> = found
        .files
        .par_iter()
        .map(|(name, path)| hash_file(name, path))
        .collect();
    let Some(hashes) = hashes else {
        // A file that cannot be read: the cold load reports it.
        return found.load().map(|kb| (kb, CacheUse::Off));
    };
    let mut hasher = blake3::Hasher::new();
    hash_field(&mut hasher, FORMAT.as_bytes());
    hash_field(&mut hasher, cache.tool.as_bytes());
    for hash in &hashes {
        hasher.update(hash.as_bytes());
    }
    let prefix = cache.prefix(roots);
    let name = format!("{prefix}{}.postcard", hasher.finalize().to_hex());
    if let Some(kb) = cache.read(&name) {
        return Ok((kb, CacheUse::Hit));
    }
    let kb = found.load()?;
    let stored = match cache.write(&prefix, &name, &kb) {
        Ok(()) => CacheUse::Stored,
        Err(reason) => CacheUse::NotStored(reason),
    };
    Ok((kb, stored))
}
