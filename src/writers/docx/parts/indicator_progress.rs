//! `@indicator-progress`: every indicator's actual value in the report year against that
//! year's target, a table per level, then the charts of each goal's indicators over the
//! years reported, as templates/indicator-progress.typ lays them out.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Context;
use super::money::{self, BOLD};
use crate::model::Language;
use crate::view::IndicatorProgress;
use crate::words::Phrase;
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

/// The part's own words.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    indicator: String,
    unit: String,
    baseline: String,
    target_in: Phrase,
    actual_in: Phrase,
    achievement: String,
    path_note: BTreeMap<String, Phrase>,
    indicator_history: String,
    chart_legend_target: String,
    chart_legend_actual: String,
    chart_progress: Phrase,
    chart_progress_top: String,
    vision_indicators: String,
    impact_indicators: String,
    effect_indicators: String,
    result_indicators: String,
    product_indicators: String,
}

impl Words {
    fn of(language: Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }

    fn level(&self, level: &str) -> &str {
        match level {
            "vision" => &self.vision_indicators,
            "impact" => &self.impact_indicators,
            "effect" => &self.effect_indicators,
            "result" => &self.result_indicators,
            _ => &self.product_indicators,
        }
    }
}

/// The levels, in the order of the part's tables.
const LEVELS: [&str; 5] = ["vision", "impact", "effect", "result", "product"];

/// Indicators to a chart figure, as the PDF's (three rows of four).
const PER_FIGURE: usize = 12;

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let Some(report) = cx.data.report.as_ref() else {
        return;
    };
    let language = writer.language;
    let words = Words::of(language);
    let shared = money::Words::of(language);
    let year = report.year;
    let method = writer.fresh_runs(report.method.as_str(), Look::default());
    writer.paragraph(Some("PartNote"), "", &method);
    let mut n = 0;
    for level in LEVELS {
        let list: Vec<&IndicatorProgress> = report
            .indicators
            .iter()
            .filter(|i| i.level == level)
            .collect();
        if list.is_empty() {
            continue;
        }
        n += 1;
        writer.heading(2, Some(&format!("{number}.{n}.")), words.level(level), None);
        writer.numbered_caption(true, words.level(level), None);
        let header = vec![
            Cell::text(&shared.code, BOLD),
            Cell::text(&words.indicator, BOLD),
            Cell::text(&words.unit, BOLD),
            Cell::text(&words.baseline, BOLD).right(),
            Cell::text(&words.target_in.year(year), BOLD).right(),
            Cell::text(&words.actual_in.year(year), BOLD).right(),
            Cell::text(&words.achievement, BOLD).right(),
            Cell::text(&shared.status, BOLD),
        ];
        let mut rows = vec![Row::new(RowKind::Header, header)];
        // The code column as wide as the longest code asks ("P-1.1.1.1-1" never breaks).
        let code = super::indicators::code_width(list.iter().map(|i| i.indicator.code.as_str()));
        for i in list {
            rows.push(row(writer, i, words, shared));
        }
        writer.grid(&Grid {
            widths: Some(vec![code, 4.0, 1.1, 1.7, 1.5, 1.5, 2.0, 2.2]),
            size: crate::understand::tree::Size::Small,
            rows,
            ..Grid::default()
        });
    }

    // Charts of the indicators above the measures: the vision's and the priorities', then
    // each goal's with its objectives'.
    let charted = |i: &&IndicatorProgress| {
        i.indicator.baseline.is_some()
            || i.indicator.targets.iter().any(Option::is_some)
            || i.history.iter().any(|p| p.actual.is_some())
    };
    let above: Vec<&IndicatorProgress> = report
        .indicators
        .iter()
        .filter(|i| i.level != "product")
        .filter(charted)
        .collect();
    if above.is_empty() {
        return;
    }
    writer.heading(
        2,
        Some(&format!("{number}.{}.", n + 1)),
        &words.indicator_history,
        None,
    );
    let mut groups: Vec<(String, Vec<&IndicatorProgress>)> = Vec::new();
    let top: Vec<_> = above
        .iter()
        .copied()
        .filter(|i| matches!(i.level, "vision" | "impact"))
        .collect();
    if !top.is_empty() {
        groups.push((words.chart_progress_top.clone(), top));
    }
    for g in cx.data.priorities.iter().flat_map(|p| &p.goals) {
        let owners: Vec<&str> = std::iter::once(g.number.as_str())
            .chain(g.objectives.iter().map(|o| o.number.as_str()))
            .collect();
        let list: Vec<_> = above
            .iter()
            .copied()
            .filter(|i| {
                matches!(i.level, "effect" | "result")
                    && i.owner.as_deref().is_some_and(|o| owners.contains(&o))
            })
            .collect();
        if !list.is_empty() {
            let caption = words.chart_progress.fill(&[("number", &g.number.as_str())]);
            groups.push((caption, list));
        }
    }
    let milestones = &cx.data.plan.milestones;
    for (caption, list) in groups {
        for chunk in list.chunks(PER_FIGURE) {
            let alt: Vec<String> = chunk
                .iter()
                .map(|i| describe(i, milestones, words, language))
                .collect();
            let values = chart_values(writer, chunk, milestones, words);
            writer.part_chart(&caption, &alt.join(". "), &values);
        }
    }
}

