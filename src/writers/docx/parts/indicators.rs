//! Indicator tables, as `indicator-table` in templates/style.typ draws them (the vision's,
//! the strategy's at every level): code, name, unit, baseline with its year, a column per
//! milestone, and the data source when one of them names it.

use serde::Deserialize;

use crate::view::IndicatorData;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::numbers::item_bookmark;
use crate::writers::docx::xml::Look;

/// The words of an indicator table's header.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    code: String,
    indicator: String,
    unit: String,
    baseline: String,
    data_source: String,
    dash: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// Writes a table of `indicators` under the plan's `milestones`; each code is bookmarked
/// for references when this part carries the indicators' labels (`anchor`).
pub(super) fn table(
    writer: &mut Writer,
    milestones: &[i32],
    indicators: &[IndicatorData],
    anchor: bool,
) {
    let words = Words::of(writer.language);
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    let source = indicators.iter().any(|i| i.source.is_some());
    let mut header = vec![
        Cell::text(&words.code, bold),
        Cell::text(&words.indicator, bold),
        Cell::text(&words.unit, bold),
        Cell::text(&words.baseline, bold),
    ];
    header.extend(milestones.iter().map(|y| Cell::text(&y.to_string(), bold)));
    if source {
        header.push(Cell::text(&words.data_source, bold));
    }
    let mut rows = vec![Row::new(RowKind::Header, header)];
    for i in indicators {
        let code = writer.runs(&i.code, bold);
        let code = if anchor {
            writer.bookmarked_as(&item_bookmark(&i.id), &code)
        } else {
            code
        };
        let mut cells = vec![
            Cell::of(code),
            Cell::of(writer.runs(&i.name, Look::default())),
            Cell::of(writer.runs(i.unit.as_deref().unwrap_or(&words.dash), Look::default())),
            Cell::of(writer.runs(
                &i.baseline.as_ref().map_or_else(
                    || words.dash.clone(),
                    |b| format!("{} ({})", b.text.as_str(), b.year),
                ),
                Look::default(),
            ))
            .right(),
        ];
        cells.extend(i.targets.iter().map(|t| {
            Cell::text(
                t.as_ref().map_or(words.dash.as_str(), |t| t.text.as_str()),
                Look::default(),
            )
            .right()
        }));
        if source {
            cells.push(Cell::of(
                writer.runs(i.source.as_deref().unwrap_or(&words.dash), Look::default()),
            ));
        }
        rows.push(Row::new(RowKind::Body, cells));
    }
    writer.grid(&Grid {
        size: crate::understand::tree::Size::Small,
        rows,
        ..Grid::default()
    });
}
