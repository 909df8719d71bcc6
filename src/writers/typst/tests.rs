//! Golden tests of Markdown → typst markup, one per construct.

use super::{Figure, Heading, Outline};
use crate::diag::Diagnostics;
use crate::images::Images;
use crate::understand::{glyphs, pictures};

/// Converts Markdown as a chapter of the `basic` fixture plan (so references and facts
/// resolve against real data) and returns the markup with the printed diagnostics.
fn convert(markdown: &str) -> String {
    convert_with_outline(markdown).0
}

/// [`convert`], also returning the chapter's outline.
fn convert_with_outline(markdown: &str) -> (String, Outline) {
    let mut diags = Diagnostics::default();
    let crate::understand::FixtureChapter {
        doc,
        checked,
        sources,
        origin,
        dir,
    } = crate::understand::in_fixture(markdown, &mut diags);
    let images = Images::new(&dir, &dir.join("build/.cache/images"));
    let glyphs = crate::fonts::Glyphs::new(&checked.fonts);
    glyphs::check_doc(&doc, &glyphs, &mut diags);
    let prepared = pictures::each(None, [&doc], &mut diags, |path, page| {
        images.prepare(path, page)
    });
    let super::Written {
        markup, outline, ..
    } = super::write(&doc, &origin, &prepared.paths);
    if diags.is_empty() {
        return (markup, outline);
    }
    let mut printed = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    sources.emit(&mut printed, &diags).expect("printing");
    let printed = format!(
        "{markup}\n---\n{}",
        String::from_utf8_lossy(&printed.into_inner())
    );
    (printed, outline)
}

