//! The Word edition's pictures and pages: charts as the PDF drew them (SVG with a PNG
//! fallback, with their alternative text), the title page's emblem, the draft's
//! watermark, and "N / T" in the footer.

use std::collections::BTreeMap;

use crate::common::{alts, build_with, copy_dir, fixture, render};
use crate::docx::{A, R, W, WP, attr, is, parts, variant, xml};
use plan::Outcome;

const SVG_BLIP: &str = "http://schemas.microsoft.com/office/drawing/2016/SVG/main";

/// Builds a plan folder as PDF and Word into a temporary folder.
fn built(dir: &std::path::Path) -> tempfile::TempDir {
    crate::common::built_as_word(dir, |_| {})
}

/// The targets of the main document's relations, by id.
fn relations(parts: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    let rels = xml(parts, "word/_rels/document.xml.rels");
    let doc = roxmltree::Document::parse(&rels).expect("relations parse");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter_map(|n| Some((n.attribute("Id")?.into(), n.attribute("Target")?.into())))
        .collect()
}

#[test]
fn charts_are_the_pdfs_drawings_in_svg_with_a_png_for_older_readers() {
    let out = built(&fixture("charts"));
    let docx = std::fs::read_dir(out.path())
        .expect("output folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "docx"))
        .expect("a Word file");
    let pdf = docx.with_extension("pdf");
    let parts = parts(&docx);
    let rels = relations(&parts);
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    // Every chart of the PDF (by its alternative text, which states every value) is a
    // drawing with that text, not a table of values.
    let pdf_alts = alts(&pdf);
    let mut charts = 0;
    for drawing in doc.descendants().filter(|n| is(*n, WP, "inline")) {
        let descr = drawing
            .descendants()
            .find(|n| is(*n, WP, "docPr"))
            .and_then(|n| n.attribute("descr"))
            .expect("a drawing has its alternative text");
        let blip = drawing
            .descendants()
            .find(|n| is(*n, A, "blip"))
            .expect("a picture");
        let Some(svg) = blip.descendants().find(|n| is(*n, SVG_BLIP, "svgBlip")) else {
            continue;
        };
        charts += 1;
        // (The PDF's text loses its no-break spaces.)
        let descr = descr.replace('\u{a0}', " ");
        assert!(
            pdf_alts.iter().any(|a| a.replace('\u{a0}', " ") == descr),
            "{descr:?} is not among the PDF's {pdf_alts:?}"
        );
        // The vector form parses as SVG; the fallback is a PNG of the same proportions as
        // the drawing's extent.
        let svg_target = &rels[attr(svg, R, "embed").expect("svg relation")];
        let svg_bytes = &parts[&format!("word/{svg_target}")];
        let svg_text = std::str::from_utf8(svg_bytes).expect("UTF-8 SVG");
        roxmltree::Document::parse(svg_text).expect("the SVG parses");
        assert!(svg_text.contains("<svg"), "{svg_target}");
        let png_target = &rels[attr(blip, R, "embed").expect("png relation")];
        assert!(png_target.ends_with(".png"), "{png_target}");
        let png = image::load_from_memory(&parts[&format!("word/{png_target}")])
            .expect("the PNG decodes");
        let extent = drawing
            .children()
            .find(|n| is(*n, WP, "extent"))
            .expect("an extent");
        let cx: f64 = extent
            .attribute("cx")
            .and_then(|v| v.parse().ok())
            .expect("cx");
        let cy: f64 = extent
            .attribute("cy")
            .and_then(|v| v.parse().ok())
            .expect("cy");
        let ratio = f64::from(png.width()) / f64::from(png.height());
        assert!(
            (ratio - cx / cy).abs() / ratio < 0.02,
            "{png_target}: {ratio} against {}",
            cx / cy
        );
        // Never wider than the text.
        assert!(cx <= 6_350_000.0 + 1.0, "{cx}");
    }
    let pdf_charts = pdf_alts.iter().filter(|a| !a.is_empty()).count();
    assert!(charts > 0, "no chart was drawn");
    assert_eq!(
        charts, pdf_charts,
        "every chart of the PDF, once: {pdf_alts:?}"
    );
    // The content types declare SVG.
    assert!(xml(&parts, "[Content_Types].xml").contains("Extension=\"svg\""));
}

#[test]
fn the_footer_says_page_n_of_t_as_the_pdf_does() {
    let out = built(&fixture("docx"));
    let parts = parts(&out.path().join("planas.docx"));
    let footer = xml(&parts, "word/footer1.xml");
    let doc = roxmltree::Document::parse(&footer).expect("footer parses");
    let instructions: Vec<String> = doc
        .descendants()
        .filter(|n| is(*n, W, "instrText"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect();
    // The page's number, then the last page's: the page of the bookmark at the end.
    assert_eq!(instructions, ["PAGE", "PAGEREF _PlanEnd1"]);
    assert!(xml(&parts, "word/document.xml").contains("w:name=\"_PlanEnd1\""));
    let pdf_pages = lopdf::Document::load(out.path().join("planas.pdf"))
        .expect("PDF")
        .get_pages()
        .len();
    let shown: Vec<&str> = doc
        .descendants()
        .filter(|n| is(*n, W, "t"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        shown.last().copied(),
        Some((pdf_pages - 1).to_string().as_str()),
        "{shown:?}"
    );
    assert!(shown.contains(&" / "), "{shown:?}");
}

#[test]
fn a_draft_has_its_watermark_and_an_emblem_stands_on_the_title_page() {
    let dir = variant("status = \"approved\"", "status = \"draft\"");
    let toml = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    std::fs::write(
        &toml,
        text.replacen(
            "money-unit = \"Eur\"",
            "money-unit = \"Eur\"\nlogo = \"images/scheme.svg\"",
            1,
        ),
    )
    .expect("write");
    let out = built(dir.path());
    let parts = parts(&out.path().join("planas.docx"));
    // The watermark: Word's text shape in the header, the draft mark as its text.
    let header = xml(&parts, "word/header1.xml");
    roxmltree::Document::parse(&header).expect("the header parses");
    assert!(header.contains("string=\"PROJEKTAS\""), "{header}");
    assert!(header.contains("rotation:315"), "{header}");
    // The emblem: the first drawing, before the organisation's name, described by it.
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let paragraphs: Vec<_> = doc.descendants().filter(|n| is(*n, W, "p")).collect();
    let emblem = paragraphs
        .iter()
        .position(|p| p.descendants().any(|n| is(n, WP, "inline")))
        .expect("the emblem");
    let organisation = paragraphs
        .iter()
        .position(|p| crate::docx::text(*p) == "ALYTAUS MIESTO SAVIVALDYBĖ")
        .expect("the organisation");
    assert!(emblem < organisation);
    let descr = paragraphs[emblem]
        .descendants()
        .find(|n| is(*n, WP, "docPr"))
        .and_then(|n| n.attribute("descr"));
    assert_eq!(descr, Some("Alytaus miesto savivaldybė"));
    // An approved plan has neither.
    let approved = built(&fixture("docx"));
    let header = xml(&parts_of(&approved), "word/header1.xml");
    assert!(!header.contains("v:shape"), "{header}");
}

fn parts_of(out: &tempfile::TempDir) -> BTreeMap<String, Vec<u8>> {
    parts(&out.path().join("planas.docx"))
}

#[test]
fn a_pdf_picture_is_the_pdfs_drawing_of_it() {
    // A page of a PDF file, which Word cannot take, is drawn as the PDF shows it.
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("docx"), dir.path());
    let (pdf_out, ..) = build_with(&fixture("basic"), |_| {});
    let pdf = std::fs::read_dir(pdf_out.path())
        .expect("output")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF to show");
    std::fs::copy(&pdf, dir.path().join("images/page.pdf")).expect("copy");
    let chapter = dir.path().join("chapters/ivadas.md");
    let text = std::fs::read_to_string(&chapter).expect("chapter");
    std::fs::write(
        &chapter,
        format!("{text}\n\n![Puslapis iš PDF](images/page.pdf)\n"),
    )
    .expect("write");
    let (out, outcome, sources, diags) = build_with(dir.path(), |_| {});
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    assert!(
        !diags.iter().any(|d| d.code == "bad-image"),
        "{}",
        render(&sources, &diags)
    );
    let parts = parts_of(&out);
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    assert!(
        doc.descendants()
            .filter(|n| is(*n, WP, "docPr"))
            .any(|n| n.attribute("descr") == Some("Puslapis iš PDF")),
        "the PDF page is a drawing"
    );
}

#[test]
fn a_note_in_a_note_stands_in_brackets_in_it() {
    // Word has no footnote inside a footnote; the PDF has one.
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("docx"), dir.path());
    let chapter = dir.path().join("chapters/ivadas.md");
    let text = std::fs::read_to_string(&chapter).expect("chapter");
    std::fs::write(
        &chapter,
        format!(
            "{text}\n\nDar vienas sakinys.[^isorine]\n\n[^isorine]: Išorinė pastaba.[^vidine]\n\n[^vidine]: Vidinė pastaba.\n"
        ),
    )
    .expect("write");
    let out = built(dir.path());
    let notes = xml(&parts_of(&out), "word/footnotes.xml");
    let doc = roxmltree::Document::parse(&notes).expect("footnotes parse");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| is(*n, W, "footnote"))
        .map(crate::docx::text)
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Išorinė pastaba. (Vidinė pastaba.)")),
        "{texts:?}"
    );
    // Not a Word footnote of its own: nothing refers to it.
    assert!(
        !texts.iter().any(|t| t.trim_start().starts_with("Vidinė")),
        "{texts:?}"
    );
}

