//! The generated parts (`@strategy`, `@action-plan`, …) in the Word edition: each part is a
//! function over the same view data its template reads (`crate::view::Data`), writing
//! through the body writer's part methods (headings, paragraphs, tables, captions), so the
//! Word edition shows what the PDF shows, in Word's own terms. The match below is
//! exhaustive: a new part does not build until its Word form is written too.

mod abbreviations;
mod action_plan;
mod annexes;
mod funding;
mod groups;
mod indicator_cards;
mod indicator_progress;
mod indicators;
mod links;
mod lists;
mod measure_status;
mod money;
mod phrases;
mod principles;
mod report;
mod scenarios;
mod strategy;
mod styles;
mod swot;
mod vision;

use std::collections::BTreeMap;

use serde::Deserialize;

use super::body::Writer;
use crate::model::{Generated, Language};
use crate::understand::tree::Doc;
use crate::view::Data;

pub(super) use lists::{fill as fill_lists, wanted as lists_wanted};
pub(super) use styles::styles;

/// What every part is given.
pub(super) struct Context<'a> {
    /// The document's view data, as its templates receive it.
    pub data: &'a Data,
    /// The texts written in TOML, by the key a view's `text` field holds.
    pub texts: &'a BTreeMap<&'a str, &'a Doc>,
}

/// Writes a generated part numbered `number` ("11"): its heading (on a new page when
/// `new_page`) and what it shows.
pub(super) fn write<'a>(
    writer: &mut Writer<'a>,
    part: Generated,
    number: &str,
    new_page: bool,
    cx: &Context<'a>,
) {
    let title = title(part, writer.language);
    // A report's parts are titled with its year ("2024 m. įgyvendinimo suvestinė").
    let title = match &cx.data.report {
        Some(report) => title.replace("{year}", &report.year.to_string()),
        None => title.to_string(),
    };
    // The action plan and the measures' statuses are on landscape pages, as in the PDF:
    // a section of their own, which starts a new page (the first part of a document
    // starts the section after the title page or the annex mark as it is; a landscape
    // part after another goes on in its section, on a new page unless its title repeats
    // the one before, as in the PDF).
    let landscape = landscape(part);
    let mut page_break = new_page && !landscape;
    if landscape {
        if writer.landscape_goes_on() {
            page_break = new_page;
        } else {
            writer.landscape(true);
        }
    }
    writer.part_heading(number, &title, page_break);
    match part {
        Generated::Vision => vision::write(writer, cx),
        Generated::Abbreviations => abbreviations::write(writer, cx),
        Generated::Strategy => strategy::write(writer, cx),
        Generated::Indicators => indicators::write(writer, cx, number),
        Generated::IndicatorCards => indicator_cards::write(writer, cx, number),
        Generated::Principles => principles::write(writer, cx, number),
        Generated::Swot => swot::write(writer, cx),
        Generated::Scenarios => scenarios::write(writer, cx, number),
        Generated::Links => links::write(writer, cx),
        Generated::Groups => groups::write(writer, cx, number),
        Generated::ActionPlan => action_plan::write(writer, cx),
        Generated::Funding => funding::write(writer, cx, number),
        Generated::MonitoringSummary => report::summary(writer, cx, number),
        Generated::IndicatorProgress => indicator_progress::write(writer, cx, number),
        Generated::MeasureStatus => measure_status::write(writer, cx),
        Generated::FundingExecution => report::execution(writer, cx, number),
        Generated::Annexes => annexes::write(writer, cx),
        Generated::ListOfFigures => lists::write(writer, false),
        Generated::ListOfTables => lists::write(writer, true),
    }
    if landscape {
        writer.landscape(false);
    }
}

/// The parts on landscape pages, as in the PDF.
pub(super) fn landscape(part: Generated) -> bool {
    matches!(part, Generated::ActionPlan | Generated::MeasureStatus)
}

/// Whether a document's first part is on landscape pages (what comes before it, the
/// contents, then ends a portrait section of its own).
pub(super) fn starts_landscape(parts: &[crate::model::Part]) -> bool {
    matches!(parts.first(), Some(crate::model::Part::Generated(g)) if landscape(*g))
}

/// A part's title, as its heading shows it.
pub(super) fn title(part: Generated, language: Language) -> &'static str {
    Titles::of(language).get(part.declaration().label)
}

/// Every word of the language's list, by key: the parts' titles are named after the parts.
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub(super) struct Titles(BTreeMap<String, toml::Value>);

impl Titles {
    pub(super) fn of(language: Language) -> &'static Titles {
        static CELLS: [std::sync::OnceLock<Titles>; 2] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        crate::words::once(&CELLS, language)
    }

    /// The word a key names; every part's title is in both lists (tested in `words`).
    pub(super) fn get<'k>(&'k self, key: &'k str) -> &'k str {
        self.0.get(key).and_then(toml::Value::as_str).unwrap_or(key)
    }
}
