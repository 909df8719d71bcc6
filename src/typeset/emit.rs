//! `plan build --emit-typst DIR`: the generated typst sources on disk, with everything they
//! read (templates, the plan's own files, the embedded fonts) laid out as the world serves
//! them, so that the typst CLI compiles the same work:
//! `typst compile --root DIR --font-path DIR/.plan/fonts --ignore-system-fonts
//! --features a11y-extras DIR/.plan/<document>/main.typ`.

use std::io;
use std::path::Path;

use super::templates;
use crate::fonts;

/// Writes the plan folder's files, the templates, the fonts, the `generated` files
/// (virtual path, text) and the converted pictures into `dir`.
pub(super) fn write<'a>(
    dir: &Path,
    root: &Path,
    generated: impl Iterator<Item = &'a (String, String)>,
    images: &[crate::images::Converted],
) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let skip = dir.canonicalize()?;
    copy_plan(root, dir, &skip, true)?;
    let templates_dir = dir.join("templates");
    std::fs::create_dir_all(&templates_dir)?;
    for (name, text) in templates::all() {
        // A template of the plan's own was copied with the plan folder: it is written as
        // typst reads it, over the built-in one (written to `templates/built-in/`).
        let own = templates_dir.join(name);
        let target = if templates::overridden(root, name) {
            std::fs::write(&own, templates::layered(name, &std::fs::read(&own)?))?;
            templates_dir.join(templates::BUILT_IN_DIR).join(name)
        } else {
            own
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, text)?;
    }
    let fonts_dir = dir.join(".plan/fonts");
    std::fs::create_dir_all(&fonts_dir)?;
    for (name, data) in fonts::EMBEDDED {
        std::fs::write(fonts_dir.join(name), data)?;
    }
    let texts = generated.map(|(path, text)| (path, text.as_bytes()));
    let pictures = images.iter().map(|i| (&i.path, i.bytes.as_slice()));
    for (path, bytes) in texts.chain(pictures) {
        let target = dir.join(path.trim_start_matches('/'));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, bytes)?;
    }
    Ok(())
}

/// Copies the plan folder: everything but earlier outputs in `build/` and the emit folder
/// itself. Symbolic links are not followed, as the world refuses them too.
fn copy_plan(from: &Path, to: &Path, skip: &Path, top: bool) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if path.canonicalize().is_ok_and(|p| p == skip) {
            continue;
        }
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            if top && entry.file_name() == "build" {
                continue;
            }
            copy_plan(&path, &target, skip, false)?;
        } else if kind.is_file() {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}
