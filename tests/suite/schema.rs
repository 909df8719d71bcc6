//! `plan schema`: the JSON Schemas an editor (Taplo / Even Better TOML) checks plan files
//! with. Every file of every valid plan passes them; every bad fixture whose mistake a
//! schema can see fails them at the place listed here; the rest are listed as mistakes
//! only `plan check` sees. The files are turned into JSON as Taplo does (dates as strings).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use plan::schema::{self, Kind};

use crate::common::fixture;

/// The bad fixtures a schema sees, with each file and JSON pointer the validator names.
const SEEN: &[(&str, &[(&str, &str)])] = &[
    (
        "bad-direction",
        &[("strategy/a-green.toml", "/goal/0/indicator/0/direction")],
    ),
    ("bad-form", &[("plan.toml", "/plan/form")]),
    ("bad-language", &[("plan.toml", "/plan/language")]),
    ("bad-numbering", &[("plan.toml", "/numbering/priority")]),
    ("bad-status", &[("plan.toml", "/plan/status")]),
    (
        "date-not-plain",
        &[
            ("plan.toml", "/plan/approval/date"),
            ("plan.toml", "/plan/date"),
        ],
    ),
    (
        "funding-year-not-a-year",
        &[("strategy/a-green.toml", "/measure/1/funding/EU")],
    ),
    (
        "investment-project-misspelt",
        &[("strategy/a-green.toml", "/measure/1")],
    ),
    (
        "investment-project-not-a-flag",
        &[("strategy/a-green.toml", "/measure/1/investment-project")],
    ),
    ("missing-field", &[("strategy/b-open.toml", "/measure/0")]),
    (
        "monitoring-bad-status",
        &[("monitoring/2024.toml", "/measure/0/status")],
    ),
    ("monitoring-misspelt-table", &[("monitoring/2024.toml", "")]),
    (
        "monitoring-unread-report",
        &[("monitoring/2024.toml", "/measure/0/status")],
    ),
    (
        "not-a-number",
        &[
            ("monitoring/2024.toml", "/indicator/1/value"),
            (
                "strategy/a-green.toml",
                "/goal/0/indicator/0/baseline/value",
            ),
            (
                "strategy/a-green.toml",
                "/objective/0/indicator/0/targets/2027",
            ),
        ],
    ),
    (
        "one-run-many-files",
        &[
            ("plan.toml", "/vision"),
            ("strategy/a-green.toml", "/measure/0/partners"),
        ],
    ),
    ("strategy-without-priority", &[("strategy/b-open.toml", "")]),
    (
        "swot-item-malformed",
        &[("analysis.toml", "/swot/threats/0")],
    ),
    ("unknown-key-analysis", &[("analysis.toml", "/swot")]),
    (
        "unknown-key-measure",
        &[("strategy/b-open.toml", "/measure/0")],
    ),
    ("unknown-key-plan", &[("plan.toml", "/plan")]),
    ("wrong-type", &[("plan.toml", "/plan/version")]),
];

/// The bad fixtures whose mistake no schema can see: unknown ids, sums, years against the
/// period, Markdown, pictures, templates, missing files. Also `bad-date` (a quoted
/// "2021-11-30": Taplo hands dates to the validator as strings, so it looks like one), and
/// `toml-syntax` and `not-utf8`, which the editor's TOML parser reports, not the schema.
const UNSEEN: &[&str] = &[
    "amount-precision",
    "annex-order",
    "annex-unknown-part",
    "bad-date",
    "bad-picture-width",
    "baseline-after-target",
    "bidi-control",
    "chapter-outside",
    "code-clash",
    "control-character",
    "direction-inconsistent",
    "duplicate-code",
    "duplicate-document-id",
    "duplicate-heading-id",
    "duplicate-id",
    "duplicate-id-across-kinds",
    "empty-action-plan",
    "empty-chapter",
    "empty-structure",
    "empty-title",
    "funding-year-outside-measure",
    "funding-year-outside-plan",
    "image-outside",
    "invalid-code",
    "invalid-heading-id",
    "invalid-id",
    "measure-without-responsible-and-funding",
    "milestone-outside-period",
    "missing-chapter",
    "missing-glyph",
    "missing-image",
    "missing-indicators",
    "missing-logo",
    "missing-plan-toml",
    "monitoring-done-below-target",
    "monitoring-future-year",
    "monitoring-missing-values",
    "monitoring-not-a-year",
    "monitoring-outside-period",
    "monitoring-overspent",
    "monitoring-reported-twice",
    "monitoring-unknown-id",
    "need-mismatch",
    "negative-amount",
    "no-monitoring",
    "no-principles",
    "no-report-year",
    "not-utf8",
    "pdf-no-page",
    "period-outside-plan",
    "period-reversed",
    "plugin-without-opt-in",
    "raw-html",
    "report-dated-early",
    "similar-defined-ids",
    "similar-ids",
    "strategy-unreadable-monitoring",
    "svg-data-picture",
    "table-widths-count",
    "target-outside-period",
    "template-error",
    "template-reads-outside",
    "tied-suggestion",
    "toml-syntax",
    "too-long",
    "undecodable-image",
    "unknown-attribute",
    "unknown-fact",
    "unknown-goal",
    "unknown-group",
    "unknown-higher-goal",
    "unknown-institution",
    "unknown-level",
    "unknown-objective",
    "unknown-part",
    "unknown-partner",
    "unknown-principle",
    "unknown-reference",
    "unknown-reference-in-toml",
    "unknown-source",
    "unknown-swot-item",
    "unsorted-milestones",
    "unused-registry",
];

