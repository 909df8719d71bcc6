//! Escaping: how any text reaches typst as literal text, never as code.

/// Escapes text for typst markup: every character that could start markup, code, math,
/// a label, a reference, a comment or a shorthand gets a backslash. Typst reads a
/// backslash before any non-space character as an escape, so over-escaping is harmless.
/// Quotes stay as they are, so typst's smart quotes give „…“ in Lithuanian (except where
/// typst would make them primes: see [`Quotes`]).
pub(crate) fn markup(text: &str) -> String {
    Quotes::default().markup(text)
}

/// What typst's smart quotes have seen of a paragraph so far, mirrored from typst's
/// `SmartQuoter` so that text keeps a quote as typed where typst would set a prime: after a
/// number (`5'`, `½"`), unless the quote closes a quotation of its kind („Horizontas 2020“).
/// One per paragraph (typst quotes each paragraph afresh); markup written with it must be
/// the paragraph's, in order, with [`Quotes::saw`] told what other elements show.
#[derive(Debug, Default, Clone)]
pub(crate) struct Quotes {
    /// The open quotations, innermost last: whether each is double.
    open: Vec<bool>,
    /// The character before the next one, as typst's quoter sees it.
    before: Option<char>,
}

impl Quotes {
    /// Notes a character typst sees next in the paragraph: text, or what an element
    /// shows (a number for a reference, U+FFFC for a picture). Typst skips default
    /// ignorables (zero-width spaces and joiners) when it looks back.
    pub(crate) fn saw(&mut self, c: char) {
        if !typst::text::is_default_ignorable(c) {
            self.before = Some(c);
        }
    }

