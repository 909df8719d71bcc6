//! `plan export`: funding per year, what a finance department asks ("what does 2026 need,
//! per measure and source"). Each format is read back and compared with the PDF's
//! "Funding by year" table and with sums made here, independently of the exporter.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use plan::diag::{Diagnostics, Sources};
use plan::export::Format;

use crate::common::{build_ok, contains_squashed, fixture, pdf_text};

use crate::export::{BOM, example, export};

/// The plan's funding per year (years with any funding) and source, in hundredths, as the
/// ledger behind the PDF holds it, and its source ids.
fn plan_years(dir: &Path) -> (Vec<String>, BTreeMap<i32, Vec<i64>>) {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let checked = plan::check(dir, &mut sources, &mut diags).expect("the plan loads");
    let ids = checked.plan.sources.iter().map(|s| s.id.clone()).collect();
    let years = checked
        .ledger
        .plan()
        .by_year
        .iter()
        .filter(|(_, t)| t.total.0 != 0)
        .map(|(y, t)| (*y, t.by_source.iter().map(|m| m.0).collect()))
        .collect();
    (ids, years)
}

fn hundredths(text: &str) -> i64 {
    let number: f64 = text.replace(',', ".").parse().expect("an amount");
    (number * 100.0).round() as i64
}

/// CSV: one column per source and funded year and one per year's total; each year's
/// column adds up over the measures to the plan's amount of that year and source, each
/// measure's years add up to its whole-period amount.
#[test]
fn csv_has_funding_per_source_and_year() {
    for (dir, delimiter, source_year, year_total, source_total) in [
        (
            fixture("basic"),
            b',',
            "{s} {y} (EUR thousand)",
            "Total {y} (EUR thousand)",
            "{s} (EUR thousand)",
        ),
        (
            example(),
            b';',
            "{s} {y} m. (tūkst. Eur)",
            "Iš viso {y} m. (tūkst. Eur)",
            "{s} (tūkst. Eur)",
        ),
    ] {
        let out = export(&dir, Format::Csv);
        let bytes = std::fs::read(out.path().join("action-plan.csv")).expect("CSV");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .from_reader(&bytes[BOM.len()..]);
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("record").iter().map(String::from).collect())
            .collect();
        let column = |name: &str| {
            rows[0]
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no column {name:?} in {:?}", rows[0]))
        };
        let (ids, years) = plan_years(&dir);
        assert!(!years.is_empty());
        let name = |pattern: &str, s: &str, y: i32| {
            pattern.replace("{s}", s).replace("{y}", &y.to_string())
        };
        for (year, amounts) in &years {
            let mut year_sum = 0;
            for (id, expected) in ids.iter().zip(amounts) {
                let c = column(&name(source_year, id, *year));
                let sum: i64 = rows[1..].iter().map(|r| hundredths(&r[c])).sum();
                assert_eq!(sum, *expected, "{} {id} {year}", dir.display());
                year_sum += expected;
            }
            let c = column(&name(year_total, "", *year));
            let sum: i64 = rows[1..].iter().map(|r| hundredths(&r[c])).sum();
            assert_eq!(sum, year_sum, "{} total {year}", dir.display());
        }
        for row in &rows[1..] {
            for id in &ids {
                let over_years: i64 = years
                    .keys()
                    .map(|y| hundredths(&row[column(&name(source_year, id, *y))]))
                    .sum();
                let whole = hundredths(&row[column(&name(source_total, id, 0))]);
                assert_eq!(over_years, whole, "{} {id} of {:?}", dir.display(), row[8]);
            }
        }
    }
    // The basic plan's district heating gives its years: 2023 MB 100; 2024 MB 150.25, EU 500.
    let out = export(&fixture("basic"), Format::Csv);
    let text = String::from_utf8(std::fs::read(out.path().join("action-plan.csv")).expect("CSV"))
        .expect("UTF-8");
    let header = text.lines().next().expect("header");
    assert!(header.contains(
        "MB 2023 (EUR thousand),EU 2023 (EUR thousand),Total 2023 (EUR thousand),MB 2024"
    ));
    let heating = text
        .lines()
        .find(|l| l.contains("district-heating"))
        .expect("district-heating");
    assert!(
        heating.contains(",100.00,0.00,100.00,150.25,500.00,650.25,"),
        "{heating}"
    );
}

