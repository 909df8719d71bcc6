//! Escaping: how any text reaches typst as literal text, never as code.

/// Escapes text for typst markup: every character that could start markup, code, math,
/// a label, a reference, a comment or a shorthand gets a backslash. Typst reads a
/// backslash before any non-space character as an escape, so over-escaping is harmless.
/// Quotes stay as they are, so typst's smart quotes give „…“ in Lithuanian.
pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
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