#[test]
fn an_annex_part_is_a_section_with_its_mark_and_its_own_page_numbers() {
    let dir = variant(
        "parts = [\"chapters/ivadas.md\", \"@abbreviations\", \"chapters/analize.md\"]",
        "parts = [\"chapters/ivadas.md\", \"chapters/analize.md\", \"@abbreviations\"]\nannex = [\"@abbreviations\"]",
    );
    let out = built(dir.path());
    let parts = parts_of(&out);
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    // The sections: the title page's, the text's (numbered from 1, the text's footer), the
    // annex's (numbered from 1 again, a footer of its own).
    let sections: Vec<(bool, String)> = doc
        .descendants()
        .filter(|n| is(*n, W, "sectPr"))
        .filter_map(|s| {
            let footer = s.children().find(|n| is(*n, W, "footerReference"))?;
            let restart = s
                .children()
                .any(|n| is(n, W, "pgNumType") && attr(n, W, "start") == Some("1"));
            Some((restart, attr(footer, R, "id")?.to_string()))
        })
        .collect();
    // (The landscape table's pages in the text are sections of their own.)
    let (first, annex) = (&sections[0], &sections[sections.len() - 1]);
    assert!(first.0 && annex.0, "{sections:?}");
    assert_ne!(first.1, annex.1, "{sections:?}");
    assert!(
        sections[1..sections.len() - 1]
            .iter()
            .all(|(restart, footer)| !restart && footer == &first.1),
        "{sections:?}"
    );
    let sections = [first.clone(), annex.clone()];
    // The annex's first page has no running header (its mark stands there, as in the
    // PDF); the text's pages keep theirs.
    let first_headers: Vec<Option<&str>> = doc
        .descendants()
        .filter(|n| is(*n, W, "sectPr"))
        .filter(|s| s.children().any(|n| is(n, W, "footerReference")))
        .map(|s| {
            let title_page = s.children().any(|n| is(n, W, "titlePg"));
            let first = s
                .children()
                .find(|n| is(*n, W, "headerReference") && attr(*n, W, "type") == Some("first"));
            assert_eq!(title_page, first.is_some());
            first.and_then(|n| attr(n, R, "id"))
        })
        .collect();
    assert!(
        first_headers[..first_headers.len() - 1]
            .iter()
            .all(Option::is_none)
    );
    let first = first_headers
        .last()
        .copied()
        .flatten()
        .expect("the annex's first header");
    let rels = relations(&parts);
    let header = xml(&parts, &format!("word/{}", rels[first]));
    let header_doc = roxmltree::Document::parse(&header).expect("header parses");
    assert_eq!(crate::docx::text(header_doc.root_element()), "");
    // The annex's mark opens it, and its part is under it.
    let paragraphs: Vec<String> = doc
        .descendants()
        .filter(|n| is(*n, W, "p"))
        .map(crate::docx::text)
        .collect();
    let mark = paragraphs
        .iter()
        .position(|t| t == "Alytaus miesto strateginio plano 1\u{a0}priedas")
        .unwrap_or_else(|| panic!("the annex mark: {paragraphs:?}"));
    assert!(
        paragraphs[mark + 1].contains("Santrumpos"),
        "{paragraphs:?}"
    );
    // Each footer counts to the last page of its own run: the bookmark at its end.
    let footers: Vec<String> = sections
        .iter()
        .map(|(_, id)| xml(&parts, &format!("word/{}", rels[id])))
        .collect();
    assert!(footers[0].contains("PAGEREF _PlanEnd1"), "{}", footers[0]);
    assert!(footers[1].contains("PAGEREF _PlanEnd2"), "{}", footers[1]);
    for end in ["_PlanEnd1", "_PlanEnd2"] {
        assert!(
            document.contains(&format!("w:name=\"{end}\"")),
            "no bookmark {end}"
        );
    }
    // Shown until Word counts: the PDF's last page of each run.
    let pdf = lopdf::Document::load(out.path().join("planas.pdf")).expect("PDF");
    let pdf_pages = pdf.get_pages().len();
    assert!(
        footers[1]
            .contains("<w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>")
    );
    assert!(
        footers[0].contains(&format!(
            "<w:t>{}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
            pdf_pages - 2
        )),
        "{}",
        footers[0]
    );
    // Where LibreOffice is installed, it counts the pages as the PDF does: the annex's
    // page says "1 / 1".
    if crate::common::installed("soffice") {
        let converted = crate::common::libreoffice_pdfs(&[out.path().join("planas.docx")]);
        let text = crate::common::pdf_text(&converted.path().join("planas.pdf"));
        assert!(text.contains("1 / 1"), "{text}");
        assert!(
            !text.contains("Error"),
            "a page count LibreOffice cannot find: {text}"
        );
    }
}

