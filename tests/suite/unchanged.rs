//! A build leaves a document whose inputs did not change as it is (its PDF's and Word
//! edition's bytes, time and inode), and typesets every document one of whose inputs did:
//! a chapter, a picture, a dataset, a monitoring report, a template override, plan.toml,
//! the stamp, the files on disk, plan's version. A picture, dataset or report only one
//! document shows marks only that document's stamp `*`, and so rebuilds only it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{copy_of_basic, git, pdf_text, render};
use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};

/// What identifies a file on disk as the same one: its bytes, modification time and inode.
#[derive(Debug, PartialEq, Eq)]
struct OnDisk {
    bytes: Vec<u8>,
    modified: std::time::SystemTime,
    #[cfg(unix)]
    inode: u64,
}

fn on_disk(path: &Path) -> OnDisk {
    let meta = std::fs::metadata(path).expect("the PDF is there");
    OnDisk {
        bytes: std::fs::read(path).expect("read the PDF"),
        modified: meta.modified().expect("modification time"),
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&meta),
    }
}

/// Builds `dir` into `out` (options set by `set`) and returns each document id with whether
/// it was left as it was.
fn build_into(dir: &Path, out: &Path, set: impl FnOnce(&mut BuildOptions)) -> Vec<(String, bool)> {
    let mut options = BuildOptions {
        dir: dir.to_path_buf(),
        out: Some(out.to_path_buf()),
        ..Default::default()
    };
    set(&mut options);
    let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
    match plan::build(&options, &mut sources, &mut diags) {
        Outcome::Built(written) => written.into_iter().map(|w| (w.id, w.kept)).collect(),
        other => panic!("{other:?}\n{}", render(&sources, &diags)),
    }
}

/// The documents of the `basic` fixture that were typeset again.
fn rebuilt(written: &[(String, bool)]) -> Vec<&str> {
    written
        .iter()
        .filter(|(_, kept)| !kept)
        .map(|(id, _)| id.as_str())
        .collect()
}

fn append(path: &Path, text: &str) {
    let old = std::fs::read_to_string(path).expect("read");
    std::fs::write(path, format!("{old}{text}")).expect("write");
}
/// The basic fixture as a git repository with one commit.
fn committed_basic() -> tempfile::TempDir {
    let plan = copy_of_basic();
    git(plan.path(), &["init", "-q"]);
    git(plan.path(), &["add", "."]);
    git(plan.path(), &["commit", "-q", "-m", "plan"]);
    plan
}

#[test]
fn editing_one_chapter_typesets_only_its_document_again() {
    let plan = committed_basic();
    let out = tempfile::tempdir().expect("output folder");
    let stamped = |o: &mut BuildOptions| o.stamp = true;
    let first = build_into(plan.path(), out.path(), stamped);
    assert_eq!(rebuilt(&first), ["plan", "actions"]);
    let actions = on_disk(&out.path().join("actions.pdf"));
    let whole = on_disk(&out.path().join("plan.pdf"));

    // The same inputs: nothing is typeset, nothing touched.
    let again = build_into(plan.path(), out.path(), stamped);
    assert!(rebuilt(&again).is_empty(), "{again:?}");
    assert_eq!(on_disk(&out.path().join("plan.pdf")), whole);

    // `intro.md` is only in `plan`: the working tree is no longer the commit's, but the
    // action plan's pages are, and they are left as they were.
    append(
        &plan.path().join("chapters/intro.md"),
        "\nA new paragraph.\n",
    );
    let edited = build_into(plan.path(), out.path(), stamped);
    assert_eq!(rebuilt(&edited), ["plan"]);
    assert_eq!(on_disk(&out.path().join("actions.pdf")), actions);
    let plan_pdf = std::fs::read(out.path().join("plan.pdf")).expect("plan.pdf");
    assert_ne!(plan_pdf, whole.bytes);

    // What was typeset again is what a build into an empty folder makes: nothing of the
    // earlier build leaks into it.
    let fresh = tempfile::tempdir().expect("fresh folder");
    build_into(plan.path(), fresh.path(), stamped);
    let fresh_pdf = std::fs::read(fresh.path().join("plan.pdf")).expect("fresh plan.pdf");
    assert!(
        fresh_pdf == plan_pdf,
        "the rebuilt PDF differs from a fresh build's"
    );
    // No temporary file is left beside the outputs.
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != ".cache")
        .collect();
    names.sort();
    assert_eq!(names, [".plan-inputs", "actions.pdf", "plan.pdf"]);
}

/// A PNG of `width` pixels square, all one colour.
fn png(width: u32, rgb: [u8; 3]) -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(width, width, image::Rgb(rgb));
    let mut bytes = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut bytes, image::ImageFormat::Png)
        .expect("encode PNG");
    bytes.into_inner()
}

