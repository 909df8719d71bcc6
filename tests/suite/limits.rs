//! Issue 29: every resource limit covers every way in. The picture cache trusts nothing it
//! finds, pictures inside SVGs keep the pixel limit, a plan's fonts are bounded, and
//! WebAssembly plugins are refused unless the plan opts in.

use std::path::{Path, PathBuf};

use plan::Outcome;
use plan::diag::{Diagnostics, Sources};

use crate::common::{build, chapter_plan, copy_of_basic, render};
use crate::robustness::{plan_within, png_header};

/// A copy of the basic plan built once into its own `build/`, and the one entry its
/// picture cache then holds (the converted `images/chart.bmp`).
fn plan_with_cache() -> (tempfile::TempDir, PathBuf) {
    let dir = copy_of_basic();
    let (status, stderr) = plan_within(&["build"], dir.path(), 120);
    assert_eq!(status.code(), Some(0), "{stderr}");
    let entries: Vec<PathBuf> = std::fs::read_dir(dir.path().join("build/.cache/images"))
        .expect("the build keeps its converted picture")
        .map(|e| e.expect("cache entry").path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = entries.into_iter().next().expect("one entry");
    (dir, entry)
}

/// The converted picture a build of `dir` (into its `build/`) would embed, and whether
/// it came from the cache.
fn served(dir: &Path) -> (Vec<u8>, bool) {
    let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
    let checked = plan::check(dir, &mut sources, &mut diags).expect("the plan loads");
    let rendered = plan::render(&checked, None, &mut diags);
    assert_eq!(diags.exit_status(false), 0, "{}", render(&sources, &diags));
    let [image] = rendered.images.as_slice() else {
        panic!("one converted picture expected");
    };
    (image.bytes.as_slice().to_vec(), image.cached)
}

/// A small PNG unlike the plan's chart.
fn foreign_png(path: &Path) -> Vec<u8> {
    image::RgbImage::from_pixel(4, 4, image::Rgb([255, 0, 0]))
        .save(path)
        .expect("write PNG");
    std::fs::read(path).expect("read PNG")
}

#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
/// Makes a named pipe at `path`.
fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.to_string_lossy().as_bytes()).expect("path");
    // SAFETY: `name` is a valid NUL-terminated path; mkfifo only creates the file.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// Item 2: a cache entry that is a link to a picture outside the plan is not embedded;
/// the picture is converted again from the plan's own.
#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
#[test]
fn a_cache_entry_linked_outside_is_not_embedded() {
    let (dir, entry) = plan_with_cache();
    let (fresh, cached) = served(dir.path());
    assert!(cached, "the build's own entry is reused");
    let outside = tempfile::tempdir().expect("outside");
    let secret = foreign_png(&outside.path().join("secret.png"));
    std::fs::remove_file(&entry).expect("remove entry");
    std::os::unix::fs::symlink(outside.path().join("secret.png"), &entry).expect("symlink");
    let (bytes, cached) = served(dir.path());
    assert!(!cached);
    assert_ne!(bytes, secret, "the outside picture was embedded");
    assert_eq!(bytes, fresh);
}

/// Item 2: a cache file put there by someone else (committed with the plan) does not
/// replace the plan's picture.
#[test]
fn a_planted_cache_entry_does_not_replace_the_picture() {
    let (dir, entry) = plan_with_cache();
    let (fresh, _) = served(dir.path());
    let planted = foreign_png(&entry);
    let (bytes, cached) = served(dir.path());
    assert!(!cached);
    assert_ne!(bytes, planted, "the planted picture was embedded");
    assert_eq!(bytes, fresh);
}

/// Item 2: a pipe in the cache makes no command wait for ever.
#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
#[test]
fn a_pipe_in_the_cache_hangs_nothing() {
    let (dir, entry) = plan_with_cache();
    std::fs::remove_file(&entry).expect("remove entry");
    mkfifo(&entry);
    for command in [
        &["check"][..],
        &["export", "--format", "json"],
        &["preview", "--pages", "1", "--document", "actions"],
        &["build"],
    ] {
        let (status, stderr) = plan_within(command, dir.path(), 60);
        assert_eq!(status.code(), Some(0), "{command:?}: {stderr}");
    }
}

