//! No input makes `plan` panic, and builds never lose work: fuzz-style property tests over
//! the TOML loader, the Markdown converter and the whole check pipeline (bounded, so they
//! run in CI), and concurrent builds of one plan.

use std::path::Path;

use crate::common::{copy_of_basic, fixture, pdf_text};
use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};
use proptest::prelude::*;

/// Runs every stage short of typesetting; a panic fails the test.
fn check(dir: &Path) {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let _ = plan::check(dir, &mut sources, &mut diags);
    // Printing must not panic either (spans inside the text, on character boundaries).
    let mut sink = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    sources.emit(&mut sink, &diags).expect("diagnostics print");
    sources
        .emit_json(&mut Vec::new(), &diags)
        .expect("JSON diagnostics print");
}

/// Text that looks like TOML often enough to reach past the parser.
fn tomlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "[plan]\n",
        "[[measure]]\n",
        "[[goal]]\n",
        "[[objective]]\n",
        "[priority]\n",
        "id = \"x\"\n",
        "title = \"ą\"\n",
        "period = [2022, 2027]\n",
        "period = [2027, 2022]\n",
        "funding = { SB = -1 }\n",
        "[measure.funding.SB]\n",
        "2023 = 1e308\n",
        "objective = \"x\"\n",
        "goal = \"x\"\n",
        "targets = { 2024 = 1 }\n",
        "baseline = { year = 99999, value = 1 }\n",
        "\"",
        "=",
        "[",
        "]",
        "{",
        "}",
        "\n",
        "ž",
        "#",
        "\u{feff}",
        "date = 2020-02-30\n",
        "x = 1\n",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(String::from), "\\PC{0,12}"],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

/// Markdown-ish text with every construct's markers and our own extensions.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# ",
        "## ",
        "\n",
        "\n\n",
        "*",
        "_",
        "`",
        "```\n",
        "> ",
        "- ",
        "1. ",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](images/chart.png)",
        "{#",
        "}",
        "[](#heat-pumps)",
        "[x](#nope)",
        "{{ count.measures }}",
        "{{ nope }}",
        "{{",
        "}}",
        "|",
        "|---|\n",
        "Table: x {#t}\n",
        "[^1]",
        "[^1]: ",
        "<b>",
        "<!--",
        "-->",
        "\\",
        "$",
        "#",
        "@",
        "~~",
        "- [ ] ",
        "ą",
        "\u{0}",
        "\r\n",
        "    code\n",
        "---\n",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(String::from), "\\PC{0,8}"],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any plan.toml is loaded or reported, never a panic.
    #[test]
    fn any_plan_toml_is_handled(text in tomlish()) {
        let dir = copy_of_basic();
        std::fs::write(dir.path().join("plan.toml"), text).expect("write plan.toml");
        check(dir.path());
    }

    /// Any strategy file is loaded or reported, never a panic.
    #[test]
    fn any_strategy_file_is_handled(text in tomlish()) {
        let dir = copy_of_basic();
        std::fs::write(dir.path().join("strategy/a-green.toml"), text).expect("write strategy");
        check(dir.path());
    }

    /// Any chapter is converted or reported, never a panic.
    #[test]
    fn any_chapter_is_handled(text in markdownish()) {
        let dir = copy_of_basic();
        std::fs::write(dir.path().join("chapters/analysis.md"), text).expect("write chapter");
        check(dir.path());
    }

    /// Random byte edits of a valid strategy file never make the pipeline panic.
    #[test]
    fn mutated_strategy_file_is_handled(edits in prop::collection::vec((0usize..4000, any::<u8>()), 1..8)) {
        let dir = copy_of_basic();
        let path = dir.path().join("strategy/a-green.toml");
        let mut bytes = std::fs::read(&path).expect("read strategy");
        for (at, byte) in edits {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        std::fs::write(&path, bytes).expect("write strategy");
        check(dir.path());
    }
}

