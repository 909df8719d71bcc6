//! Collecting a year's actual values from the institutions that have them: `plan export
//! --collect <year>` writes a workbook to fill in ([`workbook`]), and `plan import <year>
//! FILE` reads it back into `monitoring/<year>.toml` ([`import`]). Both sides share the
//! sheet layout below, so what one writes the other finds.

pub mod import;
pub mod sheets;
pub mod workbook;

use crate::model::Language;
use crate::model::monitoring::MeasureStatus;

/// The words of the workbook in one language: sheet names, headers, statuses.
pub struct Words {
    pub about: &'static str,
    pub indicators: &'static str,
    pub measures: &'static str,
    pub id: &'static str,
    pub code: &'static str,
    pub indicator: &'static str,
    pub unit: &'static str,
    pub reporter: &'static str,
    pub actual: fn(i32) -> String,
    pub target: fn(i32) -> String,
    pub note: &'static str,
    pub source: &'static str,
    pub number: &'static str,
    pub measure: &'static str,
    pub responsible: &'static str,
    pub planned: fn(i32) -> String,
    pub status: &'static str,
    pub comment: &'static str,
    pub spent: fn(i32, &str) -> String,
    /// Each status's label, in [`MeasureStatus::ALL`] order.
    pub statuses: [&'static str; 5],
    /// The lines of the "about" sheet: the plan's title, the year, then how to fill in.
    pub instructions: fn(&str, i32) -> Vec<String>,
}

pub const LT: Words = Words {
    about: "Apie",
    indicators: "Rodikliai",
    measures: "Priemonės",
    id: "Id",
    code: "Kodas",
    indicator: "Rodiklis",
    unit: "Mato vnt.",
    reporter: "Atsakingas už duomenis",
    actual: |y| format!("Faktinė reikšmė {y} m."),
    target: |y| format!("Siektina reikšmė {y} m."),
    note: "Pastaba",
    source: "Duomenų šaltinis",
    number: "Nr.",
    measure: "Priemonė",
    responsible: "Vykdytojas",
    planned: |y| format!("Planuota {y} m."),
    status: "Būsena",
    comment: "Komentaras",
    spent: |y, s| format!("Panaudota {y} m., {s}"),
    statuses: ["Planuojama", "Vykdoma", "Įvykdyta", "Vėluoja", "Atšaukta"],
    instructions: |title, y| {
        vec![
            title.to_string(),
            format!("{y} metų stebėsenos duomenų rinkimo forma"),
            String::new(),
            format!("Lape „Rodikliai“ įrašykite kiekvieno rodiklio faktinę {y} m. reikšmę; jei jos dar nėra, parašykite pastabą, kodėl."),
            format!("Lape „Priemonės“ pasirinkite kiekvienos priemonės būseną {y} m. pabaigoje, įrašykite komentarą ir {y} m. panaudotas lėšas pagal finansavimo šaltinius."),
            "Skaičius rašykite skaitmenimis, be vienetų. Stulpelio „Id“ nekeiskite: pagal jį duomenys grąžinami į planą.".into(),
            format!("Užpildytą formą grąžina komanda: plan import {y} <failas>"),
        ]
    },
};

pub const EN: Words = Words {
    about: "About",
    indicators: "Indicators",
    measures: "Measures",
    id: "Id",
    code: "Code",
    indicator: "Indicator",
    unit: "Unit",
    reporter: "Reported by",
    actual: |y| format!("Actual value {y}"),
    target: |y| format!("Target {y}"),
    note: "Note",
    source: "Data source",
    number: "No.",
    measure: "Measure",
    responsible: "Responsible",
    planned: |y| format!("Planned {y}"),
    status: "Status",
    comment: "Comment",
    spent: |y, s| format!("Spent {y}, {s}"),
    statuses: ["Planned", "In progress", "Done", "Delayed", "Cancelled"],
    instructions: |title, y| {
        vec![
            title.to_string(),
            format!("Monitoring data for {y}"),
            String::new(),
            format!("On the sheet \"Indicators\", write each indicator's actual value for {y}; where there is none yet, write a note saying why."),
            format!("On the sheet \"Measures\", choose each measure's status at the end of {y}, add a comment, and write what it spent in {y} from each source."),
            "Write numbers in digits, without units. Do not change the \"Id\" column: the values go back into the plan by it.".into(),
            format!("The filled-in workbook is read back with: plan import {y} <file>"),
        ]
    },
};

impl Words {
    pub fn of(language: Language) -> &'static Words {
        match language {
            Language::Lt => &LT,
            Language::En => &EN,
        }
    }

    /// A status's label.
    pub fn status_label(&self, status: MeasureStatus) -> &'static str {
        let i = MeasureStatus::ALL
            .iter()
            .position(|(_, s)| *s == status)
            .unwrap_or(0);
        self.statuses[i]
    }
}

/// The status a cell names: its label in either language or its name in monitoring files,
/// whatever the case.
pub fn status_of(text: &str) -> Option<MeasureStatus> {
    let text = text.trim().to_lowercase();
    MeasureStatus::ALL
        .iter()
        .enumerate()
        .find_map(|(i, (name, status))| {
            let labels = [*name, LT.statuses[i], EN.statuses[i]];
            labels
                .iter()
                .any(|l| l.to_lowercase() == text)
                .then_some(*status)
        })
}

/// The file name of a year's workbook.
pub fn file_name(year: i32) -> String {
    format!("collect-{year}.xlsx")
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
