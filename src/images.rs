//! Pictures for chapters and the title page: confined to the plan folder, decoded with
//! limits (a decompression bomb is an error, not an out-of-memory), converted to PNG when
//! typst cannot embed the format, and downscaled when needlessly large. Converted pictures
//! reach typst from memory. A successful build keeps them in the output folder's
//! `.cache/images/` (see [`cache`]: nothing there is trusted unverified), so rebuilds
//! reuse them; checks and failed builds write nothing.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use sha2::{Digest, Sha256};

/// Largest image file read.
pub(crate) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most pixels a raster may have; more is refused before decoding.
const MAX_PIXELS: u64 = 100_000_000;
/// Longest side kept: 4000 px is 300 dpi across 34 cm, more than any page needs.
const MAX_SIDE: u32 = 4000;
/// Most memory one decode may take.
const MAX_ALLOC: u64 = 1024 * 1024 * 1024;

/// Why an image cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ImageError {
    NotFound,
    /// The path resolves outside the plan folder (e.g. through a symlink).
    Outside,
    TooLarge(u64),
    TooManyPixels(u32, u32),
    Undecodable(String),
    /// The picture could not be converted.
    Conversion(String),
    /// An SVG links to a picture (by its path) that cannot be used.
    Linked(String, Box<ImageError>),
    /// An SVG holds a picture (in a `data:` URI) that cannot be used.
    Embedded(Box<ImageError>),
    /// A PDF has no such page: the page asked for and how many it has.
    NoPage(u32, usize),
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ImageError::NotFound => write!(f, "was not found in the plan folder"),
            ImageError::Outside => write!(f, "lies outside the plan folder"),
            ImageError::TooLarge(bytes) => write!(
                f,
                "is too large ({} MiB; the limit is {} MiB)",
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            ImageError::TooManyPixels(w, h) => write!(
                f,
                "has too many pixels ({w} × {h}; the limit is {} megapixels)",
                MAX_PIXELS / 1_000_000
            ),
            ImageError::Undecodable(why) => write!(f, "cannot be read as an image: {why}"),
            ImageError::Conversion(why) => write!(f, "could not be converted: {why}"),
            ImageError::Linked(path, problem) => {
                write!(f, "links to the picture `{path}`, which {problem}")
            }
            ImageError::Embedded(problem) => {
                write!(f, "holds a picture (a `data:` URI) that {problem}")
            }
            ImageError::NoPage(page, 1) => write!(f, "has no page {page}, only one"),
            ImageError::NoPage(page, count) => {
                write!(f, "has no page {page}, only {count} pages")
            }
        }
    }
}

impl ImageError {
    /// What the user can do about it.
    pub(crate) fn hint(&self) -> &'static str {
        match self {
            ImageError::NotFound => {
                "paths are relative to the plan folder, e.g. images/chart.png; check the spelling, the folder and the file's extension"
            }
            ImageError::Outside => "copy the picture into the plan folder",
            ImageError::TooLarge(_) | ImageError::TooManyPixels(..) => {
                "scale the picture down: 4000 pixels on the longest side are enough for print"
            }
            ImageError::Undecodable(_) => "save the picture again as PNG or JPEG",
            ImageError::Conversion(_) => "save the picture again as PNG or JPEG and build again",
            ImageError::Linked(_, problem) | ImageError::Embedded(problem) => problem.hint(),
            ImageError::NoPage(..) => {
                "write a page the PDF has, e.g. {#id page=1}, or leave `page` out for the first"
            }
        }
    }
}

/// Prepares images once per build and remembers the result per path.
pub(crate) struct Images {
    root: PathBuf,
    folder: crate::confine::Folder,
    /// Where earlier builds kept converted pictures (read only here).
    cache: PathBuf,
    prepared: Mutex<HashMap<(String, u32), Result<String, ImageError>>>,
    converted: Mutex<BTreeMap<String, Converted>>,
}

