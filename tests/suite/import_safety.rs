//! `plan import` never writes what the plan then rejects, never drops a value, never
//! panics, and costs little whatever the workbook claims (issue 29, items 3 and 5). Each
//! workbook is the one `plan export --collect` writes, changed "as another program would"
//! with the helpers of `monitoring.rs`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common::{copy_dir, fixture};
use crate::monitoring::{filled, plan, unzip, zip_to};

const INDICATORS: &str = "xl/worksheets/sheet2.xml";
const MEASURES: &str = "xl/worksheets/sheet3.xml";

/// A copy of the monitoring fixture and the blank 2025 workbook exported from it.
struct Setup {
    plan: tempfile::TempDir,
    out: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        Setup::edited(|_| {})
    }

    /// The fixture, changed by `edit` before the workbook is exported.
    fn edited(edit: impl FnOnce(&Path)) -> Setup {
        Setup::of("monitoring", edit)
    }

    /// A copy of `fixture`, changed by `edit` before the workbook is exported.
    fn of(fixture_name: &str, edit: impl FnOnce(&Path)) -> Setup {
        let setup = Setup {
            plan: tempfile::tempdir().expect("folder"),
            out: tempfile::tempdir().expect("folder"),
        };
        copy_dir(&fixture(fixture_name), setup.plan.path());
        edit(setup.plan.path());
        let (code, stderr) = plan(&[
            "export",
            setup.dir(),
            "--collect",
            "2025",
            "--format",
            "xlsx",
            "-o",
            setup.out.path().to_str().expect("UTF-8 path"),
        ]);
        assert_eq!(code, 0, "{stderr}");
        setup
    }

    fn dir(&self) -> &str {
        self.plan.path().to_str().expect("UTF-8 path")
    }

    fn blank(&self) -> PathBuf {
        self.out.path().join("collect-2025.xlsx")
    }

    fn monitoring(&self) -> PathBuf {
        self.plan.path().join("monitoring/2025.toml")
    }

    /// The blank workbook with cells filled in on the indicator and measure sheets.
    fn workbook(
        &self,
        name: &str,
        indicators: &[(&str, &str, bool)],
        measures: &[(&str, &str, bool)],
    ) -> PathBuf {
        let half = self.out.path().join(format!("half-{name}"));
        filled(&self.blank(), &half, INDICATORS, indicators);
        let full = self.out.path().join(name);
        filled(&half, &full, MEASURES, measures);
        full
    }

    /// The blank workbook with one part's XML changed.
    fn rewritten(&self, name: &str, part: &str, change: impl FnOnce(String) -> String) -> PathBuf {
        let mut parts = unzip(&self.blank());
        let found = parts
            .iter_mut()
            .find(|(n, _)| n == part)
            .unwrap_or_else(|| panic!("no {part}"));
        found.1 = change(String::from_utf8(found.1.clone()).expect("XML")).into_bytes();
        let to = self.out.path().join(name);
        zip_to(&to, &parts);
        to
    }

    fn import(&self, workbook: &Path) -> (i32, String) {
        plan(&[
            "import",
            "2025",
            workbook.to_str().expect("path"),
            self.dir(),
        ])
    }
}

/// An empty cell's address on a sheet of the blank workbook: the row of `id`, in `column`.
fn cell_of(setup: &Setup, sheet: &str, id: &str, column: &str) -> String {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(setup.blank()).expect("workbook");
    let range = book.worksheet_range(sheet).expect("sheet");
    let row = (0..range.height())
        .find(|r| {
            range
                .get_value((*r as u32, 0))
                .is_some_and(|v| *v == calamine::Data::String(id.into()))
        })
        .unwrap_or_else(|| panic!("no row {id}"));
    format!("{column}{}", row + 1)
}

fn assert_nothing_written(code: i32, stderr: &str) {
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
}

