//! The report's judging rule as the plan declares it (`[monitoring] rule`), applied in the
//! report's tables, its summary, its facts and the JSON export, and stated in its words; a
//! value that moved away from the target beyond the baseline said in words in the PDF and
//! in Word; and the warning for an indicator card that would print dashes. The expected
//! statuses are worked out by hand from tests/fixtures/monitoring/EXPECTED.md.

use std::path::Path;

use crate::common::{
    build_with, copy_dir, copy_of_basic, fixture, json_export, normalize, pdf_text, render,
};
use crate::docx::{parts, text as docx_text, xml};
use plan::diag::{Diagnostics, Sources};
use plan::{FileFormat, Outcome};

/// A copy of the `monitoring` fixture with `rule` (the inline table) as its judging rule.
fn with_rule(rule: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("monitoring"), dir.path());
    let path = dir.path().join("plan.toml");
    let mut toml = std::fs::read_to_string(&path).expect("plan.toml");
    toml.push_str(&format!("\n[monitoring]\nrule = {rule}\n"));
    std::fs::write(&path, toml).expect("write plan.toml");
    dir
}

/// Builds `dir` as PDF and Word, with no diagnostic at all.
fn built(dir: &Path) -> tempfile::TempDir {
    let (out, outcome, sources, diags) = build_with(dir, |o| {
        o.formats = vec![FileFormat::Pdf, FileFormat::Docx];
    });
    assert!(
        matches!(outcome, Outcome::Built(_)) && diags.is_empty(),
        "{}",
        render(&sources, &diags)
    );
    out
}

/// The statuses of the JSON export's indicators in 2024, by id.
fn statuses_2024(dir: &Path) -> Vec<(String, String)> {
    let json = json_export(dir);
    let mut out = Vec::new();
    for i in json["indicators"].as_array().expect("indicators") {
        let year = i["actual"]
            .as_array()
            .and_then(|a| a.iter().find(|y| y["year"] == 2024))
            .expect("2024 in the export");
        out.push((
            i["id"].as_str().expect("id").to_string(),
            year["status"].as_str().expect("status").to_string(),
        ));
    }
    out
}

#[test]
fn the_rule_against_the_target_judges_as_declared() {
    // Against the target, on track from 90 %, lagging from 65 %: pm10-days (down) 30/33 =
    // 90.9 % on track (75 % of the way: lagging by default), online-share 47/50 = 94.0 %
    // on track, homes-connected 80/120 = 66.7 % lagging, pipes-renewed 2.1/3.5 = 60.0 % off
    // track; the other five reported are at or above their targets.
    let dir = with_rule(r#"{ against = "target", on-track = 90, lagging = 65 }"#);
    let out = built(dir.path());
    let text = pdf_text(&out.path().join("report-2024.pdf"));
    for said in [
        "Achieved is the actual value as a share of the target (for an indicator meant to fall, the target as a share of the actual value). An indicator counts as on track when it has achieved at least 90 %, as lagging from 65 %, otherwise as off track.",
        "Days with PM10 above the limit days 42 (2020) 30 33 90.9 % On track",
        "80 66.7 % Lagging",
        "2.1 60.0 % Off track",
        // The chapter's facts count by the same rule.
        "9 have an actual value for 2024: 7 are on track, 1 are lagging and 1 are off track.",
        // And so does the summary.
        "On track 7 70.0 % Lagging 1 10.0 % Off track 1 10.0 % No data 1 10.0 % Total 10",
    ] {
        assert!(text.contains(said), "{said:?} missing in:\n{text}");
    }
    let json = json_export(dir.path());
    assert_eq!(
        json["rule"],
        serde_json::json!({ "against": "target", "on-track": 90.0, "lagging": 65.0 })
    );
    let statuses = statuses_2024(dir.path());
    let of = |id: &str| {
        statuses
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, s)| s.as_str())
    };
    assert_eq!(of("pm10-days"), Some("on-track"));
    assert_eq!(of("homes-connected"), Some("lagging"));
    assert_eq!(of("pipes-renewed"), Some("off-track"));
    // The Word edition states the same rule.
    let document = xml(
        &parts(&out.path().join("report-2024.docx")),
        "word/document.xml",
    );
    let doc = roxmltree::Document::parse(&document).expect("XML");
    let words = normalize(&docx_text(doc.root()));
    assert!(
        words.contains("An indicator counts as on track when it has achieved at least 90"),
        "{words}"
    );
}