/// One kind of change, and the documents of the `basic` fixture it must typeset again.
struct Change {
    name: &'static str,
    change: fn(&Path, &Path),
    options: fn(&mut BuildOptions),
    /// Whether both builds put the commit in the footers.
    stamp: bool,
    rebuilt: &'static [&'static str],
}

fn no_change(_: &Path, _: &Path) {}
fn no_options(_: &mut BuildOptions) {}

#[test]
fn every_kind_of_input_change_typesets_what_it_touches() {
    let changes = [
        Change {
            name: "nothing",
            change: no_change,
            options: no_options,
            stamp: true,
            rebuilt: &[],
        },
        Change {
            name: "--deny-warnings (it decides whether a build fails, not the pages)",
            change: no_change,
            options: |o| o.deny_warnings = true,
            stamp: true,
            rebuilt: &[],
        },
        Change {
            name: "a chapter of one document",
            change: |plan, _| append(&plan.join("chapters/analysis.md"), "\nMore.\n"),
            options: no_options,
            stamp: true,
            rebuilt: &["plan"],
        },
        Change {
            name: "the PDF deleted",
            change: |_, out| std::fs::remove_file(out.join("actions.pdf")).expect("remove"),
            options: no_options,
            stamp: true,
            rebuilt: &["actions"],
        },
        Change {
            name: "the PDF edited",
            change: |_, out| {
                let path = out.join("actions.pdf");
                let mut bytes = std::fs::read(&path).expect("read");
                bytes.extend_from_slice(b"\n% edited\n");
                std::fs::write(&path, bytes).expect("write");
            },
            options: no_options,
            stamp: true,
            rebuilt: &["actions"],
        },
        Change {
            name: "the PDF replaced by another",
            change: |_, out| {
                std::fs::copy(out.join("plan.pdf"), out.join("actions.pdf")).expect("copy");
            },
            options: no_options,
            stamp: true,
            rebuilt: &["actions"],
        },
        Change {
            name: "a picture of a chapter, without the stamp",
            change: |plan, _| {
                std::fs::write(plan.join("images/chart.png"), png(48, [200, 40, 40]))
                    .expect("write picture")
            },
            options: no_options,
            stamp: false,
            rebuilt: &["plan"],
        },
        Change {
            // Under the stamp too: the picture is shown only by a chapter of `plan`, so
            // only `plan` is marked `*` (the action plan's pages are the commit's).
            name: "a picture of a chapter",
            change: |plan, _| {
                std::fs::write(plan.join("images/chart.png"), png(48, [200, 40, 40]))
                    .expect("write picture")
            },
            options: no_options,
            stamp: true,
            rebuilt: &["plan"],
        },
        Change {
            // A picture no Markdown shows may be shown by a template: every document's.
            name: "a picture nothing shows",
            change: |plan, _| {
                std::fs::write(plan.join("images/unused.png"), png(8, [0, 0, 0]))
                    .expect("write picture");
                git(plan, &["add", "images/unused.png"]);
            },
            options: no_options,
            stamp: true,
            rebuilt: &["plan", "actions"],
        },
        Change {
            name: "a template override added",
            change: |plan, _| {
                let built_in = plan::typeset::templates::built_in("document.typ")
                    .expect("document.typ is built in");
                std::fs::create_dir_all(plan.join("templates")).expect("templates folder");
                std::fs::write(
                    plan.join("templates/document.typ"),
                    format!("{built_in}\n// the plan's own\n"),
                )
                .expect("write override");
            },
            options: no_options,
            stamp: true,
            rebuilt: &["plan", "actions"],
        },
        Change {
            name: "plan.toml's version",
            change: |plan, _| {
                crate::common::edit_plan(plan, "version = \"2.0\"", "version = \"2.1\"")
            },
            options: no_options,
            stamp: true,
            rebuilt: &["plan", "actions"],
        },
        Change {
            name: "another version of plan wrote the folder",
            change: |_, out| {
                let path = out.join(".plan-inputs");
                let text = std::fs::read_to_string(&path).expect("the records");
                let mine = format!("\"plan\": \"{}\"", env!("CARGO_PKG_VERSION"));
                assert!(text.contains(&mine), "{text}");
                std::fs::write(&path, text.replace(&mine, "\"plan\": \"0.0.1\"")).expect("write");
            },
            options: no_options,
            stamp: true,
            rebuilt: &["plan", "actions"],
        },
        Change {
            name: "--force",
            change: no_change,
            options: |o| o.force = true,
            stamp: true,
            rebuilt: &["plan", "actions"],
        },
        Change {
            name: "--changes-since (the annex of changes is the strategic plan's)",
            change: no_change,
            options: |o| o.changes_since = Some("HEAD".into()),
            stamp: true,
            rebuilt: &["plan"],
        },
        Change {
            name: "--no-stamp after a stamped build",
            change: no_change,
            options: |o| o.stamp = false,
            stamp: true,
            rebuilt: &["plan", "actions"],
        },
    ];
    for change in changes {
        let plan = committed_basic();
        let out = tempfile::tempdir().expect("output folder");
        build_into(plan.path(), out.path(), |o| o.stamp = change.stamp);
        (change.change)(plan.path(), out.path());
        let written = build_into(plan.path(), out.path(), |o| {
            o.stamp = change.stamp;
            (change.options)(o);
        });
        assert_eq!(rebuilt(&written), change.rebuilt, "{}", change.name);
        // Whatever was kept or typeset again, the folder holds what a fresh build makes.
        let fresh = tempfile::tempdir().expect("fresh folder");
        build_into(plan.path(), fresh.path(), |o| {
            o.stamp = change.stamp;
            (change.options)(o);
        });
        for id in ["plan", "actions"] {
            let name = format!("{id}.pdf");
            let ours = std::fs::read(out.path().join(&name)).expect("ours");
            let theirs = std::fs::read(fresh.path().join(&name)).expect("fresh");
            assert!(
                ours == theirs,
                "{}: {name} differs from a fresh build's",
                change.name
            );
        }
    }
}

