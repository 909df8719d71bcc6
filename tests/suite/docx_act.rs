//! The Word edition of an act as the PDF has it: a chapter that is an annex titled by its
//! heading in capitals under its mark (still the heading Word's contents find), an act of
//! tables only with its title block on its first, landscape page, and the annex of
//! changes' pages numbered "1-1", "1-2" as the PDF's. Read from the Word file's XML and,
//! where LibreOffice is installed, from its rendering.

use std::path::Path;

use crate::common::{
    copy_dir, fixture, installed, libreoffice_pdfs, page_sizes, page_texts, pdf_text,
};
use crate::docx::{W, attr, is, parts, style, text, xml};

/// Builds a plan folder as PDF and Word.
fn built(dir: &Path) -> tempfile::TempDir {
    crate::common::built_as_word(dir, |_| {})
}

/// The `docx` fixture as an act, its analysis chapter an annex part, and a second document,
/// an annex of its own made of the introduction.
fn act_with_chapter_annexes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("docx"), dir.path());
    let toml = dir.path().join("plan.toml");
    let mut text = std::fs::read_to_string(&toml).expect("plan.toml");
    for (from, to) in [
        ("form = \"publication\"", "form = \"act\""),
        (
            "parts = [\"chapters/ivadas.md\", \"@abbreviations\", \"chapters/analize.md\"]",
            "parts = [\"chapters/ivadas.md\", \"@abbreviations\", \"chapters/analize.md\"]\n\
             annex = [\"chapters/analize.md\"]",
        ),
    ] {
        assert!(text.contains(from), "plan.toml lacks {from:?}");
        text = text.replacen(from, to, 1);
    }
    text.push_str(
        "\n[[document]]\nid = \"priedas\"\ntitle = \"Plano rengimo aprašas\"\n\
         parts = [\"chapters/ivadas.md\"]\nannex = true\nformats = [\"pdf\", \"docx\"]\n",
    );
    std::fs::write(&toml, text).expect("write");
    dir
}

/// A Word file's paragraphs with text: style and text (no-break spaces as spaces).
fn paragraphs(docx: &Path) -> Vec<(String, String)> {
    let parts = parts(docx);
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    doc.descendants()
        .filter(|n| is(*n, W, "p"))
        .map(|p| (style(p).unwrap_or_default(), text(p).replace('\u{a0}', " ")))
        .filter(|(_, t)| !t.trim().is_empty())
        .collect()
}

