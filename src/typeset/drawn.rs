//! The PDF's figures as pictures for the Word edition: each numbered figure's body (a chart
//! from data, a funding chart, a scenario's lines, a picture the PDF drew from a PDF file)
//! cut out of the laid-out pages, as SVG (vector, what Word shows) and PNG (what older
//! Word and other readers show instead). Cut from the layout the PDF was made from, the
//! Word edition's charts are the PDF's, not a second drawing of them.
//!
//! A figure's body is what its pages hold between the figure's start and end tags, less
//! its caption (the Word edition writes its own caption).

use std::collections::{BTreeMap, HashMap};

use typst::foundations::{NativeElement, Smart, StyleChain};
use typst::introspection::{Location, Tag};
use typst::layout::{Abs, Frame, FrameItem, GroupItem, Point, Size, Transform};
use typst::model::{FigureCaption, FigureElem, FigureKind};
use typst::utils::Numeric;
use typst_layout::PagedDocument;

/// Pixels per point of the PNG fallback: 144 dpi, sharp on screen and small.
const PNG_SCALE: f64 = 2.0;

/// The white margin around a figure's body, in points.
const MARGIN: f64 = 4.0;

/// A figure's body as pictures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    pub svg: Vec<u8>,
    pub png: Vec<u8>,
    /// Its size in points (rounded to hundredths).
    pub width: u64,
    pub height: u64,
}

impl Drawn {
    /// The size in points.
    pub fn size_pt(&self) -> (f64, f64) {
        (self.width as f64 / 100.0, self.height as f64 / 100.0)
    }
}

/// Every numbered figure of the image kind (pictures and charts), by its number.
///
/// A figure's body is usually a float: the figure's tags hold only a `place` element's,
/// and what it shows is laid out in a group elsewhere on the page whose logical parent is
/// that `place`. So the pages are walked twice: first for the figures and the elements
/// inside them (and what lies between their tags, for a figure set in the flow), then for
/// the groups whose parent is one of those elements.
pub(super) fn figures(doc: &PagedDocument) -> BTreeMap<usize, Drawn> {
    let mut walk = Walk::default();
    for page in doc.pages() {
        walk.frame(&page.frame, Transform::identity(), None);
    }
    walk.second = true;
    for page in doc.pages() {
        walk.frame(&page.frame, Transform::identity(), None);
    }
    // Drawn on every core: each figure's PNG takes a few milliseconds.
    let figures: Vec<(&usize, &Vec<(Transform, FrameItem)>)> = walk.items.iter().collect();
    super::on_every_core(&figures, |(number, items)| Some((**number, draw(items)?)))
        .into_iter()
        .flatten()
        .collect()
}

#[derive(Default)]
struct Walk {
    /// In the second pass.
    second: bool,
    count: usize,
    /// The figure whose tags are open (first pass): its number and location.
    open: Option<(usize, Location)>,
    /// The elements inside a figure, each with the figure's number.
    inside: HashMap<Location, usize>,
    /// Each figure's items, placed as on their page.
    items: BTreeMap<usize, Vec<(Transform, FrameItem)>>,
}

impl Walk {
    /// Walks a frame; `into` is the figure whose body it is, when it is one's.
    fn frame(&mut self, frame: &Frame, ts: Transform, into: Option<usize>) {
        // The caption open in this frame, skipped.
        let mut caption: Option<Location> = None;
        for (pos, item) in frame.items() {
            let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(group) => {
                    let parent = group.parent.as_ref().map(|p| p.location);
                    let body = match parent.and_then(|p| self.inside.get(&p)) {
                        Some(&n) if self.second => Some(n),
                        _ => into,
                    };
                    if caption.is_none() {
                        self.frame(&group.frame, at.pre_concat(group.transform), body);
                    }
                }
                FrameItem::Tag(Tag::Start(content, _)) => {
                    let location = content.location();
                    if content.elem() == FigureCaption::ELEM {
                        if caption.is_none() {
                            caption = location;
                        }
                        continue;
                    }
                    if self.second {
                        continue;
                    }
                    if let Some(figure) = content.to_packed::<FigureElem>()
                        && is_numbered_image(figure)
                    {
                        self.count += 1;
                        self.open = location.map(|l| (self.count, l));
                    } else if let (Some((n, _)), Some(location)) = (self.open, location) {
                        self.inside.insert(location, n);
                    }
                }
                FrameItem::Tag(Tag::End(location, ..)) => {
                    if caption == Some(*location) {
                        caption = None;
                    } else if !self.second && self.open.is_some_and(|(_, l)| l == *location) {
                        self.open = None;
                    }
                }
                FrameItem::Link(..) => {}
                leaf => {
                    if caption.is_some() {
                        continue;
                    }
                    // A figure set in the flow: what lies between its tags (first pass);
                    // a float's body: its group's items (second pass).
                    let figure = if self.second {
                        into
                    } else {
                        self.open.map(|(n, _)| n).filter(|_| into.is_none())
                    };
                    if let Some(n) = figure {
                        self.items.entry(n).or_default().push((at, leaf.clone()));
                    }
                }
            }
        }
    }
}