#[test]
fn the_stamp_marks_only_the_documents_whose_files_changed() {
    let plan = committed_basic();
    let commit = git(plan.path(), &["rev-parse", "--short=7", "HEAD"]);
    let out = tempfile::tempdir().expect("output folder");
    append(
        &plan.path().join("chapters/intro.md"),
        "\nA new paragraph.\n",
    );
    build_into(plan.path(), out.path(), |o| o.stamp = true);
    let text = |name: &str| pdf_text(&out.path().join(name));
    assert!(text("plan.pdf").contains(&format!("{commit}*")));
    let actions = text("actions.pdf");
    assert!(actions.contains(&format!("· {commit}")), "{actions}");
    assert!(!actions.contains(&format!("{commit}*")), "{actions}");

    // plan.toml may show in every document.
    crate::common::edit_plan(plan.path(), "# no logo on purpose", "# no logo, on purpose");
    build_into(plan.path(), out.path(), |o| o.stamp = true);
    assert!(text("actions.pdf").contains(&format!("{commit}*")));
}

/// The plan binary this test suite was built with.
fn plan_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_plan"))
}

#[test]
fn plan_build_says_which_documents_are_unchanged() {
    let plan = copy_of_basic();
    let out = tempfile::tempdir().expect("output folder");
    let build = || {
        let output = Command::new(plan_binary())
            .arg("build")
            .arg(plan.path())
            .arg("-o")
            .arg(out.path())
            .output()
            .expect("plan runs");
        assert!(output.status.success());
        String::from_utf8_lossy(&output.stderr).replace(&out.path().display().to_string(), "<out>")
    };
    build();
    append(
        &plan.path().join("chapters/intro.md"),
        "\nA new paragraph.\n",
    );
    let said = build();
    assert!(said.contains("unchanged <out>/actions.pdf ("), "{said}");
    assert!(said.contains("wrote <out>/plan.pdf ("), "{said}");
}

/// A copy of fixture `name` with `document` added to its plan.toml (and `files` written),
/// committed to a git repository of its own.
fn committed(name: &str, document: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let plan = tempfile::tempdir().expect("plan folder");
    crate::common::copy_dir(&crate::common::fixture(name), plan.path());
    append(&plan.path().join("plan.toml"), document);
    for (path, text) in files {
        std::fs::write(plan.path().join(path), text).expect("write file");
    }
    git(plan.path(), &["init", "-q"]);
    git(plan.path(), &["add", "."]);
    git(plan.path(), &["commit", "-q", "-m", "plan"]);
    plan
}

/// Whether the footer of `pdf` carries `commit` with `*`, or without.
fn marked(pdf: &Path, commit: &str) -> bool {
    let text = pdf_text(pdf);
    let starred = text.contains(&format!("{commit}*"));
    assert!(starred || text.contains(commit), "no stamp in {text}");
    starred
}