/// The kind of a plan file by its path in the plan folder; `None` for other TOML files.
fn kind_of(relative: &Path) -> Option<Kind> {
    let parts: Vec<_> = relative.iter().filter_map(|p| p.to_str()).collect();
    match parts.as_slice() {
        ["plan.toml"] => Some(Kind::Plan),
        ["analysis.toml"] => Some(Kind::Analysis),
        ["strategy", name] if name.ends_with(".toml") => Some(Kind::Strategy),
        ["monitoring", name] if name.ends_with(".toml") => Some(Kind::Monitoring),
        _ => None,
    }
}

/// A TOML value as Taplo hands it to the validator: dates as their text.
fn to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => J::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect()),
    }
}

/// The validators, one per kind, as Taplo builds them (draft 7, formats checked).
fn validators() -> Vec<(Kind, jsonschema::Validator)> {
    Kind::ALL
        .iter()
        .map(|&kind| {
            let validator = jsonschema::draft7::options()
                .should_validate_formats(true)
                .build(&schema::schema(kind))
                .expect("the schema is a valid draft 7 schema");
            (kind, validator)
        })
        .collect()
}

/// Every plan file under `dir` (by path relative to it) with the JSON pointers of the
/// validator's complaints; a file TOML cannot read at all is left out (a syntax error is
/// the editor's TOML parser's, not the schema's).
fn complaints(dir: &Path) -> BTreeMap<String, Vec<String>> {
    let validators = validators();
    let mut found = BTreeMap::new();
    for file in toml_files(dir) {
        let relative = file.strip_prefix(dir).expect("under the folder");
        let Some(kind) = kind_of(relative) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(value) = text.parse::<toml::Table>() else {
            continue;
        };
        let json = to_json(toml::Value::Table(value));
        let validator = &validators.iter().find(|(k, _)| *k == kind).expect("kind").1;
        let mut pointers: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| e.instance_path().to_string())
            .collect();
        pointers.sort();
        pointers.dedup();
        let name = relative.to_string_lossy().replace('\\', "/");
        found.insert(name, pointers);
    }
    found
}

fn toml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Asserts that `dir` has plan files and that all of them pass.
fn all_pass(dir: &Path) {
    let found = complaints(dir);
    assert!(
        found.contains_key("plan.toml"),
        "{} has no plan.toml",
        dir.display()
    );
    for (file, pointers) in &found {
        assert!(
            pointers.is_empty(),
            "{}/{file} fails its schema at {pointers:?}",
            dir.display()
        );
    }
}

#[test]
fn the_example_plan_passes() {
    all_pass(&Path::new(env!("CARGO_MANIFEST_DIR")).join("plan"));
}

#[test]
fn every_valid_fixture_plan_passes() {
    let mut plans = 0;
    for entry in std::fs::read_dir(fixture("")).expect("fixtures") {
        let dir = entry.expect("entry").path();
        if dir.file_name().is_some_and(|n| n == "bad") || !dir.join("plan.toml").is_file() {
            continue;
        }
        all_pass(&dir);
        plans += 1;
    }
    assert!(plans >= 8, "only {plans} fixture plans");
}