fn number(range: &calamine::Range<Data>, row: usize, col: usize) -> f64 {
    match range.get((row, col)) {
        Some(Data::Float(v)) => *v,
        other => panic!("row {row} column {col} is not a number: {other:?}"),
    }
}

/// XLSX: a sheet "Funding by year" with a row per measure, subtotal rows per objective, goal
/// and priority and the plan total, amounts as numbers; the total row is the PDF's per-year
/// table, each subtotal the sum of the measures under it.
#[test]
fn xlsx_has_a_funding_by_year_sheet_with_subtotals() {
    let dir = fixture("basic");
    let out = export(&dir, Format::Xlsx);
    let mut workbook: Xlsx<_> = open_workbook(out.path().join("plan.xlsx")).expect("XLSX opens");
    assert_eq!(
        workbook.sheet_names(),
        ["Action plan", "Indicators", "Funding by year"]
    );
    let sheet = workbook.worksheet_range("Funding by year").expect("sheet");
    let header: Vec<String> = (0..sheet.width())
        .map(|c| sheet.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(header[..4], ["No.", "Level", "Title", "Measure id"]);
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name:?} in {header:?}"))
    };
    let text = |r: usize, c: usize| sheet.get((r, c)).map(|d| d.to_string()).unwrap_or_default();
    let lines: Vec<(String, String)> = (1..sheet.height())
        .map(|r| (text(r, 0), text(r, 1)))
        .collect();
    let expected: Vec<(String, String)> = [
        ("I", "Priority"),
        ("1", "Goal"),
        ("1.1", "Objective"),
        ("1.1.1", "Measure"),
        ("1.1.2", "Measure"),
        ("2", "Goal"),
        ("2.1", "Objective"),
        ("2.1.1", "Measure"),
        ("II", "Priority"),
        ("3", "Goal"),
        ("3.1", "Objective"),
        ("3.1.1", "Measure"),
        ("", ""),
    ]
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .to_vec();
    assert_eq!(lines, expected);
    let last = sheet.height() - 1;
    assert_eq!(text(last, 2), "Plan total");

    // The subtotals of EXPECTED.md, whole period.
    let row_of = |no: &str| 1 + lines.iter().position(|(n, _)| n == no).expect(no);
    assert_eq!(
        number(&sheet, row_of("1.1"), col("MB (EUR thousand)")),
        1484.75
    );
    assert_eq!(number(&sheet, row_of("2"), col("EU (EUR thousand)")), 750.0);
    assert_eq!(
        number(&sheet, row_of("I"), col("Total (EUR thousand)")),
        4734.75
    );
    assert_eq!(number(&sheet, last, col("Total (EUR thousand)")), 4814.75);
    assert_eq!(
        number(&sheet, row_of("1.1.2"), col("MB 2023 (EUR thousand)")),
        100.0
    );
    assert_eq!(
        number(&sheet, row_of("1.1.2"), col("Total 2024 (EUR thousand)")),
        650.25
    );

    // Every amount column: a subtotal is the sum of the measures under it.
    let measures = |prefixes: &[&str]| -> Vec<usize> {
        lines
            .iter()
            .enumerate()
            .filter(|(_, (n, level))| {
                level == "Measure" && prefixes.iter().any(|p| n.starts_with(p))
            })
            .map(|(i, _)| i + 1)
            .collect()
    };
    for (c, name) in header.iter().enumerate().skip(4) {
        // Goals are numbered across priorities: priority I holds goals 1 and 2.
        let under: [(&str, &[&str]); 5] = [
            ("1.1", &["1.1."]),
            ("1", &["1."]),
            ("2", &["2."]),
            ("I", &["1.", "2."]),
            ("II", &["3."]),
        ];
        for (no, under) in under {
            let sum: f64 = measures(under).iter().map(|r| number(&sheet, *r, c)).sum();
            let subtotal = number(&sheet, row_of(no), c);
            assert!((sum - subtotal).abs() < 1e-9, "{no} {name}");
        }
        let all: f64 = measures(&[""]).iter().map(|r| number(&sheet, *r, c)).sum();
        assert!((all - number(&sheet, last, c)).abs() < 1e-9, "total {name}");
    }

    // The plan total row is the PDF's per-year table, row by row.
    let pdf = pdf_text(&build_ok(&dir).path().join("plan.pdf"));
    let (ids, years) = plan_years(&dir);
    let shown = |v: f64| {
        let whole = v.trunc() as i64;
        let grouped = whole
            .to_string()
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|c| std::str::from_utf8(c).expect("digits"))
            .collect::<Vec<_>>()
            .join(",");
        format!("{grouped}.{:02}", ((v - v.trunc()) * 100.0).round() as i64)
    };
    for year in years.keys() {
        let mut line = year.to_string();
        for id in &ids {
            // The PDF leaves a source's cell empty in a year it gives nothing.
            let amount = number(&sheet, last, col(&format!("{id} {year} (EUR thousand)")));
            if amount != 0.0 {
                line.push(' ');
                line.push_str(&shown(amount));
            }
        }
        line.push(' ');
        line.push_str(&shown(number(
            &sheet,
            last,
            col(&format!("Total {year} (EUR thousand)")),
        )));
        assert!(contains_squashed(&pdf, &line), "the PDF lacks {line:?}");
    }
}