#[test]
fn a_dataset_or_a_report_marks_and_rebuilds_only_the_documents_showing_it() {
    // The `data` fixture's one chapter quotes `gyventojai`; a second document does not.
    let plan = committed(
        "data",
        "\n[[document]]\nid = \"other\"\nparts = [\"chapters/other.md\"]\n",
        &[("chapters/other.md", "# Kita\n\nTekstas.\n")],
    );
    let commit = git(plan.path(), &["rev-parse", "--short=7", "HEAD"]);
    let out = tempfile::tempdir().expect("output folder");
    let stamped = |o: &mut BuildOptions| o.stamp = true;
    build_into(plan.path(), out.path(), stamped);
    let csv = plan.path().join("data/gyventojai.csv");
    let values = std::fs::read_to_string(&csv).expect("values");
    std::fs::write(&csv, values.replace("2021;51,8", "2021;51,7")).expect("write values");
    let written = build_into(plan.path(), out.path(), stamped);
    assert_eq!(rebuilt(&written), ["text"]);
    assert!(marked(&out.path().join("text.pdf"), commit.trim()));
    assert!(!marked(&out.path().join("other.pdf"), commit.trim()));

    // The `monitoring` fixture's two reports show the reports; an action plan does not.
    let plan = committed(
        "monitoring",
        "\n[[document]]\nid = \"actions\"\ntitle = \"Action plan\"\nparts = [\"@action-plan\"]\n",
        &[],
    );
    let commit = git(plan.path(), &["rev-parse", "--short=7", "HEAD"]);
    let out = tempfile::tempdir().expect("output folder");
    build_into(plan.path(), out.path(), stamped);
    append(
        &plan.path().join("monitoring/2024.toml"),
        "\n# checked again\n",
    );
    let written = build_into(plan.path(), out.path(), stamped);
    assert_eq!(rebuilt(&written), ["report-2024", "report-2023"]);
    assert!(marked(&out.path().join("report-2024.pdf"), commit.trim()));
    assert!(!marked(&out.path().join("actions.pdf"), commit.trim()));
}

#[test]
fn a_word_edition_is_left_as_it_is_while_its_inputs_are() {
    let plan = tempfile::tempdir().expect("plan folder");
    crate::common::copy_dir(&crate::common::fixture("docx"), plan.path());
    git(plan.path(), &["init", "-q"]);
    git(plan.path(), &["add", "."]);
    git(plan.path(), &["commit", "-q", "-m", "plan"]);
    let out = tempfile::tempdir().expect("output folder");
    let docx = out.path().join("planas.docx");
    let build = |set: fn(&mut BuildOptions)| {
        let written = build_into(plan.path(), out.path(), set);
        !written.iter().all(|(_, kept)| *kept)
    };
    assert!(build(no_options));
    let word = on_disk(&docx);
    let pdf = on_disk(&out.path().join("planas.pdf"));
    assert!(!build(no_options), "nothing changed");
    assert_eq!(on_disk(&docx), word);
    assert_eq!(on_disk(&out.path().join("planas.pdf")), pdf);

    std::fs::remove_file(&docx).expect("remove");
    assert!(build(no_options), "the Word edition deleted");
    assert_eq!(std::fs::read(&docx).expect("docx"), word.bytes);
    std::fs::write(&docx, b"not a Word file").expect("write");
    assert!(build(no_options), "the Word edition edited");
    assert!(!build(no_options));
    // The Word edition reads the plan's reference document, which typst does not.
    std::fs::create_dir_all(plan.path().join("templates")).expect("templates");
    std::fs::copy(&docx, plan.path().join("templates/reference.docx")).expect("copy");
    assert!(build(no_options), "a reference document added");
    assert!(!build(no_options));
    // A comparison edition reads an earlier version: made anew every time.
    assert!(build(|o| o.changes_since = Some("HEAD".into())));
    assert!(build(|o| o.changes_since = Some("HEAD".into())));
    assert!(build(no_options));
    assert!(!build(no_options));
    std::fs::write(plan.path().join("images/chart.png"), png(48, [200, 40, 40]))
        .expect("write picture");
    assert!(build(no_options), "a picture changed");

    // What was kept or made anew is what a build into an empty folder makes.
    let fresh = tempfile::tempdir().expect("fresh folder");
    build_into(plan.path(), fresh.path(), no_options);
    for name in ["planas.pdf", "planas.docx"] {
        let ours = std::fs::read(out.path().join(name)).expect("ours");
        let theirs = std::fs::read(fresh.path().join(name)).expect("fresh");
        assert!(ours == theirs, "{name} differs from a fresh build's");
    }

    // What plan build says of it (without the stamp, as the builds above).
    let output = Command::new(plan_binary())
        .arg("build")
        .arg(plan.path())
        .arg("-o")
        .arg(out.path())
        .arg("--no-stamp")
        .output()
        .expect("plan runs");
    assert!(output.status.success());
    let said =
        String::from_utf8_lossy(&output.stderr).replace(&out.path().display().to_string(), "<out>");
    assert!(said.contains("unchanged <out>/planas.pdf ("), "{said}");
    assert!(said.contains("unchanged <out>/planas.docx\n"), "{said}");
}
