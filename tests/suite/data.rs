//! Datasets (`data/<id>.toml` with a CSV or a workbook) and the `{{ data.… }}` facts that
//! quote them: the values reach the PDF as the cells hold them, in the plan's language, and
//! every mistake in a dataset or a fact is reported where it is written.

use std::path::Path;

use crate::common::{build_ok, check, copy_dir, fixture, pdf_text, render};
use plan::diag::{Diagnostics, Sources};

/// A copy of the `data` fixture.
fn data_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("data"), dir.path());
    dir
}

fn write(dir: &Path, file: &str, text: &str) {
    std::fs::write(dir.join(file), text).expect("write");
}

fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let old = std::fs::read_to_string(&path).expect("read");
    std::fs::write(path, old + text).expect("write");
}

fn replace(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let old = std::fs::read_to_string(&path).expect("read");
    assert!(old.contains(from), "{file} does not contain {from:?}");
    std::fs::write(path, old.replacen(from, to, 1)).expect("write");
}

/// A workbook `data/rodikliai.xlsx` with a title row above its table (so that the
/// dataset names its range), sheet "Rodikliai", and its TOML; `bad` puts text in a number
/// cell (C4).
fn add_workbook(dir: &Path, bad: bool) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Rodikliai").expect("sheet name");
    sheet.write_string(0, 0, "Rodikliai").expect("cell");
    sheet.write_string(1, 0, "metai").expect("cell");
    sheet.write_string(1, 1, "nedarbas").expect("cell");
    sheet.write_string(1, 2, "įmonės").expect("cell");
    for (row, (year, rate, firms)) in [(2019, 7.25, 1203.0), (2020, 10.5, 1187.0)]
        .into_iter()
        .enumerate()
    {
        let row = row as u32 + 2;
        sheet.write_number(row, 0, year).expect("cell");
        sheet.write_number(row, 1, rate).expect("cell");
        if bad && row == 3 {
            sheet.write_string(row, 2, "apie 1200").expect("cell");
        } else {
            sheet.write_number(row, 2, firms).expect("cell");
        }
    }
    book.save(dir.join("data/rodikliai.xlsx"))
        .expect("save workbook");
    write(
        dir,
        "data/rodikliai.toml",
        "title = \"Nedarbo lygis ir įmonių skaičius\"\nsource = \"Užimtumo tarnyba\"\nfile = \"rodikliai.xlsx\"\nsheet = \"Rodikliai\"\nrange = \"A2:C4\"\n\n[columns]\nmetai = \"year\"\nnedarbas = \"percent\"\n\"įmonės\" = \"number\"\n",
    );
}

