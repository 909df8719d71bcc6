//! `plan export`: CSV, XLSX and JSON of the `basic` fixture (English) and of the example
//! plan in `plan/` (Lithuanian), read back as a spreadsheet or a script would read them.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use plan::diag::{Diagnostics, Sources};
use plan::export::{ExportOptions, Format};

use crate::common::{broken, copy_of_basic, fixture, render};

pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The example plan shipped in `plan/`.
pub(crate) fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plan")
}

/// Exports a plan that must export into a fresh temporary folder.
pub(crate) fn export(dir: &Path, format: Format) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temporary folder");
    let options = ExportOptions {
        dir: dir.to_path_buf(),
        out: Some(out.path().to_path_buf()),
        format,
        deny_warnings: false,
        collect: None,
        per_institution: false,
    };
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let written = plan::export::export(&options, &mut sources, &mut diags);
    assert!(
        written.is_some() && !diags.has_errors(),
        "the export failed:\n{}",
        render(&sources, &diags)
    );
    out
}

/// A CSV file's records (header first), checking it starts with a UTF-8 byte order mark.
fn read_csv(path: &Path, delimiter: u8) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).expect("CSV exists");
    assert!(bytes.starts_with(BOM), "{} has no BOM", path.display());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(&bytes[BOM.len()..]);
    reader
        .records()
        .map(|r| r.expect("CSV record").iter().map(String::from).collect())
        .collect()
}

/// The value in `column` (by header) of the row whose `key` column is `value`.
fn cell<'a>(rows: &'a [Vec<String>], key: &str, value: &str, column: &str) -> &'a str {
    let index = |name: &str| {
        rows[0]
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {:?}", rows[0]))
    };
    let row = rows
        .iter()
        .find(|r| r[index(key)] == value)
        .unwrap_or_else(|| panic!("no row with {key} = {value:?}"));
    &row[index(column)]
}

/// The number of indicators in a plan, at every level.
fn indicator_count(dir: &Path) -> usize {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let checked = plan::check(dir, &mut sources, &mut diags).expect("the plan loads");
    checked.plan.indicators().count()
}

/// The plan's total funding in hundredths, as the PDF's funding tables sum it.
fn plan_total(dir: &Path) -> i64 {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let checked = plan::check(dir, &mut sources, &mut diags).expect("the plan loads");
    checked.ledger.plan().funding.total.0
}

