//! The Word comparison edition (`plan build --changes-since REV --as pdf,docx` writes
//! `<id>-changes.docx`) and the annex of changes in the Word edition: read back as a zip
//! of XML, its tracked insertions and deletions are the words `plan diff --format json`
//! reports changed, no more and no fewer.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;

use crate::common::{copy_of_basic, render};
use crate::diff::{committed_basic, edit, git, plan_diff};
use plan::diag::{Diagnostics, Sources};
use plan::{BuildOptions, FileFormat, Outcome};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The basic plan with an indicator of the vision (written in the vision's table), at
/// HEAD~1; at HEAD revised: in the introduction a sentence changed and the next deleted, a
/// paragraph deleted; in the analysis a paragraph inserted, a table's row changed and one
/// added, a footnote reworded; the vision's statement and its indicator's name reworded.
pub(crate) fn repository() -> tempfile::TempDir {
    let plan = copy_of_basic();
    edit(
        &plan.path().join("plan.toml"),
        "\n[numbering]",
        "\n[[vision.indicator]]\nid = \"satisfaction\"\nname = \"Residents satisfied with the town\"\n\
         unit = \"%\"\nbaseline = { year = 2020, value = 61 }\ntargets = { 2024 = 65, 2027 = 70 }\n\n[numbering]",
    );
    let root = tempfile::tempdir().expect("repository");
    std::fs::rename(plan.path(), root.path().join("plan")).expect("move the plan");
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(root.path(), &["add", "-A"]);
    git(root.path(), &["commit", "-q", "-m", "First draft"]);
    let intro = root.path().join("plan/chapters/intro.md");
    edit(
        &intro,
        "will grow between 2022 and 2027. It was prepared by the\n\
         Town administration together with *Riverton Water*, local businesses and residents, and it\n\
         was approved by the **Riverton Municipal Council**.",
        "will grow and change between 2022 and 2027.",
    );
    edit(
        &intro,
        "Statistics used in the plan come from the [national statistics portal](https://example.org/stats).\n\n",
        "",
    );
    let analysis = root.path().join("plan/chapters/analysis.md");
    edit(
        &analysis,
        "## Energy {#energy}\n\n",
        "## Energy {#energy}\n\nHeat pumps halve emissions in every school we measured.\n\n",
    );
    // A table's row changed and one added.
    edit(
        &analysis,
        "| North    | 4,100     | 33 %  |",
        "| North    | 4,300     | 34 %  |",
    );
    edit(
        &analysis,
        "| South    | 3,100     | 25 %  |\n",
        "| South    | 3,100     | 25 %  |\n| Total    | 12,600    | 100 % |\n",
    );
    // A footnote reworded.
    edit(
        &analysis,
        "Census of 2021, table *P-3*.",
        "Census of 2021, tables *P-3* and *P-4*.",
    );
    edit(
        &root.path().join("plan/plan.toml"),
        "statement = \"Riverton – a green and open town\"",
        "statement = \"Riverton – a green, safe and open town\"",
    );
    edit(
        &root.path().join("plan/plan.toml"),
        "name = \"Residents satisfied with the town\"",
        "name = \"Residents satisfied with their town and its services\"",
    );
    git(root.path(), &["commit", "-q", "-a", "-m", "Revised"]);
    root
}

/// Builds PDF and Word files of the plan in `repo`'s `plan/`, with the changes since
/// `since`, into a new folder.
pub(crate) fn built(repo: &Path, since: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("output");
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let options = BuildOptions {
        dir: repo.join("plan"),
        out: Some(out.path().to_path_buf()),
        changes_since: Some(since.into()),
        formats: vec![FileFormat::Pdf, FileFormat::Docx],
        ..Default::default()
    };
    let outcome = plan::build(&options, &mut sources, &mut diags);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    out
}

/// A Word file's `word/document.xml`.
pub fn document(path: &Path) -> String {
    part(path, "word/document.xml")
}

/// A part of a Word file.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|_| panic!("{} opens", path.display()));
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut entry = zip.by_name(name).expect("the part");
    let mut xml = String::new();
    entry.read_to_string(&mut xml).expect("UTF-8 XML");
    xml
}

fn is(node: roxmltree::Node, name: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == Some(W) && node.tag_name().name() == name
}

fn attr<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

