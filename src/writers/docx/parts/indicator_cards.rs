//! `@indicator-cards`: one card per indicator of the levels the document names (`cards`),
//! what it measures and where it belongs, its values, which way it should go, how it is
//! calculated, where the data come from, how often and who reports them
//! (`templates/indicator-cards.typ`). The PDF sets the cards in two columns; here each is
//! a small table of its own.

use serde::Deserialize;

use super::Context;
use super::phrases::subheading;
use super::strategy::item_heading;
use crate::model::Direction;
use crate::view::{IndicatorData, Text};
use crate::writers::docx::body::Writer;
use crate::writers::docx::grid::{Cell, Grid, Row, RowKind};
use crate::writers::docx::xml::Look;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Words {
    vision: String,
    priority: String,
    goal: String,
    objective: String,
    measure_item: String,
    vision_indicators: String,
    impact_indicators: String,
    effect_indicators: String,
    result_indicators: String,
    product_indicators: String,
    card_belongs: String,
    unit: String,
    baseline: String,
    card_targets: String,
    card_direction: String,
    card_up: String,
    card_down: String,
    card_maintain: String,
    card_method: String,
    data_source: String,
    card_frequency: String,
    card_reporter: String,
    dash: String,
}

impl Words {
    fn of(language: crate::model::Language) -> &'static Words {
        static CELLS: [std::sync::OnceLock<Words>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }
}

/// The cards of one level: each indicator with what it belongs to.
type Cards<'d> = Vec<(&'d IndicatorData, String)>;

pub(super) fn write<'a>(writer: &mut Writer<'a>, cx: &Context<'a>, number: &str) {
    let data = cx.data;
    let words = Words::of(writer.language);
    let language = writer.language;
    let owned =
        |word: &str, number: &Text, title: &Text| item_heading(language, word, number, title, None);
    let goals = || data.priorities.iter().flat_map(|p| &p.goals);
    let objectives = || goals().flat_map(|g| &g.objectives);
    // (level, its title, each indicator with what it belongs to), in plan order.
    let sections: Vec<(&str, &str, Cards)> = vec![
        (
            "vision",
            &words.vision_indicators,
            data.vision
                .indicators
                .iter()
                .map(|i| (i, words.vision.clone()))
                .collect(),
        ),
        (
            "impact",
            &words.impact_indicators,
            data.priorities
                .iter()
                .flat_map(|p| {
                    let owner = owned(&words.priority, &p.number, &p.title);
                    p.indicators.iter().map(move |i| (i, owner.clone()))
                })
                .collect(),
        ),
        (
            "effect",
            &words.effect_indicators,
            goals()
                .flat_map(|g| {
                    let owner = owned(&words.goal, &g.number, &g.title);
                    g.indicators.iter().map(move |i| (i, owner.clone()))
                })
                .collect(),
        ),
        (
            "result",
            &words.result_indicators,
            objectives()
                .flat_map(|o| {
                    let owner = owned(&words.objective, &o.number, &o.title);
                    o.indicators.iter().map(move |i| (i, owner.clone()))
                })
                .collect(),
        ),
        (
            "product",
            &words.product_indicators,
            objectives()
                .flat_map(|o| &o.measures)
                .flat_map(|m| {
                    let owner = owned(&words.measure_item, &m.number, &m.title);
                    m.indicators.iter().map(move |i| (i, owner.clone()))
                })
                .collect(),
        ),
    ];
    let sections = sections.into_iter().filter(|(level, _, list)| {
        data.document.cards.iter().any(|c| c == level) && !list.is_empty()
    });
    for (n, (_, title, list)) in sections.enumerate() {
        subheading(writer, number, n + 1, title);
        for (i, owner) in list {
            card(writer, words, &data.plan.milestones, i, &owner);
        }
    }
}

/// One indicator's card: its code and name across the top, then a row per fact.
fn card(writer: &mut Writer, words: &Words, milestones: &[i32], i: &IndicatorData, owner: &str) {
    let bold = Look {
        bold: true,
        ..Look::default()
    };
    // (A text written empty, such as `method = ""`, shows the dash too.)
    let or_dash = |v: Option<&Text>| {
        v.filter(|v| !v.is_empty())
            .map_or_else(|| words.dash.clone(), ToString::to_string)
    };
    let targets: Vec<String> = milestones
        .iter()
        .zip(&i.targets)
        .filter_map(|(y, t)| t.as_ref().map(|t| format!("{y}: {}", t.text)))
        .collect();
    let facts = [
        (&words.card_belongs, owner.to_string()),
        (&words.unit, or_dash(i.unit.as_ref())),
        (
            &words.baseline,
            i.baseline.as_ref().map_or_else(
                || words.dash.clone(),
                |b| format!("{} ({})", b.text, b.year),
            ),
        ),
        (
            &words.card_targets,
            if targets.is_empty() {
                words.dash.clone()
            } else {
                targets.join("; ")
            },
        ),
        (
            &words.card_direction,
            match i.direction {
                Direction::Down => words.card_down.clone(),
                Direction::Up => words.card_up.clone(),
                Direction::Maintain => words.card_maintain.clone(),
            },
        ),
        (&words.card_method, or_dash(i.method.as_ref())),
        (&words.data_source, or_dash(i.source.as_ref())),
        (&words.card_frequency, or_dash(i.frequency.as_ref())),
        (&words.card_reporter, or_dash(i.reporter.as_ref())),
    ];
    let mut title = writer.fresh_runs(&i.code, bold);
    title.push_str(&writer.runs(&format!(" {}", i.name), Look::default()));
    let mut rows = vec![Row::new(RowKind::Header, vec![Cell::of(title).spanning(2)])];
    for (label, value) in facts {
        rows.push(Row::new(
            RowKind::Body,
            vec![
                Cell::text(label, bold),
                Cell::of(writer.fresh_runs(&value, Look::default())),
            ],
        ));
    }
    writer.grid(&Grid {
        widths: Some(vec![4.0, 12.6]),
        rows,
        ..Grid::default()
    });
    // Cards one under another stay apart (Word would join two tables that touch).
    writer.paragraph(Some("CardGap"), "", "");
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