#[test]
fn headings() {
    insta::assert_snapshot!(convert("# Įvadas\n\n## Metodika\n\n### Etapai #1\n"), @r"
    #heading(level: levels.at(0), numbering: numbers.at(0))[Įvadas]

    #heading(level: levels.at(1), numbering: numbers.at(1))[Metodika]

    #heading(level: levels.at(2), numbering: numbers.at(2))[Etapai \#1]
    ");
}

/// Heading levels never skip one (accessible PDF forbids it): a deeper heading is set one
/// level below the heading before it, with a warning at its line.
#[test]
fn heading_levels_that_skip_are_made_consecutive() {
    let (printed, outline) =
        convert_with_outline("### Pradžia\n\n# Įvadas\n\n### Etapai\n\n#### Darbai\n");
    let levels: Vec<u8> = outline.headings.iter().map(|h| h.level).collect();
    assert_eq!(levels, [2, 1, 2, 3]);
    insta::assert_snapshot!(printed.split("---\n").nth(1).unwrap_or_default());
}

#[test]
fn paragraphs_and_soft_breaks() {
    insta::assert_snapshot!(convert("Pirma eilutė\nantra eilutė.\n\nKita pastraipa."), @r"
    Pirma eilutė antra eilutė\.

    Kita pastraipa\.
    ");
}

#[test]
fn emphasis_and_strong() {
    insta::assert_snapshot!(convert("*svarbu* ir **labai svarbu**, ~~ne~~"), @"#emph[svarbu] ir #strong[labai svarbu], #strike[ne]");
}

#[test]
fn bullet_and_nested_lists() {
    insta::assert_snapshot!(convert("- vienas\n- du\n  - du a\n  - du b\n"), @"#md.list(tight: true, [vienas], [du\n\n#md.list(tight: true, [du a], [du b])])");
}

#[test]
fn ordered_list_keeps_its_start() {
    insta::assert_snapshot!(convert("3. trečias\n4. ketvirtas\n"), @"#md.enum(start: 3, tight: true, [trečias], [ketvirtas])");
}

#[test]
fn links_and_autolinks() {
    insta::assert_snapshot!(convert("[Statistika](https://osp.stat.gov.lt) ir https://alytus.lt"), @r#"#link("https://osp.stat.gov.lt")[Statistika] ir #link("https://alytus.lt")[https\:\/\/alytus\.lt]"#);
}

/// Valid CommonMark never breaks a build: a link or picture without a destination is its
/// text, with a warning at its line.
#[test]
fn empty_link_destinations_are_text() {
    insta::assert_snapshot!(convert(
        "[nuoroda](); [kita](<>)\n\n[foo]\n\n[foo]: <>\n\n![Paveikslas]()\n"
    ));
}

#[test]
fn special_characters_stay_text() {
    insta::assert_snapshot!(convert(r"Kaina $5 #tag @ref \<b> = + -x \* \_ \[x\] ~ / 45 %"), @r"Kaina \$5 \#tag \@ref \<b\> \= \+ \-x \* \_ \[x\] \~ \/ 45~%");
}

#[test]
fn unknown_reference_points_at_its_line_and_column() {
    insta::assert_snapshot!(convert("Žr. ūkio dalį\nir [](#heat-pump) priemonę.\n"));
}

#[test]
fn references_print_numbers_and_link() {
    insta::assert_snapshot!(convert(
        "## Šildymas {#sildymas}\n\nŽr. [](#heat-pumps) priemonę, [šilumos siurblius](#heat-pumps), [](#schools-with-pumps), [](#sildymas) skyrių ir [](#green) prioritetą."
    ));
}

#[test]
fn facts_are_replaced_and_unknown_facts_are_errors() {
    insta::assert_snapshot!(convert(
        "Plane {{ count.measures }} priemonės, {{ funding.total }} {{ plan.money-unit }}; ES: {{ funding.EU }}, {{ count.measure }}."
    ));
}

#[test]
fn inline_code_and_code_blocks() {
    insta::assert_snapshot!(convert(
        "Komanda `plan build #1`.\n\n```toml\nid = \"a\" # \\ $\n```\n\n    indented $x\n"
    ));
}

#[test]
fn block_quotes_and_breaks() {
    insta::assert_snapshot!(convert(
        "> Citata *su* pabrėžimu\n\nEilutė  \nnauja eilutė\\\ntrečia\n\n---\n"
    ));
}

#[test]
fn tables_with_alignment_and_caption() {
    insta::assert_snapshot!(convert(
        "| Rodiklis | 2020 | 2024 |\n|:--|--:|:-:|\n| Gyventojai # | 52 | 50 |\n\nTable: Gyventojai {#gyventojai}\n\nŽr. [](#gyventojai) lentelę."
    ));
}

#[test]
fn table_without_caption_is_not_numbered() {
    insta::assert_snapshot!(convert("| a | b |\n|---|---|\n| 1 | 2 |\n"));
}

#[test]
fn footnotes_are_inlined() {
    insta::assert_snapshot!(convert(
        "Tekstas[^1] ir dar[^x].\n\n[^1]: Šaltinis: *Statistika* #1.\n"
    ));
}

#[test]
fn task_lists() {
    insta::assert_snapshot!(convert("- [x] atlikta\n- [ ] neatlikta\n"));
}

#[test]
fn raw_html_is_shown_as_text_with_a_warning() {
    insta::assert_snapshot!(convert(
        "Tekstas <b>paryškintas</b>.\n\n<!-- komentaras -->\n"
    ));
}

#[test]
fn missing_image_is_an_error_at_its_position() {
    insta::assert_snapshot!(convert(
        "Tekstas.\n\n![Gyventojai](images/nera.png){#pav}\n"
    ));
}

#[test]
fn image_outside_the_folder_is_an_error() {
    insta::assert_snapshot!(convert("![Slaptas](../../Cargo.toml)\n"));
}

#[test]
fn images_become_numbered_figures() {
    insta::assert_snapshot!(convert(
        "![Gyventojų skaičius, #1](images/chart.png){#gyventojai}\n\nŽr. [](#gyventojai) pav. Ženklas ![](images/chart.png) eilutėje."
    ));
}

#[test]
fn empty_headings_are_left_out_with_a_warning() {
    insta::assert_snapshot!(convert("#\n\nTekstas.\n\n## {#tuscia}\n"));
}

#[test]
fn table_captions_take_inline_markdown() {
    insta::assert_snapshot!(convert(
        "| a |\n|---|\n| 1 |\n\nTable: Cap *emph* su [nuoroda](https://x.lt) {#t2}\n\n: Funding in `EUR`[^n] {#t3}\n\n| b |\n|---|\n| 2 |\n\nŽr. [](#t2) ir [](#t3).\n\n[^n]: Šaltinis.\n"
    ));
}

#[test]
fn figure_captions_take_inline_markdown() {
    insta::assert_snapshot!(convert(
        "![Gyventojai *pagal* `seniūnijas`](images/chart.png){#pav}\n\nŽr. [](#pav).\n"
    ));
}

#[test]
fn a_footnote_referenced_twice_is_one_note() {
    insta::assert_snapshot!(convert(
        "Tekstas[^a] ir dar[^a], kita[^b].\n\n## Antraštė[^b]\n\n[^a]: Pirma.\n[^b]: Antra.\n"
    ));
}

#[test]
fn escaped_syntax_is_text() {
    insta::assert_snapshot!(convert(
        "## Antraštė \\{#ne-id}\n\nFaktas \\{\\{ count.measures }} ir {\\{ x }}, ne {{ count.measures }}.\n\n| a |\n|---|\n| 1 |\n\nTable\\: ne antraštė\n"
    ));
}

#[test]
fn quotes_after_numbers_stay_as_typed_unless_they_close() {
    insta::assert_snapshot!(convert(
        "Vamzdis 5\" ir 3', programa \"Horizontas 2020\", *'2021'* ir `x`\".\n"
    ), @r#"Vamzdis 5\" ir 3\', programa "Horizontas 2020", #emph['2021'] ir #md.code(raw("x"))"\."#);
}

#[test]
fn unknown_fact_after_an_escape_points_at_the_fact() {
    insta::assert_snapshot!(convert("Kaina \\$5, {{ count.measure }}.\n"));
}

/// A chapter's headings (with their titles as markup and their ids) and its captioned
/// figures and tables are noted in order, for the contents and the lists before layout.
#[test]
fn a_chapter_notes_its_headings_and_captions() {
    let (_, outline) = convert_with_outline(
        "# Įvadas\n\n## Gyventojai *dabar* {#gyv}\n\n![Paveikslas](images/chart.png)\n\n| a |\n|---|\n| 1 |\n\nTable: Lentelė\n",
    );
    assert_eq!(
        outline,
        Outline {
            headings: vec![
                Heading {
                    level: 1,
                    title: "Įvadas".into(),
                    id: None
                },
                Heading {
                    level: 2,
                    title: "Gyventojai #emph[dabar]".into(),
                    id: Some("gyv".into())
                },
            ],
            figures: vec![
                Figure {
                    table: false,
                    caption: "[Paveikslas]".into()
                },
                Figure {
                    table: true,
                    caption: "[Lentelė]".into()
                },
            ],
        }
    );
}
