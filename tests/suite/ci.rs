//! CI in one file: `--format github` (workflow commands GitHub shows as annotations on a
//! pull request's lines) and `--format gitlab` (a Code Quality report) on a plan with
//! several kinds of mistakes; and the CI files `plan init` writes, read as YAML, whose
//! `plan` command lines the real command-line parser accepts and the binary carries out.

use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;

use crate::common::fixture;

/// The command line as the binary reads it: its clap types, compiled into the tests.
#[path = "../../src/cli.rs"]
#[allow(dead_code)]
mod cli;

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

/// The CI files `plan init` writes, as YAML.
struct CiFiles {
    github: serde_yaml_ng::Value,
    gitlab: serde_yaml_ng::Value,
    /// Every shell line of both that runs `plan`, as written.
    plan_lines: Vec<String>,
}

/// Runs `plan init` into `dir` and reads its CI files.
fn init_ci(dir: &Path, language: &str) -> CiFiles {
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["init", dir.to_str().expect("UTF-8"), "--language", language])
        .output()
        .expect("run plan init");
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(".github/workflows/plan.yml"), "{stderr}");
    assert!(stderr.contains(".gitlab-ci.yml"), "{stderr}");
    let read = |path: &str| -> (String, serde_yaml_ng::Value) {
        let text = std::fs::read_to_string(dir.join(path)).expect("CI file");
        let yaml = serde_yaml_ng::from_str(&text).expect("valid YAML");
        (text, yaml)
    };
    let (github_text, github) = read(".github/workflows/plan.yml");
    let (gitlab_text, gitlab) = read(".gitlab-ci.yml");
    let mut scripts = Vec::new();
    for job in github["jobs"].as_mapping().expect("jobs").values() {
        for step in job["steps"].as_sequence().expect("steps") {
            scripts.extend(step["run"].as_str().map(str::to_string));
        }
    }
    for job in gitlab.as_mapping().expect("a mapping").values() {
        for key in ["before_script", "script"] {
            if let Some(lines) = job[key].as_sequence() {
                scripts.extend(lines.iter().filter_map(|l| l.as_str()).map(str::to_string));
            }
        }
    }
    let plan_lines = scripts
        .iter()
        .flat_map(|s| s.lines())
        .map(str::trim)
        .filter(|l| l.starts_with("plan "))
        .map(str::to_string)
        .collect();
    // The version pinned is the binary's, in both files.
    let pin = format!("plan-compiler=={}", env!("CARGO_PKG_VERSION"));
    for text in [&github_text, &gitlab_text] {
        let installs: Vec<&str> = text.lines().filter(|l| l.contains("pip install")).collect();
        assert!(!installs.is_empty(), "{text}");
        for line in installs {
            assert!(line.trim_end().ends_with(&pin), "{line}");
        }
    }
    CiFiles {
        github,
        gitlab,
        plan_lines,
    }
}

/// A `plan` command line's words, up to the first shell operator, without quotes.
fn words(line: &str) -> Vec<String> {
    line.split_whitespace()
        .take_while(|w| !matches!(*w, ">" | "|" | "||" | "&&" | ";" | "2>"))
        .map(|w| w.trim_matches('"').to_string())
        .collect()
}