/// Every file of a folder with its bytes, by name.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("folder")
        .map(|e| {
            let e = e.expect("entry");
            let bytes = std::fs::read(e.path()).expect("file");
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// English CSV: `,` and a decimal point, the known funding of the basic plan.
#[test]
fn basic_plan_csv_uses_commas_and_decimal_points() {
    let out = export(&fixture("basic"), Format::Csv);
    let actions = read_csv(&out.path().join("action-plan.csv"), b',');
    assert_eq!(actions.len(), 1 + 4, "header and one row per measure");
    assert_eq!(
        &actions[0][..8],
        [
            "Priority no.",
            "Priority",
            "Goal no.",
            "Goal",
            "Objective no.",
            "Objective",
            "Measure no.",
            "Measure"
        ]
    );
    let numbers: Vec<&str> = actions[1..].iter().map(|r| r[6].as_str()).collect();
    assert_eq!(numbers, ["1.1.1", "1.1.2", "2.1.1", "3.1.1"], "plan order");
    let get = |column: &str| cell(&actions, "Measure no.", "1.1.2", column);
    assert_eq!(get("Measure"), "Connect homes to district heating");
    assert_eq!(get("Priority no."), "I");
    assert_eq!(get("Priority"), "Green town");
    assert_eq!(get("Goal no."), "1");
    assert_eq!(
        get("Objective"),
        "Switch homes and schools to cleaner heating"
    );
    assert_eq!(get("Responsible"), "ADM");
    assert_eq!(get("Responsible (names)"), "Town administration");
    assert_eq!(get("Partners"), "");
    assert_eq!(get("Working group"), "Infrastructure working group");
    assert_eq!(get("Start year"), "2023");
    assert_eq!(get("End year"), "2025");
    assert_eq!(get("MB (EUR thousand)"), "250.25");
    assert_eq!(get("EU (EUR thousand)"), "500.00");
    assert_eq!(get("Total (EUR thousand)"), "750.25");
    assert_eq!(
        get("Product indicators"),
        "P-1.1.2-1: Homes connected to district heating, homes – 120 (2024)"
    );
    // Source columns follow the plan's source order; amounts have no grouping.
    let heat = |column: &str| cell(&actions, "Measure no.", "1.1.1", column);
    assert_eq!(heat("MB (EUR thousand)"), "1234.50");
    assert_eq!(heat("Total (EUR thousand)"), "3234.50");
    assert_eq!(heat("Partners"), "WTR");

    let indicators = read_csv(&out.path().join("indicators.csv"), b',');
    assert_eq!(indicators.len(), 1 + 10, "header and one row per indicator");
    let codes: Vec<&str> = indicators[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        codes,
        [
            "E-1-1",
            "E-2-1",
            "E-3-1",
            "R-1.1-1",
            "R-2.1-1",
            "R-3.1-1",
            "P-1.1.1-1",
            "P-1.1.2-1",
            "P-2.1.1-1",
            "P-3.1.1-1"
        ],
        "effect, result, then product indicators"
    );
    let get = |code: &str, column: &str| cell(&indicators, "Code", code, column);
    assert_eq!(get("R-2.1-1", "Level"), "Result");
    assert_eq!(get("R-2.1-1", "Baseline"), "35");
    assert_eq!(get("R-2.1-1", "Baseline year"), "2020");
    assert_eq!(get("R-2.1-1", "Target 2024"), "");
    assert_eq!(get("R-2.1-1", "Target 2027"), "12");
    assert_eq!(get("R-2.1-1", "Direction"), "down");
    assert_eq!(get("R-2.1-1", "Data source"), "Riverton Water");
    assert_eq!(get("R-2.1-1", "Goal, objective or measure no."), "2.1");
    assert_eq!(get("P-2.1.1-1", "Target 2024"), "3.5");
    assert_eq!(get("P-2.1.1-1", "Unit"), "km");
    assert_eq!(
        get("P-2.1.1-1", "Goal, objective or measure"),
        "Renew water pipes"
    );
}

/// Lithuanian CSV: `;`, a decimal comma, Lithuanian letters and quotes intact.
#[test]
fn lithuanian_plan_csv_uses_semicolons_and_decimal_commas() {
    let out = export(&example(), Format::Csv);
    let path = out.path().join("action-plan.csv");
    let text = std::fs::read_to_string(&path).expect("UTF-8");
    assert!(
        text.starts_with("\u{feff}Prioriteto Nr.;Prioritetas;"),
        "BOM and `;`: {}",
        &text[..80]
    );
    let actions = read_csv(&path, b';');
    assert_eq!(actions.len(), 1 + 119, "header and one row per measure");
    let get = |column: &str| cell(&actions, "Priemonės ID", "silumos-tinklai", column);
    assert_eq!(
        get("Priemonė"),
        "Modernizuoti centralizuoto šilumos tiekimo tinklus"
    );
    assert_eq!(
        get("Vykdytojo pavadinimas"),
        "UAB „Alytaus šilumos tinklai“"
    );
    assert_eq!(get("Priemonės Nr."), "1.1.1.3");
    assert_eq!(get("SB (tūkst. Eur)"), "0,0");
    assert_eq!(get("VB (tūkst. Eur)"), "0,0");
    assert_eq!(get("ES (tūkst. Eur)"), "1850,0");
    assert_eq!(get("KT (tūkst. Eur)"), "1200,0");
    assert_eq!(get("Iš viso (tūkst. Eur)"), "3050,0");
    assert_eq!(get("Investicijų projektas"), "Ne");
    assert_eq!(get("Sąsaja su nacionaliniu ar regioniniu planu"), "");
    let get = |id: &str, column: &str| cell(&actions, "Priemonės ID", id, column);
    assert_eq!(get("biokuro-kogeneracija", "Investicijų projektas"), "Taip");
    assert_eq!(
        get(
            "viesuju-pastatu-modernizavimas",
            "Sąsaja su nacionaliniu ar regioniniu planu"
        ),
        "NPP-6.2"
    );
    assert!(
        actions
            .iter()
            .any(|r| r.iter().any(|c| c.contains("ą") && c.contains("ž"))),
        "Lithuanian letters survive"
    );

    let indicators = read_csv(&out.path().join("indicators.csv"), b';');
    assert_eq!(indicators.len(), 1 + indicator_count(&example()));
    assert_eq!(
        &indicators[0][6..9],
        [
            "Siektina reikšmė 2024 m.",
            "Siektina reikšmė 2027 m.",
            "Siektina reikšmė 2030 m."
        ]
    );
    let get = |column: &str| cell(&indicators, "Rodiklio ID", "sesd-emisijos", column);
    assert_eq!(get("Lygmuo"), "Efekto");
    assert_eq!(get("Pradinė reikšmė"), "5,2");
    assert_eq!(get("Siektina kryptis"), "mažėti");
}

/// A cell of a sheet as calamine reads it.
fn xlsx_cell(range: &calamine::Range<Data>, row: usize, column: &str) -> Data {
    let header: Vec<String> = range
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = header
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column:?} in {header:?}"));
    range.get((row, col)).cloned().unwrap_or(Data::Empty)
}

/// XLSX of the basic plan: English sheets, amounts and values as numbers.
#[test]
fn basic_plan_xlsx_has_two_sheets_with_numbers() {
    let out = export(&fixture("basic"), Format::Xlsx);
    let mut workbook: Xlsx<_> = open_workbook(out.path().join("plan.xlsx")).expect("XLSX opens");
    assert_eq!(
        workbook.sheet_names(),
        ["Action plan", "Indicators", "Funding by year"]
    );

    let actions = workbook.worksheet_range("Action plan").expect("sheet");
    assert_eq!(actions.height(), 1 + 4);
    let header: Vec<String> = actions
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[0], "Priority no.");
    assert_eq!(header[7], "Measure");
    assert_eq!(
        header[header.len() - 3..],
        [
            "Product indicators",
            "Link to national or regional plan",
            "Investment project"
        ]
    );
    // Row 2 is measure 1.1.2.
    assert_eq!(
        xlsx_cell(&actions, 2, "Measure no."),
        Data::String("1.1.2".into())
    );
    assert_eq!(
        xlsx_cell(&actions, 2, "MB (EUR thousand)"),
        Data::Float(250.25)
    );
    assert_eq!(
        xlsx_cell(&actions, 2, "EU (EUR thousand)"),
        Data::Float(500.0)
    );
    assert_eq!(
        xlsx_cell(&actions, 2, "Total (EUR thousand)"),
        Data::Float(750.25)
    );
    assert_eq!(xlsx_cell(&actions, 2, "Start year"), Data::Float(2023.0));
    let total: f64 = (1..actions.height())
        .map(
            |row| match xlsx_cell(&actions, row, "Total (EUR thousand)") {
                Data::Float(v) => v,
                other => panic!("total is not a number: {other:?}"),
            },
        )
        .sum();
    assert!((total - 4814.75).abs() < 1e-9, "plan total {total}");

    let indicators = workbook.worksheet_range("Indicators").expect("sheet");
    assert_eq!(indicators.height(), 1 + 10);
    assert_eq!(
        xlsx_cell(&indicators, 1, "Code"),
        Data::String("E-1-1".into())
    );
    assert_eq!(xlsx_cell(&indicators, 1, "Baseline"), Data::Float(42.0));
    assert_eq!(xlsx_cell(&indicators, 1, "Target 2027"), Data::Float(20.0));
    assert_eq!(xlsx_cell(&indicators, 9, "Target 2024"), Data::Float(3.5));
}