/// Text with its whitespace runs as single spaces.
fn squashed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_chapter_that_is_an_acts_annex_is_titled_by_its_heading_in_capitals() {
    let dir = act_with_chapter_annexes();
    let out = built(dir.path());
    // The PDF: the annex's first page has the heading's words in capitals under the mark,
    // not "3. Situacijos analizė".
    let pdf_pages = page_texts(&out.path().join("planas.pdf"));
    let annex_page = pdf_pages
        .iter()
        .map(|p| squashed(p))
        .find(|p| p.contains("1 priedas"))
        .expect("the annex's first page");
    assert!(annex_page.contains("SITUACIJOS ANALIZĖ"), "{annex_page}");
    // The Word edition: under the mark, the heading as the annex's title, in the annex
    // title's style (centred, bold, capitals), without its number.
    let docx = out.path().join("planas.docx");
    let all = paragraphs(&docx);
    let mark = all
        .iter()
        .position(|(s, t)| s == "AnnexMark" && t.ends_with("1 priedas"))
        .unwrap_or_else(|| panic!("the annex's mark: {all:?}"));
    assert_eq!(
        all[mark + 1],
        ("AnnexTitle".to_string(), "Situacijos analizė".to_string())
    );
    assert!(
        !all.iter()
            .any(|(s, t)| s.starts_with("Heading") && t.contains("Situacijos analizė")),
        "the numbered heading is gone from the text: {all:?}"
    );
    let parts = parts(&docx);
    let styles = xml(&parts, "word/styles.xml");
    let styles = roxmltree::Document::parse(&styles).expect("styles parse");
    let annex_title = styles
        .descendants()
        .find(|n| is(*n, W, "style") && attr(*n, W, "styleId") == Some("AnnexTitle"))
        .expect("the annex title's style");
    for (property, value) in [("caps", None), ("b", None), ("jc", Some("center"))] {
        let found = annex_title
            .descendants()
            .find(|n| is(*n, W, property))
            .unwrap_or_else(|| panic!("the annex title has no {property}"));
        assert_eq!(attr(found, W, "val").filter(|_| value.is_some()), value);
    }
    // Still a heading: of the first outline level (Word's navigation pane and contents), and
    // in the contents as the PDF's, with its number.
    let level = annex_title
        .descendants()
        .find(|n| is(*n, W, "outlineLvl"))
        .and_then(|n| attr(n, W, "val"));
    assert_eq!(level, Some("0"));
    let entries: Vec<&String> = all
        .iter()
        .filter(|(s, _)| s == "TOC1")
        .map(|(_, t)| t)
        .collect();
    assert!(
        entries.iter().any(|t| t.ends_with("3. Situacijos analizė")),
        "{entries:?}"
    );
    let pdf_text = squashed(&pdf_text(&out.path().join("planas.pdf")));
    assert!(pdf_text.contains("3. Situacijos analizė"), "{pdf_text}");
    // An annex document of chapters: its title in capitals in place of its first heading.
    let annex_doc = paragraphs(&out.path().join("priedas.docx"));
    assert_eq!(annex_doc[0].0, "AnnexMark", "{annex_doc:?}");
    assert_eq!(
        annex_doc[1],
        (
            "AnnexTitle".to_string(),
            "PLANO RENGIMO APRAŠAS".to_string()
        )
    );
    let pdf_first = squashed(&page_texts(&out.path().join("priedas.pdf"))[0]);
    assert!(pdf_first.contains("PLANO RENGIMO APRAŠAS"), "{pdf_first}");
    assert!(!pdf_first.contains("1. Įvadas"), "{pdf_first}");
    // As LibreOffice lays the Word files out: the annexes' first pages read as the PDF's.
    if installed("soffice") {
        let converted = libreoffice_pdfs(&[docx, out.path().join("priedas.docx")]);
        let pages = page_texts(&converted.path().join("planas.pdf"));
        let first = pages
            .iter()
            .map(|p| squashed(p))
            .find(|p| p.contains("1 priedas"))
            .expect("the annex's first page");
        assert!(first.contains("SITUACIJOS ANALIZĖ"), "{first}");
        assert!(!first.contains("3. Situacijos analizė"), "{first}");
        let annex = squashed(&page_texts(&converted.path().join("priedas.pdf"))[0]);
        assert!(annex.contains("PLANO RENGIMO APRAŠAS"), "{annex}");
        assert!(!annex.contains("1. Įvadas"), "{annex}");
    }
}

