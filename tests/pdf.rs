//! What archives and accessibility checkers see first in the PDFs: PDF/A and PDF/UA claims,
//! a structure tree, the language, embedded fonts, an outline of the chapters, page sizes.

mod common;

use common::{build_ok, fixture, page_sizes};
use lopdf::{Document, Object};

/// A PDF string (UTF-16BE with a byte-order mark, or PDFDocEncoding) as Rust text.
fn pdf_string(bytes: &[u8]) -> String {
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

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    match object {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
        other => other,
    }
}

/// The titles of every outline (bookmark) entry, depth first.
fn outline_titles(doc: &Document) -> Vec<String> {
    let catalog = doc.catalog().expect("catalog");
    let Ok(outlines) = catalog.get(b"Outlines") else {
        return Vec::new();
    };
    let mut titles = Vec::new();
    let mut stack = vec![
        deref(doc, outlines)
            .as_dict()
            .expect("outlines")
            .get(b"First")
            .ok()
            .cloned(),
    ];
    while let Some(entry) = stack.pop() {
        let Some(item) = entry else { continue };
        let Ok(dict) = deref(doc, &item).as_dict() else {
            continue;
        };
        if let Ok(Object::String(title, _)) = dict.get(b"Title").map(|t| deref(doc, t)) {
            titles.push(pdf_string(title));
        }
        stack.push(dict.get(b"Next").ok().cloned());
        stack.push(dict.get(b"First").ok().cloned());
    }
    titles
}

#[test]
fn pdfs_are_archival_accessible_and_complete() {
    let out = build_ok(&fixture("basic"));
    let path = out.path().join("plan.pdf");
    let doc = Document::load(&path).expect("PDF parses");
    let catalog = doc.catalog().expect("catalog");

    // PDF/A-2a and PDF/UA-1 are claimed in the XMP metadata.
    let metadata = deref(&doc, catalog.get(b"Metadata").expect("XMP metadata"));
    let xmp = String::from_utf8_lossy(&metadata.as_stream().expect("metadata stream").content)
        .to_string();
    for claim in ["pdfaid:part>2<", "pdfaid:conformance>A<", "pdfuaid:part>1<"] {
        let attribute = claim.trim_end_matches('<').replace('>', "=\"");
        assert!(
            xmp.contains(claim) || xmp.contains(&attribute),
            "XMP lacks {claim}: {xmp}"
        );
    }
    assert!(
        xmp.contains("Riverton Development Plan"),
        "XMP carries the title"
    );
    assert!(
        xmp.contains("Riverton Municipality"),
        "XMP carries the author"
    );

    // Tagged, with a structure tree and the document language.
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "a structure tree");
    let lang = catalog
        .get(b"Lang")
        .map(|l| deref(&doc, l))
        .expect("language");
    assert_eq!(lang.as_str().map(pdf_string).ok().as_deref(), Some("en"));

    // Every font is embedded.
    for (_, object) in doc.objects.iter() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
            let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| dict.get(k).is_ok());
            assert!(embedded, "a font is not embedded: {dict:?}");
        }
    }

    // The outline has an entry for every chapter and generated part.
    let titles = outline_titles(&doc);
    for chapter in [
        "Introduction",
        "Situation analysis",
        "Vision",
        "SWOT analysis",
        "Strategy",
        "Action plan",
        "Funding",
        "Monitoring indicators",
        "Abbreviations",
    ] {
        assert!(
            titles.iter().any(|t| t.contains(chapter)),
            "no outline entry for {chapter}: {titles:?}"
        );
    }

    // A4 portrait pages, and landscape pages for the action plan.
    let sizes = page_sizes(&path);
    assert!(
        sizes.iter().all(|&(w, h)| {
            let (short, long) = if w < h { (w, h) } else { (h, w) };
            (short - 595.3).abs() < 1.0 && (long - 841.9).abs() < 1.0
        }),
        "every page is A4: {sizes:?}"
    );
    assert!(sizes.iter().any(|(w, h)| w > h) && sizes.iter().any(|(w, h)| w < h));
}