/// The text of the elements `tag` (`t`, `delText`) below a node.
fn text(node: roxmltree::Node, tag: &str) -> String {
    node.descendants()
        .filter(|n| is(*n, tag))
        .filter_map(|n| n.text())
        .collect()
}

/// What a document's tracked changes are: the words inserted and deleted, and how many
/// `w:ins` and `w:del` it has, paragraph marks' included. (Words as sets: a title or name
/// is marked wherever a part writes it, once or more.)
struct Tracked {
    inserted: BTreeSet<String>,
    deleted: BTreeSet<String>,
    marks: usize,
}

fn tracked(xml: &str) -> Tracked {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    // The text of each run of changes (`tag`: `ins`, `del`) in a row, paragraph by
    // paragraph: a word split over runs of two looks is one word.
    let words = |tag: &str, inner: &str| -> BTreeSet<String> {
        let mut text = String::new();
        for n in doc.descendants() {
            if is(n, "p") {
                text.push(' ');
            } else if is(n, "t") || is(n, "delText") {
                if is(n, inner) && n.ancestors().any(|a| is(a, tag)) {
                    text.push_str(n.text().unwrap_or_default());
                } else {
                    text.push(' ');
                }
            }
        }
        text.split_whitespace().map(String::from).collect()
    };
    Tracked {
        inserted: words("ins", "t"),
        deleted: words("del", "delText"),
        marks: doc
            .descendants()
            .filter(|n| is(*n, "ins") || is(*n, "del"))
            .count(),
    }
}

/// The words `plan diff --format json` reports inserted and deleted: in the chapters'
/// sentences, in the vision's statement and in the indicator's name (compared word by word
/// as `plan diff` compares titles).
fn reported(repo: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let json = plan_diff(repo, &["--format", "json", "HEAD~1", "HEAD", "plan"]);
    let diff: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let mut segments: Vec<(String, String)> = Vec::new();
    for chapter in diff["chapters"].as_array().expect("chapters") {
        for sentence in chapter["sentences"].as_array().expect("sentences") {
            for s in sentence["words"].as_array().expect("words") {
                segments.push((
                    s["op"].as_str().expect("op").to_string(),
                    s["text"].as_str().expect("text").to_string(),
                ));
            }
        }
    }
    let renamed = diff["plan"]
        .as_array()
        .expect("plan fields")
        .iter()
        .filter(|f| f["field"] == "vision")
        .chain(
            diff["indicators"]
                .as_array()
                .expect("indicators")
                .iter()
                .flat_map(|i| i["changes"].as_array().expect("changes"))
                .filter(|c| c["change"] == "name"),
        );
    let mut fields = 0;
    for field in renamed {
        fields += 1;
        let (old, new) = (
            field["old"].as_str().expect("old"),
            field["new"].as_str().expect("new"),
        );
        for s in plan::diff::words(old, new) {
            let op = serde_json::to_value(s.op).expect("op");
            segments.push((op.as_str().expect("op").to_string(), s.text));
        }
    }
    assert_eq!(
        fields, 2,
        "the vision and the indicator's name changed: {json}"
    );
    // A table row's cells are " | " apart in `plan diff`: the bar is no word.
    let words = |op: &str| -> BTreeSet<String> {
        segments
            .iter()
            .filter(|(o, _)| o == op)
            .flat_map(|(_, t)| t.split_whitespace().map(String::from).collect::<Vec<_>>())
            .filter(|w| w != "|")
            .collect()
    };
    (words("insert"), words("delete"))
}