/// Two builds of the same plan into the same folder at once both finish with valid PDFs.
#[test]
fn concurrent_builds_both_finish_with_valid_pdfs() {
    let out = tempfile::tempdir().expect("output folder");
    let build = || {
        let mut sources = Sources::default();
        let mut diags = Diagnostics::default();
        let options = BuildOptions {
            dir: fixture("basic"),
            out: Some(out.path().to_path_buf()),
            ..Default::default()
        };
        matches!(
            plan::build(&options, &mut sources, &mut diags),
            Outcome::Built(_)
        )
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(build);
        let b = s.spawn(build);
        (
            a.join().expect("first build"),
            b.join().expect("second build"),
        )
    });
    assert!(a && b, "both builds succeed");
    for name in ["plan.pdf", "actions.pdf"] {
        let pdf = lopdf::Document::load(out.path().join(name)).expect("a valid PDF");
        assert!(!pdf.get_pages().is_empty());
    }
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("output folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// Whatever a chapter holds, the markup generated from it is valid typst: a build
    /// either succeeds or reports the chapter's own mistakes, never an error in the markup.
    #[test]
    fn any_chapter_typesets_or_reports_its_own_mistakes(text in markdownish()) {
        let dir = crate::common::text_plan();
        std::fs::create_dir_all(dir.path().join("images")).expect("images");
        std::fs::copy(fixture("basic").join("images/chart.png"), dir.path().join("images/chart.png")).expect("image");
        std::fs::write(dir.path().join("chapters/text.md"), &text).expect("chapter");
        let (_out, outcome, sources, diags) = crate::common::build(dir.path());
        let printed = crate::common::render(&sources, &diags);
        prop_assert!(!printed.contains("<generated>"), "generated markup failed for {text:?}:\n{printed}");
        if !matches!(outcome, Outcome::Built(_)) {
            prop_assert!(diags.has_errors(), "a failed build names its errors");
        }
    }
}

/// Every file of a folder with its bytes, in path order.
fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read file");
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

/// `--emit-typst` into the plan folder itself, into a folder inside it, or into a folder that
/// holds it is refused as a usage error, and the plan's files stay as they were (it used to
/// leave every one of them empty).
#[test]
fn emitting_into_the_plan_folder_is_refused_and_loses_nothing() {
    let dir = copy_of_basic();
    let before = snapshot(dir.path());
    let inside = dir.path().join("emitted");
    let relative = dir.path().join("chapters").join("..");
    for emit in [
        dir.path(),
        inside.as_path(),
        relative.as_path(),
        dir.path().parent().expect("parent"),
    ] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
            .arg("build")
            .arg(dir.path())
            .arg("--emit-typst")
            .arg(emit)
            .arg("-o")
            .arg(std::env::temp_dir().join("plan-emit-refused"))
            .env("NO_COLOR", "1")
            .output()
            .expect("run plan");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: {stderr}",
            emit.display()
        );
        assert!(
            stderr.contains("is, holds or lies inside the plan folder"),
            "{stderr}"
        );
        assert_eq!(snapshot(dir.path()), before, "{}", emit.display());
    }
    assert!(!inside.exists());
}

/// A pipe (or any file that is not a regular one) named as a chapter is refused at once
/// with a located problem, instead of `plan check` waiting for ever to read it.
#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
#[test]
fn a_pipe_as_a_chapter_is_refused_within_a_second() {
    let dir = copy_of_basic();
    let chapter = dir.path().join("chapters/intro.md");
    std::fs::remove_file(&chapter).expect("remove chapter");
    let name = std::ffi::CString::new(chapter.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: `name` is a valid NUL-terminated path; mkfifo only creates the file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
    let (status, stderr) = plan_within(&["check"], dir.path(), 1);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`chapters/intro.md` is not a regular file"),
        "{stderr}"
    );
}

/// A template of the plan that is a symbolic link out of the folder, or a pipe, is named
/// as such before typesetting, not met there as a bare "access denied" (or a hang).
#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
#[test]
fn a_template_linked_from_outside_or_a_pipe_is_named() {
    let dir = copy_of_basic();
    let outside = tempfile::tempdir().expect("outside");
    let foreign = outside.path().join("funding.typ");
    std::fs::write(&foreign, "#let render(data, texts) = [Hi]\n").expect("template");
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).expect("templates");
    std::os::unix::fs::symlink(&foreign, templates.join("funding.typ")).expect("symlink");
    let pipe = std::ffi::CString::new(templates.join("links.typ").to_string_lossy().as_bytes())
        .expect("path");
    // SAFETY: `pipe` is a valid NUL-terminated path; mkfifo only creates the file.
    assert_eq!(unsafe { libc::mkfifo(pipe.as_ptr(), 0o644) }, 0, "mkfifo");
    let (status, stderr) = plan_within(&["check"], dir.path(), 2);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("the template `templates/funding.typ` leads outside the plan folder"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the template `templates/links.typ` is not a regular file"),
        "{stderr}"
    );
    assert!(!stderr.contains("access denied"), "{stderr}");
}

