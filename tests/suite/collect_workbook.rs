//! The collection workbook (`plan export --collect <year>`) as the staff who fill it in see
//! it: what each source planned, who reports each indicator, institutions by name, the last
//! known value (the baseline before any report) and the year's target as the report
//! rounds it.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::{copy_dir, fixture};
use crate::monitoring::plan;

/// The monitoring fixture's workbook for `year`, read back.
fn workbook(year: i32) -> (tempfile::TempDir, Xlsx<std::io::BufReader<std::fs::File>>) {
    let plan_dir = tempfile::tempdir().expect("folder");
    copy_dir(&fixture("monitoring"), plan_dir.path());
    let out = tempfile::tempdir().expect("folder");
    let year_text = year.to_string();
    let (code, stderr) = plan(&[
        "export",
        plan_dir.path().to_str().expect("path"),
        "--collect",
        &year_text,
        "--format",
        "xlsx",
        "-o",
        out.path().to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let book = open_workbook(out.path().join(format!("collect-{year}.xlsx"))).expect("opens");
    (out, book)
}

/// The cell in `column` (by header) of the row whose first cell (the id) is `id`.
fn cell(sheet: &calamine::Range<Data>, id: &str, column: &str) -> Data {
    let header: Vec<String> = (0..sheet.width())
        .map(|c| sheet.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
        .collect();
    let col = header
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column:?} in {header:?}"));
    let row = (1..sheet.height())
        .find(|r| sheet.get((*r, 0)) == Some(&Data::String(id.into())))
        .unwrap_or_else(|| panic!("no row {id}"));
    sheet.get((row, col)).cloned().unwrap_or(Data::Empty)
}

#[test]
fn the_first_year_shows_the_baseline_as_the_last_value() {
    let (_out, mut book) = workbook(2022);
    let sheet = book.worksheet_range("Indicators").expect("sheet");
    // No report before 2022: the baseline is what is known.
    assert_eq!(cell(&sheet, "pm10-days", "Last value"), Data::Float(42.0));
    assert_eq!(
        cell(&sheet, "pm10-days", "Year of last value"),
        Data::Float(2020.0)
    );
    assert_eq!(
        cell(&sheet, "schools-with-pumps", "Last value"),
        Data::Float(0.0)
    );
    assert_eq!(
        cell(&sheet, "schools-with-pumps", "Year of last value"),
        Data::Float(2021.0)
    );
}

#[test]
fn a_later_year_shows_the_last_report_and_the_target_as_the_report_rounds_it() {
    let (_out, mut book) = workbook(2025);
    let sheet = book.worksheet_range("Indicators").expect("sheet");
    assert_eq!(cell(&sheet, "pm10-days", "Last value"), Data::Float(33.0));
    assert_eq!(
        cell(&sheet, "pm10-days", "Year of last value"),
        Data::Float(2024.0)
    );
    // On the path from 30 (2024) to 20 (2027): 26.67, which the report prints as "27"
    // (the indicator's values are whole numbers).
    assert_eq!(cell(&sheet, "pm10-days", "Target 2025"), Data::Float(27.0));
}

#[test]
fn product_indicators_are_reported_by_the_measure_s_institution_by_name() {
    let (_out, mut book) = workbook(2024);
    let indicators = book.worksheet_range("Indicators").expect("sheet");
    assert_eq!(
        cell(&indicators, "schools-with-pumps", "Reported by"),
        Data::String("Town administration".into())
    );
    let measures = book.worksheet_range("Measures").expect("sheet");
    assert_eq!(
        cell(&measures, "district-heating", "Responsible (names)"),
        Data::String("Town administration".into())
    );
    assert_eq!(
        cell(&measures, "district-heating", "Responsible"),
        Data::String("ADM".into())
    );
    // Planned per source, and in total.
    assert_eq!(
        cell(&measures, "district-heating", "Planned 2024, MB"),
        Data::Float(150.25)
    );
    assert_eq!(
        cell(&measures, "district-heating", "Planned 2024, EU"),
        Data::Float(500.0)
    );
    assert_eq!(
        cell(&measures, "district-heating", "Planned 2024"),
        Data::Float(650.25)
    );
}
