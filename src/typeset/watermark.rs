//! The draft's watermark ("PROJEKTAS" across every page) as a drawing: the letters' outlines
//! in an SVG picture, not text. Text in the page's background would come out when a reader
//! copies a page or a tool extracts its words ("PROJEKTAS" in the middle of a sentence);
//! outlines are only seen. The templates draw it with `image("/.plan/watermark/<lang>.svg")`.

use std::fmt::Write as _;

use crate::generated::GENERATED_DIR;
use crate::load::raw::Language;

/// The font the mark is drawn in (the headings' sans, bold).
const FONT: &str = "NotoSans-Bold.ttf";

/// The watermark pictures, one per language: (virtual path, SVG).
pub(super) fn files() -> Vec<(String, String)> {
    [Language::Lt, Language::En]
        .into_iter()
        .filter_map(|language| {
            let code = match language {
                Language::Lt => "lt",
                Language::En => "en",
            };
            let words: Words = crate::words::read(language).ok()?;
            Some((virtual_path(code), svg(&words.draft)?))
        })
        .collect()
}

/// The one word the mark needs from a language's word list.
#[derive(serde::Deserialize)]
struct Words {
    draft: String,
}

/// Where the templates find the mark of language `code`.
pub(super) fn virtual_path(code: &str) -> String {
    format!("{GENERATED_DIR}/watermark/{code}.svg")
}

/// `word` as the outlines of its letters, a light grey, on a transparent ground as wide
/// and high as the word.
fn svg(word: &str) -> Option<String> {
    let data = crate::fonts::EMBEDDED
        .iter()
        .find(|(name, _)| *name == FONT)?
        .1;
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    let (ascender, descender) = (f32::from(face.ascender()), f32::from(face.descender()));
    let mut paths = String::new();
    let mut x = 0.0_f32;
    for c in word.chars() {
        let glyph = face.glyph_index(c)?;
        let mut outline = Outline {
            d: String::new(),
            x,
            top: ascender,
        };
        face.outline_glyph(glyph, &mut outline);
        if !outline.d.is_empty() {
            let _ = write!(paths, "<path d=\"{}\"/>", outline.d);
        }
        x += f32::from(face.glyph_hor_advance(glyph)?);
    }
    let height = ascender - descender;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {x:.0} {height:.0}\" \
         width=\"{x:.0}\" height=\"{height:.0}\"><g fill=\"#eeeeee\">{paths}</g></svg>"
    ))
}

/// A glyph's outline as SVG path data, moved `x` to the right, with y downwards from `top`.
struct Outline {
    d: String,
    x: f32,
    top: f32,
}

impl Outline {
    fn point(&mut self, x: f32, y: f32) {
        let _ = write!(self.d, "{:.1} {:.1} ", self.x + x, self.top - y);
    }
}

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.d.push('M');
        self.point(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.d.push('L');
        self.point(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.d.push('Q');
        self.point(x1, y1);
        self.point(x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.d.push('C');
        self.point(x1, y1);
        self.point(x2, y2);
        self.point(x, y);
    }
    fn close(&mut self) {
        self.d.push('Z');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_is_outlines_without_text() {
        let files = files();
        assert_eq!(files.len(), 2, "a mark for each language");
        for (path, svg) in files {
            assert!(path.ends_with(".svg"));
            assert!(svg.matches("<path d=\"M").count() >= 5, "{svg:.200}");
            assert!(!svg.contains("<text"), "no text in {path}");
        }
    }
}
