//! Bad input gives a diagnostic at the right file, line and column, exits 1 and writes
//! nothing. Each test breaks one thing in a copy of the `basic` fixture.

use std::path::Path;
use std::process::Command;

use crate::common::{broken, check, fixture, render};

#[test]
fn toml_syntax_error_points_at_its_line() {
    let dir = broken("plan.toml", "period = [2022, 2027]", "period = [2022 2027]");
    let out = check(dir.path());
    assert!(out.contains("┌─ plan.toml:8:"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let dir = broken(
        "strategy/a-green.toml",
        "title = \"Install heat pumps in schools\"",
        "titel = \"Install heat pumps in schools\"",
    );
    insta::assert_snapshot!(check(dir.path()));
}

#[test]
fn wrong_type_is_reported_at_the_value() {
    let dir = broken("plan.toml", "version = \"2.0\"", "version = 2.0");
    insta::assert_snapshot!(check(dir.path()));
}

#[test]
fn missing_chapter_file_is_reported_where_it_is_named() {
    let dir = broken(
        "plan.toml",
        "\"chapters/intro.md\"",
        "\"chapters/intro-missing.md\"",
    );
    insta::assert_snapshot!(check(dir.path()));
}

/// A chapter that is a symbolic link to a file elsewhere is refused, and nothing of that
/// file reaches the output.
#[cfg(unix)]
#[test]
fn a_chapter_linked_from_outside_the_folder_is_refused() {
    let outside = tempfile::tempdir().expect("temporary folder");
    std::fs::write(outside.path().join("secret.md"), "# Secret outside\n").expect("write");
    let dir = crate::common::copy_of_basic();
    let chapter = dir.path().join("chapters/intro.md");
    std::fs::remove_file(&chapter).expect("remove the chapter");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), &chapter).expect("symlink");
    let out = check(dir.path());
    assert!(
        out.contains("error: `chapters/intro.md` leads outside the plan folder"),
        "{out}"
    );
    assert!(!out.contains("Secret"), "{out}");
}

#[test]
fn unknown_ids_suggest_near_ones() {
    let dir = broken(
        "strategy/a-green.toml",
        "objective = \"cleaner-heating\"",
        "objective = \"cleaner-heatin\"",
    );
    let text = std::fs::read_to_string(dir.path().join("strategy/b-open.toml")).expect("file");
    std::fs::write(
        dir.path().join("strategy/b-open.toml"),
        text.replacen("responsible = [\"ADM\"]", "responsible = [\"ADMIN\"]", 1),
    )
    .expect("write");
    insta::assert_snapshot!(check(dir.path()));
}

/// The binary exits 1 on plan errors and writes nothing; earlier PDFs stay untouched.
#[test]
fn failed_build_exits_1_and_keeps_earlier_pdfs() {
    let dir = broken(
        "strategy/b-open.toml",
        "funding = { MB = 80 }",
        "funding = { MB = -80 }",
    );
    let out = dir.path().join("build");
    std::fs::create_dir_all(&out).expect("build folder");
    std::fs::write(out.join("plan.pdf"), b"earlier PDF").expect("earlier PDF");
    let status = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["build", dir.path().to_str().expect("UTF-8 path")])
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan");
    assert_eq!(
        status.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(
        stderr.contains("a funding amount cannot be negative"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(out.join("plan.pdf")).expect("still there"),
        b"earlier PDF"
    );
    assert!(!out.join("actions.pdf").exists());
    // Not even the converted picture (the plan has a BMP) was kept.
    assert!(!out.join(".cache").exists());
}

/// Checking writes nothing, not even converted pictures; a build keeps them in the output
/// folder's cache, never in the plan folder when the output goes elsewhere.
#[test]
fn only_a_successful_build_writes_and_only_into_its_output_folder() {
    let dir = crate::common::copy_of_basic();
    let out = tempfile::tempdir().expect("output folder");
    let run = |args: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(args)
            .arg(dir.path())
            .output()
            .expect("run plan");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
    };
    let out_arg = out.path().to_str().expect("UTF-8 path");
    let build = ["build", "--no-stamp", "-o", out_arg];
    run(&["check"]);
    assert!(!dir.path().join("build").exists(), "plan check wrote files");
    run(&build);
    assert!(
        !dir.path().join("build").exists(),
        "the build wrote into the plan"
    );
    let cached: Vec<_> = std::fs::read_dir(out.path().join(".cache/images"))
        .expect("the picture cache")
        .collect();
    assert_eq!(cached.len(), 1, "the BMP, converted");
    // A second build from the cache gives the same bytes.
    let first = std::fs::read(out.path().join("plan.pdf")).expect("PDF");
    run(&build);
    assert_eq!(
        std::fs::read(out.path().join("plan.pdf")).expect("PDF"),
        first
    );
}

