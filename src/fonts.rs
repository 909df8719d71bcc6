//! The fonts built into the binary, so `plan` typesets the same on every machine: Noto Serif
//! for text, Noto Sans for headings and tables, Noto Sans Mono (regular and bold: code in a
//! heading, a table header or `**…**` is bold) for code (all OFL, with full Lithuanian
//! coverage; licence in `fonts/OFL.txt`). Noto Sans Math and Noto Sans Symbols 2 are
//! fallbacks, found by typst for characters the text fonts lack: arrows, check marks and
//! ballot boxes, stars, mathematical operators, geometric shapes and bullets, which people
//! type from a word processor's symbol menu. The plan's own `fonts/` folder adds more.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::Font;
use typst_kit::fonts::FontStore;

/// The embedded font files, by file name.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        pub static EMBEDDED: &[(&str, &[u8])] = &[
            $(($name, include_bytes!(concat!("../fonts/", $name)))),*
        ];
    };
}

embedded!(
    "NotoSerif-Regular.ttf",
    "NotoSerif-Italic.ttf",
    "NotoSerif-Bold.ttf",
    "NotoSerif-BoldItalic.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Italic.ttf",
    "NotoSans-Bold.ttf",
    "NotoSansMono-Regular.ttf",
    "NotoSansMono-Bold.ttf",
    "NotoSansMath-Regular.ttf",
    "NotoSansSymbols2-Regular.ttf",
);

/// Font files larger than this in a plan's `fonts/` folder are skipped.
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// A font store with the embedded fonts and those in the `fonts/` folder of the plan at
/// `root`, if it has one (files that lead outside the plan folder are skipped). System
/// fonts are never used: the output must not depend on the machine.
pub fn store(root: &Path) -> FontStore {
    let mut store = FontStore::new();
    for (_, data) in EMBEDDED {
        add(&mut store, Bytes::new(*data));
    }
    let folder = crate::confine::Folder::new(root);
    if let Ok(entries) = std::fs::read_dir(root.join("fonts")) {
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let is_font = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            });
            let small =
                std::fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_FONT_BYTES);
            if is_font
                && small
                && let Ok(real) = folder.resolve(&path)
                && let Ok(data) = std::fs::read(real)
            {
                add(&mut store, Bytes::new(data));
            }
        }
    }
    store
}

fn add(store: &mut FontStore, data: Bytes) {
    store.extend(Font::iter(data).map(|font| {
        let info = font.info().clone();
        (font, info)
    }));
}

/// Which characters the fonts can show, so that a character no font has is reported where
/// it is written (PDF/A needs a glyph for every character).
pub struct Glyphs {
    coverage: Vec<typst::text::Coverage>,
}

impl Glyphs {
    /// The coverage of the embedded fonts and those in the `fonts/` folder of the plan at
    /// `root`.
    pub fn new(root: &Path) -> Glyphs {
        let store = store(root);
        let book = store.book();
        let coverage = (0..)
            .map_while(|i| book.info(i))
            .map(|info| info.coverage.clone())
            .collect();
        Glyphs { coverage }
    }

    /// Whether some font has a glyph for `c`. Spaces and control characters need none.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || c.is_control()
            || self.coverage.iter().any(|cov| cov.contains(c as u32))
    }
}