#[test]
fn the_comparison_edition_marks_exactly_the_words_plan_diff_reports() {
    let repo = repository();
    let out = built(repo.path(), "HEAD~1");
    let file = out.path().join("plan-changes.docx");
    let xml = document(&file);
    // The body's changes and the footnotes'.
    let mut found = tracked(&xml);
    let notes = tracked(&part(&file, "word/footnotes.xml"));
    assert!(notes.marks > 0, "the reworded footnote is not marked");
    found.inserted.extend(notes.inserted);
    found.deleted.extend(notes.deleted);
    let (inserted, deleted) = reported(repo.path());
    for word in [
        "change",
        "measured.",
        "safe",
        "their",
        "services",
        "P-4.",
        "4,300",
        "Total",
    ] {
        assert!(inserted.contains(word), "{word}: {inserted:?}");
    }
    for word in ["prepared", "Statistics", "green"] {
        assert!(deleted.contains(word), "{word}: {deleted:?}");
    }
    assert_eq!(found.inserted, inserted);
    assert_eq!(found.deleted, deleted);

    let doc = roxmltree::Document::parse(&xml).expect("XML");
    // Every change is the plan's, dated as the edition; every id (changes and bookmarks)
    // is used once, as Word wants.
    let mut ids = BTreeSet::new();
    for n in doc
        .descendants()
        .filter(|n| is(*n, "ins") || is(*n, "del") || is(*n, "bookmarkStart"))
    {
        let id = attr(n, "id").expect("an id");
        assert!(ids.insert(id.to_string()), "id {id} used twice");
        if !is(n, "bookmarkStart") {
            assert_eq!(attr(n, "author"), Some("plan"));
            let date = attr(n, "date").expect("a date");
            assert!(date.len() == 20 && date.ends_with('Z'), "{date}");
        }
    }
    // A deleted paragraph is deleted with its mark; an inserted one inserted with its mark.
    let paragraph_mark = |p: roxmltree::Node, tag: &str| {
        p.children()
            .filter(|c| is(*c, "pPr"))
            .flat_map(|ppr| ppr.children().filter(|c| is(*c, "rPr")))
            .any(|rpr| rpr.children().any(|c| is(c, tag)))
    };
    let paragraphs: Vec<roxmltree::Node> = doc.descendants().filter(|n| is(*n, "p")).collect();
    let gone = paragraphs
        .iter()
        .find(|p| text(**p, "delText").starts_with("Statistics used in the plan"))
        .expect("the deleted paragraph");
    assert!(paragraph_mark(*gone, "del"));
    assert_eq!(text(*gone, "t"), "");
    let new = paragraphs
        .iter()
        .find(|p| text(**p, "t") == "Heat pumps halve emissions in every school we measured.")
        .expect("the inserted paragraph");
    assert!(paragraph_mark(*new, "ins"));
    // A new row of a table is an inserted row; a changed one keeps its unchanged cells.
    let rows: Vec<roxmltree::Node> = doc.descendants().filter(|n| is(*n, "tr")).collect();
    let row_mark = |tr: roxmltree::Node, tag: &str| {
        tr.children()
            .filter(|c| is(*c, "trPr"))
            .any(|p| p.children().any(|c| is(c, tag)))
    };
    let total = rows
        .iter()
        .find(|r| text(**r, "t").starts_with("Total"))
        .expect("the new row");
    assert!(row_mark(*total, "ins"));
    let north = rows
        .iter()
        .find(|r| text(**r, "t").starts_with("North"))
        .expect("the changed row");
    assert!(!row_mark(*north, "ins"));
    let gone = text(*north, "delText");
    assert_eq!(gone.split_whitespace().collect::<Vec<_>>(), ["4,100", "33"]);
    // An unchanged paragraph has no marks.
    let same = paragraphs
        .iter()
        .find(|p| text(**p, "t").starts_with("The plan has two priorities"))
        .expect("an unchanged paragraph");
    assert!(!same.descendants().any(|n| is(n, "ins") || is(n, "del")));

    // Identical input, identical files.
    let again = built(repo.path(), "HEAD~1");
    for name in ["plan-changes.docx", "plan.docx", "actions-changes.docx"] {
        assert!(
            std::fs::read(out.path().join(name)).expect("first")
                == std::fs::read(again.path().join(name)).expect("second"),
            "{name} differs between two builds"
        );
    }
    // The action plan's own document has nothing that changed: no tracked changes.
    let actions = tracked(&document(&out.path().join("actions-changes.docx")));
    assert_eq!(actions.marks, 0);
    // The plain Word edition has none either.
    assert_eq!(tracked(&document(&out.path().join("plan.docx"))).marks, 0);
}

#[test]
fn a_plan_unchanged_since_the_revision_has_no_tracked_changes() {
    let repo = committed_basic();
    let out = built(repo.path(), "HEAD");
    for name in ["plan-changes.docx", "actions-changes.docx"] {
        let found = tracked(&document(&out.path().join(name)));
        assert_eq!(found.marks, 0, "{name}");
    }
    // The annex says so, in the Word edition as in the PDF.
    let xml = document(&out.path().join("plan.docx"));
    assert!(xml.contains("content has not changed."), "{xml}");
}

