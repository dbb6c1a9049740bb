//! Loading reference data: find the files of each root, parse each on its own (in parallel), merge
//! their sources, entities and relations, resolve each file's facts and records on its own (in
//! parallel), then index. Every problem is reported, not only the first, in file order.

use rayon::prelude::*;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::kb::KnowledgeBase;
use crate::yaml;

mod builder;
mod facts;
mod ids;
mod lexicon;
mod stage;
mod walk;

use builder::Builder;
pub use walk::{Walk, WalkProblem, reference_files};

/// Where in a file a problem is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Location {
    /// The whole file.
    File,
    /// A line and column (1-based), for YAML syntax and type errors.
    Position {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
    },
    /// An item by its path in the file, such as `facts[12].subject`, and its id if it has one.
    Item {
        /// The path.
        path: String,
        /// The item's id.
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
}

/// One problem found while loading reference data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LoadProblem {
    /// The file, cited under its root's name (`claims/reference/countries.yaml`).
    pub file: String,
    /// Where in the file.
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// How it could be fixed, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::File => write!(f, "{}: {}", self.file, self.message)?,
            Location::Position { line, column } => {
                write!(f, "{}:{line}:{column}: {}", self.file, self.message)?
            }
            Location::Item { path, id: Some(id) } => {
                write!(f, "{}: {path} (id '{id}'): {}", self.file, self.message)?
            }
            Location::Item { path, id: None } => {
                write!(f, "{}: {path}: {}", self.file, self.message)?
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Reference data that cannot be loaded: every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s) in the reference data", problems.len())]
pub struct LoadError {
    /// The problems, by file and position.
    pub problems: Vec<LoadProblem>,
}

/// A directory of reference data, and the name its files are cited under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// Where it is.
    pub path: PathBuf,
    /// How reports name it: as the user gave it, so that two roots never look alike.
    pub shown: String,
}

impl Root {
    /// A root named as it was given: `--reference ../desk/reference` cites its files as
    /// `../desk/reference/countries.yaml`.
    pub fn given(path: impl Into<PathBuf>) -> Root {
        let path = path.into();
        let shown = slash_path(&path);
        Root::named(path, &shown)
    }

    /// A root cited under `shown`, such as the default `claims/reference` found from a
    /// subdirectory.
    pub fn named(path: impl Into<PathBuf>, shown: &str) -> Root {
        let trimmed = shown.trim_end_matches('/');
        Root {
            path: path.into(),
            shown: if trimmed.is_empty() && shown.starts_with('/') {
                "/".to_owned()
            } else {
                trimmed.to_owned()
            },
        }
    }

    /// How a file under this root is cited: the root's name, then the file's path within it,
    /// with `/` separators.
    pub(crate) fn cite(&self, file: &Path) -> String {
        let Ok(within) = file.strip_prefix(&self.path) else {
            return slash_path(file);
        };
        let within = slash_path(within);
        match self.shown.as_str() {
            _ if within.is_empty() => self.shown.clone(),
            "" | "." => within,
            "/" => format!("/{within}"),
            shown => format!("{shown}/{within}"),
        }
    }
}

/// A path written with `/` between its components, whatever the platform's separator.
pub fn slash_path(path: &Path) -> String {
    let mut text = String::new();
    for component in path.components() {
        if !(text.is_empty() || text.ends_with('/')) {
            text.push('/');
        }
        match component {
            std::path::Component::RootDir => text.push('/'),
            other => text.push_str(&other.as_os_str().to_string_lossy()),
        }
    }
    text
}

/// Loads the reference data under each root, later roots adding to earlier ones, and builds the
/// indexed [`KnowledgeBase`].
pub fn load(roots: &[Root]) -> Result<KnowledgeBase, LoadError> {
    find_files(roots).load()
}

/// The files of every root, each with the name it is cited under, and the problems of finding
/// them.
pub(crate) struct FoundFiles {
    pub(crate) files: Vec<(String, PathBuf)>,
    pub(crate) problems: Vec<LoadProblem>,
}

