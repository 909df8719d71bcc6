//! Monitoring: the `monitoring` fixture (the `basic` plan with 2022–2024 reported) built into
//! its 2024 implementation report and read back as a council member would read it; and the
//! collect → fill in → import round trip, with the workbook filled in by a writer other
//! than ours (its XML edited and re-zipped here).

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use crate::common::{build_ok, copy_dir, creation_date, fixture, page_texts, pdf_text};

/// The report's text, whitespace collapsed.
fn report_text() -> String {
    let out = build_ok(&fixture("monitoring"));
    pdf_text(&out.path().join("report-2024.pdf"))
}

#[test]
fn the_report_shows_progress_statuses_and_spending() {
    let text = report_text();
    // The facts in the chapter, counted from the 2024 file (EXPECTED.md): 5 on track
    // (clean-heat-share, schools-with-pumps, water-quality, pipe-bursts, forms-online),
    // 2 lagging (pm10-days, online-share), 2 off track (homes-connected, pipes-renewed),
    // 1 without a value (satisfied-residents).
    for said in [
        "Of the plan’s 10 indicators, 9 have an actual value for 2024: 5 are on track, 2 are lagging and 2 are off track.",
        "In 2023 2 indicators were on track.",
    ] {
        assert!(text.contains(said), "{said:?} missing in:\n{text}");
    }

    // pipe-bursts has no 2024 target: the target is on the straight line from the baseline
    // 35 (2020) to the 2027 target 12, and the achievement is the share of that way the
    // value 20 has come.
    let target = 35.0 + (12.0 - 35.0) * f64::from(2024 - 2020) / f64::from(2027 - 2020);
    let achievement = (20.0 - 35.0) / (target - 35.0) * 100.0;
    let shown = format!("{achievement:.1} %");
    assert_eq!(shown, "114.1 %");
    assert!(
        text.contains(&format!("Pipe bursts per year * Between the baseline 35 (2020) and the 2027 target 12. bursts 35 (2020) {:.0}* 20 {shown} On track", target)),
        "the pipe-bursts row is not as computed:\n{text}"
    );
    // A lagging indicator at exactly three quarters of the way: (33 − 42) / (30 − 42).
    assert!(
        text.contains("Days with PM10 above the limit days 42 (2020) 30 33 75.0 % Lagging"),
        "{text}"
    );

    // The delayed measure is listed with its status and comment; the one done in 2023
    // keeps its status.
    assert!(text.contains("Connect homes to district heating ADM Delayed 650.25 90.00 185.00 750.25 The contractor withdrew; the works were tendered again."), "{text}");
    assert!(text.contains("Done (since 2023)"), "{text}");

    // Spending: 1,010.00 of 1,635.53 planned for 2024 (heat-pumps 308.62 + 500, district
    // heating 650.25, pipe renewal 150, online forms 26.66).
    let planned = 308.62 + 500.0 + 650.25 + 150.0 + 26.66;
    let spent = 300.0 + 480.0 + 90.0 + 140.0;
    let rate = format!("{:.1} %", spent / planned * 100.0);
    assert!(
        text.contains(&format!("Total 1,635.53 1,010.00 {rate}")),
        "{rate} missing:\n{text}"
    );
    // The summary counts per status, with their shares.
    assert!(
        text.contains(
            "On track 5 50.0 % Lagging 2 20.0 % Off track 2 20.0 % No data 1 10.0 % Total 10"
        ),
        "{text}"
    );
}

/// A report is a document of its own, written after its year: its title page, footer and
/// PDF carry its own date and version, and not the approval mark of the plan it reports on
/// (the council approved the plan, not the report).
#[test]
fn a_report_is_dated_on_its_own_and_not_marked_approved() {
    let out = build_ok(&fixture("monitoring"));
    let report = out.path().join("report-2024.pdf");
    let pages = page_texts(&report);
    let title = &pages[0];
    for said in ["Version 1.0", "10 April 2025"] {
        assert!(title.contains(said), "{said:?} missing in:\n{title}");
    }
    for plan_s in [
        "Approved",
        "APPROVED",
        "D-7",
        "Version 2.0",
        "30 November 2021",
    ] {
        assert!(
            !title.contains(plan_s),
            "{plan_s:?} is the plan's, not the report's:\n{title}"
        );
    }
    assert!(
        pages[1].contains("Version 1.0, 10 April 2025"),
        "{}",
        pages[1]
    );
    assert!(creation_date(&report).starts_with("D:20250410"));
    // Without a version of its own a report shows none, not the plan's 2.0.
    let earlier = page_texts(&out.path().join("report-2023.pdf"));
    assert!(
        earlier[0].contains("28 March 2024") && !earlier[0].contains("Version"),
        "{}",
        earlier[0]
    );
}