#[test]
fn the_word_edition_carries_the_annex_of_changes_with_its_tables() {
    let repo = repository();
    let out = built(repo.path(), "HEAD~1");
    let xml = document(&out.path().join("plan.docx"));
    let doc = roxmltree::Document::parse(&xml).expect("XML");
    let body = doc.descendants().find(|n| is(*n, "body")).expect("a body");
    let blocks: Vec<roxmltree::Node> = body.children().filter(|n| n.is_element()).collect();
    let style = |p: &roxmltree::Node| -> Option<String> {
        p.children()
            .find(|c| is(*c, "pPr"))
            .and_then(|ppr| ppr.children().find(|c| is(*c, "pStyle")))
            .and_then(|s| attr(s, "val"))
            .map(String::from)
    };
    // After the parts: a section ends, the annex's mark, its numbered heading and what it
    // compares.
    let mark = blocks
        .iter()
        .position(|p| style(p).as_deref() == Some("AnnexMark"))
        .expect("the annex's mark");
    assert_eq!(
        text(blocks[mark], "t"),
        "Annex\u{a0}1to the Riverton Development Plan 2022–2027"
    );
    let before = blocks[mark - 1];
    assert!(
        before.descendants().any(|n| is(n, "sectPr")),
        "no section ends before the annex"
    );
    // The annex's own section numbers its pages from 1.
    let last = body
        .children()
        .rfind(|n| is(*n, "sectPr"))
        .expect("the last section");
    assert!(
        last.children()
            .any(|n| is(n, "pgNumType") && attr(n, "start") == Some("1"))
    );
    let heading = blocks[mark + 1];
    assert_eq!(style(&heading).as_deref(), Some("Heading1"));
    assert!(
        text(heading, "t").ends_with("Summary of changes"),
        "{}",
        text(heading, "t")
    );
    let annex = &blocks[mark..];
    let headings: Vec<String> = annex
        .iter()
        .filter(|p| style(p).as_deref() == Some("Heading2"))
        .map(|p| text(*p, "t"))
        .collect();
    assert!(
        headings.iter().any(|h| h.ends_with("Plan details"))
            && headings.iter().any(|h| h.ends_with("Chapters changed")),
        "{headings:?}"
    );
    // Each section a table with its header row repeated, the chapters' changed words
    // struck through and underlined.
    let tables: Vec<&roxmltree::Node> = annex.iter().filter(|n| is(**n, "tbl")).collect();
    assert_eq!(tables.len(), headings.len());
    for table in &tables {
        assert!(table.descendants().any(|n| is(n, "tblHeader")));
    }
    // As in the PDF (issue 33): each table captioned and numbered with the document's
    // tables, every column headed, the earlier version by its version and date, working
    // groups by name, increases signed, chapters by their title.
    for table in &tables {
        let at = annex
            .iter()
            .position(|n| n == *table)
            .expect("the table in the annex");
        let caption = annex[at - 1];
        assert_eq!(style(&caption).as_deref(), Some("Caption"));
        assert!(
            text(caption, "t").starts_with("Table"),
            "{}",
            text(caption, "t")
        );
        let header = table
            .children()
            .find(|r| is(*r, "tr"))
            .expect("a header row");
        for cell in header.children().filter(|c| is(*c, "tc")) {
            assert!(!text(cell, "t").trim().is_empty(), "a blank column header");
        }
    }
    let annex_text = annex
        .iter()
        .map(|n| text(*n, "t"))
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\u{a0}', " ");
    for expected in [
        "differs from the earlier one (version 2.0 of 30 November 2021).",
        "Introduction",
    ] {
        assert!(
            annex_text.contains(expected),
            "the Word annex lacks {expected:?}: {annex_text}"
        );
    }
    assert!(!annex_text.contains("intro.md"), "{annex_text}");
    let chapters = tables.last().expect("the chapters' table");
    let struck: String = chapters
        .descendants()
        .filter(|r| is(*r, "r") && r.descendants().any(|n| is(n, "strike")))
        .map(|r| text(r, "t"))
        .collect();
    assert!(
        struck.contains("It was prepared by the Town administration"),
        "{struck}"
    );
    let underlined: String = chapters
        .descendants()
        .filter(|r| is(*r, "r") && r.descendants().any(|n| is(n, "u")))
        .map(|r| text(r, "t"))
        .collect();
    assert!(underlined.contains("and change"), "{underlined}");
    // Only the strategic plan has the annex.
    let actions = document(&out.path().join("actions.docx"));
    assert!(!actions.contains("Summary of changes"));
}