/// A converted picture, served to typst from memory at a virtual path.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The virtual path typst loads, under the generated folder.
    pub path: String,
    /// Its name in the cache folder.
    pub name: String,
    pub bytes: typst::foundations::Bytes,
    /// Whether the cache already holds it, or it is not kept there (a PDF's page, made
    /// again on every build).
    pub cached: bool,
}

impl Images {
    /// Pictures of the plan at `root`; converted ones are looked up in `cache` first.
    pub(crate) fn new(root: &Path, cache: &Path) -> Images {
        Images {
            root: root.to_path_buf(),
            folder: crate::confine::Folder::new(root),
            cache: cache.to_path_buf(),
            prepared: Mutex::new(HashMap::new()),
            converted: Mutex::new(BTreeMap::new()),
        }
    }

    /// Every picture converted so far, in path order.
    pub(crate) fn converted(&self) -> Vec<Converted> {
        self.converted
            .lock()
            .map(|m| m.values().cloned().collect())
            .unwrap_or_default()
    }

    /// The virtual path typst should load for the image at `relative`: the plan's file
    /// itself (from the plan folder's root), or its converted copy.
    /// A PDF shows its page `page` (from 1), which is converted to SVG.
    pub(crate) fn prepare(&self, relative: &str, page: u32) -> Result<String, ImageError> {
        let key = (relative.to_string(), page);
        if let Some(done) = self.prepared.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return done;
        }
        let result = self.convert(relative, page, true);
        if let Ok(mut map) = self.prepared.lock() {
            map.insert(key, result.clone());
        }
        result
    }

    /// Whether the picture at `relative` can be shown, as [`Images::prepare`] would find,
    /// without converting it (a picture that needs converting is decoded unless the cache
    /// holds its copy): `plan check` reports what a build would.
    pub(crate) fn verify(&self, relative: &str, page: u32) -> Result<(), ImageError> {
        self.convert(relative, page, false).map(|_| ())
    }

    /// [`Images::prepare`], converting a picture that needs it only when `copy`.
    fn convert(&self, relative: &str, page: u32, copy: bool) -> Result<String, ImageError> {
        let path = self.root.join(relative);
        let real = self
            .folder
            .resolve(&path)
            .map_err(|refused| match refused {
                crate::confine::Refused::Missing => ImageError::NotFound,
                crate::confine::Refused::Outside => ImageError::Outside,
            })?;
        let bytes = read_picture(&real)?;
        let original = format!("/{relative}");
        let extension = Path::new(relative)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if extension.as_deref() == Some("svg") {
            // The pictures an SVG links to or holds are held to the same limits (typst
            // would load them whole).
            self.check_linked(&real, &bytes)?;
        }
        if extension.as_deref() == Some("pdf") {
            return self.pdf_page(&bytes, page, copy);
        }
        if extension.as_deref() == Some("svg") {
            // Vector images go to typst as they are; it reports its own errors.
            return Ok(original);
        }
        let (format, width, height) = probe(&bytes)?;
        // Typst goes by the file's extension: a PNG named `.jpg` (or with no extension)
        // is served as a converted copy with the right one.
        let named = extension.as_deref().and_then(ImageFormat::from_extension);
        let embeddable = named == Some(format)
            && matches!(
                format,
                ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP
            );
        if embeddable && width.max(height) <= MAX_SIDE {
            // Decoded only to find a broken file here, at its line, not in typst.
            decode(&bytes, format, width, height)?;
            return Ok(original);
        }
        self.converted_copy(&bytes, format, width, height, copy)
    }

    /// A PDF's page as an SVG (its text as outlines): typst would embed the PDF itself,
    /// which PDF/A forbids. Made on every build (it is quick), so never kept in the cache;
    /// without `copy`, only the page is looked for.
    fn pdf_page(&self, bytes: &[u8], page: u32, copy: bool) -> Result<String, ImageError> {
        use hayro_svg::hayro_interpret::InterpreterSettings;
        let unreadable = |_| {
            ImageError::Undecodable(
                "it is not a PDF that can be read (damaged, or protected by a password)".into(),
            )
        };
        let pdf = hayro_svg::hayro_syntax::Pdf::new(bytes.to_vec()).map_err(unreadable)?;
        let pages = pdf.pages();
        let index = usize::try_from(page).unwrap_or(usize::MAX).wrapping_sub(1);
        let Some(shown) = pages.get(index) else {
            return Err(ImageError::NoPage(page, pages.len()));
        };
        let mut hasher = Sha256::new();
        hasher.update(bytes);
        let source = hex(&hasher.finalize());
        let path = crate::generated::image_path(&format!("{source}-page-{page}.svg"));
        if !copy {
            return Ok(path);
        }
        let svg = hayro_svg::convert(
            shown,
            &hayro_svg::RenderCache::new(),
            &InterpreterSettings::default(),
            &hayro_svg::SvgRenderSettings::default(),
        );
        // The pictures the page holds come with it, in `data:` URIs, held to the limits.
        check_svg(svg.as_bytes())?;
        let converted = Converted {
            path: path.clone(),
            name: format!("{source}-page-{page}.svg"),
            bytes: typst::foundations::Bytes::new(svg.into_bytes()),
            cached: true,
        };
        if let Ok(mut map) = self.converted.lock() {
            map.insert(path.clone(), converted);
        }
        Ok(path)
    }

    /// A converted (and if needed downscaled) copy, taken from the cache when an earlier
    /// build left it there, without decoding the picture again. Without `copy`, only its
    /// path, once the picture is known to decode.
    fn converted_copy(
        &self,
        bytes: &[u8],
        format: ImageFormat,
        width: u32,
        height: u32,
        copy: bool,
    ) -> Result<String, ImageError> {
        let photo = format == ImageFormat::Jpeg;
        let extension = if photo { "jpg" } else { "png" };
        let mut hasher = Sha256::new();
        hasher.update(bytes);
        hasher.update(MAX_SIDE.to_le_bytes());
        let source = hex(&hasher.finalize());
        let cached = cache::find(&self.cache, &source, extension, photo);
        // The virtual path goes by the source alone, so the typst sources of a plan do
        // not change with the bytes an encoder writes.
        let path = crate::generated::image_path(&format!("{source}.{extension}"));
        if !copy {
            if cached.is_none() {
                decode(bytes, format, width, height)?;
            }
            return Ok(path);
        }
        let (name, encoded) = match &cached {
            Some(found) => found.clone(),
            None => {
                let encoded = encode(bytes, format, width, height, photo)?;
                (cache::name(&source, &encoded, extension), encoded)
            }
        };
        let converted = Converted {
            path: path.clone(),
            name,
            bytes: typst::foundations::Bytes::new(encoded),
            cached: cached.is_some(),
        };
        if let Ok(mut map) = self.converted.lock() {
            map.insert(path.clone(), converted);
        }
        Ok(path)
    }
}