    /// Whether a straight quote at this point must be escaped to stay as typed, because
    /// typst would set a prime; otherwise typst sets a smart quote, whose effect on the
    /// open quotations this records.
    fn keep_straight(&mut self, double: bool) -> bool {
        let quote = if double { '"' } else { '\'' };
        let before = self.before.replace(quote).unwrap_or(' ');
        let innermost = self.open.last().copied();
        if before.is_numeric() && innermost != Some(double) {
            return true;
        }
        let apostrophe =
            !double && innermost != Some(false) && (before.is_alphabetic() || before == '\u{FFFC}');
        if apostrophe {
            return false;
        }
        let closes = innermost == Some(double)
            && !before.is_whitespace()
            && !matches!(
                before,
                '\n' | '\x0B'
                    | '\x0C'
                    | '\r'
                    | '\u{85}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '('
                    | '['
                    | '{'
            );
        if closes {
            self.open.pop();
        } else if self.open.len() < 32 {
            // typst tracks 32 levels of nesting.
            self.open.push(double);
        }
        false
    }

    /// Escapes text for typst markup, like [`markup`], as the next text of the paragraph.
    pub(crate) fn markup(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        for c in text.chars() {
            match c {
                '\'' | '"' => {
                    if self.keep_straight(c == '"') {
                        out.push('\\');
                    }
                    out.push(c);
                }
                // `;`, `.`, `(` and `[` would also continue (or end, swallowing the `;`)
                // an embedded expression that the text follows, such as `#emph[…]`.
                '\\' | '*' | '_' | '#' | '$' | '@' | '<' | '>' | '[' | ']' | '`' | '~' | '/'
                | '-' | '+' | '=' | ':' | '.' | '(' | ';' => {
                    out.push('\\');
                    out.push(c);
                    self.saw(c);
                }
                // A break opportunity `plan` put into a long word (see [`breakable`]) is
                // spacing, not a character: copied from the PDF, the word is as written.
                BREAK => {
                    out.push_str(BREAK_MARKUP);
                    self.saw(' ');
                }
                // Line breaks inside one text run are spaces; tabs likewise. Typst would
                // read the line and paragraph separators as line breaks too.
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => {
                    out.push(' ');
                    self.saw(' ');
                }
                // Control characters have no place in a document.
                c if c.is_control() => {}
                c => {
                    out.push(c);
                    self.saw(c);
                }
            }
        }
        out
    }
}

/// A typst string literal holding `text` exactly.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_every_special_character() {
        assert_eq!(markup("#a $b$ @c <d>"), "\\#a \\$b\\$ \\@c \\<d\\>");
        assert_eq!(markup("1. x -- y ... z"), "1\\. x \\-\\- y \\.\\.\\. z");
        assert_eq!(markup("„cituota“ \"q\""), "„cituota“ \"q\"");
        assert_eq!(markup("a\\b"), "a\\\\b");
    }

    #[test]
    fn quotes_stay_as_typed_where_typst_would_set_primes() {
        // After a number typst sets a prime; the quote stays straight.
        assert_eq!(markup("5' ir 12\" ir ½\""), "5\\' ir 12\\\" ir ½\\\"");
        // Unless it closes a quotation of its kind.
        assert_eq!(
            markup("\"Horizontas 2020\" ir '2020'"),
            "\"Horizontas 2020\" ir '2020'"
        );
        // A zero-width space is a break opportunity, set as spacing, which typst's
        // quotes read as a space.
        assert_eq!(markup("5\u{200B}'"), "5#h(0.01pt)'");
        // Typst looks past other default ignorables, and so do we.
        assert_eq!(markup("5\u{2060}'"), "5\u{2060}\\'");
        // Across the pieces of a paragraph.
        let mut quotes = Quotes::default();
        assert_eq!(quotes.markup("\"a "), "\"a ");
        quotes.saw('1');
        assert_eq!(quotes.markup("\""), "\"");
    }

    #[test]
    fn strings_escape_quotes_and_backslashes() {
        assert_eq!(string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;
    use typst::syntax::{SyntaxKind, SyntaxNode};

    use super::markup;

    /// Characters that mean something to typst, mixed into arbitrary Unicode text.
    fn text() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
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
            "//",
            "/*",
            "*/",
            "--",
            "---",
            "...",
            "-?",
            "1.",
            "- ",
            "+ ",
            "= ",
            "\\u{41}",
            "<a>",
            "@a",
            "https://x.y/z",
            "\n",
            "\n\n",
            "\t",
            " ",
        ]);
        prop::collection::vec(
            prop_oneof![special.prop_map(String::from), any::<String>()],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    /// The literal text a parsed markup tree stands for, or the first node that is not text.
    fn literal(node: &SyntaxNode, out: &mut String) -> Result<(), SyntaxKind> {
        match node.kind() {
            SyntaxKind::Markup => node.children().try_for_each(|child| literal(child, out)),
            SyntaxKind::Text | SyntaxKind::Space | SyntaxKind::SmartQuote => {
                out.push_str(node.leaf_text());
                Ok(())
            }
            SyntaxKind::Escape => {
                out.push_str(&node.leaf_text()[1..]);
                Ok(())
            }
            // A break opportunity (a zero-width space in the text) is spacing.
            SyntaxKind::Hash => Ok(()),
            SyntaxKind::FuncCall if node.full_text().as_str() == &super::BREAK_MARKUP[1..] => {
                Ok(())
            }
            kind => Err(kind),
        }
    }

    /// What escaped `input` must stand for: the input, with line breaks and tabs read as
    /// spaces, and without control characters and break opportunities.
    fn expected(input: &str) -> String {
        input
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
                super::BREAK => None,
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect()
    }

    /// The embedded expressions the writer puts before text.
    const EXPRESSIONS: &[&str] = &[
        "#emph[a]",
        "#strong[a]",
        "#strike[a]",
        "#md.code(raw(\"a\"))",
        "#link(\"https://x.lt\")[a]",
        "#md.item-ref(\"a\")[1.1]",
        "#md.number-ref(\"a\", known: refs)",
        "#md.note[a]",
        "#md.note-again(\"n\")",
        "#md.inline-image(\"/a.png\", alt: \"a\")",
        "#linebreak()",
        "#h(0.01pt)",
        "#md.task(true)",
    ];

    proptest! {
        /// Escaped text parses as nothing but text: no markup, code, math, label or
        /// reference, and it stands for exactly the input (line breaks read as spaces).
        #[test]
        fn escaped_text_is_only_text(input in text()) {
            let escaped = markup(&input);
            let root = typst::syntax::parse(&escaped);
            let mut out = String::new();
            let result = literal(&root, &mut out);
            prop_assert!(result.is_ok(), "{:?} became {:?} in {:?}", input, result, escaped);
            prop_assert_eq!(out, expected(&input));
        }

        /// Escaped text right after any embedded expression the writer makes (emphasis,
        /// code, a link, a reference, a footnote, a line break, a break opportunity) is
        /// still only the text: nothing of it continues the expression or ends it.
        #[test]
        fn escaped_text_after_an_expression_is_only_text(
            expression in prop::sample::select(EXPRESSIONS),
            input in text(),
        ) {
            let escaped = markup(&input);
            let source = format!("{expression}{escaped}");
            let root = typst::syntax::parse(&source);
            let mut offset = 0;
            let mut out = String::new();
            for child in root.children() {
                let start = offset;
                offset += child.len();
                if offset <= expression.len() {
                    continue;
                }
                prop_assert!(start >= expression.len(), "{:?} took in text of {:?}", expression, escaped);
                let result = literal(child, &mut out);
                prop_assert!(result.is_ok(), "{:?} became {:?} after {:?}", input, result, expression);
            }
            prop_assert_eq!(out, expected(&input));
        }
    }
}

