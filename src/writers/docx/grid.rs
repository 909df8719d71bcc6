//! A Word table, as the chapters' tables, the charts' values and the generated parts all
//! write it: header rows repeated on every page, rows never split across pages, columns as
//! wide as their content asks (or as given), cells aligned, spanning cells (across columns,
//! and down rows as the PDF's `rowspan`), shaded group rows and bold totals.

use super::xml::{Look, paragraph, run};
use crate::understand::tree::Size;

/// A table to write.
#[derive(Debug, Default)]
pub(super) struct Grid {
    /// Relative column widths; `None`: as wide as the content asks.
    pub widths: Option<Vec<f64>>,
    /// The type size, as the PDF's `.small` and `.smaller`.
    pub size: Size,
    /// Set on landscape pages (the widths are shares of the wider text).
    pub landscape: bool,
    pub rows: Vec<Row>,
}

/// A row and what it is.
#[derive(Debug)]
pub(super) struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
    /// Kept on the page of the row after it (a title with its first row, the rows of a
    /// cell spanning down, a last row with the totals after it), as the PDF keeps them.
    pub keep_with_next: bool,
}

/// What a row is: it decides its shading, and whether it repeats on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowKind {
    /// Repeated at the top of every page the table runs onto.
    Header,
    Body,
    /// A row naming the group of rows below it (a priority, a goal): lightly shaded.
    Band,
    /// A sum: the caller sets its text bold.
    Total,
}

/// A cell: its runs (XML), how many columns it spans, its alignment, and whether it
/// spans rows.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub runs: String,
    pub span: usize,
    pub align: &'static str,
    pub down: Down,
}

/// Whether a cell spans rows: Word writes such a cell in each row it spans, the first
/// holding its text and the others continuing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Down {
    /// One row high.
    No,
    /// The first row of a cell spanning rows.
    Starts,
    /// A row the cell above spans into (its runs are left out).
    Continues,
}

impl Cell {
    /// A cell of runs, one column wide, aligned left.
    pub(super) fn of(runs: String) -> Cell {
        Cell {
            runs,
            span: 1,
            align: "left",
            down: Down::No,
        }
    }

    /// A cell of plain text (no quotes to resolve) in a look.
    pub(super) fn text(text: &str, look: Look) -> Cell {
        Cell::of(run(text, look))
    }

    /// Aligned right (a number, an amount).
    pub(super) fn right(self) -> Cell {
        Cell {
            align: "right",
            ..self
        }
    }

    /// Aligned as named ("left", "right", "center").
    pub(super) fn aligned(self, align: &'static str) -> Cell {
        Cell { align, ..self }
    }

    /// The first row of a cell spanning rows (see [`Cell::continuing`]).
    pub(super) fn spanning_down(self) -> Cell {
        Cell {
            down: Down::Starts,
            ..self
        }
    }

    /// The place, in a row below, of a cell spanning down into it.
    pub(super) fn continuing() -> Cell {
        Cell {
            down: Down::Continues,
            ..Cell::of(String::new())
        }
    }

    /// Spanning `span` columns.
    pub(super) fn spanning(self, span: usize) -> Cell {
        Cell {
            span: span.max(1),
            ..self
        }
    }
}

impl Row {
    pub(super) fn new(kind: RowKind, cells: Vec<Cell>) -> Row {
        Row {
            kind,
            cells,
            keep_with_next: false,
        }
    }
}

