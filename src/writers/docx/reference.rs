//! A plan's own Word styles: `templates/reference.docx`, as pandoc's reference document.
//! Any Word file will do (one `plan` wrote, its styles changed in Word): its styles
//! (fonts, sizes, colours, spacing), its theme (the fonts and colours styles name) and its
//! page (size and margins) are used; the styles the Word edition needs and the file lacks
//! are the built-in ones. Nothing else of it is read.

use std::io::Read;

use super::package::Page;

/// Where a plan keeps it.
pub(crate) const PATH: &str = "templates/reference.docx";

/// The most the file may be, and the most any part of it read may be uncompressed.
const MAX_FILE_BYTES: u64 = 32 << 20;
const MAX_PART_BYTES: u64 = 16 << 20;
/// The most parts its zip may list.
const MAX_PARTS: usize = 10_000;

/// What is taken of a reference document.
#[derive(Debug, Default)]
pub(super) struct Reference {
    /// `word/styles.xml`.
    pub styles: String,
    /// `word/theme/theme1.xml`, when it has one.
    pub theme: Option<Vec<u8>>,
    /// The page of its last section, when it gives one.
    pub page: Option<Page>,
}

/// Reads the plan's reference document; `Ok(None)` when the plan has none.
pub(super) fn load(root: &std::path::Path) -> Result<Option<Reference>, String> {
    let path = root.join(PATH);
    if !path.exists() {
        return Ok(None);
    }
    let folder = crate::confine::Folder::new(root);
    let real = folder
        .resolve(&path)
        .map_err(|_| format!("`{PATH}` lies outside the plan folder"))?;
    let bytes = crate::confine::read_regular(&real, MAX_FILE_BYTES).map_err(|e| match e {
        crate::confine::Unreadable::NotRegular => format!("`{PATH}` is not a regular file"),
        crate::confine::Unreadable::TooLarge(_) => format!(
            "`{PATH}` is larger than {} MiB, the most a reference document may be",
            MAX_FILE_BYTES >> 20
        ),
        crate::confine::Unreadable::Io(e) => format!("`{PATH}` cannot be read ({e})"),
    })?;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| format!("`{PATH}` is not a Word file (not a zip archive)"))?;
    if zip.len() > MAX_PARTS {
        return Err(format!(
            "`{PATH}` has {} parts, more than a Word file has",
            zip.len()
        ));
    }
    let styles = part(&mut zip, "word/styles.xml")?
        .ok_or_else(|| format!("`{PATH}` has no styles (`word/styles.xml`): is it a Word file?"))?;
    let styles =
        String::from_utf8(styles).map_err(|_| format!("`{PATH}`: its styles are not UTF-8 XML"))?;
    check_styles(&styles)?;
    let theme = part(&mut zip, "word/theme/theme1.xml")?;
    let page = match part(&mut zip, "word/document.xml")? {
        Some(document) => page(&String::from_utf8_lossy(&document)),
        None => None,
    };
    Ok(Some(Reference {
        styles,
        theme,
        page,
    }))
}

/// A part of the archive, read through a capped reader (a zip bomb stops at the cap).
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let Ok(mut file) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("`{PATH}`: its part `{name}` cannot be read ({e})"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "`{PATH}`: its part `{name}` is larger than {} MiB uncompressed",
            MAX_PART_BYTES >> 20
        ));
    }
    Ok(Some(bytes))
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The styles must parse, and name WordprocessingML's namespace `w` (the built-in styles
/// added to them are written with that prefix).
fn check_styles(styles: &str) -> Result<(), String> {
    let doc = roxmltree::Document::parse(styles)
        .map_err(|e| format!("`{PATH}`: its styles cannot be read ({e})"))?;
    let root = doc.root_element();
    if root.tag_name().namespace() != Some(W) || root.lookup_namespace_uri(Some("w")) != Some(W) {
        return Err(format!(
            "`{PATH}`: its styles are not Word's (`w:styles`); save it from Word or LibreOffice as a Word document"
        ));
    }
    Ok(())
}

