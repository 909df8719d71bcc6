//! The plan's list of annexes (`@annexes`) and the facts naming an annex's number
//! (`{{ annex.<document> }}`): the list's entries, in order, read from the PDF and the Word
//! file, each number the one its annex's mark shows; the annex of changes listed when a
//! build adds it; a wrong id's and an empty list's diagnostics. And the example plan: the
//! action plan approved once, as annex 1, not also in the plan's text; a publication draft
//! for the council saying "Projektas" once.

use std::path::{Path, PathBuf};

use crate::common::{
    build, built_as_word, copy_dir, copy_of_basic, normalize, page_texts, pdf_text, render,
};
use crate::diff::{edit, git};
use crate::docx::{W, is, parts, text, xml};
use plan::Outcome;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plan")
}

/// The entries of the list of annexes in a PDF: on the page where `heading` is followed by
/// the first entry, each entry from its start (`entry(n)`: "1 priedas. ", "Annex 1. ") to
/// the next one's, in the order of their numbers; the last one up to the end of the page,
/// its footer too (a publication's).
fn listed_in_pdf(pdf: &Path, heading: &str, entry: impl Fn(usize) -> String) -> Vec<String> {
    let pages = page_texts(pdf);
    let start = format!("{heading} {}", entry(1));
    let page = pages
        .iter()
        .find(|p| p.contains(&start))
        .unwrap_or_else(|| panic!("no page of {} lists the annexes", pdf.display()));
    let rest = &page[page.find(&start).expect("the list") + heading.len() + 1..];
    let mut entries = Vec::new();
    let mut n = 1;
    while let Some(at) = rest.find(&entry(n)) {
        let end = rest[at..]
            .find(&entry(n + 1))
            .map_or(rest.len(), |next| at + next);
        entries.push(rest[at..end].trim().to_string());
        n += 1;
    }
    entries
}

/// Asserts the entries read from a publication's page are `expected`: the last one is
/// followed by the page's footer ("Version 2.0, 20 December 2021 13 / 15").
fn assert_listed(listed: &[String], expected: &[&str]) {
    assert_eq!(listed.len(), expected.len(), "{listed:?}");
    let last = expected.len() - 1;
    assert_eq!(listed[..last], expected[..last]);
    let footer = listed[last]
        .strip_prefix(expected[last])
        .unwrap_or_else(|| panic!("{:?} is not {:?}", listed[last], expected[last]));
    assert!(footer.starts_with(" Version "), "{footer:?}");
}

/// The paragraphs of a Word file's body, as a reader reads them.
fn docx_paragraphs(path: &Path) -> Vec<String> {
    let parts = parts(path);
    let document = xml(&parts, "word/document.xml");
    let tree = roxmltree::Document::parse(&document).expect("document.xml parses");
    tree.descendants()
        .filter(|n| is(*n, W, "p"))
        .map(|p| normalize(&text(p)))
        .collect()
}

/// An annex's number as its mark on its first page shows it ("… plano\n1 priedas").
fn marked_number(pdf: &Path) -> usize {
    let first = page_texts(pdf).into_iter().next().expect("a first page");
    let of = "Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų ";
    let mark = first
        .strip_prefix(of)
        .and_then(|rest| rest.split_once(" priedas "))
        .unwrap_or_else(|| panic!("no annex mark opens the first page:\n{first}"));
    mark.0.parse().expect("the mark's number")
}

#[test]
fn the_example_lists_its_annexes_as_their_marks_number_them() {
    let out = built_as_word(&example(), |_| {});
    let plan = out.path().join("strateginis-planas.pdf");
    let listed = listed_in_pdf(&plan, "Priedai", |n| format!("{n} priedas. "));
    let expected = [
        "1 priedas. Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų priemonių planas",
        "2 priedas. Alytaus miesto savivaldybės strateginio plėtros plano iki 2030 metų rodiklių aprašai",
    ];
    assert_eq!(listed, expected);
    // Each number is the one the annex's own mark shows.
    assert_eq!(marked_number(&out.path().join("veiksmu-planas.pdf")), 1);
    assert_eq!(marked_number(&out.path().join("rodikliu-aprasai.pdf")), 2);
    // The Word edition lists the same, in the same order, under the same heading.
    let paragraphs = docx_paragraphs(&out.path().join("strateginis-planas.docx"));
    let heading = paragraphs
        .iter()
        .rposition(|p| p.ends_with("Priedai"))
        .expect("the Word edition has the list's heading");
    assert_eq!(&paragraphs[heading + 1..heading + 3], expected);
    // The contents name the list.
    assert!(pdf_text(&plan).contains("Priedai"));
}

