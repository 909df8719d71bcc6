//! `@swot`: the SWOT matrix of the four quadrants (each item with its code when items
//! have ids, bookmarked so that references link to it), then which goals answer each item
//! (`templates/swot.typ`).

use serde::Deserialize;

use super::Context;
use crate::view::SwotItem;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::numbers::item_bookmark;
use crate::writers::docx::xml::{Look, run_of};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    swot: String,
    strengths: String,
    weaknesses: String,
    opportunities: String,
    threats: String,
    swot_matrix: String,
    code: String,
    swot_item: String,
    goals_answering: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// Plans with up to this many goals get a column per goal in the matrix.
const WIDE: usize = 12;

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>) {
    let Some(swot) = &cx.data.swot else {
        return;
    };
    let words = Words::of(writer.language);
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    let head = |writer: &mut Writer<'a>, word: &str| Cell::of(writer.fresh_runs(word, bold));
    writer.numbered_caption(true, &words.swot, None);
    let rows = vec![
        Row::new(
            RowKind::Header,
            vec![
                head(writer, &words.strengths),
                head(writer, &words.weaknesses),
            ],
        ),
        Row::new(
            RowKind::Body,
            vec![
                Cell::of(quadrant(writer, cx, &swot.strengths, swot.coded)),
                Cell::of(quadrant(writer, cx, &swot.weaknesses, swot.coded)),
            ],
        ),
        Row::new(
            RowKind::Band,
            vec![
                head(writer, &words.opportunities),
                head(writer, &words.threats),
            ],
        ),
        Row::new(
            RowKind::Body,
            vec![
                Cell::of(quadrant(writer, cx, &swot.opportunities, swot.coded)),
                Cell::of(quadrant(writer, cx, &swot.threats, swot.coded)),
            ],
        ),
    ];
    writer.grid(&Grid {
        widths: Some(vec![1.0, 1.0]),
        rows,
        ..Grid::default()
    });

    // Which goals answer which item: a column per goal, or for plans with many goals,
    // the goals' numbers in one column.
    let items: Vec<&SwotItem> = [
        &swot.strengths,
        &swot.weaknesses,
        &swot.opportunities,
        &swot.threats,
    ]
    .into_iter()
    .flatten()
    .collect();
    if !swot.coded || items.iter().all(|i| i.goals.is_empty()) {
        return;
    }
    let goals: Vec<&str> = cx
        .data
        .priorities
        .iter()
        .flat_map(|p| &p.goals)
        .map(|g| g.number.as_str())
        .collect();
    let wide = goals.len() <= WIDE;
    writer.numbered_caption(true, &words.swot_matrix, None);
    let mut header = vec![
        Cell::text(&words.code, bold),
        Cell::text(&words.swot_item, bold),
    ];
    if wide {
        for g in &goals {
            header.push(Cell::of(writer.fresh_runs(g, bold)).aligned("center"));
        }
    } else {
        header.push(Cell::text(&words.goals_answering, bold));
    }
    let mut rows = vec![Row::new(RowKind::Header, header)];
    for item in items {
        let text = match cx.texts.get(item.text.as_str()) {
            Some(doc) => super::phrases::text_runs(writer, doc),
            None => String::new(),
        };
        let mut cells = vec![
            Cell::of(writer.fresh_runs(&item.code, bold)),
            Cell::of(text),
        ];
        if wide {
            for g in &goals {
                let marked = item.goals.iter().any(|a| a.as_str() == *g);
                let mark = if marked { super::principles::MARK } else { "" };
                cells.push(Cell::text(mark, Look::default()).aligned("center"));
            }
        } else {
            let answering: Vec<&str> = item.goals.iter().map(|g| g.as_str()).collect();
            cells.push(Cell::of(
                writer.fresh_runs(&answering.join(", "), Look::default()),
            ));
        }
        rows.push(Row::new(RowKind::Body, cells));
    }
    let mut widths = vec![0.9, 8.0];
    if wide {
        widths.extend(goals.iter().map(|_| 0.9));
    } else {
        widths.push(2.5);
    }
    writer.grid(&Grid {
        widths: Some(widths),
        size: crate::understand::tree::Size::Small,
        rows,
        ..Grid::default()
    });
}

/// A quadrant's items, one to a line: each with its code (bookmarked when the item has
/// an id), or after a bullet when items have no codes.
fn quadrant<'a>(
    writer: &mut Writer<'a>,
    cx: &Context<'a>,
    items: &[SwotItem],
    coded: bool,
) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&run_of("<w:br/>", Look::default()));
        }
        if coded {
            let code = writer.fresh_runs(
                &item.code,
                Look {
                    bold: true,
                    ..Look::default()
                },
            );
            let code = match &item.id {
                Some(id) => writer.bookmarked_as(&item_bookmark(id), &code),
                None => code,
            };
            out.push_str(&code);
            out.push_str(&run_of("<w:tab/>", Look::default()));
        } else {
            out.push_str(&writer.fresh_runs("•\u{a0}", Look::default()));
        }
        if let Some(doc) = cx.texts.get(item.text.as_str()) {
            out.push_str(&super::phrases::text_runs(writer, doc));
        }
    }
    out
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
