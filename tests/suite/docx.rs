//! The Word edition (`<id>.docx`), read back as a zip of XML parts: Word's heading styles
//! with the PDF's numbers, real tables, footnotes, pictures with their alternative text,
//! references as links to bookmarks, the language, and the same text as the PDF.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use crate::common::{
    build, build_with, copy_dir, fixture, normalize, page_texts, pdf_text, render,
};
use plan::{FileFormat, Outcome};

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(crate) const WP: &str =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
pub(crate) const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

/// The parts of a Word file, by name.
pub(crate) fn parts(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(path).expect("the Word file opens");
    let mut zip = zip::ZipArchive::new(file).expect("the Word file is a zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("a zip entry");
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).expect("a zip entry reads");
            (entry.name().expect("a name").to_string(), bytes)
        })
        .collect()
}

pub(crate) fn xml(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(
        parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"))
            .clone(),
    )
    .expect("UTF-8 XML")
}

pub(crate) fn is<'a>(node: roxmltree::Node<'a, 'a>, ns: &str, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(ns) && node.tag_name().name() == name
}

pub(crate) fn attr<'a>(node: roxmltree::Node<'a, 'a>, ns: &str, name: &str) -> Option<&'a str> {
    node.attribute((ns, name))
}

/// A paragraph's or cell's text as a reader reads it: footnote references as their
/// numbers, line breaks as spaces.
pub(crate) fn text(node: roxmltree::Node) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if is(n, W, "t") {
            out.push_str(n.text().unwrap_or_default());
        } else if is(n, W, "br") {
            out.push(' ');
        } else if is(n, W, "footnoteReference") {
            out.push_str(attr(n, W, "id").unwrap_or_default());
        }
    }
    out
}

/// A paragraph's style.
pub(crate) fn style(p: roxmltree::Node) -> Option<String> {
    p.children()
        .find(|c| is(*c, W, "pPr"))
        .and_then(|ppr| ppr.children().find(|c| is(*c, W, "pStyle")))
        .and_then(|s| attr(s, W, "val"))
        .map(String::from)
}

/// Builds the `docx` fixture (PDF and Word, as its `formats` ask) into a temporary folder.
fn built() -> tempfile::TempDir {
    let (out, outcome, sources, diags) = build(&fixture("docx"));
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    assert!(diags.is_empty(), "{}", render(&sources, &diags));
    out
}

/// A copy of the `docx` fixture with `from` replaced by `to` in its plan.toml.
pub(crate) fn variant(from: &str, to: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("docx"), dir.path());
    let toml = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    assert!(text.contains(from), "plan.toml does not contain {from:?}");
    std::fs::write(&toml, text.replacen(from, to, 1)).expect("write");
    dir
}

#[test]
fn headings_use_words_styles_with_the_pdfs_numbers() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let headings: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| is(*n, W, "p"))
        .filter_map(|p| {
            style(p)
                .filter(|s| s.starts_with("Heading"))
                .map(|s| (s, text(p)))
        })
        .collect();
    let expected = [
        ("Heading1", "1. Įvadas"),
        ("Heading2", "1.1. Rengimo eiga"),
        ("Heading2", "1.2. Sąvokos"),
        // The generated part between the chapters, numbered as the PDF numbers it.
        ("Heading1", "2. Santrumpos"),
        ("Heading1", "3. Situacijos analizė"),
        ("Heading2", "3.1. Išvados"),
        ("Heading2", "3.2. Šaltiniai"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(s, t)| (s.to_string(), t.to_string()))
        .collect();
    assert_eq!(headings, expected);
    // Word's own heading styles, so that its navigation pane and contents find them.
    let styles = xml(&parts, "word/styles.xml");
    assert!(styles.contains("w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"));
    assert!(styles.contains("<w:outlineLvl w:val=\"1\"/>"));
    // The PDF shows the same numbers.
    let pdf = pdf_text(&out.path().join("planas.pdf"));
    for (_, heading) in &expected {
        assert!(
            pdf.contains(heading.as_str()),
            "{heading} not in the PDF: {pdf}"
        );
    }
}

#[test]
fn the_text_is_tagged_with_the_plans_language_and_the_page_is_the_pdfs() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let styles = xml(&parts, "word/styles.xml");
    assert!(styles.contains("<w:lang w:val=\"lt-LT\""), "{styles}");
    let document = xml(&parts, "word/document.xml");
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(
        document.contains("w:left=\"1247\""),
        "2.2 cm margins across"
    );
    assert!(
        document.contains("w:top=\"1361\""),
        "2.4 cm margins top and bottom"
    );
    let footer = xml(&parts, "word/footer1.xml");
    assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    // An English plan is tagged English.
    let english = variant("language = \"lt\"", "language = \"en\"");
    let (out, outcome, sources, diags) = build(english.path());
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let parts = self::parts(&out.path().join("planas.docx"));
    assert!(xml(&parts, "word/styles.xml").contains("<w:lang w:val=\"en-GB\""));
    assert!(xml(&parts, "word/document.xml").contains(">Table\u{a0}2. </w:t>"));
}

#[test]
fn tables_repeat_their_header_keep_rows_whole_and_right_align_numbers() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    // The chapter's table (the abbreviations part's table comes first).
    let table = doc
        .descendants()
        .filter(|n| is(*n, W, "tbl"))
        .find(|t| {
            t.prev_sibling_element()
                .is_some_and(|c| text(c).contains("Pagrindiniai rodikliai"))
        })
        .expect("a table");
    let caption = table
        .prev_sibling_element()
        .expect("a paragraph before the table");
    assert_eq!(style(caption).as_deref(), Some("Caption"));
    assert_eq!(
        normalize(&text(caption)),
        "2 lentelė. Pagrindiniai rodikliai"
    );
    let rows: Vec<_> = table.children().filter(|n| is(*n, W, "tr")).collect();
    assert_eq!(rows.len(), 3);
    for (i, row) in rows.iter().enumerate() {
        let trpr = row.children().find(|n| is(*n, W, "trPr")).expect("trPr");
        assert!(
            trpr.children().any(|n| is(n, W, "cantSplit")),
            "row {i} may split"
        );
        assert_eq!(
            trpr.children().any(|n| is(n, W, "tblHeader")),
            i == 0,
            "only the header row repeats"
        );
    }
    let aligns: Vec<Vec<String>> = rows[1..]
        .iter()
        .map(|row| {
            row.descendants()
                .filter(|n| is(*n, W, "jc"))
                .filter_map(|jc| attr(jc, W, "val").map(String::from))
                .collect()
        })
        .collect();
    assert_eq!(aligns, vec![vec!["left", "right", "right"]; 2]);
    let cells: Vec<String> = rows[1]
        .children()
        .filter(|n| is(*n, W, "tc"))
        .map(text)
        .collect();
    assert_eq!(cells, ["Gyventojai, tūkst.", "51,5", "51,3"]);
}