/// Item 2: a cache entry linked to `/dev/zero` is not read (it would fill memory and
/// blame the templates).
#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
#[test]
fn a_cache_entry_linked_to_dev_zero_is_not_read() {
    let (dir, entry) = plan_with_cache();
    std::fs::remove_file(&entry).expect("remove entry");
    std::os::unix::fs::symlink("/dev/zero", &entry).expect("symlink");
    let (status, stderr) = plan_within(&["build"], dir.path(), 30);
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("GiB"), "{stderr}");
}

/// Standard base64, for `data:` URIs.
fn base64(bytes: &[u8]) -> String {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                text.push(DIGITS[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                text.push('=');
            }
        }
    }
    text
}

/// An SVG showing the picture `href` points at.
fn svg_with(href: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
         width=\"100\" height=\"100\"><image xlink:href=\"{href}\" width=\"100\" height=\"100\"/></svg>"
    )
}

/// Item 6a: a PNG of 20 000 × 20 000 pixels held in an SVG as a base64 `data:` URI, also
/// one more SVG deep and also spelt with a character reference, is refused at the line
/// that shows the SVG, like a picture the SVG links to.
#[test]
fn pictures_inside_an_svg_keep_the_pixel_limit() {
    let png = format!(
        "data:image/png;base64,{}",
        base64(&png_header(20_000, 20_000))
    );
    let nested = format!(
        "data:image/svg+xml;base64,{}",
        base64(svg_with(&png).as_bytes())
    );
    let spelt = png.replacen('d', "&#100;", 1);
    for (href, says) in [
        (
            &png,
            "holds a picture (a `data:` URI) that has too many pixels (20000 × 20000",
        ),
        (
            &nested,
            "holds a picture (a `data:` URI) that holds a picture (a `data:` URI) that has too many pixels",
        ),
        (&spelt, "has too many pixels (20000 × 20000"),
    ] {
        let dir = chapter_plan("# Pictures\n\n![A diagram](images/diagram.svg)\n", &[]);
        std::fs::write(dir.path().join("images/diagram.svg"), svg_with(href)).expect("SVG");
        let (_out, outcome, sources, diags) = build(dir.path());
        let printed = render(&sources, &diags);
        assert!(matches!(outcome, Outcome::Failed), "{outcome:?}\n{printed}");
        assert!(printed.contains(says), "{printed}");
        assert!(printed.contains("chapters/text.md:3:"), "{printed}");
    }
}

/// Item 6a: the same SVG shown by a template of the plan is refused where the template
/// names it.
#[test]
fn pictures_inside_an_svg_a_template_shows_keep_the_pixel_limit() {
    let dir = copy_of_basic();
    let png = format!(
        "data:image/png;base64,{}",
        base64(&png_header(20_000, 20_000))
    );
    std::fs::write(dir.path().join("images/diagram.svg"), svg_with(&png)).expect("SVG");
    std::fs::create_dir_all(dir.path().join("templates")).expect("templates");
    std::fs::write(
        dir.path().join("templates/vision.typ"),
        "#let render(data, texts) = image(\"/images/diagram.svg\")\n",
    )
    .expect("template");
    let (_out, outcome, sources, diags) = build(dir.path());
    let printed = render(&sources, &diags);
    assert!(matches!(outcome, Outcome::Failed), "{outcome:?}\n{printed}");
    assert!(
        printed.contains("the picture holds a picture (a `data:` URI) that has too many pixels"),
        "{printed}"
    );
    assert!(printed.contains("templates/vision.typ:1:"), "{printed}");
}

/// Item 6b: a font file over 64 MiB, and fonts beyond 256 MiB in all, are refused with a
/// problem naming them (sparse files: nothing is written to disk).
#[test]
fn too_large_and_too_many_fonts_are_refused_by_name() {
    let dir = copy_of_basic();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir_all(&fonts).expect("fonts");
    let sparse = |name: &str, mib: u64| {
        let file = std::fs::File::create(fonts.join(name)).expect("font file");
        file.set_len(mib * 1024 * 1024).expect("size");
    };
    sparse("Huge.ttf", 65);
    for i in 0..6 {
        sparse(&format!("Big{i}.ttf"), 60);
    }
    let (status, stderr) = plan_within(&["check"], dir.path(), 30);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "the font `fonts/Huge.ttf` is too large (65 MiB; the limit is 64 MiB a font file)"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("holds more fonts than `plan` loads (at most 64 files and 256 MiB in all): `fonts/Big4.ttf` and `fonts/Big5.ttf` are not used"),
        "{stderr}"
    );
}

