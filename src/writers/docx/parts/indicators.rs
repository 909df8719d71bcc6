//! Indicator tables, as `indicator-table` in templates/style.typ draws them (the vision's,
//! the strategy's at every level): code, name, unit, baseline with its year, a column per
//! milestone, and the data source when one of them names it. And `@indicators`: a
//! captioned table per level, then per goal the chart of its indicators' baselines and
//! targets (`templates/indicators.typ`).

use serde::Deserialize;

use super::Context;
use crate::view::{Data, IndicatorData};
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
    vision_indicators: String,
    impact_indicators: String,
    effect_indicators: String,
    result_indicators: String,
    product_indicators: String,
    indicator_charts: String,
    chart_indicators: String,
    continued: String,
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
    let list: Vec<&IndicatorData> = indicators.iter().collect();
    table_of(writer, milestones, &list, anchor);
}

/// [`table`] of indicators gathered from several items.
fn table_of(writer: &mut Writer, milestones: &[i32], indicators: &[&IndicatorData], anchor: bool) {
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
        let code = writer.fresh_runs(&i.code, bold);
        let code = if anchor {
            writer.bookmarked_as(&item_bookmark(&i.id), &code)
        } else {
            code
        };
        let mut cells = vec![
            Cell::of(code),
            Cell::of(writer.fresh_runs(&i.name, Look::default())),
            Cell::of(writer.fresh_runs(i.unit.as_deref().unwrap_or(&words.dash), Look::default())),
            Cell::of(writer.fresh_runs(
                &i.baseline.as_ref().map_or_else(
                    || words.dash.clone(),
                    |b| format!("{} ({})", b.text.as_str(), b.year),
                ),
                Look::default(),
            ))
            .right(),
        ];
        for t in &i.targets {
            let text = t.as_ref().map_or(words.dash.as_str(), |t| t.text.as_str());
            cells.push(Cell::of(writer.fresh_runs(text, Look::default())).right());
        }
        if source {
            cells.push(Cell::of(writer.fresh_runs(
                i.source.as_deref().unwrap_or(&words.dash),
                Look::default(),
            )));
        }
        rows.push(Row::new(RowKind::Body, cells));
    }
    // Relative widths as the PDF's columns: the name takes what the others leave.
    let mut widths = vec![
        code_width(indicators.iter().map(|i| i.code.as_str())),
        5.0,
        1.5,
        1.9,
    ];
    widths.extend(milestones.iter().map(|_| 1.1));
    if source {
        widths.push(2.3);
    }
    writer.grid(&Grid {
        widths: Some(widths),
        size: crate::understand::tree::Size::Small,
        rows,
        ..Grid::default()
    });
}

/// The indicators of each level of the plan that has any, with the word naming the level.
fn levels<'d>(data: &'d Data, words: &Words) -> Vec<(String, Vec<&'d IndicatorData>)> {
    let goals = || data.priorities.iter().flat_map(|p| &p.goals);
    let objectives = || goals().flat_map(|g| &g.objectives);
    let levels = [
        (
            &words.vision_indicators,
            data.vision.indicators.iter().collect(),
        ),
        (
            &words.impact_indicators,
            data.priorities.iter().flat_map(|p| &p.indicators).collect(),
        ),
        (
            &words.effect_indicators,
            goals().flat_map(|g| &g.indicators).collect(),
        ),
        (
            &words.result_indicators,
            objectives().flat_map(|o| &o.indicators).collect(),
        ),
        (
            &words.product_indicators,
            objectives()
                .flat_map(|o| &o.measures)
                .flat_map(|m| &m.indicators)
                .collect::<Vec<&IndicatorData>>(),
        ),
    ];
    levels
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(word, list)| (word.clone(), list))
        .collect()
}

