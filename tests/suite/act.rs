//! The act (`form = "act"`, the municipal document rules): the page number alone at the top
//! centre from the second page, the first unnumbered; the 30 mm left margin; the title block
//! on the first page; the marks of every stage (a council draft's "Projektas" and blanks,
//! the approved mark, an amendment's redaction line); the dates that follow the decision;
//! the same in the Word edition.

use std::path::Path;

use crate::common::{
    Glyph, copy_dir, creation_date, fixture, page_glyphs, page_sizes, page_texts, render,
};
use crate::docx::{W, is, parts, style, text, xml};
use plan::Outcome;

/// A point in millimetres.
const MM: f64 = 72.0 / 25.4;

/// The glyphs a page's text is made of: not the draft's watermark (96 pt, across the page).
fn text_glyphs(page: &[Glyph]) -> Vec<&Glyph> {
    page.iter()
        .filter(|g| g.size < 40.0 && !g.text.trim().is_empty())
        .collect()
}

/// Each page's number printed alone at the top of the page, centred over the text (the
/// act's): the digits drawn in the top 20 mm whose middle is within 6 pt of the text's
/// middle. `None` where there is none.
pub fn top_numbers(pdf: &Path) -> Vec<Option<String>> {
    let sizes = page_sizes(pdf);
    page_glyphs(pdf)
        .iter()
        .zip(sizes)
        .map(|(page, (width, height))| {
            let (width, height) = (f64::from(width), f64::from(height));
            // Portrait: 30 mm left, 15 mm right; landscape pages keep 15 mm on both sides.
            let text_middle = if width > height {
                width / 2.0
            } else {
                (30.0 * MM + width - 15.0 * MM) / 2.0
            };
            // The glyphs in the top margin about its middle (a continued table's mark
            // stands at the right of the same line).
            let mut digits: Vec<&Glyph> = text_glyphs(page)
                .into_iter()
                .filter(|g| g.y > height - 20.0 * MM && (g.x - text_middle).abs() < 40.0)
                .collect();
            if digits.is_empty()
                || !digits
                    .iter()
                    .all(|g| g.text.chars().all(|c| c.is_ascii_digit()))
            {
                return None;
            }
            digits.sort_by(|a, b| a.x.total_cmp(&b.x));
            let (first, last) = (digits[0], digits[digits.len() - 1]);
            let middle = (first.x + last.x + last.width) / 2.0;
            ((middle - text_middle).abs() < 6.0)
                .then(|| digits.iter().map(|g| g.text.as_str()).collect())
        })
        .collect()
}

/// Builds a plan folder as PDF and Word.
fn built(dir: &Path) -> tempfile::TempDir {
    crate::common::built_as_word(dir, |_| {})
}

/// The `docx` fixture (a Lithuanian plan, approved by decision T-1 of 2024-01-25) as an
/// act, with each `(from, to)` replaced in its plan.toml.
fn act_variant(changes: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("docx"), dir.path());
    let toml = dir.path().join("plan.toml");
    let mut text = std::fs::read_to_string(&toml).expect("plan.toml");
    for (from, to) in [("form = \"publication\"", "form = \"act\"")]
        .iter()
        .chain(changes)
    {
        assert!(text.contains(from), "plan.toml lacks {from:?}");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&toml, text).expect("write");
    dir
}

/// The example plan (a council draft: an act by default) is numbered at the top centre from
/// its second page, its first unnumbered; its text keeps 30 mm on the left; its action-plan
/// annex is numbered on its own, its first page unnumbered.
#[test]
fn an_act_is_numbered_at_the_top_centre_from_its_second_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let (out, outcome, sources, diags) = crate::common::build(&dir);
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    for name in ["strateginis-planas.pdf", "veiksmu-planas.pdf"] {
        let pdf = out.path().join(name);
        let numbers = top_numbers(&pdf);
        assert!(numbers.len() > 3, "{name}");
        assert_eq!(numbers[0], None, "{name}: the first page shows no number");
        for (i, number) in numbers.iter().enumerate().skip(1) {
            assert_eq!(
                number.as_deref(),
                Some((i + 1).to_string().as_str()),
                "{name}: page {} is not numbered at the top centre",
                i + 1
            );
        }
        // No "N / T" at the foot, no dots or dashes around the number.
        for text in page_texts(&pdf) {
            assert!(!text.contains(" / "), "{name}: {text}");
        }
    }
    // The left margin is 30 mm on every portrait page.
    let pdf = out.path().join("strateginis-planas.pdf");
    for (i, (page, (width, height))) in page_glyphs(&pdf).iter().zip(page_sizes(&pdf)).enumerate() {
        if width > height {
            continue;
        }
        let left = text_glyphs(page)
            .iter()
            .map(|g| g.x)
            .fold(f64::INFINITY, f64::min);
        assert!(
            left >= 30.0 * MM - 0.5,
            "page {}: text at x = {left:.1} pt",
            i + 1
        );
    }
    // The title block on the first page: "Projektas", the mark with blanks, the title in
    // capitals; no cover (no emblem, no organisation alone).
    let first = &page_texts(&pdf)[0];
    for expected in [
        "Projektas",
        "PATVIRTINTA",
        "Alytaus miesto savivaldybės tarybos 20__ m. ________ d. sprendimu Nr. ____",
        "ALYTAUS MIESTO SAVIVALDYBĖS STRATEGINIS PLĖTROS PLANAS",
    ] {
        assert!(
            first.contains(expected),
            "{expected:?} is not on page 1: {first}"
        );
    }
    // The report, approved on its own: its mark filled, no draft watermark, no plan period
    // under its title, dated by its decision.
    let report = out.path().join("ataskaita-2024.pdf");
    let first = &page_texts(&report)[0];
    assert!(
        first.contains("PATVIRTINTA Alytaus miesto savivaldybės tarybos 2025 m. balandžio 24 d. sprendimu Nr. T-85"),
        "{first}"
    );
    assert!(!first.contains("PROJEKT"), "{first}");
    assert!(!first.contains("2021–2030"), "{first}");
    assert!(
        creation_date(&report).starts_with("D:20250424"),
        "{}",
        creation_date(&report)
    );
}

