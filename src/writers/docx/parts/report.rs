//! The monitoring report's summary parts, as templates/monitoring-summary.typ and
//! templates/funding-execution.typ lay them out: `@monitoring-summary` (indicators by
//! progress, measures by status, funding planned against spent) and `@funding-execution`
//! (planned against spent, in the year and to date, by source and by priority).

use serde::Deserialize;

use super::Context;
use super::money::{self, BOLD};
use crate::view::{Count, ExecutionRow};
use crate::view::{Report, Text};
use crate::words::Phrase;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

/// The report parts' own words.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    indicators: String,
    measures: String,
    funding: String,
    count: String,
    share: String,
    indicators_by_status: Phrase,
    measures_by_status: Phrase,
    funding_summary: Phrase,
    execution_by_source: String,
    execution_by_priority: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// `@monitoring-summary`.
pub(super) fn summary<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let Some(report) = cx.data.report.as_ref() else {
        return;
    };
    let words = Words::of(writer.language);
    let shared = money::Words::of(writer.language);
    let year = report.year;

    writer.heading(2, Some(&format!("{number}.1.")), &words.indicators, None);
    // "No target" and "no data" only when some indicator has it.
    let indicators: Vec<&Count> = report
        .indicator_counts
        .iter()
        .filter(|c| c.count > 0 || matches!(c.status, "on-track" | "lagging" | "off-track"))
        .collect();
    counts(
        writer,
        &words.indicators_by_status.year(year),
        &indicators,
        &shared.reached,
    );

    writer.heading(2, Some(&format!("{number}.2.")), &words.measures, None);
    // Statuses no measure has are left out, so the table says what happened.
    let measures: Vec<&Count> = report
        .measure_counts
        .iter()
        .filter(|c| c.count > 0)
        .collect();
    counts(
        writer,
        &words.measures_by_status.year(year),
        &measures,
        &shared.measure_statuses,
    );

    writer.heading(2, Some(&format!("{number}.3.")), &words.funding, None);
    money::amounts_note(writer, cx.data, false);
    writer.numbered_caption(true, &words.funding_summary.year(year), None);
    let total = &report.funding.total;
    let mut rows = vec![Row::new(
        RowKind::Header,
        vec![
            Cell::text("", BOLD),
            Cell::text(&shared.planned, BOLD).right(),
            Cell::text(&shared.spent, BOLD).right(),
            Cell::text(&shared.execution, BOLD).right(),
        ],
    )];
    for (label, planned, spent, rate) in [
        (
            shared.year_of.year(year),
            &total.planned.total,
            &total.spent.total,
            total.rate.as_ref(),
        ),
        (
            shared
                .to_date
                .fill(&[("year", &report.years_text.as_str())]),
            &total.planned_to_date.total,
            &total.spent_to_date.total,
            total.rate_to_date.as_ref(),
        ),
    ] {
        let cells = vec![
            Cell::of(writer.fresh_runs(&label, Look::default())),
            money::amount(writer, Some(planned), false),
            money::amount(writer, Some(spent), false),
            money::amount_or(writer, rate, &shared.dash, false),
        ];
        rows.push(Row::new(RowKind::Body, cells));
    }
    writer.grid(&Grid {
        widths: Some(vec![4.0, 1.4, 1.4, 1.4]),
        rows,
        ..Grid::default()
    });
}

/// A captioned table of statuses: mark and label, how many, their share, and the total.
fn counts(
    writer: &mut Writer,
    caption: &str,
    list: &[&Count],
    labels: &std::collections::BTreeMap<String, String>,
) {
    let words = Words::of(writer.language);
    let shared = money::Words::of(writer.language);
    writer.numbered_caption(true, caption, None);
    let mut rows = vec![Row::new(
        RowKind::Header,
        vec![
            Cell::text(&shared.status, BOLD),
            Cell::text(&words.count, BOLD).right(),
            Cell::text(&words.share, BOLD).right(),
        ],
    )];
    for c in list {
        let cells = vec![
            money::status_cell(writer, labels, c.status),
            Cell::text(&c.count.to_string(), Look::default()).right(),
            money::amount(writer, c.share.as_ref(), false),
        ];
        rows.push(Row::new(RowKind::Body, cells));
    }
    let all: usize = list.iter().map(|c| c.count).sum();
    rows.push(Row::new(
        RowKind::Total,
        vec![
            Cell::text(&shared.total, BOLD),
            Cell::text(&all.to_string(), BOLD).right(),
            Cell::text("", Look::default()),
        ],
    ));
    writer.grid(&Grid {
        widths: Some(vec![5.0, 1.3, 1.3]),
        rows,
        ..Grid::default()
    });
}