/// Whether a figure is numbered and of the image kind (the counter pictures and charts
/// share).
fn is_numbered_image(figure: &typst::foundations::Packed<FigureElem>) -> bool {
    let styles = StyleChain::default();
    figure.numbering.get_ref(styles).is_some()
        && match figure.kind.get_ref(styles) {
            Smart::Custom(FigureKind::Elem(elem)) => elem.name() == "image",
            Smart::Custom(FigureKind::Name(name)) => name.as_str() == "image",
            Smart::Auto => false,
        }
}

/// The items, placed as on their page, drawn into a picture of their bounds.
fn draw(items: &[(Transform, FrameItem)]) -> Option<Drawn> {
    let (mut min, mut max) = (Point::splat(Abs::inf()), Point::splat(-Abs::inf()));
    for (ts, item) in items {
        let Some((low, high)) = bounds(item) else {
            continue;
        };
        for corner in [
            low,
            high,
            Point::new(low.x, high.y),
            Point::new(high.x, low.y),
        ] {
            let p = corner.transform(*ts);
            min = min.min(p);
            max = max.max(p);
        }
    }
    if !(min.x.is_finite() && max.x > min.x && max.y > min.y) {
        return None;
    }
    let margin = Abs::pt(MARGIN);
    let origin = Point::new(min.x - margin, min.y - margin);
    let size = Size::new(max.x - min.x + margin * 2.0, max.y - min.y + margin * 2.0);
    let mut frame = Frame::hard(size);
    let shift = Transform::translate(-origin.x, -origin.y);
    for (ts, item) in items {
        let mut inner = Frame::soft(Size::zero());
        inner.push(Point::zero(), item.clone());
        let mut group = GroupItem::new(inner);
        group.transform = shift.pre_concat(*ts);
        frame.push(Point::zero(), FrameItem::Group(group));
    }
    let page = typst_layout::Page {
        frame,
        bleed: Default::default(),
        fill: Smart::Custom(Some(typst::visualize::Color::WHITE.into())),
        numbering: None,
        supplement: typst::foundations::Content::empty(),
        number: 1,
    };
    let svg = typst_svg::svg(&page, &typst_svg::SvgOptions::default()).into_bytes();
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(PNG_SCALE),
        render_bleed: false,
    };
    let png = typst_render::render(&page, &options).encode_png().ok()?;
    Some(Drawn {
        svg,
        png,
        width: (size.x.to_pt() * 100.0).round() as u64,
        height: (size.y.to_pt() * 100.0).round() as u64,
    })
}

/// An item's bounds in its own coordinates.
fn bounds(item: &FrameItem) -> Option<(Point, Point)> {
    match item {
        FrameItem::Text(text) => {
            let rect = text.bbox();
            Some((rect.min, rect.max))
        }
        FrameItem::Shape(shape, _) => {
            let rect = shape.bbox(true);
            Some((rect.min, rect.max))
        }
        FrameItem::Image(_, size, _) => Some((Point::zero(), size.to_point())),
        FrameItem::Group(_) | FrameItem::Link(..) | FrameItem::Tag(_) => None,
    }
}