/// A zip of these parts.
fn zipped(parts: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

#[test]
fn a_reference_document_gives_the_styles_theme_and_page() {
    // The municipality's house style: a Word file `plan` wrote, its Normal style set in
    // Times New Roman, a theme, US Letter with wider margins.
    let first = built(&fixture("docx"));
    let mut reference = parts_of(&first);
    let styles = xml(&reference, "word/styles.xml");
    let normal_start = styles.find("w:styleId=\"Normal\"").expect("a Normal style");
    let normal_end = normal_start + styles[normal_start..].find("</w:style>").expect("end");
    let normal = &styles[normal_start..normal_end];
    let house = normal.replace(
        "<w:pPr>",
        "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/></w:rPr><w:pPr>",
    );
    // (Word writes pPr before rPr; the order is not what is tested here.)
    let styles = styles.replace(normal, &house);
    // The reference lacks the Caption style: the built-in one is added.
    let caption_start = styles
        .find("<w:style w:type=\"paragraph\" w:styleId=\"Caption\"")
        .expect("caption");
    let caption_end = caption_start
        + styles[caption_start..].find("</w:style>").expect("end")
        + "</w:style>".len();
    let styles = format!("{}{}", &styles[..caption_start], &styles[caption_end..]);
    reference.insert("word/styles.xml".into(), styles.into_bytes());
    reference.insert(
        "word/theme/theme1.xml".into(),
        b"<?xml version=\"1.0\"?><a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"House\"/>".to_vec(),
    );
    let document = xml(&reference, "word/document.xml");
    let last = document.rfind("<w:sectPr>").expect("a last section");
    let document = format!(
        "{}<w:sectPr><w:pgSz w:w=\"12240\" w:h=\"15840\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1800\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
        &document[..last]
    );
    reference.insert("word/document.xml".into(), document.into_bytes());
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("docx"), dir.path());
    std::fs::create_dir_all(dir.path().join("templates")).expect("templates");
    std::fs::write(
        dir.path().join("templates/reference.docx"),
        zipped(&reference),
    )
    .expect("write");
    let out = built(dir.path());
    let parts = parts_of(&out);
    let styles = xml(&parts, "word/styles.xml");
    roxmltree::Document::parse(&styles).expect("the styles parse");
    assert!(
        styles.contains("Times New Roman"),
        "the reference's Normal style"
    );
    assert_eq!(styles.matches("w:styleId=\"Normal\"").count(), 1);
    assert_eq!(
        styles.matches("w:styleId=\"Caption\"").count(),
        1,
        "the built-in Caption added"
    );
    // Its theme, declared and related.
    assert!(parts.contains_key("word/theme/theme1.xml"));
    assert!(xml(&parts, "[Content_Types].xml").contains("/word/theme/theme1.xml"));
    assert!(xml(&parts, "word/_rels/document.xml.rels").contains("theme/theme1.xml"));
    // Its page in every section, portrait and landscape.
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let sections: Vec<_> = doc.descendants().filter(|n| is(*n, W, "sectPr")).collect();
    assert!(sections.len() >= 3, "title, text and landscape sections");
    for section in sections {
        let margins = section
            .children()
            .find(|n| is(*n, W, "pgMar"))
            .expect("margins");
        assert_eq!(attr(margins, W, "left"), Some("1800"));
        let size = section
            .children()
            .find(|n| is(*n, W, "pgSz"))
            .expect("size");
        let (w, h) = (attr(size, W, "w"), attr(size, W, "h"));
        assert!(
            matches!(
                (w, h),
                (Some("12240"), Some("15840")) | (Some("15840"), Some("12240"))
            ),
            "{w:?} {h:?}"
        );
    }
    // A file that is not a Word file is refused, saying which.
    std::fs::write(dir.path().join("templates/reference.docx"), b"not a zip").expect("write");
    let (_, outcome, sources, diags) = build_with(dir.path(), |_| {});
    assert!(matches!(outcome, Outcome::Failed));
    let shown = render(&sources, &diags);
    assert!(shown.contains("templates/reference.docx"), "{shown}");
    assert!(shown.contains("not a Word file"), "{shown}");
}