#[test]
fn the_rule_along_the_way_from_the_baseline_takes_its_thresholds() {
    // The way from the baseline, on track from 80 %, lagging from 70 %: pm10-days 75.0 %
    // lagging, online-share 90.0 % on track, homes-connected 66.7 % and pipes-renewed
    // 60.0 % off track.
    let dir = with_rule(r#"{ against = "baseline-distance", on-track = 80, lagging = 70 }"#);
    let out = built(dir.path());
    let text = pdf_text(&out.path().join("report-2024.pdf"));
    for said in [
        "An indicator counts as on track when it has come at least 80 % of the way, as lagging from 70 %, otherwise as off track.",
        "Days with PM10 above the limit days 42 (2020) 30 33 75.0 % Lagging",
        "47 90.0 % On track",
        "6 are on track, 1 are lagging and 2 are off track.",
    ] {
        assert!(text.contains(said), "{said:?} missing in:\n{text}");
    }
}

#[test]
fn a_rule_out_of_order_is_located() {
    let dir = with_rule("{ on-track = 60, lagging = 80 }");
    let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
    plan::check(dir.path(), &mut sources, &mut diags);
    let out = render(&sources, &diags);
    assert!(
        out.contains("rule = { on-track = 60, lagging = 80 }"),
        "{out}"
    );
    assert!(
        out.contains("`lagging = 80` is above `on-track = 60`"),
        "{out}"
    );
}

#[test]
fn a_value_moved_away_from_the_target_is_said_in_words() {
    // pm10-days should fall from 42 (2020) to 30; at 45 it rose by 3: (45 − 42) / (30 − 42)
    // = −25 % of the way.
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture("monitoring"), dir.path());
    let path = dir.path().join("monitoring/2024.toml");
    let toml = std::fs::read_to_string(&path).expect("2024.toml");
    let toml = toml.replacen(
        "id = \"pm10-days\"\nvalue = 33",
        "id = \"pm10-days\"\nvalue = 45",
        1,
    );
    assert!(toml.contains("value = 45"));
    std::fs::write(&path, toml).expect("write 2024.toml");
    let out = built(dir.path());
    let said =
        "Moved away from the target: since the baseline (2020) it rose by 3, while it should fall.";
    let text = pdf_text(&out.path().join("report-2024.pdf"));
    assert!(text.contains(said), "{said:?} missing in:\n{text}");
    assert!(text.contains("45 −25.0 % Off track"), "{text}");
    let document = xml(
        &parts(&out.path().join("report-2024.docx")),
        "word/document.xml",
    );
    let doc = roxmltree::Document::parse(&document).expect("XML");
    let words = normalize(&docx_text(doc.root()));
    assert!(
        words.contains(said),
        "{said:?} missing in the Word file:\n{words}"
    );
    // Indicators that moved towards their targets say nothing of it.
    assert_eq!(text.matches("Moved away").count(), 1, "{text}");
}

#[test]
fn a_card_that_would_print_dashes_is_warned_of() {
    let dir = copy_of_basic();
    let plan = dir.path().join("plan.toml");
    let mut toml = std::fs::read_to_string(&plan).expect("plan.toml");
    toml.push_str("\n[[document]]\nid = \"cards\"\ntitle = \"Indicator cards\"\nparts = [\"@indicator-cards\"]\ncards = [\"effect\"]\n");
    std::fs::write(&plan, toml).expect("write plan.toml");
    let strategy = dir.path().join("strategy/a-green.toml");
    let toml = std::fs::read_to_string(&strategy).expect("a-green.toml");
    let toml = toml.replacen(
        "source = \"Environmental Protection Agency\"\n",
        "source = \"Environmental Protection Agency\"\nmethod = \"Days of the year with a daily mean above 50 µg/m³\"\n",
        1,
    );
    std::fs::write(&strategy, toml).expect("write a-green.toml");
    let (mut sources, mut diags) = (Sources::default(), Diagnostics::default());
    plan::check(dir.path(), &mut sources, &mut diags);
    let out = render(&sources, &diags);
    // Only the effect level is printed as cards; pm10-days has its method.
    assert!(!out.contains("clean-heat-share"), "{out}");
    assert!(
        out.contains("the card of indicator `pm10-days` shows a dash for `frequency`, `reporter`"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}
