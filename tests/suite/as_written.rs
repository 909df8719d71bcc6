//! Every character as written: symbols from a word processor's menu print, text copied
//! from the PDF is the source text, and a problem typst finds in what `plan` generated is
//! reported where the user wrote it.

use std::path::Path;

use crate::common::{assert_user_places, build, build_ok, chapter_plan, fixture, raw_text, render};
use unicode_normalization::UnicodeNormalization;

/// Arrows, check marks, ballot boxes, stars, mathematical operators, super- and
/// subscripts, fractions, currency signs, degree, per mille, numero, bullets and geometric
/// shapes: what consultants type from Word's symbol menu.
const SYMBOLS: &[&str] = &[
    "← → ↑ ↓ ↔ ⇒ ⇐ ⇔",
    "✓ ✔ ✗ ✘ ☐ ☑ ☒ ★ ☆",
    "∑ ≧ ∲ ± × ÷ ≤ ≥ ≈ ∞ √ ∆ ∏ ∫ ∂ ∈ ∩ ∪",
    "⁰ ¹ ² ³ ⁴ ⁵ ⁶ ⁷ ⁸ ⁹ ₀ ₁ ₂ ₃ ₄ ₅ ₆ ₇ ₈ ₉",
    "½ ⅓ ⅔ ¼ ¾ ⅛",
    "€ £ ¥ ₽ ₴ ₿ ¢ ₹",
    "° ‰ №",
    "• ◦ ▪ ▫ ● ○ ■ □ ▲ △ ▼ ▽ ◆ ◇ ♦ ✦ ✱ ❖ ➔ ➜ ➤ ⬤ ⬛",
];

#[test]
fn symbols_from_a_word_processor_print() {
    let chapter: String = SYMBOLS
        .iter()
        .map(|line| format!("Simboliai: {line}\n\n"))
        .collect();
    let dir = chapter_plan(&format!("# Simboliai\n\n{chapter}"), &[]);
    let (out, outcome, sources, diags) = build(dir.path());
    assert!(
        matches!(outcome, plan::Outcome::Built(_)) && diags.is_empty(),
        "{}",
        render(&sources, &diags)
    );
    let text: String = raw_text(&out.path().join("text.pdf")).nfc().collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    for symbol in SYMBOLS.iter().flat_map(|line| line.split(' ')) {
        assert!(words.contains(&symbol), "{symbol} not in {text:?}");
    }
}

/// An e-mail address, a long identifier and a URL (which typst or `plan` may break at the
/// end of a line) copied from the PDF are the same bytes as in the source: line-break
/// opportunities add no character (no zero-width space, no word joiner) to the text.
#[test]
fn copied_text_is_the_source_text() {
    let address = "strategija@alytus.lt";
    let identifier = "LT029010101ABCDEFGHIJKLMNOPQRSTUVWXYZabc";
    let url = "https://www.alytus.lt/strategija/2030/priedai";
    assert_eq!(identifier.chars().count(), 40);
    let chapter = format!(
        "# Kontaktai\n\nRašykite {address} arba žr. {url} ir kodą {identifier} lentelėje.\n\n\
         | Kodas | Pastaba |\n|---|---|\n| {identifier}{identifier} | siaura |\n"
    );
    let dir = chapter_plan(&chapter, &[]);
    let out = build_ok(dir.path());
    let text = raw_text(&out.path().join("text.pdf"));
    for copied in [address, identifier, url] {
        assert!(text.contains(copied), "{copied:?} not in {text:?}");
    }
    // In the table the doubled identifier breaks across lines, and still adds nothing.
    assert!(
        text.replace('\n', "")
            .contains(&format!("{identifier}{identifier}")),
        "{text:?}"
    );
    assert!(!text.contains(['\u{200B}', '\u{2060}']), "{text:?}");
}

