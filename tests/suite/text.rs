//! Any text a user writes comes out of the PDF as the same text, in every construct.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use crate::common::{build, raw_text, render};
use plan::Outcome;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Every character the built-in fonts draw (read from their character maps), less those
/// that cannot come out of a PDF as themselves by their nature:
/// - control characters (tab, line feed, …): the writer turns line breaks and tabs into
///   spaces and drops the rest, as a document has no place for them;
/// - default-ignorable characters (zero-width spaces and joiners, the soft hyphen,
///   direction marks): typst draws nothing for them, so the PDF keeps no trace of them;
/// - combining marks: drawn over the character before them, with no width of their own;
///   the PDF gives the text of a letter and its mark together, or one precomposed glyph
///   for both, and text extraction places a mark by its position and guesses a word gap
///   after it;
/// - characters with a canonical decomposition that some built-in font lacks (≠, ≮): a
///   font without one draws its decomposition (`<` and a long solidus), and the PDF gives
///   their text in `/ActualText`, which pdftotext reads but pdf-extract ignores;
/// - right-to-left characters (Noto Sans Math's Arabic mathematical letters): the
///   bidirectional algorithm rightly reorders them with the text around them, so they are
///   not read in the order typed.
fn alphabet() -> &'static [char] {
    static ALPHABET: OnceLock<Vec<char>> = OnceLock::new();
    ALPHABET.get_or_init(|| {
        let mut fonts: Vec<BTreeSet<char>> = Vec::new();
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        for entry in std::fs::read_dir(folder).expect("fonts folder") {
            let path = entry.expect("font file").path();
            if path.extension().is_none_or(|e| e != "ttf") {
                continue;
            }
            let data = std::fs::read(&path).expect("font file");
            let face = ttf_parser::Face::parse(&data, 0).expect("a font");
            let cmap = face.tables().cmap.expect("a character map");
            let mut chars = BTreeSet::new();
            for table in cmap.subtables.into_iter().filter(|t| t.is_unicode()) {
                table.codepoints(|c| chars.extend(char::from_u32(c)));
            }
            fonts.push(chars);
        }
        let everywhere = |c: &char| fonts.iter().all(|font| font.contains(c));
        let decomposes = |c: char| c.nfd().ne(std::iter::once(c));
        let all: BTreeSet<char> = fonts.iter().flatten().copied().collect();
        all.into_iter()
            .filter(|&c| {
                !c.is_control()
                    && !right_to_left(c)
                    && !typst::text::is_default_ignorable(c)
                    && !is_combining_mark(c)
                    && (everywhere(&c) || !decomposes(c))
            })
            .collect()
    })
}

/// Whether `c` is of a right-to-left script's blocks (Hebrew to NKo and their presentation
/// forms, and the supplementary right-to-left blocks).
fn right_to_left(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// What means something to Markdown, typst or `plan` (ids, facts, dashes, year ranges,
/// quotes after numbers, units), drawn far more often than the rest of the alphabet.
const SPECIAL: &[&str] = &[
    "#",
    "$",
    "@",
    "<",
    ">",
    "*",
    "_",
    "\\",
    "[",
    "]",
    "`",
    "~",
    "/",
    "=",
    "-",
    "+",
    "'",
    "\"",
    ":",
    ".",
    "(",
    ")",
    "{",
    "}",
    "|",
    "!",
    "&",
    "^",
    "%",
    "{{",
    "}}",
    "{#id}",
    "{{ plan.title }}",
    "//",
    "/*",
    "*/",
    "--",
    "---",
    " - ",
    " -- ",
    " --- ",
    "...",
    "-?",
    "1.",
    "- ",
    "+ ",
    "= ",
    "2021-2030",
    "2020-12-15",
    "5\"",
    "12'",
    "½\"",
    "²'",
    "'a'",
    "\"b\"",
    "(\"",
    "don't",
    "45 %",
    "2020 m.",
    "Nr. 5",
    "https://x.lt",
    "a@b.lt",
    "<b>",
    "<!-- c -->",
    "[^1]",
    "![a](b)",
    "[](#p)",
    "&amp;",
    "\\u{41}",
    " ",
    "  ",
    "\u{a0}",
    "\u{2003}",
    "\u{2028}",
];

fn text_strategy() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        3 => prop::sample::select(SPECIAL).prop_map(String::from),
        3 => prop::sample::select(alphabet()).prop_map(String::from),
        1 => prop::sample::select(&['a', 'ą', 'Ž', '0', '9', ' '][..]).prop_map(String::from),
    ];
    prop::collection::vec(part, 1..20)
        .prop_map(|parts| parts.concat().trim().to_string())
        .prop_filter("not blank", |s| !s.is_empty())
}

