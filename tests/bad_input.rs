//! The bad-input corpus: each case under `crates/cli/resources/bad-input/` is a directory whose
//! `args` file holds one `factcheck` argument per line (lines starting with `#` say what the case
//! is; the argument `@reference` stands for the bundled reference data). Its files are copied to a temporary directory, the symbolic links its `links` file lists
//! (`link -> target`, one per line) are made there (a loop cannot be committed: tools that walk
//! the repository would follow it), and `factcheck` runs in that directory. Its snapshot holds the
//! exit code, stdout and stderr. Every case is input a careless or hostile user could give, and
//! each must end in a located error with exit code 2, or the right verdict where the input is in
//! fact valid.

use std::path::Path;
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

/// Where the commands under test keep loaded reference data: the platform cache folder on Linux
/// (`$XDG_CACHE_HOME/factcheck`), moved into the build folder so that tests leave nothing behind.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

/// The case's arguments and its description.
fn read_case(args_file: &Path) -> (Vec<String>, String) {
    let text = std::fs::read_to_string(args_file).unwrap();
    let (comments, args): (Vec<&str>, Vec<&str>) = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .partition(|line| line.starts_with('#'));
    let description = comments
        .iter()
        .map(|line| line.trim_start_matches('#').trim())
        .collect::<Vec<_>>()
        .join(" ");
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../claims/reference");
    let args = args
        .iter()
        .map(|arg| match *arg {
            "@reference" => bundled.display().to_string(),
            arg => arg.to_owned(),
        })
        .collect();
    (args, description)
}

/// Copies the case's files (not its `args` and `links`) into `to`, and makes its links there.
fn stage(case: &Path, to: &Path) {
    fn copy(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    copy(case, to);
    std::fs::remove_file(to.join("args")).unwrap();
    if let Ok(links) = std::fs::read_to_string(case.join("links")) {
        std::fs::remove_file(to.join("links")).unwrap();
        for line in links.lines().filter(|line| !line.trim().is_empty()) {
            let (link, target) = line.split_once(" -> ").expect("links: `link -> target`");
            make_link(target.trim(), &to.join(link.trim()));
        }
    }
}

#[cfg(unix)]
fn make_link(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(not(unix))]
fn make_link(_target: &str, _link: &Path) {
    panic!("the bad-input corpus makes symbolic links, which this test supports on Unix only");
}

#[test]
fn every_bad_input_is_refused_with_a_located_error() {
    insta::glob!("../crates/cli/resources/bad-input", "*/args", |args_file| {
        let (args, description) = read_case(args_file);
        let staged = tempfile::tempdir().unwrap();
        stage(args_file.parent().unwrap(), staged.path());
        let mut command = Command::new(get_cargo_bin("factcheck"));
        command
            .current_dir(staged.path())
            .env("NO_COLOR", "1")
            .env("XDG_CACHE_HOME", TEST_CACHE)
            .args(&args);
        insta::with_settings!({ description => description, omit_expression => true }, {
            assert_cmd_snapshot!(command);
        });
    });
}
