//! Development scenarios (`[[scenario]]` in analysis.toml) and `@scenarios`: the part shows
//! every scenario, its assumptions and its projections beside the plan's targets; the
//! chosen scenario is checked against the targets, and every mistake is reported where it
//! is written.

use crate::common::{build_ok, check, copy_of_basic, pdf_text};

/// Three scenarios for the `basic` fixture's indicators: `pm10-days` (targets 2024 = 30,
/// 2027 = 20) and `clean-heat-share` (2024 = 30, 2027 = 45). The chosen one follows the
/// targets.
const SCENARIOS: &str = r#"
[[scenario]]
id = "trend"
name = "Trend"
assumptions = "Traffic keeps growing by *2 %* a year."
projections = { pm10-days = { 2024 = 38, 2027 = 35 } }

[[scenario]]
id = "measures"
name = "Measures"
chosen = true
assumptions = "Every measure of the plan is carried out."
projections = { pm10-days = { 2024 = 30, 2027 = 20 }, clean-heat-share = { 2027 = 45 } }

[[scenario]]
id = "best"
name = "Best case"
projections = { pm10-days = { 2024 = 27.5, 2027 = 15 }, clean-heat-share = { 2027 = 47.5 } }
"#;

/// A copy of `basic` with `scenarios` in its analysis.toml and `@scenarios` after `@swot`.
fn scenario_plan(scenarios: &str) -> tempfile::TempDir {
    let dir = copy_of_basic();
    let analysis = dir.path().join("analysis.toml");
    let old = std::fs::read_to_string(&analysis).expect("read analysis.toml");
    std::fs::write(&analysis, old + scenarios).expect("write analysis.toml");
    let plan = dir.path().join("plan.toml");
    let old = std::fs::read_to_string(&plan).expect("read plan.toml");
    assert!(old.contains("\"@swot\", "));
    std::fs::write(
        &plan,
        old.replacen("\"@swot\", ", "\"@swot\", \"@scenarios\", ", 1),
    )
    .expect("write plan.toml");
    dir
}

