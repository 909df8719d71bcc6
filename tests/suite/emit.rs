//! `plan build --emit-typst DIR`: the generated sources on disk with everything they read,
//! so the typst CLI can compile the same work; `--timings` tells where the time went.

use std::path::Path;
use std::process::Command;

use crate::common::fixture;

/// The paths a typst file imports, includes or reads (`"/…"` string literals).
fn referenced(source: &str) -> Vec<String> {
    source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| s.starts_with('/') && s.contains('.'))
        .map(str::to_string)
        .collect()
}

#[test]
fn emitted_sources_hold_everything_they_read() {
    let emitted = tempfile::tempdir().expect("folder");
    let out = tempfile::tempdir().expect("folder");
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["build", "--timings", "--emit-typst"])
        .arg(emitted.path())
        .arg("-o")
        .arg(out.path())
        .arg(fixture("basic"))
        .output()
        .expect("run plan");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("timings: checks and Markdown"), "{stderr}");

    let dir = emitted.path();
    for document in ["plan", "actions"] {
        let main = dir.join(".plan").join(document).join("main.typ");
        let source = std::fs::read_to_string(&main).expect("main.typ");
        let files = referenced(&source);
        assert!(
            files.iter().any(|f| f == "/templates/document.typ"),
            "{files:?}"
        );
        for file in files {
            assert!(
                dir.join(&file[1..]).is_file(),
                "{document} reads {file}, not emitted"
            );
        }
        let data = std::fs::read_to_string(dir.join(".plan").join(document).join("data.json"))
            .expect("data.json");
        let data: serde_json::Value = serde_json::from_str(&data).expect("JSON");
        assert_eq!(data["plan"]["title"], "Riverton Development Plan 2022–2027");
    }
    // Chapters read their pictures from the plan folder, and every template and font is
    // there for the typst CLI.
    let chapter = std::fs::read_to_string(dir.join(".plan/plan/chapters/chapters/analysis.md.typ"))
        .expect("chapter markup");
    let pictures = referenced(&chapter);
    // One picture as it is, one converted to PNG (served from memory, emitted as a file).
    assert!(
        pictures.iter().any(|f| f.starts_with("/images/")),
        "{pictures:?}"
    );
    assert!(
        pictures
            .iter()
            .any(|f| f.starts_with("/.plan/images/") && dir.join(&f[1..]).is_file()),
        "{pictures:?}"
    );
    for file in pictures {
        assert!(
            dir.join(&file[1..]).is_file(),
            "the chapter reads {file}, not emitted"
        );
    }
    for template in ["style.typ", "labels.typ", "action-plan.typ", "markdown.typ"] {
        assert!(dir.join("templates").join(template).is_file(), "{template}");
    }
    assert!(dir.join(".plan/fonts/NotoSerif-Regular.ttf").is_file());
    assert!(
        !Path::new(&dir.join("build/plan.pdf")).exists(),
        "no earlier outputs"
    );
}

/// `PLAN_TYPST_TRACE=FILE`: typst's timing of the build in Chrome's trace format, its events
/// placed at the template lines they belong to; without the variable nothing is written.
#[test]
fn a_typst_trace_names_the_template_lines_the_time_went_to() {
    let folder = tempfile::tempdir().expect("folder");
    let trace = folder.path().join("trace.json");
    let out = folder.path().join("out");
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["build", "--document", "actions", "-o"])
        .arg(&out)
        .arg(fixture("basic"))
        .env("PLAN_TYPST_TRACE", &trace)
        .output()
        .expect("run plan");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let events: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&trace).expect("trace written")).expect("JSON");
    let starts = events.iter().filter(|e| e["ph"] == "B").count();
    let ends = events.iter().filter(|e| e["ph"] == "E").count();
    assert!(
        starts > 100 && starts == ends,
        "{starts} starts, {ends} ends"
    );
    let placed = |file: &str| {
        events.iter().any(|e| {
            e["args"]["file"] == file && e["args"]["line"].as_u64().is_some_and(|line| line > 0)
        })
    };
    assert!(
        placed("/templates/action-plan.typ"),
        "no event in the action plan's template"
    );
    assert!(events.iter().any(|e| e["name"] == "layout document"));

    let again = folder.path().join("again");
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["build", "--document", "actions", "-o"])
        .arg(&again)
        .arg(fixture("basic"))
        .env_remove("PLAN_TYPST_TRACE")
        .output()
        .expect("run plan");
    assert_eq!(output.status.code(), Some(0));
    let written: Vec<_> = std::fs::read_dir(folder.path())
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(
        written.len(),
        3,
        "only trace.json, out and again: {written:?}"
    );
}