/// Both languages' CI files are valid YAML with the expected jobs; every job that builds
/// has the whole history; the release runs on a `v…` tag; and every `plan` line in them
/// is a command line the binary's own parser accepts.
#[test]
fn init_writes_ci_files_whose_plan_commands_parse() {
    use clap::Parser;
    for language in ["lt", "en"] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let ci = init_ci(&dir.path().join("p"), language);
        let jobs = ci.github["jobs"].as_mapping().expect("jobs");
        let names: Vec<&str> = jobs.keys().filter_map(|k| k.as_str()).collect();
        assert_eq!(names, ["build", "changes", "release"], "{language}");
        for job in jobs.values() {
            let checkout = &job["steps"][0];
            assert_eq!(checkout["uses"].as_str(), Some("actions/checkout@v4"));
            assert_eq!(checkout["with"]["fetch-depth"].as_u64(), Some(0));
        }
        assert_eq!(ci.github["on"]["push"]["tags"][0].as_str(), Some("v*"));
        assert_eq!(ci.github["permissions"]["contents"].as_str(), Some("read"));
        assert_eq!(
            ci.github["jobs"]["changes"]["permissions"]["pull-requests"].as_str(),
            Some("write")
        );
        assert_eq!(
            ci.github["jobs"]["release"]["permissions"]["contents"].as_str(),
            Some("write")
        );
        for job in ["check", "build", "changes", "documents", "release"] {
            assert!(ci.gitlab[job].is_mapping(), "{language}: GitLab job {job}");
        }
        assert_eq!(
            ci.gitlab["check"]["artifacts"]["reports"]["codequality"].as_str(),
            Some("gl-code-quality-report.json")
        );
        assert_eq!(ci.gitlab["variables"]["GIT_DEPTH"].as_str(), Some("0"));
        assert!(ci.gitlab["release"]["release"]["tag_name"].is_string());

        let lines = &ci.plan_lines;
        for expected in [
            "plan check --format github",
            "plan check --format gitlab > gl-code-quality-report.json",
            "plan build",
            "plan diff --format markdown \"$BASE\" HEAD > changes.md",
            "plan diff --format markdown \"$CI_MERGE_REQUEST_DIFF_BASE_SHA\" HEAD > changes.md",
            "plan export --format csv",
            "plan export --format xlsx",
            "plan export --format json",
        ] {
            assert!(
                lines.iter().any(|l| l.starts_with(expected)),
                "{language}: no `{expected}` in {lines:#?}"
            );
        }
        for line in lines {
            if let Err(error) = cli::Cli::try_parse_from(words(line)) {
                panic!("{language}: `{line}` does not parse: {error}");
            }
        }
    }
}

/// The CI files' `plan` lines, run as written (by a shell, in a plan `plan init` made and
/// put in git, with the base of a change one commit back), all succeed: the check, the
/// build, the changes as Markdown and the exports.
#[test]
fn the_ci_files_plan_commands_run_as_written() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("plan");
    let ci = init_ci(&root, "en");
    let git = |args: &[&str]| crate::diff::git(&root, args);
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-qm", "v1"]);
    let strategy = root.join("strategy/1-convenient-town.toml");
    let text = std::fs::read_to_string(&strategy).expect("strategy file");
    let edited = text.replacen(
        "Build cycle paths between the districts and the centre",
        "Build cycle paths to every district",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&strategy, edited).expect("write");
    git(&["commit", "-qam", "v2"]);
    let bin = Path::new(env!("CARGO_BIN_EXE_plan"))
        .parent()
        .expect("the binary's folder");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut lines = ci.plan_lines.clone();
    lines.sort();
    lines.dedup();
    for line in &lines {
        let output = Command::new("bash")
            .args(["-c", line])
            .current_dir(&root)
            .env("PATH", &path)
            .env("BASE", "HEAD~1")
            .env("CI_MERGE_REQUEST_DIFF_BASE_SHA", "HEAD~1")
            .output()
            .expect("bash");
        assert!(output.status.success(), "`{line}`: {output:?}");
    }
    let changes = std::fs::read_to_string(root.join("changes.md")).expect("changes.md");
    assert!(changes.contains("every district"), "{changes}");
    let report = std::fs::read_to_string(root.join("gl-code-quality-report.json"))
        .expect("the Code Quality report");
    assert_eq!(report.trim(), "[]");
    for file in [
        "build/strategic-plan.pdf",
        "build/action-plan.csv",
        "build/indicators.csv",
        "build/plan.xlsx",
        "build/plan.json",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
}

/// `plan build` takes the same formats and prints the same problems, so a workflow that
/// only builds still gets its annotations.
#[test]
fn build_prints_the_same_annotations() {
    let (check, _) = check_beside("github");
    let out = tempfile::tempdir().expect("temporary folder");
    let output = plan_in(
        &fixture("ci"),
        &[
            "build",
            "--format",
            "github",
            "bad-plan",
            "-o",
            out.path().to_str().expect("UTF-8"),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8(output.stdout).expect("UTF-8"), check);
}
