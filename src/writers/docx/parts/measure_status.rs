//! `@measure-status`: every measure's status at the end of the report year under a
//! shaded row naming its objective, with what it was planned to spend and spent, as
//! templates/measure-status.typ lays it out (on landscape pages, see `super::write`).

use serde::Deserialize;

use super::Context;
use super::money::{self, BOLD};
use crate::view::Money;
use crate::words::Phrase;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

/// The part's own words.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    measure_status: Phrase,
    number: String,
    measure: String,
    responsible: String,
    planned_in: Phrase,
    spent_in: Phrase,
    spent_to_date: Phrase,
    planned_total: String,
    comment: String,
    status_since: Phrase,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>) {
    let Some(report) = cx.data.report.as_ref() else {
        return;
    };
    let words = Words::of(writer.language);
    let shared = money::Words::of(writer.language);
    let year = report.year;
    money::amounts_note(writer, cx.data, false);
    writer.numbered_caption(true, &words.measure_status.year(year), None);
    let header = vec![
        Cell::text(&words.number, BOLD),
        Cell::text(&words.measure, BOLD),
        Cell::text(&words.responsible, BOLD),
        Cell::text(&shared.status, BOLD),
        Cell::text(&words.planned_in.year(year), BOLD).right(),
        Cell::text(&words.spent_in.year(year), BOLD).right(),
        Cell::text(&words.spent_to_date.year(year), BOLD).right(),
        Cell::text(&words.planned_total, BOLD).right(),
        Cell::text(&words.comment, BOLD),
    ];
    let columns = header.len();
    let mut rows = vec![Row::new(RowKind::Header, header)];
    // An amount the year has nothing of is a dash.
    let amount = |writer: &mut Writer, money: &Money| {
        let text = if money.total.value == 0.0 {
            shared.dash.as_str()
        } else {
            money.total.text.as_str()
        };
        Cell::of(writer.fresh_runs(text, Look::default())).right()
    };
    for o in &report.objectives {
        let band = writer.fresh_runs(&format!("{} {}", o.number.as_str(), o.title.as_str()), BOLD);
        rows.push(Row::new(
            RowKind::Band,
            vec![Cell::of(band).spanning(columns)],
        ));
        for m in &o.measures {
            let mut status = money::status_text(&shared.measure_statuses, m.status);
            if let Some(since) = m.since {
                status.push_str(&format!(" ({})", words.status_since.year(since)));
            }
            let cells = vec![
                Cell::of(writer.fresh_runs(&m.number, BOLD)),
                Cell::of(writer.fresh_runs(&m.title, Look::default())),
                Cell::of(writer.fresh_runs(&m.responsible.join(", "), Look::default())),
                Cell::of(writer.fresh_runs(&status, Look::default())),
                amount(writer, &m.planned),
                amount(writer, &m.spent),
                amount(writer, &m.spent_to_date),
                Cell::of(writer.fresh_runs(&m.planned_total.total.text, Look::default())).right(),
                Cell::of(writer.fresh_runs(
                    m.comment.as_ref().map_or("", |c| c.as_str()),
                    Look::default(),
                )),
            ];
            rows.push(Row::new(RowKind::Body, cells));
        }
    }
    writer.grid(&Grid {
        widths: Some(vec![1.1, 3.6, 1.7, 2.2, 1.5, 1.5, 1.7, 1.5, 3.6]),
        size: crate::understand::tree::Size::Small,
        landscape: true,
        rows,
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn its_words_are_in_both_languages() {
        for (_, language) in crate::words::LANGUAGES {
            let _ = super::Words::of(language);
        }
    }
}