/// `@indicators`, numbered `number`: a subheading and a captioned table per level, then
/// the charts of each goal's effect and result indicators (twelve to a chart), each as
/// the table of its values.
pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let data = cx.data;
    let words = Words::of(writer.language);
    let anchor = data.document.anchors.indicators == Some("indicators");
    let milestones = &data.plan.milestones;
    let levels = levels(data, words);
    for (n, (word, list)) in levels.iter().enumerate() {
        super::phrases::subheading(writer, number, n + 1, word);
        writer.numbered_caption(true, word, None);
        let list: Vec<&IndicatorData> = list.clone();
        table_of(writer, milestones, &list, anchor);
    }
    let charted: Vec<(&crate::view::Goal, Vec<&IndicatorData>)> = data
        .priorities
        .iter()
        .flat_map(|p| &p.goals)
        .map(|g| {
            let list = g
                .indicators
                .iter()
                .chain(g.objectives.iter().flat_map(|o| &o.indicators))
                .filter(|i| i.baseline.is_some() || i.targets.iter().any(Option::is_some))
                .collect();
            (g, list)
        })
        .filter(|(_, list): &(_, Vec<_>)| !list.is_empty())
        .collect();
    if charted.is_empty() {
        return;
    }
    super::phrases::subheading(writer, number, levels.len() + 1, &words.indicator_charts);
    for (g, list) in charted {
        for (n, chunk) in list.chunks(12).enumerate() {
            let mut caption = super::phrases::fill(&words.chart_indicators, "number", &g.number);
            if n > 0 {
                caption.push_str(&format!(" {}", words.continued));
            }
            let alt: Vec<String> = chunk
                .iter()
                .map(|i| describe(i, milestones, writer.language))
                .collect();
            let values = chart_values(writer, words, milestones, chunk);
            writer.part_chart(&caption, &alt.join("; "), &values);
        }
    }
}

/// What a screen reader says of an indicator's chart (`describe-indicator` in charts.typ).
fn describe(i: &IndicatorData, milestones: &[i32], language: crate::model::Language) -> String {
    let year = |y: i32| match language {
        crate::model::Language::Lt => format!("{y} m."),
        crate::model::Language::En => y.to_string(),
    };
    let values: Vec<String> = i
        .baseline
        .iter()
        .map(|b| format!("{} {}", year(b.year), b.text))
        .chain(
            milestones
                .iter()
                .zip(&i.targets)
                .filter_map(|(y, t)| t.as_ref().map(|t| format!("{} {}", year(*y), t.text))),
        )
        .collect();
    format!(
        "{} {} ({}): {}",
        i.code,
        i.name,
        i.unit.as_deref().unwrap_or_default(),
        values.join("; ")
    )
}

/// The values a goal's chart draws: each indicator's baseline and targets.
fn chart_values(
    writer: &mut Writer,
    words: &Words,
    milestones: &[i32],
    indicators: &[&IndicatorData],
) -> Grid {
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    let mut header = vec![
        Cell::text(&words.code, bold),
        Cell::text(&words.indicator, bold),
        Cell::text(&words.baseline, bold),
    ];
    header.extend(milestones.iter().map(|y| Cell::text(&y.to_string(), bold)));
    let mut rows = vec![Row::new(RowKind::Header, header)];
    for i in indicators {
        let name = match &i.unit {
            Some(unit) => format!("{} ({unit})", i.name),
            None => i.name.to_string(),
        };
        let baseline = i.baseline.as_ref().map_or_else(
            || words.dash.clone(),
            |b| format!("{} ({})", b.text.as_str(), b.year),
        );
        let mut cells = vec![
            Cell::of(writer.fresh_runs(&i.code, bold)),
            Cell::of(writer.fresh_runs(&name, Look::default())),
            Cell::of(writer.fresh_runs(&baseline, Look::default())).right(),
        ];
        for t in &i.targets {
            let text = t.as_ref().map_or(words.dash.as_str(), |t| t.text.as_str());
            cells.push(Cell::of(writer.fresh_runs(text, Look::default())).right());
        }
        rows.push(Row::new(RowKind::Body, cells));
    }
    let mut widths = vec![
        code_width(indicators.iter().map(|i| i.code.as_str())),
        5.0,
        1.9,
    ];
    widths.extend(milestones.iter().map(|_| 1.1));
    Grid {
        widths: Some(widths),
        size: crate::understand::tree::Size::Small,
        rows,
        ..Grid::default()
    }
}

/// The code column's relative width: as the longest of `codes` asks (next to a name of 5),
/// so that no code breaks over two lines.
pub(super) fn code_width<'c>(codes: impl Iterator<Item = &'c str>) -> f64 {
    let code = codes.map(|c| c.chars().count()).max().unwrap_or(0);
    (code as f64 * 0.22).clamp(1.3, 2.8)
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