impl Grid {
    /// The number of columns: the widest row's, spans counted.
    fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.span).sum::<usize>())
            .max()
            .unwrap_or(0)
    }

    /// The table as WordprocessingML, on a text `text_width` twentieths of a point wide.
    pub(super) fn xml(&self, text_width: u32) -> String {
        self.xml_with(text_width, "")
    }

    /// As [`Grid::xml`], with cells' text 1 mm from their sides instead of Word's 1.9 mm,
    /// as the PDF's many-columned tables have it (the action plan's).
    pub(super) fn narrow_xml(&self, text_width: u32) -> String {
        self.xml_with(
            text_width,
            "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>",
        )
    }

    /// The table, with `margins` (a `w:tblCellMar`, or nothing) among its properties.
    fn xml_with(&self, text_width: u32, margins: &str) -> String {
        let columns = self.columns();
        let given = self
            .widths
            .as_ref()
            .filter(|w| w.len() == columns && w.iter().sum::<f64>() > 0.0);
        let widths: Vec<u32> = match given {
            Some(widths) => {
                let sum: f64 = widths.iter().sum();
                widths
                    .iter()
                    .map(|w| (f64::from(text_width) * w / sum).round() as u32)
                    .collect()
            }
            None => vec![text_width / columns.max(1) as u32; columns],
        };
        let layout = if given.is_some() { "fixed" } else { "autofit" };
        let mut out = format!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"{layout}\"/>{margins}\
             <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        );
        for w in &widths {
            out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
        }
        out.push_str("</w:tblGrid>");
        // The table's type size, as the PDF's (`.small`, `.smaller`: a point and two smaller).
        let style = match self.size {
            Size::Normal => "TableText",
            Size::Small => "TableTextSmall",
            Size::Smaller => "TableTextSmaller",
        };
        for row in &self.rows {
            out.push_str("<w:tr><w:trPr><w:cantSplit/>");
            if row.kind == RowKind::Header {
                out.push_str("<w:tblHeader/>");
            }
            out.push_str("</w:trPr>");
            let fill = match row.kind {
                RowKind::Header => Some("E7E6E6"),
                RowKind::Band => Some("F2F2F2"),
                RowKind::Body | RowKind::Total => None,
            };
            // A band stays with the row below it, as the PDF holds a title with its first
            // row, and so does a row asked to: Word keeps a row whose paragraphs keep with
            // the next on the next's page.
            let keep = if row.kind == RowKind::Band || row.keep_with_next {
                "<w:keepNext/>"
            } else {
                ""
            };
            let mut column = 0;
            for cell in &row.cells {
                let span = cell.span.min(columns.saturating_sub(column)).max(1);
                let width = match given {
                    Some(_) => format!(
                        "<w:tcW w:w=\"{}\" w:type=\"dxa\"/>",
                        widths.iter().skip(column).take(span).sum::<u32>()
                    ),
                    None => "<w:tcW w:w=\"0\" w:type=\"auto\"/>".to_string(),
                };
                let span_xml = if span > 1 {
                    format!("<w:gridSpan w:val=\"{span}\"/>")
                } else {
                    String::new()
                };
                let span_xml = match cell.down {
                    Down::No => span_xml,
                    Down::Starts => format!("{span_xml}<w:vMerge w:val=\"restart\"/>"),
                    Down::Continues => format!("{span_xml}<w:vMerge/>"),
                };
                let shade = fill.map_or_else(String::new, |fill| {
                    format!("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>")
                });
                out.push_str(&format!(
                    "<w:tc><w:tcPr>{width}{span_xml}{shade}</w:tcPr>{}</w:tc>",
                    paragraph(
                        Some(style),
                        &format!("{keep}<w:jc w:val=\"{}\"/>", cell.align),
                        &cell.runs
                    )
                ));
                column += span;
            }
            // A short row is filled up with empty cells: Word wants every row whole.
            while column < columns {
                out.push_str(&format!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>{}</w:tc>",
                    paragraph(Some(style), "", "")
                ));
                column += 1;
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A band (an objective's title over its measures) keeps with the row below it, so that
    /// Word never ends a page with it; other rows break freely.
    #[test]
    fn a_band_keeps_with_the_row_below() {
        let grid = Grid {
            rows: vec![
                Row::new(RowKind::Header, vec![Cell::text("Nr.", Look::default())]),
                Row::new(
                    RowKind::Band,
                    vec![Cell::text("1.1.1 Uždavinys", Look::default())],
                ),
                Row::new(RowKind::Body, vec![Cell::text("1.1.1.1", Look::default())]),
            ],
            ..Grid::default()
        };
        let xml = grid.xml(9000);
        let rows: Vec<&str> = xml.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), 3);
        assert!(rows[1].contains("<w:keepNext/>"), "{}", rows[1]);
        assert!(!rows[0].contains("<w:keepNext/>") && !rows[2].contains("<w:keepNext/>"));
    }
}
