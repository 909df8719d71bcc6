//! The generated parts (`@strategy`, `@action-plan`, …) in the Word edition: each part is a
//! function over the same view data its template reads (`crate::view::Data`), writing
//! through the body writer's part methods (headings, paragraphs, tables, captions), so the
//! Word edition shows what the PDF shows, in Word's own terms. The match below is
//! exhaustive: a new part does not build until its Word form is written too.

mod abbreviations;
mod groups;
mod indicator_cards;
mod indicators;
mod links;
mod phrases;
mod principles;
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
    writer.part_heading(number, title(part, writer.language), new_page);
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
        Generated::ActionPlan
        | Generated::Funding
        | Generated::MonitoringSummary
        | Generated::IndicatorProgress
        | Generated::MeasureStatus
        | Generated::FundingExecution
        | Generated::ListOfFigures
        | Generated::ListOfTables => {
            // Not in the Word edition yet: the part's heading alone keeps the numbers and
            // the contents the PDF's.
        }
    }
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