/// A publication keeps its title page and "N / T" footers: no number at the top.
#[test]
fn a_publication_has_no_number_at_the_top() {
    let out = built(&fixture("docx"));
    let pdf = out.path().join("planas.pdf");
    assert!(top_numbers(&pdf).iter().all(Option::is_none));
    assert!(page_texts(&pdf)[1].contains(" / "));
}

/// The Word edition's paragraphs before its first heading: style and text.
fn word_title(out: &Path) -> Vec<(String, String)> {
    let parts = parts(&out.join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    doc.descendants()
        .filter(|n| is(*n, W, "p"))
        .map(|p| (style(p).unwrap_or_default(), text(p)))
        .take_while(|(s, _)| !s.starts_with("Heading") && s != "TOCHeading")
        .filter(|(_, t)| !t.trim().is_empty())
        .collect()
}

/// The marks of every stage, in the PDF and in the Word edition: a council draft's
/// "Projektas" and the mark with blanks, with its version and preparation date; the approved
/// mark with no version or date; the last amendment's redaction line, the documents then
/// dated by the amendment.
#[test]
fn the_marks_of_every_stage_in_the_pdf_and_the_word_edition() {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    // A draft for the council.
    let dir = act_variant(&[("status = \"approved\"", "status = \"draft\"")]);
    let out = built(dir.path());
    let first = squash(&page_texts(&out.path().join("planas.pdf"))[0]);
    let blanks = "Alytaus miesto savivaldybės tarybos 20__ m. ________ d. sprendimu Nr. ____";
    for expected in [
        "Projektas PATVIRTINTA",
        blanks,
        "ALYTAUS MIESTO STRATEGINIS PLANAS",
        "Versija 1, 2024 m. sausio 15 d.",
    ] {
        assert!(first.contains(expected), "{expected:?}: {first}");
    }
    let title = word_title(out.path());
    let said: Vec<String> = title
        .iter()
        .map(|(s, t)| format!("{s}: {}", squash(&t.replace('\u{a0}', " "))))
        .collect();
    assert_eq!(
        said,
        [
            "ProjectMark: Projektas".to_string(),
            format!("ApprovalMark: PATVIRTINTA {blanks}"),
            "ActTitle: ALYTAUS MIESTO STRATEGINIS PLANAS".into(),
            "ActFacts: Versija 1, 2024 m. sausio 15 d.".into(),
        ]
    );

    // Approved: the mark filled, neither version nor date, the PDF dated by the decision.
    let dir = act_variant(&[]);
    let out = built(dir.path());
    let pdf = out.path().join("planas.pdf");
    let first = squash(&page_texts(&pdf)[0].replace('\u{a0}', " "));
    assert!(
        first.contains(
            "PATVIRTINTA Alytaus miesto savivaldybės tarybos 2024 m. sausio 25 d. sprendimu Nr. T-1"
        ),
        "{first}"
    );
    assert!(
        !first.contains("Versija") && !first.contains("Projektas"),
        "{first}"
    );
    assert!(!first.contains("sausio 15"), "{first}");
    assert!(creation_date(&pdf).starts_with("D:20240125"));
    let said: Vec<String> = word_title(out.path())
        .iter()
        .map(|(s, _)| s.clone())
        .collect();
    assert_eq!(said, ["ApprovalMark", "ActTitle"]);
    // The Word edition: act margins, the number field alone in the header's centre, no
    // footer text.
    let parts = parts(&out.path().join("planas.docx"));
    let document = xml(&parts, "word/document.xml");
    assert!(
        document.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""),
        "margins"
    );
    assert!(
        document.contains("<w:titlePg/>"),
        "the first page has no number"
    );
    let header = xml(&parts, "word/header1.xml");
    assert!(
        header.contains("<w:jc w:val=\"center\"/>") && header.contains(" PAGE "),
        "{header}"
    );
    let footer = xml(&parts, "word/footer1.xml");
    assert!(!footer.contains("<w:t"), "{footer}");

    // Amended twice: the last amendment's redaction line; dated by it.
    let dir = act_variant(&[(
        "date = 2024-01-25\n",
        "date = 2024-01-25\n\n[[plan.approval.amendment]]\ndecision = \"T-50\"\ndate = 2024-06-20\n\n\
         [[plan.approval.amendment]]\ndecision = \"T1-301\"\ndate = 2024-12-19\n",
    )]);
    let out = built(dir.path());
    let pdf = out.path().join("planas.pdf");
    let first = squash(&page_texts(&pdf)[0].replace('\u{a0}', " "));
    let line = "(Alytaus miesto savivaldybės tarybos 2024 m. gruodžio 19 d. sprendimo Nr. T1-301 redakcija)";
    assert!(first.contains(line), "{first}");
    assert!(!first.contains("T-50"), "{first}");
    assert!(creation_date(&pdf).starts_with("D:20241219"));
    let title = word_title(out.path());
    assert!(
        squash(&title[0].1.replace('\u{a0}', " ")).ends_with(line),
        "{title:?}"
    );
}