/// `@funding-execution`.
pub(super) fn execution<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let Some(report) = cx.data.report.as_ref() else {
        return;
    };
    let words = Words::of(writer.language);
    let shared = money::Words::of(writer.language);
    money::amounts_note(writer, cx.data, false);
    let total = &report.funding.total;
    let dash = shared.dash.as_str();

    writer.heading(
        2,
        Some(&format!("{number}.1.")),
        &words.execution_by_source,
        None,
    );
    let sources: Vec<(String, [Option<&crate::view::Cell>; 6])> = cx
        .data
        .sources
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let of = |list: &'a [Option<crate::view::Cell>]| at(list, k);
            (
                format!("{} ({})", s.name.as_str(), s.id),
                [
                    of(&total.planned.by_source),
                    of(&total.spent.by_source),
                    of(&total.rate_by_source),
                    of(&total.planned_to_date.by_source),
                    of(&total.spent_to_date.by_source),
                    of(&total.rate_to_date_by_source),
                ],
            )
        })
        .collect();
    execution_table(
        writer,
        report,
        &words.execution_by_source,
        &shared.source,
        &sources,
        dash,
    );
    if let Some(note) = &report.funding.unplanned {
        let runs = writer.fresh_runs(note.as_str(), Look::default());
        writer.paragraph(Some("PartNote"), "", &runs);
    }

    writer.heading(
        2,
        Some(&format!("{number}.2.")),
        &words.execution_by_priority,
        None,
    );
    let priorities: Vec<(String, [Option<&crate::view::Cell>; 6])> = report
        .funding
        .by_priority
        .iter()
        .map(|r| {
            let title = money::item_title(
                writer.language,
                &shared.priority,
                r.label.as_deref().unwrap_or(""),
                r.title.as_deref().unwrap_or(""),
            );
            (title, whole(r))
        })
        .collect();
    execution_table(
        writer,
        report,
        &words.execution_by_priority,
        &shared.priority_column,
        &priorities,
        dash,
    );
}

/// The `k`-th of a list of amounts, when there is one.
fn at(list: &[Option<crate::view::Cell>], k: usize) -> Option<&crate::view::Cell> {
    list.get(k).and_then(Option::as_ref)
}

/// A row's totals: planned, spent and execution in the year, then to date.
fn whole(r: &ExecutionRow) -> [Option<&crate::view::Cell>; 6] {
    [
        Some(&r.planned.total),
        Some(&r.spent.total),
        r.rate.as_ref(),
        Some(&r.planned_to_date.total),
        Some(&r.spent_to_date.total),
        r.rate_to_date.as_ref(),
    ]
}

/// A captioned table of planned against spent: a header of two rows (the year and to
/// date over planned, spent and execution), the rows, and the report's total.
fn execution_table(
    writer: &mut Writer,
    report: &Report,
    caption: &str,
    first: &str,
    rows: &[(String, [Option<&crate::view::Cell>; 6])],
    dash: &str,
) {
    let shared = money::Words::of(writer.language);
    writer.numbered_caption(true, caption, None);
    let years: &Text = &report.years_text;
    let mut out = vec![
        Row::new(
            RowKind::Header,
            vec![
                Cell::text(first, BOLD),
                Cell::text(&shared.year_of.year(report.year), BOLD)
                    .aligned("center")
                    .spanning(3),
                Cell::text(&shared.to_date.fill(&[("year", &years.as_str())]), BOLD)
                    .aligned("center")
                    .spanning(3),
            ],
        ),
        Row::new(
            RowKind::Header,
            std::iter::once(Cell::text("", BOLD))
                .chain(
                    [&shared.planned, &shared.spent, &shared.execution]
                        .repeat(2)
                        .into_iter()
                        .map(|w| Cell::text(w, BOLD).right()),
                )
                .collect(),
        ),
    ];
    for (label, cells) in rows {
        let mut row = vec![Cell::of(writer.fresh_runs(label, Look::default()))];
        row.extend(
            cells
                .iter()
                .map(|c| money::amount_or(writer, *c, dash, false)),
        );
        out.push(Row::new(RowKind::Body, row));
    }
    let mut total = vec![Cell::text(&shared.total, BOLD)];
    total.extend(
        whole(&report.funding.total)
            .iter()
            .map(|c| money::amount_or(writer, *c, dash, true)),
    );
    out.push(Row::new(RowKind::Total, total));
    writer.grid(&Grid {
        widths: Some(vec![2.6, 1.3, 1.3, 1.3, 1.3, 1.3, 1.3]),
        rows: out,
        ..Grid::default()
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