/// Reads a picture within the file size limit; a pipe, device or link is not one.
fn read_picture(path: &Path) -> Result<Vec<u8>, ImageError> {
    use crate::confine::Unreadable;
    crate::confine::read_regular(path, MAX_FILE_BYTES).map_err(|why| match why {
        Unreadable::NotRegular => ImageError::NotFound,
        Unreadable::TooLarge(bytes) => ImageError::TooLarge(bytes),
        Unreadable::Io(e) => ImageError::Undecodable(e.to_string()),
    })
}

/// A picture decoded, downscaled to [`MAX_SIDE`] and encoded again: as JPEG when it was
/// a photo, else as PNG.
fn encode(
    bytes: &[u8],
    format: ImageFormat,
    width: u32,
    height: u32,
    photo: bool,
) -> Result<Vec<u8>, ImageError> {
    let image = decode(bytes, format, width, height)?;
    let image = if width.max(height) > MAX_SIDE {
        image.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Lanczos3)
    } else {
        image
    };
    let mut encoded = Vec::new();
    let result = if photo {
        image
            .to_rgb8()
            .write_to(&mut Cursor::new(&mut encoded), ImageFormat::Jpeg)
    } else {
        image.write_to(&mut Cursor::new(&mut encoded), ImageFormat::Png)
    };
    result.map_err(|e| ImageError::Conversion(e.to_string()))?;
    Ok(encoded)
}

