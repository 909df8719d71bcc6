//! `@scenarios`: each development scenario with its assumptions (the chosen one marked),
//! then per indicator a scenario projects, its chart (for now the table of its values),
//! and the table of every projection beside the plan's targets (`templates/scenarios.typ`).

use serde::Deserialize;

use super::Context;
use super::phrases::{fill, subheading};
use crate::view::Cell as Value;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    scenario_chosen: String,
    scenario_year: String,
    scenario_baseline: String,
    scenario_target: String,
    scenario_chart: String,
    scenario_table: String,
    dash: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let Some(s) = &cx.data.scenarios else {
        return;
    };
    let words = Words::of(writer.language);
    let named = |name: &str, chosen: bool| {
        if chosen {
            format!("{name} ({})", words.scenario_chosen)
        } else {
            name.to_string()
        }
    };
    for (n, scenario) in s.list.iter().enumerate() {
        subheading(
            writer,
            number,
            n + 1,
            &named(&scenario.name, scenario.chosen),
        );
        if let Some(doc) = scenario
            .assumptions
            .as_deref()
            .and_then(|key| cx.texts.get(key))
        {
            writer.text(doc);
        }
    }
    if s.indicators.is_empty() {
        return;
    }
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    let header = |writer: &mut Writer<'a>| {
        let mut cells = vec![Cell::text(&words.scenario_year, bold)];
        for x in &s.list {
            cells.push(Cell::of(writer.fresh_runs(&named(&x.name, x.chosen), bold)));
        }
        cells.push(Cell::text(&words.scenario_target, bold));
        Row::new(RowKind::Header, cells)
    };
    let value = |writer: &mut Writer<'a>, v: Option<&Value>| {
        let text = v.map_or(words.dash.as_str(), |v| v.text.as_str());
        Cell::of(writer.fresh_runs(text, Look::default())).right()
    };
    let count = s.list.len();
    // An indicator's rows: its baseline across the scenarios, then a row per year.
    let mut all = vec![header(writer)];
    let mut charts = Vec::new();
    for i in &s.indicators {
        let mut rows = Vec::new();
        if let Some(b) = &i.baseline {
            rows.push(Row::new(
                RowKind::Body,
                vec![
                    Cell::of(writer.fresh_runs(
                        &format!("{} ({})", b.year, words.scenario_baseline),
                        Look::default(),
                    )),
                    Cell::of(writer.fresh_runs(&b.text, Look::default()))
                        .aligned("center")
                        .spanning(count),
                    Cell::text(&words.dash, Look::default()).right(),
                ],
            ));
        }
        for (k, year) in i.years.iter().enumerate() {
            let mut cells = vec![Cell::text(&year.to_string(), Look::default())];
            for values in &i.values {
                cells.push(value(writer, values.get(k).and_then(Option::as_ref)));
            }
            cells.push(value(writer, i.targets.get(k).and_then(Option::as_ref)));
            rows.push(Row::new(RowKind::Body, cells));
        }
        let unit = i
            .unit
            .as_ref()
            .map_or_else(String::new, |u| format!(" ({u})"));
        let mut band = writer.fresh_runs(&i.code, bold);
        band.push_str(&writer.runs(&format!(" {}{unit}", i.name), Look::default()));
        all.push(Row::new(
            RowKind::Band,
            vec![Cell::of(band).spanning(count + 2)],
        ));
        // The chart's values: the same rows under a header of their own.
        let mut chart = vec![header(writer)];
        chart.extend(rows.iter().map(|r| Row::new(r.kind, r.cells.clone())));
        all.extend(rows);
        let caption = fill(
            &words.scenario_chart,
            "indicator",
            &format!("{} {}", i.code, i.name),
        );
        charts.push((caption, i.alt.clone(), chart));
    }
    for (caption, alt, rows) in charts {
        writer.part_chart(
            &caption,
            &alt,
            &Grid {
                size: crate::understand::tree::Size::Small,
                rows,
                ..Grid::default()
            },
        );
    }
    writer.numbered_caption(true, &words.scenario_table, None);
    writer.grid(&Grid {
        size: crate::understand::tree::Size::Small,
        rows: all,
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