#[test]
fn footnotes_are_words_footnotes_referenced_from_the_text() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let footnotes = xml(&parts, "word/footnotes.xml");
    let notes = roxmltree::Document::parse(&footnotes).expect("footnotes.xml parses");
    let defined: BTreeMap<String, String> = notes
        .descendants()
        .filter(|n| is(*n, W, "footnote") && attr(*n, W, "type").is_none())
        .map(|n| {
            (
                attr(n, W, "id").unwrap_or_default().to_string(),
                normalize(&text(n)),
            )
        })
        .collect();
    let expected: BTreeMap<String, String> = [
        (
            "1",
            "Lietuvos Respublikos strateginio valdymo įstatymas, 2020 m.",
        ),
        ("2", "Žr. „Strateginio valdymo metodika“."),
    ]
    .iter()
    .map(|(id, t)| (id.to_string(), t.to_string()))
    .collect();
    assert_eq!(defined, expected);
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let referenced: Vec<&str> = doc
        .descendants()
        .filter(|n| is(*n, W, "footnoteReference"))
        .filter_map(|n| attr(n, W, "id"))
        .collect();
    // Each note once; the second reference to the first note shows its number.
    assert_eq!(referenced, ["1", "2"]);
    assert!(document.contains("gyventi.</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:t xml:space=\"preserve\">1</w:t>"));
    // Quotation marks, dashes and no-break spaces as the PDF sets them.
    assert!(
        document.contains(
            "„miestas žaliuoja“\u{a0}– tai ‚gera‘ žinia visam 2021–2030\u{a0}m. laikotarpiui."
        ),
        "{document}"
    );
    let settings = xml(&parts, "word/settings.xml");
    assert!(settings.contains(
        "<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>"
    ));
}

#[test]
fn pictures_are_embedded_with_their_alternative_text_and_numbered_captions() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let rels = xml(&parts, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels).expect("rels parse");
    let target = |id: &str| {
        rels.descendants()
            .find(|n| n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .map(String::from)
    };
    let mut shown = Vec::new();
    for drawing in doc.descendants().filter(|n| is(*n, WP, "inline")) {
        let descr = drawing
            .children()
            .find(|n| is(*n, WP, "docPr"))
            .and_then(|n| n.attribute("descr"))
            .expect("the picture's alternative text");
        let blip = drawing
            .descendants()
            .find(|n| is(*n, A, "blip"))
            .and_then(|n| attr(n, R, "embed"))
            .expect("the embedded picture");
        let media = target(blip).expect("the picture's relation");
        let bytes = parts
            .get(&format!("word/{media}"))
            .expect("the picture is in the file");
        // Both are PNG: the PNG as it is, the SVG drawn as PNG.
        assert!(bytes.starts_with(b"\x89PNG"), "{media}");
        let caption = drawing
            .ancestors()
            .find(|n| is(*n, W, "p"))
            .and_then(|p| p.next_sibling_element())
            .expect("a caption after the picture");
        shown.push((descr.to_string(), normalize(&text(caption))));
    }
    assert_eq!(
        shown,
        [
            (
                "Gyventojų skaičiaus kaita".to_string(),
                "1 pav. Gyventojų skaičiaus kaita".to_string()
            ),
            (
                "Plano dalių schema".to_string(),
                "2 pav. Plano dalių schema".to_string()
            ),
        ]
    );
    assert_eq!(
        std::fs::read(fixture("docx").join("images/chart.png")).expect("the fixture's PNG"),
        parts["word/media/image1.png"],
        "a PNG is embedded as it is"
    );
    // The SVG's text is drawn, in the built-in fonts: its only black pixels.
    let drawn = image::load_from_memory(&parts["word/media/image2.png"]).expect("a PNG");
    let black = drawn
        .to_rgb8()
        .pixels()
        .filter(|p| p.0.iter().all(|&c| c < 40))
        .count();
    assert!(black > 500, "{black} black pixels");
}

