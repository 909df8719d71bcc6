//! `@abbreviations`: the plan's abbreviations and what they stand for, as a captioned table.

use super::{Context, Titles};
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

pub(super) fn write(writer: &mut Writer, cx: &Context) {
    let words = Titles::of(writer.language);
    writer.numbered_caption(true, words.get("abbreviations"), None);
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    let mut rows = vec![Row::new(
        RowKind::Header,
        vec![
            Cell::text(words.get("abbreviation"), bold),
            Cell::text(words.get("meaning"), bold),
        ],
    )];
    for a in &cx.data.abbreviations {
        let cells = vec![
            Cell::of(writer.runs(&a.short, bold)),
            Cell::of(writer.runs(&a.meaning, Look::default())),
        ];
        rows.push(Row::new(RowKind::Body, cells));
    }
    writer.grid(&Grid {
        widths: Some(vec![1.0, 4.0]),
        rows,
        ..Grid::default()
    });
}
