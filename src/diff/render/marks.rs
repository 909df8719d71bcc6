//! How the two output formats mark things: deletions and insertions, headings and bullets,
//! as Markdown or as plain text (coloured on a terminal).

use super::super::{Op, Segment};
use crate::diag::shown;

/// How the two output formats mark things.
pub(super) struct Marks {
    pub(super) markdown: bool,
    pub(super) colour: bool,
}

impl Marks {
    pub(super) fn deleted(&self, text: &str) -> String {
        self.mark(text, ("~~", "~~"), 31, ("[-", "-]"))
    }

    pub(super) fn inserted(&self, text: &str) -> String {
        self.mark(text, ("**", "**"), 32, ("{+", "+}"))
    }

    /// Text between Markdown marks, or plain marks in an ANSI colour on a terminal.
    fn mark(&self, text: &str, markdown: (&str, &str), colour: u8, plain: (&str, &str)) -> String {
        let text = shown(text.trim());
        let text = text.as_ref();
        let ((open, close), body) = if self.markdown {
            (markdown, md(text))
        } else {
            (plain, text.to_string())
        };
        if text.is_empty() {
            String::new()
        } else if self.colour && !self.markdown {
            format!("\x1b[{colour}m{open}{body}{close}\x1b[0m")
        } else {
            format!("{open}{body}{close}")
        }
    }

    pub(super) fn plain(&self, text: &str) -> String {
        if self.markdown {
            md(&shown(text))
        } else {
            shown(text).into_owned()
        }
    }

    pub(super) fn heading(&self, text: &str) -> String {
        let text = shown(text);
        if self.markdown {
            format!("\n### {}\n\n", md(&text))
        } else if self.colour {
            format!("\n\x1b[1m{text}\x1b[0m\n")
        } else {
            format!("\n{text}\n")
        }
    }

    pub(super) fn bullet(&self, depth: usize) -> String {
        if self.markdown {
            format!("{}- ", "  ".repeat(depth))
        } else {
            "  ".repeat(depth + 1)
        }
    }
}

/// Escapes Markdown's punctuation in text.
pub(super) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A word-level comparison with deletions and insertions marked.
pub(super) fn segments(words: &[Segment], marks: &Marks) -> String {
    let mut out = String::new();
    for s in words {
        // A mark keeps the space before its words ("grow {+and change+}").
        let lead = if s.text.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        let piece = match s.op {
            Op::Equal => marks.plain(&s.text),
            Op::Delete => format!("{lead}{} ", marks.deleted(&s.text)),
            Op::Insert => format!("{lead}{} ", marks.inserted(&s.text)),
        };
        out.push_str(&piece);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