impl Quotes {
    /// Escapes text like [`markup`], as the next text of the paragraph, and sets it the way
    /// Lithuanian (and English) typography wants: no-break spaces where
    /// [`crate::format::binds`] asks for them, so "2020 m.", "1 245 respondentai",
    /// "tūkst. Eur", "į mokyklą" or "Nr. 5" never break across lines; a spaced hyphen or `--`
    /// becomes an en dash, `---` an em dash, and the space before a dash is a no-break space
    /// so that no line starts with one; year ranges ("2021-2030") take an en dash.
    pub(crate) fn markup_typeset(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        // Line breaks and tabs inside a text are spaces (see `markup`), also to dashes.
        let spaced;
        let text = if text.contains(['\n', '\r', '\t', '\u{2028}', '\u{2029}']) {
            spaced = text.replace(['\n', '\r', '\t', '\u{2028}', '\u{2029}'], " ");
            &spaced
        } else {
            text
        };
        let mut words = text.split(' ').peekable();
        while let Some(word) = words.next() {
            match dash(word) {
                Some(dash) => {
                    out.push(dash);
                    self.saw(dash);
                }
                None => out.push_str(&self.markup(&breakable(&year_ranges(word)))),
            }
            let Some(next) = words.peek() else { break };
            let bound = crate::format::binds(word, next) || dash(next).is_some();
            out.push(if bound { '~' } else { ' ' });
            self.saw(if bound { '\u{A0}' } else { ' ' });
        }
        out
    }
}

impl Quotes {
    /// The characters typst sets for `text`, the next text of the paragraph, as
    /// [`Quotes::markup_typeset`] writes it: dashes and year ranges with their dashes,
    /// numbers bound to their units by no-break spaces, straight quotes as the language's
    /// quotation marks (or kept straight where typst keeps them: a prime after a number),
    /// an apostrophe as ’. The Word edition shows the same text as the PDF with it.
    pub(crate) fn typeset_text(&mut self, text: &str, language: crate::model::Language) -> String {
        let text = text.replace(['\n', '\r', '\t', '\u{2028}', '\u{2029}'], " ");
        let mut out = String::with_capacity(text.len());
        let mut words = text.split(' ').peekable();
        while let Some(word) = words.next() {
            match dash(word) {
                Some(dash) => {
                    out.push(dash);
                    self.saw(dash);
                }
                None => out.push_str(&self.plain(&year_ranges(word), language)),
            }
            let Some(next) = words.peek() else { break };
            let bound = crate::format::binds(word, next) || dash(next).is_some();
            let space = if bound { '\u{A0}' } else { ' ' };
            out.push(space);
            self.saw(space);
        }
        out
    }