/// An act's annexes are titled in capitals under their mark, instead of their first
/// heading ("1. Priemonių planas"), in the PDF and in the Word edition.
#[test]
fn an_acts_annexes_are_titled_in_capitals_under_their_mark() {
    let dir = crate::common::example_edited(&[(
        "annex = true                                # annex 1",
        "formats = [\"pdf\", \"docx\"]\nannex = true # annex 1",
    )]);
    let out = built(dir.path());
    let title =
        "ALYTAUS MIESTO SAVIVALDYBĖS STRATEGINIO PLĖTROS PLANO IKI 2030 METŲ PRIEMONIŲ PLANAS";
    let first = &page_texts(&out.path().join("veiksmu-planas.pdf"))[0];
    let squashed = first.split_whitespace().collect::<Vec<_>>().join(" ");
    let mark = squashed.find("1 priedas").expect("the mark");
    let at = squashed.find(title).unwrap_or_else(|| panic!("{squashed}"));
    assert!(mark < at, "the title is under the mark: {squashed}");
    assert!(!squashed.contains("1. Priemonių planas"), "{squashed}");
    // The Word edition: the same title, centred in its own style, after the mark.
    let parts = parts(&out.path().join("veiksmu-planas.docx"));
    let document = xml(&parts, "word/document.xml");
    let doc = roxmltree::Document::parse(&document).expect("document.xml parses");
    let paragraphs: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| is(*n, W, "p"))
        .map(|p| (style(p).unwrap_or_default(), text(p).replace('\u{a0}', " ")))
        .filter(|(_, t)| !t.trim().is_empty())
        .take(2)
        .collect();
    assert_eq!(paragraphs[0].0, "AnnexMark", "{paragraphs:?}");
    assert_eq!(paragraphs[1], ("AnnexTitle".to_string(), title.to_string()));
}

/// An act of tables only (an action plan that is no annex) opens its first, landscape page
/// with its title block, rather than leave it alone on a portrait page.
#[test]
fn an_act_of_tables_has_its_title_block_on_its_first_table_page() {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plan"),
        dir.path(),
    );
    // The example's action plan is annex 1 (its chapters quote that): the same tables as a
    // document that is no annex.
    let toml = dir.path().join("plan.toml");
    let toml_text = std::fs::read_to_string(&toml).expect("plan.toml");
    let alone = "\n[[document]]\nid = \"priemoniu-planas\"\n\
                 title = \"Strateginio plėtros plano priemonių planas\"\n\
                 parts = [\"@action-plan\", \"@funding\"]\n";
    std::fs::write(&toml, toml_text + alone).expect("write");
    let (out, outcome, sources, diags) = crate::common::build(dir.path());
    assert!(
        matches!(outcome, Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let pdf = out.path().join("priemoniu-planas.pdf");
    let first = &page_texts(&pdf)[0];
    for expected in [
        "Projektas",
        "PATVIRTINTA",
        "PRIEMONIŲ PLANAS",
        "1 lentelė. Priemonių planas",
    ] {
        assert!(first.contains(expected), "{expected:?}: {first}");
    }
    let (width, height) = page_sizes(&pdf)[0];
    assert!(width > height, "the first page is the landscape table's");
}
