//! The runs the body writer wrote, read back and written again with changes in them: a
//! run's text split where the comparison says, its look kept.

use super::super::xml::escape;
use crate::diff::{Op, Segment};

/// A character boundary at or before `n` (at least the first character).
pub(super) fn floor_char(text: &str, n: usize) -> usize {
    let mut n = n.min(text.len());
    while n > 0 && !text.is_char_boundary(n) {
        n -= 1;
    }
    if n == 0 {
        text.chars().next().map_or(0, char::len_utf8)
    } else {
        n
    }
}

/// Where the comparison is, as the runs' text is written.
pub(super) struct Cursor<'s> {
    pub segments: &'s [Segment],
    pub at: usize,
    /// Bytes of the segment `at` already written.
    pub offset: usize,
}

impl<'s> Cursor<'s> {
    /// The deleted segments at the cursor, passed over.
    pub(super) fn deletions(&mut self) -> Vec<&'s str> {
        let mut out = Vec::new();
        while let Some(s) = self.segments.get(self.at) {
            if s.op != Op::Delete {
                break;
            }
            out.push(s.text.as_str());
            self.at += 1;
            self.offset = 0;
        }
        out
    }

    /// Up to `wanted` bytes of the equal or inserted segment at the cursor: its op and how
    /// many bytes.
    pub(super) fn take(&mut self, wanted: usize) -> Option<(Op, usize)> {
        let s = self.segments.get(self.at)?;
        let left = s.text.len() - self.offset;
        let n = left.min(wanted);
        let n = floor_char(&s.text[self.offset..], n);
        self.offset += n;
        if self.offset >= s.text.len() {
            self.at += 1;
            self.offset = 0;
        }
        Some((s.op, n))
    }
}

/// A run holding text (line ends as `<w:br/>`), deleted text as `w:delText`.
pub(super) fn text_run(properties: &str, text: &str, deleted: bool) -> String {
    let tag = if deleted { "w:delText" } else { "w:t" };
    let mut out = format!("<w:r>{properties}");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        if !line.is_empty() {
            out.push_str(&format!(
                "<{tag} xml:space=\"preserve\">{}</{tag}>",
                escape(line)
            ));
        }
    }
    out.push_str("</w:r>");
    out
}

/// A piece of a paragraph's content as the writer writes it.
pub(super) enum Piece<'x> {
    /// Anything but a run (a link's or bookmark's tags), kept as it is.
    Other(&'x str),
    /// A run of text (its line breaks as line ends) with its properties.
    Text { properties: &'x str, text: String },
    /// A run holding no text (a footnote reference, a drawing), kept as it is.
    Opaque { properties: &'x str, inner: &'x str },
}

/// The pieces of runs the writer wrote (`<w:r>` never nests, and holds `w:rPr` first).
pub(super) fn pieces(content: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = content;
    while let Some(start) = rest.find("<w:r>") {
        if start > 0 {
            out.push(Piece::Other(&rest[..start]));
        }
        let body = &rest[start + "<w:r>".len()..];
        let Some(end) = body.find("</w:r>") else {
            out.push(Piece::Other(&rest[start..]));
            return out;
        };
        let inner = &body[..end];
        let (properties, inner) = match inner.find("</w:rPr>") {
            Some(p) if inner.starts_with("<w:rPr>") => inner.split_at(p + "</w:rPr>".len()),
            _ => ("", inner),
        };
        match run_text(inner) {
            Some(text) => out.push(Piece::Text { properties, text }),
            None => out.push(Piece::Opaque { properties, inner }),
        }
        rest = &body[end + "</w:r>".len()..];
    }
    if !rest.is_empty() {
        out.push(Piece::Other(rest));
    }
    out
}

/// The text of a run made only of `w:t` and `w:br` (line ends), unescaped.
fn run_text(inner: &str) -> Option<String> {
    const OPEN: &str = "<w:t xml:space=\"preserve\">";
    let mut out = String::new();
    let mut rest = inner;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<w:br/>") {
            out.push('\n');
            rest = after;
        } else if let Some(after) = rest.strip_prefix(OPEN) {
            let end = after.find("</w:t>")?;
            out.push_str(&unescape(&after[..end]));
            rest = &after[end + "</w:t>".len()..];
        } else {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The text of runs as shown: what a paragraph is compared by.
pub(crate) fn text_of(content: &str) -> String {
    pieces(content)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text { text, .. } => Some(text),
            _ => None,
        })
        .collect()
}
