//! `@list-of-figures` and `@list-of-tables`: Word's own lists over the captions (a `TOC
//! \c` field, as Insert ▸ Table of Figures makes), their entries filled in, each a link to
//! a bookmark around the caption it lists, so that the list is right before Word updates
//! it; Word adds the page numbers when it does (they depend on its own layout).
//!
//! A list may come before the captions it lists: the part leaves a mark where its list
//! goes, and [`fill`] puts the lists in once the whole document is written.

use crate::writers::docx::body::Writer;
use crate::writers::docx::xml::{escape, paragraph};

/// Where a list goes, until [`fill`] replaces it (an XML comment: never in a chapter's
/// output, whose text is escaped).
fn mark(table: bool) -> &'static str {
    if table {
        "<!--plan:list-of-tables-->"
    } else {
        "<!--plan:list-of-figures-->"
    }
}

/// Whether a document with these parts needs its captions noted for a list.
pub(in crate::writers::docx) fn wanted(parts: &[crate::model::Part]) -> bool {
    parts.iter().any(|p| {
        matches!(
            p,
            crate::model::Part::Generated(
                crate::model::Generated::ListOfFigures | crate::model::Generated::ListOfTables
            )
        )
    })
}

/// Leaves the mark of the list of tables (`table`) or figures.
pub(super) fn write(writer: &mut Writer, table: bool) {
    writer.out.push_str(mark(table));
}

/// Puts each list where its part left its mark.
pub(in crate::writers::docx) fn fill(writer: &mut Writer) {
    let Some(captions) = writer.captions.as_ref() else {
        return;
    };
    for table in [true, false] {
        if writer.out.contains(mark(table)) {
            let list = list(captions, table);
            writer.out = writer.out.replace(mark(table), &list);
        }
    }
}

/// The list of the tables' (`table`) or figures' captions as a filled-in `TOC \c` field.
fn list(captions: &[(bool, String, String)], table: bool) -> String {
    let kind = if table { "Table" } else { "Figure" };
    let begin = format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> TOC \\h \\z \\c \"{kind}\" </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
    );
    let end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
    let entries: Vec<&(bool, String, String)> =
        captions.iter().filter(|(t, _, _)| *t == table).collect();
    if entries.is_empty() {
        return paragraph(Some("TableofFigures"), "", &format!("{begin}{end}"));
    }
    let mut out = String::new();
    for (i, (_, name, text)) in entries.iter().enumerate() {
        let mut content = String::new();
        if i == 0 {
            content.push_str(&begin);
        }
        // `text` is escaped already (as the caption shows it).
        content.push_str(&format!(
            "<w:hyperlink w:anchor=\"{}\" w:history=\"1\"><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:hyperlink>",
            escape(name)
        ));
        if i + 1 == entries.len() {
            content.push_str(end);
        }
        out.push_str(&paragraph(Some("TableofFigures"), "", &content));
    }
    out
}
