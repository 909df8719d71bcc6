//! Helpers shared by the integration tests: building fixture plans and reading PDFs.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, Outcome};

/// The folder of a fixture plan under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Builds a plan folder into a fresh temporary output folder.
pub fn build(dir: &Path) -> (tempfile::TempDir, Outcome, Sources, Diagnostics) {
    let out = tempfile::tempdir().expect("temporary folder");
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let options = BuildOptions {
        dir: dir.to_path_buf(),
        out: Some(out.path().to_path_buf()),
        ..Default::default()
    };
    let outcome = plan::build(&options, &mut sources, &mut diags);
    (out, outcome, sources, diags)
}

/// Diagnostics as printed to a user without colour.
pub fn render(sources: &Sources, diags: &Diagnostics) -> String {
    let mut buffer = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    sources
        .emit(&mut buffer, diags)
        .expect("printing diagnostics");
    String::from_utf8(buffer.into_inner()).expect("diagnostics are UTF-8")
}

/// The text of a PDF with whitespace collapsed, no-break spaces as spaces, and words
/// hyphenated at line ends joined again.
///
/// Typst draws a hyphen inserted by hyphenation with the same glyph as a written `-`, and
/// pdf-extract (which ignores `/ActualText`) then reads every hyphen as a soft hyphen
/// U+00AD, sometimes with spaces around it. So: a soft hyphen at a line end joins the word,
/// any other is the hyphen it was written as.
pub fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("PDF exists");
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("PDF text can be extracted");
    let text = text.replace(['\u{a0}', '\u{202f}'], " ");
    let joined = text
        .replace("\u{ad}\n", "")
        .replace(" \u{ad} ", "-")
        .replace('\u{ad}', "-");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Page sizes (width, height) in points, in page order.
pub fn page_sizes(path: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(path).expect("PDF parses");
    doc.get_pages()
        .values()
        .map(|&id| {
            let page = doc.get_dictionary(id).expect("page dictionary");
            let media = page
                .get(b"MediaBox")
                .and_then(|m| m.as_array())
                .expect("MediaBox");
            let n = |i: usize| media[i].as_float().expect("number");
            (n(2) - n(0), n(3) - n(1))
        })
        .collect()
}

/// Copies a folder recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

/// A copy of the `basic` fixture in a temporary folder.
pub fn copy_of_basic() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("basic"), dir.path());
    dir
}

/// A copy of the `basic` fixture with `from` replaced by `to` in `file`.
pub fn broken(file: &str, from: &str, to: &str) -> tempfile::TempDir {
    let dir = copy_of_basic();
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).expect("fixture file");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write fixture");
    dir
}
