//! The `factcheck` binary: exit codes, rendered errors, output files. Run from the workspace root
//! on the bundled data, or from temporary directories holding bad input.

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

/// The exit code of `factcheck ARGS`, run from the workspace root.
fn exit_code(args: &[&str]) -> Option<i32> {
    factcheck().args(args).status().unwrap().code()
}

fn factcheck() -> Command {
    let mut command = Command::new(get_cargo_bin("factcheck"));
    command
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", TEST_CACHE);
    command
}

/// A claim document with a misspelt name, committed so that its path in snapshots is stable.
const BAD_ASSERTION: &str = "tests/fixtures/bad-assertion.yaml";
/// A claim document whose failing assertion repeats its quote.
const REPEATED_QUOTE: &str = "tests/fixtures/assertion-repeats-quote.yaml";
/// A claim document with a repeated claim id and the same misspelt name in two of those claims.
const DUPLICATE_CLAIMS: &str = "tests/fixtures/duplicate-claims.yaml";
/// A reference directory with a misspelt relation and a span that ends before it begins.
const BAD_REFERENCE: &str = "tests/fixtures/bad-reference/reference";

#[test]
fn check_exits_0_on_the_bundled_data() {
    assert_cmd_snapshot!(factcheck().arg("check"));
}

#[test]
fn fail_on_exits_1_when_a_claim_has_a_listed_verdict() {
    assert_eq!(
        exit_code(&["check", "--fail-on", "false,unverifiable"]),
        Some(1)
    );
    assert_eq!(exit_code(&["check", "--fail-on", "false,mixed"]), Some(1));
    assert_eq!(exit_code(&["check", "--fail-on", "false"]), Some(0));
    assert_eq!(exit_code(&["check", "--fail-on", "conflicting"]), Some(0));
}

#[test]
fn an_unknown_verdict_is_a_usage_error() {
    assert_cmd_snapshot!(factcheck().args(["check", "--fail-on", "true,maybe"]));
}

#[test]
fn a_bad_assertion_exits_2_with_its_location_and_a_suggestion() {
    assert_cmd_snapshot!(factcheck().args(["check", BAD_ASSERTION]));
}

#[test]
fn an_assertion_that_repeats_its_quote_is_located_at_its_own_line() {
    assert_cmd_snapshot!(factcheck().args(["check", REPEATED_QUOTE]));
}

#[test]
fn duplicate_claims_are_each_reported_once_and_located_in_their_own_claim() {
    assert_cmd_snapshot!(factcheck().args(["check", DUPLICATE_CLAIMS]));
}

#[test]
fn a_bad_reference_file_exits_2_with_every_problem_located() {
    assert_cmd_snapshot!(factcheck().args([
        "check",
        "--reference",
        "claims/reference",
        "--reference",
        BAD_REFERENCE
    ]));
}

#[test]
fn output_is_written_whole_and_only_on_success() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("report.json");
    let status = factcheck()
        .args(["check", "--format", "json", "--output"])
        .arg(&output)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    assert_eq!(
        written["schema_version"],
        verifier::report::JSON_SCHEMA_VERSION
    );
    assert!(
        written["documents"][0]["claims"]
            .as_array()
            .is_some_and(|claims| !claims.is_empty())
    );

    let refused = dir.path().join("refused.json");
    let status = factcheck()
        .args(["check", BAD_ASSERTION, "--format", "json", "--output"])
        .arg(&refused)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    assert!(
        !refused.exists(),
        "nothing is written when the input is bad"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left behind"
    );
}

#[test]
fn explain_shows_one_verdict_with_its_evidence() {
    assert_cmd_snapshot!(factcheck().args([
        "explain",
        "Armenia is not a Rome Statute party",
        "--as-of",
        "2024-08-18",
    ]));
}