/// What `plan check` prints, the temporary folder's path left out.
#[test]
fn facts_from_datasets_reach_the_pdf_as_the_cells_hold_them() {
    let dir = data_plan();
    add_workbook(dir.path(), false);
    append(
        dir.path(),
        "chapters/text.md",
        "\nNedarbas 2020 m. siekė {{ data.rodikliai.nedarbas[2020] }}, įmonių buvo {{ data.rodikliai.įmonės[2020] }}, pokytis {{ data.rodikliai.nedarbas[2019..2020].difference }}.\n",
    );
    let out = build_ok(dir.path());
    let text = pdf_text(&out.path().join("text.pdf"));
    for expected in [
        "Gyventojų 2021 m. buvo 51,8 tūkst., 9,85 % – dalis.",
        "Nuo 2011 iki 2021 m. pokytis −23,4 %, skirtumas −15,8 tūkst.",
        "Švietimui skirta 12 345,25 tūkst. Eur, t. y. 58,8 % išlaidų; kultūrai 654,25.",
        "Pastaba: surašymas; galutinis; naujausi.",
        "Nedarbas 2020 m. siekė 10,50 %, įmonių buvo 1 187, pokytis +3,25 proc. p.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

#[test]
fn the_datasets_build_without_a_warning() {
    let dir = data_plan();
    assert_eq!(check(dir.path()), "");
}

/// Each mistake in a dataset or a data fact, and what `plan check` says of it.
#[test]
fn mistakes_in_datasets_are_located() {
    type Break = fn(&Path);
    let cases: &[(&str, Break)] = &[
        ("csv_too_many_fields", |d| {
            replace(
                d,
                "data/gyventojai.csv",
                "2016;56,4;9,85;",
                "2016;56,4;9,85;;x",
            )
        }),
        ("csv_too_few_fields", |d| {
            replace(d, "data/gyventojai.csv", "2016;56,4;9,85;", "2016;56,4")
        }),
        ("csv_unclosed_quote", |d| {
            replace(d, "data/gyventojai.csv", "naujausi", "\"naujausi")
        }),
        ("csv_text_in_a_number_column", |d| {
            replace(d, "data/gyventojai.csv", "56,4", "56,4 tūkst.")
        }),
        ("xlsx_text_in_a_number_column", |d| add_workbook(d, true)),
        ("missing_title_and_unknown_key", |d| {
            replace(d, "data/biudzetas.toml", "title = ", "titel = ")
        }),
        ("missing_source", |d| {
            replace(
                d,
                "data/biudzetas.toml",
                "source = \"Alytaus miesto savivaldybės administracija\"\n",
                "",
            )
        }),
        ("missing_file", |d| {
            replace(
                d,
                "data/biudzetas.toml",
                "islaidos.csv",
                "islaidos-2021.csv",
            )
        }),
        ("unknown_sheet", |d| {
            add_workbook(d, false);
            replace(
                d,
                "data/rodikliai.toml",
                "sheet = \"Rodikliai\"",
                "sheet = \"Rodikliaii\"",
            );
            append(
                d,
                "chapters/text.md",
                "{{ data.rodikliai.nedarbas[2020] }}\n",
            );
        }),
        ("bad_range", |d| {
            add_workbook(d, false);
            replace(d, "data/rodikliai.toml", "A2:C4", "A2-C4");
        }),
        ("unknown_key_column", |d| {
            replace(
                d,
                "data/biudzetas.toml",
                "key = \"sritis\"",
                "key = \"sritys\"",
            )
        }),
        ("unknown_declared_column", |d| {
            replace(d, "data/gyventojai.toml", "dalis = ", "dalys = ")
        }),
        ("duplicate_row", |d| {
            replace(d, "data/islaidos.csv", "3,Kultūra", "3,Švietimas")
        }),
        ("empty_dataset", |d| {
            write(d, "data/islaidos.csv", "kodas,sritis,suma\n")
        }),
        ("unused_dataset", |d| {
            write(
                d,
                "data/nenaudojami.toml",
                "title = \"Niekur necituojami\"\nsource = \"VDA\"\n",
            );
            write(d, "data/nenaudojami.csv", "metai,reikšmė\n2020,1\n");
        }),
        ("undeclared_file", |d| {
            write(d, "data/kiti-duomenys.csv", "a,b\n1,2\n")
        }),
        ("unknown_dataset_column_row_operation", |d| {
            append(
                d,
                "chapters/text.md",
                "{{ data.gyventoja.gyventojai[2021] }} {{ data.gyventojai.gyventoja[2021] }} {{ data.gyventojai.gyventojai[2022] }} {{ data.gyventojai.gyventojai[2011].chnage }}\n",
            )
        }),
        ("text_column_and_division_by_zero", |d| {
            replace(d, "data/islaidos.csv", "654.25", "0");
            replace(d, "data/islaidos.csv", "12345.25", "0");
            replace(d, "data/islaidos.csv", "8000.5", "0");
            append(
                d,
                "chapters/text.md",
                "{{ data.gyventojai.pastaba[2011..2021].change }} {{ data.biudzetas.suma[Kultūra].share }}\n",
            );
        }),
    ];
    for (name, break_it) in cases {
        let dir = data_plan();
        break_it(dir.path());
        insta::assert_snapshot!(format!("data_{name}"), check(dir.path()));
    }
}

/// `plan export --format json` carries each dataset: what its TOML says, its columns with
/// their types and its rows with typed cells.
#[test]
fn the_json_export_carries_the_datasets() {
    let dir = data_plan();
    let json = crate::common::json_export(dir.path());
    let datasets = json["datasets"].as_array().expect("datasets");
    let ids: Vec<&str> = datasets
        .iter()
        .map(|d| d["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["biudzetas", "gyventojai"]);
    let people = &datasets[1];
    assert_eq!(people["source"], "Valstybės duomenų agentūra");
    assert_eq!(people["retrieved"], "2021-09-15");
    assert_eq!(people["unit"], "tūkst.");
    assert_eq!(people["key"], "metai");
    let types: Vec<(&str, &str)> = people["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| {
            (
                c["name"].as_str().expect("name"),
                c["type"].as_str().expect("type"),
            )
        })
        .collect();
    assert_eq!(
        types,
        [
            ("metai", "year"),
            ("gyventojai", "number"),
            ("dalis", "percent"),
            ("pastaba", "text")
        ]
    );
    assert_eq!(
        people["rows"][1],
        serde_json::json!({"key": "2016", "cells": [2016, 56.4, 9.85, null]})
    );
    assert_eq!(datasets[0]["rows"][0]["cells"][1], "Švietimas");
    assert_eq!(datasets[0]["rows"][0]["cells"][2], 12345.25);
}

/// `plan diff` reports what changed in the datasets: one added, one removed, a field of a
/// TOML, a row added and cells changed, each by its row's key and column; the text is read
/// from a git revision as from the folder.
#[test]
fn diff_reports_changed_datasets_and_cells() {
    use crate::diff::git;
    let root = tempfile::tempdir().expect("repository");
    copy_dir(&fixture("data"), &root.path().join("plan"));
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(root.path(), &["add", "-A"]);
    git(root.path(), &["commit", "-q", "-m", "First"]);
    let plan = root.path().join("plan");
    replace(
        &plan,
        "data/gyventojai.csv",
        "2021;51,8;8,9;",
        "2021;52,0;8,9;",
    );
    append(&plan, "data/gyventojai.csv", "2022;51,1;8,7;\r\n");
    replace(
        &plan,
        "data/gyventojai.toml",
        "retrieved = 2021-09-15",
        "retrieved = 2022-02-01",
    );
    std::fs::remove_file(plan.join("data/biudzetas.toml")).expect("remove");
    std::fs::remove_file(plan.join("data/islaidos.csv")).expect("remove");
    add_workbook(&plan, false);
    replace(
        &plan,
        "chapters/text.md",
        "{{ data.biudzetas.suma[Švietimas] }}",
        "{{ data.rodikliai.nedarbas[2020] }}",
    );
    replace(
        &plan,
        "chapters/text.md",
        "{{ data.biudzetas.suma[Švietimas].share }}",
        "—",
    );
    replace(
        &plan,
        "chapters/text.md",
        "{{ data.biudzetas.suma[ Kultūra ] }}",
        "—",
    );
    let text = crate::diff::plan_diff(root.path(), &["plan"]);
    let data = text
        .split("Duomenų rinkiniai")
        .nth(1)
        .expect("a datasets section");
    let data = data.split("Skyriai").next().unwrap_or(data);
    insta::assert_snapshot!("data_diff", data);

    // The annex of changes lists the same changes, one row each: the dataset, what
    // changed in it, and what was and is there.
    let out = tempfile::tempdir().expect("output");
    let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
    let options = plan::BuildOptions {
        dir: plan.clone(),
        out: Some(out.path().to_path_buf()),
        changes_since: Some("HEAD".into()),
        ..Default::default()
    };
    let outcome = plan::build(&options, &mut sources, &mut diags);
    assert!(
        matches!(outcome, plan::Outcome::Built(_)),
        "{}",
        render(&sources, &diags)
    );
    let pdf = crate::common::normalize(&pdf_text(&out.path().join("text.pdf")));
    let annex = pdf
        .split("Duomenų rinkiniai")
        // After the section's heading and its table's caption.
        .nth(2)
        .unwrap_or_else(|| panic!("the annex has a datasets section:\n{pdf}"));
    for row in [
        "Duomenų rinkinys Kas pakeista Buvo Dabar",
        "eilutė 2021, stulpelis „gyventojai“ 51,8 52,0",
        "eilutė 2022 — pridėta",
        "duomenų gavimo data 2021 m. rugsėjo 15 d. 2022 m. vasario 1 d.",
        "— pašalinta —",
    ] {
        assert!(
            annex.contains(row),
            "{row:?} missing from the annex:\n{annex}"
        );
    }
}

/// The example plan's facts from data equal its datasets' cells: every `{{ data.… }}` its
/// chapters quote (a cell, a share, a change) is typeset in a chapter of its own, and each
/// value read from the PDF is compared with the value worked out here from the CSV as
/// written (an independent reading: split at `;`, decimal comma, spaces grouping digits).
#[test]
fn the_example_quotes_its_datasets_as_their_cells_hold_them() {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&example, dir.path());
    let mut facts: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(example.join("chapters")).expect("chapters") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("chapter");
        let mut rest = text.as_str();
        while let Some(start) = rest.find("{{ data.") {
            let end = rest[start..].find("}}").expect("a closed fact") + start + 2;
            let fact = rest[start..end].to_string();
            if !facts.contains(&fact) {
                facts.push(fact);
            }
            rest = &rest[end..];
        }
    }
    assert!(
        facts.len() >= 20,
        "the example quotes its datasets: {facts:?}"
    );
    let chapter: String = facts
        .iter()
        .enumerate()
        .map(|(i, f)| format!("FAKTAS{i}: {f} ;\n\n"))
        .collect();
    write(
        dir.path(),
        "chapters/00-faktai.md",
        &format!("# Faktai\n\n{chapter}"),
    );
    replace(
        dir.path(),
        "plan.toml",
        "\"chapters/01-ivadas.md\",",
        "\"chapters/00-faktai.md\", \"chapters/01-ivadas.md\",",
    );
    let out = build_ok(dir.path());
    let text = crate::common::normalize(&pdf_text(&out.path().join("strateginis-planas.pdf")));
    // A number as written or shown: digits grouped by (no-break) spaces, a decimal comma, a
    // minus sign, a per cent sign after it.
    let number = |s: &str| -> f64 {
        let s: String = s
            .replace(['\u{a0}', ' ', '%'], "")
            .replace('−', "-")
            .replace(',', ".");
        s.parse()
            .unwrap_or_else(|_| panic!("{s:?} is not a number"))
    };
    let cell = |dataset: &str, column: &str, row: &str| -> f64 {
        let csv = std::fs::read_to_string(example.join(format!("data/{dataset}.csv")))
            .expect("dataset file");
        let mut lines = csv.lines().map(|l| l.split(';').collect::<Vec<_>>());
        let header = lines.next().expect("header");
        let c = header.iter().position(|h| *h == column).expect("column");
        let cells = lines.find(|l| l[0] == row).expect("row");
        number(cells[c])
    };
    let column_sum = |dataset: &str, column: &str| -> f64 {
        let csv = std::fs::read_to_string(example.join(format!("data/{dataset}.csv")))
            .expect("dataset file");
        let mut lines = csv.lines().map(|l| l.split(';').collect::<Vec<_>>());
        let header = lines.next().expect("header");
        let c = header.iter().position(|h| *h == column).expect("column");
        lines.filter(|l| l.len() > c).map(|l| number(l[c])).sum()
    };
    for (i, fact) in facts.iter().enumerate() {
        let marker = format!("FAKTAS{i}: ");
        let shown = text
            .split(&marker)
            .nth(1)
            .and_then(|rest| rest.split(" ;").next())
            .unwrap_or_else(|| panic!("{fact} is not in the PDF"));
        let inner = fact.trim_start_matches("{{ data.").trim_end_matches(" }}");
        let (dataset, rest) = inner.split_once('.').expect("dataset");
        let (column, rest) = rest.split_once('[').expect("row");
        let (rows, operation) = rest.split_once(']').expect("row closed");
        let (expected, tolerance) = match operation {
            "" => (cell(dataset, column, rows), 1e-9),
            ".share" => (
                (cell(dataset, column, rows) / column_sum(dataset, column) * 1000.0).round() / 10.0,
                1e-9,
            ),
            ".change" => {
                let (from, to) = rows.split_once("..").expect("two rows");
                let (a, b) = (cell(dataset, column, from), cell(dataset, column, to));
                (((b - a) / a.abs() * 1000.0).round() / 10.0, 1e-9)
            }
            other => panic!("the test reads no {other}"),
        };
        let value = number(shown);
        assert!(
            (value - expected).abs() <= tolerance,
            "{fact} shows {shown:?}, the data says {expected}"
        );
    }
}
