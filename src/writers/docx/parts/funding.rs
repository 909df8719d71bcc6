//! `@funding`: the totals by source, by priority (with the priorities' indicative needs
//! when the plan gives them) and by year, with the two charts, in the order of
//! templates/funding.typ.

use serde::Deserialize;

use super::Context;
use super::money::{self, BOLD};
use crate::view::{Data, RowMoney};
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

/// The funding part's own words.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    funding_by_source: String,
    funding_by_priority: String,
    funding_by_year: String,
    chart_by_priority: String,
    chart_by_year: String,
    amount: String,
    share: String,
    need_short: String,
    year: String,
    spread_note: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let data = cx.data;
    let words = Words::of(writer.language);
    let shared = money::Words::of(writer.language);
    money::amounts_note(writer, data, true);

    writer.heading(
        2,
        Some(&format!("{number}.1.")),
        &words.funding_by_source,
        None,
    );
    writer.numbered_caption(true, &words.funding_by_source, None);
    let mut rows = vec![Row::new(
        RowKind::Header,
        vec![
            Cell::text(&shared.source, BOLD),
            Cell::text(&shared.code, BOLD),
            Cell::text(&words.amount, BOLD).right(),
            Cell::text(&words.share, BOLD).right(),
        ],
    )];
    for (k, s) in data.sources.iter().enumerate() {
        let amount = data.funding.total.by_source.get(k).and_then(Option::as_ref);
        let share = data.funding.shares.get(k).and_then(Option::as_ref);
        let cells = vec![
            Cell::of(writer.fresh_runs(&s.name, Look::default())),
            Cell::of(writer.fresh_runs(&s.id, Look::default())),
            money::amount(writer, amount, false),
            money::amount_or(writer, share, &shared.dash, false),
        ];
        rows.push(Row::new(RowKind::Body, cells));
    }
    let all = if data.funding.total.total.value == 0.0 {
        shared.dash.clone()
    } else {
        "100\u{a0}%".to_string()
    };
    let cells = vec![
        Cell::text(&shared.total, BOLD).spanning(2),
        money::amount(writer, Some(&data.funding.total.total), true),
        Cell::text(&all, BOLD).right(),
    ];
    rows.push(Row::new(RowKind::Total, cells));
    writer.grid(&Grid {
        widths: Some(vec![5.0, 1.0, 1.5, 1.2]),
        rows,
        ..Grid::default()
    });

    writer.heading(
        2,
        Some(&format!("{number}.2.")),
        &words.funding_by_priority,
        None,
    );
    let titles: Vec<String> = data
        .funding
        .by_priority
        .iter()
        .map(|r| money::item_title(writer.language, &shared.priority, &r.label, &r.title))
        .collect();
    let needs = data.funding.need_total.as_ref().map(|total| {
        let rows: Vec<&str> = data
            .funding
            .by_priority
            .iter()
            .map(|r| r.need.as_ref().map_or(shared.dash.as_str(), |n| n.as_str()))
            .collect();
        (rows, total.as_str())
    });
    writer.numbered_caption(true, &words.funding_by_priority, None);
    let table = by_rows(
        writer,
        data,
        &shared.priority_column,
        &titles,
        &data.funding.by_priority,
        needs.as_ref(),
    );
    writer.grid(&table);
    let caption = format!(
        "{} ({})",
        words.chart_by_priority,
        data.plan.money_unit.as_str()
    );
    let alt = format!(
        "{}: {}",
        words.chart_by_priority,
        describe(data, &titles, &data.funding.by_priority)
    );
    let values = by_rows(
        writer,
        data,
        &shared.priority_column,
        &titles,
        &data.funding.by_priority,
        None,
    );
    writer.part_chart(&caption, &alt, &values);

    // The chart before its table, as in the PDF.
    writer.heading(
        2,
        Some(&format!("{number}.3.")),
        &words.funding_by_year,
        None,
    );
    // How amounts for a whole period are spread, before what it explains, as in the PDF.
    if data.funding.spread {
        let note = writer.fresh_runs(
            &words.spread_note,
            Look {
                italic: true,
                ..Look::default()
            },
        );
        writer.paragraph(Some("PartNote"), "", &note);
    }
    let years: Vec<String> = data
        .funding
        .by_year
        .iter()
        .map(|r| r.label.to_string())
        .collect();
    let caption = format!(
        "{} ({})",
        words.chart_by_year,
        data.plan.money_unit.as_str()
    );
    let alt = format!(
        "{}: {}",
        words.chart_by_year,
        describe(data, &years, &data.funding.by_year)
    );
    let values = by_rows(
        writer,
        data,
        &words.year,
        &years,
        &data.funding.by_year,
        None,
    );
    writer.part_chart(&caption, &alt, &values);
    writer.numbered_caption(true, &words.funding_by_year, None);
    let table = by_rows(
        writer,
        data,
        &words.year,
        &years,
        &data.funding.by_year,
        None,
    );
    writer.grid(&table);
}

/// A table of rows of money, each labelled (`labels`, aligned with `rows`), with the
/// indicative needs as a column after the first when given (each row's and the total),
/// and the plan's total as its last row.
fn by_rows(
    writer: &mut Writer,
    data: &Data,
    first: &str,
    labels: &[String],
    rows: &[RowMoney],
    needs: Option<&(Vec<&str>, &str)>,
) -> Grid {
    let shared = money::Words::of(writer.language);
    let words = Words::of(writer.language);
    let mut header = vec![Cell::text(first, BOLD)];
    if needs.is_some() {
        header.push(Cell::text(&words.need_short, BOLD).right());
    }
    header.extend(data.sources.iter().map(|s| Cell::text(&s.id, BOLD).right()));
    header.push(Cell::text(&shared.total, BOLD).right());
    let mut out = vec![Row::new(RowKind::Header, header)];
    for (n, (label, row)) in labels.iter().zip(rows).enumerate() {
        let mut cells = vec![Cell::of(writer.fresh_runs(label, Look::default()))];
        if let Some((needs, _)) = needs {
            let need = needs.get(n).copied().unwrap_or(shared.dash.as_str());
            cells.push(Cell::of(writer.fresh_runs(need, Look::default())).right());
        }
        cells.extend(money::money_cells(writer, &row.money, false));
        out.push(Row::new(RowKind::Body, cells));
    }
    let mut cells = vec![Cell::text(&shared.total, BOLD)];
    if let Some((_, total)) = needs {
        cells.push(Cell::of(writer.fresh_runs(total, BOLD)).right());
    }
    cells.extend(money::money_cells(writer, &data.funding.total, true));
    out.push(Row::new(RowKind::Total, cells));
    let mut widths = vec![2.4];
    widths.extend(std::iter::repeat_n(
        1.3,
        data.sources.len() + 1 + usize::from(needs.is_some()),
    ));
    Grid {
        widths: Some(widths),
        rows: out,
        ..Grid::default()
    }
}

/// What a funding chart shows, for a screen reader, as `describe` in templates/charts.typ:
/// "label: total (SB 1,0, ES 2,0); …".
fn describe(data: &Data, labels: &[String], rows: &[RowMoney]) -> String {
    labels
        .iter()
        .zip(rows)
        .map(|(label, row)| {
            let parts: Vec<String> = data
                .sources
                .iter()
                .zip(&row.money.by_source)
                .filter_map(|(s, c)| c.as_ref().map(|c| format!("{} {}", s.id, c.text.as_str())))
                .collect();
            format!(
                "{label}: {} ({})",
                row.money.total.text.as_str(),
                parts.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
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
