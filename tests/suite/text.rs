//! Any text a user writes comes out of the PDF as the same text, in every construct.

use std::path::Path;

use crate::common::{build, pdf_text, render};
use plan::Outcome;
use proptest::prelude::*;

/// Characters the built-in fonts cover, with every character that means something to
/// typst or Markdown.
const ALPHABET: &str = "aąbcčdeęėfghiįyjklmnoprsštuųūvzžAĄČĘĖĮŠŲŪŽxqwXQW0123456789 \
    #$@<>*_\\[]`~/=+-'\".,:;!?()%&{}|^„“–…€§";

/// Markdown source for `text`: every ASCII punctuation character backslash-escaped, so
/// Markdown passes it on literally and only our typst escaping is under test.
fn markdown_literal(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_ascii_punctuation() {
                vec!['\\', c]
            } else {
                vec![c]
            }
        })
        .collect()
}

/// The text with quotes unified (typst sets „…“ / "…" as the language's quotes) and
/// whitespace removed (extraction adds and drops spaces a reader does not see).
fn comparable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Zero-width spaces are break opportunities the templates put into very long words.
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
    {
        let c = match c {
            '„' | '“' | '”' | '"' => '"',
            '‚' | '‘' | '’' | '\'' => '\'',
            // Dash typography turns " - ", "--", "---" and year ranges into dashes.
            '–' | '—' => '-',
            c => c,
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out
}

fn text_strategy() -> impl Strategy<Value = String> {
    let chars: Vec<char> = ALPHABET.chars().collect();
    prop::collection::vec(prop::sample::select(chars), 1..40)
        .prop_map(|chars| chars.into_iter().collect::<String>())
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// Writes a chapter with `text` in a heading, a paragraph, a table cell and a footnote.
fn write_chapter(dir: &Path, text: &str) {
    let md = markdown_literal(text.trim());
    let chapter = format!(
        "# H1 {md}\n\nP1 {md}\n\n| Stulpelis |\n|---|\n| C1 {md} |\n\nIšnaša[^1].\n\n[^1]: F1 {md}\n"
    );
    std::fs::write(dir.join("chapters/text.md"), chapter).expect("write chapter");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn text_survives_every_construct(text in text_strategy()) {
        let dir = crate::common::text_plan();
        write_chapter(dir.path(), &text);
        let (out, outcome, sources, diags) = build(dir.path());
        prop_assert!(matches!(outcome, Outcome::Built(_)), "{}", render(&sources, &diags));
        let pdf = comparable(&pdf_text(&out.path().join("text.pdf")));
        let expected = comparable(text.trim());
        for marker in ["H1", "P1", "C1", "F1"] {
            let needle = format!("{marker}{expected}");
            prop_assert!(pdf.contains(&needle), "{marker}: {needle:?} not in {pdf:?}");
        }
    }
}

/// Code comes out of the PDF as written, every space and line (copying it from the PDF
/// gives the code back), in Noto Sans Mono, bold where its context is bold (a table
/// header); a line too long for the page wraps instead of running past the margin.
#[test]
fn code_keeps_its_spaces_lines_and_font() {
    let long = format!(
        "let url = \"https://example.lt/{}\";",
        "segmentas/".repeat(18)
    );
    let chapter = format!(
        "```rust\nfn main() {{ let x = 1; }}\n\n    // įtrauka\n{long}\n```\n\n```toml\nid = \"a\"   # komentaras\n```\n\n| `kodas` |\n|---|\n| `plan build --group infrastruktura` |\n"
    );
    let dir = crate::common::chapter_plan(&chapter, &[]);
    let out = crate::common::build_ok(dir.path());
    let pdf = out.path().join("text.pdf");

    let text = crate::common::raw_text(&pdf);
    for lines in [
        "fn main() { let x = 1; }\n\n    // įtrauka\n",
        "\nid = \"a\"   # komentaras\n",
        "\nkodas\n",
        "\nplan build --group infrastruktura\n",
    ] {
        assert!(text.contains(lines), "{lines:?} not in {text:?}");
    }
    // The long line wraps, and its text stays whole.
    assert!(!text.contains(&long), "{long:?} did not wrap: {text:?}");
    assert!(text.replace('\n', "").contains(&long), "{text:?}");

    let pages = crate::common::page_glyphs(&pdf);
    let code_page = pages
        .iter()
        .position(|glyphs| glyphs.iter().any(|g| g.text == "{"))
        .expect("a page with the code");
    let width = f64::from(crate::common::page_sizes(&pdf)[code_page].0);
    let right_margin = 2.2 / 2.54 * 72.0;
    for glyph in &pages[code_page] {
        assert!(
            glyph.x + glyph.width <= width - right_margin + 0.5,
            "{glyph:?} runs past the right margin"
        );
    }
    // The page holds code (and a table header and running heads in Noto Sans): no serif.
    let fonts = &crate::common::page_fonts(&pdf)[code_page];
    for font in ["NotoSansMono-Regular", "NotoSansMono-Bold"] {
        assert!(fonts.iter().any(|f| f == font), "{font} not in {fonts:?}");
    }
    assert!(
        !fonts.iter().any(|f| f.starts_with("NotoSerif")),
        "code set in a serif font: {fonts:?}"
    );
}
