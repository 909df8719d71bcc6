//! Footnotes as readers see them: one note per definition, numbered in reading order, and
//! never repeated in the contents, the lists of tables and figures or the bookmarks.

use crate::common::{build_ok, chapter_plan, internal_links, page_texts};

/// A note referenced twice is printed once; the second reference prints its number and
/// links to it.
#[test]
fn a_note_referenced_twice_is_printed_once() {
    let dir = chapter_plan(
        "Tekstas[^a] ir dar[^a], kita[^b].\n\n[^a]: Pakartota išnaša.\n[^b]: Kita išnaša.\n",
        &[],
    );
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let pages = page_texts(&pdf);
    let text = pages.join(" ");
    assert!(
        text.contains("Tekstas1 ir dar1, kita2."),
        "the markers: {text}"
    );
    assert_eq!(text.matches("Pakartota išnaša").count(), 1, "{text}");
    assert!(text.contains("1Pakartota išnaša. 2Kita išnaša."), "{text}");
    // Each marker links to its note (and each note back to its first marker).
    let page = pages
        .iter()
        .position(|p| p.contains("Tekstas"))
        .expect("the page")
        + 1;
    let links = internal_links(&pdf)
        .iter()
        .filter(|l| l.from == page && l.to == page)
        .count();
    assert!(links >= 3, "{links} links on the page");
}

/// A note in a heading or a caption takes its number in reading order; the contents, the
/// lists of tables and figures and the PDF bookmarks show the title without it.
#[test]
fn notes_in_headings_and_captions_stay_out_of_outlines() {
    let dir = chapter_plan(
        "# Įvadas[^h]\n\nTekstas[^a].\n\n| x |\n|---|\n| 1 |\n\nTable: Lentelė[^t]\n\n![Paveikslas[^f]](images/chart.png)\n\n[^h]: Antraštės išnaša.\n[^a]: Teksto išnaša.\n[^t]: Lentelės išnaša.\n[^f]: Paveikslo išnaša.\n\n# Antras\n\n# Trečias\n\n# Ketvirtas\n",
        &["@list-of-tables", "@list-of-figures"],
    );
    let out = build_ok(dir.path());
    let pdf = out.path().join("text.pdf");
    let pages = page_texts(&pdf);
    let chapter = pages
        .iter()
        .position(|p| p.contains("Tekstas"))
        .expect("the chapter's page");
    assert!(
        pages[chapter].contains("1. Įvadas1 Tekstas2."),
        "{}",
        pages[chapter]
    );
    assert!(
        pages[chapter].contains("1 lentelė. Lentelė3")
            && pages[chapter].contains("1 pav. Paveikslas4"),
        "{}",
        pages[chapter]
    );
    assert!(
        pages[chapter]
            .contains("1Antraštės išnaša. 2Teksto išnaša. 3Lentelės išnaša. 4Paveikslo išnaša."),
        "{}",
        pages[chapter]
    );
    let text = pages.join(" ");
    for note in ["Antraštės išnaša", "Lentelės išnaša", "Paveikslo išnaša"] {
        assert_eq!(text.matches(note).count(), 1, "{note}: {text}");
    }
    let contents = &pages[chapter - 1];
    assert!(contents.contains("1. Įvadas . ."), "{contents}");
    let lists = pages[chapter + 1..].join(" ");
    assert!(
        lists.contains("1 lentelė. Lentelė . .") && lists.contains("1 pav. Paveikslas . ."),
        "{lists}"
    );
    let doc = lopdf::Document::load(&pdf).expect("PDF parses");
    let bookmarks = crate::pdf::outline_titles(&doc);
    assert_eq!(
        bookmarks.first().map(String::as_str),
        Some("1. Įvadas"),
        "{bookmarks:?}"
    );
}