/// The first 16 bytes of a digest, in hex: enough to tell pictures apart.
fn hex(digest: &[u8]) -> String {
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// The cache of converted pictures in the output folder's `.cache/images/`. It lies where
/// a plan (or anyone) can put files, so nothing there is trusted: an entry is named
/// `<hash of the source>-<hash of the entry>.<png|jpg>`, and one is used only when it is a
/// regular file (no link followed, no pipe waited on) within the size limit, whose bytes
/// have the hash its name says and form a whole PNG or JPEG. Anything else is converted
/// again. Entries are written only after a successful build, never through a linked folder.
pub(crate) mod cache {
    use std::path::Path;

    use sha2::{Digest, Sha256};

    use super::{Converted, MAX_FILE_BYTES, hex, intact};

    /// Parents of the cache folder checked for links: `images` and `.cache`.
    const OWN_FOLDERS: usize = 1;

    /// The name an entry of these bytes has.
    pub(crate) fn name(source: &str, bytes: &[u8], extension: &str) -> String {
        format!("{source}-{}.{extension}", hex(&Sha256::digest(bytes)))
    }

    /// A verified entry converted from the source with this hash: its name and bytes.
    pub(crate) fn find(
        cache: &Path,
        source: &str,
        extension: &str,
        photo: bool,
    ) -> Option<(String, Vec<u8>)> {
        if !crate::confine::no_links(cache, OWN_FOLDERS) {
            return None;
        }
        let prefix = format!("{source}-");
        std::fs::read_dir(cache)
            .ok()?
            .filter_map(Result::ok)
            .find_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                if !name.starts_with(&prefix) {
                    return None;
                }
                let bytes = crate::confine::read_regular(&entry.path(), MAX_FILE_BYTES).ok()?;
                let whole = name == self::name(source, &bytes, extension) && intact(&bytes, photo);
                whole.then_some((name, bytes))
            })
    }

    /// Keeps the pictures converted for a successful build, so that the next build need
    /// not convert them again. A cache that cannot be written only costs time.
    pub(crate) fn keep(cache: &Path, converted: &[Converted]) {
        // Never through a linked folder: neither the writing nor the sweeping of what a
        // killed build left.
        if !crate::confine::no_links(cache, OWN_FOLDERS) {
            return;
        }
        crate::output::remove_temporary_files(cache);
        for image in converted.iter().filter(|i| !i.cached) {
            let _ = std::fs::create_dir_all(cache).and_then(|()| {
                crate::output::write_atomic(&cache.join(&image.name), image.bytes.as_slice())
            });
        }
    }
}

/// Whether a cached conversion is whole: a PNG from its signature to its `IEND` chunk, a
/// JPEG from its start to its end marker. Checked without decoding, which the cache is
/// there to spare.
fn intact(bytes: &[u8], photo: bool) -> bool {
    if photo {
        bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && bytes.ends_with(&[0xFF, 0xD9])
    } else {
        const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
        const IEND: &[u8] = b"IEND\xAE\x42\x60\x82";
        bytes.starts_with(SIGNATURE) && bytes.ends_with(IEND)
    }
}

impl Images {
    /// Checks the pictures an SVG holds (`data:` URIs) and the files it links to
    /// (`href="…"`, not `#` references) against the picture limits, as far as they lie in
    /// the plan folder (typst refuses the rest).
    fn check_linked(&self, svg: &Path, bytes: &[u8]) -> Result<(), ImageError> {
        check_svg(bytes)?;
        let folder = svg.parent().unwrap_or(&self.root);
        for target in svg_hrefs(bytes) {
            if target.is_empty() || target.starts_with('#') || target.contains(':') {
                continue;
            }
            let Ok(real) = self.folder.resolve(&folder.join(&target)) else {
                continue;
            };
            let linked = |problem| ImageError::Linked(target.clone(), Box::new(problem));
            match read_picture(&real) {
                Ok(bytes) => check_raster(&bytes).map_err(linked)?,
                Err(too_large @ ImageError::TooLarge(_)) => return Err(linked(too_large)),
                // Not a file: typst says so.
                Err(_) => {}
            }
        }
        Ok(())
    }
}