#[test]
fn what_the_plan_would_reject_is_reported_at_its_cells_and_not_written() {
    let setup = Setup::new();
    let workbook = setup.workbook(
        "rejected.xlsx",
        // A control character in a note (written as Excel escapes it).
        &[("J3", "before_x0007_after", false)],
        // Spent filled without a status; an amount beyond what money can hold.
        &[
            ("K2", "100", true),
            ("I3", "Done", false),
            ("L3", "92000000000000000", true),
        ],
    );
    let (code, stderr) = setup.import(&workbook);
    assert_nothing_written(code, &stderr);
    assert!(!setup.monitoring().exists(), "{stderr}");
    for cell in ["cell Measures!I2", "cell Indicators!J3", "cell Measures!L3"] {
        assert!(stderr.contains(cell), "{cell} missing:\n{stderr}");
    }
    assert!(
        stderr.contains("the row of `heat-pumps` has values but no status"),
        "{stderr}"
    );
    assert!(stderr.contains("this amount is too large"), "{stderr}");
    assert!(!stderr.contains("there is no monitoring"), "{stderr}");
}

#[test]
fn an_id_typed_with_combining_accents_is_the_entry_already_there() {
    let setup = Setup::edited(|dir| {
        for file in [
            "strategy/a-green.toml",
            "monitoring/2022.toml",
            "monitoring/2023.toml",
            "monitoring/2024.toml",
        ] {
            let path = dir.join(file);
            let text = std::fs::read_to_string(&path).expect("file");
            std::fs::write(&path, text.replace("water-quality", "vandens-kokybė")).expect("write");
        }
        // The file holds the id in NFD (e and a combining dot above), as some tools write.
        std::fs::write(
            dir.join("monitoring/2025.toml"),
            "[[indicator]]\nid = \"vandens-kokybe\u{307}\"\nnote = \"Sampled in May.\"\n",
        )
        .expect("write");
    });
    let cell = cell_of(&setup, "Indicators", "vandens-kokybė", "I");
    let workbook = setup.rewritten("nfd.xlsx", INDICATORS, |xml| {
        let mut xml = xml;
        crate::monitoring::fill(&mut xml, &cell, "93", true);
        xml
    });
    let (code, stderr) = setup.import(&workbook);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(setup.monitoring()).expect("file");
    assert_eq!(written.matches("[[indicator]]").count(), 1, "{written}");
    assert!(written.contains("value = 93"), "{written}");
    assert!(
        !stderr.contains("reported-twice") && !stderr.contains("twice"),
        "{stderr}"
    );
}

#[test]
fn values_on_a_sheet_that_cannot_be_read_are_refused_not_dropped() {
    let setup = Setup::new();
    let renamed = setup.rewritten("renamed.xlsx", "xl/workbook.xml", |xml| {
        xml.replace("name=\"Measures\"", "name=\"Measures (2)\"")
    });
    let (code, stderr) = setup.import(&renamed);
    assert_nothing_written(code, &stderr);
    assert!(stderr.contains("has no sheet \"Measures\""), "{stderr}");
    assert!(stderr.contains("\"Measures (2)\""), "{stderr}");

    // A formula whose value the file does not hold is not an empty cell.
    let formula = setup.rewritten("formula.xlsx", INDICATORS, |xml| {
        let start = xml.find("<c r=\"I2\" ").expect("cell I2");
        let end = start + xml[start..].find("/>").expect("empty cell");
        let style = xml[start..end].to_string();
        xml.replacen(
            &format!("{style}/>"),
            &format!("{style}><f>40-12</f></c>"),
            1,
        )
    });
    let (code, stderr) = setup.import(&formula);
    assert_nothing_written(code, &stderr);
    assert!(
        stderr.contains("formula whose value the workbook does not hold")
            && stderr.contains("cell Indicators!I2"),
        "{stderr}"
    );
    assert!(!setup.monitoring().exists());
}