    /// The characters typst sets for text without binding: quotation marks resolved.
    pub(crate) fn plain(&mut self, text: &str, language: crate::model::Language) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '\'' | '"' => {
                    let double = c == '"';
                    let depth = self.open.len();
                    if self.keep_straight(double) {
                        out.push(c);
                        continue;
                    }
                    let opens = self.open.len() > depth;
                    let closes = self.open.len() < depth;
                    let lt = language == crate::model::Language::Lt;
                    out.push(match (double, opens, closes, lt) {
                        (true, true, _, true) => '„',
                        (true, _, true, true) => '“',
                        (true, true, _, false) => '“',
                        (true, _, _, _) => '”',
                        (false, true, _, true) => '‚',
                        (false, _, true, true) => '‘',
                        (false, true, _, false) => '‘',
                        (false, _, _, _) => '’',
                    });
                }
                c if c.is_control() => {}
                c => {
                    out.push(c);
                    self.saw(c);
                }
            }
        }
        out
    }
}

/// Runs this long with no place to break (a long number, an identifier, a file name) get
/// break opportunities, so that nothing runs past its table column or the page edge.
const UNBREAKABLE_RUN: usize = 25;
/// A long run may break after every this many characters.
const BREAK_EVERY: usize = 6;

/// The character [`breakable`] marks a break opportunity with: a zero-width space, which
/// markup turns into [`BREAK_MARKUP`] and templates into the same spacing (a show rule in
/// `document.typ`), so that the PDF's text holds no trace of it.
pub(crate) const BREAK: char = '\u{200B}';

/// A break opportunity as typst markup: a sliver of spacing, at which typst may end a line
/// (it reads spacing as a space when it breaks lines) and which text extraction skips.
const BREAK_MARKUP: &str = "#h(0.01pt)";

/// `text` with zero-width spaces (invisible break opportunities) inside every run of
/// [`UNBREAKABLE_RUN`] or more characters that has no space, hyphen, dash or slash to
/// break at. Done here rather than by a typst show rule, which costs a regex match on every
/// piece of text the templates set.
pub(crate) fn breakable(text: &str) -> std::borrow::Cow<'_, str> {
    let breaks = |c: char| {
        c.is_whitespace() || matches!(c, '-' | '/' | '\u{2013}' | '\u{2014}' | '\u{200B}')
    };
    let mut run = 0;
    let mut longest = 0;
    for c in text.chars() {
        run = if breaks(c) { 0 } else { run + 1 };
        longest = longest.max(run);
    }
    if longest < UNBREAKABLE_RUN {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let runs = text.split_inclusive(breaks);
    for piece in runs {
        let body = piece.trim_end_matches(breaks);
        let tail = &piece[body.len()..];
        if body.chars().count() >= UNBREAKABLE_RUN {
            let body: Vec<char> = body.chars().collect();
            // No line may start with the punctuation that ends the run.
            let last_word = body.iter().rposition(|c| c.is_alphanumeric()).unwrap_or(0);
            for (i, c) in body.iter().enumerate() {
                // Typst decides a quote by what stands before it, and spacing reads as a
                // space: a quote right after a break would open instead of closing.
                let quote = matches!(c, '"' | '\'');
                if i > 0 && i % BREAK_EVERY == 0 && i <= last_word && !quote {
                    out.push(BREAK);
                }
                out.push(*c);
            }
            out.push_str(tail);
        } else {
            out.push_str(piece);
        }
    }
    out.into()
}

/// The dash a word standing alone between spaces stands for: what a keyboard allows
/// (`-`, `--`, `---`) or the dash itself.
fn dash(word: &str) -> Option<char> {
    match word {
        "-" | "--" | "\u{2013}" => Some('\u{2013}'),
        "---" | "\u{2014}" => Some('\u{2014}'),
        _ => None,
    }
}

/// "2021-2030" with an en dash: a hyphen between two four-digit years (1000–2999), not
/// part of a longer number, so codes ("T-12") and ISO dates ("2020-12-15") are left alone.
fn year_ranges(word: &str) -> std::borrow::Cow<'_, str> {
    let bytes = word.as_bytes();
    let year_at = |start: usize| {
        bytes
            .get(start..start + 4)
            .is_some_and(|y| y.iter().all(u8::is_ascii_digit) && matches!(y[0], b'1' | b'2'))
    };
    let digit_at = |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
    let ranges: Vec<usize> = (4..bytes.len())
        .filter(|&i| {
            bytes[i] == b'-'
                && year_at(i - 4)
                && year_at(i + 1)
                && !digit_at(i.checked_sub(5))
                && !digit_at(Some(i + 5))
                && bytes.get(i + 5) != Some(&b'-')
                && (i < 5 || bytes[i - 5] != b'-')
        })
        .collect();
    if ranges.is_empty() {
        return word.into();
    }
    let mut out = String::with_capacity(word.len() + 2 * ranges.len());
    let mut last = 0;
    for i in ranges {
        out.push_str(&word[last..i]);
        out.push('\u{2013}');
        last = i + 1;
    }
    out.push_str(&word[last..]);
    out.into()
}