/// XLSX of the example plan: Lithuanian sheet names and headers, every measure.
#[test]
fn lithuanian_plan_xlsx_has_lithuanian_sheets() {
    let out = export(&example(), Format::Xlsx);
    let mut workbook: Xlsx<_> = open_workbook(out.path().join("plan.xlsx")).expect("XLSX opens");
    assert_eq!(
        workbook.sheet_names(),
        ["Priemonių planas", "Rodikliai", "Finansavimas pagal metus"]
    );
    let actions = workbook.worksheet_range("Priemonių planas").expect("sheet");
    assert_eq!(actions.height(), 1 + 119);
    assert_eq!(
        actions.get((0, 0)),
        Some(&Data::String("Prioriteto Nr.".into()))
    );
    let row = (1..actions.height())
        .find(|&r| xlsx_cell(&actions, r, "Priemonės ID") == Data::String("silumos-tinklai".into()))
        .expect("measure silumos-tinklai");
    assert_eq!(
        xlsx_cell(&actions, row, "ES (tūkst. Eur)"),
        Data::Float(1850.0)
    );
    assert_eq!(
        xlsx_cell(&actions, row, "Iš viso (tūkst. Eur)"),
        Data::Float(3050.0)
    );
    let indicators = workbook.worksheet_range("Rodikliai").expect("sheet");
    assert_eq!(indicators.height(), 1 + indicator_count(&example()));
}

