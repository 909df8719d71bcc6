//! The footer carries the short commit id of the plan's git repository, with `*` when a
//! file the document may show has uncommitted changes (a chapter of another document
//! does not count: `unchanged.rs`); `--no-stamp` leaves it out.

use std::path::Path;

use crate::common::{copy_of_basic, git, pdf_text};
use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};
/// Builds the plan with or without the stamp and returns the text of its PDF.
fn built_text(dir: &Path, stamp: bool) -> String {
    let out = tempfile::tempdir().expect("output folder");
    let options = BuildOptions {
        dir: dir.to_path_buf(),
        out: Some(out.path().to_path_buf()),
        stamp,
        ..Default::default()
    };
    let outcome = plan::build(
        &options,
        &mut Sources::default(),
        &mut Diagnostics::default(),
    );
    assert!(matches!(outcome, Outcome::Built(_)));
    pdf_text(&out.path().join("actions.pdf"))
}

#[test]
fn footer_carries_the_commit_and_marks_uncommitted_changes() {
    let plan = copy_of_basic();
    git(plan.path(), &["init", "-q"]);
    git(plan.path(), &["add", "."]);
    git(plan.path(), &["commit", "-q", "-m", "plan"]);
    let commit = git(plan.path(), &["rev-parse", "--short=7", "HEAD"]);

    let clean = built_text(plan.path(), true);
    assert!(clean.contains(&format!("· {commit}")), "{clean}");
    assert!(!clean.contains(&format!("{commit}*")));

    let path = plan.path().join("plan.toml");
    let text = std::fs::read_to_string(&path).expect("plan.toml");
    std::fs::write(&path, format!("{text}\n# A new comment.\n")).expect("edit plan.toml");
    assert!(built_text(plan.path(), true).contains(&format!("{commit}*")));

    assert!(!built_text(plan.path(), false).contains(&commit));
}