#[test]
fn explain_reads_indonesian_and_canonical_forms_alike() {
    let run = |args: &[&str]| {
        let output = factcheck()
            .args(args)
            .args(["--as-of", "2023-06-01", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        (report["canonical"].clone(), report["verdict"].clone())
    };
    let indonesian = run(&[
        "explain",
        "Armenia bukan negara pihak Statuta Roma",
        "--lang",
        "id",
    ]);
    let canonical = run(&["explain", "NOT party_to(armenia, rome-statute)"]);
    assert_eq!(indonesian, canonical);
    assert_eq!(indonesian.1, "true");
}

#[test]
fn explain_reads_either_language_without_lang_and_says_which() {
    assert_cmd_snapshot!(factcheck().args([
        "explain",
        "Azerbaijan bukan negara pihak Statuta Roma",
        "--as-of",
        "2024-08-18",
    ]));
}

#[test]
fn explain_a_bad_assertion_exits_2() {
    assert_cmd_snapshot!(factcheck().args([
        "explain",
        "Putin visited Azerbaijian",
        "--as-of",
        "2024-08-18"
    ]));
}

#[test]
fn help_lists_the_exit_codes() {
    assert_cmd_snapshot!(factcheck().args(["check", "--help"]));
}

#[test]
fn check_also_today_flags_verdicts_that_changed_since_publication() {
    assert_cmd_snapshot!(factcheck().args([
        "check",
        "tests/fixtures/armenia-2023.yaml",
        "--also-today",
        "--today",
        "2026-11-28",
        "--format",
        "markdown",
    ]));
    let output = factcheck()
        .args([
            "check",
            "tests/fixtures/armenia-2023.yaml",
            "--also-today",
            "--today",
            "2026-11-28",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let claim = &report["documents"][0]["claims"][0];
    assert_eq!(claim["verdict"], "true");
    assert_eq!(claim["today"]["verdict"], "false");
    assert_eq!(claim["today"]["changed"], true);
    assert_eq!(
        report["documents"][0]["claims"][1]["today"]["changed"],
        false
    );
}

#[test]
fn diff_exits_1_and_lists_the_claims_a_data_change_turns() {
    assert_cmd_snapshot!(factcheck().args([
        "diff",
        "--base-reference",
        "claims/reference",
        "--reference",
        "claims/reference",
        "--reference",
        "tests/fixtures/new-visit/reference",
    ]));
    let unchanged = [
        "diff",
        "--base-reference",
        "claims/reference",
        "--reference",
        "claims/reference",
    ];
    assert_eq!(exit_code(&unchanged), Some(0));
}

#[test]
fn ref_lint_passes_on_the_bundled_data() {
    assert_cmd_snapshot!(factcheck().args(["ref", "lint", "claims/reference"]));
}

#[test]
fn ref_lint_exits_1_on_errors_with_their_locations() {
    assert_cmd_snapshot!(factcheck().args([
        "ref",
        "lint",
        "tests/fixtures/curation/reference",
        "--format",
        "json"
    ]));
}

#[test]
fn ref_lint_reports_loading_problems_as_errors() {
    assert_cmd_snapshot!(factcheck().args(["ref", "lint", "claims/reference", BAD_REFERENCE]));
}

/// The seed article's text, kept with its claim document.
const SEED_TEXT: &str = "claims/articles/texts/putin-baku-2024-08-id.txt";

#[test]
fn draft_reads_the_language_of_the_article_and_finds_the_claims_checked_before() {
    assert_cmd_snapshot!(factcheck().args(["draft", SEED_TEXT, "--published", "2024-08-18"]));
}

#[test]
fn draft_without_a_publication_date_says_today_stands_in() {
    let output = factcheck()
        .args(["draft", SEED_TEXT, "--today", "2024-08-19", "--lang", "id"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let draft = String::from_utf8(output.stdout).unwrap();
    assert!(draft.contains("published: \"2024-08-19\""), "{draft}");
    assert!(
        draft.contains("The publication date was not given"),
        "{draft}"
    );
}

#[test]
fn draft_writes_its_output_atomically_and_check_loads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.yaml");
    let status = factcheck()
        .args(["draft", SEED_TEXT, "--published", "2024-08-18", "--output"])
        .arg(&path)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let status = factcheck().arg("check").arg(&path).status().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn draft_of_a_missing_article_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.yaml");
    let output = factcheck()
        .args(["draft", "no-such-article.txt", "--output"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!path.exists());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-article.txt"));
}

/// A desk's layer over the bundled data: it uses the base's ids, and misspells one relation.
const LAYER: &str = "tests/fixtures/layer/reference";

#[test]
fn a_layer_alone_does_not_know_the_ids_of_its_base() {
    assert_cmd_snapshot!(factcheck().args(["ref", "lint", LAYER]));
}

#[test]
fn a_layer_is_linted_against_its_base_with_findings_for_the_layer_only() {
    assert_cmd_snapshot!(factcheck().args(["ref", "lint", "--base", "claims/reference", LAYER]));
}

#[test]
fn a_base_without_a_layer_is_a_usage_error() {
    assert_eq!(
        exit_code(&["ref", "lint", "--base", "claims/reference"]),
        Some(2)
    );
}

#[test]
fn ref_new_prints_a_dated_skeleton_of_each_kind() {
    for kind in ["entity", "relation", "source", "fact", "completeness"] {
        let output = factcheck()
            .args(["ref", "new", kind, "--today", "2026-12-07"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{kind}");
        insta::assert_snapshot!(
            format!("ref_new_{kind}"),
            String::from_utf8(output.stdout).unwrap()
        );
    }
}

#[test]
fn ref_stale_lists_what_to_review_oldest_first() {
    assert_cmd_snapshot!(factcheck().args([
        "ref",
        "stale",
        "tests/fixtures/curation/reference",
        "--older-than",
        "2y",
        "--today",
        "2026-11-28",
    ]));
}

#[test]
fn ref_stale_refuses_a_malformed_age() {
    assert_cmd_snapshot!(factcheck().args(["ref", "stale", "--older-than", "a year"]));
}

#[test]
fn ref_show_finds_an_entity_by_any_alias() {
    assert_cmd_snapshot!(factcheck().args(["ref", "show", "Mahkamah Pidana Internasional"]));
}

#[test]
fn ref_show_suggests_a_near_name() {
    assert_cmd_snapshot!(factcheck().args(["ref", "show", "Azerbaijn"]));
}

#[test]
fn the_committed_schemas_are_current() {
    for (kind, file) in [
        ("reference", "schemas/reference.schema.json"),
        ("claims", "schemas/claim-document.schema.json"),
    ] {
        let output = factcheck().args(["ref", "schema", kind]).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let committed = std::fs::read_to_string(workspace().join(file)).unwrap();
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            committed,
            "{file} is out of date: run `cargo run -p factcheck -- ref schema {kind} > {file}`"
        );
    }
}

#[test]
fn ref_help_lists_its_commands() {
    assert_cmd_snapshot!(factcheck().args(["ref", "--help"]));
}

#[test]
fn claimreview_output_is_dated_the_review_day() {
    assert_cmd_snapshot!(factcheck().args([
        "check",
        "tests/fixtures/armenia-2023.yaml",
        "--format",
        "claimreview",
        "--today",
        "2026-11-28",
        "--also-today",
        "--reviewer",
        "Test Desk",
    ]));
}

/// A file's permission bits.
#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn a_new_output_file_gets_the_permissions_of_any_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let sibling = dir.path().join("created.txt");
    std::fs::File::create(&sibling).unwrap();
    let output = dir.path().join("report.txt");
    let status = factcheck()
        .args(["check", "--output"])
        .arg(&output)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        format!("{:o}", mode(&output)),
        format!("{:o}", mode(&sibling))
    );
}

#[cfg(unix)]
#[test]
fn a_replaced_output_file_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Under the usual umasks, a new file gets neither 0o666 nor 0o604.
    for permissions in [0o644, 0o666, 0o604] {
        let output = dir.path().join(format!("report-{permissions:o}.txt"));
        std::fs::write(&output, "an old report").unwrap();
        std::fs::set_permissions(&output, std::fs::Permissions::from_mode(permissions)).unwrap();
        let status = factcheck()
            .args(["check", "--output"])
            .arg(&output)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0));
        assert_ne!(std::fs::read_to_string(&output).unwrap(), "an old report");
        assert_eq!(format!("{:o}", mode(&output)), format!("{permissions:o}"));
    }
}

/// A file that every write fails on, with "no space left on device".
#[cfg(target_os = "linux")]
fn full() -> std::fs::File {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn bad_input_exits_2_even_when_its_diagnostics_cannot_be_written() {
    let status = factcheck()
        .args(["check", BAD_ASSERTION])
        .stderr(full())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

#[cfg(target_os = "linux")]
#[test]
fn output_that_cannot_be_written_exits_2() {
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["ref", "schema", "claims"],
        &["--help"],
        &["--version"],
    ] {
        let output = factcheck().args(args).stdout(full()).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: cannot write the output: No space left on device (os error 28)\n",
            "{args:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    for args in [&["check", "--format", "json"][..], &["--help"]] {
        let mut child = factcheck()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        assert_eq!(child.wait().unwrap().code(), Some(0), "{args:?}");
    }
}

#[test]
fn a_cached_run_prints_what_an_uncached_run_prints() {
    let folder = tempfile::tempdir().unwrap();
    let cache_dir = folder.path().join("cache");
    let run = |extra: &[&str]| {
        let output = factcheck()
            .args(["check", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        output.stdout
    };
    let uncached = run(&["--no-cache"]);
    assert!(!cache_dir.exists(), "--no-cache writes nothing");
    let cache_dir_arg = cache_dir.to_str().unwrap();
    let cold = run(&["--cache-dir", cache_dir_arg]);
    assert_eq!(std::fs::read_dir(&cache_dir).unwrap().count(), 1);
    let warm = run(&["--cache-dir", cache_dir_arg]);
    assert_eq!(cold, uncached);
    assert_eq!(warm, uncached);
}

#[test]
fn no_cache_and_a_cache_dir_together_are_a_usage_error() {
    assert_eq!(
        exit_code(&["check", "--no-cache", "--cache-dir", "somewhere"]),
        Some(2)
    );
}