#[test]
fn charts_drawn_twice_give_identical_word_files() {
    let first = built(&fixture("charts"));
    let second = built(&fixture("charts"));
    let docx = |out: &tempfile::TempDir| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(out.path())
            .expect("output folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "docx"))
            .map(|p| {
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                (name, std::fs::read(&p).expect("read"))
            })
            .collect();
        files.sort();
        files
    };
    let (a, b) = (docx(&first), docx(&second));
    assert!(!a.is_empty());
    assert!(a == b, "the Word files differ between two builds");
}

/// LibreOffice (`apt-get install libreoffice-writer-nogui`; not on CI, where this test
/// says it skipped) converts every Word file of the example plan to PDF without a field it
/// cannot resolve, each about as long as the PDF `plan` made.
#[test]
fn libreoffice_converts_every_word_file_of_the_example() {
    if !crate::common::installed("soffice") {
        return;
    }
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let out = built(&example);
    let mut docx: Vec<std::path::PathBuf> = std::fs::read_dir(out.path())
        .expect("output folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    docx.sort();
    assert!(docx.len() >= 4, "{docx:?}");
    let converted = crate::common::libreoffice_pdfs(&docx);
    for file in &docx {
        let name = file
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let theirs = converted.path().join(format!("{name}.pdf"));
        let pages = |pdf: &std::path::Path| {
            lopdf::Document::load(pdf)
                .unwrap_or_else(|e| panic!("{}: {e}", pdf.display()))
                .get_pages()
                .len()
        };
        let (ours, libre) = (pages(&file.with_extension("pdf")), pages(&theirs));
        assert!(
            libre * 2 >= ours && libre <= ours * 2,
            "{name}: LibreOffice made {libre} pages of what is {ours} in the PDF"
        );
        let text = crate::common::pdf_text(&theirs);
        assert!(!text.contains("Error: Reference"), "{name}: {text}");
    }
}
