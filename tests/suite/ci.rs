//! CI in one file: `--format github` (workflow commands GitHub shows as annotations on a
//! pull request's lines) and `--format gitlab` (a Code Quality report) on a plan with
//! several kinds of mistakes; and the CI files `plan init` writes, read as YAML, whose
//! `plan` command lines the real command-line parser accepts and the binary carries out.

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;

use crate::common::fixture;

/// Runs the `plan` binary in `dir`.
fn plan_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan")
}

/// `plan check --format FORMAT bad-plan` run beside the plan, as a workflow at a
/// repository's root checks a plan in a subfolder: its standard output and exit status.
fn check_beside(format: &str) -> (String, Option<i32>) {
    let output = plan_in(&fixture("ci"), &["check", "--format", format, "bad-plan"]);
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        output.status.code(),
    )
}

/// What GitHub's runner does to a command's message (`%0D`, `%0A`, then `%25`).
fn unescape_data(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%25", "%")
}

/// What GitHub's runner does to a property value: as [`unescape_data`], and `%3A`, `%2C`
/// before `%25`.
fn unescape_property(text: &str) -> String {
    text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
}

/// Every diagnostic is one workflow command on one line, at its file's path from where
/// the command runs (`bad-plan/strategy/…`), with its range, its code as the title, and
/// the label and hints folded into the message; the exit status is `human`'s.
#[test]
fn github_annotations_point_at_the_lines() {
    let (out, status) = check_beside("github");
    assert_eq!(status, Some(1));
    insta::assert_snapshot!(out);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::error ")).count(),
        3
    );
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::warning ")).count(),
        1
    );
    // The message as GitHub reads it back: the user's key with its comma, colon, percent
    // sign and line break intact.
    let key = lines
        .iter()
        .find(|l| l.contains("unknown-key"))
        .expect("the unknown key");
    let (properties, message) = key
        .trim_start_matches("::error ")
        .split_once("::")
        .expect("properties::message");
    assert!(
        unescape_data(message).starts_with("unknown key `remark, 100%: phase\ntwo`\n"),
        "{message}"
    );
    let file = properties
        .split(',')
        .find_map(|p| p.strip_prefix("file="))
        .expect("a file");
    assert_eq!(
        unescape_property(file),
        "bad-plan/strategy/1-convenient-town.toml"
    );
}

/// A problem that points into no file is still printed, without a `file` property.
#[test]
fn github_prints_a_problem_without_a_file() {
    let empty = tempfile::tempdir().expect("temporary folder");
    let output = plan_in(empty.path(), &["check", "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let out = String::from_utf8(output.stdout).expect("UTF-8");
    insta::assert_snapshot!(out);
    assert!(out.starts_with("::error title=plan%3A "), "{out}");
    // A mistake in the command line itself, too, when it asks for annotations.
    let output = plan_in(empty.path(), &["check", "--format", "github", "--nope"]);
    assert_eq!(output.status.code(), Some(2));
    let out = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(out.starts_with("::error title=plan%3A usage::"), "{out}");
}

/// The Code Quality report is one JSON array: every diagnostic with its code, a severity
/// GitLab knows, its file and lines, and a fingerprint that stays when lines are added
/// above the problem (so GitLab does not call a moved problem new).
#[test]
fn gitlab_code_quality_report() {
    let (out, status) = check_beside("gitlab");
    assert_eq!(status, Some(1));
    insta::assert_snapshot!(out);
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let entries = report.as_array().expect("an array");
    assert_eq!(entries.len(), 4);
    for entry in entries {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(entry[key].is_string(), "{key} in {entry}");
        }
        assert!(entry["location"]["path"].is_string(), "{entry}");
        assert!(entry["location"]["lines"]["begin"].is_u64(), "{entry}");
        assert!(
            ["blocker", "critical", "major", "minor", "info"]
                .contains(&entry["severity"].as_str().expect("severity")),
            "{entry}"
        );
    }
    let fingerprints: std::collections::HashSet<&str> = entries
        .iter()
        .map(|e| e["fingerprint"].as_str().expect("fingerprint"))
        .collect();
    assert_eq!(fingerprints.len(), entries.len(), "fingerprints are unique");

    // The same plan with a line added at the top of the strategy file.
    let moved = tempfile::tempdir().expect("temporary folder");
    crate::common::copy_dir(&fixture("ci/bad-plan"), &moved.path().join("bad-plan"));
    let strategy = moved
        .path()
        .join("bad-plan/strategy/1-convenient-town.toml");
    let text = std::fs::read_to_string(&strategy).expect("strategy file");
    std::fs::write(&strategy, format!("# a new first line\n{text}")).expect("write");
    let output = plan_in(moved.path(), &["check", "--format", "gitlab", "bad-plan"]);
    let again: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let again = again.as_array().expect("an array");
    assert_eq!(again.len(), entries.len());
    for (before, after) in entries.iter().zip(again) {
        assert_eq!(before["fingerprint"], after["fingerprint"]);
        let line = |e: &serde_json::Value| e["location"]["lines"]["begin"].as_u64();
        let shift =
            u64::from(before["location"]["path"] == "bad-plan/strategy/1-convenient-town.toml");
        assert_eq!(line(after), line(before).map(|l| l + shift), "{after}");
    }
}

/// A plan without problems gives an empty report, still valid JSON, and exit status 0.
#[test]
fn gitlab_report_of_a_good_plan_is_empty() {
    let output = plan_in(&fixture("basic"), &["check", "--format", "gitlab"]);
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report, serde_json::json!([]));
}

proptest! {
    /// Whatever a message or a property holds, GitHub's runner reads back what was meant,
    /// and the command stays on one line.
    #[test]
    fn github_escaping_round_trips(text in "(%|%25|%0A|:|,|\r|\n|\\PC){0,40}") {
        let data = plan::diag::escape_data(&text);
        prop_assert!(!data.contains('\n') && !data.contains('\r'));
        prop_assert_eq!(unescape_data(&data), text.clone());
        let property = plan::diag::escape_property(&text);
        prop_assert!(!property.contains(['\n', '\r', ':', ',']));
        prop_assert_eq!(unescape_property(&property), text);
    }
}