/// Usage errors exit 2; a good plan checks with exit 0.
#[test]
fn exit_codes() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(args)
            .output()
            .expect("run plan")
            .status
            .code()
    };
    let basic = fixture("basic");
    let basic = basic.to_str().expect("UTF-8 path");
    assert_eq!(run(&["check", basic]), Some(0));
    assert_eq!(run(&["check", "--no-such-flag", basic]), Some(2));
    assert_eq!(
        run(&[
            "build",
            basic,
            "--document",
            "nope",
            "-o",
            "/nonexistent-plan-out"
        ]),
        Some(2)
    );
    // The plan folder is the command line's: a missing one is a usage error.
    assert_eq!(run(&["check", "/nonexistent-plan-folder"]), Some(2));
}

/// An error in a user's own template is reported at the template's file and line.
#[test]
fn template_error_points_into_the_users_template() {
    let dir = crate::common::copy_of_basic();
    std::fs::create_dir_all(dir.path().join("templates")).expect("templates folder");
    std::fs::write(
        dir.path().join("templates/vision.typ"),
        "#let render(data, texts) = {\n  heading(level: 1, data.vision.statment)\n}\n",
    )
    .expect("template");
    let (_out, outcome, sources, diags) = crate::common::build(dir.path());
    assert!(matches!(outcome, plan::Outcome::Failed));
    insta::assert_snapshot!(render(&sources, &diags));
}

/// `--format json` prints one object a line with severity, code, message, file, line,
/// column and end, for editors and CI.
#[test]
fn json_format_for_tools() {
    let dir = broken(
        "strategy/a-green.toml",
        "objective = \"cleaner-heating\"",
        "objective = \"cleaner-heatin\"",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args([
            "check",
            "--format",
            "json",
            dir.path().to_str().expect("UTF-8 path"),
        ])
        .output()
        .expect("run plan");
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout)
        .replace(&dir.path().display().to_string(), "<plan>");
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        for key in [
            "severity", "code", "message", "file", "line", "column", "end",
        ] {
            assert!(value.get(key).is_some(), "{key} missing in {line}");
        }
    }
    insta::assert_snapshot!(stdout);
}

/// Written PDFs have the permissions of an ordinary new file (readable by others as the
/// umask allows), not the owner-only ones of the temporary files they are written through:
/// they go to shared folders and web servers.
#[cfg(unix)]
#[test]
fn written_files_have_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let out = crate::common::build_ok(&fixture("basic"));
    let mode = |name: &str| {
        std::fs::metadata(out.path().join(name))
            .expect("a file")
            .permissions()
            .mode()
            & 0o777
    };
    std::fs::write(out.path().join("ordinary"), b"").expect("an ordinary file");
    assert_eq!(mode("plan.pdf"), mode("ordinary"));
}

/// A plan with many kinds of mistakes, among them suggestions between equally close ids
/// and lists of known ids, prints exactly the same on every run: nothing depends on
/// hash-map order. Each run is a process of its own, as hash seeds differ between them.
#[test]
fn five_runs_of_a_broken_plan_print_the_same() {
    let dir = crate::common::copy_of_basic();
    let overlay = fixture("bad/tied-suggestion");
    for file in ["strategy/b-open.toml", "chapters/intro.md"] {
        std::fs::copy(overlay.join(file), dir.path().join(file)).expect("overlay");
    }
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("plan file");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    };
    edit(
        "strategy/a-green.toml",
        "objective = \"cleaner-heating\"",
        "objective = \"cleaner-heatin\"",
    );
    edit(
        "strategy/a-green.toml",
        "funding = { EU = 750 }",
        "funding = { EUR = 750 }",
    );
    edit(
        "chapters/analysis.md",
        "[](#heat-pumps)",
        "[](#heat-pump) and {{ count.measure }}",
    );
    let run = |format: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(["check", "--format", format])
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run plan");
        assert_eq!(output.status.code(), Some(1));
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    };
    for format in ["human", "json"] {
        let first = run(format);
        for _ in 1..5 {
            assert_eq!(run(format), first, "{format} output differs between runs");
        }
        if format == "human" {
            for expected in [
                "did you mean `#e-services`?",
                "known ids: cleaner-heating, pipes, e-services",
                "did you mean `cleaner-heating`?",
                "did you mean `EU`?",
                "did you mean `{{ count.measures }}`?",
            ] {
                assert!(first.contains(expected), "{expected:?} missing:\n{first}");
            }
        }
    }
}

