//! Text from a plan, a workbook or a revision as it may be printed on a terminal. Such text
//! can hold control characters (an escape sequence moves the cursor, erases a line or
//! recolours it, so a line could vanish from a reviewer's screen) and bidirectional
//! overrides (which reorder what a reader sees). Printed, each becomes a visible stand-in
//! one column wide, so that a caret under a source line still lines up.

use std::borrow::Cow;
use std::io::Write;

use codespan_reporting::term::termcolor::{ColorSpec, WriteColor};

/// The stand-in printed for `c`, if `c` must not reach a terminal as it is: the Unicode
/// control picture for C0 controls and DEL ("␛" for escape), "�" for C1 controls and
/// bidirectional marks, overrides and isolates. Line breaks and tabs are kept.
fn stand_in(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// `text` with every character that must not reach a terminal as it is replaced by its
/// stand-in (see the module's comment); borrowed when there is none.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| stand_in(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| stand_in(c).unwrap_or(c)).collect())
}

/// A terminal stream that prints everything written to it through [`shown`]; colours set
/// through [`WriteColor`] pass, so the printer's own colours still work.
pub struct Shown<W> {
    inner: W,
    /// The start of a character split between two writes.
    pending: Vec<u8>,
}

impl<W: WriteColor> Shown<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes what is pending, a split character at the end left for the next write.
    fn pass(&mut self, at_end: bool) -> std::io::Result<()> {
        let bytes = std::mem::take(&mut self.pending);
        let mut rest = bytes.as_slice();
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.inner.write_all(shown(text).as_bytes())?;
                    rest = &[];
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    let text = std::str::from_utf8(valid).unwrap_or_default();
                    self.inner.write_all(shown(text).as_bytes())?;
                    match e.error_len() {
                        // Not text: one stand-in for the bytes that are not.
                        Some(n) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            rest = &after[n..];
                        }
                        None if at_end => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            rest = &[];
                        }
                        None => {
                            self.pending = after.to_vec();
                            rest = &[];
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

impl<W: WriteColor> Write for Shown<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.pass(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.pass(true)?;
        self.inner.flush()
    }
}

impl<W: WriteColor> WriteColor for Shown<W> {
    fn supports_color(&self) -> bool {
        self.inner.supports_color()
    }

    fn set_color(&mut self, spec: &ColorSpec) -> std::io::Result<()> {
        self.pass(true)?;
        self.inner.set_color(spec)
    }

    fn reset(&mut self) -> std::io::Result<()> {
        self.pass(true)?;
        self.inner.reset()
    }
}

#[cfg(test)]
mod tests {
    use super::{Shown, shown};
    use codespan_reporting::term::termcolor::{Ansi, ColorSpec, WriteColor};
    use std::io::Write;

    #[test]
    fn control_characters_and_overrides_are_shown_not_obeyed() {
        assert_eq!(shown("plain „tekstas“\tok\n"), "plain „tekstas“\tok\n");
        assert_eq!(shown("a\u{1b}[1A\u{1b}[2Kb"), "a\u{241b}[1A\u{241b}[2Kb");
        assert_eq!(shown("x\ry\u{7f}"), "x\u{240d}y\u{2421}");
        assert_eq!(shown("\u{202e}evil\u{9b}"), "\u{fffd}evil\u{fffd}");
    }

    #[test]
    fn a_stream_shows_what_is_written_and_keeps_its_own_colours() {
        let mut out = Shown::new(Ansi::new(Vec::new()));
        out.set_color(ColorSpec::new().set_bold(true)).unwrap();
        // "ą" split between two writes, an escape from data, then a reset.
        out.write_all(b"\xc4").unwrap();
        out.write_all(b"\x85 \x1b[2K").unwrap();
        out.reset().unwrap();
        out.flush().unwrap();
        let text = String::from_utf8(out.inner.into_inner()).unwrap();
        assert_eq!(text, "\u{1b}[0m\u{1b}[1mą \u{241b}[2K\u{1b}[0m");
    }
}
