//! Writing `--output` files atomically, with the permissions a plain write would give them, and
//! with a way for a signal handler to leave no temporary file behind.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tempfile::NamedTempFile;

use crate::InputError;

/// The temporary files of the writes in progress. Each is created and recorded, and renamed into
/// place and forgotten, under this lock, so that [`abandon_write`] sees every temporary file there is
/// and none is renamed after it has run.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    // The list is valid whatever a panicking holder was doing.
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Writes `contents` to `path` atomically: to a temporary file beside it, then renamed over it, so
/// that no reader ever sees it half written. A new file gets the permissions of any file the
/// process creates (`0o666` less the umask, on Unix); a replaced file keeps its own.
pub fn write_atomically(path: &Path, contents: &str) -> Result<(), InputError> {
    write_atomically_with(path, |file| file.write_all(contents.as_bytes()))
}

/// Writes to `path` atomically what `write` writes to the file it is given, through a buffer, as
/// [`write_atomically`] does.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), InputError> {
    let error = |e: io::Error| InputError(format!("error: cannot write {}: {e}", path.display()));
    let file = begin(path).map_err(error)?;
    let mut buffered = io::BufWriter::new(file);
    let written = write(&mut buffered).and_then(|()| buffered.flush());
    // A buffer that could not be flushed is dropped with the file: `written` holds why.
    let file = match buffered.into_inner() {
        Ok(file) => file,
        Err(unflushed) => unflushed.into_inner().into_parts().0,
    };
    finish(file, written, path).map_err(error)
}

/// Creates and records the temporary file for `path`.
fn begin(path: &Path) -> io::Result<NamedTempFile> {
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut pending = pending();
    let file = temporary_file(dir, path)?;
    pending.push(file.path().to_path_buf());
    Ok(file)
}

/// Renames the temporary `file` over `path` if it was `written` and no signal abandoned it, or
/// removes it.
fn finish(file: NamedTempFile, written: io::Result<()>, path: &Path) -> io::Result<()> {
    let mut pending = pending();
    let Some(index) = pending.iter().position(|pending| pending == file.path()) else {
        return Err(io::Error::new(
            io::ErrorKind::Interrupted,
            "the write was abandoned",
        ));
    };
    pending.swap_remove(index);
    // The file is removed before the lock is released: dropping it, or the error of a failed
    // rename, which holds it, removes it.
    match written {
        Ok(()) => file.persist(path).map(drop).map_err(|error| error.error),
        Err(error) => {
            drop(file);
            Err(error)
        }
    }
}

/// A temporary file in `dir` with the permissions that `path` is to have.
fn temporary_file(dir: &Path, path: &Path) -> io::Result<NamedTempFile> {
    // tempfile creates its files with mode 0o600 unless told otherwise. It passes the mode to
    // open(2), which clears the bits of the umask from it, as it does for `File::create`: asked
    // for 0o666, it gives the file exactly what any new file of the process gets, without reading
    // the umask (which a process can portably do only by setting it, a race with its threads).
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::PermissionsExt;
        tempfile::Builder::new()
            .permissions(std::fs::Permissions::from_mode(0o666))
            .tempfile_in(dir)?
    };
    #[cfg(not(unix))]
    let file = NamedTempFile::new_in(dir)?;
    // A replaced file's permissions are copied as they are: fchmod(2), unlike open(2), does not
    // apply the umask.
    match std::fs::metadata(path) {
        Ok(replaced) => file.as_file().set_permissions(replaced.permissions())?,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    Ok(file)
}

/// Removes the temporary files of the [`write_atomically`] calls in progress, then runs `end` with
/// every write held back: until `end` returns, no temporary file is created or renamed into place,
/// and the abandoned writes fail. For a signal handler: `end` ends the process, and an interrupted
/// write leaves nothing behind. `end` must not write atomically itself.
pub fn abandon_write<T>(end: impl FnOnce() -> T) -> T {
    let mut pending = pending();
    for temporary in pending.drain(..) {
        // The file may already be gone; there is nobody to tell if it cannot be removed.
        let _ = std::fs::remove_file(temporary);
    }
    end()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect()
    }

    /// One test, because writes in other threads of this process would see the abandonment.
    #[test]
    fn an_abandoned_write_leaves_nothing_and_renames_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("report.txt");

        assert_eq!(abandon_write(|| "ran"), "ran", "with no write in progress");

        let mut file = begin(&report).unwrap();
        assert_eq!(entries(dir.path()), [file.path()]);
        let written = file.write_all(b"half");
        abandon_write(|| assert_eq!(entries(dir.path()), [] as [PathBuf; 0]));
        let finished = finish(file, written, &report);
        assert_eq!(
            finished.map_err(|error| error.kind()),
            Err(io::ErrorKind::Interrupted)
        );
        assert_eq!(entries(dir.path()), [] as [PathBuf; 0], "nothing renamed");

        write_atomically(&report, "whole").unwrap();
        assert_eq!(std::fs::read_to_string(&report).unwrap(), "whole");
        assert_eq!(entries(dir.path()), [report]);
    }
}