/// Deepest nesting of SVGs in `data:` URIs that is checked; deeper is refused.
const MAX_NESTING: usize = 8;

/// Whether the pictures an SVG (plain or gzip-compressed) holds in `data:` URIs, and
/// those SVGs within them hold, keep the pixel limit (read from their headers). Anything
/// that is not an SVG passes: that is typst's to report.
pub(crate) fn check_svg(bytes: &[u8]) -> Result<(), ImageError> {
    check_svg_within(bytes, 0)
}

fn check_svg_within(bytes: &[u8], depth: usize) -> Result<(), ImageError> {
    let held = |problem| ImageError::Embedded(Box::new(problem));
    for href in svg_hrefs(bytes) {
        let Ok(url) = data_url::DataUrl::process(&href) else {
            continue;
        };
        // Never larger than the SVG's own text, which is bounded.
        let Ok((data, _)) = url.decode_to_vec() else {
            continue;
        };
        if depth >= MAX_NESTING {
            return Err(held(ImageError::Undecodable(format!(
                "SVGs are nested more than {MAX_NESTING} deep"
            ))));
        }
        check_raster(&data).map_err(held)?;
        check_svg_within(&data, depth + 1).map_err(held)?;
    }
    Ok(())
}

/// The values of every `href` attribute (any namespace) of an SVG, read by the XML parser
/// usvg uses with its options (entities and character references resolved), so that no
/// way of writing one slips past. Empty when the bytes are no SVG.
fn svg_hrefs(bytes: &[u8]) -> Vec<String> {
    let inflated;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        match gunzip(bytes) {
            Some(text) => {
                inflated = text;
                inflated.as_slice()
            }
            None => return Vec::new(),
        }
    } else {
        bytes
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text)
            if text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('<') =>
        {
            text
        }
        _ => return Vec::new(),
    };
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let Ok(document) = roxmltree::Document::parse_with_options(text, options) else {
        return Vec::new();
    };
    document
        .descendants()
        .flat_map(|node| node.attributes())
        .filter(|attribute| attribute.name() == "href")
        .map(|attribute| attribute.value().to_string())
        .collect()
}

/// A gzip stream inflated up to the file size limit; `None` when broken or larger.
fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut inflated = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut inflated)
        .ok()?;
    (inflated.len() as u64 <= MAX_FILE_BYTES).then_some(inflated)
}

/// Whether a file typst is about to load keeps the pixel limit of pictures when it is a
/// raster image (`MAX_PIXELS`, read from its header, nothing decoded). Other files (markup,
/// data, fonts, SVG) pass.
pub(crate) fn check_raster(bytes: &[u8]) -> Result<(), ImageError> {
    // A header that cannot be read (not a raster we know) is typst's to report.
    match probe(bytes) {
        Err(too_many @ ImageError::TooManyPixels(..)) => Err(too_many),
        _ => Ok(()),
    }
}

/// A raster image's format and size, read from its header; too many pixels are refused
/// here, before anything is decoded.
fn probe(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), ImageError> {
    let format = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Undecodable(e.to_string()))?
        .format()
        .ok_or_else(|| ImageError::Undecodable("unknown image format".into()))?;
    let (width, height) = ImageReader::with_format(Cursor::new(bytes), format)
        .into_dimensions()
        .map_err(|e| ImageError::Undecodable(e.to_string()))?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels(width, height));
    }
    Ok((format, width, height))
}