/// The styles of the reference with every built-in style it lacks (by style id) added.
pub(super) fn merged(reference: &str, built_in: &str) -> String {
    let ids = |xml: &str| -> Vec<(String, std::ops::Range<usize>)> {
        let Ok(doc) = roxmltree::Document::parse(xml) else {
            return Vec::new();
        };
        doc.root_element()
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == "style")
            .filter_map(|n| Some((n.attribute((W, "styleId"))?.to_string(), n.range())))
            .collect()
    };
    let theirs: std::collections::HashSet<String> =
        ids(reference).into_iter().map(|(id, _)| id).collect();
    let missing: String = ids(built_in)
        .into_iter()
        .filter(|(id, _)| !theirs.contains(id))
        .map(|(_, range)| &built_in[range])
        .collect();
    match reference.rfind("</w:styles>") {
        Some(end) => format!("{}{missing}{}", &reference[..end], &reference[end..]),
        None => reference.to_string(),
    }
}

/// The page of the document's last section (`w:body/w:sectPr`).
fn page(document: &str) -> Option<Page> {
    let doc = roxmltree::Document::parse(document).ok()?;
    let body = doc
        .root_element()
        .children()
        .find(|n| n.is_element() && n.tag_name().name() == "body")?;
    let sect = body
        .children()
        .rfind(|n| n.is_element() && n.tag_name().name() == "sectPr")?;
    let child = |name: &str| {
        sect.children()
            .find(|n| n.is_element() && n.tag_name().name() == name)
    };
    let twips = |node: roxmltree::Node, name: &str| -> Option<u32> {
        node.attribute((W, name))?
            .parse::<i64>()
            .ok()
            .and_then(|v| u32::try_from(v.abs()).ok())
    };
    let (size, margins) = (child("pgSz")?, child("pgMar")?);
    let (mut width, mut height) = (twips(size, "w")?, twips(size, "h")?);
    // A landscape reference still gives the portrait page.
    if width > height {
        std::mem::swap(&mut width, &mut height);
    }
    let default = Page::default();
    let page = Page {
        width,
        height,
        top: twips(margins, "top")?,
        right: twips(margins, "right")?,
        bottom: twips(margins, "bottom")?,
        left: twips(margins, "left")?,
        header: twips(margins, "header").unwrap_or(default.header),
        footer: twips(margins, "footer").unwrap_or(default.footer),
    };
    // A page too small to hold text (or absurd values) is not taken.
    let sane = (2_880..=80_000).contains(&page.width)
        && (2_880..=80_000).contains(&page.height)
        && page.left + page.right + 1_440 <= page.width
        && page.top + page.bottom + 1_440 <= page.height;
    sane.then_some(page)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_reference_keeps_its_styles_and_gains_the_missing_ones() {
        let ns = format!("xmlns:w=\"{}\"", super::W);
        let theirs = format!(
            "<w:styles {ns}><w:style w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style></w:styles>"
        );
        let ours = format!(
            "<w:styles {ns}><w:style w:styleId=\"Normal\"><w:name w:val=\"ours\"/></w:style><w:style w:styleId=\"Caption\"><w:name w:val=\"caption\"/></w:style></w:styles>"
        );
        let merged = super::merged(&theirs, &ours);
        assert!(merged.contains("<w:name w:val=\"Normal\"/>"));
        assert!(!merged.contains("ours"));
        assert!(merged.contains("w:styleId=\"Caption\""));
        roxmltree::Document::parse(&merged).expect("well-formed");
    }

    #[test]
    fn the_page_is_read_from_the_last_section_and_must_hold_text() {
        let doc = |size: &str, margins: &str| {
            format!(
                "<w:document xmlns:w=\"{}\"><w:body><w:p/><w:sectPr>{size}{margins}</w:sectPr></w:body></w:document>",
                super::W
            )
        };
        let page = super::page(&doc(
            "<w:pgSz w:w=\"12240\" w:h=\"15840\"/>",
            "<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1800\" w:header=\"720\" w:footer=\"720\"/>",
        ))
        .expect("a page");
        assert_eq!((page.width, page.left, page.header), (12_240, 1_800, 720));
        assert!(
            super::page(&doc(
                "<w:pgSz w:w=\"3000\" w:h=\"15840\"/>",
                "<w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1800\"/>",
            ))
            .is_none()
        );
    }
}
