//! Pictures for Word: PNG and JPEG embedded as they are, other raster formats converted to
//! PNG, SVG drawn as PNG with resvg (at 200 dpi, its text in the built-in fonts), each as an
//! inline drawing with its alternative text (`wp:docPr descr`); the PDF's own drawings of
//! charts and PDF pictures (`crate::typeset::drawn`) as SVG with a PNG fallback.

use super::xml::escape;
use crate::understand::tree::{Picture, Width};

/// EMU in a pixel at 96 dpi, and in a millimetre.
const EMU_PER_PX: u64 = 9_525;
const EMU_PER_MM: f64 = 36_000.0;

/// A picture ready to embed: its bytes, their extension, its size in EMU.
pub(super) struct Loaded {
    pub bytes: Vec<u8>,
    pub extension: &'static str,
    pub size: (u64, u64),
}

/// The widest a picture is set: what `width=` asks for, else the text's width (`text`).
pub(super) fn width_emu(width: Option<Width>, text: u64) -> u64 {
    match width {
        Some(Width::Percent(p)) => (text as f64 * p.clamp(1.0, 100.0) / 100.0) as u64,
        Some(Width::Mm(mm)) => ((mm.max(1.0) * EMU_PER_MM) as u64).min(text),
        None => text,
    }
}

/// Reads a picture of the plan (its path was checked to stay in the plan folder).
pub(super) fn load(root: &std::path::Path, picture: &Picture) -> Result<Loaded, String> {
    let path = root.join(&picture.path);
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("cannot read the picture `{}`: {e}", picture.path))?;
    let lower = picture.path.to_lowercase();
    if lower.ends_with(".svg") || lower.ends_with(".svgz") {
        return svg(&bytes)
            .ok_or_else(|| format!("cannot draw the SVG picture `{}`", picture.path));
    }
    if lower.ends_with(".pdf") {
        // The PDF's drawing of it is used instead (see `Writer::figure`); this is when
        // there is none (a PDF picture inline in a paragraph).
        return Err(format!(
            "Word takes no PDF picture, and `{}` stands inside a paragraph, where the PDF's drawing of it cannot be cut out",
            picture.path
        ));
    }
    let format = image::guess_format(&bytes)
        .map_err(|e| format!("cannot read the picture `{}`: {e}", picture.path))?;
    let decoded = image::load_from_memory_with_format(&bytes, format)
        .map_err(|e| format!("cannot read the picture `{}`: {e}", picture.path))?;
    let size = (
        u64::from(decoded.width()) * EMU_PER_PX,
        u64::from(decoded.height()) * EMU_PER_PX,
    );
    let (bytes, extension) = match format {
        image::ImageFormat::Png => (bytes, "png"),
        image::ImageFormat::Jpeg => (bytes, "jpeg"),
        _ => {
            let mut png = std::io::Cursor::new(Vec::new());
            decoded
                .write_to(&mut png, image::ImageFormat::Png)
                .map_err(|e| format!("cannot convert the picture `{}`: {e}", picture.path))?;
            (png.into_inner(), "png")
        }
    };
    Ok(Loaded {
        bytes,
        extension,
        size,
    })
}

/// An SVG drawn as PNG at 200 dpi, its size in EMU as the SVG gives it (at 96 dpi).
fn svg(bytes: &[u8]) -> Option<Loaded> {
    // Its text in the built-in fonts, as typst draws it in the PDF (no system font).
    let mut options = resvg::usvg::Options {
        font_family: "Noto Sans".into(),
        ..Default::default()
    };
    for (_, font) in crate::fonts::EMBEDDED {
        options.fontdb_mut().load_font_data(font.to_vec());
    }
    let tree = resvg::usvg::Tree::from_data(bytes, &options).ok()?;
    let size = tree.size();
    let scale = 200.0 / 96.0;
    let (w, h) = (
        (size.width() * scale).ceil().clamp(1.0, 8_000.0) as u32,
        (size.height() * scale).ceil().clamp(1.0, 8_000.0) as u32,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w, h)?;
    let transform =
        resvg::tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Some(Loaded {
        bytes: pixmap.encode_png().ok()?,
        extension: "png",
        size: (
            (f64::from(size.width()) * EMU_PER_PX as f64) as u64,
            (f64::from(size.height()) * EMU_PER_PX as f64) as u64,
        ),
    })
}

/// EMU in a point.
pub(super) const EMU_PER_PT: f64 = 12_700.0;

/// An inline drawing of the `n`-th picture shown, relation `relation` (index among the
/// document's relations; `svg`, the vector form Word 2016 and later show instead, with the
/// relation as the fallback), at most `width` EMU wide, keeping its proportions.
pub(super) fn drawing(
    n: u32,
    (relation, svg): (usize, Option<usize>),
    alt: &str,
    size: (u64, u64),
    width: u64,
) -> String {
    let (w, h) = size;
    let (cx, cy) = if w > width && w > 0 {
        (width, h * width / w)
    } else {
        (w.max(1), h.max(1))
    };
    let id = super::package::FIRST_RELATION + relation;
    let vector = svg.map_or_else(String::new, |svg| {
        format!(
            "<a:extLst><a:ext uri=\"{{96DAC541-7B7A-43D3-8B79-37D633B846F1}}\">\
             <asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"rId{}\"/></a:ext></a:extLst>",
            super::package::FIRST_RELATION + svg
        )
    });
    let alt = escape(alt);
    format!(
        "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
         <wp:docPr id=\"{n}\" name=\"Picture {n}\" descr=\"{alt}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>\
         <pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"Picture {n}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
         <pic:blipFill><a:blip r:embed=\"rId{id}\">{vector}</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
         <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
         </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
}