/// Runs the `plan` binary; its exit code and standard error.
pub(crate) fn plan(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The workbook's parts by name.
pub(crate) fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).expect("workbook"))
        .expect("workbook is a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut part = archive.by_index(i).expect("part");
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).expect("read part");
            (part.name().expect("part name").to_string(), bytes)
        })
        .collect()
}

pub(crate) fn zip_to(path: &Path, parts: &[(String, Vec<u8>)]) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).expect("new workbook"));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        writer
            .start_file(name.as_str(), options)
            .expect("start part");
        writer.write_all(bytes).expect("write part");
    }
    writer.finish().expect("finish workbook");
}

/// Fills an empty cell of a sheet's XML, as another spreadsheet program would: a number,
/// or text as an inline string.
pub(crate) fn fill(xml: &mut String, cell: &str, value: &str, number: bool) {
    let start = xml
        .find(&format!("<c r=\"{cell}\" "))
        .unwrap_or_else(|| panic!("no empty cell {cell}"));
    let end = start + xml[start..].find("/>").expect("empty cell ends");
    let style = &xml[start..end];
    let filled = if number {
        format!("{style}><v>{value}</v></c>")
    } else {
        format!("{style} t=\"inlineStr\"><is><t>{value}</t></is></c>")
    };
    xml.replace_range(start..end + 2, &filled);
}

/// A copy of the workbook at `from` with `cells` filled in `sheet` (the XML part's name).
pub(crate) fn filled(from: &Path, to: &Path, sheet: &str, cells: &[(&str, &str, bool)]) {
    let mut parts = unzip(from);
    let part = parts
        .iter_mut()
        .find(|(name, _)| name == sheet)
        .unwrap_or_else(|| panic!("no {sheet}"));
    let mut xml = String::from_utf8(part.1.clone()).expect("XML");
    for (cell, value, number) in cells {
        fill(&mut xml, cell, value, *number);
    }
    part.1 = xml.into_bytes();
    zip_to(to, &parts);
}