#[cfg(test)]
mod typography {
    fn markup_typeset(text: &str) -> String {
        super::Quotes::default().markup_typeset(text)
    }

    #[test]
    fn numbers_keep_their_units() {
        assert_eq!(
            markup_typeset("2020 m. gruodžio 15 d., 45 %, 20 km ir Nr. 5; 3 kartus"),
            "2020~m\\. gruodžio 15~d\\., 45~%, 20~km ir Nr\\.~5\\; 3~kartus"
        );
        assert_eq!(markup_typeset("120,5 tūkst. Eur"), "120,5~tūkst\\.~Eur");
    }

    #[test]
    fn the_word_edition_sets_what_typst_sets() {
        use crate::model::Language;
        let lt = |text: &str| super::Quotes::default().typeset_text(text, Language::Lt);
        assert_eq!(
            lt("Jis sakė \"gerai\" - ir 'taip' 2021-2030, 45 %; 5\" ekranas; Petro's"),
            "Jis sakė „gerai“\u{a0}– ir ‚taip‘ 2021–2030, 45\u{a0}%; 5\" ekranas; Petro’s"
        );
        let en = super::Quotes::default().typeset_text("\"yes\" and 'no'", Language::En);
        assert_eq!(en, "“yes” and ‘no’");
    }

    #[test]
    fn dashes_are_typeset_and_never_start_a_line() {
        assert_eq!(markup_typeset("Alytus - miestas"), "Alytus~– miestas");
        assert_eq!(markup_typeset("a -- b --- c"), "a~– b~— c");
        assert_eq!(markup_typeset("jau – dabar"), "jau~– dabar");
        assert_eq!(markup_typeset(" - pradžia"), "~– pradžia");
        // Tabs and line separators are spaces, also around a dash.
        assert_eq!(markup_typeset("a\t-\u{2028}b"), "a~– b");
        // A hyphen inside a word is a hyphen.
        assert_eq!(markup_typeset("Šiaurės-rytų -5"), "Šiaurės\\-rytų \\-5");
    }

    #[test]
    fn long_words_get_break_opportunities() {
        use super::breakable;
        assert_eq!(
            breakable("short words stay as they are"),
            "short words stay as they are"
        );
        assert_eq!(
            breakable("a-hyphenated-identifier-of-any-length-at-all"),
            "a-hyphenated-identifier-of-any-length-at-all"
        );
        let digits = "1234567890".repeat(3);
        assert_eq!(
            breakable(&format!("Nr. {digits}.")),
            "Nr. 123456\u{200B}789012\u{200B}345678\u{200B}901234\u{200B}567890."
        );
        assert_eq!(
            breakable("Aąčęėįšųūž_Aąčęėįšųūž_Aąčęėįšųūž end"),
            "Aąčęėį\u{200B}šųūž_A\u{200B}ąčęėįš\u{200B}ųūž_Aą\u{200B}čęėįšų\u{200B}ūž end"
        );
    }

    #[test]
    fn year_ranges_take_an_en_dash() {
        assert_eq!(markup_typeset("2021-2030 m."), "2021–2030~m\\.");
        assert_eq!(markup_typeset("(2021-2027)"), "\\(2021–2027)");
        // Codes, ISO dates, phone numbers and longer numbers stay as typed.
        for typed in [
            "T-12",
            "2020-12-15",
            "2020-2021-2022",
            "12021-2030",
            "2021-20301",
            "8-315-12345",
        ] {
            assert!(!markup_typeset(typed).contains('–'), "{typed}");
        }
    }
}
