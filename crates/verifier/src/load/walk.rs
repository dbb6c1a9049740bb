//! Finding a root's files: the `.yaml` and `.yml` files under a directory, each once, in name
//! order. Symbolic links are followed, and a link that leads back to a directory above it is
//! reported once and not followed (walkdir detects the loop).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// What walking one root found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files, sorted by path, each file once however many links lead to it.
    pub files: Vec<PathBuf>,
    /// What could not be walked.
    pub problems: Vec<WalkProblem>,
}

/// A path under a root that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkProblem {
    /// A symbolic link to a directory that holds it: following it would never end.
    Loop {
        /// The link, as reached from the root.
        link: PathBuf,
        /// The directory it leads back to, as walkdir names it.
        ancestor: PathBuf,
    },
    /// A directory or file that cannot be read.
    Unreadable {
        /// The path, as reached from the root.
        path: PathBuf,
        /// Why.
        error: String,
    },
}

impl WalkProblem {
    /// The path the problem is at.
    pub fn path(&self) -> &Path {
        match self {
            WalkProblem::Loop { link, .. } => link,
            WalkProblem::Unreadable { path, .. } => path,
        }
    }

    /// What is wrong, naming the loop's directory by `show` when it is inside `root`.
    pub fn message(&self, root: &Path, show: impl Fn(&Path) -> String) -> String {
        match self {
            WalkProblem::Loop { ancestor, .. } => {
                let inside = std::fs::canonicalize(root).ok().and_then(|canonical| {
                    let ancestor = std::fs::canonicalize(ancestor).ok()?;
                    let relative = ancestor.strip_prefix(&canonical).ok()?;
                    Some(show(&root.join(relative)))
                });
                let place = match inside {
                    Some(name) => format!("'{name}'"),
                    None => "a directory that holds it".to_owned(),
                };
                format!(
                    "this symbolic link leads back to {place}, so following it would never end; it was not followed"
                )
            }
            WalkProblem::Unreadable { error, .. } => format!("cannot read: {error}"),
        }
    }

    /// How it could be fixed, if known.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            WalkProblem::Loop { .. } => {
                Some("remove the link, or point it at a directory outside this tree")
            }
            WalkProblem::Unreadable { .. } => None,
        }
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml")
}

/// The `.yaml` and `.yml` files under `root`, or `root` itself if it is a file. `seen` holds the
/// canonical paths of files already found (under this root or an earlier one); a file reached
/// again, through a link or a second root, is skipped.
pub fn reference_files(root: &Path, seen: &mut HashSet<PathBuf>) -> Walk {
    let mut walk = Walk::default();
    for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(entry) => {
                let is_root = entry.depth() == 0;
                if entry.file_type().is_dir() || !(is_root || is_yaml(entry.path())) {
                    continue;
                }
                let canonical =
                    std::fs::canonicalize(entry.path()).unwrap_or_else(|_| entry.path().into());
                if seen.insert(canonical) {
                    walk.files.push(entry.into_path());
                }
            }
            Err(error) => {
                let path = error.path().unwrap_or(root).to_path_buf();
                let dangling = error.io_error().is_some_and(|io| {
                    io.kind() == std::io::ErrorKind::NotFound && path.is_symlink()
                });
                if dangling && !is_yaml(&path) {
                    // A link to nothing that would not be read anyway, such as an editor's lock.
                    continue;
                }
                let problem = match error.loop_ancestor() {
                    Some(ancestor) => WalkProblem::Loop {
                        link: path,
                        ancestor: ancestor.to_path_buf(),
                    },
                    None => WalkProblem::Unreadable {
                        error: match error.io_error() {
                            Some(io) => io.to_string(),
                            None => error.to_string(),
                        },
                        path,
                    },
                };
                walk.problems.push(problem);
            }
        }
    }
    walk
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;

    #[test]
    fn a_loop_is_reported_once_and_every_file_found_once() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("a.yaml"), "").unwrap();
        std::fs::create_dir(root.path().join("sub")).unwrap();
        std::fs::write(root.path().join("sub/b.yml"), "").unwrap();
        symlink(".", root.path().join("loop")).unwrap();
        symlink("sub", root.path().join("again")).unwrap();
        let walk = reference_files(root.path(), &mut HashSet::new());
        let names: Vec<_> = walk
            .files
            .iter()
            .map(|file| file.strip_prefix(root.path()).unwrap().to_owned())
            .collect();
        assert_eq!(names, [Path::new("a.yaml"), Path::new("again/b.yml")]);
        assert_eq!(walk.problems.len(), 1);
        assert!(
            matches!(&walk.problems[0], WalkProblem::Loop { link, .. } if link.ends_with("loop"))
        );
    }

    #[test]
    fn what_cannot_be_read_is_reported_at_its_own_path() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("sub")).unwrap();
        symlink("nowhere", root.path().join("sub/gone.yaml")).unwrap();
        symlink("nowhere", root.path().join("sub/.#lock")).unwrap();
        let walk = reference_files(root.path(), &mut HashSet::new());
        assert_eq!(walk.problems.len(), 1);
        assert_eq!(walk.problems[0].path(), root.path().join("sub/gone.yaml"));
        assert!(matches!(walk.problems[0], WalkProblem::Unreadable { .. }));
    }
}
