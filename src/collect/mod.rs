//! Collecting a year's actual values from the institutions that have them: `plan export
//! --collect <year>` writes a workbook to fill in ([`workbook`]), and `plan import <year>
//! FILE` reads it back into `monitoring/<year>.toml` ([`import`]). Both sides share the
//! sheet layout below, so what one writes the other finds.

pub mod import;
pub mod sheets;
pub mod workbook;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::Language;
use crate::model::monitoring::MeasureStatus;
use crate::words::{self, Phrase};

/// The words of the workbook in one language, from its word list: sheet names, headers,
/// statuses.
#[derive(Deserialize)]
pub struct Words {
    pub about: String,
    #[serde(rename = "indicators-short")]
    pub indicators: String,
    pub measures: String,
    pub id: String,
    pub code: String,
    pub indicator: String,
    pub unit: String,
    #[serde(rename = "card-reporter")]
    pub reporter: String,
    #[serde(rename = "year-actual-value")]
    pub actual: Phrase,
    #[serde(rename = "year-target")]
    pub target: Phrase,
    pub note: String,
    #[serde(rename = "data-source")]
    pub source: String,
    pub number: String,
    pub measure: String,
    pub responsible: String,
    #[serde(rename = "year-planned")]
    pub planned: Phrase,
    /// Planned in a year (`{year}`) from a source (`{source}`).
    #[serde(rename = "year-planned-from")]
    pub planned_from: Phrase,
    #[serde(rename = "responsible-names")]
    pub responsible_names: String,
    /// The latest value reported before the year, or the baseline, and its year.
    #[serde(rename = "last-value")]
    pub last_value: String,
    #[serde(rename = "last-value-year")]
    pub last_value_year: String,
    #[serde(rename = "state")]
    pub status: String,
    pub comment: String,
    /// Spent in a year (`{year}`) from a source (`{source}`).
    #[serde(rename = "year-spent-from")]
    pub spent: Phrase,
    /// Each status's label, by its name in monitoring files.
    #[serde(rename = "measure-statuses")]
    statuses: BTreeMap<String, String>,
    /// The lines of the "about" sheet: the plan's title (`{title}`), the year, then how to
    /// fill in.
    #[serde(rename = "collect-instructions")]
    instructions: Vec<Phrase>,
}

impl Words {
    pub fn of(language: Language) -> &'static Words {
        static CELLS: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
        words::once(&CELLS, language)
    }

    /// The words of both languages, the plan's first: a workbook is read in either.
    pub fn both(language: Language) -> [&'static Words; 2] {
        let other = match language {
            Language::Lt => Language::En,
            Language::En => Language::Lt,
        };
        [Words::of(language), Words::of(other)]
    }

    /// A status's label.
    pub fn status_label(&self, status: MeasureStatus) -> &str {
        self.statuses.get(status.name()).map_or("", String::as_str)
    }

    /// The labels of the statuses a measure can be given, in [`MeasureStatus::ALL`] order
    /// (the workbook's drop-down list).
    pub fn statuses(&self) -> Vec<&str> {
        MeasureStatus::ALL
            .iter()
            .map(|(_, status)| self.status_label(*status))
            .collect()
    }

    /// The lines of the "about" sheet of `title`'s workbook for `year`.
    pub fn instructions(&self, title: &str, year: i32) -> Vec<String> {
        self.instructions
            .iter()
            .map(|line| line.fill(&[("title", &title), ("year", &year)]))
            .collect()
    }
}

/// The status a cell names: its label in either language or its name in monitoring files,
/// whatever the case.
pub fn status_of(text: &str) -> Option<MeasureStatus> {
    let text = text.trim().to_lowercase();
    MeasureStatus::ALL.iter().find_map(|(name, status)| {
        let labels = Words::both(Language::Lt).map(|w| w.status_label(*status));
        std::iter::once(*name)
            .chain(labels)
            .any(|l| l.to_lowercase() == text)
            .then_some(*status)
    })
}

/// The file name of a year's workbook.
pub fn file_name(year: i32) -> String {
    format!("collect-{year}.xlsx")
}

/// The file name of an institution's workbook for a year (`collect-2025-ADM.xlsx`).
pub fn institution_file_name(year: i32, institution: &str) -> String {
    format!("collect-{year}-{institution}.xlsx")
}

/// A cell's address as a spreadsheet shows it: `Indicators!H5` for row 4, column 7
/// (both counted from 0).
pub fn address(sheet: &str, row: u32, col: u16) -> String {
    let mut letters = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    format!("{sheet}!{letters}{}", row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_as_spreadsheets_write_them() {
        assert_eq!(address("Rodikliai", 4, 7), "Rodikliai!H5");
        assert_eq!(address("S", 0, 25), "S!Z1");
        assert_eq!(address("S", 0, 26), "S!AA1");
    }

    #[test]
    fn statuses_read_in_either_language() {
        assert_eq!(status_of(" vykdoma "), Some(MeasureStatus::InProgress));
        assert_eq!(status_of("Delayed"), Some(MeasureStatus::Delayed));
        assert_eq!(status_of("in-progress"), Some(MeasureStatus::InProgress));
        assert_eq!(status_of("soon"), None);
    }
}
