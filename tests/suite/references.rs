//! Cross-references in chapters: they print the right numbers, link to the right pages,
//! and follow the strategy when it is renumbered.

use crate::common::{
    broken, build_ok, contains_squashed, fixture, internal_links, page_texts, pdf_text,
};

/// The page (1-based) whose text contains `needle`, after the first `skip` pages.
fn page_with(pages: &[String], needle: &str, skip: usize) -> usize {
    pages
        .iter()
        .enumerate()
        .skip(skip)
        .find(|(_, text)| contains_squashed(text, needle))
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no page contains {needle:?}"))
}

/// References in the analysis chapter print numbers and land on the pages of their targets.
#[test]
fn references_print_numbers_and_link_to_their_targets() {
    let out = build_ok(&fixture("basic"));
    let pdf = out.path().join("plan.pdf");
    let text = pdf_text(&pdf);
    for printed in [
        "As 1 shows",
        "(see 1 and section 2.1)",
        "Measure 1.1.1 installs heat pumps",
        "measure 1.1.2 connects homes",
        "the water pipes measure renews",
        "Its indicator is P-2.1.1-1",
    ] {
        assert!(
            contains_squashed(&text, printed),
            "plan.pdf lacks {printed:?}"
        );
    }

    let pages = page_texts(&pdf);
    // Skip the title page and the contents, whose entries name the same headings.
    let analysis = page_with(&pages, "2. Situation analysis", 2);
    let targets = [
        page_with(&pages, "Figure 1. Residents by district", 2),
        page_with(&pages, "Table 1. Residents by district", 2),
        page_with(&pages, "2.1. Population", 2),
        page_with(&pages, "1.1.1 Install heat pumps in schools", analysis),
        page_with(&pages, "2.1.1 Renew water pipes", analysis),
        page_with(
            &pages,
            "Length of renewed water pipes",
            page_with(&pages, "Monitoring indicators", analysis) - 1,
        ),
    ];
    let from_analysis: Vec<usize> = internal_links(&pdf)
        .iter()
        .filter(|l| l.from == analysis)
        .map(|l| l.to)
        .collect();
    for target in targets {
        assert!(
            from_analysis.contains(&target),
            "no link from page {analysis} to page {target}: {from_analysis:?}"
        );
    }
    for to in &from_analysis {
        let expected = targets.contains(to) || contains_squashed(&pages[to - 1], "Census of 2021");
        assert!(
            expected,
            "a link from page {analysis} lands on unrelated page {to}"
        );
    }
}

/// Inserting a measure before another renumbers it, and references follow.
#[test]
fn renumbering_a_measure_changes_the_printed_reference() {
    let dir = broken(
        "strategy/a-green.toml",
        "# measure 1.1.1\n[[measure]]",
        "[[measure]]\nid = \"new-first\"\nobjective = \"cleaner-heating\"\ntitle = \"Insulate public buildings\"\nresponsible = [\"ADM\"]\nperiod = [2022, 2023]\nfunding = { MB = 10 }\n\n[[measure.indicator]]\nid = \"insulated\"\nname = \"Insulated buildings\"\nunit = \"buildings\"\nbaseline = { year = 2021, value = 0 }\ntargets = { 2024 = 2 }\n\n[[measure]]",
    );
    let out = build_ok(dir.path());
    let text = pdf_text(&out.path().join("plan.pdf"));
    assert!(
        contains_squashed(&text, "Measure 1.1.2 installs heat pumps"),
        "{text}"
    );
    assert!(contains_squashed(&text, "measure 1.1.3 connects homes"));
    assert!(contains_squashed(&text, "1.1.1 Insulate public buildings"));
}

/// Captions with inline Markdown (emphasis, code, a link) number their tables, before or
/// after the table, and their figures; they print the text without the syntax, and
/// references to them print the numbers. The lists of tables and figures show them too.
#[test]
fn captions_with_inline_markdown_number_tables_and_figures() {
    let dir = crate::common::chapter_plan(
        "| a |\n|---|\n| 1 |\n\nTable: Darbo *rinka* {#t1}\n\n: Finansavimas `EUR` ir [šaltinis](https://osp.stat.gov.lt) {#t2}\n\n| b |\n|---|\n| 2 |\n\n![Gyventojai *pagal* `seniūnijas`](images/chart.png){#f1}\n\nŽr. [](#t1), [](#t2) ir [](#f1).\n",
        &["@list-of-tables", "@list-of-figures"],
    );
    let out = build_ok(dir.path());
    let pages = page_texts(&out.path().join("text.pdf"));
    let chapter = page_with(&pages, "Žr.", 1) - 1;
    for printed in [
        "1 lentelė. Darbo rinka a 1",
        "2 lentelė. Finansavimas EUR ir šaltinis b 2",
        "1 pav. Gyventojai pagal seniūnijas",
        "Žr. 1, 2 ir 1.",
    ] {
        assert!(
            pages[chapter].contains(printed),
            "{printed:?} not in {:?}",
            pages[chapter]
        );
    }
    for syntax in ["Table:", "{#", ": Finansavimas", "*", "`"] {
        assert!(!pages[chapter].contains(syntax), "{syntax:?} printed");
    }
    let lists = pages[chapter + 1..].join(" ");
    for entry in [
        "1 lentelė. Darbo rinka",
        "2 lentelė. Finansavimas EUR ir šaltinis",
        "1 pav. Gyventojai pagal seniūnijas",
    ] {
        assert!(lists.contains(entry), "{entry:?} not in {lists:?}");
    }
}

/// A reference written as another tool writes it (`[#apie]`, `[@apie]`) or without its `#`
/// (`[](apie)`) is an error that shows the way to write it: each would print the id, or a
/// link that goes nowhere, in the council's document. An address without `https://` or
/// `mailto:`, which a PDF viewer cannot open, is a warning with the whole address.
#[test]
fn references_and_addresses_that_cannot_work_are_reported() {
    let dir = crate::common::chapter_plan(
        "## Apie planą {#apie}\n\n\
         Žr. [#apie], [@apie] ir [](apie) poskyrį; [#9] lieka tekstu.\n\n\
         Daugiau [svetainėje](www.alytus.lt), [laiške](info@alytus.lt) ir \
         [portale](https://www.alytus.lt).\n",
        &[],
    );
    let (_out, outcome, sources, diags) = crate::common::build(dir.path());
    assert!(matches!(outcome, plan::Outcome::Failed), "{outcome:?}");
    let shown = crate::common::render(&sources, &diags);
    assert_eq!(shown.matches("error:").count(), 3, "{shown}");
    assert_eq!(shown.matches("warning:").count(), 2, "{shown}");
    insta::assert_snapshot!(shown);
}