#[test]
fn both_starters_pass_and_name_their_schemas() {
    for language in [plan::model::Language::Lt, plan::model::Language::En] {
        let dir = tempfile::tempdir().expect("temporary folder");
        let written = plan::init::init(dir.path(), language).expect("init");
        all_pass(dir.path());
        for kind in Kind::ALL {
            let schema = format!("{}/{}", schema::FOLDER, kind.file_name());
            assert!(written.contains(&schema), "init did not write {schema}");
        }
        // Each TOML file starts with its `#:schema` line, and the path resolves from its folder.
        for file in toml_files(dir.path()) {
            let relative = file.strip_prefix(dir.path()).expect("under the plan");
            let kind = kind_of(relative).expect("a plan file");
            let text = std::fs::read_to_string(&file).expect("read");
            let first = text.lines().next().unwrap_or_default();
            assert_eq!(first, kind.directive(), "{}", relative.display());
            let target = first.trim_start_matches("#:schema ");
            let folder = file.parent().expect("folder");
            assert!(
                folder.join(target).is_file(),
                "{target} from {}",
                relative.display()
            );
        }
    }
}

#[test]
fn the_example_plans_schemas_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
    for kind in Kind::ALL {
        let path = dir.join(schema::FOLDER).join(kind.file_name());
        let written = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            written == schema::text(kind),
            "{} is stale: run `plan schema plan`",
            path.display()
        );
    }
    for file in toml_files(&dir) {
        let relative = file.strip_prefix(&dir).expect("under the plan");
        if let Some(kind) = kind_of(relative) {
            let text = std::fs::read_to_string(&file).expect("read");
            assert_eq!(
                text.lines().next(),
                Some(kind.directive().as_str()),
                "{}",
                relative.display()
            );
        }
    }
}

#[test]
fn the_strategy_schema_is_reviewed() {
    insta::assert_snapshot!(schema::text(Kind::Strategy));
}

#[test]
fn bad_fixtures_fail_where_a_schema_can_see_the_mistake() {
    let mut seen = BTreeMap::new();
    let mut unseen = Vec::new();
    for entry in std::fs::read_dir(fixture("bad")).expect("bad fixtures") {
        let dir = entry.expect("entry").path();
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        let failing: Vec<(String, String)> = complaints(&dir)
            .into_iter()
            .flat_map(|(file, pointers)| pointers.into_iter().map(move |p| (file.clone(), p)))
            .collect();
        if failing.is_empty() {
            unseen.push(name);
        } else {
            seen.insert(name, failing);
        }
    }
    unseen.sort();
    let expected_seen: BTreeMap<String, Vec<(String, String)>> = SEEN
        .iter()
        .map(|(name, places)| {
            let places = places
                .iter()
                .map(|(f, p)| (f.to_string(), p.to_string()))
                .collect();
            (name.to_string(), places)
        })
        .collect();
    assert_eq!(seen, expected_seen, "bad fixtures the schema sees");
    assert_eq!(unseen, UNSEEN, "bad fixtures only `plan check` sees");
}

/// A plan whose schemas an older `plan` wrote is told to run `plan schema` (once, whichever
/// file differs); the files `plan schema` writes, also with Windows' line endings as git may
/// check them out, are current; a plan without the folder is not asked to have it.
#[test]
fn outdated_schemas_are_warned_of_until_plan_schema_runs() {
    let dir = tempfile::tempdir().expect("temporary folder");
    plan::init::init(dir.path(), plan::model::Language::En).expect("init");
    let folder = dir.path().join(schema::FOLDER);
    assert!(!crate::common::check(dir.path()).contains("schema-outdated"));

    let strategy = folder.join(Kind::Strategy.file_name());
    let older = std::fs::read_to_string(&strategy)
        .expect("written")
        .replace("\"title\"", "\"name\"");
    std::fs::write(&strategy, older).expect("write");
    std::fs::write(folder.join(Kind::Plan.file_name()), "{}").expect("write");
    insta::assert_snapshot!(crate::common::check(dir.path()));

    schema::write(dir.path()).expect("plan schema");
    let plan = folder.join(Kind::Plan.file_name());
    let crlf = std::fs::read_to_string(&plan)
        .expect("written")
        .replace('\n', "\r\n");
    std::fs::write(&plan, crlf).expect("write");
    assert!(!crate::common::check(dir.path()).contains("schema-outdated"));

    std::fs::remove_dir_all(&folder).expect("remove");
    assert!(!crate::common::check(dir.path()).contains("schema-outdated"));
}