/// The XLSX is bold-headed, frozen, filtered and dated from the plan, not the clock.
#[test]
fn xlsx_header_is_frozen_filtered_and_dated_by_the_plan() {
    let out = export(&fixture("basic"), Format::Xlsx);
    let file = std::fs::File::open(out.path().join("plan.xlsx")).expect("XLSX");
    let mut zip = zip::ZipArchive::new(file).expect("XLSX is a zip");
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut text)
            .expect("UTF-8");
        text
    };
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"state="frozen""#), "frozen header");
    let workbook = part("xl/workbook.xml");
    assert!(workbook.contains("_xlnm._FilterDatabase"), "autofilter");
    let styles = part("xl/styles.xml");
    assert!(
        styles.contains(r##"formatCode="#,##0.00""##),
        "amount format"
    );
    assert!(styles.contains("<b/>"), "bold header");
    let core = part("docProps/core.xml");
    assert!(core.contains("2021-11-30T00:00:00Z"), "plan date: {core}");
}

/// JSON: measure totals add up to the plan total, per source and in all.
#[test]
fn json_totals_equal_the_plan_total() {
    for (dir, measures) in [(fixture("basic"), 4), (example(), 119)] {
        let out = export(&dir, Format::Json);
        let text = std::fs::read_to_string(out.path().join("plan.json")).expect("JSON");
        let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        let hundredths =
            |v: &serde_json::Value| (v.as_f64().expect("number") * 100.0).round() as i64;
        assert_eq!(
            hundredths(&json["plan"]["total"]),
            plan_total(&dir),
            "{}",
            dir.display()
        );
        let list = json["measures"].as_array().expect("measures");
        assert_eq!(list.len(), measures);
        // Each measure says whether it is an investment project and which higher-level
        // goals it contributes to.
        assert!(
            list.iter()
                .all(|m| m["investment-project"].is_boolean() && m["contributes"].is_array())
        );
        let sum: i64 = list.iter().map(|m| hundredths(&m["total"])).sum();
        assert_eq!(sum, hundredths(&json["plan"]["total"]), "{}", dir.display());
        for source in json["sources"].as_array().expect("sources") {
            let id = source["id"].as_str().expect("id");
            let sum: i64 = list.iter().map(|m| hundredths(&m["funding"][id])).sum();
            assert_eq!(sum, hundredths(&source["total"]), "source {id}");
        }
        assert_eq!(
            json["indicators"].as_array().expect("indicators").len(),
            indicator_count(&dir)
        );
    }

    let out = export(&fixture("basic"), Format::Json);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("plan.json")).expect("JSON"))
            .expect("valid JSON");
    assert_eq!(json["plan"]["total"].as_f64(), Some(4814.75));
    assert_eq!(json["plan"]["language"], "en");
    let sources: Vec<&str> = json["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    assert_eq!(sources, ["MB", "EU"]);
    let heating = &json["measures"][1];
    assert_eq!(heating["id"], "district-heating");
    assert_eq!(heating["number"], "1.1.2");
    assert_eq!(heating["funding"]["MB"].as_f64(), Some(250.25));
    assert_eq!(heating["total"].as_f64(), Some(750.25));
    assert_eq!(heating["investment-project"], false);

    let out = export(&example(), Format::Json);
    let alytus: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("plan.json")).expect("JSON"))
            .expect("valid JSON");
    let measure = |id: &str| {
        alytus["measures"]
            .as_array()
            .expect("measures")
            .iter()
            .find(|m| m["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("measure {id}"))
    };
    assert_eq!(measure("biokuro-kogeneracija")["investment-project"], true);
    assert_eq!(
        measure("viesuju-pastatu-modernizavimas")["contributes"],
        serde_json::json!(["NPP-6.2"])
    );
    let keys: Vec<&String> = heating["funding"]
        .as_object()
        .expect("funding")
        .keys()
        .collect();
    assert_eq!(keys.len(), 2);
    let bursts = json["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == "R-2.1-1")
        .expect("R-2.1-1");
    assert_eq!(bursts["level"], "result");
    assert_eq!(bursts["baseline"]["value"].as_f64(), Some(35.0));
    assert_eq!(bursts["targets"]["2024"], serde_json::Value::Null);
    assert_eq!(bursts["targets"]["2027"].as_f64(), Some(12.0));
    assert_eq!(bursts["item"]["number"], "2.1");
}

/// Two exports of the same plan are byte-identical, in every format.
#[test]
fn exports_are_deterministic() {
    for format in [Format::Csv, Format::Xlsx, Format::Json] {
        let first = export(&fixture("basic"), format);
        let second = export(&fixture("basic"), format);
        let (a, b) = (contents(first.path()), contents(second.path()));
        assert!(!a.is_empty());
        assert!(a == b, "{format:?} exports differ");
    }
}

/// The command: `wrote` per file, `<DIR>/build` by default; a plan with errors exits 1
/// and writes nothing; a missing or unknown format is a usage error (2).
#[test]
fn command_writes_into_build_and_refuses_broken_plans() {
    let dir = copy_of_basic();
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["export", "--format", "csv"])
        .arg(dir.path())
        .output()
        .expect("run plan export");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    for name in ["action-plan.csv", "indicators.csv"] {
        let path = dir.path().join("build").join(name);
        assert!(path.is_file(), "{} missing", path.display());
        assert!(
            stderr.contains(&format!("wrote {}", path.display())),
            "{stderr}"
        );
    }

    let bad = broken(
        "strategy/a-green.toml",
        "funding = { EU = 750 }",
        "funding = { EU = -750 }",
    );
    let out = tempfile::tempdir().expect("temporary folder");
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(["export", "--format", "xlsx", "-o"])
        .arg(out.path())
        .arg(bad.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan export");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error"), "{stderr}");
    assert!(
        std::fs::read_dir(out.path())
            .expect("folder")
            .next()
            .is_none(),
        "nothing written"
    );

    for args in [&["export"][..], &["export", "--format", "pdf"][..]] {
        let output = Command::new(env!("CARGO_BIN_EXE_plan"))
            .args(args)
            .arg(dir.path())
            .output()
            .expect("run plan export");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

/// A title a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`) is
/// written to CSV behind a `'` and read back as that text; the XLSX workbook holds
/// it as a string, never a formula.
#[test]
fn formulas_in_titles_are_neutralised() {
    let dir = copy_of_basic();
    let strategy = dir.path().join("strategy/a-green.toml");
    let toml = std::fs::read_to_string(&strategy).expect("strategy");
    let titles = [
        "=HYPERLINK(\\\"http://example.org\\\";\\\"click\\\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
    ];
    let mut toml = toml;
    for (i, title) in titles.iter().enumerate() {
        let from = [
            "Install heat pumps in schools",
            "Connect homes to district heating",
            "Renew water pipes",
        ][i];
        assert!(toml.contains(from), "{from}");
        toml = toml.replacen(
            &format!("title = \"{from}\""),
            &format!("title = \"{title}\""),
            1,
        );
    }
    std::fs::write(&strategy, toml).expect("write strategy");
    let out = export(dir.path(), Format::Csv);
    let rows = read_csv(&out.path().join("action-plan.csv"), b',');
    let read: Vec<&String> = rows.iter().flatten().collect();
    for title in titles {
        let title = title.replace("\\\"", "\"");
        assert!(
            read.iter().any(|c| **c == format!("'{title}")),
            "{title} in {rows:?}"
        );
        assert!(!read.iter().any(|c| **c == title), "{title} as it is");
    }
    let out = export(dir.path(), Format::Xlsx);
    let file = std::fs::File::open(out.path().join("plan.xlsx")).expect("XLSX");
    let mut zip = zip::ZipArchive::new(file).expect("XLSX is a zip");
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet"),
        &mut sheet,
    )
    .expect("UTF-8");
    assert!(!sheet.contains("<f>"), "a formula in the workbook");
}