#[test]
fn values_collected_in_a_workbook_come_back_into_the_plan() {
    let plan_dir = tempfile::tempdir().expect("folder");
    copy_dir(&fixture("monitoring"), plan_dir.path());
    let dir = plan_dir.path().to_str().expect("UTF-8 path");
    let out = tempfile::tempdir().expect("folder");
    let out_dir = out.path().to_str().expect("UTF-8 path");
    let (code, stderr) = plan(&[
        "export",
        dir,
        "--collect",
        "2025",
        "--format",
        "xlsx",
        "-o",
        out_dir,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let blank = out.path().join("collect-2025.xlsx");

    // What the workbook offers: ids, last year's value, this year's target on the path
    // from the 2024 target 30 to the 2027 target 20 (26.7), protected sheets.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(&blank).expect("workbook opens");
    assert_eq!(book.sheet_names(), ["About", "Indicators", "Measures"]);
    let sheet = book.worksheet_range("Indicators").expect("indicator sheet");
    assert_eq!(
        sheet.get_value((0, 8)),
        Some(&Data::String("Actual value 2025".into()))
    );
    assert_eq!(
        sheet.get_value((1, 0)),
        Some(&Data::String("pm10-days".into()))
    );
    assert_eq!(sheet.get_value((1, 5)), Some(&Data::Float(33.0)));
    assert_eq!(sheet.get_value((1, 6)), Some(&Data::Float(2024.0)));
    assert_eq!(sheet.get_value((1, 7)), Some(&Data::Float(27.0)));
    let parts = unzip(&blank);
    let xml = |name: &str| {
        String::from_utf8(
            parts
                .iter()
                .find(|(n, _)| n == name)
                .expect("part")
                .1
                .clone(),
        )
        .expect("XML")
    };
    assert!(xml("xl/worksheets/sheet2.xml").contains("<sheetProtection"));
    assert!(xml("xl/worksheets/sheet3.xml").contains("<dataValidation"));

    // Filled in elsewhere: a value with a decimal comma typed as text, a note, a status in
    // the plan's words and spending.
    let indicators = out.path().join("indicators.xlsx");
    filled(
        &blank,
        &indicators,
        "xl/worksheets/sheet2.xml",
        &[
            ("I2", "28", true),
            ("I3", "36,5", false),
            ("J4", "Counted in spring.", false),
        ],
    );
    let full = out.path().join("full.xlsx");
    filled(
        &indicators,
        &full,
        "xl/worksheets/sheet3.xml",
        &[
            ("I2", "In progress", false),
            ("K2", "250.5", true),
            ("I3", "Done", false),
        ],
    );
    let (code, stderr) = plan(&["import", "2025", full.to_str().expect("path"), dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("wrote") && stderr.contains("(6 values from the workbook)"),
        "{stderr}"
    );
    let toml_path = plan_dir.path().join("monitoring/2025.toml");
    let written: toml::Table = std::fs::read_to_string(&toml_path)
        .expect("file")
        .parse()
        .expect("TOML");
    let entries = |kind: &str| written[kind].as_array().expect("array").clone();
    let indicator = |id: &str| {
        entries("indicator")
            .into_iter()
            .find(|t| t["id"].as_str() == Some(id))
            .expect("entry")
    };
    assert_eq!(indicator("pm10-days")["value"].as_integer(), Some(28));
    assert_eq!(
        indicator("clean-heat-share")["value"].as_float(),
        Some(36.5)
    );
    assert_eq!(
        indicator("schools-with-pumps")["note"].as_str(),
        Some("Counted in spring.")
    );
    let measure = |id: &str| {
        entries("measure")
            .into_iter()
            .find(|t| t["id"].as_str() == Some(id))
            .expect("entry")
    };
    assert_eq!(
        measure("heat-pumps")["status"].as_str(),
        Some("in-progress")
    );
    assert_eq!(measure("heat-pumps")["spent"]["MB"].as_float(), Some(250.5));
    assert_eq!(measure("district-heating")["status"].as_str(), Some("done"));
    // The plan reads it: the new values' own warnings come with the import.
    assert!(
        stderr.contains("indicators have no actual value for 2025"),
        "{stderr}"
    );

    // The same workbook again changes nothing.
    let before = std::fs::read(&toml_path).expect("file");
    let (code, stderr) = plan(&["import", "2025", full.to_str().expect("path"), dir]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("nothing new"), "{stderr}");

    // A different value for one already there is refused at its cell, and nothing changes…
    let other = out.path().join("other.xlsx");
    filled(
        &blank,
        &other,
        "xl/worksheets/sheet2.xml",
        &[("I2", "29", true)],
    );
    let (code, stderr) = plan(&["import", "2025", other.to_str().expect("path"), dir]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "`pm10-days` already has value = 28 in monitoring/2025.toml, but the workbook says 29"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("cell Indicators!I2"), "{stderr}");
    assert_eq!(std::fs::read(&toml_path).expect("file"), before);
    // … unless asked for.
    let (code, stderr) = plan(&[
        "import",
        "2025",
        other.to_str().expect("path"),
        dir,
        "--replace",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(&toml_path).expect("file");
    assert!(written.contains("value = 29"), "{written}");
    assert!(
        written.contains("value = 36.5"),
        "the other values stay:\n{written}"
    );

    // Bad cells are reported where they are, and nothing is written.
    let bad = out.path().join("bad.xlsx");
    filled(
        &blank,
        &bad,
        "xl/worksheets/sheet2.xml",
        &[("I5", "about 90", false)],
    );
    let bad_full = out.path().join("bad-full.xlsx");
    filled(
        &bad,
        &bad_full,
        "xl/worksheets/sheet3.xml",
        &[("I3", "soon", false)],
    );
    let before = std::fs::read(&toml_path).expect("file");
    let (code, stderr) = plan(&["import", "2025", bad_full.to_str().expect("path"), dir]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("`about 90` is not a number") && stderr.contains("cell Indicators!I5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`soon` is not a measure status") && stderr.contains("cell Measures!I3"),
        "{stderr}"
    );
    insta::assert_snapshot!(
        "import_bad_cells",
        stderr.replace(out_dir, "<out>").replace(dir, "<plan>")
    );
    assert_eq!(std::fs::read(&toml_path).expect("file"), before);
}

#[test]
fn exports_carry_the_reported_years() {
    let out = tempfile::tempdir().expect("folder");
    let dir = fixture("monitoring");
    let (code, stderr) = plan(&[
        "export",
        dir.to_str().expect("path"),
        "--format",
        "json",
        "-o",
        out.path().to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("plan.json")).expect("JSON"))
            .expect("parses");
    // The element of `list` whose `key` is `value`.
    let find = |list: &serde_json::Value, key: &str, value: serde_json::Value| {
        list.as_array()
            .and_then(|items| items.iter().find(|i| i[key] == value))
            .unwrap_or_else(|| panic!("no {key} {value} in {list}"))
            .clone()
    };
    let indicator = find(&json["indicators"], "id", "pipe-bursts".into());
    let y2024 = find(&indicator["actual"], "year", 2024.into());
    assert_eq!(y2024["value"], 20.0);
    assert_eq!(y2024["achievement"], 114.1);
    assert_eq!(y2024["status"], "on-track");
    // A product indicator of a measure that had not started (pipe renewal begins in 2023)
    // has no target in 2022, rather than being off track on the path from its baseline.
    let renewed = find(&json["indicators"], "id", "pipes-renewed".into());
    let y2022 = find(&renewed["actual"], "year", 2022.into());
    assert_eq!(y2022["status"], "no-target");
    assert_eq!(y2022["target"], serde_json::Value::Null);
    let measure = find(&json["measures"], "id", "district-heating".into());
    let y2024 = find(&measure["progress"], "year", 2024.into());
    assert_eq!(y2024["status"], "delayed");
    assert_eq!(y2024["spent"]["MB"], 90.0);
    assert_eq!(y2024["planned"]["EU"], 500.0);

    // A diff sees a changed value.
    let changed = tempfile::tempdir().expect("folder");
    copy_dir(&dir, changed.path());
    let file = changed.path().join("monitoring/2024.toml");
    let text = std::fs::read_to_string(&file).expect("file").replace(
        "id = \"homes-connected\"\nvalue = 80",
        "id = \"homes-connected\"\nvalue = 95",
    );
    std::fs::write(&file, text).expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_plan"))
        .args([
            "diff",
            dir.to_str().expect("path"),
            changed.path().to_str().expect("path"),
        ])
        .env("NO_COLOR", "1")
        .output()
        .expect("run plan");
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains(
            "2024 · P-1.1.2-1 Homes connected to district heating: actual value: 80 → 95"
        ),
        "{shown}"
    );
}

#[test]
fn a_chapter_of_an_earlier_report_quotes_its_own_year() {
    let out = build_ok(&fixture("monitoring"));
    let text = pdf_text(&out.path().join("report-2023.pdf"));
    // 2023, targets on the straight paths: schools-with-pumps 3 against 0 + 4·2/3 = 2.7 and
    // forms-online 25 against 2 + 23·2/3 = 17.3 are on track; clean-heat-share 26 against
    // 18 + 12·3/4 = 27 and the rest are not (EXPECTED.md). online-forms was done.
    assert!(
        text.contains("In 2023, 2 indicators were on track and 1 measure was done."),
        "{text}"
    );
}

#[test]
fn the_annex_of_changes_lists_reported_values_that_changed() {
    use crate::diff::git;
    let root = tempfile::tempdir().expect("repository");
    let dir = root.path().join("plan");
    copy_dir(&fixture("monitoring"), &dir);
    // The report's parts and a strategic part, so the annex has a document to go into.
    let toml = dir.join("plan.toml");
    let text = std::fs::read_to_string(&toml).expect("plan.toml");
    std::fs::write(
        &toml,
        text.replace(
            "\"chapters/report.md\",\n",
            "\"chapters/report.md\", \"@strategy\",\n",
        ),
    )
    .expect("write");
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(root.path(), &["add", "-A"]);
    git(root.path(), &["commit", "-q", "-m", "Report 2024"]);
    let file = dir.join("monitoring/2024.toml");
    let text = std::fs::read_to_string(&file).expect("file");
    std::fs::write(
        &file,
        text.replace("status = \"delayed\"", "status = \"in-progress\""),
    )
    .expect("write");
    git(root.path(), &["commit", "-q", "-am", "Works resumed"]);

    let out = tempfile::tempdir().expect("output");
    let (code, stderr) = plan(&[
        "build",
        dir.to_str().expect("path"),
        "-o",
        out.path().to_str().expect("path"),
        "--changes-since",
        "HEAD~1",
        "--document",
        "report-2024",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let text = pdf_text(&out.path().join("report-2024.pdf"));
    assert!(text.contains("Monitoring data changed"), "{text}");
    assert!(
        text.contains("2024 1.1.2 Connect homes to district heating status: Delayed → In progress"),
        "{text}"
    );
}