#[test]
fn the_example_approves_the_action_plan_once_as_annex_1() {
    let out = built_as_word(&example(), |_| {});
    let plan = pdf_text(&out.path().join("strateginis-planas.pdf"));
    let annex = pdf_text(&out.path().join("veiksmu-planas.pdf"));
    // The action plan's table and the funding summary are in annex 1 only.
    for table in [
        "lentelė. Priemonių planas",
        "Finansavimas pagal prioritetus",
    ] {
        assert!(annex.contains(table), "annex 1 lacks {table:?}");
        assert!(
            !plan.contains(table),
            "the plan's text still holds {table:?}"
        );
    }
    // Its measures are in the annex's table, not in the plan's text: a measure's
    // responsible institution stands beside it only there.
    assert!(annex.contains("Vykdytojas"));
    assert!(!plan.contains("Vykdytojas"));
    // The plan's text says where the action plan is, with the fact's number.
    let plan = normalize(&plan);
    for said in [
        "priemonių planą, kuris pateikiamas Plano 1 priede",
        "1 priedas – priemonių planas",
        "2 priedas – rezultato ir efekto rodiklių aprašai",
    ] {
        assert!(plan.contains(said), "the plan's text lacks {said:?}");
    }
    let word = docx_paragraphs(&out.path().join("strateginis-planas.docx")).join("\n");
    assert!(!word.contains("Vykdytojas"));
    let word_annex = docx_paragraphs(&out.path().join("veiksmu-planas.docx")).join("\n");
    assert!(word_annex.contains("Vykdytojas"));
}

/// The basic fixture with its abbreviations an annex part of the plan (annex 1) and its
/// action plan document an annex (annex 2), the plan listing them and its introduction
/// quoting their numbers.
fn basic_with_annexes() -> tempfile::TempDir {
    let dir = copy_of_basic();
    edit(
        &dir.path().join("plan.toml"),
        "\"@links\", \"@abbreviations\",\n  \"@list-of-figures\", \"@list-of-tables\",\n]",
        "\"@links\", \"@annexes\",\n  \"@list-of-figures\", \"@list-of-tables\", \"@abbreviations\",\n]\nannex = [\"@abbreviations\"]",
    );
    edit(
        &dir.path().join("plan.toml"),
        "parts = [\"@action-plan\"]",
        "parts = [\"@action-plan\"]\nannex = true",
    );
    edit(
        &dir.path().join("chapters/intro.md"),
        "The plan has two priorities:",
        "The measures are in Annex {{ annex.actions }}, the abbreviations in Annex \
         {{ annex.plan.abbreviations }}. The plan has two priorities:",
    );
    dir
}

#[test]
fn annex_parts_and_documents_are_listed_and_quoted_by_number() {
    let dir = basic_with_annexes();
    let out = built_as_word(dir.path(), |_| {});
    let plan = out.path().join("plan.pdf");
    let listed = listed_in_pdf(&plan, "Annexes", |n| format!("Annex {n}. "));
    let expected = [
        "Annex 1. Abbreviations",
        "Annex 2. Riverton Action Plan 2022–2027",
    ];
    assert_listed(&listed, &expected);
    let text = normalize(&pdf_text(&plan));
    assert!(
        text.contains("The measures are in Annex 2, the abbreviations in Annex 1."),
        "{text}"
    );
    // The marks: the annex part's in the plan's PDF, the document's on its first page.
    assert!(text.contains("Annex 1 to the Riverton Development Plan 2022–2027"));
    let actions = normalize(&pdf_text(&out.path().join("actions.pdf")));
    assert!(actions.contains("Annex 2 to the Riverton Development Plan 2022–2027"));
    let paragraphs = docx_paragraphs(&out.path().join("plan.docx"));
    let heading = paragraphs
        .iter()
        .rposition(|p| p.ends_with("Annexes"))
        .expect("the Word edition has the list's heading");
    assert_eq!(&paragraphs[heading + 1..heading + 3], expected);
}