/// Usage errors go through the same printer as every other problem: with `--format json`
/// each is one JSON object a line on standard output (code `usage`, exit 2), whether the
/// plan or clap found it; `plan diff --format json` puts them beside the diff, on standard
/// error.
#[test]
fn usage_errors_are_json_with_format_json() {
    let basic = fixture("basic");
    let basic = basic.to_str().expect("UTF-8 path");
    let out = tempfile::tempdir().expect("output folder");
    let out = out.path().to_str().expect("UTF-8 path");
    let cases: &[&[&str]] = &[
        &[
            "build",
            basic,
            "-o",
            out,
            "--format",
            "json",
            "--document",
            "plann",
        ],
        &[
            "build", basic, "-o", out, "--format", "json", "--group", "infar",
        ],
        &[
            "preview",
            basic,
            "-o",
            out,
            "--format=json",
            "--pages",
            "90-",
        ],
        &["check", basic, "--format", "json", "--no-such-flag"],
        &["diff", "--format", "json", "a", "b", "c", "d"],
        &["diff", "--format", "json", "no-such-revision", basic],
    ];
    let mut shown = String::new();
    for args in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(*args)
            .env("NO_COLOR", "1")
            .output()
            .expect("run plan");
        let printed = if args[0] == "diff" {
            assert!(output.stdout.is_empty(), "{args:?} printed a diff");
            output.stderr
        } else {
            output.stdout
        };
        let printed = String::from_utf8_lossy(&printed)
            .replace(basic, "<plan>")
            .replace(out, "<out>");
        assert_eq!(output.status.code(), Some(2), "{args:?}: {printed}");
        assert!(!printed.trim().is_empty(), "{args:?} printed nothing");
        for line in printed.lines() {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {line}"));
            assert_eq!(value["code"], "usage", "{line}");
        }
        let shown_args: Vec<String> = args
            .iter()
            .map(|a| a.replace(basic, "<plan>").replace(out, "<out>"))
            .collect();
        shown.push_str(&format!("$ plan {}\n{printed}\n", shown_args.join(" ")));
    }
    insta::assert_snapshot!(shown);
}

/// `plan check` of `dir` as a user runs it: exit code, standard output and standard error.
fn run_check(dir: &Path, more: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("check")
        .arg(dir)
        .args(more)
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr),
    )
}

/// A mistake on a line of 65 535 bytes or more (a misspelt key set aside there) is a
/// located problem, printed cut, never a panic; in JSON too.
#[test]
fn a_mistake_on_a_very_long_line_is_located() {
    let long = format!("titel = \"Heat pumps\" # {}", "x".repeat(70_000));
    let dir = broken(
        "strategy/a-green.toml",
        "title = \"Install heat pumps in schools\"",
        &long,
    );
    let (code, _, stderr) = run_check(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("a-green.toml:"), "{stderr}");
    assert!(
        stderr.len() < 5_000,
        "the line is printed whole: {} bytes",
        stderr.len()
    );
    let (code, stdout, stderr) = run_check(dir.path(), &["--format", "json"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.contains("\"code\":\"unknown-key\""), "{stdout}");
    assert!(stdout.contains("a-green.toml"), "{stdout}");
}

/// A heading, a table's caption or a picture's description too long for a PDF string (a
/// bookmark, alternative text) is a `too-long` problem at its line, not a failed export.
#[test]
fn headings_and_captions_too_long_for_a_pdf_are_located() {
    let words = "sakinys ".repeat(4_200);
    let markdown = format!(
        "# Įvadas\n\nTekstas.\n\n## {words}\n\nTekstas.\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nTable: {words}\n\n![{words}](images/chart.png)\n"
    );
    let dir = crate::common::chapter_plan(&markdown, &[]);
    let out = check(dir.path());
    for (line, what) in [(5, "heading"), (13, "caption"), (15, "picture description")] {
        assert!(out.contains(&format!("the {what} is 33")), "{what}: {out}");
        assert!(
            out.contains(&format!("chapters/text.md:{line}:")),
            "{line}: {out}"
        );
    }
}

/// Escape sequences in a plan's text are printed as visible characters, so that they
/// cannot move the cursor or erase the line that shows them.
#[test]
fn escape_sequences_in_a_plan_are_printed_not_obeyed() {
    let dir = broken(
        "plan.toml",
        "version = \"2.0\"",
        "version = \"2.0\u{1b}[1A\u{1b}[2K\"",
    );
    let (code, _, stderr) = run_check(dir.path(), &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(stderr.contains("2.0\u{241b}[1A\u{241b}[2K"), "{stderr}");
}

/// typst's time for one paragraph grows with the square of its size: a paragraph of
/// 20 000 references, a word of a million characters and a code block of a million are
/// refused where they are written, not set for minutes.
#[test]
fn paragraphs_too_costly_to_set_are_located() {
    let references = "[](#fig) ".repeat(20_000);
    let word = "a".repeat(1_000_000);
    let code = format!("```\n{}\n```", "x".repeat(1_000_000));
    let markdown = format!(
        "# Įvadas\n\n![Grafikas](images/chart.png) {{#fig}}\n\n{references}\n\n{word}\n\n{code}\n"
    );
    let dir = crate::common::chapter_plan(&markdown, &[]);
    let out = check(dir.path());
    for (line, what) in [
        (
            5,
            "this paragraph holds 20000 links, references, notes and marks",
        ),
        (7, "this paragraph is 1000000 characters long as written"),
        (9, "this code block is 1000000 characters long as written"),
    ] {
        assert!(out.contains(what), "{what}: {out}");
        assert!(
            out.contains(&format!("chapters/text.md:{line}:")),
            "{line}: {out}"
        );
    }
}
