//! A chart's attributes read: its kind and what it asks for (`x`, `y`, `labels`, `rows`,
//! `from`, `width`, `height`); an unknown one is a warning, an unusable value an error.

use super::super::attrs::{self, Attr, Attrs};
use super::super::tree::{ChartKind, Width};
use super::{Asked, bad};
use crate::diag::{Diagnostics, Span};

/// The attributes a chart takes besides its kind.
const CHART_ATTRS: &[&str] = &[
    ".bars",
    ".hbars",
    ".grouped",
    ".stacked",
    ".lines",
    ".pyramid",
    ".shares",
    ".diverging",
    "x",
    "y",
    "labels",
    "rows",
    "from",
    "width",
    "height",
];

/// Reads the attributes; `None` when a value cannot be used (reported).
pub(super) fn read(attrs: &Attrs, span: &Span, diags: &mut Diagnostics) -> Option<Asked> {
    let mut asked = Asked::default();
    let mut ok = true;
    for (i, attr) in attrs.items.iter().enumerate() {
        let span = &attrs.span_at(i, span);
        match attr {
            Attr::Class(name) if name == "hbars" => asked.horizontal = true,
            Attr::Class(name) if super::super::from_data::CHARTS.contains(&name.as_str()) => {
                asked.kinds.push(name.clone())
            }
            Attr::Pair(key, value) => match key.as_str() {
                "x" => asked.x = Some(value.clone()),
                "y" => asked.y = Some(value.clone()),
                "labels" => asked.labels = Some(value.clone()),
                "rows" => asked.rows = Some(value.clone()),
                "from" => asked.from = Some(value.clone()),
                "width" => match attrs::parse_width(value) {
                    Some(width) => asked.width = Some(width),
                    None => {
                        ok = false;
                        bad(
                            format!("`width={value}` is not a width a chart can take"),
                            "not a width",
                            "write a share of the text width from 1% to 100% (width=80%) or a length in millimetres or centimetres (width=120mm)".into(),
                            span,
                            diags,
                        );
                    }
                },
                "height" => match attrs::parse_width(value) {
                    Some(Width::Mm(mm)) if (20.0..=230.0).contains(&mm) => asked.height = Some(mm),
                    _ => {
                        ok = false;
                        bad(
                            format!("`height={value}` is not a height a chart can take"),
                            "not a height",
                            "write a length from 20mm to 230mm (height=60mm, height=6cm)".into(),
                            span,
                            diags,
                        );
                    }
                },
                _ => attrs::unknown(attr, CHART_ATTRS, "a chart", span, diags),
            },
            other => attrs::unknown(other, CHART_ATTRS, "a chart", span, diags),
        }
    }
    ok.then_some(asked)
}

/// The kind the classes ask for: one kind, `.hbars` alone or with `.grouped`/`.stacked`.
pub(super) fn kind(
    asked: &Asked,
    attrs: &Attrs,
    span: &Span,
    diags: &mut Diagnostics,
) -> Option<ChartKind> {
    // Shown under the second kind given.
    let second = |name: &str| attrs.span_of(&format!(".{name}"), span);
    if asked.kinds.len() > 1 {
        let written = asked
            .kinds
            .iter()
            .map(|k| format!("`.{k}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        bad(
            format!("a chart is of one kind, but {written} are given"),
            "two kinds at once",
            "keep one kind; `.hbars` alone draws bars across, and with `.grouped` or `.stacked` lays those across".into(),
            &second(&asked.kinds[1]),
            diags,
        );
        return None;
    }
    let kind = match asked.kinds.first().map(String::as_str) {
        None | Some("bars") | Some("grouped") => ChartKind::Bars,
        Some("stacked") => ChartKind::Stacked,
        Some("lines") => ChartKind::Lines,
        Some("pyramid") => ChartKind::Pyramid,
        Some("shares") => ChartKind::Shares,
        _ => ChartKind::Diverging,
    };
    if let Some(other) = asked
        .kinds
        .first()
        .filter(|k| asked.horizontal && !matches!(k.as_str(), "grouped" | "stacked"))
    {
        bad(
            format!("a chart is of one kind, but `.hbars` and `.{other}` are given"),
            "two kinds at once",
            "`.hbars` draws bars across the page by itself, and lays `.grouped` or `.stacked` bars across; keep one of the two".into(),
            &second(other),
            diags,
        );
        return None;
    }
    Some(kind)
}