/// Decodes a raster image (already probed) within the pixel and memory limits.
fn decode(
    bytes: &[u8],
    format: ImageFormat,
    width: u32,
    height: u32,
) -> Result<DynamicImage, ImageError> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(width.max(1));
    limits.max_image_height = Some(height.max(1));
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader
        .decode()
        .map_err(|e| ImageError::Undecodable(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_png(path: &Path, width: u32, height: u32) {
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([10, 80, 160]));
        image.save(path).expect("write test image");
    }

    #[test]
    fn png_passes_through_and_bmp_is_converted() {
        let dir = tempfile::tempdir().expect("temporary folder");
        write_png(&dir.path().join("a.png"), 20, 10);
        let bmp = image::RgbImage::from_pixel(8, 8, image::Rgb([200, 0, 0]));
        bmp.save(dir.path().join("b.bmp")).expect("write bmp");
        let images = Images::new(dir.path(), &dir.path().join("build/.cache/images"));
        assert_eq!(images.prepare("a.png", 1), Ok("/a.png".into()));
        let converted = images.prepare("b.bmp", 1).expect("converted");
        assert!(converted.starts_with("/.plan/images/") && converted.ends_with(".png"));
        // Served from memory: nothing is written while checking.
        assert!(!dir.path().join("build").exists());
        let kept = images.converted();
        assert_eq!(kept.len(), 1);
        assert!(!kept[0].cached);
        assert_eq!(kept[0].path, converted);
        // A cached copy is used instead of converting again…
        let cache = dir.path().join("build/.cache/images");
        std::fs::create_dir_all(&cache).expect("cache folder");
        let fresh = kept[0].bytes.as_slice().to_vec();
        std::fs::write(cache.join(&kept[0].name), &fresh).expect("write");
        let again = Images::new(dir.path(), &cache);
        assert_eq!(again.prepare("b.bmp", 1), Ok(converted.clone()));
        assert!(again.converted()[0].cached);
        // … unless it is damaged: cut short, or not a picture at all.
        for damaged in [&fresh[..fresh.len() - 5], b"cached bytes".as_slice()] {
            std::fs::write(cache.join(&kept[0].name), damaged).expect("write");
            let again = Images::new(dir.path(), &cache);
            assert_eq!(again.prepare("b.bmp", 1), Ok(converted.clone()));
            assert!(!again.converted()[0].cached);
            assert_eq!(again.converted()[0].bytes.as_slice(), fresh.as_slice());
        }
    }

    #[test]
    fn broken_and_missing_images_are_errors() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join("x.png"), b"not an image at all").expect("write");
        let images = Images::new(dir.path(), &dir.path().join("build/.cache/images"));
        assert!(matches!(
            images.prepare("x.png", 1),
            Err(ImageError::Undecodable(_))
        ));
        assert_eq!(images.prepare("nope.png", 1), Err(ImageError::NotFound));
    }

    /// The CRC-32 PNG chunks end with.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn huge_dimensions_are_refused_before_decoding() {
        // A valid PNG header claiming 60000 × 60000 pixels: a decompression bomb.
        let dir = tempfile::tempdir().expect("temporary folder");
        let mut png = Vec::new();
        let encoder = image::codecs::png::PngEncoder::new(&mut png);
        let row = vec![0u8; 1];
        let _ = image::ImageEncoder::write_image(encoder, &row, 1, 1, image::ExtendedColorType::L8);
        // Patch the IHDR width and height (bytes 16..24) to 60000 and fix its checksum.
        png[16..20].copy_from_slice(&60000u32.to_be_bytes());
        png[20..24].copy_from_slice(&60000u32.to_be_bytes());
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        std::fs::write(dir.path().join("bomb.png"), &png).expect("write");
        let images = Images::new(dir.path(), &dir.path().join("build/.cache/images"));
        assert_eq!(
            images.prepare("bomb.png", 1),
            Err(ImageError::TooManyPixels(60000, 60000))
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_folder_are_refused() {
        let outside = tempfile::tempdir().expect("temporary folder");
        write_png(&outside.path().join("secret.png"), 4, 4);
        let dir = tempfile::tempdir().expect("temporary folder");
        std::os::unix::fs::symlink(
            outside.path().join("secret.png"),
            dir.path().join("link.png"),
        )
        .expect("symlink");
        let images = Images::new(dir.path(), &dir.path().join("build/.cache/images"));
        assert_eq!(images.prepare("link.png", 1), Err(ImageError::Outside));
    }
}
