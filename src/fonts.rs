//! The fonts built into the binary, so `plan` typesets the same on every machine: Noto Serif
//! for text, Noto Sans for headings and tables, Noto Sans Mono (regular and bold: code in a
//! heading, a table header or `**…**` is bold) for code (all OFL, with full Lithuanian
//! coverage; licence in `fonts/OFL.txt`). Noto Sans Math and Noto Sans Symbols 2 are
//! fallbacks, found by typst for characters the text fonts lack: arrows, check marks and
//! ballot boxes, stars, mathematical operators, geometric shapes and bullets, which people
//! type from a word processor's symbol menu. The plan's own `fonts/` folder adds more.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::FontStore;

use crate::confine::Unreadable;
use crate::diag::{Diagnostic, Diagnostics, codes};

/// The embedded font files, by file name.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        pub(crate) static EMBEDDED: &[(&str, &[u8])] = &[
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

/// Largest font file a plan's `fonts/` folder may hold: the largest single fonts in use
/// (a CJK family's collection) stay below it.
pub(crate) const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes of fonts a plan may add: every font is held in memory during a build, so
/// this bounds what a plan folder's fonts can cost (four of the largest fonts).
pub(crate) const MAX_FONTS_TOTAL: u64 = 256 * 1024 * 1024;
/// Most font files a plan may add: more than any document uses.
pub(crate) const MAX_FONT_FILES: usize = 64;

/// The fonts of one plan, embedded and its own, read once: the glyph check and every
/// document's typst world share them (a font's bytes are shared, never copied).
#[derive(Clone)]
pub struct Fonts {
    faces: Arc<[(Font, FontInfo)]>,
    /// The digest of the plan's own font files (those beside plan's built-in ones), in
    /// order: a document typeset with other fonts is typeset again.
    own: [u8; 32],
}

impl Fonts {
    /// The embedded fonts and those in the `fonts/` folder of the plan at `root`, if it
    /// has one. Files that lead outside the plan folder or are no regular files are
    /// skipped; files over the limits are refused with a problem naming them. System
    /// fonts are never used: the output must not depend on the machine.
    pub fn load(root: &Path, diags: &mut Diagnostics) -> Fonts {
        let mut faces: Vec<(Font, FontInfo)> = EMBEDDED
            .iter()
            .flat_map(|(_, data)| faces(Bytes::new(*data)))
            .collect();
        let mut budget = Budget::default();
        let folder = crate::confine::Folder::new(root);
        let mut own = <sha2::Sha256 as sha2::Digest>::new();
        for path in font_files(root) {
            let Ok(real) = folder.resolve(&path) else {
                continue;
            };
            let shown = shown(root, &path);
            match crate::confine::read_regular(&real, MAX_FONT_BYTES) {
                Ok(data) if budget.admits(&shown, data.len() as u64) => {
                    sha2::Digest::update(&mut own, &data);
                    faces.extend(self::faces(Bytes::new(data)));
                }
                Ok(_) | Err(Unreadable::NotRegular | Unreadable::Io(_)) => {}
                Err(Unreadable::TooLarge(bytes)) => diags.push(too_large(&shown, bytes)),
            }
        }
        diags.extend(budget.refusal());
        Fonts {
            faces: faces.into(),
            own: sha2::Digest::finalize(own).into(),
        }
    }

    /// The digest of the plan's own font files.
    pub(crate) fn own(&self) -> [u8; 32] {
        self.own
    }

    /// A font store for typst holding these fonts.
    pub fn store(&self) -> FontStore {
        let mut store = FontStore::new();
        store.extend(self.faces.iter().cloned());
        store
    }
}

/// The files with a font's extension in the plan's `fonts/` folder, in name order.
fn font_files(root: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join("fonts")) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|path| {
            path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            })
        })
        .collect();
    paths.sort();
    paths
}

/// A path as the user knows it: from the plan folder, with `/`.
fn shown(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.to_string_lossy().replace('\\', "/")
}

/// Every font in a font file (a collection holds several).
fn faces(data: Bytes) -> impl Iterator<Item = (Font, FontInfo)> {
    Font::iter(data).map(|font| {
        let info = font.info().clone();
        (font, info)
    })
}

/// The problem of one font file over the size limit.
fn too_large(shown: &str, bytes: u64) -> Diagnostic {
    Diagnostic::error(format!(
        "the font `{shown}` is too large ({} MiB; the limit is {} MiB a font file); it is not used",
        bytes / MIB,
        MAX_FONT_BYTES / MIB
    ))
    .code(codes::FONT_TOO_LARGE)
    .hint("use a font file with only the styles the plan needs, or a subset of the font with only the scripts it needs")
}

const MIB: u64 = 1024 * 1024;

/// What the plan's own fonts have taken so far, and which were refused for it.
#[derive(Default)]
struct Budget {
    files: usize,
    bytes: u64,
    refused: Vec<String>,
}

impl Budget {
    /// Whether one more font file of `bytes` keeps the limits; if not, it is noted.
    fn admits(&mut self, shown: &str, bytes: u64) -> bool {
        let fits = self.files < MAX_FONT_FILES && self.bytes + bytes <= MAX_FONTS_TOTAL;
        if fits {
            self.files += 1;
            self.bytes += bytes;
        } else {
            self.refused.push(shown.to_string());
        }
        fits
    }

    /// The problem naming the font files refused for the limits, if any.
    fn refusal(&self) -> Option<Diagnostic> {
        let first = self.refused.first()?;
        let more = match self.refused.len() - 1 {
            0 => String::new(),
            1 => format!(" and `{}`", self.refused[1]),
            n => format!(" and {n} more"),
        };
        Some(
            Diagnostic::error(format!(
                "the plan's `fonts/` folder holds more fonts than `plan` loads (at most {MAX_FONT_FILES} files and {} MiB in all): `{first}`{more} are not used",
                MAX_FONTS_TOTAL / MIB
            ))
            .code(codes::TOO_MANY_FONTS)
            .hint("keep only the fonts the plan's templates use: every font is held in memory while the plan is built"),
        )
    }
}

/// Which characters the fonts can show, so that a character no font has is reported where
/// it is written (PDF/A needs a glyph for every character).
pub(crate) struct Glyphs {
    coverage: Vec<typst::text::Coverage>,
}

impl Glyphs {
    /// The coverage of a plan's fonts.
    pub(crate) fn new(fonts: &Fonts) -> Glyphs {
        let coverage = fonts
            .faces
            .iter()
            .map(|(_, info)| info.coverage.clone())
            .collect();
        Glyphs { coverage }
    }

    /// Whether some font has a glyph for `c`. Spaces and control characters need none.
    pub(crate) fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || c.is_control()
            || self.coverage.iter().any(|cov| cov.contains(c as u32))
    }
}