#[test]
fn every_reference_links_to_a_bookmark_around_its_target() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let bookmarks: BTreeMap<&str, &str> = doc
        .descendants()
        .filter(|n| is(*n, W, "bookmarkStart"))
        .filter_map(|n| Some((attr(n, W, "name")?, attr(n, W, "id")?)))
        .collect();
    let ends: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| is(*n, W, "bookmarkEnd"))
        .filter_map(|n| attr(n, W, "id"))
        .collect();
    assert_eq!(bookmarks.values().copied().collect::<BTreeSet<_>>(), ends);
    // One a target: the two chapters and a heading, the two tables and the figure with
    // an id; and one for each other heading, which the contents link to.
    // (Besides the end of the text, which the footer's page count refers to.)
    let bookmarks: BTreeMap<&str, &str> = bookmarks
        .into_iter()
        .filter(|(n, _)| !n.starts_with("_PlanEnd"))
        .collect();
    let targets = bookmarks.keys().filter(|n| !n.starts_with("_Toc")).count();
    assert_eq!(targets, 6, "{bookmarks:?}");
    // And the abbreviations part's heading, in the contents too.
    assert_eq!(bookmarks.len(), 10, "{bookmarks:?}");
    for name in bookmarks.keys() {
        assert!(name.len() <= 40 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    }
    let in_contents = |n: roxmltree::Node| {
        n.ancestors()
            .find(|p| is(*p, W, "p"))
            .and_then(style)
            .is_some_and(|s| s.starts_with("TOC"))
    };
    let links: Vec<(&str, String)> = doc
        .descendants()
        .filter(|n| is(*n, W, "hyperlink") && !in_contents(*n))
        .filter_map(|n| Some((attr(n, W, "anchor")?, text(n))))
        .collect();
    for (anchor, _) in &links {
        assert!(bookmarks.contains_key(anchor), "{anchor} has no bookmark");
    }
    // What each shows is the number the PDF shows.
    let shown: Vec<&str> = links.iter().map(|(_, t)| t.as_str()).collect();
    // The abbreviations' table is the PDF's first: the chapter's is the second.
    assert_eq!(shown, ["2", "1", "3", "2", "1.1", "1", "3"]);
    let target_of = |shown_text: &str, bookmark_part: &str| {
        links
            .iter()
            .any(|(a, t)| t == shown_text && a.ends_with(bookmark_part))
    };
    assert!(target_of("2", "_lentele_rodikliai"));
    assert!(target_of("1", "_pav_grafikas"));
    assert!(target_of("3", "_analize"));
    assert!(target_of("1.1", "_eiga"));
    assert!(target_of("1", "_ivadas"));
    // A web address is an external link.
    let rels = xml(&parts, "word/_rels/document.xml.rels");
    assert!(rels.contains("Target=\"https://www.alytus.lt\" TargetMode=\"External\""));
}

/// The Word edition's text, paragraph by paragraph, is the PDF's: each paragraph, caption
/// and table row of the chapters comes in the PDF's text in the same order. Both sides are
/// normalised: whitespace (spaces, line ends, no-break spaces) is left out, and the
/// PDF's hyphenation at line ends undone (see `common::pdf_text`). Figures float in the
/// PDF (to the page's foot or the next page), so their captions are looked up anywhere,
/// as are the footnotes, which the PDF sets at the foot of the page.
#[test]
fn the_text_is_the_pdfs_text() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let squash = |s: &str| -> String {
        normalize(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let pdf = squash(&pdf_text(&out.path().join("planas.pdf")));
    let body = doc.descendants().find(|n| is(*n, W, "body")).expect("body");
    let mut blocks: Vec<(bool, String)> = Vec::new();
    let mut after_picture = false;
    for node in body.children().filter(|n| n.is_element()) {
        if is(node, W, "p") {
            let picture = node.descendants().any(|n| is(n, WP, "inline"));
            let floating = after_picture && style(node).as_deref() == Some("Caption");
            after_picture = picture;
            if !picture {
                blocks.push((floating, squash(&text(node))));
            }
        } else if is(node, W, "tbl") {
            for row in node.children().filter(|n| is(*n, W, "tr")) {
                blocks.push((false, squash(&text(row))));
            }
        }
    }
    let mut at = 0;
    let mut checked = 0;
    for (floating, block) in blocks.iter().filter(|(_, b)| !b.is_empty()) {
        if *floating {
            assert!(pdf.contains(block.as_str()), "{block} is not in the PDF");
        } else {
            let found = pdf[at..]
                .find(block.as_str())
                .unwrap_or_else(|| panic!("{block} is not in the PDF after {at}: {pdf}"));
            at += found + block.len();
        }
        checked += 1;
    }
    assert!(checked >= 30, "{checked} blocks");
    let footnotes = xml(&parts, "word/footnotes.xml");
    let notes = roxmltree::Document::parse(&footnotes).expect("footnotes.xml parses");
    for note in notes
        .descendants()
        .filter(|n| is(*n, W, "footnote") && attr(*n, W, "type").is_none())
    {
        assert!(pdf.contains(&squash(&text(note))), "{}", text(note));
    }
}

#[test]
fn identical_input_gives_identical_word_files() {
    let first = built();
    let second = built();
    let a = std::fs::read(first.path().join("planas.docx")).expect("first");
    let b = std::fs::read(second.path().join("planas.docx")).expect("second");
    assert!(a == b, "two builds of the same plan differ");
    // Dated as the PDF is: the approving decision's date (without SOURCE_DATE_EPOCH),
    // never the clock.
    let parts = parts(&first.path().join("planas.docx"));
    assert!(xml(&parts, "docProps/core.xml").contains(">2024-01-25T00:00:00Z</dcterms:created>"));
    let file = std::fs::File::open(first.path().join("planas.docx")).expect("opens");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    for i in 0..zip.len() {
        let entry = zip.by_index(i).expect("entry");
        let time = entry.last_modified().expect("a date");
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (2024, 1, 25),
            "{:?}",
            entry.name()
        );
    }
}

