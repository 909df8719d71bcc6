//! Escaping: how any text reaches typst as literal text, never as code.

/// Escapes text for typst markup: every character that could start markup, code, math,
/// a label, a reference, a comment or a shorthand gets a backslash. Typst reads a
/// backslash before any non-space character as an escape, so over-escaping is harmless.
/// Quotes stay as they are, so typst's smart quotes give „…“ in Lithuanian (except after a
/// digit, where typst would make them primes).
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut previous = ' ';
    for c in text.chars() {
        let after_digit = previous.is_ascii_digit();
        previous = c;
        match c {
            // After a digit typst would set a prime (5′); keep the quote as written.
            '\'' | '"' if after_digit => {
                out.push('\\');
                out.push(c);
            }
            '\\' | '*' | '_' | '#' | '$' | '@' | '<' | '>' | '[' | ']' | '`' | '~' | '/' | '-'
            | '+' | '=' | ':' | '.' | '(' => {
                out.push('\\');
                out.push(c);
            }
            // Line breaks inside one text run are spaces; tabs likewise.
            '\n' | '\r' | '\t' => out.push(' '),
            // Control characters have no place in a document.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A typst string literal holding `text` exactly.
pub fn string(text: &str) -> String {
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
            kind => Err(kind),
        }
    }

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
            let expected: String = input
                .chars()
                .filter_map(|c| match c {
                    '\n' | '\r' | '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect();
            prop_assert_eq!(out, expected);
        }
    }
}

/// Words that stay on the line of the number before them: units, "m." (metai) and "d."
/// (diena) in dates, "tūkst." and the like, as Lithuanian and English typography want.
const BOUND_AFTER_NUMBER: &[&str] = &[
    "m.", "d.", "val.", "min.", "s.", "%", "‰", "°C", "km", "m", "cm", "mm", "m²", "m³", "km²",
    "ha", "a", "kW", "MW", "kWh", "MWh", "GWh", "t", "kg", "g", "l", "Eur", "EUR", "€", "tūkst.",
    "mln.", "mlrd.", "vnt.", "asm.", "proc.", "k.", "p.", "thousand", "million", "billion",
];

/// Words after which the next word (a number) stays on the same line: "Nr. 5", "p. 12".
const BOUND_BEFORE_NUMBER: &[&str] = &["Nr.", "No.", "p.", "psl.", "str.", "§", "pav.", "lent."];

/// Escapes text like [`markup`], and joins numbers to their units (and "Nr." to its
/// number) with no-break spaces, so "2020 m.", "45 %" or "Nr. 5" never break across lines.
pub fn markup_typeset(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        out.push_str(&markup(word));
        let Some(next) = words.peek() else { break };
        let stem = next.trim_end_matches([',', ';', ':', ')', '!', '?']);
        let bound = (word.ends_with(|c: char| c.is_ascii_digit())
            && (BOUND_AFTER_NUMBER.contains(&stem)
                || BOUND_AFTER_NUMBER.contains(&next.trim_end_matches('.'))))
            || (BOUND_BEFORE_NUMBER.contains(&word)
                && next.starts_with(|c: char| c.is_ascii_digit()));
        out.push(if bound { '~' } else { ' ' });
    }
    out
}

#[cfg(test)]
mod typography {
    use super::markup_typeset;

    #[test]
    fn numbers_keep_their_units() {
        assert_eq!(
            markup_typeset("2020 m. gruodžio 15 d., 45 %, 20 km ir Nr. 5; 3 kartus"),
            "2020~m\\. gruodžio 15~d\\., 45~%, 20~km ir Nr\\.~5; 3 kartus"
        );
        assert_eq!(markup_typeset("120,5 tūkst. Eur"), "120,5~tūkst\\. Eur");
    }
}