/// An indicator's row: code, name (with the note on a target read from a straight path,
/// and the report's note), unit, baseline, the year's target and actual value, how far it
/// has come and its status.
fn row(writer: &mut Writer, i: &IndicatorProgress, words: &Words, shared: &money::Words) -> Row {
    let dash = shared.dash.as_str();
    let data = &i.indicator;
    let small = Look::default();
    let mut name = writer.fresh_runs(&data.name, Look::default());
    if let Some(path) = &i.path {
        let form = if path.from_baseline {
            "baseline"
        } else {
            "target"
        };
        if let Some(phrase) = words.path_note.get(form) {
            let note = phrase.fill(&[
                ("from-text", &path.from_text.as_str()),
                ("from-year", &path.from_year),
                ("to-year", &path.to_year),
                ("to-text", &path.to_text.as_str()),
            ]);
            name.push_str("<w:r><w:br/></w:r>");
            name.push_str(&writer.runs(&note, small));
        }
    }
    if let Some(note) = &i.note {
        name.push_str("<w:r><w:br/></w:r>");
        name.push_str(&writer.runs(
            note,
            Look {
                italic: true,
                ..Look::default()
            },
        ));
    }
    // A value that moved away from the target beyond the baseline, said in words, as the
    // PDF says it: a negative achievement alone means nothing to a reader.
    if let Some(away) = &i.away {
        name.push_str("<w:r><w:br/></w:r>");
        name.push_str(&writer.runs(away.as_str(), BOLD));
    }
    let baseline = data.baseline.as_ref().map_or_else(
        || dash.to_string(),
        |b| format!("{} ({})", b.text.as_str(), b.year),
    );
    let target = i.target.as_ref().map_or_else(
        || dash.to_string(),
        |t| {
            let star = if i.path.is_some() { "*" } else { "" };
            format!("{}{star}", t.text.as_str())
        },
    );
    let cells = vec![
        Cell::of(writer.fresh_runs(&data.code, BOLD)),
        Cell::of(name),
        Cell::of(writer.fresh_runs(data.unit.as_deref().unwrap_or(""), Look::default())),
        Cell::of(writer.fresh_runs(&baseline, Look::default())).right(),
        Cell::of(writer.fresh_runs(&target, Look::default())).right(),
        money::amount_or(writer, i.actual.as_ref(), dash, false),
        money::amount_or(writer, i.achievement.as_ref(), dash, false),
        money::status_cell(writer, &shared.reached, i.status),
    ];
    Row::new(RowKind::Body, cells)
}