impl FoundFiles {
    /// Reads and parses every file (in parallel, each text dropped once parsed), then merges,
    /// validates and indexes them. Every problem is reported: those of finding the files, of
    /// reading them, of parsing them and of the merge, in that order.
    pub(crate) fn load(self) -> Result<KnowledgeBase, LoadError> {
        let read: Vec<(String, Result<Parsed, yaml::YamlError>)> = self
            .files
            .into_par_iter()
            .map(|(name, path)| {
                let parsed = yaml::read_text(&path)
                    .map(|text| yaml::read_reference(&text).map(stage::stage));
                (name, parsed)
            })
            .collect();
        let mut problems = self.problems;
        let mut parsed = Vec::with_capacity(read.len());
        for (file, result) in read {
            match result {
                Ok(result) => parsed.push((file, result)),
                Err(error) => problems.push(LoadProblem {
                    file,
                    location: Location::File,
                    message: error.message,
                    help: error.help,
                }),
            }
        }
        match build(parsed) {
            Ok(kb) if problems.is_empty() => Ok(kb),
            Ok(_) => Err(LoadError { problems }),
            Err(error) => {
                problems.extend(error.problems);
                Err(LoadError { problems })
            }
        }
    }
}

/// A file's text, parsed and staged, or why it could not be parsed.
type Parsed = Result<stage::StagedFile, yaml::YamlError>;

/// Finds the files of each root. A root without files is a problem.
pub(crate) fn find_files(roots: &[Root]) -> FoundFiles {
    let mut problems = Vec::new();
    let mut files = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        let walk = reference_files(&root.path, &mut seen);
        let walked_cleanly = walk.problems.is_empty();
        problems.extend(walk.problems.iter().map(|problem| LoadProblem {
            file: root.cite(problem.path()),
            location: Location::File,
            message: problem.message(&root.path, |path| root.cite(path)),
            help: problem.help().map(str::to_owned),
        }));
        if walk.files.is_empty() && walked_cleanly {
            problems.push(LoadProblem {
                file: root.shown.clone(),
                location: Location::File,
                message: "no .yaml files found here".to_owned(),
                help: Some(
                    "pass the directory that holds the reference data, such as claims/reference"
                        .to_owned(),
                ),
            });
        }
        files.extend(walk.files.into_iter().map(|file| (root.cite(&file), file)));
    }
    FoundFiles { files, problems }
}

/// Loads reference data from `(file name, YAML text)` pairs, in order: the same as [`load`]
/// without the file system.
pub fn load_texts(files: &[(String, &str)]) -> Result<KnowledgeBase, LoadError> {
    build(
        files
            .par_iter()
            .map(|(name, text)| (name.clone(), yaml::read_reference(text).map(stage::stage)))
            .collect(),
    )
}

/// Merges, validates and indexes parsed files; a file that did not parse is a problem at its
/// position.
fn build(parsed: Vec<(String, Parsed)>) -> Result<KnowledgeBase, LoadError> {
    let mut builder = Builder::default();
    let mut good = Vec::new();
    for (file, result) in parsed {
        match result {
            Ok(reference) => good.push((file, reference)),
            Err(error) => builder.problems.push(LoadProblem {
                file,
                location: match (error.line, error.column) {
                    (Some(line), Some(column)) => Location::Position { line, column },
                    _ => Location::File,
                },
                message: error.message,
                help: error.help,
            }),
        }
    }
    builder.merge(good);
    if builder.problems.is_empty() {
        Ok(builder.kb)
    } else {
        Err(LoadError {
            problems: builder.problems,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_cited_under_their_root_as_given() {
        let file = |root: &Root, name: &str| root.cite(&root.path.join(name));
        let absolute = Root::given("/desk/reference/");
        assert_eq!(file(&absolute, "a/b.yaml"), "/desk/reference/a/b.yaml");
        let relative = Root::given("../desk/reference");
        assert_eq!(file(&relative, "b.yaml"), "../desk/reference/b.yaml");
        let here = Root::given(".");
        assert_eq!(file(&here, "b.yaml"), "b.yaml");
        let named = Root::named("/home/x/claims/reference", "claims/reference");
        assert_eq!(file(&named, "b.yaml"), "claims/reference/b.yaml");
        assert_eq!(file(&Root::given("/"), "b.yaml"), "/b.yaml");
        assert_eq!(file(&relative, ""), "../desk/reference");
    }

    #[test]
    fn absolute_paths_have_one_leading_slash() {
        assert_eq!(slash_path(Path::new("/tmp/x/y.yaml")), "/tmp/x/y.yaml");
        assert_eq!(slash_path(Path::new("./x/y.yaml")), "./x/y.yaml");
    }
}