/// Markdown source for `text`: every ASCII punctuation character backslash-escaped, so
/// Markdown passes it on literally and what is under test is that `plan` keeps it text.
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

/// What a reader should find in the PDF for `text` set in a paragraph (a heading, a table
/// cell, a footnote): the text itself, with only the typography docs/en/reference/chapters.md describes,
/// modelled here on its own, apart from the writer: line and paragraph separators are
/// spaces; a `-` or `--` standing between spaces is an en dash and `---` an em dash; a
/// hyphen between two years is an en dash; quotes are Lithuanian quotes, as typst sets
/// them, except that a quote stays as typed where typst would set a prime. (No-break spaces
/// and break opportunities in long words are invisible: the comparison allows them.)
fn typeset(text: &str) -> String {
    let text = text.replace(['\u{2028}', '\u{2029}'], " ");
    let words: Vec<String> = text
        .split(' ')
        .map(|word| match word {
            "-" | "--" => "–".to_string(),
            "---" => "—".to_string(),
            word => year_ranges(word),
        })
        .collect();
    smart_quotes(&words.join(" "))
}

/// "2021-2030" with an en dash: a hyphen between two years (four digits, 1000–2999) that
/// are not part of a longer number or a chain of hyphens (a date).
fn year_ranges(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let at = |i: isize| usize::try_from(i).ok().and_then(|i| chars.get(i)).copied();
    let digit = |i: isize| at(i).is_some_and(|c| c.is_ascii_digit());
    let year =
        |start: isize| (0..4).all(|k| digit(start + k)) && matches!(at(start), Some('1' | '2'));
    let free = |i: isize| !digit(i) && at(i) != Some('-');
    (0..chars.len() as isize)
        .map(|i| {
            let range =
                at(i) == Some('-') && year(i - 4) && year(i + 1) && free(i - 5) && free(i + 5);
            if range { '–' } else { chars[i as usize] }
        })
        .collect()
}

/// Typst's smart quotes in Lithuanian („…“, ‚…‘, ’ as the apostrophe), each quote decided
/// by the character before it and the quotations open; where typst would set a prime (a
/// quote after a number that does not close a quotation of its kind), the quote as typed.
fn smart_quotes(text: &str) -> String {
    let mut open: Vec<bool> = Vec::new();
    let mut before = ' ';
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let shown = if matches!(c, '"' | '\'') {
            let double = c == '"';
            let innermost = open.last().copied();
            if before.is_numeric() && innermost != Some(double) {
                c
            } else if !double && innermost != Some(false) && before.is_alphabetic() {
                '’'
            } else if innermost == Some(double)
                && !before.is_whitespace()
                && !matches!(before, '(' | '[' | '{')
            {
                open.pop();
                if double { '“' } else { '‘' }
            } else {
                open.push(double);
                if double { '„' } else { '‚' }
            }
        } else {
            c
        };
        out.push(shown);
        before = shown;
    }
    out
}