/// A year as the charts' texts say it: "2024 m." in Lithuanian, "2024" in English.
fn year_text(year: i32, language: Language) -> String {
    match language {
        Language::Lt => format!("{year} m."),
        Language::En => year.to_string(),
    }
}

/// The planned values (the targets) and the actual ones of an indicator, each "year
/// value" joined with "; ".
fn paths(i: &IndicatorProgress, milestones: &[i32], language: Language) -> (String, String) {
    let planned: Vec<String> = milestones
        .iter()
        .zip(&i.indicator.targets)
        .filter_map(|(y, t)| {
            t.as_ref()
                .map(|t| format!("{} {}", year_text(*y, language), t.text.as_str()))
        })
        .collect();
    let actual: Vec<String> = i
        .history
        .iter()
        .filter_map(|p| {
            p.actual
                .as_ref()
                .map(|a| format!("{} {}", year_text(p.year, language), a.text.as_str()))
        })
        .collect();
    (planned.join("; "), actual.join("; "))
}

/// What an indicator's chart shows, for a screen reader, as `describe` in
/// templates/indicator-progress.typ.
fn describe(
    i: &IndicatorProgress,
    milestones: &[i32],
    words: &Words,
    language: Language,
) -> String {
    let data = &i.indicator;
    let (planned, actual) = paths(i, milestones, language);
    let mut parts = Vec::new();
    if let Some(b) = &data.baseline {
        parts.push(format!(
            "{} {} {}",
            words.baseline,
            year_text(b.year, language),
            b.text.as_str()
        ));
    }
    if !planned.is_empty() {
        parts.push(format!("{}: {planned}", words.chart_legend_target));
    }
    if !actual.is_empty() {
        parts.push(format!("{}: {actual}", words.chart_legend_actual));
    }
    format!(
        "{} {} ({}): {}",
        data.code.as_str(),
        data.name.as_str(),
        data.unit.as_deref().unwrap_or(""),
        parts.join("; ")
    )
}

/// The values a chart figure draws, as a table: each indicator with its baseline, its
/// targets and its actual values by year.
fn chart_values(
    writer: &mut Writer,
    list: &[&IndicatorProgress],
    milestones: &[i32],
    words: &Words,
) -> Grid {
    let language = writer.language;
    let dash = &money::Words::of(language).dash;
    let mut rows = vec![Row::new(
        RowKind::Header,
        vec![
            Cell::text(&words.indicator, BOLD),
            Cell::text(&words.baseline, BOLD),
            Cell::text(&capitalised(&words.chart_legend_target), BOLD),
            Cell::text(&capitalised(&words.chart_legend_actual), BOLD),
        ],
    )];
    for i in list {
        let data = &i.indicator;
        let (planned, actual) = paths(i, milestones, language);
        let mut name = writer.fresh_runs(&data.code, BOLD);
        let unit = data
            .unit
            .as_ref()
            .map_or_else(String::new, |u| format!(" ({})", u.as_str()));
        name.push_str(&writer.runs(&format!(" {}{unit}", data.name.as_str()), Look::default()));
        let baseline = data.baseline.as_ref().map_or_else(
            || dash.clone(),
            |b| format!("{} {}", year_text(b.year, language), b.text.as_str()),
        );
        let or_dash = |t: String| if t.is_empty() { dash.clone() } else { t };
        let cells = vec![
            Cell::of(name),
            Cell::of(writer.fresh_runs(&baseline, Look::default())),
            Cell::of(writer.fresh_runs(&or_dash(planned), Look::default())),
            Cell::of(writer.fresh_runs(&or_dash(actual), Look::default())),
        ];
        rows.push(Row::new(RowKind::Body, cells));
    }
    Grid {
        widths: Some(vec![4.0, 1.6, 2.6, 2.6]),
        size: crate::understand::tree::Size::Small,
        rows,
        ..Grid::default()
    }
}

/// A word with its first letter capitalised (a legend's word as a column header).
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
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
