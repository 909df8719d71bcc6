//! Values kept and judged rightly (issue 34): a value that moved the wrong way is off track
//! whatever the rule; a measure marked done is measured against what it was to deliver.
//! Each test starts from the `monitoring` fixture (tests/fixtures/monitoring/EXPECTED.md).

use crate::common::{build, copy_dir, fixture, json_export, render};

/// A copy of the `monitoring` fixture with `from` replaced by `to` in `file` (and
/// `[monitoring] rule = <rule>` added when given).
fn monitoring(file: &str, from: &str, to: &str, rule: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("monitoring"), dir.path());
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).expect("fixture file");
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write fixture");
    if let Some(rule) = rule {
        let path = dir.path().join("plan.toml");
        let mut toml = std::fs::read_to_string(&path).expect("plan.toml");
        toml.push_str(&format!("\n[monitoring]\nrule = {rule}\n"));
        std::fs::write(&path, toml).expect("write plan.toml");
    }
    dir
}

/// The status of indicator `id` in 2024 in the JSON export.
fn status_2024(dir: &std::path::Path, id: &str) -> String {
    let json = json_export(dir);
    let indicator = json["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"] == id)
        .expect("the indicator")
        .clone();
    let year = indicator["actual"]
        .as_array()
        .and_then(|a| a.iter().find(|y| y["year"] == 2024))
        .expect("2024 in the export")
        .clone();
    year["status"].as_str().expect("status").to_string()
}

#[test]
fn a_value_below_the_baseline_of_a_rising_indicator_is_off_track() {
    // water-quality should rise from 91 (2020) to 95 in 2024; 90 is 94,7 % of the target,
    // "lagging" by a lenient rule against the target, but it moved the wrong way.
    let rule = r#"{ against = "target", on-track = 100, lagging = 75 }"#;
    let dir = monitoring(
        "monitoring/2024.toml",
        "id = \"water-quality\"\nvalue = 96",
        "id = \"water-quality\"\nvalue = 90",
        Some(rule),
    );
    assert_eq!(status_2024(dir.path(), "water-quality"), "off-track");
    // And for one that should fall: pm10-days from 42 to 30; 43 is 69,8 % of the target by
    // a rule lagging from 60 %.
    let rule = r#"{ against = "target", on-track = 100, lagging = 60 }"#;
    let dir = monitoring(
        "monitoring/2024.toml",
        "value = 33\n",
        "value = 43\n",
        Some(rule),
    );
    assert_eq!(status_2024(dir.path(), "pm10-days"), "off-track");
    // Not moved at all is still judged by the rule: 42 is 71,4 % of the target.
    let dir = monitoring(
        "monitoring/2024.toml",
        "value = 33\n",
        "value = 42\n",
        Some(rule),
    );
    assert_eq!(status_2024(dir.path(), "pm10-days"), "lagging");
}

#[test]
fn a_measure_done_short_of_what_it_was_to_deliver_is_flagged() {
    // heat-pumps (2022–2025) has 4 schools with heat pumps in 2024, its 2024 target, but
    // the measure was to deliver 6 (its indicator's target for 2027, the first at or after
    // its end): marked done, it is flagged.
    let dir = monitoring(
        "monitoring/2024.toml",
        "id = \"heat-pumps\"\nstatus = \"in-progress\"",
        "id = \"heat-pumps\"\nstatus = \"done\"",
        None,
    );
    let (_out, _outcome, sources, diags) = build(dir.path());
    let below: Vec<String> = diags
        .iter()
        .filter(|d| d.code == "done-below-target")
        .map(|d| {
            let related: Vec<&str> = d.related.iter().map(|r| r.1.as_str()).collect();
            format!("{} | {}", d.message, related.join(" | "))
        })
        .collect();
    assert_eq!(
        below,
        [
            "measure `heat-pumps` is done, but its product indicator `schools-with-pumps` has not reached what the measure was to deliver | 4 against its target of 6 for 2027"
        ],
        "{}",
        render(&sources, &diags)
    );
}
