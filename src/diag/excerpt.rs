//! Very long source lines cut for printing: a 1 MB title must not be echoed whole under a
//! diagnostic. A line longer than [`LONGEST`] characters is shown as a window around the
//! place the diagnostic points at, with "…" where it is cut; line numbers and the
//! "file:line:column" header stay those of the file as written.

use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::files::{Error, Files, Location, SimpleFile, SimpleFiles};

use super::Span;

/// The longest line printed whole, in bytes (about two screen widths).
pub(super) const LONGEST: usize = 240;

/// What is shown of a long line around a place: this much before it and after it.
const BEFORE: usize = 60;
const AFTER: usize = 120;

const ELLIPSIS: &str = "…";

/// One cut line of one file: the file's text with that line shortened.
struct Cut {
    /// The whole line as written, without its line break.
    line: Range<usize>,
    /// The part of the line shown.
    window: Range<usize>,
    /// The file's text with the line replaced by the window (and ellipses).
    file: SimpleFile<String, String>,
}

impl Cut {
    /// Bytes the window's text starts after, within the cut line: an ellipsis when the
    /// line is cut at its start.
    fn lead(&self) -> usize {
        if self.window.start > self.line.start {
            ELLIPSIS.len()
        } else {
            0
        }
    }

    /// How much shorter the text is after the line than before.
    fn shrink(&self) -> usize {
        let shown = self.lead()
            + self.window.len()
            + if self.window.end < self.line.end {
                ELLIPSIS.len()
            } else {
                0
            };
        self.line.len() - shown
    }

    fn to_excerpt(&self, byte: usize) -> usize {
        if byte < self.line.start {
            byte
        } else if byte <= self.line.end {
            let inside = byte.clamp(self.window.start, self.window.end);
            self.line.start + self.lead() + (inside - self.window.start)
        } else {
            byte - self.shrink()
        }
    }

    fn to_original(&self, byte: usize) -> usize {
        let start = self.line.start + self.lead();
        let end = start + self.window.len();
        if byte < self.line.start {
            byte
        } else if byte < start {
            self.window.start
        } else if byte <= end {
            self.window.start + (byte - start)
        } else if byte <= self.line.end - self.shrink() {
            self.window.end
        } else {
            byte + self.shrink()
        }
    }
}

/// The registered files, with the long lines one diagnostic points into cut.
pub(super) struct Excerpts<'a> {
    files: &'a SimpleFiles<String, String>,
    cuts: HashMap<usize, Cut>,
}

impl<'a> Excerpts<'a> {
    /// The files as a diagnostic pointing at `spans` (its first is the main place) prints
    /// them; `None` when no line it shows is long.
    pub(super) fn new(
        files: &'a SimpleFiles<String, String>,
        spans: &[&Span],
    ) -> Option<Excerpts<'a>> {
        let mut cuts = HashMap::new();
        for span in spans {
            if cuts.contains_key(&span.file) {
                continue;
            }
            let Ok(file) = files.get(span.file) else {
                continue;
            };
            let text = file.source();
            let at = span.range.start.min(text.len());
            let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            if end - start <= LONGEST {
                continue;
            }
            let boundary = |mut i: usize| {
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let window =
                boundary(at.saturating_sub(BEFORE).max(start))..boundary((at + AFTER).min(end));
            let mut cut_text = String::with_capacity(text.len() - (end - start) + 300);
            cut_text.push_str(&text[..start]);
            if window.start > start {
                cut_text.push_str(ELLIPSIS);
            }
            cut_text.push_str(&text[window.clone()]);
            if window.end < end {
                cut_text.push_str(ELLIPSIS);
            }
            cut_text.push_str(&text[end..]);
            cuts.insert(
                span.file,
                Cut {
                    line: start..end,
                    window,
                    file: SimpleFile::new(file.name().clone(), cut_text),
                },
            );
        }
        (!cuts.is_empty()).then_some(Excerpts { files, cuts })
    }

    /// A byte range of a file as written, in the printed text.
    pub(super) fn range(&self, file: usize, range: Range<usize>) -> Range<usize> {
        match self.cuts.get(&file) {
            Some(cut) => {
                let start = cut.to_excerpt(range.start);
                start..cut.to_excerpt(range.end).max(start)
            }
            None => range,
        }
    }
}

impl<'a> Files<'a> for Excerpts<'_> {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, Error> {
        self.files.name(id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        match self.cuts.get(&id) {
            Some(cut) => Ok(cut.file.source().as_str()),
            None => self.files.source(id),
        }
    }

    fn line_index(&'a self, id: usize, byte: usize) -> Result<usize, Error> {
        match self.cuts.get(&id) {
            Some(cut) => cut.file.line_index((), byte),
            None => self.files.line_index(id, byte),
        }
    }

    fn line_range(&'a self, id: usize, line: usize) -> Result<Range<usize>, Error> {
        match self.cuts.get(&id) {
            Some(cut) => cut.file.line_range((), line),
            None => self.files.line_range(id, line),
        }
    }

    /// The header's line and column: those of the file as written.
    fn location(&'a self, id: usize, byte: usize) -> Result<Location, Error> {
        match self.cuts.get(&id) {
            Some(cut) => self.files.location(id, cut.to_original(byte)),
            None => self.files.location(id, byte),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_its_place() {
        let mut files = SimpleFiles::new();
        let line = format!("title = \"{}X{}\"", "a".repeat(500), "b".repeat(500));
        let text = format!("[plan]\n{line}\nversion = \"1\"\n");
        let file = files.add("plan.toml".to_string(), text.clone());
        let at = text.find('X').expect("X");
        let span = Span::new(file, at..at + 1);
        let excerpts = Excerpts::new(&files, &[&span]).expect("cut");
        let shown = excerpts.source(file).expect("source");
        let range = excerpts.range(file, at..at + 1);
        assert_eq!(&shown[range.clone()], "X");
        assert!(shown.lines().nth(1).expect("line").len() < LONGEST);
        assert!(shown.lines().nth(1).expect("line").starts_with(ELLIPSIS));
        assert_eq!(shown.lines().nth(2), Some("version = \"1\""));
        let location = excerpts.location(file, range.start).expect("location");
        assert_eq!(
            (location.line_number, location.column_number),
            (2, at - 7 + 1)
        );
        // Short lines are printed as they are.
        let short = Span::new(file, 0..1);
        assert!(Excerpts::new(&files, &[&short]).is_none());
    }
}
