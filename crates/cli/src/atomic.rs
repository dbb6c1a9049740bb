//! Writing `--output` files atomically, with the permissions a plain write would give them.

use std::io::{self, Write};
use std::path::Path;

use tempfile::NamedTempFile;

use crate::InputError;

/// Writes `contents` to `path` atomically: to a temporary file beside it, then renamed over it, so
/// that no reader ever sees it half written. A new file gets the permissions of any file the
/// process creates (`0o666` less the umask, on Unix); a replaced file keeps its own.
pub fn write_atomically(path: &Path, contents: &str) -> Result<(), InputError> {
    let error = |e: io::Error| InputError(format!("error: cannot write {}: {e}", path.display()));
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = temporary_file(dir, path).map_err(error)?;
    file.write_all(contents.as_bytes()).map_err(error)?;
    file.persist(path).map_err(|e| error(e.error))?;
    Ok(())
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
