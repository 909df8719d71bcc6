//! `@principles`: each horizontal principle with its text and how many items serve it,
//! then the matrix of the goals, objectives and measures and the principles they serve
//! (`templates/principles.typ`).

use serde::Deserialize;

use super::Context;
use super::phrases::{Counted, subheading};
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    principle_items: Counted,
    principle_none: String,
    principle_matrix: String,
    number: String,
    item: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// The mark of a matrix cell: the PDF draws a dot.
pub(super) const MARK: &str = "●";

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let data = cx.data;
    let words = Words::of(writer.language);
    for (n, p) in data.principles.iter().enumerate() {
        subheading(writer, number, n + 1, &p.name);
        if let Some(doc) = p.text.as_deref().and_then(|key| cx.texts.get(key)) {
            writer.text(doc);
        }
        let said = if p.items.is_empty() {
            words.principle_none.clone()
        } else {
            words.principle_items.of(writer.language, p.items.len())
        };
        let runs = writer.fresh_runs(&said, Look::default());
        writer.paragraph(None, "", &runs);
    }
    // Goals (in bold), objectives and measures serving a principle, in plan order.
    let mut rows: Vec<(&str, &str, &[String], bool)> = Vec::new();
    for g in data.priorities.iter().flat_map(|p| &p.goals) {
        rows.push((&g.number, &g.title, &g.principles, true));
        for o in &g.objectives {
            rows.push((&o.number, &o.title, &o.principles, false));
            for m in &o.measures {
                rows.push((&m.number, &m.title, &m.principles, false));
            }
        }
    }
    rows.retain(|(_, _, principles, _)| !principles.is_empty());
    if rows.is_empty() || data.principles.is_empty() {
        return;
    }
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    // The numbers' column as wide as the longest number ("1.2.3.4") asks, never wrapped.
    let longest = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let number_width = (longest as f64 * 0.24).clamp(1.0, 2.6);
    writer.numbered_caption(true, &words.principle_matrix, None);
    let mut header = vec![
        Cell::text(&words.number, bold),
        Cell::text(&words.item, bold),
    ];
    for p in &data.principles {
        header.push(Cell::of(writer.fresh_runs(&p.name, bold)).aligned("center"));
    }
    let mut table = vec![Row::new(RowKind::Header, header)];
    for (number, title, principles, goal) in rows {
        let look = if goal { bold } else { Look::default() };
        let mut cells = vec![
            Cell::of(writer.fresh_runs(number, bold)),
            Cell::of(writer.fresh_runs(title, look)),
        ];
        for p in &data.principles {
            let mark = if principles.contains(&p.id) { MARK } else { "" };
            cells.push(Cell::text(mark, Look::default()).aligned("center"));
        }
        table.push(Row::new(RowKind::Body, cells));
    }
    let mut widths = vec![number_width, 7.0];
    widths.extend(data.principles.iter().map(|_| 2.2));
    writer.grid(&Grid {
        widths: Some(widths),
        rows: table,
        ..Grid::default()
    });
}

#[cfg(test)]
mod words_tests {
    #[test]
    fn its_words_are_in_both_languages() {
        for language in [crate::model::Language::Lt, crate::model::Language::En] {
            let _ = super::Words::of(language);
        }
    }
}