/// A long word in the data (a measure's title) breaks in the action plan's table without
/// adding characters to the text, and the contents adds no word joiners.
#[test]
fn long_words_in_templates_add_no_characters() {
    let identifier = "Modernizavimas2021ABCDEFGHIJKLMNOPQRSTUV";
    let dir = crate::common::broken(
        "strategy/a-green.toml",
        "title = \"Install heat pumps in schools\"",
        &format!("title = \"Install heat pumps {identifier}\""),
    );
    let out = build_ok(dir.path());
    for pdf in std::fs::read_dir(out.path()).expect("output folder") {
        let path = pdf.expect("a file").path();
        if path.extension().is_some_and(|e| e == "pdf") {
            let text = raw_text(&path);
            assert!(
                !text.contains(['\u{200B}', '\u{2060}']),
                "{path:?}: {text:?}"
            );
            assert!(text.replace('\n', "").contains(identifier), "{path:?}");
        }
    }
}

/// Typst's problems with markup `plan` generated from a chapter (here a quotation nested
/// 40 deep, more than typst lays out) are reported at the chapter's line.
#[test]
fn typesetting_problems_point_at_the_users_line() {
    let deep = format!("# Gilu\n\n> lygis\n\n{}labai giliai\n", "> ".repeat(40));
    let dir = chapter_plan(&deep, &[]);
    let (_out, _, sources, diags) = build(dir.path());
    assert_user_places(&sources, &diags);
    insta::assert_snapshot!(render(&sources, &diags));
}

/// No whole fixture plan, nor the example plan, gets a diagnostic placed in generated code
/// or a built-in template (the broken ones are checked in `bad`, the specification
/// examples in `spec`).
#[test]
fn no_fixture_gets_a_problem_in_generated_code() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    for dir in [fixture("basic"), fixture("text"), example] {
        let (_out, _, sources, diags) = build(&dir);
        assert_user_places(&sources, &diags);
    }
}

/// A fact wrapped onto the next line, as an editor that breaks long lines leaves it, is
/// its value: a line break in a paragraph is a space, inside a fact as anywhere.
#[test]
fn a_fact_wrapped_onto_the_next_line_is_its_value() {
    let chapter = "# Apimtis\n\n\
        Planą sudaro {{ count.measures\n| noun(\"priemonė\") }} ir {{\ncount.goals | noun }}.\n";
    let dir = chapter_plan(chapter, &[]);
    let out = build_ok(dir.path());
    let text = crate::common::pdf_text(&out.path().join("text.pdf")).replace('\u{a0}', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Planą sudaro 1 priemonė ir 1 tikslas."),
        "{text:?}"
    );
    assert!(!text.contains("count."), "{text:?}");
}

/// A fact missing a brace (`{{ plan.period }`, `{ plan.period }}`) is an error at the
/// brace, not its name printed in the document; braces printed on purpose (`\{\{ … }}`)
/// are not.
#[test]
fn a_fact_missing_a_brace_is_an_error() {
    let chapter = "# Apimtis\n\n\
        Planas galioja {{ plan.period } metais.\n\n\
        Planas galioja { plan.period }} metais.\n\n\
        Rašoma \\{\\{ plan.period }}.\n";
    let dir = chapter_plan(chapter, &[]);
    let (_out, outcome, sources, diags) = build(dir.path());
    assert!(matches!(outcome, plan::Outcome::Failed), "{outcome:?}");
    let shown = render(&sources, &diags);
    assert_eq!(shown.matches("error:").count(), 2, "{shown}");
    insta::assert_snapshot!(shown);
}

/// Lines that look like a table but lack the `|---|` line under the header are an error
/// with the line to add: Markdown reads them as a paragraph, printed with its bars.
#[test]
fn a_table_without_its_rule_is_an_error() {
    let chapter = "# Apimtis\n\n| Rodiklis | Reikšmė |\n| Gyventojai | 50 000 |\n";
    let dir = chapter_plan(chapter, &[]);
    let (_out, outcome, sources, diags) = build(dir.path());
    assert!(matches!(outcome, plan::Outcome::Failed), "{outcome:?}");
    let shown = render(&sources, &diags);
    assert!(shown.contains("┌─ chapters/text.md:3:1"), "{shown}");
    assert!(shown.contains("add `|---|---|`"), "{shown}");
    assert_eq!(shown.matches("error:").count(), 1, "{shown}");
}
