//! Characters a reader does not see but that change what a document shows: control
//! characters (NUL, ESC …), which no font draws and PDF/A forbids, and the bidirectional
//! controls (U+202E RIGHT-TO-LEFT OVERRIDE and its kin), which reorder the text around
//! them, so that a title can read differently from what is written. Each is an error where
//! it stands, in TOML strings (typed or written as an escape such as `\u202E`) and in
//! Markdown chapters.

use crate::diag::{Diagnostic, Diagnostics, FileId, Span, codes};

/// A character a reader does not see, and what it is.
enum Unseen {
    Control(char),
    Bidi(char, &'static str),
}

/// Whether `c` is unseen: a control character other than a tab or a line break, or a
/// bidirectional control.
fn unseen(c: char) -> Option<Unseen> {
    let bidi = match c {
        '\u{061c}' => "ARABIC LETTER MARK",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {
            return Some(Unseen::Control(c));
        }
        _ => return None,
    };
    Some(Unseen::Bidi(c, bidi))
}

/// The problem for an unseen character at `span`: the character itself when it is typed
/// (`typed`), else the string that makes it with an escape.
fn problem(found: &Unseen, span: Span, typed: bool) -> Diagnostic {
    let c = match *found {
        Unseen::Control(c) | Unseen::Bidi(c, _) => c,
    };
    // The character is invisible (or printed as a stand-in), so the label says where.
    let label = match typed {
        true => format!("U+{:04X} is here", u32::from(c)),
        false => format!(
            "U+{:04X} is written as an escape in this text",
            u32::from(c)
        ),
    };
    match *found {
        Unseen::Control(c) => {
            let name = match c {
                '\0' => " (NUL)",
                '\u{1b}' => " (ESC)",
                _ => "",
            };
            Diagnostic::error(format!(
                "this text holds the control character U+{:04X}{name}, which no document can show",
                u32::from(c)
            ))
            .code(codes::CONTROL_CHARACTER)
            .hint("remove it: such characters come along unseen when text is copied from another program")
        }
        Unseen::Bidi(c, name) => Diagnostic::error(format!(
            "this text holds U+{:04X} {name}, an invisible character that changes the order in which the text around it is shown",
            u32::from(c)
        ))
        .code(codes::BIDI_CONTROL)
        .hint("remove it: the text would read differently from what is written (it may come along unseen when text is copied from a web page or another program)"),
    }
    .at(span)
    .label(label)
}

/// Reports every string of a TOML file that holds an unseen character, at the character
/// when it is typed, else at the string (it was written as an escape). Control characters
/// would otherwise fail typesetting far from where they were written.
pub(super) fn in_toml(file: FileId, text: &str, diags: &mut Diagnostics) {
    use toml::de::{DeTable, DeValue};
    fn walk(value: &toml::Spanned<DeValue>, file: FileId, text: &str, diags: &mut Diagnostics) {
        match value.get_ref() {
            DeValue::String(string) => {
                if let Some((c, found)) = string.chars().find_map(|c| unseen(c).map(|u| (c, u))) {
                    let range = value.span();
                    let typed = text
                        .get(range.clone())
                        .and_then(|written| written.find(c))
                        .map(|at| range.start + at..range.start + at + c.len_utf8());
                    let is_typed = typed.is_some();
                    let span = Span::new(file, typed.unwrap_or(range));
                    diags.push(problem(&found, span, is_typed));
                }
            }
            DeValue::Array(items) => items.iter().for_each(|item| walk(item, file, text, diags)),
            DeValue::Table(table) => table
                .values()
                .for_each(|item| walk(item, file, text, diags)),
            _ => {}
        }
    }
    // Most files hold neither an unseen character nor an escape that makes one: they are
    // not parsed a second time.
    let typed = text.chars().any(|c| unseen(c).is_some());
    let escaped = ["\\u", "\\U", "\\b", "\\f", "\\e", "\\x"]
        .iter()
        .any(|e| text.contains(e));
    if !typed && !escaped {
        return;
    }
    if let Ok(table) = DeTable::parse(text) {
        for value in table.get_ref().values() {
            walk(value, file, text, diags);
        }
    }
}

/// Reports every bidirectional control in a Markdown chapter, at the character. (Control
/// characters are Markdown's to handle: it drops them.)
pub(super) fn in_markdown(file: FileId, text: &str, diags: &mut Diagnostics) {
    for (at, c) in text.char_indices() {
        if let Some(found @ Unseen::Bidi(..)) = unseen(c) {
            diags.push(problem(
                &found,
                Span::new(file, at..at + c.len_utf8()),
                true,
            ));
        }
    }
}