#[test]
fn the_command_line_names_the_files_to_write() {
    // `--as docx`: only the Word edition, of every document.
    let (out, outcome, sources, diags) =
        build_with(&fixture("basic"), |o| o.formats = vec![FileFormat::Docx]);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .expect("output folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    assert_eq!(names, ["actions.docx", "plan.docx"]);
    // Without it, a plan's documents are PDF alone, as before.
    let (out, outcome, ..) = build(&fixture("basic"));
    assert!(matches!(outcome, Outcome::Built(_)));
    assert!(out.path().join("plan.pdf").exists());
    assert!(!out.path().join("plan.docx").exists());
    // Review packs have their Word edition too: each pack's PDF and Word file, the Word
    // one titled as the pack, its header naming the group.
    let (out, outcome, sources, diags) = build_with(&fixture("basic"), |o| {
        o.formats = vec![FileFormat::Pdf, FileFormat::Docx];
        o.groups = vec!["all".into()];
    });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let names = |out: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(out)
            .expect("output folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with('.'))
            .collect();
        names.sort();
        names
    };
    let written = names(out.path());
    let pdfs: Vec<&String> = written.iter().filter(|n| n.ends_with(".pdf")).collect();
    assert!(!pdfs.is_empty(), "{written:?}");
    for pdf in &pdfs {
        let docx = pdf.replace(".pdf", ".docx");
        assert!(written.contains(&docx), "{written:?}");
    }
    let parts = parts(&out.path().join("plan-infra.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let title = doc
        .descendants()
        .filter(|n| is(*n, W, "p"))
        .find(|p| style(*p).as_deref() == Some("Title"))
        .map(text);
    assert_eq!(
        title.as_deref(),
        Some("Review pack of the Infrastructure working group")
    );
    let header = xml(&parts, "word/header1.xml");
    assert!(header.contains("Infrastructure working group"), "{header}");
    // A plan whose documents ask for Word files gets its packs' Word files too.
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("basic"), dir.path());
    let toml = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    let text = text.replace(
        "[[document]]\n",
        "[[document]]\nformats = [\"pdf\", \"docx\"]\n",
    );
    std::fs::write(&toml, text).expect("write");
    let (out, outcome, sources, diags) = build_with(dir.path(), |o| o.groups = vec!["all".into()]);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    assert_eq!(names(out.path()), written);
}

#[test]
fn an_unknown_format_is_an_error_where_it_is_written() {
    let dir = variant(
        "formats = [\"pdf\", \"docx\"]",
        "formats = [\"pdf\", \"doc\"]",
    );
    let (out, outcome, sources, diags) = build(dir.path());
    assert!(matches!(outcome, Outcome::Failed));
    let shown = render(&sources, &diags);
    assert!(
        diags
            .iter()
            .any(|d| d.code == plan::diag::codes::UNKNOWN_FORMAT),
        "{shown}"
    );
    assert!(
        shown.contains("`doc` is not a format `plan build` writes"),
        "{shown}"
    );
    assert!(shown.contains("plan.toml:"), "{shown}");
    assert!(shown.contains("did you mean `docx`?"), "{shown}");
    assert_eq!(std::fs::read_dir(out.path()).expect("folder").count(), 0);
}

/// LibreOffice opens the Word edition and converts it to PDF. Skipped where `soffice` is
/// not installed (docs/en/reference/commands.md, "The Word edition", says how to run it).
#[test]
fn libreoffice_converts_the_word_edition() {
    if !crate::common::installed("soffice") {
        return;
    }
    let out = built();
    let converted = crate::common::libreoffice_pdfs(&[out.path().join("planas.docx")]);
    let pdf = converted.path().join("planas.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("1.1. Rengimo eiga"), "{text}");
    assert!(
        text.contains("Lietuvos Respublikos strateginio valdymo įstatymas"),
        "{text}"
    );
}

/// Word refuses a file whose properties are out of the schema's order (ECMA-376 part 1,
/// `CT_PPrBase`, `CT_RPr`, `CT_Settings`): every paragraph's and run's properties, in the
/// document, the footnotes and the styles, and the settings follow it.
#[test]
fn properties_follow_the_schemas_order() {
    const PARAGRAPH: &[&str] = &[
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "widowControl",
        "numPr",
        "pBdr",
        "shd",
        "tabs",
        "spacing",
        "ind",
        "jc",
        "outlineLvl",
        "rPr",
        "sectPr",
    ];
    const RUN: &[&str] = &[
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "strike",
        "color",
        "sz",
        "szCs",
        "vertAlign",
        "lang",
    ];
    const SETTINGS: &[&str] = &[
        "defaultTabStop",
        "autoHyphenation",
        "hyphenationZone",
        "characterSpacingControl",
        "footnotePr",
        "compat",
        "themeFontLang",
    ];
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let check = |name: &str, parent: &str, order: &[&str]| {
        let text = xml(&parts, name);
        let doc = roxmltree::Document::parse(&text).expect("the part parses");
        let mut seen = 0;
        for node in doc.descendants().filter(|n| is(*n, W, parent)) {
            let names: Vec<&str> = node
                .children()
                .filter(|c| c.is_element())
                .map(|c| c.tag_name().name())
                .collect();
            let places: Vec<usize> = names
                .iter()
                .map(|n| {
                    order
                        .iter()
                        .position(|o| o == n)
                        .unwrap_or_else(|| panic!("{name}: unexpected {n} in {parent}"))
                })
                .collect();
            assert!(
                places.is_sorted(),
                "{name}: {parent} out of order: {names:?}"
            );
            seen += 1;
        }
        assert!(seen > 0, "{name} has no {parent}");
    };
    for part in ["word/document.xml", "word/styles.xml"] {
        check(part, "pPr", PARAGRAPH);
        check(part, "rPr", RUN);
    }
    check("word/footnotes.xml", "pPr", PARAGRAPH);
    check("word/settings.xml", "settings", SETTINGS);
}

/// A `.landscape` table has landscape pages of its own, as in the PDF: the section before
/// it ends portrait, its own is landscape, and every section but the title page's has the
/// header and the page-number footer; the pages after the title page are numbered from 1.
#[test]
fn a_landscape_table_has_a_landscape_section_of_its_own() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let body = doc.descendants().find(|n| is(*n, W, "body")).expect("body");
    // Each section's orientation, the captions of the tables in it, whether it has the
    // header and footer, and the number its pages start from.
    let mut sections: Vec<(bool, Vec<String>)> = Vec::new();
    let mut framed = Vec::new();
    let mut captions = Vec::new();
    for node in body.children().filter(|n| n.is_element()) {
        if is(node, W, "p") && style(node).as_deref() == Some("Caption") {
            captions.push(normalize(&text(node)));
        }
        let sect = if is(node, W, "sectPr") {
            Some(node)
        } else {
            node.descendants().find(|n| is(*n, W, "sectPr"))
        };
        if let Some(sect) = sect {
            let start = sect
                .children()
                .find(|n| is(*n, W, "pgNumType"))
                .and_then(|n| attr(n, W, "start"));
            framed.push((
                sect.children().any(|n| is(n, W, "headerReference")),
                sect.children().any(|n| is(n, W, "footerReference")),
                start,
            ));
            let size = sect.children().find(|n| is(*n, W, "pgSz")).expect("pgSz");
            let landscape = attr(size, W, "orient") == Some("landscape");
            let (w, h) = (attr(size, W, "w"), attr(size, W, "h"));
            assert_eq!(
                (w, h),
                if landscape {
                    (Some("16838"), Some("11906"))
                } else {
                    (Some("11906"), Some("16838"))
                }
            );
            sections.push((landscape, std::mem::take(&mut captions)));
        }
    }
    let orientations: Vec<bool> = sections.iter().map(|(l, _)| *l).collect();
    assert_eq!(orientations, [false, false, true, false]);
    assert_eq!(sections[2].1, ["3 lentelė. Rodikliai pagal metus"]);
    assert_eq!(
        framed,
        [
            (false, false, None),
            (true, true, Some("1")),
            (true, true, None),
            (true, true, None)
        ]
    );
    // The header and footer say what the PDF's do.
    let header = xml(&parts, "word/header1.xml");
    assert!(
        header.contains(">Alytaus miesto strateginis planas</w:t>"),
        "{header}"
    );
    assert!(
        header.contains(">Alytaus miesto savivaldybė</w:t>"),
        "{header}"
    );
    assert!(
        !header.contains("PROJEKTAS"),
        "an approved plan has no draft mark"
    );
    let footer = xml(&parts, "word/footer1.xml");
    assert!(
        footer.contains(">Versija 1, 2024\u{a0}m. sausio 25\u{a0}d.</w:t>"),
        "{footer}"
    );
    // `.small`: its cells a point smaller than the other tables' (7.5 pt, 8.5 pt).
    let tables: Vec<BTreeSet<String>> = doc
        .descendants()
        .filter(|n| is(*n, W, "tbl"))
        .map(|t| {
            t.descendants()
                .filter(|n| is(*n, W, "p"))
                .filter_map(style)
                .collect()
        })
        .collect();
    let styles = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(
        tables,
        // The abbreviations part's table, then the chapter's two.
        [
            styles(&["TableText"]),
            styles(&["TableText"]),
            styles(&["TableTextSmall"])
        ]
    );
    let declared = xml(&parts, "word/styles.xml");
    assert!(declared.contains("w:styleId=\"TableTextSmall\"><w:name w:val=\"Table Text Small\"/><w:basedOn w:val=\"TableText\"/><w:rPr><w:sz w:val=\"15\"/>"));
    // The PDF sets it on a landscape page too.
    let sizes = crate::common::page_sizes(&out.path().join("planas.pdf"));
    assert!(sizes.iter().any(|(w, h)| w > h), "{sizes:?}");
}

/// The top of the Word edition is the PDF's title page: the approval mark, the
/// organisation, the title, the period, the version and the date; an annex has its mark
/// instead, and its first chapter goes on below it.
#[test]
fn the_title_is_the_pdfs_title_page_and_an_annex_has_its_mark() {
    let paragraphs = |path: &Path| -> Vec<(Option<String>, String, bool)> {
        let parts = parts(path);
        let document = xml(&parts, "word/document.xml");
        let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
        doc.descendants()
            .filter(|n| is(*n, W, "p"))
            .map(|p| {
                let new_page = p.descendants().any(|n| is(n, W, "pageBreakBefore"));
                (style(p), text(p), new_page)
            })
            .collect()
    };
    let squash = |s: &str| -> String {
        normalize(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let out = built();
    let top: Vec<(Option<String>, String)> = paragraphs(&out.path().join("planas.docx"))
        .into_iter()
        .take(6)
        .map(|(s, t, _)| (s, t))
        .collect();
    let expected = [
        (
            "ApprovalMark",
            // The date and "sprendimu" kept on one line, as the PDF keeps them.
            "PATVIRTINTA Alytaus miesto savivaldybės tarybos 2024\u{a0}m.\u{a0}sausio\u{a0}25\u{a0}d.\u{a0}sprendimu Nr.\u{a0}T-1",
        ),
        ("Subtitle", "ALYTAUS MIESTO SAVIVALDYBĖ"),
        ("Title", "Alytaus miesto strateginis planas"),
        ("Subtitle", "2024–2026"),
        ("Subtitle", "Versija 1"),
        // Dated by the approving decision.
        ("Subtitle", "2024\u{a0}m. sausio 25\u{a0}d."),
    ];
    let expected: Vec<(Option<String>, String)> = expected
        .iter()
        .map(|(s, t)| (Some(s.to_string()), t.to_string()))
        .collect();
    assert_eq!(top, expected);
    let pdf = squash(&pdf_text(&out.path().join("planas.pdf")));
    assert!(
        pdf.starts_with(&expected.iter().map(|(_, t)| squash(t)).collect::<String>()),
        "{pdf}"
    );

    // The same document as an annex to the plan.
    let dir = variant("formats = [", "annex = true\nformats = [");
    let (out, outcome, sources, diags) = build(dir.path());
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let all = paragraphs(&out.path().join("planas.docx"));
    assert_eq!(
        (all[0].0.as_deref(), normalize(&all[0].1).as_str()),
        (
            Some("AnnexMark"),
            "Alytaus miesto strateginio plano 1 priedas"
        )
    );
    assert_eq!((all[1].0.as_deref(), all[1].2), (Some("Heading1"), false));
    let pdf = squash(&pdf_text(&out.path().join("planas.pdf")));
    assert!(pdf.starts_with(&squash(&all[0].1)), "{pdf}");

    // A draft says so on the title page and across every page (the watermark), as the
    // PDF does: not in the header's text, which the PDF's does not have either.
    let toml = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    std::fs::write(
        &toml,
        text.replace("status = \"approved\"", "status = \"draft\""),
    )
    .expect("write");
    let (out, outcome, sources, diags) = build(dir.path());
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let parts = self::parts(&out.path().join("planas.docx"));
    let header = xml(&parts, "word/header1.xml");
    assert!(header.contains("string=\"PROJEKTAS\""), "{header}");
    assert!(!header.contains("PROJEKTAS · "), "{header}");
    let pdf_header = page_texts(&out.path().join("planas.pdf"))[1].clone();
    assert!(!pdf_header.contains("PROJEKTAS"), "{pdf_header}");
}

/// Text that means something to XML (`<`, `&`, quotes, `]]>`), raw HTML, addresses with
/// `&`, nested lists and quotes, a footnote in a list and a reference inside emphasis stay
/// well-formed XML in every part, and every construct's text is there.
#[test]
fn any_text_stays_well_formed() {
    let markdown = "# Pavadinimas <&> \"x\" {#pav-1.a}\n\n\
        Tekstas a < b && c > d ]]> 'e' <span>html</span> ir [nuoroda](https://x.lt/?a=1&b=\"2\").[^n]\n\n\
        - *punktas [](#pav-1.a)*\n  > citata su `kodu <x>`\n  1. vidinis[^n]\n\n\
        ```\n<kodas> & \"blokas\"\n```\n\n\
        <div>blokinis & html</div>\n\n\
        | A <b> | & |\n|---|---:|\n| \"x\" | 1 |\n\n\
        ![Aprašas a < b & \"kabutėmis\"](images/chart.png)\n\n\
        [^n]: Išnaša <&> su **paryškinimu**.\n";
    let dir = crate::common::chapter_plan(markdown, &[]);
    let (out, outcome, sources, diags) =
        build_with(dir.path(), |o| o.formats = vec![FileFormat::Docx]);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let parts = parts(&out.path().join("text.docx"));
    for (name, bytes) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = std::str::from_utf8(bytes).expect("UTF-8");
            roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let all = normalize(&text(doc.root_element()));
    for expected in [
        "1. Pavadinimas <&> „x“",
        "a < b && c > d ]]> ‚e‘ <span>html</span> ir nuoroda.1",
        "punktas 1",
        "citata su kodu <x>",
        "vidinis1",
        "<kodas> & \"blokas\"",
        "<div>blokinis & html</div>",
        "A <b>&„x“1",
        "1 pav. Aprašas a < b & „kabutėmis“",
    ] {
        assert!(all.contains(expected), "{expected} not in {all}");
    }
    let descr = doc
        .descendants()
        .find(|n| is(*n, WP, "docPr"))
        .and_then(|n| n.attribute("descr"))
        .expect("the picture's description");
    assert_eq!(descr, "Aprašas a < b & \"kabutėmis\"");
    let rels = xml(&parts, "word/_rels/document.xml.rels");
    assert!(
        rels.contains("Target=\"https://x.lt/?a=1&amp;b=&quot;2&quot;\""),
        "{rels}"
    );
    assert!(xml(&parts, "word/footnotes.xml").contains("Išnaša &lt;&amp;&gt; su "));
}

/// Pandoc, a reader written by others, reads the Word edition as it is meant: headings by
/// their styles, lists, footnotes, links to bookmarks, tables with their header row and
/// pictures with their alternative text. Skipped where `pandoc` is not installed
/// (`apt-get install pandoc`).
#[test]
fn pandoc_reads_the_word_edition() {
    if !crate::common::installed("pandoc") {
        return;
    }
    let out = built();
    let read = std::process::Command::new("pandoc")
        .args(["-f", "docx", "-t", "markdown", "--wrap=none"])
        .arg(out.path().join("planas.docx"))
        .output()
        .expect("pandoc runs");
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let markdown = String::from_utf8(read.stdout).expect("UTF-8");
    for expected in [
        "\n# 1. Įvadas\n",
        "\n## 1.1. Rengimo eiga\n",
        "\n# 3. Situacijos analizė\n",
        "taryba**.[^1]",
        "\n[^1]: Lietuvos Respublikos strateginio valdymo įstatymas, 2020\u{a0}m.",
        "[Alytaus miesto savivaldybė](https://www.alytus.lt)",
        "[2](#ref4_lentele_rodikliai)",
        "-   darbo grupės;",
        "**Rodiklis**",
        "![Gyventojų skaičiaus kaita](media/image1.png)",
    ] {
        assert!(
            markdown.contains(expected),
            "{expected:?} not in:\n{markdown}"
        );
    }
}

/// From six headings on, the Word edition has contents, as the PDF has: a TOC field whose
/// entries are filled in (right without updating it), each a link to its heading's
/// bookmark, on a page of its own after the title.
#[test]
fn the_contents_are_a_filled_in_field_linking_to_the_headings() {
    let out = built();
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let paragraphs: Vec<roxmltree::Node> = doc.descendants().filter(|n| is(*n, W, "p")).collect();
    let heading = paragraphs
        .iter()
        .find(|p| style(**p).as_deref() == Some("TOCHeading"))
        .expect("the contents' title");
    assert_eq!(text(*heading), "Turinys");
    // On a page of its own: the title page's section ends just before it.
    let before = heading
        .prev_sibling_element()
        .expect("the title page's end");
    assert!(before.descendants().any(|n| is(n, W, "sectPr")));
    let entries: Vec<(String, String, String)> = paragraphs
        .iter()
        .filter_map(|p| {
            let s = style(*p).filter(|s| s.starts_with("TOC") && s != "TOCHeading")?;
            let link = p.descendants().find(|n| is(*n, W, "hyperlink"))?;
            Some((s, text(link), attr(link, W, "anchor")?.to_string()))
        })
        .collect();
    let headings: Vec<(String, String, String)> = paragraphs
        .iter()
        .filter_map(|p| {
            let s = style(*p).filter(|s| s.starts_with("Heading"))?;
            let mark = p.descendants().find(|n| is(*n, W, "bookmarkStart"))?;
            Some((
                s.replace("Heading", "TOC"),
                text(*p),
                attr(mark, W, "name")?.to_string(),
            ))
        })
        .collect();
    // Six chapter headings and the abbreviations part's.
    assert_eq!(entries.len(), 7);
    assert_eq!(entries, headings);
    assert!(document.contains(
        "<w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText>"
    ));
    let fields = |kind: &str| {
        document
            .matches(&format!("w:fldCharType=\"{kind}\""))
            .count()
    };
    assert_eq!(
        (fields("begin"), fields("separate"), fields("end")),
        (1, 1, 1)
    );
    // An annex has none, as in the PDF.
    let dir = variant("formats = [", "annex = true\nformats = [");
    let (out, outcome, ..) = build(dir.path());
    assert!(matches!(outcome, Outcome::Built(_)));
    let parts = self::parts(&out.path().join("planas.docx"));
    assert!(!xml(&parts, "word/document.xml").contains("TOCHeading"));
}

/// The command line: `plan build --as pdf,docx` writes both files of every document, and
/// `SOURCE_DATE_EPOCH` dates the Word file as it dates the PDF.
#[test]
fn the_word_file_is_dated_as_the_pdf_is() {
    let out = tempfile::tempdir().expect("temporary folder");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["build", "--no-stamp", "--as", "pdf,docx", "-o"])
        .arg(out.path())
        .arg(fixture("basic"))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("NO_COLOR", "1")
        .output()
        .expect("plan runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(stderr.contains("plan.docx"), "{stderr}");
    for name in ["plan.pdf", "plan.docx", "actions.pdf", "actions.docx"] {
        assert!(out.path().join(name).exists(), "{name}");
    }
    let parts = parts(&out.path().join("plan.docx"));
    // 1 700 000 000 s after 1970 is 2023-11-14 22:13:20 UTC.
    assert!(xml(&parts, "docProps/core.xml").contains(">2023-11-14T22:13:20Z</dcterms:created>"));
    assert!(crate::common::creation_date(&out.path().join("plan.pdf")).contains("20231114"));
}

/// The example plan with one more document: the plan parts alone (no chapter, no action
/// plan or funding), built as PDF and Word.
fn plan_parts() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    copy_dir(&example, dir.path());
    let toml = dir.path().join("plan.toml");
    let mut text = std::fs::read_to_string(&toml).expect("plan.toml");
    text.push_str(
        "\n[[document]]\nid = \"dalys\"\ntitle = \"Plano dalys\"\n\
         parts = [\"@swot\", \"@scenarios\", \"@vision\", \"@strategy\", \"@principles\", \
         \"@indicators\", \"@links\", \"@groups\", \"@indicator-cards\"]\n\
         cards = [\"effect\", \"result\"]\n",
    );
    std::fs::write(&toml, text).expect("write");
    crate::common::built_as_word(dir.path(), |o| o.documents = vec!["dalys".into()])
}

/// The Word edition's plan parts hold the PDF's text in the PDF's order: every heading,
/// fact line, caption (with the PDF's number) and table row of @swot, @scenarios,
/// @strategy, @principles, @indicators, @links, @groups and @indicator-cards. Normalised
/// as in `the_text_is_the_pdfs_text`, and besides: hyphens are left out on both sides
/// (a word the PDF breaks in a table cell keeps its hyphen there), the matrices' marks are drawn dots in
/// the PDF (no text), a chart is drawn in the PDF (its values' table is looked up by its
/// caption only), and the PDF sets the cards in two columns (their rows are looked up
/// anywhere).
#[test]
fn the_plan_parts_hold_the_pdfs_text() {
    let out = plan_parts();
    let parts = parts(&out.path().join("dalys.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let squash = |s: &str| -> String {
        normalize(s)
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '●' | '-'))
            .collect()
    };
    let pdf = squash(&pdf_text(&out.path().join("dalys.pdf")));
    let body = doc.descendants().find(|n| is(*n, W, "body")).expect("body");
    let nodes: Vec<roxmltree::Node> = body.children().filter(|n| n.is_element()).collect();
    let mut at = 0;
    let mut checked = 0;
    let mut cards = false;
    let mut captions = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let figure_caption = |n: Option<&roxmltree::Node>| {
            n.is_some_and(|n| style(*n).as_deref() == Some("Caption") && text(*n).contains("pav."))
        };
        let mut blocks = Vec::new();
        if is(*node, W, "p") {
            let s = style(*node).unwrap_or_default();
            if s.starts_with("TOC") {
                continue;
            }
            if s == "Heading2" && text(*node).contains("Efekto rodikliai") && at > 0 {
                // The cards' first level (after the indicators part's own).
                cards = text(*node).starts_with("9.");
            }
            if s == "Caption" {
                captions.push(text(*node));
            }
            blocks.push(squash(&text(*node)));
        } else if is(*node, W, "tbl") {
            let rows: Vec<roxmltree::Node> = node.children().filter(|n| is(*n, W, "tr")).collect();
            // Every table of the parts repeats its first row on each page.
            let first = rows.first().expect("a row");
            assert!(
                first.descendants().any(|n| is(n, W, "tblHeader")),
                "{}",
                text(*first)
            );
            if figure_caption(nodes.get(i + 1)) {
                continue;
            }
            blocks.extend(rows.iter().map(|r| squash(&text(*r))));
        }
        for block in blocks.into_iter().filter(|b| !b.is_empty()) {
            if cards {
                assert!(pdf.contains(&block), "{block} is not in the PDF");
            } else {
                let found = pdf[at..].find(block.as_str()).unwrap_or_else(|| {
                    panic!(
                        "{block} is not in the PDF after {at}: {}",
                        pdf[at..].chars().take(400).collect::<String>()
                    )
                });
                at += found + block.len();
            }
            checked += 1;
        }
    }
    assert!(checked > 600, "{checked} blocks");
    // And nothing the PDF numbers is left out: every indicator code ("R-1.1.2-1") and
    // every measure's number ("1.1.2.3") the PDF shows is in the Word edition.
    let word: String = text(body);
    let pdf_words = normalize(&pdf_text(&out.path().join("dalys.pdf")));
    let mut numbered = BTreeSet::new();
    for token in pdf_words.split(' ') {
        let token = token.trim_matches(|c: char| ",;:()".contains(c));
        let code = token.len() > 3
            && token.starts_with(['V', 'I', 'E', 'R', 'P'])
            && token[1..].starts_with("-")
            && token[2..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
        let number = token.matches('.').count() == 3
            && token.chars().all(|c| c.is_ascii_digit() || c == '.')
            && !token.ends_with('.');
        if code || number {
            numbered.insert(token.to_string());
        }
    }
    assert!(numbered.len() > 250, "{}", numbered.len());
    for token in &numbered {
        assert!(
            word.contains(token.as_str()),
            "{token} is not in the Word edition"
        );
    }
    // The parts' captions, numbered as the PDF numbers them.
    let first: Vec<String> = captions.iter().take(3).map(|c| normalize(c)).collect();
    assert_eq!(
        first,
        [
            "1 lentelė. SSGG analizė",
            "2 lentelė. SSGG veiksnių ir plano tikslų sąsajos",
            "1 pav. V-1 Nuolatinių gyventojų skaičius metų pradžioje: scenarijų prognozės ir siektinos reikšmės",
        ]
    );
    assert!(captions.len() > 20, "{captions:?}");
    // Priorities and goals are in the contents, under the part's heading.
    let headings: Vec<String> = doc
        .descendants()
        .filter(|n| is(*n, W, "p") && style(*n).as_deref() == Some("TOC3"))
        .map(|n| normalize(&text(n)))
        .collect();
    assert!(
        headings.contains(
            &"1.1 tikslas. Mažinti poveikį klimato kaitai ir prisitaikyti prie jos".to_string()
        ),
        "{headings:?}"
    );
}

/// Every reference of a chapter to a plan item or indicator links to a bookmark around
/// the item's number in the part that carries the labels (@strategy in the plan), and
/// every item of that part is bookmarked; where no part of the document carries them
/// (the report), the numbers are plain text.
#[test]
fn item_references_link_to_the_items_number() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let (out, outcome, sources, diags) = build_with(&dir, |o| {
        o.documents = vec!["strateginis-planas".into(), "ataskaita-2024".into()];
        o.formats = vec![FileFormat::Docx];
    });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let parts = parts(&out.path().join("strateginis-planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let bookmarks: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| is(*n, W, "bookmarkStart"))
        .filter_map(|n| attr(n, W, "name"))
        .collect();
    let links: Vec<(&str, String)> = doc
        .descendants()
        .filter(|n| is(*n, W, "hyperlink"))
        .filter_map(|n| Some((attr(n, W, "anchor")?, text(n))))
        .filter(|(a, _)| a.starts_with("item_"))
        .collect();
    assert!(links.len() >= 20, "{links:?}");
    for (anchor, shown) in &links {
        assert!(
            bookmarks.contains(anchor),
            "{shown} → {anchor} has no bookmark"
        );
    }
    // The chapter's "1.2.1.1 priemonė" links to the measure's number in @strategy; a SWOT
    // item's and indicators' references to their codes (@swot, @indicators).
    for shown in ["1.2.1.1", "Si2", "V-1", "E-1.1-1", "P-1.1.1.1-1"] {
        assert!(links.iter().any(|(_, s)| s == shown), "{shown}: {links:?}");
    }
    let mark = |name: &str| {
        doc.descendants()
            .find(|n| is(*n, W, "bookmarkStart") && attr(*n, W, "name") == Some(name))
            .and_then(|n| n.next_sibling_element())
            .map(text)
    };
    assert_eq!(
        mark("item_dviraciu_takai_e75be681").as_deref(),
        Some("1.2.1.1")
    );
    // Every objective and measure has its bookmark (the plan has 21 and 119), as every
    // priority and goal heading has.
    let marked = |kind: &str| {
        doc.descendants()
            .filter(|n| is(*n, W, "p") && style(*n).as_deref() == Some(kind))
            .filter(|p| {
                p.descendants().any(|n| {
                    is(n, W, "bookmarkStart")
                        && attr(n, W, "name").is_some_and(|b| b.starts_with("item_"))
                })
            })
            .count()
    };
    assert_eq!(
        (marked("ObjectiveTitle"), marked("MeasureTitle")),
        (21, 119)
    );
    assert_eq!(marked("Heading2") + marked("Heading3"), 2 + 6);
    // The report carries no labels: its references are the numbers alone.
    let parts = self::parts(&out.path().join("ataskaita-2024.docx"));
    let report = xml(&parts, "word/document.xml");
    assert!(!report.contains("w:anchor=\"item_"));
    assert!(
        report.contains("(</w:t></w:r><w:r><w:t xml:space=\"preserve\">2.1.1.1</w:t></w:r>"),
        "the reference's number, as plain text"
    );
}

/// Any text of the plan stays well-formed in the plan parts: a title with markup
/// characters and quotes, and a SWOT item whose text holds a table (written as its text
/// within the quadrant's line).
#[test]
fn the_plan_parts_stay_well_formed_whatever_their_text() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    copy_dir(&example, dir.path());
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} lacks {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    };
    edit(
        "strategy/1-patogus-miestas.toml",
        "title = \"Atnaujinti (modernizuoti) daugiabučius gyvenamuosius namus\"",
        "title = '\"Namai\" <&> ]]> renovacija'",
    );
    edit(
        "analysis.toml",
        "text = \"Patogi geografinė padėtis prie Nemuno ir *Via Baltica* koridoriaus\"",
        "text = \"Padėtis:\\n\\n| A <b> | B |\\n|---|---|\\n| 1 & 2 | 3 |\\n\"",
    );
    let (out, outcome, sources, diags) = build_with(dir.path(), |o| {
        o.documents = vec!["strateginis-planas".into()];
        o.formats = vec![FileFormat::Docx];
    });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let parts = parts(&out.path().join("strateginis-planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    // No table within a paragraph, and the texts as written, quotes resolved.
    assert!(
        !doc.descendants()
            .any(|n| is(n, W, "tbl") && n.ancestors().skip(1).any(|a| is(a, W, "p")))
    );
    let all = normalize(&text(doc.root_element()));
    for expected in [
        "1.1.1.1„Namai“ <&> ]]> renovacija",
        "Padėtis: A <b> B 1 & 2 3",
    ] {
        assert!(all.contains(expected), "{expected} not in the Word edition");
    }
}
