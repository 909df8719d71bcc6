//! `plan preview`: pages drawn as PNG at the asked resolution, only the selected ones, and
//! a preview replaces the document's earlier images.

use std::path::Path;
use std::process::Command;

use crate::common::{fixture, render};
use plan::Outcome;
use plan::typeset::Export;

/// Previews the basic plan into `out`; returns the file names in `out`, sorted, and the
/// documents' page counts.
fn preview(out: &Path, pages: &str, dpi: f32) -> (Vec<String>, Vec<usize>) {
    // Into `out` itself, so that a second preview meets the first one's images.
    let (_, outcome, sources, diags) = crate::common::build_with(&fixture("basic"), |options| {
        options.out = Some(out.to_path_buf());
        options.export = Export::Png {
            pages: pages.parse().expect("page selection"),
            dpi,
        };
    });
    let Outcome::Built(written) = outcome else {
        panic!("{outcome:?}\n{}", render(&sources, &diags));
    };
    let mut names: Vec<String> = std::fs::read_dir(out)
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        // Not the hidden list of the images previews wrote there.
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    (names, written.iter().map(|w| w.pages).collect())
}

#[test]
fn pages_become_images_at_the_asked_resolution() {
    let out = tempfile::tempdir().expect("output folder");
    let (names, pages) = preview(out.path(), "-", 36.0);
    // Every page of both documents, the strategic plan (`plan`) and the action plan.
    assert_eq!(names.len(), pages.iter().sum::<usize>(), "{names:?}");
    assert_eq!(names.first().map(String::as_str), Some("actions-01.png"));
    let last = format!("plan-{:02}.png", pages[0]);
    assert!(names.contains(&last), "no {last} in {names:?}");

    // An A4 page at 36 dpi is half its size in points: 297.6 × 420.9.
    let title = image::open(out.path().join("plan-01.png")).expect("a PNG");
    assert_eq!((title.width(), title.height()), (298, 421));
    // The title page is not blank: the emblem and title are drawn.
    let dark = title.to_luma8().pixels().filter(|p| p.0[0] < 128).count();
    assert!(dark > 500, "only {dark} dark pixels on the title page");
    // The action plan (after its title page) is landscape.
    let actions = image::open(out.path().join("actions-02.png")).expect("a PNG");
    assert!(actions.width() > actions.height());
}

#[test]
fn a_selection_draws_only_its_pages_and_replaces_earlier_images() {
    let out = tempfile::tempdir().expect("output folder");
    preview(out.path(), "-", 20.0);
    // Pages printed 2, 4 and 5 are the plan's third, fifth and sixth (after its title
    // page); the action plan has no such pages, so its images stay.
    let (names, _) = preview(out.path(), "2,4-5", 20.0);
    assert_eq!(
        names,
        [
            "actions-01.png",
            "actions-02.png",
            "plan-03.png",
            "plan-05.png",
            "plan-06.png"
        ]
    );
}

#[test]
fn a_bad_selection_is_a_usage_error_and_writes_nothing() {
    let out = tempfile::tempdir().expect("output folder");
    for (pages, message) in [
        ("0", "no page is in the selection `0`"),
        ("3-1", "no page is in the selection `3-1`"),
        ("x", "`x` is not a page number"),
        (
            "99",
            "no page is in the selection `99`\n = hint: `plan` has ",
        ),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(["preview", "--pages", pages, "-o"])
            .arg(out.path())
            .arg(fixture("basic"))
            .output()
            .expect("run plan");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{pages}: {stderr}");
        assert!(stderr.contains(message), "{pages}: {stderr}");
    }
    assert_eq!(std::fs::read_dir(out.path()).expect("folder").count(), 0);
}

/// A preview into a folder of the user's removes only images a preview wrote there: a
/// file of the user's that happens to be named like a page image stays.
#[test]
fn a_preview_keeps_the_user_s_files_named_like_pages() {
    let out = tempfile::tempdir().expect("output folder");
    let theirs = out.path().join("plan-7.png");
    std::fs::write(&theirs, b"the user's own picture").expect("user's file");
    std::fs::write(out.path().join("plan-01.png"), b"another").expect("user's file");
    preview(out.path(), "-", 20.0);
    // The user's page 1 was replaced by ours (same name), the other is theirs still.
    assert_eq!(
        std::fs::read(&theirs).expect("kept"),
        b"the user's own picture"
    );
    let (names, _) = preview(out.path(), "2", 20.0);
    assert!(names.contains(&"plan-7.png".to_string()), "{names:?}");
    assert!(!names.contains(&"plan-01.png".to_string()), "{names:?}");
}

/// `--pages` takes the numbers printed on the pages, the PDF's page labels: page 2 is the
/// page printed 2, not the file's second page (the title page, which has no number).
#[test]
fn pages_are_chosen_by_their_printed_numbers() {
    let built = crate::common::build_ok(&fixture("basic"));
    let labels = crate::common::page_labels(&built.path().join("plan.pdf"));
    let second = labels
        .iter()
        .position(|l| l == "2")
        .expect("a page printed 2");
    assert!(second > 1, "{labels:?}");
    let out = tempfile::tempdir().expect("output folder");
    let (_, outcome, sources, diags) = crate::common::build_with(&fixture("basic"), |options| {
        options.out = Some(out.path().to_path_buf());
        options.documents = vec!["plan".into()];
        options.export = Export::Png {
            pages: "2".parse().expect("page selection"),
            dpi: 20.0,
        };
    });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let names: Vec<String> = std::fs::read_dir(out.path())
        .expect("output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    assert_eq!(names, [format!("plan-{:02}.png", second + 1)]);
}
