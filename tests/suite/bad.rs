//! One broken plan per kind of mistake (`tests/fixtures/bad/<kind>/`): each gives exactly the
//! diagnostics in its snapshot and the exit code in its `expect.toml`, and never a panic.
//!
//! A bad fixture is an overlay on `tests/fixtures/basic/`: its files replace or join the
//! basic plan's, and paths listed in its `DELETE` file are removed.

use std::path::Path;
use std::process::Command;

use crate::common::fixture;

/// What a bad fixture expects.
#[derive(serde::Deserialize)]
struct Expect {
    what: String,
    command: String,
    exit: i32,
}

/// Copies `from` over `to`, leaving out the overlay's own control files.
fn overlay(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("read overlay") {
        let entry = entry.expect("overlay entry");
        let name = entry.file_name();
        if name == "expect.toml" || name == "DELETE" {
            continue;
        }
        let target = to.join(&name);
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
            overlay(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy overlay file");
        }
    }
}

#[test]
fn every_kind_of_mistake_is_reported_exactly() {
    let kinds = std::fs::read_dir(fixture("bad"))
        .expect("bad fixtures")
        .count();
    assert!(kinds >= 25, "only {kinds} kinds of mistakes have fixtures");
    insta::glob!("../fixtures", "bad/*/expect.toml", |path| {
        let kind_dir = path.parent().expect("fixture folder");
        let expect: Expect = toml::from_str(&std::fs::read_to_string(path).expect("expect.toml"))
            .expect("expect.toml is valid");
        let plan = crate::common::copy_of_basic();
        overlay(kind_dir, plan.path());
        if let Ok(list) = std::fs::read_to_string(kind_dir.join("DELETE")) {
            for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
                std::fs::remove_file(plan.path().join(line)).expect("delete listed file");
            }
        }
        let out = tempfile::tempdir().expect("output folder");
        let mut command = Command::new(env!("CARGO_BIN_EXE_plan"));
        command
            .arg(&expect.command)
            .arg(plan.path())
            .env("NO_COLOR", "1");
        if expect.command == "build" {
            command.arg("-o").arg(out.path());
        }
        let output = command.output().expect("run plan");
        let stderr = String::from_utf8_lossy(&output.stderr)
            .replace(&plan.path().display().to_string(), "<plan>");
        assert!(
            !stderr.contains("panicked"),
            "{}: plan panicked:\n{stderr}",
            expect.what
        );
        // A problem is placed in a file the user wrote, never in code `plan` wrote.
        assert!(
            !stderr.contains("<generated>") && !stderr.contains("<built-in>"),
            "{}: a problem placed in generated code:\n{stderr}",
            expect.what
        );
        assert_eq!(
            output.status.code(),
            Some(expect.exit),
            "{}:\n{stderr}",
            expect.what
        );
        insta::assert_snapshot!(format!(
            "{}\nexit code: {}\n\n{stderr}",
            expect.what, expect.exit
        ));
    });
}