#[test]
fn the_annex_of_changes_is_listed_when_a_build_adds_it() {
    let root = tempfile::tempdir().expect("repository");
    copy_dir(basic_with_annexes().path(), &root.path().join("plan"));
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(root.path(), &["add", "-A"]);
    git(root.path(), &["commit", "-q", "-m", "First draft"]);
    edit(
        &root.path().join("plan/plan.toml"),
        "version = \"",
        "version = \"9",
    );
    let (out, outcome, sources, diags) =
        crate::common::build_with(&root.path().join("plan"), |o| {
            o.changes_since = Some("HEAD".into());
            o.formats = vec![plan::FileFormat::Pdf, plan::FileFormat::Docx];
        });
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let listed = listed_in_pdf(&out.path().join("plan.pdf"), "Annexes", |n| {
        format!("Annex {n}. ")
    });
    let expected = [
        "Annex 1. Abbreviations",
        "Annex 2. Riverton Action Plan 2022–2027",
        "Annex 3. Summary of changes",
    ];
    assert_listed(&listed, &expected);
    let text = normalize(&pdf_text(&out.path().join("plan.pdf")));
    assert!(text.contains("Annex 3 to the Riverton Development Plan 2022–2027"));
    let paragraphs = docx_paragraphs(&out.path().join("plan.docx"));
    let heading = paragraphs
        .iter()
        .rposition(|p| p.ends_with("Annexes"))
        .expect("the Word edition has the list's heading");
    assert_eq!(&paragraphs[heading + 1..heading + 4], expected);
}

#[test]
fn a_wrong_annex_id_is_an_unknown_fact_with_a_suggestion() {
    let dir = basic_with_annexes();
    edit(
        &dir.path().join("chapters/intro.md"),
        "{{ annex.actions }}",
        "{{ annex.action }}",
    );
    let (_out, outcome, sources, diags) = build(dir.path());
    assert!(matches!(outcome, Outcome::Failed), "{outcome:?}");
    insta::assert_snapshot!(render(&sources, &diags));
}

#[test]
fn a_list_of_annexes_in_a_plan_without_any_is_an_error_where_it_is_named() {
    let dir = copy_of_basic();
    edit(
        &dir.path().join("plan.toml"),
        "\"@links\", \"@abbreviations\",",
        "\"@links\", \"@abbreviations\", \"@annexes\",",
    );
    let (_out, outcome, sources, diags) = build(dir.path());
    assert!(matches!(outcome, Outcome::Failed), "{outcome:?}");
    insta::assert_snapshot!(render(&sources, &diags));
}

#[test]
fn a_publication_draft_for_the_council_says_projektas_once() {
    let dir = tempfile::tempdir().expect("copy");
    copy_dir(&example(), dir.path());
    edit(
        &dir.path().join("plan.toml"),
        "status = \"draft\"",
        "status = \"draft\"\nform = \"publication\"",
    );
    let out = built_as_word(dir.path(), |o| {
        o.documents = vec!["strateginis-planas".into()];
    });
    let pages = page_texts(&out.path().join("strateginis-planas.pdf"));
    let title = &pages[0];
    assert_eq!(title.matches("Projektas").count(), 1, "{title}");
    // In the place the act puts it: above the approval mark, before the title.
    let at = title.find("Projektas").expect("Projektas");
    assert!(at < title.find("PATVIRTINTA").expect("the mark"), "{title}");
    // The version and date stay at the foot of the page.
    assert!(title.contains("Versija 0.9"), "{title}");
    let word = docx_paragraphs(&out.path().join("strateginis-planas.docx"));
    let before_contents: Vec<&String> = word.iter().take_while(|p| *p != "Turinys").collect();
    let projektas = before_contents
        .iter()
        .filter(|p| p.contains("Projektas"))
        .count();
    assert_eq!(projektas, 1, "{before_contents:?}");
}

#[test]
fn a_reports_annex_parts_are_listed_with_the_reports_year() {
    let dir = tempfile::tempdir().expect("copy");
    copy_dir(&crate::common::fixture("monitoring"), dir.path());
    edit(
        &dir.path().join("plan.toml"),
        "  \"chapters/report.md\",\n  \"@monitoring-summary\", \"@indicator-progress\", \"@measure-status\", \"@funding-execution\",\n]",
        "  \"chapters/report.md\", \"@annexes\",\n  \"@monitoring-summary\", \"@indicator-progress\", \"@measure-status\", \"@funding-execution\",\n]\nannex = [\"@measure-status\", \"@funding-execution\"]",
    );
    let out = built_as_word(dir.path(), |o| {
        o.documents = vec!["report-2024".into()];
    });
    let listed = listed_in_pdf(&out.path().join("report-2024.pdf"), "Annexes", |n| {
        format!("Annex {n}. ")
    });
    let expected = [
        "Annex 1. Measures in 2024",
        "Annex 2. Funding execution in 2024",
    ];
    assert_listed(&listed, &expected);
    let paragraphs = docx_paragraphs(&out.path().join("report-2024.docx"));
    let heading = paragraphs
        .iter()
        .rposition(|p| p.ends_with("Annexes"))
        .expect("the Word edition has the list's heading");
    assert_eq!(&paragraphs[heading + 1..heading + 3], expected);
}