/// An act of tables only (the example's action plan in a document that is no annex: annex
/// 1 stays, as the chapters quote its number) has its title block on its first page,
/// landscape, above the first table: in the Word edition as in the PDF.
#[test]
fn an_act_of_tables_has_its_title_on_its_first_landscape_page_in_word() {
    let dir = crate::common::example_edited(&[(
        "\n# The action plan with its funding tables",
        "\n[[document]]\nid = \"priemoniu-planas\"\n\
         title = \"Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų priemonių planas\"\n\
         parts = [\"@action-plan\", \"@funding\"]\n\n# The action plan with its funding tables",
    )]);
    let out = crate::common::built_as_word(dir.path(), |o| {
        o.documents = vec!["priemoniu-planas".into()];
    });
    let docx = out.path().join("priemoniu-planas.docx");
    let parts = parts(&docx);
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    // The title block's paragraphs, then the first heading and its table, all in the first
    // section, which is landscape: no section ends before the first table.
    let body = doc
        .descendants()
        .find(|n| is(*n, W, "body"))
        .expect("a body");
    let blocks: Vec<roxmltree::Node> = body.children().filter(|n| n.is_element()).collect();
    let title = blocks
        .iter()
        .position(|p| style(*p).as_deref() == Some("ActTitle"))
        .expect("the act's title");
    let table = blocks
        .iter()
        .position(|n| is(*n, W, "tbl"))
        .expect("the first table");
    assert!(title < table);
    assert!(
        !blocks[..table]
            .iter()
            .any(|n| n.descendants().any(|d| is(d, W, "sectPr"))),
        "a section ends before the first table"
    );
    let first_section = doc
        .descendants()
        .find(|n| is(*n, W, "sectPr"))
        .expect("a section");
    let size = first_section
        .children()
        .find(|n| is(*n, W, "pgSz"))
        .expect("a page size");
    assert_eq!(attr(size, W, "orient"), Some("landscape"));
    assert_eq!(
        text(blocks[title]),
        "ALYTAUS MIESTO SAVIVALDYBĖS STRATEGINIO PLĖTROS PLANO IKI 2030 METŲ PRIEMONIŲ PLANAS"
    );
    // As LibreOffice lays it out: the first page is landscape and holds the title block and
    // the table's start, as the PDF's.
    if installed("soffice") {
        let converted = libreoffice_pdfs(std::slice::from_ref(&docx));
        let pdf = converted.path().join("priemoniu-planas.pdf");
        let (width, height) = page_sizes(&pdf)[0];
        assert!(width > height, "the first page is portrait");
        let first = squashed(&page_texts(&pdf)[0]);
        for expected in [
            "Projektas",
            "PATVIRTINTA",
            "PRIEMONIŲ PLANAS",
            "1 lentelė. Priemonių planas",
        ] {
            assert!(first.contains(expected), "{expected:?}: {first}");
        }
    }
}

/// The annex of changes' pages are numbered with the annex's number before, "1-1", "1-2",
/// in the publication's footer of the Word edition as in the PDF's ("1-1 / 2"), so that
/// they are never taken for the text's pages 1, 2.
#[test]
fn the_annex_of_changes_is_paged_with_its_number_in_word() {
    let repo = crate::docx_changes::repository();
    let out = crate::docx_changes::built(repo.path(), "HEAD~1");
    let docx = out.path().join("plan.docx");
    let parts = parts(&docx);
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    // The last section is the annex's: its footer prints "1-" before the page's number.
    let last = doc
        .descendants()
        .rfind(|n| is(*n, W, "sectPr"))
        .expect("the last section");
    let footer = last
        .children()
        .find(|n| is(*n, W, "footerReference"))
        .and_then(|n| attr(n, crate::docx::R, "id"))
        .expect("the annex's footer");
    let rels = xml(&parts, "word/_rels/document.xml.rels");
    let rels = roxmltree::Document::parse(&rels).expect("relations parse");
    let target = rels
        .descendants()
        .find(|n| n.attribute("Id") == Some(footer))
        .and_then(|n| n.attribute("Target"))
        .expect("the footer's part");
    let footer = xml(&parts, &format!("word/{target}"));
    let page = footer.find(" PAGE ").expect("the page's number");
    let prefix = footer[..page].rfind("1-</w:t>").expect("\"1-\" before it");
    assert!(prefix < page);
    // The text's footer has no such prefix.
    let text_footer = xml(&parts, "word/footer1.xml");
    assert!(!text_footer.contains("-</w:t>"), "{text_footer}");
    let pdf = squashed(&pdf_text(&out.path().join("plan.pdf")));
    assert!(pdf.contains("1-1 / "), "{pdf}");
    // As LibreOffice lays it out: the annex's first page is "1-1 / T", as the PDF's, and no
    // text page is labelled so.
    if installed("soffice") {
        let converted = libreoffice_pdfs(std::slice::from_ref(&docx));
        let pages = page_texts(&converted.path().join("plan.pdf"));
        let annex = pages
            .iter()
            .map(|p| squashed(p))
            .position(|p| p.contains("Annex 1 to the"))
            .expect("the annex's first page");
        assert!(
            squashed(&pages[annex]).contains("1-1 / "),
            "{}",
            pages[annex]
        );
        for page in &pages[..annex] {
            assert!(!squashed(page).contains("1-1 / "), "{page}");
        }
    }
}

