//! Golden tests of Markdown → typst markup, one per construct.

use std::path::Path;

use super::{Context, Origin, to_markup};
use crate::diag::{Diagnostics, Sources};
use crate::number::Numbers;

/// Converts Markdown as a chapter file and returns the markup with the printed diagnostics.
fn convert(markdown: &str) -> String {
    let mut sources = Sources::default();
    let file = sources.add("chapter.md", "chapter.md".into(), markdown.to_string());
    let numbers = Numbers::default();
    let cx = Context {
        numbers: &numbers,
        root: Path::new("."),
    };
    let mut diags = Diagnostics::default();
    let markup = to_markup(markdown, Origin::File(file), &cx, &mut diags);
    if diags.is_empty() {
        return markup;
    }
    let mut printed = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    sources.emit(&mut printed, &diags).expect("printing");
    format!(
        "{markup}\n---\n{}",
        String::from_utf8_lossy(&printed.into_inner())
    )
}

#[test]
fn headings() {
    insta::assert_snapshot!(convert("# Įvadas\n\n## Metodika\n\n### Etapai #1\n"), @r"
    #heading(level: 1)[Įvadas]

    #heading(level: 2)[Metodika]

    #heading(level: 3)[Etapai \#1]
    ");
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
    insta::assert_snapshot!(convert("- vienas\n- du\n  - du a\n  - du b\n"), @"#list(tight: true, [vienas], [du\n\n#list(tight: true, [du a], [du b])])");
}

#[test]
fn ordered_list_keeps_its_start() {
    insta::assert_snapshot!(convert("3. trečias\n4. ketvirtas\n"), @"#enum(start: 3, tight: true, [trečias], [ketvirtas])");
}

#[test]
fn links_and_autolinks() {
    insta::assert_snapshot!(convert("[Statistika](https://osp.stat.gov.lt) ir https://alytus.lt"), @r#"#link("https://osp.stat.gov.lt")[Statistika] ir #link("https://alytus.lt")[https\:\/\/alytus\.lt]"#);
}

#[test]
fn special_characters_stay_text() {
    insta::assert_snapshot!(convert(r"Kaina $5 #tag @ref \<b> = + - \* \_ \[x\] ~ / 45 %"), @r"Kaina \$5 \#tag \@ref \<b\> \= \+ \- \* \_ \[x\] \~ \/ 45 %");
}

#[test]
fn unknown_reference_points_at_its_line_and_column() {
    insta::assert_snapshot!(convert("Žr. ūkio dalį\nir [](#nera) priemonę.\n"), @r"
    Žr\. ūkio dalį ir  priemonę\.
    ---
    error: reference to unknown id `nera`
      ┌─ chapter.md:2:4
      │
    2 │ ir [](#nera) priemonę.
      │    ^^^^^^^^^ no priority, goal, objective, measure or indicator has this id
      │
      = hint: check the id against the strategy files

    1 error, 0 warnings
    ");
}