/// The example plan's workbook: a Lithuanian per-year sheet whose total row is the plan's.
#[test]
fn lithuanian_xlsx_funding_by_year_matches_the_plan() {
    let dir = example();
    let out = export(&dir, Format::Xlsx);
    let mut workbook: Xlsx<_> = open_workbook(out.path().join("plan.xlsx")).expect("XLSX opens");
    let sheet = workbook
        .worksheet_range("Finansavimas pagal metus")
        .expect("sheet");
    let header: Vec<String> = (0..sheet.width())
        .map(|c| sheet.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
        .collect();
    let last = sheet.height() - 1;
    assert_eq!(
        sheet.get((last, 2)),
        Some(&Data::String("Iš viso plane".into()))
    );
    let (ids, years) = plan_years(&dir);
    for (year, amounts) in &years {
        for (id, expected) in ids.iter().zip(amounts) {
            let name = format!("{id} {year} m. (tūkst. Eur)");
            let c = header.iter().position(|h| *h == name).expect(&name);
            assert_eq!(
                (number(&sheet, last, c) * 100.0).round() as i64,
                *expected,
                "{name}"
            );
        }
    }
}

/// JSON: each measure's funding per year and source; the plan's per year; sums agree.
#[test]
fn json_has_funding_per_year() {
    for dir in [fixture("basic"), example()] {
        let out = export(&dir, Format::Json);
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.path().join("plan.json")).expect("JSON"))
                .expect("valid JSON");
        let cents = |v: &serde_json::Value| (v.as_f64().expect("number") * 100.0).round() as i64;
        let (ids, years) = plan_years(&dir);
        let measures = json["measures"].as_array().expect("measures");
        for (year, amounts) in &years {
            let key = year.to_string();
            let plan_year = &json["plan"]["funding-by-year"][&key];
            for (id, expected) in ids.iter().zip(amounts) {
                let sum: i64 = measures
                    .iter()
                    .map(|m| cents(&m["funding-by-year"][&key]["funding"][id]))
                    .sum();
                assert_eq!(sum, *expected, "{} {id} {year}", dir.display());
                assert_eq!(cents(&plan_year["funding"][id]), *expected);
            }
            assert_eq!(cents(&plan_year["total"]), amounts.iter().sum::<i64>());
        }
        for m in measures {
            let over_years: i64 = m["funding-by-year"]
                .as_object()
                .expect("by year")
                .values()
                .map(|y| cents(&y["total"]))
                .sum();
            assert_eq!(over_years, cents(&m["total"]), "{}", m["id"]);
        }
    }
    let out = export(&fixture("basic"), Format::Json);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("plan.json")).expect("JSON"))
            .expect("valid JSON");
    let heating = &json["measures"][1]["funding-by-year"];
    assert_eq!(heating["2023"]["funding"]["MB"].as_f64(), Some(100.0));
    assert_eq!(heating["2024"]["funding"]["MB"].as_f64(), Some(150.25));
    assert_eq!(heating["2024"]["funding"]["EU"].as_f64(), Some(500.0));
    assert_eq!(heating["2024"]["total"].as_f64(), Some(650.25));
}