/// The lines of the first page's text of a PDF, each with its whitespace squashed.
fn lines(pdf: &Path) -> Vec<String> {
    let doc = crate::common::text_document(pdf);
    let mut text = String::new();
    let mut output = pdf_extract::PlainTextOutput::new(&mut text);
    pdf_extract::output_doc_page(&doc, &mut output, 1).expect("PDF text can be extracted");
    text.lines()
        .map(squashed)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The marks at the top right are blocks as wide as the PDF's, at the right of the text on
/// portrait and landscape pages (the approval mark 7.5 cm on an act's first page, an annex's
/// mark 11.5 cm), so that their lines break where the PDF's do; the decision's date stays
/// on one line with "sprendimu".
#[test]
fn the_marks_are_set_as_wide_as_the_pdfs_and_break_as_they_do() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = built(&example);
    // (document, the mark's style, its width in twentieths of a point)
    let marks = [
        ("strateginis-planas", "ApprovalMark", 4_252),
        ("veiksmu-planas", "AnnexMark", 6_520),
        ("rodikliu-aprasai", "AnnexMark", 6_520),
    ];
    for (name, mark_style, width) in marks {
        let parts = parts(&out.path().join(format!("{name}.docx")));
        let document = xml(&parts, "word/document.xml");
        let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
        let mark = doc
            .descendants()
            .find(|p| is(*p, W, "p") && style(*p).as_deref() == Some(mark_style))
            .unwrap_or_else(|| panic!("{name}: no {mark_style}"));
        let left: u32 = mark
            .descendants()
            .find(|n| is(*n, W, "ind"))
            .and_then(|n| attr(n, W, "left"))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name}: the mark's indentation"));
        // The first section's page, where the mark stands.
        let section = doc
            .descendants()
            .find(|n| is(*n, W, "sectPr"))
            .expect("a section");
        let number = |tag: &str, name: &str| -> u32 {
            section
                .children()
                .find(|n| is(*n, W, tag))
                .and_then(|n| attr(n, W, name))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{tag} {name}"))
        };
        let text_width = number("pgSz", "w") - number("pgMar", "left") - number("pgMar", "right");
        assert_eq!(left + width, text_width, "{name}");
    }
    let plan_pdf = lines(&out.path().join("strateginis-planas.pdf"));
    let annex_pdf = lines(&out.path().join("rodikliu-aprasai.pdf"));
    let approval = [
        "Alytaus miesto savivaldybės tarybos",
        "20__ m. ________ d. sprendimu Nr. ____",
    ];
    let annex = "Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų";
    for line in approval {
        assert!(plan_pdf.iter().any(|l| l == line), "{line:?}: {plan_pdf:?}");
    }
    assert!(annex_pdf.iter().any(|l| l == annex), "{annex_pdf:?}");
    // As LibreOffice lays the Word files out: the same lines.
    if installed("soffice") {
        let converted = libreoffice_pdfs(&[
            out.path().join("strateginis-planas.docx"),
            out.path().join("rodikliu-aprasai.docx"),
        ]);
        let plan_word = lines(&converted.path().join("strateginis-planas.pdf"));
        for line in approval {
            assert!(
                plan_word.iter().any(|l| l == line),
                "{line:?}: {plan_word:?}"
            );
        }
        let annex_word = lines(&converted.path().join("rodikliu-aprasai.pdf"));
        assert!(annex_word.iter().any(|l| l == annex), "{annex_word:?}");
    }
}