#[test]
fn the_part_shows_each_scenario_and_its_projections_beside_the_targets() {
    let dir = scenario_plan(SCENARIOS);
    assert_eq!(
        check(dir.path()),
        "",
        "a plan following its chosen scenario is clean"
    );
    let out = build_ok(dir.path());
    let text = crate::common::normalize(&pdf_text(&out.path().join("plan.pdf")));
    for expected in [
        "Development scenarios",
        "Trend",
        "Traffic keeps growing by 2 % a year.",
        "Measures (chosen)",
        "Every measure of the plan is carried out.",
        "Best case",
        "The scenarios' projections and the plan's targets",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Each year's row: the year, each scenario's projection (a dash where one projects
    // nothing), the target; all of an indicator's values with one number of decimals.
    // A line chart per projected indicator: a line per scenario and one of the targets,
    // each from the baseline; its alternative text states every value.
    for caption in [
        "E-1-1 Days with PM10 above the limit: the scenarios' projections and the targets",
        "R-1.1-1 Share of buildings heated without fossil fuels: the scenarios' projections",
    ] {
        assert!(text.contains(caption), "{caption:?} missing from:\n{text}");
    }
    let alts = crate::common::alts(&out.path().join("plan.pdf"));
    let expected = "Trend: 2020 42.0; 2024 38.0; 2027 35.0. Measures: 2020 42.0; 2024 30.0; 2027 20.0. Best case: 2020 42.0; 2024 27.5; 2027 15.0. Target: 2020 42.0; 2024 30.0; 2027 20.0";
    assert!(alts.iter().any(|a| a == expected), "{alts:#?}");
    for row in [
        "2020 (baseline) 42.0 —",
        "2024 38.0 30.0 27.5 30.0",
        "2027 35.0 20.0 15.0 20.0",
        "2027 — 45.0 47.5 45.0",
        "2024 — — — 30.0",
    ] {
        assert!(text.contains(row), "row {row:?} missing from:\n{text}");
    }
}

#[test]
fn a_chosen_scenario_that_leaves_the_targets_is_a_warning_at_its_value() {
    let dir = scenario_plan(&SCENARIOS.replace(
        "{ 2024 = 30, 2027 = 20 }, clean",
        "{ 2024 = 30, 2027 = 24 }, clean",
    ));
    let out = check(dir.path());
    assert!(
        out.contains("the chosen scenario `measures` projects 24 for E-1-1"),
        "{out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn an_unknown_indicator_is_an_error_with_the_closest_id() {
    let dir =
        scenario_plan(&SCENARIOS.replace("{ pm10-days = { 2024 = 38", "{ pm10-day = { 2024 = 38"));
    insta::assert_snapshot!(check(dir.path()));
}

#[test]
fn two_chosen_scenarios_are_an_error_and_none_chosen_a_warning() {
    let two = scenario_plan(&SCENARIOS.replace("id = \"best\"", "id = \"best\"\nchosen = true"));
    insta::assert_snapshot!("two_chosen", check(two.path()));
    let none = scenario_plan(&SCENARIOS.replace("chosen = true\n", ""));
    insta::assert_snapshot!("none_chosen", check(none.path()));
}

#[test]
fn a_projection_outside_the_period_or_empty_is_reported() {
    let dir = scenario_plan(
        &SCENARIOS
            .replace("{ 2024 = 27.5, 2027 = 15 }", "{ 2024 = 27.5, 2031 = 15 }")
            .replace("{ 2027 = 47.5 }", "{}"),
    );
    insta::assert_snapshot!(check(dir.path()));
}

#[test]
fn the_part_without_scenarios_is_a_warning() {
    let dir = scenario_plan("");
    let out = check(dir.path());
    assert!(out.contains("describes no scenario"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn the_json_export_carries_the_scenarios() {
    let dir = scenario_plan(SCENARIOS);
    let json = crate::common::json_export(dir.path());
    let scenarios = json["scenarios"].as_array().expect("scenarios");
    let ids: Vec<&str> = scenarios.iter().filter_map(|s| s["id"].as_str()).collect();
    assert_eq!(ids, ["trend", "measures", "best"]);
    let chosen = &scenarios[1];
    assert_eq!(chosen["chosen"], true);
    assert_eq!(
        chosen["assumptions"],
        "Every measure of the plan is carried out."
    );
    assert_eq!(chosen["projections"]["pm10-days"]["2027"], 20.0);
    assert_eq!(
        scenarios[2]["projections"]["clean-heat-share"]["2027"],
        47.5
    );
    assert_eq!(scenarios[2]["assumptions"], serde_json::Value::Null);
}

/// `plan diff` reports a scenario whose projections or choice changed, before and after.
#[test]
fn diff_reports_a_changed_scenario() {
    use crate::diff::{git, plan_diff};
    let plan = scenario_plan(SCENARIOS);
    let root = tempfile::tempdir().expect("repository");
    crate::common::copy_dir(plan.path(), &root.path().join("plan"));
    git(root.path(), &["init", "-q", "-b", "main"]);
    git(root.path(), &["add", "-A"]);
    git(root.path(), &["commit", "-q", "-m", "First"]);
    let analysis = root.path().join("plan/analysis.toml");
    let text = std::fs::read_to_string(&analysis).expect("read");
    let text = text.replace("{ 2024 = 38, 2027 = 35 }", "{ 2024 = 38, 2027 = 33 }");
    std::fs::write(&analysis, text).expect("write");
    let out = plan_diff(root.path(), &["plan"]);
    assert!(
        out.contains("Trend. Traffic keeps growing by *2 %* a year. pm10-days 2024: 38, 2027: 35")
            && out.contains("pm10-days 2024: 38, 2027: 33"),
        "{out}"
    );
    assert!(
        !out.contains("Measures (chosen)"),
        "only the changed scenario:\n{out}"
    );
}