/// Runs `plan <args> <dir>`, which must end within `seconds`: its exit status and what it
/// printed to stderr.
pub(crate) fn plan_within(
    args: &[&str],
    dir: &Path,
    seconds: u64,
) -> (std::process::ExitStatus, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(args)
        .arg(dir)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run plan");
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > std::time::Duration::from_secs(seconds) {
            let _ = child.kill();
            panic!("plan {args:?} still runs after {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("stderr");
    (status, stderr)
}

/// A template that asks for 20 GB at once (`"x" * 20000000000`) stops the build at once
/// with a message and exit status 1: no minutes of swapping, no abort, no backtrace.
#[test]
fn a_runaway_template_stops_with_a_message() {
    let dir = copy_of_basic();
    std::fs::create_dir_all(dir.path().join("templates")).expect("templates folder");
    std::fs::write(
        dir.path().join("templates/links.typ"),
        "#let render(data, texts) = {\n  let s = \"x\" * 20000000000\n  [#s.len()]\n}\n",
    )
    .expect("template");
    let out = tempfile::tempdir().expect("output folder");
    let out_arg = format!("--out={}", out.path().display());
    let (status, stderr) = plan_within(&["build", &out_arg], dir.path(), 20);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("GiB of memory at once"), "{stderr}");
    assert!(stderr.contains("templates/ folder"), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
    assert!(
        std::fs::read_dir(out.path()).expect("out").next().is_none(),
        "nothing written"
    );
}

/// Every built-in template handles empty data: plans with no priorities, a priority
/// without goals, a goal without objectives and an objective without measures build every
/// generated part (with warnings, never a template error), in both languages.
#[test]
fn empty_plans_build_every_part() {
    let variants = [
        "",
        "[priority]\nid = \"p\"\ntitle = \"P\"\n",
        "[priority]\nid = \"p\"\ntitle = \"P\"\n\n[[goal]]\nid = \"g\"\ntitle = \"G\"\n",
        "[priority]\nid = \"p\"\ntitle = \"P\"\n\n[[goal]]\nid = \"g\"\ntitle = \"G\"\n\n\
         [[objective]]\nid = \"o\"\ngoal = \"g\"\ntitle = \"O\"\n",
    ];
    for language in ["lt", "en"] {
        for strategy in variants {
            let dir = tempfile::tempdir().expect("plan folder");
            std::fs::write(
                dir.path().join("plan.toml"),
                format!(
                    "[plan]\ntitle = \"Empty plan\"\norganisation = \"Town\"\nperiod = [2024, 2026]\n\
                     language = \"{language}\"\ndate = 2024-01-01\n\n[vision]\nstatement = \"A town\"\n\n\
                     [[document]]\nid = \"all\"\nparts = [\"@vision\", \"@strategy\", \"@action-plan\", \
                     \"@funding\", \"@indicators\", \"@links\", \"@abbreviations\", \"@groups\", \
                     \"@indicator-cards\", \"@list-of-figures\", \"@list-of-tables\"]\n"
                ),
            )
            .expect("write plan.toml");
            if !strategy.is_empty() {
                std::fs::create_dir(dir.path().join("strategy")).expect("strategy folder");
                std::fs::write(dir.path().join("strategy/p.toml"), strategy).expect("write");
            }
            crate::common::build_ok(dir.path());
        }
    }
}

/// A PDF set is replaced whole or not at all: when the second file cannot be written (a
/// full disk; forced here with `PLAN_FAULT`), the first PDF is still the earlier build's
/// and the message says nothing was written; when a rename fails half-way, the message
/// names the files that are new and those that kept their earlier version.
#[test]
fn a_failed_write_leaves_the_earlier_set_whole() {
    let dir = copy_of_basic();
    let out = tempfile::tempdir().expect("output folder");
    let build = |fault: Option<&str>| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_plan"));
        command
            .arg("build")
            .arg(dir.path())
            .arg("-o")
            .arg(out.path())
            .arg("--no-stamp")
            .env("NO_COLOR", "1");
        if let Some(fault) = fault {
            command.env("PLAN_FAULT", fault);
        }
        command.output().expect("run plan")
    };
    assert!(build(None).status.success());
    let pdfs = ["plan.pdf", "actions.pdf"].map(|name| out.path().join(name));
    let earlier = pdfs.clone().map(|p| std::fs::read(p).expect("PDF"));
    // A new version of the plan, so that every PDF would change.
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    std::fs::write(&plan, toml.replacen("version = \"", "version = \"2.", 1)).expect("write");

    let failed = build(Some("write:2"));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert_eq!(failed.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("nothing was written; earlier PDFs are unchanged"),
        "{stderr}"
    );
    for (pdf, bytes) in pdfs.iter().zip(&earlier) {
        assert_eq!(
            &std::fs::read(pdf).expect("PDF"),
            bytes,
            "{}",
            pdf.display()
        );
    }
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(out.path())
        .expect("output")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");

    let partly = build(Some("rename:2"));
    let stderr = String::from_utf8_lossy(&partly.stderr);
    assert_eq!(partly.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("nothing was written"), "{stderr}");
    assert!(stderr.contains("these files are new"), "{stderr}");
    assert!(
        stderr.contains("these keep their earlier version"),
        "{stderr}"
    );
    assert_ne!(std::fs::read(&pdfs[0]).expect("PDF"), earlier[0]);
    assert_eq!(std::fs::read(&pdfs[1]).expect("PDF"), earlier[1]);
}

/// A preview that would need gigabytes for one page (a page 5 000 cm wide, made by a plan's
/// own template) is refused before drawing, with the resolution that would fit; nothing
/// aborts.
#[test]
fn a_preview_too_large_to_draw_is_refused() {
    let dir = copy_of_basic();
    std::fs::create_dir_all(dir.path().join("templates")).expect("templates folder");
    std::fs::write(
        dir.path().join("templates/vision.typ"),
        "#let render(data, texts) = page(width: 5000cm, height: 100cm)[Vision]\n",
    )
    .expect("write template");
    let out = tempfile::tempdir().expect("output folder");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
        .arg("preview")
        .arg(dir.path())
        .args(["--dpi", "96", "--document", "plan", "-o"])
        .arg(out.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan preview");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("megapixels at 96 dpi"), "{stderr}");
    assert!(stderr.contains("preview it with `--dpi"), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

/// CRC-32 (ISO 3309), as a PNG chunk carries it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG that says it is `width` × `height` grey pixels but holds none: enough for a reader
/// of sizes, nothing to decode.
pub(crate) fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        png.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        png.extend(&body);
        png.extend(crc32(&body).to_be_bytes());
    };
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend(height.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(b"IHDR", &ihdr);
    // An empty deflate stream: a reader finds the image data where it expects it.
    chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
    chunk(b"IEND", &[]);
    png
}

/// A raster an SVG links to is held to the picture limits too: a 40 000 × 40 000 PNG (1.6
/// billion pixels) behind an SVG is refused with the limit, not decoded.
#[test]
fn a_giant_picture_behind_an_svg_is_refused() {
    let dir = crate::common::chapter_plan("# Pictures\n\n![A diagram](images/diagram.svg)\n", &[]);
    std::fs::write(
        dir.path().join("images/giga.png"),
        png_header(40_000, 40_000),
    )
    .expect("write PNG");
    std::fs::write(
        dir.path().join("images/diagram.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"100\" height=\"100\"><image xlink:href=\"giga.png\" width=\"100\" height=\"100\"/></svg>",
    )
    .expect("write SVG");
    let (_out, outcome, sources, diags) = crate::common::build(dir.path());
    let printed = crate::common::render(&sources, &diags);
    assert!(matches!(outcome, Outcome::Failed), "{outcome:?}\n{printed}");
    assert!(
        printed
            .contains("links to the picture `giga.png`, which has too many pixels (40000 × 40000"),
        "{printed}"
    );
    assert!(printed.contains("chapters/text.md:3:"), "{printed}");
}

/// A plan folder that does not exist is a mistake in the command line: exit 2, as for
/// every usage error, in every command that reads a plan.
#[test]
fn a_missing_plan_folder_is_a_usage_error() {
    let missing = std::env::temp_dir().join("plan-no-such-folder");
    for args in [&["check"][..], &["build"], &["export", "--format", "csv"]] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(&args[..1])
            .arg(&missing)
            .args(&args[1..])
            .env("NO_COLOR", "1")
            .output()
            .expect("run plan");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("does not exist"), "{stderr}");
    }
}

/// An output folder (`-o`) that is a file is a usage error that says so, for builds and
/// exports, instead of the system's "File exists".
#[test]
fn an_output_folder_that_is_a_file_is_a_usage_error() {
    let file = tempfile::NamedTempFile::new().expect("a file");
    for args in [&["build"][..], &["export", "--format", "csv"]] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(&args[..1])
            .arg(fixture("basic"))
            .args(&args[1..])
            .arg("-o")
            .arg(file.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run plan");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("is a file"), "{stderr}");
        assert!(!stderr.contains("os error"), "{stderr}");
    }
}

/// An id typed with combining accents (NFD, as some macOS tools write "š") is the same id
/// as the one typed precomposed: every plan file is read in NFC.
#[test]
fn ids_in_decomposed_unicode_match_precomposed_references() {
    let decomposed = "s\u{30c}varus-oras";
    let dir = crate::common::broken(
        "strategy/a-green.toml",
        "id = \"clean-air\"",
        &format!("id = \"{decomposed}\""),
    );
    let file = dir.path().join("strategy/a-green.toml");
    let text = std::fs::read_to_string(&file).expect("strategy file");
    std::fs::write(
        &file,
        text.replace("goal = \"clean-air\"", "goal = \"\u{161}varus-oras\""),
    )
    .expect("write");
    let (status, stderr) = plan_within(&["check"], dir.path(), 20);
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("unknown") && !stderr.contains("not a valid"),
        "{stderr}"
    );
}

/// Runs `plan build` of `dir` into `out` with `PLAN_FAULT=fault` (if any) and more arguments.
fn build_into(dir: &Path, out: &Path, fault: Option<&str>, more: &[&str]) -> std::process::Child {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_plan"));
    command
        .arg("build")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .args(more)
        .arg("--no-stamp")
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(fault) = fault {
        command.env("PLAN_FAULT", fault);
    }
    command.spawn().expect("run plan")
}

/// A copy of the basic plan whose documents carry `version`.
fn versioned(version: &str) -> tempfile::TempDir {
    let dir = copy_of_basic();
    let plan = dir.path().join("plan.toml");
    let toml = std::fs::read_to_string(&plan).expect("plan.toml");
    let toml = toml.replacen("version = \"", &format!("version = \"{version}-"), 1);
    std::fs::write(&plan, toml).expect("write");
    dir
}

/// Two builds into one folder at once never leave a mixed set: the second waits while the
/// first replaces its files (here made slow between its renames), so both PDFs come from
/// one build.
#[test]
fn two_builds_at_once_leave_one_whole_set() {
    let (a, b) = (versioned("Alpha"), versioned("Beta"));
    let out = tempfile::tempdir().expect("output folder");
    let first = build_into(a.path(), out.path(), Some("pause:2"), &[]);
    let second = build_into(b.path(), out.path(), None, &[]);
    for child in [first, second] {
        let output = child.wait_with_output().expect("build ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
    }
    let versions: Vec<bool> = ["plan.pdf", "actions.pdf"]
        .iter()
        .map(|name| pdf_text(&out.path().join(name)).contains("Alpha-"))
        .collect();
    assert_eq!(
        versions[0], versions[1],
        "a mixed set: Alpha in {versions:?}"
    );
}

/// A build killed between its renames leaves temporary files and a half-replaced set; the
/// next build removes the leftovers and says what the kill may have left older.
#[test]
fn the_next_build_cleans_up_after_a_killed_one() {
    let dir = copy_of_basic();
    let out = tempfile::tempdir().expect("output folder");
    let first = build_into(dir.path(), out.path(), None, &[]);
    assert!(
        first
            .wait_with_output()
            .expect("build ends")
            .status
            .success()
    );
    // Written anew (`--force`): the same plan would otherwise be left as it is.
    let killed = build_into(dir.path(), out.path(), Some("kill:2"), &["--force"])
        .wait_with_output()
        .expect("build ends");
    assert!(!killed.status.success());
    let temporary = || {
        std::fs::read_dir(out.path())
            .expect("output folder")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count()
    };
    assert!(temporary() > 0, "the kill left its temporary file");
    // Only the strategic plan this time: the action plan may be the older one.
    let next = build_into(dir.path(), out.path(), None, &["--document", "plan"])
        .wait_with_output()
        .expect("build ends");
    let stderr = String::from_utf8_lossy(&next.stderr);
    assert!(next.status.success(), "{stderr}");
    assert_eq!(temporary(), 0, "leftovers removed");
    assert!(
        stderr.contains("was stopped while it replaced its files")
            && stderr.contains("`actions.pdf`"),
        "{stderr}"
    );
    // A whole build after it has nothing to say.
    let whole = build_into(dir.path(), out.path(), None, &[])
        .wait_with_output()
        .expect("build ends");
    let stderr = String::from_utf8_lossy(&whole.stderr);
    assert!(whole.status.success(), "{stderr}");
    assert!(!stderr.contains("stopped"), "{stderr}");
}
