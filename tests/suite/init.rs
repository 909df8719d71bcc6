//! `plan init` writes a starter plan that builds at once without warnings, and never
//! overwrites anything.

use std::process::Command;

use crate::common::render;
use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};

/// Runs `plan init` and builds the result with warnings denied.
fn init_and_build(language: &str) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan_dir = dir.path().join("new-plan");
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args([
            "init",
            plan_dir.to_str().expect("UTF-8 path"),
            "--language",
            language,
        ])
        .output()
        .expect("run plan init");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let options = BuildOptions {
        dir: plan_dir.clone(),
        deny_warnings: true,
        ..Default::default()
    };
    let outcome = plan::build(&options, &mut sources, &mut diags);
    assert!(
        diags.is_empty(),
        "{language} starter has diagnostics:\n{}",
        render(&sources, &diags)
    );
    assert!(
        matches!(outcome, Outcome::Built(ref w) if w.len() == 2),
        "{language} starter did not build"
    );

    // A second init into the same, now non-empty, folder is a usage error (exit 2) and
    // changes nothing.
    let before = std::fs::read(plan_dir.join("plan.toml")).expect("plan.toml");
    let again = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["init", plan_dir.to_str().expect("UTF-8 path")])
        .output()
        .expect("run plan init again");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
    assert_eq!(
        std::fs::read(plan_dir.join("plan.toml")).expect("plan.toml"),
        before
    );
}

#[test]
fn lithuanian_starter_builds_without_warnings() {
    init_and_build("lt");
}

#[test]
fn english_starter_builds_without_warnings() {
    init_and_build("en");
}

/// A starter plan put in git keeps what builds write out of its commits: `build/` is
/// ignored, so a rebuild (its footer now stamped with the commit) leaves the tree clean.
#[test]
fn a_starter_plan_in_git_leaves_its_outputs_out() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let plan_dir = dir.path().join("p");
    let plan = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(args)
            .current_dir(&plan_dir)
            .output()
            .expect("run plan");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    std::fs::create_dir(&plan_dir).expect("folder");
    plan(&["init", "."]);
    plan(&["build"]);
    crate::diff::git(&plan_dir, &["init", "-q"]);
    crate::diff::git(&plan_dir, &["add", "-A"]);
    crate::diff::git(
        &plan_dir,
        &[
            "-c",
            "user.name=u",
            "-c",
            "user.email=u@u",
            "commit",
            "-qm",
            "v1",
        ],
    );
    plan(&["build"]);
    let status = Command::new("git")
        .args(["status", "--porcelain"])
        .current_dir(&plan_dir)
        .output()
        .expect("git status");
    assert_eq!(String::from_utf8_lossy(&status.stdout), "");
}