#[test]
fn thousands_separators_follow_the_plan_s_language() {
    let setup = Setup::new();
    let workbook = setup.workbook("thousands.xlsx", &[("I2", "1,690", false)], &[]);
    let (code, stderr) = setup.import(&workbook);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(setup.monitoring()).expect("file");
    assert!(written.contains("value = 1690"), "{written}");

    let ambiguous = setup.workbook("ambiguous.xlsx", &[("I3", "1234,567", false)], &[]);
    let before = std::fs::read(setup.monitoring()).expect("file");
    let (code, stderr) = setup.import(&ambiguous);
    assert_nothing_written(code, &stderr);
    assert!(
        stderr.contains("`1234,567` can be read as two different numbers")
            && stderr.contains("cell Indicators!I3"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(setup.monitoring()).expect("file"), before);
}

#[test]
fn inline_entries_and_a_false_string_count_do_not_panic() {
    let setup = Setup::new();
    std::fs::write(
        setup.monitoring(),
        "indicator = [{ id = \"pm10-days\", note = \"Counted twice.\" }]\n",
    )
    .expect("write");
    let workbook = setup.workbook(
        "inline.xlsx",
        &[("I2", "28", true), ("I3", "36", true)],
        &[],
    );
    let (code, stderr) = setup.import(&workbook);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(setup.monitoring()).expect("file");
    assert!(written.starts_with("indicator = [{"), "{written}");
    let table: toml::Table = written.parse().expect("TOML");
    let entries = table["indicator"].as_array().expect("inline array");
    assert_eq!(entries.len(), 2, "{written}");
    assert_eq!(entries[0]["value"].as_integer(), Some(28), "{written}");
    assert_eq!(
        entries[0]["note"].as_str(),
        Some("Counted twice."),
        "{written}"
    );
    assert_eq!(entries[1]["value"].as_integer(), Some(36), "{written}");

    let before = std::fs::read(setup.monitoring()).expect("file");
    let strings = setup.rewritten("strings.xlsx", "xl/sharedStrings.xml", |xml| {
        let start = xml.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
        let end = start + xml[start..].find('"').expect("quote");
        format!("{}1000000000000000000{}", &xml[..start], &xml[end..])
    });
    let (code, stderr) = setup.import(&strings);
    assert_nothing_written(code, &stderr);
    assert!(stderr.contains("more than the part can hold"), "{stderr}");
    assert_eq!(std::fs::read(setup.monitoring()).expect("file"), before);
}

#[test]
fn far_cells_and_zip_bombs_cost_little() {
    let setup = Setup::new();
    // One cell at the sheet's far corner, and one far down an input column.
    let far = setup.rewritten("far.xlsx", INDICATORS, |xml| {
        let xml = regex_free_dimension(&xml, "A1:XFD1048576");
        xml.replace(
            "</sheetData>",
            "<row r=\"1048575\"><c r=\"I1048575\"><v>5</v></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row></sheetData>",
        )
    });
    let start = Instant::now();
    let (code, stderr) = setup.import(&far);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    assert_nothing_written(code, &stderr);
    assert!(
        stderr.contains("a row without an indicator id holds a value")
            && stderr.contains("cell Indicators!I1048575"),
        "{stderr}"
    );

    // A part that inflates to 80 MiB from a few hundred kilobytes.
    let mut parts = unzip(&setup.blank());
    parts.push(("xl/media/padding.xml".into(), vec![b' '; 80 * 1024 * 1024]));
    let bomb = setup.out.path().join("bomb.xlsx");
    zip_to(&bomb, &parts);
    assert!(std::fs::metadata(&bomb).expect("bomb").len() < 2 * 1024 * 1024);
    let start = Instant::now();
    let (code, stderr) = setup.import(&bomb);
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
    assert_nothing_written(code, &stderr);
    assert!(
        stderr.contains("its part `xl/media/padding.xml` is larger than 64 MiB uncompressed"),
        "{stderr}"
    );
    assert!(!setup.monitoring().exists());
}

/// The sheet's XML with its declared dimension replaced.
fn regex_free_dimension(xml: &str, dimension: &str) -> String {
    let start = xml.find("<dimension ref=\"").expect("dimension") + "<dimension ref=\"".len();
    let end = start + xml[start..].find('"').expect("quote");
    format!("{}{dimension}{}", &xml[..start], &xml[end..])
}

#[cfg(unix)]
#[test]
fn a_monitoring_folder_leading_out_of_the_plan_is_refused_before_writing() {
    // A plan without monitoring files yet, whose `monitoring` leads to an empty folder
    // elsewhere: nothing there for the plan's own check to refuse.
    let outside = tempfile::tempdir().expect("folder");
    let setup = Setup::of("basic", |dir| {
        std::os::unix::fs::symlink(outside.path(), dir.join("monitoring")).expect("symlink");
    });
    let workbook = setup.workbook("linked.xlsx", &[("I2", "28", true)], &[]);
    let (code, stderr) = setup.import(&workbook);
    assert_nothing_written(code, &stderr);
    assert!(stderr.contains("leads outside the plan folder"), "{stderr}");
    assert!(!outside.path().join("2025.toml").exists());
}

#[test]
fn conflicts_and_bad_cells_are_reported_in_one_run() {
    let setup = Setup::new();
    let original = "[[indicator]]\nid = \"pm10-days\"\nvalue = 28\n";
    std::fs::write(setup.monitoring(), original).expect("write");
    let workbook = setup.workbook(
        "both.xlsx",
        &[("I2", "29", true), ("I5", "about 90", false)],
        &[],
    );
    let (code, stderr) = setup.import(&workbook);
    assert_nothing_written(code, &stderr);
    assert!(stderr.contains("already has value = 28"), "{stderr}");
    assert!(stderr.contains("`about 90` is not a number"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(setup.monitoring()).expect("file"),
        original
    );
}

#[test]
fn line_endings_and_comments_are_kept() {
    let setup = Setup::new();
    let original = "# Values of 2025, as the department sent them.\r\n\r\n[[indicator]]\r\nid = \"pm10-days\"\r\nvalue = 28\r\n\r\n# clean-heat-share: waiting for the utility's figures\r\n";
    std::fs::write(setup.monitoring(), original).expect("write");
    let workbook = setup.workbook("crlf.xlsx", &[("I3", "36", true)], &[]);
    let (code, stderr) = setup.import(&workbook);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(setup.monitoring()).expect("file");
    assert!(written.starts_with(original), "{written:?}");
    assert!(written.contains("value = 36"), "{written:?}");
    assert_eq!(
        written.matches('\n').count(),
        written.matches("\r\n").count(),
        "{written:?}"
    );
}

#[test]
fn two_imports_at_once_keep_both_values() {
    let setup = Setup::new();
    let first = setup.workbook("first.xlsx", &[("I2", "28", true)], &[]);
    let second = setup.workbook("second.xlsx", &[("I3", "36", true)], &[]);
    let spawn = |workbook: &Path, fault: &str| {
        Command::new(env!("CARGO_BIN_EXE_plan"))
            .args([
                "import",
                "2025",
                workbook.to_str().expect("path"),
                setup.dir(),
            ])
            .env("NO_COLOR", "1")
            .env("PLAN_FAULT", fault)
            .spawn()
            .expect("run plan")
    };
    // The first holds the file for a second between reading and writing it; the second
    // starts while it does.
    let mut a = spawn(&first, "pause:import");
    std::thread::sleep(Duration::from_millis(300));
    let mut b = spawn(&second, "");
    assert!(a.wait().expect("wait").success());
    assert!(b.wait().expect("wait").success());
    let written = std::fs::read_to_string(setup.monitoring()).expect("file");
    assert!(
        written.contains("value = 28") && written.contains("value = 36"),
        "{written}"
    );
}

#[test]
fn escape_sequences_in_cells_are_printed_escaped() {
    let setup = Setup::new();
    let workbook = setup.rewritten("escape.xlsx", INDICATORS, |xml| {
        xml.replace(
            "</sheetData>",
            "<row r=\"900\"><c r=\"A900\" t=\"inlineStr\"><is><t>hidden_x001B_[1A_x001B_[2K</t></is></c></row></sheetData>",
        )
    });
    let (code, stderr) = setup.import(&workbook);
    assert_nothing_written(code, &stderr);
    assert!(
        stderr.contains("unknown indicator `hidden␛[1A␛[2K`"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
}