/// Text prepared for comparison: canonically decomposed (a font may draw "Ẑ" as "Z" and a
/// circumflex, and extraction then reads the two), and each run of whitespace one space,
/// or one line break if it holds one: extraction cannot tell the kinds of space apart (a
/// no-break space, a space stretched by justification, two spaces), only where lines end.
fn comparable(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    // Zero-width spaces are the break opportunities `plan` puts into long words.
    for c in text.nfd().filter(|&c| c != '\u{200B}') {
        if !c.is_whitespace() {
            out.push(c);
        } else if out.last().is_some_and(|last| last.is_whitespace()) {
            if c == '\n' {
                *out.last_mut().expect("a space") = '\n';
            }
        } else {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
    }
    out
}

/// Whether `found` (extracted text) starts with `expected`, both [`comparable`], allowing
/// only what text extraction cannot tell: a line may end at a space or wherever a line may
/// break (after a hyphen, at a break opportunity), and a word may be hyphenated at the end
/// of a line; a drawn hyphen may read as a soft hyphen (U+00AD) when the same glyph ends
/// a hyphenated line elsewhere.
fn reads_as(expected: &[char], found: &[char]) -> bool {
    fn go(
        e: &[char],
        f: &[char],
        i: usize,
        j: usize,
        failed: &mut HashSet<(usize, usize)>,
    ) -> bool {
        if i == e.len() {
            return true;
        }
        if j == f.len() || !failed.insert((i, j)) {
            return false;
        }
        let (ec, fc) = (e[i], f[j]);
        if (ec == fc || (ec == '-' && fc == '\u{AD}')) && go(e, f, i + 1, j + 1, failed) {
            return true;
        }
        if fc == '\n'
            && ((ec == ' ' && go(e, f, i + 1, j + 1, failed)) || go(e, f, i, j + 1, failed))
        {
            return true;
        }
        let hyphenation = matches!(fc, '-' | '\u{AD}') && f.get(j + 1) == Some(&'\n');
        hyphenation && go(e, f, i, j + 1, failed)
    }
    go(expected, found, 0, 0, &mut HashSet::new())
}

/// Writes a chapter with `text` in a heading, a paragraph, a table cell and a footnote,
/// each after a marker.
fn write_chapter(dir: &Path, text: &str) {
    let md = markdown_literal(text);
    let chapter = format!(
        "# H1 {md}\n\nP1 {md}\n\n| Stulpelis |\n|---|\n| C1 {md} |\n\nIšnaša[^1].\n\n[^1]: F1 {md}\n"
    );
    std::fs::write(dir.join("chapters/text.md"), chapter).expect("write chapter");
}

/// Builds a chapter with `text` in every construct and checks that each shows it as
/// [`typeset`] says, as far as [`reads_as`] can tell.
fn check_text(text: &str) -> Result<(), String> {
    let dir = crate::common::text_plan();
    write_chapter(dir.path(), text);
    let (out, outcome, sources, diags) = build(dir.path());
    if !matches!(outcome, Outcome::Built(_)) {
        return Err(render(&sources, &diags));
    }
    let found = comparable(&raw_text(&out.path().join("text.pdf")));
    for marker in ["H1", "P1", "C1", "F1"] {
        let expected = comparable(&typeset(&format!("{marker} {text}")));
        let marker: Vec<char> = marker.chars().collect();
        let read = (0..found.len())
            .filter(|&j| found[j..].starts_with(&marker))
            .any(|j| reads_as(&expected, &found[j..]));
        if !read {
            return Err(format!(
                "{:?} not in the PDF:\n{:?}",
                expected.iter().collect::<String>(),
                found.iter().collect::<String>()
            ));
        }
    }
    Ok(())
}

proptest! {
    // `TEXT_CASES=3000` explores more on a developer's machine.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("TEXT_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(32),
        ..ProptestConfig::default()
    })]

    /// Arbitrary text, with everything that means something to Markdown, typst or `plan`,
    /// comes out of the PDF of every construct as written, with only the typography
    /// docs/en/reference/chapters.md describes.
    #[test]
    fn text_survives_every_construct(text in text_strategy()) {
        let checked = check_text(&text);
        prop_assert!(checked.is_ok(), "{}", checked.unwrap_err());
    }
}

/// Texts that went wrong before (found by the property test, or by reading the code), kept
/// as they are, whatever the strategy draws.
#[test]
fn texts_that_went_wrong() {
    for text in [
        // A quote after a number that is not an ASCII digit became a prime.
        "½\" and ²'",
        // A quote after a digit closing a quotation stayed straight.
        "\"Horizontas 2020\" and '2021'",
        // A zero-width break opportunity between a digit and a quote made it a prime.
        "123456\"abcdefghijklmnopqrstuvwxyz",
        // A line separator next to a hyphen hid the dash.
        "#\u{2028}-",
        // Escaped, our syntax is text.
        "{{ plan.title }} {{}} x {#id}",
        "*",
        "0'",
    ] {
        if let Err(problem) = check_text(text) {
            panic!("{text:?}: {problem}");
        }
    }
}

#[test]
fn the_model_sets_dashes_year_ranges_and_quotes() {
    assert_eq!(typeset("a - b -- c --- d -e"), "a – b – c — d -e");
    assert_eq!(
        typeset("2021-2030 2020-12-15 2020-2021-2022"),
        "2021–2030 2020-12-15 2020-2021-2022"
    );
    assert_eq!(
        typeset("\"Horizontas 2020\" 5\" 12' don't ('a')"),
        "„Horizontas 2020“ 5\" 12' don’t (‚a‘)"
    );
    let e = comparable("ab cd");
    assert!(reads_as(&e, &comparable("ab\ncd and more")));
    assert!(reads_as(&comparable("abcd"), &comparable("ab\u{AD}\ncd")));
    assert!(!reads_as(&e, &comparable("abcd")));
    assert!(!reads_as(&e, &comparable("ab c d")));
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
