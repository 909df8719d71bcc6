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

/// The ids in the first column of a sheet, below the header.
fn ids(sheet: &calamine::Range<Data>) -> Vec<String> {
    (1..sheet.height())
        .filter_map(|r| sheet.get((r, 0)).map(|d| d.to_string()))
        .collect()
}

/// `--per-institution`: besides the whole workbook, one per institution named by its id,
/// with only the measures it is responsible for and the indicators it reports; a value
/// filled in one of them comes back into the plan.
#[test]
fn one_workbook_per_institution_holds_its_rows_and_comes_back() {
    let plan_dir = tempfile::tempdir().expect("folder");
    copy_dir(&fixture("monitoring"), plan_dir.path());
    let dir = plan_dir.path().to_str().expect("path");
    let out = tempfile::tempdir().expect("folder");
    let (code, stderr) = plan(&[
        "export",
        dir,
        "--collect",
        "2025",
        "--format",
        "xlsx",
        "--per-institution",
        "-o",
        out.path().to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mut files: Vec<String> = std::fs::read_dir(out.path())
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "collect-2025-ADM.xlsx",
            "collect-2025-WTR.xlsx",
            "collect-2025.xlsx"
        ]
    );

    let open = |name: &str| -> Xlsx<_> { open_workbook(out.path().join(name)).expect("opens") };
    let mut water = open("collect-2025-WTR.xlsx");
    let measures = water.worksheet_range("Measures").expect("sheet");
    assert_eq!(ids(&measures), ["pipe-renewal"]);
    let indicators = water.worksheet_range("Indicators").expect("sheet");
    assert_eq!(ids(&indicators), ["pipes-renewed"]);
    let mut town = open("collect-2025-ADM.xlsx");
    let measures = town.worksheet_range("Measures").expect("sheet");
    assert_eq!(
        ids(&measures),
        ["heat-pumps", "district-heating", "online-forms"]
    );
    let indicators = town.worksheet_range("Indicators").expect("sheet");
    assert_eq!(
        ids(&indicators),
        ["schools-with-pumps", "homes-connected", "forms-online"]
    );
    // The whole workbook still holds every row.
    let mut whole = open("collect-2025.xlsx");
    assert_eq!(
        ids(&whole.worksheet_range("Indicators").expect("sheet")).len(),
        10
    );

    // Riverton Water fills in its one indicator (column I: "Actual value 2025").
    let filled_in = out.path().join("filled.xlsx");
    crate::monitoring::filled(
        &out.path().join("collect-2025-WTR.xlsx"),
        &filled_in,
        "xl/worksheets/sheet2.xml",
        &[("I2", "3.2", true)],
    );
    let (code, stderr) = plan(&["import", "2025", filled_in.to_str().expect("path"), dir]);
    assert_eq!(code, 0, "{stderr}");
    let written =
        std::fs::read_to_string(plan_dir.path().join("monitoring/2025.toml")).expect("file");
    // A new monitoring file starts, as every file `plan init` writes, with its schema line.
    assert!(
        written.starts_with("#:schema ../.plan/schema/monitoring.schema.json\n"),
        "{written}"
    );
    let table: toml::Table = written.parse().expect("TOML");
    let entry = table["indicator"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|t| t["id"].as_str() == Some("pipes-renewed"))
        .expect("pipes-renewed")
        .clone();
    assert_eq!(entry["value"].as_float(), Some(3.2));
}
