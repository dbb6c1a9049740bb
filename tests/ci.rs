//! factcheck in a desk's CI: the GitHub and SARIF formats, the drift gate, every `--fail-on`
//! value, and the example workflow (`examples/github-workflow.yml`), whose YAML must parse and
//! whose every factcheck command is run here on the bundled data, with a base branch that lacks
//! one reference file, and snapshot.

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::{assert_cmd_snapshot, get_cargo_bin};

/// Where the commands under test keep loaded reference data: the platform cache folder on Linux
/// (`$XDG_CACHE_HOME/factcheck`), moved into the build folder so that tests leave nothing behind.
const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn factcheck() -> Command {
    let mut command = Command::new(get_cargo_bin("factcheck"));
    command
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", TEST_CACHE);
    command
}

fn exit_code(args: &[&str]) -> Option<i32> {
    factcheck().args(args).status().unwrap().code()
}

/// A claim that was true when published and is false today.
const CHANGED: &str = "tests/fixtures/armenia-2023.yaml";

#[test]
fn github_annotations_of_the_bundled_claims() {
    assert_cmd_snapshot!(factcheck().args(["check", "--format", "github"]));
}

#[test]
fn github_annotations_of_a_verdict_that_changed_since_publication_come_first() {
    assert_cmd_snapshot!(factcheck().args([
        "check",
        CHANGED,
        "--also-today",
        "--today",
        "2026-12-07",
        "--format",
        "github"
    ]));
}

#[test]
fn the_text_report_lists_the_changed_claims_first() {
    let output = factcheck()
        .args(["check", CHANGED, "--also-today", "--today", "2026-12-07"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let changed = text.find("armenia-not-party").unwrap();
    let unchanged = text.find("putin-president").unwrap();
    assert!(changed < unchanged, "{text}");
}

#[test]
fn github_annotations_of_lint_findings_are_on_their_lines() {
    assert_cmd_snapshot!(factcheck().args([
        "ref",
        "lint",
        "tests/fixtures/bad-reference/reference",
        "--format",
        "github"
    ]));
}

#[test]
fn sarif_of_a_changed_verdict_reads_as_sarif_2_1_0() {
    let output = factcheck()
        .args([
            "check",
            CHANGED,
            "--also-today",
            "--today",
            "2026-12-07",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let log: serde_sarif::sarif::Sarif = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(log.version, serde_json::json!("2.1.0"));
    let run = &log.runs[0];
    assert_eq!(run.tool.driver.name, "factcheck");
    let results = run.results.as_ref().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0].rule_id.as_deref(),
        Some("changed-since-publication")
    );
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn sarif_of_the_seed_article_reads_as_sarif_2_1_0() {
    let output = factcheck()
        .args([
            "check",
            "claims/articles/putin-baku-2024-08-id.yaml",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let log: serde_sarif::sarif::Sarif = serde_json::from_slice(&output.stdout).unwrap();
    let results = log.runs[0].results.as_ref().unwrap();
    assert_eq!(results[0].rule_id.as_deref(), Some("mixed-claim"));
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn sarif_of_lint_findings_reads_as_sarif_2_1_0() {
    let output = factcheck()
        .args([
            "ref",
            "lint",
            "tests/fixtures/bad-reference/reference",
            "--format",
            "sarif",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let log: serde_sarif::sarif::Sarif = serde_json::from_slice(&output.stdout).unwrap();
    let results = log.runs[0].results.as_ref().unwrap();
    assert!(
        results
            .iter()
            .all(|result| result.rule_id.as_deref() == Some("reference-data"))
    );
    assert!(!results.is_empty());
}

#[test]
fn every_fail_on_value_sets_the_exit_code() {
    // The bundled claims: true, mixed, unverifiable and not-checkable; none false or conflicting.
    for (fail_on, code) in [
        ("true", 1),
        ("false", 0),
        ("mixed", 1),
        ("unverifiable", 1),
        ("conflicting", 0),
        ("not-checkable", 1),
        ("false,conflicting", 0),
    ] {
        assert_eq!(
            exit_code(&["check", "--fail-on", fail_on]),
            Some(code),
            "--fail-on {fail_on}"
        );
    }
    let today = ["--also-today", "--today", "2026-12-07"];
    let changed = [&["check", CHANGED, "--fail-on", "changed"][..], &today].concat();
    assert_eq!(exit_code(&changed), Some(1));
    let dw = "claims/articles/putin-mongolia-2024-09-dw-en.yaml";
    let unchanged = [&["check", dw, "--fail-on", "changed"][..], &today].concat();
    assert_eq!(exit_code(&unchanged), Some(0));
    assert_eq!(exit_code(&["check", "--fail-on", "changed"]), Some(2));
    assert_eq!(exit_code(&["check", "--fail-on", "drifted"]), Some(2));
}

/// Every `run:` line of the example workflow that calls factcheck, with its job's name.
fn workflow_commands() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(workspace().join("examples/github-workflow.yml")).unwrap();
    let workflow = verifier::yaml::read_value(&text).expect("the workflow is YAML");
    let jobs = workflow["jobs"].as_object().expect("jobs");
    let mut commands = Vec::new();
    for (job, body) in jobs {
        for step in body["steps"].as_array().expect("steps") {
            for line in step["run"].as_str().unwrap_or_default().lines() {
                if line.trim_start().starts_with("factcheck ") {
                    commands.push((job.clone(), line.trim().to_owned()));
                }
            }
        }
    }
    commands
}

#[test]
fn every_factcheck_command_of_the_example_workflow_runs() {
    let commands = workflow_commands();
    assert!(commands.len() >= 6, "{commands:?}");
    // A checkout of the pull request with the base branch beside it: the base lacks the reference
    // file of Putin's visit to Mongolia, which the pull request adds.
    let checkout = tempfile::tempdir().unwrap();
    let root = checkout.path();
    std::os::unix::fs::symlink(workspace().join("claims"), root.join("claims")).unwrap();
    let base = root.join("base/claims/reference");
    std::fs::create_dir_all(&base).unwrap();
    for entry in std::fs::read_dir(workspace().join("claims/reference")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "putin-mongolia-2024.yaml" {
            std::os::unix::fs::symlink(&path, base.join(path.file_name().unwrap())).unwrap();
        }
    }
    let mut transcript = String::new();
    for (job, line) in commands {
        // What the shell does with the line: its words, up to a redirection.
        let words: Vec<&str> = line
            .split_whitespace()
            .skip(1)
            .take_while(|word| !word.starts_with(">>"))
            .collect();
        let mut command = Command::new(get_cargo_bin("factcheck"));
        command
            .current_dir(root)
            .env("NO_COLOR", "1")
            .env("XDG_CACHE_HOME", TEST_CACHE)
            .args(&words);
        if words.contains(&"--also-today") {
            command.args(["--today", "2026-12-07"]);
        }
        let output = command.output().unwrap();
        transcript.push_str(&format!(
            "## {job}: {line}\nexit code: {}\n{}{}\n",
            output.status.code().unwrap(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    insta::assert_snapshot!(transcript);
}