/// Item 6b: more than 64 font files are refused by name too.
#[test]
fn more_than_64_font_files_are_refused() {
    let dir = copy_of_basic();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir_all(&fonts).expect("fonts");
    let font = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/NotoSansMono-Regular.ttf");
    for i in 0..70 {
        std::fs::copy(&font, fonts.join(format!("Copy{i:02}.ttf"))).expect("copy font");
    }
    let (status, stderr) = plan_within(&["check"], dir.path(), 30);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("`fonts/Copy64.ttf` and 5 more are not used"),
        "{stderr}"
    );
}

/// Item 6c: a template's `plugin(…)` is refused, at its line, unless plan.toml opts in
/// with `[templates] plugins = true`; with it, typst loads the plugin.
#[test]
fn plugins_are_refused_unless_the_plan_opts_in() {
    let dir = copy_of_basic();
    std::fs::create_dir_all(dir.path().join("templates")).expect("templates");
    // The smallest WebAssembly module: magic and version, no memory.
    std::fs::write(dir.path().join("templates/tool.wasm"), b"\0asm\x01\0\0\0").expect("wasm");
    std::fs::write(
        dir.path().join("templates/vision.typ"),
        "#let tool = plugin(\"tool.wasm\")\n#let render(data, texts) = [Vision]\n",
    )
    .expect("template");
    let (_out, outcome, sources, diags) = build(dir.path());
    let printed = render(&sources, &diags);
    assert!(matches!(outcome, Outcome::Failed), "{outcome:?}\n{printed}");
    assert!(
        printed.contains("the template loads the WebAssembly plugin `tool.wasm`, but plugins are off for this plan"),
        "{printed}"
    );
    assert!(printed.contains("templates/vision.typ:1:"), "{printed}");
    assert!(
        printed.contains("`[templates] plugins = true`"),
        "{printed}"
    );
    // Bytes read by the template itself are refused the same way.
    std::fs::write(
        dir.path().join("templates/vision.typ"),
        "#let tool = plugin(read(\"tool.wasm\", encoding: none))\n#let render(data, texts) = [Vision]\n",
    )
    .expect("template");
    let (_out, _, sources, diags) = build(dir.path());
    let printed = render(&sources, &diags);
    assert!(
        printed.contains("but plugins are off for this plan"),
        "{printed}"
    );
    // Opted in, the plugin reaches typst (which finds this one has no memory).
    let toml = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    std::fs::write(&toml, format!("{text}\n[templates]\nplugins = true\n")).expect("write");
    let (_out, _, sources, diags) = build(dir.path());
    let printed = render(&sources, &diags);
    assert!(
        printed.contains("plugin does not export its memory"),
        "{printed}"
    );
    assert!(!printed.contains("plugins are off"), "{printed}");
}

/// What a killed build left in the picture cache is removed, but never through a `.cache`
/// folder that is a link out of the plan: files there are not the plan's to remove.
#[cfg(unix)] // named pipes, symbolic links or wait4: Unix calls
#[test]
fn leftovers_are_swept_only_in_a_cache_of_the_plan_s_own() {
    let (dir, entry) = plan_with_cache();
    let cache = entry.parent().expect("cache folder");
    let left = cache.join(".plan-killed.tmp");
    std::fs::write(&left, b"half a picture").expect("leftover");
    let (status, stderr) = plan_within(&["build"], dir.path(), 120);
    assert_eq!(status.code(), Some(0), "{stderr}");
    let outside = tempfile::tempdir().expect("outside");
    let theirs = outside.path().join("images/.plan-theirs.tmp");
    std::fs::create_dir_all(theirs.parent().expect("folder")).expect("folder");
    std::fs::write(&theirs, b"someone else's").expect("their file");
    let dot_cache = dir.path().join("build/.cache");
    std::fs::remove_dir_all(&dot_cache).expect("remove cache");
    std::os::unix::fs::symlink(outside.path(), &dot_cache).expect("symlink");
    let (status, stderr) = plan_within(&["build"], dir.path(), 120);
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!left.exists(), "the killed build's leftover stays");
    assert!(theirs.exists(), "a file outside the plan was removed");
}
